package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.trackline.client.model.ModelVersion;
import dev.trackline.client.model.RegisteredModel;
import dev.trackline.client.model.RegisteredModelAlias;
import dev.trackline.client.model.RegisteredModelTag;
import dev.trackline.client.model.RegistryAction;
import dev.trackline.client.model.RegistryEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The model registry and its audit trail, against the live server. */
@ExtendWith(LiveServer.class)
class RegistryTest {
  private final TracklineClient client;
  private final URI server;

  RegistryTest(TracklineClient client, URI server) {
    this.client = client;
    this.server = server;
  }

  @Test
  void registeredModelsAndTags() {
    String name = Names.unique("model");
    RegisteredModel created = client.createRegisteredModel(name, Map.of("team", "fraud"), "first");
    assertEquals(name, created.getName());
    assertEquals("first", created.getDescription());

    assertEquals("second", client.updateRegisteredModel(name, "second").getDescription());
    client.setRegisteredModelTag(name, "owner", "ana");
    client.deleteRegisteredModelTag(name, "team");
    RegisteredModel read = client.getRegisteredModel(name);
    assertEquals("second", read.getDescription());
    assertEquals(List.of("owner=ana"), tags(read.getTags()));

    String renamed = name + "-v2";
    assertEquals(renamed, client.renameRegisteredModel(name, renamed).getName());
    TracklineException gone = assertThrows(TracklineException.class, () -> client.getRegisteredModel(name));
    assertEquals("RESOURCE_DOES_NOT_EXIST", gone.getErrorCode());
    assertEquals(404, gone.getHttpStatus());

    String prefix = Names.unique("search");
    for (int i = 0; i < 3; i++) {
      client.createRegisteredModel(prefix + "-" + i);
    }
    Page<RegisteredModel> first =
        client.searchRegisteredModels("name LIKE '" + prefix + "%'", 2, List.of("name DESC"), null);
    assertEquals(List.of(prefix + "-2", prefix + "-1"), names(first.getItems()));
    assertTrue(first.hasNextPage());
    Page<RegisteredModel> second = first.getNextPage();
    assertEquals(List.of(prefix + "-0"), names(second.getItems()));
    assertTrue(!second.hasNextPage());

    TracklineException duplicate =
        assertThrows(TracklineException.class, () -> client.createRegisteredModel(prefix + "-0"));
    assertEquals("RESOURCE_ALREADY_EXISTS", duplicate.getErrorCode());

    client.deleteRegisteredModel(renamed);
    assertThrows(TracklineException.class, () -> client.getRegisteredModel(renamed));
  }

  @Test
  void versionsStagesAndAliases() {
    String name = Names.unique("versions");
    String runId = client.createRun(client.createExperiment(Names.unique("registry"))).getRunId();
    String source = client.getRun(runId).getInfo().getArtifactUri() + "/model";
    client.createRegisteredModel(name);

    ModelVersion v1 = client.createModelVersion(name, source, runId);
    ModelVersion v2 = client.createModelVersion(name, source, runId);
    assertEquals("1", v1.getVersion());
    assertEquals("2", v2.getVersion());
    assertEquals(runId, v1.getRunId());
    assertEquals("None", v1.getCurrentStage());

    assertEquals("tuned", client.updateModelVersion(name, "1", "tuned").getDescription());
    client.setModelVersionTag(name, "1", "validated", "yes");
    client.setModelVersionTag(name, "1", "temp", "x");
    client.deleteModelVersionTag(name, "1", "temp");
    ModelVersion read = client.getModelVersion(name, "1");
    assertEquals("tuned", read.getDescription());
    assertEquals(1, read.getTags().size());
    assertEquals("validated", read.getTags().get(0).getKey());
    assertTrue(client.getModelVersionDownloadUri(name, "1").endsWith("/model"));

    assertEquals("Staging", client.transitionModelVersionStage(name, "1", "Staging", false).getCurrentStage());
    client.transitionModelVersionStage(name, "2", "Staging", true, "replaces 1");
    assertEquals("Archived", client.getModelVersion(name, "1").getCurrentStage());
    List<ModelVersion> latest = client.getLatestVersions(name, List.of("Staging"));
    assertEquals(List.of("2"), latest.stream().map(ModelVersion::getVersion).collect(Collectors.toList()));
    assertEquals(2, client.getLatestVersions(name).size());

    Page<ModelVersion> page = client.searchModelVersions("name = '" + name + "'", 1, List.of("version_number ASC"), null);
    List<String> versions = new ArrayList<>();
    page.iterateAll().forEach(v -> versions.add(v.getVersion()));
    assertEquals(List.of("1", "2"), versions);
    assertEquals(2, client.searchModelVersions("name = '" + name + "'").getPageSize());

    client.setRegisteredModelAlias(name, "champion", "1");
    assertEquals("1", client.getModelVersionByAlias(name, "champion").getVersion());
    client.setRegisteredModelAlias(name, "champion", "2");
    assertEquals("2", client.getModelVersionByAlias(name, "champion").getVersion());
    List<RegisteredModelAlias> aliases = client.getRegisteredModel(name).getAliases();
    assertEquals(1, aliases.size());
    assertEquals("2", aliases.get(0).getVersion());
    client.deleteRegisteredModelAlias(name, "champion");
    TracklineException noAlias =
        assertThrows(TracklineException.class, () -> client.getModelVersionByAlias(name, "champion"));
    assertEquals("INVALID_PARAMETER_VALUE", noAlias.getErrorCode()); // as MLflow answers

    client.deleteModelVersion(name, "1");
    assertThrows(TracklineException.class, () -> client.getModelVersion(name, "1"));
    client.deleteRegisteredModel(name);
  }

  @Test
  void auditTrailRecordsStagesAliasesUsersAndTimes() throws Exception {
    TracklineClient bob = TracklineClient.builder().trackingUri(server.toString()).userId("bob").build();
    TracklineClient alice =
        TracklineClient.builder()
            .trackingUri(server.toString())
            .userId("not-alice")
            .basicAuth("alice", "secret")
            .registryHistoryPageSize(2)
            .build();
    assumeFalse("mlflow".equals(System.getenv("TRACKLINE_TEST_SERVER")),
        "the registry history is Trackline's own endpoint; MLflow has none");
    String name = Names.unique("audited");
    String runId = bob.createRun(bob.createExperiment(Names.unique("audit"))).getRunId();
    String source = bob.getRun(runId).getInfo().getArtifactUri() + "/model";
    long before = System.currentTimeMillis();
    bob.createRegisteredModel(name);
    bob.createModelVersion(name, source, runId);
    bob.createModelVersion(name, source, runId);
    bob.transitionModelVersionStage(name, "1", "Staging", false);
    Thread.sleep(5);
    long middle = System.currentTimeMillis();
    Thread.sleep(5);
    alice.transitionModelVersionStage(name, "1", "Production", false, "passed review");
    alice.transitionModelVersionStage(name, "1", "Archived", false);
    bob.setRegisteredModelAlias(name, "champion", "1");
    alice.setRegisteredModelAlias(name, "champion", "2");
    long after = System.currentTimeMillis();

    // Fetched in pages of 2: every event comes back, oldest first.
    List<RegistryEvent> all = alice.getRegistryHistory(name, null, null, null, null);
    assertEquals(
        List.of(RegistryAction.CREATE_REGISTERED_MODEL, RegistryAction.CREATE_MODEL_VERSION,
            RegistryAction.CREATE_MODEL_VERSION, RegistryAction.TRANSITION_STAGE,
            RegistryAction.TRANSITION_STAGE, RegistryAction.TRANSITION_STAGE,
            RegistryAction.SET_ALIAS, RegistryAction.SET_ALIAS),
        all.stream().map(RegistryEvent::getAction).collect(Collectors.toList()));
    Set<String> ids = new TreeSet<>();
    long last = 0;
    for (RegistryEvent e : all) {
      assertEquals(name, e.getName());
      assertTrue(e.getTimestamp() >= before && e.getTimestamp() <= after, "time " + e.getTimestamp());
      assertTrue(e.getTimestamp() >= last);
      last = e.getTimestamp();
      ids.add(e.getEventId());
    }
    assertEquals(all.size(), ids.size());

    List<RegistryEvent> stages =
        alice.getRegistryHistory(name, "1", RegistryAction.TRANSITION_STAGE, null, null);
    assertEquals(List.of("None>Staging@bob", "Staging>Production@alice", "Production>Archived@alice"),
        stages.stream().map(e -> e.getFromValue() + ">" + e.getToValue() + "@" + e.getUserId())
            .collect(Collectors.toList()));
    assertEquals("passed review", stages.get(1).getComment());
    assertNull(stages.get(0).getComment());
    assertTrue(stages.stream().allMatch(e -> "1".equals(e.getVersion())));

    List<RegistryEvent> alias = bob.getRegistryHistory(name, null, RegistryAction.SET_ALIAS, null, null);
    assertEquals(List.of("champion:null>1@bob", "champion:1>2@alice"),
        alias.stream().map(e -> e.getAlias() + ":" + e.getFromValue() + ">" + e.getToValue() + "@" + e.getUserId())
            .collect(Collectors.toList()));

    List<RegistryEvent> late = bob.getRegistryHistory(name, null, null, middle, null);
    assertEquals(4, late.size());
    List<RegistryEvent> early = bob.getRegistryHistory(name, null, null, null, middle);
    assertEquals(4, early.size());
    assertEquals(List.of(), bob.getRegistryHistory(name, null, null, after + 60_000, null));

    // Credentials from the environment (MLFLOW_TRACKING_USERNAME/PASSWORD) name the user too.
    TracklineClient carol =
        new TracklineClient.Builder(Map.of("MLFLOW_TRACKING_URI", server.toString(),
            "MLFLOW_TRACKING_USERNAME", "carol", "MLFLOW_TRACKING_PASSWORD", "pw")).build();
    carol.deleteRegisteredModelAlias(name, "champion");
    List<RegistryEvent> removed = bob.getRegistryHistory(name, null, RegistryAction.DELETE_ALIAS, null, null);
    assertEquals(List.of("champion:2>null@carol"),
        removed.stream().map(e -> e.getAlias() + ":" + e.getFromValue() + ">" + e.getToValue() + "@" + e.getUserId())
            .collect(Collectors.toList()));
  }

  private static List<String> tags(List<RegisteredModelTag> tags) {
    return tags.stream().map(t -> t.getKey() + "=" + t.getValue()).sorted().collect(Collectors.toList());
  }

  private static List<String> names(List<RegisteredModel> models) {
    return models.stream().map(RegisteredModel::getName).collect(Collectors.toList());
  }
}

package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.model.CreateExperimentRequest;
import dev.trackline.client.model.Experiment;
import dev.trackline.client.model.ExperimentTag;
import dev.trackline.client.model.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LiveServer.class)
class ExperimentsTest {
  private final TracklineClient client;

  ExperimentsTest(TracklineClient client) {
    this.client = client;
  }

  @Test
  void createGetRenameAndTag() {
    String name = Names.unique("exp");
    String id = client.createExperiment(name);
    Experiment experiment = client.getExperiment(id);
    assertEquals(id, experiment.getExperimentId());
    assertEquals(name, experiment.getName());
    assertEquals("active", experiment.getLifecycleStage());

    client.renameExperiment(id, name + "-renamed");
    assertEquals(name + "-renamed", client.getExperiment(id).getName());

    client.setExperimentTag(id, "team", "growth");
    List<ExperimentTag> tags = client.getExperiment(id).getTags();
    assertTrue(tags.stream().anyMatch(t -> t.getKey().equals("team") && t.getValue().equals("growth")), tags.toString());
    client.deleteExperimentTag(id, "team");
    assertTrue(client.getExperiment(id).getTags().stream().noneMatch(t -> t.getKey().equals("team")));
  }

  @Test
  void createWithTagsThroughTheRequestType() {
    String name = Names.unique("exp-tags");
    String id = client.createExperiment(new CreateExperimentRequest().name(name)
        .addTagsItem(new ExperimentTag().key("owner").value("jvm")));
    Experiment experiment = client.getExperimentByName(name).orElseThrow();
    assertEquals(id, experiment.getExperimentId());
    assertEquals("jvm", experiment.getTags().get(0).getValue());
  }

  @Test
  void getExperimentByNameIsEmptyWhenMissing() {
    assertEquals(Optional.empty(), client.getExperimentByName(Names.unique("missing")));
  }

  @Test
  void errorsCarryCodeStatusAndMessage() {
    String name = Names.unique("dup");
    client.createExperiment(name);
    TracklineException dup = assertThrows(TracklineException.class, () -> client.createExperiment(name));
    assertEquals("RESOURCE_ALREADY_EXISTS", dup.getErrorCode());
    assertEquals(400, dup.getHttpStatus());
    assertTrue(dup.getServerMessage().contains(name), dup.getServerMessage());

    TracklineException missing = assertThrows(TracklineException.class, () -> client.getExperiment("987654321"));
    assertEquals("RESOURCE_DOES_NOT_EXIST", missing.getErrorCode());
    assertEquals(404, missing.getHttpStatus());
  }

  @Test
  void deleteAndRestoreChangeTheView() {
    String name = Names.unique("lifecycle");
    String id = client.createExperiment(name);
    String filter = "name = '" + name + "'";
    client.deleteExperiment(id);
    assertEquals("deleted", client.getExperiment(id).getLifecycleStage());
    assertEquals(0, client.searchExperiments(filter).getPageSize());
    Page<Experiment> deleted = client.searchExperiments(filter, ViewType.DELETED_ONLY, 10, null);
    assertEquals(List.of(id), ids(deleted.getItems()));

    client.restoreExperiment(id);
    assertEquals("active", client.getExperiment(id).getLifecycleStage());
    assertEquals(List.of(id), ids(client.searchExperiments(filter).getItems()));
  }

  @Test
  void searchPagesFollowTheOrder() {
    String prefix = Names.unique("page");
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(client.createExperiment(prefix + "-" + i));
    }
    Page<Experiment> page = client.searchExperiments(
        "name LIKE '" + prefix + "-%'", ViewType.ACTIVE_ONLY, 2, List.of("name ASC"));
    List<String> seen = new ArrayList<>();
    int pages = 0;
    while (true) {
      pages++;
      assertTrue(page.getPageSize() <= 2);
      seen.addAll(ids(page.getItems()));
      if (!page.hasNextPage()) {
        break;
      }
      page = page.getNextPage();
    }
    assertEquals(expected, seen);
    assertEquals(3, pages);
    assertEquals(0, page.getNextPage().getPageSize());

    List<String> all = new ArrayList<>();
    client.searchExperiments("name LIKE '" + prefix + "-%'", ViewType.ALL, 2, List.of("name DESC"))
        .iterateAll().forEach(e -> all.add(e.getExperimentId()));
    List<String> reversed = new ArrayList<>(expected);
    java.util.Collections.reverse(reversed);
    assertEquals(reversed, all);
    assertFalse(client.searchExperiments().getItems().isEmpty());
  }

  private static List<String> ids(List<Experiment> experiments) {
    return experiments.stream().map(Experiment::getExperimentId).collect(Collectors.toList());
  }
}

package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LiveServer.class)
class ActiveRunTest {
  private final TracklineClient client;
  private final TracklineContext context;

  ActiveRunTest(TracklineClient client) {
    this.client = client;
    this.context = new TracklineContext(client, Map.of()).setExperimentName(Names.unique("fluent"));
  }

  @Test
  void setExperimentNameCreatesOrReuses() {
    String name = Names.unique("ctx");
    String id = new TracklineContext(client, Map.of()).setExperimentName(name).getExperimentId();
    assertEquals(name, client.getExperiment(id).getName());
    assertEquals(id, new TracklineContext(client, Map.of()).setExperimentName(name).getExperimentId());
    assertEquals("0", new TracklineContext(client, Map.of()).getExperimentId());
  }

  @Test
  void experimentComesFromTheEnvironment() {
    String name = Names.unique("env");
    TracklineContext byName = new TracklineContext(client, Map.of("MLFLOW_EXPERIMENT_NAME", name));
    String id = byName.getExperimentId();
    assertEquals(name, client.getExperiment(id).getName());
    assertEquals(id, new TracklineContext(client, Map.of("MLFLOW_EXPERIMENT_ID", id)).getExperimentId());
  }

  @Test
  void tryWithResourcesFinishesTheRun() {
    String runId;
    try (ActiveRun run = context.startRun("train")) {
      runId = run.getId();
      run.logParam("alpha", "0.5");
      run.logMetric("loss", 0.5);
      run.logMetric("loss", 0.25, 1);
      run.setTag("stage", "dev");
      assertTrue(run.getArtifactUri().contains(runId));
    }
    Run run = client.getRun(runId);
    assertEquals(RunStatus.FINISHED, run.getInfo().getStatus());
    assertTrue(run.getInfo().getEndTime() >= run.getInfo().getStartTime());
    assertEquals("train", run.getInfo().getRunName());
    Map<String, String> tags = tags(run);
    assertEquals("LOCAL", tags.get("mlflow.source.type"));
    assertEquals(System.getProperty("user.name"), tags.get("mlflow.user"));
    assertEquals("dev", tags.get("stage"));
    assertEquals(2, client.getMetricHistory(runId, "loss").size());
  }

  @Test
  void failInsideTryWithResourcesKeepsFailed() {
    String runId;
    try (ActiveRun run = context.startRun()) {
      runId = run.getId();
      run.fail();
      assertTrue(run.isEnded());
    }
    assertEquals(RunStatus.FAILED, client.getRun(runId).getInfo().getStatus());
  }

  @Test
  void withActiveRunMarksFailedAndRethrows() {
    AtomicReference<String> runId = new AtomicReference<>();
    IllegalStateException boom = new IllegalStateException("boom");
    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> context.withActiveRun("doomed", run -> {
          runId.set(run.getId());
          throw boom;
        }));
    assertSame(boom, thrown);
    assertEquals(RunStatus.FAILED, client.getRun(runId.get()).getInfo().getStatus());

    context.withActiveRun(run -> runId.set(run.getId()));
    assertEquals(RunStatus.FINISHED, client.getRun(runId.get()).getInfo().getStatus());
  }

  @Test
  void mapsAreLoggedInBatches() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, String> params = new LinkedHashMap<>();
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < 1500; i++) {
      metrics.put("m" + i, (double) i);
    }
    for (int i = 0; i < 120; i++) {
      params.put("p" + i, "v" + i);
      tags.put("t" + i, "v" + i);
    }
    String runId;
    try (ActiveRun run = context.startRun("maps")) {
      runId = run.getId();
      run.logMetrics(metrics, 7);
      run.logParams(params);
      run.setTags(tags);
    }
    Run run = client.getRun(runId);
    Map<String, Metric> logged = run.getData().getMetrics().stream().collect(Collectors.toMap(Metric::getKey, m -> m));
    assertEquals(1500, logged.size());
    assertEquals(1499.0, logged.get("m1499").getValue());
    assertEquals(7L, logged.get("m1499").getStep());
    assertEquals(params, run.getData().getParams().stream().collect(Collectors.toMap(Param::getKey, Param::getValue)));
    Map<String, String> loggedTags = tags(run);
    tags.forEach((k, v) -> assertEquals(v, loggedTags.get(k)));
  }

  @Test
  void nestedRunsCarryTheParentId() {
    try (ActiveRun parent = context.startRun("parent")) {
      try (ActiveRun child = context.startRun("child", parent.getId())) {
        assertEquals(parent.getId(), tags(client.getRun(child.getId())).get("mlflow.parentRunId"));
      }
    }
  }

  private static Map<String, String> tags(Run run) {
    return run.getData().getTags().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
  }
}

package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.model.CreateRunRequest;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunInfo;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import dev.trackline.client.model.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LiveServer.class)
class RunsTest {
  private final TracklineClient client;
  private final String experimentId;

  RunsTest(TracklineClient client) {
    this.client = client;
    this.experimentId = client.createExperiment(Names.unique("runs"));
  }

  @Test
  void runLifecycle() {
    RunInfo info = client.createRun(experimentId);
    assertEquals(experimentId, info.getExperimentId());
    assertEquals(RunStatus.RUNNING, info.getStatus());
    assertTrue(info.getStartTime() > 0);

    client.setTerminated(info.getRunId(), RunStatus.KILLED, 1_700_000_000_000L);
    RunInfo ended = client.getRun(info.getRunId()).getInfo();
    assertEquals(RunStatus.KILLED, ended.getStatus());
    assertEquals(1_700_000_000_000L, ended.getEndTime());

    client.deleteRun(info.getRunId());
    assertEquals("deleted", client.getRun(info.getRunId()).getInfo().getLifecycleStage());
    client.restoreRun(info.getRunId());
    assertEquals("active", client.getRun(info.getRunId()).getInfo().getLifecycleStage());

    TracklineException missing = assertThrows(TracklineException.class, () -> client.getRun("f".repeat(32)));
    assertEquals("RESOURCE_DOES_NOT_EXIST", missing.getErrorCode());
    assertEquals(404, missing.getStatusCode());
  }

  @Test
  void createRunWithNameAndTags() {
    RunInfo info = client.createRun(new CreateRunRequest().experimentId(experimentId).runName("baseline")
        .startTime(1_700_000_000_000L).addTagsItem(new RunTag().key("stage").value("tuning")));
    Run run = client.getRun(info.getRunId());
    assertEquals("baseline", run.getInfo().getRunName());
    assertEquals(1_700_000_000_000L, run.getInfo().getStartTime());
    assertEquals("tuning", tags(run).get("stage"));
  }

  @Test
  void logParamsMetricsAndTags() {
    String runId = client.createRun(experimentId).getRunId();
    client.logParam(runId, "alpha", "0.5");
    client.logMetric(runId, "rmse", 0.9);
    client.logMetric(runId, "rmse", 0.7, System.currentTimeMillis() + 1000, 3);
    client.logMetric(runId, "odd", Double.NaN, 1_700_000_000_000L, 0);
    client.logMetric(runId, "big", Double.POSITIVE_INFINITY, 1_700_000_000_000L, 0);
    client.setTag(runId, "note", "naïve café ✓ 😀");
    client.setTag(runId, "gone", "soon");
    client.deleteTag(runId, "gone");

    Run run = client.getRun(runId);
    assertEquals("0.5", run.getData().getParams().get(0).getValue());
    Map<String, Metric> latest = run.getData().getMetrics().stream()
        .collect(Collectors.toMap(Metric::getKey, m -> m));
    assertEquals(0.7, latest.get("rmse").getValue());
    assertEquals(3L, latest.get("rmse").getStep());
    assertTrue(latest.get("odd").getValue().isNaN());
    assertTrue(latest.get("big").getValue() > 1e300, "infinity is stored as the largest double");
    assertEquals("naïve café ✓ 😀", tags(run).get("note"));
    assertTrue(!tags(run).containsKey("gone"));

    List<Metric> history = client.getMetricHistory(runId, "rmse");
    assertEquals(List.of(0L, 3L), history.stream().map(Metric::getStep).collect(Collectors.toList()));
    assertEquals(List.of(0.9, 0.7), history.stream().map(Metric::getValue).collect(Collectors.toList()));

    TracklineException changed = assertThrows(TracklineException.class, () -> client.logParam(runId, "alpha", "0.6"));
    assertEquals("INVALID_PARAMETER_VALUE", changed.getErrorCode());
    assertEquals(400, changed.getHttpStatus());
  }

  @Test
  void searchRunsFiltersOrdersAndPages() {
    String exp = client.createExperiment(Names.unique("search"));
    List<String> byScore = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      String runId = client.createRun(exp).getRunId();
      client.logMetric(runId, "score", i, 1_700_000_000_000L, 0);
      client.logParam(runId, "kind", i % 2 == 0 ? "even" : "odd");
      byScore.add(0, runId);
    }
    Page<Run> page = client.searchRuns(List.of(exp), "params.kind = 'even'", ViewType.ACTIVE_ONLY, 10,
        List.of("metrics.score DESC"));
    assertEquals(List.of(byScore.get(0), byScore.get(2), byScore.get(4)), runIds(page.getItems()));
    assertTrue(!page.hasNextPage());

    Page<Run> first = client.searchRuns(List.of(exp), null, ViewType.ACTIVE_ONLY, 2, List.of("metrics.score DESC"));
    assertEquals(2, first.getPageSize());
    assertTrue(first.getNextPageToken().isPresent());
    List<String> all = new ArrayList<>();
    first.iterateAll().forEach(r -> all.add(r.getInfo().getRunId()));
    assertEquals(byScore, all);

    Page<Run> fromToken = client.searchRuns(List.of(exp), null, ViewType.ACTIVE_ONLY, 2,
        List.of("metrics.score DESC"), first.getNextPageToken().get());
    assertEquals(byScore.subList(2, 4), runIds(fromToken.getItems()));

    assertEquals(5, client.searchRuns(List.of(exp)).getPageSize());
    assertEquals(1, client.searchRuns(List.of(exp), "metrics.score >= 4").getPageSize());
    TracklineException bad = assertThrows(TracklineException.class,
        () -> client.searchRuns(List.of(exp), "metrics.score >>> 1"));
    assertEquals("INVALID_PARAMETER_VALUE", bad.getErrorCode());
  }

  @Test
  void logBatchSplitsLargeBatchesAndHistoryPages() {
    String runId = client.createRun(experimentId).getRunId();
    List<Metric> metrics = new ArrayList<>();
    for (int step = 0; step < 2300; step++) {
      metrics.add(new Metric().key("loss").value(1.0 / (step + 1)).timestamp(1_700_000_000_000L + step).step((long) step));
    }
    List<Param> params = new ArrayList<>();
    for (int i = 0; i < 230; i++) {
      params.add(new Param().key("p" + i).value(String.valueOf(i)));
    }
    List<RunTag> tags = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      tags.add(new RunTag().key("t" + i).value("v" + i));
    }
    metrics.add(new Metric().key("no-timestamp").value(1.0));
    client.logBatch(runId, metrics, params, tags);

    Run run = client.getRun(runId);
    assertEquals(230, run.getData().getParams().size());
    assertTrue(run.getData().getTags().size() >= 150);
    Metric noTimestamp = client.getMetricHistory(runId, "no-timestamp").get(0);
    assertNotNull(noTimestamp.getTimestamp());

    TracklineClient smallPages = TracklineClient.builder().trackingUri(client.getTrackingUri())
        .historyPageSize(1000).build();
    List<Metric> history = smallPages.getMetricHistory(runId, "loss");
    assertEquals(2300, history.size());
    for (int step = 0; step < 2300; step++) {
      assertEquals(step, history.get(step).getStep());
    }
    assertEquals(history, client.getMetricHistory(runId, "loss"));
  }

  private static Map<String, String> tags(Run run) {
    return run.getData().getTags().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
  }

  private static List<String> runIds(List<Run> runs) {
    return runs.stream().map(r -> r.getInfo().getRunId()).collect(Collectors.toList());
  }
}

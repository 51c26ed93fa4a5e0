package dev.trackline.client;

import dev.trackline.client.api.MetricsApi;
import dev.trackline.client.api.RunsApi;
import dev.trackline.client.model.CreateRunRequest;
import dev.trackline.client.model.GetMetricHistoryResponse;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunIdRequest;
import dev.trackline.client.model.RunInfo;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.SearchRunsRequest;
import dev.trackline.client.model.SearchRunsResponse;
import dev.trackline.client.model.UpdateRunRequest;
import dev.trackline.client.model.ViewType;
import java.util.List;
import java.util.UUID;

/** Runs: create, read, search, end, delete and restore them; read a metric's history. */
final class Runs {
  private final RunsApi api;
  private final MetricsApi metrics;
  private final int historyPageSize;

  Runs(Transport transport, int historyPageSize) {
    this.api = new RunsApi(transport);
    this.metrics = new MetricsApi(transport);
    this.historyPageSize = historyPageSize;
  }

  /** A new run; a new {@code Idempotency-Key} makes a retry after a lost answer return the same run. */
  RunInfo create(CreateRunRequest request) {
    return api.createRun(UUID.randomUUID().toString(), request).getRun().getInfo();
  }

  Run get(String runId) {
    return api.getRun(runId, null).getRun();
  }

  Page<Run> search(
      List<String> experimentIds,
      String filter,
      ViewType runViewType,
      int maxResults,
      List<String> orderBy,
      String pageToken) {
    return Page.fetch(
        pageToken,
        token -> api.searchRuns(
            new SearchRunsRequest()
                .experimentIds(Lists.copyOrEmpty(experimentIds))
                .filter(filter)
                .runViewType(runViewType)
                .maxResults(maxResults)
                .orderBy(Lists.copyOrEmpty(orderBy))
                .pageToken(token)),
        SearchRunsResponse::getRuns,
        SearchRunsResponse::getNextPageToken);
  }

  void setTerminated(String runId, RunStatus status, long endTime) {
    api.updateRun(new UpdateRunRequest().runId(runId).status(status).endTime(endTime));
  }

  void delete(String runId) {
    api.deleteRun(new RunIdRequest().runId(runId));
  }

  void restore(String runId) {
    api.restoreRun(new RunIdRequest().runId(runId));
  }

  /** Every logged value of a metric, in (step, timestamp) order, across all pages. */
  List<Metric> metricHistory(String runId, String key) {
    return Page.fetch(
            null,
            token -> metrics.getMetricHistory(runId, key, null, token, historyPageSize),
            GetMetricHistoryResponse::getMetrics,
            GetMetricHistoryResponse::getNextPageToken)
        .fetchAll();
  }
}

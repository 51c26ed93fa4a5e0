package dev.trackline.client;

import dev.trackline.client.api.RunsApi;
import dev.trackline.client.model.DeleteTagRequest;
import dev.trackline.client.model.LogBatchRequest;
import dev.trackline.client.model.LogMetricRequest;
import dev.trackline.client.model.LogParamRequest;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RunTag;
import dev.trackline.client.model.SetTagRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run records while it runs: params, metric values and tags, one by one or in batches
 * within the server's limits ({@link Batches}). Each call is sent at once.
 */
final class RunLogging {
  private final RunsApi api;

  RunLogging(Transport transport) {
    this.api = new RunsApi(transport);
  }

  void logParam(String runId, String key, String value) {
    api.logParam(new LogParamRequest().runId(runId).key(key).value(value));
  }

  void logMetric(String runId, String key, double value, long timestamp, long step) {
    api.logMetric(
        new LogMetricRequest().runId(runId).key(key).value(value).timestamp(timestamp).step(step));
  }

  void setTag(String runId, String key, String value) {
    api.setTag(new SetTagRequest().runId(runId).key(key).value(value));
  }

  void deleteTag(String runId, String key) {
    api.deleteTag(new DeleteTagRequest().runId(runId).key(key));
  }

  /**
   * Logs any number of metrics, params and tags (each may be null) in as few requests as the
   * server's limits allow; metrics without a timestamp get the current time, without a step 0.
   */
  void logBatch(
      String runId, Iterable<Metric> metrics, Iterable<Param> params, Iterable<RunTag> tags) {
    long now = System.currentTimeMillis();
    List<Metric> metricList = new ArrayList<>();
    if (metrics != null) {
      metrics.forEach(m -> metricList.add(withDefaults(m, now)));
    }
    for (LogBatchRequest request :
        Batches.split(runId, metricList, listOf(params), listOf(tags))) {
      api.logBatch(request);
    }
  }

  private static <T> List<T> listOf(Iterable<T> items) {
    List<T> list = new ArrayList<>();
    if (items != null) {
      items.forEach(list::add);
    }
    return list;
  }

  private static Metric withDefaults(Metric m, long now) {
    if (m.getTimestamp() != null && m.getStep() != null) {
      return m;
    }
    return new Metric()
        .key(m.getKey())
        .value(m.getValue())
        .timestamp(m.getTimestamp() != null ? m.getTimestamp() : now)
        .step(m.getStep() != null ? m.getStep() : 0L)
        .datasetName(m.getDatasetName())
        .datasetDigest(m.getDatasetDigest())
        .modelId(m.getModelId())
        .runId(m.getRunId());
  }
}

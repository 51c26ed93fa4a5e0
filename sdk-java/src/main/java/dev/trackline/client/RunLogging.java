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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run records while it runs: params, metric values and tags, one by one or in batches
 * within the server's limits ({@link Batches}). Each call is sent at once, or, with asynchronous
 * logging on, queued and sent by {@link AsyncLogging}'s worker; calls that must come after the
 * queued ones (deleting a tag) flush the queue first.
 */
final class RunLogging {
  private final RunsApi api;
  private final boolean asyncOn;
  private final int queueCapacity;
  private final Duration batchWindow;
  private AsyncLogging async; // made by the first queued call, dropped by close()

  RunLogging(Transport transport, boolean asyncOn, int queueCapacity, Duration batchWindow) {
    this.api = new RunsApi(transport);
    this.asyncOn = asyncOn;
    this.queueCapacity = queueCapacity;
    this.batchWindow = batchWindow;
  }

  boolean isAsync() {
    return asyncOn;
  }

  void logParam(String runId, String key, String value) {
    if (asyncOn) {
      AsyncLogging queue = async();
      queue.submit(QueuedCall.param(queue.nextCallNumber(), "logParam", runId, new Param().key(key).value(value)));
    } else {
      api.logParam(new LogParamRequest().runId(runId).key(key).value(value));
    }
  }

  void logMetric(String runId, String key, double value, long timestamp, long step) {
    if (asyncOn) {
      AsyncLogging queue = async();
      queue.submit(QueuedCall.metric(queue.nextCallNumber(), "logMetric", runId,
          new Metric().key(key).value(value).timestamp(timestamp).step(step)));
    } else {
      api.logMetric(
          new LogMetricRequest().runId(runId).key(key).value(value).timestamp(timestamp).step(step));
    }
  }

  void setTag(String runId, String key, String value) {
    if (asyncOn) {
      AsyncLogging queue = async();
      queue.submit(QueuedCall.tag(queue.nextCallNumber(), "setTag", runId, new RunTag().key(key).value(value)));
    } else {
      api.setTag(new SetTagRequest().runId(runId).key(key).value(value));
    }
  }

  void deleteTag(String runId, String key) {
    flush();
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
    List<Param> paramList = listOf(params);
    List<RunTag> tagList = listOf(tags);
    if (asyncOn) {
      AsyncLogging queue = async();
      long number = queue.nextCallNumber();
      paramList.forEach(p -> queue.submit(QueuedCall.param(number, "logBatch", runId, p)));
      tagList.forEach(t -> queue.submit(QueuedCall.tag(number, "logBatch", runId, t)));
      metricList.forEach(m -> queue.submit(QueuedCall.metric(number, "logBatch", runId, m)));
      return;
    }
    for (LogBatchRequest request : Batches.split(runId, metricList, paramList, tagList)) {
      send(request);
    }
  }

  /** Sends one log-batch request as it is. */
  void send(LogBatchRequest request) {
    api.logBatch(request);
  }

  /** Waits until every queued call is sent; throws what the server refused meanwhile. */
  void flush() {
    AsyncLogging queue;
    synchronized (this) {
      queue = async;
    }
    if (queue != null) {
      queue.flush();
    }
  }

  /** Flushes and stops the worker (a later queued call starts a new one). */
  void close() {
    AsyncLogging queue;
    synchronized (this) {
      queue = async;
      async = null;
    }
    if (queue != null) {
      queue.close();
    }
  }

  private synchronized AsyncLogging async() {
    if (async == null) {
      async = new AsyncLogging(queueCapacity, batchWindow, new QueuedBatchSender(this::send));
    }
    return async;
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

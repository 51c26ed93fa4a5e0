package dev.trackline.client;

import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RunTag;

/**
 * One logging call waiting in the queue of {@link AsyncLogging}: a metric value, a param or a
 * tag of a run, with the number of the call (counted per client) and the method it came from,
 * so an error the server gives it later can say which call it was. The values of one {@code
 * logBatch} call share its number.
 */
final class QueuedCall {
  final long number;
  final String method;
  final String runId;
  final Metric metric;
  final Param param;
  final RunTag tag;

  private QueuedCall(long number, String method, String runId, Metric metric, Param param, RunTag tag) {
    this.number = number;
    this.method = method;
    this.runId = runId;
    this.metric = metric;
    this.param = param;
    this.tag = tag;
  }

  static QueuedCall metric(long number, String method, String runId, Metric metric) {
    return new QueuedCall(number, method, runId, metric, null, null);
  }

  static QueuedCall param(long number, String method, String runId, Param param) {
    return new QueuedCall(number, method, runId, null, param, null);
  }

  static QueuedCall tag(long number, String method, String runId, RunTag tag) {
    return new QueuedCall(number, method, runId, null, null, tag);
  }

  /**
   * The call as it was written, e.g. {@code logMetric(runId, "loss", 0.5, 1700000000000, 3)}
   * or, for a value of a batch, {@code logBatch(runId, ...) metric "loss" = 0.5 at step 3}.
   */
  String describe() {
    String run = quote(runId);
    if (method.equals("logBatch")) {
      if (metric != null) {
        return "logBatch(" + run + ", ...) metric " + quote(metric.getKey()) + " = " + metric.getValue()
            + " at step " + metric.getStep() + ", timestamp " + metric.getTimestamp();
      }
      return "logBatch(" + run + ", ...) " + (param != null ? "param " : "tag ") + keyValue(" = ");
    }
    if (metric != null) {
      return method + "(" + run + ", " + quote(metric.getKey()) + ", " + metric.getValue() + ", "
          + metric.getTimestamp() + ", " + metric.getStep() + ")";
    }
    return method + "(" + run + ", " + keyValue(", ") + ")";
  }

  private String keyValue(String separator) {
    return param != null
        ? quote(param.getKey()) + separator + quote(param.getValue())
        : quote(tag.getKey()) + separator + quote(tag.getValue());
  }

  private static String quote(String s) {
    return s == null ? "null" : '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}

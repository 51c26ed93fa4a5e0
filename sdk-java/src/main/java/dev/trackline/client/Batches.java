package dev.trackline.client;

import dev.trackline.client.model.LogBatchRequest;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RunTag;
import java.util.ArrayList;
import java.util.List;

/** Splits a log-batch into requests within the server's limits. */
final class Batches {
  static final int MAX_METRICS = 1000;
  static final int MAX_PARAMS = 100;
  static final int MAX_TAGS = 100;
  static final int MAX_ENTRIES = 1000;

  private Batches() {}

  /**
   * The requests that together log everything given, in order, each with at most 1000 metrics,
   * 100 params, 100 tags and 1000 entries in all. Nothing given, no request.
   */
  static List<LogBatchRequest> split(
      String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    List<LogBatchRequest> requests = new ArrayList<>();
    int m = 0;
    int p = 0;
    int t = 0;
    while (m < metrics.size() || p < params.size() || t < tags.size()) {
      int np = Math.min(MAX_PARAMS, params.size() - p);
      int nt = Math.min(MAX_TAGS, tags.size() - t);
      int nm = Math.min(Math.min(MAX_METRICS, MAX_ENTRIES - np - nt), metrics.size() - m);
      requests.add(
          new LogBatchRequest()
              .runId(runId)
              .metrics(new ArrayList<>(metrics.subList(m, m + nm)))
              .params(new ArrayList<>(params.subList(p, p + np)))
              .tags(new ArrayList<>(tags.subList(t, t + nt))));
      m += nm;
      p += np;
      t += nt;
    }
    return requests;
  }
}

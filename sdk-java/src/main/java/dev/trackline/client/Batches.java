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
    for (Slice s : plan(metrics.size(), params.size(), tags.size())) {
      requests.add(
          new LogBatchRequest()
              .runId(runId)
              .metrics(new ArrayList<>(metrics.subList(s.metricsFrom, s.metricsTo)))
              .params(new ArrayList<>(params.subList(s.paramsFrom, s.paramsTo)))
              .tags(new ArrayList<>(tags.subList(s.tagsFrom, s.tagsTo))));
    }
    return requests;
  }

  /**
   * How {@code metrics} metrics, {@code params} params and {@code tags} tags go into requests
   * within the limits: each request's index ranges, in order.
   */
  static List<Slice> plan(int metrics, int params, int tags) {
    List<Slice> slices = new ArrayList<>();
    int m = 0;
    int p = 0;
    int t = 0;
    while (m < metrics || p < params || t < tags) {
      int np = Math.min(MAX_PARAMS, params - p);
      int nt = Math.min(MAX_TAGS, tags - t);
      int nm = Math.min(Math.min(MAX_METRICS, MAX_ENTRIES - np - nt), metrics - m);
      slices.add(new Slice(m, m + nm, p, p + np, t, t + nt));
      m += nm;
      p += np;
      t += nt;
    }
    return slices;
  }

  /** Whether this many entries fill at least one request. */
  static boolean fillsARequest(int metrics, int params, int tags) {
    return metrics >= MAX_METRICS || params >= MAX_PARAMS || tags >= MAX_TAGS
        || metrics + params + tags >= MAX_ENTRIES;
  }

  /** One request's share of each kind: index ranges, from inclusive, to exclusive. */
  static final class Slice {
    final int metricsFrom;
    final int metricsTo;
    final int paramsFrom;
    final int paramsTo;
    final int tagsFrom;
    final int tagsTo;

    Slice(int metricsFrom, int metricsTo, int paramsFrom, int paramsTo, int tagsFrom, int tagsTo) {
      this.metricsFrom = metricsFrom;
      this.metricsTo = metricsTo;
      this.paramsFrom = paramsFrom;
      this.paramsTo = paramsTo;
      this.tagsFrom = tagsFrom;
      this.tagsTo = tagsTo;
    }
  }
}

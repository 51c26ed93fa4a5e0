package dev.trackline.client;

import dev.trackline.client.model.LogBatchRequest;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RunTag;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Sends queued calls of one run as log-batch requests within the server's limits ({@link
 * Batches#plan}), keeping the order of each kind, and says which calls failed.
 *
 * <p>Each request is retried by the {@link Transport} (connection errors, 429, 503). The server
 * stores a request whole or not at all and ignores a metric value it already has (params and
 * tags are set to the same values again), so a request sent again after its answer was lost
 * stores nothing twice.
 *
 * <p>When the server refuses a request (a 4xx answer), an empty log-batch for the run tells
 * whether the run itself is refused (deleted, missing, not allowed): then none of the calls
 * can be logged. Otherwise the request is halved until each refused call is found alone, and
 * the other calls are logged.
 */
final class QueuedBatchSender {
  private final Consumer<LogBatchRequest> transport;

  /** {@code transport} sends one request, throwing the server's error. */
  QueuedBatchSender(Consumer<LogBatchRequest> transport) {
    this.transport = transport;
  }

  /** Sends the calls (all of run {@code runId}); returns one exception per group that failed. */
  List<TracklineException> send(String runId, List<QueuedCall> calls) {
    return new Attempt(runId, Part.of(calls)).run();
  }

  private final class Attempt {
    private final String runId;
    private final Part all;
    private final List<TracklineException> failures = new ArrayList<>();
    private boolean runChecked;

    Attempt(String runId, Part all) {
      this.runId = runId;
      this.all = all;
    }

    List<TracklineException> run() {
      for (Batches.Slice slice : Batches.plan(all.metrics.size(), all.params.size(), all.tags.size())) {
        TracklineException runRefused = send(all.slice(slice));
        if (runRefused != null) {
          failures.add(failure(all.from(slice), runRefused));
          break;
        }
      }
      return failures;
    }

    /** Sends a part; returns the error when the run itself is refused (nothing more can go). */
    private TracklineException send(Part part) {
      try {
        transport.accept(part.request(runId));
        return null;
      } catch (TracklineException e) {
        if (!refused(e) || part.size() == 1) {
          failures.add(failure(part, e));
          return null;
        }
        if (!runChecked) {
          try {
            transport.accept(new LogBatchRequest().runId(runId));
          } catch (TracklineException probe) {
            return e;
          }
          runChecked = true;
        }
        for (Part half : part.halves()) {
          send(half);
        }
        return null;
      }
    }
  }

  private static boolean refused(TracklineException e) {
    return e.getHttpStatus() >= 400 && e.getHttpStatus() < 500 && e.getHttpStatus() != 429;
  }

  /** The error of a group of calls, naming the first and counting the others. */
  private static TracklineException failure(Part part, TracklineException e) {
    List<QueuedCall> calls = part.all();
    QueuedCall first = calls.get(0);
    TreeSet<Long> numbers = new TreeSet<>();
    for (QueuedCall c : calls) {
      numbers.add(c.number);
      if (c.number < first.number) {
        first = c;
      }
    }
    String what = numbers.size() == 1
        ? "queued call #" + first.number + " " + first.describe() + " was"
        : numbers.size() + " queued calls (#" + first.number + " " + first.describe() + " and "
            + (numbers.size() - 1) + " later ones) were";
    String reason = e.getServerMessage() != null ? e.getServerMessage() : e.getMessage();
    return new TracklineException(e.getErrorCode(), e.getHttpStatus(), what + " not logged: " + reason, e);
  }

  /** Queued calls by kind, each kind in the order of the calls. */
  private static final class Part {
    final List<QueuedCall> metrics;
    final List<QueuedCall> params;
    final List<QueuedCall> tags;

    Part(List<QueuedCall> metrics, List<QueuedCall> params, List<QueuedCall> tags) {
      this.metrics = metrics;
      this.params = params;
      this.tags = tags;
    }

    static Part of(List<QueuedCall> calls) {
      Part part = new Part(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (QueuedCall c : calls) {
        (c.metric != null ? part.metrics : c.param != null ? part.params : part.tags).add(c);
      }
      return part;
    }

    int size() {
      return metrics.size() + params.size() + tags.size();
    }

    List<QueuedCall> all() {
      List<QueuedCall> all = new ArrayList<>(metrics);
      all.addAll(params);
      all.addAll(tags);
      return all;
    }

    Part slice(Batches.Slice s) {
      return new Part(metrics.subList(s.metricsFrom, s.metricsTo), params.subList(s.paramsFrom, s.paramsTo),
          tags.subList(s.tagsFrom, s.tagsTo));
    }

    /** Everything from the start of a slice on. */
    Part from(Batches.Slice s) {
      return new Part(metrics.subList(s.metricsFrom, metrics.size()), params.subList(s.paramsFrom, params.size()),
          tags.subList(s.tagsFrom, tags.size()));
    }

    List<Part> halves() {
      List<QueuedCall> all = all();
      int cut = (all.size() + 1) / 2;
      return List.of(of(all.subList(0, cut)), of(all.subList(cut, all.size())));
    }

    LogBatchRequest request(String runId) {
      List<Metric> m = new ArrayList<>(metrics.size());
      metrics.forEach(c -> m.add(c.metric));
      List<Param> p = new ArrayList<>(params.size());
      params.forEach(c -> p.add(c.param));
      List<RunTag> t = new ArrayList<>(tags.size());
      tags.forEach(c -> t.add(c.tag));
      return new LogBatchRequest().runId(runId).metrics(m).params(p).tags(t);
    }
  }
}

package dev.trackline.client;

import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.RunInfo;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run started by {@link TracklineContext#startRun}, with the logging calls of MLflow's {@code
 * ActiveRun}. It is {@link AutoCloseable}: closing it ends the run {@code FINISHED} unless it was
 * already ended.
 *
 * <pre>{@code
 * try (ActiveRun run = context.startRun("train")) {
 *   run.logParam("alpha", "0.5");
 *   run.logMetric("rmse", 0.71, 1);
 * } // FINISHED
 * }</pre>
 *
 * <p>The run logs through its client: with asynchronous logging on ({@link
 * TracklineClient.Builder#asyncLogging}), its logging calls are queued, and {@link #flush()},
 * {@link #endRun()} and {@link #close()} wait until they are on the server, throwing a {@link
 * TracklineException} that names a call the server refused (the run is ended all the same).
 *
 * <p>A {@code close()} cannot see an exception thrown in the {@code try} block, so to end the run
 * {@code FAILED} when the work throws, use {@link TracklineContext#withActiveRun(String,
 * java.util.function.Consumer)} (marks it {@code FAILED} and re-throws), or call {@link #fail()}
 * yourself before re-throwing.
 */
public final class ActiveRun implements AutoCloseable {
  private final TracklineClient client;
  private final RunInfo info;
  private final AtomicBoolean ended = new AtomicBoolean();

  ActiveRun(TracklineClient client, RunInfo info) {
    this.client = client;
    this.info = info;
  }

  /** The run's id. */
  public String getId() {
    return info.getRunId();
  }

  /** Where the run's artifacts go. */
  public String getArtifactUri() {
    return info.getArtifactUri();
  }

  /** The run's info as it was when the run was created. */
  public RunInfo getInfo() {
    return info;
  }

  /** The client this run logs through. */
  public TracklineClient getClient() {
    return client;
  }

  public void logParam(String key, String value) {
    client.logParam(getId(), key, value);
  }

  public void setTag(String key, String value) {
    client.setTag(getId(), key, value);
  }

  /** Logs a metric value at step 0, timestamped now. */
  public void logMetric(String key, double value) {
    logMetric(key, value, 0);
  }

  /** Logs a metric value at a step, timestamped now. */
  public void logMetric(String key, double value, long step) {
    client.logMetric(getId(), key, value, System.currentTimeMillis(), step);
  }

  /** Logs several metrics at step 0 (one batch request per 1000). */
  public void logMetrics(Map<String, Double> metrics) {
    logMetrics(metrics, 0);
  }

  /** Logs several metrics at a step, all with the same timestamp. */
  public void logMetrics(Map<String, Double> metrics, long step) {
    long now = System.currentTimeMillis();
    List<Metric> list = new ArrayList<>(metrics.size());
    metrics.forEach(
        (k, v) -> list.add(new Metric().key(k).value(v).timestamp(now).step(step)));
    client.logBatch(getId(), list, null, null);
  }

  /** Logs several params. */
  public void logParams(Map<String, String> params) {
    List<Param> list = new ArrayList<>(params.size());
    params.forEach((k, v) -> list.add(new Param().key(k).value(v)));
    client.logBatch(getId(), Collections.emptyList(), list, null);
  }

  /** Sets several tags. */
  public void setTags(Map<String, String> tags) {
    List<RunTag> list = new ArrayList<>(tags.size());
    tags.forEach((k, v) -> list.add(new RunTag().key(k).value(v)));
    client.logBatch(getId(), null, null, list);
  }

  /**
   * Waits until the client's queued logging calls are on the server (asynchronous logging), and
   * throws the first the server refused; see {@link TracklineClient#flush()}.
   */
  public void flush() {
    client.flush();
  }

  /** Ends the run {@code FINISHED}. */
  public void endRun() {
    endRun(RunStatus.FINISHED);
  }

  /**
   * Flushes queued calls and ends the run with this status; later calls do nothing (and {@link
   * #close()} only flushes).
   */
  public void endRun(RunStatus status) {
    if (ended.compareAndSet(false, true)) {
      client.setTerminated(getId(), status);
    }
  }

  /** Ends the run {@code FAILED}. */
  public void fail() {
    endRun(RunStatus.FAILED);
  }

  /** Whether the run was ended through this object. */
  public boolean isEnded() {
    return ended.get();
  }

  /** Ends the run {@code FINISHED} unless it was already ended; flushes queued calls either way. */
  @Override
  public void close() {
    if (isEnded()) {
      flush();
    } else {
      endRun(RunStatus.FINISHED);
    }
  }
}

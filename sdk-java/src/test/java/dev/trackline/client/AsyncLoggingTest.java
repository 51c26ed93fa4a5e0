package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.model.Metric;
import dev.trackline.client.model.Param;
import dev.trackline.client.model.Run;
import dev.trackline.client.model.RunStatus;
import dev.trackline.client.model.RunTag;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Asynchronous logging against a live server. */
@ExtendWith(LiveServer.class)
class AsyncLoggingTest {
  private final URI server;
  private final TracklineClient sync;

  AsyncLoggingTest(URI server, TracklineClient sync) {
    this.server = server;
    this.sync = sync;
  }

  private TracklineClient.Builder async() {
    return TracklineClient.builder().trackingUri(server.toString()).asyncLogging(true);
  }

  private String newRun() {
    return sync.createRun(sync.createExperiment(Names.unique("async"))).getRunId();
  }

  private List<Long> steps(String runId, String key) {
    return sync.getMetricHistory(runId, key).stream().map(Metric::getStep).collect(Collectors.toList());
  }

  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().collect(Collectors.toList());
  }

  @Test
  void manyValuesThroughASmallQueueArriveInOrderAtTheFlush() {
    String runId = newRun();
    try (TracklineClient client = async().asyncQueueCapacity(50).build()) {
      assertTrue(client.isAsyncLogging());
      for (long i = 0; i < 2500; i++) {
        client.logMetric(runId, "loss", i / 3.0, 1700000000000L + i, i);
      }
      for (int i = 0; i < 150; i++) {
        client.logParam(runId, "p" + i, String.valueOf(i));
      }
      client.setTag(runId, "stage", "one");
      client.setTag(runId, "stage", "two");
      client.flush();
      List<Metric> history = sync.getMetricHistory(runId, "loss");
      assertEquals(2500, history.size());
      for (int i = 0; i < 2500; i++) {
        Metric m = history.get(i);
        assertEquals(i, m.getStep());
        assertEquals(i / 3.0, m.getValue());
        assertEquals(1700000000000L + i, m.getTimestamp());
      }
      Run run = sync.getRun(runId);
      assertEquals(150, run.getData().getParams().size());
      assertEquals("two", tags(run).get("stage"));
    }
  }

  @Test
  void aLoneValueGoesOutAfterTheBatchWindowWithoutAFlush() throws Exception {
    String runId = newRun();
    try (TracklineClient client = async().asyncBatchWindow(Duration.ofMillis(50)).build()) {
      client.logMetric(runId, "m", 1.0, 1700000000000L, 1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (steps(runId, "m").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(List.of(1L), steps(runId, "m"));
    }
  }

  @Test
  void tryWithResourcesOnAnActiveRunFlushesThenFinishesTheRun() {
    String runId;
    try (TracklineClient client = async().build()) {
      TracklineContext context = new TracklineContext(client, Map.of()).setExperimentName(Names.unique("async-run"));
      try (ActiveRun run = context.startRun("train")) {
        runId = run.getId();
        for (int i = 0; i < 1500; i++) {
          run.logMetric("loss", 1.0 / (i + 1), i);
        }
        run.logParam("alpha", "0.5");
        run.setTag("stage", "tuning");
        run.logMetrics(Map.of("a", 1.0, "b", 2.0), 7);
      }
    }
    Run run = sync.getRun(runId);
    assertEquals(RunStatus.FINISHED, run.getInfo().getStatus());
    assertEquals(range(0, 1500), steps(runId, "loss"));
    assertEquals(List.of(7L), steps(runId, "b"));
    assertEquals("0.5", run.getData().getParams().get(0).getValue());
    assertEquals("tuning", tags(run).get("stage"));
  }

  @Test
  void aRefusedCallIsNamedAtTheFlushAndTheOthersAreLogged() {
    String runId = newRun();
    try (TracklineClient client = async().asyncBatchWindow(Duration.ofMinutes(1)).build()) {
      client.logParam(runId, "alpha", "0.5");
      for (long i = 0; i < 300; i++) {
        client.logMetric(runId, "loss", i, 1700000000000L + i, i);
      }
      client.logParam(runId, "alpha", "0.7");
      for (long i = 300; i < 600; i++) {
        client.logMetric(runId, "loss", i, 1700000000000L + i, i);
      }
      TracklineException e = assertThrows(TracklineException.class, client::flush);
      assertEquals("INVALID_PARAMETER_VALUE", e.getErrorCode());
      assertEquals(400, e.getHttpStatus());
      assertTrue(e.getMessage().matches("(?s).*queued call #302 logParam\\(\"" + runId
          + "\", \"alpha\", \"0.7\"\\) was not logged: .*alpha.*"), e.getMessage());
      assertEquals(0, e.getSuppressed().length);
      assertEquals(range(0, 600), steps(runId, "loss"));
      assertEquals("0.5", sync.getRun(runId).getData().getParams().get(0).getValue());
      client.flush(); // reported once
    }
  }

  @Test
  void callsQueuedForARunDeletedMeanwhileAreReportedAtTheFlush() {
    String runId = newRun();
    try (TracklineClient client = async().asyncBatchWindow(Duration.ofMinutes(1)).build()) {
      for (long i = 0; i < 10; i++) {
        client.logMetric(runId, "m", i, 1700000000000L + i, i);
      }
      client.flush();
      sync.deleteRun(runId);
      for (long i = 10; i < 20; i++) {
        client.logMetric(runId, "m", i, 1700000000000L + i, i);
      }
      TracklineException e = assertThrows(TracklineException.class, client::flush);
      assertEquals(400, e.getHttpStatus());
      assertEquals("INVALID_PARAMETER_VALUE", e.getErrorCode());
      assertTrue(e.getMessage().contains("10 queued calls (#11 logMetric(\"" + runId + "\", \"m\", 10.0, 1700000000010, 10)"
          + " and 9 later ones) were not logged: "), e.getMessage());
      client.flush();
    }
    sync.restoreRun(runId);
    assertEquals(range(0, 10), steps(runId, "m"));
  }

  @Test
  void endingARunWhoseQueuedCallsFailedEndsItThenThrows() {
    String runId = newRun();
    try (TracklineClient client = async().build()) {
      sync.logParam(runId, "p", "1");
      client.logParam(runId, "p", "2");
      TracklineException e = assertThrows(TracklineException.class, () -> client.setTerminated(runId));
      assertTrue(e.getMessage().contains("logParam(\"" + runId + "\", \"p\", \"2\") was not logged"), e.getMessage());
    }
    assertEquals(RunStatus.FINISHED, sync.getRun(runId).getInfo().getStatus());
  }

  @Test
  void deletingATagWaitsForTheQueuedCallsBeforeIt() {
    String runId = newRun();
    try (TracklineClient client = async().build()) {
      client.setTag(runId, "gone", "soon");
      client.logBatch(runId, List.of(new Metric().key("b").value(1.0).step(1L)),
          List.of(new Param().key("q").value("1")), List.of(new RunTag().key("kept").value("yes")));
      client.deleteTag(runId, "gone");
      Map<String, String> tags = tags(sync.getRun(runId));
      assertFalse(tags.containsKey("gone"));
      assertEquals("yes", tags.get("kept"));
      assertEquals(List.of(1L), steps(runId, "b"));
    }
  }

  @Test
  void aClosedClientLogsAgainWithANewWorker() {
    String runId = newRun();
    TracklineClient client = async().build();
    client.logMetric(runId, "m", 1.0, 1700000000000L, 1);
    client.close();
    assertEquals(List.of(1L), steps(runId, "m"));
    client.logMetric(runId, "m", 2.0, 1700000000001L, 2);
    client.close();
    assertEquals(List.of(1L, 2L), steps(runId, "m"));
  }

  @Test
  void theEnvironmentTurnsItOn() {
    Map<String, String> env = Map.of("TRACKLINE_TRACKING_URI", server.toString(), "MLFLOW_ENABLE_ASYNC_LOGGING", "true");
    assertTrue(new TracklineClient.Builder(env).build().isAsyncLogging());
    assertFalse(new TracklineClient.Builder(Map.of("TRACKLINE_TRACKING_URI", server.toString())).build().isAsyncLogging());
    assertFalse(sync.isAsyncLogging());
  }

  @Test
  void aJvmThatExitsWithoutFlushingSendsItsQueuedCallsFirst() throws Exception {
    String runId = newRun();
    Path target = Paths.get("target");
    String deps = new String(Files.readAllBytes(target.resolve("runtime-classpath.txt")), StandardCharsets.UTF_8).trim();
    String classpath = String.join(File.pathSeparator, target.resolve("classes").toAbsolutePath().toString(),
        target.resolve("test-classes").toAbsolutePath().toString(), deps);
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", classpath, ExitWithoutFlush.class.getName(),
        server.toString(), runId, "25")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("queued 25, returning"), output);
    assertEquals(range(0, 25), steps(runId, "m"));
  }

  private static Map<String, String> tags(Run run) {
    Map<String, String> tags = new HashMap<>();
    for (RunTag t : run.getData().getTags()) {
      tags.put(t.getKey(), t.getValue());
    }
    return tags;
  }

  /** A program that queues values and returns from main without flushing or closing. */
  static final class ExitWithoutFlush {
    public static void main(String[] args) {
      TracklineClient client = TracklineClient.builder().trackingUri(args[0]).asyncLogging(true)
          .asyncBatchWindow(Duration.ofHours(1)).build();
      int n = Integer.parseInt(args[2]);
      for (long i = 0; i < n; i++) {
        client.logMetric(args[1], "m", i, 1700000000000L + i, i);
      }
      System.out.println("queued " + n + ", returning");
    }
  }
}

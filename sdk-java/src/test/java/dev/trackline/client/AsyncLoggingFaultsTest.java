package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.trackline.client.model.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Asynchronous logging when things go wrong in the middle of a training loop: the server killed
 * with SIGKILL and restarted (on a server of the test's own), the run deleted.
 */
@ExtendWith(LiveServer.class)
class AsyncLoggingFaultsTest {
  @Test
  void aServerKilledMidLoopAndRestartedLosesNothingAFlushAcknowledgedAndStoresNothingTwice() throws Exception {
    Path dir = Files.createTempDirectory("trackline-java-restart");
    int port = LiveServer.freePort();
    AtomicReference<LiveServer.Server> server = new AtomicReference<>(LiveServer.Server.start(dir, port));
    LiveServer.Server killed = server.get();
    AtomicLong progress = new AtomicLong();
    CountDownLatch wasKilled = new CountDownLatch(1);
    AtomicReference<Throwable> chaosFailed = new AtomicReference<>();
    // After 5000 calls: SIGKILL the server and its workers, wait a second, start it again on the
    // same port and database.
    Thread chaos = new Thread(() -> {
      try {
        while (progress.get() < 5000) {
          Thread.sleep(1);
        }
        killed.kill();
        wasKilled.countDown();
        Thread.sleep(1000);
        server.set(LiveServer.Server.start(dir, port));
      } catch (Throwable e) {
        chaosFailed.set(e);
        wasKilled.countDown();
      }
    }, "kill-and-restart");
    chaos.setDaemon(true);
    // Retries long enough to outlast the restart of a server on a busy machine.
    try (TracklineClient client = TracklineClient.builder().trackingUri(killed.url).asyncLogging(true)
        .asyncQueueCapacity(2000).maxRetries(40).backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).build()) {
      String runId = client.createRun(client.createExperiment(Names.unique("restart"))).getRunId();
      chaos.start();
      long n = 0;
      long afterKill = -1;
      long longestCallNanos = 0;
      while (afterKill < 0 || n < afterKill + 5000) {
        long started = System.nanoTime();
        client.logMetric(runId, "loss", n * 0.5, 1700000000000L + n, n);
        n++;
        progress.set(n);
        if (n % 2000 == 0) {
          client.flush(); // while the server is down this waits for it: retries, then returns
        }
        longestCallNanos = Math.max(longestCallNanos, System.nanoTime() - started);
        if (afterKill < 0 && wasKilled.getCount() == 0) {
          afterKill = n;
        }
        if (n > 5_000_000) {
          fail("the server was never killed");
        }
      }
      client.flush();
      chaos.join(TimeUnit.MINUTES.toMillis(3));
      assertNull(chaosFailed.get());
      assertFalse(killed.isAlive());
      assertTrue(server.get().isAlive());

      List<Metric> history = client.getMetricHistory(runId, "loss");
      assertEquals(n, history.size());
      for (int i = 0; i < n; i++) {
        Metric m = history.get(i);
        assertEquals(i, m.getStep());
        assertEquals(i * 0.5, m.getValue());
        assertEquals(1700000000000L + i, m.getTimestamp());
      }
      // The loop went on while the server was down: a flush waited through the retries for it.
      assertTrue(longestCallNanos > TimeUnit.SECONDS.toNanos(1), "longest call " + longestCallNanos + " ns");
    } finally {
      chaos.join(TimeUnit.MINUTES.toMillis(3));
      server.get().close();
    }
  }

  @Test
  void aRunDeletedMidLoopIsReportedAtTheFlushAndWhatWasFlushedBeforeStays(TracklineClient sync) {
    String runId = sync.createRun(sync.createExperiment(Names.unique("deleted"))).getRunId();
    try (TracklineClient client = TracklineClient.builder().trackingUri(sync.getTrackingUri()).asyncLogging(true).build()) {
      for (long i = 0; i < 20000; i++) {
        client.logMetric(runId, "loss", i, 1700000000000L + i, i);
        if (i == 9999) {
          client.flush();
          sync.deleteRun(runId);
        }
      }
      TracklineException e = assertThrows(TracklineException.class, client::flush);
      assertEquals("INVALID_PARAMETER_VALUE", e.getErrorCode());
      assertEquals(400, e.getHttpStatus());
      assertTrue(e.getMessage().contains("queued calls (#10001 logMetric(\"" + runId + "\", \"loss\", 10000.0, 1700000010000, 10000) and "),
          e.getMessage());
      assertTrue(e.getMessage().contains("must be in the 'active' state"), e.getMessage());
      client.flush();
    }
    sync.restoreRun(runId);
    assertEquals(LongStream.range(0, 10000).boxed().collect(Collectors.toList()),
        sync.getMetricHistory(runId, "loss").stream().map(Metric::getStep).collect(Collectors.toList()));
  }
}

package dev.trackline.client;

import static dev.trackline.client.StubServer.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Retries, timeouts, headers and error mapping, against a scripted server. */
class RetryTest {
  private static final String EXPERIMENT =
      "{\"experiment\": {\"experiment_id\": \"7\", \"name\": \"e\", \"lifecycle_stage\": \"active\"}}";

  private static TracklineClient client(String url, int retries) {
    return new TracklineClient.Builder(Map.of()).trackingUri(url).maxRetries(retries)
        .backoff(Duration.ofMillis(20), Duration.ofMillis(80)).build();
  }

  @Test
  void retries503HonouringRetryAfter() throws Exception {
    try (StubServer stub = new StubServer(0,
        json(503, "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\", \"message\": \"busy\"}").withHeader("Retry-After", "1"),
        json(200, EXPERIMENT))) {
      long start = System.nanoTime();
      assertEquals("e", client(stub.url(), 3).getExperiment("7").getName());
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(2, stub.count());
      assertTrue(elapsedMillis >= 950, "waited only " + elapsedMillis + " ms");
    }
  }

  @Test
  void retries429WithBackoffThenGivesUp() throws Exception {
    try (StubServer stub = new StubServer(0, json(429, "{\"error_code\": \"REQUEST_LIMIT_EXCEEDED\", \"message\": \"slow down\"}"))) {
      TracklineException e = assertThrows(TracklineException.class, () -> client(stub.url(), 3).getExperiment("7"));
      assertEquals("REQUEST_LIMIT_EXCEEDED", e.getErrorCode());
      assertEquals(429, e.getHttpStatus());
      assertEquals(4, stub.count());
    }
    try (StubServer stub = new StubServer(0, json(429, "{}"), json(429, "{}"), json(200, EXPERIMENT))) {
      assertEquals("7", client(stub.url(), 3).getExperiment("7").getExperimentId());
      assertEquals(3, stub.count());
    }
  }

  @Test
  void otherErrorsAreNotRetried() throws Exception {
    int[] statuses = {400, 401, 403, 404, 500, 502};
    for (int status : statuses) {
      try (StubServer stub = new StubServer(0, json(status, "{\"error_code\": \"X_" + status + "\", \"message\": \"m\"}"))) {
        TracklineException e = assertThrows(TracklineException.class, () -> client(stub.url(), 5).deleteRun("r"));
        assertEquals("X_" + status, e.getErrorCode());
        assertEquals(status, e.getHttpStatus());
        assertEquals("m", e.getServerMessage());
        assertEquals(1, stub.count(), "status " + status);
      }
    }
  }

  @Test
  void answersWithoutAJsonErrorGetACodeFromTheStatus() throws Exception {
    try (StubServer stub = new StubServer(0, new StubServer.Answer(404, "<html>Not Found</html>",
        Map.of("Content-Type", "text/html"), 0))) {
      TracklineException e = assertThrows(TracklineException.class, () -> client(stub.url(), 0).getRun("r"));
      assertEquals("ENDPOINT_NOT_FOUND", e.getErrorCode());
      assertEquals(404, e.getHttpStatus());
    }
  }

  @Test
  void connectionErrorsAreRetriedUntilTheServerIsUp() throws Exception {
    int port = LiveServer.freePort();
    CompletableFuture<StubServer> later = CompletableFuture.supplyAsync(() -> {
      try {
        Thread.sleep(400);
        return new StubServer(port, json(200, EXPERIMENT));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    TracklineClient client = new TracklineClient.Builder(Map.of()).trackingUri("http://127.0.0.1:" + port)
        .maxRetries(20).backoff(Duration.ofMillis(50), Duration.ofMillis(100)).build();
    try {
      assertEquals("e", client.getExperiment("7").getName());
    } finally {
      later.get().close();
    }
  }

  @Test
  void connectionRefusedEndsAsConnectionError() throws Exception {
    int port = LiveServer.freePort();
    TracklineException e = assertThrows(TracklineException.class,
        () -> client("http://127.0.0.1:" + port, 2).getExperiment("7"));
    assertEquals(TracklineException.CONNECTION_ERROR, e.getErrorCode());
    assertEquals(0, e.getHttpStatus());
  }

  @Test
  void requestTimeoutIsNotRetried() throws Exception {
    try (StubServer stub = new StubServer(0, json(200, EXPERIMENT).after(1500))) {
      TracklineClient client = new TracklineClient.Builder(Map.of()).trackingUri(stub.url())
          .requestTimeout(Duration.ofMillis(300)).backoff(Duration.ofMillis(10), Duration.ofMillis(10)).build();
      TracklineException e = assertThrows(TracklineException.class, () -> client.getExperiment("7"));
      assertEquals(TracklineException.CONNECTION_ERROR, e.getErrorCode());
      Thread.sleep(300);
      assertEquals(1, stub.count());
    }
  }

  @Test
  void sendsAuthAndUserAgent() throws Exception {
    try (StubServer stub = new StubServer(0, json(200, EXPERIMENT))) {
      new TracklineClient.Builder(Map.of("MLFLOW_TRACKING_TOKEN", "s3cret")).trackingUri(stub.url()).build()
          .getExperiment("7");
      new TracklineClient.Builder(Map.of()).trackingUri(stub.url()).basicAuth("ann", "pw").build()
          .getExperiment("7");
      assertEquals("Bearer s3cret", stub.requests.get(0).getFirst("Authorization"));
      assertEquals("Basic YW5uOnB3", stub.requests.get(1).getFirst("Authorization"));
      assertTrue(stub.requests.get(0).getFirst("User-Agent").startsWith("trackline-java-client/"));
    }
  }
}

package dev.trackline.client;

import static dev.trackline.client.StubServer.Answer.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trackline.client.api.MetricsApi;
import dev.trackline.client.api.ModelsApi;
import dev.trackline.client.api.ServerApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generated API methods put on the wire through the Transport, against a scripted server. */
class TransportTest {
  private static TracklineClient client(StubServer stub) {
    return new TracklineClient.Builder(Map.of()).trackingUri(stub.url()).maxRetries(2)
        .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build();
  }

  @Test
  void fileBodiesStreamAndAreSentWholeAgainOnARetry(@TempDir Path tmp) throws Exception {
    byte[] bytes = new byte[300_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7 + 3);
    }
    Path file = Files.write(tmp.resolve("part.bin"), bytes);
    try (StubServer stub = new StubServer(0, json(503, "{}"), json(200, "{}"))) {
      client(stub).uploadArtifact("1/run/artifacts/part.bin", file);
      assertEquals(2, stub.count());
      for (int i = 0; i < 2; i++) {
        assertArrayEquals(bytes, stub.bodies.get(i));
        assertEquals("application/octet-stream", stub.requests.get(i).getFirst("Content-Type"));
      }
    }
  }

  @Test
  void pathParametersAreEncodedAsTheSpecSays(@TempDir Path tmp) throws Exception {
    Path file = Files.write(tmp.resolve("f.txt"), new byte[] {1});
    try (StubServer stub = new StubServer(0, json(200, "{}"))) {
      TracklineClient client = client(stub);
      client.uploadArtifact("1/a b/c%d/\u00e9.txt", file);
      new ModelsApi(client.getTransport()).deleteLoggedModelTag("m-1", "team/owner");
      assertEquals(List.of(
          "PUT /api/2.0/mlflow-artifacts/artifacts/1/a%20b/c%25d/%C3%A9.txt",
          "DELETE /api/2.0/mlflow/logged-models/m-1/tags/team%2Fowner"), stub.targets);
    }
  }

  @Test
  void queryListsRepeatTheirKeyAndNullsAreLeftOut() throws Exception {
    try (StubServer stub = new StubServer(0, json(200, "{\"metrics\": []}"))) {
      new MetricsApi(client(stub).getTransport())
          .getMetricHistoryBulkInterval(List.of("r1", "r 2"), "loss", null, 10L, null);
      assertEquals(List.of("GET /api/2.0/mlflow/metrics/get-history-bulk-interval"
          + "?run_ids=r1&run_ids=r%202&metric_key=loss&end_step=10"), stub.targets);
    }
  }

  @Test
  void aMissingRequiredParameterIsRefusedBeforeSending() throws Exception {
    try (StubServer stub = new StubServer(0, json(200, "{}"))) {
      TracklineException e = assertThrows(TracklineException.class, () -> client(stub).getExperiment(null));
      assertEquals("INVALID_PARAMETER_VALUE", e.getErrorCode());
      assertEquals(0, e.getHttpStatus());
      assertEquals(0, stub.count());
    }
  }

  @Test
  void textAnswersAreReadInTheirCharsetAndJsonAsUtf8() throws Exception {
    String yaml = "openapi: 3.1.0\ninfo: {title: caf\u00e9 \u2713}\n";
    try (StubServer stub = new StubServer(0, new StubServer.Answer(200, yaml,
        Map.of("Content-Type", "application/yaml; charset=utf-8"), 0))) {
      assertEquals(yaml, new ServerApi(client(stub).getTransport()).getOpenApiSpec());
    }
    String experiment = "{\"experiment\": {\"experiment_id\": \"7\", \"name\": \"caf\u00e9 \uD83D\uDE80\"}}";
    try (StubServer stub = new StubServer(0, json(200, experiment))) {
      assertEquals("caf\u00e9 \uD83D\uDE80", client(stub).getExperiment("7").getName());
    }
  }

  @Test
  void aFailedDownloadSaysWhy() throws Exception {
    try (StubServer stub = new StubServer(0,
        json(404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"no such file\"}"))) {
      TracklineException e = assertThrows(TracklineException.class, () -> client(stub).downloadArtifact("1/x.txt"));
      assertEquals("RESOURCE_DOES_NOT_EXIST", e.getErrorCode());
      assertEquals(404, e.getHttpStatus());
      assertEquals("no such file", e.getServerMessage());
    }
  }

  @Test
  void answersThatAreNotTheExpectedJsonAreInvalidResponses() throws Exception {
    try (StubServer stub = new StubServer(0, new StubServer.Answer(200, "<html>proxy</html>",
        Map.of("Content-Type", "text/html"), 0))) {
      TracklineException e = assertThrows(TracklineException.class, () -> client(stub).getRun("r"));
      assertEquals(TracklineException.INVALID_RESPONSE, e.getErrorCode());
      assertFalse(e.getMessage().isEmpty());
    }
  }
}

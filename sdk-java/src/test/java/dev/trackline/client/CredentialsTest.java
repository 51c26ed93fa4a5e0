package dev.trackline.client;

import static dev.trackline.client.StubServer.Answer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code Authorization} header on every kind of request (JSON calls and streamed artifact
 * transfers), and 401 / 403 answers as {@link TracklineException}s, whatever their body.
 */
class CredentialsTest {
  @TempDir Path dir;

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void artifactUploadsAndDownloadsCarryTheCredentials() throws Exception {
    Path file = Files.writeString(dir.resolve("a.txt"), "hello");
    StubServer.Answer bytes = new StubServer.Answer(200, "file bytes", Map.of(), 0);
    try (StubServer stub = new StubServer(0, json(200, "{}"), bytes, json(200, "{}"), bytes)) {
      TracklineClient bearer = new TracklineClient.Builder(Map.of("MLFLOW_TRACKING_TOKEN", "tok"))
          .trackingUri(stub.url()).build();
      bearer.uploadArtifact("1/r/artifacts/a.txt", file);
      bearer.downloadArtifact("1/r/artifacts/a.txt");
      TracklineClient basic = new TracklineClient.Builder(
              Map.of("MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "pässwörd"))
          .trackingUri(stub.url()).build();
      basic.uploadArtifact("1/r/artifacts/a.txt", file);
      Path got = basic.downloadArtifact("1/r/artifacts/a.txt");
      assertEquals("file bytes", Files.readString(got));
      Files.delete(got);
      assertEquals(4, stub.count());
      for (int i = 0; i < 4; i++) {
        assertEquals(i < 2 ? "Bearer tok" : basic("ann", "pässwörd"),
            stub.requests.get(i).getFirst("Authorization"), stub.targets.get(i));
      }
      assertEquals("PUT /api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.txt", stub.targets.get(2));
    }
  }

  @Test
  void unauthenticatedAndDeniedAnswersBecomeTheirErrorCodes() throws Exception {
    try (StubServer stub = new StubServer(0,
        json(401, "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Sign in\"}")
            .withHeader("WWW-Authenticate", "Basic realm=\"trackline\""),
        new StubServer.Answer(403, "Permission denied", Map.of("Content-Type", "text/plain"), 0))) {
      TracklineClient client = new TracklineClient.Builder(Map.of()).trackingUri(stub.url()).build();
      TracklineException first = assertThrows(TracklineException.class, () -> client.getExperiment("1"));
      assertEquals("UNAUTHENTICATED", first.getErrorCode());
      assertEquals(401, first.getHttpStatus());
      assertEquals("Sign in", first.getServerMessage());
      TracklineException second = assertThrows(TracklineException.class, () -> client.getExperiment("1"));
      assertEquals("PERMISSION_DENIED", second.getErrorCode());
      assertEquals(403, second.getHttpStatus());
      assertEquals(2, stub.count());
    }
  }
}

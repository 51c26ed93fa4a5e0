package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
  private static TracklineClient.Builder fromEnv(Map<String, String> env) {
    return new TracklineClient.Builder(env);
  }

  @Test
  void tracklineUriWinsOverMlflowUri() {
    assertEquals("http://a:1", fromEnv(Map.of("TRACKLINE_TRACKING_URI", "http://a:1/",
        "MLFLOW_TRACKING_URI", "http://b:2")).build().getTrackingUri());
    assertEquals("http://b:2/prefix", fromEnv(Map.of("MLFLOW_TRACKING_URI", "http://b:2/prefix")).build().getTrackingUri());
  }

  @Test
  void missingOrUnsupportedUriIsAConfigurationError() {
    TracklineException none = assertThrows(TracklineException.class, () -> fromEnv(Map.of()).build());
    assertEquals(TracklineException.INVALID_CONFIGURATION, none.getErrorCode());
    assertEquals(0, none.getHttpStatus());
    for (String uri : new String[] {"file:///tmp/mlruns", "databricks", "/tmp/mlruns", "http://"}) {
      TracklineException e = assertThrows(TracklineException.class, () -> fromEnv(Map.of()).trackingUri(uri).build(), uri);
      assertEquals(TracklineException.INVALID_CONFIGURATION, e.getErrorCode());
    }
    TracklineException timeout = assertThrows(TracklineException.class,
        () -> fromEnv(Map.of("MLFLOW_HTTP_REQUEST_TIMEOUT", "soon")));
    assertEquals(TracklineException.INVALID_CONFIGURATION, timeout.getErrorCode());
  }

  @Test
  void authFromTheEnvironment() {
    assertEquals("Bearer tok", fromEnv(Map.of("MLFLOW_TRACKING_TOKEN", "tok")).authorizationHeader());
    String basic = fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "pässword",
        "MLFLOW_TRACKING_TOKEN", "tok")).authorizationHeader();
    assertEquals("Basic " + Base64.getEncoder().encodeToString("ann:pässword".getBytes(StandardCharsets.UTF_8)), basic);
    assertNull(fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "ann")).authorizationHeader());
    assertEquals("Bearer x", fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "p"))
        .token("x").authorizationHeader());
    assertNull(fromEnv(Map.of("MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "p",
        "MLFLOW_TRACKING_TOKEN", "tok")).noAuth().authorizationHeader());
  }
}

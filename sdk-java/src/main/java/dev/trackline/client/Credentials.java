package dev.trackline.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Who the requests are sent as: HTTP basic auth (a user name and a password), a bearer token, or
 * nobody. Basic auth wins when both are known, as in MLflow's clients.
 */
final class Credentials {
  private final String username;
  private final String password;
  private final String token;

  private Credentials(String username, String password, String token) {
    this.username = username;
    this.password = password;
    this.token = token;
  }

  /** From {@code MLFLOW_TRACKING_USERNAME} and {@code _PASSWORD}, or {@code MLFLOW_TRACKING_TOKEN}. */
  static Credentials fromEnvironment(Map<String, String> env) {
    return new Credentials(
        ClientSettings.blankToNull(env.get("MLFLOW_TRACKING_USERNAME")),
        ClientSettings.blankToNull(env.get("MLFLOW_TRACKING_PASSWORD")),
        ClientSettings.blankToNull(env.get("MLFLOW_TRACKING_TOKEN")));
  }

  static Credentials basic(String username, String password) {
    return new Credentials(username, password, null);
  }

  static Credentials bearer(String token) {
    return new Credentials(null, null, token);
  }

  /** The value of the {@code Authorization} header, if there is one to send. */
  Optional<String> authorization() {
    if (username != null && password != null) {
      String pair = username + ":" + password;
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return token == null ? Optional.empty() : Optional.of("Bearer " + token);
  }
}

package dev.trackline.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trackline.client.model.AccessToken;
import dev.trackline.client.model.CreateAccessTokenResponse;
import dev.trackline.client.model.Metric;
import dev.trackline.client.model.RunInfo;
import dev.trackline.client.model.User;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a Trackline server of its own with authentication on ({@code trackline server --auth}):
 * users, grants and access tokens through {@link AuthClient}, and the errors of calls without
 * credentials or beyond the user's permissions.
 */
class AuthTest {
  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
  private static LiveServer.Server server;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server = LiveServer.Server.startWithAuth(ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static TracklineClient as(String username, String password) {
    return new TracklineClient.Builder(Map.of()).trackingUri(server.url).basicAuth(username, password).build();
  }

  private static TracklineClient admin() {
    return as("admin", ADMIN_PASSWORD);
  }

  private static TracklineException fails(String code, int status, Executable call) {
    TracklineException e = assertThrows(TracklineException.class, call);
    assertEquals(code, e.getErrorCode(), e.getMessage());
    assertEquals(status, e.getHttpStatus());
    return e;
  }

  @Test
  void adminGrantsReadAndTheUserReadsButCannotWrite() throws Exception {
    TracklineClient admin = admin();
    assertEquals("admin", admin.auth().getCurrentUser().getUsername());
    User reader = admin.auth().createUser("java-reader", "java-reader-password");
    assertEquals("java-reader", reader.getUsername());
    assertFalse(reader.getIsAdmin());
    assertTrue(admin.auth().listUsers().stream().anyMatch(u -> u.getUsername().equals("java-reader")));
    String experimentId = admin.createExperiment("java-auth-experiment");
    RunInfo run = admin.createRun(experimentId);
    admin.logMetric(run.getRunId(), "loss", 0.5);
    File notes = Files.writeString(dir.resolve("notes.txt"), "shared notes").toFile();
    admin.logArtifact(run.getRunId(), notes);
    admin.auth().grantUserPermission("java-reader", "experiment", experimentId, "READ");
    assertEquals("READ", admin.auth().getUserPermission("java-reader", "experiment", experimentId).getPermission());
    fails("RESOURCE_ALREADY_EXISTS", 400,
        () -> admin.auth().grantUserPermission("java-reader", "experiment", experimentId, "EDIT"));

    TracklineClient user = as("java-reader", "java-reader-password");
    assertEquals("java-reader", user.auth().getCurrentUser().getUsername());
    assertEquals("java-auth-experiment", user.getExperiment(experimentId).getName());
    assertEquals(run.getRunId(), user.getRun(run.getRunId()).getInfo().getRunId());
    File downloaded = user.downloadArtifacts(run.getRunId(), "notes.txt");
    assertEquals("shared notes", Files.readString(downloaded.toPath()));
    fails("PERMISSION_DENIED", 403, () -> user.logMetric(run.getRunId(), "loss", 0.4));
    fails("PERMISSION_DENIED", 403, () -> user.createRun(experimentId));
    fails("PERMISSION_DENIED", 403, () -> user.logArtifact(run.getRunId(), notes, "more"));
    fails("PERMISSION_DENIED", 403, () -> user.auth().createUser("mallory", "mallory-password"));

    // Raised to EDIT through MLflow 2's per-resource route, the same user can write.
    admin.auth().updateExperimentPermission(experimentId, "java-reader", "EDIT");
    assertEquals("EDIT", admin.auth().getExperimentPermission(experimentId, "java-reader").getPermission());
    user.logMetric(run.getRunId(), "loss", 0.4);
    List<Metric> history = user.getMetricHistory(run.getRunId(), "loss");
    assertEquals(List.of(0.5, 0.4), history.stream().map(Metric::getValue).collect(Collectors.toList()));
  }

  @Test
  void noCredentialsOrAWrongPasswordAreUnauthenticated() {
    TracklineClient anonymous = new TracklineClient.Builder(Map.of()).trackingUri(server.url).build();
    fails("UNAUTHENTICATED", 401, () -> anonymous.searchExperiments());
    fails("UNAUTHENTICATED", 401, () -> as("admin", "not-the-password").getExperiment("0"));
  }

  @Test
  void anAccessTokenWorksAsABearerTokenUntilRevoked() {
    admin().auth().createUser("java-token-user", "java-token-password");
    TracklineClient user = as("java-token-user", "java-token-password");
    CreateAccessTokenResponse created = user.auth().createAccessToken("java-tests", 1);
    assertNotNull(created.getSecret());
    List<AccessToken> tokens = user.auth().listAccessTokens();
    assertEquals(List.of(created.getToken().getTokenId()),
        tokens.stream().map(AccessToken::getTokenId).collect(Collectors.toList()));

    TracklineClient bearer = new TracklineClient.Builder(Map.of("MLFLOW_TRACKING_TOKEN", created.getSecret()))
        .trackingUri(server.url).build();
    assertEquals("java-token-user", bearer.auth().getCurrentUser().getUsername());
    String experimentId = bearer.createExperiment("java-token-experiment");
    RunInfo run = bearer.createRun(experimentId);
    bearer.logParam(run.getRunId(), "via", "token");
    bearer.auth().revokeAccessToken(created.getToken().getTokenId());
    fails("UNAUTHENTICATED", 401, () -> bearer.auth().getCurrentUser());
  }

  @Test
  void registeredModelGrantsDenyAndUserAdministration() {
    TracklineClient admin = admin();
    admin.auth().createUser("java-modeler", "java-modeler-password");
    admin.createRegisteredModel("java-auth-model");
    assertEquals("java-auth-model",
        admin.auth().createRegisteredModelPermission("java-auth-model", "java-modeler", "DENY").getName());
    assertEquals("DENY", admin.auth().getRegisteredModelPermission("java-auth-model", "java-modeler").getPermission());
    TracklineClient modeler = as("java-modeler", "java-modeler-password");
    fails("PERMISSION_DENIED", 403, () -> modeler.getRegisteredModel("java-auth-model"));

    admin.auth().deleteRegisteredModelPermission("java-auth-model", "java-modeler");
    assertEquals("java-auth-model", modeler.getRegisteredModel("java-auth-model").getName());
    modeler.auth().updateUserPassword("java-modeler", "java-modeler-password-2", "java-modeler-password");
    assertEquals("java-modeler", as("java-modeler", "java-modeler-password-2").auth().getCurrentUser().getUsername());

    admin.auth().updateUserAdmin("java-modeler", true);
    assertTrue(admin.auth().getUser("java-modeler").getIsAdmin());
    admin.auth().deleteUser("java-modeler");
    fails("RESOURCE_DOES_NOT_EXIST", 404, () -> admin.auth().getUser("java-modeler"));
    fails("INVALID_PARAMETER_VALUE", 0, () -> admin.auth().grantUserPermission("x", "run", "1", "READ"));
  }
}

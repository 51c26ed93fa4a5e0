package dev.trackline.client;

import dev.trackline.client.api.AuthApi;
import dev.trackline.client.model.AccessToken;
import dev.trackline.client.model.CreateAccessTokenRequest;
import dev.trackline.client.model.CreateAccessTokenResponse;
import dev.trackline.client.model.CreateUserRequest;
import dev.trackline.client.model.ExperimentPermission;
import dev.trackline.client.model.ExperimentPermissionRequest;
import dev.trackline.client.model.ExperimentUserRequest;
import dev.trackline.client.model.GetUserPermissionResponse;
import dev.trackline.client.model.GrantUserPermissionRequest;
import dev.trackline.client.model.PermissionLevel;
import dev.trackline.client.model.RegisteredModelPermission;
import dev.trackline.client.model.RegisteredModelPermissionRequest;
import dev.trackline.client.model.RegisteredModelUserRequest;
import dev.trackline.client.model.ResourceType;
import dev.trackline.client.model.RevokeAccessTokenRequest;
import dev.trackline.client.model.UpdateUserAdminRequest;
import dev.trackline.client.model.UpdateUserPasswordRequest;
import dev.trackline.client.model.User;
import dev.trackline.client.model.UserResourceRequest;
import dev.trackline.client.model.UsernameRequest;
import java.util.Collections;
import java.util.List;

/**
 * Users, permissions and access tokens of a server started with {@code trackline server --auth}
 * (or MLflow's {@code basic-auth} app), with the method names of MLflow's Python {@code
 * AuthServiceClient}. Get one from {@link TracklineClient#auth()}; it sends the client's
 * credentials ({@code MLFLOW_TRACKING_USERNAME}/{@code PASSWORD}, {@code MLFLOW_TRACKING_TOKEN},
 * or the builder's {@code basicAuth}/{@code token}).
 *
 * <pre>{@code
 * AuthClient auth = TracklineClient.builder().basicAuth("admin", adminPassword).build().auth();
 * auth.createUser("alice", "correct-horse-battery");
 * auth.grantUserPermission("alice", "experiment", experimentId, "READ");
 * }</pre>
 *
 * <p>Permission levels are {@code READ}, {@code USE}, {@code EDIT}, {@code MANAGE} and {@code
 * DENY} ({@code NO_PERMISSIONS}, MLflow 2's name, means {@code DENY}); resource types {@code
 * experiment} (the id) and {@code registered_model} (the name). A refused call throws a {@link
 * TracklineException}: {@code UNAUTHENTICATED} (401) without valid credentials, {@code
 * PERMISSION_DENIED} (403) beyond the user's permissions.
 */
public final class AuthClient {
  private final AuthApi api;

  AuthClient(Transport transport) {
    this.api = new AuthApi(transport);
  }

  private static PermissionLevel level(String permission) {
    try {
      return PermissionLevel.fromValue(permission);
    } catch (IllegalArgumentException e) {
      throw new TracklineException("INVALID_PARAMETER_VALUE", 0,
          "unknown permission " + permission + ": use READ, USE, EDIT, MANAGE or DENY", e);
    }
  }

  private static ResourceType resourceType(String type) {
    try {
      return ResourceType.fromValue(type);
    } catch (IllegalArgumentException e) {
      throw new TracklineException("INVALID_PARAMETER_VALUE", 0,
          "unknown resource type " + type + ": use experiment or registered_model", e);
    }
  }

  // ---- users -------------------------------------------------------------------------------

  /** Creates a user (admin only); the password needs at least 12 characters. */
  public User createUser(String username, String password) {
    return api.createUser(new CreateUserRequest().username(username).password(password)).getUser();
  }

  /** A user (yourself, or anyone for an admin). */
  public User getUser(String username) {
    return api.getUser(username).getUser();
  }

  /** The user this client's credentials authenticate as. */
  public User getCurrentUser() {
    return api.getCurrentUser().getUser();
  }

  /** Every user (admin only). */
  public List<User> listUsers() {
    List<User> users = api.listUsers().getUsers();
    return users == null ? Collections.emptyList() : users;
  }

  /** Sets anyone's password (admin only). */
  public void updateUserPassword(String username, String password) {
    updateUserPassword(username, password, null);
  }

  /** Changes a password; your own needs {@code currentPassword}. */
  public void updateUserPassword(String username, String password, String currentPassword) {
    api.updateUserPassword(new UpdateUserPasswordRequest()
        .username(username).password(password).currentPassword(currentPassword));
  }

  /** Makes a user an admin, or not (admin only). */
  public void updateUserAdmin(String username, boolean isAdmin) {
    api.updateUserAdmin(new UpdateUserAdminRequest().username(username).isAdmin(isAdmin));
  }

  /** Deletes a user with their grants and tokens (admin only). */
  public void deleteUser(String username) {
    api.deleteUser(new UsernameRequest().username(username));
  }

  // ---- grants (MLflow 3's routes) ----------------------------------------------------------

  /**
   * Grants {@code permission} on a resource (needs MANAGE on it). A user holds one grant per
   * resource: a second one is refused ({@code RESOURCE_ALREADY_EXISTS}); revoke it first.
   */
  public void grantUserPermission(String username, String resourceType, String resourceId, String permission) {
    api.grantUserPermission(new GrantUserPermissionRequest().username(username)
        .resourceType(resourceType(resourceType)).resourceId(resourceId).permission(level(permission)));
  }

  /** Removes a user's grant on a resource (needs MANAGE on it). */
  public void revokeUserPermission(String username, String resourceType, String resourceId) {
    api.revokeUserPermission(new UserResourceRequest().username(username)
        .resourceType(resourceType(resourceType)).resourceId(resourceId));
  }

  /** A user's effective permission on a resource: the grant, or the server's default. */
  public GetUserPermissionResponse getUserPermission(String username, String resourceType, String resourceId) {
    return api.getUserPermission(username, resourceType(resourceType), resourceId);
  }

  // ---- grants (MLflow 2's per-resource routes) ---------------------------------------------

  /** Grants {@code permission} on an experiment. */
  public ExperimentPermission createExperimentPermission(String experimentId, String username, String permission) {
    return api.createExperimentPermission(new ExperimentPermissionRequest()
        .experimentId(experimentId).username(username).permission(level(permission)))
        .getExperimentPermission();
  }

  /** A user's grant on an experiment. */
  public ExperimentPermission getExperimentPermission(String experimentId, String username) {
    return api.getExperimentPermission(experimentId, username).getExperimentPermission();
  }

  /** Changes a user's grant on an experiment. */
  public void updateExperimentPermission(String experimentId, String username, String permission) {
    api.updateExperimentPermission(new ExperimentPermissionRequest()
        .experimentId(experimentId).username(username).permission(level(permission)));
  }

  /** Removes a user's grant on an experiment. */
  public void deleteExperimentPermission(String experimentId, String username) {
    api.deleteExperimentPermission(new ExperimentUserRequest().experimentId(experimentId).username(username));
  }

  /** Grants {@code permission} on a registered model. */
  public RegisteredModelPermission createRegisteredModelPermission(String name, String username, String permission) {
    return api.createRegisteredModelPermission(new RegisteredModelPermissionRequest()
        .name(name).username(username).permission(level(permission)))
        .getRegisteredModelPermission();
  }

  /** A user's grant on a registered model. */
  public RegisteredModelPermission getRegisteredModelPermission(String name, String username) {
    return api.getRegisteredModelPermission(name, username).getRegisteredModelPermission();
  }

  /** Changes a user's grant on a registered model. */
  public void updateRegisteredModelPermission(String name, String username, String permission) {
    api.updateRegisteredModelPermission(new RegisteredModelPermissionRequest()
        .name(name).username(username).permission(level(permission)));
  }

  /** Removes a user's grant on a registered model. */
  public void deleteRegisteredModelPermission(String name, String username) {
    api.deleteRegisteredModelPermission(new RegisteredModelUserRequest().name(name).username(username));
  }

  // ---- access tokens -----------------------------------------------------------------------

  /**
   * Creates an access token for yourself. Its secret ({@link CreateAccessTokenResponse#getSecret()})
   * is in this answer only; send it with {@code builder().token(secret)} or {@code
   * MLFLOW_TRACKING_TOKEN}. {@code expiresInDays} null for a token that does not expire.
   */
  public CreateAccessTokenResponse createAccessToken(String name, Integer expiresInDays) {
    return api.createAccessToken(new CreateAccessTokenRequest()
        .name(name).expiresInDays(expiresInDays == null ? null : expiresInDays.longValue()));
  }

  /** Your access tokens, newest first (never their secrets). */
  public List<AccessToken> listAccessTokens() {
    List<AccessToken> tokens = api.listAccessTokens().getTokens();
    return tokens == null ? Collections.emptyList() : tokens;
  }

  /** Revokes one of your access tokens (an admin may revoke anyone's). */
  public void revokeAccessToken(String tokenId) {
    api.revokeAccessToken(new RevokeAccessTokenRequest().tokenId(tokenId));
  }
}

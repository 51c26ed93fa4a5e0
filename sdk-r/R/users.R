# Users, permissions and access tokens of a server started with `trackline server --auth`.
# MLflow's R package has no functions for these; the names follow MLflow's Python
# `AuthServiceClient` (`create_user` is `mlflow_create_user()`), and the access-token ones
# Trackline's routes. Each is a thin layer on the generated tl_api_* call of the same operation.

tl_permission_arg <- function(permission) {
  levels <- c("READ", "USE", "EDIT", "MANAGE", "DENY", "NO_PERMISSIONS")
  p <- toupper(tl_string_arg(permission, "permission"))
  if (!p %in% levels) {
    tl_abort("`permission` must be one of ", paste(levels, collapse = ", "), ", not '", permission, "'")
  }
  p
}

tl_resource_type_arg <- function(resource_type) {
  t <- tl_string_arg(resource_type, "resource_type")
  if (!t %in% c("experiment", "registered_model")) {
    tl_abort("`resource_type` must be \"experiment\" or \"registered_model\", not '", t, "'")
  }
  t
}

# ---- users ---------------------------------------------------------------------------------

#' Users of a server with authentication
#'
#' Create, read, change and delete the users of a server started with
#' `trackline server --auth` (or an MLflow server with its `basic-auth` app). Creating,
#' listing and deleting users and making a user an admin need an admin; a user may read
#' themselves and change their own password (giving `current_password`).
#'
#' Credentials for every call come from the environment, as for all other functions:
#' `MLFLOW_TRACKING_USERNAME` and `MLFLOW_TRACKING_PASSWORD` (basic authentication), or
#' `MLFLOW_TRACKING_TOKEN` (a bearer token, see [mlflow_create_access_token()]).
#'
#' @param username The user's name.
#' @param password The (new) password: at least 12 characters.
#' @param current_password Your current password, to change your own.
#' @param is_admin `TRUE` to make the user an admin, `FALSE` to take that away.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `mlflow_create_user()`, `mlflow_get_user()` and `mlflow_get_current_user()`: the
#'   user, a named list with `id`, `username` and `is_admin`. `mlflow_list_users()`: a list of
#'   such users. The others: `NULL`, invisibly.
#' @examples
#' \dontrun{
#' Sys.setenv(MLFLOW_TRACKING_USERNAME = "admin", MLFLOW_TRACKING_PASSWORD = "...")
#' mlflow_create_user("alice", "correct-horse-battery")
#' mlflow_get_current_user()$username
#' }
#' @name mlflow_users
#' @family users and permissions
NULL

#' @rdname mlflow_users
#' @export
mlflow_create_user <- function(username, password, client = NULL) {
  tl_api_create_user(username = tl_string_arg(username, "username"),
                     password = tl_string_arg(password, "password"),
                     client = tl_resolve_client(client))$user
}

#' @rdname mlflow_users
#' @export
mlflow_get_user <- function(username, client = NULL) {
  tl_api_get_user(username = tl_string_arg(username, "username"),
                  client = tl_resolve_client(client))$user
}

#' @rdname mlflow_users
#' @export
mlflow_get_current_user <- function(client = NULL) {
  tl_api_get_current_user(client = tl_resolve_client(client))$user
}

#' @rdname mlflow_users
#' @export
mlflow_list_users <- function(client = NULL) {
  tl_api_list_users(client = tl_resolve_client(client))$users %||% list()
}

#' @rdname mlflow_users
#' @export
mlflow_update_user_password <- function(username, password, current_password = NULL,
                                        client = NULL) {
  tl_api_update_user_password(
    username = tl_string_arg(username, "username"), password = tl_string_arg(password, "password"),
    current_password = if (!is.null(current_password)) tl_string_arg(current_password, "current_password"),
    client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' @rdname mlflow_users
#' @export
mlflow_update_user_admin <- function(username, is_admin, client = NULL) {
  if (!is.logical(is_admin) || length(is_admin) != 1 || is.na(is_admin)) {
    tl_abort("`is_admin` must be TRUE or FALSE")
  }
  tl_api_update_user_admin(username = tl_string_arg(username, "username"), is_admin = is_admin,
                           client = tl_resolve_client(client))
  invisible(NULL)
}

#' @rdname mlflow_users
#' @export
mlflow_delete_user <- function(username, client = NULL) {
  tl_api_delete_user(username = tl_string_arg(username, "username"),
                     client = tl_resolve_client(client))
  invisible(NULL)
}

# ---- grants --------------------------------------------------------------------------------

#' Permissions of users on experiments and registered models
#'
#' A user's grant on one experiment (`resource_type = "experiment"`, `resource_id` its id) or
#' registered model (`"registered_model"`, its name). The levels: `"READ"`, `"USE"`, `"EDIT"`
#' (also change), `"MANAGE"` (also delete and grant), `"DENY"` (nothing; `"NO_PERMISSIONS"` is
#' MLflow 2's name for it). Granting and revoking need MANAGE on the resource or an admin; a
#' user holds one grant per resource (a second grant is refused with
#' `RESOURCE_ALREADY_EXISTS`: revoke it first). The creator of an experiment or registered model
#' gets MANAGE on it. Without a grant, the server's default permission applies.
#'
#' `mlflow_grant_user_permission()`, `mlflow_revoke_user_permission()` and
#' `mlflow_get_user_permission()` call MLflow 3's routes; the `*_experiment_permission()` and
#' `*_registered_model_permission()` functions call MLflow 2's per-resource routes (named as
#' the methods of MLflow's Python `AuthServiceClient`), over the same grants.
#'
#' @param username The user's name.
#' @param resource_type `"experiment"` or `"registered_model"`.
#' @param resource_id The experiment's id, or the registered model's name.
#' @param permission A level (above).
#' @param experiment_id The experiment's id.
#' @param name The registered model's name.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `mlflow_get_user_permission()`: a list with `permission` (the effective level) and
#'   `allowed`. `mlflow_create_*_permission()` and `mlflow_get_*_permission()`: the grant, a
#'   list with `experiment_id` or `name`, `user_id` and `permission`. The others: `NULL`,
#'   invisibly.
#' @examples
#' \dontrun{
#' id <- mlflow_create_experiment("churn")
#' mlflow_grant_user_permission("alice", "experiment", id, "READ")
#' mlflow_get_user_permission("alice", "experiment", id)$permission
#' }
#' @name mlflow_permissions
#' @family users and permissions
NULL

#' @rdname mlflow_permissions
#' @export
mlflow_grant_user_permission <- function(username, resource_type, resource_id, permission,
                                         client = NULL) {
  tl_api_grant_user_permission(
    username = tl_string_arg(username, "username"),
    resource_type = tl_resource_type_arg(resource_type),
    resource_id = tl_string_arg(resource_id, "resource_id"),
    permission = tl_permission_arg(permission), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' @rdname mlflow_permissions
#' @export
mlflow_revoke_user_permission <- function(username, resource_type, resource_id, client = NULL) {
  tl_api_revoke_user_permission(
    username = tl_string_arg(username, "username"),
    resource_type = tl_resource_type_arg(resource_type),
    resource_id = tl_string_arg(resource_id, "resource_id"), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' @rdname mlflow_permissions
#' @export
mlflow_get_user_permission <- function(username, resource_type, resource_id, client = NULL) {
  tl_api_get_user_permission(
    username = tl_string_arg(username, "username"),
    resource_type = tl_resource_type_arg(resource_type),
    resource_id = tl_string_arg(resource_id, "resource_id"), client = tl_resolve_client(client)
  )
}

#' @rdname mlflow_permissions
#' @export
mlflow_create_experiment_permission <- function(experiment_id, username, permission,
                                                client = NULL) {
  tl_api_create_experiment_permission(
    experiment_id = tl_string_arg(experiment_id, "experiment_id"),
    username = tl_string_arg(username, "username"), permission = tl_permission_arg(permission),
    client = tl_resolve_client(client)
  )$experiment_permission
}

#' @rdname mlflow_permissions
#' @export
mlflow_get_experiment_permission <- function(experiment_id, username, client = NULL) {
  tl_api_get_experiment_permission(
    experiment_id = tl_string_arg(experiment_id, "experiment_id"),
    username = tl_string_arg(username, "username"), client = tl_resolve_client(client)
  )$experiment_permission
}

#' @rdname mlflow_permissions
#' @export
mlflow_update_experiment_permission <- function(experiment_id, username, permission,
                                                client = NULL) {
  tl_api_update_experiment_permission(
    experiment_id = tl_string_arg(experiment_id, "experiment_id"),
    username = tl_string_arg(username, "username"), permission = tl_permission_arg(permission),
    client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' @rdname mlflow_permissions
#' @export
mlflow_delete_experiment_permission <- function(experiment_id, username, client = NULL) {
  tl_api_delete_experiment_permission(
    experiment_id = tl_string_arg(experiment_id, "experiment_id"),
    username = tl_string_arg(username, "username"), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' @rdname mlflow_permissions
#' @export
mlflow_create_registered_model_permission <- function(name, username, permission,
                                                      client = NULL) {
  tl_api_create_registered_model_permission(
    name = tl_string_arg(name, "name"), username = tl_string_arg(username, "username"),
    permission = tl_permission_arg(permission), client = tl_resolve_client(client)
  )$registered_model_permission
}

#' @rdname mlflow_permissions
#' @export
mlflow_get_registered_model_permission <- function(name, username, client = NULL) {
  tl_api_get_registered_model_permission(
    name = tl_string_arg(name, "name"), username = tl_string_arg(username, "username"),
    client = tl_resolve_client(client)
  )$registered_model_permission
}

#' @rdname mlflow_permissions
#' @export
mlflow_update_registered_model_permission <- function(name, username, permission,
                                                      client = NULL) {
  tl_api_update_registered_model_permission(
    name = tl_string_arg(name, "name"), username = tl_string_arg(username, "username"),
    permission = tl_permission_arg(permission), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' @rdname mlflow_permissions
#' @export
mlflow_delete_registered_model_permission <- function(name, username, client = NULL) {
  tl_api_delete_registered_model_permission(
    name = tl_string_arg(name, "name"), username = tl_string_arg(username, "username"),
    client = tl_resolve_client(client)
  )
  invisible(NULL)
}

# ---- access tokens -------------------------------------------------------------------------

#' Access tokens
#'
#' Create, list and revoke your own access tokens (an admin may revoke anyone's). A token acts
#' as you, with your permissions: set it as `MLFLOW_TRACKING_TOKEN` (sent as
#' `Authorization: Bearer <token>`), or use it as the password with your user name. The
#' server keeps only a hash of it: the secret is in the answer of
#' `mlflow_create_access_token()` and nowhere else.
#'
#' @param name What the token is for.
#' @param expires_in_days Days until the token stops working; `NULL` for one that does not expire.
#' @param token_id The token's id (from `mlflow_list_access_tokens()`).
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `mlflow_create_access_token()`: a list with `secret` (the token) and `token` (its
#'   `token_id`, `name`, `creation_time`, `expiration_time`). `mlflow_list_access_tokens()`: a
#'   list of such `token`s, newest first. `mlflow_revoke_access_token()`: `NULL`, invisibly.
#' @examples
#' \dontrun{
#' tok <- mlflow_create_access_token("training-cluster", expires_in_days = 90)
#' Sys.setenv(MLFLOW_TRACKING_TOKEN = tok$secret)
#' }
#' @name mlflow_access_tokens
#' @family users and permissions
NULL

#' @rdname mlflow_access_tokens
#' @export
mlflow_create_access_token <- function(name = NULL, expires_in_days = NULL, client = NULL) {
  if (!is.null(expires_in_days)) {
    if (!is.numeric(expires_in_days) || length(expires_in_days) != 1 || is.na(expires_in_days) ||
        expires_in_days != round(expires_in_days)) {
      tl_abort("`expires_in_days` must be a whole number of days")
    }
    expires_in_days <- as.integer(expires_in_days)
  }
  tl_api_create_access_token(
    name = if (!is.null(name)) tl_string_arg(name, "name"), expires_in_days = expires_in_days,
    client = tl_resolve_client(client)
  )
}

#' @rdname mlflow_access_tokens
#' @export
mlflow_list_access_tokens <- function(client = NULL) {
  tl_api_list_access_tokens(client = tl_resolve_client(client))$tokens %||% list()
}

#' @rdname mlflow_access_tokens
#' @export
mlflow_revoke_access_token <- function(token_id, client = NULL) {
  tl_api_revoke_access_token(token_id = tl_string_arg(token_id, "token_id"),
                             client = tl_resolve_client(client))
  invisible(NULL)
}

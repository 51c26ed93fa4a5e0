# Against a Trackline server of its own with authentication on (`trackline server --auth`):
# users, grants, access tokens, and the errors of calls without or beyond one's permissions.

# One server for the file, started by the first test that needs it.
.auth <- new.env()
auth_server <- function() {
  if (is.null(.auth$server)) .auth$server <- local_auth_server(env = testthat::teardown_env())
  .auth$server
}

expect_tl_error <- function(expr, code, status) {
  err <- expect_error(expr, class = "trackline_error")
  expect_identical(err$error_code, code)
  expect_identical(err$http_status, as.integer(status))
  invisible(err)
}

test_that("an admin creates a user and grants READ; the user reads but cannot write", {
  srv <- auth_server()
  client <- mlflow_client(srv$url)
  password <- "reader-password-1"
  local_credentials(srv$admin$username, srv$admin$password)
  expect_identical(mlflow_get_current_user(client = client)$username, "admin")
  user <- mlflow_create_user("reader", password, client = client)
  expect_identical(user$username, "reader")
  expect_false(user$is_admin)
  expect_true("reader" %in% vapply(mlflow_list_users(client = client), `[[`, "", "username"))
  exp_id <- mlflow_create_experiment("auth-r-experiment", client = client)
  run <- mlflow_start_run(experiment_id = exp_id, client = client)
  mlflow_log_metric("loss", 0.5, run_id = run$run_id, client = client)
  notes <- withr::local_tempfile(fileext = ".txt", lines = "shared notes")
  mlflow_log_artifact(notes, run_id = run$run_id, client = client)
  mlflow_grant_user_permission("reader", "experiment", exp_id, "READ", client = client)
  expect_identical(mlflow_get_user_permission("reader", "experiment", exp_id,
                                              client = client)$permission, "READ")
  # One grant per user and resource: a second one is refused.
  expect_tl_error(mlflow_grant_user_permission("reader", "experiment", exp_id, "EDIT",
                                               client = client),
                  "RESOURCE_ALREADY_EXISTS", 400)

  local_credentials("reader", password)
  expect_identical(mlflow_get_current_user(client = client)$username, "reader")
  expect_identical(mlflow_get_experiment(exp_id, client = client)$name, "auth-r-experiment")
  expect_identical(mlflow_get_run(run$run_id, client = client)$run_id, run$run_id)
  # Reading artifacts streams them with the same credentials.
  got <- mlflow_download_artifacts(basename(notes), run_id = run$run_id, client = client,
                                   dst_path = withr::local_tempdir())
  expect_identical(readLines(got, warn = FALSE), "shared notes")
  expect_tl_error(mlflow_log_metric("loss", 0.4, run_id = run$run_id, client = client),
                  "PERMISSION_DENIED", 403)
  expect_tl_error(mlflow_start_run(experiment_id = exp_id, client = client),
                  "PERMISSION_DENIED", 403)
  expect_tl_error(mlflow_log_artifact(notes, artifact_path = "more", run_id = run$run_id,
                                      client = client),
                  "PERMISSION_DENIED", 403)
  expect_tl_error(mlflow_create_user("mallory", "mallory-password", client = client),
                  "PERMISSION_DENIED", 403)
  expect_tl_error(mlflow_grant_user_permission("reader", "experiment", exp_id, "MANAGE",
                                               client = client),
                  "PERMISSION_DENIED", 403)

  # Raised to EDIT through MLflow 2's per-resource route, the same user can write.
  local_credentials(srv$admin$username, srv$admin$password)
  mlflow_update_experiment_permission(exp_id, "reader", "EDIT", client = client)
  expect_identical(mlflow_get_experiment_permission(exp_id, "reader", client = client)$permission,
                   "EDIT")
  local_credentials("reader", password)
  mlflow_log_metric("loss", 0.4, run_id = run$run_id, client = client)
  expect_identical(mlflow_get_run(run$run_id, client = client)$metrics[[1]]$value, 0.4)
})

test_that("no credentials or a wrong password are UNAUTHENTICATED", {
  srv <- auth_server()
  client <- mlflow_client(srv$url)
  local_credentials()
  err <- expect_tl_error(mlflow_search_experiments(client = client), "UNAUTHENTICATED", 401)
  expect_match(conditionMessage(err), "UNAUTHENTICATED")
  local_credentials(srv$admin$username, "not-the-password")
  expect_tl_error(mlflow_get_experiment("0", client = client), "UNAUTHENTICATED", 401)
})

test_that("an access token works as a bearer token until it is revoked", {
  srv <- auth_server()
  client <- mlflow_client(srv$url)
  local_credentials(srv$admin$username, srv$admin$password)
  mlflow_create_user("tokenuser", "tokenuser-password", client = client)
  local_credentials("tokenuser", "tokenuser-password")
  created <- mlflow_create_access_token("r-tests", expires_in_days = 1, client = client)
  expect_true(nzchar(created$secret))
  listed <- mlflow_list_access_tokens(client = client)
  expect_identical(vapply(listed, `[[`, "", "token_id"), created$token$token_id)
  expect_null(listed[[1]]$secret)

  local_credentials(token = created$secret)
  expect_identical(mlflow_get_current_user(client = client)$username, "tokenuser")
  # The token's user may create an experiment of their own and log to it.
  exp_id <- mlflow_create_experiment("tokenuser-experiment", client = client)
  run <- mlflow_start_run(experiment_id = exp_id, client = client)
  mlflow_log_param("via", "token", run_id = run$run_id, client = client)
  mlflow_revoke_access_token(created$token$token_id, client = client)
  expect_tl_error(mlflow_get_current_user(client = client), "UNAUTHENTICATED", 401)
})

test_that("registered model grants, DENY, and user administration", {
  srv <- auth_server()
  client <- mlflow_client(srv$url)
  local_credentials(srv$admin$username, srv$admin$password)
  mlflow_create_user("modeler", "modeler-password", client = client)
  mlflow_create_registered_model("auth-r-model", client = client)
  grant <- mlflow_create_registered_model_permission("auth-r-model", "modeler", "DENY",
                                                      client = client)
  expect_identical(grant$name, "auth-r-model")
  expect_identical(mlflow_get_registered_model_permission("auth-r-model", "modeler",
                                                         client = client)$permission, "DENY")

  local_credentials("modeler", "modeler-password")
  expect_tl_error(mlflow_get_registered_model("auth-r-model", client = client),
                  "PERMISSION_DENIED", 403)

  local_credentials(srv$admin$username, srv$admin$password)
  mlflow_delete_registered_model_permission("auth-r-model", "modeler", client = client)
  local_credentials("modeler", "modeler-password")
  expect_identical(mlflow_get_registered_model("auth-r-model", client = client)$name,
                   "auth-r-model")
  mlflow_update_user_password("modeler", "modeler-password-2",
                              current_password = "modeler-password", client = client)

  local_credentials(srv$admin$username, srv$admin$password)
  mlflow_update_user_admin("modeler", TRUE, client = client)
  expect_true(mlflow_get_user("modeler", client = client)$is_admin)
  mlflow_delete_user("modeler", client = client)
  expect_tl_error(mlflow_get_user("modeler", client = client), "RESOURCE_DOES_NOT_EXIST", 404)
  expect_error(mlflow_grant_user_permission("x", "run", "1", "READ", client = client),
               "resource_type", class = "trackline_error")
})

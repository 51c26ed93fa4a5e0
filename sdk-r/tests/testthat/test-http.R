# The HTTP layer against a scripted local server: what goes on the wire, retries, errors.

experiment_body <- "{\"experiment\":{\"experiment_id\":\"1\",\"name\":\"e\"}}"

test_that("503 and 429 are retried, then the answer is returned", {
  local_fast_retries(3)
  srv <- scripted_server(list(
    answer(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"busy\"}"),
    answer(429, "{}", c(`Retry-After` = "0")),
    answer(200, experiment_body)
  ))
  res <- tl_api_get_experiment(experiment_id = "1", client = mlflow_client(srv$url))
  expect_identical(res$experiment$name, "e")
  expect_length(srv$requests(), 3)
})

test_that("other errors are not retried and become a trackline_error", {
  local_fast_retries(3)
  for (status in c(500, 400, 404)) {
    srv <- scripted_server(list(
      answer(status, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"Run 'x' not found\"}"),
      answer(200, "{}")
    ))
    err <- expect_error(tl_api_get_run(run_id = "x", client = mlflow_client(srv$url)),
                        class = "trackline_error")
    expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
    expect_identical(err$http_status, as.integer(status))
    expect_match(conditionMessage(err), "RESOURCE_DOES_NOT_EXIST.*Run 'x' not found")
    expect_length(srv$requests(), 1)
    # Let the scripted server finish its plan.
    tl_api_health(client = mlflow_client(srv$url))
  }
})

test_that("retries stop after trackline.max_retries", {
  local_fast_retries(2)
  srv <- scripted_server(rep(list(answer(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"busy\"}")), 3))
  err <- expect_error(tl_api_health(client = mlflow_client(srv$url)), class = "trackline_error")
  expect_identical(err$http_status, 503L)
  expect_identical(err$error_code, "TEMPORARILY_UNAVAILABLE")
  expect_length(srv$requests(), 3)
})

test_that("a server that is not up yet is retried until it answers", {
  withr::local_options(trackline.max_retries = 8, trackline.retry_backoff = 0.25,
                       trackline.retry_max_backoff = 1)
  srv <- scripted_server(list(answer(200, experiment_body)), delay = 1.5)
  res <- tl_api_get_experiment(experiment_id = "1", client = mlflow_client(srv$url))
  expect_identical(res$experiment$experiment_id, "1")
})

test_that("an unreachable server gives a trackline_connection_error", {
  local_fast_retries(1)
  port <- tlt_free_port()
  err <- expect_error(tl_api_health(client = mlflow_client(paste0("http://127.0.0.1:", port))),
                      class = "trackline_connection_error")
  expect_s3_class(err, "trackline_error")
  expect_true(is.na(err$http_status))
})

test_that("bodies carry JSON numbers, arrays and the spec's field names", {
  srv <- scripted_server(list(answer(), answer(), answer(200, "{\"runs\":[]}")))
  client <- mlflow_client(srv$url)
  mlflow_log_metric("rmse", 0.1 + 0.2, timestamp = 1700000000123, step = 100000,
                    run_id = "r1", client = client)
  mlflow_log_metric("loss", NaN, timestamp = 1700000000000, run_id = "r1", client = client)
  mlflow_search_runs(experiment_ids = "3", order_by = "metrics.rmse", client = client)
  reqs <- srv$requests()
  expect_identical(reqs[[1]]$method, "POST")
  expect_identical(reqs[[1]]$target, "/api/2.0/mlflow/runs/log-metric")
  expect_identical(reqs[[1]]$headers[["content-type"]], "application/json")
  expect_identical(
    reqs[[1]]$body,
    "{\"run_id\":\"r1\",\"key\":\"rmse\",\"value\":0.30000000000000004,\"timestamp\":1700000000123,\"step\":100000}"
  )
  expect_identical(
    reqs[[2]]$body,
    "{\"run_id\":\"r1\",\"key\":\"loss\",\"value\":\"NaN\",\"timestamp\":1700000000000,\"step\":0}"
  )
  body <- jsonlite::parse_json(reqs[[3]]$body)
  expect_identical(body$experiment_ids, list("3"))
  expect_identical(body$order_by, list("metrics.rmse"))
  expect_identical(body$run_view_type, "ACTIVE_ONLY")
  expect_identical(body$max_results, 1000L)
})

test_that("query strings repeat array keys and escape values", {
  srv <- scripted_server(list(answer(200, "{\"metrics\":[]}")))
  tl_api_get_metric_history_bulk_interval(run_ids = c("a", "b"), metric_key = "m k/1",
                                          max_results = 10, client = mlflow_client(srv$url))
  expect_identical(
    srv$requests()[[1]]$target,
    "/api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=a&run_ids=b&metric_key=m%20k%2F1&max_results=10"
  )
})

test_that("credentials come from the environment", {
  srv <- scripted_server(list(answer(), answer(), answer()))
  client <- mlflow_client(srv$url)
  withr::local_envvar(MLFLOW_TRACKING_TOKEN = "tok", MLFLOW_TRACKING_USERNAME = "",
                      MLFLOW_TRACKING_PASSWORD = "")
  tl_api_health(client = client)
  withr::local_envvar(MLFLOW_TRACKING_USERNAME = "ann", MLFLOW_TRACKING_PASSWORD = "s3cret")
  tl_api_health(client = client)
  withr::local_envvar(MLFLOW_TRACKING_TOKEN = "", MLFLOW_TRACKING_USERNAME = "",
                      MLFLOW_TRACKING_PASSWORD = "")
  tl_api_health(client = client)
  reqs <- srv$requests()
  expect_identical(reqs[[1]]$headers$authorization, "Bearer tok")
  expect_identical(reqs[[2]]$headers$authorization,
                   paste("Basic", jsonlite::base64_enc("ann:s3cret")))
  expect_null(reqs[[3]]$headers$authorization)
  expect_match(reqs[[3]]$headers[["user-agent"]], "^trackline-r/")
})

test_that("streamed uploads and downloads carry the credentials too", {
  srv <- scripted_server(list(answer(), answer(200, "file bytes")))
  client <- mlflow_client(srv$url)
  withr::local_envvar(MLFLOW_TRACKING_TOKEN = "tok", MLFLOW_TRACKING_USERNAME = "",
                      MLFLOW_TRACKING_PASSWORD = "")
  local <- withr::local_tempfile(lines = "hello")
  tl_transfer("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.txt",
              upload_file = local, client = client)
  withr::local_envvar(MLFLOW_TRACKING_USERNAME = "ann", MLFLOW_TRACKING_PASSWORD = "pässwörd")
  dest <- file.path(withr::local_tempdir(), "a.txt")
  tl_transfer("GET", "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.txt",
              dest_file = dest, client = client)
  expect_identical(readLines(dest, warn = FALSE), "file bytes")
  reqs <- srv$requests()
  expect_identical(reqs[[1]]$headers$authorization, "Bearer tok")
  expect_identical(reqs[[2]]$headers$authorization,
                   paste("Basic", jsonlite::base64_enc(enc2utf8("ann:pässwörd"))))
})

test_that("MLflow's older credential variables are read, with a warning", {
  srv <- scripted_server(list(answer()))
  withr::local_envvar(MLFLOW_TRACKING_TOKEN = "", MLFLOW_TRACKING_USERNAME = "",
                      MLFLOW_TRACKING_PASSWORD = "", MLFLOW_TOKEN = "old-tok")
  g <- trackline:::.globals
  saved <- g$warned_old_credentials
  g$warned_old_credentials <- list()
  withr::defer(g$warned_old_credentials <- saved)
  expect_warning(tl_api_health(client = mlflow_client(srv$url)), "MLFLOW_TOKEN is deprecated")
  expect_identical(srv$requests()[[1]]$headers$authorization, "Bearer old-tok")
})

test_that("401 and 403 are UNAUTHENTICATED and PERMISSION_DENIED, with or without an envelope", {
  srv <- scripted_server(list(
    answer(401, "{\"error_code\":\"UNAUTHENTICATED\",\"message\":\"Sign in\"}",
           c(`WWW-Authenticate` = "Basic realm=\"trackline\"")),
    answer(403, "Permission denied"),
    answer(401, "")
  ))
  client <- mlflow_client(srv$url)
  codes <- list()
  for (i in 1:3) {
    err <- expect_error(tl_api_get_experiment(experiment_id = "1", client = client),
                        class = "trackline_error")
    codes[[i]] <- c(err$error_code, err$http_status)
  }
  expect_identical(codes, list(c("UNAUTHENTICATED", "401"), c("PERMISSION_DENIED", "403"),
                               c("UNAUTHENTICATED", "401")))
  expect_length(srv$requests(), 3)
})

test_that("an answer that is not JSON is an error", {
  srv <- scripted_server(list(answer(200, "<html>not json</html>")))
  err <- expect_error(tl_api_get_run(run_id = "x", client = mlflow_client(srv$url)),
                      class = "trackline_error")
  expect_match(conditionMessage(err), "not JSON")
})

test_that("path parameters are escaped and raw bodies sent as bytes", {
  srv <- scripted_server(list(answer(), answer(200, "hello bytes")))
  client <- mlflow_client(srv$url)
  tl_api_upload_artifact(path = "1/r 1/artifacts/a+b.txt", body = "hello", client = client)
  got <- tl_api_download_artifact(path = "1/r 1/artifacts/a+b.txt", client = client)
  expect_identical(got, charToRaw("hello bytes"))
  reqs <- srv$requests()
  expect_identical(reqs[[1]]$method, "PUT")
  expect_identical(reqs[[1]]$target, "/api/2.0/mlflow-artifacts/artifacts/1/r%201/artifacts/a%2Bb.txt")
  expect_identical(reqs[[1]]$headers[["content-type"]], "application/octet-stream")
  expect_identical(reqs[[1]]$body, "hello")
  expect_identical(reqs[[2]]$method, "GET")
  expect_error(tl_api_download_artifact(client = client), "part of the URL",
               class = "trackline_error")
})

test_that("the tracking URI comes from the session, then the environment", {
  g <- trackline:::.globals
  old <- g$tracking_uri
  withr::defer(g$tracking_uri <- old)
  g$tracking_uri <- NULL
  withr::local_envvar(MLFLOW_TRACKING_URI = "", TRACKLINE_TRACKING_URI = "")
  expect_identical(mlflow_get_tracking_uri(), "http://127.0.0.1:5000")
  withr::local_envvar(TRACKLINE_TRACKING_URI = "http://b:2")
  expect_identical(mlflow_get_tracking_uri(), "http://b:2")
  withr::local_envvar(MLFLOW_TRACKING_URI = "http://a:1")
  expect_identical(mlflow_get_tracking_uri(), "http://a:1")
  expect_identical(mlflow_set_tracking_uri("http://c:3/"), "http://c:3/")
  expect_identical(mlflow_get_tracking_uri(), "http://c:3/")
  expect_identical(mlflow_client()$host, "http://c:3")
})

test_that("only http and https tracking URIs are accepted", {
  expect_s3_class(mlflow_client("https://example.org/mlflow"), "mlflow_client")
  err <- expect_error(mlflow_client("file:///tmp/mlruns"), class = "trackline_error")
  expect_match(conditionMessage(err), "trackline server")
  expect_error(mlflow_client("sqlite:///x.db"), class = "trackline_error")
  expect_error(mlflow_client("localhost:5000"), class = "trackline_error")
})

test_that("a client with no run_id is refused by logging calls", {
  client <- mlflow_client("http://127.0.0.1:9")
  expect_error(mlflow_log_metric("m", 1, client = client), "run_id", class = "trackline_error")
  expect_error(mlflow_log_param("p", 1, client = client), "run_id", class = "trackline_error")
  expect_error(mlflow_set_tag("t", 1, client = client), "run_id", class = "trackline_error")
  expect_error(mlflow_end_run(client = client), "run_id", class = "trackline_error")
  expect_error(mlflow_get_run(client = client), "run_id", class = "trackline_error")
})

test_that("trackline_error carries the error code and the HTTP status", {
  err <- trackline_error("gone", "RESOURCE_DOES_NOT_EXIST", 404)
  expect_s3_class(err, c("trackline_error", "error", "condition"))
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  expect_identical(err$http_status, 404L)
  caught <- tryCatch(stop(err), trackline_error = function(e) e)
  expect_identical(conditionMessage(caught), "gone")
})

test_that("mlflow_id reads runs and experiments", {
  run <- trackline:::tl_run_object(list(info = list(run_id = "abc", experiment_id = "1")))
  expect_identical(mlflow_id(run), "abc")
  exp <- trackline:::tl_experiment_object(list(experiment_id = "7", name = "x"))
  expect_identical(mlflow_id(exp), "7")
  expect_error(mlflow_id(42), class = "trackline_error")
})

test_that("runs and metrics convert to tibbles with POSIXct times and back", {
  wire <- list(
    info = list(run_id = "r1", run_uuid = "r1", experiment_id = "2", status = "FINISHED",
                start_time = 1700000000123, end_time = 1700000060000, lifecycle_stage = "active"),
    data = list(
      metrics = list(list(key = "rmse", value = "NaN", timestamp = 1700000000500, step = 3),
                     list(key = "acc", value = 0.25, timestamp = 1700000000600)),
      params = list(list(key = "alpha", value = "0.5")),
      tags = list(list(key = "t", value = ""))
    )
  )
  run <- trackline:::tl_run_object(wire)
  expect_s3_class(run, "mlflow_run")
  expect_s3_class(run$start_time, "POSIXct")
  expect_equal(as.numeric(run$start_time) * 1000, 1700000000123)
  expect_true(is.na(run$run_name))
  m <- run$metrics[[1]]
  expect_true(is.nan(m$value[1]))
  expect_identical(m$step, c(3, 0))
  back <- trackline:::tl_runs_wire(run)[[1]]
  expect_identical(back$info$start_time, 1700000000123)
  expect_identical(back$info$end_time, 1700000060000)
  expect_null(back$info$run_name)
  expect_identical(back$data$metrics[[1]]$timestamp, 1700000000500)
  expect_identical(back$data$params, list(list(key = "alpha", value = "0.5")))
  expect_identical(back$data$tags, list(list(key = "t", value = "")))
})

# Every tracking request MLflow's R package makes, as it makes it, must succeed.

test_that("the health check (POST experiments/search with max_results \"1\") is accepted", {
  body <- expect_accepted(mlflow_r_call("experiments/search", "POST",
                                        data = list(max_results = 1)))
  expect_length(body$experiments, 1)
})

test_that("experiment calls with stringified fields are accepted", {
  name <- unique_name("r-wire")
  created <- require_accepted(mlflow_r_call("experiments/create", "POST", data = list(
    name = name, artifact_location = NULL,
    tags = list(list(key = "n", value = 3), list(key = "flag", value = TRUE))
  )))
  id <- created$experiment_id
  got <- expect_accepted(mlflow_r_call("experiments/get", query = list(experiment_id = id)))
  expect_identical(got$experiment$name, name)
  tags <- vapply(got$experiment$tags, function(t) paste0(t$key, "=", t$value), "")
  expect_setequal(tags, c("n=3", "flag=TRUE"))
  by_name <- expect_accepted(mlflow_r_call("experiments/get-by-name",
                                           query = list(experiment_name = name)))
  expect_identical(by_name$experiment$experiment_id, id)

  found <- expect_accepted(mlflow_r_call("experiments/search", "POST", data = list(
    max_results = 1000, page_token = NULL, filter = paste0("name = '", name, "'"),
    order_by = list("name ASC"), view_type = "ACTIVE_ONLY"
  )))
  expect_identical(found$experiments[[1]]$experiment_id, id)

  expect_accepted(mlflow_r_call("experiments/set-experiment-tag", "POST",
                                data = list(experiment_id = id, key = "k", value = 0.5)))
  expect_accepted(mlflow_r_call("experiments/update", "POST",
                                data = list(experiment_id = id, new_name = paste0(name, "-b"))))
  expect_accepted(mlflow_r_call("experiments/delete", "POST", data = list(experiment_id = id)))
  expect_accepted(mlflow_r_call("experiments/restore", "POST", data = list(experiment_id = id)))
  got <- expect_accepted(mlflow_r_call("experiments/get", query = list(experiment_id = id)))
  expect_identical(got$experiment$name, paste0(name, "-b"))
  expect_identical(got$experiment$lifecycle_stage, "active")
  tags <- vapply(got$experiment$tags, function(t) paste0(t$key, "=", t$value), "")
  expect_true("k=0.5" %in% tags)
})

test_that("run calls with stringified numbers, run_id and run_uuid are accepted", {
  exp <- require_accepted(mlflow_r_call("experiments/create", "POST",
                                       data = list(name = unique_name("r-wire-runs"))))
  exp_id <- exp$experiment_id
  start <- 1700000000123
  created <- require_accepted(mlflow_r_call("runs/create", "POST", data = list(
    experiment_id = exp_id, user_id = "unknown", start_time = start,
    tags = list(list(key = "mlflow.user", value = "ann"),
                list(key = "mlflow.source.type", value = "LOCAL"))
  )))
  run_id <- created$run$info$run_uuid
  expect_identical(created$run$info$start_time, start)

  ids <- list(run_uuid = run_id, run_id = run_id)
  log_metric <- function(key, value, timestamp, step) {
    expect_accepted(mlflow_r_call("runs/log-metric", "POST", data = c(ids, list(
      key = key, value = metric_value_to_rest(value), timestamp = timestamp, step = step
    ))))
  }
  log_metric("rmse", 0.1 + 0.2, 1700000000123, 0)     # value "0.3"
  log_metric("rmse", 0.25, 1700000000200, 7)
  log_metric("odd", NaN, now_ms(), 0)                  # "NaN"
  log_metric("odd", Inf, now_ms(), 1)                  # "Infinity"
  log_metric("odd", -Inf, now_ms(), 2)                 # "-Infinity"
  log_metric("big", 1e5, 1700000100123, 3)             # value "1e+05"

  expect_accepted(mlflow_r_call("runs/log-parameter", "POST",
                                data = c(ids, list(key = "alpha", value = 0.5))))
  expect_accepted(mlflow_r_call("runs/log-parameter", "POST",
                                data = c(ids, list(key = "flag", value = TRUE))))
  expect_accepted(mlflow_r_call("runs/set-tag", "POST",
                                data = c(ids, list(key = "stage", value = "tuning"))))
  expect_accepted(mlflow_r_call("runs/set-tag", "POST",
                                data = c(ids, list(key = "gone", value = "x"))))
  expect_accepted(mlflow_r_call("runs/delete-tag", "POST",
                                data = list(run_id = run_id, key = "gone")))

  metrics <- data.frame(key = "loss", value = c(0.5, 0.25, NaN), step = c(0, 1, 2),
                        timestamp = c(1700000000001, now_ms(), now_ms()))
  metrics$value <- unlist(lapply(metrics$value, metric_value_to_rest))
  expect_accepted(mlflow_r_call("runs/log-batch", "POST", data = list(
    run_id = run_id, metrics = metrics,
    params = data.frame(key = c("n", "l1"), value = c(12345, 0.1)),
    tags = data.frame(key = "batch", value = TRUE)
  )))

  got <- expect_accepted(mlflow_r_call("runs/get", query = ids))$run
  metric <- function(key) Filter(function(m) m$key == key, got$data$metrics)[[1]]
  expect_equal(as.numeric(metric("rmse")$value), 0.25)
  expect_equal(metric("rmse")$step, 7)
  expect_equal(as.numeric(metric("big")$value), 1e5)
  expect_equal(metric("big")$timestamp, 1700000100123)
  params <- vapply(got$data$params, function(p) paste0(p$key, "=", p$value), "")
  expect_setequal(params, c("alpha=0.5", "flag=TRUE", "n=12345", "l1=0.1"))
  tags <- vapply(got$data$tags, function(t) t$key, "")
  expect_true(all(c("stage", "batch") %in% tags))
  expect_false("gone" %in% tags)

  history <- expect_accepted(mlflow_r_call("metrics/get-history", query = c(ids, list(
    metric_key = "loss", max_results = 25000
  ))))
  expect_identical(vapply(history$metrics, function(m) m$step, 0), c(0, 1, 2))
  expect_identical(history$metrics[[3]]$value, "NaN")
  rmse <- expect_accepted(mlflow_r_call("metrics/get-history", query = c(ids, list(
    metric_key = "rmse"
  ))))
  expect_equal(vapply(rmse$metrics, function(m) as.numeric(m$value), 0), c(0.3, 0.25))
  expect_equal(vapply(rmse$metrics, function(m) m$timestamp, 0), c(1700000000123, 1700000000200))
  expect_equal(vapply(rmse$metrics, function(m) m$step, 0), c(0, 7))

  expect_accepted(mlflow_r_call("artifacts/list", query = c(ids, list(path = NULL))))

  found <- expect_accepted(mlflow_r_call("runs/search", "POST", data = list(
    experiment_ids = list(exp_id), filter = "metrics.rmse < 1",
    run_view_type = "ACTIVE_ONLY", order_by = list("start_time DESC")
  )))
  expect_identical(found$runs[[1]]$info$run_id, run_id)
  expect_accepted(mlflow_r_call("runs/search", "POST", data = list(
    experiment_ids = list(exp_id), filter = NULL, run_view_type = "ALL",
    order_by = list()
  )))

  ended <- expect_accepted(mlflow_r_call("runs/update", "POST", data = c(ids, list(
    status = "FINISHED", end_time = 1700000900123
  ))))
  expect_identical(ended$run_info$status, "FINISHED")
  expect_equal(ended$run_info$end_time, 1700000900123)

  expect_accepted(mlflow_r_call("runs/delete", "POST", data = list(run_id = run_id)))
  expect_accepted(mlflow_r_call("runs/restore", "POST", data = list(run_id = run_id)))
  got <- expect_accepted(mlflow_r_call("runs/get", query = ids))$run
  expect_identical(got$info$lifecycle_stage, "active")
})

test_that("whole numbers that as.character() writes with an exponent are accepted", {
  # R writes 100000 as "1e+05" and 1700000000000 as "1.7e+12": MLflow's R package sends steps
  # and millisecond timestamps like that whenever they end in enough zeros.
  exp <- require_accepted(mlflow_r_call("experiments/create", "POST",
                                        data = list(name = unique_name("r-wire-exp"))))
  created <- expect_accepted(mlflow_r_call("runs/create", "POST", data = list(
    experiment_id = exp$experiment_id, user_id = "unknown", start_time = 1700000000000,
    tags = list(list(key = "mlflow.source.type", value = "LOCAL"))
  )))
  expect_equal(created$run$info$start_time, 1700000000000)
  # The run the rest uses is created with an ordinary start time.
  run_id <- require_accepted(mlflow_r_call("runs/create", "POST", data = list(
    experiment_id = exp$experiment_id, start_time = 1700000000123
  )))$run$info$run_id
  ids <- list(run_uuid = run_id, run_id = run_id)
  expect_accepted(mlflow_r_call("runs/log-metric", "POST", data = c(ids, list(
    key = "m", value = "0.5", timestamp = 1700000000000, step = 100000
  ))))
  metrics <- data.frame(key = "b", value = c("1", "2"), step = c(100000, 2e6),
                        timestamp = c(1700000000000, 1700000100000))
  expect_accepted(mlflow_r_call("runs/log-batch", "POST",
                                data = list(run_id = run_id, metrics = metrics)))
  expect_accepted(mlflow_r_call("runs/update", "POST", data = c(ids, list(
    status = "FINISHED", end_time = 1700000000000
  ))))
  got <- require_accepted(mlflow_r_call("runs/get", query = ids))$run
  expect_equal(got$info$end_time, 1700000000000)
  history <- require_accepted(mlflow_r_call("metrics/get-history", query = c(ids, list(
    metric_key = "b", max_results = 25000
  ))))
  expect_equal(vapply(history$metrics, function(m) m$step, 0), c(100000, 2e6))
  expect_equal(vapply(history$metrics, function(m) m$timestamp, 0),
               c(1700000000000, 1700000100000))
  m <- require_accepted(mlflow_r_call("metrics/get-history", query = c(ids, list(
    metric_key = "m"
  ))))
  expect_equal(m$metrics[[1]]$step, 100000)
  expect_equal(m$metrics[[1]]$timestamp, 1700000000000)
})

test_that("errors come back as MLflow's envelope that the R package pastes into its message", {
  res <- mlflow_r_call("runs/get", query = list(run_uuid = "nope", run_id = "nope"))
  expect_identical(res$status, 404L)
  expect_identical(res$body$error_code, "RESOURCE_DOES_NOT_EXIST")
  expect_type(res$body$message, "character")
  res <- mlflow_r_call("experiments/get-by-name",
                       query = list(experiment_name = unique_name("missing")))
  expect_identical(res$status, 404L)
  expect_identical(res$body$error_code, "RESOURCE_DOES_NOT_EXIST")
})

test_that("mlflow_log_model's runs/log-model (the MLmodel as a JSON string) is recorded in the run", {
  exp <- require_accepted(mlflow_r_call("experiments/create", "POST",
                                       data = list(name = unique_name("r-wire-log-model"))))
  run <- require_accepted(mlflow_r_call("runs/create", "POST", data = list(
    experiment_id = exp$experiment_id, start_time = 1700000000000
  )))
  run_id <- run$run$info$run_id
  # mlflow_log_model's model_spec after mlflow_save_model.crate, sent by mlflow_record_logged_model.
  model_spec <- list(
    utc_time_created = "2026-01-02 03:04:05.123456", run_id = run_id, artifact_path = "model",
    flavors = list(crate = list(version = "0.1.0", model = "crate.bin"))
  )
  expect_accepted(mlflow_r_call("runs/log-model", "POST", data = list(
    run_id = run_id, model_json = jsonlite::toJSON(model_spec, auto_unbox = TRUE)
  )))
  got <- expect_accepted(mlflow_r_call("runs/get", query = list(run_id = run_id)))
  tags <- got$run$data$tags
  history <- tags[[which(vapply(tags, function(t) t$key, "") == "mlflow.log-model.history")]]$value
  entry <- jsonlite::fromJSON(history, simplifyVector = FALSE)[[1]]
  expect_identical(entry$artifact_path, "model")
  expect_identical(entry$run_id, run_id)
  expect_identical(entry$flavors, list(crate = list(version = "0.1.0", model = "crate.bin")))
})

test_that("metric values, steps and timestamps arrive exactly", {
  local_live()
  local_experiment()
  run <- mlflow_start_run()
  mlflow_log_metric("m", 0.1 + 0.2, timestamp = 1700000000123, step = 100000)
  mlflow_log_metric("m", 1 / 3, timestamp = .POSIXct(1700000001.5), step = 100001)
  mlflow_log_metric("odd", NaN)
  mlflow_log_metric("odd", -Inf, step = 1)
  history <- mlflow_get_metric_history("m")
  expect_identical(history$value, c(0.1 + 0.2, 1 / 3))
  expect_identical(history$step, c(100000, 100001))
  expect_equal(as.numeric(history$timestamp) * 1000, c(1700000000123, 1700000001500))
  expect_s3_class(history$timestamp, "POSIXct")
  odd <- mlflow_get_metric_history("odd", run_id = run$run_id)
  expect_true(is.nan(odd$value[1]))
  expect_true(odd$value[2] < -1e300)
  mlflow_end_run()
})

test_that("params and tags are strings written in full", {
  local_live()
  local_experiment()
  run <- mlflow_start_run()
  expect_identical(mlflow_log_param("n", 100000), 100000)
  mlflow_log_param("alpha", 0.5)
  mlflow_log_param("flag", TRUE)
  mlflow_set_tag("stage", "tuning")
  mlflow_set_tag("gone", "soon")
  mlflow_delete_tag("gone")
  got <- mlflow_get_run()
  params <- got$params[[1]]
  expect_identical(params$value[match(c("n", "alpha", "flag"), params$key)],
                   c("100000", "0.5", "TRUE"))
  tags <- got$tags[[1]]
  expect_identical(tags$value[tags$key == "stage"], "tuning")
  expect_false("gone" %in% tags$key)
  err <- expect_error(mlflow_log_param("alpha", 0.7), class = "trackline_error")
  expect_identical(err$error_code, "INVALID_PARAMETER_VALUE")
  mlflow_end_run()
})

test_that("log_batch splits any size to the server's limits and everything arrives", {
  local_live()
  local_experiment()
  run <- mlflow_start_run()
  n <- 2500
  metrics <- data.frame(key = "loss", value = seq_len(n) / 7, step = seq_len(n),
                        timestamp = 1700000000000 + seq_len(n))
  params <- data.frame(key = sprintf("p%03d", 1:150), value = 1:150)
  tags <- data.frame(key = sprintf("t%03d", 1:120), value = "x")
  mlflow_log_batch(metrics = metrics, params = params, tags = tags)
  got <- mlflow_get_run()
  expect_identical(sort(got$params[[1]]$key), sprintf("p%03d", 1:150))
  expect_true(all(sprintf("t%03d", 1:120) %in% got$tags[[1]]$key))
  withr::local_options(trackline.history_page_size = 1000)
  history <- mlflow_get_metric_history("loss")
  expect_identical(nrow(history), as.integer(n))
  expect_identical(history$step, as.numeric(seq_len(n)))
  expect_identical(history$value, seq_len(n) / 7)
  expect_equal(as.numeric(history$timestamp) * 1000, 1700000000000 + seq_len(n))
  mlflow_end_run()
})

test_that("log_batch fills in step and timestamp and takes a client", {
  local_live()
  exp_id <- local_experiment()
  client <- mlflow_client()
  run <- mlflow_start_run(experiment_id = exp_id, client = client)
  before <- Sys.time()
  mlflow_log_batch(metrics = data.frame(key = c("a", "b"), value = c(1, NaN)),
                   run_id = run$run_id, client = client)
  m <- mlflow_get_run(run$run_id, client = client)$metrics[[1]]
  m <- m[order(m$key), ]
  expect_identical(m$step, c(0, 0))
  expect_true(is.nan(m$value[2]))
  expect_true(all(abs(as.numeric(m$timestamp) - as.numeric(before)) < 600))
})

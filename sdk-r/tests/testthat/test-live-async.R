# Buffered (asynchronous) logging against a live server.

# Buffering on for one test, with nothing left buffered afterwards.
local_async <- function(..., env = parent.frame()) {
  withr::local_options(list(trackline.async_logging = TRUE, ...), .local_envir = env)
  withr::defer(rm(list = ls(trackline:::.async$buffers, all.names = TRUE),
                  envir = trackline:::.async$buffers), envir = env)
}

history_steps <- function(key, run_id) {
  mlflow_get_metric_history(key, run_id = run_id)$step
}

test_that("buffered metrics go out when the buffer fills and at mlflow_flush(), in order", {
  local_live()
  local_experiment()
  local_async(trackline.async_logging_buffer_size = 100, trackline.async_logging_interval = 3600)
  run <- mlflow_start_run()
  for (i in 0:249) {
    mlflow_log_metric("loss", i / 3, timestamp = 1700000000000 + i, step = i)
  }
  expect_identical(history_steps("loss", run$run_id), as.numeric(0:199))
  mlflow_flush()
  history <- mlflow_get_metric_history("loss", run_id = run$run_id)
  expect_identical(history$step, as.numeric(0:249))
  expect_identical(history$value, (0:249) / 3)
  expect_equal(as.numeric(history$timestamp) * 1000, 1700000000000 + 0:249)
  mlflow_end_run()
})

test_that("a buffer that has waited the interval goes out with the next call", {
  local_live()
  local_experiment()
  local_async(trackline.async_logging_interval = 0.3)
  run <- mlflow_start_run()
  before <- trackline:::tl_now_ms()
  mlflow_log_metric("m", 1, step = 1)
  expect_length(history_steps("m", run$run_id), 0)
  Sys.sleep(0.5)
  mlflow_log_metric("m", 2, step = 2)
  history <- mlflow_get_metric_history("m", run_id = run$run_id)
  expect_identical(history$step, c(1, 2))
  expect_true(all(as.numeric(history$timestamp) * 1000 >= before))
  mlflow_end_run()
})

test_that("leaving with() sends the buffer, then ends the run", {
  local_live()
  local_experiment()
  local_async()
  run <- mlflow_start_run()
  with(run, {
    for (i in 1:1500) mlflow_log_metric("loss", 1 / i, step = i)
    mlflow_log_param("alpha", 0.5)
    mlflow_set_tag("stage", "tuning")
  })
  got <- mlflow_get_run(run$run_id)
  expect_identical(got$status, "FINISHED")
  expect_identical(got$params[[1]]$value[got$params[[1]]$key == "alpha"], "0.5")
  expect_identical(got$tags[[1]]$value[got$tags[[1]]$key == "stage"], "tuning")
  expect_identical(history_steps("loss", run$run_id), as.numeric(1:1500))
  expect_length(ls(trackline:::.async$buffers), 0)
})

test_that("params, tags and batches are buffered; a synchronous call on the run comes after them", {
  local_live()
  local_experiment()
  local_async()
  run <- mlflow_start_run()
  mlflow_log_batch(
    metrics = data.frame(key = "b", value = 1:3, step = 1:3),
    params = data.frame(key = sprintf("p%03d", 1:150), value = 1:150),
    tags = data.frame(key = "t0", value = "x")
  )
  mlflow_set_tag("gone", "soon")
  mlflow_set_tag("kept", "1")
  mlflow_set_tag("kept", "2")
  expect_length(mlflow_get_run()$params[[1]]$key, 0)
  mlflow_delete_tag("gone") # synchronous: the buffered set_tag goes first
  mlflow_log_metric("b", 4, step = 4, synchronous = TRUE)
  got <- mlflow_get_run()
  expect_identical(sort(got$params[[1]]$key), sprintf("p%03d", 1:150))
  tags <- got$tags[[1]]
  expect_false("gone" %in% tags$key)
  expect_identical(tags$value[tags$key == "kept"], "2")
  expect_identical(tags$value[tags$key == "t0"], "x")
  expect_identical(history_steps("b", run$run_id), c(1, 2, 3, 4))
  mlflow_end_run()
})

test_that("a call the server refuses is named at the flush, and the others are logged", {
  local_live()
  local_experiment()
  local_async()
  run <- mlflow_start_run()
  mlflow_log_param("alpha", 0.5)
  for (i in 1:300) mlflow_log_metric("loss", i, step = i)
  mlflow_log_param("alpha", 0.7)
  for (i in 301:600) mlflow_log_metric("loss", i, step = i)
  err <- expect_error(mlflow_flush(), class = "trackline_async_error")
  expect_identical(err$error_code, "INVALID_PARAMETER_VALUE")
  expect_identical(err$http_status, 400L)
  expect_identical(err$buffered_call, "mlflow_log_param(key = \"alpha\", value = \"0.7\")")
  expect_match(conditionMessage(err), "Buffered call #[0-9]+ mlflow_log_param\\(key = \"alpha\", value = \"0.7\"\\) for run [0-9a-f]+ was not logged")
  expect_identical(nrow(err$failures), 1L)
  expect_identical(history_steps("loss", run$run_id), as.numeric(1:600))
  params <- mlflow_get_run()$params[[1]]
  expect_identical(params$value[params$key == "alpha"], "0.5")
  expect_silent(mlflow_flush()) # reported once, not kept
  mlflow_end_run()
})

test_that("calls buffered for a run deleted meanwhile are reported at the flush", {
  local_live()
  exp_id <- local_experiment()
  local_async()
  client <- mlflow_client()
  run <- mlflow_start_run(experiment_id = exp_id, client = client)
  for (i in 1:10) mlflow_log_metric("m", i, step = i, run_id = run$run_id, client = client)
  mlflow_flush(run$run_id, client = client)
  for (i in 11:20) mlflow_log_metric("m", i, step = i, run_id = run$run_id, client = client)
  mlflow_delete_run(run$run_id, client = client)
  err <- expect_error(mlflow_flush(), class = "trackline_async_error")
  expect_identical(err$http_status, 400L)
  expect_match(err$buffered_call, "step = 11)", fixed = TRUE)
  expect_match(conditionMessage(err), "^10 buffered calls \\(#[0-9]+ mlflow_log_metric\\(key = \"m\", value = 11, .* and 9 later ones\\) for run")
  expect_match(conditionMessage(err), "were not logged: INVALID_PARAMETER_VALUE")
  expect_length(ls(trackline:::.async$buffers), 0)
  mlflow_restore_run(run$run_id, client = client)
  expect_identical(history_steps("m", run$run_id), as.numeric(1:10))
})

test_that("mlflow_end_run() ends the run even when its buffered calls fail, then raises", {
  local_live()
  local_experiment()
  local_async()
  run <- mlflow_start_run()
  mlflow_log_param("p", "1", synchronous = TRUE)
  mlflow_log_param("p", "2")
  err <- expect_error(mlflow_end_run(), class = "trackline_async_error")
  expect_match(err$buffered_call, "mlflow_log_param(key = \"p\", value = \"2\")", fixed = TRUE)
  expect_identical(mlflow_get_run(run$run_id)$status, "FINISHED")
  expect_null(trackline:::tl_active_run_id())
})

test_that("calls still buffered when the R session ends are sent", {
  url <- local_live()
  exp_id <- local_experiment()
  run <- mlflow_start_run(experiment_id = exp_id, client = mlflow_client())
  script <- withr::local_tempfile(fileext = ".R")
  writeLines(c(
    "library(trackline)",
    "options(trackline.async_logging = TRUE)",
    sprintf("client <- mlflow_client('%s')", url),
    sprintf("for (i in 1:25) mlflow_log_metric('m', i, step = i, run_id = '%s', client = client)",
            run$run_id),
    sprintf("mlflow_set_tag('done', 'yes', run_id = '%s', client = client)", run$run_id),
    "cat(length(ls(trackline:::.async$buffers)), 'buffer left\\n')"
  ), script)
  rscript <- file.path(R.home("bin"), "Rscript")
  out <- system2(rscript, shQuote(script), stdout = TRUE, stderr = TRUE,
                 env = paste0("R_LIBS=", paste(.libPaths(), collapse = ":")))
  expect_true("1 buffer left" %in% trimws(out))
  expect_identical(history_steps("m", run$run_id), as.numeric(1:25))
  tags <- mlflow_get_run(run$run_id)$tags[[1]]
  expect_identical(tags$value[tags$key == "done"], "yes")
})

test_that("MLFLOW_ENABLE_ASYNC_LOGGING turns buffering on, synchronous = TRUE sends at once", {
  local_live()
  local_experiment()
  withr::local_options(trackline.async_logging = NULL)
  withr::local_envvar(MLFLOW_ENABLE_ASYNC_LOGGING = "true")
  withr::defer(mlflow_flush())
  run <- mlflow_start_run()
  mlflow_log_metric("m", 1, step = 1)
  mlflow_log_metric("s", 1, step = 1, synchronous = TRUE)
  expect_length(history_steps("m", run$run_id), 1) # the synchronous call sent the buffer first
  mlflow_log_metric("m", 2, step = 2)
  expect_length(history_steps("m", run$run_id), 1)
  mlflow_end_run()
  expect_identical(history_steps("m", run$run_id), c(1, 2))
})

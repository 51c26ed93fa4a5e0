# Buffered logging without a server: the switch, the buffer, and how a request is split.

test_that("buffering follows the argument, then the option, then MLFLOW_ENABLE_ASYNC_LOGGING", {
  wanted <- trackline:::tl_async_wanted
  withr::local_envvar(MLFLOW_ENABLE_ASYNC_LOGGING = NA)
  withr::local_options(trackline.async_logging = NULL)
  expect_false(wanted(NULL))
  expect_true(wanted(FALSE))
  expect_false(wanted(TRUE))
  withr::local_envvar(MLFLOW_ENABLE_ASYNC_LOGGING = "true")
  expect_true(wanted(NULL))
  withr::local_options(trackline.async_logging = FALSE)
  expect_false(wanted(NULL))
  expect_true(wanted(FALSE))
  withr::local_options(trackline.async_logging = TRUE)
  expect_true(wanted(NULL))
  expect_false(wanted(TRUE))
  expect_error(wanted(NA), class = "trackline_error")
})

test_that("a buffer keeps each kind's entries in order and grows past its size", {
  withr::local_options(trackline.async_logging_buffer_size = 2)
  b <- trackline:::tl_async_new_buffer(mlflow_client("http://127.0.0.1:1"), "run")
  b$add_metrics("m", 1, 10, 0, 1, 1L)
  b$add_params("p", "x", 2, 2L)
  b$add_metrics(c("m", "n", "m"), c(2, NaN, 3), c(11, 12, 13), c(1, 2, 3), 3, 4L)
  b$add_tags("t", "y", 4, 3L)
  expect_identical(b$size(), 6)
  expect_gte(b$age(), 0)
  got <- b$take()
  expect_identical(got$metrics$key, c("m", "m", "n", "m"))
  expect_identical(got$metrics$value, c(1, 2, NaN, 3))
  expect_identical(got$metrics$step, c(0, 1, 2, 3))
  expect_identical(got$metrics$seq, c(1, 3, 3, 3))
  expect_identical(got$metrics$origin, c(1L, 4L, 4L, 4L))
  expect_identical(got$params$key, "p")
  expect_identical(got$tags$value, "y")
  expect_identical(b$size(), 0)
  expect_identical(b$age(), 0)
  expect_identical(nrow(b$take()$metrics), 0L)
})

test_that("halving a request keeps every entry once, each kind in order", {
  halves <- trackline:::tl_async_halves
  part <- list(metrics = 5:9, params = 1:2, tags = 3L)
  h <- halves(part)
  expect_length(h, 2)
  expect_identical(trackline:::tl_async_part_size(h[[1]]), 4L)
  expect_identical(trackline:::tl_async_part_size(h[[2]]), 4L)
  for (kind in names(part)) {
    expect_identical(c(h[[1]][[kind]], h[[2]][[kind]]), part[[kind]])
  }
  odd <- halves(list(metrics = 1:3, params = integer(), tags = integer()))
  expect_identical(odd[[1]]$metrics, 1:2)
  expect_identical(odd[[2]]$metrics, 3L)
})

test_that("a failed buffered call is named as it was written", {
  entries <- list(
    metrics = data.frame(key = "loss", value = 0.5, timestamp = 1700000000001, step = 7,
                         seq = 12, origin = 1L),
    params = data.frame(key = "alpha", value = "0.7", seq = 9, origin = 2L),
    tags = data.frame(key = character(), value = character(), seq = numeric(),
                      origin = integer())
  )
  err <- trackline_error("INVALID_PARAMETER_VALUE (HTTP 400) from POST ...: no",
                         "INVALID_PARAMETER_VALUE", 400L)
  one <- trackline:::tl_async_failure(entries["params"], "r1", err, kept = FALSE)
  expect_identical(one$call, "mlflow_log_param(key = \"alpha\", value = \"0.7\")")
  expect_match(one$message, "Buffered call #9 mlflow_log_param\\(key = \"alpha\", value = \"0.7\"\\) for run r1 was not logged: INVALID_PARAMETER_VALUE")
  two <- trackline:::tl_async_failure(entries, "r1", err, kept = TRUE)
  expect_identical(two$calls, 2L)
  expect_match(two$message, "^2 buffered calls \\(#9 .* and 1 later ones\\) for run r1 could not be sent and stay buffered")
  metric <- trackline:::tl_async_failure(entries["metrics"], "r1", err, kept = FALSE)
  expect_identical(metric$call,
                   "mlflow_log_metric(key = \"loss\", value = 0.5, timestamp = 1700000000001, step = 7)")
  entries$metrics$origin <- 4L
  batch <- trackline:::tl_async_failure(entries["metrics"], "r1", err, kept = FALSE)
  expect_identical(batch$call, paste0("mlflow_log_batch(), its metric key = \"loss\", value = 0.5, ",
                                      "timestamp = 1700000000001, step = 7"))
  cnd <- trackline:::tl_async_condition(list(one, metric))
  expect_s3_class(cnd, c("trackline_async_error", "trackline_error"))
  expect_identical(cnd$error_code, "INVALID_PARAMETER_VALUE")
  expect_identical(cnd$http_status, 400L)
  expect_identical(cnd$buffered_call, one$call)
  expect_identical(cnd$failures$call_number, c(9, 12))
  expect_match(conditionMessage(cnd), "1 more failures of buffered calls")
})

test_that("calls that cannot be sent after the retries stay buffered and go at the next flush", {
  local_fast_retries(1)
  busy <- answer(503, "{\"error_code\":\"TEMPORARILY_UNAVAILABLE\",\"message\":\"busy\"}")
  srv <- scripted_server(list(busy, busy, answer(200, "{}")))
  client <- mlflow_client(srv$url)
  withr::defer(rm(list = ls(trackline:::.async$buffers), envir = trackline:::.async$buffers))
  for (i in 1:3) {
    mlflow_log_metric("m", i, timestamp = 1700000000000 + i, step = i, run_id = "r1",
                      client = client, synchronous = FALSE)
  }
  err <- expect_error(mlflow_flush(), class = "trackline_async_error")
  expect_identical(err$http_status, 503L)
  expect_true(err$failures$kept)
  expect_match(conditionMessage(err), "3 buffered calls .* stay buffered for the next flush")
  mlflow_flush()
  sent <- srv$requests()
  expect_length(sent, 3)
  bodies <- lapply(sent, function(r) jsonlite::parse_json(r$body))
  expect_identical(bodies[[1]], bodies[[3]])
  expect_identical(vapply(bodies[[3]]$metrics, `[[`, 0, "step"), c(1, 2, 3))
  expect_identical(bodies[[3]]$run_id, "r1")
  expect_length(ls(trackline:::.async$buffers), 0)
})

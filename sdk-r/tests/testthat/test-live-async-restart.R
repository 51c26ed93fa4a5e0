# Buffered logging through a server that is killed (SIGKILL) in the middle of a training loop
# and restarted on the same port and database. These tests start a server of their own.

# A server of this test's own, stopped when the test ends (whichever process serves by then).
local_own_server <- function(env = parent.frame()) {
  tlt_server_url() # skips, or fails when a server is required, if there is none to test on
  dir <- withr::local_tempdir("trackline-r-restart-", .local_envir = env)
  server <- tlt_start_server(dir = dir)
  if (is.null(server)) {
    stop("TRACKLINE_BIN (or TRACKLINE_TEST_SERVER=mlflow with MLFLOW_BIN) is needed to start ",
         "a server to kill")
  }
  state <- new.env()
  state$server <- server
  withr::defer(tlt_stop_server(state$server), envir = env)
  state
}

# In the background: after `after` seconds SIGKILL the server's whole process group, write the
# file `killed`, wait `down` seconds, then start the server again on the same port and
# database. The restarted server takes over the background shell's pid.
kill_and_restart_later <- function(state, after, down) {
  server <- state$server
  killed <- file.path(server$dir, "killed")
  script <- sprintf("sleep %s; kill -KILL -%d; touch %s; sleep %s; %s", after, server$pid,
                    shQuote(killed), down, tlt_server_command(server$dir, server$port))
  pid <- as.integer(system(sprintf("(%s) > /dev/null 2>&1 & echo $!", script), intern = TRUE))
  state$server$pid <- pid
  killed
}

test_that("a server killed mid-loop and restarted loses nothing a flush acknowledged, and stores nothing twice", {
  state <- local_own_server()
  url <- state$server$url
  # Retries long enough to outlast the restart of a server on a busy machine.
  withr::local_options(trackline.async_logging = TRUE, trackline.async_logging_buffer_size = 500,
                       trackline.max_retries = 40, trackline.retry_backoff = 0.2,
                       trackline.retry_max_backoff = 2)
  client <- mlflow_client(url)
  exp_id <- mlflow_create_experiment(unique_name("r-restart"), client = client)
  run <- mlflow_start_run(experiment_id = exp_id, client = client)
  killed_pid <- state$server$pid
  killed <- kill_and_restart_later(state, after = 1, down = 2)
  i <- 0
  after_kill <- NA
  longest_call <- 0 # seconds: a call that had to wait for the restarted server
  repeat {
    started <- proc.time()[[3]]
    mlflow_log_metric("loss", i * 0.5, timestamp = 1700000000000 + i, step = i,
                      run_id = run$run_id, client = client)
    i <- i + 1
    if (i %% 2000 == 0) {
      mlflow_flush()
      if (is.na(after_kill) && file.exists(killed)) after_kill <- i
    }
    longest_call <- max(longest_call, proc.time()[[3]] - started)
    if (!is.na(after_kill) && i >= after_kill + 3000) break
    if (i > 400000) stop("the server was never killed")
  }
  mlflow_flush()
  n <- i
  expect_true(file.exists(killed))
  expect_false(tlt_alive(killed_pid))
  expect_true(tlt_alive(state$server$pid))
  history <- mlflow_get_metric_history("loss", run_id = run$run_id, client = client)
  expect_identical(nrow(history), as.integer(n))
  expect_identical(history$step, as.numeric(seq_len(n) - 1))
  expect_identical(history$value, (seq_len(n) - 1) * 0.5)
  expect_equal(as.numeric(history$timestamp) * 1000, 1700000000000 + seq_len(n) - 1)
  expect_false(anyDuplicated(history$step) > 0)
  # The loop went on while the server was down: one call waited through the retries for it.
  expect_gt(longest_call, 2)
})

test_that("a run deleted mid-loop is reported at the flush; what was flushed before stays", {
  state <- local_own_server()
  withr::local_options(trackline.async_logging = TRUE, trackline.async_logging_buffer_size = 10000)
  client <- mlflow_client(state$server$url)
  exp_id <- mlflow_create_experiment(unique_name("r-deleted"), client = client)
  run <- mlflow_start_run(experiment_id = exp_id, client = client)
  for (i in 0:1999) {
    mlflow_log_metric("loss", i, step = i, run_id = run$run_id, client = client)
    if (i == 999) {
      mlflow_flush()
      mlflow_delete_run(run$run_id, client = client)
    }
  }
  err <- expect_error(mlflow_flush(), class = "trackline_async_error")
  expect_identical(err$error_code, "INVALID_PARAMETER_VALUE")
  expect_identical(err$http_status, 400L)
  expect_match(err$buffered_call, "value = 1000, timestamp = [0-9]+, step = 1000\\)$")
  expect_match(conditionMessage(err), "^1000 buffered calls .* were not logged: .*must be in the 'active' state")
  expect_identical(err$failures$calls, 1000L)
  expect_false(any(err$failures$kept))
  expect_silent(mlflow_flush())
  mlflow_restore_run(run$run_id, client = client)
  expect_identical(mlflow_get_metric_history("loss", run_id = run$run_id, client = client)$step,
                   as.numeric(0:999))
})

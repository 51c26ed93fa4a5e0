# examples/tracking.R, run by Rscript with no Python on PATH, sends its data to the server.

test_that("the example script runs without Python and its runs arrive", {
  url <- local_live()
  dir <- examples_dir()
  bin <- path_without_python()
  rscript <- file.path(bin, "Rscript")
  expect_true(file.exists(rscript))
  name <- unique_name("example")
  check <- tempfile(fileext = ".R")
  # Check first, inside the same kind of process, that no Python can be found.
  writeLines(c(
    "stopifnot(Sys.which('python3') == '', Sys.which('python') == '')",
    sprintf("source(%s, echo = FALSE)", deparse(file.path(dir, "tracking.R")))
  ), check)
  out <- system2(rscript, check, stdout = TRUE, stderr = TRUE,
                 env = c(paste0("PATH=", bin), paste0("MLFLOW_TRACKING_URI=", url),
                         paste0("EXAMPLE_EXPERIMENT=", name),
                         paste0("R_LIBS=", paste(.libPaths(), collapse = ":"))))
  status <- attr(out, "status")
  expect_true(is.null(status) || status == 0, info = paste(out, collapse = "\n"))
  expect_true(any(grepl("^runs: 3", out)), info = paste(out, collapse = "\n"))

  exp <- mlflow_get_experiment(name = name)
  runs <- mlflow_search_runs(experiment_ids = mlflow_id(exp), order_by = "params.alpha ASC")
  expect_identical(nrow(runs), 3L)
  expect_identical(runs$status, rep("FINISHED", 3))
  expect_identical(vapply(runs$params, function(p) p$value[p$key == "alpha"], ""),
                   c("0", "0.5", "1"))
  history <- mlflow_get_metric_history("train_rmse", run_id = runs$run_id[1])
  expect_identical(history$step, as.numeric(1:5))
  rmse <- vapply(runs$metrics, function(m) m$value[m$key == "rmse"], 0)
  expect_true(all(is.finite(rmse) & rmse > 0))
})

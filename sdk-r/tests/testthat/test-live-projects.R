# Projects against a live server: mlflow_run() in R alone, `trackline run` of the R example
# (as MLflow's R package calls it with MLFLOW_BIN=trackline), statuses, bad input and interrupts.

projects_dir <- function() {
  dir <- Sys.getenv("TRACKLINE_PROJECTS_DIR")
  if (!nzchar(dir)) dir <- test_path("..", "..", "..", "examples", "projects")
  if (!dir.exists(file.path(dir, "r"))) {
    if (tlt_server_required()) stop("examples/projects not found: set TRACKLINE_PROJECTS_DIR")
    skip("examples/projects is not next to the tests")
  }
  normalizePath(dir)
}

new_project <- function(mlproject = NULL, files = list()) {
  dir <- tempfile("project-")
  dir.create(dir)
  if (!is.null(mlproject)) writeLines(mlproject, file.path(dir, "MLproject"))
  for (name in names(files)) writeLines(files[[name]], file.path(dir, name))
  normalizePath(dir)
}

tag_values <- function(run) {
  tags <- run$tags[[1]]
  stats::setNames(as.list(tags$value), tags$key)
}

# A run's parameters as a list in the order of their names.
param_values <- function(run) {
  params <- run$params[[1]]
  params <- params[order(params$key), , drop = FALSE]
  stats::setNames(as.list(params$value), params$key)
}

# How MLflow's R package reads the run id from `mlflow run`'s output (R/project-run.R).
run_id_from_output <- function(output) {
  matches <- regexec(".*Run \\(ID '([^']+).*", paste(output, collapse = "\n"))
  regmatches(paste(output, collapse = "\n"), matches)[[1]][[2]]
}

test_that("mlflow_run() runs the R example, with no Python", {
  local_live()
  dir <- projects_dir()
  name <- unique_name("r-project")
  run_id <- mlflow_run(file.path(dir, "r"), parameters = list(alpha = 0.2, iterations = 12),
                       experiment_name = name, run_name = "r-fit")
  run <- mlflow_get_run(run_id)
  expect_identical(run$status, "FINISHED")
  expect_identical(run$run_name, "r-fit")
  expect_identical(run$experiment_id, mlflow_id(mlflow_get_experiment(name = name)))
  expect_identical(param_values(run), list(alpha = "0.2", iterations = "12"))
  tags <- tag_values(run)
  expect_identical(tags$mlflow.source.type, "PROJECT")
  expect_identical(tags$mlflow.project.entryPoint, "main")
  expect_identical(tags$mlflow.project.backend, "local")
  expect_identical(tags$mlflow.runName, "r-fit")
  expect_true(nzchar(tags$mlflow.user))
  expect_true(grepl("examples/projects/r$", tags$mlflow.source.name))
  expect_identical(tags$model, "linear")
  history <- mlflow_get_metric_history("loss", run_id = run_id)
  expect_identical(history$step, as.numeric(1:12))
  expect_true(history$value[12] < history$value[1])
})

test_that("`trackline run` runs the R example and prints the line MLflow's R package reads", {
  url <- local_live()
  bin <- Sys.getenv("TRACKLINE_BIN")
  if (!nzchar(bin)) skip("TRACKLINE_BIN is not set")
  dir <- projects_dir()
  exp_id <- local_experiment("trackline-run")
  # As MLflow's R package calls `mlflow run` (with MLFLOW_BIN=trackline); R's own
  # LD_LIBRARY_PATH is not passed on to Python.
  out <- system2("env", c("-u", "LD_LIBRARY_PATH", shQuote(bin), "run", file.path(dir, "r"),
                          "--experiment-id", exp_id, "--param-list", "alpha=0.3", "--entry-point", "main",
                          "--env-manager", "local"),
                 stdout = TRUE, stderr = TRUE,
                 env = c(paste0("MLFLOW_TRACKING_URI=", url), paste0("R_LIBS=", paste(.libPaths(), collapse = ":"))))
  expect_null(attr(out, "status"), info = paste(out, collapse = "\n"))
  run <- mlflow_get_run(run_id_from_output(out))
  expect_identical(run$status, "FINISHED")
  expect_identical(param_values(run), list(alpha = "0.3", iterations = "50"))
  expect_identical(nrow(mlflow_get_metric_history("loss", run_id = run$run_id)), 50L)
})

test_that("mlflow_run() runs the Python example in the Python at hand (env_manager = 'local')", {
  local_live()
  bin <- Sys.getenv("TRACKLINE_BIN")
  if (!nzchar(bin)) skip("TRACKLINE_BIN is not set")
  # The Python beside the trackline command has MLflow's client, which the example uses.
  withr::local_envvar(PATH = paste(dirname(normalizePath(bin)), Sys.getenv("PATH"), sep = ":"))
  exp_id <- local_experiment("python-from-r")
  run_id <- mlflow_run(file.path(projects_dir(), "python"), parameters = list(epochs = 5, alpha = 0.05),
                       experiment_id = exp_id, env_manager = "local")
  run <- mlflow_get_run(run_id)
  expect_identical(run$status, "FINISHED")
  expect_identical(param_values(run), list(alpha = "0.05", data = "data/train.csv", epochs = "5"))
  expect_identical(nrow(mlflow_get_metric_history("loss", run_id = run_id)), 5L)
})

test_that("an R script entry point gets its parameters, and a failing command fails the run", {
  local_live()
  exp_id <- local_experiment("r-script")
  dir <- new_project(files = list(fit.R = c(
    "library(trackline)",
    "with(mlflow_start_run(), {",
    "  mlflow_log_metric('n', mlflow_param('n', 1L))",
    "  mlflow_set_tag('note', mlflow_param('note', 'none'))",
    "})",
    "if (mlflow_param('n', 1L) > 5L) quit(status = 3)"
  )))
  run_id <- mlflow_run(dir, "fit.R", parameters = list(n = 4L, note = "two words"), experiment_id = exp_id)
  run <- mlflow_get_run(run_id)
  expect_identical(run$status, "FINISHED")
  expect_identical(param_values(run), list(n = "4", note = "two words"))
  expect_identical(run$metrics[[1]]$value, 4)
  expect_identical(tag_values(run)$note, "two words")
  expect_identical(tag_values(run)$mlflow.project.entryPoint, "fit.R")

  err <- expect_error(mlflow_run(dir, "fit.R", parameters = list(n = 9L), experiment_id = exp_id),
                      "failed: the command exited with status 3", class = "trackline_error")
  failed_id <- regmatches(conditionMessage(err), regexec("Run \\(ID '([^']+)'", conditionMessage(err)))[[1]][[2]]
  expect_identical(mlflow_get_run(failed_id)$status, "FAILED")
})

test_that("bad input fails before any run or experiment is made", {
  local_live()
  name <- unique_name("never")
  float_project <- new_project(c("entry_points:", "  main:", "    parameters: {alpha: float, data: path}",
                                 "    command: 'echo {alpha} {data}'"))
  cases <- list(
    list(new_project("entry_points: [main"), list(), "not valid YAML"),
    list(new_project("entry_points: {main: {command: 'echo {x}'}}"), list(), "uses {x}, which is not among"),
    list(float_project, list(alpha = 1, data = "."), "Could not find 'train'", "train"),
    list(float_project, list(data = "."), "No value given for missing parameters: 'alpha'"),
    list(float_project, list(alpha = "abc", data = "."), "Parameter 'alpha' is a float, but got 'abc'"),
    list(float_project, list(alpha = 1, data = "no-such.csv"), "Got 'no-such.csv' for parameter 'data'")
  )
  for (case in cases) {
    entry <- if (length(case) > 3) case[[4]] else NULL
    expect_error(mlflow_run(case[[1]], entry, parameters = case[[2]], experiment_name = name), case[[3]],
                 fixed = TRUE, class = "trackline_error")
  }
  repo <- new_project("entry_points: {main: {command: 'true'}}")
  git <- function(...) system2("git", c("-C", shQuote(repo), "-c", "user.name=t", "-c", "user.email=t@e", ...),
                               stdout = FALSE, stderr = FALSE)
  git("init", "-q")
  git("add", "-A")
  git("commit", "-qm", "one")
  expect_error(suppressMessages(mlflow_run(paste0("file://", repo), version = "no-such-ref", experiment_name = name)),
               "Version 'no-such-ref' is not a branch, tag or commit", fixed = TRUE)
  expect_error(mlflow_get_experiment(name = name), class = "trackline_error")
})

live_sleepers <- function(token) {
  found <- 0L
  for (cmdline in Sys.glob("/proc/[0-9]*/cmdline")) {
    text <- tryCatch(suppressWarnings(readBin(cmdline, "raw", 4096)), error = function(e) raw())
    if (!length(text)) next
    words <- strsplit(rawToChar(replace(text, text == as.raw(0), as.raw(32))), " ", fixed = TRUE)[[1]]
    stat <- tryCatch(suppressWarnings(readLines(sub("cmdline$", "stat", cmdline), warn = FALSE)),
                     error = function(e) "")
    state <- strsplit(sub("^.*\\) ", "", stat[[1]]), " ", fixed = TRUE)[[1]][[1]]
    if (any(words == token) && startsWith(basename(words[[1]]), "python") && !state %in% c("Z", "X")) {
      found <- found + 1L
    }
  }
  found
}

test_that("an interrupted mlflow_run() ends the run KILLED and stops the command's processes", {
  url <- local_live()
  token <- paste0("token-", paste(sample(c(letters, 0:9), 16, TRUE), collapse = ""))
  dir <- new_project(c(
    "entry_points:",
    "  main:",
    "    parameters: {token: string}",
    "    command: \"python3 -c 'import time; time.sleep(600)' {token} & python3 -c 'import time; time.sleep(601)' {token}; wait\""
  ))
  log <- tempfile(fileext = ".log")
  script <- sprintf("library(trackline); mlflow_run(%s, parameters = list(token = %s))", deparse(dir), deparse(token))
  r <- processx::process$new(
    file.path(R.home("bin"), "Rscript"), c("-e", script), stdout = log, stderr = "2>&1",
    env = c("current", MLFLOW_TRACKING_URI = url, R_LIBS = paste(.libPaths(), collapse = ":"))
  )
  on.exit(if (r$is_alive()) r$kill_tree(), add = TRUE)
  deadline <- Sys.time() + 60
  while (live_sleepers(token) < 2L && Sys.time() < deadline) Sys.sleep(0.2)
  expect_identical(live_sleepers(token), 2L)
  r$interrupt()
  r$wait(30000)
  expect_false(r$is_alive())
  output <- readLines(log, warn = FALSE)
  expect_true(any(grepl("') killed ===", output, fixed = TRUE)), info = paste(output, collapse = "\n"))
  expect_identical(mlflow_get_run(run_id_from_output(output))$status, "KILLED")
  expect_identical(live_sleepers(token), 0L)
})

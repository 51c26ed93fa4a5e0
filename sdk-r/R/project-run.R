#' Run an MLflow project
#'
#' Runs a project (a directory or git repository with an `MLproject` file) as a tracked run,
#' in R alone: no Python and no `mlflow` command are needed. Everything that can be wrong
#' with the input (the URI and version, the MLproject file, the entry point, each parameter)
#' is found before the run is created. Then the run is created with MLflow's tags
#' (`mlflow.source.type` `PROJECT`, `mlflow.source.name`, `mlflow.source.git.commit`,
#' `mlflow.project.entryPoint`, ...) and the parameters (as given, defaults included), and the
#' entry point's command runs with bash in the project directory, its output shown as it
#' comes, with `MLFLOW_RUN_ID`, `MLFLOW_TRACKING_URI` and `MLFLOW_EXPERIMENT_ID` set, so that
#' [mlflow_start_run()] in an R script (or MLflow's Python client) logs into that run. R
#' scripts read their parameters with [mlflow_param()].
#'
#' The run ends `FINISHED` when the command exits with status 0, `FAILED` (and an error) on
#' any other status, and `KILLED` when R is interrupted; then the command's whole process
#' group is stopped too.
#'
#' @param uri A local directory, a local git repository, or a git URL (`https://...`,
#'   `git@host:repo.git`, `file:///path/repo`), with `#sub/dir` for a project in a
#'   subdirectory.
#' @param entry_point The entry point (`"main"` by default), or a `.R`, `.py` or `.sh` file of
#'   the project, run with `Rscript`, `python` or `bash`.
#' @param version A git branch, tag or commit to run (checked out in a temporary clone).
#' @param parameters A named list of parameter values; numbers are written without an
#'   exponent.
#' @param experiment_id,experiment_name The experiment (one of them; a missing name is
#'   created); by default the active experiment.
#' @param backend Only `"local"`.
#' @param backend_config Not used (for remote backends).
#' @param env_manager `"local"` (the default): the command runs with the R and Python
#'   installations at hand. Projects with a `python_env` built into a virtualenv
#'   (`"virtualenv"`) need Python: run those with `trackline run`.
#' @param storage_dir Where `runs:/` URIs given to `path` parameters are downloaded.
#' @param run_name A name for the run.
#' @return The run id, invisibly.
#' @examples
#' \dontrun{
#' run_id <- mlflow_run("examples/projects/r", parameters = list(alpha = 0.05))
#' mlflow_get_run(run_id)$status
#' }
#' @family projects
#' @export
mlflow_run <- function(uri = ".", entry_point = NULL, version = NULL, parameters = NULL,
                       experiment_id = NULL, experiment_name = NULL, backend = NULL,
                       backend_config = NULL, env_manager = NULL, storage_dir = NULL,
                       run_name = NULL) {
  tl_check_run_arguments(backend, env_manager, experiment_id, experiment_name)
  fetched <- tl_fetch_project(uri, version)
  cleanup <- fetched$temporary
  on.exit(unlink(cleanup, recursive = TRUE), add = TRUE)
  project <- tl_load_project(fetched$directory)
  tl_check_project_env(project, env_manager)
  entry <- tl_project_entry_point(project, entry_point %||% "main")
  resolved <- tl_resolve_parameters(entry, parameters, project$directory, storage_dir)
  cleanup <- c(cleanup, resolved$downloads)
  command <- tl_render_command(entry, resolved)

  client <- mlflow_client()
  experiment <- tl_project_experiment(client, experiment_id, experiment_name)
  tags <- c(list(mlflow.source.type = "PROJECT"), fetched$tags,
            list(mlflow.project.entryPoint = entry$name, mlflow.project.backend = "local",
                 mlflow.user = tl_user_name()))
  if (!is.null(run_name)) tags[["mlflow.runName"]] <- run_name
  if (!is.null(tl_active_run_id())) tags[["mlflow.parentRunId"]] <- tl_active_run_id()
  run <- tl_api_create_run(experiment_id = experiment, user_id = tl_user_name(),
                           run_name = run_name, start_time = tl_now_ms(),
                           tags = tl_key_values(tags, "tags"), client = client)$run
  run_id <- run$info$run_id
  code <- tl_run_project_command(client, run_id, experiment, command, project$directory, resolved$logged)
  if (!identical(code, 0L)) {
    tl_abort("Run (ID '", run_id, "') failed: the command exited with status ", code, error_code = "INTERNAL_ERROR")
  }
  invisible(run_id)
}

tl_check_run_arguments <- function(backend, env_manager, experiment_id, experiment_name) {
  if (!is.null(backend) && !identical(backend, "local")) {
    tl_abort("Backend '", backend, "' is not supported: projects run on the 'local' backend")
  }
  if (!is.null(env_manager) && !identical(env_manager, "local")) {
    if (env_manager %in% c("virtualenv", "uv")) {
      tl_abort("env_manager = '", env_manager, "' builds a Python virtualenv, which needs Python: ",
               "run the project with `trackline run`, or use env_manager = 'local'")
    }
    tl_abort("Unknown environment manager '", env_manager, "': mlflow_run() runs projects with 'local'")
  }
  if (!is.null(experiment_id) && !is.null(experiment_name)) {
    tl_abort("Give experiment_name or experiment_id, not both")
  }
}

tl_check_project_env <- function(project, requested) {
  env_type <- project$env_type %||% ""
  if (env_type == "docker_env") {
    tl_abort("Project ", project$directory, " has a docker_env, and docker projects are not supported: ",
             "run its command in the image yourself")
  }
  if (is.null(requested) && env_type %in% c("python_env", "conda_env")) {
    tl_abort("Project ", project$directory, " has a ", env_type, ": run it with `trackline run`, which ",
             "builds python_env virtualenvs, or pass env_manager = 'local' to use the packages installed here")
  }
  invisible()
}

tl_project_experiment <- function(client, experiment_id, experiment_name) {
  if (!is.null(experiment_id)) {
    id <- tl_experiment_id_arg(experiment_id)
    return(tl_api_get_experiment(experiment_id = id, client = client)$experiment$experiment_id)
  }
  if (!is.null(experiment_name)) {
    found <- tryCatch(
      tl_api_get_experiment_by_name(experiment_name = experiment_name, client = client)$experiment,
      error = function(e) if (tl_is_error_code(e, "RESOURCE_DOES_NOT_EXIST")) NULL else stop(e)
    )
    if (!is.null(found)) return(found$experiment_id)
    message("Experiment '", experiment_name, "' does not exist: creating it")
    return(mlflow_create_experiment(experiment_name, client = client))
  }
  tl_default_experiment_id(client)
}

# Logs the parameters, runs the command in the run and records how it ended; returns the
# command's exit status. An interruption stops the command's process group and ends the run
# KILLED, then goes on.
tl_run_project_command <- function(client, run_id, experiment_id, command, directory, params) {
  outcome <- "FAILED"
  on.exit(tl_record_project_end(client, run_id, outcome), add = TRUE)
  if (length(params)) mlflow_log_batch(params = tl_key_values(params, "params"), run_id = run_id, client = client)
  message("=== Running command '", command, "' in run with ID '", run_id, "' ===")
  process <- processx::process$new(
    "bash", c("-c", command), wd = directory, env = tl_project_env(run_id, experiment_id, client),
    stdout = "", stderr = "", cleanup = TRUE, cleanup_tree = TRUE
  )
  withCallingHandlers(
    while (process$is_alive()) process$wait(200),
    interrupt = function(cnd) {
      outcome <<- "KILLED"
      tl_stop_process_group(process$get_pid())
    }
  )
  code <- process$get_exit_status()
  outcome <- if (identical(code, 0L)) "FINISHED" else "FAILED"
  code
}

tl_project_env <- function(run_id, experiment_id, client) {
  env <- Sys.getenv()
  env <- env[!names(env) %in% c("MLFLOW_EXPERIMENT_NAME", "TRACKLINE_EXPERIMENT_NAME", "LD_LIBRARY_PATH")]
  library_path <- tl_child_library_path(Sys.getenv("LD_LIBRARY_PATH"))
  if (nzchar(library_path)) env[["LD_LIBRARY_PATH"]] <- library_path
  values <- c(RUN_ID = run_id, TRACKING_URI = client$tracking_uri, EXPERIMENT_ID = experiment_id)
  for (n in names(values)) {
    env[[paste0("MLFLOW_", n)]] <- values[[n]]
    env[[paste0("TRACKLINE_", n)]] <- values[[n]]
  }
  env
}

# LD_LIBRARY_PATH without what R put in front of it for itself (its own library directory, the
# system's and Java's), which would make other programs, Python among them, load the wrong
# libraries; the user's own directories stay.
tl_child_library_path <- function(value) {
  dirs <- strsplit(value, ":", fixed = TRUE)[[1]]
  r_lib <- normalizePath(R.home("lib"), mustWork = FALSE)
  ours <- dirs == r_lib | startsWith(dirs, paste0(normalizePath(R.home(), mustWork = FALSE), "/")) |
    grepl("^(/usr)?/lib(64|/[^/]+-linux-gnu)?/?$", dirs) | grepl("/jvm/.*/lib/server/?$", dirs)
  paste(dirs[nzchar(dirs) & !ours], collapse = ":")
}

# FINISHED leaves a run the command already ended alone; FAILED and KILLED always apply.
tl_record_project_end <- function(client, run_id, outcome) {
  tryCatch({
    current <- tl_api_get_run(run_id = run_id, client = client)$run$info$status
    if (outcome != "FINISHED" || identical(current, "RUNNING")) {
      tl_api_update_run(run_id = run_id, status = outcome, end_time = tl_now_ms(), client = client)
    }
  }, error = function(e) {
    warning("Could not record run ", run_id, " as ", outcome, ": ", conditionMessage(e), call. = FALSE)
  })
  word <- c(FINISHED = "succeeded", FAILED = "failed", KILLED = "killed")[[outcome]]
  message("=== Run (ID '", run_id, "') ", word, " ===")
}

# Whether a process of group `pgid` still runs (zombies do not count).
tl_group_alive <- function(pgid) {
  stats <- Sys.glob("/proc/[0-9]*/stat")
  if (!length(stats)) {
    return(identical(suppressWarnings(system2("kill", c("-0", paste0("-", pgid)), stdout = FALSE,
                                               stderr = FALSE)), 0L))
  }
  for (stat in stats) {
    line <- tryCatch(suppressWarnings(readLines(stat, warn = FALSE)), error = function(e) character())
    if (!length(line)) next
    fields <- strsplit(sub("^.*\\) ", "", line[[1]]), " ", fixed = TRUE)[[1]]
    if (length(fields) > 2 && fields[[3]] == as.character(pgid) && !fields[[1]] %in% c("Z", "X")) {
      return(TRUE)
    }
  }
  FALSE
}

# SIGTERM to the command's process group, SIGKILL to what is left of it after 10 seconds.
# ("kill -SIG -PID": dash, the usual /bin/sh behind system2, refuses "--".)
tl_stop_process_group <- function(pgid, grace = 10) {
  system2("kill", c("-TERM", paste0("-", pgid)), stdout = FALSE, stderr = FALSE)
  deadline <- Sys.time() + grace
  while (tl_group_alive(pgid) && Sys.time() < deadline) Sys.sleep(0.1)
  if (tl_group_alive(pgid)) system2("kill", c("-KILL", paste0("-", pgid)), stdout = FALSE, stderr = FALSE)
  invisible()
}

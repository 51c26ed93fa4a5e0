#' Start a run
#'
#' Without `client`, starts a run and makes it the active run, which the logging functions
#' use when they get no `run_id`. The run goes to `experiment_id`, else the active
#' experiment, else the experiment named by `MLFLOW_EXPERIMENT_NAME` or numbered by
#' `MLFLOW_EXPERIMENT_ID`, else experiment `"0"`. Given `run_id` (or the environment variable
#' `MLFLOW_RUN_ID`), resumes that run instead. Use it with [with()] to end the run when a block
#' of code is done: `FINISHED` if it succeeds, `FAILED` (and the error raised again) if it
#' fails, `KILLED` if it is interrupted.
#'
#' With `client`, only creates a run on that client's server and leaves the active run alone.
#'
#' @param run_id A run to resume (fluent use only).
#' @param experiment_id The experiment for a new run.
#' @param start_time The start time (milliseconds since the epoch or POSIXct); now by default.
#' @param tags Tags for a new run: a named list or a data frame with `key` and `value`.
#' @param client An `mlflow_client`.
#' @param nested `TRUE` to start a run while another is active; it becomes the child of that
#'   run.
#' @return A one-row tibble of class `mlflow_run` (see [mlflow_get_run()]).
#' @examples
#' \dontrun{
#' with(mlflow_start_run(), {
#'   mlflow_log_param("alpha", 0.5)
#'   mlflow_log_metric("rmse", 0.71)
#' })
#' }
#' @family runs
#' @export
mlflow_start_run <- function(run_id = NULL, experiment_id = NULL, start_time = NULL,
                             tags = NULL, client = NULL, nested = FALSE) {
  if (!is.null(client)) {
    if (!is.null(run_id)) {
      tl_abort("`run_id` cannot be given with `client`; use mlflow_get_run() for an existing run.")
    }
    client <- tl_resolve_client(client)
    exp_id <- if (is.null(experiment_id)) tl_default_experiment_id(client) else experiment_id
    res <- tl_api_create_run(
      experiment_id = tl_experiment_id_arg(exp_id),
      start_time = if (is.null(start_time)) tl_now_ms() else tl_ms(start_time, "start_time"),
      tags = tl_key_values(tags, "tags"),
      client = client
    )
    return(tl_run_object(res$run))
  }

  active <- tl_active_run_id()
  if (!is.null(active) && !isTRUE(nested)) {
    tl_abort("Run with UUID ", active, " is already active. To start a nested run, call ",
             "mlflow_start_run() with `nested = TRUE`.")
  }
  client <- mlflow_client()
  if (is.null(run_id) && nzchar(Sys.getenv("MLFLOW_RUN_ID"))) run_id <- Sys.getenv("MLFLOW_RUN_ID")
  if (!is.null(run_id)) {
    run_id <- tl_run_id_arg(run_id)
    run <- tl_api_get_run(run_id = run_id, client = client)$run
    if (!identical(run$info$status, "RUNNING")) {
      tl_api_update_run(run_id = run_id, status = "RUNNING", client = client)
      run <- tl_api_get_run(run_id = run_id, client = client)$run
    }
  } else {
    exp_id <- if (is.null(experiment_id)) tl_default_experiment_id(client) else experiment_id
    user <- tl_user_name()
    context <- list(
      mlflow.user = user,
      mlflow.source.name = tl_source_name(),
      mlflow.source.type = "LOCAL"
    )
    if (!is.null(active)) context[["mlflow.parentRunId"]] <- active
    all_tags <- rbind(tl_key_values(context, "tags"), tl_key_values(tags, "tags"))
    all_tags <- all_tags[!duplicated(all_tags$key, fromLast = TRUE), , drop = FALSE]
    run <- tl_api_create_run(
      experiment_id = tl_experiment_id_arg(exp_id),
      user_id = user,
      start_time = if (is.null(start_time)) tl_now_ms() else tl_ms(start_time, "start_time"),
      tags = all_tags,
      client = client
    )$run
  }
  obj <- tl_run_object(run)
  tl_push_active_run(obj$run_uuid)
  tl_set_active_experiment_id(obj$experiment_id)
  obj
}

tl_user_name <- function() {
  user <- Sys.getenv("USER")
  if (!nzchar(user)) user <- Sys.getenv("USERNAME")
  if (!nzchar(user)) user <- tryCatch(Sys.info()[["user"]], error = function(e) "unknown")
  user
}

tl_source_name <- function() {
  file <- grep("^--file=", commandArgs(), value = TRUE)
  if (length(file)) return(normalizePath(sub("^--file=", "", file[1]), mustWork = FALSE))
  "<console>"
}

#' End a run
#'
#' Sets the run's status and end time. Ends the active run when `run_id` is not given.
#' Buffered logging calls of the run are sent first (see [mlflow_flush()]); if any failed, the
#' run is ended all the same and their error is raised.
#'
#' @param status `"FINISHED"`, `"FAILED"` or `"KILLED"`.
#' @param end_time The end time (milliseconds since the epoch or POSIXct); now by default.
#' @param run_id The run; by default the active run.
#' @param client An `mlflow_client` (then `run_id` is required).
#' @return The ended run (see [mlflow_get_run()]), invisibly.
#' @examples
#' \dontrun{
#' mlflow_start_run()
#' mlflow_log_metric("rmse", 0.71)
#' mlflow_end_run()
#' }
#' @family runs
#' @export
mlflow_end_run <- function(status = c("FINISHED", "FAILED", "KILLED"), end_time = NULL,
                           run_id = NULL, client = NULL) {
  status <- match.arg(status)
  active <- tl_active_run_id()
  if (is.null(run_id)) {
    if (!is.null(client)) tl_abort("`run_id` must be specified when `client` is specified.")
    if (is.null(active)) tl_abort("There is no active run to end.")
    run_id <- active
  }
  run_id <- tl_run_id_arg(run_id)
  client <- tl_resolve_client(client)
  end_time <- if (is.null(end_time)) tl_now_ms() else tl_ms(end_time, "end_time")
  flush_failed <- tryCatch({
    tl_async_flush_run(client, run_id)
    NULL
  }, trackline_error = function(e) e)
  ended <- tryCatch({
    tl_api_update_run(run_id = run_id, status = status, end_time = end_time, client = client)
    TRUE
  }, trackline_error = function(e) if (is.null(flush_failed)) stop(e) else FALSE)
  if (ended) tl_pop_active_run(run_id)
  if (!is.null(flush_failed)) stop(flush_failed)
  invisible(mlflow_get_run(run_id, client = client))
}

#' Use a run for a block of code
#'
#' `with(mlflow_start_run(), { ... })` evaluates the block with the new run active, then ends
#' the run `FINISHED`. If the block fails, the run ends `FAILED` and the error is raised again;
#' if it is interrupted, the run ends `KILLED`.
#'
#' @param data A run returned by [mlflow_start_run()] (it must be the active run).
#' @param expr The code to evaluate.
#' @param ... Not used.
#' @return The value of `expr`, invisibly.
#' @examples
#' \dontrun{
#' with(mlflow_start_run(), {
#'   mlflow_log_metric("rmse", 0.71)
#' })
#' }
#' @family runs
#' @export
with.mlflow_run <- function(data, expr, ...) {
  run_id <- mlflow_id(data)
  if (!identical(run_id, tl_active_run_id())) {
    tl_abort("`with()` should only be used with `mlflow_start_run()`: run ", run_id,
             " is not the active run.")
  }
  expr <- substitute(expr)
  env <- parent.frame()
  status <- "FAILED"
  on.exit(tl_finish_scoped_run(run_id, status), add = TRUE)
  value <- withCallingHandlers(
    eval(expr, env),
    interrupt = function(cnd) status <<- "KILLED"
  )
  status <- "FINISHED"
  invisible(value)
}

tl_finish_scoped_run <- function(run_id, status) {
  if (status == "FINISHED") {
    # The block is over: the run stops being the active one even if ending it fails.
    withCallingHandlers(mlflow_end_run(status, run_id = run_id),
                        error = function(e) tl_pop_active_run(run_id))
    return(invisible())
  }
  # The block failed: end the run, but let the block's own error be the one that propagates.
  tryCatch(
    mlflow_end_run(status, run_id = run_id),
    error = function(e) {
      tl_pop_active_run(run_id)
      warning("Could not mark run ", run_id, " ", status, ": ", conditionMessage(e),
              call. = FALSE)
    }
  )
  invisible()
}

#' Get a run
#'
#' @param run_id The run's id; by default the active run.
#' @param client An `mlflow_client` (then `run_id` is required).
#' @return A one-row tibble of class `mlflow_run` with columns `run_uuid`, `experiment_id`,
#'   `run_name`, `user_id`, `status`, `start_time` and `end_time` (POSIXct), `artifact_uri`,
#'   `lifecycle_stage`, `run_id`, and the list columns `metrics` (tibbles with `key`, `value`,
#'   `timestamp`, `step`: the latest value of each metric), `params` and `tags` (tibbles with
#'   `key` and `value`).
#' @examples
#' \dontrun{
#' run <- mlflow_get_run("9f1c3a5e0d6b4c2a8e7f6d5c4b3a2910")
#' run$params[[1]]
#' }
#' @family runs
#' @export
mlflow_get_run <- function(run_id = NULL, client = NULL) {
  if (is.null(run_id)) {
    if (!is.null(client)) tl_abort("`run_id` must be specified when `client` is specified.")
    run_id <- tl_active_run_id()
    if (is.null(run_id)) tl_abort("There is no active run; give `run_id`.")
  }
  res <- tl_api_get_run(run_id = tl_run_id_arg(run_id), client = tl_resolve_client(client))
  tl_run_object(res$run)
}

#' Delete a run
#'
#' Marks the run deleted. The active run cannot be deleted.
#'
#' @param run_id The run's id.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_run("9f1c3a5e0d6b4c2a8e7f6d5c4b3a2910")
#' }
#' @family runs
#' @export
mlflow_delete_run <- function(run_id, client = NULL) {
  run_id <- tl_run_id_arg(run_id)
  if (identical(run_id, tl_active_run_id())) {
    tl_abort("Cannot delete the active run: end it first.")
  }
  tl_api_delete_run(run_id = run_id, client = tl_resolve_client(client))
  invisible(NULL)
}

#' Restore a deleted run
#'
#' @param run_id The run's id.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The restored run (see [mlflow_get_run()]).
#' @examples
#' \dontrun{
#' mlflow_restore_run("9f1c3a5e0d6b4c2a8e7f6d5c4b3a2910")
#' }
#' @family runs
#' @export
mlflow_restore_run <- function(run_id, client = NULL) {
  run_id <- tl_run_id_arg(run_id)
  client <- tl_resolve_client(client)
  tl_api_restore_run(run_id = run_id, client = client)
  mlflow_get_run(run_id, client = client)
}

#' The id of a run or experiment
#'
#' @param object A run (from [mlflow_start_run()], [mlflow_get_run()] or
#'   [mlflow_search_runs()]) or an experiment (from [mlflow_get_experiment()]).
#' @return The run id(s) or experiment id(s).
#' @examples
#' \dontrun{
#' mlflow_id(mlflow_get_experiment(name = "churn-model"))
#' }
#' @export
mlflow_id <- function(object) UseMethod("mlflow_id")

#' @export
mlflow_id.mlflow_run <- function(object) {
  object$run_uuid
}

#' @export
mlflow_id.mlflow_experiment <- function(object) {
  object$experiment_id
}

#' @export
mlflow_id.default <- function(object) {
  if (is.data.frame(object) && "run_uuid" %in% names(object)) return(object$run_uuid)
  if (is.data.frame(object) && "experiment_id" %in% names(object)) return(object$experiment_id)
  tl_abort("mlflow_id() needs a run or an experiment")
}

# When buffered calls (async-buffer.R) are sent, besides a full or old buffer: on request, when a
# run ends, before a call that must come after them, and at the end of the session.

#' Send buffered logging calls
#'
#' With buffered (asynchronous) logging on, `mlflow_log_metric()`, `mlflow_log_param()`,
#' `mlflow_set_tag()` and `mlflow_log_batch()` keep their values in a buffer per run and return
#' at once; the buffer goes to the server as `log-batch` requests of up to 1000 entries. It is
#' sent when it holds `getOption("trackline.async_logging_buffer_size", 1000)` entries, by the
#' first logging call after it has waited `getOption("trackline.async_logging_interval", 1)`
#' seconds, by `mlflow_end_run()` (so also on leaving `with(mlflow_start_run(), ...)`), before a
#' synchronous call on the same run (so the order of calls is kept), by `mlflow_flush()`, and at
#' the end of the R session.
#'
#' Buffering is on for a call with `synchronous = FALSE`; `synchronous = NULL` (the default)
#' follows `options(trackline.async_logging = TRUE)`, else the environment variable
#' `MLFLOW_ENABLE_ASYNC_LOGGING=true` (MLflow's switch); otherwise calls are sent at once.
#'
#' Guarantees: the points of a metric arrive in the order they were logged, with the timestamp
#' of their call; requests are retried on connection errors, 429 and 503 (see [mlflow_client()])
#' and a request sent again stores nothing twice. When `mlflow_flush()` returns without an
#' error, every call buffered before it is stored on the server. A call the server refuses is
#' reported by the next flush (the one in a later logging call included) as a
#' [trackline_error()] of class `trackline_async_error`, naming the call (its number in the
#' session, function and arguments) in the message and in `buffered_call`; every failure is in
#' the condition's `failures`. Refused calls are not kept (the others of their request are
#' logged); calls that could not be sent after the retries stay buffered for the next flush.
#' At the end of the session a failure can only be printed.
#'
#' `mlflow_flush_async_logging()` is the same function under the name of MLflow's Python
#' `flush_async_logging()`.
#'
#' @param run_id Only the calls buffered for this run (on the client's server); by default
#'   every buffered call.
#' @param client An `mlflow_client`, with `run_id`; by default the current tracking URI's.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' options(trackline.async_logging = TRUE)
#' with(mlflow_start_run(), {
#'   for (step in 1:10000) mlflow_log_metric("loss", 1 / step, step = step)
#'   mlflow_flush() # everything above is on the server now
#' })
#' }
#' @family logging
#' @export
mlflow_flush <- function(run_id = NULL, client = NULL) {
  buffers <- if (is.null(run_id)) {
    tl_async_all_buffers()
  } else {
    client <- tl_resolve_client(client)
    Filter(Negate(is.null), list(.async$buffers[[tl_async_id(client$host, tl_run_id_arg(run_id))]]))
  }
  failures <- list()
  for (b in buffers) {
    failures <- c(failures, tl_async_send_buffer(b))
    tl_async_forget_if_empty(b)
  }
  tl_async_raise(failures)
  invisible(NULL)
}

#' @rdname mlflow_flush
#' @export
mlflow_flush_async_logging <- mlflow_flush

tl_async_all_buffers <- function() {
  ids <- ls(.async$buffers, all.names = TRUE, sorted = TRUE)
  mget(ids, envir = .async$buffers)
}

tl_async_forget_if_empty <- function(b) {
  id <- tl_async_id(b$client$host, b$run_id)
  if (!b$size() && exists(id, envir = .async$buffers, inherits = FALSE)) {
    rm(list = id, envir = .async$buffers)
  }
}

# Sends a buffer and raises what failed (a logging call whose buffer was full or old).
tl_async_flush_buffer <- function(b) {
  failures <- tl_async_send_buffer(b)
  tl_async_forget_if_empty(b)
  tl_async_raise(failures)
}

# Before a synchronous call on a run, and when it ends: its buffered calls go first.
tl_async_flush_run <- function(client, run_id) {
  b <- .async$buffers[[tl_async_id(client$host, run_id)]]
  if (!is.null(b)) tl_async_flush_buffer(b)
  invisible()
}

# At the end of the session nothing can be raised any more: failures are printed.
tl_async_flush_at_exit <- function(...) {
  tryCatch(mlflow_flush(), error = function(e) {
    message("trackline: buffered logging calls failed at the end of the session: ",
            conditionMessage(e))
  })
  invisible()
}

.onLoad <- function(libname, pkgname) {
  reg.finalizer(.async, tl_async_flush_at_exit, onexit = TRUE)
  invisible()
}

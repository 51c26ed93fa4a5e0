#' Log a metric
#'
#' Logs one value of a metric. Without `run_id` and `client`, logs to the active run, starting
#' one if there is none.
#'
#' @param key The metric's name.
#' @param value A number; `NaN`, `Inf` and `-Inf` are allowed.
#' @param timestamp Milliseconds since the epoch or a POSIXct; now by default.
#' @param step The step (a whole number); 0 by default.
#' @param run_id The run; by default the active run.
#' @param client An `mlflow_client` (then `run_id` is required).
#' @param synchronous `FALSE` to buffer the call and return at once, `TRUE` to send it now;
#'   by default `getOption("trackline.async_logging")` decides (see [mlflow_flush()]).
#' @return `value`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_log_metric("rmse", 0.71, step = 10)
#' mlflow_log_metric("loss", 0.25, step = 11, synchronous = FALSE) # buffered
#' }
#' @family logging
#' @export
mlflow_log_metric <- function(key, value, timestamp = NULL, step = NULL, run_id = NULL,
                              client = NULL, synchronous = NULL) {
  if (!is.numeric(value) || length(value) != 1 || (is.na(value) && !is.nan(value))) {
    tl_abort("Metric value for '", key, "' must be a single number.")
  }
  target <- tl_resolve_client_and_run_id(client, run_id)
  timestamp <- if (is.null(timestamp)) tl_now_ms() else tl_ms(timestamp)
  step <- if (is.null(step)) 0 else round(as.numeric(step))
  if (tl_async_wanted(synchronous)) {
    tl_async_check_key(key)
    tl_async_buffer_metric(target$client, target$run_id, key, as.numeric(value), timestamp, step)
  } else {
    tl_async_flush_run(target$client, target$run_id)
    tl_api_log_metric(run_id = target$run_id, key = key, value = as.numeric(value),
                      timestamp = timestamp, step = step, client = target$client)
  }
  invisible(value)
}

#' Log a parameter
#'
#' Parameters are strings; numbers are written in full (`100000`, not `1e+05`).
#'
#' @param key The parameter's name.
#' @param value The value.
#' @param run_id The run; by default the active run (started if there is none).
#' @param client An `mlflow_client` (then `run_id` is required).
#' @param synchronous `FALSE` to buffer the call and return at once, `TRUE` to send it now;
#'   by default `getOption("trackline.async_logging")` decides (see [mlflow_flush()]).
#' @return `value`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_log_param("alpha", 0.5)
#' }
#' @family logging
#' @export
mlflow_log_param <- function(key, value, run_id = NULL, client = NULL, synchronous = NULL) {
  target <- tl_resolve_client_and_run_id(client, run_id)
  tl_log_key_value(target, key, value, synchronous, tl_async_buffer_param, tl_api_log_param)
  invisible(value)
}

#' Set a tag on a run
#'
#' @param key The tag's key.
#' @param value The tag's value (turned into a string).
#' @param run_id The run; by default the active run (started if there is none).
#' @param client An `mlflow_client` (then `run_id` is required).
#' @param synchronous `FALSE` to buffer the call and return at once, `TRUE` to send it now;
#'   by default `getOption("trackline.async_logging")` decides (see [mlflow_flush()]).
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_set_tag("stage", "tuning")
#' }
#' @family logging
#' @export
mlflow_set_tag <- function(key, value, run_id = NULL, client = NULL, synchronous = NULL) {
  target <- tl_resolve_client_and_run_id(client, run_id)
  tl_log_key_value(target, key, value, synchronous, tl_async_buffer_tag, tl_api_set_tag)
  invisible(NULL)
}

# A param or tag: buffered, or sent now by `send` after the run's buffered calls.
tl_log_key_value <- function(target, key, value, synchronous, buffer, send) {
  value <- tl_as_value_string(value)
  if (tl_async_wanted(synchronous)) {
    tl_async_check_key(key)
    if (length(value) != 1) tl_abort("`value` must be a single value.")
    buffer(target$client, target$run_id, key, value)
  } else {
    tl_async_flush_run(target$client, target$run_id)
    send(run_id = target$run_id, key = key, value = value, client = target$client)
  }
}

#' Delete a tag from a run
#'
#' @param key The tag's key.
#' @param run_id The run; by default the active run (started if there is none).
#' @param client An `mlflow_client` (then `run_id` is required).
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_tag("stage")
#' }
#' @family logging
#' @export
mlflow_delete_tag <- function(key, run_id = NULL, client = NULL) {
  target <- tl_resolve_client_and_run_id(client, run_id)
  tl_async_flush_run(target$client, target$run_id)
  tl_api_delete_tag(run_id = target$run_id, key = key, client = target$client)
  invisible(NULL)
}

#' Log many metrics, parameters and tags
#'
#' Takes data frames of any size and sends them in as many requests as the server's limits
#' need (at most 1000 metrics, 100 parameters, 100 tags and 1000 entries per request).
#' Parameters and tags are sent before metrics.
#'
#' @param metrics A data frame with columns `key` and `value`, and optionally `timestamp`
#'   (milliseconds since the epoch or POSIXct; now by default) and `step` (0 by default).
#' @param params A data frame with columns `key` and `value`.
#' @param tags A data frame with columns `key` and `value`.
#' @param run_id The run; by default the active run (started if there is none).
#' @param client An `mlflow_client` (then `run_id` is required).
#' @param synchronous `FALSE` to buffer the rows and return at once, `TRUE` to send them now;
#'   by default `getOption("trackline.async_logging")` decides (see [mlflow_flush()]).
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_log_batch(
#'   metrics = data.frame(key = "rmse", value = c(0.9, 0.8, 0.7), step = 1:3),
#'   params = data.frame(key = c("alpha", "l1"), value = c("0.5", "0.1"))
#' )
#' }
#' @family logging
#' @export
mlflow_log_batch <- function(metrics = NULL, params = NULL, tags = NULL, run_id = NULL,
                             client = NULL, synchronous = NULL) {
  metrics <- tl_batch_metrics(metrics)
  params <- tl_batch_key_values(params, "params")
  tags <- tl_batch_key_values(tags, "tags")
  target <- tl_resolve_client_and_run_id(client, run_id)
  if (tl_async_wanted(synchronous)) {
    tl_async_buffer_batch(target$client, target$run_id, metrics, params, tags)
    return(invisible(NULL))
  }
  tl_async_flush_run(target$client, target$run_id)
  slice <- function(df, range) {
    if (is.null(range)) NULL else df[range[1]:range[2], , drop = FALSE]
  }
  for (b in tl_batch_plan(NROW(metrics), NROW(params), NROW(tags))) {
    tl_api_log_batch(
      run_id = target$run_id,
      metrics = slice(metrics, b$metrics),
      params = slice(params, b$params),
      tags = slice(tags, b$tags),
      client = target$client
    )
  }
  invisible(NULL)
}

tl_batch_metrics <- function(df) {
  if (is.null(df) || !NROW(df)) return(NULL)
  if (!is.data.frame(df) || !all(c("key", "value") %in% names(df))) {
    tl_abort("`metrics` must be a data frame with columns `key` and `value` (and optionally ",
             "`timestamp` and `step`)")
  }
  n <- nrow(df)
  value <- df$value
  if (!is.numeric(value)) tl_abort("Metric values must be numbers.")
  value <- as.numeric(value)
  timestamp <- if (is.null(df$timestamp)) rep(tl_now_ms(), n) else df$timestamp
  timestamp <- if (inherits(timestamp, "POSIXct")) {
    round(as.numeric(timestamp) * 1000)
  } else {
    round(as.numeric(timestamp))
  }
  step <- if (is.null(df$step)) rep(0, n) else round(as.numeric(df$step))
  key <- as.character(df$key)
  if (anyNA(key) || any(is.na(value) & !is.nan(value)) || anyNA(timestamp) || anyNA(step)) {
    tl_abort("`metrics` has missing (NA) entries; only metric values may be NaN.")
  }
  data.frame(key = key, value = value, timestamp = timestamp, step = step,
             stringsAsFactors = FALSE)
}

tl_batch_key_values <- function(df, what) {
  if (is.null(df) || !NROW(df)) return(NULL)
  if (!is.data.frame(df) || !all(c("key", "value") %in% names(df))) {
    tl_abort("`", what, "` must be a data frame with columns `key` and `value`")
  }
  if (anyNA(df$key) || anyNA(df$value)) tl_abort("`", what, "` has missing (NA) entries.")
  data.frame(key = as.character(df$key), value = tl_as_value_string(df$value),
             stringsAsFactors = FALSE)
}

# Splits n_metrics/n_params/n_tags entries into requests within the server's limits. Returns
# a list of requests, each a list of index ranges c(from, to) (NULL when none of that kind).
tl_batch_plan <- function(n_metrics, n_params, n_tags, max_metrics = 1000, max_params = 100,
                          max_tags = 100, max_total = 1000) {
  plan <- list()
  next_m <- 1
  next_p <- 1
  next_t <- 1
  while (next_m <= n_metrics || next_p <= n_params || next_t <= n_tags) {
    take_p <- min(max_params, n_params - next_p + 1, max_total)
    take_t <- min(max_tags, n_tags - next_t + 1, max_total - take_p)
    take_m <- min(max_metrics, n_metrics - next_m + 1, max_total - take_p - take_t)
    range <- function(from, take) if (take > 0) c(from, from + take - 1) else NULL
    plan[[length(plan) + 1]] <- list(
      metrics = range(next_m, take_m),
      params = range(next_p, take_p),
      tags = range(next_t, take_t)
    )
    next_m <- next_m + take_m
    next_p <- next_p + take_p
    next_t <- next_t + take_t
  }
  plan
}

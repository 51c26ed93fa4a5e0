# Session state of the fluent API: the tracking URI, the active experiment and the stack of
# active runs (nested runs push onto it).

.globals <- new.env(parent = emptyenv())
.globals$tracking_uri <- NULL
.globals$last_client <- NULL # the last mlflow_client() made, reused for the same URI
.globals$active_experiment_id <- NULL
.globals$active_run_stack <- character()
.globals$warned_old_credentials <- list() # MLFLOW_USERNAME etc., warned about once

`%||%` <- function(x, y) if (is.null(x)) y else x

tl_active_run_id <- function() {
  n <- length(.globals$active_run_stack)
  if (n) .globals$active_run_stack[[n]] else NULL
}

tl_push_active_run <- function(run_id) {
  .globals$active_run_stack <- c(.globals$active_run_stack, run_id)
}

tl_pop_active_run <- function(run_id) {
  stack <- .globals$active_run_stack
  .globals$active_run_stack <- stack[stack != run_id]
}

tl_active_experiment_id <- function() .globals$active_experiment_id

tl_set_active_experiment_id <- function(experiment_id) {
  .globals$active_experiment_id <- experiment_id
}

tl_now_ms <- function() round(as.numeric(Sys.time()) * 1000)

# A timestamp argument: milliseconds since the epoch, or a POSIXct.
tl_ms <- function(x, what = "timestamp") {
  if (inherits(x, "POSIXct")) return(round(as.numeric(x) * 1000))
  if (!is.numeric(x) || length(x) != 1 || is.na(x)) {
    tl_abort("`", what, "` must be a number of milliseconds since the epoch or a POSIXct")
  }
  round(as.numeric(x))
}

# A run_id argument: a string or an mlflow_run.
tl_run_id_arg <- function(run_id) {
  if (inherits(run_id, "mlflow_run")) return(mlflow_id(run_id))
  if (!is.character(run_id) || length(run_id) != 1 || is.na(run_id)) {
    tl_abort("`run_id` must be a single string")
  }
  run_id
}

tl_experiment_id_arg <- function(experiment_id) {
  if (inherits(experiment_id, "mlflow_experiment")) return(mlflow_id(experiment_id))
  if (length(experiment_id) != 1 || is.na(experiment_id)) {
    tl_abort("`experiment_id` must be a single id")
  }
  as.character(experiment_id)
}

# The experiment a new fluent run goes to.
tl_default_experiment_id <- function(client) {
  active <- tl_active_experiment_id()
  if (!is.null(active)) return(active)
  name <- Sys.getenv("MLFLOW_EXPERIMENT_NAME")
  if (nzchar(name)) {
    exp <- tl_api_get_experiment_by_name(experiment_name = name, client = client)
    return(exp$experiment$experiment_id)
  }
  id <- Sys.getenv("MLFLOW_EXPERIMENT_ID")
  if (nzchar(id)) return(id)
  "0"
}

# Client and run for a logging call: with no client, the given run or else the active run
# (started if there is none); with a client, `run_id` is required.
tl_resolve_client_and_run_id <- function(client, run_id) {
  if (is.null(client)) {
    if (is.null(run_id)) run_id <- tl_active_run_id_or_start()
    return(list(client = mlflow_client(), run_id = tl_run_id_arg(run_id)))
  }
  if (is.null(run_id)) tl_abort("`run_id` must be specified when `client` is specified.")
  list(client = tl_resolve_client(client), run_id = tl_run_id_arg(run_id))
}

tl_active_run_id_or_start <- function() {
  id <- tl_active_run_id()
  if (is.null(id)) id <- mlflow_id(mlflow_start_run())
  id
}

# Key/value pairs given as a named list, a named vector or a data frame with `key` and
# `value` columns, as a data frame of strings.
tl_key_values <- function(x, what) {
  if (is.null(x)) return(NULL)
  if (is.data.frame(x)) {
    if (!all(c("key", "value") %in% names(x))) {
      tl_abort("`", what, "` must have the columns `key` and `value`")
    }
    return(data.frame(key = as.character(x$key), value = tl_as_value_string(x$value),
                      stringsAsFactors = FALSE))
  }
  if (!length(x)) return(NULL)
  if (is.null(names(x)) || any(!nzchar(names(x)))) {
    tl_abort("`", what, "` must be a named list, a named vector or a data frame")
  }
  values <- vapply(x, function(v) tl_as_value_string(v), "")
  data.frame(key = names(x), value = unname(values), stringsAsFactors = FALSE)
}

# Param and tag values are strings on the wire. Numbers are written without an exponent
# when whole (100000, not 1e+05) and with every digit otherwise.
tl_as_value_string <- function(x) {
  if (is.factor(x)) x <- as.character(x)
  if (is.double(x)) {
    out <- gsub("\"", "", tl_format_numbers(x), fixed = TRUE)
    out[is.na(x) & !is.nan(x)] <- "NA"
    return(out)
  }
  out <- as.character(x)
  out[is.na(out)] <- "NA"
  out
}

#' trackline: MLflow's R tracking API for Trackline servers
#'
#' Scripts written for MLflow's R package work after `library(trackline)`: the same
#' `mlflow_*` functions, arguments and return values. Differences from MLflow's package:
#' numbers and booleans travel as JSON numbers and booleans, [mlflow_search_runs()] returns
#' every page, `with(mlflow_start_run(), ...)` marks a failed run `FAILED` and raises the error
#' again, requests are retried on connection errors, 429 and 503, and every error is a
#' [trackline_error()]. Nothing needs Python: only an HTTP server, such as `trackline server`.
#'
#' The `tl_api_*` functions are the low-level client generated from the OpenAPI description,
#' one per operation (see [tl_api_operations()]).
#'
#' @keywords internal
"_PACKAGE"

#' Set the tracking URI
#'
#' Sets the server that the `mlflow_*` functions talk to for the rest of the R session.
#'
#' @param uri The server's URL, such as `"http://127.0.0.1:5000"`.
#' @return `uri`, invisibly.
#' @examples
#' old <- mlflow_set_tracking_uri("http://127.0.0.1:5000")
#' mlflow_get_tracking_uri()
#' @export
mlflow_set_tracking_uri <- function(uri) {
  if (!is.character(uri) || length(uri) != 1 || is.na(uri) || !nzchar(uri)) {
    tl_abort("`uri` must be a single, non-empty string")
  }
  .globals$tracking_uri <- uri
  invisible(uri)
}

#' Get the tracking URI
#'
#' The first of: the URI set by [mlflow_set_tracking_uri()], the environment variable
#' `MLFLOW_TRACKING_URI`, the environment variable `TRACKLINE_TRACKING_URI`, and
#' `http://127.0.0.1:5000` (where `trackline server` listens by default).
#'
#' @return The tracking URI, a string.
#' @examples
#' mlflow_get_tracking_uri()
#' @export
mlflow_get_tracking_uri <- function() {
  if (!is.null(.globals$tracking_uri)) return(.globals$tracking_uri)
  for (var in c("MLFLOW_TRACKING_URI", "TRACKLINE_TRACKING_URI")) {
    value <- Sys.getenv(var)
    if (nzchar(value)) return(value)
  }
  "http://127.0.0.1:5000"
}

#' Create a client for a tracking server
#'
#' A client names a server. Pass it as `client =` to call that server instead of the one of
#' the current tracking URI; functions given a client never touch the active run.
#'
#' Credentials come from the environment at each request: `MLFLOW_TRACKING_TOKEN` (sent as
#' a bearer token), or `MLFLOW_TRACKING_USERNAME` and `MLFLOW_TRACKING_PASSWORD` (basic
#' authentication, used when both are set). `MLFLOW_TRACKING_INSECURE_TLS=true` (or
#' `MLFLOW_TRACKING_INSECURE=true`) turns off TLS certificate checks.
#'
#' Requests are retried with exponential backoff when the server cannot be reached or answers
#' 429 or 503; nothing else is retried. The options `trackline.max_retries` (default 5),
#' `trackline.retry_backoff` (seconds before the first retry, default 0.5, doubled each time),
#' `trackline.retry_max_backoff` (default 10) and `trackline.timeout` (seconds per request,
#' default 60) tune this.
#'
#' @param tracking_uri The server's URL; by default [mlflow_get_tracking_uri()].
#' @return An object of class `mlflow_client`.
#' @examples
#' client <- mlflow_client("http://127.0.0.1:5000")
#' client$host
#' @export
mlflow_client <- function(tracking_uri = NULL) {
  uri <- if (is.null(tracking_uri)) mlflow_get_tracking_uri() else tracking_uri
  # Logging calls make a client each time: the last one made is reused (a client is a value).
  last <- .globals$last_client
  if (!is.null(last) && identical(last$tracking_uri, uri)) return(last)
  if (!is.character(uri) || length(uri) != 1 || is.na(uri)) {
    tl_abort("`tracking_uri` must be a single string")
  }
  scheme <- tolower(sub("^([A-Za-z][A-Za-z0-9+.-]*):.*$", "\\1", uri))
  if (identical(scheme, uri) || !scheme %in% c("http", "https")) {
    tl_abort(
      "Unsupported tracking URI '", uri, "': trackline talks to a tracking server over ",
      "HTTP(S). Start one with `trackline server` and use its URL, e.g. http://127.0.0.1:5000"
    )
  }
  client <- structure(
    list(tracking_uri = uri, host = sub("/+$", "", uri)),
    class = c("mlflow_http_client", "mlflow_client")
  )
  .globals$last_client <- client
  client
}

#' @export
print.mlflow_client <- function(x, ...) {
  cat("<mlflow_client> ", x$tracking_uri, "\n", sep = "")
  invisible(x)
}

tl_resolve_client <- function(client) {
  if (is.null(client)) return(mlflow_client())
  if (!inherits(client, "mlflow_client")) tl_abort("`client` must be made by mlflow_client()")
  client
}

# Code generated from fixture.yaml by sdk-r/tools/generate.R. DO NOT EDIT.
# Regenerate with `make generate` (target generate-r).
# Spec: Fixture 1.2.3.

#' Whether the server is up.
#'
#' Low-level call of `GET /health` (operationId `health`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`text/plain`) as a string.
#' @family low-level API
#' @export
tl_api_health <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/health", query = query, response = "text", client = client)
}

#' Create a thing.
#'
#' Names are unique. A description may hold \{braces\} and an @@ sign, which roxygen needs escaped, and code such as `{"name": "x"}`, which it does not.
#'
#' Low-level call of `POST /api/things/create` (operationId `createThing`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A unique name. A string.
#' @param size A whole number (sent as a JSON number).
#' @param tags A list of `Entry` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param attributes A named list (a `Entry`).
#' @param idempotency_key Sent as the `Idempotency-Key` header. One thing per key. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Thing`.
#' @family low-level API
#' @export
tl_api_create_thing <- function(name, size = NULL, tags = NULL, attributes = NULL, idempotency_key = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    size = size,
    tags = tl_array(tags),
    attributes = attributes,
    ...
  )
  headers <- tl_fields(
    `Idempotency-Key` = idempotency_key
  )
  tl_call("POST", "/api/things/create", headers = headers, body = body, response = "json", client = client)
}

#' Search things.
#'
#' Low-level call of `GET /api/things/search` (operationId `searchThings`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param tags Only things with every one of these tags. A vector or list of strings (always sent as a JSON array).
#' @param view A string, one of `ACTIVE_ONLY`, `DELETED_ONLY`, `ALL`.
#' @param max_results Required. A whole number (64-bit; sent as a JSON number).
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape.
#' @family low-level API
#' @export
tl_api_search_things <- function(tags = NULL, view = NULL, max_results, ..., client = NULL) {
  query <- tl_fields(
    tags = tl_array(tags),
    view = view,
    max_results = if (!missing(max_results)) max_results,
    ...
  )
  tl_call("GET", "/api/things/search", query = query, response = "json", client = client)
}

#' Store a file.
#'
#' Low-level call of `PUT /api/things/{thing_id}/files/{path}` (operationId `uploadFile`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param thing_id Required. Part of the URL path. The thing's id, escaped whole. A string.
#' @param path Required. Part of the URL path. A relative path whose slashes stay slashes. A string.
#' @param overwrite `TRUE` or `FALSE` (sent as a JSON boolean).
#' @param body Required. The request body (`application/octet-stream`): a raw vector, or a character string sent as its UTF-8 bytes.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return An empty string: the response has no body.
#' @family low-level API
#' @export
tl_api_upload_file <- function(thing_id, path, overwrite = NULL, body, ..., client = NULL) {
  url_path <- tl_expand_path("/api/things/{thing_id}/files/{path}", list(
    thing_id = tl_path_value(if (!missing(thing_id)) thing_id, "thing_id", multi_segment = FALSE),
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  query <- tl_fields(
    overwrite = overwrite,
    ...
  )
  if (missing(body)) body <- raw()
  tl_call("PUT", url_path, query = query, body = body, content_type = "application/octet-stream", response = "text", client = client)
}

#' Read a file.
#'
#' Low-level call of `GET /api/things/{thing_id}/files/{path}` (operationId `downloadFile`).
#'
#' @param thing_id Required. Part of the URL path. The thing's id, escaped whole. A string.
#' @param path Required. Part of the URL path. A relative path whose slashes stay slashes. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`application/octet-stream`) as a raw vector.
#' @family low-level API
#' @export
tl_api_download_file <- function(thing_id, path, ..., client = NULL) {
  url_path <- tl_expand_path("/api/things/{thing_id}/files/{path}", list(
    thing_id = tl_path_value(if (!missing(thing_id)) thing_id, "thing_id", multi_segment = FALSE),
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  query <- tl_fields(
    ...
  )
  tl_call("GET", url_path, query = query, response = "raw", client = client)
}

#' Add a note to a path.
#'
#' Low-level call of `POST /api/notes/{path}` (operationId `addNote`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param path Required. Part of the URL path. A string.
#' @param body_path Required. The body field `path`. The path again, as the body also carries it. A string.
#' @param text Required. A string.
#' @param priority A number (sent as a JSON number; `NaN` and infinities as strings).
#' @param pinned `TRUE` or `FALSE` (sent as a JSON boolean).
#' @param status Where the note stands. A string, one of `OPEN`, `DONE`.
#' @param entries A list of `Entry` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param extra A named list (a `JSON object`).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape.
#' @family low-level API
#' @export
tl_api_add_note <- function(path, body_path, text, priority = NULL, pinned = NULL, status = NULL, entries = NULL, extra = NULL, ..., client = NULL) {
  url_path <- tl_expand_path("/api/notes/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = FALSE)
  ))
  body <- tl_fields(
    path = if (!missing(body_path)) body_path,
    text = if (!missing(text)) text,
    priority = priority,
    pinned = pinned,
    status = status,
    entries = tl_array(entries),
    extra = extra,
    ...
  )
  tl_call("POST", url_path, body = body, response = "json", client = client)
}

#' The operations of the low-level API
#'
#' One row per operationId of the spec, with the R function that calls it.
#'
#' @return A data frame with columns `operation_id`, `fun`, `method` and `path`.
#' @family low-level API
#' @export
tl_api_operations <- function() {
  rows <- list(
    c("health", "tl_api_health", "GET", "/health"),
    c("createThing", "tl_api_create_thing", "POST", "/api/things/create"),
    c("searchThings", "tl_api_search_things", "GET", "/api/things/search"),
    c("uploadFile", "tl_api_upload_file", "PUT", "/api/things/{thing_id}/files/{path}"),
    c("downloadFile", "tl_api_download_file", "GET", "/api/things/{thing_id}/files/{path}"),
    c("addNote", "tl_api_add_note", "POST", "/api/notes/{path}")
  )
  m <- do.call(rbind, rows)
  data.frame(operation_id = m[, 1], fun = m[, 2], method = m[, 3], path = m[, 4],
             stringsAsFactors = FALSE)
}

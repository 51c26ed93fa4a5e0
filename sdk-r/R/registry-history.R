# The registry's audit trail (`GET /api/2.0/trackline/registry/history`), a Trackline addition.

tl_registry_events_tibble <- function(events) {
  tibble::tibble(
    event_id = tl_chr(events, "event_id"),
    name = tl_chr(events, "name"),
    version = tl_chr(events, "version"),
    action = tl_chr(events, "action"),
    alias = tl_chr(events, "alias"),
    from_value = tl_chr(events, "from_value"),
    to_value = tl_chr(events, "to_value"),
    user_id = tl_chr(events, "user_id"),
    timestamp = tl_posixct(lapply(events, function(e) e$timestamp)),
    comment = tl_chr(events, "comment")
  )
}

#' Get the registry's history
#'
#' The registry's audit trail, oldest first: every version creation and deletion, stage
#' transition, alias set, move and removal, and model rename and deletion, with who made it
#' (the authenticated user, else the `user_id` the client sent), when, what it was before and
#' after, and the comment given. Every page is fetched. This is a Trackline addition: MLflow
#' servers do not have it.
#'
#' @param name Only this registered model (its current name; events from before a rename are
#'   included).
#' @param version Only this version.
#' @param action Only this kind of event: `"CREATE_REGISTERED_MODEL"`,
#'   `"RENAME_REGISTERED_MODEL"`, `"DELETE_REGISTERED_MODEL"`, `"CREATE_MODEL_VERSION"`,
#'   `"DELETE_MODEL_VERSION"`, `"TRANSITION_STAGE"`, `"SET_ALIAS"` or `"DELETE_ALIAS"`.
#' @param start_time Only events at or after this time (a POSIXct, or milliseconds since the
#'   epoch).
#' @param end_time Only events at or before this time (a POSIXct, or milliseconds since the
#'   epoch).
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return A tibble with one row per event and the columns `event_id`, `name`, `version`,
#'   `action`, `alias`, `from_value`, `to_value`, `user_id`, `timestamp` (POSIXct) and
#'   `comment` (`NA` where an event has no value). For a stage transition `from_value` and
#'   `to_value` are stages; for an alias, versions; for a rename, names.
#' @examples
#' \dontrun{
#' history <- mlflow_get_registry_history("churn-classifier", action = "TRANSITION_STAGE")
#' history[, c("version", "from_value", "to_value", "user_id", "timestamp")]
#' }
#' @family registry
#' @export
mlflow_get_registry_history <- function(name = NULL, version = NULL, action = NULL,
                                        start_time = NULL, end_time = NULL, client = NULL) {
  client <- tl_resolve_client(client)
  page_size <- getOption("trackline.history_events_page_size", 1000)
  query <- list(
    name = tl_optional_string(name, "name"),
    version = tl_optional_string(version, "version"),
    action = tl_optional_string(action, "action"),
    start_time = if (!is.null(start_time)) tl_ms(start_time, "start_time"),
    end_time = if (!is.null(end_time)) tl_ms(end_time, "end_time")
  )
  events <- list()
  token <- NULL
  repeat {
    res <- do.call(tl_api_get_registry_history,
                   c(query, list(max_results = page_size, page_token = token, client = client)))
    events <- c(events, res$events %||% list())
    token <- res$next_page_token
    if (is.null(token) || !nzchar(token)) break
  }
  tl_registry_events_tibble(events)
}

#' Errors raised by trackline
#'
#' Every error this package raises is a condition of class `trackline_error`. It carries the
#' server's `error_code` (such as `RESOURCE_DOES_NOT_EXIST`), the HTTP status and the message.
#' Errors found before a request is sent have `http_status` `NA`; a server that could not be
#' reached gives the extra class `trackline_connection_error`.
#'
#' The condition message contains the error code, so code that looks for it in
#' `conditionMessage()` (as scripts written for MLflow's R package do) keeps working.
#'
#' @param message What went wrong.
#' @param error_code The error code from the server's error envelope, or `NA`.
#' @param http_status The HTTP status, or `NA`.
#' @param class Extra classes, most specific first.
#' @param call The call to report.
#' @return A condition object.
#' @examples
#' err <- trackline_error("Run 'x' not found", "RESOURCE_DOES_NOT_EXIST", 404L)
#' tryCatch(stop(err), trackline_error = function(e) e$error_code)
#' @export
trackline_error <- function(message, error_code = NA_character_, http_status = NA_integer_,
                            class = character(), call = NULL) {
  structure(
    list(
      message = message,
      call = call,
      error_code = as.character(error_code),
      http_status = as.integer(http_status)
    ),
    class = c(class, "trackline_error", "error", "condition")
  )
}

tl_abort <- function(..., error_code = "INVALID_PARAMETER_VALUE", http_status = NA_integer_,
                     class = character()) {
  stop(trackline_error(paste0(...), error_code, http_status, class))
}

tl_is_error_code <- function(cnd, code) {
  inherits(cnd, "trackline_error") && identical(cnd$error_code, code)
}

tl_http_error <- function(method, path, status, body_text) {
  parsed <- tryCatch(jsonlite::parse_json(body_text, simplifyVector = FALSE),
                     error = function(e) NULL)
  code <- NA_character_
  detail <- body_text
  if (is.list(parsed) && !is.null(parsed$error_code)) {
    code <- as.character(parsed$error_code)
    detail <- if (is.null(parsed$message)) "" else as.character(parsed$message)
  } else {
    code <- tl_code_for_status(status)
  }
  if (nchar(detail) > 500) detail <- paste0(substr(detail, 1, 500), "...")
  msg <- paste0(
    if (is.na(code)) "HTTP error" else code, " (HTTP ", status, ") from ", method, " ", path,
    if (nzchar(detail)) paste0(": ", detail) else ""
  )
  trackline_error(msg, code, status)
}

# The error code of an answer without MLflow's JSON envelope (a proxy's 401 or 403, say).
tl_code_for_status <- function(status) {
  switch(as.character(status),
         "401" = "UNAUTHENTICATED",
         "403" = "PERMISSION_DENIED",
         NA_character_)
}

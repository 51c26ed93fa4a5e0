# Requests shaped exactly like those of MLflow's R package (mlflow 3.x, R/tracking-rest.R):
# httr, every scalar leaf of a POST body turned into a string by as.character() (so numbers
# travel as "0.3", "1e+05", "1.7e+12" and logicals as "TRUE"/"FALSE"), NULL fields dropped,
# the body encoded by httr's JSON encoder, the query string built by httr, and its User-Agent.

wire_url <- function() {
  url <- Sys.getenv("TRACKLINE_TEST_URL")
  if (!nzchar(url)) stop("set TRACKLINE_TEST_URL to the server under test")
  sub("/+$", "", url)
}

mlflow_r_user_agent <- "mlflow-r-client/3.10.1"

# Sends one request the way mlflow_rest() does and returns status, parsed body and the exact
# request (for failure messages).
mlflow_r_call <- function(endpoint, verb = "GET", data = NULL, query = NULL) {
  url <- paste(wire_url(), "api/2.0/mlflow", endpoint, sep = "/")
  headers <- httr::add_headers(`User-Agent` = mlflow_r_user_agent)
  if (verb == "GET") {
    res <- httr::GET(url, query = query, headers, httr::timeout(60))
    sent <- paste("GET", res$request$url)
  } else {
    body <- if (is.null(data)) NULL else rapply(data, as.character, how = "replace")
    res <- httr::VERB(verb, url, body = body, encode = "json", headers, httr::timeout(60))
    sent <- paste(verb, url, rawToChar(res$request$options$postfields))
  }
  text <- httr::content(res, as = "text", encoding = "UTF-8")
  list(
    status = httr::status_code(res),
    body = tryCatch(jsonlite::fromJSON(text, simplifyVector = FALSE), error = function(e) text),
    request = sent,
    response = text
  )
}

refusal <- function(res) {
  sprintf("the server refused a request MLflow's R package sends.\nRequest: %s\nResponse %d: %s",
          res$request, res$status, res$response)
}

# Expects a 200 and says exactly what was sent when there is none.
expect_accepted <- function(res) {
  testthat::expect(res$status == 200, refusal(res))
  invisible(res$body)
}

# For a request the rest of a test builds on: stops the test when it is refused.
require_accepted <- function(res) {
  if (res$status != 200) stop(refusal(res), call. = FALSE)
  testthat::succeed()
  invisible(res$body)
}

now_ms <- function() round(as.numeric(Sys.time()) * 1000)

unique_name <- function(prefix) {
  paste0(prefix, "-", format(Sys.time(), "%H%M%S"), "-", sample.int(1e8, 1))
}

# What mlflow_log_metric() does to a metric value before sending it.
metric_value_to_rest <- function(value) {
  if (is.nan(value)) "NaN" else if (value == Inf) "Infinity" else if (value == -Inf) "-Infinity"
  else as.character(value)
}

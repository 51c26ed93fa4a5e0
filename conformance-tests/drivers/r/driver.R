# Conformance driver for the R SDK. Reads one JSON request per line on stdin and writes one
# JSON answer per line on stdout (see conformance-tests/README or the runner):
#   operationIds  -> the generated low-level functions (tl_api_*), args passed as given: path
#                    parameters by name, query parameters or JSON body fields by name, and
#                    for raw-body operations (artifact uploads, multipart parts) `body` as text
#   hl.logBatch, hl.logMetricsAsync, hl.getMetricHistory, hl.searchAllRuns -> the hand-written
#                    mlflow_* API (hl.logMetricsAsync through buffered logging)
#   the operations of scoring.yaml -> the SDK's request function (tl_call) on a client for
#                    $TRACKLINE_SCORING_URI (the runner serves an R model there: scoring_model: r)
# A body that is not JSON (a downloaded file) is answered as a string. A request the SDK
# refuses to send (a path parameter left out) is answered `skipped`. Diagnostics go to stderr.

suppressPackageStartupMessages(library(trackline))

uri <- Sys.getenv("TRACKLINE_TRACKING_URI", Sys.getenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"))
mlflow_set_tracking_uri(uri)
client <- mlflow_client(uri)
operations <- tl_api_operations()
tl <- asNamespace("trackline")

answer_ok <- function(value) list(ok = value)

answer_error <- function(e) {
  # Refused by the SDK before anything was sent.
  if (inherits(e, "trackline_error") && is.na(e$http_status) &&
      !inherits(e, "trackline_connection_error")) {
    return(list(skipped = paste("the R SDK does not send this request:", conditionMessage(e))))
  }
  if (inherits(e, "trackline_error") && !is.na(e$http_status)) {
    code <- e$error_code
    if (is.na(code)) {
      code <- if (e$http_status %in% c(404L, 405L)) "ENDPOINT_NOT_FOUND" else paste0("HTTP_", e$http_status)
    }
    return(list(error = list(error_code = code, http_status = e$http_status)))
  }
  list(error = list(error_code = "DRIVER_ERROR", http_status = 0L, message = conditionMessage(e)))
}

field <- function(items, name, default) {
  vapply(items, function(x) {
    v <- x[[name]]
    if (is.null(v)) default else as.numeric(v)
  }, 0)
}

key_value_frame <- function(items) {
  if (!length(items)) return(NULL)
  data.frame(
    key = vapply(items, function(x) as.character(x$key), ""),
    value = vapply(items, function(x) if (is.null(x$value)) "" else as.character(x$value), ""),
    stringsAsFactors = FALSE
  )
}

hl_log_batch <- function(args) {
  metrics <- args$metrics
  metric_frame <- if (length(metrics)) {
    data.frame(
      key = vapply(metrics, function(x) as.character(x$key), ""),
      value = field(metrics, "value", NA_real_),
      timestamp = field(metrics, "timestamp", round(as.numeric(Sys.time()) * 1000)),
      step = field(metrics, "step", 0),
      stringsAsFactors = FALSE
    )
  }
  mlflow_log_batch(metrics = metric_frame, params = key_value_frame(args$params),
                   tags = key_value_frame(args$tags), run_id = args$run_id, client = client)
  structure(list(), names = character())
}

hl_get_metric_history <- function(args) {
  history <- mlflow_get_metric_history(args$metric_key, run_id = args$run_id, client = client)
  list(metrics = tl$tl_metrics_wire(history))
}

hl_search_all_runs <- function(args) {
  runs <- mlflow_search_runs(
    filter = args$filter, experiment_ids = unlist(args$experiment_ids),
    order_by = if (length(args$order_by)) unlist(args$order_by) else list(),
    run_view_type = if (is.null(args$run_view_type)) "ACTIVE_ONLY" else args$run_view_type,
    client = client
  )
  list(runs = tl$tl_runs_wire(runs))
}

# Point i (from 0) has step i, value i * 0.5 and timestamp 1700000000000 + i; buffered, then
# flushed (an error the flush raises is answered like any other).
hl_log_metrics_async <- function(args) {
  count <- as.integer(args$count)
  for (i in seq_len(count) - 1) {
    mlflow_log_metric(args$key, i * 0.5, timestamp = 1700000000000 + i, step = i,
                      run_id = args$run_id, client = client, synchronous = FALSE)
  }
  mlflow_flush(args$run_id, client = client)
  list(count = count)
}

# The scoring server's operations: `body` is sent as JSON, `text` as it is with `content_type`
# (no Content-Type header at all when that is null).
scoring_client <- function() mlflow_client(Sys.getenv("TRACKLINE_SCORING_URI"))

scoring_text <- function(path) {
  function(args) tl_call("GET", path, response = "text", client = scoring_client())
}

scoring_invoke <- function(args, path) {
  if (!is.null(args$text)) {
    content_type <- if (is.null(args$content_type)) "" else args$content_type
    return(tl_call("POST", path, body = args$text, content_type = content_type, client = scoring_client()))
  }
  tl_call("POST", path, body = args$body, client = scoring_client())
}

scoring <- list(
  scoringPing = scoring_text("/ping"),
  scoringHealth = scoring_text("/health"),
  scoringVersion = scoring_text("/version"),
  getScoringSpec = scoring_text("/openapi.yaml"),
  listServedModels = function(args) tl_call("GET", "/models", client = scoring_client()),
  invocations = function(args) scoring_invoke(args, "/invocations"),
  modelInvocations = function(args) {
    scoring_invoke(args, paste0("/models/", utils::URLencode(args$name, reserved = TRUE), "/invocations"))
  }
)

high_level <- list(
  hl.logBatch = hl_log_batch,
  hl.logMetricsAsync = hl_log_metrics_async,
  hl.getMetricHistory = hl_get_metric_history,
  hl.searchAllRuns = hl_search_all_runs
)

handle <- function(request) {
  op <- request$op
  args <- request$args
  if (is.null(args)) args <- list()
  if (!is.null(high_level[[op]])) return(answer_ok(high_level[[op]](args)))
  if (!is.null(scoring[[op]])) return(answer_ok(scoring[[op]](args)))
  row <- match(op, operations$operation_id)
  if (is.na(row)) return(list(skipped = paste0("unknown operation ", op)))
  fun <- getExportedValue("trackline", operations$fun[row])
  # A path parameter that is also a body field (the artifact `path` of multipart uploads) is
  # the generated function's `body_<name>` argument: send it in both places, as on the wire.
  for (name in names(args)) {
    twin <- paste0("body_", name)
    if (twin %in% names(formals(fun)) && is.null(args[[twin]])) args[[twin]] <- args[[name]]
  }
  result <- do.call(fun, c(args, list(client = client)))
  if (is.raw(result)) {
    result <- rawToChar(result)
    Encoding(result) <- "UTF-8"
  }
  answer_ok(result)
}

input <- file("stdin", open = "r")
repeat {
  line <- readLines(input, n = 1, warn = FALSE)
  if (!length(line)) break
  if (!nzchar(trimws(line))) next
  result <- tryCatch({
    request <- jsonlite::parse_json(line, simplifyVector = FALSE)
    handle(request)
  }, error = function(e) {
    message("r driver: ", conditionMessage(e))
    answer_error(e)
  })
  out <- tryCatch(tl_to_json(result), error = function(e) {
    message("r driver: cannot encode the answer: ", conditionMessage(e))
    tl_to_json(answer_error(e))
  })
  cat(out, "\n", sep = "")
  flush(stdout())
}

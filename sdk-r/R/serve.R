# The scoring server for R models, on httpuv: the protocol of scoring.yaml (the same as
# `trackline models serve`), so every scoring client works with it. One model per server.

#' Serve an R model over HTTP
#'
#' Serves the model at `model_uri` (see [mlflow_load_model()]) with MLflow's scoring protocol,
#' the one `trackline models serve` speaks (described by `scoring.yaml`, served at
#' `/openapi.yaml`): `GET /ping`, `/health` and `/version`; `POST /invocations` (and
#' `/models/<name>/invocations`) with an `application/json` body holding one of
#' `dataframe_split`, `dataframe_records`, `instances` or `inputs` (and optionally `params`),
#' or a `text/csv` table, answered `{"predictions": ...}`; `GET /models`. Errors are MLflow's
#' envelope (`error_code`, `message`); an error raised by the model is a 400 `BAD_REQUEST`
#' with R's message, and the server keeps serving. When the model's `MLmodel` has a
#' signature, requests are checked against it (missing columns, types, params). Needs the
#' `httpuv` package (Debian's `r-cran-httpuv`).
#'
#' @param model_uri The model's URI.
#' @param host The address to listen on.
#' @param port The port to listen on.
#' @param daemonized `FALSE` serves until interrupted; `TRUE` returns at once, serving while
#'   the R session is idle; stop it with `httpuv::stopServer()` on the returned handle.
#' @param browse Accepted for compatibility with MLflow's R package; there is no page to open.
#' @param ... Further arguments for [mlflow_predict()].
#' @param name The name the model is served under (`/models/<name>/invocations`); by default
#'   from the URI (`models:/recs@champion` is `recs@champion`, `models:/recs/3` is `recs-3`, a
#'   directory its base name).
#' @param max_body_size The largest request body in bytes; larger ones are answered 413.
#' @return With `daemonized = TRUE`, the httpuv server handle; else nothing, when the server
#'   stops.
#' @examples
#' \dontrun{
#' mlflow_rfunc_serve("models:/mtcars-lm@champion", port = 8090)
#' # curl -X POST http://127.0.0.1:8090/invocations -H 'Content-Type: application/json' \
#' #   -d '{"dataframe_records": [{"wt": 2.6, "hp": 110}]}'
#' }
#' @family models
#' @export
mlflow_rfunc_serve <- function(model_uri, host = "127.0.0.1", port = 8090, daemonized = FALSE,
                               browse = !daemonized, ..., name = NULL, max_body_size = 64 * 1024^2) {
  if (!requireNamespace("httpuv", quietly = TRUE)) {
    tl_abort("mlflow_rfunc_serve() needs the httpuv package: apt-get install r-cran-httpuv")
  }
  served <- tl_served_model(model_uri, name)
  app <- tl_scoring_app(served, max_body_size, list(...))
  message("trackline R scoring server on http://", host, ":", port, ": ", served$name,
          " (version ", served$version, ")")
  if (daemonized) return(httpuv::startServer(host, as.integer(port), app))
  httpuv::runServer(host, as.integer(port), app)
  invisible(NULL)
}

tl_served_model <- function(model_uri, name = NULL) {
  path <- tl_model_dir(model_uri)
  spec <- tl_read_mlmodel(path)
  model <- tl_load_flavor_from(spec, path)
  list(
    name = name %||% tl_served_name(model_uri),
    uri = model_uri,
    version = tl_served_version(model_uri, spec),
    model = model,
    signature = tl_read_signature(spec)
  )
}

tl_served_name <- function(model_uri) {
  for (scheme in c("models", "runs")) {
    if (startsWith(model_uri, paste0(scheme, ":"))) {
      return(gsub("[^A-Za-z0-9_.@-]", "-", paste(tl_uri_pieces(model_uri, scheme), collapse = "-")))
    }
  }
  basename(normalizePath(sub("^file:(//)?", "", model_uri), mustWork = FALSE))
}

# The registry version for models:/ URIs of registered models, else the logged model's id, else
# the model's model_uuid.
tl_served_version <- function(model_uri, spec) {
  if (startsWith(model_uri, "models:")) {
    pieces <- tl_uri_pieces(model_uri, "models")
    head <- pieces[[1]]
    if (grepl("@", head, fixed = TRUE)) {
      mv <- tl_api_get_model_version_by_alias(name = sub("@.*$", "", head), alias = sub("^[^@]*@", "", head),
                                              client = mlflow_client())$model_version
      return(as.character(mv$version))
    }
    if (length(pieces) > 1 && grepl("^[0-9]+$", pieces[[2]])) return(pieces[[2]])
    if (length(pieces) > 1) return(tl_version_of_stage(head, pieces[[2]], mlflow_client()))
  }
  as.character(spec$model_id %||% spec$model_uuid %||% "1")
}

tl_scoring_app <- function(served, max_body_size, predict_args) {
  list(call = function(req) {
    tryCatch(tl_route(req, served, max_body_size, predict_args), trackline_scoring_error = function(e) {
      tl_error_answer(e, if (identical(e$error_code, "ENDPOINT_NOT_FOUND")) NULL else served)
    }, error = function(e) {
      message("scoring server: unexpected error: ", conditionMessage(e))
      tl_error_answer(tl_scoring_error("Internal server error.", "INTERNAL_ERROR"))
    })
  })
}

tl_scoring_status <- c(BAD_REQUEST = 400L, INVALID_PARAMETER_VALUE = 400L, RESOURCE_DOES_NOT_EXIST = 404L,
                       ENDPOINT_NOT_FOUND = 404L, REQUEST_TOO_LARGE = 413L, UNSUPPORTED_MEDIA_TYPE = 415L,
                       INTERNAL_ERROR = 500L)

tl_error_answer <- function(e, served = NULL, status = NULL) {
  code <- e$error_code
  error_class <- e$error_class %||% switch(code, RESOURCE_DOES_NOT_EXIST = , ENDPOINT_NOT_FOUND = "RESOURCE_NOT_FOUND",
                                           INTERNAL_ERROR = "CLIENT_INTERNAL_ERROR", "INVALID_PARAMETER_VALUE")
  sqlstate <- switch(error_class, SCHEMA_ENFORCEMENT_FAILED = "KAM01", CLIENT_INTERNAL_ERROR = "XXM00", "KAM00")
  body <- jsonlite::toJSON(list(error_code = code, message = e$message, error_class = error_class,
                                sqlstate = sqlstate), auto_unbox = TRUE)
  tl_answer(status %||% e$status %||% unname(tl_scoring_status[code]) %||% 500L, body, "application/json",
            if (!is.null(served)) tl_model_headers(served))
}

tl_answer <- function(status, body, content_type, headers = NULL) {
  list(status = as.integer(status), headers = c(list("Content-Type" = content_type), headers),
       body = enc2utf8(as.character(body)))
}

tl_model_headers <- function(served) {
  list("X-Trackline-Model" = served$name, "X-Trackline-Model-Version" = served$version)
}

tl_route <- function(req, served, max_body_size, predict_args) {
  path <- req$PATH_INFO
  method <- req$REQUEST_METHOD
  want <- function(allowed) {
    if (method != allowed) {
      e <- tl_scoring_error(paste0(method, " is not allowed on ", path, "."), "BAD_REQUEST")
      e$status <- 405L
      stop(e)
    }
  }
  if (path %in% c("/ping", "/health")) {
    want("GET")
    return(tl_answer(200L, "\n", "text/plain"))
  }
  if (path == "/version") {
    want("GET")
    return(tl_answer(200L, as.character(utils::packageVersion("trackline")), "text/plain"))
  }
  if (path == "/models") {
    want("GET")
    body <- jsonlite::toJSON(list(models = list(list(name = served$name, uri = served$uri,
                                                     version = served$version, weight = 1.0))),
                             auto_unbox = TRUE, digits = NA, always_decimal = TRUE)
    return(tl_answer(200L, body, "application/json"))
  }
  if (path == "/openapi.yaml") {
    want("GET")
    file <- system.file("scoring.yaml", package = "trackline")
    lines <- readLines(file, encoding = "UTF-8")
    header <- match(FALSE, startsWith(lines, "#"), nomatch = 1L) - 1L  # the copy's header line
    if (header > 0) lines <- lines[-seq_len(header)]
    return(tl_answer(200L, paste0(paste(lines, collapse = "\n"), "\n"), "application/yaml"))
  }
  if (path == "/invocations") {
    want("POST")
    return(tl_score(req, served, max_body_size, predict_args))
  }
  if (grepl("^/models/[^/]+/invocations$", path)) {
    want("POST")
    name <- utils::URLdecode(sub("^/models/([^/]+)/invocations$", "\\1", path))
    if (!identical(name, served$name)) {
      stop(tl_scoring_error(paste0("No model named '", name, "' is served here; served: ", served$name, "."),
                            "RESOURCE_DOES_NOT_EXIST"))
    }
    return(tl_score(req, served, max_body_size, predict_args))
  }
  stop(tl_scoring_error(paste0("No route at ", method, " ", path, "."), "ENDPOINT_NOT_FOUND"))
}

tl_request_header <- function(req, name) {
  value <- req[[paste0("HTTP_", toupper(gsub("-", "_", name)))]]
  if (is.null(value) && tolower(name) == "content-type") value <- req$CONTENT_TYPE
  value
}

tl_score <- function(req, served, max_body_size, predict_args) {
  length <- suppressWarnings(as.numeric(tl_request_header(req, "content-length") %||% NA))
  too_large <- tl_scoring_error(paste0("The request body is larger than the limit of ", max_body_size, " bytes."),
                                "REQUEST_TOO_LARGE")
  if (!is.na(length) && length > max_body_size) stop(too_large)
  body <- req$rook.input$read()
  if (length(body) > max_body_size) stop(too_large)
  parsed <- tl_parse_request(tl_request_header(req, "content-type"), body)
  data <- tl_enforce_columns(parsed$data, served$signature$inputs)
  params <- tl_enforce_params(parsed$params, served$signature$params)
  args <- predict_args
  if (length(params) && tl_takes_params(served$model)) args$params <- params
  result <- tryCatch(
    do.call(mlflow_predict, c(list(served$model, data), args)),
    error = function(e) {
      message("scoring server: the model raised an error: ", conditionMessage(e))
      stop(tl_scoring_error(paste0("The model raised an error: ", conditionMessage(e)), "BAD_REQUEST"))
    }
  )
  body <- tryCatch(tl_predictions_json(result), error = function(e) {
    stop(tl_scoring_error(paste0("The model's predictions cannot be written as JSON: ", conditionMessage(e))))
  })
  tl_answer(200L, body, "application/json", tl_model_headers(served))
}

# Params go to a model whose function has a `params` argument.
tl_takes_params <- function(model) {
  is.function(model) && "params" %in% names(formals(model))
}

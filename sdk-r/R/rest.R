# The one HTTP path every call takes: URL and query string, JSON body, credentials, retries,
# and the error envelope turned into a `trackline_error`.

tl_user_agent <- function() {
  paste0("trackline-r/", utils::packageVersion("trackline"))
}

tl_env_flag <- function(names) {
  for (n in names) {
    v <- tolower(Sys.getenv(n))
    if (nzchar(v)) return(v %in% c("true", "1", "yes"))
  }
  FALSE
}

# The credentials of a request, read from the environment each time (as MLflow's R package
# does): basic authentication when a user name and a password are both set, else a bearer token.
# MLflow's older names (MLFLOW_USERNAME, MLFLOW_PASSWORD, MLFLOW_TOKEN) are read when the
# MLFLOW_TRACKING_* ones are unset, with a warning once per session.
tl_auth_header <- function() {
  user <- tl_credential_var("USERNAME")
  password <- tl_credential_var("PASSWORD")
  token <- tl_credential_var("TOKEN")
  if (nzchar(user) && nzchar(password)) {
    return(paste("Basic", jsonlite::base64_enc(enc2utf8(paste0(user, ":", password)))))
  }
  if (nzchar(token)) return(paste("Bearer", token))
  NULL
}

tl_credential_var <- function(what) {
  value <- Sys.getenv(paste0("MLFLOW_TRACKING_", what))
  if (nzchar(value)) return(value)
  old <- paste0("MLFLOW_", what)
  value <- Sys.getenv(old)
  if (nzchar(value) && !isTRUE(.globals$warned_old_credentials[[old]])) {
    .globals$warned_old_credentials[[old]] <- TRUE
    warning(old, " is deprecated: use MLFLOW_TRACKING_", what, call. = FALSE)
  }
  value
}

tl_query_value <- function(v) {
  if (is.logical(v)) return(ifelse(v, "true", "false"))
  if (inherits(v, "POSIXct")) v <- round(as.numeric(v) * 1000)
  if (is.double(v)) {
    s <- tl_format_numbers(v)
    return(gsub("\"", "", s, fixed = TRUE))
  }
  as.character(v)
}

tl_query_string <- function(query) {
  parts <- character()
  for (name in names(query)) {
    values <- query[[name]]
    values <- if (is.list(values)) unlist(lapply(values, tl_query_value)) else tl_query_value(values)
    for (v in values) {
      parts <- c(parts, paste0(curl::curl_escape(name), "=", curl::curl_escape(v)))
    }
  }
  paste(parts, collapse = "&")
}

tl_connection_failure <- function(msg) {
  grepl(paste(
    "Failed to connect", "Couldn't connect", "Connection refused", "Could not resolve",
    "Couldn't resolve", "Connection reset", "Empty reply from server", "Recv failure",
    "Send failure", "Connection timed out", "Connection was reset",
    sep = "|"
  ), msg, ignore.case = TRUE)
}

tl_retry_delay <- function(attempt, retry_after = NULL) {
  base <- getOption("trackline.retry_backoff", 0.5)
  cap <- getOption("trackline.retry_max_backoff", 10)
  delay <- base * 2^(attempt - 1)
  if (!is.null(retry_after)) {
    seconds <- suppressWarnings(as.numeric(retry_after))
    if (length(seconds) == 1 && !is.na(seconds)) delay <- seconds
  }
  min(max(delay, 0), cap)
}

tl_header_value <- function(raw_headers, name) {
  lines <- curl::parse_headers(raw_headers)
  hit <- grep(paste0("^", name, ":"), lines, ignore.case = TRUE, value = TRUE)
  if (!length(hit)) return(NULL)
  trimws(sub("^[^:]*:", "", hit[length(hit)]))
}

# One curl handle per server, reset before each request, so its connection is reused.
.handles <- new.env(parent = emptyenv())

tl_handle <- function(host) {
  handle <- .handles[[host]]
  if (is.null(handle)) {
    handle <- curl::new_handle()
    assign(host, handle, envir = .handles)
  } else {
    curl::handle_reset(handle)
  }
  handle
}

tl_drop_handle <- function(host) {
  if (exists(host, envir = .handles, inherits = FALSE)) rm(list = host, envir = .handles)
}

# Sends one request, retrying as described in mlflow_client(). The body is `payload` (a raw
# vector) or the file `upload_file`, streamed from disk (reopened for each attempt); the answer
# is kept in memory, or streamed into `dest_file` when that is given (a failed answer's body
# is read back into `content` and the file removed).
tl_perform <- function(client, method, url, payload = NULL, content_type = "application/json",
                       upload_file = NULL, dest_file = NULL, extra_headers = NULL) {
  max_retries <- getOption("trackline.max_retries", 5)
  attempt <- 0
  repeat {
    attempt <- attempt + 1
    handle <- tl_handle(client$host)
    # path_as_is: the path goes out as given (no `..` squashing); the server judges it.
    curl::handle_setopt(handle, customrequest = method, path_as_is = TRUE,
                        timeout = getOption("trackline.timeout", 60), connecttimeout = 10)
    headers <- c(`User-Agent` = tl_user_agent(), Accept = "application/json")
    auth <- tl_auth_header()
    if (!is.null(auth)) headers <- c(headers, Authorization = auth)
    if (length(extra_headers)) headers <- c(headers, unlist(extra_headers))
    con <- NULL
    if (!is.null(upload_file)) {
      con <- file(upload_file, open = "rb")
      headers <- c(headers, `Content-Type` = content_type, Expect = "")
      curl::handle_setopt(handle, upload = TRUE, infilesize_large = file.size(upload_file),
                          readfunction = function(n) readBin(con, raw(), n))
    } else if (!is.null(payload)) {
      headers <- c(headers, `Content-Type` = content_type)
      curl::handle_setopt(handle, postfieldsize = length(payload), copypostfields = payload)
    }
    if (tl_env_flag(c("MLFLOW_TRACKING_INSECURE_TLS", "MLFLOW_TRACKING_INSECURE"))) {
      curl::handle_setopt(handle, ssl_verifypeer = 0L, ssl_verifyhost = 0L)
    }
    if (!is.null(upload_file) || !is.null(dest_file)) tl_progress(handle, url, upload_file)
    do.call(curl::handle_setheaders, c(list(handle), as.list(headers)))
    res <- tryCatch(
      if (is.null(dest_file)) {
        curl::curl_fetch_memory(url, handle = handle)
      } else {
        curl::curl_fetch_disk(url, dest_file, handle = handle)
      },
      error = function(e) e
    )
    if (!is.null(con)) close(con)
    if (inherits(res, "error")) {
      tl_drop_handle(client$host)
      if (!is.null(dest_file)) unlink(dest_file)
      msg <- conditionMessage(res)
      if (tl_connection_failure(msg) && attempt <= max_retries) {
        Sys.sleep(tl_retry_delay(attempt))
        next
      }
      stop(trackline_error(
        paste0("Could not reach the tracking server at ", client$host, ": ", msg),
        class = "trackline_connection_error"
      ))
    }
    if (!is.null(dest_file) && (res$status_code < 200 || res$status_code >= 300)) {
      res$content <- readBin(dest_file, raw(), n = min(file.size(dest_file), 65536))
      unlink(dest_file)
    }
    if (res$status_code %in% c(429L, 503L) && attempt <= max_retries) {
      Sys.sleep(tl_retry_delay(attempt, tl_header_value(res$headers, "Retry-After")))
      next
    }
    return(res)
  }
}

# With options(trackline.progress = TRUE), file transfers report their progress on stderr.
tl_progress <- function(handle, url, upload_file) {
  if (!isTRUE(getOption("trackline.progress", FALSE))) return(invisible())
  name <- utils::URLdecode(basename(url))
  last <- 0
  done <- FALSE
  curl::handle_setopt(handle, noprogress = FALSE, xferinfofunction = function(down, up) {
    total <- if (is.null(upload_file)) down[[1]] else up[[1]]
    now <- if (is.null(upload_file)) down[[2]] else up[[2]]
    if (!done && total > 0 && (now == total || as.numeric(Sys.time()) - last > 0.5)) {
      last <<- as.numeric(Sys.time())
      done <<- now == total
      cat(sprintf("\r%s %s: %.1f of %.1f MB (%3.0f%%)", if (is.null(upload_file)) "download"
                  else "upload", name, now / 2^20, total / 2^20, 100 * now / total),
          if (now == total) "\n", file = stderr(), sep = "")
    }
    TRUE
  })
  invisible()
}

tl_body_text <- function(res) {
  text <- tryCatch(rawToChar(res$content), error = function(e) "<binary body>")
  Encoding(text) <- "UTF-8"
  text
}

# Path parameters: escaped, except for the slashes of a multi-segment one (artifact paths).
tl_path_value <- function(value, name, multi_segment = FALSE) {
  if (is.null(value) || length(value) != 1 || is.na(value) || !nzchar(as.character(value))) {
    tl_abort("`", name, "` is required: it is part of the URL")
  }
  value <- as.character(value)
  if (!multi_segment) return(curl::curl_escape(value))
  paste(vapply(strsplit(value, "/", fixed = TRUE)[[1]], curl::curl_escape, ""), collapse = "/")
}

tl_expand_path <- function(template, values) {
  for (name in names(values)) {
    template <- sub(paste0("{", name, "}"), values[[name]], template, fixed = TRUE)
  }
  template
}

tl_payload <- function(body, content_type) {
  if (is.null(body)) return(NULL)
  if (identical(content_type, "application/json")) return(charToRaw(enc2utf8(tl_to_json(body))))
  if (is.raw(body)) return(body)
  if (is.character(body)) return(charToRaw(enc2utf8(paste(body, collapse = ""))))
  tl_abort("a `", content_type, "` body must be a raw vector or a character string")
}

#' Call the tracking server
#'
#' The request function behind every other one: builds the URL from the client's host and
#' `path`, sends `query` as the query string (list elements of length > 1 as repeated keys)
#' and `body` as JSON (see [tl_to_json()]) or, for other content types, as bytes, retries as
#' described in [mlflow_client()], and raises a [trackline_error()] for any answer that is not
#' a success.
#'
#' @param method The HTTP method.
#' @param path The path below the server's URL, such as `"/api/2.0/mlflow/runs/get"`.
#' @param query A named list of query parameters.
#' @param body A named list sent as the JSON body; for another `content_type`, a raw vector or
#'   a string sent as it is; `NULL` for no body.
#' @param response `"json"` to parse the answer, `"text"` to return it as a string, `"raw"` to
#'   return its bytes.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @param content_type The body's content type.
#' @param headers A named list of further request headers, or `NULL`.
#' @return The parsed JSON answer (lists, as on the wire), its text or its bytes.
#' @examples
#' \dontrun{
#' tl_call("GET", "/api/2.0/mlflow/experiments/get", query = list(experiment_id = "0"))
#' }
#' @export
tl_call <- function(method, path, query = NULL, body = NULL, response = c("json", "text", "raw"),
                    client = NULL, content_type = "application/json", headers = NULL) {
  response <- match.arg(response)
  client <- tl_resolve_client(client)
  url <- paste0(client$host, path)
  if (length(query)) url <- paste0(url, "?", tl_query_string(query))
  res <- tl_perform(client, method, url, tl_payload(body, content_type), content_type,
                    extra_headers = headers)
  if (res$status_code < 200 || res$status_code >= 300) {
    stop(tl_http_error(method, path, res$status_code, tl_body_text(res)))
  }
  if (response == "raw") return(res$content)
  text <- tl_body_text(res)
  if (response == "text") return(text)
  parsed <- tryCatch(tl_from_json(text), error = function(e) NULL)
  if (is.null(parsed)) {
    stop(trackline_error(
      paste0("The server's answer to ", method, " ", path, " is not JSON: ",
             substr(text, 1, 200)),
      http_status = res$status_code
    ))
  }
  parsed
}

# A file transfer: `upload_file` is streamed from disk as the raw body, or the answer is
# streamed into `dest_file` (written under a temporary name and renamed when complete).
# Returns the parsed JSON answer of an upload, or `dest_file`.
tl_transfer <- function(method, path, upload_file = NULL, dest_file = NULL, client = NULL,
                        content_type = "application/octet-stream") {
  client <- tl_resolve_client(client)
  url <- paste0(client$host, path)
  part <- NULL
  if (!is.null(dest_file)) {
    dir.create(dirname(dest_file), recursive = TRUE, showWarnings = FALSE)
    part <- paste0(dest_file, ".part-", Sys.getpid())
    on.exit(unlink(part), add = TRUE)
  }
  res <- tl_perform(client, method, url, content_type = content_type,
                    upload_file = upload_file, dest_file = part)
  if (res$status_code < 200 || res$status_code >= 300) {
    stop(tl_http_error(method, path, res$status_code, tl_body_text(res)))
  }
  if (!is.null(dest_file)) {
    if (file.exists(dest_file)) unlink(dest_file)
    if (!file.rename(part, dest_file)) tl_abort("Could not write ", dest_file)
    return(dest_file)
  }
  tl_from_json(tl_body_text(res))
}

# A tiny HTTP server for the client's own tests: answers each request with the next answer of
# a plan, records what it got, and exits when the plan is done.
#
# Usage: Rscript scripted-server.R <port> <plan.rds> <log file> <ready file> [delay seconds]
# The plan is a list of list(status =, body =, headers = c(Name = "value")).

args <- commandArgs(trailingOnly = TRUE)
port <- as.integer(args[[1]])
plan <- readRDS(args[[2]])
log_file <- args[[3]]
ready_file <- args[[4]]
delay <- if (length(args) >= 5) as.numeric(args[[5]]) else 0

if (delay > 0) Sys.sleep(delay)
server <- serverSocket(port)
writeLines("ready", ready_file)

read_request <- function(con) {
  bytes <- raw()
  while (length(bytes) < 4 || !identical(utils::tail(bytes, 4), as.raw(c(13, 10, 13, 10)))) {
    b <- readBin(con, "raw", 1)
    if (!length(b)) break
    bytes <- c(bytes, b)
  }
  lines <- strsplit(rawToChar(bytes), "\r\n", fixed = TRUE)[[1]]
  request_line <- strsplit(lines[[1]], " ", fixed = TRUE)[[1]]
  header_lines <- lines[-1]
  header_lines <- header_lines[nzchar(header_lines)]
  headers <- list()
  for (h in header_lines) {
    name <- tolower(sub(":.*$", "", h))
    headers[[name]] <- trimws(sub("^[^:]*:", "", h))
  }
  length <- if (is.null(headers[["content-length"]])) 0 else as.integer(headers[["content-length"]])
  bytes <- if (length > 0) readBin(con, "raw", length) else raw()
  # Text bodies as they are; every body also in base64, for bytes that are not text.
  body <- if (any(bytes == 0)) "" else rawToChar(bytes)
  list(method = request_line[[1]], target = request_line[[2]], headers = headers, body = body,
       body_base64 = jsonlite::base64_enc(bytes))
}

for (answer in plan) {
  con <- socketAccept(server, blocking = TRUE, open = "r+b", timeout = 60)
  req <- read_request(con)
  cat(jsonlite::toJSON(req, auto_unbox = TRUE), "\n", file = log_file, append = TRUE, sep = "")
  body <- if (is.null(answer$body)) "{}" else answer$body
  payload <- charToRaw(enc2utf8(body))
  head <- c(
    paste0("HTTP/1.1 ", answer$status, " Scripted"),
    "Content-Type: application/json",
    paste0("Content-Length: ", length(payload)),
    "Connection: close",
    if (length(answer$headers)) paste0(names(answer$headers), ": ", answer$headers)
  )
  writeBin(c(charToRaw(paste0(paste(head, collapse = "\r\n"), "\r\n\r\n")), payload), con)
  flush(con)
  close(con)
}
close(server)

# Starting and reaching a live tracking server for the tests.
#
#   TRACKLINE_TEST_URL            use this running server (Trackline or MLflow)
#   TRACKLINE_BIN                 else start `$TRACKLINE_BIN server` on a free port
#   TRACKLINE_TEST_SERVER=mlflow  start `$MLFLOW_BIN server` instead
#   TRACKLINE_TEST_REQUIRE_SERVER=true   fail, rather than skip, when there is no server

tlt_free_port <- function() {
  for (i in 1:100) {
    port <- sample(20000:45000, 1)
    sock <- tryCatch(serverSocket(port), error = function(e) NULL)
    if (!is.null(sock)) {
      close(sock)
      return(port)
    }
  }
  stop("no free port found")
}

tlt_get <- function(url, timeout = 2) {
  tryCatch({
    h <- curl::new_handle(timeout = timeout, connecttimeout = timeout)
    curl::curl_fetch_memory(url, handle = h)
  }, error = function(e) NULL)
}

tlt_alive <- function(pid) {
  identical(suppressWarnings(system2("kill", c("-0", pid), stdout = FALSE, stderr = FALSE)), 0L)
}

# The shell command that starts the test server on `port` with its database and log in `dir`,
# as the leader of its own process group (setsid), so it and its workers are stopped together.
# NULL when there is no server command. R's LD_LIBRARY_PATH (its own and the system's library
# directories first) is not passed on: it can make a Python server load the wrong libpython.
tlt_server_command <- function(dir, port, kind = Sys.getenv("TRACKLINE_TEST_SERVER", "trackline"),
                               extra_args = character(), env = character()) {
  bin <- Sys.getenv(if (kind == "mlflow") "MLFLOW_BIN" else "TRACKLINE_BIN")
  if (!nzchar(bin)) return(NULL)
  if (!file.exists(bin) && !nzchar(Sys.which(bin))) stop("no server command at ", bin)
  if (file.exists(bin)) bin <- normalizePath(bin)
  args <- c("server", "--host", "127.0.0.1", "--port", port,
            "--backend-store-uri", paste0("sqlite:///", dir, "/r.db"))
  if (kind == "mlflow") {
    args <- c(args, "--artifacts-destination", file.path(dir, "artifacts"), "--workers", "1")
  }
  args <- c(args, extra_args)
  sprintf("cd %s && exec env -u LD_LIBRARY_PATH %s setsid %s %s >> %s 2>&1 < /dev/null",
          shQuote(dir), paste(shQuote(env), collapse = " "), shQuote(bin),
          paste(shQuote(args), collapse = " "),
          shQuote(file.path(dir, "server.log")))
}

# Starts a server (in a new directory on a free port unless given) and waits until it answers.
tlt_start_server <- function(dir = NULL, port = NULL, ...) {
  if (is.null(dir)) {
    dir <- tempfile("trackline-r-server-")
    dir.create(dir)
  }
  if (is.null(port)) port <- tlt_free_port()
  cmd <- tlt_server_command(dir, port, ...)
  if (is.null(cmd)) return(NULL)
  pid <- as.integer(system(sprintf("(%s) & echo $!", cmd), intern = TRUE))
  server <- list(url = paste0("http://127.0.0.1:", port), pid = pid, dir = dir, port = port,
                 log = file.path(dir, "server.log"))
  tlt_await_server(server)
  server
}

tlt_await_server <- function(server, seconds = 120) {
  deadline <- Sys.time() + seconds
  repeat {
    res <- tlt_get(paste0(server$url, "/health"))
    if (!is.null(res) && res$status_code == 200) return(invisible(server))
    if (!tlt_alive(server$pid) || Sys.time() > deadline) {
      tlt_stop_server(server)
      cat(utils::tail(readLines(server$log, warn = FALSE), 40), sep = "\n", file = stderr())
      stop("the tracking server did not start (its log is above)")
    }
    Sys.sleep(0.3)
  }
}

# The server leads its own process group (setsid); "kill -SIG -PID" signals the whole group.
# (Not "kill -SIG -- -PID": dash, the usual /bin/sh behind system2, refuses the "--".)
tlt_stop_server <- function(server) {
  if (is.null(server)) return(invisible())
  system2("kill", c("-TERM", paste0("-", server$pid)), stdout = FALSE, stderr = FALSE)
  deadline <- Sys.time() + 15
  while (tlt_alive(server$pid) && Sys.time() < deadline) Sys.sleep(0.2)
  if (tlt_alive(server$pid)) {
    system2("kill", c("-KILL", paste0("-", server$pid)), stdout = FALSE, stderr = FALSE)
  }
  invisible()
}

# A Trackline server of its own with authentication on (`--auth`), whatever server the other
# tests use: `$TRACKLINE_BIN server --auth --admin-username admin`, the admin's password in
# TRACKLINE_ADMIN_PASSWORD. Stopped when `env` ends. Skips without TRACKLINE_BIN.
local_auth_server <- function(env = parent.frame()) {
  if (!nzchar(Sys.getenv("TRACKLINE_BIN"))) {
    if (tlt_server_required()) stop("the tests with authentication need TRACKLINE_BIN")
    testthat::skip("no Trackline server command: set TRACKLINE_BIN")
  }
  password <- paste0("admin-", paste(sample(c(letters, 0:9), 20, TRUE), collapse = ""))
  server <- tlt_start_server(kind = "trackline", extra_args = c("--auth", "--admin-username", "admin"),
                             env = paste0("TRACKLINE_ADMIN_PASSWORD=", password))
  withr::defer(tlt_stop_server(server), envir = env)
  server$admin <- list(username = "admin", password = password)
  server
}

# Makes the calls of `env` go as `username`/`password` (or with `token`, or anonymously).
local_credentials <- function(username = "", password = "", token = "", env = parent.frame()) {
  withr::local_envvar(MLFLOW_TRACKING_USERNAME = username, MLFLOW_TRACKING_PASSWORD = password,
                      MLFLOW_TRACKING_TOKEN = token, MLFLOW_USERNAME = "", MLFLOW_PASSWORD = "",
                      MLFLOW_TOKEN = "", .local_envir = env)
}

tlt_server_required <- function() {
  identical(tolower(Sys.getenv("TRACKLINE_TEST_REQUIRE_SERVER")), "true")
}

tlt_server_url <- function() {
  url <- Sys.getenv("TRACKLINE_TEST_URL")
  if (nzchar(url)) return(url)
  if (tlt_server_required()) {
    stop("TRACKLINE_TEST_REQUIRE_SERVER=true but there is no server: set TRACKLINE_TEST_URL ",
         "or TRACKLINE_BIN")
  }
  testthat::skip("no tracking server: set TRACKLINE_TEST_URL or TRACKLINE_BIN")
}

# Points the package at the live server for one test and leaves no active run behind.
local_live <- function(env = parent.frame()) {
  url <- tlt_server_url()
  g <- trackline:::.globals
  saved <- list(uri = g$tracking_uri, exp = g$active_experiment_id, stack = g$active_run_stack)
  g$tracking_uri <- url
  g$active_experiment_id <- NULL
  g$active_run_stack <- character()
  withr::defer({
    for (id in rev(g$active_run_stack)) {
      try(trackline::mlflow_end_run("KILLED", run_id = id), silent = TRUE)
    }
    g$tracking_uri <- saved$uri
    g$active_experiment_id <- saved$exp
    g$active_run_stack <- saved$stack
  }, envir = env)
  url
}

unique_name <- function(prefix) {
  paste0(prefix, "-", format(Sys.time(), "%H%M%S"), "-", sample.int(1e8, 1))
}

# A fresh experiment, made active.
local_experiment <- function(prefix = "r-test", env = parent.frame()) {
  name <- unique_name(prefix)
  id <- trackline::mlflow_create_experiment(name)
  trackline:::tl_set_active_experiment_id(id)
  id
}

# Runs the testthat suite and the MLflow-R wire tests against a live tracking server, and fails
# on any failure, error or skip. The trackline package must be installed (R_LIBS).
#
# Usage: Rscript tools/run-live-tests.R <sdk-r dir>
#   TRACKLINE_BIN=<trackline command>      start a Trackline server (default)
#   TRACKLINE_TEST_SERVER=mlflow MLFLOW_BIN=<mlflow command>   start real MLflow instead
#   TRACKLINE_TEST_URL=<url>               use a running server

args <- commandArgs(trailingOnly = TRUE)
pkg_dir <- normalizePath(if (length(args)) args[[1]] else ".")
suppressPackageStartupMessages({
  library(testthat)
  library(trackline)
})

source(file.path(pkg_dir, "tests", "testthat", "helper-server.R"))
server <- NULL
if (!nzchar(Sys.getenv("TRACKLINE_TEST_URL"))) {
  server <- tlt_start_server()
  if (is.null(server)) {
    stop("no server to test against: set TRACKLINE_BIN, TRACKLINE_TEST_SERVER=mlflow with ",
         "MLFLOW_BIN, or TRACKLINE_TEST_URL")
  }
  Sys.setenv(TRACKLINE_TEST_URL = server$url)
}
Sys.setenv(TRACKLINE_TEST_REQUIRE_SERVER = "true",
           TRACKLINE_R_EXAMPLES_DIR = file.path(pkg_dir, "examples"))
cat("live tests against", Sys.getenv("TRACKLINE_TEST_URL"),
    "(", Sys.getenv("TRACKLINE_TEST_SERVER", "trackline"), ")\n")

summarise <- function(results, label) {
  df <- as.data.frame(results)
  bad <- df[df$failed > 0 | df$error | df$skipped > 0, , drop = FALSE]
  cat(sprintf("%s: %d tests, %d expectations, %d failed, %d errors, %d skipped\n", label,
              nrow(df), sum(df$nb), sum(df$failed), sum(df$error), sum(df$skipped)))
  if (nrow(bad)) {
    cat("not passing:\n")
    print(bad[, c("file", "test", "failed", "error", "skipped")], row.names = FALSE)
  }
  nrow(df) > 0 && nrow(bad) == 0
}

ok <- tryCatch({
  unit <- test_dir(file.path(pkg_dir, "tests", "testthat"), package = "trackline",
                   load_package = "installed", reporter = "summary", stop_on_failure = FALSE)
  wire <- test_dir(file.path(pkg_dir, "tests", "mlflow-r-wire"), load_package = "none",
                   reporter = "summary", stop_on_failure = FALSE)
  a <- summarise(unit, "testthat suite (live)")
  b <- summarise(wire, "MLflow R wire tests")
  a && b
}, finally = {
  if (!is.null(server)) {
    tlt_stop_server(server)
  }
})
if (!isTRUE(ok)) {
  cat("live R tests FAILED\n")
  quit(status = 1)
}
cat("live R tests passed\n")

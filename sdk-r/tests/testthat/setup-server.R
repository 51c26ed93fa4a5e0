# With TRACKLINE_BIN (or TRACKLINE_TEST_SERVER=mlflow and MLFLOW_BIN) and no TRACKLINE_TEST_URL,
# start one server for the whole test run.
if (!nzchar(Sys.getenv("TRACKLINE_TEST_URL"))) {
  tlt_server <- tlt_start_server()
  if (!is.null(tlt_server)) {
    Sys.setenv(TRACKLINE_TEST_URL = tlt_server$url)
    withr::defer({
      tlt_stop_server(tlt_server)
      Sys.unsetenv("TRACKLINE_TEST_URL")
    }, teardown_env())
  }
}

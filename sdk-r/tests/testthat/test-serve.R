# mlflow_rfunc_serve() in its own R process: the scoring protocol (scoring.yaml), its errors, and
# a model that raises an error.

serve_model <- function(dir, name = "linear") {
  testthat::skip_if_not_installed("httpuv")
  port <- tlt_free_port()
  rscript <- file.path(R.home("bin"), "Rscript")
  code <- sprintf("trackline::mlflow_rfunc_serve(%s, port = %d, name = %s, max_body_size = 4096)",
                  deparse(dir), port, deparse(name))
  proc <- processx::process$new(rscript, c("--vanilla", "-e", code), stdout = "|", stderr = "2>&1",
                                env = c("current", R_LIBS = paste(.libPaths(), collapse = ":")))
  withr::defer(proc$kill(), envir = parent.frame())
  url <- paste0("http://127.0.0.1:", port)
  deadline <- Sys.time() + 60
  repeat {
    res <- tlt_get(paste0(url, "/ping"))
    if (!is.null(res) && res$status_code == 200) break
    if (!proc$is_alive() || Sys.time() > deadline) stop("the scoring server did not start: ", proc$read_all_output())
    Sys.sleep(0.1)
  }
  list(url = url, proc = proc)
}

call_server <- function(url, body = NULL, content_type = "application/json", method = "POST") {
  h <- curl::new_handle(customrequest = method)
  if (!is.null(body)) curl::handle_setopt(h, copypostfields = body)
  curl::handle_setheaders(h, "Content-Type" = if (is.null(content_type)) "" else content_type)
  res <- curl::curl_fetch_memory(url, handle = h)
  text <- rawToChar(res$content)
  parsed <- tryCatch(jsonlite::fromJSON(text, simplifyVector = FALSE), error = function(e) NULL)
  list(status = res$status_code, text = text, json = parsed, headers = curl::parse_headers_list(res$headers))
}

linear_model <- function() {
  dir <- file.path(withr::local_tempdir(.local_envir = parent.frame()), "linear")
  model <- function(df, params = list()) {
    if (any(df$a < 0)) stop("a must not be negative, got ", min(df$a))
    k <- if (is.null(params$k)) 1 else params$k
    df$a * k + df$b
  }
  mlflow_save_model(model, dir, signature = list(
    inputs = list(list(name = "a", type = "double"), list(name = "b", type = "long"),
                  list(name = "label", type = "string", required = FALSE)),
    params = list(list(name = "k", type = "double", default = 1))
  ))
  dir
}

test_that("the R scoring server answers the protocol's routes and bodies", {
  server <- serve_model(linear_model())
  url <- server$url
  expect_identical(call_server(paste0(url, "/health"), method = "GET")$status, 200L)
  expect_match(call_server(paste0(url, "/version"), method = "GET")$text, "^[0-9]+\\.[0-9]+\\.[0-9]+")
  expect_match(call_server(paste0(url, "/openapi.yaml"), method = "GET")$text, "^openapi: 3\\.1")
  models <- call_server(paste0(url, "/models"), method = "GET")$json$models
  expect_identical(models[[1]]$name, "linear")
  expect_identical(models[[1]]$weight, 1)

  bodies <- list(
    '{"dataframe_split": {"columns": ["a", "b"], "data": [[1.5, 2], [0.5, 1]]}}',
    '{"dataframe_records": [{"a": 1.5, "b": 2}, {"a": 0.5, "b": 1, "label": "x"}]}',
    '{"instances": [{"a": 1.5, "b": 2}, {"a": 0.5, "b": 1}]}',
    '{"inputs": {"a": [1.5, 0.5], "b": [2, 1]}}'
  )
  for (body in bodies) {
    res <- call_server(paste0(url, "/invocations"), body)
    expect_identical(res$status, 200L, info = body)
    expect_identical(res$json, list(predictions = list(3.5, 1.5)), info = body)
    expect_identical(res$headers[["x-trackline-model"]], "linear")
  }
  csv <- call_server(paste0(url, "/invocations"), "a,b\n1.5,2\n0.5,1\n", "text/csv; charset=utf-8")
  expect_identical(csv$json, list(predictions = list(3.5, 1.5)))
  params <- call_server(paste0(url, "/models/linear/invocations"),
                        '{"dataframe_records": [{"a": 1.5, "b": 2, "extra": "z"}], "params": {"k": 10}}')
  expect_identical(params$json, list(predictions = list(17L)))
})

test_that("bad requests get MLflow's error envelope and an R error is a 400 with R's message", {
  server <- serve_model(linear_model())
  url <- paste0(server$url, "/invocations")
  cases <- list(
    list("{not json", "application/json", 400L, "BAD_REQUEST"),
    list("", "application/json", 400L, "BAD_REQUEST"),
    list("[[1.5, 2]]", "application/json", 400L, "BAD_REQUEST"),
    list('{"columns": ["a"], "data": [[1]]}', "application/json", 400L, "BAD_REQUEST"),
    list('{"inputs": {"a": [1]}, "instances": [{"a": 1}]}', "application/json", 400L, "BAD_REQUEST"),
    list('{"dataframe_split": {"columns": ["a", "b"], "data": [[1]]}}', "application/json", 400L, "BAD_REQUEST"),
    list('{"dataframe_records": [{"a": 1.5}]}', "application/json", 400L, "INVALID_PARAMETER_VALUE"),
    list('{"dataframe_records": [{"a": "abc", "b": 2}]}', "application/json", 400L, "BAD_REQUEST"),
    list('{"dataframe_records": [{"a": 1, "b": 1.5}]}', "application/json", 400L, "BAD_REQUEST"),
    list('{"dataframe_records": [{"a": 1, "b": null}]}', "application/json", 400L, "BAD_REQUEST"),
    list('{"dataframe_records": [{"a": 1, "b": 2}], "params": {"k": "ten"}}', "application/json", 400L,
         "INVALID_PARAMETER_VALUE"),
    list('{"dataframe_records": [{"a": 1, "b": 2}], "params": [1]}', "application/json", 400L, "BAD_REQUEST"),
    list("a,b\n1,2\n", "text/plain", 415L, "UNSUPPORTED_MEDIA_TYPE"),
    list("{}", NULL, 415L, "UNSUPPORTED_MEDIA_TYPE"),
    list("{}", "application/json; charset=latin-1", 415L, "UNSUPPORTED_MEDIA_TYPE"),
    list(strrep("x", 5000), "application/json", 413L, "REQUEST_TOO_LARGE")
  )
  for (case in cases) {
    res <- call_server(url, case[[1]], case[[2]])
    expect_identical(res$status, case[[3]], info = case[[1]])
    expect_identical(res$json$error_code, case[[4]], info = case[[1]])
    expect_true(nzchar(res$json$message), info = case[[1]])
  }
  failed <- call_server(url, '{"dataframe_records": [{"a": -2, "b": 1}]}')
  expect_identical(failed$status, 400L)
  expect_identical(failed$json$error_code, "BAD_REQUEST")
  expect_match(failed$json$message, "a must not be negative, got -2", fixed = TRUE)
  expect_identical(call_server(paste0(server$url, "/models/other/invocations"), "{}")$json$error_code,
                   "RESOURCE_DOES_NOT_EXIST")
  expect_identical(call_server(paste0(server$url, "/nowhere"), method = "GET")$status, 404L)
  expect_identical(call_server(url, method = "GET")$status, 405L)
  # Still serving after all of that.
  ok <- call_server(url, '{"inputs": {"a": [2], "b": [1]}}')
  expect_identical(ok$json, list(predictions = list(3L)))
  expect_true(server$proc$is_alive())
})

test_that("a model without a signature is called with the table as sent", {
  dir <- file.path(withr::local_tempdir(), "m")
  mlflow_save_model(function(df) paste(names(df), collapse = "+"), dir)
  server <- serve_model(dir, "names")
  res <- call_server(paste0(server$url, "/invocations"), '{"dataframe_records": [{"x": 1, "y": "a"}]}')
  expect_identical(res$json, list(predictions = list("x+y")))
})

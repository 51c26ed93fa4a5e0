# Artifact URIs and paths, and what artifact and registry calls put on the wire (scripted
# server; no tracking server needed).

test_that("run artifact URIs map onto the artifact proxy", {
  client <- mlflow_client("http://127.0.0.1:5000/")
  loc <- trackline:::tl_artifact_location("mlflow-artifacts:/1/abc/artifacts", client)
  expect_identical(loc$root, "1/abc/artifacts")
  expect_identical(loc$client$host, "http://127.0.0.1:5000")
  loc <- trackline:::tl_artifact_location("mlflow-artifacts:///7/r/artifacts/", client)
  expect_identical(loc$root, "7/r/artifacts")
  other <- trackline:::tl_artifact_location("mlflow-artifacts://store.example:8080/3/r/artifacts",
                                            mlflow_client("https://tracking.example"))
  expect_identical(other$client$host, "https://store.example:8080")
  expect_identical(other$root, "3/r/artifacts")
  err <- expect_error(trackline:::tl_artifact_location("s3://bucket/1/abc/artifacts", client),
                      class = "trackline_error")
  expect_match(conditionMessage(err), "s3://bucket/1/abc/artifacts", fixed = TRUE)
})

test_that("artifact paths are cleaned and joined with single slashes", {
  rel <- trackline:::tl_artifact_rel_path
  expect_identical(rel(NULL), "")
  expect_identical(rel("."), "")
  expect_identical(rel("/plots//roc/"), "plots/roc")
  expect_identical(rel("./model"), "model")
  join <- trackline:::tl_join_path
  expect_identical(join("1/r/artifacts", "", "a/b.txt"), "1/r/artifacts/a/b.txt")
  expect_identical(join("root/", NULL, "/x"), "root/x")
  expect_identical(trackline:::tl_proxy_url_path("1/r/artifacts/my file#1.txt"),
                   "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/my%20file%231.txt")
})

test_that("an upload streams the file's bytes as the PUT body", {
  file <- withr::local_tempfile(fileext = ".bin")
  writeBin(as.raw(c(0:255, 0:255)), file)
  srv <- scripted_server(list(answer(200, "{}")))
  res <- trackline:::tl_transfer("PUT", "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x.bin",
                                 upload_file = file, client = mlflow_client(srv$url))
  expect_identical(res, structure(list(), names = character()))
  req <- srv$requests()[[1]]
  expect_identical(req$method, "PUT")
  expect_identical(req$target, "/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/x.bin")
  expect_identical(req$headers[["content-type"]], "application/octet-stream")
  expect_identical(req$headers[["content-length"]], "512")
  expect_identical(jsonlite::base64_dec(req$body_base64), as.raw(c(0:255, 0:255)))
})

test_that("paths go out as given: `..` is left for the server to judge", {
  srv <- scripted_server(list(
    answer(400, "{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"bad path\"}")
  ))
  err <- expect_error(tl_api_download_artifact("x/../../etc/passwd", client = mlflow_client(srv$url)),
                      class = "trackline_error")
  expect_identical(err$error_code, "INVALID_PARAMETER_VALUE")
  expect_identical(srv$requests()[[1]]$target,
                   "/api/2.0/mlflow-artifacts/artifacts/x/../../etc/passwd")
})

test_that("a failed download leaves no file behind and reports the server's error", {
  dest <- file.path(withr::local_tempdir(), "sub", "gone.txt")
  srv <- scripted_server(list(
    answer(404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"no such artifact\"}")
  ))
  err <- expect_error(trackline:::tl_transfer("GET", "/api/2.0/mlflow-artifacts/artifacts/a/gone.txt",
                                              dest_file = dest, client = mlflow_client(srv$url)),
                      class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  expect_match(conditionMessage(err), "no such artifact")
  expect_identical(list.files(dirname(dest), all.files = TRUE, no.. = TRUE), character())
})

test_that("registry calls send JSON booleans, tags, user ids and GET searches", {
  srv <- scripted_server(list(
    answer(200, "{\"model_version\":{\"name\":\"m\",\"version\":\"3\"}}"),
    answer(200, "{\"model_version\":{\"name\":\"m\",\"version\":\"3\",\"current_stage\":\"Production\"}}"),
    answer(200, "{\"registered_models\":[{\"name\":\"m\"}],\"next_page_token\":\"t1\"}"),
    answer(200, "{\"registered_models\":[{\"name\":\"n\"}]}")
  ))
  client <- mlflow_client(srv$url)
  mv <- mlflow_create_model_version("m", "runs:/r1/model", run_id = "r1",
                                    tags = list(validated = TRUE), user_id = "ann",
                                    client = client)
  expect_identical(mv$version, "3")
  mv <- mlflow_transition_model_version_stage("m", 3, "Production",
                                              archive_existing_versions = TRUE,
                                              comment = "approved", user_id = "ann",
                                              client = client)
  expect_identical(mv$current_stage, "Production")
  found <- mlflow_search_registered_models(filter = "name LIKE 'm%'", order_by = "name",
                                           client = client)
  expect_identical(vapply(found$registered_models, function(m) m$name, ""), c("m", "n"))
  expect_null(found$next_page_token)

  reqs <- srv$requests()
  expect_identical(jsonlite::parse_json(reqs[[1]]$body), list(
    name = "m", source = "runs:/r1/model", run_id = "r1",
    tags = list(list(key = "validated", value = "TRUE")), user_id = "ann"
  ))
  expect_identical(
    reqs[[2]]$body,
    paste0("{\"name\":\"m\",\"version\":\"3\",\"stage\":\"Production\",",
           "\"archive_existing_versions\":true,\"user_id\":\"ann\",\"comment\":\"approved\"}")
  )
  expect_identical(reqs[[3]]$method, "GET")
  expect_match(reqs[[3]]$target, "^/api/2.0/mlflow/registered-models/search[?]")
  expect_match(reqs[[3]]$target, "filter=name%20LIKE%20%27m%25%27", fixed = TRUE)
  expect_match(reqs[[4]]$target, "page_token=t1", fixed = TRUE)
})

test_that("registry arguments are checked before anything is sent", {
  client <- mlflow_client("http://127.0.0.1:9")
  expect_error(mlflow_transition_model_version_stage("m", 1, "Production",
                                                     archive_existing_versions = "yes",
                                                     client = client),
               "archive_existing_versions", class = "trackline_error")
  expect_error(mlflow_set_model_version_tag("m", key = "k", value = "v", client = client),
               "`version` or `stage`", class = "trackline_error")
  expect_error(mlflow_set_model_version_tag("m", 1, "k", "v", stage = "Staging", client = client),
               "cannot both", class = "trackline_error")
  expect_error(mlflow_list_artifacts(client = client), "run_id", class = "trackline_error")
  expect_error(mlflow_log_artifact(tempfile("missing-"), run_id = "r", client = client),
               "existing local file", class = "trackline_error")
})

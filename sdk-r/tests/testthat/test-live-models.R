# Models against a live server: logged as MLflow 3 logged models, registered, loaded by every
# URI form, and the models example run with no Python on PATH.

test_that("mlflow_log_model logs, links, records and registers the model; every URI loads it", {
  local_live()
  local_experiment("r-models")
  name <- unique_name("r-model")
  fit <- lm(mpg ~ wt + hp, data = mtcars)
  want <- unname(predict(fit, mtcars[1:4, ]))
  run <- mlflow_start_run()
  mlflow_log_param("formula", "mpg ~ wt + hp")
  info <- mlflow_log_model(function(df) unname(predict(fit, df)), "model", registered_model_name = name)
  mlflow_end_run()
  run_id <- mlflow_id(run)
  expect_s3_class(info, "mlflow_model_info")
  expect_match(info$model_id, "^m-")
  expect_identical(info$model_uri, paste0("models:/", info$model_id))
  expect_identical(info$run_id, run_id)
  expect_identical(info$registered_model_version, "1")

  logged <- tl_api_get_logged_model(model_id = info$model_id)$model
  expect_identical(logged$info$status, "LOGGED_MODEL_READY")
  expect_identical(logged$info$source_run_id, run_id)
  expect_identical(logged$info$name, "model")
  params <- logged$data$params
  expect_identical(vapply(params, function(p) p$value, "")[vapply(params, function(p) p$key, "") == "formula"],
                   "mpg ~ wt + hp")
  got_run <- tl_api_get_run(run_id = run_id)$run
  expect_identical(got_run$outputs$model_outputs[[1]]$model_id, info$model_id)
  tags <- got_run$data$tags
  history <- tags[[which(vapply(tags, function(t) t$key, "") == "mlflow.log-model.history")]]$value
  entry <- jsonlite::fromJSON(history, simplifyVector = FALSE)[[1]]
  expect_identical(entry$artifact_path, "model")
  expect_identical(entry$run_id, run_id)
  expect_identical(entry$flavors$crate$model, "crate.bin")
  mv <- mlflow_get_model_version(name, 1)
  expect_identical(mv$source, info$model_uri)
  expect_identical(mv$run_id, run_id)

  mlflow_set_registered_model_alias(name, "champion", 1)
  uris <- c(info$model_uri, paste0("runs:/", run_id, "/model"), paste0("models:/", name, "/1"),
            paste0("models:/", name, "@champion"), paste0("models:/", name, "/latest"), info$artifact_uri)
  for (uri in uris) {
    model <- mlflow_load_model(uri)
    expect_equal(mlflow_predict(model, mtcars[1:4, ]), want, tolerance = 1e-12, info = uri)
  }
  # The downloaded directory is a local model too, with MLmodel naming the logged model.
  local <- trackline:::tl_model_dir(info$model_uri)
  mlmodel <- yaml::read_yaml(file.path(local, "MLmodel"))
  expect_identical(mlmodel$model_id, info$model_id)
  expect_identical(mlmodel$run_id, run_id)
  expect_identical(mlmodel$artifact_path, info$artifact_uri)
  expect_equal(mlflow_predict(mlflow_load_model(local), mtcars[1:4, ]), want, tolerance = 1e-12)
})

test_that("model URIs that name nothing are trackline_errors", {
  local_live()
  for (uri in c("models:/no-such-model-xyz/1", "models:/no-such-model-xyz@champion",
                "models:/m-00000000000000000000000000000000", "runs:/0123456789abcdef0123456789abcdef/model")) {
    err <- expect_error(mlflow_load_model(uri), class = "trackline_error", info = uri)
    expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST", info = uri)
  }
  local_experiment("r-models-missing")
  with(mlflow_start_run(), {
    run_id <- mlflow_id(mlflow_get_run())
    err <- expect_error(mlflow_load_model(paste0("runs:/", run_id, "/nothing")), class = "trackline_error")
    expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
    expect_match(conditionMessage(err), "Unable to find a logged model named 'nothing'")
  })
  expect_error(mlflow_load_model("models:/only-a-name"), class = "trackline_error")
})

test_that("a failed upload leaves the logged model marked LOGGED_MODEL_UPLOAD_FAILED", {
  local_live()
  local_experiment("r-models-failed")
  with(mlflow_start_run(), {
    expect_error(mlflow_log_model(42, "broken"), class = "trackline_error")
    run_id <- mlflow_id(mlflow_get_run())
  })
  run <- tl_api_get_run(run_id = run_id)$run
  found <- tl_api_search_logged_models(experiment_ids = list(run$info$experiment_id))$models
  expect_identical(vapply(found, function(m) m$info$status, ""), "LOGGED_MODEL_UPLOAD_FAILED")
})

test_that("the models example logs, registers, serves and answers curl with no Python on PATH", {
  skip_if_not_installed("httpuv")
  url <- local_live()
  dir <- examples_dir()
  bin <- path_without_python()
  name <- unique_name("example-lm")
  check <- tempfile(fileext = ".R")
  writeLines(c(
    "stopifnot(Sys.which('python3') == '', Sys.which('python') == '', Sys.which('curl') != '')",
    sprintf("source(%s, echo = FALSE)", deparse(file.path(dir, "models.R")))
  ), check)
  out <- system2(file.path(bin, "Rscript"), check, stdout = TRUE, stderr = TRUE,
                 env = c(paste0("PATH=", bin), paste0("MLFLOW_TRACKING_URI=", url),
                         paste0("EXAMPLE_EXPERIMENT=", name), paste0("EXAMPLE_MODEL_NAME=", name),
                         paste0("EXAMPLE_PORT=", tlt_free_port()),
                         paste0("R_LIBS=", paste(.libPaths(), collapse = ":"))))
  status <- attr(out, "status")
  expect_true(is.null(status) || status == 0, info = paste(out, collapse = "\n"))
  answer <- sub("^curl answer: ", "", grep("^curl answer: ", out, value = TRUE))
  expect_length(answer, 1)
  fit <- lm(mpg ~ wt + hp, data = mtcars)
  want <- unname(predict(fit, data.frame(wt = c(2.62, 2.875), hp = c(110, 110))))
  got <- unlist(jsonlite::fromJSON(answer)$predictions)
  expect_equal(got, want, tolerance = 1e-9)
  expect_identical(mlflow_get_model_version_by_alias(name, "champion")$version, "1")
})

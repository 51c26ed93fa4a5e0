# Models without a server: the crate format both ways with MLflow's R package, and the errors.

fixture_dir <- function() test_path("fixtures", "mlflow-r-crate")

# Runs R code in a fresh R process (this package on its library path) and returns its output.
run_r <- function(code, env = character()) {
  file <- tempfile(fileext = ".R")
  writeLines(code, file)
  rscript <- file.path(R.home("bin"), "Rscript")
  out <- system2(rscript, c("--vanilla", file), stdout = TRUE, stderr = TRUE,
                 env = c(paste0("R_LIBS=", paste(.libPaths(), collapse = ":")), env))
  status <- attr(out, "status")
  list(out = out, ok = is.null(status) || status == 0)
}

test_that("a model directory written by MLflow's R package loads and predicts", {
  model <- mlflow_load_model(fixture_dir())
  expect_s3_class(model, "crate")
  expected <- as.numeric(readLines(test_path("fixtures", "mlflow-r-crate-expected.txt")))
  expect_equal(unname(mlflow_predict(model, mtcars[1:3, ])), expected, tolerance = 1e-12)
  expect_equal(unname(mlflow_predict(model, mtcars[1:3, ])),
               unname(predict(lm(mpg ~ wt + hp, data = mtcars), mtcars[1:3, ])), tolerance = 1e-9)
})

test_that("a saved model has every file and field MLflow's R loader reads", {
  # Made as in a script (the global environment around it): the formula inside the fitted
  # model keeps its environment, and one inside this package's tests would need the package.
  made <- local({
    fit <- lm(mpg ~ wt, data = mtcars)
    list(fit = fit, fn = function(df) predict(fit, df))
  }, envir = new.env(parent = globalenv()))
  fit <- made$fit
  dir <- file.path(withr::local_tempdir(), "model")
  spec <- mlflow_save_model(made$fn, dir)
  expect_setequal(list.files(dir), c("MLmodel", "crate.bin"))
  mlmodel <- yaml::read_yaml(file.path(dir, "MLmodel"))
  expect_identical(mlmodel$flavors$crate, list(version = "0.1.0", model = "crate.bin"))
  expect_match(mlmodel$utc_time_created, "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}$")
  expect_match(mlmodel$model_uuid, "^[0-9a-f]{32}$")
  expect_identical(spec$flavors$crate$model, "crate.bin")
  # What MLflow's loader does, in a session without this package: unserialize(readRDS(crate.bin)),
  # then mlflow_predict.crate's do.call(model, list(data)).
  got <- run_r(c(
    sprintf("spec <- yaml::read_yaml(file.path(%s, 'MLmodel'))", deparse(dir)),
    "stopifnot('crate' %in% names(spec$flavors))",
    sprintf("model <- unserialize(readRDS(file.path(%s, spec$flavors$crate$model)))", deparse(dir)),
    "stopifnot(inherits(model, 'crate'), !'trackline' %in% loadedNamespaces())",
    "cat(format(do.call(model, list(mtcars[1:2, ])), digits = 15), sep = '\\n')"
  ))
  expect_true(got$ok, info = paste(got$out, collapse = "\n"))
  expect_equal(as.numeric(got$out), unname(predict(fit, mtcars[1:2, ])), tolerance = 1e-12)
})

test_that("a plain function takes the objects it uses along, helpers included", {
  fit <- lm(mpg ~ wt + hp, data = mtcars)
  offset <- 100
  shift <- function(x) x + offset
  predictor <- function(df) unname(shift(predict(fit, df)))
  dir <- file.path(withr::local_tempdir(), "model")
  mlflow_save_model(predictor, dir)
  got <- run_r(c(
    "library(trackline)",
    sprintf("model <- mlflow_load_model(%s)", deparse(dir)),
    "cat(format(mlflow_predict(model, mtcars[1:2, ]), digits = 15), sep = '\\n')"
  ))
  expect_true(got$ok, info = paste(got$out, collapse = "\n"))
  expect_equal(as.numeric(got$out), unname(predict(fit, mtcars[1:2, ])) + 100, tolerance = 1e-12)
})

test_that("saving, loading and predicting refuse bad input with a trackline_error", {
  dir <- withr::local_tempdir()
  writeLines("x", file.path(dir, "occupied"))
  err <- expect_error(mlflow_save_model(function(df) 1, dir), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_ALREADY_EXISTS")
  expect_match(conditionMessage(err), "not empty")
  err <- expect_error(mlflow_save_model(42, file.path(dir, "m")), class = "trackline_error")
  expect_match(conditionMessage(err), "R function")
  err <- expect_error(mlflow_load_model(file.path(dir, "none")), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  err <- expect_error(mlflow_load_model("s3://bucket/model"), class = "trackline_error")
  expect_match(conditionMessage(err), "Unsupported model URI")

  python <- file.path(dir, "python-model")
  dir.create(python)
  yaml::write_yaml(list(flavors = list(python_function = list(loader_module = "mlflow.sklearn"))),
                   file.path(python, "MLmodel"))
  err <- expect_error(mlflow_load_model(python), class = "trackline_error")
  expect_match(conditionMessage(err), "no flavor R can load.*python_function.*trackline models serve")
  crate <- file.path(dir, "crate-model")
  mlflow_save_model(function(df) 1, crate)
  err <- expect_error(mlflow_load_model(crate, flavor = "keras"), class = "trackline_error")
  expect_match(conditionMessage(err), "no flavor 'keras'")
  unlink(file.path(crate, "crate.bin"))
  err <- expect_error(mlflow_load_model(crate), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  expect_error(mlflow_predict(list(), mtcars), class = "trackline_error")
})

test_that("a signature is written as MLflow writes one", {
  dir <- file.path(withr::local_tempdir(), "model")
  mlflow_save_model(function(df) df$a, dir, signature = list(
    inputs = list(list(name = "a", type = "double"), list(name = "b", type = "long", required = FALSE)),
    params = list(list(name = "k", type = "double", default = 1))
  ))
  sig <- yaml::read_yaml(file.path(dir, "MLmodel"))$signature
  expect_identical(jsonlite::fromJSON(sig$inputs, simplifyVector = FALSE), list(
    list(type = "double", name = "a", required = TRUE), list(type = "long", name = "b", required = FALSE)
  ))
  expect_identical(jsonlite::fromJSON(sig$params, simplifyVector = FALSE),
                   list(list(name = "k", type = "double", default = 1L, shape = NULL)))
  expect_error(mlflow_save_model(function(df) 1, tempfile(), signature = list(inputs = list(list(type = "tensor")))),
               class = "trackline_error")
})

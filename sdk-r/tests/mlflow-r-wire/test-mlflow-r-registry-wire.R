# Every registry request MLflow's R package makes (R/model-registry.R), as it makes it, must
# succeed: versions sent as numbers turned into strings, `archive_existing_versions` as the
# string "TRUE"/"FALSE", the search sent with POST, bodies on PATCH and DELETE. Against a real
# MLflow server (TRACKLINE_TEST_SERVER=mlflow) the two that MLflow itself refuses are checked
# to be refused there.

on_mlflow <- function() identical(Sys.getenv("TRACKLINE_TEST_SERVER"), "mlflow")

test_that("registered model calls are accepted", {
  name <- unique_name("r-wire-model")
  created <- require_accepted(mlflow_r_call("registered-models/create", "POST", data = list(
    name = name, tags = list(list(key = "team", value = "growth")), description = "d"
  )))
  expect_identical(created$registered_model$name, name)
  got <- expect_accepted(mlflow_r_call("registered-models/get", query = list(name = name)))
  expect_identical(got$registered_model$description, "d")
  expect_accepted(mlflow_r_call("registered-models/update", "PATCH",
                                data = list(name = name, description = "e")))
  search <- mlflow_r_call("registered-models/search", "POST", data = list(
    filter = paste0("name = '", name, "'"), max_results = 100, order_by = list("name"),
    page_token = NULL
  ))
  if (on_mlflow()) {
    # MLflow routes this search for GET only, so MLflow's own R package gets a 405 there.
    expect_identical(search$status, 405L)
  } else {
    found <- expect_accepted(search)
    expect_identical(found$registered_models[[1]]$description, "e")
  }
  new_name <- paste0(name, "-b")
  expect_accepted(mlflow_r_call("registered-models/rename", "POST",
                                data = list(name = name, new_name = new_name)))
  expect_accepted(mlflow_r_call("registered-models/delete", "DELETE",
                                data = list(name = new_name)))
  gone <- mlflow_r_call("registered-models/get", query = list(name = new_name))
  expect_identical(gone$status, 404L)
  expect_identical(gone$body$error_code, "RESOURCE_DOES_NOT_EXIST")
})

test_that("model version calls with numbers and logicals as strings are accepted", {
  name <- unique_name("r-wire-versions")
  exp <- require_accepted(mlflow_r_call("experiments/create", "POST",
                                        data = list(name = unique_name("r-wire-registry"))))
  run <- require_accepted(mlflow_r_call("runs/create", "POST", data = list(
    experiment_id = exp$experiment_id, start_time = now_ms()
  )))$run$info
  require_accepted(mlflow_r_call("registered-models/create", "POST", data = list(name = name)))
  for (i in 1:2) {
    require_accepted(mlflow_r_call("model-versions/create", "POST", data = list(
      name = name, source = paste0(run$artifact_uri, "/model", i), run_id = run$run_id,
      run_link = NULL, description = "v"
    )))
  }
  transition <- function(version, archive) {
    mlflow_r_call("model-versions/transition-stage", "POST", data = list(
      name = name, version = version, stage = "Production", archive_existing_versions = archive
    ))
  }
  first <- transition(1, FALSE)
  if (on_mlflow()) {
    # MLflow refuses the strings "TRUE"/"FALSE" its own R package sends for this boolean.
    expect_identical(first$status, 400L)
    expect_identical(first$body$error_code, "INVALID_PARAMETER_VALUE")
  } else {
    expect_accepted(first)
    moved <- expect_accepted(transition(2, TRUE))
    expect_identical(moved$model_version$current_stage, "Production")
    v1 <- expect_accepted(mlflow_r_call("model-versions/get",
                                        query = list(name = name, version = 1)))
    expect_identical(v1$model_version$current_stage, "Archived")
    latest <- expect_accepted(mlflow_r_call("registered-models/get-latest-versions",
                                            query = list(name = name, stages = list("Production"))))
    expect_identical(latest$model_versions[[1]]$version, "2")
  }
  expect_accepted(mlflow_r_call("model-versions/update", "PATCH",
                                data = list(name = name, version = 2, description = "w")))
  expect_accepted(mlflow_r_call("model-versions/set-tag", "POST", data = list(
    name = name, version = 2, key = "score", value = 0.5
  )))
  v2 <- expect_accepted(mlflow_r_call("model-versions/get", query = list(name = name, version = 2)))
  expect_identical(v2$model_version$description, "w")
  expect_identical(v2$model_version$tags[[1]]$value, "0.5")
  expect_accepted(mlflow_r_call("registered-models/alias", "POST",
                                data = list(name = name, alias = "champion", version = 2)))
  by_alias <- expect_accepted(mlflow_r_call("registered-models/alias",
                                            query = list(name = name, alias = "champion")))
  expect_identical(by_alias$model_version$version, "2")
  expect_accepted(mlflow_r_call("model-versions/delete", "DELETE",
                                data = list(name = name, version = 1)))
  expect_accepted(mlflow_r_call("registered-models/delete", "DELETE", data = list(name = name)))
})

# The model registry against a live server.

local_model <- function(prefix = "r-model", env = parent.frame()) {
  name <- unique_name(prefix)
  model <- mlflow_create_registered_model(name, tags = list(team = "growth"),
                                          description = "Predicts churn.")
  withr::defer(try(mlflow_delete_registered_model(model$name), silent = TRUE), envir = env)
  model
}

tag_values <- function(tags) {
  stats::setNames(vapply(tags, function(t) t$value %||% "", ""),
                  vapply(tags, function(t) t$key, ""))
}

`%||%` <- function(x, y) if (is.null(x)) y else x

test_that("registered models are created, read, updated, tagged, renamed and deleted", {
  local_live()
  model <- local_model()
  expect_identical(model$description, "Predicts churn.")
  expect_identical(tag_values(model$tags), c(team = "growth"))
  expect_gt(model$creation_timestamp, 1.6e12)

  got <- mlflow_get_registered_model(model$name)
  expect_identical(got$name, model$name)
  updated <- mlflow_update_registered_model(model$name, "Predicts churn within 30 days.")
  expect_identical(updated$description, "Predicts churn within 30 days.")

  mlflow_set_registered_model_tag(model$name, "owner", "ann")
  mlflow_delete_registered_model_tag(model$name, "team")
  expect_identical(tag_values(mlflow_get_registered_model(model$name)$tags), c(owner = "ann"))

  new_name <- paste0(model$name, "-renamed")
  renamed <- mlflow_rename_registered_model(model$name, new_name)
  expect_identical(renamed$name, new_name)
  err <- expect_error(mlflow_get_registered_model(model$name), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  expect_identical(err$http_status, 404L)

  mlflow_delete_registered_model(new_name)
  err <- expect_error(mlflow_get_registered_model(new_name), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  dup <- local_model()
  err <- expect_error(mlflow_create_registered_model(dup$name), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_ALREADY_EXISTS")
})

test_that("search returns every page, or one page from a token", {
  local_live()
  prefix <- unique_name("r-search")
  for (i in 1:5) local_model(paste0(prefix, "-", i))
  withr::local_options(trackline.search_page_size = 2)
  filter <- paste0("name LIKE '", prefix, "%'")
  all <- mlflow_search_registered_models(filter = filter, order_by = list("name DESC"))
  names <- vapply(all$registered_models, function(m) m$name, "")
  expect_length(names, 5)
  expect_identical(names, sort(names, decreasing = TRUE))
  expect_null(all$next_page_token)

  first <- mlflow_search_registered_models(filter = filter, max_results = 3, order_by = "name")
  expect_length(first$registered_models, 3)
  expect_type(first$next_page_token, "character")
  rest <- mlflow_search_registered_models(filter = filter, max_results = 10, order_by = "name",
                                          page_token = first$next_page_token)
  rest_names <- vapply(rest$registered_models, function(m) m$name, "")
  expect_identical(c(vapply(first$registered_models, function(m) m$name, ""), rest_names),
                   sort(names))
})

test_that("versions are created with tags, staged, searched, tagged and deleted", {
  local_live()
  exp_id <- local_experiment()
  run <- mlflow_start_run()
  mlflow_end_run()
  model <- local_model()
  v1 <- mlflow_create_model_version(model$name, paste0(run$artifact_uri, "/model"),
                                    run_id = run$run_id, tags = list(validated = "false"),
                                    description = "baseline")
  expect_identical(v1$version, "1")
  expect_identical(v1$current_stage, "None")
  expect_identical(v1$run_id, run$run_id)
  expect_identical(tag_values(v1$tags), c(validated = "false"))
  v2 <- mlflow_create_model_version(model$name, paste0(run$artifact_uri, "/model2"),
                                    run_id = run$run_id)
  expect_identical(v2$version, "2")

  staged <- mlflow_transition_model_version_stage(model$name, 1, "Production")
  expect_identical(staged$current_stage, "Production")
  mlflow_transition_model_version_stage(model$name, "2", "Production",
                                        archive_existing_versions = TRUE)
  expect_identical(mlflow_get_model_version(model$name, 1)$current_stage, "Archived")
  latest <- mlflow_get_latest_versions(model$name, stages = list("Production"))
  expect_identical(vapply(latest, function(v) v$version, ""), "2")
  expect_setequal(vapply(mlflow_get_latest_versions(model$name), function(v) v$current_stage, ""),
                  c("Production", "Archived"))
  expect_length(mlflow_get_latest_versions(model$name, stages = "Staging"), 0)

  updated <- mlflow_update_model_version(model$name, 2, "challenger")
  expect_identical(updated$description, "challenger")
  expect_identical(mlflow_get_model_version_download_uri(model$name, 2),
                   paste0(run$artifact_uri, "/model2"))

  mlflow_set_model_version_tag(model$name, key = "live", value = "yes", stage = "Production")
  mlflow_set_model_version_tag(model$name, 1, "validated", "true")
  mlflow_delete_model_version_tag(model$name, 1, "validated")
  expect_identical(tag_values(mlflow_get_model_version(model$name, 2)$tags), c(live = "yes"))
  expect_length(mlflow_get_model_version(model$name, 1)$tags, 0)

  found <- mlflow_search_model_versions(paste0("name = '", model$name, "'"))
  expect_identical(vapply(found$model_versions, function(v) v$version, ""), c("2", "1"))
  by_run <- mlflow_search_model_versions(paste0("run_id = '", run$run_id, "'"), max_results = 1)
  expect_length(by_run$model_versions, 1)

  mlflow_delete_model_version(model$name, 1)
  err <- expect_error(mlflow_get_model_version(model$name, 1), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  v3 <- mlflow_create_model_version(model$name, paste0(run$artifact_uri, "/model3"),
                                    run_id = run$run_id)
  expect_identical(v3$version, "3")
})

test_that("aliases point at versions, move and are removed", {
  local_live()
  local_experiment()
  run <- mlflow_start_run()
  mlflow_end_run()
  model <- local_model()
  for (i in 1:2) {
    mlflow_create_model_version(model$name, paste0(run$artifact_uri, "/m", i), run_id = run$run_id)
  }
  mlflow_set_registered_model_alias(model$name, "champion", 1)
  expect_identical(mlflow_get_model_version_by_alias(model$name, "champion")$version, "1")
  mlflow_set_registered_model_alias(model$name, "champion", "2")
  mv <- mlflow_get_model_version_by_alias(model$name, "champion")
  expect_identical(mv$version, "2")
  expect_identical(unlist(mv$aliases), "champion")
  aliases <- mlflow_get_registered_model(model$name)$aliases
  expect_identical(aliases, list(list(alias = "champion", version = "2")))
  mlflow_delete_registered_model_alias(model$name, "champion")
  expect_error(mlflow_get_model_version_by_alias(model$name, "champion"),
               class = "trackline_error")
  expect_length(mlflow_get_registered_model(model$name)$aliases, 0)
})

# Against a live server (see helper-server.R).

test_that("experiments are created, read, tagged, renamed, deleted and restored", {
  local_live()
  name <- unique_name("exp")
  id <- mlflow_create_experiment(name, tags = list(team = "growth", n = 3))
  expect_type(id, "character")

  exp <- mlflow_get_experiment(experiment_id = id)
  expect_s3_class(exp, "mlflow_experiment")
  expect_identical(exp$name, name)
  expect_identical(exp$lifecycle_stage, "active")
  expect_s3_class(exp$creation_time, "POSIXct")
  expect_lt(abs(as.numeric(exp$creation_time) - as.numeric(Sys.time())), 600)
  tags <- exp$tags[[1]]
  expect_identical(tags$value[match(c("team", "n"), tags$key)], c("growth", "3"))
  expect_identical(mlflow_id(mlflow_get_experiment(name = name)), id)

  mlflow_set_experiment_tag("stage", "beta", experiment_id = id)
  tags <- mlflow_get_experiment(id)$tags[[1]]
  expect_identical(tags$value[tags$key == "stage"], "beta")

  new_name <- unique_name("renamed")
  mlflow_rename_experiment(new_name, experiment_id = id)
  expect_identical(mlflow_get_experiment(id)$name, new_name)

  mlflow_delete_experiment(id)
  expect_identical(mlflow_get_experiment(id)$lifecycle_stage, "deleted")
  mlflow_restore_experiment(id)
  expect_identical(mlflow_get_experiment(id)$lifecycle_stage, "active")
})

test_that("server errors are trackline_errors with the server's code and status", {
  local_live()
  name <- unique_name("dup")
  mlflow_create_experiment(name)
  err <- expect_error(mlflow_create_experiment(name), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_ALREADY_EXISTS")
  expect_identical(err$http_status, 400L)
  err <- expect_error(mlflow_get_experiment(name = unique_name("missing")),
                      class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  expect_identical(err$http_status, 404L)
  err <- expect_error(mlflow_get_experiment("987654321"), class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
})

test_that("mlflow_set_experiment activates an experiment, creating it when missing", {
  local_live()
  name <- unique_name("set")
  id <- mlflow_set_experiment(name)
  expect_identical(mlflow_get_experiment()$name, name)
  expect_identical(mlflow_set_experiment(name), id)
  expect_identical(mlflow_set_experiment(experiment_id = id), id)
  run <- mlflow_start_run()
  expect_identical(run$experiment_id, id)
  mlflow_end_run()
  expect_error(mlflow_delete_experiment(id), "active", class = "trackline_error")
})

test_that("mlflow_search_experiments filters, orders and pages", {
  local_live()
  prefix <- unique_name("search")
  ids <- vapply(1:3, function(i) mlflow_create_experiment(paste0(prefix, "-", i)), "")
  filter <- paste0("name LIKE '", prefix, "%'")
  all <- mlflow_search_experiments(filter = filter, order_by = "name DESC")
  expect_identical(all$experiments$name, paste0(prefix, "-", 3:1))
  expect_null(all$next_page_token)
  page1 <- mlflow_search_experiments(filter = filter, order_by = list("name ASC"),
                                     max_results = 2)
  expect_identical(page1$experiments$experiment_id, ids[1:2])
  expect_type(page1$next_page_token, "character")
  page2 <- mlflow_search_experiments(filter = filter, order_by = list("name ASC"),
                                     max_results = 2, page_token = page1$next_page_token)
  expect_identical(page2$experiments$experiment_id, ids[3])
  mlflow_delete_experiment(ids[2])
  deleted <- mlflow_search_experiments(filter = filter, experiment_view_type = "DELETED_ONLY")
  expect_identical(deleted$experiments$experiment_id, ids[2])
  expect_identical(nrow(mlflow_search_experiments(filter = filter, experiment_view_type = "ALL")$experiments), 3L)
})

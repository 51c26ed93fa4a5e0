test_that("mlflow_search_runs returns every page, or max_results, or one page", {
  local_live()
  exp_id <- local_experiment()
  for (i in 1:7) {
    with(mlflow_start_run(), {
      mlflow_log_metric("rmse", i / 10)
      mlflow_log_param("i", i)
    })
  }
  withr::local_options(trackline.search_page_size = 3)
  all <- mlflow_search_runs(experiment_ids = exp_id, order_by = "metrics.rmse DESC")
  expect_identical(nrow(all), 7L)
  expect_identical(vapply(all$metrics, function(m) m$value, 0), (7:1) / 10)
  expect_null(attr(all, "next_page_token"))
  expect_s3_class(all$start_time, "POSIXct")

  five <- mlflow_search_runs(experiment_ids = exp_id, order_by = "metrics.rmse ASC",
                             max_results = 5)
  expect_identical(nrow(five), 5L)
  expect_identical(vapply(five$params, function(p) p$value, ""), as.character(1:5))
  expect_type(attr(five, "next_page_token"), "character")
  rest <- mlflow_search_runs(experiment_ids = exp_id, order_by = "metrics.rmse ASC",
                             page_token = attr(five, "next_page_token"))
  expect_identical(vapply(rest$params, function(p) p$value, ""), c("6", "7"))

  few <- mlflow_search_runs(filter = "metrics.rmse < 0.25 and params.i != '1'",
                            experiment_ids = exp_id)
  expect_identical(vapply(few$params, function(p) p$value, ""), "2")
})

test_that("mlflow_search_runs searches the active experiment and filters by view", {
  local_live()
  exp_id <- local_experiment()
  empty <- mlflow_search_runs()
  expect_identical(nrow(empty), 0L)
  expect_true(all(c("run_id", "metrics", "params", "tags") %in% names(empty)))
  a <- mlflow_start_run()
  mlflow_end_run()
  b <- mlflow_start_run()
  mlflow_end_run()
  mlflow_delete_run(b$run_id)
  expect_identical(mlflow_search_runs()$run_id, a$run_id)
  expect_identical(mlflow_search_runs(run_view_type = "DELETED_ONLY")$run_id, b$run_id)
  expect_setequal(mlflow_search_runs(run_view_type = "ALL")$run_id, c(a$run_id, b$run_id))
  other <- mlflow_create_experiment(unique_name("other"))
  c_run <- mlflow_start_run(experiment_id = other, client = mlflow_client())
  both <- mlflow_search_runs(experiment_ids = c(exp_id, other))
  expect_setequal(both$run_id, c(a$run_id, c_run$run_id))
})

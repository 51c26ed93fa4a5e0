test_that("every operation has an exported function with `client` last", {
  ops <- tl_api_operations()
  expect_gt(nrow(ops), 0)
  expect_false(anyDuplicated(ops$operation_id) > 0)
  exports <- getNamespaceExports("trackline")
  for (i in seq_len(nrow(ops))) {
    expect_true(ops$fun[i] %in% exports, info = ops$fun[i])
    args <- names(formals(getExportedValue("trackline", ops$fun[i])))
    expect_identical(utils::tail(args, 2), c("...", "client"), info = ops$fun[i])
  }
})

test_that("the operation table holds the spec's methods and paths", {
  ops <- tl_api_operations()
  expect_true(all(c("createRun", "logBatch", "searchRuns", "getMetricHistory") %in%
                    ops$operation_id))
  expect_identical(ops$method[ops$operation_id == "getRun"], "GET")
  expect_identical(ops$path[ops$operation_id == "logBatch"], "/api/2.0/mlflow/runs/log-batch")
})

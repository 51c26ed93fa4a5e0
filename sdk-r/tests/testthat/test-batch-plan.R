plan_sizes <- function(plan) {
  size <- function(r) if (is.null(r)) 0 else r[2] - r[1] + 1
  t(vapply(plan, function(b) c(m = size(b$metrics), p = size(b$params), t = size(b$tags)),
           c(m = 0, p = 0, t = 0)))
}

test_that("a small batch is one request", {
  plan <- trackline:::tl_batch_plan(10, 5, 2)
  expect_length(plan, 1)
  expect_identical(plan[[1]], list(metrics = c(1, 10), params = c(1, 5), tags = c(1, 2)))
})

test_that("batches respect every limit and cover every entry once, in order", {
  cases <- list(c(2500, 0, 0), c(0, 250, 0), c(0, 0, 101), c(999, 100, 100), c(3001, 201, 150),
                c(1000, 1, 0), c(0, 0, 0))
  for (n in cases) {
    plan <- trackline:::tl_batch_plan(n[1], n[2], n[3])
    if (sum(n) == 0) {
      expect_length(plan, 0)
      next
    }
    sizes <- plan_sizes(plan)
    expect_true(all(sizes[, "m"] <= 1000))
    expect_true(all(sizes[, "p"] <= 100))
    expect_true(all(sizes[, "t"] <= 100))
    expect_true(all(rowSums(sizes) <= 1000))
    expect_true(all(rowSums(sizes) > 0))
    expect_equal(colSums(sizes), c(m = n[1], p = n[2], t = n[3]))
    for (kind in c("metrics", "params", "tags")) {
      ranges <- Filter(Negate(is.null), lapply(plan, `[[`, kind))
      covered <- unlist(lapply(ranges, function(r) seq(r[1], r[2])))
      expect_identical(as.numeric(covered), as.numeric(seq_len(n[match(kind, c("metrics", "params", "tags"))])))
    }
  }
})

test_that("2500 metrics with 150 params take three requests", {
  sizes <- plan_sizes(trackline:::tl_batch_plan(2500, 150, 0))
  expect_identical(unname(sizes[, "p"]), c(100, 50, 0))
  expect_identical(unname(sizes[, "m"]), c(900, 950, 650))
})

test_that("log_batch checks its data frames before sending anything", {
  withr::local_options(trackline.max_retries = 0)
  client <- mlflow_client("http://127.0.0.1:9")
  expect_error(mlflow_log_batch(metrics = data.frame(k = 1), run_id = "r", client = client),
               class = "trackline_error")
  expect_error(mlflow_log_batch(metrics = data.frame(key = "a", value = NA_real_), run_id = "r",
                                client = client),
               "missing", class = "trackline_error")
  expect_error(mlflow_log_batch(params = data.frame(key = "a", value = NA), run_id = "r",
                                client = client),
               "missing", class = "trackline_error")
})

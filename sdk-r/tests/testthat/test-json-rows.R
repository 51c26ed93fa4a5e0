# Data frames are encoded column by column (json-rows.R); the result must read back as the row
# lists of tl_rows() do.

rows_via_lists <- function(df) {
  jsonlite::parse_json(as.character(jsonlite::toJSON(
    trackline:::tl_prepare_json(trackline:::tl_rows(df)),
    auto_unbox = TRUE, json_verbatim = TRUE, null = "null", na = "null", digits = NA
  )))
}

test_that("every kind of column reads back as the row-by-row encoding does", {
  df <- data.frame(
    key = c("a", "b\"q\\\n\t\001\037é/", NA, "x"),
    value = c(1.5, NaN, Inf, 0.1 + 0.2),
    step = c(1, NA, -Inf, 1e18),
    n = c(NA, 3L, -2L, 0L),
    ok = c(TRUE, NA, FALSE, TRUE),
    level = factor(c("x", NA, "y", "x")),
    at = .POSIXct(c(1700000000.123, NA, 0, 1)),
    stringsAsFactors = FALSE
  )
  got <- jsonlite::parse_json(tl_to_json(df))
  expect_identical(got, rows_via_lists(df))
  expect_identical(got[[2]]$key, "b\"q\\\n\t\001\037é/")
  expect_identical(got[[2]]$value, "NaN")
  expect_null(got[[2]]$step)
  expect_identical(got[[1]]$at, 1700000000123)
})

test_that("a data frame with no rows is an empty array, one with no columns empty objects", {
  expect_identical(tl_to_json(list(m = data.frame(key = character()))), "{\"m\":[]}")
  expect_identical(tl_to_json(list(m = data.frame(row.names = 1:2))), "{\"m\":[{},{}]}")
})

test_that("a list column falls back to the row-by-row encoding", {
  df <- data.frame(key = c("a", "b"))
  df$tags <- list(list(k = "v"), list())
  expect_null(trackline:::tl_rows_json(df))
  expect_identical(tl_to_json(list(d = df)), "{\"d\":[{\"key\":\"a\",\"tags\":{\"k\":\"v\"}},{\"key\":\"b\",\"tags\":[]}]}")
})

test_that("a 1000-row metric batch is encoded exactly, each timestamp a whole number", {
  n <- 1000
  df <- data.frame(key = "loss", value = seq_len(n) / 7, timestamp = 1700000000000 + seq_len(n),
                   step = seq_len(n))
  json <- tl_to_json(list(metrics = df))
  expect_false(grepl("e+", json, fixed = TRUE))
  back <- jsonlite::parse_json(json, simplifyVector = TRUE)$metrics
  expect_identical(back$value, seq_len(n) / 7)
  expect_identical(back$timestamp, 1700000000000 + seq_len(n))
})

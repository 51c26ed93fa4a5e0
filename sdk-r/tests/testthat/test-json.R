test_that("numbers are JSON numbers that read back exactly", {
  x <- c(0.1 + 0.2, 1 / 3, 1e-20, -2.5e300, 123456.789, 5e-324)
  json <- tl_to_json(list(v = x))
  expect_false(grepl("\"[0-9]", json))
  expect_identical(unlist(jsonlite::parse_json(json)$v), x)
  expect_identical(tl_to_json(list(value = 0.1 + 0.2)), "{\"value\":0.30000000000000004}")
})

test_that("whole numbers, 64-bit timestamps included, have no exponent", {
  expect_identical(
    tl_to_json(list(timestamp = 1700000000000, step = 100000, n = 3L, neg = -42)),
    "{\"timestamp\":1700000000000,\"step\":100000,\"n\":3,\"neg\":-42}"
  )
  expect_identical(tl_to_json(list(big = 2^53)), "{\"big\":9007199254740992}")
})

test_that("non-finite numbers travel as MLflow's strings", {
  expect_identical(tl_to_json(list(a = NaN, b = Inf, c = -Inf)),
                   "{\"a\":\"NaN\",\"b\":\"Infinity\",\"c\":\"-Infinity\"}")
})

test_that("logicals are JSON booleans and NA is null", {
  expect_identical(tl_to_json(list(a = TRUE, b = FALSE, c = NA)),
                   "{\"a\":true,\"b\":false,\"c\":null}")
})

test_that("lists are arrays, named lists objects, data frames arrays of rows", {
  expect_identical(tl_to_json(list(ids = list("1"))), "{\"ids\":[\"1\"]}")
  expect_identical(tl_to_json(list(ids = c("1", "2"))), "{\"ids\":[\"1\",\"2\"]}")
  expect_identical(tl_to_json(structure(list(), names = character())), "{}")
  df <- data.frame(key = c("a", "b"), value = c(1.5, NaN), step = c(1, NA))
  expect_identical(
    tl_to_json(list(metrics = df)),
    "{\"metrics\":[{\"key\":\"a\",\"value\":1.5,\"step\":1},{\"key\":\"b\",\"value\":\"NaN\"}]}"
  )
})

test_that("POSIXct values become milliseconds since the epoch", {
  t <- .POSIXct(1700000000.123)
  expect_identical(tl_to_json(list(t = t)), "{\"t\":1700000000123}")
})

test_that("array fields stay arrays whatever their length", {
  expect_identical(trackline:::tl_array("1"), list("1"))
  expect_identical(trackline:::tl_array(c("1", "2")), list("1", "2"))
  expect_identical(trackline:::tl_array(list(list(key = "a"))), list(list(key = "a")))
  expect_null(trackline:::tl_array(NULL))
})

test_that("param and tag values are written in full", {
  f <- trackline:::tl_as_value_string
  expect_identical(f(100000), "100000")
  expect_identical(f(0.1), "0.1")
  expect_identical(f(0.1 + 0.2), "0.30000000000000004")
  expect_identical(f(TRUE), "TRUE")
  expect_identical(f(NA), "NA")
  expect_identical(f(factor("x")), "x")
})

# Tests that need a tracking server skip here unless TRACKLINE_TEST_URL or TRACKLINE_BIN is set;
# `make test-r` runs them all against a live server after R CMD check (tools/run-live-tests.R).
library(testthat)
library(trackline)

test_check("trackline")

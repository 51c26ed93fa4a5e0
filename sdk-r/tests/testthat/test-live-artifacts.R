# Artifacts through the server's artifact proxy, round trip against a live server.

# A local directory tree: nested directories, an empty file, a name with a space.
make_tree <- function(root) {
  dir.create(file.path(root, "data", "nested", "deeper"), recursive = TRUE)
  writeLines("hello, artifacts", file.path(root, "README.txt"))
  writeLines(c("a,b", "1,2"), file.path(root, "data", "table 1.csv"))
  writeBin(as.raw(0:255), file.path(root, "data", "nested", "bytes.bin"))
  file.create(file.path(root, "data", "nested", "deeper", "empty.txt"))
  root
}

tree_checksums <- function(root) {
  files <- sort(list.files(root, recursive = TRUE, all.files = TRUE))
  stats::setNames(unname(tools::md5sum(file.path(root, files))), files)
}

test_that("a directory tree is logged, listed and downloaded unchanged", {
  local_live()
  local_experiment()
  src <- make_tree(withr::local_tempdir())
  run <- mlflow_start_run()
  expect_match(run$artifact_uri, "^mlflow-artifacts:")
  listed <- mlflow_log_artifact(src, artifact_path = "inputs")
  expect_s3_class(listed, "tbl_df")
  expect_identical(listed$path, c("inputs/README.txt", "inputs/data"))
  expect_identical(listed$is_dir, c(FALSE, TRUE))
  expect_identical(listed$file_size, c(17, NA))

  root <- mlflow_list_artifacts()
  expect_identical(root$path, "inputs")
  expect_match(attr(root, "root_uri"), paste0(run$run_id, "/artifacts$"))
  nested <- mlflow_list_artifacts("inputs/data/nested")
  expect_identical(nested$path, c("inputs/data/nested/bytes.bin", "inputs/data/nested/deeper"))
  expect_identical(nested$file_size, c(256, NA))

  dst <- withr::local_tempdir()
  got <- mlflow_download_artifacts("inputs", dst_path = dst)
  expect_identical(got, file.path(normalizePath(dst), "inputs"))
  expect_identical(tree_checksums(got), tree_checksums(src))

  one <- mlflow_download_artifacts("inputs/data/table 1.csv")
  expect_identical(readLines(one), c("a,b", "1,2"))
  expect_match(one, "inputs/data/table 1.csv$")
  whole <- mlflow_download_artifacts("")
  expect_identical(tree_checksums(file.path(whole, "inputs")), tree_checksums(src))
  mlflow_end_run()
})

test_that("a single file goes under artifact_path; logging again replaces it", {
  local_live()
  local_experiment()
  client <- mlflow_client()
  run <- mlflow_start_run(client = client)
  dir <- withr::local_tempdir()
  f <- file.path(dir, "notes.txt")
  writeLines("first", f)
  mlflow_log_artifact(f, run_id = run$run_id, client = client)
  writeLines("second", f)
  listed <- mlflow_log_artifact(f, "docs/v1", run_id = run$run_id, client = client)
  expect_identical(listed$path, "docs/v1/notes.txt")
  expect_null(trackline:::tl_active_run_id())
  mlflow_log_artifact(f, run_id = run$run_id, client = client)
  expect_identical(mlflow_list_artifacts(run_id = run$run_id, client = client)$path,
                   c("docs", "notes.txt"))
  got <- mlflow_download_artifacts("notes.txt", run_id = run$run_id, client = client)
  expect_identical(readLines(got), "second")
  expect_identical(nrow(mlflow_list_artifacts("notes.txt", run_id = run$run_id, client = client)), 0L)
  expect_identical(nrow(mlflow_list_artifacts("nothing", run_id = run$run_id, client = client)), 0L)
  err <- expect_error(mlflow_download_artifacts("missing.txt", run_id = run$run_id,
                                                client = client),
                      class = "trackline_error")
  expect_identical(err$error_code, "RESOURCE_DOES_NOT_EXIST")
  expect_identical(err$http_status, 404L)
})

test_that("a 50 MB file is streamed up and down with the same checksum", {
  local_live()
  local_experiment()
  dir <- withr::local_tempdir()
  big <- file.path(dir, "weights.bin")
  con <- file(big, "wb")
  for (i in 1:50) writeBin(as.raw(sample.int(256, 2^20, replace = TRUE) - 1L), con)
  close(con)
  expect_identical(file.size(big), 50 * 2^20)
  run <- mlflow_start_run()
  listed <- mlflow_log_artifact(big, artifact_path = "model")
  expect_identical(listed$file_size, 50 * 2^20)
  got <- mlflow_download_artifacts("model/weights.bin", dst_path = file.path(dir, "down"))
  expect_identical(unname(tools::md5sum(got)), unname(tools::md5sum(big)))
  expect_identical(list.files(dirname(got)), "weights.bin")
  mlflow_end_run()
})

test_that("the low-level proxy calls upload, list, download and delete", {
  local_live()
  client <- mlflow_client()
  base <- unique_name("r-proxy")
  tl_api_upload_artifact(paste0(base, "/a b/c.txt"), body = "proxy bytes", client = client)
  tl_api_upload_artifact(paste0(base, "/raw.bin"), body = as.raw(c(0, 1, 255)), client = client)
  expect_identical(tl_api_download_artifact(paste0(base, "/raw.bin"), client = client),
                   as.raw(c(0, 1, 255)))
  expect_identical(rawToChar(tl_api_download_artifact(paste0(base, "/a b/c.txt"), client = client)),
                   "proxy bytes")
  listing <- tl_api_list_artifacts_proxy(path = base, client = client)
  paths <- vapply(listing$files, function(f) f$path, "")
  expect_setequal(paths, c("a b", "raw.bin"))
  tl_api_delete_artifact(base, client = client)
  expect_length(tl_api_list_artifacts_proxy(path = base, client = client)$files, 0)
  err <- expect_error(tl_api_upload_artifact("x/../../escape.txt", body = "no", client = client),
                      class = "trackline_error")
  expect_identical(err$error_code, "INVALID_PARAMETER_VALUE")
})

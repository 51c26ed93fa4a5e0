# Run artifacts over the server's artifact proxy (`/api/2.0/mlflow-artifacts/artifacts/...`):
# files are streamed from and to disk, never held in memory, and nothing needs Python.

# Joins path pieces with single slashes, dropping empty pieces and outer slashes.
tl_join_path <- function(...) {
  parts <- unlist(lapply(list(...), function(p) if (is.null(p)) character() else as.character(p)))
  parts <- gsub("^/+|/+$", "", parts)
  paste(parts[nzchar(parts)], collapse = "/")
}

# A run-relative artifact path as given by the user: "" for the root.
tl_artifact_rel_path <- function(path, what = "path") {
  if (is.null(path)) return("")
  if (!is.character(path) || length(path) != 1 || is.na(path)) {
    tl_abort("`", what, "` must be a single string")
  }
  path <- gsub("\\\\", "/", path)
  path <- gsub("/+", "/", path)
  path <- sub("^\\./", "", path)
  if (path == ".") path <- ""
  gsub("^/+|/+$", "", path)
}

# Where a run's artifacts are on the proxy: the client to talk to and the proxy path of the
# run's artifact root. `mlflow-artifacts:/<exp>/<run>/artifacts` maps onto
# `<tracking uri>/api/2.0/mlflow-artifacts/artifacts/<exp>/<run>/artifacts`; a URI with a host
# (`mlflow-artifacts://host:port/...`) names a separate artifact server, reached with the
# tracking URI's scheme.
tl_artifact_location <- function(artifact_uri, client) {
  if (is.null(artifact_uri) || !grepl("^mlflow-artifacts:", artifact_uri)) {
    tl_abort(
      "The run's artifacts are at '", artifact_uri, "', which is not served by the tracking ",
      "server: artifacts are read and written through the server's artifact proxy ",
      "(mlflow-artifacts:/ locations, the default of `trackline server` and of ",
      "`mlflow server` with artifact serving on)."
    )
  }
  rest <- sub("^mlflow-artifacts:", "", artifact_uri)
  if (startsWith(rest, "//")) {
    authority <- sub("^//([^/]*).*$", "\\1", rest)
    rest <- sub("^//[^/]*", "", rest)
    if (nzchar(authority)) {
      scheme <- sub("^([A-Za-z][A-Za-z0-9+.-]*)://.*$", "\\1", client$tracking_uri)
      client <- mlflow_client(paste0(scheme, "://", authority))
    }
  }
  list(client = client, root = tl_join_path(rest))
}

tl_run_artifact_location <- function(run_id, client) {
  run <- tl_api_get_run(run_id = run_id, client = client)$run
  tl_artifact_location(run$info$artifact_uri, client)
}

tl_proxy_url_path <- function(path) {
  paste0("/api/2.0/mlflow-artifacts/artifacts/", tl_path_value(path, "path", multi_segment = TRUE))
}

# The run for a reading call: `run_id`, else the active run (an error when there is none).
tl_reading_client_and_run_id <- function(client, run_id) {
  if (is.null(run_id)) {
    if (!is.null(client)) tl_abort("`run_id` must be specified when `client` is specified.")
    run_id <- tl_active_run_id()
    if (is.null(run_id)) tl_abort("There is no active run; give `run_id`.")
  }
  list(client = tl_resolve_client(client), run_id = tl_run_id_arg(run_id))
}

#' Log an artifact
#'
#' Uploads a local file, or every file of a local directory tree, to the run's artifacts
#' through the tracking server's artifact proxy. Files are streamed from disk, so their size
#' is not limited by memory. A file goes to `<artifact_path>/<file name>`; a directory's
#' contents go below `artifact_path` (the directory's own name is not kept), as in MLflow.
#' An existing artifact at the same path is replaced.
#'
#' Without `run_id` and `client`, logs to the active run, starting one if there is none.
#' `options(trackline.progress = TRUE)` reports each file's progress on stderr.
#'
#' @param path A local file or directory.
#' @param artifact_path The directory within the run's artifacts to put it in; the root by
#'   default.
#' @param run_id The run; by default the active run.
#' @param client An `mlflow_client` (then `run_id` is required).
#' @return The listing of `artifact_path` after the upload (see [mlflow_list_artifacts()]),
#'   invisibly.
#' @examples
#' \dontrun{
#' mlflow_log_artifact("plots/roc.png", artifact_path = "plots")
#' mlflow_log_artifact("model-dir", artifact_path = "model")
#' }
#' @family artifacts
#' @export
mlflow_log_artifact <- function(path, artifact_path = NULL, run_id = NULL, client = NULL) {
  if (!is.character(path) || length(path) != 1 || is.na(path) || !file.exists(path)) {
    tl_abort("`path` must be an existing local file or directory, not ", deparse(path))
  }
  artifact_path <- tl_artifact_rel_path(artifact_path, "artifact_path")
  target <- tl_resolve_client_and_run_id(client, run_id)
  where <- tl_run_artifact_location(target$run_id, target$client)
  prefix <- tl_join_path(where$root, artifact_path)
  if (dir.exists(path)) {
    files <- sort(list.files(path, recursive = TRUE, all.files = TRUE, no.. = TRUE))
    files <- files[!dir.exists(file.path(path, files))]
    for (f in files) {
      tl_transfer("PUT", tl_proxy_url_path(tl_join_path(prefix, f)),
                  upload_file = file.path(path, f), client = where$client)
    }
  } else {
    tl_transfer("PUT", tl_proxy_url_path(tl_join_path(prefix, basename(path))),
                upload_file = path, client = where$client)
  }
  invisible(mlflow_list_artifacts(artifact_path, run_id = target$run_id, client = target$client))
}

tl_list_run_artifacts <- function(rel, run_id, client) {
  files <- list()
  token <- NULL
  root_uri <- NULL
  repeat {
    res <- tl_api_list_artifacts(run_id = run_id, path = if (nzchar(rel)) rel,
                                 page_token = token, client = client)
    root_uri <- res$root_uri %||% root_uri
    files <- c(files, res$files %||% list())
    token <- res$next_page_token
    if (is.null(token) || !nzchar(token)) break
  }
  out <- tibble::tibble(
    path = tl_chr(files, "path"),
    is_dir = vapply(files, function(f) isTRUE(f$is_dir), TRUE),
    file_size = vapply(files, function(f) {
      if (isTRUE(f$is_dir)) NA_real_ else as.numeric(f$file_size %||% 0)
    }, 0)
  )
  attr(out, "root_uri") <- root_uri
  out
}

#' List a run's artifacts
#'
#' Lists one directory of the run's artifacts (the root by default), fetching every page.
#'
#' @param path A directory within the run's artifacts; the root by default.
#' @param run_id The run; by default the active run.
#' @param client An `mlflow_client` (then `run_id` is required).
#' @return A tibble with columns `path` (relative to the run's artifact root), `is_dir` and
#'   `file_size` (bytes; `NA` for directories). Its attribute `root_uri` is the run's artifact
#'   URI. A path that is a file or does not exist gives no rows.
#' @examples
#' \dontrun{
#' mlflow_list_artifacts("plots", run_id = "9f1c3a5e0d6b4c2a8e7f6d5c4b3a2910")
#' }
#' @family artifacts
#' @export
mlflow_list_artifacts <- function(path = NULL, run_id = NULL, client = NULL) {
  target <- tl_reading_client_and_run_id(client, run_id)
  tl_list_run_artifacts(tl_artifact_rel_path(path), target$run_id, target$client)
}

#' Download artifacts
#'
#' Downloads a file, or a directory with everything below it, from the run's artifacts through
#' the tracking server's artifact proxy. Files are streamed to disk (each is written under a
#' temporary name and renamed when complete). A path with entries below it is a directory;
#' `""` is the whole artifact root.
#'
#' @param path The artifact's path within the run's artifacts.
#' @param run_id The run; by default the active run.
#' @param client An `mlflow_client` (then `run_id` is required).
#' @param dst_path A local directory to download into (created if needed); a new temporary
#'   directory by default. The artifact keeps its path below it.
#' @return The local path of the downloaded file or directory.
#' @examples
#' \dontrun{
#' model_dir <- mlflow_download_artifacts("model", run_id = "9f1c3a5e0d6b4c2a8e7f6d5c4b3a2910")
#' }
#' @family artifacts
#' @export
mlflow_download_artifacts <- function(path, run_id = NULL, client = NULL, dst_path = NULL) {
  rel <- tl_artifact_rel_path(path)
  target <- tl_reading_client_and_run_id(client, run_id)
  where <- tl_run_artifact_location(target$run_id, target$client)
  if (is.null(dst_path)) dst_path <- tempfile("mlflow-artifacts-")
  dir.create(dst_path, recursive = TRUE, showWarnings = FALSE)
  dst_path <- normalizePath(dst_path)

  fetch_file <- function(rel_file) {
    # Paths come from the server: none may climb out of dst_path.
    if (any(strsplit(rel_file, "/", fixed = TRUE)[[1]] %in% c("..", "."))) {
      tl_abort("Refusing to download the artifact '", rel_file, "': its path leaves the ",
               "destination directory")
    }
    tl_transfer("GET", tl_proxy_url_path(tl_join_path(where$root, rel_file)),
                dest_file = file.path(dst_path, rel_file), client = where$client)
  }
  fetch_dir <- function(rel_dir, listing) {
    dir.create(file.path(dst_path, rel_dir), recursive = TRUE, showWarnings = FALSE)
    for (i in seq_len(nrow(listing))) {
      entry <- listing$path[i]
      if (listing$is_dir[i]) {
        fetch_dir(entry, tl_list_run_artifacts(entry, target$run_id, target$client))
      } else {
        fetch_file(entry)
      }
    }
  }

  listing <- tl_list_run_artifacts(rel, target$run_id, target$client)
  if (nrow(listing) > 0 || !nzchar(rel)) {
    fetch_dir(rel, listing)
    return(if (nzchar(rel)) file.path(dst_path, rel) else dst_path)
  }
  fetch_file(rel)
}

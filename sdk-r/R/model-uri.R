# Model URIs to local model directories, as MLflow's clients read them: a local path or
# file:// URI, runs:/<run_id>/<path> (a run directory holding MLmodel, else the logged model of
# that name from the run), models:/<name>/<version>, models:/<name>/<stage|latest>,
# models:/<name>@<alias>, models:/<model_id> and mlflow-artifacts:/<path>. Remote models are
# downloaded through the tracking server's artifact proxy into a new temporary directory.

tl_model_not_found <- function(...) tl_abort(..., error_code = "RESOURCE_DOES_NOT_EXIST")

tl_model_dir <- function(model_uri, client = NULL) {
  if (!is.character(model_uri) || length(model_uri) != 1 || is.na(model_uri) || !nzchar(model_uri)) {
    tl_abort("`model_uri` must be a single, non-empty string")
  }
  scheme <- if (grepl("^[A-Za-z][A-Za-z0-9+.-]+:", model_uri)) sub(":.*$", "", model_uri) else ""
  if (scheme %in% c("", "file")) {
    path <- if (scheme == "file") utils::URLdecode(sub("^file:(//)?", "", model_uri)) else model_uri
    if (!dir.exists(path)) tl_model_not_found("No model at '", model_uri, "': there is no such directory")
    if (!file.exists(file.path(path, "MLmodel"))) {
      tl_model_not_found("No model at '", model_uri, "': the directory has no MLmodel file")
    }
    return(normalizePath(path))
  }
  client <- tl_resolve_client(client)
  location <- switch(scheme,
    runs = tl_runs_uri_location(model_uri, client),
    models = tl_models_uri_location(model_uri, client),
    "mlflow-artifacts" = model_uri,
    tl_abort("Unsupported model URI '", model_uri, "': use a local path, runs:/, models:/ or ",
             "mlflow-artifacts:/")
  )
  if (startsWith(location, "models:/")) location <- tl_models_uri_location(location, client)
  tl_download_location(location, client)
}

tl_uri_pieces <- function(model_uri, scheme) {
  rest <- sub(paste0("^", scheme, ":/*"), "", model_uri)
  pieces <- strsplit(rest, "/", fixed = TRUE)[[1]]
  pieces[nzchar(pieces)]
}

# runs:/<run_id>/<path>: the run's directory when it holds MLmodel, else the newest logged
# model of that name whose source run is this run.
tl_runs_uri_location <- function(model_uri, client) {
  pieces <- tl_uri_pieces(model_uri, "runs")
  if (!length(pieces)) tl_abort("A runs:/ URI needs a run: runs:/<run_id>/<path>, not '", model_uri, "'")
  run_id <- pieces[[1]]
  path <- paste(pieces[-1], collapse = "/")
  run <- tl_api_get_run(run_id = run_id, client = client)$run
  listing <- tl_list_run_artifacts(path, run_id, client)
  if (any(listing$path == tl_join_path(path, "MLmodel") & !listing$is_dir)) {
    return(paste0(sub("/+$", "", run$info$artifact_uri), if (nzchar(path)) paste0("/", path)))
  }
  models <- tl_logged_models_of_run(run$info$experiment_id, run_id, path, client)
  if (!length(models)) {
    tl_model_not_found("Unable to find a logged model named '", path, "' under run ", run_id,
                       ", nor an MLmodel file at that path in its artifacts")
  }
  created <- vapply(models, function(m) as.numeric(m$creation_timestamp_ms %||% 0), 0)
  paste0("models:/", models[[which.max(created)]]$model_id)
}

tl_logged_models_of_run <- function(experiment_id, run_id, name, client) {
  found <- list()
  token <- NULL
  repeat {
    res <- tl_api_search_logged_models(
      experiment_ids = list(experiment_id), filter = paste0("name = '", gsub("'", "\\\\'", name), "'"),
      max_results = 100, page_token = token, client = client
    )
    for (m in res$models %||% list()) {
      if (identical(m$info$source_run_id, run_id)) found[[length(found) + 1]] <- m$info
    }
    token <- res$next_page_token
    if (is.null(token) || !nzchar(token)) break
  }
  found
}

# models:/<model_id> to the logged model's files; models:/<name>/<version|stage|latest> and
# models:/<name>@<alias> to the version's download location.
tl_models_uri_location <- function(model_uri, client) {
  pieces <- tl_uri_pieces(model_uri, "models")
  if (!length(pieces)) tl_abort("A models:/ URI needs a model, not '", model_uri, "'")
  head <- pieces[[1]]
  rest <- pieces[-1]
  stages <- c("none", "staging", "production", "archived", "latest")
  if (grepl("@", head, fixed = TRUE)) {
    name <- sub("@.*$", "", head)
    alias <- sub("^[^@]*@", "", head)
    version <- tl_api_get_model_version_by_alias(name = name, alias = alias, client = client)$model_version$version
  } else if (startsWith(head, "m-") && (!length(rest) || !(grepl("^[0-9]+$", rest[[1]]) ||
                                                           tolower(rest[[1]]) %in% stages))) {
    info <- tl_api_get_logged_model(model_id = head, client = client)$model$info
    return(info$artifact_uri)
  } else {
    if (!length(rest)) {
      tl_abort("Model URI '", model_uri, "' needs a version, stage or alias: models:/<name>/<version>, ",
               "models:/<name>/<stage>, models:/<name>@<alias> or models:/<model_id>")
    }
    name <- head
    version <- rest[[1]]
    if (!grepl("^[0-9]+$", version)) version <- tl_version_of_stage(name, version, client)
  }
  tl_api_get_model_version_download_uri(name = name, version = version, client = client)$artifact_uri
}

tl_version_of_stage <- function(name, stage, client) {
  if (tolower(stage) == "latest") {
    versions <- tl_api_search_model_versions(filter = paste0("name = '", gsub("'", "\\\\'", name), "'"),
                                             max_results = 1000, client = client)$model_versions
    if (!length(versions)) tl_model_not_found("Registered model '", name, "' has no versions")
    return(as.character(max(vapply(versions, function(v) as.numeric(v$version), 0))))
  }
  latest <- tl_api_get_latest_versions(name = name, stages = list(stage), client = client)$model_versions
  if (!length(latest)) tl_model_not_found("Registered model '", name, "' has no version in stage '", stage, "'")
  as.character(latest[[1]]$version)
}

# Downloads every file below an mlflow-artifacts: location into a new temporary directory.
tl_download_location <- function(location, client) {
  where <- tl_artifact_location(location, client)
  dst <- tempfile("mlflow-model-")
  dir.create(dst)
  fetch <- function(rel) {
    listing <- tl_api_list_artifacts_proxy(path = tl_join_path(where$root, rel), client = where$client)$files
    for (entry in listing %||% list()) {
      child <- tl_join_path(rel, basename(entry$path))
      if (basename(entry$path) %in% c("", ".", "..")) next
      if (isTRUE(entry$is_dir)) {
        fetch(child)
      } else {
        tl_transfer("GET", tl_proxy_url_path(tl_join_path(where$root, child)),
                    dest_file = file.path(dst, child), client = where$client)
      }
    }
  }
  fetch("")
  if (!file.exists(file.path(dst, "MLmodel"))) {
    unlink(dst, recursive = TRUE)
    tl_model_not_found("No model at '", location, "': it has no MLmodel file")
  }
  dst
}

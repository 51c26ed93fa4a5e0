# Logging a model as MLflow 3 does, over the REST API:
# 1. a logged model in the run's experiment (POST logged-models, with the run's params);
# 2. linked to the run as an output (POST runs/outputs);
# 3. the model saved with MLmodel naming the logged model, and its files uploaded through the
#    artifact proxy to the logged model's location;
# 4. marked ready (PATCH logged-models/<id>, the id in the body too, as MLflow's server requires;
#    LOGGED_MODEL_UPLOAD_FAILED when the upload failed);
# 5. recorded in the run's mlflow.log-model.history tag (POST runs/log-model), as MLflow's R
#    package does (a warning only when the server lacks it);
# 6. with `registered_model_name`, registered as a new version whose source is models:/<id>.

#' Log a model
#'
#' Saves `model` with [mlflow_save_model()] and logs it from the active run (started when
#' there is none) as an MLflow 3 logged model: its files go through the tracking server's
#' artifact proxy, it is linked to the run, and with `registered_model_name` it becomes a new
#' version of that registered model (created when missing). Load it again with
#' `mlflow_load_model(info$model_uri)`, `mlflow_load_model("runs:/<run_id>/<artifact_path>")`
#' or, when registered, `mlflow_load_model("models:/<name>/<version>")`.
#'
#' @param model The model (see [mlflow_save_model()]).
#' @param artifact_path The model's name within the run (MLflow 3 calls it the model's name).
#' @param registered_model_name Register the model under this name.
#' @param ... Further arguments for [mlflow_save_model()], such as `signature`.
#' @return A list of class `mlflow_model_info`, invisibly: `model_id`, `model_uri`
#'   (`models:/<model_id>`), `run_id`, `artifact_path`, `artifact_uri` (where its files are),
#'   `flavors`, `utc_time_created` and `registered_model_version` (or `NULL`).
#' @examples
#' \dontrun{
#' fit <- lm(mpg ~ wt + hp, data = mtcars)
#' with(mlflow_start_run(), {
#'   info <- mlflow_log_model(function(df) stats::predict(fit, df), "model",
#'                            registered_model_name = "mtcars-lm")
#' })
#' }
#' @family models
#' @export
mlflow_log_model <- function(model, artifact_path, registered_model_name = NULL, ...) {
  artifact_path <- tl_artifact_rel_path(artifact_path, "artifact_path")
  if (!nzchar(artifact_path)) tl_abort("`artifact_path` must name the model, such as \"model\"")
  if (!is.null(registered_model_name)) tl_string_arg(registered_model_name, "registered_model_name")
  run_id <- tl_active_run_id_or_start()
  client <- mlflow_client()
  run <- tl_api_get_run(run_id = run_id, client = client)$run
  params <- lapply(run$data$params %||% list(), function(p) list(key = p$key, value = p$value %||% ""))
  logged <- tl_api_create_logged_model(
    experiment_id = run$info$experiment_id, name = artifact_path, source_run_id = run_id,
    params = if (length(params)) params,
    tags = list(list(key = "mlflow.user", value = tl_user_name()),
                list(key = "mlflow.source.name", value = tl_source_name()),
                list(key = "mlflow.source.type", value = "LOCAL")),
    client = client
  )$model$info
  model_id <- logged$model_id
  dir <- tempfile("mlflow-model-")
  on.exit(unlink(dir, recursive = TRUE), add = TRUE)
  spec <- tryCatch({
    tl_api_log_outputs(run_id = run_id, models = list(list(model_id = model_id, step = 0)), client = client)
    spec <- mlflow_save_model(model, path = dir, model_spec = list(
      artifact_path = logged$artifact_uri, model_id = model_id, model_uuid = model_id, run_id = run_id,
      utc_time_created = tl_utc_timestamp(), flavors = list()
    ), ...)
    tl_upload_dir(dir, logged$artifact_uri, client)
    spec
  }, error = function(e) {
    try(tl_api_finalize_logged_model(model_id = model_id, body_model_id = model_id,
                                     status = "LOGGED_MODEL_UPLOAD_FAILED", client = client),
        silent = TRUE)
    stop(e)
  })
  tl_api_finalize_logged_model(model_id = model_id, body_model_id = model_id, status = "LOGGED_MODEL_READY",
                               client = client)
  tl_record_log_model_history(run_id, spec, artifact_path, client)
  version <- NULL
  if (!is.null(registered_model_name)) {
    version <- tl_register_logged_model(registered_model_name, model_id, run_id, client)
  }
  invisible(structure(list(
    model_id = model_id, model_uri = paste0("models:/", model_id), run_id = run_id,
    artifact_path = artifact_path, artifact_uri = logged$artifact_uri, flavors = spec$flavors,
    utc_time_created = spec$utc_time_created, registered_model_version = version
  ), class = "mlflow_model_info"))
}

tl_upload_dir <- function(dir, location, client) {
  where <- tl_artifact_location(location, client)
  files <- sort(list.files(dir, recursive = TRUE, all.files = TRUE, no.. = TRUE))
  for (f in files[!dir.exists(file.path(dir, files))]) {
    tl_transfer("PUT", tl_proxy_url_path(tl_join_path(where$root, f)), upload_file = file.path(dir, f),
                client = where$client)
  }
}

# runs/log-model with the MLmodel as MLflow's R package sends it (artifact_path run-relative).
tl_record_log_model_history <- function(run_id, spec, artifact_path, client) {
  spec$artifact_path <- artifact_path
  spec <- spec[!vapply(spec, is.null, TRUE)]
  json <- as.character(jsonlite::toJSON(spec, auto_unbox = TRUE, null = "null", digits = NA))
  tryCatch(
    tl_api_log_model(run_id = run_id, model_json = json, client = client),
    trackline_error = function(e) {
      warning("The model was logged, but recording it in the run's mlflow.log-model.history tag failed: ",
              conditionMessage(e), call. = FALSE)
    }
  )
}

tl_register_logged_model <- function(name, model_id, run_id, client) {
  tryCatch(
    tl_api_create_registered_model(name = name, user_id = tl_registry_user(NULL), client = client),
    trackline_error = function(e) {
      if (!tl_is_error_code(e, "RESOURCE_ALREADY_EXISTS")) stop(e)
    }
  )
  mv <- tl_api_create_model_version(name = name, source = paste0("models:/", model_id), run_id = run_id,
                                    model_id = model_id, user_id = tl_registry_user(NULL),
                                    client = client)$model_version
  as.character(mv$version)
}

#' @export
print.mlflow_model_info <- function(x, ...) {
  cat("<mlflow_model_info> ", x$model_uri, " (", x$artifact_path, " of run ", x$run_id, ")",
      if (!is.null(x$registered_model_version)) paste0(", registered version ", x$registered_model_version),
      "\n", sep = "")
  invisible(x)
}

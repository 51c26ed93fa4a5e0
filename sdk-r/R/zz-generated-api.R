# Code generated from openapi.yaml by sdk-r/tools/generate.R. DO NOT EDIT.
# Regenerate with `make generate` (target generate-r).
# Spec: Trackline 0.1.0.

#' Create an experiment.
#'
#' Names are unique, deleted experiments included. Returns the new experiment's id.
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/create` (operationId `createExperiment`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A unique name, at most 500 characters. A string.
#' @param artifact_location Where the experiment's artifacts go (default under the server's artifact root). A string.
#' @param tags A list of `ExperimentTag` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `CreateExperimentResponse`.
#' @family low-level API
#' @export
tl_api_create_experiment <- function(name, artifact_location = NULL, tags = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    artifact_location = artifact_location,
    tags = tl_array(tags),
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/create", body = body, response = "json", client = client)
}

#' Get an experiment by id.
#'
#' Deleted experiments are returned too, with `lifecycle_stage` `deleted`.
#'
#' Low-level call of `GET /api/2.0/mlflow/experiments/get` (operationId `getExperiment`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. The experiment's id. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `GetExperimentResponse`.
#' @family low-level API
#' @export
tl_api_get_experiment <- function(experiment_id, ..., client = NULL) {
  query <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/experiments/get", query = query, response = "json", client = client)
}

#' Get an experiment by name.
#'
#' Low-level call of `GET /api/2.0/mlflow/experiments/get-by-name` (operationId `getExperimentByName`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_name Required. The experiment's name. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `GetExperimentResponse`.
#' @family low-level API
#' @export
tl_api_get_experiment_by_name <- function(experiment_name, ..., client = NULL) {
  query <- tl_fields(
    experiment_name = if (!missing(experiment_name)) experiment_name,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/experiments/get-by-name", query = query, response = "json", client = client)
}

#' Search experiments.
#'
#' Filter grammar: comparisons joined by `AND` on `name`, `experiment_id` (also `IN`), `creation_time`, `last_update_time` and `tags.<key>`. Order keys: `name`, `experiment_id`, `creation_time`, `last_update_time`, each with `ASC` or `DESC`. The default order is `creation_time DESC, experiment_id ASC`.
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/search` (operationId `searchExperiments`).
#'
#' @param max_results 1 to 50000 (default 1000). A whole number (64-bit; sent as a JSON number).
#' @param page_token A string.
#' @param filter A string.
#' @param order_by A vector or list of strings (always sent as a JSON array).
#' @param view_type Which lifecycle stages a search includes (also accepted as 1, 2, 3). A string, one of `ACTIVE_ONLY`, `DELETED_ONLY`, `ALL`.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `SearchExperimentsResponse`.
#' @family low-level API
#' @export
tl_api_search_experiments <- function(max_results = NULL, page_token = NULL, filter = NULL, order_by = NULL, view_type = NULL, ..., client = NULL) {
  body <- tl_fields(
    max_results = max_results,
    page_token = page_token,
    filter = filter,
    order_by = tl_array(order_by),
    view_type = view_type,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/search", body = body, response = "json", client = client)
}

#' Search experiments (query-string form).
#'
#' The same search as the `POST` form, with its fields in the query string.
#'
#' Low-level call of `GET /api/2.0/mlflow/experiments/search` (operationId `searchExperimentsGet`).
#'
#' @param max_results The most items to return in one page. A whole number (64-bit; sent as a JSON number).
#' @param page_token The `next_page_token` of the previous page. A string.
#' @param filter A filter string. A string.
#' @param order_by Order keys, each `<key> [ASC|DESC]` (repeat the key for each one). A vector or list of strings (always sent as a JSON array).
#' @param view_type Which lifecycle stages to include. A string, one of `ACTIVE_ONLY`, `DELETED_ONLY`, `ALL`.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `SearchExperimentsResponse`.
#' @family low-level API
#' @export
tl_api_search_experiments_get <- function(max_results = NULL, page_token = NULL, filter = NULL, order_by = NULL, view_type = NULL, ..., client = NULL) {
  query <- tl_fields(
    max_results = max_results,
    page_token = page_token,
    filter = filter,
    order_by = tl_array(order_by),
    view_type = view_type,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/experiments/search", query = query, response = "json", client = client)
}

#' Rename an experiment.
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/update` (operationId `updateExperiment`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param new_name Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_update_experiment <- function(experiment_id, new_name, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    new_name = if (!missing(new_name)) new_name,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/update", body = body, response = "json", client = client)
}

#' Delete an experiment (soft delete) and mark its runs deleted.
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/delete` (operationId `deleteExperiment`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_experiment <- function(experiment_id, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/delete", body = body, response = "json", client = client)
}

#' Restore a deleted experiment and the runs deleted with it.
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/restore` (operationId `restoreExperiment`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_restore_experiment <- function(experiment_id, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/restore", body = body, response = "json", client = client)
}

#' Set a tag on an experiment.
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/set-experiment-tag` (operationId `setExperimentTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param key Required. At most 250 characters. A string.
#' @param value At most 20000 characters. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_set_experiment_tag <- function(experiment_id, key, value = NULL, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    key = if (!missing(key)) key,
    value = value,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/set-experiment-tag", body = body, response = "json", client = client)
}

#' Delete a tag from an experiment.
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/delete-experiment-tag` (operationId `deleteExperimentTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param key Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_experiment_tag <- function(experiment_id, key, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    key = if (!missing(key)) key,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/delete-experiment-tag", body = body, response = "json", client = client)
}

#' Create a run.
#'
#' Without `experiment_id` the run goes to experiment `0`. Without `run_name` (or the `mlflow.runName` tag) a random name is given. `start_time` defaults to now. With an `Idempotency-Key` header, the request creates at most one run: sent again with the same key (a retry after a lost answer), it answers with the run the first request created, as it is now, whatever the body.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/create` (operationId `createRun`).
#'
#' @param experiment_id A string.
#' @param user_id A string.
#' @param run_name A string.
#' @param start_time A whole number (64-bit; sent as a JSON number).
#' @param tags A list of `RunTag` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param idempotency_key Sent as the `Idempotency-Key` header. A client request id, unique per run to create (a UUID), at most 128 printable characters. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RunResponse`.
#' @family low-level API
#' @export
tl_api_create_run <- function(experiment_id = NULL, user_id = NULL, run_name = NULL, start_time = NULL, tags = NULL, idempotency_key = NULL, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = experiment_id,
    user_id = user_id,
    run_name = run_name,
    start_time = start_time,
    tags = tl_array(tags),
    ...
  )
  headers <- tl_fields(
    `Idempotency-Key` = idempotency_key
  )
  tl_call("POST", "/api/2.0/mlflow/runs/create", headers = headers, body = body, response = "json", client = client)
}

#' Get a run with its latest metrics, params and tags.
#'
#' Deleted runs are returned too, with `lifecycle_stage` `deleted`.
#'
#' Low-level call of `GET /api/2.0/mlflow/runs/get` (operationId `getRun`).
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid Deprecated spelling of `run_id`. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RunResponse`.
#' @family low-level API
#' @export
tl_api_get_run <- function(run_id = NULL, run_uuid = NULL, ..., client = NULL) {
  query <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/runs/get", query = query, response = "json", client = client)
}

#' Update a run's status, end time or name.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/update` (operationId `updateRun`).
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid A string.
#' @param status A run's status (also accepted as 1 to 5). A string, one of `RUNNING`, `SCHEDULED`, `FINISHED`, `FAILED`, `KILLED`.
#' @param end_time A whole number (64-bit; sent as a JSON number).
#' @param run_name A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `UpdateRunResponse`.
#' @family low-level API
#' @export
tl_api_update_run <- function(run_id = NULL, run_uuid = NULL, status = NULL, end_time = NULL, run_name = NULL, ..., client = NULL) {
  body <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    status = status,
    end_time = end_time,
    run_name = run_name,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/update", body = body, response = "json", client = client)
}

#' Mark a run deleted.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/delete` (operationId `deleteRun`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_run <- function(run_id, ..., client = NULL) {
  body <- tl_fields(
    run_id = if (!missing(run_id)) run_id,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/delete", body = body, response = "json", client = client)
}

#' Restore a deleted run.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/restore` (operationId `restoreRun`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_restore_run <- function(run_id, ..., client = NULL) {
  body <- tl_fields(
    run_id = if (!missing(run_id)) run_id,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/restore", body = body, response = "json", client = client)
}

#' Search runs.
#'
#' Filter grammar: comparisons joined by `AND`. `metrics.<key>` takes `= != < <= > >=` and a number; `params.<key>` and `tags.<key>` take `= != LIKE ILIKE` and a quoted string, or `IS NULL` / `IS NOT NULL`; `attributes.run_id` takes `= != LIKE ILIKE IN NOT IN`; `run_name`, `status`, `user_id`, `artifact_uri` take `= != LIKE ILIKE`; `start_time`, `end_time` take numeric comparisons. Keys with special characters go in backticks (``tags.`mlflow.runName` ``). `order_by` entries are `<key> [ASC|DESC]`; the default is `start_time DESC, run_id ASC`. Runs missing an ordered metric come last.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/search` (operationId `searchRuns`).
#'
#' @param experiment_ids A vector or list of strings (always sent as a JSON array).
#' @param filter A string.
#' @param run_view_type Which lifecycle stages a search includes (also accepted as 1, 2, 3). A string, one of `ACTIVE_ONLY`, `DELETED_ONLY`, `ALL`.
#' @param max_results 1 to 50000 (default 1000). A whole number (sent as a JSON number).
#' @param order_by A vector or list of strings (always sent as a JSON array).
#' @param page_token A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `SearchRunsResponse`.
#' @family low-level API
#' @export
tl_api_search_runs <- function(experiment_ids = NULL, filter = NULL, run_view_type = NULL, max_results = NULL, order_by = NULL, page_token = NULL, ..., client = NULL) {
  body <- tl_fields(
    experiment_ids = tl_array(experiment_ids),
    filter = filter,
    run_view_type = run_view_type,
    max_results = max_results,
    order_by = tl_array(order_by),
    page_token = page_token,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/search", body = body, response = "json", client = client)
}

#' Log one metric value.
#'
#' Logging the same (key, value, timestamp, step) twice stores it once.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/log-metric` (operationId `logMetric`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid A string.
#' @param key Required. At most 250 characters of letters, digits and `_ - . space : /`. A string.
#' @param value Required. A number (sent as a JSON number; `NaN` and infinities as strings).
#' @param timestamp Required. A whole number (64-bit; sent as a JSON number).
#' @param step A whole number (64-bit; sent as a JSON number).
#' @param model_id A string.
#' @param dataset_name A string.
#' @param dataset_digest A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_log_metric <- function(run_id = NULL, run_uuid = NULL, key, value, timestamp, step = NULL, model_id = NULL, dataset_name = NULL, dataset_digest = NULL, ..., client = NULL) {
  body <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    key = if (!missing(key)) key,
    value = if (!missing(value)) value,
    timestamp = if (!missing(timestamp)) timestamp,
    step = step,
    model_id = model_id,
    dataset_name = dataset_name,
    dataset_digest = dataset_digest,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/log-metric", body = body, response = "json", client = client)
}

#' Log a parameter.
#'
#' Parameters are immutable: logging the same value again is a no-op, a different value is refused with `INVALID_PARAMETER_VALUE`. Values over 6000 characters are truncated.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/log-parameter` (operationId `logParam`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid A string.
#' @param key Required. A string.
#' @param value A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_log_param <- function(run_id = NULL, run_uuid = NULL, key, value = NULL, ..., client = NULL) {
  body <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    key = if (!missing(key)) key,
    value = value,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/log-parameter", body = body, response = "json", client = client)
}

#' Set a tag on a run.
#'
#' Values over 8000 characters are truncated. Setting `mlflow.runName` renames the run.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/set-tag` (operationId `setTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid A string.
#' @param key Required. A string.
#' @param value A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_set_tag <- function(run_id = NULL, run_uuid = NULL, key, value = NULL, ..., client = NULL) {
  body <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    key = if (!missing(key)) key,
    value = value,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/set-tag", body = body, response = "json", client = client)
}

#' Delete a tag from a run.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/delete-tag` (operationId `deleteTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id Required. A string.
#' @param key Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_tag <- function(run_id, key, ..., client = NULL) {
  body <- tl_fields(
    run_id = if (!missing(run_id)) run_id,
    key = if (!missing(key)) key,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/delete-tag", body = body, response = "json", client = client)
}

#' Log metrics, params and tags in one request.
#'
#' At most 1000 metrics, 100 params, 100 tags and 1000 entries in all per request. The whole batch is stored or none of it is.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/log-batch` (operationId `logBatch`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id Required. A string.
#' @param metrics A list of `Metric` objects (named lists with fields `key`, `value`, `timestamp`, `step`, `dataset_name`, `dataset_digest`, `model_id`, `run_id`), or a data frame with those columns (one row per object).
#' @param params A list of `Param` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param tags A list of `RunTag` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_log_batch <- function(run_id, metrics = NULL, params = NULL, tags = NULL, ..., client = NULL) {
  body <- tl_fields(
    run_id = if (!missing(run_id)) run_id,
    metrics = tl_array(metrics),
    params = tl_array(params),
    tags = tl_array(tags),
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/log-batch", body = body, response = "json", client = client)
}

#' Log datasets and models used by a run.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/log-inputs` (operationId `logInputs`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id Required. A string.
#' @param datasets A list of `DatasetInput` objects (named lists with fields `tags`, `dataset`), or a data frame with those columns (one row per object).
#' @param models A list of `ModelInput` objects (named lists with fields `model_id`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_log_inputs <- function(run_id, datasets = NULL, models = NULL, ..., client = NULL) {
  body <- tl_fields(
    run_id = if (!missing(run_id)) run_id,
    datasets = tl_array(datasets),
    models = tl_array(models),
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/log-inputs", body = body, response = "json", client = client)
}

#' Record a model logged from a run (MLflow's R package and MLflow 2 clients).
#'
#' Appends the model (its MLmodel file as a JSON string) to the JSON list in the run's `mlflow.log-model.history` tag: `run_id`, `utc_time_created`, `artifact_path`, `model_uuid` (a new one when the model has none) and `flavors`. The model's files are uploaded separately (artifacts); MLflow 3 clients log models with `logged-models` instead. `model_json` must be a JSON object with `artifact_path`, `flavors`, `utc_time_created` and `run_id`. When the tag would exceed 8,000 characters its oldest entries are dropped (MLflow cuts the value, leaving invalid JSON). The run must be active.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/log-model` (operationId `logModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id Required. The run the model was logged from. A string.
#' @param model_json Required. The model's MLmodel file as a JSON object, in a string. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_log_model <- function(run_id, model_json, ..., client = NULL) {
  body <- tl_fields(
    run_id = if (!missing(run_id)) run_id,
    model_json = if (!missing(model_json)) model_json,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/log-model", body = body, response = "json", client = client)
}

#' Record models produced by a run.
#'
#' Low-level call of `POST /api/2.0/mlflow/runs/outputs` (operationId `logOutputs`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id Required. A string.
#' @param models Required. A list of `ModelOutput` objects (named lists with fields `model_id`, `step`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_log_outputs <- function(run_id, models, ..., client = NULL) {
  body <- tl_fields(
    run_id = if (!missing(run_id)) run_id,
    models = tl_array(if (!missing(models)) models),
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/runs/outputs", body = body, response = "json", client = client)
}

#' Get every logged value of one metric of a run.
#'
#' Values come in (timestamp, step) order. With `max_results`, a page holds at most that many values and `next_page_token` leads to the next page.
#'
#' Low-level call of `GET /api/2.0/mlflow/metrics/get-history` (operationId `getMetricHistory`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid Deprecated spelling of `run_id`. A string.
#' @param metric_key Required. The metric's key. A string.
#' @param page_token The `next_page_token` of the previous page. A string.
#' @param max_results The most values to return in one page (at least 1). A whole number (sent as a JSON number).
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `GetMetricHistoryResponse`.
#' @family low-level API
#' @export
tl_api_get_metric_history <- function(run_id = NULL, run_uuid = NULL, metric_key, page_token = NULL, max_results = NULL, ..., client = NULL) {
  query <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    metric_key = if (!missing(metric_key)) metric_key,
    page_token = page_token,
    max_results = max_results,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/metrics/get-history", query = query, response = "json", client = client)
}

#' Get a metric's history for several runs, sampled within a step range.
#'
#' Up to 100 runs. `start_step` and `end_step` go together. At most `max_results` values per run (1 to 2500, default 2500), sampled evenly over the steps, first and last step kept.
#'
#' Low-level call of `GET /api/2.0/mlflow/metrics/get-history-bulk-interval` (operationId `getMetricHistoryBulkInterval`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_ids Required. The runs (repeat the key for each one). A vector or list of strings (always sent as a JSON array).
#' @param metric_key Required. The metric's key. A string.
#' @param start_step First step to include. A whole number (64-bit; sent as a JSON number).
#' @param end_step Last step to include. A whole number (64-bit; sent as a JSON number).
#' @param max_results The most values per run. A whole number (sent as a JSON number).
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `GetMetricHistoryBulkIntervalResponse`.
#' @family low-level API
#' @export
tl_api_get_metric_history_bulk_interval <- function(run_ids, metric_key, start_step = NULL, end_step = NULL, max_results = NULL, ..., client = NULL) {
  query <- tl_fields(
    run_ids = tl_array(if (!missing(run_ids)) run_ids),
    metric_key = if (!missing(metric_key)) metric_key,
    start_step = start_step,
    end_step = end_step,
    max_results = max_results,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/metrics/get-history-bulk-interval", query = query, response = "json", client = client)
}

#' List a run's artifacts in one directory.
#'
#' Paths in the answer are relative to the run's artifact root.
#'
#' Low-level call of `GET /api/2.0/mlflow/artifacts/list` (operationId `listArtifacts`).
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid Deprecated spelling of `run_id`. A string.
#' @param path A directory relative to the run's artifact root (the root when left out). A string.
#' @param page_token The `next_page_token` of the previous page. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ListArtifactsResponse`.
#' @family low-level API
#' @export
tl_api_list_artifacts <- function(run_id = NULL, run_uuid = NULL, path = NULL, page_token = NULL, ..., client = NULL) {
  query <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    path = path,
    page_token = page_token,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/artifacts/list", query = query, response = "json", client = client)
}

#' Create a registered model.
#'
#' Low-level call of `POST /api/2.0/mlflow/registered-models/create` (operationId `createRegisteredModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param tags A list of `RegisteredModelTag` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param description A string.
#' @param user_id Who makes the change, for the history (the authenticated user wins). A string.
#' @param comment Why, for the history. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RegisteredModelResponse`.
#' @family low-level API
#' @export
tl_api_create_registered_model <- function(name, tags = NULL, description = NULL, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    tags = tl_array(tags),
    description = description,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/registered-models/create", body = body, response = "json", client = client)
}

#' Get a registered model with its latest version per stage and its aliases.
#'
#' Low-level call of `GET /api/2.0/mlflow/registered-models/get` (operationId `getRegisteredModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. The registered model's name. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RegisteredModelResponse`.
#' @family low-level API
#' @export
tl_api_get_registered_model <- function(name, ..., client = NULL) {
  query <- tl_fields(
    name = if (!missing(name)) name,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/registered-models/get", query = query, response = "json", client = client)
}

#' Rename a registered model; its versions, tags and aliases move with it.
#'
#' Low-level call of `POST /api/2.0/mlflow/registered-models/rename` (operationId `renameRegisteredModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param new_name Required. A string.
#' @param user_id Who makes the change, for the history (the authenticated user wins). A string.
#' @param comment Why, for the history. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RegisteredModelResponse`.
#' @family low-level API
#' @export
tl_api_rename_registered_model <- function(name, new_name, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    new_name = if (!missing(new_name)) new_name,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/registered-models/rename", body = body, response = "json", client = client)
}

#' Change a registered model's description.
#'
#' Low-level call of `PATCH /api/2.0/mlflow/registered-models/update` (operationId `updateRegisteredModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param description A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RegisteredModelResponse`.
#' @family low-level API
#' @export
tl_api_update_registered_model <- function(name, description = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    description = description,
    ...
  )
  tl_call("PATCH", "/api/2.0/mlflow/registered-models/update", body = body, response = "json", client = client)
}

#' Delete a registered model with all its versions, tags and aliases.
#'
#' The name goes in a JSON body, as MLflow's clients send it.
#'
#' Low-level call of `DELETE /api/2.0/mlflow/registered-models/delete` (operationId `deleteRegisteredModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param user_id Who makes the change, for the history (the authenticated user wins). A string.
#' @param comment Why, for the history. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_registered_model <- function(name, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/registered-models/delete", body = body, response = "json", client = client)
}

#' Search registered models.
#'
#' Filter: `name` (`= != LIKE ILIKE IN NOT IN`) and `tags.<key>` (`= != LIKE ILIKE`), joined by `AND`. Order keys: `name`, `timestamp`, `last_updated_timestamp` with `ASC`/`DESC` (default `name ASC`). `max_results` 1 to 1000 (default 100).
#'
#' Low-level call of `GET /api/2.0/mlflow/registered-models/search` (operationId `searchRegisteredModels`).
#'
#' @param filter A filter string. A string.
#' @param max_results The most models to return in one page. A whole number (64-bit; sent as a JSON number).
#' @param order_by Order keys, each `<key> [ASC|DESC]` (repeat the key for each one). A vector or list of strings (always sent as a JSON array).
#' @param page_token The `next_page_token` of the previous page. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `SearchRegisteredModelsResponse`.
#' @family low-level API
#' @export
tl_api_search_registered_models <- function(filter = NULL, max_results = NULL, order_by = NULL, page_token = NULL, ..., client = NULL) {
  query <- tl_fields(
    filter = filter,
    max_results = max_results,
    order_by = tl_array(order_by),
    page_token = page_token,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/registered-models/search", query = query, response = "json", client = client)
}

#' Search registered models (JSON body form, as MLflow's R client sends it).
#'
#' Low-level call of `POST /api/2.0/mlflow/registered-models/search` (operationId `searchRegisteredModelsPost`).
#'
#' @param filter A string.
#' @param max_results A whole number (64-bit; sent as a JSON number).
#' @param order_by A vector or list of strings (always sent as a JSON array).
#' @param page_token A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `SearchRegisteredModelsResponse`.
#' @family low-level API
#' @export
tl_api_search_registered_models_post <- function(filter = NULL, max_results = NULL, order_by = NULL, page_token = NULL, ..., client = NULL) {
  body <- tl_fields(
    filter = filter,
    max_results = max_results,
    order_by = tl_array(order_by),
    page_token = page_token,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/registered-models/search", body = body, response = "json", client = client)
}

#' The highest version in each of the given stages (all stages when none are given).
#'
#' Low-level call of `POST /api/2.0/mlflow/registered-models/get-latest-versions` (operationId `getLatestVersions`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param stages A vector or list of strings (always sent as a JSON array).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ModelVersionsResponse`.
#' @family low-level API
#' @export
tl_api_get_latest_versions <- function(name, stages = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    stages = tl_array(stages),
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/registered-models/get-latest-versions", body = body, response = "json", client = client)
}

#' The highest version in each of the given stages (query-string form).
#'
#' Low-level call of `GET /api/2.0/mlflow/registered-models/get-latest-versions` (operationId `getLatestVersionsGet`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. The registered model's name. A string.
#' @param stages Stages to look in (repeat the key for each one). A vector or list of strings (always sent as a JSON array).
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ModelVersionsResponse`.
#' @family low-level API
#' @export
tl_api_get_latest_versions_get <- function(name, stages = NULL, ..., client = NULL) {
  query <- tl_fields(
    name = if (!missing(name)) name,
    stages = tl_array(stages),
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/registered-models/get-latest-versions", query = query, response = "json", client = client)
}

#' Set a tag on a registered model.
#'
#' Low-level call of `POST /api/2.0/mlflow/registered-models/set-tag` (operationId `setRegisteredModelTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param key Required. A string.
#' @param value A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_set_registered_model_tag <- function(name, key, value = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    key = if (!missing(key)) key,
    value = value,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/registered-models/set-tag", body = body, response = "json", client = client)
}

#' Delete a tag from a registered model (a missing tag is not an error).
#'
#' Low-level call of `DELETE /api/2.0/mlflow/registered-models/delete-tag` (operationId `deleteRegisteredModelTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param key Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_registered_model_tag <- function(name, key, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    key = if (!missing(key)) key,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/registered-models/delete-tag", body = body, response = "json", client = client)
}

#' Point an alias (such as `champion`) at a version; it moves if it pointed elsewhere.
#'
#' Low-level call of `POST /api/2.0/mlflow/registered-models/alias` (operationId `setRegisteredModelAlias`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param alias Required. A string.
#' @param version Required. A string.
#' @param user_id Who makes the change, for the history (the authenticated user wins). A string.
#' @param comment Why, for the history. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_set_registered_model_alias <- function(name, alias, version, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    alias = if (!missing(alias)) alias,
    version = if (!missing(version)) version,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/registered-models/alias", body = body, response = "json", client = client)
}

#' Remove an alias (removing one that is not there does nothing).
#'
#' Low-level call of `DELETE /api/2.0/mlflow/registered-models/alias` (operationId `deleteRegisteredModelAlias`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param alias Required. A string.
#' @param user_id A string.
#' @param comment A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_registered_model_alias <- function(name, alias, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    alias = if (!missing(alias)) alias,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/registered-models/alias", body = body, response = "json", client = client)
}

#' The version an alias points at.
#'
#' An alias that is not set is a 400 `INVALID_PARAMETER_VALUE`, as in MLflow.
#'
#' Low-level call of `GET /api/2.0/mlflow/registered-models/alias` (operationId `getModelVersionByAlias`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. The registered model's name. A string.
#' @param alias Required. The alias. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ModelVersionResponse`.
#' @family low-level API
#' @export
tl_api_get_model_version_by_alias <- function(name, alias, ..., client = NULL) {
  query <- tl_fields(
    name = if (!missing(name)) name,
    alias = if (!missing(alias)) alias,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/registered-models/alias", query = query, response = "json", client = client)
}

#' Register a new version of a model.
#'
#' Versions are numbered 1, 2, 3... per model and numbers are never reused. `source` may be `models:/<model_id>` (a logged model), `models:/<name>/<version>`, `runs:/<run_id>/<path>` (with the same `run_id`), an `mlflow-artifacts:/` URI or an object-store URI.
#'
#' Low-level call of `POST /api/2.0/mlflow/model-versions/create` (operationId `createModelVersion`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param source Required. A string.
#' @param run_id A string.
#' @param tags A list of `ModelVersionTag` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param run_link A string.
#' @param description A string.
#' @param model_id A string.
#' @param user_id A string.
#' @param comment A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ModelVersionResponse`.
#' @family low-level API
#' @export
tl_api_create_model_version <- function(name, source, run_id = NULL, tags = NULL, run_link = NULL, description = NULL, model_id = NULL, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    source = if (!missing(source)) source,
    run_id = run_id,
    tags = tl_array(tags),
    run_link = run_link,
    description = description,
    model_id = model_id,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/model-versions/create", body = body, response = "json", client = client)
}

#' Get a model version.
#'
#' Low-level call of `GET /api/2.0/mlflow/model-versions/get` (operationId `getModelVersion`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. The registered model's name. A string.
#' @param version Required. The version number. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ModelVersionResponse`.
#' @family low-level API
#' @export
tl_api_get_model_version <- function(name, version, ..., client = NULL) {
  query <- tl_fields(
    name = if (!missing(name)) name,
    version = if (!missing(version)) version,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/model-versions/get", query = query, response = "json", client = client)
}

#' Change a version's description.
#'
#' Low-level call of `PATCH /api/2.0/mlflow/model-versions/update` (operationId `updateModelVersion`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param version Required. A string.
#' @param description A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ModelVersionResponse`.
#' @family low-level API
#' @export
tl_api_update_model_version <- function(name, version, description = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    version = if (!missing(version)) version,
    description = description,
    ...
  )
  tl_call("PATCH", "/api/2.0/mlflow/model-versions/update", body = body, response = "json", client = client)
}

#' Delete a model version (its number is not reused).
#'
#' Low-level call of `DELETE /api/2.0/mlflow/model-versions/delete` (operationId `deleteModelVersion`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param version Required. A string.
#' @param user_id A string.
#' @param comment A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_model_version <- function(name, version, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    version = if (!missing(version)) version,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/model-versions/delete", body = body, response = "json", client = client)
}

#' Move a version to a stage (None, Staging, Production, Archived).
#'
#' With `archive_existing_versions`, the other versions in the target stage (Staging or Production) move to Archived. Every move is recorded in the registry history.
#'
#' Low-level call of `POST /api/2.0/mlflow/model-versions/transition-stage` (operationId `transitionModelVersionStage`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param version Required. A string.
#' @param stage Required. A string.
#' @param archive_existing_versions `TRUE` or `FALSE` (sent as a JSON boolean).
#' @param user_id A string.
#' @param comment A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ModelVersionResponse`.
#' @family low-level API
#' @export
tl_api_transition_model_version_stage <- function(name, version, stage, archive_existing_versions = NULL, user_id = NULL, comment = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    version = if (!missing(version)) version,
    stage = if (!missing(stage)) stage,
    archive_existing_versions = archive_existing_versions,
    user_id = user_id,
    comment = comment,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/model-versions/transition-stage", body = body, response = "json", client = client)
}

#' Search model versions.
#'
#' Filter: `name` (`= != LIKE ILIKE IN NOT IN`), `version_number` (numeric comparisons, `IN`), `run_id` (`= != IN NOT IN`), `source_path` (`= != LIKE ILIKE`), `current_stage` (`= != IN NOT IN`) and `tags.<key>` (`= != LIKE ILIKE`), joined by `AND`. Order keys: `name`, `version_number`, `creation_timestamp`, `last_updated_timestamp` (default `name ASC, version_number DESC`). `max_results` 1 to 200000 (default 10000).
#'
#' Low-level call of `GET /api/2.0/mlflow/model-versions/search` (operationId `searchModelVersions`).
#'
#' @param filter A filter string. A string.
#' @param max_results The most versions to return in one page. A whole number (64-bit; sent as a JSON number).
#' @param order_by Order keys, each `<key> [ASC|DESC]` (repeat the key for each one). A vector or list of strings (always sent as a JSON array).
#' @param page_token The `next_page_token` of the previous page. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `SearchModelVersionsResponse`.
#' @family low-level API
#' @export
tl_api_search_model_versions <- function(filter = NULL, max_results = NULL, order_by = NULL, page_token = NULL, ..., client = NULL) {
  query <- tl_fields(
    filter = filter,
    max_results = max_results,
    order_by = tl_array(order_by),
    page_token = page_token,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/model-versions/search", query = query, response = "json", client = client)
}

#' Where a version's files are.
#'
#' Low-level call of `GET /api/2.0/mlflow/model-versions/get-download-uri` (operationId `getModelVersionDownloadUri`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. The registered model's name. A string.
#' @param version Required. The version number. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `GetModelVersionDownloadUriResponse`.
#' @family low-level API
#' @export
tl_api_get_model_version_download_uri <- function(name, version, ..., client = NULL) {
  query <- tl_fields(
    name = if (!missing(name)) name,
    version = if (!missing(version)) version,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/model-versions/get-download-uri", query = query, response = "json", client = client)
}

#' Set a tag on a model version.
#'
#' Low-level call of `POST /api/2.0/mlflow/model-versions/set-tag` (operationId `setModelVersionTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param version Required. A string.
#' @param key Required. A string.
#' @param value A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_set_model_version_tag <- function(name, version, key, value = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    version = if (!missing(version)) version,
    key = if (!missing(key)) key,
    value = value,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/model-versions/set-tag", body = body, response = "json", client = client)
}

#' Delete a tag from a model version.
#'
#' Low-level call of `DELETE /api/2.0/mlflow/model-versions/delete-tag` (operationId `deleteModelVersionTag`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param version Required. A string.
#' @param key Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_model_version_tag <- function(name, version, key, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    version = if (!missing(version)) version,
    key = if (!missing(key)) key,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/model-versions/delete-tag", body = body, response = "json", client = client)
}

#' The registry's audit trail.
#'
#' Every version creation and deletion, stage transition, alias set, move and removal, model rename and deletion: who (the authenticated user, else the `user_id` sent), when, from and to, and the comment given. Append-only; oldest first.
#'
#' Low-level call of `GET /api/2.0/trackline/registry/history` (operationId `getRegistryHistory`).
#'
#' @param name Only this registered model (its current name; earlier names follow renames). A string.
#' @param version Only this version. A string.
#' @param action Only this kind of event. A string, one of `CREATE_REGISTERED_MODEL`, `RENAME_REGISTERED_MODEL`, `DELETE_REGISTERED_MODEL`, `CREATE_MODEL_VERSION`, `DELETE_MODEL_VERSION`, `TRANSITION_STAGE`, `SET_ALIAS`, `DELETE_ALIAS`.
#' @param start_time Only events at or after this time (ms since the epoch). A whole number (64-bit; sent as a JSON number).
#' @param end_time Only events at or before this time (ms since the epoch). A whole number (64-bit; sent as a JSON number).
#' @param max_results The most events in one page (1 to 10000, default 1000). A whole number (64-bit; sent as a JSON number).
#' @param page_token The `next_page_token` of the previous page. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `GetRegistryHistoryResponse`.
#' @family low-level API
#' @export
tl_api_get_registry_history <- function(name = NULL, version = NULL, action = NULL, start_time = NULL, end_time = NULL, max_results = NULL, page_token = NULL, ..., client = NULL) {
  query <- tl_fields(
    name = name,
    version = version,
    action = action,
    start_time = start_time,
    end_time = end_time,
    max_results = max_results,
    page_token = page_token,
    ...
  )
  tl_call("GET", "/api/2.0/trackline/registry/history", query = query, response = "json", client = client)
}

#' Create a logged model (MLflow 3), in PENDING state until finalized.
#'
#' Low-level call of `POST /api/2.0/mlflow/logged-models` (operationId `createLoggedModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param name A string.
#' @param model_type A string.
#' @param source_run_id A string.
#' @param params A list of `LoggedModelParameter` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param tags A list of `LoggedModelTag` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `LoggedModelResponse`.
#' @family low-level API
#' @export
tl_api_create_logged_model <- function(experiment_id, name = NULL, model_type = NULL, source_run_id = NULL, params = NULL, tags = NULL, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    name = name,
    model_type = model_type,
    source_run_id = source_run_id,
    params = tl_array(params),
    tags = tl_array(tags),
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/logged-models", body = body, response = "json", client = client)
}

#' Search logged models of some experiments.
#'
#' Filter: `name`, `model_id`, `status`, `source_run_id`, `model_type` (`= != LIKE ILIKE IN NOT IN`), `creation_timestamp`, `last_updated_timestamp` (numeric), `params.<key>`, `tags.<key>`, `metrics.<key>`, joined by `AND`.
#'
#' Low-level call of `POST /api/2.0/mlflow/logged-models/search` (operationId `searchLoggedModels`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_ids Required. A vector or list of strings (always sent as a JSON array).
#' @param filter A string.
#' @param datasets A list of `LoggedModelDatasetFilter` objects (named lists with fields `dataset_name`, `dataset_digest`), or a data frame with those columns (one row per object).
#' @param max_results A whole number (sent as a JSON number).
#' @param order_by A list of `LoggedModelOrderBy` objects (named lists with fields `field_name`, `ascending`, `dataset_name`, `dataset_digest`), or a data frame with those columns (one row per object).
#' @param page_token A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `SearchLoggedModelsResponse`.
#' @family low-level API
#' @export
tl_api_search_logged_models <- function(experiment_ids, filter = NULL, datasets = NULL, max_results = NULL, order_by = NULL, page_token = NULL, ..., client = NULL) {
  body <- tl_fields(
    experiment_ids = tl_array(if (!missing(experiment_ids)) experiment_ids),
    filter = filter,
    datasets = tl_array(datasets),
    max_results = max_results,
    order_by = tl_array(order_by),
    page_token = page_token,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/logged-models/search", body = body, response = "json", client = client)
}

#' Get a logged model.
#'
#' Low-level call of `GET /api/2.0/mlflow/logged-models/{model_id}` (operationId `getLoggedModel`).
#'
#' @param model_id Required. Part of the URL path. The logged model's id (`m-` and 32 hex digits). A string.
#' @param allow_deleted Return the model even when it is deleted. `TRUE` or `FALSE` (sent as a JSON boolean).
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `LoggedModelResponse`.
#' @family low-level API
#' @export
tl_api_get_logged_model <- function(model_id, allow_deleted = NULL, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow/logged-models/{model_id}", list(
    model_id = tl_path_value(if (!missing(model_id)) model_id, "model_id", multi_segment = FALSE)
  ))
  query <- tl_fields(
    allow_deleted = allow_deleted,
    ...
  )
  tl_call("GET", url_path, query = query, response = "json", client = client)
}

#' Set a logged model's final status (READY or UPLOAD_FAILED).
#'
#' Low-level call of `PATCH /api/2.0/mlflow/logged-models/{model_id}` (operationId `finalizeLoggedModel`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param model_id Required. Part of the URL path. The logged model's id (`m-` and 32 hex digits). A string.
#' @param body_model_id The body field `model_id`. A string.
#' @param status Required. A string, one of `LOGGED_MODEL_STATUS_UNSPECIFIED`, `LOGGED_MODEL_PENDING`, `LOGGED_MODEL_READY`, `LOGGED_MODEL_UPLOAD_FAILED`.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `LoggedModelResponse`.
#' @family low-level API
#' @export
tl_api_finalize_logged_model <- function(model_id, body_model_id = NULL, status, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow/logged-models/{model_id}", list(
    model_id = tl_path_value(if (!missing(model_id)) model_id, "model_id", multi_segment = FALSE)
  ))
  body <- tl_fields(
    model_id = body_model_id,
    status = if (!missing(status)) status,
    ...
  )
  tl_call("PATCH", url_path, body = body, response = "json", client = client)
}

#' Delete a logged model.
#'
#' Low-level call of `DELETE /api/2.0/mlflow/logged-models/{model_id}` (operationId `deleteLoggedModel`).
#'
#' @param model_id Required. Part of the URL path. The logged model's id (`m-` and 32 hex digits). A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_logged_model <- function(model_id, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow/logged-models/{model_id}", list(
    model_id = tl_path_value(if (!missing(model_id)) model_id, "model_id", multi_segment = FALSE)
  ))
  query <- tl_fields(
    ...
  )
  tl_call("DELETE", url_path, query = query, response = "json", client = client)
}

#' Set tags on a logged model.
#'
#' Low-level call of `PATCH /api/2.0/mlflow/logged-models/{model_id}/tags` (operationId `setLoggedModelTags`).
#'
#' @param model_id Required. Part of the URL path. The logged model's id (`m-` and 32 hex digits). A string.
#' @param body_model_id The body field `model_id`. A string.
#' @param tags A list of `LoggedModelTag` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_set_logged_model_tags <- function(model_id, body_model_id = NULL, tags = NULL, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow/logged-models/{model_id}/tags", list(
    model_id = tl_path_value(if (!missing(model_id)) model_id, "model_id", multi_segment = FALSE)
  ))
  body <- tl_fields(
    model_id = body_model_id,
    tags = tl_array(tags),
    ...
  )
  tl_call("PATCH", url_path, body = body, response = "json", client = client)
}

#' Delete a tag from a logged model.
#'
#' Low-level call of `DELETE /api/2.0/mlflow/logged-models/{model_id}/tags/{tag_key}` (operationId `deleteLoggedModelTag`).
#'
#' @param model_id Required. Part of the URL path. The logged model's id (`m-` and 32 hex digits). A string.
#' @param tag_key Required. Part of the URL path. The tag's key. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_logged_model_tag <- function(model_id, tag_key, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow/logged-models/{model_id}/tags/{tag_key}", list(
    model_id = tl_path_value(if (!missing(model_id)) model_id, "model_id", multi_segment = FALSE),
    tag_key = tl_path_value(if (!missing(tag_key)) tag_key, "tag_key", multi_segment = FALSE)
  ))
  query <- tl_fields(
    ...
  )
  tl_call("DELETE", url_path, query = query, response = "json", client = client)
}

#' Log parameters of a logged model.
#'
#' Low-level call of `POST /api/2.0/mlflow/logged-models/{model_id}/params` (operationId `logLoggedModelParams`).
#'
#' @param model_id Required. Part of the URL path. The logged model's id (`m-` and 32 hex digits). A string.
#' @param body_model_id The body field `model_id`. A string.
#' @param params A list of `LoggedModelParameter` objects (named lists with fields `key`, `value`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_log_logged_model_params <- function(model_id, body_model_id = NULL, params = NULL, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow/logged-models/{model_id}/params", list(
    model_id = tl_path_value(if (!missing(model_id)) model_id, "model_id", multi_segment = FALSE)
  ))
  body <- tl_fields(
    model_id = body_model_id,
    params = tl_array(params),
    ...
  )
  tl_call("POST", url_path, body = body, response = "json", client = client)
}

#' Upload a file to the artifact store.
#'
#' The body is the file's raw bytes (any content type); it is streamed to the store, so files of any size use constant server memory. An existing file is replaced.
#'
#' Low-level call of `PUT /api/2.0/mlflow-artifacts/artifacts/{path}` (operationId `uploadArtifact`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param path Required. Part of the URL path. A file's path relative to the artifact store's root; it may hold slashes. A string.
#' @param body Required. The request body (`application/octet-stream`): a raw vector, or a character string sent as its UTF-8 bytes.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return An empty string: the response has no body.
#' @family low-level API
#' @export
tl_api_upload_artifact <- function(path, body, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow-artifacts/artifacts/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  query <- tl_fields(
    ...
  )
  if (missing(body)) body <- raw()
  tl_call("PUT", url_path, query = query, body = body, content_type = "application/octet-stream", response = "text", client = client)
}

#' Download a file from the artifact store.
#'
#' The file is streamed as an attachment.
#'
#' Low-level call of `GET /api/2.0/mlflow-artifacts/artifacts/{path}` (operationId `downloadArtifact`).
#'
#' @param path Required. Part of the URL path. A file's path relative to the artifact store's root; it may hold slashes. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`application/octet-stream`) as a raw vector.
#' @family low-level API
#' @export
tl_api_download_artifact <- function(path, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow-artifacts/artifacts/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  query <- tl_fields(
    ...
  )
  tl_call("GET", url_path, query = query, response = "raw", client = client)
}

#' Delete a file or a directory tree from the artifact store.
#'
#' Low-level call of `DELETE /api/2.0/mlflow-artifacts/artifacts/{path}` (operationId `deleteArtifact`).
#'
#' @param path Required. Part of the URL path. A file's path relative to the artifact store's root; it may hold slashes. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_artifact <- function(path, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow-artifacts/artifacts/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  query <- tl_fields(
    ...
  )
  tl_call("DELETE", url_path, query = query, response = "json", client = client)
}

#' List one directory of the artifact store.
#'
#' Paths in the answer are the entries' names (not full paths). A path that is a file, or does not exist, gives an empty answer `{}`.
#'
#' Low-level call of `GET /api/2.0/mlflow-artifacts/artifacts` (operationId `listArtifactsProxy`).
#'
#' @param path A directory relative to the artifact store's root (the root when left out). A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ListArtifactsProxyResponse`.
#' @family low-level API
#' @export
tl_api_list_artifacts_proxy <- function(path = NULL, ..., client = NULL) {
  query <- tl_fields(
    path = path,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow-artifacts/artifacts", query = query, response = "json", client = client)
}

#' Start a multipart upload of one file.
#'
#' Returns an upload id and one upload URL per part. Each part's bytes are sent with `PUT` to its URL (on this server); `complete` then joins the parts in order.
#'
#' Low-level call of `POST /api/2.0/mlflow-artifacts/mpu/create/{path}` (operationId `createMultipartUpload`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param path Required. Part of the URL path. A file's path relative to the artifact store's root; it may hold slashes. A string.
#' @param body_path The body field `path`. The same path as in the URL. A string.
#' @param num_parts Required. How many parts the file is sent in (1 to 10000). A whole number (64-bit; sent as a JSON number).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `CreateMultipartUploadResponse`.
#' @family low-level API
#' @export
tl_api_create_multipart_upload <- function(path, body_path = NULL, num_parts, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow-artifacts/mpu/create/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  body <- tl_fields(
    path = body_path,
    num_parts = if (!missing(num_parts)) num_parts,
    ...
  )
  tl_call("POST", url_path, body = body, response = "json", client = client)
}

#' Upload one part of a multipart upload.
#'
#' Low-level call of `PUT /api/2.0/mlflow-artifacts/mpu/part/{path}` (operationId `uploadMultipartPart`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param path Required. Part of the URL path. A file's path relative to the artifact store's root; it may hold slashes. A string.
#' @param upload_id Required. The id from `create`. A string.
#' @param part_number Required. The part's number, from 1. A whole number (sent as a JSON number).
#' @param body Required. The request body (`application/octet-stream`): a raw vector, or a character string sent as its UTF-8 bytes.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `UploadMultipartPartResponse`.
#' @family low-level API
#' @export
tl_api_upload_multipart_part <- function(path, upload_id, part_number, body, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow-artifacts/mpu/part/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  query <- tl_fields(
    upload_id = if (!missing(upload_id)) upload_id,
    part_number = if (!missing(part_number)) part_number,
    ...
  )
  if (missing(body)) body <- raw()
  tl_call("PUT", url_path, query = query, body = body, content_type = "application/octet-stream", response = "json", client = client)
}

#' Join the uploaded parts into the file.
#'
#' Low-level call of `POST /api/2.0/mlflow-artifacts/mpu/complete/{path}` (operationId `completeMultipartUpload`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param path Required. Part of the URL path. A file's path relative to the artifact store's root; it may hold slashes. A string.
#' @param body_path The body field `path`. A string.
#' @param upload_id Required. A string.
#' @param parts Required. A list of `MultipartUploadPart` objects (named lists with fields `part_number`, `etag`, `url`), or a data frame with those columns (one row per object).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_complete_multipart_upload <- function(path, body_path = NULL, upload_id, parts, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow-artifacts/mpu/complete/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  body <- tl_fields(
    path = body_path,
    upload_id = if (!missing(upload_id)) upload_id,
    parts = tl_array(if (!missing(parts)) parts),
    ...
  )
  tl_call("POST", url_path, body = body, response = "json", client = client)
}

#' Drop a multipart upload and its parts.
#'
#' Low-level call of `POST /api/2.0/mlflow-artifacts/mpu/abort/{path}` (operationId `abortMultipartUpload`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param path Required. Part of the URL path. A file's path relative to the artifact store's root; it may hold slashes. A string.
#' @param body_path The body field `path`. A string.
#' @param upload_id Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_abort_multipart_upload <- function(path, body_path = NULL, upload_id, ..., client = NULL) {
  url_path <- tl_expand_path("/api/2.0/mlflow-artifacts/mpu/abort/{path}", list(
    path = tl_path_value(if (!missing(path)) path, "path", multi_segment = TRUE)
  ))
  body <- tl_fields(
    path = body_path,
    upload_id = if (!missing(upload_id)) upload_id,
    ...
  )
  tl_call("POST", url_path, body = body, response = "json", client = client)
}

#' The distinct param, metric and tag keys of an experiment's runs.
#'
#' Every key logged by any run of the experiment (in the given lifecycle stages), sorted. The web UI's column chooser offers these, so it sees keys of all runs, not only of the runs loaded so far.
#'
#' Low-level call of `GET /api/2.0/trackline/experiments/keys` (operationId `getExperimentKeys`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. The experiment's id. A string.
#' @param run_view_type Which runs to look at (default `ACTIVE_ONLY`). A string, one of `ACTIVE_ONLY`, `DELETED_ONLY`, `ALL`.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ExperimentKeys`.
#' @family low-level API
#' @export
tl_api_get_experiment_keys <- function(experiment_id, run_view_type = NULL, ..., client = NULL) {
  query <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    run_view_type = run_view_type,
    ...
  )
  tl_call("GET", "/api/2.0/trackline/experiments/keys", query = query, response = "json", client = client)
}

#' One page of the runs table, with the chosen columns only and the total count.
#'
#' Takes the filter and `order_by` grammar of `runs/search`, plus `attributes.duration` (end time minus start time) as the first `order_by` key. Pages by `offset`, so a table can fetch any window of rows; `total_count` is the number of matching runs. Each row carries the run's attributes, its parent run (tag `mlflow.parentRunId`), its source (tag `mlflow.source.name`), how many child runs it has, and the values of the param, metric (latest value) and tag keys asked for. `top_level_only` leaves out child runs; `parent_run_id` returns only the children of one run.
#'
#' Low-level call of `POST /api/2.0/trackline/runs/table` (operationId `searchRunsTable`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_ids Required. A vector or list of strings (always sent as a JSON array).
#' @param filter A string.
#' @param run_view_type Which lifecycle stages a search includes (also accepted as 1, 2, 3). A string, one of `ACTIVE_ONLY`, `DELETED_ONLY`, `ALL`.
#' @param order_by A vector or list of strings (always sent as a JSON array).
#' @param param_keys Param columns (at most 200 keys in all three lists). A vector or list of strings (always sent as a JSON array).
#' @param metric_keys Metric columns (their latest values). A vector or list of strings (always sent as a JSON array).
#' @param tag_keys Tag columns. A vector or list of strings (always sent as a JSON array).
#' @param all_columns Instead of `param_keys` and `metric_keys`: every param and metric key that the rows of this window have (at most 50 of each, the first by name). For a first view before any column is chosen. `TRUE` or `FALSE` (sent as a JSON boolean).
#' @param offset Rows to skip (0 to 1000000, default 0). A whole number (sent as a JSON number).
#' @param max_results 1 to 1000 (default 100). A whole number (sent as a JSON number).
#' @param top_level_only Leave out runs that have a parent run. `TRUE` or `FALSE` (sent as a JSON boolean).
#' @param parent_run_id Only the child runs of this run. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RunsTableResponse`.
#' @family low-level API
#' @export
tl_api_search_runs_table <- function(experiment_ids, filter = NULL, run_view_type = NULL, order_by = NULL, param_keys = NULL, metric_keys = NULL, tag_keys = NULL, all_columns = NULL, offset = NULL, max_results = NULL, top_level_only = NULL, parent_run_id = NULL, ..., client = NULL) {
  body <- tl_fields(
    experiment_ids = tl_array(if (!missing(experiment_ids)) experiment_ids),
    filter = filter,
    run_view_type = run_view_type,
    order_by = tl_array(order_by),
    param_keys = tl_array(param_keys),
    metric_keys = tl_array(metric_keys),
    tag_keys = tl_array(tag_keys),
    all_columns = all_columns,
    offset = offset,
    max_results = max_results,
    top_level_only = top_level_only,
    parent_run_id = parent_run_id,
    ...
  )
  tl_call("POST", "/api/2.0/trackline/runs/table", body = body, response = "json", client = client)
}

#' Metric histories of several runs, downsampled for a chart, keeping every extreme.
#'
#' For each run and metric key, the points inside `[x_min, x_max]` (all of them when left out) are split into `buckets` equal ranges of x, and each range keeps its first, last, lowest and highest point (M4 downsampling): a line drawn through them has the same spikes and the same envelope as one drawn through every point. A series of at most `4 * buckets` points comes back whole. x is the step, the wall time (ms since the epoch) or the time since the series' first point (ms). NaN values are left out. At most 100 runs, 50 keys and 500 series in one request.
#'
#' Low-level call of `GET /api/2.0/trackline/metrics/downsample` (operationId `getMetricHistoryDownsampled`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_ids Required. The runs (repeat the key for each one). A vector or list of strings (always sent as a JSON array).
#' @param metric_keys Required. The metric keys (repeat the key for each one). A vector or list of strings (always sent as a JSON array).
#' @param x_axis What x is (default `step`). A string, one of `step`, `time`, `relative`.
#' @param buckets How many x ranges to keep extremes of (2 to 5000, default 1000). A whole number (sent as a JSON number).
#' @param x_min The smallest x to include. A number (sent as a JSON number; `NaN` and infinities as strings).
#' @param x_max The largest x to include. A number (sent as a JSON number; `NaN` and infinities as strings).
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `DownsampledMetricsResponse`.
#' @family low-level API
#' @export
tl_api_get_metric_history_downsampled <- function(run_ids, metric_keys, x_axis = NULL, buckets = NULL, x_min = NULL, x_max = NULL, ..., client = NULL) {
  query <- tl_fields(
    run_ids = tl_array(if (!missing(run_ids)) run_ids),
    metric_keys = tl_array(if (!missing(metric_keys)) metric_keys),
    x_axis = x_axis,
    buckets = buckets,
    x_min = x_min,
    x_max = x_max,
    ...
  )
  tl_call("GET", "/api/2.0/trackline/metrics/downsample", query = query, response = "json", client = client)
}

#' Read one file of a run's artifacts, wherever the run's artifacts are stored.
#'
#' `path` is relative to the run's artifact root, as `artifacts/list` gives it. The file is streamed with a content type guessed from its name, under a sandboxing Content-Security-Policy so that an HTML or SVG artifact cannot run scripts in the server's origin.
#'
#' Low-level call of `GET /api/2.0/trackline/runs/artifact` (operationId `getRunArtifact`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param run_id The run's id (required unless `run_uuid` is given). A string.
#' @param run_uuid Deprecated spelling of `run_id`. A string.
#' @param path Required. The file's path relative to the run's artifact root. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`application/octet-stream`) as a raw vector.
#' @family low-level API
#' @export
tl_api_get_run_artifact <- function(run_id = NULL, run_uuid = NULL, path, ..., client = NULL) {
  query <- tl_fields(
    run_id = run_id,
    run_uuid = run_uuid,
    path = if (!missing(path)) path,
    ...
  )
  tl_call("GET", "/api/2.0/trackline/runs/artifact", query = query, response = "raw", client = client)
}

#' The server's capabilities.
#'
#' Low-level call of `GET /api/3.0/mlflow/server-info` (operationId `getServerInfo`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ServerInfo`.
#' @family low-level API
#' @export
tl_api_get_server_info <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/api/3.0/mlflow/server-info", query = query, response = "json", client = client)
}

#' Liveness check.
#'
#' Answers `OK` once the server can take requests.
#'
#' Low-level call of `GET /health` (operationId `health`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`text/plain`) as a string.
#' @family low-level API
#' @export
tl_api_health <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/health", query = query, response = "text", client = client)
}

#' Readiness check.
#'
#' Whether this server can serve requests now: its database answers a query and its artifact store (the proxy's directory or bucket) answers. Each check is `ok`, `not used` (this server runs without it) or `unavailable (<error type>)`. A load balancer or orchestrator sends traffic only to replicas that answer 200; `/health` only says that the process is up.
#'
#' Low-level call of `GET /ready` (operationId `readiness`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Readiness`.
#' @family low-level API
#' @export
tl_api_readiness <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/ready", query = query, response = "json", client = client)
}

#' Prometheus metrics.
#'
#' The server's metrics in Prometheus' text exposition format (version 0.0.4, served as `text/plain; version=0.0.4`), summed over the server's worker processes: requests and their latency per operationId, method and status (`trackline_http_requests_total`, `trackline_http_request_duration_seconds`), database pool use (`trackline_db_pool_connections{state="in_use"|"open"}`, `trackline_db_pool_capacity`, `trackline_db_pool_checkouts_total`), artifact bytes through the proxy (`trackline_artifact_bytes_total{direction="in"|"out"}`) and requests refused because a dependency was down (`trackline_unavailable_total{dependency}`). Scrape each replica directly, not through the load balancer. A server started with `--no-metrics` answers 404.
#'
#' Low-level call of `GET /metrics` (operationId `getMetrics`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`text/plain`) as a string.
#' @family low-level API
#' @export
tl_api_get_metrics <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/metrics", query = query, response = "text", client = client)
}

#' The server's version.
#'
#' Low-level call of `GET /version` (operationId `getVersion`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`text/plain`) as a string.
#' @family low-level API
#' @export
tl_api_get_version <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/version", query = query, response = "text", client = client)
}

#' This API description.
#'
#' Low-level call of `GET /openapi.yaml` (operationId `getOpenApiSpec`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body (`application/yaml`) as a string.
#' @family low-level API
#' @export
tl_api_get_open_api_spec <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/openapi.yaml", query = query, response = "text", client = client)
}

#' Create a user (admin only).
#'
#' MLflow's basic-auth route. The password must be at least 12 characters. Usernames are stored exactly as sent (1 to 256 characters, no control characters).
#'
#' Low-level call of `POST /api/2.0/mlflow/users/create` (operationId `createUser`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param password Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `UserResponse`.
#' @family low-level API
#' @export
tl_api_create_user <- function(username, password, ..., client = NULL) {
  body <- tl_fields(
    username = if (!missing(username)) username,
    password = if (!missing(password)) password,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/users/create", body = body, response = "json", client = client)
}

#' Get a user (yourself, or anyone for an admin).
#'
#' Low-level call of `GET /api/2.0/mlflow/users/get` (operationId `getUser`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `UserResponse`.
#' @family low-level API
#' @export
tl_api_get_user <- function(username, ..., client = NULL) {
  query <- tl_fields(
    username = if (!missing(username)) username,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/users/get", query = query, response = "json", client = client)
}

#' The user the request is authenticated as.
#'
#' Low-level call of `GET /api/2.0/mlflow/users/current` (operationId `getCurrentUser`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `CurrentUserResponse`.
#' @family low-level API
#' @export
tl_api_get_current_user <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/users/current", query = query, response = "json", client = client)
}

#' Every user (admin only).
#'
#' Low-level call of `GET /api/2.0/mlflow/users/list` (operationId `listUsers`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ListUsersResponse`.
#' @family low-level API
#' @export
tl_api_list_users <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/users/list", query = query, response = "json", client = client)
}

#' Change a password (your own, with `current_password`; anyone's for an admin).
#'
#' Changing your own password needs `current_password`, and the new one must differ from it. Every access token of the user stays valid; revoke them separately.
#'
#' Low-level call of `PATCH /api/2.0/mlflow/users/update-password` (operationId `updateUserPassword`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param password Required. A string.
#' @param current_password Your current password, needed to change your own. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_update_user_password <- function(username, password, current_password = NULL, ..., client = NULL) {
  body <- tl_fields(
    username = if (!missing(username)) username,
    password = if (!missing(password)) password,
    current_password = current_password,
    ...
  )
  tl_call("PATCH", "/api/2.0/mlflow/users/update-password", body = body, response = "json", client = client)
}

#' Make a user an admin or not (admin only).
#'
#' Low-level call of `PATCH /api/2.0/mlflow/users/update-admin` (operationId `updateUserAdmin`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param is_admin Required. `TRUE` or `FALSE` (sent as a JSON boolean).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_update_user_admin <- function(username, is_admin, ..., client = NULL) {
  body <- tl_fields(
    username = if (!missing(username)) username,
    is_admin = if (!missing(is_admin)) is_admin,
    ...
  )
  tl_call("PATCH", "/api/2.0/mlflow/users/update-admin", body = body, response = "json", client = client)
}

#' Delete a user with their grants and tokens (admin only; not yourself).
#'
#' Low-level call of `DELETE /api/2.0/mlflow/users/delete` (operationId `deleteUser`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_user <- function(username, ..., client = NULL) {
  body <- tl_fields(
    username = if (!missing(username)) username,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/users/delete", body = body, response = "json", client = client)
}

#' Grant a user a permission on an experiment or a registered model.
#'
#' Needs MANAGE on the resource (or admin). A user holds at most one grant per resource: a second grant answers `RESOURCE_ALREADY_EXISTS` (revoke, then grant).
#'
#' Low-level call of `POST /api/3.0/mlflow/users/permissions/grant` (operationId `grantUserPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param resource_type Required. A string, one of `experiment`, `registered_model`.
#' @param resource_id Required. An experiment's id, or a registered model's name. A string.
#' @param permission Required. What a grant allows. READ: read; USE: read and use; EDIT: also change; MANAGE: also delete and grant; DENY: nothing, whatever the default permission is. NO_PERMISSIONS (MLflow 2.x's name) is taken as DENY. A string, one of `READ`, `USE`, `EDIT`, `MANAGE`, `DENY`, `NO_PERMISSIONS`.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_grant_user_permission <- function(username, resource_type, resource_id, permission, ..., client = NULL) {
  body <- tl_fields(
    username = if (!missing(username)) username,
    resource_type = if (!missing(resource_type)) resource_type,
    resource_id = if (!missing(resource_id)) resource_id,
    permission = if (!missing(permission)) permission,
    ...
  )
  tl_call("POST", "/api/3.0/mlflow/users/permissions/grant", body = body, response = "json", client = client)
}

#' Revoke a user's grant on a resource (needs MANAGE on it).
#'
#' Low-level call of `POST /api/3.0/mlflow/users/permissions/revoke` (operationId `revokeUserPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param resource_type Required. A string, one of `experiment`, `registered_model`.
#' @param resource_id Required. An experiment's id, or a registered model's name. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_revoke_user_permission <- function(username, resource_type, resource_id, ..., client = NULL) {
  body <- tl_fields(
    username = if (!missing(username)) username,
    resource_type = if (!missing(resource_type)) resource_type,
    resource_id = if (!missing(resource_id)) resource_id,
    ...
  )
  tl_call("POST", "/api/3.0/mlflow/users/permissions/revoke", body = body, response = "json", client = client)
}

#' A user's effective permission on a resource (yourself, or with MANAGE on it).
#'
#' The grant if there is one, else the server's default permission. `allowed` is true when the permission is USE or more.
#'
#' Low-level call of `GET /api/3.0/mlflow/users/permissions/get` (operationId `getUserPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param username Required. A string.
#' @param resource_type Required. A string, one of `experiment`, `registered_model`.
#' @param resource_id Required. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `GetUserPermissionResponse`.
#' @family low-level API
#' @export
tl_api_get_user_permission <- function(username, resource_type, resource_id, ..., client = NULL) {
  query <- tl_fields(
    username = if (!missing(username)) username,
    resource_type = if (!missing(resource_type)) resource_type,
    resource_id = if (!missing(resource_id)) resource_id,
    ...
  )
  tl_call("GET", "/api/3.0/mlflow/users/permissions/get", query = query, response = "json", client = client)
}

#' Grant a permission on an experiment (MLflow 2.x route; needs MANAGE on it).
#'
#' Low-level call of `POST /api/2.0/mlflow/experiments/permissions/create` (operationId `createExperimentPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param username Required. A string.
#' @param permission Required. What a grant allows. READ: read; USE: read and use; EDIT: also change; MANAGE: also delete and grant; DENY: nothing, whatever the default permission is. NO_PERMISSIONS (MLflow 2.x's name) is taken as DENY. A string, one of `READ`, `USE`, `EDIT`, `MANAGE`, `DENY`, `NO_PERMISSIONS`.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ExperimentPermissionResponse`.
#' @family low-level API
#' @export
tl_api_create_experiment_permission <- function(experiment_id, username, permission, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    username = if (!missing(username)) username,
    permission = if (!missing(permission)) permission,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/experiments/permissions/create", body = body, response = "json", client = client)
}

#' A user's grant on an experiment (MLflow 2.x route; yourself, or with MANAGE).
#'
#' Low-level call of `GET /api/2.0/mlflow/experiments/permissions/get` (operationId `getExperimentPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param username Required. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ExperimentPermissionResponse`.
#' @family low-level API
#' @export
tl_api_get_experiment_permission <- function(experiment_id, username, ..., client = NULL) {
  query <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    username = if (!missing(username)) username,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/experiments/permissions/get", query = query, response = "json", client = client)
}

#' Change a user's grant on an experiment (MLflow 2.x route; needs MANAGE).
#'
#' Low-level call of `PATCH /api/2.0/mlflow/experiments/permissions/update` (operationId `updateExperimentPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param username Required. A string.
#' @param permission Required. What a grant allows. READ: read; USE: read and use; EDIT: also change; MANAGE: also delete and grant; DENY: nothing, whatever the default permission is. NO_PERMISSIONS (MLflow 2.x's name) is taken as DENY. A string, one of `READ`, `USE`, `EDIT`, `MANAGE`, `DENY`, `NO_PERMISSIONS`.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_update_experiment_permission <- function(experiment_id, username, permission, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    username = if (!missing(username)) username,
    permission = if (!missing(permission)) permission,
    ...
  )
  tl_call("PATCH", "/api/2.0/mlflow/experiments/permissions/update", body = body, response = "json", client = client)
}

#' Remove a user's grant on an experiment (MLflow 2.x route; needs MANAGE).
#'
#' Low-level call of `DELETE /api/2.0/mlflow/experiments/permissions/delete` (operationId `deleteExperimentPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param experiment_id Required. A string.
#' @param username Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_experiment_permission <- function(experiment_id, username, ..., client = NULL) {
  body <- tl_fields(
    experiment_id = if (!missing(experiment_id)) experiment_id,
    username = if (!missing(username)) username,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/experiments/permissions/delete", body = body, response = "json", client = client)
}

#' Grant a permission on a registered model (MLflow 2.x route; needs MANAGE on it).
#'
#' Low-level call of `POST /api/2.0/mlflow/registered-models/permissions/create` (operationId `createRegisteredModelPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param username Required. A string.
#' @param permission Required. What a grant allows. READ: read; USE: read and use; EDIT: also change; MANAGE: also delete and grant; DENY: nothing, whatever the default permission is. NO_PERMISSIONS (MLflow 2.x's name) is taken as DENY. A string, one of `READ`, `USE`, `EDIT`, `MANAGE`, `DENY`, `NO_PERMISSIONS`.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RegisteredModelPermissionResponse`.
#' @family low-level API
#' @export
tl_api_create_registered_model_permission <- function(name, username, permission, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    username = if (!missing(username)) username,
    permission = if (!missing(permission)) permission,
    ...
  )
  tl_call("POST", "/api/2.0/mlflow/registered-models/permissions/create", body = body, response = "json", client = client)
}

#' A user's grant on a registered model (MLflow 2.x route; yourself, or with MANAGE).
#'
#' Low-level call of `GET /api/2.0/mlflow/registered-models/permissions/get` (operationId `getRegisteredModelPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param username Required. A string.
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `RegisteredModelPermissionResponse`.
#' @family low-level API
#' @export
tl_api_get_registered_model_permission <- function(name, username, ..., client = NULL) {
  query <- tl_fields(
    name = if (!missing(name)) name,
    username = if (!missing(username)) username,
    ...
  )
  tl_call("GET", "/api/2.0/mlflow/registered-models/permissions/get", query = query, response = "json", client = client)
}

#' Change a user's grant on a registered model (MLflow 2.x route; needs MANAGE).
#'
#' Low-level call of `PATCH /api/2.0/mlflow/registered-models/permissions/update` (operationId `updateRegisteredModelPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param username Required. A string.
#' @param permission Required. What a grant allows. READ: read; USE: read and use; EDIT: also change; MANAGE: also delete and grant; DENY: nothing, whatever the default permission is. NO_PERMISSIONS (MLflow 2.x's name) is taken as DENY. A string, one of `READ`, `USE`, `EDIT`, `MANAGE`, `DENY`, `NO_PERMISSIONS`.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_update_registered_model_permission <- function(name, username, permission, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    username = if (!missing(username)) username,
    permission = if (!missing(permission)) permission,
    ...
  )
  tl_call("PATCH", "/api/2.0/mlflow/registered-models/permissions/update", body = body, response = "json", client = client)
}

#' Remove a user's grant on a registered model (MLflow 2.x route; needs MANAGE).
#'
#' Low-level call of `DELETE /api/2.0/mlflow/registered-models/permissions/delete` (operationId `deleteRegisteredModelPermission`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param name Required. A string.
#' @param username Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_delete_registered_model_permission <- function(name, username, ..., client = NULL) {
  body <- tl_fields(
    name = if (!missing(name)) name,
    username = if (!missing(username)) username,
    ...
  )
  tl_call("DELETE", "/api/2.0/mlflow/registered-models/permissions/delete", body = body, response = "json", client = client)
}

#' Create an access token for yourself.
#'
#' The token's secret is in this answer only: the server keeps a hash of it. Send it as `Authorization: Bearer <token>` (what `MLFLOW_TRACKING_TOKEN` sends), or as the password of HTTP Basic with your username. A token acts as its user, with the user's permissions.
#'
#' Low-level call of `POST /api/2.0/trackline/tokens/create` (operationId `createAccessToken`).
#'
#' @param name What the token is for. A string.
#' @param expires_in_days Days until the token stops working; absent for a token that does not expire. A whole number (64-bit; sent as a JSON number).
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `CreateAccessTokenResponse`.
#' @family low-level API
#' @export
tl_api_create_access_token <- function(name = NULL, expires_in_days = NULL, ..., client = NULL) {
  body <- tl_fields(
    name = name,
    expires_in_days = expires_in_days,
    ...
  )
  tl_call("POST", "/api/2.0/trackline/tokens/create", body = body, response = "json", client = client)
}

#' Your access tokens (never their secrets).
#'
#' Low-level call of `GET /api/2.0/trackline/tokens/list` (operationId `listAccessTokens`).
#'
#' @param ... Further query parameters, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `ListAccessTokensResponse`.
#' @family low-level API
#' @export
tl_api_list_access_tokens <- function(..., client = NULL) {
  query <- tl_fields(
    ...
  )
  tl_call("GET", "/api/2.0/trackline/tokens/list", query = query, response = "json", client = client)
}

#' Revoke one of your access tokens (an admin may revoke anyone's).
#'
#' Low-level call of `POST /api/2.0/trackline/tokens/revoke` (operationId `revokeAccessToken`). Required fields are not checked here: the server answers a missing one with `INVALID_PARAMETER_VALUE`.
#'
#' @param token_id Required. A string.
#' @param ... Further body fields, sent as given.
#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].
#' @return The response body parsed into lists, in the wire shape of `Empty`.
#' @family low-level API
#' @export
tl_api_revoke_access_token <- function(token_id, ..., client = NULL) {
  body <- tl_fields(
    token_id = if (!missing(token_id)) token_id,
    ...
  )
  tl_call("POST", "/api/2.0/trackline/tokens/revoke", body = body, response = "json", client = client)
}

#' The operations of the low-level API
#'
#' One row per operationId of the spec, with the R function that calls it.
#'
#' @return A data frame with columns `operation_id`, `fun`, `method` and `path`.
#' @family low-level API
#' @export
tl_api_operations <- function() {
  rows <- list(
    c("createExperiment", "tl_api_create_experiment", "POST", "/api/2.0/mlflow/experiments/create"),
    c("getExperiment", "tl_api_get_experiment", "GET", "/api/2.0/mlflow/experiments/get"),
    c("getExperimentByName", "tl_api_get_experiment_by_name", "GET", "/api/2.0/mlflow/experiments/get-by-name"),
    c("searchExperiments", "tl_api_search_experiments", "POST", "/api/2.0/mlflow/experiments/search"),
    c("searchExperimentsGet", "tl_api_search_experiments_get", "GET", "/api/2.0/mlflow/experiments/search"),
    c("updateExperiment", "tl_api_update_experiment", "POST", "/api/2.0/mlflow/experiments/update"),
    c("deleteExperiment", "tl_api_delete_experiment", "POST", "/api/2.0/mlflow/experiments/delete"),
    c("restoreExperiment", "tl_api_restore_experiment", "POST", "/api/2.0/mlflow/experiments/restore"),
    c("setExperimentTag", "tl_api_set_experiment_tag", "POST", "/api/2.0/mlflow/experiments/set-experiment-tag"),
    c("deleteExperimentTag", "tl_api_delete_experiment_tag", "POST", "/api/2.0/mlflow/experiments/delete-experiment-tag"),
    c("createRun", "tl_api_create_run", "POST", "/api/2.0/mlflow/runs/create"),
    c("getRun", "tl_api_get_run", "GET", "/api/2.0/mlflow/runs/get"),
    c("updateRun", "tl_api_update_run", "POST", "/api/2.0/mlflow/runs/update"),
    c("deleteRun", "tl_api_delete_run", "POST", "/api/2.0/mlflow/runs/delete"),
    c("restoreRun", "tl_api_restore_run", "POST", "/api/2.0/mlflow/runs/restore"),
    c("searchRuns", "tl_api_search_runs", "POST", "/api/2.0/mlflow/runs/search"),
    c("logMetric", "tl_api_log_metric", "POST", "/api/2.0/mlflow/runs/log-metric"),
    c("logParam", "tl_api_log_param", "POST", "/api/2.0/mlflow/runs/log-parameter"),
    c("setTag", "tl_api_set_tag", "POST", "/api/2.0/mlflow/runs/set-tag"),
    c("deleteTag", "tl_api_delete_tag", "POST", "/api/2.0/mlflow/runs/delete-tag"),
    c("logBatch", "tl_api_log_batch", "POST", "/api/2.0/mlflow/runs/log-batch"),
    c("logInputs", "tl_api_log_inputs", "POST", "/api/2.0/mlflow/runs/log-inputs"),
    c("logModel", "tl_api_log_model", "POST", "/api/2.0/mlflow/runs/log-model"),
    c("logOutputs", "tl_api_log_outputs", "POST", "/api/2.0/mlflow/runs/outputs"),
    c("getMetricHistory", "tl_api_get_metric_history", "GET", "/api/2.0/mlflow/metrics/get-history"),
    c("getMetricHistoryBulkInterval", "tl_api_get_metric_history_bulk_interval", "GET", "/api/2.0/mlflow/metrics/get-history-bulk-interval"),
    c("listArtifacts", "tl_api_list_artifacts", "GET", "/api/2.0/mlflow/artifacts/list"),
    c("createRegisteredModel", "tl_api_create_registered_model", "POST", "/api/2.0/mlflow/registered-models/create"),
    c("getRegisteredModel", "tl_api_get_registered_model", "GET", "/api/2.0/mlflow/registered-models/get"),
    c("renameRegisteredModel", "tl_api_rename_registered_model", "POST", "/api/2.0/mlflow/registered-models/rename"),
    c("updateRegisteredModel", "tl_api_update_registered_model", "PATCH", "/api/2.0/mlflow/registered-models/update"),
    c("deleteRegisteredModel", "tl_api_delete_registered_model", "DELETE", "/api/2.0/mlflow/registered-models/delete"),
    c("searchRegisteredModels", "tl_api_search_registered_models", "GET", "/api/2.0/mlflow/registered-models/search"),
    c("searchRegisteredModelsPost", "tl_api_search_registered_models_post", "POST", "/api/2.0/mlflow/registered-models/search"),
    c("getLatestVersions", "tl_api_get_latest_versions", "POST", "/api/2.0/mlflow/registered-models/get-latest-versions"),
    c("getLatestVersionsGet", "tl_api_get_latest_versions_get", "GET", "/api/2.0/mlflow/registered-models/get-latest-versions"),
    c("setRegisteredModelTag", "tl_api_set_registered_model_tag", "POST", "/api/2.0/mlflow/registered-models/set-tag"),
    c("deleteRegisteredModelTag", "tl_api_delete_registered_model_tag", "DELETE", "/api/2.0/mlflow/registered-models/delete-tag"),
    c("setRegisteredModelAlias", "tl_api_set_registered_model_alias", "POST", "/api/2.0/mlflow/registered-models/alias"),
    c("deleteRegisteredModelAlias", "tl_api_delete_registered_model_alias", "DELETE", "/api/2.0/mlflow/registered-models/alias"),
    c("getModelVersionByAlias", "tl_api_get_model_version_by_alias", "GET", "/api/2.0/mlflow/registered-models/alias"),
    c("createModelVersion", "tl_api_create_model_version", "POST", "/api/2.0/mlflow/model-versions/create"),
    c("getModelVersion", "tl_api_get_model_version", "GET", "/api/2.0/mlflow/model-versions/get"),
    c("updateModelVersion", "tl_api_update_model_version", "PATCH", "/api/2.0/mlflow/model-versions/update"),
    c("deleteModelVersion", "tl_api_delete_model_version", "DELETE", "/api/2.0/mlflow/model-versions/delete"),
    c("transitionModelVersionStage", "tl_api_transition_model_version_stage", "POST", "/api/2.0/mlflow/model-versions/transition-stage"),
    c("searchModelVersions", "tl_api_search_model_versions", "GET", "/api/2.0/mlflow/model-versions/search"),
    c("getModelVersionDownloadUri", "tl_api_get_model_version_download_uri", "GET", "/api/2.0/mlflow/model-versions/get-download-uri"),
    c("setModelVersionTag", "tl_api_set_model_version_tag", "POST", "/api/2.0/mlflow/model-versions/set-tag"),
    c("deleteModelVersionTag", "tl_api_delete_model_version_tag", "DELETE", "/api/2.0/mlflow/model-versions/delete-tag"),
    c("getRegistryHistory", "tl_api_get_registry_history", "GET", "/api/2.0/trackline/registry/history"),
    c("createLoggedModel", "tl_api_create_logged_model", "POST", "/api/2.0/mlflow/logged-models"),
    c("searchLoggedModels", "tl_api_search_logged_models", "POST", "/api/2.0/mlflow/logged-models/search"),
    c("getLoggedModel", "tl_api_get_logged_model", "GET", "/api/2.0/mlflow/logged-models/{model_id}"),
    c("finalizeLoggedModel", "tl_api_finalize_logged_model", "PATCH", "/api/2.0/mlflow/logged-models/{model_id}"),
    c("deleteLoggedModel", "tl_api_delete_logged_model", "DELETE", "/api/2.0/mlflow/logged-models/{model_id}"),
    c("setLoggedModelTags", "tl_api_set_logged_model_tags", "PATCH", "/api/2.0/mlflow/logged-models/{model_id}/tags"),
    c("deleteLoggedModelTag", "tl_api_delete_logged_model_tag", "DELETE", "/api/2.0/mlflow/logged-models/{model_id}/tags/{tag_key}"),
    c("logLoggedModelParams", "tl_api_log_logged_model_params", "POST", "/api/2.0/mlflow/logged-models/{model_id}/params"),
    c("uploadArtifact", "tl_api_upload_artifact", "PUT", "/api/2.0/mlflow-artifacts/artifacts/{path}"),
    c("downloadArtifact", "tl_api_download_artifact", "GET", "/api/2.0/mlflow-artifacts/artifacts/{path}"),
    c("deleteArtifact", "tl_api_delete_artifact", "DELETE", "/api/2.0/mlflow-artifacts/artifacts/{path}"),
    c("listArtifactsProxy", "tl_api_list_artifacts_proxy", "GET", "/api/2.0/mlflow-artifacts/artifacts"),
    c("createMultipartUpload", "tl_api_create_multipart_upload", "POST", "/api/2.0/mlflow-artifacts/mpu/create/{path}"),
    c("uploadMultipartPart", "tl_api_upload_multipart_part", "PUT", "/api/2.0/mlflow-artifacts/mpu/part/{path}"),
    c("completeMultipartUpload", "tl_api_complete_multipart_upload", "POST", "/api/2.0/mlflow-artifacts/mpu/complete/{path}"),
    c("abortMultipartUpload", "tl_api_abort_multipart_upload", "POST", "/api/2.0/mlflow-artifacts/mpu/abort/{path}"),
    c("getExperimentKeys", "tl_api_get_experiment_keys", "GET", "/api/2.0/trackline/experiments/keys"),
    c("searchRunsTable", "tl_api_search_runs_table", "POST", "/api/2.0/trackline/runs/table"),
    c("getMetricHistoryDownsampled", "tl_api_get_metric_history_downsampled", "GET", "/api/2.0/trackline/metrics/downsample"),
    c("getRunArtifact", "tl_api_get_run_artifact", "GET", "/api/2.0/trackline/runs/artifact"),
    c("getServerInfo", "tl_api_get_server_info", "GET", "/api/3.0/mlflow/server-info"),
    c("health", "tl_api_health", "GET", "/health"),
    c("readiness", "tl_api_readiness", "GET", "/ready"),
    c("getMetrics", "tl_api_get_metrics", "GET", "/metrics"),
    c("getVersion", "tl_api_get_version", "GET", "/version"),
    c("getOpenApiSpec", "tl_api_get_open_api_spec", "GET", "/openapi.yaml"),
    c("createUser", "tl_api_create_user", "POST", "/api/2.0/mlflow/users/create"),
    c("getUser", "tl_api_get_user", "GET", "/api/2.0/mlflow/users/get"),
    c("getCurrentUser", "tl_api_get_current_user", "GET", "/api/2.0/mlflow/users/current"),
    c("listUsers", "tl_api_list_users", "GET", "/api/2.0/mlflow/users/list"),
    c("updateUserPassword", "tl_api_update_user_password", "PATCH", "/api/2.0/mlflow/users/update-password"),
    c("updateUserAdmin", "tl_api_update_user_admin", "PATCH", "/api/2.0/mlflow/users/update-admin"),
    c("deleteUser", "tl_api_delete_user", "DELETE", "/api/2.0/mlflow/users/delete"),
    c("grantUserPermission", "tl_api_grant_user_permission", "POST", "/api/3.0/mlflow/users/permissions/grant"),
    c("revokeUserPermission", "tl_api_revoke_user_permission", "POST", "/api/3.0/mlflow/users/permissions/revoke"),
    c("getUserPermission", "tl_api_get_user_permission", "GET", "/api/3.0/mlflow/users/permissions/get"),
    c("createExperimentPermission", "tl_api_create_experiment_permission", "POST", "/api/2.0/mlflow/experiments/permissions/create"),
    c("getExperimentPermission", "tl_api_get_experiment_permission", "GET", "/api/2.0/mlflow/experiments/permissions/get"),
    c("updateExperimentPermission", "tl_api_update_experiment_permission", "PATCH", "/api/2.0/mlflow/experiments/permissions/update"),
    c("deleteExperimentPermission", "tl_api_delete_experiment_permission", "DELETE", "/api/2.0/mlflow/experiments/permissions/delete"),
    c("createRegisteredModelPermission", "tl_api_create_registered_model_permission", "POST", "/api/2.0/mlflow/registered-models/permissions/create"),
    c("getRegisteredModelPermission", "tl_api_get_registered_model_permission", "GET", "/api/2.0/mlflow/registered-models/permissions/get"),
    c("updateRegisteredModelPermission", "tl_api_update_registered_model_permission", "PATCH", "/api/2.0/mlflow/registered-models/permissions/update"),
    c("deleteRegisteredModelPermission", "tl_api_delete_registered_model_permission", "DELETE", "/api/2.0/mlflow/registered-models/permissions/delete"),
    c("createAccessToken", "tl_api_create_access_token", "POST", "/api/2.0/trackline/tokens/create"),
    c("listAccessTokens", "tl_api_list_access_tokens", "GET", "/api/2.0/trackline/tokens/list"),
    c("revokeAccessToken", "tl_api_revoke_access_token", "POST", "/api/2.0/trackline/tokens/revoke")
  )
  m <- do.call(rbind, rows)
  data.frame(operation_id = m[, 1], fun = m[, 2], method = m[, 3], path = m[, 4],
             stringsAsFactors = FALSE)
}

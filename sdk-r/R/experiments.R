#' Create an experiment
#'
#' @param name A unique name.
#' @param artifact_location Where the experiment's artifacts go; the server decides by default.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @param tags Tags as a named list (`list(team = "growth")`) or a data frame with columns
#'   `key` and `value`.
#' @return The new experiment's id, a string.
#' @examples
#' \dontrun{
#' id <- mlflow_create_experiment("churn-model", tags = list(team = "growth"))
#' }
#' @family experiments
#' @export
mlflow_create_experiment <- function(name, artifact_location = NULL, client = NULL,
                                     tags = NULL) {
  res <- tl_api_create_experiment(
    name = name, artifact_location = artifact_location,
    tags = tl_key_values(tags, "tags"), client = tl_resolve_client(client)
  )
  res$experiment_id
}

#' Get an experiment
#'
#' By id, by name, or else the active experiment.
#'
#' @param experiment_id The experiment's id.
#' @param name The experiment's name (instead of `experiment_id`).
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return A one-row tibble of class `mlflow_experiment` with columns `experiment_id`, `name`,
#'   `artifact_location`, `lifecycle_stage`, `creation_time` and `last_update_time` (POSIXct)
#'   and `tags` (a list of tibbles with columns `key` and `value`).
#' @examples
#' \dontrun{
#' mlflow_get_experiment(name = "churn-model")
#' }
#' @family experiments
#' @export
mlflow_get_experiment <- function(experiment_id = NULL, name = NULL, client = NULL) {
  client <- tl_resolve_client(client)
  if (!is.null(name) && !is.null(experiment_id)) {
    tl_abort("Give only one of `experiment_id` and `name`.")
  }
  res <- if (!is.null(name)) {
    tl_api_get_experiment_by_name(experiment_name = name, client = client)
  } else {
    id <- if (is.null(experiment_id)) tl_default_experiment_id(client) else experiment_id
    tl_api_get_experiment(experiment_id = tl_experiment_id_arg(id), client = client)
  }
  tl_experiment_object(res$experiment)
}

#' Search experiments
#'
#' @param filter A filter such as `"name LIKE 'churn%'"` or `"tags.team = 'growth'"`.
#' @param experiment_view_type Which experiments: `"ACTIVE_ONLY"`, `"DELETED_ONLY"` or `"ALL"`.
#' @param max_results The most experiments to return in this page.
#' @param order_by Order keys such as `"name ASC"` (a vector or list).
#' @param page_token The `next_page_token` of a previous call.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return A list with `experiments` (a tibble as described in [mlflow_get_experiment()], one
#'   row per experiment) and `next_page_token` (`NULL` on the last page).
#' @examples
#' \dontrun{
#' mlflow_search_experiments(filter = "name LIKE 'churn%'")$experiments
#' }
#' @family experiments
#' @export
mlflow_search_experiments <- function(filter = NULL,
                                      experiment_view_type = c("ACTIVE_ONLY", "DELETED_ONLY",
                                                               "ALL"),
                                      max_results = 1000, order_by = list(), page_token = NULL,
                                      client = NULL) {
  experiment_view_type <- match.arg(experiment_view_type)
  res <- tl_api_search_experiments(
    max_results = max_results, page_token = page_token, filter = filter,
    order_by = if (length(order_by)) order_by, view_type = experiment_view_type,
    client = tl_resolve_client(client)
  )
  list(
    experiments = tl_experiments_tibble(res$experiments %||% list()),
    next_page_token = res$next_page_token
  )
}

#' Set the active experiment
#'
#' Runs started by [mlflow_start_run()] go to the active experiment. Given a name that no
#' experiment has, creates that experiment.
#'
#' @param experiment_name The experiment's name.
#' @param experiment_id The experiment's id (instead of `experiment_name`).
#' @param artifact_location Artifact location for an experiment created here.
#' @return The experiment's id, invisibly.
#' @examples
#' \dontrun{
#' mlflow_set_experiment("churn-model")
#' }
#' @family experiments
#' @export
mlflow_set_experiment <- function(experiment_name = NULL, experiment_id = NULL,
                                  artifact_location = NULL) {
  if (is.null(experiment_name) == is.null(experiment_id)) {
    tl_abort("Give exactly one of `experiment_name` and `experiment_id`.")
  }
  client <- mlflow_client()
  if (!is.null(experiment_name)) {
    exp <- tryCatch(
      tl_api_get_experiment_by_name(experiment_name = experiment_name, client = client),
      trackline_error = function(e) {
        if (!tl_is_error_code(e, "RESOURCE_DOES_NOT_EXIST")) stop(e)
        NULL
      }
    )
    if (is.null(exp)) {
      id <- mlflow_create_experiment(experiment_name, artifact_location, client = client)
      tl_set_active_experiment_id(id)
      return(invisible(id))
    }
    exp <- exp$experiment
  } else {
    exp <- tl_api_get_experiment(experiment_id = tl_experiment_id_arg(experiment_id),
                                 client = client)$experiment
  }
  if (identical(exp$lifecycle_stage, "deleted")) {
    tl_abort("Experiment '", exp$name, "' (id ", exp$experiment_id, ") is deleted; restore it ",
             "with mlflow_restore_experiment() first.")
  }
  tl_set_active_experiment_id(exp$experiment_id)
  invisible(exp$experiment_id)
}

#' Set a tag on an experiment
#'
#' @param key The tag's key.
#' @param value The tag's value (turned into a string).
#' @param experiment_id The experiment's id; by default the active experiment.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_set_experiment_tag("team", "growth")
#' }
#' @family experiments
#' @export
mlflow_set_experiment_tag <- function(key, value, experiment_id = NULL, client = NULL) {
  client <- tl_resolve_client(client)
  id <- if (is.null(experiment_id)) tl_default_experiment_id(client) else experiment_id
  tl_api_set_experiment_tag(experiment_id = tl_experiment_id_arg(id), key = key,
                            value = tl_as_value_string(value), client = client)
  invisible(NULL)
}

#' Delete an experiment
#'
#' Marks the experiment and its runs deleted. The active experiment cannot be deleted.
#'
#' @param experiment_id The experiment's id.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_experiment("3")
#' }
#' @family experiments
#' @export
mlflow_delete_experiment <- function(experiment_id, client = NULL) {
  id <- tl_experiment_id_arg(experiment_id)
  if (identical(id, tl_active_experiment_id())) {
    tl_abort("Cannot delete the active experiment: activate another one first.")
  }
  tl_api_delete_experiment(experiment_id = id, client = tl_resolve_client(client))
  invisible(NULL)
}

#' Restore a deleted experiment
#'
#' @param experiment_id The experiment's id.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_restore_experiment("3")
#' }
#' @family experiments
#' @export
mlflow_restore_experiment <- function(experiment_id, client = NULL) {
  tl_api_restore_experiment(experiment_id = tl_experiment_id_arg(experiment_id),
                            client = tl_resolve_client(client))
  invisible(NULL)
}

#' Rename an experiment
#'
#' @param new_name The new name.
#' @param experiment_id The experiment's id; by default the active experiment.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_rename_experiment("churn-model-v2", experiment_id = "3")
#' }
#' @family experiments
#' @export
mlflow_rename_experiment <- function(new_name, experiment_id = NULL, client = NULL) {
  client <- tl_resolve_client(client)
  id <- if (is.null(experiment_id)) tl_default_experiment_id(client) else experiment_id
  tl_api_update_experiment(experiment_id = tl_experiment_id_arg(id), new_name = new_name,
                           client = client)
  invisible(NULL)
}

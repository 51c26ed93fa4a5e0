# The model registry: registered models, versions, stages, tags and aliases. As in MLflow's R
# package, the functions return the server's objects as parsed JSON (named lists in the wire
# shape: `registered_model`, `model_version` and so on, unwrapped); the audit trail, in
# registry-history.R, comes back as a tibble.

# Who makes a change, sent as `user_id` for the registry history (a server with
# authentication records the authenticated user instead).
tl_registry_user <- function(user_id) {
  if (is.null(user_id)) return(tl_user_name())
  tl_string_arg(user_id, "user_id")
}

tl_string_arg <- function(x, what) {
  if (length(x) != 1 || is.na(x)) tl_abort("`", what, "` must be a single value")
  tl_as_value_string(x)
}

tl_version_arg <- function(version) {
  if (is.null(version)) tl_abort("`version` is required")
  tl_string_arg(version, "version")
}

tl_optional_string <- function(x, what) if (is.null(x)) NULL else tl_string_arg(x, what)

# Tags as a named list or vector, a data frame with `key` and `value`, or a list of
# list(key =, value =) objects.
tl_registry_tags <- function(tags) {
  if (is.null(tags) || !length(tags)) return(NULL)
  if (is.list(tags) && !is.data.frame(tags) && is.null(names(tags)) &&
      all(vapply(tags, function(t) is.list(t) && !is.null(t$key), TRUE))) {
    return(data.frame(
      key = vapply(tags, function(t) as.character(t$key), ""),
      value = vapply(tags, function(t) tl_as_value_string(t$value %||% ""), ""),
      stringsAsFactors = FALSE
    ))
  }
  tl_key_values(tags, "tags")
}

# Follows next_page_token until `max_results` items (all when NULL) are collected, or returns
# the one page that starts at `page_token`.
tl_collect_pages <- function(fetch, key, max_results, page_token) {
  page_size <- getOption("trackline.search_page_size", 1000)
  if (!is.null(page_token)) {
    res <- fetch(max_results, page_token)
    return(list(items = res[[key]] %||% list(), next_page_token = res$next_page_token))
  }
  items <- list()
  token <- NULL
  repeat {
    n <- page_size
    if (!is.null(max_results)) n <- min(n, max_results - length(items))
    res <- fetch(n, token)
    items <- c(items, res[[key]] %||% list())
    token <- res$next_page_token
    if (is.null(token) || !nzchar(token)) {
      token <- NULL
      break
    }
    if (!is.null(max_results) && length(items) >= max_results) break
  }
  list(items = items, next_page_token = token)
}

# ---- registered models --------------------------------------------------------------------

#' Create a registered model
#'
#' @param name A unique name.
#' @param tags Tags: a named list (`list(team = "growth")`), a data frame with columns `key`
#'   and `value`, or a list of `list(key =, value =)`.
#' @param description A description.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The new registered model: a named list with `name`, `creation_timestamp`,
#'   `last_updated_timestamp` (milliseconds since the epoch), `description`, `tags`, ...
#' @examples
#' \dontrun{
#' mlflow_create_registered_model("churn-classifier", tags = list(team = "growth"))
#' }
#' @family registry
#' @export
mlflow_create_registered_model <- function(name, tags = NULL, description = NULL,
                                           client = NULL) {
  res <- tl_api_create_registered_model(
    name = tl_string_arg(name, "name"), tags = tl_registry_tags(tags),
    description = description, client = tl_resolve_client(client)
  )
  res$registered_model
}

#' Get a registered model
#'
#' @param name The model's name.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The registered model (a named list), with `latest_versions` (the highest version
#'   in each stage) and `aliases`.
#' @examples
#' \dontrun{
#' mlflow_get_registered_model("churn-classifier")$latest_versions
#' }
#' @family registry
#' @export
mlflow_get_registered_model <- function(name, client = NULL) {
  tl_api_get_registered_model(name = tl_string_arg(name, "name"),
                              client = tl_resolve_client(client))$registered_model
}

#' Rename a registered model
#'
#' Its versions, tags and aliases move with it.
#'
#' @param name The current name.
#' @param new_name The new name.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The renamed model (a named list).
#' @examples
#' \dontrun{
#' mlflow_rename_registered_model("churn-classifier", "churn-model")
#' }
#' @family registry
#' @export
mlflow_rename_registered_model <- function(name, new_name, client = NULL) {
  tl_api_rename_registered_model(
    name = tl_string_arg(name, "name"), new_name = tl_string_arg(new_name, "new_name"),
    client = tl_resolve_client(client)
  )$registered_model
}

#' Update a registered model
#'
#' @param name The model's name.
#' @param description The new description.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The updated model (a named list).
#' @examples
#' \dontrun{
#' mlflow_update_registered_model("churn-classifier", "Predicts churn within 30 days.")
#' }
#' @family registry
#' @export
mlflow_update_registered_model <- function(name, description, client = NULL) {
  tl_api_update_registered_model(
    name = tl_string_arg(name, "name"), description = tl_string_arg(description, "description"),
    client = tl_resolve_client(client)
  )$registered_model
}

#' Delete a registered model
#'
#' Deletes the model with all its versions, tags and aliases.
#'
#' @param name The model's name.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_registered_model("churn-classifier")
#' }
#' @family registry
#' @export
mlflow_delete_registered_model <- function(name, client = NULL) {
  tl_api_delete_registered_model(name = tl_string_arg(name, "name"),
                                 client = tl_resolve_client(client))
  invisible(NULL)
}

#' Search registered models
#'
#' Returns every matching model: the pages the server returns are fetched and joined. Give
#' `max_results` to stop after that many, or `page_token` to fetch only the page that starts
#' there (of up to `max_results` models).
#'
#' @param filter A filter such as `"name LIKE 'churn%'"` or `"tags.team = 'growth'"`.
#' @param max_results The most models to return; all by default.
#' @param order_by Order keys such as `"name ASC"` or `"last_updated_timestamp DESC"`.
#' @param page_token The `next_page_token` of a previous call.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return A list with `registered_models` (a list of models, each a named list) and
#'   `next_page_token` (`NULL` when there are no more).
#' @examples
#' \dontrun{
#' models <- mlflow_search_registered_models(filter = "name LIKE 'churn%'")
#' vapply(models$registered_models, function(m) m$name, "")
#' }
#' @family registry
#' @export
mlflow_search_registered_models <- function(filter = NULL, max_results = NULL,
                                            order_by = list(), page_token = NULL,
                                            client = NULL) {
  client <- tl_resolve_client(client)
  pages <- tl_collect_pages(function(n, token) {
    tl_api_search_registered_models(
      filter = filter, max_results = n, order_by = if (length(order_by)) unlist(order_by),
      page_token = token, client = client
    )
  }, "registered_models", max_results, page_token)
  list(registered_models = pages$items, next_page_token = pages$next_page_token)
}

#' Get the latest versions of a registered model
#'
#' @param name The model's name.
#' @param stages Stages to look in (such as `list("Production")`); all stages by default.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return A list of model versions (named lists): the highest version in each stage that has
#'   any.
#' @examples
#' \dontrun{
#' mlflow_get_latest_versions("churn-classifier", stages = list("Production"))
#' }
#' @family registry
#' @export
mlflow_get_latest_versions <- function(name, stages = list(), client = NULL) {
  res <- tl_api_get_latest_versions_get(
    name = tl_string_arg(name, "name"),
    stages = if (length(stages)) as.character(unlist(stages)),
    client = tl_resolve_client(client)
  )
  res$model_versions %||% list()
}

#' Set a tag on a registered model
#'
#' @param name The model's name.
#' @param key The tag's key.
#' @param value The tag's value (turned into a string).
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_set_registered_model_tag("churn-classifier", "team", "growth")
#' }
#' @family registry
#' @export
mlflow_set_registered_model_tag <- function(name, key, value, client = NULL) {
  tl_api_set_registered_model_tag(
    name = tl_string_arg(name, "name"), key = tl_string_arg(key, "key"),
    value = tl_string_arg(value, "value"), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' Delete a tag from a registered model
#'
#' @param name The model's name.
#' @param key The tag's key.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_registered_model_tag("churn-classifier", "team")
#' }
#' @family registry
#' @export
mlflow_delete_registered_model_tag <- function(name, key, client = NULL) {
  tl_api_delete_registered_model_tag(
    name = tl_string_arg(name, "name"), key = tl_string_arg(key, "key"),
    client = tl_resolve_client(client)
  )
  invisible(NULL)
}

# ---- model versions -----------------------------------------------------------------------

#' Create a model version
#'
#' Registers a new version of a model; versions are numbered 1, 2, 3, ... per model.
#'
#' @param name The registered model's name.
#' @param source Where the version's files are: `models:/<model_id>`, `runs:/<run_id>/<path>`,
#'   an `mlflow-artifacts:/` URI, ...
#' @param run_id The run that produced it.
#' @param tags Tags, as for [mlflow_create_registered_model()] (they are sent, unlike in
#'   MLflow's R package).
#' @param run_link A link to the run.
#' @param description A description.
#' @param comment Why, for the registry history.
#' @param user_id Who registers it, for the registry history; by default the user name of
#'   this R session. A server with authentication records the authenticated user instead.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The new model version (a named list with `name`, `version`, `current_stage`,
#'   `source`, `run_id`, `status`, `tags`, ...).
#' @examples
#' \dontrun{
#' mv <- mlflow_create_model_version("churn-classifier", "runs:/9f1c3a5e/model",
#'                                   run_id = "9f1c3a5e", tags = list(validated = "false"))
#' mv$version
#' }
#' @family registry
#' @export
mlflow_create_model_version <- function(name, source, run_id = NULL, tags = NULL,
                                        run_link = NULL, description = NULL, comment = NULL,
                                        user_id = NULL, client = NULL) {
  res <- tl_api_create_model_version(
    name = tl_string_arg(name, "name"), source = tl_string_arg(source, "source"),
    run_id = if (!is.null(run_id)) tl_run_id_arg(run_id), tags = tl_registry_tags(tags),
    run_link = run_link, description = description, comment = comment,
    user_id = tl_registry_user(user_id), client = tl_resolve_client(client)
  )
  res$model_version
}

#' Get a model version
#'
#' @param name The registered model's name.
#' @param version The version number.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The model version (a named list).
#' @examples
#' \dontrun{
#' mlflow_get_model_version("churn-classifier", 2)$current_stage
#' }
#' @family registry
#' @export
mlflow_get_model_version <- function(name, version, client = NULL) {
  tl_api_get_model_version(name = tl_string_arg(name, "name"), version = tl_version_arg(version),
                           client = tl_resolve_client(client))$model_version
}

#' Update a model version
#'
#' @param name The registered model's name.
#' @param version The version number.
#' @param description The new description.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The updated model version (a named list).
#' @examples
#' \dontrun{
#' mlflow_update_model_version("churn-classifier", 1, "First baseline.")
#' }
#' @family registry
#' @export
mlflow_update_model_version <- function(name, version, description, client = NULL) {
  tl_api_update_model_version(
    name = tl_string_arg(name, "name"), version = tl_version_arg(version),
    description = tl_string_arg(description, "description"), client = tl_resolve_client(client)
  )$model_version
}

#' Delete a model version
#'
#' Its number is not reused.
#'
#' @inheritParams mlflow_create_model_version
#' @param version The version number.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_model_version("churn-classifier", 1)
#' }
#' @family registry
#' @export
mlflow_delete_model_version <- function(name, version, comment = NULL, user_id = NULL,
                                        client = NULL) {
  tl_api_delete_model_version(
    name = tl_string_arg(name, "name"), version = tl_version_arg(version), comment = comment,
    user_id = tl_registry_user(user_id), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' Transition a model version's stage
#'
#' Moves a version to `None`, `Staging`, `Production` or `Archived`. The move is recorded in
#' the registry history (see [mlflow_get_registry_history()]).
#'
#' @inheritParams mlflow_create_model_version
#' @param version The version number.
#' @param stage The new stage.
#' @param archive_existing_versions `TRUE` to move the other versions in the target stage
#'   (Staging or Production) to Archived. Sent as a JSON boolean.
#' @param comment Why, for the registry history.
#' @param user_id Who makes the move, for the registry history; by default the user name of
#'   this R session. A server with authentication records the authenticated user instead.
#' @return The model version in its new stage (a named list).
#' @examples
#' \dontrun{
#' mlflow_transition_model_version_stage("churn-classifier", 2, "Production",
#'                                       archive_existing_versions = TRUE,
#'                                       comment = "approved in review 42")
#' }
#' @family registry
#' @export
mlflow_transition_model_version_stage <- function(name, version, stage,
                                                  archive_existing_versions = FALSE,
                                                  comment = NULL, user_id = NULL,
                                                  client = NULL) {
  if (!is.logical(archive_existing_versions) || length(archive_existing_versions) != 1 ||
      is.na(archive_existing_versions)) {
    tl_abort("`archive_existing_versions` must be TRUE or FALSE")
  }
  tl_api_transition_model_version_stage(
    name = tl_string_arg(name, "name"), version = tl_version_arg(version),
    stage = tl_string_arg(stage, "stage"), archive_existing_versions = archive_existing_versions,
    comment = comment, user_id = tl_registry_user(user_id), client = tl_resolve_client(client)
  )$model_version
}

#' Search model versions
#'
#' Returns every matching version: the pages the server returns are fetched and joined. Give
#' `max_results` to stop after that many, or `page_token` to fetch only the page that starts
#' there (of up to `max_results` versions).
#'
#' @param filter A filter such as `"name = 'churn-classifier'"` or
#'   `"current_stage = 'Production'"`.
#' @param max_results The most versions to return; all by default.
#' @param order_by Order keys such as `"version_number DESC"`.
#' @param page_token The `next_page_token` of a previous call.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return A list with `model_versions` (a list of versions, each a named list) and
#'   `next_page_token` (`NULL` when there are no more).
#' @examples
#' \dontrun{
#' mlflow_search_model_versions("name = 'churn-classifier'")$model_versions
#' }
#' @family registry
#' @export
mlflow_search_model_versions <- function(filter = NULL, max_results = NULL, order_by = list(),
                                         page_token = NULL, client = NULL) {
  client <- tl_resolve_client(client)
  pages <- tl_collect_pages(function(n, token) {
    tl_api_search_model_versions(
      filter = filter, max_results = n, order_by = if (length(order_by)) unlist(order_by),
      page_token = token, client = client
    )
  }, "model_versions", max_results, page_token)
  list(model_versions = pages$items, next_page_token = pages$next_page_token)
}

#' Where a model version's files are
#'
#' @param name The registered model's name.
#' @param version The version number.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The artifact URI, a string.
#' @examples
#' \dontrun{
#' mlflow_get_model_version_download_uri("churn-classifier", 2)
#' }
#' @family registry
#' @export
mlflow_get_model_version_download_uri <- function(name, version, client = NULL) {
  tl_api_get_model_version_download_uri(
    name = tl_string_arg(name, "name"), version = tl_version_arg(version),
    client = tl_resolve_client(client)
  )$artifact_uri
}

#' Set a tag on a model version
#'
#' Give the version, or a stage to tag the latest version in that stage.
#'
#' @param name The registered model's name.
#' @param version The version number.
#' @param key The tag's key.
#' @param value The tag's value (turned into a string).
#' @param stage A stage, instead of `version`.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_set_model_version_tag("churn-classifier", 2, "validated", "true")
#' mlflow_set_model_version_tag("churn-classifier", key = "live", value = "yes",
#'                              stage = "Production")
#' }
#' @family registry
#' @export
mlflow_set_model_version_tag <- function(name, version = NULL, key = NULL, value = NULL,
                                         stage = NULL, client = NULL) {
  if (!is.null(version) && !is.null(stage)) tl_abort("`version` and `stage` cannot both be given")
  if (is.null(version) && is.null(stage)) tl_abort("`version` or `stage` must be given")
  if (is.null(key)) tl_abort("`key` is required")
  client <- tl_resolve_client(client)
  if (!is.null(stage)) {
    latest <- mlflow_get_latest_versions(name, stages = list(stage), client = client)
    if (!length(latest)) {
      tl_abort("No version of model '", name, "' is in stage ", stage,
               error_code = "RESOURCE_DOES_NOT_EXIST")
    }
    version <- latest[[1]]$version
  }
  tl_api_set_model_version_tag(
    name = tl_string_arg(name, "name"), version = tl_version_arg(version),
    key = tl_string_arg(key, "key"), value = tl_optional_string(value, "value"),
    client = client
  )
  invisible(NULL)
}

#' Delete a tag from a model version
#'
#' @param name The registered model's name.
#' @param version The version number.
#' @param key The tag's key.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_model_version_tag("churn-classifier", 2, "validated")
#' }
#' @family registry
#' @export
mlflow_delete_model_version_tag <- function(name, version, key, client = NULL) {
  tl_api_delete_model_version_tag(
    name = tl_string_arg(name, "name"), version = tl_version_arg(version),
    key = tl_string_arg(key, "key"), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

# ---- aliases ------------------------------------------------------------------------------

#' Set a registered model alias
#'
#' Points an alias (such as `"champion"`) at a version; an alias that pointed at another
#' version moves. The change is recorded in the registry history.
#'
#' @inheritParams mlflow_transition_model_version_stage
#' @param alias The alias.
#' @param comment Why, for the registry history.
#' @param user_id Who makes the change, for the registry history; by default the user name of
#'   this R session. A server with authentication records the authenticated user instead.
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_set_registered_model_alias("churn-classifier", "champion", 2)
#' }
#' @family registry
#' @export
mlflow_set_registered_model_alias <- function(name, alias, version, comment = NULL,
                                              user_id = NULL, client = NULL) {
  tl_api_set_registered_model_alias(
    name = tl_string_arg(name, "name"), alias = tl_string_arg(alias, "alias"),
    version = tl_version_arg(version), comment = comment,
    user_id = tl_registry_user(user_id), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' Delete a registered model alias
#'
#' @inheritParams mlflow_set_registered_model_alias
#' @return `NULL`, invisibly.
#' @examples
#' \dontrun{
#' mlflow_delete_registered_model_alias("churn-classifier", "champion")
#' }
#' @family registry
#' @export
mlflow_delete_registered_model_alias <- function(name, alias, comment = NULL, user_id = NULL,
                                                 client = NULL) {
  tl_api_delete_registered_model_alias(
    name = tl_string_arg(name, "name"), alias = tl_string_arg(alias, "alias"),
    comment = comment, user_id = tl_registry_user(user_id), client = tl_resolve_client(client)
  )
  invisible(NULL)
}

#' Get the model version an alias points at
#'
#' @param name The registered model's name.
#' @param alias The alias.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return The model version (a named list).
#' @examples
#' \dontrun{
#' mlflow_get_model_version_by_alias("churn-classifier", "champion")$version
#' }
#' @family registry
#' @export
mlflow_get_model_version_by_alias <- function(name, alias, client = NULL) {
  tl_api_get_model_version_by_alias(
    name = tl_string_arg(name, "name"), alias = tl_string_arg(alias, "alias"),
    client = tl_resolve_client(client)
  )$model_version
}

#' Search runs
#'
#' Returns every matching run: the pages the server returns are fetched and joined. Give
#' `max_results` to stop after that many runs, or `page_token` to fetch only the page that
#' starts there (of up to `max_results` runs); then the tibble's attribute `next_page_token`
#' holds the token of the following page, if there is one.
#'
#' @param filter A filter such as `"metrics.rmse < 1 and params.alpha = '0.5'"`.
#' @param run_view_type Which runs: `"ACTIVE_ONLY"`, `"DELETED_ONLY"` or `"ALL"`.
#' @param experiment_ids The experiments to search; by default the active experiment.
#' @param order_by Order keys such as `"metrics.rmse ASC"` (a vector or list).
#' @param max_results The most runs to return.
#' @param page_token The `next_page_token` of a previous call.
#' @param client An `mlflow_client`; by default one for the current tracking URI.
#' @return A tibble with one row per run and the columns described in [mlflow_get_run()].
#' @examples
#' \dontrun{
#' runs <- mlflow_search_runs(filter = "metrics.rmse < 1", order_by = "metrics.rmse")
#' }
#' @family runs
#' @export
mlflow_search_runs <- function(filter = NULL,
                               run_view_type = c("ACTIVE_ONLY", "DELETED_ONLY", "ALL"),
                               experiment_ids = NULL, order_by = list(), max_results = NULL,
                               page_token = NULL, client = NULL) {
  run_view_type <- match.arg(run_view_type)
  client <- tl_resolve_client(client)
  if (is.null(experiment_ids)) experiment_ids <- tl_default_experiment_id(client)
  if (inherits(experiment_ids, "mlflow_experiment")) experiment_ids <- mlflow_id(experiment_ids)
  page_size <- getOption("trackline.search_page_size", 1000)
  fetch <- function(n, token) {
    tl_api_search_runs(
      experiment_ids = as.character(experiment_ids), filter = filter,
      run_view_type = run_view_type, max_results = n,
      order_by = if (length(order_by)) order_by, page_token = token, client = client
    )
  }

  if (!is.null(page_token)) {
    res <- fetch(max_results, page_token)
    out <- tl_runs_tibble(res$runs %||% list())
    attr(out, "next_page_token") <- res$next_page_token
    return(out)
  }
  runs <- list()
  token <- NULL
  repeat {
    n <- page_size
    if (!is.null(max_results)) n <- min(n, max_results - length(runs))
    res <- fetch(n, token)
    runs <- c(runs, res$runs %||% list())
    token <- res$next_page_token
    if (is.null(token) || !nzchar(token)) break
    if (!is.null(max_results) && length(runs) >= max_results) break
  }
  out <- tl_runs_tibble(runs)
  if (!is.null(max_results) && !is.null(token) && nzchar(token)) {
    attr(out, "next_page_token") <- token
  }
  out
}

#' Get a metric's history
#'
#' Every value logged for the metric, in step order, fetched page by page.
#'
#' @param metric_key The metric's name.
#' @param run_id The run; by default the active run.
#' @param client An `mlflow_client` (then `run_id` is required).
#' @return A tibble with columns `key`, `value`, `timestamp` (POSIXct) and `step`.
#' @examples
#' \dontrun{
#' mlflow_get_metric_history("rmse", run_id = "9f1c3a5e0d6b4c2a8e7f6d5c4b3a2910")
#' }
#' @family runs
#' @export
mlflow_get_metric_history <- function(metric_key, run_id = NULL, client = NULL) {
  if (is.null(run_id)) {
    if (!is.null(client)) tl_abort("`run_id` must be specified when `client` is specified.")
    run_id <- tl_active_run_id()
    if (is.null(run_id)) tl_abort("There is no active run; give `run_id`.")
  }
  run_id <- tl_run_id_arg(run_id)
  client <- tl_resolve_client(client)
  page_size <- getOption("trackline.history_page_size", 25000)
  metrics <- list()
  token <- NULL
  repeat {
    res <- tl_api_get_metric_history(run_id = run_id, metric_key = metric_key,
                                     page_token = token, max_results = page_size,
                                     client = client)
    metrics <- c(metrics, res$metrics %||% list())
    token <- res$next_page_token
    if (is.null(token) || !nzchar(token)) break
  }
  tl_metrics_tibble(metrics)
}

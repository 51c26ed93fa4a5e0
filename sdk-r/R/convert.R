# Wire JSON (lists) to tibbles and back. Times are POSIXct on the R side and milliseconds
# since the epoch on the wire.

tl_posixct <- function(ms) {
  ms <- vapply(ms, function(v) if (is.null(v)) NA_real_ else as.numeric(v), 0)
  .POSIXct(ms / 1000)
}

tl_ms_from_posixct <- function(x) {
  out <- round(as.numeric(x) * 1000)
  out
}

tl_chr <- function(items, field) {
  vapply(items, function(i) {
    v <- i[[field]]
    if (is.null(v)) NA_character_ else as.character(v)
  }, "")
}

tl_num <- function(items, field, default = NA_real_) {
  vapply(items, function(i) {
    v <- i[[field]]
    if (is.null(v)) default else as.numeric(v)
  }, 0)
}

tl_key_value_tibble <- function(items) {
  tibble::tibble(key = tl_chr(items, "key"), value = tl_chr(items, "value"))
}

tl_metrics_tibble <- function(items) {
  tibble::tibble(
    key = tl_chr(items, "key"),
    # Zero values may be left out of the wire JSON, as in proto3.
    value = tl_num(items, "value", 0),
    timestamp = tl_posixct(lapply(items, function(i) i$timestamp)),
    step = tl_num(items, "step", 0)
  )
}

tl_experiments_tibble <- function(items) {
  tibble::tibble(
    experiment_id = tl_chr(items, "experiment_id"),
    name = tl_chr(items, "name"),
    artifact_location = tl_chr(items, "artifact_location"),
    lifecycle_stage = tl_chr(items, "lifecycle_stage"),
    creation_time = tl_posixct(lapply(items, function(i) i$creation_time)),
    last_update_time = tl_posixct(lapply(items, function(i) i$last_update_time)),
    tags = lapply(items, function(i) tl_key_value_tibble(i$tags %||% list()))
  )
}

tl_experiment_object <- function(item) {
  x <- tl_experiments_tibble(list(item))
  class(x) <- c("mlflow_experiment", class(x))
  x
}

tl_runs_tibble <- function(runs) {
  infos <- lapply(runs, function(r) r$info %||% list())
  data <- lapply(runs, function(r) r$data %||% list())
  ids <- tl_chr(infos, "run_id")
  uuids <- tl_chr(infos, "run_uuid")
  ids[is.na(ids)] <- uuids[is.na(ids)]
  uuids[is.na(uuids)] <- ids[is.na(uuids)]
  tibble::tibble(
    run_uuid = uuids,
    experiment_id = tl_chr(infos, "experiment_id"),
    run_name = tl_chr(infos, "run_name"),
    user_id = tl_chr(infos, "user_id"),
    status = tl_chr(infos, "status"),
    start_time = tl_posixct(lapply(infos, function(i) i$start_time)),
    end_time = tl_posixct(lapply(infos, function(i) i$end_time)),
    artifact_uri = tl_chr(infos, "artifact_uri"),
    lifecycle_stage = tl_chr(infos, "lifecycle_stage"),
    run_id = ids,
    metrics = lapply(data, function(d) tl_metrics_tibble(d$metrics %||% list())),
    params = lapply(data, function(d) tl_key_value_tibble(d$params %||% list())),
    tags = lapply(data, function(d) tl_key_value_tibble(d$tags %||% list()))
  )
}

tl_run_object <- function(run) {
  x <- tl_runs_tibble(list(run))
  class(x) <- c("mlflow_run", class(x))
  x
}

# Back to the wire shape (used by the conformance driver and handy for printing JSON).

tl_drop_na <- function(x) {
  x[!vapply(x, function(v) length(v) == 1 && is.na(v) && !(is.double(v) && is.nan(v)), TRUE)]
}

tl_key_values_wire <- function(df) {
  lapply(seq_len(nrow(df)), function(i) tl_drop_na(list(key = df$key[i], value = df$value[i])))
}

tl_metrics_wire <- function(df) {
  lapply(seq_len(nrow(df)), function(i) {
    tl_drop_na(list(
      key = df$key[i], value = df$value[i],
      timestamp = tl_ms_from_posixct(df$timestamp[i]), step = df$step[i]
    ))
  })
}

tl_run_wire <- function(runs, i) {
  info <- tl_drop_na(list(
    run_id = runs$run_id[i], run_uuid = runs$run_uuid[i], run_name = runs$run_name[i],
    experiment_id = runs$experiment_id[i], user_id = runs$user_id[i],
    status = runs$status[i], start_time = tl_ms_from_posixct(runs$start_time[i]),
    end_time = tl_ms_from_posixct(runs$end_time[i]), artifact_uri = runs$artifact_uri[i],
    lifecycle_stage = runs$lifecycle_stage[i]
  ))
  data <- list(
    metrics = tl_metrics_wire(runs$metrics[[i]]),
    params = tl_key_values_wire(runs$params[[i]]),
    tags = tl_key_values_wire(runs$tags[[i]])
  )
  data <- data[vapply(data, length, 0L) > 0]
  if (!length(data)) data <- structure(list(), names = character())
  list(info = info, data = data)
}

tl_runs_wire <- function(runs) {
  lapply(seq_len(nrow(runs)), function(i) tl_run_wire(runs, i))
}

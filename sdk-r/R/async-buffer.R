# Buffered (asynchronous) logging: the state. Calls of mlflow_log_metric(), mlflow_log_param(),
# mlflow_set_tag() and mlflow_log_batch() made with buffering on wait in one buffer per run and
# server, and go out as log-batch requests (async-flush.R). R has no threads: a buffer is sent
# by the logging call that fills it or that comes after it has waited long enough, and by
# mlflow_flush(), mlflow_end_run() and the end of the session.

.async <- new.env(parent = emptyenv())
.async$buffers <- new.env(parent = emptyenv()) # by tl_async_id(host, run_id)
.async$calls <- 0 # buffered calls so far: each entry keeps its call's number

# The functions whose calls are buffered, as entries record them (`origin`).
tl_async_origins <- c("mlflow_log_metric", "mlflow_log_param", "mlflow_set_tag",
                      "mlflow_log_batch")

# Whether a logging call is buffered: `synchronous = FALSE` buffers it, `TRUE` sends it now,
# `NULL` follows options(trackline.async_logging), else the environment variable
# MLFLOW_ENABLE_ASYNC_LOGGING (MLflow's switch), else sends it now.
tl_async_wanted <- function(synchronous) {
  if (!is.null(synchronous)) {
    if (!is.logical(synchronous) || length(synchronous) != 1 || is.na(synchronous)) {
      tl_abort("`synchronous` must be TRUE, FALSE or NULL")
    }
    return(!synchronous)
  }
  option <- getOption("trackline.async_logging")
  if (!is.null(option)) return(isTRUE(option))
  tl_env_flag("MLFLOW_ENABLE_ASYNC_LOGGING")
}

# A buffered call's key is checked here: a buffer holds strings only.
tl_async_check_key <- function(key) {
  if (!is.character(key) || length(key) != 1 || is.na(key)) {
    tl_abort("`key` must be a single string.")
  }
}

tl_async_buffer_size <- function() {
  size <- getOption("trackline.async_logging_buffer_size", 1000)
  if (!is.numeric(size) || length(size) != 1 || is.na(size) || size < 1) {
    tl_abort("options(trackline.async_logging_buffer_size) must be a positive number")
  }
  size
}

tl_async_interval <- function() getOption("trackline.async_logging_interval", 1)

tl_async_id <- function(host, run_id) paste0(host, "\r", run_id)

# A run's buffer: a closure holding one column vector per field of each kind of entry
# (metrics, params, tags), grown when full, with `add_*()` (vectorised), `size()`, `age()`
# (seconds since its oldest entry) and `take()` (everything, as data frames, emptying it).
# `seq` is the number of each entry's call, `origin` the index of its function in
# tl_async_origins.
tl_async_new_buffer <- function(client, run_id) {
  capacity <- tl_async_buffer_size()
  m_key <- character(capacity); m_value <- numeric(capacity); m_timestamp <- numeric(capacity)
  m_step <- numeric(capacity); m_seq <- numeric(capacity); m_origin <- integer(capacity)
  p_key <- character(capacity); p_value <- character(capacity)
  p_seq <- numeric(capacity); p_origin <- integer(capacity)
  t_key <- character(capacity); t_value <- character(capacity)
  t_seq <- numeric(capacity); t_origin <- integer(capacity)
  n_m <- 0; n_p <- 0; n_t <- 0
  since <- NULL # seconds since the epoch of the oldest entry

  started <- function() if (is.null(since)) since <<- as.numeric(Sys.time())
  add_metrics <- function(key, value, timestamp, step, seq, origin) {
    i <- n_m + seq_along(key)
    m_key[i] <<- key; m_value[i] <<- value; m_timestamp[i] <<- timestamp; m_step[i] <<- step
    m_seq[i] <<- seq; m_origin[i] <<- origin
    n_m <<- n_m + length(key)
    started()
  }
  add_params <- function(key, value, seq, origin) {
    i <- n_p + seq_along(key)
    p_key[i] <<- key; p_value[i] <<- value; p_seq[i] <<- seq; p_origin[i] <<- origin
    n_p <<- n_p + length(key)
    started()
  }
  add_tags <- function(key, value, seq, origin) {
    i <- n_t + seq_along(key)
    t_key[i] <<- key; t_value[i] <<- value; t_seq[i] <<- seq; t_origin[i] <<- origin
    n_t <<- n_t + length(key)
    started()
  }
  size <- function() n_m + n_p + n_t
  age <- function() if (is.null(since)) 0 else as.numeric(Sys.time()) - since
  take <- function() {
    m <- seq_len(n_m)
    p <- seq_len(n_p)
    t <- seq_len(n_t)
    out <- list(
      metrics = data.frame(key = m_key[m], value = m_value[m], timestamp = m_timestamp[m],
                           step = m_step[m], seq = m_seq[m], origin = m_origin[m],
                           stringsAsFactors = FALSE),
      params = data.frame(key = p_key[p], value = p_value[p], seq = p_seq[p],
                          origin = p_origin[p], stringsAsFactors = FALSE),
      tags = data.frame(key = t_key[t], value = t_value[t], seq = t_seq[t], origin = t_origin[t],
                        stringsAsFactors = FALSE)
    )
    n_m <<- 0; n_p <<- 0; n_t <<- 0
    since <<- NULL
    out
  }
  environment()
}

# The buffer of a run on the client's server, made when missing.
tl_async_buffer_of <- function(client, run_id) {
  id <- tl_async_id(client$host, run_id)
  b <- .async$buffers[[id]]
  if (is.null(b)) {
    b <- tl_async_new_buffer(client, run_id)
    assign(id, b, envir = .async$buffers)
  }
  b
}

# The number of the next buffered call (all rows of one mlflow_log_batch() call share one).
tl_async_next_call <- function() {
  .async$calls <- .async$calls + 1
  .async$calls
}

# After entries were added: sends the buffer when it is full or has waited long enough.
tl_async_after_add <- function(b) {
  if (b$size() >= tl_async_buffer_size() || b$age() >= tl_async_interval()) {
    tl_async_flush_buffer(b)
  }
  invisible()
}

tl_async_buffer_metric <- function(client, run_id, key, value, timestamp, step) {
  b <- tl_async_buffer_of(client, run_id)
  b$add_metrics(key, value, timestamp, step, tl_async_next_call(), 1L)
  tl_async_after_add(b)
}

tl_async_buffer_param <- function(client, run_id, key, value) {
  b <- tl_async_buffer_of(client, run_id)
  b$add_params(key, value, tl_async_next_call(), 2L)
  tl_async_after_add(b)
}

tl_async_buffer_tag <- function(client, run_id, key, value) {
  b <- tl_async_buffer_of(client, run_id)
  b$add_tags(key, value, tl_async_next_call(), 3L)
  tl_async_after_add(b)
}

# The rows of one mlflow_log_batch() call (data frames as tl_batch_metrics() and
# tl_batch_key_values() return them, or NULL), under one call number.
tl_async_buffer_batch <- function(client, run_id, metrics, params, tags) {
  b <- tl_async_buffer_of(client, run_id)
  seq <- tl_async_next_call()
  if (NROW(params)) b$add_params(params$key, params$value, seq, 4L)
  if (NROW(tags)) b$add_tags(tags$key, tags$value, seq, 4L)
  if (NROW(metrics)) {
    b$add_metrics(metrics$key, metrics$value, metrics$timestamp, metrics$step, seq, 4L)
  }
  tl_async_after_add(b)
}

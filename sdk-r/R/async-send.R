# Sending a run's buffered calls (async-buffer.R) as log-batch requests within the server's
# limits (tl_batch_plan()), keeping the order of the calls of each kind.
#
# Each request is retried by tl_perform() (connection errors, 429, 503). The server stores a
# request whole or not at all and ignores a metric point it already has (params and tags are
# set to the same values again), so a request sent again after an answer was lost stores
# nothing twice.
#
# When the server refuses a request (a 4xx answer), an empty log-batch for the run tells whether
# the run itself is refused (deleted, missing, not allowed): then none of the run's buffered
# calls can be logged. Otherwise the request is halved until each refused call is found alone,
# and the others are logged. A request that still cannot be sent after the retries stays
# buffered, with everything after it, for the next flush.

tl_async_wire_columns <- list(
  metrics = c("key", "value", "timestamp", "step"),
  params = c("key", "value"),
  tags = c("key", "value")
)

# Transient: worth sending again later (the retries of tl_perform() are used up).
tl_async_transient <- function(e) {
  inherits(e, "trackline_connection_error") || isTRUE(e$http_status %in% c(429L, 503L))
}

tl_async_refused <- function(e) {
  !is.na(e$http_status) && e$http_status >= 400L && e$http_status < 500L
}

# Rows `part` (index vectors by kind) of `entries` (data frames by kind).
tl_async_slice <- function(entries, part) {
  sapply(names(entries), function(kind) {
    entries[[kind]][part[[kind]], , drop = FALSE]
  }, simplify = FALSE)
}

tl_async_part_size <- function(part) sum(lengths(part))

# The part of `entries` after the first `done[[kind]]` entries of each kind.
tl_async_rest <- function(entries, done) {
  sapply(names(entries), function(kind) {
    n <- nrow(entries[[kind]])
    if (done[[kind]] < n) seq(done[[kind]] + 1, n) else integer()
  }, simplify = FALSE)
}

# A part split into two, each kind's entries staying in order.
tl_async_halves <- function(part) {
  kinds <- rep(names(part), lengths(part))
  index <- unlist(part, use.names = FALSE)
  cut <- ceiling(length(index) / 2)
  lapply(list(seq_len(cut), seq(cut + 1, length(index))), function(pos) {
    sapply(names(part), function(kind) index[pos][kinds[pos] == kind], simplify = FALSE)
  })
}

# Sends `entries` (data frames by kind, as a buffer's take() returns them). Returns the
# failures (see tl_async_failure()) and the entries left unsent (or NULL). `state$done` counts
# the entries of each kind dealt with, so a caller interrupted meanwhile knows what is left.
tl_async_send <- function(client, run_id, entries, state) {
  state$done <- c(metrics = 0, params = 0, tags = 0)
  failures <- list()
  stopped_by <- NULL # the transient error that stopped sending
  run_checked <- FALSE
  nothing <- list(metrics = integer(), params = integer(), tags = integer())

  post <- function(part) {
    rows <- function(kind) {
      if (!length(part[[kind]])) return(NULL)
      entries[[kind]][part[[kind]], tl_async_wire_columns[[kind]], drop = FALSE]
    }
    tryCatch({
      tl_api_log_batch(run_id = run_id, metrics = rows("metrics"), params = rows("params"),
                       tags = rows("tags"), client = client)
      NULL
    }, trackline_error = function(e) e)
  }
  dealt_with <- function(part) {
    for (kind in names(part)) {
      if (length(part[[kind]])) state$done[[kind]] <- max(part[[kind]])
    }
  }
  rest <- function() tl_async_rest(entries, state$done)
  fail <- function(part, error) {
    failures[[length(failures) + 1]] <<- tl_async_failure(
      tl_async_slice(entries, part), run_id, error, kept = FALSE)
    dealt_with(part)
  }
  # FALSE when sending stops: a transient error, or the run refused.
  send <- function(part) {
    error <- post(part)
    if (is.null(error)) {
      dealt_with(part)
      return(TRUE)
    }
    if (tl_async_transient(error)) {
      stopped_by <<- error
      return(FALSE)
    }
    if (tl_async_refused(error) && tl_async_part_size(part) > 1) {
      if (!run_checked) {
        probe <- post(nothing)
        if (!is.null(probe) && tl_async_transient(probe)) {
          stopped_by <<- probe
          return(FALSE)
        }
        if (!is.null(probe)) {
          fail(rest(), error)
          return(FALSE)
        }
        run_checked <<- TRUE
      }
      for (half in tl_async_halves(part)) if (!send(half)) return(FALSE)
      return(TRUE)
    }
    fail(part, error)
    TRUE
  }

  for (request in tl_batch_plan(nrow(entries$metrics), nrow(entries$params),
                                nrow(entries$tags))) {
    part <- lapply(request, function(r) if (is.null(r)) integer() else seq(r[1], r[2]))
    if (!send(part)) break
  }
  unsent <- NULL
  if (!is.null(stopped_by)) {
    unsent <- tl_async_slice(entries, rest())
    failures[[length(failures) + 1]] <- tl_async_failure(unsent, run_id, stopped_by, kept = TRUE)
  }
  list(failures = failures, unsent = unsent)
}

# Puts entries (data frames by kind, with their call numbers and origins) back into a buffer.
tl_async_put_back <- function(b, entries) {
  p <- entries$params
  t <- entries$tags
  m <- entries$metrics
  if (nrow(p)) b$add_params(p$key, p$value, p$seq, p$origin)
  if (nrow(t)) b$add_tags(t$key, t$value, t$seq, t$origin)
  if (nrow(m)) b$add_metrics(m$key, m$value, m$timestamp, m$step, m$seq, m$origin)
}

# Sends everything in a buffer. Returns the failures; what could not be sent yet is back in
# the buffer (also when the sending is interrupted).
tl_async_send_buffer <- function(b) {
  entries <- b$take()
  if (!sum(vapply(entries, nrow, 0L))) return(list())
  state <- new.env(parent = emptyenv())
  finished <- FALSE
  on.exit(if (!finished) {
    done <- state$done %||% c(metrics = 0, params = 0, tags = 0)
    tl_async_put_back(b, tl_async_slice(entries, tl_async_rest(entries, done)))
  })
  out <- tl_async_send(b$client, b$run_id, entries, state)
  finished <- TRUE
  if (!is.null(out$unsent)) tl_async_put_back(b, out$unsent)
  out$failures
}

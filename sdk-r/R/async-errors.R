# Errors of buffered calls: what failed is told by the calls themselves (their number in the
# session, their function and arguments), since the call that made them returned long ago.

# A buffered call as the user wrote it, from the first row of `rows` (one kind of entry).
tl_async_call_text <- function(kind, rows) {
  origin <- tl_async_origins[[rows$origin[1]]]
  number <- function(x) gsub("\"", "", tl_format_numbers(x), fixed = TRUE)
  quoted <- function(x) tl_json_strings(x)
  args <- if (kind == "metrics") {
    sprintf("key = %s, value = %s, timestamp = %s, step = %s", quoted(rows$key[1]),
            number(rows$value[1]), number(rows$timestamp[1]), number(rows$step[1]))
  } else {
    sprintf("key = %s, value = %s", quoted(rows$key[1]), quoted(rows$value[1]))
  }
  if (origin != "mlflow_log_batch") return(paste0(origin, "(", args, ")"))
  paste0("mlflow_log_batch(), its ", sub("s$", "", kind), " ", args)
}

# One failure of a group of entries (data frames by kind): which calls, and the error.
# `kept`: the calls are still buffered (a transient error), else they were not logged.
tl_async_failure <- function(entries, run_id, error, kept) {
  seqs <- unlist(lapply(entries, `[[`, "seq"), use.names = FALSE)
  first <- min(seqs)
  kind <- names(entries)[vapply(entries, function(df) first %in% df$seq, TRUE)][1]
  rows <- entries[[kind]][entries[[kind]]$seq == first, , drop = FALSE]
  call <- tl_async_call_text(kind, rows)
  calls <- length(unique(seqs))
  what <- if (calls == 1) {
    sprintf("Buffered call #%d %s for run %s", first, call, run_id)
  } else {
    sprintf("%d buffered calls (#%d %s and %d later ones) for run %s", calls, first, call,
            calls - 1, run_id)
  }
  outcome <- if (!kept) {
    if (calls == 1) " was not logged: " else " were not logged: "
  } else {
    paste0(" could not be sent and ", if (calls == 1) "stays" else "stay",
           " buffered for the next flush: ")
  }
  list(
    message = paste0(what, outcome, conditionMessage(error)),
    call = call, call_number = first, calls = calls, kept = kept,
    error_code = error$error_code, http_status = error$http_status,
    class = setdiff(class(error), c("trackline_error", "error", "condition"))
  )
}

# The condition raised for failures of buffered calls: a `trackline_error` of class
# `trackline_async_error` with the first failure's message, error code and status, its call
# as `buffered_call`, and every failure in `failures` (a data frame: message, call,
# call_number, calls, kept, error_code, http_status).
tl_async_condition <- function(failures) {
  first <- failures[[1]]
  message <- first$message
  if (length(failures) > 1) {
    message <- paste0(message, "\n(", length(failures) - 1, " more failures of buffered calls: ",
                      "see the condition's `failures`)")
  }
  cnd <- trackline_error(message, first$error_code, first$http_status,
                         class = c("trackline_async_error", first$class))
  cnd$buffered_call <- first$call
  cnd$failures <- do.call(rbind, lapply(failures, function(f) {
    data.frame(message = f$message, call = f$call, call_number = f$call_number,
               calls = f$calls, kept = f$kept, error_code = f$error_code,
               http_status = f$http_status, stringsAsFactors = FALSE)
  }))
  cnd
}

tl_async_raise <- function(failures) {
  if (length(failures)) stop(tl_async_condition(failures))
  invisible()
}

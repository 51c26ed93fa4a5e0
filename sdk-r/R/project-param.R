#' Read a parameter given to an R script
#'
#' Reads the value of a parameter from the script's command line, where `trackline run`,
#' [mlflow_run()] and MLflow's `mlflow run` put a project's parameters: `--name value` or
#' `--name=value` (a `-` in a name reads as `_`, so `--learning-rate` is `learning_rate`).
#' When the parameter is not on the command line, the default is returned.
#'
#' @param name The parameter's name.
#' @param default Its value when it is not given; `NULL` makes it required unless a `type` is
#'   given (then `NULL` is returned).
#' @param type `"numeric"`, `"integer"` or `"string"`; by default the type of `default`. The
#'   value is converted to it, and an error says so when it cannot be (`"abc"` is not numeric,
#'   `"2.5"` is not an integer).
#' @param description Not used (MLflow's argument).
#' @return The value, of the given type.
#' @examples
#' # Rscript train.R --alpha 0.3 --iterations 20
#' alpha <- mlflow_param("alpha", 0.1, "numeric")
#' iterations <- mlflow_param("iterations", 50L, "integer")
#' @family projects
#' @export
mlflow_param <- function(name, default = NULL, type = NULL, description = NULL) {
  if (!is.character(name) || length(name) != 1 || !nzchar(name)) {
    tl_abort("`name` must be a parameter name")
  }
  type <- tl_param_type(name, default, type)
  key <- gsub("-", "_", name, fixed = TRUE)
  given <- tl_command_line_params()[[key]]
  if (is.null(given)) {
    if (is.null(default)) return(NULL)
    return(tl_cast_param(name, default, type, "default"))
  }
  tl_cast_param(name, given, type, "value")
}

tl_param_type <- function(name, default, type) {
  types <- c("numeric", "integer", "string")
  if (!is.null(type)) {
    if (!is.character(type) || length(type) != 1 || !type %in% types) {
      tl_abort("`type` of parameter `", name, "` must be one of ", paste(types, collapse = ", "))
    }
    return(type)
  }
  if (is.integer(default)) return("integer")
  if (is.numeric(default)) return("numeric")
  if (is.character(default)) return("string")
  tl_abort("Parameter `", name, "` needs a `default` or a `type` (",
           paste(types, collapse = ", "), ")")
}

tl_cast_param <- function(name, value, type, what) {
  if (length(value) != 1 || is.na(value)) {
    tl_abort("The ", what, " of parameter `", name, "` must be a single value")
  }
  if (type == "string") return(as.character(value))
  number <- suppressWarnings(as.numeric(value))
  if (is.na(number) && !identical(toupper(as.character(value)), "NAN")) {
    tl_abort("Parameter `", name, "` is ", type, ", but its ", what, " is '", value, "'")
  }
  if (type == "numeric") return(number)
  if (!is.finite(number) || number != round(number) || abs(number) > .Machine$integer.max) {
    tl_abort("Parameter `", name, "` is integer, but its ", what, " is '", value, "'")
  }
  as.integer(number)
}

# `--name value` and `--name=value` arguments as a named list of strings (names with `-` read
# as `_`); other arguments are passed over.
tl_command_line_params <- function(args = commandArgs(trailingOnly = TRUE)) {
  values <- list()
  i <- 1L
  while (i <= length(args)) {
    arg <- args[[i]]
    i <- i + 1L
    if (!startsWith(arg, "--") || identical(arg, "--args")) next
    body <- substring(arg, 3L)
    equals <- regexpr("=", body, fixed = TRUE)
    if (equals > 0) {
      key <- substring(body, 1L, equals - 1L)
      value <- substring(body, equals + 1L)
    } else {
      if (i > length(args)) next
      key <- body
      value <- args[[i]]
      i <- i + 1L
    }
    values[[gsub("-", "_", key, fixed = TRUE)]] <- value
  }
  values
}

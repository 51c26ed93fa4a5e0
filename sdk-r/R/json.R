# JSON on the wire: numbers as JSON numbers (exact round trip, whole numbers without an
# exponent so 64-bit timestamps stay integers), logicals as JSON booleans, non-finite numbers
# as the strings "NaN", "Infinity" and "-Infinity", vectors of length one as scalars and lists
# as arrays.

tl_verbatim <- function(x) structure(x, class = "json")

# Formats doubles as JSON number text: the shortest of 15, 16 or 17 significant digits that
# reads back as the same double.
tl_format_numbers <- function(x) {
  out <- character(length(x))
  na <- is.na(x) & !is.nan(x)
  out[na] <- "null"
  out[is.nan(x)] <- "\"NaN\""
  out[!is.na(x) & x == Inf] <- "\"Infinity\""
  out[!is.na(x) & x == -Inf] <- "\"-Infinity\""
  finite <- is.finite(x)
  whole <- finite & x == trunc(x) & abs(x) < 1e18
  out[whole] <- sprintf("%.0f", x[whole])
  todo <- which(finite & !whole)
  for (digits in 15:17) {
    if (!length(todo)) break
    s <- sprintf(paste0("%.", digits, "g"), x[todo])
    done <- digits == 17 | as.numeric(s) == x[todo]
    out[todo[done]] <- s[done]
    todo <- todo[!done]
  }
  out
}

# Turns a data frame into a list of row objects; NA cells are left out (NaN is kept).
tl_rows <- function(df) {
  cols <- lapply(df, function(col) {
    if (is.factor(col)) col <- as.character(col)
    if (inherits(col, "POSIXct")) col <- round(as.numeric(col) * 1000)
    col
  })
  n <- nrow(df)
  lapply(seq_len(n), function(i) {
    row <- lapply(cols, function(col) if (is.list(col)) col[[i]] else col[i])
    keep <- vapply(row, function(v) {
      !(is.atomic(v) && length(v) == 1 && is.na(v) && !(is.double(v) && is.nan(v)))
    }, TRUE)
    row[keep]
  })
}

tl_prepare_json <- function(x) {
  if (inherits(x, "json")) return(x)
  if (is.data.frame(x)) {
    encoded <- tl_rows_json(x)
    if (!is.null(encoded)) return(encoded)
    x <- tl_rows(x)
  }
  if (is.list(x)) {
    out <- lapply(x, tl_prepare_json)
    if (is.null(names(x)) && length(x) == 0) return(list())
    return(out)
  }
  if (is.factor(x)) x <- as.character(x)
  if (inherits(x, "POSIXct")) x <- round(as.numeric(x) * 1000)
  if (is.double(x)) {
    s <- lapply(tl_format_numbers(unclass(x)), tl_verbatim)
    return(if (length(s) == 1) s[[1]] else s)
  }
  if (length(x) > 1) return(as.list(x))
  x
}

#' Encode a value as wire JSON
#'
#' Named lists become JSON objects, unnamed lists JSON arrays, vectors of length one scalars,
#' longer vectors arrays and data frames arrays of row objects. Numbers keep every digit
#' (whole numbers, such as millisecond timestamps, are written without an exponent) and
#' `NaN`, `Inf` and `-Inf` become the strings MLflow uses.
#'
#' @param x The value.
#' @return A JSON string.
#' @examples
#' tl_to_json(list(value = 0.1 + 0.2, step = 3, timestamp = 1700000000000, ok = TRUE))
#' tl_to_json(list(experiment_ids = list("1"), tags = data.frame(key = "a", value = "b")))
#' @export
tl_to_json <- function(x) {
  out <- jsonlite::toJSON(tl_prepare_json(x), auto_unbox = TRUE, json_verbatim = TRUE,
                          null = "null", na = "null", digits = NA)
  as.character(out)
}

tl_from_json <- function(text) {
  if (!nzchar(trimws(text))) return(structure(list(), names = character()))
  jsonlite::parse_json(text, simplifyVector = FALSE)
}

# Helpers used by the generated functions ---------------------------------------------------

# Keeps the fields that were given (drops NULLs) and returns a named list, empty if none.
tl_fields <- function(...) {
  x <- list(...)
  if (length(x) && (is.null(names(x)) || any(!nzchar(names(x))))) {
    tl_abort("extra fields must be named")
  }
  x <- x[!vapply(x, is.null, TRUE)]
  if (!length(x)) x <- structure(list(), names = character())
  x
}

# An array field: a vector of any length is sent as a JSON array, a data frame as an array of
# row objects (encoded by tl_prepare_json()); lists are sent as they are.
tl_array <- function(x) {
  if (is.null(x)) return(NULL)
  if (is.data.frame(x)) return(x)
  if (is.list(x)) return(x)
  as.list(x)
}

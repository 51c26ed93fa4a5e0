# Bodies of POST /invocations to a data frame and params, as scoring.yaml describes them:
# application/json objects with exactly one of dataframe_split, dataframe_records, instances or
# inputs (and optionally params), or text/csv tables with a header row. Errors are scoring
# errors in MLflow's envelope (BAD_REQUEST, UNSUPPORTED_MEDIA_TYPE).

tl_input_fields <- c("dataframe_split", "dataframe_records", "instances", "inputs")

tl_bad_request <- function(...) stop(tl_scoring_error(paste0(...), "BAD_REQUEST"))

tl_media_type <- function(content_type) {
  if (is.null(content_type) || !nzchar(trimws(content_type))) {
    stop(tl_scoring_error(paste0("The request has no Content-Type; send one of ['text/csv', 'application/json'] ",
                                 "(application/json for JSON bodies)."), "UNSUPPORTED_MEDIA_TYPE"))
  }
  parts <- trimws(strsplit(content_type, ";", fixed = TRUE)[[1]])
  for (parameter in parts[-1]) {
    key <- tolower(trimws(sub("=.*$", "", parameter)))
    value <- tolower(gsub("\"", "", trimws(sub("^[^=]*=?", "", parameter))))
    if (key != "charset") {
      stop(tl_scoring_error(paste0("Unrecognized content type parameters: ", key, ". Send the format as a key ",
                                   "of the JSON body (dataframe_split, dataframe_records, instances or inputs)."),
                            "UNSUPPORTED_MEDIA_TYPE"))
    }
    if (!value %in% c("utf-8", "utf8")) {
      stop(tl_scoring_error("The scoring server only supports UTF-8", "UNSUPPORTED_MEDIA_TYPE"))
    }
  }
  mime <- tolower(parts[[1]])
  if (!mime %in% c("application/json", "text/csv")) {
    stop(tl_scoring_error(paste0("This predictor only supports the following content types: ",
                                 "['text/csv', 'application/json']. Got '", content_type, "'."),
                          "UNSUPPORTED_MEDIA_TYPE"))
  }
  mime
}

# list(data = <data frame>, params = <list or NULL>)
tl_parse_request <- function(content_type, body) {
  mime <- tl_media_type(content_type)
  text <- rawToChar(body)
  Encoding(text) <- "UTF-8"
  if (mime == "text/csv") return(list(data = tl_frame_from_csv(text), params = NULL))
  tl_frame_from_json(text)
}

tl_frame_from_csv <- function(text) {
  if (!nzchar(trimws(text))) tl_bad_request("Failed to parse input as a CSV table: the body is empty.")
  tryCatch(
    utils::read.csv(text = text, stringsAsFactors = FALSE, check.names = FALSE, strip.white = TRUE),
    error = function(e) tl_bad_request("Failed to parse input as a CSV table: ", conditionMessage(e))
  )
}

tl_frame_from_json <- function(text) {
  if (!nzchar(trimws(text))) {
    tl_bad_request("Invalid input. Ensure that input is a valid JSON formatted string. Error: the body is empty.")
  }
  doc <- tryCatch(jsonlite::parse_json(text, simplifyVector = FALSE), error = function(e) {
    tl_bad_request("Invalid input. Ensure that input is a valid JSON formatted string. Error: ", conditionMessage(e))
  })
  fields <- paste0("{'", paste(tl_input_fields, collapse = "', '"), "'}")
  if (!is.list(doc) || is.null(names(doc))) {
    tl_bad_request("The input must be a JSON dictionary with exactly one of the input fields ", fields,
                   ". Received ", if (is.list(doc)) "a list." else "a scalar.")
  }
  present <- intersect(names(doc), tl_input_fields)
  if (length(present) != 1) {
    tl_bad_request("The input must be a JSON dictionary with exactly one of the input fields ", fields,
                   ". Received dictionary with input fields: ['", paste(names(doc), collapse = "', '"), "'].")
  }
  params <- doc$params
  if (!is.null(params) && (!is.list(params) || (length(params) && is.null(names(params))))) {
    tl_bad_request("'params' must be a JSON object of parameter names to values.")
  }
  value <- doc[[present]]
  data <- switch(present,
    dataframe_split = tl_frame_from_split(value),
    dataframe_records = tl_frame_from_rows(value, "dataframe_records"),
    instances = tl_frame_from_rows(value, "instances"),
    inputs = if (is.list(value) && !is.null(names(value))) tl_frame_from_columns(value)
             else tl_frame_from_rows(value, "inputs")
  )
  list(data = data, params = params)
}

tl_frame_from_split <- function(value) {
  if (!is.list(value) || is.null(names(value)) || !is.list(value$data)) {
    tl_bad_request("'dataframe_split' must be an object with 'data' (a list of rows) and optionally 'columns'.")
  }
  rows <- lapply(value$data, function(r) if (is.list(r)) r else list(r))
  width <- if (length(rows)) max(lengths(rows)) else length(value$columns)
  columns <- unlist(value$columns %||% as.list(as.character(seq_len(width) - 1)))
  if (length(rows) && any(lengths(rows) != length(columns))) {
    tl_bad_request("'dataframe_split': every row needs one value per column (", length(columns), " columns).")
  }
  cols <- lapply(seq_along(columns), function(j) lapply(rows, function(r) r[[j]]))
  names(cols) <- columns
  tl_frame_from_columns(cols)
}

tl_frame_from_rows <- function(value, field) {
  if (!is.list(value) || !is.null(names(value))) tl_bad_request("'", field, "' must be a list of rows.")
  if (!length(value)) return(data.frame())
  if (all(vapply(value, function(r) is.list(r) && !is.null(names(r)), TRUE))) {
    keys <- unique(unlist(lapply(value, names)))
    cols <- lapply(keys, function(k) lapply(value, function(r) r[[k]]))
    names(cols) <- keys
    return(tl_frame_from_columns(cols))
  }
  if (field == "dataframe_records") tl_bad_request("'dataframe_records' must be a list of row objects.")
  rows <- lapply(value, function(r) if (is.list(r)) r else list(r))
  width <- max(lengths(rows))
  if (any(lengths(rows) != width)) tl_bad_request("'", field, "': every row needs the same number of values.")
  cols <- lapply(seq_len(width), function(j) lapply(rows, function(r) r[[j]]))
  names(cols) <- as.character(seq_len(width) - 1)
  tl_frame_from_columns(cols)
}

tl_frame_from_columns <- function(cols) {
  lens <- vapply(cols, function(c) if (is.list(c)) length(c) else 1L, 1L)
  n <- if (length(lens)) max(lens) else 0L
  if (any(lens != n & lens != 1L)) tl_bad_request("The input's columns must all have the same length.")
  out <- lapply(cols, function(c) {
    if (!is.list(c)) c <- list(c)
    if (length(c) != n) c <- rep(c, n)
    tl_simplify_column(c)
  })
  df <- as.data.frame(lapply(out, function(c) if (is.list(c)) I(c) else c),
                      stringsAsFactors = FALSE, optional = TRUE)
  names(df) <- names(cols)
  df
}

# A JSON column to an R vector: numbers, strings or booleans (nulls as NA); anything else
# (mixed kinds, nested values) stays a list for the signature check to refuse or the model to read.
tl_simplify_column <- function(values) {
  present <- values[!vapply(values, is.null, TRUE)]
  scalar <- vapply(present, function(v) length(v) == 1 && !is.list(v), TRUE)
  if (!all(scalar)) return(values)
  fill <- function(proto) vapply(values, function(v) if (is.null(v)) proto else tl_cast_like(v, proto), proto)
  if (!length(present)) return(rep(NA, length(values)))
  if (all(vapply(present, is.numeric, TRUE))) return(fill(NA_real_))
  if (all(vapply(present, is.character, TRUE))) return(fill(NA_character_))
  if (all(vapply(present, is.logical, TRUE))) return(fill(NA))
  values
}

tl_cast_like <- function(v, proto) {
  switch(typeof(proto), double = as.numeric(v), character = as.character(v), as.logical(v))
}

# Predictions as the body {"predictions": ...}: a data frame as row objects, a matrix as rows,
# a vector as a list (names dropped), NA as null.
tl_predictions_json <- function(x) {
  if (is.factor(x)) x <- as.character(x)
  if (is.data.frame(x)) {
    payload <- jsonlite::toJSON(x, dataframe = "rows", digits = NA, na = "null", rownames = FALSE)
  } else if (is.matrix(x)) {
    payload <- jsonlite::toJSON(unname(x), matrix = "rowmajor", digits = NA, na = "null")
  } else if (is.atomic(x)) {
    payload <- jsonlite::toJSON(unname(as.vector(x)), digits = NA, na = "null")
  } else {
    payload <- jsonlite::toJSON(x, auto_unbox = TRUE, digits = NA, na = "null", null = "null")
  }
  paste0("{\"predictions\": ", payload, "}")
}

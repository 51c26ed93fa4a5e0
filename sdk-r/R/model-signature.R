# Model signatures, as MLflow writes them in MLmodel (`signature: {inputs, outputs, params}`,
# each a JSON string), and the checks the scoring server makes with them: a required column
# missing is INVALID_PARAMETER_VALUE (SCHEMA_ENFORCEMENT_FAILED); columns the signature does not
# name are dropped; values convert only without loss (a whole number for a long, any number
# for a double), else BAD_REQUEST naming the column; params take their type and default.

tl_column_types <- c("double", "float", "long", "integer", "boolean", "string")

tl_signature_fields <- function(signature) {
  if (!is.list(signature)) tl_abort("`signature` must be a list with `inputs`, `outputs` and `params`")
  json <- function(x) {
    if (is.null(x)) return(NULL)
    as.character(jsonlite::toJSON(x, auto_unbox = TRUE, null = "null", digits = NA))
  }
  inputs <- lapply(signature$inputs %||% list(), function(col) {
    if (!is.list(col) || is.null(col$type) || !col$type %in% tl_column_types) {
      tl_abort("Each signature input needs a `type`, one of ", paste(tl_column_types, collapse = ", "))
    }
    c(list(type = col$type), if (!is.null(col$name)) list(name = col$name),
      list(required = !isFALSE(col$required)))
  })
  params <- lapply(signature$params %||% list(), function(p) {
    if (!is.list(p) || is.null(p$name) || is.null(p$type) || !p$type %in% tl_column_types) {
      tl_abort("Each signature param needs a `name` and a `type`, one of ",
               paste(tl_column_types, collapse = ", "))
    }
    list(name = p$name, type = p$type, default = p$default, shape = NULL)
  })
  list(
    inputs = if (length(inputs)) json(inputs),
    outputs = if (!is.null(signature$outputs)) json(signature$outputs),
    params = if (length(params)) json(params)
  )
}

# The signature of a loaded MLmodel: list(inputs = columns or NULL, params = specs).
tl_read_signature <- function(spec) {
  sig <- spec$signature
  parse <- function(x) {
    if (is.null(x) || !is.character(x)) return(NULL)
    tryCatch(jsonlite::parse_json(x, simplifyVector = FALSE), error = function(e) NULL)
  }
  inputs <- parse(sig$inputs)
  if (!is.null(inputs) && !all(vapply(inputs, function(c) !is.null(c$name) && c$type %in% tl_column_types, TRUE))) {
    inputs <- NULL  # tensors and nested types are not checked here
  }
  list(inputs = inputs, params = parse(sig$params) %||% list())
}

tl_scoring_error <- function(message, error_code = "BAD_REQUEST", error_class = NULL) {
  structure(class = c("trackline_scoring_error", "error", "condition"),
            list(message = message, call = NULL, error_code = error_code, error_class = error_class))
}

tl_enforce_columns <- function(df, inputs) {
  if (is.null(inputs)) return(df)
  names_in <- vapply(inputs, function(c) c$name, "")
  required <- vapply(inputs, function(c) !isFALSE(c$required), TRUE)
  missing <- names_in[required & !names_in %in% names(df)]
  if (length(missing)) {
    stop(tl_scoring_error(
      paste0("Failed to enforce schema of data '", paste(names(df), collapse = ", "), "' with schema '",
             paste(names_in, collapse = ", "), "'. Error: Model is missing inputs ",
             paste0("['", paste(missing, collapse = "', '"), "']"), "."),
      "INVALID_PARAMETER_VALUE", "SCHEMA_ENFORCEMENT_FAILED"))
  }
  keep <- names_in[names_in %in% names(df)]
  out <- df[, keep, drop = FALSE]
  for (col in inputs) {
    if (col$name %in% keep) out[[col$name]] <- tl_convert_column(out[[col$name]], col$type, col$name)
  }
  out
}

tl_convert_column <- function(x, type, name) {
  bad <- function(what) {
    stop(tl_scoring_error(paste0("Incompatible input types for column ", name, ". Can not safely convert ",
                                 what, " to ", type, ".")))
  }
  if (is.list(x)) {
    if (any(vapply(x, function(v) length(v) > 1 || is.list(v), TRUE))) bad("nested values")
    x <- unlist(lapply(x, function(v) if (is.null(v)) NA else v))
  }
  if (is.factor(x)) x <- as.character(x)
  switch(type,
    double = , float = {
      if (!(is.numeric(x) || all(is.na(x)))) bad(class(x)[[1]])
      as.numeric(x)
    },
    long = , integer = {
      if (!(is.numeric(x) || all(is.na(x)))) bad(class(x)[[1]])
      x <- as.numeric(x)
      if (anyNA(x)) bad("missing values")
      if (any(x != trunc(x))) bad("fractional numbers")
      x
    },
    boolean = {
      if (!(is.logical(x))) bad(class(x)[[1]])
      x
    },
    string = {
      if (!(is.character(x) || all(is.na(x)))) bad(class(x)[[1]])
      as.character(x)
    },
    x
  )
}

# Params checked against the params schema: unknown ones dropped, missing ones take their
# default, a value of the wrong type is INVALID_PARAMETER_VALUE.
tl_enforce_params <- function(params, specs) {
  if (!length(specs)) return(params)
  out <- list()
  for (p in specs) {
    value <- params[[p$name]]
    if (is.null(value)) {
      if (!is.null(p$default)) out[[p$name]] <- p$default
      next
    }
    ok <- switch(p$type,
      double = , float = is.numeric(value),
      long = , integer = is.numeric(value) && all(value == trunc(value)),
      boolean = is.logical(value),
      string = is.character(value),
      TRUE
    )
    if (!ok || length(value) != 1) {
      stop(tl_scoring_error(
        paste0("Failed to validate type and shape for '", p$name, "', error: expected a ", p$type,
               ", got ", jsonlite::toJSON(value, auto_unbox = TRUE)),
        "INVALID_PARAMETER_VALUE"))
    }
    out[[p$name]] <- value
  }
  out
}

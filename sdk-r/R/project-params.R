# Parameter values: checked against their declared types, then put into the command. A run logs
# each value as given (or the declared default), never shell-quoted; the command gets it quoted,
# with `path` values made absolute. Undeclared parameters are appended as `--name value`.

# A value quoted for bash, left as it is when it needs no quotes (as Python's shlex.quote).
tl_shell_quote <- function(x) {
  if (nzchar(x) && grepl("^[A-Za-z0-9@%+=:,./_-]+$", x)) return(x)
  paste0("'", gsub("'", "'\"'\"'", x, fixed = TRUE), "'")
}

# A parameter value as text: numbers without an exponent (1e5 is "100000"), as MLflow's R
# package passes them.
tl_param_text <- function(value, name) {
  if (length(value) != 1 || is.na(value) || !(is.character(value) || is.numeric(value) || is.logical(value))) {
    tl_abort("Parameter '", name, "' must be a single string, number or logical")
  }
  if (is.character(value)) return(value)
  if (is.logical(value)) return(if (value) "TRUE" else "FALSE")
  format(value, scientific = FALSE, digits = 15, trim = TRUE)
}

tl_has_scheme <- function(x) grepl("^[A-Za-z][A-Za-z0-9+.-]+:", x)

# list(logged, values, extra, downloads): what the run logs (declared ones with defaults, then
# the extra ones), what the command gets for the declared ones, the undeclared ones, and
# directories made for downloaded `path` values.
tl_resolve_parameters <- function(entry, given, project_dir, storage_dir = NULL) {
  given <- given %||% list()
  if (length(given) && (is.null(names(given)) || any(!nzchar(names(given))))) {
    tl_abort("`parameters` must be a named list")
  }
  supplied <- lapply(names(given), function(n) tl_param_text(given[[n]], n))
  names(supplied) <- names(given)
  declared <- entry$parameters
  missing <- Filter(function(n) is.null(declared[[n]]$default) && is.null(supplied[[n]]), names(declared))
  if (length(missing)) {
    tl_abort("No value given for missing parameters: ", paste0("'", missing, "'", collapse = ", "))
  }
  out <- list(logged = list(), values = list(), extra = list(), downloads = character())
  for (position in seq_along(declared)) {
    param <- declared[[position]]
    from_user <- !is.null(supplied[[param$name]])
    text <- if (from_user) supplied[[param$name]] else param$default
    out$logged[[param$name]] <- text
    base <- if (from_user) getwd() else project_dir
    value <- tl_command_value(param, text, base, position - 1L, storage_dir)
    out$values[[param$name]] <- value$text
    out$downloads <- c(out$downloads, value$download)
  }
  for (n in setdiff(names(supplied), names(declared))) {
    out$extra[[n]] <- supplied[[n]]
    out$logged[[n]] <- supplied[[n]]
  }
  out
}

tl_command_value <- function(param, text, base, position, storage_dir) {
  checked <- function(ok, kind) {
    if (!ok) tl_abort("Parameter '", param$name, "' is ", kind, ", but got '", text, "'")
    list(text = text, download = NULL)
  }
  number <- suppressWarnings(as.numeric(text))
  switch(param$type,
    float = checked(!is.na(number) || toupper(trimws(text)) == "NAN", "a float"),
    int = checked(grepl("^\\s*[+-]?[0-9]+\\s*$", text), "an int"),
    uri = {
      if (!tl_has_scheme(text)) {
        tl_abort("Parameter '", param$name, "' is a uri, but got '", text, "', which has no scheme")
      }
      list(text = text, download = NULL)
    },
    path = tl_path_param_value(param, text, base, position, storage_dir),
    list(text = text, download = NULL)
  )
}

tl_path_param_value <- function(param, text, base, position, storage_dir) {
  if (startsWith(text, "file://")) {
    text <- utils::URLdecode(sub("^file://[^/]*", "", text))
  } else if (tl_has_scheme(text)) {
    return(tl_download_param(param, text, position, storage_dir))
  }
  path <- path.expand(text)
  if (!grepl("^/", path)) path <- file.path(base, path)
  if (!file.exists(path)) {
    tl_abort("Got '", text, "' for parameter '", param$name,
             "', but no such file or directory was found (", path, ")")
  }
  list(text = normalizePath(path), download = NULL)
}

# A `runs:/<run id>/<path>` value, downloaded into storage_dir/.../param_<position>.
tl_download_param <- function(param, uri, position, storage_dir) {
  parts <- regmatches(uri, regexec("^runs:/+([^/]+)/(.+)$", uri))[[1]]
  if (!length(parts)) {
    tl_abort("Cannot download '", uri, "' for parameter '", param$name,
             "': mlflow_run() downloads runs:/<run id>/<path> URIs")
  }
  if (!is.null(storage_dir)) dir.create(storage_dir, recursive = TRUE, showWarnings = FALSE)
  holder <- tempfile("trackline-params-", tmpdir = storage_dir %||% tempdir())
  target <- file.path(holder, paste0("param_", position))
  dir.create(target, recursive = TRUE)
  local <- tryCatch(
    mlflow_download_artifacts(parts[[3]], run_id = parts[[2]], dst_path = target),
    error = function(e) {
      unlink(holder, recursive = TRUE)
      tl_abort("Cannot download '", uri, "' for parameter '", param$name, "': ", conditionMessage(e))
    }
  )
  list(text = local, download = holder)
}

# The shell command: the template with quoted values, then `--name value` for each extra one.
tl_render_command <- function(entry, resolved) {
  parts <- tl_template_parts(entry$command, function(message) tl_abort(message))
  command <- paste(vapply(parts, function(part) {
    if (is.null(part$field)) part$text else tl_shell_quote(resolved$values[[part$field]])
  }, ""), collapse = "")
  extra <- vapply(names(resolved$extra), function(k) {
    paste0("--", tl_shell_quote(k), " ", tl_shell_quote(resolved$extra[[k]]))
  }, "")
  paste(c(command, extra), collapse = " ")
}

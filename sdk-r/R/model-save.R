# Saving R models in MLflow's format: a directory with an `MLmodel` file and, for the `crate`
# flavor (MLflow's R package's), `crate.bin`: an RDS file (saveRDS) holding the model serialized
# with base::serialize() into a raw vector, read back with unserialize(readRDS(...)).

tl_crate_flavor_version <- "0.1.0"
tl_crate_file <- "crate.bin"

#' Save a model in MLflow's format
#'
#' Writes `model` to the directory `path` as an MLflow model: an `MLmodel` file and the
#' flavor's files. Models are R functions of a data frame: a `carrier::crate()` object, or
#' any plain R function, saved as MLflow's R package saves crates (the `crate` flavor,
#' `crate.bin`), so MLflow's R package loads them too.
#'
#' A plain function is turned into a crate first: the objects it uses that are not in an
#' attached package (a fitted model, a helper function, a constant) are copied into a new
#' environment that becomes its enclosure, and the result gets the class `crate`. Without
#' `carrier` you give up its explicit list of what is captured and its size report; objects
#' are found by name in the function's body, and functions of packages are looked up on the
#' search path where the model is loaded, so call them as `pkg::fun()` or attach the package
#' there.
#'
#' @param model The model: a function of a data frame (a crate or a plain function).
#' @param path The directory to write; it must not exist or be empty.
#' @param model_spec Fields for `MLmodel` beside the flavor (`run_id`, `artifact_path`,
#'   ...), as MLflow's R package takes them.
#' @param signature Optional: the model's signature, a list with `inputs` (a list of
#'   columns, each `list(name = , type = , required = )`; types `double`, `long`,
#'   `integer`, `float`, `boolean`, `string`), `outputs` and `params` (each
#'   `list(name = , type = , default = )`). The scoring server checks requests against it.
#' @param ... Unused; for methods.
#' @return The model specification written to `MLmodel`, invisibly.
#' @examples
#' \dontrun{
#' fit <- lm(mpg ~ wt + hp, data = mtcars)
#' mlflow_save_model(function(df) stats::predict(fit, df), "mtcars-lm")
#' }
#' @family models
#' @export
mlflow_save_model <- function(model, path, model_spec = list(), ...) {
  UseMethod("mlflow_save_model")
}

#' @rdname mlflow_save_model
#' @export
mlflow_save_model.crate <- function(model, path, model_spec = list(), signature = NULL, ...) {
  tl_save_crate(model, path, model_spec, signature)
}

#' @rdname mlflow_save_model
#' @export
mlflow_save_model.function <- function(model, path, model_spec = list(), signature = NULL, ...) {
  tl_save_crate(tl_crate_function(model), path, model_spec, signature)
}

#' @rdname mlflow_save_model
#' @export
mlflow_save_model.default <- function(model, path, model_spec = list(), ...) {
  tl_abort("Cannot save a model of class ", paste(class(model), collapse = "/"),
           ": give an R function of a data frame (such as function(df) predict(fit, df)) ",
           "or a carrier::crate()")
}

tl_save_crate <- function(model, path, model_spec, signature) {
  tl_prepare_model_dir(path)
  saveRDS(serialize(model, NULL), file.path(path, tl_crate_file))
  spec <- tl_model_spec(model_spec, signature)
  spec$flavors <- c(spec$flavors, list(crate = list(version = tl_crate_flavor_version,
                                                    model = tl_crate_file)))
  tl_write_mlmodel(path, spec)
  invisible(spec)
}

tl_prepare_model_dir <- function(path) {
  if (!is.character(path) || length(path) != 1 || is.na(path) || !nzchar(path)) {
    tl_abort("`path` must be a single, non-empty string")
  }
  if (file.exists(path) && !dir.exists(path)) {
    tl_abort("Cannot save the model to '", path, "': it is a file", error_code = "RESOURCE_ALREADY_EXISTS")
  }
  if (dir.exists(path) && length(list.files(path, all.files = TRUE, no.. = TRUE))) {
    tl_abort("Cannot save the model to '", path, "': the directory is not empty",
             error_code = "RESOURCE_ALREADY_EXISTS")
  }
  dir.create(path, recursive = TRUE, showWarnings = FALSE)
}

# MLmodel's fields: the given ones, the creation time and a model uuid.
tl_model_spec <- function(model_spec, signature) {
  if (!is.list(model_spec)) tl_abort("`model_spec` must be a list")
  spec <- model_spec
  if (is.null(spec$utc_time_created)) spec$utc_time_created <- tl_utc_timestamp()
  if (is.null(spec$model_uuid)) spec$model_uuid <- tl_hex_id()
  if (!is.null(signature)) spec$signature <- tl_signature_fields(signature)
  spec$trackline_version <- as.character(utils::packageVersion("trackline"))
  if (is.null(spec$flavors)) spec$flavors <- list()
  spec
}

tl_utc_timestamp <- function() {
  format(as.POSIXlt(Sys.time(), tz = "UTC"), "%Y-%m-%d %H:%M:%OS6")
}

tl_hex_id <- function() {
  paste(sample(c(0:9, letters[1:6]), 32, replace = TRUE), collapse = "")
}

tl_write_mlmodel <- function(path, spec) {
  spec <- spec[!vapply(spec, is.null, TRUE)]
  yaml::write_yaml(spec, file.path(path, "MLmodel"))
}

# A plain function as a crate: the free variables it (and the functions it captures) uses,
# found outside the packages' namespaces, copied into a new enclosure whose parent is the
# global environment; class `crate`, as carrier gives its crates.
tl_crate_function <- function(fn) {
  if (inherits(fn, "crate")) return(fn)
  if (is.primitive(fn)) tl_abort("Cannot save a primitive function as a model: wrap it in function(df)")
  structure(tl_capture(fn, new.env()), class = c("crate", "function"))
}

tl_capture <- function(fn, seen) {
  env <- environment(fn)
  if (is.null(env) || tl_is_package_env(env)) return(fn)
  enclosure <- new.env(parent = globalenv())
  names <- unique(c(all.names(body(fn)), unlist(lapply(formals(fn), function(f) {
    if (is.language(f)) all.names(f) else character()
  }))))
  names <- setdiff(names, names(formals(fn)))
  for (name in names) {
    where <- tl_find_binding(name, env)
    if (is.null(where)) next
    value <- get(name, envir = where, inherits = FALSE)
    if (is.function(value) && !is.primitive(value) && !exists(name, envir = seen, inherits = FALSE)) {
      assign(name, TRUE, envir = seen)
      value <- tl_capture(value, seen)
    }
    assign(name, value, envir = enclosure)
  }
  environment(fn) <- enclosure
  fn
}

# The user environment (not a package's) where `name` is bound, looking up from `env`.
tl_find_binding <- function(name, env) {
  while (!identical(env, emptyenv())) {
    if (tl_is_package_env(env)) return(NULL)
    if (exists(name, envir = env, inherits = FALSE)) return(env)
    if (identical(env, globalenv())) return(NULL)
    env <- parent.env(env)
  }
  NULL
}

tl_is_package_env <- function(env) {
  identical(env, baseenv()) || identical(env, emptyenv()) || isNamespace(env) ||
    !is.null(attr(env, "name")) && startsWith(attr(env, "name"), "package:")
}

# Loading MLflow models in R and predicting with them. A flavor is loaded by the
# mlflow_load_flavor() method of class `mlflow_flavor_<name>`, as in MLflow's R package, so
# other packages can add flavors.

#' Load an MLflow model
#'
#' Loads the model at `model_uri` with a flavor R can load (the `crate` flavor of MLflow's R
#' package, or any flavor a package adds an [mlflow_load_flavor()] method for). Remote models
#' are downloaded through the tracking server's artifact proxy first.
#'
#' @param model_uri Where the model is: a local directory (or `file://` URI),
#'   `runs:/<run_id>/<path>`, `models:/<name>/<version>`, `models:/<name>/<stage>`,
#'   `models:/<name>/latest`, `models:/<name>@<alias>`, `models:/<model_id>` (a logged
#'   model) or `mlflow-artifacts:/<path>`.
#' @param flavor The flavor to load; by default the first one R can load.
#' @param client An `mlflow_client`; by default the current tracking URI's.
#' @return The model, for [mlflow_predict()].
#' @examples
#' \dontrun{
#' model <- mlflow_load_model("models:/mtcars-lm@champion")
#' mlflow_predict(model, mtcars[1:3, ])
#' }
#' @family models
#' @export
mlflow_load_model <- function(model_uri, flavor = NULL, client = NULL) {
  path <- tl_model_dir(model_uri, client)
  spec <- tl_read_mlmodel(path)
  tl_load_flavor_from(spec, path, flavor)
}

tl_read_mlmodel <- function(path) {
  file <- file.path(path, "MLmodel")
  if (!file.exists(file)) {
    tl_abort("No model at '", path, "': it has no MLmodel file", error_code = "RESOURCE_DOES_NOT_EXIST")
  }
  spec <- tryCatch(yaml::read_yaml(file), error = function(e) {
    tl_abort("The MLmodel file of '", path, "' is not valid YAML: ", conditionMessage(e))
  })
  if (!is.list(spec) || !is.list(spec$flavors) || !length(spec$flavors)) {
    tl_abort("The MLmodel file of '", path, "' names no flavors")
  }
  spec
}

tl_supported_flavors <- function() {
  methods <- as.character(utils::methods(mlflow_load_flavor))
  sub("^mlflow_load_flavor\\.mlflow_flavor_", "", grep("^mlflow_load_flavor\\.mlflow_flavor_", methods,
                                                     value = TRUE))
}

tl_load_flavor_from <- function(spec, path, flavor = NULL) {
  supported <- tl_supported_flavors()
  available <- intersect(names(spec$flavors), supported)
  if (!is.null(flavor)) {
    if (!flavor %in% names(spec$flavors)) {
      tl_abort("The model has no flavor '", flavor, "'; its flavors: ",
               paste(names(spec$flavors), collapse = ", "))
    }
    if (!flavor %in% supported) {
      tl_abort("R cannot load the flavor '", flavor, "'; flavors R loads: ", paste(supported, collapse = ", "))
    }
  } else {
    if (!length(available)) {
      tl_abort("The model has no flavor R can load. Its flavors: ",
               paste(names(spec$flavors), collapse = ", "), ". Flavors R loads: ",
               paste(supported, collapse = ", "),
               if ("python_function" %in% names(spec$flavors))
                 ". Serve Python models with `trackline models serve`." else "")
    }
    flavor <- available[[1]]
  }
  handle <- structure(character(), class = c(paste0("mlflow_flavor_", flavor), "mlflow_flavor"),
                      spec = spec$flavors[[flavor]])
  mlflow_load_flavor(handle, path)
}

#' Load a model flavor
#'
#' Called by [mlflow_load_model()] with an object of class `mlflow_flavor_<name>` (its
#' attribute `spec` is the flavor's block of `MLmodel`); packages add flavors with methods
#' of this generic, as with MLflow's R package.
#'
#' @param flavor The flavor object.
#' @param model_path The model's local directory.
#' @return The loaded model.
#' @family models
#' @export
mlflow_load_flavor <- function(flavor, model_path) {
  UseMethod("mlflow_load_flavor")
}

#' @rdname mlflow_load_flavor
#' @export
mlflow_load_flavor.mlflow_flavor_crate <- function(flavor, model_path) {
  file <- attr(flavor, "spec")$model %||% tl_crate_file
  path <- file.path(model_path, file)
  if (!file.exists(path)) {
    tl_abort("The crate model at '", model_path, "' has no file '", file, "'",
             error_code = "RESOURCE_DOES_NOT_EXIST")
  }
  bytes <- tryCatch(readRDS(path), error = function(e) {
    tl_abort("Cannot read '", path, "': ", conditionMessage(e))
  })
  model <- if (is.raw(bytes)) unserialize(bytes) else bytes
  if (!is.function(model)) tl_abort("The crate model at '", model_path, "' is not an R function")
  model
}

#' Predict with a model
#'
#' Calls the model on `data`, as MLflow's R package does: a crate (or function) is called
#' with `data` and the further arguments.
#'
#' @param model A model from [mlflow_load_model()].
#' @param data A data frame.
#' @param ... Further arguments for the model.
#' @return The model's predictions.
#' @family models
#' @export
mlflow_predict <- function(model, data, ...) {
  UseMethod("mlflow_predict")
}

#' @rdname mlflow_predict
#' @export
mlflow_predict.crate <- function(model, data, ...) {
  do.call(model, list(data, ...))
}

#' @rdname mlflow_predict
#' @export
mlflow_predict.function <- function(model, data, ...) {
  do.call(model, list(data, ...))
}

#' @rdname mlflow_predict
#' @export
mlflow_predict.default <- function(model, data, ...) {
  tl_abort("Cannot predict with an object of class ", paste(class(model), collapse = "/"),
           ": load a model with mlflow_load_model()")
}

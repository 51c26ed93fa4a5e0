# MLproject files: reading one and checking it whole before anything runs (the YAML, the keys,
# the parameter declarations, and that every {name} in a command is a declared parameter).
# The format is MLflow's; see docs/projects.md of the Trackline repository.

tl_project_env_keys <- c("python_env", "conda_env", "docker_env")
tl_project_top_keys <- c("name", "entry_points", tl_project_env_keys, "databricks_spark_job")
tl_script_runners <- c(".py" = "python", ".sh" = "bash", ".R" = "Rscript")

tl_project_fail <- function(source, ...) {
  tl_abort("Invalid MLproject file ", source, ": ", ...)
}

tl_names_list <- function(x) {
  if (!length(x)) return("[]")
  paste0("[", paste0("'", x, "'", collapse = ", "), "]")
}

tl_unknown_keys <- function(source, what, x, allowed) {
  unknown <- setdiff(names(x), allowed)
  if (length(unknown)) {
    tl_project_fail(source, what, " unknown keys ", tl_names_list(sort(unknown)), "; the keys are ",
                    paste(allowed, collapse = ", "))
  }
}

# The text a YAML scalar stands for, as Python's str() writes it (true is "True").
tl_yaml_text <- function(x) {
  if (is.logical(x)) return(if (isTRUE(x)) "True" else "False")
  if (is.numeric(x) && !is.integer(x)) return(format(x, digits = 15, scientific = FALSE, trim = TRUE))
  as.character(x)
}

# A project: list(directory, name, entry_points, env_type, env_file, docker_image).
tl_load_project <- function(directory) {
  if (!dir.exists(directory)) tl_abort("Project directory ", directory, " does not exist")
  directory <- normalizePath(directory)
  files <- list.files(directory)
  found <- files[tolower(files) == "mlproject" & !dir.exists(file.path(directory, files))]
  project <- list(directory = directory, name = NULL, entry_points = list(), env_type = NULL,
                  env_file = NULL, docker_image = NULL)
  if (!length(found)) return(utils::modifyList(project, tl_implicit_env(directory)))
  source <- file.path(directory, sort(found)[[1]])
  data <- tryCatch(yaml::read_yaml(source), error = function(e) {
    tl_project_fail(source, "not valid YAML: ", gsub("\\s+", " ", conditionMessage(e)))
  })
  if (is.null(data)) data <- list()
  if (!is.list(data) || (length(data) && is.null(names(data)))) {
    tl_project_fail(source, "the file must hold a mapping (name, entry_points, python_env, ...)")
  }
  tl_unknown_keys(source, "the file has", data, tl_project_top_keys)
  if (!is.null(data$databricks_spark_job)) {
    tl_project_fail(source, "databricks_spark_job projects run on Databricks only")
  }
  if (!is.null(data$name) && !(is.character(data$name) && length(data$name) == 1)) {
    tl_project_fail(source, "name must be a string")
  }
  project$name <- data$name
  eps <- data$entry_points
  if (!is.null(eps) && (!is.list(eps) || (length(eps) && is.null(names(eps))))) {
    tl_project_fail(source, "entry_points must be a mapping of entry point names to {parameters, command}")
  }
  for (ep in names(eps)) project$entry_points[[ep]] <- tl_entry_point(source, ep, eps[[ep]])
  utils::modifyList(project, tl_declared_env(source, directory, data))
}

tl_entry_point <- function(source, name, spec) {
  where <- paste0("entry point '", name, "'")
  if (!is.list(spec) || (length(spec) && is.null(names(spec)))) {
    tl_project_fail(source, where, " must be a mapping with 'command' and optional 'parameters'")
  }
  tl_unknown_keys(source, paste(where, "has"), spec, c("parameters", "command"))
  command <- spec$command
  if (!is.character(command) || length(command) != 1 || !nzchar(trimws(command))) {
    tl_project_fail(source, where, " has no command")
  }
  decls <- spec$parameters
  if (!is.null(decls) && (!is.list(decls) || (length(decls) && is.null(names(decls))))) {
    tl_project_fail(source, "the parameters of ", where, " must be a mapping")
  }
  parameters <- list()
  for (p in names(decls)) parameters[[p]] <- tl_parameter(source, where, p, decls[[p]])
  fields <- tl_template_fields(command, function(msg) {
    tl_project_fail(source, "the command of ", where, " is not a valid template (", msg,
                    "); write {{ and }} for braces")
  })
  for (field in fields) {
    if (!field %in% names(parameters)) {
      tl_project_fail(source, "the command of ", where, " uses {", field,
                      "}, which is not among its parameters ", tl_names_list(sort(names(parameters))))
    }
  }
  list(name = name, command = command, parameters = parameters)
}

tl_parameter <- function(source, where, name, decl) {
  if (is.character(decl) && length(decl) == 1) return(list(name = name, type = decl, default = NULL))
  what <- paste0("parameter '", name, "' of ", where)
  if (!is.list(decl) || (length(decl) && is.null(names(decl)))) {
    tl_project_fail(source, what, " must be a type name or a mapping with 'type' and 'default'")
  }
  tl_unknown_keys(source, paste(what, "has"), decl, c("type", "default"))
  type <- if (is.null(decl$type)) "string" else decl$type
  if (!is.character(type) || length(type) != 1) {
    tl_project_fail(source, "the type of ", what, " must be a name such as float")
  }
  default <- decl$default
  if (!is.null(default) && (is.list(default) || length(default) != 1)) {
    tl_project_fail(source, "the default of ", what, " must be a single value")
  }
  list(name = name, type = type, default = if (is.null(default)) NULL else tl_yaml_text(default))
}

# A command template cut into its parts: list(text = "python x.py --a ", field = NULL) for
# literal text ("{{" and "}}" are literal braces) and list(text = NULL, field = "a") for "{a}".
# Calls fail(message) on a malformed template.
tl_template_parts <- function(command, fail) {
  parts <- list()
  literal <- character()
  chars <- strsplit(command, "")[[1]]
  i <- 1L
  n <- length(chars)
  flush <- function() {
    if (length(literal)) parts[[length(parts) + 1L]] <<- list(text = paste(literal, collapse = ""), field = NULL)
    literal <<- character()
  }
  while (i <= n) {
    ch <- chars[[i]]
    if (ch %in% c("{", "}") && i < n && chars[[i + 1L]] == ch) {
      literal <- c(literal, ch)
      i <- i + 2L
    } else if (ch == "}") {
      fail("single '}' encountered in format string")
    } else if (ch == "{") {
      close <- which(chars[seq.int(i + 1L, length.out = n - i)] == "}")
      if (!length(close)) fail("expected '}' before end of string")
      end <- i + close[[1]]
      flush()
      name <- paste(chars[seq.int(i + 1L, length.out = end - i - 1L)], collapse = "")
      parts[[length(parts) + 1L]] <- list(text = NULL, field = sub("[!:].*$", "", name))
      i <- end + 1L
    } else {
      literal <- c(literal, ch)
      i <- i + 1L
    }
  }
  flush()
  parts
}

tl_template_fields <- function(command, fail) {
  unlist(lapply(tl_template_parts(command, fail), function(part) part$field))
}

tl_declared_env <- function(source, directory, data) {
  present <- intersect(tl_project_env_keys, names(data))
  if (length(present) > 1) {
    tl_project_fail(source, "a project has one environment, not ", tl_names_list(present))
  }
  if (!length(present)) return(tl_implicit_env(directory))
  key <- present[[1]]
  value <- data[[key]]
  if (key == "docker_env") {
    if (!is.list(value) || !is.character(value$image) || !nzchar(value$image)) {
      tl_project_fail(source, "docker_env must be a mapping with an image")
    }
    return(list(env_type = key, docker_image = value$image))
  }
  if (!is.character(value) || length(value) != 1 || !nzchar(value)) {
    tl_project_fail(source, key, " must be the path of a file in the project")
  }
  path <- file.path(directory, value)
  if (!file.exists(path) || dir.exists(path)) {
    tl_project_fail(source, key, " names ", value, ", which is not a file of the project")
  }
  list(env_type = key, env_file = path)
}

tl_implicit_env <- function(directory) {
  for (candidate in list(c("python_env", "python_env.yaml"), c("conda_env", "conda.yaml"))) {
    path <- file.path(directory, candidate[[2]])
    if (file.exists(path)) return(list(env_type = candidate[[1]], env_file = path))
  }
  list()
}

# The declared entry point `name`, else a script of the project run by its extension.
tl_project_entry_point <- function(project, name) {
  if (!is.null(project$entry_points[[name]])) return(project$entry_points[[name]])
  ext <- regmatches(name, regexpr("\\.[^./]+$", name))
  declared <- tl_names_list(sort(names(project$entry_points)))
  if (!length(ext) || !ext %in% names(tl_script_runners)) {
    tl_abort("Could not find '", name, "' among the entry points ", declared,
             " or run it as a script: scripts end in ", paste(names(tl_script_runners), collapse = ", "))
  }
  if (!file.exists(file.path(project$directory, name))) {
    tl_abort("Could not find '", name, "' among the entry points ", declared, ", nor a script ",
             name, " in ", project$directory)
  }
  list(name = name, command = paste(tl_script_runners[[ext]], tl_shell_quote(name)),
       parameters = list())
}

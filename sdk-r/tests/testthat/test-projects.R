# Projects without a server: mlflow_param(), MLproject files, parameters and commands, and
# fetching projects from directories and real git repositories.

rscript <- function() file.path(R.home("bin"), "Rscript")

test_that("mlflow_param() reads --name value and --name=value from an Rscript command line", {
  script <- tempfile(fileext = ".R")
  writeLines(c(
    "library(trackline)",
    "str(list(",
    "  alpha = mlflow_param('alpha', 0.1, 'numeric'),",
    "  n = mlflow_param('n', 5L),",
    "  rate = mlflow_param('learning-rate', 0.5),",
    "  name = mlflow_param('name', 'none'),",
    "  absent = mlflow_param('absent', 7L),",
    "  untyped = mlflow_param('untyped', type = 'string')",
    "))"
  ), script)
  out <- system2(rscript(), c(script, "--alpha", "0.25", "--n=12", "--learning-rate", "1e-3",
                              "--name", shQuote("two words")),
                 stdout = TRUE, stderr = TRUE,
                 env = paste0("R_LIBS=", paste(.libPaths(), collapse = ":")))
  expect_null(attr(out, "status"), info = paste(out, collapse = "\n"))
  expect_true(any(grepl("alpha  *: num 0.25", out)), info = paste(out, collapse = "\n"))
  expect_true(any(grepl("n  *: int 12", out)))
  expect_true(any(grepl("rate  *: num 0.001", out)))
  expect_true(any(grepl("name  *: chr \"two words\"", out)))
  expect_true(any(grepl("absent  *: int 7", out)))
  expect_true(any(grepl("untyped *: NULL", out)))
})

test_that("parameters are parsed and cast, and bad values are refused", {
  parse <- trackline:::tl_command_line_params
  expect_identical(parse(c("--args", "--a", "1", "--b=x=y", "stray", "--c-d", "3", "--last")),
                   list(a = "1", b = "x=y", c_d = "3"))
  cast <- trackline:::tl_cast_param
  expect_identical(cast("a", "0.5", "numeric", "value"), 0.5)
  expect_identical(cast("n", "1e3", "integer", "value"), 1000L)
  expect_identical(cast("s", 10, "string", "value"), "10")
  expect_error(cast("a", "abc", "numeric", "value"), "Parameter `a` is numeric, but its value is 'abc'",
               class = "trackline_error")
  expect_error(cast("n", "2.5", "integer", "value"), "is integer, but its value is '2.5'")
  expect_error(mlflow_param("x"), "needs a `default` or a `type`")
  expect_error(mlflow_param("x", type = "logical"), "must be one of numeric, integer, string")
})

write_project <- function(mlproject = NULL, files = list(), dir = tempfile("project-")) {
  dir.create(dir, recursive = TRUE, showWarnings = FALSE)
  if (!is.null(mlproject)) writeLines(mlproject, file.path(dir, "MLproject"))
  for (name in names(files)) {
    dir.create(dirname(file.path(dir, name)), recursive = TRUE, showWarnings = FALSE)
    writeLines(files[[name]], file.path(dir, name))
  }
  normalizePath(dir)
}

demo_mlproject <- c(
  "name: demo",
  "entry_points:",
  "  main:",
  "    parameters:",
  "      alpha: {type: float, default: 0.5}",
  "      name: string",
  "      data: {type: path, default: data.txt}",
  "      source: {type: uri, default: 'https://example.com/x'}",
  "      epochs: {type: int, default: 3}",
  "    command: \"python train.py --alpha {alpha} --name {name} --data {data} --source {source} --epochs {epochs}\""
)

test_that("parameters are checked against their types and quoted into the command", {
  dir <- write_project(demo_mlproject, list(data.txt = "1"))
  project <- trackline:::tl_load_project(dir)
  expect_identical(project$name, "demo")
  entry <- trackline:::tl_project_entry_point(project, "main")
  expect_identical(entry$parameters$alpha, list(name = "alpha", type = "float", default = "0.5"))
  expect_null(entry$parameters$name$default)

  resolved <- trackline:::tl_resolve_parameters(entry, list(name = "hello world", alpha = 0.25, `extra key` = "it's"),
                                                dir)
  expect_identical(resolved$logged, list(alpha = "0.25", name = "hello world", data = "data.txt",
                                         source = "https://example.com/x", epochs = "3",
                                         `extra key` = "it's"))
  expect_identical(
    trackline:::tl_render_command(entry, resolved),
    paste0("python train.py --alpha 0.25 --name 'hello world' --data ", file.path(dir, "data.txt"),
           " --source https://example.com/x --epochs 3 --'extra key' 'it'\"'\"'s'")
  )
  expect_identical(trackline:::tl_resolve_parameters(entry, list(name = "n", epochs = 1e5), dir)$logged$epochs,
                   "100000")

  bad <- list(
    list(list(), "No value given for missing parameters: 'name'"),
    list(list(name = "n", alpha = "abc"), "Parameter 'alpha' is a float, but got 'abc'"),
    list(list(name = "n", epochs = "2.5"), "Parameter 'epochs' is an int, but got '2.5'"),
    list(list(name = "n", data = "nowhere.csv"), "Got 'nowhere.csv' for parameter 'data', but no such file"),
    list(list(name = "n", source = "relative/path"), "is a uri, but got 'relative/path', which has no scheme")
  )
  for (case in bad) {
    expect_error(trackline:::tl_resolve_parameters(entry, case[[1]], dir), case[[2]], fixed = TRUE,
                 class = "trackline_error")
  }
})

test_that("malformed MLproject files are refused with one line", {
  cases <- list(
    c("entry_points: [main", "not valid YAML"),
    c("- main", "must hold a mapping"),
    c("name: x\nentry_point:\n  main: {command: ls}", "unknown keys ['entry_point']"),
    c("entry_points:\n  main: {command: ls, params: {}}", "entry point 'main' has unknown keys ['params']"),
    c("entry_points:\n  main: {parameters: {a: string}}", "entry point 'main' has no command"),
    c("entry_points:\n  main: {command: 'echo {b}', parameters: {a: string}}", "uses {b}, which is not among its parameters ['a']"),
    c("entry_points:\n  main: {command: 'echo {a'}", "is not a valid template"),
    c("entry_points:\n  main: {command: ls, parameters: {a: {kind: x}}}", "unknown keys ['kind']"),
    c("python_env: env.yaml\nconda_env: conda.yaml", "one environment, not ['python_env', 'conda_env']"),
    c("python_env: missing.yaml", "python_env names missing.yaml, which is not a file"),
    c("docker_env: {volumes: []}", "docker_env must be a mapping with an image")
  )
  for (case in cases) {
    dir <- write_project(case[[1]])
    err <- expect_error(trackline:::tl_load_project(dir), case[[2]], fixed = TRUE, class = "trackline_error")
    expect_true(startsWith(conditionMessage(err), paste0("Invalid MLproject file ", file.path(dir, "MLproject"))))
    expect_false(grepl("\n", conditionMessage(err)))
  }
})

test_that("projects without an MLproject file run scripts by their extension", {
  dir <- write_project(files = list(train.py = "", fit.R = "", run.sh = "", notes.txt = ""))
  project <- trackline:::tl_load_project(dir)
  entry <- function(name) trackline:::tl_project_entry_point(project, name)$command
  expect_identical(c(entry("train.py"), entry("fit.R"), entry("run.sh")),
                   c("python train.py", "Rscript fit.R", "bash run.sh"))
  expect_error(entry("notes.txt"), "scripts end in .py, .sh, .R", fixed = TRUE)
  expect_error(entry("gone.R"), "nor a script gone.R", fixed = TRUE)
  implicit <- trackline:::tl_load_project(write_project("name: x", list(python_env.yaml = "python: '3.11'")))
  expect_identical(implicit$env_type, "python_env")
})

git <- function(dir, ...) {
  out <- system2("git", c("-C", shQuote(dir), "-c", "user.name=t", "-c", "user.email=t@example.com", ...),
                 stdout = TRUE, stderr = TRUE)
  expect_null(attr(out, "status"), info = paste(out, collapse = "\n"))
  out
}

# A repository with a project in `sub`: tag v1 says "one"; branch feature and the default say "two".
make_repository <- function() {
  repo <- write_project("entry_points: {main: {command: 'echo one'}}", dir = file.path(tempfile("repo-"), "sub"))
  repo <- dirname(repo)
  git(repo, "init", "-q", "-b", "trunk")
  git(repo, "add", "-A")
  git(repo, "commit", "-qm", "one")
  git(repo, "tag", "v1")
  first <- git(repo, "rev-parse", "HEAD")
  writeLines("entry_points: {main: {command: 'echo two'}}", file.path(repo, "sub", "MLproject"))
  git(repo, "commit", "-qam", "two")
  git(repo, "branch", "feature")
  git(repo, "remote", "add", "origin", "https://example.com/acme/repo.git")
  list(path = repo, first = first, second = git(repo, "rev-parse", "HEAD"))
}

skip_without_git <- function() {
  if (!nzchar(Sys.which("git"))) skip("git is not installed")
}

test_that("git URLs, versions and subdirectories are fetched, with their source tags", {
  skip_without_git()
  repo <- make_repository()
  url <- paste0("file://", repo$path)
  command <- function(fetched) trackline:::tl_load_project(fetched$directory)$entry_points$main$command
  for (case in list(list("v1", "echo one", repo$first, NULL), list("feature", "echo two", repo$second, "feature"),
                    list(substr(repo$first, 1, 12), "echo one", repo$first, NULL))) {
    fetched <- suppressMessages(trackline:::tl_fetch_project(paste0(url, "#sub"), case[[1]]))
    expect_identical(command(fetched), case[[2]])
    expected <- list(mlflow.source.name = paste0(url, "#sub"), mlflow.source.git.commit = case[[3]],
                     mlflow.source.git.repoURL = url)
    expected[["mlflow.source.git.branch"]] <- case[[4]]
    expect_identical(fetched$tags, expected)
    unlink(fetched$temporary, recursive = TRUE)
  }
  in_place <- trackline:::tl_fetch_project(file.path(repo$path, "sub"))
  expect_null(in_place$temporary)
  expect_identical(in_place$tags, list(mlflow.source.name = paste0("file://", repo$path, "#sub"),
                                       mlflow.source.git.commit = repo$second,
                                       mlflow.source.git.repoURL = "https://example.com/acme/repo.git"))
  old <- suppressMessages(trackline:::tl_fetch_project(paste0(repo$path, "#sub"), "v1"))
  expect_identical(command(old), "echo one")
  expect_identical(old$tags$mlflow.source.name, paste0("file://", repo$path, "#sub"))
  unlink(old$temporary, recursive = TRUE)
  expect_identical(command(in_place), "echo two")  # the user's tree is untouched
})

test_that("projects that cannot be fetched are refused", {
  skip_without_git()
  repo <- make_repository()
  url <- paste0("file://", repo$path)
  plain <- write_project("entry_points: {main: {command: ls}}")
  fetch <- function(...) suppressMessages(trackline:::tl_fetch_project(...))
  expect_error(fetch(paste0(url, "#sub"), "nope"), "Version 'nope' is not a branch, tag or commit", fixed = TRUE)
  expect_error(fetch(paste0(url, "#missing")), "has no subdirectory 'missing'", fixed = TRUE)
  expect_error(fetch(paste0(url, "#../x")), "must be a relative path inside it", fixed = TRUE)
  expect_error(fetch("https://127.0.0.1:9/none.git"), "Cannot fetch the git project https://127.0.0.1:9/none.git: fatal:",
               fixed = TRUE)
  expect_error(fetch(paste0(plain, "-nowhere")), "is neither a directory nor a git URL", fixed = TRUE)
  expect_error(fetch(plain, "v1"), "A version can only be given for git projects", fixed = TRUE)
})

test_that("mlflow_run() refuses what it cannot run before anything is created", {
  dir <- write_project("python_env: env.yaml\nentry_points: {main: {command: ls}}", list(env.yaml = "python: '3.11'"))
  expect_error(mlflow_run(dir), "has a python_env: run it with `trackline run`", fixed = TRUE)
  expect_error(mlflow_run(dir, env_manager = "virtualenv"), "needs Python", fixed = TRUE)
  expect_error(mlflow_run(dir, backend = "databricks"), "Backend 'databricks' is not supported", fixed = TRUE)
  expect_error(mlflow_run(dir, experiment_id = "1", experiment_name = "x"), "not both", fixed = TRUE)
  docker <- write_project("docker_env: {image: 'r-base'}")
  expect_error(mlflow_run(docker, env_manager = "local"), "docker projects are not supported", fixed = TRUE)
})

test_that("commands do not inherit the library path R set for itself", {
  clean <- trackline:::tl_child_library_path
  r_lib <- normalizePath(R.home("lib"), mustWork = FALSE)
  expect_identical(clean(paste(r_lib, "/usr/lib/x86_64-linux-gnu", "/usr/lib/jvm/default-java/lib/server",
                               "/opt/cuda/lib64", sep = ":")), "/opt/cuda/lib64")
  expect_identical(clean(paste(r_lib, "/lib", sep = ":")), "")
})

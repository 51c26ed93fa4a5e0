# The examples' directory and a PATH with no Python, for the example tests.

examples_dir <- function() {
  dir <- Sys.getenv("TRACKLINE_R_EXAMPLES_DIR")
  if (!nzchar(dir)) dir <- test_path("..", "..", "examples")
  if (!file.exists(file.path(dir, "tracking.R"))) {
    if (tlt_server_required()) stop("examples/tracking.R not found: set TRACKLINE_R_EXAMPLES_DIR")
    skip("examples/tracking.R is not in the installed package")
  }
  normalizePath(dir)
}

# A directory to use as PATH: every program of the usual bin directories except Python.
path_without_python <- function() {
  bin <- tempfile("bin-no-python-")
  dir.create(bin)
  for (d in c("/usr/local/bin", "/usr/bin", "/bin")) {
    if (!dir.exists(d)) next
    for (f in list.files(d, full.names = TRUE)) {
      name <- basename(f)
      if (grepl("^(python|pip|pydoc|mlflow|trackline)", name)) next
      target <- file.path(bin, name)
      if (!file.exists(target)) file.symlink(normalizePath(f), target)
    }
  }
  bin
}

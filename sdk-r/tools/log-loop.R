# A training loop's logging, for the benchmark: `count` calls of mlflow_log_metric() in one run,
# point i (from 0) with step i and value i * 0.5, then mlflow_flush(). Prints one JSON line
# {"count": N, "seconds": S}, S from the first call to the end of the flush.
#
# Usage: Rscript sdk-r/tools/log-loop.R --tracking-uri URL --run-id ID --count N
#          --mode async|sync [--key NAME (default m)]
# The trackline package comes from R's library paths (R_LIBS), else from build/r-lib of this
# checkout (where `make r-lib` installs it).

parse_args <- function(args) {
  out <- list(key = "m")
  while (length(args)) {
    name <- sub("^--", "", args[[1]])
    if (length(args) < 2 || !startsWith(args[[1]], "--")) stop("bad arguments near ", args[[1]])
    out[[gsub("-", "_", name)]] <- args[[2]]
    args <- args[-(1:2)]
  }
  for (required in c("tracking_uri", "run_id", "count", "mode")) {
    if (is.null(out[[required]])) stop("--", gsub("_", "-", required), " is required")
  }
  if (!out$mode %in% c("async", "sync")) stop("--mode must be async or sync")
  out$count <- as.numeric(out$count)
  out
}

if (!requireNamespace("trackline", quietly = TRUE)) {
  file <- sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE)[1])
  .libPaths(c(file.path(dirname(normalizePath(file)), "..", "..", "build", "r-lib"), .libPaths()))
}
suppressPackageStartupMessages(library(trackline))

args <- parse_args(commandArgs(trailingOnly = TRUE))
mlflow_set_tracking_uri(args$tracking_uri)
options(trackline.async_logging = args$mode == "async")
run_id <- args$run_id
key <- args$key
n <- args$count

started <- proc.time()[["elapsed"]]
for (i in seq_len(n) - 1) mlflow_log_metric(key, i * 0.5, step = i, run_id = run_id)
mlflow_flush()
seconds <- proc.time()[["elapsed"]] - started

cat(sprintf("{\"count\": %d, \"seconds\": %.3f}\n", as.integer(n), seconds))

# An R model from training to a REST endpoint, with no Python: fit lm() on mtcars, log it as a
# crate model from a run, register it, serve it with mlflow_rfunc_serve() and query it with curl.
# Run it with a Trackline server listening:
#   MLFLOW_TRACKING_URI=http://127.0.0.1:5000 Rscript examples/models.R
library(trackline)

mlflow_set_tracking_uri(Sys.getenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"))
mlflow_set_experiment(Sys.getenv("EXAMPLE_EXPERIMENT", "r-models-example"))
model_name <- Sys.getenv("EXAMPLE_MODEL_NAME", "mtcars-lm")
port <- as.integer(Sys.getenv("EXAMPLE_PORT", "8090"))

# Train and log. The model is a function of a data frame; the fitted lm() it uses is saved with
# it (a carrier::crate() works the same way where carrier is installed).
with(mlflow_start_run(), {
  fit <- lm(mpg ~ wt + hp, data = mtcars)
  mlflow_log_param("formula", "mpg ~ wt + hp")
  mlflow_log_metric("r_squared", summary(fit)$r.squared)
  predictor <- function(df) unname(stats::predict(fit, newdata = df))
  info <- mlflow_log_model(
    predictor, "model", registered_model_name = model_name,
    signature = list(inputs = list(list(name = "wt", type = "double"), list(name = "hp", type = "double")))
  )
})
cat("logged:", info$model_uri, "registered:", model_name, "version", info$registered_model_version, "\n")
mlflow_set_registered_model_alias(model_name, "champion", info$registered_model_version)

# Load it back anywhere, by any of its URIs.
model <- mlflow_load_model(paste0("models:/", model_name, "@champion"))
cat("local predictions:", format(mlflow_predict(model, mtcars[1:2, c("wt", "hp")]), digits = 6), "\n")

# Serve it (here in a background R process; on a server, run the mlflow_rfunc_serve() line alone).
serve_call <- sprintf("trackline::mlflow_rfunc_serve('models:/%s@champion', port = %d)", model_name, port)
log <- tempfile("serve-", fileext = ".log")
server <- processx::process$new("Rscript", c("-e", serve_call), stdout = log, stderr = "2>&1")
url <- sprintf("http://127.0.0.1:%d", port)

wait_until_ready <- function() {
  for (i in 1:600) {
    ping <- suppressWarnings(system2("curl", c("-s", "-o", "/dev/null", "-w", "%{http_code}", paste0(url, "/ping")),
                                     stdout = TRUE, stderr = FALSE))
    if (identical(ping, "200")) return(invisible())
    if (!server$is_alive()) stop("the scoring server stopped: ", paste(readLines(log), collapse = "\n"))
    Sys.sleep(0.1)
  }
  stop("the scoring server did not start")
}

# Query it with curl, as any client would.
query <- function() {
  body <- '{"dataframe_records": [{"wt": 2.62, "hp": 110}, {"wt": 2.875, "hp": 110}]}'
  system2("curl", c("-s", "-X", "POST", paste0(url, "/invocations"),
                    "-H", shQuote("Content-Type: application/json"), "-d", shQuote(body)), stdout = TRUE)
}

tryCatch({
  wait_until_ready()
  cat("curl answer:", query(), "\n")
}, finally = invisible(server$kill_tree()))

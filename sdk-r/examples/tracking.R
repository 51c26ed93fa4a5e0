# A training script written the way MLflow's R users write them: only the library() line
# differs. Run it with a Trackline server listening:
#   MLFLOW_TRACKING_URI=http://127.0.0.1:5000 Rscript examples/tracking.R
library(trackline)

mlflow_set_tracking_uri(Sys.getenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000"))
mlflow_set_experiment(Sys.getenv("EXAMPLE_EXPERIMENT", "r-example"))

# A small linear model on a built-in data set, one run per regularisation strength.
data <- mtcars
train <- data[1:24, ]
test <- data[25:32, ]

for (alpha in c(0, 0.5, 1)) {
  with(mlflow_start_run(), {
    mlflow_log_param("alpha", alpha)
    mlflow_log_param("formula", "mpg ~ wt + hp")
    mlflow_set_tag("model", "ridge-lm")

    x <- cbind(1, as.matrix(train[, c("wt", "hp")]))
    beta <- solve(crossprod(x) + diag(c(0, alpha, alpha)), crossprod(x, train$mpg))
    for (step in 1:5) {
      # A stand-in for training epochs: the same fit, logged once per step.
      mlflow_log_metric("train_rmse", sqrt(mean((x %*% beta - train$mpg)^2)), step = step)
    }
    pred <- cbind(1, as.matrix(test[, c("wt", "hp")])) %*% beta
    mlflow_log_metric("rmse", sqrt(mean((pred - test$mpg)^2)))
  })
}

runs <- mlflow_search_runs(order_by = "metrics.rmse ASC")
best <- runs[1, ]
params <- best$params[[1]]
cat("runs:", nrow(runs), "\n")
cat("best alpha:", params$value[params$key == "alpha"],
    "rmse:", format(best$metrics[[1]]$value[best$metrics[[1]]$key == "rmse"]), "\n")

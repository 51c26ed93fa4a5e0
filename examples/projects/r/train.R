# Fit mpg = w * weight + b on mtcars by gradient descent (weight standardised), logging the loss
# at each iteration and the final RMSE.
#
# `trackline run` (or mlflow_run()) passes the parameters on the command line, where
# mlflow_param() reads them, and sets MLFLOW_RUN_ID, so mlflow_start_run() logs into the run it
# made for this command.
library(trackline)

alpha <- mlflow_param("alpha", 0.1, "numeric")
iterations <- mlflow_param("iterations", 50L, "integer")

x <- (mtcars$wt - mean(mtcars$wt)) / stats::sd(mtcars$wt)
y <- mtcars$mpg
rmse <- function(w, b) sqrt(mean((w * x + b - y)^2))
w <- 0
b <- 0

with(mlflow_start_run(), {
  mlflow_set_tag("model", "linear")
  for (i in seq_len(iterations)) {
    residual <- w * x + b - y
    w <- w - alpha * 2 * mean(residual * x)
    b <- b - alpha * 2 * mean(residual)
    mlflow_log_metric("loss", rmse(w, b)^2, step = i)
  }
  mlflow_log_metric("rmse", rmse(w, b))
})
cat(sprintf("w=%.4f b=%.4f rmse=%.4f\n", w, b, rmse(w, b)))

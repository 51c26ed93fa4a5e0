# Runs scripted-server.R in a separate R process (see that file) and reads back its log.
scripted_server <- function(plan, delay = 0) {
  port <- tlt_free_port()
  dir <- tempfile("scripted-")
  dir.create(dir)
  plan_file <- file.path(dir, "plan.rds")
  saveRDS(plan, plan_file)
  log <- file.path(dir, "requests.jsonl")
  ready <- file.path(dir, "ready")
  rscript <- file.path(R.home("bin"), "Rscript")
  system2(rscript, c(shQuote(test_path("scripted-server.R")), port, shQuote(plan_file),
                     shQuote(log), shQuote(ready), delay),
          wait = FALSE, stdout = file.path(dir, "out.log"), stderr = file.path(dir, "out.log"))
  if (delay == 0) {
    deadline <- Sys.time() + 20
    while (!file.exists(ready)) {
      if (Sys.time() > deadline) stop("scripted server did not start")
      Sys.sleep(0.05)
    }
  }
  list(
    url = paste0("http://127.0.0.1:", port),
    requests = function() {
      if (!file.exists(log)) return(list())
      lapply(readLines(log, warn = FALSE), jsonlite::parse_json)
    }
  )
}

answer <- function(status = 200, body = "{}", headers = NULL) {
  list(status = status, body = body, headers = headers)
}

local_fast_retries <- function(max_retries = 3, env = parent.frame()) {
  withr::local_options(list(trackline.max_retries = max_retries,
                            trackline.retry_backoff = 0.05,
                            trackline.retry_max_backoff = 0.2), .local_envir = env)
}

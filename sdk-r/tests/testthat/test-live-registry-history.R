# The registry's audit trail: who moved which version to which stage and alias, and when.

on_mlflow <- function() identical(Sys.getenv("TRACKLINE_TEST_SERVER"), "mlflow")

test_that("the history records stage moves and alias moves with users and times", {
  local_live()
  if (on_mlflow()) {
    # MLflow has no audit trail: the call reaches no route there.
    err <- expect_error(mlflow_get_registry_history(), class = "trackline_error")
    expect_identical(err$http_status, 404L)
    return(invisible())
  }
  name <- unique_name("r-audit")
  mlflow_create_registered_model(name)
  withr::defer(try(mlflow_delete_registered_model(name), silent = TRUE))
  t0 <- Sys.time() - 1
  v1 <- mlflow_create_model_version(name, "mlflow-artifacts:/audit/1", user_id = "ann",
                                    comment = "first cut")
  v2 <- mlflow_create_model_version(name, "mlflow-artifacts:/audit/2", user_id = "ann")

  mlflow_transition_model_version_stage(name, v1$version, "Staging", user_id = "ann",
                                        comment = "ready for QA")
  withr::with_envvar(c(MLFLOW_TRACKING_USERNAME = "bob", MLFLOW_TRACKING_PASSWORD = "s3cret"), {
    # Basic authentication: the server records the authenticated user, not the user_id sent.
    mlflow_transition_model_version_stage(name, v1$version, "Production", user_id = "mallory",
                                          comment = "approved in review 42")
    mlflow_set_registered_model_alias(name, "champion", v1$version)
  })
  # Events are stamped in milliseconds: keep `mid` clear of both neighbours.
  Sys.sleep(0.05)
  mid <- Sys.time()
  Sys.sleep(0.05)
  mlflow_set_registered_model_alias(name, "champion", v2$version, user_id = "carol",
                                    comment = "beats v1")
  mlflow_transition_model_version_stage(name, v1$version, "Archived", user_id = "carol")
  t1 <- Sys.time() + 1

  history <- mlflow_get_registry_history(name)
  expect_s3_class(history, "tbl_df")
  expect_identical(names(history), c("event_id", "name", "version", "action", "alias",
                                     "from_value", "to_value", "user_id", "timestamp",
                                     "comment"))
  expect_s3_class(history$timestamp, "POSIXct")
  expect_true(all(history$timestamp >= t0 & history$timestamp <= t1))
  expect_false(is.unsorted(as.numeric(history$timestamp)))
  expect_identical(history$name, rep(name, nrow(history)))

  stages <- history[history$action == "TRANSITION_STAGE", ]
  expect_identical(stages$version, rep(v1$version, 3))
  expect_identical(stages$from_value, c("None", "Staging", "Production"))
  expect_identical(stages$to_value, c("Staging", "Production", "Archived"))
  expect_identical(stages$user_id, c("ann", "bob", "carol"))
  expect_identical(stages$comment, c("ready for QA", "approved in review 42", NA))

  aliases <- history[history$action == "SET_ALIAS", ]
  expect_identical(aliases$alias, c("champion", "champion"))
  expect_identical(aliases$from_value, c(NA, v1$version))
  expect_identical(aliases$to_value, c(v1$version, v2$version))
  expect_identical(aliases$version, c(v1$version, v2$version))
  expect_identical(aliases$user_id, c("bob", "carol"))
  expect_identical(aliases$comment, c(NA, "beats v1"))

  created <- history[history$action == "CREATE_MODEL_VERSION", ]
  expect_identical(created$version, c(v1$version, v2$version))
  expect_identical(created$user_id, c("ann", "ann"))
  expect_identical(created$comment, c("first cut", NA))

  # Filters: version, action, time window.
  only_v2 <- mlflow_get_registry_history(name, version = v2$version)
  expect_identical(only_v2$action, c("CREATE_MODEL_VERSION", "SET_ALIAS"))
  moves <- mlflow_get_registry_history(name = name, action = "TRANSITION_STAGE")
  expect_identical(moves$event_id, stages$event_id)
  late <- mlflow_get_registry_history(name, start_time = mid)
  expect_identical(late$action, c("SET_ALIAS", "TRANSITION_STAGE"))
  expect_identical(late$to_value, c(v2$version, "Archived"))
  early <- mlflow_get_registry_history(name, end_time = round(as.numeric(mid) * 1000))
  expect_identical(nrow(early) + nrow(late), nrow(history))
  expect_identical(nrow(mlflow_get_registry_history(name, start_time = t1)), 0L)
})

test_that("the history follows renames and pages through many events", {
  local_live()
  if (on_mlflow()) {
    err <- expect_error(mlflow_get_registry_history(name = "x"), class = "trackline_error")
    expect_identical(err$http_status, 404L)
    return(invisible())
  }
  name <- unique_name("r-audit-pages")
  mlflow_create_registered_model(name)
  mlflow_create_model_version(name, "mlflow-artifacts:/audit/p")
  stages <- rep(c("Staging", "Production"), 6)
  for (stage in stages) mlflow_transition_model_version_stage(name, 1, stage, user_id = "dan")
  new_name <- paste0(name, "-v2")
  mlflow_rename_registered_model(name, new_name)
  withr::defer(try(mlflow_delete_registered_model(new_name), silent = TRUE))
  withr::local_options(trackline.history_events_page_size = 5)
  history <- mlflow_get_registry_history(new_name)
  moves <- history[history$action == "TRANSITION_STAGE", ]
  expect_identical(moves$to_value, stages)
  expect_identical(unique(moves$user_id), "dan")
  expect_identical(history$action[nrow(history)], "RENAME_REGISTERED_MODEL")
  expect_identical(history$from_value[nrow(history)], name)
  expect_identical(history$to_value[nrow(history)], new_name)
  expect_identical(length(unique(history$event_id)), nrow(history))
})

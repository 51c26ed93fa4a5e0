# Golden test of tools/generate.R (`make test-r-generator`, part of `make test-r`): the fixture
# spec beside this file renders to fixture-api.R byte for byte, each shape renders as the R
# client needs it, and the generator refuses what it does not understand. After an intended
# change of the generator, rewrite the expected output from sdk-r/ and review its diff:
#   Rscript tools/generate.R tools/tests/fixture.yaml tools/tests/fixture-api.R

gen <- new.env()
sys.source(file.path("..", "generate.R"), envir = gen)
fixture <- gen$read_spec("fixture.yaml")
rendered <- gen$render_client(fixture, "fixture.yaml")

# The lines of the generated function `name`, from its signature to its closing brace.
function_lines <- function(name) {
  first <- grep(paste0("^", name, " <- function"), rendered)
  last <- first + match("}", rendered[first:length(rendered)]) - 1
  rendered[first:last]
}

doc_lines <- function(name) {
  end <- grep(paste0("^", name, " <- function"), rendered) - 1
  start <- max(c(0, which(rendered[seq_len(end)] == ""))) + 1
  rendered[start:end]
}

expect_line <- function(lines, line) {
  expect(line %in% lines, paste0("no line\n  ", line, "\nin\n  ", paste(lines, collapse = "\n  ")))
}

test_that("the fixture renders to the committed fixture-api.R byte for byte", {
  out <- tempfile(fileext = ".R")
  on.exit(unlink(out))
  gen$main(c("fixture.yaml", out))
  actual <- readLines(out, warn = FALSE)
  expected <- readLines("fixture-api.R", warn = FALSE)
  first <- which(actual[seq_len(min(length(actual), length(expected)))] !=
                   expected[seq_len(min(length(actual), length(expected)))])[1]
  expect(length(actual) == length(expected) && is.na(first),
         paste0("generated output differs from fixture-api.R at line ",
                if (is.na(first)) min(length(actual), length(expected)) + 1 else first,
                ":\n  expected: ", expected[first], "\n  actual:   ", actual[first]))
  expect_identical(readBin(out, "raw", 1e6), readBin("fixture-api.R", "raw", 1e6))
})

test_that("the first line says the file is generated from the spec and not to be edited", {
  expect_identical(
    rendered[1], "# Code generated from fixture.yaml by sdk-r/tools/generate.R. DO NOT EDIT."
  )
})

test_that("the generated code parses; functions end with `...` and `client`; the table lists them", {
  env <- new.env()
  eval(parse(text = rendered, keep.source = FALSE), envir = env)
  funs <- c("tl_api_health", "tl_api_create_thing", "tl_api_search_things",
            "tl_api_upload_file", "tl_api_download_file", "tl_api_add_note")
  expect_setequal(setdiff(ls(env), "tl_api_operations"), funs)
  for (f in funs) {
    expect_identical(utils::tail(names(formals(env[[f]])), 2), c("...", "client"), info = f)
  }
  ops <- env$tl_api_operations()
  expect_identical(ops$fun, funs)
  expect_identical(ops$path[ops$operation_id == "uploadFile"], "/api/things/{thing_id}/files/{path}")
})

test_that("a raw body is one `body` argument sent with its content type", {
  lines <- function_lines("tl_api_upload_file")
  expect_line(lines, "  if (missing(body)) body <- raw()")
  expect_match(lines[length(lines) - 1],
               "body = body, content_type = \"application/octet-stream\"", fixed = TRUE)
  expect_line(doc_lines("tl_api_upload_file"), paste0(
    "#' @param body Required. The request body (`application/octet-stream`): a raw vector, ",
    "or a character string sent as its UTF-8 bytes."))
})

test_that("a multi-segment path parameter keeps its slashes, others are escaped whole", {
  lines <- function_lines("tl_api_download_file")
  expect_line(lines, paste0("    thing_id = tl_path_value(if (!missing(thing_id)) thing_id, ",
                            "\"thing_id\", multi_segment = FALSE),"))
  expect_line(lines, paste0("    path = tl_path_value(if (!missing(path)) path, \"path\", ",
                            "multi_segment = TRUE)"))
  expect_match(lines[length(lines) - 1], "response = \"raw\"", fixed = TRUE)
})

test_that("a list query parameter is always sent as a list; a required one may be missing", {
  lines <- function_lines("tl_api_search_things")
  expect_line(lines, "    tags = tl_array(tags),")
  expect_line(lines, "    max_results = if (!missing(max_results)) max_results,")
  expect_line(lines, "    ...")
})

test_that("a body field named like a path parameter becomes `body_<name>`", {
  expect_match(function_lines("tl_api_add_note")[1],
               "^tl_api_add_note <- function\\(path, body_path, text, ")
  expect_line(function_lines("tl_api_add_note"), "    path = if (!missing(body_path)) body_path,")
  expect_line(doc_lines("tl_api_add_note"), paste0(
    "#' @param body_path Required. The body field `path`. The path again, as the body also ",
    "carries it. A string."))
})

test_that("an enum is documented with its values", {
  expect_line(doc_lines("tl_api_add_note"),
              "#' @param status Where the note stands. A string, one of `OPEN`, `DONE`.")
  expect_line(doc_lines("tl_api_search_things"),
              "#' @param view A string, one of `ACTIVE_ONLY`, `DELETED_ONLY`, `ALL`.")
})

test_that("a success without a body is read as an empty string", {
  expect_line(doc_lines("tl_api_upload_file"),
              "#' @return An empty string: the response has no body.")
  expect_match(utils::tail(function_lines("tl_api_upload_file"), 2)[1], "response = \"text\"",
               fixed = TRUE)
})

test_that("roxygen text is escaped outside code spans only", {
  expect_line(doc_lines("tl_api_create_thing"), paste0(
    "#' Names are unique. A description may hold \\{braces\\} and an @@ sign, which roxygen ",
    "needs escaped, and code such as `{\"name\": \"x\"}`, which it does not."))
})

test_that("a header parameter is a snake-case argument after the body fields, sent as that header", {
  lines <- function_lines("tl_api_create_thing")
  expect_match(lines[1], "attributes = NULL, idempotency_key = NULL, ..., client = NULL) {", fixed = TRUE)
  expect_line(lines, "    `Idempotency-Key` = idempotency_key")
  expect_match(lines[length(lines) - 1], "headers = headers, body = body", fixed = TRUE)
  expect_line(doc_lines("tl_api_create_thing"),
              "#' @param idempotency_key Sent as the `Idempotency-Key` header. One thing per key. A string.")
})

test_that("the generator refuses what it does not understand", {
  refuses <- function(change, message) {
    spec <- fixture
    spec <- change(spec)
    expect_error(gen$render_client(spec, "fixture.yaml"), message, fixed = TRUE)
  }
  refuses(function(s) {
    s$paths$`/api/things/search`$get$parameters[[2]]$`in` <- "cookie"
    s
  }, "searchThings: unsupported parameter location cookie")
  refuses(function(s) {
    props <- s$paths$`/api/notes/{path}`$post$requestBody$content$`application/json`$schema
    props$properties$body_path <- list(type = "string")
    s$paths$`/api/notes/{path}`$post$requestBody$content$`application/json`$schema <- props
    s
  }, "addNote: two arguments named body_path")
  refuses(function(s) {
    s$components$schemas$CreateThing$properties$client <- list(type = "string")
    s
  }, "createThing: a field is named like a reserved argument")
  refuses(function(s) {
    s$paths$`/health`$get$responses <- list(`204` = list(description = "Nothing."))
    s
  }, "health: no 200 response")
  refuses(function(s) {
    s$paths$`/api/things/create`$post$operationId <- "health"
    s
  }, "duplicate operationId: health")
  refuses(function(s) {
    s$paths$`/api/things/create`$post$requestBody$content$`application/json`$schema$`$ref` <-
      "#/components/schemas/Missing"
    s
  }, "unresolved reference #/components/schemas/Missing")
})

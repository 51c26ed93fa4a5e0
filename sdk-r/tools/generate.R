# Writes sdk-r/R/zz-generated-api.R from openapi.yaml: one R function per operationId.
#
# Usage: Rscript tools/generate.R <openapi.yaml> <output .R file>
#
# The output depends only on the spec and on this script, so running it twice gives the same
# bytes. Documentation pages (man/) and NAMESPACE are then written by roxygen2 from the
# comments this script emits (see tools/document.R). tools/tests/ holds its golden test.

main <- function(args) {
  if (length(args) != 2) {
    stop("usage: Rscript tools/generate.R <openapi.yaml> <output.R>")
  }
  text <- render_client(read_spec(args[[1]]), basename(args[[1]]))
  writeLines(text, args[[2]], useBytes = TRUE)
  invisible(NULL)
}

# Examples hold 64-bit timestamps: read every integer as a double.
read_spec <- function(path) {
  yaml::read_yaml(path, eval.expr = FALSE, handlers = list(int = function(x) as.numeric(x)))
}

# The whole generated file, as lines.
render_client <- function(spec, spec_file) {
  ops <- collect_operations(spec)
  c(file_header(spec, spec_file), unlist(lapply(ops, render_operation, spec = spec)),
    render_table(ops))
}

# ---- reading the spec ---------------------------------------------------------------------

http_methods <- c("get", "put", "post", "delete", "options", "head", "patch", "trace")

resolve <- function(spec, node) {
  while (is.list(node) && !is.null(node[["$ref"]])) {
    parts <- strsplit(sub("^#/", "", node[["$ref"]]), "/", fixed = TRUE)[[1]]
    target <- spec
    for (p in parts) target <- target[[p]]
    if (is.null(target)) stop("unresolved reference ", node[["$ref"]])
    node <- target
  }
  node
}

ref_name <- function(node) {
  if (is.list(node) && !is.null(node[["$ref"]])) sub(".*/", "", node[["$ref"]]) else NULL
}

collect_operations <- function(spec) {
  ops <- list()
  for (path in names(spec$paths)) {
    item <- spec$paths[[path]]
    for (method in intersect(names(item), http_methods)) {
      op <- item[[method]]
      if (is.null(op$operationId)) stop("operation without operationId: ", method, " ", path)
      ops[[length(ops) + 1]] <- list(
        id = op$operationId, method = toupper(method), path = path, op = op,
        path_params = item$parameters
      )
    }
  }
  ids <- vapply(ops, function(o) o$id, "")
  if (anyDuplicated(ids)) stop("duplicate operationId: ", ids[duplicated(ids)][1])
  ops
}

snake_case <- function(id) {
  s <- gsub("([a-z0-9])([A-Z])", "\\1_\\2", id)
  s <- gsub("([A-Z]+)([A-Z][a-z])", "\\1_\\2", s)
  tolower(s)
}

function_name <- function(id) paste0("tl_api_", snake_case(id))

# One argument of a generated function: its R name, the name it has on the wire, where it goes
# (path, query, body field, or the whole raw body), whether it is required, how it is encoded
# and how it is documented.
make_arg <- function(spec, name, schema, required, location, description, wire = name,
                     multi_segment = FALSE) {
  resolved <- resolve(spec, schema)
  type <- resolved$type
  if (is.null(type)) type <- "object"
  list(
    name = name, wire = wire, location = location, required = isTRUE(required),
    array = identical(type, "array"), multi_segment = isTRUE(multi_segment),
    doc = describe(spec, schema, description)
  )
}

# The request body: "json" (fields become arguments), "raw" (one `body` argument with the
# bytes) or "none".
body_info <- function(spec, op) {
  body <- op$op$requestBody
  if (is.null(body)) return(list(kind = "none"))
  body <- resolve(spec, body)
  types <- names(body$content)
  if ("application/json" %in% types) {
    return(list(kind = "json", schema = resolve(spec, body$content[["application/json"]]$schema),
                required = isTRUE(body$required)))
  }
  list(kind = "raw", type = types[[1]], required = isTRUE(body$required),
       description = body$description)
}

# The path, query and header parameters, path parameters first: they are always needed. A header
# (`Idempotency-Key`) becomes an argument in snake case (`idempotency_key`).
parameter_args <- function(spec, op) {
  args <- lapply(c(op$path_params, op$op$parameters), function(p) {
    p <- resolve(spec, p)
    where <- p$`in`
    if (!where %in% c("query", "path", "header")) stop(op$id, ": unsupported parameter location ", where)
    rname <- if (where == "header") gsub("-", "_", tolower(p$name), fixed = TRUE) else p$name
    make_arg(spec, rname, p$schema, isTRUE(p$required) || where == "path", where,
             p$description, wire = p$name, multi_segment = isTRUE(p[["x-trackline-multi-segment"]]))
  })
  args[order(vapply(args, function(a) a$location != "path", TRUE))]
}

# One argument per field of a JSON body. A field named like a parameter (the artifact `path`)
# gets a `body_` prefix.
json_body_args <- function(spec, schema, taken) {
  lapply(names(schema$properties), function(field) {
    prop <- schema$properties[[field]]
    rname <- if (field %in% taken) paste0("body_", field) else field
    make_arg(spec, rname, prop, field %in% schema$required, "body",
             resolve(spec, prop)$description, wire = field)
  })
}

# The one `body` argument of an operation whose body is not JSON.
raw_body_arg <- function(body) {
  list(
    name = "body", wire = "body", location = "raw", required = body$required, array = FALSE,
    multi_segment = FALSE,
    doc = rd_escape(paste0("The request body (`", body$type, "`): a raw vector, or a ",
                           "character string sent as its UTF-8 bytes."))
  )
}

check_arg_names <- function(op, args) {
  names <- vapply(args, function(a) a$name, "")
  reserved <- c("client", "...", "url_path")
  if (any(names %in% reserved)) stop(op$id, ": a field is named like a reserved argument")
  if (anyDuplicated(names)) stop(op$id, ": two arguments named ", names[duplicated(names)][1])
}

operation_args <- function(spec, op, body) {
  args <- parameter_args(spec, op)
  taken <- vapply(args, function(a) a$name, "")
  args <- c(args, switch(body$kind,
    json = json_body_args(spec, body$schema, taken),
    raw = list(raw_body_arg(body)),
    list()
  ))
  # Headers after the body fields, so that adding one keeps positional calls working.
  args <- args[order(vapply(args, function(a) a$location == "header", TRUE))]
  check_arg_names(op, args)
  args
}

response_info <- function(spec, op) {
  ok <- op$op$responses[["200"]]
  if (is.null(ok)) stop(op$id, ": no 200 response")
  ok <- resolve(spec, ok)
  if (is.null(ok$content)) {
    # A success without a body (an artifact upload): read as text, which is empty.
    return(list(kind = "text", type = NULL, schema = NULL, empty = TRUE))
  }
  type <- names(ok$content)[1]
  schema <- ok$content[[type]]$schema
  kind <- if (identical(type, "application/json")) {
    "json"
  } else if (grepl("^text/|yaml", type)) {
    "text"
  } else {
    "raw"
  }
  list(kind = kind, type = type, schema = ref_name(schema))
}

# Everything the rendering of one operation needs, read from the spec once.
operation_model <- function(spec, op) {
  body <- body_info(spec, op)
  list(op = op, body = body, args = operation_args(spec, op, body),
       resp = response_info(spec, op))
}

# ---- documentation text -------------------------------------------------------------------

# Text from the spec goes into roxygen comments (markdown on). roxygen escapes `%` and `\`
# itself; braces outside code spans and `@` need escaping here.
rd_escape <- function(x) {
  parts <- strsplit(x, "`", fixed = TRUE)[[1]]
  if (endsWith(x, "`")) parts <- c(parts, "")
  plain <- seq_along(parts) %% 2 == 1
  parts[plain] <- gsub("([{}])", "\\\\\\1", parts[plain])
  x <- paste(parts, collapse = "`")
  gsub("@", "@@", x, fixed = TRUE)
}

one_line <- function(x) {
  if (is.null(x)) return("")
  x <- gsub("[[:space:]]+", " ", x)
  trimws(x)
}

describe_array <- function(spec, resolved) {
  item <- resolved$items
  item_name <- ref_name(item)
  item_schema <- resolve(spec, item)
  if (identical(item_schema$type, "object") || !is.null(item_schema$properties)) {
    fields <- paste0("`", names(item_schema$properties), "`", collapse = ", ")
    paste0("A list of `", item_name, "` objects (named lists with fields ", fields,
           "), or a data frame with those columns (one row per object).")
  } else {
    paste0("A vector or list of ", item_schema$type, "s (always sent as a JSON array).")
  }
}

describe_type <- function(spec, schema) {
  name <- ref_name(schema)
  resolved <- resolve(spec, schema)
  if (!is.null(resolved$enum)) {
    values <- paste0("`", unlist(resolved$enum), "`", collapse = ", ")
    return(paste0("A string, one of ", values, "."))
  }
  type <- resolved$type
  if (is.null(type)) type <- "object"
  switch(type,
    string = "A string.",
    integer = if (identical(resolved$format, "int64")) {
      "A whole number (64-bit; sent as a JSON number)."
    } else {
      "A whole number (sent as a JSON number)."
    },
    number = "A number (sent as a JSON number; `NaN` and infinities as strings).",
    boolean = "`TRUE` or `FALSE` (sent as a JSON boolean).",
    array = describe_array(spec, resolved),
    object = paste0("A named list (a `", if (is.null(name)) "JSON object" else name, "`)."),
    paste0("A value of JSON type ", type, ".")
  )
}

describe <- function(spec, schema, description) {
  text <- describe_type(spec, schema)
  if (!is.null(description) && nzchar(one_line(description))) {
    text <- paste(one_line(description), text)
  }
  rd_escape(text)
}

# ---- rendering: the file header -----------------------------------------------------------

file_header <- function(spec, spec_file) {
  c(
    paste0("# Code generated from ", spec_file, " by sdk-r/tools/generate.R. DO NOT EDIT."),
    "# Regenerate with `make generate` (target generate-r).",
    paste0("# Spec: ", spec$info$title, " ", spec$info$version, "."),
    ""
  )
}

# ---- rendering: one operation's roxygen block ---------------------------------------------

render_operation <- function(op, spec) {
  m <- operation_model(spec, op)
  c(render_doc(m), render_function(m), "")
}

render_doc <- function(m) {
  c(doc_intro(m$op, m$args), vapply(m$args, doc_param, ""), doc_outro(m$body, m$resp))
}

# Required body fields and query parameters are sent as given, so a missing one reaches the
# server; only path parameters are needed to build the request.
checked_by_server <- function(args) {
  any(vapply(args, function(a) a$required && a$location != "path", TRUE))
}

doc_intro <- function(op, args) {
  summary <- rd_escape(one_line(op$op$summary))
  description <- rd_escape(one_line(op$op$description))
  c(
    paste0("#' ", summary),
    "#'",
    if (nzchar(description)) c(paste0("#' ", description), "#'"),
    paste0("#' Low-level call of `", op$method, " ", op$path, "` (operationId `", op$id,
           "`).", if (checked_by_server(args)) {
             paste(" Required fields are not checked here: the server answers a missing one",
                   "with `INVALID_PARAMETER_VALUE`.")
           }),
    "#'"
  )
}

doc_param <- function(a) {
  paste0("#' @param ", a$name, " ", if (a$required) "Required. " else "",
         if (a$location == "path") "Part of the URL path. " else "",
         if (a$location == "header") paste0("Sent as the `", a$wire, "` header. ") else "",
         if (a$location == "body" && a$wire != a$name) paste0("The body field `", a$wire, "`. ") else "",
         a$doc)
}

doc_return <- function(resp) {
  switch(resp$kind,
    json = paste0("#' @return The response body parsed into lists, in the wire shape",
                  if (!is.null(resp$schema)) paste0(" of `", resp$schema, "`") else "", "."),
    text = if (isTRUE(resp$empty)) {
      "#' @return An empty string: the response has no body."
    } else {
      paste0("#' @return The response body (`", resp$type, "`) as a string.")
    },
    raw = paste0("#' @return The response body (`", resp$type, "`) as a raw vector.")
  )
}

doc_outro <- function(body, resp) {
  extra <- if (body$kind == "json") "body fields" else "query parameters"
  c(
    paste0("#' @param ... Further ", extra, ", sent as given."),
    "#' @param client An `mlflow_client`; by default one for [mlflow_get_tracking_uri()].",
    doc_return(resp),
    "#' @family low-level API",
    "#' @export"
  )
}

# ---- rendering: one operation's function --------------------------------------------------

render_function <- function(m) {
  c(paste0(function_name(m$op$id), " <- function(", render_signature(m$args), ") {"),
    render_body(m), "}")
}

# Required arguments first as declared, optional ones default to NULL; `...` and `client` last.
render_signature <- function(args) {
  formals <- vapply(args, function(a) if (a$required) a$name else paste0(a$name, " = NULL"), "")
  paste(c(formals, "...", "client = NULL"), collapse = ", ")
}

args_at <- function(args, location) Filter(function(a) a$location == location, args)

# Operations without a JSON body take further (`...`) arguments in the query string.
has_query <- function(m) length(args_at(m$args, "query")) > 0 || m$body$kind != "json"

render_body <- function(m) {
  c(
    path_code(m$op, args_at(m$args, "path")),
    if (has_query(m)) fields_code("query", args_at(m$args, "query"), m$body$kind != "json"),
    if (m$body$kind == "json") fields_code("body", args_at(m$args, "body"), TRUE),
    if (length(args_at(m$args, "header"))) fields_code("headers", args_at(m$args, "header"), FALSE),
    if (m$body$kind == "raw" && m$body$required) "  if (missing(body)) body <- raw()",
    call_code(m)
  )
}

# The value sent for an argument: a missing required one is sent as NULL (left out), an array
# always as a JSON array.
value_expr <- function(a) {
  v <- if (a$required) paste0("if (!missing(", a$name, ")) ", a$name) else a$name
  if (a$array) paste0("tl_array(", v, ")") else v
}

# `<variable> <- tl_fields(<wire> = <value>, ...)` over the given arguments, one per line (a wire
# name that is not an R name, such as a header's, in backticks).
fields_code <- function(variable, args, with_dots) {
  wire <- function(a) if (make.names(a$wire) == a$wire) a$wire else paste0("`", a$wire, "`")
  lines <- vapply(args, function(a) paste0("    ", wire(a), " = ", value_expr(a), ","), "")
  lines <- if (with_dots) c(lines, "    ...") else sub(",$", "", lines)
  c(paste0("  ", variable, " <- tl_fields("), lines, "  )")
}

path_value_expr <- function(a) {
  paste0(a$name, " = tl_path_value(if (!missing(", a$name, ")) ", a$name, ", \"", a$name,
         "\", multi_segment = ", if (a$multi_segment) "TRUE" else "FALSE", ")")
}

path_code <- function(op, path_args) {
  if (!length(path_args)) return(NULL)
  values <- vapply(path_args, path_value_expr, "")
  c(paste0("  url_path <- tl_expand_path(\"", op$path, "\", list("),
    paste0("    ", values, c(rep(",", length(values) - 1), "")),
    "  ))")
}

call_code <- function(m) {
  path_expr <- if (length(args_at(m$args, "path"))) "url_path" else paste0("\"", m$op$path, "\"")
  call_args <- c(
    paste0("\"", m$op$method, "\""),
    path_expr,
    if (has_query(m)) "query = query",
    if (length(args_at(m$args, "header"))) "headers = headers",
    if (m$body$kind == "json") "body = body",
    if (m$body$kind == "raw") c("body = body", paste0("content_type = \"", m$body$type, "\"")),
    paste0("response = \"", m$resp$kind, "\""),
    "client = client"
  )
  paste0("  tl_call(", paste(call_args, collapse = ", "), ")")
}

# ---- rendering: the operation table -------------------------------------------------------

render_table <- function(ops) {
  row <- function(o, last) {
    paste0("    c(\"", o$id, "\", \"", function_name(o$id), "\", \"", o$method, "\", \"",
           o$path, "\")", if (last) "" else ",")
  }
  rows <- vapply(seq_along(ops), function(i) row(ops[[i]], i == length(ops)), "")
  c(
    "#' The operations of the low-level API",
    "#'",
    "#' One row per operationId of the spec, with the R function that calls it.",
    "#'",
    "#' @return A data frame with columns `operation_id`, `fun`, `method` and `path`.",
    "#' @family low-level API",
    "#' @export",
    "tl_api_operations <- function() {",
    "  rows <- list(",
    rows,
    "  )",
    "  m <- do.call(rbind, rows)",
    "  data.frame(operation_id = m[, 1], fun = m[, 2], method = m[, 3], path = m[, 4],",
    "             stringsAsFactors = FALSE)",
    "}"
  )
}

# Run as a script (Rscript tools/generate.R ...), not when sourced by the golden test.
if (sys.nframe() == 0L) main(commandArgs(trailingOnly = TRUE))

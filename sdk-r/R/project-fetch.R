# Where a project URI points: a local directory used in place, or a git checkout made for the run
# (a git URL, or a local repository at a `version`); and the mlflow.source.* tags that say where
# it came from. Git never prompts, so a URL that needs credentials fails instead of waiting.

tl_git <- function(args, dir = NULL) {
  if (!nzchar(Sys.which("git"))) tl_abort("git is not installed (it is needed for git projects and versions)")
  cmd <- if (is.null(dir)) args else c("-C", dir, args)
  out <- tl_with_env(
    c(GIT_TERMINAL_PROMPT = "0", GIT_SSH_COMMAND = Sys.getenv("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")),
    suppressWarnings(system2("git", shQuote(cmd), stdout = TRUE, stderr = TRUE, stdin = "/dev/null"))
  )
  status <- attr(out, "status")
  list(ok = is.null(status) || identical(as.integer(status), 0L), out = as.character(out))
}

# Evaluates `expr` with environment variables set, restoring them afterwards.
tl_with_env <- function(vars, expr) {
  old <- Sys.getenv(names(vars), unset = NA, names = TRUE)
  do.call(Sys.setenv, as.list(vars))
  on.exit({
    for (n in names(old)) if (is.na(old[[n]])) Sys.unsetenv(n) else do.call(Sys.setenv, as.list(old[n]))
  }, add = TRUE)
  force(expr)
}

tl_git_value <- function(args, dir) {
  res <- tl_git(args, dir)
  if (res$ok && length(res$out) && nzchar(res$out[[1]])) res$out[[1]] else NULL
}

tl_git_error <- function(res) {
  lines <- trimws(res$out[nzchar(trimws(res$out))])
  errors <- lines[grepl("^(fatal|error):", lines)]
  pick <- if (length(errors)) errors else lines
  if (length(pick)) pick[[length(pick)]] else "git failed"
}

tl_git_toplevel <- function(dir) tl_git_value(c("rev-parse", "--show-toplevel"), dir)

tl_is_git_url <- function(uri) {
  grepl("^(file|https?|ssh|git|git\\+ssh|git\\+https)://", uri) ||
    grepl("^[[:alnum:]_.-]+@[[:alnum:]_.-]+:(?!//)", uri, perl = TRUE)
}

tl_is_git_repository <- function(dir) {
  if (!dir.exists(dir)) return(FALSE)
  identical(tl_git_value(c("rev-parse", "--is-bare-repository"), dir), "true") ||
    identical(tl_git_toplevel(dir), normalizePath(dir))
}

tl_split_subdirectory <- function(uri) {
  hash <- regexpr("#", uri, fixed = TRUE)
  if (hash < 0) return(list(base = uri, sub = ""))
  sub <- substring(uri, hash + 1L)
  parts <- strsplit(sub, "/", fixed = TRUE)[[1]]
  if (startsWith(sub, "/") || ".." %in% parts) {
    tl_abort("The subdirectory '", sub, "' of ", uri, " must be a relative path inside it")
  }
  list(base = substring(uri, 1L, hash - 1L), sub = paste(parts[nzchar(parts) & parts != "."], collapse = "/"))
}

# list(directory, tags, temporary): the project's directory, its mlflow.source.* tags, and a
# checkout to remove after the run (or NULL).
tl_fetch_project <- function(uri, version = NULL) {
  split <- tl_split_subdirectory(uri)
  base <- split$base
  if (!nzchar(base)) tl_abort("The project URI is empty")
  if (startsWith(base, "file://")) {
    local <- utils::URLdecode(sub("^file://[^/]*", "", base))
    if (tl_is_git_repository(local)) return(tl_clone_project(base, split$sub, version, uri))
    return(tl_local_project(local, split$sub, version, uri))
  }
  if (tl_is_git_url(base)) return(tl_clone_project(base, split$sub, version, uri))
  tl_local_project(path.expand(base), split$sub, version, uri)
}

tl_source_tags <- function(name, commit = NULL, repo_url = NULL, branch = NULL) {
  tags <- list(mlflow.source.name = name)
  tags[["mlflow.source.git.commit"]] <- commit
  tags[["mlflow.source.git.repoURL"]] <- repo_url
  tags[["mlflow.source.git.branch"]] <- branch
  tags
}

tl_local_project <- function(path, sub, version, uri) {
  if (!dir.exists(path)) tl_abort("Project '", uri, "' is neither a directory nor a git URL")
  path <- normalizePath(path)
  repository <- tl_git_toplevel(path)
  if (!is.null(version)) {
    if (is.null(repository)) {
      tl_abort("A version can only be given for git projects, and ", path, " is not in git")
    }
    parts <- c(tl_relative_path(path, repository), sub)
    within <- paste(parts[nzchar(parts)], collapse = "/")
    fetched <- tl_clone_project(repository, within, version, uri)
    fetched$tags[["mlflow.source.name"]] <- tl_local_source_name(repository, within)
    fetched$tags[["mlflow.source.git.repoURL"]] <- tl_git_value(c("remote", "get-url", "origin"), repository)
    return(fetched)
  }
  directory <- if (nzchar(sub)) file.path(path, sub) else path
  if (!dir.exists(directory)) tl_abort("Project '", uri, "' has no subdirectory '", sub, "'")
  directory <- normalizePath(directory)
  if (is.null(repository)) {
    return(list(directory = directory, tags = tl_source_tags(directory), temporary = NULL))
  }
  tags <- tl_source_tags(
    tl_local_source_name(repository, tl_relative_path(directory, repository)),
    tl_git_value(c("rev-parse", "--verify", "--quiet", "HEAD"), repository),
    tl_git_value(c("remote", "get-url", "origin"), repository)
  )
  list(directory = directory, tags = tags, temporary = NULL)
}

tl_relative_path <- function(path, root) {
  if (identical(path, root)) return("")
  substring(path, nchar(root) + 2L)
}

tl_local_source_name <- function(repository, within) {
  paste0("file://", repository, if (nzchar(within)) paste0("#", within) else "")
}

tl_clone_project <- function(url, sub, version, uri) {
  checkout <- tempfile("trackline-project-")
  dir.create(checkout)
  message("=== Fetching project from ", uri, " into ", checkout, " ===")
  ok <- FALSE
  on.exit(if (!ok) unlink(checkout, recursive = TRUE), add = TRUE)
  tl_git_clone(url, checkout, version)
  directory <- if (nzchar(sub)) file.path(checkout, sub) else checkout
  if (!dir.exists(directory)) tl_abort("Project '", uri, "' has no subdirectory '", sub, "'")
  is_branch <- !is.null(version) &&
    tl_git(c("rev-parse", "--verify", "--quiet", paste0("refs/heads/", version)), checkout)$ok
  tags <- tl_source_tags(
    uri,
    tl_git_value(c("rev-parse", "--verify", "--quiet", "HEAD"), checkout),
    url,
    if (is_branch) version else NULL
  )
  ok <- TRUE
  list(directory = normalizePath(directory), tags = tags, temporary = checkout)
}

# Clones `url` into the empty directory `dest` at `version` (a branch or tag shallowly, a commit
# with its history), then its submodules.
tl_git_clone <- function(url, dest, version) {
  shallow <- tl_git(c("clone", "--quiet", "--depth", "1", if (!is.null(version)) c("--branch", version), "--",
                      url, dest))
  if (!shallow$ok) {
    if (is.null(version)) tl_abort("Cannot fetch the git project ", url, ": ", tl_git_error(shallow))
    unlink(dest, recursive = TRUE)
    dir.create(dest)
    whole <- tl_git(c("clone", "--quiet", "--no-checkout", "--", url, dest))
    if (!whole$ok) tl_abort("Cannot fetch the git project ", url, ": ", tl_git_error(whole))
    checkout <- tl_git(c("checkout", "--quiet", "--detach", paste0(version, "^{commit}"), "--"), dest)
    if (!checkout$ok) tl_abort("Version '", version, "' is not a branch, tag or commit of ", url)
  }
  if (file.exists(file.path(dest, ".gitmodules"))) {
    modules <- tl_git(c("submodule", "update", "--init", "--recursive"), dest)
    if (!modules$ok) tl_abort("Cannot fetch the submodules of ", url, ": ", tl_git_error(modules))
  }
}

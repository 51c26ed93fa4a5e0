# Writes NAMESPACE and man/*.Rd from the roxygen comments in R/ (after tools/generate.R).
# Usage: Rscript tools/document.R <package dir>
args <- commandArgs(trailingOnly = TRUE)
pkg <- if (length(args)) args[[1]] else "."
wanted <- "7.2.3"
if (packageVersion("roxygen2") != wanted) {
  stop("roxygen2 ", wanted, " is required (Debian bookworm's r-cran-roxygen2), found ",
       packageVersion("roxygen2"))
}
Sys.setenv(LC_ALL = "C.UTF-8", LANG = "C.UTF-8")
invisible(Sys.setlocale("LC_COLLATE", "C"))
roxygen2::roxygenise(pkg, roclets = c("rd", "namespace"))

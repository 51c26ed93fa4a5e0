# R SDK (sdk-r): Debian's R packages, the generated client, R CMD check, live tests.
#
#   make install-r    apt-get install R and the r-cran-* packages when any is missing
#   make generate-r   regenerate sdk-r/R/zz-generated-api.R, NAMESPACE and man/ from openapi.yaml, and
#                     sdk-r/inst/scoring.yaml (the R scoring server's copy of scoring.yaml)
#   make test-r-generator   the generator's golden test (sdk-r/tools/tests), no server needed
#   make test-r       the generator's test, R CMD check (no server needed), then every test against a
#                     live server: TRACKLINE_BIN (default .venv/bin/trackline), or
#                     TRACKLINE_TEST_SERVER=mlflow MLFLOW_BIN=..., or TRACKLINE_TEST_URL=...

R_DIR := $(ROOT)/sdk-r
R_LIB := $(ROOT)/build/r-lib
R_BUILD := $(ROOT)/build/r
R_DEBS := r-base-core r-cran-curl r-cran-jsonlite r-cran-tibble r-cran-testthat r-cran-withr \
          r-cran-httr r-cran-yaml r-cran-roxygen2 r-cran-processx r-cran-httpuv
R_NEEDED := curl jsonlite tibble testthat withr httr yaml roxygen2 processx httpuv
R_SOURCES := $(wildcard $(R_DIR)/R/*.R) $(R_DIR)/DESCRIPTION $(R_DIR)/NAMESPACE $(R_DIR)/inst/scoring.yaml
TRACKLINE_BIN ?= $(VENV)/bin/trackline
# R CMD check runs the package's tests without a server; the live run comes after it.
R_NO_SERVER := env -u TRACKLINE_TEST_URL -u TRACKLINE_BIN -u TRACKLINE_TEST_SERVER \
               -u TRACKLINE_TEST_REQUIRE_SERVER

INSTALL_TARGETS += install-r
TEST_TARGETS += test-r
GENERATE_TARGETS += generate-r
COMMITTED_GENERATE_TARGETS += generate-r
GENERATED_PATHS += sdk-r/R/zz-generated-api.R sdk-r/NAMESPACE sdk-r/man sdk-r/inst/scoring.yaml

.PHONY: install-r generate-r test-r test-r-generator check-r test-r-live r-lib

install-r:
	@if command -v Rscript >/dev/null 2>&1 && \
	   Rscript -e 'q(status = !all(vapply(commandArgs(TRUE), requireNamespace, TRUE, quietly = TRUE)))' \
	     $(R_NEEDED) >/dev/null 2>&1; then \
	  echo "R and its packages are installed"; \
	else \
	  echo "installing R: $(R_DEBS)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $(R_DEBS); \
	fi

# The package, installed where the conformance driver and the live tests load it from.
$(R_LIB)/trackline/DESCRIPTION: $(R_SOURCES) | install-r
	mkdir -p $(R_LIB)
	R CMD INSTALL --no-multiarch -l $(R_LIB) $(R_DIR)
	touch $@

r-lib: $(R_LIB)/trackline/DESCRIPTION

generate-r: install-r
	cd $(R_DIR) && Rscript tools/generate.R $(ROOT)/openapi.yaml R/zz-generated-api.R
	cd $(R_DIR) && Rscript tools/document.R . >/dev/null
	mkdir -p $(R_DIR)/inst
	{ echo "# Generated from scoring.yaml by make generate-r (served at /openapi.yaml by mlflow_rfunc_serve); do not edit."; \
	  cat $(ROOT)/scoring.yaml; } > $(R_DIR)/inst/scoring.yaml

# The generator's golden test: fails on any failure, error or skip, or when no test ran.
test-r-generator: install-r
	cd $(R_DIR)/tools/tests && Rscript -e 'r <- as.data.frame(testthat::test_dir(".", reporter = "summary", stop_on_failure = TRUE)); if (!nrow(r) || any(r$$skipped | r$$error)) quit(status = 1)'

check-r: install-r
	@rm -rf $(R_BUILD)/check && mkdir -p $(R_BUILD)/check
	cd $(R_BUILD)/check && R CMD build --no-build-vignettes $(R_DIR)
	cd $(R_BUILD)/check && $(R_NO_SERVER) _R_CHECK_FORCE_SUGGESTS_=false \
	  _R_CHECK_RD_VALIDATE_RD2HTML_=false R CMD check --no-manual trackline_*.tar.gz
	@status="$$(grep '^Status:' $(R_BUILD)/check/trackline.Rcheck/00check.log)"; echo "R CMD check $$status"; \
	case "$$status" in *ERROR*|*WARNING*) exit 1;; esac

test-r-live: r-lib
	cd $(R_DIR) && R_LIBS=$(R_LIB) TRACKLINE_BIN=$(TRACKLINE_BIN) TRACKLINE_PROJECTS_DIR=$(ROOT)/examples/projects \
	  Rscript tools/run-live-tests.R .

test-r: test-r-generator check-r test-r-live

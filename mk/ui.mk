# Web UI (ui/): Preact + TypeScript built by Vite into the server package, tested in Debian's
# headless Chromium through Playwright.
#
#   make ui          npm ci (from ui/package-lock.json) and vite build into server/trackline_server/ui_dist
#   make test-ui     type-check and lint, then the browser tests against a live, seeded server
#   make serve       builds the UI first when it is missing or older than its sources
PY_REQUIREMENTS += ui/tests/requirements.txt
INSTALL_TARGETS += install-ui
TEST_TARGETS += test-ui
LINT_TARGETS += lint-ui

UI_DIR := $(ROOT)/ui
UI_DIST := $(ROOT)/server/trackline_server/ui_dist
UI_BUILT := $(UI_DIST)/index.html
UI_MODULES := $(UI_DIR)/node_modules/.installed
UI_SOURCES := $(addprefix $(UI_DIR)/,package.json package-lock.json index.html vite.config.ts tsconfig.json \
              scripts/compress.mjs) $(shell find $(UI_DIR)/src -type f 2>/dev/null)
CHROMIUM := /usr/bin/chromium
UI_SCREENSHOTS := $(ROOT)/build/ui-screenshots
UI_DOC_IMAGES := runs-table charts model signin

.PHONY: ui ui-if-possible install-ui chromium lint-ui test-ui ui-doc-images

$(UI_MODULES): $(UI_DIR)/package.json $(UI_DIR)/package-lock.json
	cd $(UI_DIR) && npm ci --no-audit --no-fund
	touch $@

$(UI_BUILT): $(UI_SOURCES) $(UI_MODULES)
	cd $(UI_DIR) && npm run build

ui: $(UI_BUILT)

# `make serve` on a machine without Node.js still serves the API (and says at / how to build the UI).
ui-if-possible:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory ui; \
	else echo "npm not found: serving without the web UI (install Node.js 20 and run make ui)"; fi

serve: ui-if-possible

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

install-ui: $(VENV)/.stamp chromium $(UI_BUILT)

lint-ui: $(UI_MODULES) $(VENV)/.stamp
	cd $(UI_DIR) && npm run --silent lint
	$(VENV)/bin/ruff check ui/tests
	$(VENV)/bin/ruff format --check ui/tests

# One seeded server and one browser for the whole suite; screenshots go to build/ui-screenshots.
test-ui: lint-ui install-ui
	cd $(UI_DIR)/tests && $(PY) -m pytest -q -p no:cacheprovider -o addopts="" --timeout 600 .

# The README's three screenshots, taken from the last test-ui run.
ui-doc-images:
	mkdir -p $(ROOT)/docs/images
	for name in $(UI_DOC_IMAGES); do cp $(UI_SCREENSHOTS)/$$name.png $(ROOT)/docs/images/ui-$$name.png; done

# Workload 10 of the benchmark alone, against Trackline and MLflow 3.17.2 (it first puts 10,000
# runs into each: about ten minutes, mostly MLflow's). BENCH_ARGS adds options, e.g. --json FILE.
.PHONY: bench-ui
bench-ui:
	$(MAKE) --no-print-directory bench BENCH_ARGS="--only ui $(BENCH_ARGS)"

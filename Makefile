# Trackline: `make serve` runs the server, `make test` runs every test.
# Each area of the project adds its own targets in mk/<area>.mk.
SHELL := /bin/bash
.DEFAULT_GOAL := help

ROOT := $(abspath .)
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTHON ?= python3

# Filled in by mk/*.mk
PY_REQUIREMENTS := requirements-dev.txt
INSTALL_TARGETS :=
TEST_TARGETS :=
GENERATE_TARGETS :=
GENERATED_PATHS :=
# The generate targets whose output is committed (GENERATED_PATHS); the drift check reruns them.
COMMITTED_GENERATE_TARGETS :=
LINT_TARGETS :=

include $(sort $(wildcard mk/*.mk))

TEST_TARGETS := check-generated $(TEST_TARGETS)

.PHONY: help install serve test generate check-generated lint clean

help:
	@echo "make serve      set up, then run the server on 127.0.0.1:5000 (SQLite in ./trackline.db)"
	@echo "make test       set up, then run every test"
	@echo "make install    set up .venv and the system packages the tests need"
	@echo "make generate   regenerate the SDK clients from openapi.yaml"
	@echo "make lint       lint every hand-written Python folder (ruff) and type-check (mypy, tsc)"

$(VENV)/.stamp: $(PY_REQUIREMENTS) server/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(addprefix -r ,$(PY_REQUIREMENTS))
	touch $@

# The server and the Python SDK (which `trackline run` and `trackline models` use), for `make serve` on a fresh machine
# (the test tools come with `make install`).
$(VENV)/.server-stamp: server/pyproject.toml sdk-python/pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e "./server[postgres,s3]" -e "./sdk-python[projects,serve,sklearn]"
	touch $@

install: $(VENV)/.stamp $(VENV)/.server-stamp $(INSTALL_TARGETS)

HOST ?= 127.0.0.1
PORT ?= 5000
SERVE_ARGS ?=

serve: $(VENV)/.server-stamp
	$(VENV)/bin/trackline server --host $(HOST) --port $(PORT) $(SERVE_ARGS)

generate: $(GENERATE_TARGETS)

# The one drift check: copy the tree's inputs to build/regen, regenerate there, and compare the
# generated paths with the tree's. Works on a tree with uncommitted changes and never touches it.
REGEN := $(ROOT)/build/regen
check-generated: $(VENV)/.stamp
	@if [ -z "$(strip $(GENERATED_PATHS))" ]; then echo "no generated code"; exit 0; fi; \
	rm -rf $(REGEN) && mkdir -p $(REGEN) && \
	tar -C $(ROOT) --exclude=./.git --exclude=./.venv --exclude='./.venv-*' --exclude=./build --exclude=./.cluster \
	  --exclude='*/target' --exclude='*/node_modules' -cf - . | tar -C $(REGEN) -xf - && \
	$(MAKE) --no-print-directory -C $(REGEN) ROOT=$(REGEN) VENV=$(VENV) -o $(VENV)/.stamp \
	  $(COMMITTED_GENERATE_TARGETS) >$(REGEN).log 2>&1 || \
	  { cat $(REGEN).log; echo "regeneration failed"; exit 1; }; \
	stale=""; for p in $(GENERATED_PATHS); do \
	  diff -r -x .ruff_cache -x __pycache__ $(ROOT)/$$p $(REGEN)/$$p >/dev/null 2>&1 || stale="$$stale $$p"; done; \
	if [ -n "$$stale" ]; then echo "generated code is out of date (run make generate):$$stale"; \
	  for p in $$stale; do diff -r -x .ruff_cache -x __pycache__ $(ROOT)/$$p $(REGEN)/$$p | head -40; done; exit 1; fi; \
	echo "generated code is up to date:$(GENERATED_PATHS)"

lint: $(LINT_TARGETS)

# Runs every suite, even after a failure, TEST_JOBS at a time (default 2; each suite starts its own
# servers on free ports), and fails if any failed. Logs: build/test-logs/<suite>.log.
TEST_JOBS ?= 2
test: install
	@TEST_JOBS=$(TEST_JOBS) MAKE="$(MAKE)" scripts/run-suites.sh $(TEST_TARGETS)

clean:
	rm -rf $(VENV) .pytest_cache

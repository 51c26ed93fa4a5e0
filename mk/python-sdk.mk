# Python SDK (sdk-python/): the generated client `trackline_api` and the hand-written `trackline`.
PY_REQUIREMENTS += sdk-python/requirements-dev.txt
TEST_TARGETS += test-python-sdk
GENERATE_TARGETS += generate-python
COMMITTED_GENERATE_TARGETS += generate-python
GENERATED_PATHS += sdk-python/src/trackline_api
LINT_TARGETS += lint-python-sdk

PY_SDK := $(ROOT)/sdk-python
PY_SDK_GENERATED := sdk-python/src/trackline_api

# The SDK's own dependencies and extras (installed through requirements-dev.txt) count too.
$(VENV)/.stamp: sdk-python/pyproject.toml

.PHONY: generate-python lint-python-sdk test-python-sdk

# Regenerates trackline_api from openapi.yaml with the pinned openapi-python-client
# (sdk-python/requirements-dev.txt); the generator formats its output with the venv's ruff.
# Our templates (sdk-python/templates) extend the generator's own, which they reach as
# openapi_python_client/<name> through a link made here to the installed generator's templates.
PY_TEMPLATES := $(ROOT)/build/python-templates
generate-python: $(VENV)/.stamp
	rm -rf $(ROOT)/$(PY_SDK_GENERATED) $(PY_TEMPLATES)
	mkdir -p $(dir $(PY_TEMPLATES)) && cp -R $(PY_SDK)/templates $(PY_TEMPLATES)
	ln -s "$$($(VENV)/bin/python -c 'import openapi_python_client, pathlib; \
	  print(pathlib.Path(openapi_python_client.__file__).parent / "templates")')" \
	  $(PY_TEMPLATES)/openapi_python_client
	cd $(ROOT) && PATH="$(VENV)/bin:$$PATH" $(VENV)/bin/openapi-python-client generate \
	  --path openapi.yaml --meta none --fail-on-warning \
	  --config sdk-python/openapi-python-client.yaml \
	  --custom-template-path $(PY_TEMPLATES) \
	  --output-path $(PY_SDK_GENERATED)
	find $(ROOT)/$(PY_SDK_GENERATED) -name __pycache__ -type d -prune -exec rm -rf {} +

# Hand-written code: ruff (lint + format) and mypy --strict (which also checks the generated
# package it imports).
lint-python-sdk: $(VENV)/.stamp
	cd $(PY_SDK) && $(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .
	cd $(PY_SDK) && $(VENV)/bin/mypy

# Tracking, artifact and registry tests run against a live Trackline server and a live MLflow
# server (TRACKLINE_TEST_SERVERS=trackline,mlflow by default; set it to one of them to narrow).
# -rs prints the reason of any skipped test; none is expected (the R package is built first for
# the R serving tests).
test-python-sdk: lint-python-sdk r-lib
	cd $(PY_SDK) && $(PY) -m pytest -q -rs -p no:cacheprovider --doctest-modules src/trackline tests

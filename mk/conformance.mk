# Conformance suite (conformance-tests/): language-neutral cases run through every driver.
PY_REQUIREMENTS += conformance-tests/requirements.txt
TEST_TARGETS += test-conformance
LINT_TARGETS += lint-conformance

CONFORMANCE_PYTEST := $(PY) -m pytest -p no:cacheprovider -q $(ROOT)/conformance-tests/runner

.PHONY: lint-conformance test-conformance conformance-reference conformance-matrix conformance-fix

# Case lint and coverage checks, the runner's own checks, then every case through every driver
# (drivers/<name>/run) against a fresh Trackline server; the Java driver's jars are rebuilt first when
# the spec or the SDK changed. Fails when MATRIX.md is stale.
lint-conformance: $(VENV)/.stamp
	$(VENV)/bin/ruff check conformance-tests
	$(VENV)/bin/ruff format --check conformance-tests

test-conformance: $(VENV)/.stamp lint-conformance install-java
	$(CONFORMANCE_PYTEST) $(CONFORMANCE_ARGS)

# Every case through the http driver against a real MLflow 3.17.2 server started from the venv;
# cases marked mlflow_differs must fail there, all others pass.
conformance-reference: $(VENV)/.stamp
	$(CONFORMANCE_PYTEST)/test_conformance.py -rxs --reference --drivers http \
	  --mlflow-bin $(VENV)/bin/mlflow $(CONFORMANCE_ARGS)

# Rewrites results/*.json and MATRIX.md from a run against Trackline.
conformance-matrix: $(VENV)/.stamp
	$(CONFORMANCE_PYTEST)/test_conformance.py --update-matrix $(CONFORMANCE_ARGS)

# Rewrites known-failures/<driver>.txt (for the drivers that ran), results and MATRIX.md.
conformance-fix: $(VENV)/.stamp
	$(CONFORMANCE_PYTEST)/test_conformance.py --fix $(CONFORMANCE_ARGS)

# Java SDK (sdk-java/): the models and one API class per tag (from sdk-java/src/main/templates) are
# generated from openapi.yaml, and the scoring client's from scoring.yaml, at build time by the
# pinned openapi-generator-maven-plugin (into sdk-java/target, never committed); the hand-written
# Transport, TracklineClient / TracklineContext / ActiveRun, ScoringClient and the conformance
# driver sit on top.
INSTALL_TARGETS += install-java
TEST_TARGETS += test-java test-mlflow-java
LINT_TARGETS += lint-java-scripts
GENERATE_TARGETS += generate-java

JAVA_SDK := $(ROOT)/sdk-java
JAVA_MVN := mvn -q -B -Dstyle.color=never
JAVA_BUILT := $(JAVA_SDK)/target/.built
JAVA_INPUTS := $(ROOT)/openapi.yaml $(ROOT)/scoring.yaml $(JAVA_SDK)/pom.xml $(shell find $(JAVA_SDK)/src -type f 2>/dev/null)

.PHONY: install-java java-toolchain generate-java test-java test-mlflow-java lint-java-scripts

# A JDK and Maven (Debian's) when missing, then the jars the conformance driver runs: built once,
# again only when the spec or the sources change.
install-java: $(JAVA_BUILT)

java-toolchain:
	@if ! command -v javac >/dev/null || ! command -v mvn >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null; \
	fi

$(JAVA_BUILT): $(JAVA_INPUTS) | java-toolchain
	cd $(JAVA_SDK) && $(JAVA_MVN) -DskipTests package
	touch $@

# Regenerates the models and API classes into sdk-java/target/generated-sources (nothing committed).
generate-java: | java-toolchain
	cd $(JAVA_SDK) && $(JAVA_MVN) generate-sources

# JUnit 5 tests against a live Trackline server that the tests start themselves
# (TRACKLINE_TEST_SERVER=mlflow for a real MLflow server, TRACKLINE_TEST_URL for a running one),
# and the scoring client's against a `trackline models serve` they start for models they save.
test-java: $(VENV)/.stamp | java-toolchain
	@cd $(JAVA_SDK) && rm -rf target/surefire-reports && \
	TRACKLINE_BIN="$${TRACKLINE_BIN:-$(VENV)/bin/trackline}" MLFLOW_BIN="$${MLFLOW_BIN:-$(VENV)/bin/mlflow}" \
	  $(JAVA_MVN) verify; rc=$$?; \
	$(PY) $(JAVA_SDK)/scripts/surefire-summary.py $(JAVA_SDK)/target/surefire-reports || rc=1; \
	if [ $$rc -eq 0 ]; then touch $(JAVA_BUILT); fi; exit $$rc

# The build's Python helper (the surefire summary): the repository's ruff settings.
lint-java-scripts: $(VENV)/.stamp
	$(VENV)/bin/ruff check $(JAVA_SDK)/scripts
	$(VENV)/bin/ruff format --check $(JAVA_SDK)/scripts

# MLflow's own Java client (org.mlflow:mlflow-client, sdk-java/mlflow-client-test/pom.xml) through
# a tracking, artifact and registry flow against a Trackline server the test starts. That client
# moves artifacts through MLflow's Python CLI: MLFLOW_PYTHON_EXECUTABLE is the venv's Python.
test-mlflow-java: $(VENV)/.stamp | java-toolchain
	@cd $(JAVA_SDK)/mlflow-client-test && rm -rf target/surefire-reports && \
	TRACKLINE_BIN="$${TRACKLINE_BIN:-$(VENV)/bin/trackline}" MLFLOW_PYTHON_EXECUTABLE="$(PY)" \
	  $(JAVA_MVN) verify; rc=$$?; \
	$(PY) $(JAVA_SDK)/scripts/surefire-summary.py $(JAVA_SDK)/mlflow-client-test/target/surefire-reports || rc=1; exit $$rc

# Benchmark (bench/): the same workloads against a Trackline server and a real MLflow 3.17.2 server, side by side.
#   make bench                      full scale on SQLite (about half an hour, mostly MLflow)
#   make bench BACKEND=postgres     the same on PostgreSQL (a throwaway cluster on BENCH_PG_PORT)
#   make bench BENCH_ARGS="--quick --json out.json"
#   make bench-scoring              the scoring workload alone (models serve, both sides)
#   make bench-loop                 workload 12 alone: a training loop of log_metric calls, every client
# `make bench` is not part of `make test`; test-bench runs the harness once at its quick scale.
TEST_TARGETS += test-bench
LINT_TARGETS += lint-bench

MLFLOW_VENV := $(ROOT)/.venv-mlflow
BACKEND ?= sqlite
BENCH_ARGS ?=
BENCH_PG_PORT ?= 54339
TLBENCH := PYTHONPATH=$(ROOT)/bench $(PY) -m tlbench

.PHONY: bench bench-scoring bench-loop test-bench lint-bench

$(MLFLOW_VENV)/.stamp: bench/requirements-mlflow.txt bench/constraints-mlflow.txt
	test -x $(MLFLOW_VENV)/bin/python || $(PYTHON) -m venv $(MLFLOW_VENV)
	$(MLFLOW_VENV)/bin/pip install -q --upgrade pip
	$(MLFLOW_VENV)/bin/pip install -q -r bench/requirements-mlflow.txt -c bench/constraints-mlflow.txt
	touch $@

# Workload 12 runs the R and Java SDKs' loops: the R package in build/r-lib, the Java jars.
bench: $(VENV)/.stamp $(MLFLOW_VENV)/.stamp r-lib install-java
	@pgargs=""; \
	if [ "$(BACKEND)" = postgres ]; then \
	  scripts/postgres.sh install || exit 1; \
	  uri="$$(TRACKLINE_PG_PORT=$(BENCH_PG_PORT) scripts/postgres.sh start)" || exit 1; \
	  pgargs="--postgres-admin-uri $$uri"; \
	fi; \
	$(TLBENCH) --backend $(BACKEND) $$pgargs --mlflow-bin $(MLFLOW_VENV)/bin/mlflow \
	  --trackline-bin $(VENV)/bin/trackline $(BENCH_ARGS); rc=$$?; \
	if [ "$(BACKEND)" = postgres ]; then TRACKLINE_PG_PORT=$(BENCH_PG_PORT) scripts/postgres.sh stop; fi; \
	exit $$rc

# Workload 11 alone: `trackline models serve` against `mlflow models serve` (no tracking servers).
bench-scoring:
	$(MAKE) --no-print-directory bench BENCH_ARGS="--only scoring $(BENCH_ARGS)"

# Workload 12 alone: 100,000 log_metric calls from MLflow's Python client (sync, async) and
# Trackline's Python (sync, async), R and Java SDKs (async); synchronous loops are timed on 2,000.
bench-loop:
	$(MAKE) --no-print-directory bench BENCH_ARGS="--only loop $(BENCH_ARGS)"

lint-bench: $(VENV)/.stamp
	$(VENV)/bin/ruff check bench
	$(VENV)/bin/ruff format --check bench

# The quick scale once, against both servers (no timing assertions). It uses the MLflow 3.17.2 that
# `make install` puts in .venv when there is one (the harness checks the version), else .venv-mlflow.
test-bench: $(VENV)/.stamp lint-bench r-lib install-java
	@mlflow_bin="$(VENV)/bin/mlflow"; \
	if [ ! -x "$$mlflow_bin" ]; then $(MAKE) --no-print-directory $(MLFLOW_VENV)/.stamp || exit 1; \
	  mlflow_bin="$(MLFLOW_VENV)/bin/mlflow"; fi; \
	cd $(ROOT)/bench && TLBENCH_MLFLOW_BIN="$$mlflow_bin" TLBENCH_TRACKLINE_BIN="$(VENV)/bin/trackline" \
	  $(PY) -m pytest -q -p no:cacheprovider -o addopts="" tests

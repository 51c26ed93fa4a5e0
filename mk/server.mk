# The tracking server: lint, spec checks, store tests on SQLite and PostgreSQL, the real MLflow client.
INSTALL_TARGETS += install-postgres
TEST_TARGETS += test-server
LINT_TARGETS += lint-server

.PHONY: install-postgres test-server lint-server

install-postgres:
	@scripts/postgres.sh install

lint-server: $(VENV)/.stamp
	$(VENV)/bin/ruff check server tests
	$(VENV)/bin/ruff format --check server tests

test-server: $(VENV)/.stamp lint-server
	@uri="$$(scripts/postgres.sh start)"; \
	TRACKLINE_TEST_POSTGRES_URI="$$uri" $(PY) -m pytest tests -q -p no:cacheprovider -o addopts="" -n 2 --timeout 900 ; \
	rc=$$?; scripts/postgres.sh stop; exit $$rc

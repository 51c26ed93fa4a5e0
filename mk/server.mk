# The tracking server: lint, spec checks, store tests on SQLite and PostgreSQL, the real MLflow client.
INSTALL_TARGETS += install-postgres
TEST_TARGETS += test-server
LINT_TARGETS += lint-server

.PHONY: install-postgres test-server lint-server

install-postgres:
	@scripts/postgres.sh install

# ruff over the package and its tests; mypy (settings in server/pyproject.toml) over the package.
lint-server: $(VENV)/.stamp
	$(VENV)/bin/ruff check server
	$(VENV)/bin/ruff format --check server
	cd server && $(VENV)/bin/mypy

test-server: $(VENV)/.stamp lint-server
	@uri="$$(scripts/postgres.sh start)"; \
	TRACKLINE_TEST_POSTGRES_URI="$$uri" $(PY) -m pytest server/tests --ignore=server/tests/spec_fuzz -q -p no:cacheprovider -o addopts="" -n 2 --timeout 900 ; \
	rc=$$?; scripts/postgres.sh stop; exit $$rc

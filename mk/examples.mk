# The examples (examples/): the projects and the recommender, run by the SDK and server tests; linted here.
LINT_TARGETS += lint-examples

.PHONY: lint-examples

lint-examples: $(VENV)/.stamp
	$(VENV)/bin/ruff check examples
	$(VENV)/bin/ruff format --check examples

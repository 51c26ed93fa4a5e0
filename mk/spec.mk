# The spec's exactness: schemathesis with every check and every phase against a fresh server
# (server/tests/spec_fuzz: the test, its per-operation exclusions and the search-grammar generators).
TEST_TARGETS += test-spec

.PHONY: test-spec

test-spec: $(VENV)/.stamp
	$(PY) -m pytest server/tests/spec_fuzz -q -p no:cacheprovider -o addopts="" --timeout 1800 -rA

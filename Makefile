# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install bench eval clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev,dask,spark]'
	touch $(STAMP)

install: $(STAMP)

# Lint the bundled labelled corpus: findings, then the per-rule summary.
run: $(STAMP)
	$(BIN)/ticketlint check --profile audit --exit-zero --statistics corpus/

test: $(STAMP)
	@command -v unshare >/dev/null 2>&1 || (command -v apt-get >/dev/null 2>&1 && (apt-get update -qq && apt-get install -y -qq util-linux) >/dev/null 2>&1) || true
	@command -v chromium >/dev/null 2>&1 || (command -v apt-get >/dev/null 2>&1 && (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1) || true
	@# Spark's tests need a Java runtime: Debian's, where none is installed (they skip, saying why, where it cannot be)
	@command -v java >/dev/null 2>&1 || (command -v apt-get >/dev/null 2>&1 && (apt-get update -qq && apt-get install -y -qq default-jre-headless) >/dev/null 2>&1) || echo "make test: no Java runtime could be installed: the Spark tests will be skipped"
	$(BIN)/python -m pytest

# The static checks alone (make test runs them too, in tests/test_static.py).
lint: $(STAMP)
	$(BIN)/python -m mypy
	$(BIN)/python -m ruff check src tests bench

# Precision and recall per rule and language: the tuning set, then each held-out set.
eval: $(STAMP)
	$(BIN)/ticketlint eval corpus/en corpus/es corpus/id corpus/ro
	for d in corpus/heldout*/; do $(BIN)/ticketlint eval $$d || exit 1; done

bench: $(STAMP)
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/latency.py

clean:
	rm -rf $(VENV) build src/*.egg-info

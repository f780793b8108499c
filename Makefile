# One command to serve the demo site, one to run every test. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core and the Nu HTML checker, for the browser tests (tests/browser/package.json).
NODE_STAMP := tests/browser/node_modules/.installed
HOST ?= 127.0.0.1:8000

.PHONY: serve build test test-browser properties-long lint check bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# --livereload: with click > 8.2.1, MkDocs 1.6.1 otherwise turns live reload off (mkdocs#4032).
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload --dev-addr $(HOST)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/briefsite check --strict

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint $(NODE_STAMP)
	$(BIN)/briefsite check briefs
	$(BIN)/pytest

# Only the tests that open the built demo site in Chromium.
test-browser: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest tests/browser

# The Hypothesis properties of tests/test_properties.py with 40 times the examples (≥ 10,000).
properties-long: $(STAMP)
	BRIEFSITE_PROPERTY_SCALE=40 $(BIN)/pytest tests/test_properties.py --hypothesis-show-statistics -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/build_scale.py

# The PNGs of docs/images/ (README, docs): the demo site in headless Chromium.
screenshots: $(STAMP)
	$(BIN)/python -m bench.screenshots

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		tests/browser/node_modules artifacts

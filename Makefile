# One command to serve the demo site, one to run every test. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# axe-core and the Nu HTML checker, for the browser tests (tests/browser/package.json).
NODE_STAMP := tests/browser/node_modules/.installed
HOST ?= 127.0.0.1:8000
# The other roads out of MkDocs 1.x (docs/engines.md), each in its own environment and each
# tested by `make test`. MaterialX installs a package named `material`, as Material for
# MkDocs does, so the two never share one.
PROPERDOCS := properdocs==1.6.7
MATERIALX := mkdocs-materialx==10.2.2
# Zensical 0.0.74 and 0.1.x need a `zensical-ui` package that PyPI does not offer.
ZENSICAL := zensical==0.0.73
PROPERDOCS_STAMP := .venv-properdocs/.installed
MATERIALX_STAMP := .venv-materialx/.installed
ZENSICAL_STAMP := .venv-zensical/.installed
ENGINE_STAMPS := $(PROPERDOCS_STAMP) $(MATERIALX_STAMP) $(ZENSICAL_STAMP)

.PHONY: serve build test test-browser properties-long lint check bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

# ProperDocs with Material for MkDocs: the whole test environment, for the site-building tests.
$(PROPERDOCS_STAMP): pyproject.toml Makefile
	rm -rf $(@D)
	$(PYTHON) -m venv $(@D)
	$(@D)/bin/pip install --quiet --upgrade pip
	$(@D)/bin/pip install --quiet -e ".[test]" "$(PROPERDOCS)"
	touch $@

# ProperDocs with MaterialX in place of Material for MkDocs, for tests/engines.
$(MATERIALX_STAMP): pyproject.toml Makefile
	rm -rf $(@D)
	$(PYTHON) -m venv $(@D)
	$(@D)/bin/pip install --quiet --upgrade pip
	$(@D)/bin/pip install --quiet -e .
	$(@D)/bin/pip uninstall --quiet --yes mkdocs-material
	$(@D)/bin/pip install --quiet "$(PROPERDOCS)" "$(MATERIALX)"
	touch $@

# Zensical alone: it builds the tree `briefsite render` writes, for tests/engines.
$(ZENSICAL_STAMP): Makefile
	rm -rf $(@D)
	$(PYTHON) -m venv $(@D)
	$(@D)/bin/pip install --quiet --upgrade pip
	$(@D)/bin/pip install --quiet "$(ZENSICAL)"
	touch $@

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

# The whole suite on MkDocs (with tests/engines building on MaterialX and Zensical), then
# every site-building test again with ProperDocs as the engine.
test: lint $(NODE_STAMP) $(ENGINE_STAMPS)
	$(BIN)/briefsite check briefs
	$(BIN)/pytest
	BRIEFSITE_ENGINE=properdocs BRIEFSITE_ARTIFACTS=artifacts/properdocs \
		.venv-properdocs/bin/pytest -m site_build -p no:cacheprovider

# Only the tests that open the built demo site in Chromium.
test-browser: $(STAMP) $(NODE_STAMP)
	$(BIN)/pytest tests/browser

# The Hypothesis properties of tests/test_properties.py with 40 times the examples (≥ 10,000).
properties-long: $(STAMP)
	BRIEFSITE_PROPERTY_SCALE=40 $(BIN)/pytest tests/test_properties.py --hypothesis-show-statistics -p no:cacheprovider

# Side by side at N = 1,000 and 10,000 (docs/performance.md); BENCH="--quick" for N = 200.
bench: $(STAMP)
	$(BIN)/python bench/compare.py $(BENCH)

# The PNGs of docs/images/ (README, docs): the demo site in headless Chromium.
screenshots: $(STAMP)
	$(BIN)/python -m bench.screenshots

clean:
	rm -rf $(VENV) .venv-properdocs .venv-materialx .venv-zensical site .pytest_cache .mypy_cache .ruff_cache .hypothesis \
		tests/browser/node_modules artifacts

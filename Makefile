# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
APT_GET := $(shell command -v apt-get 2>/dev/null)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install graphviz browser mermaid demo test test-lowest test-zensical test-big lint bench clean

# mermaid.js for the tests that render Mermaid in Chromium (one self-contained file from npm).
MERMAID_VERSION := 11.17.2
MERMAID_JS := $(CURDIR)/.cache/mermaid-$(MERMAID_VERSION)/package/dist/mermaid.min.js

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# $(call system_package,COMMAND,PACKAGE,MESSAGE,STATUS): install PACKAGE with apt-get when
# COMMAND is missing; without apt-get print MESSAGE and exit with STATUS.
define system_package
	@command -v $(1) >/dev/null 2>&1 || { \
	  if [ -n "$(APT_GET)" ]; then \
	    $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
	  else \
	    echo "$(3)" >&2; exit $(4); \
	  fi; }
endef

# Graphviz renders SVG/PNG; install it from the system packages when it is missing.
graphviz:
	$(call system_package,dot,graphviz,Graphviz is missing: install it (brew install graphviz or dnf install graphviz),1)
	@dot -V

# Browser tests drive the system Chromium with Playwright (no browser download).
browser:
	$(call system_package,chromium,chromium,Chromium is missing: browser tests will be skipped,0)

MERMAID_DIR := $(patsubst %/package/dist/mermaid.min.js,%,$(MERMAID_JS))

mermaid: $(MERMAID_JS)

$(MERMAID_JS):
	$(call system_package,npm,npm,npm is missing: Mermaid rendering tests will be skipped,0)
	@if command -v npm >/dev/null 2>&1; then \
	  mkdir -p $(MERMAID_DIR) && cd $(MERMAID_DIR) && \
	  npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null && \
	  tar -xzf mermaid-$(MERMAID_VERSION).tgz package/dist/mermaid.min.js && \
	  rm -f mermaid-$(MERMAID_VERSION).tgz; \
	fi

demo: install graphviz
	$(BIN)/python site_examples/build.py

test: install graphviz browser mermaid
	$(BIN)/ruff check src mkdocs_plugin tests benchmarks
	$(BIN)/ruff format --check src mkdocs_plugin tests benchmarks
	$(BIN)/mypy
	MERMAID_JS=$(MERMAID_JS) $(BIN)/pytest
	$(MAKE) --no-print-directory test-lowest
	$(MAKE) --no-print-directory test-zensical

# The dependency floors of pyproject.toml really work: a fresh venv with every direct
# dependency at its lowest allowed version (constraints/lowest.txt) and composedoc from a
# built wheel. First the core install alone (no MkDocs): smoke and icon-table tests; then
# the [mkdocs] extra: the MkDocs plugin tests (about 30 s in all).
LOWEST := .venv-lowest
test-lowest: graphviz
	rm -rf $(LOWEST) build
	$(PYTHON) -m venv $(LOWEST)
	$(LOWEST)/bin/pip install --quiet -c constraints/lowest.txt . pytest hypothesis
	$(LOWEST)/bin/python -c 'import importlib.util as u, sys; sys.exit(u.find_spec("mkdocs") is not None)'
	$(LOWEST)/bin/pytest -q tests/test_smoke.py tests/diagram/test_icons.py
	$(LOWEST)/bin/pip install --quiet -c constraints/lowest.txt '.[mkdocs]' mkdocs-material
	$(LOWEST)/bin/python constraints/check_lowest.py constraints/lowest.txt
	$(LOWEST)/bin/pytest -q tests/mkdocs_plugin/test_plugin.py tests/mkdocs_plugin/test_extension.py

# Zensical's Markdown stage on site_examples/zensical (tests/zensical_build), in its own venv with
# the pinned Zensical. --no-deps: Zensical 0.1.x requires zensical-ui (its theme), which the
# package index does not serve; its other requirements are installed by name.
ZENSICAL_VERSION := 0.1.4
ZVENV := .venv-zensical
test-zensical: graphviz
	rm -rf $(ZVENV)
	$(PYTHON) -m venv $(ZVENV)
	$(ZVENV)/bin/pip install --quiet -e . pytest hypothesis
	$(ZVENV)/bin/pip install --quiet --no-deps zensical==$(ZENSICAL_VERSION)
	$(ZVENV)/bin/pip install --quiet click jinja2 markdown pathspec pygments \
	  pymdown-extensions pyyaml tomli
	$(ZVENV)/bin/pytest -q tests/zensical_build

# The hostile-input cases with 50 MB files and 100,000 services (about 70 s more).
test-big: install graphviz
	COMPOSEDOC_BIG=1 $(BIN)/pytest tests/hostile

lint: install
	$(BIN)/ruff check src mkdocs_plugin tests benchmarks
	$(BIN)/mypy

bench: install graphviz
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(LOWEST) $(ZVENV) .cache site_examples/site site_examples/.cache out

# The two commands a newcomer needs:
#   make serve   build the site and serve it on http://127.0.0.1:8000, reloading on edits
#   make test    run every check: snippets, contracts, strict build, Zensical build, browser, workflow lint
# Both set up what they need first (a virtualenv in .venv, the pinned packages of
# constraints.txt, the front-end assets from npm); set-up is skipped once done.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Extra pytest arguments, e.g.  make test ARGS="-k cnn"
ARGS ?=

.PHONY: setup prebuild serve test build build-zensical browser clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# The prebuild draws the diagrams in Chromium and the browser test drives it. As root on
# Debian/Ubuntu it is installed here;
# anywhere else, install it yourself or point CHROMIUM at a Chrome binary.
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -n "$$CHROMIUM" ] || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Drawing the diagrams and the browser test need Chromium: 'sudo apt-get install chromium', or set CHROMIUM=/path/to/chrome"; exit 1; \
	  fi; }

# The prebuild writes what the site generates (checks pages, figures, tables, vendored
# assets); then either engine builds it. Under `make serve`, a hook runs it again on each
# rebuild, redrawing only the figures whose snippets changed.
prebuild: setup browser
	$(BIN)/python -m whyitworks.prebuild

# --dirty: an edit rebuilds only the pages it changes (the hooks add those whose snippets,
# tables or record changed); --no-strict: a problem is shown on the page, not fatal.
serve: prebuild
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:8000

build: prebuild
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The same site with Zensical (the suite compares the two builds).
build-zensical: prebuild
	$(BIN)/zensical build --clean

test: setup browser
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest $(ARGS)

clean:
	rm -rf site .pytest_cache docs/checks docs/figures docs/assets/vendor build/generated build/diagrams

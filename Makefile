# Two commands do everything on a fresh machine:
#   make book   create .venv, install the pinned requirements, build the HTML book
#   make test   the full suite (lint, unit and data tests, notebooks, warnings-as-errors build, browser)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
JB     := $(VENV)/bin/jupyter-book
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml 2>/dev/null | sha256sum | cut -c1-12)
HTML   := _build/html
# The execution cache is keyed on code cells only; clear it when the package, data or pins change.
INPUTS_HASH := $(shell find src data requirements.txt -type f ! -path '*/__pycache__/*' 2>/dev/null | LC_ALL=C sort | xargs cat 2>/dev/null | sha256sum | cut -c1-16)
NBVAL_TIMEOUT ?= 120
NOTEBOOK_TIMEOUT ?= 300

.PHONY: soak bench pdf colab help venv book test lint unit notebooks build slides site browser serve lab data lock clean chromium js

help:
	@echo "make book    create .venv, install pinned requirements, build the HTML book into $(HTML)"
	@echo "make test    run the full test suite (also installs Chromium with apt if it is missing)"
	@echo "make slides  build the reveal.js lecture decks into $(HTML)/slides (make build does it too)"
	@echo "make serve   serve the built book on http://127.0.0.1:8000"
	@echo "make lab     open the notebooks in JupyterLab"
	@echo "make bench   time a clean and a cached build, notebook execution, page weights, live explorer updates"
	@echo "make soak    run the notebooks and a clean build 10 times in a row; report failures and hangs"
	@echo "make colab   add or refresh the Colab setup cell of every chapter (after changing repository.url)"
	@echo "make data    regenerate data/references.bib from data/references.csv"
	@echo "make lock    recompile requirements.txt from requirements.in"
	@echo "make clean   remove the build (keeps .venv)"

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(STAMP)

# reveal.js and axe-core from the npm registry, pinned by package-lock.json.
JS_STAMP := node_modules/.installed-$(shell cat package-lock.json 2>/dev/null | sha256sum | cut -c1-12)
$(JS_STAMP): package.json package-lock.json
	bash scripts/install-js.sh
	touch $@

js: $(JS_STAMP)

_build/.inputs-$(INPUTS_HASH):
	@if [ -d _build/.jupyter_cache ]; then echo "package, data or pins changed: clearing the execution cache"; fi
	rm -rf _build/.jupyter_cache _build/.inputs-*
	mkdir -p _build && touch $@

build: $(STAMP) $(JS_STAMP) _build/.inputs-$(INPUTS_HASH)
	rm -rf $(HTML)
	$(JB) build --all -W -n --keep-going .
	@test -s $(HTML)/index.html || { echo "error: $(HTML)/index.html is missing or empty"; exit 1; }
	$(PY) -m neurotrophins.slides
	$(PY) -m neurotrophins.downloads

slides: $(STAMP) $(JS_STAMP)
	@test -s $(HTML)/index.html || $(MAKE) build
	$(PY) -m neurotrophins.slides

book: build
	@echo
	@echo "The book is built. Open $(CURDIR)/$(HTML)/index.html in a browser, or run 'make serve'."

lint: $(STAMP)
	$(PY) -m ruff check src tests book scripts

unit: $(STAMP)
	$(PY) -m pytest tests --ignore=tests/site -q

# One pytest per notebook, each under a wall-clock limit: a hang fails fast, naming the notebook (nbval names the
# cell when a single cell passes NBVAL_TIMEOUT).
notebooks: $(STAMP)
	@fail=0; for nb in $$(find book -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | LC_ALL=C sort); do \
	  echo "nbval: $$nb"; \
	  timeout --kill-after=10 $(NOTEBOOK_TIMEOUT) $(PY) -m pytest --nbval-lax --nbval-current-env \
	    --nbval-cell-timeout=$(NBVAL_TIMEOUT) -q -p no:playwright "$$nb" || { rc=$$?; fail=1; \
	    if [ $$rc -ge 124 ]; then echo "error: $$nb did not finish within $(NOTEBOOK_TIMEOUT) s (hang?)"; fi; }; \
	done; exit $$fail

chromium:
	@bash scripts/install-chromium.sh

site: $(STAMP) chromium
	$(PY) -m pytest tests/site -q

test: lint unit notebooks build site
	@echo "make test: all checks passed"

serve: $(STAMP)
	@test -s $(HTML)/index.html || $(MAKE) build
	@echo "Serving $(HTML) on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(PY) -m http.server --bind 127.0.0.1 --directory $(HTML) 8000

lab: $(STAMP)
	$(VENV)/bin/jupyter lab book/

data: $(STAMP)
	$(PY) -m neurotrophins.bib

lock: $(STAMP)
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	@# pip-compile writes the editable install as an absolute file:// path; keep it relative to the clone.
	sed -i 's|^-e file://.*$$|-e .|' requirements.txt

clean:
	rm -rf _build

bench: $(STAMP) $(JS_STAMP)
	$(PY) scripts/bench.py

soak: $(STAMP)
	$(PY) scripts/soak.py --runs $(or $(RUNS),10)

colab: $(STAMP)
	$(PY) -m neurotrophins.colab

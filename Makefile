# Two commands do everything on a fresh machine:
#   make book   create .venv, install the pinned requirements, build the HTML book
#   make test   the full suite (lint, unit and data tests, notebooks, warnings-as-errors build, browser)
# `make help` lists every target.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Any Python 3.11-3.13; scripts/find-python.sh picks one (or stops with a message) before .venv exists.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# jupyter-book, minus a grammar compilation it does not need (see src/neurotrophins/build/jupyter_book.py)
JB     := $(PY) -m neurotrophins.build.jupyter_book
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml 2>/dev/null | sha256sum | cut -c1-12)
HTML   := _build/html
# The execution cache is keyed on code cells only; clear it when the package, data or pins change.
INPUTS_HASH := $(shell find src data book/quizzes requirements.txt -type f ! -path '*/__pycache__/*' 2>/dev/null | LC_ALL=C sort | xargs cat 2>/dev/null | sha256sum | cut -c1-16)
NBVAL_TIMEOUT ?= 120
NOTEBOOK_TIMEOUT ?= 300

.PHONY: help venv book test lint format unit notebooks build slides pdf site clients serve lab data lock clean chromium js assignments grade \
        bench soak colab chapter hub classroom

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 20

$(STAMP): requirements.txt pyproject.toml
	@if [ -x $(PY) ] && ! bash scripts/find-python.sh $(PY) >/dev/null 2>&1; then \
	  echo "error: $(VENV) was made with an unsupported Python; remove it (rm -rf $(VENV)) and run make again" >&2; \
	  exit 1; fi
	@test -x $(PY) || { py=$$(bash scripts/find-python.sh $(PYTHON)) && $$py -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

venv: $(STAMP) ## create .venv with the pinned requirements

# reveal.js, axe-core and the plotly.js bundle from the npm registry, pinned by package-lock.json.
JS_STAMP := node_modules/.installed-$(shell cat package-lock.json 2>/dev/null | sha256sum | cut -c1-12)
$(JS_STAMP): package.json package-lock.json
	bash scripts/install-js.sh
	touch $@

js: $(JS_STAMP) ## install the pinned JavaScript the book serves itself (npm ci)

_build/.inputs-$(INPUTS_HASH):
	@if [ -d _build/.jupyter_cache ]; then echo "package, data or pins changed: clearing the execution cache"; fi
	rm -rf _build/.jupyter_cache _build/.inputs-*
	mkdir -p _build && touch $@

# A build reads again only the pages that changed since the last build that passed (Sphinx's saved environment), and
# writes slides and downloads only for those chapters. It starts afresh (--all, an empty $(HTML)) when there was no
# passing build yet, when the last one failed or stopped (otherwise the warnings of pages it does not read again would
# not repeat and -W would let them through), and when anything Sphinx cannot see changed: the package and its
# extension, the data, the pins, the JavaScript, the configuration, the table of contents or this Makefile.
# A fresh clone (CI, `make test`) always builds afresh.
BUILD_HASH := $(shell cat _config.yml _toc.yml Makefile package-lock.json 2>/dev/null | sha256sum | cut -c1-16)-$(INPUTS_HASH)
BUILD_OK := _build/.build-ok-$(BUILD_HASH)

# Nothing to do when no file the build reads is newer than the last passing build (file times, as Sphinx itself
# judges what changed): the check skips starting Sphinx, which alone takes about 4 s. The stamp of a passing build
# carries the time the build started.
CHANGED_SINCE_BUILD = find . -newer $(BUILD_OK) -type f \
	  ! -path './_build/*' ! -path './.venv/*' ! -path './.git/*' ! -path './node_modules/*' ! -path './tests/*' \
	  ! -path '*/__pycache__/*' ! -path './.*_cache/*' ! -path '*.egg-info/*' ! -path '*/.ipynb_checkpoints/*' \
	  -print -quit

build: $(STAMP) $(JS_STAMP) _build/.inputs-$(INPUTS_HASH) ## build the book, its slides and downloads (warnings fail)
	@if [ -f $(BUILD_OK) ] && [ -s $(HTML)/index.html ] && [ -z "$$($(CHANGED_SINCE_BUILD))" ]; then \
	  echo "make build: nothing changed since the last passing build; $(HTML) is current"; exit 0; fi; \
	started=$$(date +%s.%N); \
	if [ -f $(BUILD_OK) ]; then fresh=""; else fresh="--all"; rm -rf $(HTML); fi; \
	rm -f _build/.build-ok-*; \
	echo "$(JB) build $$fresh -W -n --keep-going ."; \
	$(JB) build $$fresh -W -n --keep-going . && \
	{ test -s $(HTML)/index.html || { echo "error: $(HTML)/index.html is missing or empty"; exit 1; }; } && \
	echo "$(PY) -m neurotrophins.build.postbuild" && \
	$(PY) -m neurotrophins.build.postbuild && \
	touch -d @$$started $(BUILD_OK)  # dated when the build started: a file edited during it counts as changed

slides: $(STAMP) $(JS_STAMP) ## build the reveal.js lecture decks into _build/html/slides
	@test -s $(HTML)/index.html || $(MAKE) build
	$(PY) -m neurotrophins.build.slides

book: build pdf ## create .venv, install the pinned requirements, build the HTML book and its PDFs
	@echo
	@echo "The book is built. Open $(CURDIR)/$(HTML)/index.html in a browser, or run 'make serve'."

lint: $(STAMP) ## ruff (lint and format check) over the package, tests, scripts and notebooks
	$(PY) -m ruff check src tests book scripts
	$(PY) -m ruff format --check src tests book scripts

format: $(STAMP) ## reformat the code, the notebooks' code cells (ruff) and the quiz files
	$(PY) -m ruff format src tests book scripts
	$(PY) -m ruff check --fix src tests book scripts
	$(PY) -m neurotrophins.build.quizfile

unit: $(STAMP) $(JS_STAMP) ## unit, data, teaching and packaging tests (no browser)
	$(PY) -m pytest tests --ignore=tests/site --ignore=tests/hub -q

# One pytest per notebook, each under a wall-clock limit: a hang fails fast, naming the notebook (nbval names the
# cell when a single cell passes NBVAL_TIMEOUT).
notebooks: $(STAMP) ## execute every notebook with nbval (hidden cells pin every quoted number)
	@fail=0; for nb in $$(find book -name '*.ipynb' -not -path '*/.ipynb_checkpoints/*' | LC_ALL=C sort); do \
	  echo "nbval: $$nb"; \
	  timeout --kill-after=10 $(NOTEBOOK_TIMEOUT) $(PY) -m pytest --nbval-lax --nbval-current-env \
	    --nbval-cell-timeout=$(NBVAL_TIMEOUT) -q -p no:playwright "$$nb" || { rc=$$?; fail=1; \
	    if [ $$rc -ge 124 ]; then echo "error: $$nb did not finish within $(NOTEBOOK_TIMEOUT) s (hang?)"; fi; }; \
	done; exit $$fail

chromium: ## install Debian's Chromium for the browser tests, if missing
	@bash scripts/install-chromium.sh

pdf: $(STAMP) chromium ## print every chapter, the whole book and the one-page handouts to PDF (Chromium, no TeX)
	@test -s $(HTML)/index.html || $(MAKE) build
	$(PY) -m neurotrophins.build.pdf

site: $(STAMP) chromium ## browser tests of the built site, decks, PDFs and real Jupyter clients
	$(PY) -m pytest tests/site -q

clients: $(STAMP) chromium ## every chapter in both JupyterLab and Notebook 7 (make test alternates them)
	NEUROTROPHINS_ALL_CLIENTS=1 $(PY) -m pytest tests/site/test_jupyter_clients.py -q

# A real JupyterHub with test-only accounts: it creates Unix users, so it runs as root (CI does) or through sudo.
hub: $(STAMP) $(JS_STAMP) chromium ## a class on a real JupyterHub: students pull the course, run it, keep their edits
	@if [ "$$(id -u)" -eq 0 ]; then $(PY) -m pytest tests/hub -q; \
	elif command -v sudo >/dev/null 2>&1; then echo "the hub test creates Unix accounts: running it with sudo"; \
	  sudo $(PY) -m pytest tests/hub -q -p no:cacheprovider; \
	else echo "error: the hub test creates Unix accounts; run it as root or install sudo" >&2; exit 1; fi

classroom: $(STAMP) $(JS_STAMP) ## measure a class of N students (default 20) on a real hub: _build/classroom-report.md
	$(PY) scripts/classroom.py --students $(or $(N),20)

assignments: $(STAMP) ## nbgrader assignments from every chapter's fill-in exercises: _build/nbgrader (source, release)
	$(PY) -m neurotrophins.build.assignments

grade: $(STAMP) ## grade one submission: make grade A=neurotrophins-and-bdnf NB=path/to/submission.ipynb [S=student-id]
	@test -n "$(A)" -a -n "$(NB)" || { echo "usage: make grade A=<assignment> NB=<submitted notebook> [S=<student id>]" >&2; exit 2; }
	$(PY) -m neurotrophins.build.grading $(A) $(NB) --student $(or $(S),student)

test: lint unit notebooks build pdf site hub ## the full suite
	@echo "make test: all checks passed"

serve: $(STAMP) ## serve the built book on http://127.0.0.1:8000
	@test -s $(HTML)/index.html || $(MAKE) build
	@echo "Serving $(HTML) on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(PY) -m http.server --bind 127.0.0.1 --directory $(HTML) 8000

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab book/

data: $(STAMP) ## regenerate data/references.bib from data/references.csv
	$(PY) -m neurotrophins.build.bib

lock: $(STAMP) ## recompile requirements.txt (and binder/requirements.txt) from the .in files
	$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	@# pip-compile writes the editable install as an absolute file:// path; keep it relative to the clone.
	sed -i 's|^-e file://.*$$|-e .|' requirements.txt
	@# Binder's (and the JupyterHub image's) smaller list, held to the same versions.
	mkdir -p _build && grep -v '^-e ' requirements.txt > _build/constraints.txt
	cd binder && ../$(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
	  -c ../_build/constraints.txt --output-file requirements.txt requirements.in

clean: ## remove the build (keeps .venv)
	rm -rf _build

bench: $(STAMP) $(JS_STAMP) ## benchmark builds, notebooks, pages and explorers into _build/bench-report.md
	$(PY) scripts/bench.py

soak: $(STAMP) ## run the notebooks and a clean build 10 times (RUNS=20 for more); report failures and hangs
	$(PY) scripts/soak.py --runs $(or $(RUNS),10)

colab: $(STAMP) ## refresh every chapter's guide and Colab cells (after changing repository.url)
	$(PY) -m neurotrophins.build.colab

chapter: $(STAMP) ## start a new chapter from the template: make chapter SLUG=my-topic PART=02-lifestyle
	$(PY) -m neurotrophins.build.newchapter --slug "$(SLUG)" --part "$(PART)"
	$(PY) -m neurotrophins.build.colab

# Two commands set everything up on a fresh Debian machine with Python 3.11:
#   make book   install everything and build the website into _build/html
#   make test   install everything, build the book strictly and run every test
#
# Other targets: make chapter CHAPTER=gauge (execute one chapter; Python only), make student
# (solution-free edition), make pdf (the book as PDF), make data NAME=fig2-mc, make bench,
# make lint (ruff on the code and the chapters), make format, make normalize, make clean.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# One BLAS thread per process: on two cores, threaded BLAS inside several processes is
# many times slower than one thread each.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test install assets chromium kwant chapter data bench lint format clean student pdf editions normalize

install: $(VENV)/.installed node_modules/.installed chromium

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e ".[book,test]"
	touch $@

assets: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium; }

# Kwant 1.5 is only a test-time cross-check of the lattice model. PyPI has just an sdist whose
# generated C files predate numpy 2, so the Cython sources are recompiled; MUMPS comes from Debian.
kwant: $(VENV)/.kwant
$(VENV)/.kwant: $(VENV)/.installed
	@dpkg -s libmumps-scotch-dev >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libmumps-scotch-dev; }
	$(BIN)/python -m pip install "numpy>=2" scipy tinyarray "cython>=3" packaging setuptools wheel
	$(BIN)/python -m pip install --no-cache-dir --no-build-isolation \
	  --config-settings=--build-option=--cython kwant==1.5.0
	$(BIN)/python -c "import kwant; print('kwant', kwant.__version__)"
	touch $@

book: install
	@$(BIN)/jupyter-book build . -W --keep-going || { \
	  echo "=== book build failed; execution reports follow ==="; \
	  for f in _build/html/reports/*.err.log; do [ -e "$$f" ] && { echo "--- $$f"; cat "$$f"; }; done; \
	  exit 1; }

# Student edition (no solutions anywhere) in _build/student/{html,pdf}; reuses the execution cache.
student: book
	$(BIN)/python book/_ext/editions.py student

# The whole book as one PDF in _build/pdf/, printed offline by the system chromium.
pdf: book
	$(BIN)/python book/_ext/editions.py pdf

editions: student pdf

# Chapters in the form JupyterLab saves them (opening and saving then changes nothing).
normalize: $(VENV)/.installed
	$(BIN)/python book/_ext/normalize.py

test: install kwant book editions
	CHAOTICDOT_REQUIRE_SITE=1 CHAOTICDOT_REQUIRE_KWANT=1 $(BIN)/python -m pytest

chapter: $(VENV)/.installed
	@test -n "$(CHAPTER)" || { echo "usage: make chapter CHAPTER=gauge"; exit 2; }
	mkdir -p _build/chapters
	$(BIN)/jupytext --to ipynb --output _build/chapters/$(CHAPTER).ipynb book/$(CHAPTER).md
	cd book && ../$(BIN)/jupyter-execute --inplace ../_build/chapters/$(CHAPTER).ipynb
	@echo "executed: _build/chapters/$(CHAPTER).ipynb"

data: install
	@test -n "$(NAME)" || { echo "usage: make data NAME=fig2-mc"; exit 2; }
	$(BIN)/python -m chaoticdot data $(NAME) --replace

bench: install
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f; done

lint: install
	$(BIN)/ruff format --check src tests benchmarks book/_ext
	$(BIN)/ruff check src tests benchmarks book/_ext
	$(BIN)/python book/_ext/chapter_lint.py

format: install
	$(BIN)/ruff format src tests benchmarks book/_ext
	$(BIN)/ruff check --fix src tests benchmarks book/_ext
	$(BIN)/python book/_ext/chapter_lint.py --fix

clean:
	rm -rf _build book/_static/vendor

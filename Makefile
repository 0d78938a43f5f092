# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test check lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# pip 23's resolver fails on lxml[html-clean] vs lxml[html_clean] (readability-lxml, justext)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade 'pip>=24'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## run: clean seeds/ into output/seeds/ (creates .venv and installs on first use)
run: $(STAMP)
	$(BIN)/refinery run seeds --out output/seeds

## test: lint and run the test suite (creates/updates .venv)
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

## check: lint and the fast tests only (no CLI runs, Prefect servers or Dask clusters)
check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not system" -q

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

clean:
	rm -rf output/seeds .pytest_cache

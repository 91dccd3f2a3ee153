# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench soak package clean demo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m cadence

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pyright --pythonpath $(PY)
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench

lint: $(STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pyright --pythonpath $(PY)
	$(PY) -m ruff check src tests bench
	$(PY) -m ruff format --check src tests bench

format: $(STAMP)
	$(PY) -m ruff format src tests bench
	$(PY) -m ruff check --fix src tests bench

demo: $(STAMP)
	$(PY) -m cadence demo --years 3 --seed 1 --db demo.sqlite

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

soak: $(STAMP)
	CADENCE_SOAK=1 QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/reliability

package: $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check build pyinstaller
	PYTHON=$(PY) packaging/build_bundle.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache

# Two commands matter: `make run` and `make test`. Both create .venv and install on first use.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
RAW ?= data/raw
OUT ?= data/processed
STAMP := $(VENV)/.installed
LAB_TIMEOUT ?= 900

.PHONY: run test test-lab lab build install bench clean

$(STAMP): requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)  ## build the tables, execute the notebooks, export the figures
	$(PY) -m analysis run --raw $(RAW)

test: $(STAMP)  ## the test suite (tests needing ../shared skip, saying so, when it is absent)
	$(PY) -m pytest

test-lab: $(STAMP)  ## every notebook run in JupyterLab in headless Chromium (Run > Run All Cells); screenshots in reports/lab/
	bash tests/lab/install_chromium.sh
	PYTHONPATH=tests $(PY) -m lab --total-timeout $(LAB_TIMEOUT)

build: $(STAMP)  ## only the tables: make build RAW=path OUT=path
	$(PY) -m analysis build $(RAW) --out "$(OUT)"

lab: $(STAMP)  ## JupyterLab on the notebooks, with the project's kernel and settings (no news pop-up)
	JUPYTERLAB_SETTINGS_DIR="$(CURDIR)/jupyter/settings" $(VENV)/bin/jupyter lab notebooks

bench: $(STAMP)  ## speed benchmarks on the real corpora in ../shared
	$(PY) benchmarks/build_speed.py

clean:
	rm -rf data/processed/*.parquet reports/figures/* reports/notebooks

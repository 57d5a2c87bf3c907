# proposal-audit: the commands a newcomer needs. `make audit` and `make test` set everything up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: audit test lint refresh-notebooks lab clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

## audit: audit every report in params/ (exit 1 = problems found is a successful audit)
audit: $(STAMP)
	@$(BIN)/proposal-audit run; rc=$$?; [ $$rc -le 1 ] || exit $$rc

## test: unit tests, end-to-end tests and nbval regression tests of the notebooks
test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check proposal_audit tests
	$(BIN)/ruff format --check proposal_audit tests

## refresh-notebooks: re-execute notebooks/ and store their outputs (the nbval goldens); review the diff
refresh-notebooks: $(STAMP)
	$(BIN)/proposal-audit refresh-notebooks

## lab: open the notebooks in JupyterLab (installs it on first use)
lab: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf reports/*.html reports/*.json reports/*.ipynb

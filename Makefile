# proposal-audit: the commands a newcomer needs. `make audit` and `make test` set everything up.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: audit test eval bench lint mutate refresh-notebooks lab screenshots browser-deps clean

$(STAMP): pyproject.toml
	@echo "Setting up $(VENV) from pyproject.toml (first run: about 30 s; log in $(VENV)/install.log)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --upgrade pip > $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@$(BIN)/python -m pip install -e '.[test]' >> $(VENV)/install.log 2>&1 || (tail -40 $(VENV)/install.log; exit 1)
	@touch $(STAMP)
	@echo "Environment ready."

## audit: audit every report in params/ (exit 1 = problems found is a successful audit)
audit: $(STAMP)
	@$(BIN)/proposal-audit run; rc=$$?; [ $$rc -le 1 ] || exit $$rc

## test: unit tests, end-to-end tests, browser tests and nbval regression tests of the notebooks
test: $(STAMP) browser-deps
	$(BIN)/python -m pytest

## browser-deps: Debian's chromium and fonts-noto-cjk for the browser tests (installed once, as root)
browser-deps:
	@bash .ci/browser-deps

## screenshots: audit Hengnan (zh, en) and a corpus report, and photograph them at 1280×800 (reports/screenshots/)
screenshots: $(STAMP) browser-deps
	$(BIN)/python -m tools.screenshots

## eval: extraction against the hand-read corpus (recall, precision, findings found or missed)
eval: $(STAMP)
	$(BIN)/python -m proposal_audit.evaluate

## bench: speed of one audit, a batch and check, against the naive pipeline and the floor
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py

## mutate: mutation testing (mutmut) of rounding, checks and gaps; prints the kill rate. Slow, not in CI.
MUTATE_JOBS ?= 2
mutate: $(STAMP)
	@rm -rf mutants
	@$(BIN)/python -m pip install --quiet -e '.[mutate]' > $(VENV)/mutate-install.log 2>&1 || (tail -20 $(VENV)/mutate-install.log; exit 1)
	@echo "mutmut over rounding.py, checks/ and gaps.py (about an hour on two cores; log in mutants.log)…"
	$(BIN)/mutmut run --max-children $(MUTATE_JOBS) > mutants.log 2>&1 || (tail -c 2000 mutants.log; exit 1)
	$(BIN)/python scripts/mutation_score.py

lint: $(STAMP)
	$(BIN)/ruff check proposal_audit tests
	$(BIN)/ruff format --check proposal_audit tests

## refresh-notebooks: re-execute notebooks/ and store their outputs (the nbval goldens); review the diff
refresh-notebooks: $(STAMP)
	$(BIN)/proposal-audit refresh-notebooks

## lab: open the notebooks in JupyterLab (its own .venv-lab, set up once; the kernel is .venv's Python)
##      extra arguments go to `jupyter lab`: make lab ARGS="--port=8890 --no-browser"
lab: $(STAMP)
	@tools/lab $(ARGS)

clean:
	rm -rf reports/*.html reports/*.json reports/*.ipynb reports/*.docx reports/*.xlsx reports/screenshots mutants mutants.log .cache

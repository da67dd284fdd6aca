# The two commands of the README: `make report` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test lab venv clean-outputs

# Reinstall only when the pins or the package metadata change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (quotelens)"
	touch $(STAMP)

venv: $(STAMP)

report: $(STAMP)
	$(BIN)/quotelens report --config configs/default.yaml

# One unit of work per test file (files sharing a report run form one), the longest first:
# tests/conftest.py sets both for --dist loadfile; docs/testing.md has the measurements.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile --durations=15

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

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

test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile --durations=15

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks

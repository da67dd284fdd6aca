"""Committed notebooks stay clean (no outputs, one typed parameters cell) and agree with the configs.

Outputs in committed notebooks make diffs unreadable and leak data; a second parameters cell or
an '=' inside a parameter's comment silently changes what papermill injects; a config parameter
the notebook does not declare would be ignored by papermill (the runner rejects it, and this
test catches it before anyone runs the report).
"""

from __future__ import annotations

import ast

import nbformat
import papermill
import pytest

from quotelens import config as qconfig
from quotelens.report import runner as report

NOTEBOOKS = sorted(qconfig.NOTEBOOKS_DIR.glob("*.ipynb"))
CONFIGS = sorted(qconfig.CONFIGS_DIR.glob("*.yaml"))
ALLOWED_TYPES = {"str", "int", "float", "bool", "list", "dict"}


def test_project_has_notebooks_and_configs():
    assert NOTEBOOKS, "notebooks/ holds no notebook"
    assert {p.name for p in CONFIGS} >= {"default.yaml", "smoke.yaml"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_without_outputs(path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    assert path.stem in report.NOTEBOOK_ORDER, f"{path.name}: not in the runner's NOTEBOOK_ORDER"
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3"
    dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert dirty == [], f"{path.name}: code cells {dirty} hold outputs or execution counts; strip them"
    assert all(c.get("id") for c in nb.cells), f"{path.name}: every cell needs a fixed id"
    assert "papermill" not in nb.metadata and "widgets" not in nb.metadata


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_parameters_cell_is_typed_and_readable_by_papermill(path):
    nb = nbformat.read(str(path), as_version=4)
    index = report.parameters_cell_index(nb)  # raises unless exactly one cell is tagged
    params = report.parse_parameters(nb.cells[index].source)
    for common in report.COMMON_PARAMETERS:
        assert common in params and params[common].annotation == "str", f"{path.name}: declare `{common}: str = ...`"
    for p in params.values():
        assert p.annotation is not None, f"{path.name}: parameter {p.name} has no type annotation"
        base = p.annotation.split("[")[0].split("|")[0].strip()
        assert base in ALLOWED_TYPES, f"{path.name}: parameter {p.name}: type {p.annotation} is not one of {sorted(ALLOWED_TYPES)}"
        assert p.help, f"{path.name}: parameter {p.name} needs a trailing comment saying what it is"
        # A literal default: values derived in the parameters cell are not recomputed after injection.
        ast.literal_eval(p.default)
    # papermill's own reading (its --help-notebook) must see the same names: an '=' in a comment
    # would hide the whole cell from it.
    seen = papermill.inspect_notebook(str(path))
    assert sorted(seen) == sorted(params), f"{path.name}: papermill reads {sorted(seen)}, the runner {sorted(params)}"


@pytest.mark.parametrize("config_path", CONFIGS, ids=lambda p: p.stem)
def test_config_parameters_are_declared_by_their_notebooks(config_path):
    cfg = report.load_config(config_path)
    # plan() checks every configured notebook that exists: names declared, values of the
    # declared types; it raises ReportConfigError listing every problem.
    runs, skipped = report.plan(cfg)
    assert [r.name for r in runs] == [n for n in report.NOTEBOOK_ORDER if n in cfg.notebooks and (qconfig.NOTEBOOKS_DIR / f"{n}.ipynb").is_file()]
    assert len(runs) + len(skipped) == len(cfg.notebooks)

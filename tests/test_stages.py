"""The stage declaration (quotelens.stages) agrees with the notebooks it describes."""

import re
import subprocess
import sys

import nbformat
import pytest

from quotelens import config, stages
from quotelens.report.runner import declared_parameters


def test_order_and_names():
    assert stages.NOTEBOOK_ORDER[-1] == "00_report"
    assert stages.INDEX_ORDER[0] == "00_report"
    assert len({s.name for s in stages.STAGES}) == len(stages.STAGES)
    names = [p.name for s in stages.STAGES for p in s.products]
    files = [p.filename for s in stages.STAGES for p in s.products]
    assert len(set(names)) == len(names) and len(set(files)) == len(files)
    assert list(stages.PIPELINE_STAGES) == [s.name for s in stages.STAGES if s.per_article]


def test_reads_come_from_earlier_stages():
    for i, s in enumerate(stages.STAGES):
        for name in s.reads + s.reads_optional:
            assert stages.STAGES.index(stages.producer(name)) < i, (s.name, name)


@pytest.mark.parametrize("stage", stages.STAGES, ids=lambda s: s.notebook)
def test_parameters_match_the_notebook(stage):
    declared = declared_parameters(config.NOTEBOOKS_DIR / f"{stage.notebook}.ipynb")
    assert set(declared) - set(stages.COMMON_PARAMETERS) == set(stage.parameters)
    assert set(stage.pipeline_options) <= set(stage.parameters)
    assert (stages.FROM_PIPELINE_PARAMETER in stage.parameters) == stage.from_pipeline


@pytest.mark.parametrize("stage", stages.STAGES, ids=lambda s: s.notebook)
def test_notebooks_name_tables_through_the_declaration(stage):
    """No notebook spells a product's file name itself: they ask stages.product_path."""
    nb = nbformat.read(str(config.NOTEBOOKS_DIR / f"{stage.notebook}.ipynb"), as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    for s in stages.STAGES:
        for p in s.products:
            # a path built from the file name, e.g. PROCESSED / "articles.parquet"
            assert not re.search(r"/\s*[\"']" + re.escape(p.filename), code), (stage.notebook, p.filename)


@pytest.mark.parametrize("stage", stages.STAGES, ids=lambda s: s.notebook)
def test_figures_carry_the_stage_prefix(stage):
    nb = nbformat.read(str(config.NOTEBOOKS_DIR / f"{stage.notebook}.ipynb"), as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    saved = [line for line in code.splitlines() if "save_figure(" in line]
    assert bool(saved) == stage.figures
    for line in saved:
        assert f'"{stage.figure_prefix}' in line, line


def test_lookups():
    assert stages.stage("03").name == "sentiment" == stages.stage("03_sentiment").name == stages.stage("sentiment").name
    assert stages.product_path("articles", "data/processed/x") == config.PROJ_ROOT / "data/processed/x/articles.parquet"
    assert stages.pipeline_path("statements_scored", "/tmp/out").as_posix() == "/tmp/out/statements"
    with pytest.raises(KeyError):
        stages.pipeline_path("keywords", "/tmp/out")
    with pytest.raises(KeyError):
        stages.stage("99")
    assert [s.name for s in stages.upstream("sentiment")] == ["articles", "statements"]


def test_import_is_cheap():
    """Plain data: importing the declaration loads neither pandas nor papermill."""
    code = "import sys, quotelens.stages; print('pandas' in sys.modules, 'papermill' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]

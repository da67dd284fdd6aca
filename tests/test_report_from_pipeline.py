"""`quotelens report --from-pipeline OUTDIR`: the notebooks start from a pipeline output folder.

The e2e tests run `quotelens pipeline` on the smoke corpus (the seed article) into a temporary
folder, then the whole smoke report from that folder into another one, and compare the tables
and figures with those of the smoke report run the usual way (tests/conftest.py's
`smoke_report`, shared with test_end_to_end.py: conftest sends both files to one worker).
"""

from __future__ import annotations

import filecmp
import io
import json
import subprocess
import sys

import nbformat
import pandas as pd
import pytest
import yaml

from quotelens import config as qconfig
from quotelens import stages
from quotelens.report import pipeline_input
from quotelens.report import runner as report
from quotelens.scale.pipeline import read_manifest, run_pipeline

SMOKE = qconfig.CONFIGS_DIR / "smoke.yaml"
FIRST_STAGES = [s.notebook for s in stages.STAGES if s.from_pipeline]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, smoke_report):
    root = tmp_path_factory.mktemp("from_pipeline")
    outdir = root / "pipeline"
    # the smoke config's registry and topic words, named (the pipeline's defaults are neutral)
    run_pipeline([str(qconfig.SEEDS_DIR)], outdir, workers=1, progress=False, actors="data/actors/syria.yaml",
                 topic_words="data/sentiment/topic_words_conflict.yaml")
    cfg = report.load_config(SMOKE)
    log = io.StringIO()
    try:
        report.run_report(cfg, output_root=root / "from", stream=log, from_pipeline=outdir)
    finally:
        print(log.getvalue())  # shown by pytest when a test fails
    logs = {"from": log.getvalue(), "usual": smoke_report["logs"][-1]}
    return {"outdir": outdir, "from": root / "from", "usual": smoke_report["root"], "logs": logs}


@pytest.mark.e2e
def test_every_notebook_ran_without_errors(runs):
    reports = runs["from"] / "reports"
    for name in report.NOTEBOOK_ORDER:
        for suffix in (".ipynb", ".html", ".nocode.html"):
            assert (reports / f"{name}{suffix}").is_file(), f"{name}{suffix}"
        nb = nbformat.read(str(reports / f"{name}.ipynb"), as_version=4)
        assert nb.metadata["papermill"]["exception"] is False
        assert [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"] == [], name
    assert (reports / "index.html").is_file()
    assert f"(tables of {qconfig.relative(runs['outdir'])})" in runs["logs"]["from"].splitlines()[0]


@pytest.mark.e2e
def test_counts_equal_the_manifest(runs):
    manifest = read_manifest(runs["outdir"])
    processed = runs["from"] / "processed"
    assert len(pd.read_parquet(stages.product_path("articles", processed))) == manifest["articles"]
    for name in ("statements", "statements_scored"):
        assert len(pd.read_parquet(stages.product_path(name, processed))) == manifest["statements"] > 0


@pytest.mark.e2e
def test_every_stage_wrote_its_tables_and_figures(runs):
    processed, figures = runs["from"] / "processed", runs["from"] / "figures"
    for stage in stages.STAGES:
        for product in stage.products:
            assert stages.product_path(product.name, processed).is_file(), product.filename
    drawn = {png.name.split("_", 1)[0] + "_" for png in figures.glob("*.png")}
    # One article is too little for 01's profile figures; every later stage draws some.
    assert drawn == {s.figure_prefix for s in stages.STAGES if s.figures and s.notebook != "01_articles"}


@pytest.mark.e2e
def test_first_stages_give_what_the_usual_run_gives(runs):
    """Same rows, columns and values in every table of 01-03, and byte-identical figures (of
    every stage: the usual run is the whole smoke report)."""
    for stage in stages.STAGES:
        if not stage.from_pipeline:
            continue
        for product in stage.products:
            usual = pd.read_parquet(stages.product_path(product.name, runs["usual"] / "processed"))
            taken = pd.read_parquet(stages.product_path(product.name, runs["from"] / "processed"))
            pd.testing.assert_frame_equal(taken, usual, obj=product.filename)
            assert stages.product_path(product.name, runs["from"] / "processed").read_bytes() == \
                stages.product_path(product.name, runs["usual"] / "processed").read_bytes(), product.filename
    usual_figures = sorted(p.name for p in (runs["usual"] / "figures").iterdir())
    assert usual_figures
    for name in usual_figures:
        assert filecmp.cmp(runs["usual"] / "figures" / name, runs["from"] / "figures" / name, shallow=False), name


@pytest.mark.e2e
def test_scores_are_reused_only_when_the_scorer_matches(runs):
    from quotelens.sentiment import scorer_from_options

    statements = pd.read_parquet(stages.product_path("statements", runs["from"] / "processed"))
    conflict = "data/sentiment/topic_words_conflict.yaml"  # what the runs used (scorer_from_options() masks nothing)
    same, reused = pipeline_input.scored(runs["outdir"], statements, scorer_from_options(topic_words=conflict), source="statements")
    assert reused is True
    unmasked, reused = pipeline_input.scored(runs["outdir"], statements, scorer_from_options(topic_words=""), source="statements")
    assert reused is False
    assert (unmasked["masked_terms"] == "").all() and not (same["masked_terms"] == "").all()
    nb = nbformat.read(str(runs["from"] / "reports" / "03_sentiment.ipynb"), as_version=4)
    assert "scores taken from the pipeline run" in json.dumps(nb.cells, default=str)


# --------------------------------------------------------------------------------------------
# Checked before anything runs


def _fake_pipeline_folder(path, actors="data/actors/syria.yaml"):
    """A pipeline folder with no parts; by default run with the smoke config's registry."""
    path.mkdir(parents=True)
    manifest = {"parts": [], "read": 0, "articles": 0, "statements": 0, "options": {"actors": actors, "topic_words": ""}}
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return path


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "quotelens.cli", "report", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("make", ["missing", "no_manifest", "a_file"])
def test_cli_rejects_a_folder_that_is_not_a_pipeline_run(tmp_path, make, cli_in_process):
    """One case through the real entry point in a fresh process, the others through cli.main
    in this process (conftest.cli_in_process: the same status and stderr; a fresh process
    costs about 2 CPU-s of imports)."""
    target = tmp_path / "out"
    if make == "no_manifest":
        target.mkdir()
    elif make == "a_file":
        target.write_text("x", encoding="utf-8")
    args = ("--config", str(SMOKE), "--from-pipeline", str(target))
    done = _cli(*args) if make == "missing" else cli_in_process("report", *args, cwd=qconfig.PROJ_ROOT)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("quotelens report: --from-pipeline:"), done.stderr
    assert "Traceback" not in done.stderr


def test_a_listed_part_that_is_missing_is_named(tmp_path):
    folder = _fake_pipeline_folder(tmp_path / "out")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["parts"] = ["part-00000-0000.parquet"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(pipeline_input.PipelineFolderError, match="articles/part-00000-0000.parquet is missing"):
        pipeline_input.check_folder(folder)


def test_plan_passes_the_folder_to_the_first_stages_only(tmp_path):
    folder = _fake_pipeline_folder(tmp_path / "out")
    runs, _ = report.plan(report.load_config(SMOKE), output_root=tmp_path / "report", from_pipeline=folder)
    given = {r.name: r.parameters.get(stages.FROM_PIPELINE_PARAMETER) for r in runs}
    assert given == {n: (qconfig.relative(folder) if n in FIRST_STAGES else None) for n in report.NOTEBOOK_ORDER}


def test_a_different_actor_registry_is_refused(tmp_path):
    folder = _fake_pipeline_folder(tmp_path / "out", actors=str(tmp_path / "other.yaml"))
    with pytest.raises(report.ReportConfigError, match="actors_path 'data/actors/syria.yaml' is not the registry the pipeline run used"):
        report.plan(report.load_config(SMOKE), output_root=tmp_path / "report", from_pipeline=folder)


def _smoke_with_registry(tmp_path, actors_path):
    data = yaml.safe_load(SMOKE.read_text(encoding="utf-8"))
    data["notebooks"]["02_statements"]["actors_path"] = actors_path
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return report.load_config(path)


def test_no_registry_matches_a_pipeline_run_without_one(tmp_path):
    # `quotelens pipeline` without --actors records actors "": a config without a registry fits it
    folder = _fake_pipeline_folder(tmp_path / "out", actors="")
    runs, _ = report.plan(_smoke_with_registry(tmp_path, ""), output_root=tmp_path / "report", from_pipeline=folder)
    assert [r.name for r in runs] == list(report.NOTEBOOK_ORDER)
    assert next(r for r in runs if r.name == "02_statements").parameters["actors_path"] == ""


def test_a_registry_is_refused_when_the_pipeline_run_had_none(tmp_path):
    folder = _fake_pipeline_folder(tmp_path / "out", actors="")
    with pytest.raises(report.ReportConfigError, match="actors_path 'data/actors/syria.yaml' but the pipeline run used no registry"):
        report.plan(report.load_config(SMOKE), output_root=tmp_path / "report", from_pipeline=folder)


def test_no_registry_is_refused_when_the_pipeline_run_had_one(tmp_path):
    folder = _fake_pipeline_folder(tmp_path / "out")
    with pytest.raises(report.ReportConfigError, match="actors_path is empty .no registry. but the pipeline run used the registry"):
        report.plan(_smoke_with_registry(tmp_path, ""), output_root=tmp_path / "report", from_pipeline=folder)


def test_from_pipeline_is_not_a_config_parameter(tmp_path):
    data = yaml.safe_load(SMOKE.read_text(encoding="utf-8"))
    data["notebooks"]["02_statements"]["from_pipeline"] = "out"
    path = tmp_path / "c.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(report.ReportConfigError, match="--from-pipeline OUTDIR"):
        report.load_config(path)

"""The figures folder of a report run (issue 16 items 5 and 12).

(These four tests were tests/test_report_figures.py until 49926b6 gave that name to the network
figure tests and dropped them; restored here unchanged.)

5.  A run into folders an earlier run used must not keep the figures a notebook skipped this
    time, and 00_report must not show them: when a notebook finishes, the runner removes the
    figures it owns (its number's prefix) that it did not write in this run.
12. At notebook level: notebook 01 on FA-KES articles whose outlets are "$$" and "$\\frac{$",
    notebook 04 on a real statements table with two 80-word speakers and a 60,000-character
    word (tests/data/hostile_figures/).
"""

from __future__ import annotations

import io
from html import escape
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml
from PIL import Image

from quotelens import config as qconfig
from quotelens import figures
from quotelens.report import runner as report
from quotelens.report.table_labels import figure_caption
from quotelens.tables import read_table, write_table

CATALOGUE = qconfig.PROJ_ROOT / "tests" / "data" / "hostile_figures"
# Figures an earlier run left: owned by 01 and 04 but never written by this run's data and
# parameters; owned by 02 (not run here); and files no stage owns.
STALE = ("04_keywords_monroe_7_earlier_corpus_speaker", "04_keywords_top_terms_by_location", "01_articles_per_weekday")
NOT_RUN = ("02_statements_by_actor",)
NOT_OWNED = ("99_someone_elses.png", "04_keywords_notes.txt", "README.md")


def _plant(figures_dir: Path) -> None:
    figures_dir.mkdir(parents=True, exist_ok=True)
    for name in STALE + NOT_RUN:
        (figures_dir / f"{name}.png").write_bytes(b"\x89PNG earlier run")
        (figures_dir / f"{name}.csv").write_text("x\n1\n", encoding="utf-8")
    for name in NOT_OWNED:
        (figures_dir / name).write_text("kept\n", encoding="utf-8")


def _config(tmp_path: Path, out: Path) -> Path:
    smoke = yaml.safe_load((qconfig.CONFIGS_DIR / "smoke.yaml").read_text(encoding="utf-8"))
    notebooks = {
        "01_articles": {**smoke["notebooks"]["01_articles"], "corpus_paths": [qconfig.relative(CATALOGUE / "fakes_mathtext_outlets.csv")]},
        "04_keywords": {**smoke["notebooks"]["04_keywords"], "min_count": 2, "n_boot": 20, "also_by": ["source"],
                        "monroe_groups": 3, "min_statements": 10},
        "00_report": {**smoke["notebooks"]["00_report"],
                      "key_figures": ["04_keywords_top_terms", STALE[0], "01_articles_per_source"]},
    }
    data = {"name": "hostile figures", "processed_dir": str(out / "processed"), "figures_dir": str(out / "figures"),
            "reports_dir": str(out / "reports"), "notebooks": notebooks}
    path = tmp_path / "hostile_figures.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("report_figures")
    out = base / "out"
    # 04 reads the statements table 02 would write: here the hostile one, as Parquet
    statements = read_table(CATALOGUE / "statements_long_names.jsonl")
    write_table(statements, out / "processed" / "statements.parquet")
    _plant(out / "figures")
    log = io.StringIO()
    try:
        result = report.run_report(_config(base, out), stream=log)
    finally:
        print(log.getvalue())
    return {"out": out, "result": result, "statements": statements}


@pytest.mark.e2e
def test_notebooks_01_and_04_draw_hostile_labels_and_names(run):
    assert run["result"].ran == ["01_articles", "04_keywords", "00_report"]
    figures_dir = run["out"] / "figures"
    drawn = sorted(p.name for p in figures_dir.glob("0[14]_*.png"))
    assert "01_articles_per_source.png" in drawn and "04_keywords_top_terms.png" in drawn
    long_names = {s for s in run["statements"]["speaker"] if len(s.split()) == 80}
    monroe = sorted(p for p in figures_dir.glob("04_keywords_monroe_*.png"))
    assert len(monroe) == 3  # the three speakers with most statements: one of them has 80 words
    kept = set(read_table(run["out"] / "processed" / "keywords.parquet")["speaker"])
    assert long_names <= kept
    for png in figures_dir.glob("0[14]_*.png"):
        assert len(png.stem.encode("utf-8")) <= figures.MAX_NAME_BYTES
        with Image.open(png) as image:
            assert max(image.size) < 4000, (png.name, image.size)
    terms = read_table(run["out"] / "processed" / "keywords.parquet")["term"]
    assert terms.str.len().max() < 200  # the 60,000-character word is no term


@pytest.mark.e2e
def test_figures_a_notebook_did_not_write_are_gone_and_others_kept(run):
    figures_dir = run["out"] / "figures"
    for name in STALE:
        assert not (figures_dir / f"{name}.png").exists() and not (figures_dir / f"{name}.csv").exists(), name
    for name in NOT_RUN:  # 02 did not run: its figures are not this run's business
        assert (figures_dir / f"{name}.png").read_bytes() == b"\x89PNG earlier run"
    for name in NOT_OWNED:
        assert (figures_dir / name).read_text(encoding="utf-8") == "kept\n"
    # every figure left of the stages that ran has both its files
    pngs = {p.stem for p in figures_dir.glob("0[14]_*.png")}
    assert pngs == {p.stem for p in figures_dir.glob("0[14]_*.csv")}


@pytest.mark.e2e
def test_00_report_shows_only_figures_of_this_run(run):
    nb = nbformat.read(str(run["out"] / "reports" / "00_report.ipynb"), as_version=4)
    text = "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code" for out in cell.get("outputs", []))
    html = "\n".join(str(out.get("data", {}).get("text/html", "")) for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.get("outputs", []))
    assert "Not produced in this run" in text and STALE[0] in text
    # each key figure shown comes under its caption (which names its file, since e296b56); the
    # stale one is named nowhere in the shown HTML
    assert f"<b>{escape(figure_caption('04_keywords_top_terms'))}</b>" in html and STALE[0] not in html


def test_remove_unwritten_figures_keeps_what_the_run_wrote(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    _plant(tmp_path)
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    data = pd.DataFrame({"x": [0, 1]})
    figures.save_figure(fig, data, "04_keywords_top_terms", tmp_path)
    before = figures.stage_figures("04", tmp_path)
    assert {p.stem for p in before} == {"04_keywords_top_terms", STALE[0], STALE[1]}
    # the run writes top_terms again, byte for byte the same, and a new figure; it skips the rest
    figures.save_figure(fig, data, "04_keywords_top_terms", tmp_path)
    figures.save_figure(fig, data, "04_keywords_compare", tmp_path)
    removed = figures.remove_unwritten_figures("04_keywords", tmp_path, before)
    assert sorted(p.name for p in removed) == sorted(f"{n}{s}" for n in STALE[:2] for s in (".csv", ".png"))
    left = sorted(p.name for p in tmp_path.iterdir())
    assert "04_keywords_top_terms.png" in left and "04_keywords_compare.csv" in left
    assert {f"{n}.png" for n in NOT_RUN + (STALE[2],)} <= set(left) and set(NOT_OWNED) <= set(left)
    assert figures.stage_figures("00_report", tmp_path) == {}  # 00_report owns no figures
    plt.close(fig)

"""End to end: the whole notebook chain on configs/smoke.yaml (the seed article), run twice.

The two runs write into the same temporary folder (so the injected paths are the same); the
bytes of every artefact after the first run are compared with those after the second. The
double run is tests/conftest.py's session fixture `smoke_report`, shared with
test_report_from_pipeline.py (whose usual-way run it is): conftest makes both files one unit of
work for xdist, so one worker makes it once (about a minute on two cores).
"""

from __future__ import annotations

import base64
import io
import re

import nbformat
import pandas as pd
import pytest
from PIL import Image

from quotelens import config as qconfig
from quotelens.contracts import ARTICLE_COLUMNS, STATEMENT_COLUMNS
from quotelens.report import runner as report
from quotelens.report.html_audit import markup_in_text, rendered_text
from quotelens.report.page_style import MAX_PAGE_CSS_BYTES

pytestmark = pytest.mark.e2e

KEYWORD_COLUMNS = ["term", "n_group", "n_rest", "z"]
COMPARED_SUFFIXES = (".ipynb", ".html", ".png", ".csv", ".parquet")


@pytest.fixture
def smoke(smoke_report):
    """The smoke report's double run (conftest.smoke_report): root, result, first, second, logs."""
    return smoke_report


def test_every_notebook_ran(smoke):
    assert smoke["result"].ran == report.NOTEBOOK_ORDER
    assert smoke["result"].skipped == []


def test_every_notebook_has_its_reports_and_an_index_line(smoke):
    reports = smoke["root"] / "reports"
    index = (reports / "index.html").read_text(encoding="utf-8")
    for name in smoke["result"].ran:
        for suffix in (".ipynb", ".html", ".nocode.html"):
            assert (reports / f"{name}{suffix}").is_file(), f"{name}{suffix}"
        assert f'href="{name}.nocode.html"' in index and f'href="{name}.html"' in index
        nb = nbformat.read(str(reports / f"{name}.ipynb"), as_version=4)
        assert nb.metadata["papermill"]["exception"] is False
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], name
    lines = re.findall(r'<li><a class="name" href="([0-9a-z_]+)\.nocode\.html"', index)
    assert lines == sorted(smoke["result"].ran)  # 00_report first, then 01, 02, ...


def test_html_requests_nothing_from_the_network(smoke):
    for path in sorted((smoke["root"] / "reports").glob("*.html")):
        page = path.read_text(encoding="utf-8")
        urls = re.findall(r"""\b(?:src|href)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]*)""", page, flags=re.I)
        assert urls == [], path.name
        assert not re.search(r"<script|<link[^>]+href|<iframe", page, flags=re.I), path.name


def test_every_figure_has_its_data_beside_it(smoke):
    figures = smoke["root"] / "figures"
    pngs = sorted(figures.glob("*.png"))
    assert all(p.with_suffix(".csv").is_file() for p in pngs), [p.name for p in pngs if not p.with_suffix(".csv").is_file()]
    for png in pngs:
        assert png.name.split("_", 1)[0] in {n.split("_", 1)[0] for n in report.NOTEBOOK_ORDER}, png.name
        assert len(pd.read_csv(png.with_suffix(".csv"))) > 0, png.name


def test_articles_follow_the_contract_and_counts_reconcile(smoke):
    processed = smoke["root"] / "processed"
    articles = pd.read_parquet(processed / "articles.parquet")
    rejected = pd.read_parquet(processed / "articles_rejected.parquet")
    assert list(articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS  # docs/contracts.md, in order
    assert articles["article_id"].is_unique
    # smoke reads the seeds/ folder: one unit per file, each either loaded or rejected.
    n_files = len([p for p in qconfig.SEEDS_DIR.iterdir() if p.is_file()])
    assert len(articles) + len(rejected) == n_files
    # ... and the notebook's own printed reconciliation says the same.
    nb = nbformat.read(str(smoke["root"] / "reports" / "01_articles.ipynb"), as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "stream")
    match = re.search(r"read (\d+) = loaded (\d+) \+ rejected (\d+)", printed)
    assert match, "01_articles no longer prints 'read N = loaded N + rejected N'"
    read, loaded, n_rejected = map(int, match.groups())
    assert read == loaded + n_rejected == n_files
    assert n_rejected == len(rejected)


def test_statement_tables_follow_the_contract(smoke):
    processed = smoke["root"] / "processed"
    statements = pd.read_parquet(processed / "statements.parquet")
    assert list(statements.columns[: len(STATEMENT_COLUMNS)]) == STATEMENT_COLUMNS  # docs/contracts.md, in order
    assert len(statements) > 0  # the seed article quotes several actors
    assert statements["statement_id"].is_unique
    unknown = pd.read_parquet(processed / "unknown_speakers.parquet")
    assert "speaker" in unknown.columns
    texts = pd.read_parquet(processed / "articles.parquet").set_index("article_id")["text"]
    for row in statements.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.quote  # offsets are sacred


def test_sentiment_and_keyword_tables_follow_their_contracts(smoke):
    processed = smoke["root"] / "processed"
    statements = pd.read_parquet(processed / "statements.parquet")
    scored = pd.read_parquet(processed / "statements_scored.parquet")
    # Every statement is scored and keeps its columns.
    assert set(statements.columns) <= set(scored.columns)
    assert sorted(scored["statement_id"]) == sorted(statements["statement_id"])
    assert scored["sentiment"].dropna().between(-1, 1).all()
    actor_sentiment = pd.read_parquet(processed / "actor_sentiment.parquet")
    assert "speaker" in actor_sentiment.columns
    keywords = pd.read_parquet(processed / "keywords.parquet")
    assert {"speaker", *KEYWORD_COLUMNS} <= set(keywords.columns)


def test_two_runs_are_byte_identical(smoke):
    first, second = smoke["first"], smoke["second"]
    assert sorted(first) == sorted(second)
    compared = [name for name in first if name.endswith(COMPARED_SUFFIXES)]
    assert any(name.endswith(".ipynb") for name in compared)
    differing = [name for name in compared if first[name] != second[name]]
    assert differing == []


def test_progress_shows_each_notebook_and_a_total(smoke):
    log = smoke["logs"][-1]
    for name in smoke["result"].ran:
        assert re.search(rf"\] {name}\s+\d+\.\d s$", log, flags=re.M), name
    assert re.search(r"total: \d+ notebook\(s\) in \d+\.\d s", log)


def test_pages_show_no_markup_as_text(smoke):
    """What a reader sees: no "<style scoped> .dataframe ..." above a table, no "</div>", no
    "&lt;" (the smoke corpus holds no markup in its texts, so any is ours)."""
    pages = sorted((smoke["root"] / "reports").glob("*.html"))
    assert len(pages) == 2 * len(smoke["result"].ran) + 1
    found = {p.name: markup_in_text(rendered_text(p.read_text(encoding="utf-8"))) for p in pages}
    assert {name: f for name, f in found.items() if f} == {}
    # the pages do show tables: the package's readable tables (report.table_labels, class
    # "readable") and any pandas table left, each of which would bring a <style scoped>
    tables = sum(p.read_text(encoding="utf-8").count(marker) for p in pages
                 for marker in ('<table class="readable"', 'class="dataframe"'))
    assert tables > 10


def test_pages_embed_each_figure_once_with_one_small_stylesheet(smoke):
    reports = smoke["root"] / "reports"
    for name in smoke["result"].ran:
        nb = nbformat.read(str(reports / f"{name}.ipynb"), as_version=4)
        stored = [o["data"]["image/png"] for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        for png in stored:  # re-encoded with a palette (quotelens.report.render.compact_png)
            assert Image.open(io.BytesIO(base64.b64decode(png))).mode == "P", name
        for suffix in (".html", ".nocode.html"):
            page = (reports / f"{name}{suffix}").read_text(encoding="utf-8")
            embedded = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
            assert sorted(embedded) == sorted(stored), f"{name}{suffix}"  # each figure once, as stored
            css = re.findall(r"<style\b[^>]*>(.*?)</style>", page, flags=re.S)
            assert len(css) == 1 and len(css[0].encode()) <= MAX_PAGE_CSS_BYTES, f"{name}{suffix}"

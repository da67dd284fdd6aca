"""The tables of 00_report in readable form (report.table_labels): every column and coded value
the page shows, from the real outlet summary and the real evaluation files, has a label; no
index; cells escaped; numbers formatted; the stylesheet fits them to the page."""

from __future__ import annotations

import ast
import re

import pandas as pd
import pytest

import report_fixtures as fx
from quotelens import config
from quotelens.compare import comparisons as cmp
from quotelens.compare import findings as fnd
from quotelens.compare.quotes import quotes_for_report
from quotelens.report import table_labels as tl
from quotelens.report.page_style import REPORT_CSS
from quotelens.report.parameters import declared_parameters
from quotelens.sentiment.scoring import score_table

EVALUATION_FILES = ("docs/evaluation/statements.json", "docs/evaluation/sentiment.json")


@pytest.fixture(scope="module")
def groups():
    return cmp.load_outlet_groups(config.PROJ_ROOT / "data" / "outlets.yaml")


@pytest.fixture(scope="module")
def by_group(groups):
    articles, statements = fx.corpus()
    ctx = cmp.statements_in_context(score_table(statements), articles, groups)
    return cmp.outlet_summary(ctx, articles, by="outlet_group", groups=groups)


def _evaluation_tables():
    for path in EVALUATION_FILES:
        doc, note = fnd.read_evaluation(config.resolve(path))
        assert doc is not None, note
        yield from fnd.evaluation_tables(doc)[0]


def _cells(html: str, tag: str) -> list[str]:
    return re.findall(rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>", html, flags=re.S)


def test_every_column_and_code_the_report_shows_has_a_label(by_group):
    tables = [("outlet summary", by_group), *_evaluation_tables()]
    assert len(tables) >= 5
    for name, table in tables:
        missing = [c for c in table.columns if c not in tl.COLUMN_LABELS]
        assert not missing, (name, missing)
        for col, labels in tl.VALUE_LABELS.items():
            if col in table.columns:
                codes = {v for v in table[col].dropna() if isinstance(v, str) and re.fullmatch(r"[a-z0-9_.]+", v)}
                assert codes <= set(labels), (name, col, sorted(codes - set(labels)))
        shown = tl.readable(table)
        assert not any("_" in c for c in shown.columns), (name, list(shown.columns))
        assert len(set(shown.columns)) == len(shown.columns)
        assert len(shown) == len(table) and list(shown.index) == list(range(len(table)))
        for col, labels in tl.VALUE_LABELS.items():
            if col in table.columns:
                assert not shown[tl.column_label(col)].isin(["vader_package", "according_to", "devtest_mt.jsonl"]).any()
    keys = [name for name, _ in _evaluation_tables()]
    assert all(k in tl.TABLE_TITLES for k in keys), keys


def test_outlet_summary_as_the_page_shows_it(by_group, groups):
    html = tl.table_html(by_group, label_of={"outlet_group": groups.label_of})
    headers = _cells(html, "th")
    assert headers[0] == "Outlet group" and "Statements scored" in headers and "Mean sentiment (-1 to 1)" in headers
    assert not any("_" in h for h in headers)
    assert "government_allies" not in html and groups.label_of("government_allies") in html
    rows = _cells(html, "tr")[1:]
    assert len(rows) == len(by_group)  # one row per group, and no index column
    first = _cells(rows[0], "td")
    assert len(first) == len(by_group.columns)
    assert first[1] == str(int(by_group.iloc[0]["n_articles"]))  # counts as integers
    assert re.fullmatch(r"-?\d\.\d{3}", first[-1])  # means with three decimals
    assert '<table class="readable">' in html and '<td class="num">' in html


def test_cells_and_labels_are_escaped_and_thresholds_kept_as_written():
    table = pd.DataFrame({"speaker": ["<script>alert(1)</script>"], "threshold": [0.3], "quote_f1": [0.9234],
                          "n_gold": [308], "type": ["according_to"]})
    html = tl.table_html(table)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert ">0.3<" in html and ">0.923<" in html and ">308<" in html and ">according to<" in html
    assert tl.column_label("speaker") == "Speaker" and tl.column_label("odd_new_column") == "Odd new column"


def test_the_quotes_table_keeps_its_labels():
    _, statements = fx.corpus()
    chosen = statements.head(3).assign(outlet="trt", date="2016-01-01", type="direct")
    html = tl.table_html(quotes_for_report(chosen))
    assert _cells(html, "th") == ["Speaker", "Statement", "Outlet", "Date", "Statement id"]
    first = re.findall(r"<td( class=\"short\")?>", html)[:5]
    assert first == ["", "", ' class="short"', ' class="short"', ""]  # outlet and date on one line


def test_the_stylesheet_fits_readable_tables_to_the_page():
    assert "table.readable{max-width:100%}" in REPORT_CSS
    assert "table.readable td.num,table.readable td.short{white-space:nowrap}" in REPORT_CSS


def test_key_figures_have_captions():
    declared = declared_parameters(config.NOTEBOOKS_DIR / "00_report.ipynb")
    for name in ast.literal_eval(declared["key_figures"].default):
        caption = tl.figure_caption(name)
        assert name in tl.FIGURE_TITLES and caption.startswith(tl.FIGURE_TITLES[name]) and f"{name}.csv" in caption
    assert tl.figure_caption("07_new_figure") == "07 new figure (its numbers: 07_new_figure.csv)"

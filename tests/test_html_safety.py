"""The report's HTML sanitiser keeps report structure and removes anything executable."""

import re

import bleach
import nbformat
import pandas as pd

from report_fixtures import fakes_articles

from quotelens.load.corpus import load_corpus
from quotelens.report.html_audit import markup_in_text, rendered_text
from quotelens.report.html_safety import ALLOWED_TAGS, clean_html, drop_style_elements
from quotelens.report.page_style import MAX_PAGE_CSS_BYTES
from quotelens.report.runner import HtmlRenderer


def test_structure_of_a_report_survives():
    seed = load_corpus("seeds").articles
    table = seed[["article_id", "title"]].to_html(index=False)
    out = clean_html("<h2 id='findings'>Findings</h2><p>text</p>" + table)
    assert "<h2 id=\"findings\">Findings</h2>" in out
    assert "<p>text</p>" in out
    assert "<thead>" in out and "<th>article_id</th>" in out
    assert "'No breakthrough, no breakdown' as Syria talks wrap up" in out.replace("&#x27;", "'").replace("&#39;", "'")


def test_executable_content_is_made_inert():
    hostile = (
        "<script>alert(1)</script>"
        "<img src=x onerror=alert(2)>"
        "<a href='javascript:alert(3)'>click</a>"
        "<a href='data:text/html,<script>alert(4)</script>'>data</a>"
        "<iframe src='https://example.org'></iframe>"
        "<div onclick='alert(5)' style='x'>d</div>"
    )
    out = clean_html(hostile).lower()
    assert "<script" not in out
    assert "<iframe" not in out
    assert "onerror" not in out and "onclick" not in out
    assert "javascript:" not in out
    assert "href" not in out
    # the script's text stays visible as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_embedded_images_keep_data_uris_only():
    png = "data:image/png;base64,iVBORw0KGgo="
    assert f'src="{png}"' in clean_html(f'<img src="{png}" alt="figure">')
    assert "src=" not in clean_html('<img src="https://example.org/track.png">')
    assert "src=" not in clean_html('<img src="data:image/svg+xml;base64,PHN2Zz4=">')


def test_rendered_notebook_shows_headings_and_table_headers_as_markup():
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("## Who is quoted\n\nSome text."))
    code = nbformat.v4.new_code_cell("df")
    html_table = pd.DataFrame({"speaker": ["Staffan de Mistura"], "n": [7]}).to_html(index=False)
    code.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": html_table}, execution_count=1)]
    nb.cells.append(code)
    page = HtmlRenderer().render(nb, title="t")
    assert "&lt;h2" not in page and "&lt;th" not in page
    assert "<th>speaker</th>" in page
    assert ">Who is quoted<" in page


# --------------------------------------------------------------------------------------------
# What a reader sees: pandas' <style scoped> element was escaped into visible CSS text


def _fakes_table() -> pd.DataFrame:
    return fakes_articles()[["article_id", "source", "title"]]


def test_pandas_table_style_is_dropped_not_shown():
    shown = _fakes_table()._repr_html_()  # what a notebook stores for a DataFrame output
    assert "<style scoped>" in shown
    out = clean_html(shown)
    assert "<style" not in out and "&lt;style" not in out and ".dataframe tbody" not in out
    assert '<table border="1" class="dataframe">' in out
    assert "<td>1914947530</td>" in out


def test_style_elements_go_whole_and_nothing_else_does():
    assert drop_style_elements('a<style>p{}</p></style>b<STYLE media="x">c</STYLE >d') == "abd"
    assert drop_style_elements("x<style>never closed <b>bold</b>") == "x"  # a browser reads it all as CSS
    assert drop_style_elements('<div title="<style>">kept</div>') == '<div title="<style>">kept</div>'
    # Cutting an element out cannot assemble a tag: the sanitiser runs on what is left.
    assert "<script" not in clean_html("<scr<style>x</style>ipt>alert(1)</script>").lower()


def _page_with_table(table_html: str) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("## Articles\n\nThe rows behind the figure, with `dict_<name>` in code."))
    code = nbformat.v4.new_code_cell("articles")
    code.outputs = [nbformat.v4.new_output("execute_result", data={"text/html": table_html, "text/plain": "articles"}, execution_count=1)]
    nb.cells.append(code)
    return HtmlRenderer().render(nb, title="t", code=False)


def test_rendered_page_shows_no_markup_as_text():
    page = _page_with_table(_fakes_table()._repr_html_())
    text = rendered_text(page)
    assert "1914947530" in text  # the table is there
    assert markup_in_text(text) == []


def test_the_markup_check_sees_escaped_css():
    """The check above can fail: the page as the old sanitiser made it (the style element
    escaped into text, bleach's handling of any tag outside its list) is caught."""
    escaped = bleach.clean(_fakes_table()._repr_html_(), tags=ALLOWED_TAGS, strip=False)
    assert "&lt;style scoped&gt;" in escaped
    found = markup_in_text(rendered_text(_page_with_table(escaped)))
    assert any("<style scoped>" in f for f in found) and any("</style>" in f for f in found)
    assert markup_in_text("a &amp;lt; b shown double-escaped") != []
    assert markup_in_text("casualties < 5 and p<0.05, a -> b") == []


def test_page_carries_one_compact_stylesheet():
    page = _page_with_table(_fakes_table()._repr_html_())
    styles = re.findall(r"<style\b[^>]*>(.*?)</style>", page, re.S)
    assert len(styles) == 1
    assert len(styles[0].encode()) <= MAX_PAGE_CSS_BYTES
    assert ".dataframe thead th{text-align:right}" in styles[0]  # pandas' rule, kept in ours

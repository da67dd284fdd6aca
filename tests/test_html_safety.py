"""The report's HTML sanitiser keeps report structure and removes anything executable."""

import nbformat
import pandas as pd

from quotelens.load.corpus import load_corpus
from quotelens.report.html_safety import clean_html
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

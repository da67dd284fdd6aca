"""Both pages of a notebook come from one sanitising pass over its outputs and markdown.

HtmlRenderer.render_pages renders the page with code and the page without from one set of
clean_html results (the filter is a pure function of its text), and must give the same bytes as
two separate `render` calls. The notebook here carries the hostile corpus's article text
(tests/data/hostile: <script>, <img onerror>, javascript: links) in a table and in markdown."""

import collections
import json
from pathlib import Path

import nbformat
import pandas as pd

from quotelens.report import render
from quotelens.report.html_audit import executable_content

HOSTILE = Path(__file__).parent / "data" / "hostile" / "articles.jsonl"


def _hostile_notebook():
    rows = [json.loads(line) for line in HOSTILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = pd.DataFrame(rows)[["id", "source", "title", "url"]]
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_markdown_cell("# Hostile articles\n\nFirst title: " + rows[0]["title"]))
    code = nbformat.v4.new_code_cell("articles")
    code.outputs = [nbformat.v4.new_output("execute_result", execution_count=1,
                                           data={"text/html": table.to_html(index=False), "text/plain": "articles"})]
    nb.cells.append(code)
    shown = nbformat.v4.new_code_cell("display(Markdown(text))")
    shown.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": rows[0]["text"], "text/plain": "text"})]
    nb.cells.append(shown)
    return nb


def test_render_pages_gives_the_bytes_of_two_renders_and_no_script():
    nb = _hostile_notebook()
    renderer = render.HtmlRenderer()
    pages = renderer.render_pages(nb, "Hostile articles")
    assert pages == (renderer.render(nb, "Hostile articles", code=True),
                     render.HtmlRenderer().render(nb, "Hostile articles", code=False))
    for page in pages:
        assert "alert(&#x27;title&#x27;)" in page or "alert('title')" in page  # the title is shown, as text
        assert executable_content(page) == []


def test_each_output_is_sanitised_once_for_both_pages(monkeypatch):
    calls: collections.Counter = collections.Counter()
    clean = render.clean_html

    def counting(text):
        calls[text] += 1
        return clean(text)

    monkeypatch.setattr(render, "clean_html", counting)
    nb = _hostile_notebook()
    render.HtmlRenderer().render_pages(nb, "Hostile articles")
    table = nb.cells[1].outputs[0]["data"]["text/html"]
    assert calls[table] == 1
    assert any("onerror" in text for text in calls)  # the markdown output went through the sanitiser
    assert max(calls.values()) == 1

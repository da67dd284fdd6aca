"""Turning executed notebooks into the report's files: cleaning what changes between runs,
rendering self-contained HTML (with and without code) and writing the index page.

Reproducibility: the executed notebook is cleaned of everything that changes between runs
(papermill's timing metadata and paths, the random id of the injected-parameters cell, widget
model ids), the HTML title is fixed, and the HTML loads nothing from the network (the stock
template fetches require.js, MathJax and mermaid from a CDN; ours drops those blocks). Every
file is written to a temporary file and renamed into place (quotelens.tables.write_text).

Size: a figure is stored in three files (NAME.ipynb, NAME.html, NAME.nocode.html), once in
each, so each page opens on its own. Its PNG is re-encoded with a palette of at most 256
colours (`compact_png`: matplotlib's charts use a few hundred colours, mostly anti-aliasing
shades; about a third of the bytes), and each page carries one ~5 KB stylesheet of our own
(quotelens.report.page_style) instead of JupyterLab's 262 KB one.
"""

from __future__ import annotations

import base64
import copy
import html
import io
import logging
from pathlib import Path
from typing import Sequence

import jinja2
import nbformat
import numpy as np
from nbconvert import HTMLExporter
from PIL import Image
from traitlets.config import Config

from quotelens import config as qconfig
from quotelens.report.html_safety import clean_html
from quotelens.report.page_style import REPORT_CSS
from quotelens.stages import INDEX_ORDER
from quotelens.tables import write_text

# Fixed ids for the cells papermill adds (it gives them random ids).
INJECTED_CELL_ID = "injected-parameters"
ERROR_CELL_IDS = ("papermill-error-cell", "papermill-error-anchor")
WIDGET_VIEW_MIME = "application/vnd.jupyter.widget-view+json"
PNG_MIME = "image/png"
#: Most colours a figure keeps when re-encoded (a PNG palette holds 256).
PNG_PALETTE_COLOURS = 256

# nbconvert's lab template without the blocks that load require.js, MathJax, mermaid and the
# widget manager from a CDN: the report must open offline and request nothing. (Markdown maths
# therefore shows as its TeX source.) JupyterLab's stylesheet is replaced by ours, passed in
# the resources as `report_css`.
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block notebook_css -%}
<style type="text/css">
{{ resources.report_css }}</style>
{%- endblock notebook_css -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""
_OFFLINE_TEMPLATE_NAME = "quotelens_offline.html.j2"


def clean_executed(nb):
    """Remove what changes from run to run in an executed notebook (in place; returns it).

    Drops papermill's timings and paths (keeping the parameters and whether it failed), per-cell
    timing metadata, widget views and state (their model ids are random; the text fallback
    stays), and gives the cells papermill adds fixed ids. PNG outputs are re-encoded by
    `compact_png`."""
    pm_meta = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {
        "exception": bool(pm_meta.get("exception")),
        "parameters": pm_meta.get("parameters", {}),
    }
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell["outputs"] = coalesce_streams(cell.get("outputs", []))
        meta = cell.setdefault("metadata", {})
        meta.pop("papermill", None)
        meta.pop("execution", None)
        tags = meta.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = INJECTED_CELL_ID
        elif "papermill-error-cell-tag" in tags:
            # Two new markdown cells: a message at the top and an anchor before the failing cell.
            is_anchor = 'id="papermill-error-cell"' in cell.source
            cell["id"] = ERROR_CELL_IDS[1] if is_anchor else ERROR_CELL_IDS[0]
        if cell.get("cell_type") == "code":
            kept = []
            for output in cell.get("outputs", []):
                data = output.get("data")
                if data is not None and WIDGET_VIEW_MIME in data:
                    data.pop(WIDGET_VIEW_MIME)
                    if not data:
                        continue
                if data is not None and isinstance(data.get(PNG_MIME), str):
                    data[PNG_MIME] = compact_png_base64(data[PNG_MIME])
                kept.append(output)
            cell["outputs"] = kept
    return nb


def coalesce_streams(outputs: list) -> list:
    """Merge consecutive stdout (or stderr) outputs into one.

    The kernel flushes printed text in chunks whose boundaries depend on timing (`print`
    writes the text and the newline separately), so the same output arrives split differently
    from run to run; merged, it is the same text every time, as a frontend shows it."""
    merged: list = []
    for output in outputs:
        prev = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and prev is not None
            and prev.get("output_type") == "stream"
            and prev.get("name") == output.get("name")
        ):
            prev["text"] = prev["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def compact_png(png: bytes) -> bytes:
    """`png` re-encoded as a palette PNG of at most PNG_PALETTE_COLOURS colours (no dithering,
    maximum compression); `png` itself when that is not smaller, when it is not an opaque
    RGB(A) PNG, or when it cannot be read.

    A figure with at most 256 colours keeps every pixel exactly. One with more (anti-aliased
    edges, overlapping transparent markers) is grouped into 256 colour cells by Pillow's
    octree quantiser, and each cell is drawn in its most frequent colour, not the cells'
    average: the white background, axes and data colours stay exact and only rare shades
    move to a neighbour. Same input, same bytes: the quantiser is deterministic, ties are
    broken by colour value, and no text chunk is written."""
    try:
        image = Image.open(io.BytesIO(png))
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError):
        return png
    if image.format != "PNG" or image.mode not in ("RGB", "RGBA"):
        return png
    if image.mode == "RGBA":
        if image.getchannel("A").getextrema() != (255, 255):
            return png  # real transparency: a palette would need its alpha too
        image = image.convert("RGB")  # matplotlib's opaque figures carry a constant alpha
    pixels = np.asarray(image, dtype=np.uint32)
    packed = ((pixels[..., 0] << 16) | (pixels[..., 1] << 8) | pixels[..., 2]).ravel()
    colours, inverse = np.unique(packed, return_inverse=True)
    if len(colours) <= PNG_PALETTE_COLOURS:
        cells, palette = inverse.astype(np.uint8), colours
    else:
        octree = image.quantize(PNG_PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        cell_of_pixel = np.asarray(octree, dtype=np.uint32).ravel()
        # The most frequent colour of each cell: count (cell, colour) pairs, then keep per
        # cell the pair with the highest count (the lowest colour value on a tie).
        pairs, counts = np.unique((cell_of_pixel << 24) | packed, return_counts=True)
        cell, colour = pairs >> 24, pairs & 0xFFFFFF
        order = np.lexsort((colour, -counts, cell))
        first = order[np.r_[True, cell[order][1:] != cell[order][:-1]]]
        palette = np.zeros(int(cell.max()) + 1, dtype=np.uint32)
        palette[cell[first]] = colour[first]
        cells = cell_of_pixel.astype(np.uint8)
    rgb = np.stack([(palette >> 16) & 255, (palette >> 8) & 255, palette & 255], axis=1).astype(np.uint8)
    paletted = Image.fromarray(cells.reshape(image.height, image.width))  # mode L ...
    paletted.putpalette(rgb.ravel().tolist())  # ... becomes P
    out = io.BytesIO()
    paletted.save(out, format="PNG", optimize=True)
    smaller = out.getvalue()
    return smaller if len(smaller) < len(png) else png


def compact_png_base64(data: str) -> str:
    """`compact_png` on a base64 string (as notebooks store images), returned in base64."""
    try:
        raw = base64.b64decode(data, validate=False)
    except ValueError:
        return data
    smaller = compact_png(raw)
    return data if smaller is raw else base64.b64encode(smaller).decode("ascii")


def notebook_heading(nb) -> str | None:
    """The text of the first markdown heading in a notebook, or None."""
    for cell in nb.cells:
        if cell.get("cell_type") != "markdown":
            continue
        for line in cell.source.splitlines():
            stripped = line.strip()
            if stripped.startswith("#"):
                text = stripped.lstrip("#").strip()
                if text:
                    return text
    return None


class HtmlRenderer:
    """Renders executed notebooks to self-contained HTML, with or without code."""

    def __init__(self) -> None:
        # clean_html's results for the notebook being rendered (input text -> cleaned text).
        # Both pages of a notebook sanitise the same outputs and markdown; clean_html is a pure
        # function of its text, so the second page reuses the first's results. Emptied after
        # each notebook so it never holds more than one notebook's outputs.
        self._cleaned: dict[str, str] = {}
        # Same logger name as before the split, so anyone silencing it keeps doing so.
        quiet = logging.getLogger("quotelens.report.runner.nbconvert")
        quiet.setLevel(logging.ERROR)  # "alternative text missing" warnings are not for the terminal
        loader = jinja2.DictLoader({_OFFLINE_TEMPLATE_NAME: _OFFLINE_TEMPLATE})
        common = dict(
            template_name="lab",
            template_file=_OFFLINE_TEMPLATE_NAME,
            extra_loaders=[loader],
            embed_images=True,  # markdown images become data URIs
            sanitize_html=True,  # article text is untrusted: no script in shared HTML
            filters={"clean_html": self._clean_html_once},  # nbconvert's own escapes headings and <th>
            log=quiet,
            # The pygments stylesheet reads JupyterLab's colour variables, which our pages do
            # not carry; page_style colours the code itself.
            config=Config({"CSSHTMLHeaderPreprocessor": {"enabled": False}}),
        )
        self.full = HTMLExporter(**common)
        self.nocode = HTMLExporter(exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True, **common)

    def _clean_html_once(self, element) -> str:
        """clean_html, computed once per distinct text of the notebook being rendered."""
        text = element.decode() if isinstance(element, bytes) else str(element)
        cleaned = self._cleaned.get(text)
        if cleaned is None:
            cleaned = self._cleaned[text] = clean_html(text)
        return cleaned

    def _export(self, nb, title: str, code: bool) -> str:
        exporter = self.full if code else self.nocode
        resources = {"metadata": {"name": title, "path": str(qconfig.PROJ_ROOT)}, "report_css": REPORT_CSS}
        body, _ = exporter.from_notebook_node(copy.deepcopy(nb), resources=resources)
        return body

    def render(self, nb, title: str, code: bool = True) -> str:
        """The notebook as one HTML page titled `title`."""
        self._cleaned.clear()
        try:
            return self._export(nb, title, code)
        finally:
            self._cleaned.clear()

    def render_pages(self, nb, title: str) -> tuple[str, str]:
        """The notebook's two pages titled `title`: (with code, without code), the same bytes
        as two `render` calls. Each output and markdown cell is sanitised once for both."""
        self._cleaned.clear()
        try:
            return self._export(nb, title, True), self._export(nb, title, False)
        finally:
            self._cleaned.clear()


def render_index(entries: list[tuple[str, str, bool]], config_name: str) -> str:
    """reports/index.html: one line per (notebook name, description, failed) entry."""
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>quotelens report ({html.escape(config_name)})</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.5}"
        "li{margin:.4em 0}.name{font-family:monospace}.failed{color:#b00020;font-weight:bold}"
        ".alt{font-size:90%;color:#555}</style>",
        "</head>",
        "<body>",
        f"<h1>quotelens report</h1>",
        f"<p>Parameter set: <code>{html.escape(config_name)}</code>. Each notebook is shown without its code; "
        "the version with code and the executed notebook are linked beside it.</p>",
        "<ul>",
    ]
    for name, description, failed in entries:
        esc = html.escape(name)
        flag = ' <span class="failed">(failed)</span>' if failed else ""
        lines.append(
            f'<li><a class="name" href="{esc}.nocode.html">{esc}</a> {html.escape(description)}{flag} '
            f'<span class="alt">[<a href="{esc}.html">with code</a> · <a href="{esc}.ipynb">notebook</a>]</span></li>'
        )
    lines += ["</ul>", "</body>", "</html>", ""]
    return "\n".join(lines)


def write_index(reports_dir: Path, names: Sequence[str], config_name: str) -> Path:
    """Write reports_dir/index.html listing those of `names` that have an executed notebook."""
    entries = []
    for name in sorted(names, key=INDEX_ORDER.index):
        executed = reports_dir / f"{name}.ipynb"
        if not executed.is_file():
            continue
        nb = nbformat.read(str(executed), as_version=4)
        failed = bool(nb.metadata.get("papermill", {}).get("exception"))
        entries.append((name, notebook_heading(nb) or name, failed))
    return write_text(reports_dir / "index.html", render_index(entries, config_name))


def save_executed(nb, name: str, reports_dir: Path, renderer: HtmlRenderer) -> None:
    """Clean the executed notebook `nb` and write it, with its two HTML pages, into
    `reports_dir` as NAME.ipynb, NAME.html and NAME.nocode.html."""
    clean_executed(nb)
    text = nbformat.writes(nb)
    if not text.endswith("\n"):
        text += "\n"
    title = notebook_heading(nb) or name
    write_text(reports_dir / f"{name}.ipynb", text)
    page, nocode_page = renderer.render_pages(nb, title)
    write_text(reports_dir / f"{name}.html", page)
    write_text(reports_dir / f"{name}.nocode.html", nocode_page)

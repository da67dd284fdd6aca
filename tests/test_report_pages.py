"""Report pages stay small: figures re-encoded with a palette (quotelens.report.render.compact_png),
each embedded once per page. The whole chain's pages are checked in tests/test_end_to_end.py."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from PIL import Image  # noqa: E402

from quotelens.config import FAKES_CSV  # noqa: E402
from quotelens.report.render import HtmlRenderer, clean_executed, compact_png  # noqa: E402


def _fakes_figure_png(dpi: int = 100) -> bytes:
    """A bar chart of FA-KES articles per source, as matplotlib writes it (RGBA PNG)."""
    counts = pd.read_csv(FAKES_CSV)["source"].value_counts().sort_index()
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.barh(counts.index, counts.to_numpy(), color="#4c72b0")
    ax.plot(counts.to_numpy(), np.arange(len(counts)), "o", alpha=0.4, color="tab:orange")  # blended shades
    ax.set_xlabel("articles (count)")
    ax.set_title(f"FA-KES articles per source (n = {int(counts.sum())})")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def test_compact_png_is_smaller_deterministic_and_close_to_the_original():
    png = _fakes_figure_png()
    small = compact_png(png)
    assert small == compact_png(png)  # same bytes every time
    assert len(small) < 0.6 * len(png)
    before = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"), dtype=int)
    after_image = Image.open(io.BytesIO(small))
    assert after_image.mode == "P" and after_image.size == Image.open(io.BytesIO(png)).size
    after = np.asarray(after_image.convert("RGB"), dtype=int)
    difference = np.abs(before - after).max(axis=2)
    assert (difference == 0).mean() > 0.95  # nearly every pixel is exactly the same
    assert np.percentile(difference, 99.9) <= 24  # and the rest are close shades


def test_compact_png_keeps_a_few_colours_exactly_and_leaves_other_data_alone():
    image = Image.new("RGBA", (40, 20), (255, 255, 255, 255))
    image.paste((31, 119, 180, 255), (5, 5, 20, 15))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    small = compact_png(buf.getvalue())
    assert np.array_equal(np.asarray(Image.open(io.BytesIO(small)).convert("RGBA")), np.asarray(image))
    assert compact_png(small) == small  # already a palette: unchanged
    assert compact_png(b"not a png") == b"not a png"


def test_executed_notebook_and_pages_share_one_compact_figure():
    png = _fakes_figure_png()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("fig")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": base64.b64encode(png).decode(), "text/plain": "<Figure>"})]
    nb.cells.append(cell)
    clean_executed(nb)
    stored = nb.cells[0].outputs[0]["data"]["image/png"]
    assert base64.b64decode(stored) == compact_png(png)
    renderer = HtmlRenderer()
    for code in (True, False):
        page = renderer.render(nb, "figure", code=code)
        assert page.count("data:image/png;base64,") == 1
        assert page.count(stored) == 1

"""Saving figures reproducibly: each PNG beside the CSV of exactly the data it plots."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.category import StrCategoryFormatter
from matplotlib.text import Text
from matplotlib.ticker import FixedFormatter, FuncFormatter

from quotelens.tables import write_bytes, write_table

# Fixed metadata so a rerun writes byte-identical PNGs.
PNG_METADATA = {"Software": None}
DPI = 120
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
# Formatters whose tick labels are strings from the data (escaped by literal_text).
_LABEL_FORMATTERS = (FixedFormatter, FuncFormatter, StrCategoryFormatter)


def save_figure(fig, data: pd.DataFrame, name: str, figures_dir: str | os.PathLike) -> Path:
    """Write `fig` as figures_dir/name.png and `data` (the plotted numbers) as name.csv.

    Refuses to save a figure whose data is empty, so no blank chart is ever shipped as a
    result. Returns the PNG path."""
    if data is None or len(data) == 0:
        raise ValueError(f"figure {name!r}: no data to plot; nothing saved")
    figures_dir = Path(figures_dir)
    buf = io.BytesIO()
    literal_text(fig)
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata=PNG_METADATA)
    png = write_bytes(figures_dir / f"{name}.png", buf.getvalue())
    write_table(data, figures_dir / f"{name}.csv")
    return png


def escape_dollars(label: str) -> str:
    """`label` with every "$" not yet escaped written as "\\$", which matplotlib shows as a
    plain dollar sign instead of starting mathtext."""
    return _UNESCAPED_DOLLAR.sub(r"\\$", label)


def literal_text(fig) -> None:
    """Show every text of `fig` as written, never as maths (in place).

    Labels come from articles (speaker names, quotes, outlets). Matplotlib reads text between
    two "$" as mathtext: "paid $5 to $10" lost its dollars and turned italic, and a name like
    "$\\frac{$" raised ValueError while drawing, failing the notebook. Existing texts are
    escaped, and so are the tick labels that string formatters (fixed lists, categories,
    functions) produce while drawing; numeric formatters are left alone."""
    for text in fig.findobj(Text):
        label = text.get_text()
        if "$" in label:
            text.set_text(escape_dollars(label))
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for formatter in (axis.get_major_formatter(), axis.get_minor_formatter()):
                if isinstance(formatter, _LABEL_FORMATTERS) and not getattr(formatter, "_dollars_escaped", False):
                    original = formatter.format_ticks
                    formatter.format_ticks = lambda values, _f=original: [escape_dollars(str(v)) for v in _f(values)]
                    formatter._dollars_escaped = True


def close(fig) -> None:
    """Release a figure's memory (long notebooks make many)."""
    plt.close(fig)

"""Saving figures reproducibly: each PNG beside the CSV of exactly the data it plots."""

from __future__ import annotations

import io
import os
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from quotelens.tables import write_bytes, write_table

# Fixed metadata so a rerun writes byte-identical PNGs.
PNG_METADATA = {"Software": None}
DPI = 120


def save_figure(fig, data: pd.DataFrame, name: str, figures_dir: str | os.PathLike) -> Path:
    """Write `fig` as figures_dir/name.png and `data` (the plotted numbers) as name.csv.

    Refuses to save a figure whose data is empty, so no blank chart is ever shipped as a
    result. Returns the PNG path."""
    if data is None or len(data) == 0:
        raise ValueError(f"figure {name!r}: no data to plot; nothing saved")
    figures_dir = Path(figures_dir)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata=PNG_METADATA)
    png = write_bytes(figures_dir / f"{name}.png", buf.getvalue())
    write_table(data, figures_dir / f"{name}.csv")
    return png


def close(fig) -> None:
    """Release a figure's memory (long notebooks make many)."""
    plt.close(fig)

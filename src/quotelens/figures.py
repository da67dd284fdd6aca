"""Saving figures reproducibly: each PNG beside the CSV of exactly the data it plots.

Also what every plotting module needs for text that comes from data (speaker and outlet names,
terms, quotes): `data_label` shows it as written (never as mathtext) and short enough that a
figure keeps a bounded size; `layout` escapes a figure's texts before laying it out; `slug` and
the names `save_figure` writes are bounded, unique and deterministic; `remove_unwritten_figures`
clears the figures a notebook owns but did not write in its run, so a figure it skips is never
left behind.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.category import StrCategoryFormatter
from matplotlib.text import Text
from matplotlib.ticker import FixedFormatter, FuncFormatter

from quotelens import stages
from quotelens.report.column_labels import LEGEND_LABELS
from quotelens.tables import write_bytes, write_table

# Fixed metadata so a rerun writes byte-identical PNGs.
PNG_METADATA = {"Software": None}
DPI = 120
#: Longest label drawn from data, in characters: longer ones end with an ellipsis. 60 characters
#: hold any real person's or outlet's name; an 80-word name or a 60,000-character word would
#: otherwise widen a figure to hundreds of thousands of pixels.
MAX_LABEL_CHARS = 60
#: Longest figure file name (without .png/.csv), in UTF-8 bytes. File systems allow 255 bytes,
#: and the temporary file a write goes through adds about 40 to the name.
MAX_NAME_BYTES = 120
#: Longest `slug` of a data value inside a figure name, in characters.
SLUG_CHARS = 40
#: Hexadecimal digits of the SHA-1 that keeps shortened names apart.
_HASH_CHARS = 8
#: Suffixes of the two files of a figure (see save_figure).
FIGURE_SUFFIXES = (".png", ".csv")
_UNESCAPED_DOLLAR = re.compile(r"(?<!\\)\$")
# Formatters whose tick labels are strings from the data (escaped by literal_text).
_LABEL_FORMATTERS = (FixedFormatter, FuncFormatter, StrCategoryFormatter)


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:_HASH_CHARS]


def figure_name(name: str) -> str:
    """The file name (without suffix) `save_figure` gives figure `name`: `name` itself when it
    fits MAX_NAME_BYTES, else its start and "_" plus 8 hex digits of its SHA-1, so that two long
    names stay apart and the same name always gets the same file. ValueError for an empty name,
    a path separator or a NUL (a name is not a path)."""
    if not name or name in (".", "..") or any(c in name for c in "/\\\0"):
        raise ValueError(f"figure name {name!r}: not a file name (empty, or holds a path separator or NUL)")
    raw = name.encode("utf-8")
    if len(raw) <= MAX_NAME_BYTES:
        return name
    head = raw[: MAX_NAME_BYTES - _HASH_CHARS - 1].decode("utf-8", errors="ignore").rstrip("_")
    return f"{head}_{_digest(name)}"


def slug(value, max_chars: int = SLUG_CHARS) -> str:
    """A file-name-safe, lower-case form of a data value for figure names ("Bashar al-Assad" ->
    "bashar_al_assad"), at most `max_chars` characters: a longer one keeps its start and ends
    with "_" and 8 hex digits of the value's SHA-1, so that two long names that share their start
    (two 80-word speakers) get two names, and the same value always the same one."""
    text = str(value)
    out = re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_") or "group"
    if len(out) <= max_chars:
        return out
    return f"{out[: max_chars - _HASH_CHARS - 1].rstrip('_')}_{_digest(text)}"


def save_figure(fig, data: pd.DataFrame, name: str, figures_dir: str | os.PathLike) -> Path:
    """Write `fig` as figures_dir/NAME.png and `data` (the plotted numbers) as NAME.csv, where
    NAME is `figure_name(name)` (`name` itself unless it is longer than MAX_NAME_BYTES).

    Refuses to save a figure whose data is empty, so no blank chart is ever shipped as a
    result. Returns the PNG path."""
    stem = figure_name(name)
    if data is None or len(data) == 0:
        raise ValueError(f"figure {name!r}: no data to plot; nothing saved")
    figures_dir = Path(figures_dir)
    buf = io.BytesIO()
    readable_legends(fig)
    literal_text(fig)
    fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight", metadata=PNG_METADATA)
    png = write_bytes(figures_dir / f"{stem}.png", buf.getvalue())
    write_table(data, figures_dir / f"{stem}.csv")
    return png


def data_label(value, max_chars: int = MAX_LABEL_CHARS) -> str:
    """`value` as a label for a figure: as text (None -> "None"), white space folded to single
    spaces, at most `max_chars` characters (a longer one is cut and ends with an ellipsis), and
    every "$" escaped so matplotlib shows it instead of reading mathtext. Every plotting module
    passes names, terms and quotes from the data through this before drawing."""
    text = " ".join(str(value).split())
    if len(text) > max_chars:
        text = text[: max(max_chars - 1, 0)] + "\u2026"
    return escape_dollars(text)


def data_title(text: str, width: int = 90, max_lines: int = 3) -> str:
    """A title holding data (names, terms): wrapped at `width` characters, at most `max_lines`
    lines (the last ends with an ellipsis when text was left out), "$" escaped."""
    lines = textwrap.wrap(" ".join(str(text).split()), width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "\u2026"
    return escape_dollars("\n".join(lines))


def layout(fig) -> None:
    """`fig.tight_layout()` with every text already escaped (see literal_text): laying a figure
    out draws its texts, and an unescaped label such as "$\\frac{$" raises while being drawn."""
    literal_text(fig)
    fig.tight_layout()


def stage_figures(stage_key: str, figures_dir: str | os.PathLike) -> dict[Path, tuple[int, int]]:
    """The figure files in `figures_dir` that stage `stage_key` owns, each with its (inode,
    modification time in ns): PNG and CSV files whose name starts with the stage's notebook
    number (quotelens.stages: Stage.figure_prefix). Empty for a stage that saves no figures."""
    stage = stages.stage(stage_key)
    folder = Path(figures_dir)
    if not stage.figures or not folder.is_dir():
        return {}
    owned = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(stage.figure_prefix) and path.suffix in FIGURE_SUFFIXES and path.is_file():
            info = path.stat()
            owned[path] = (info.st_ino, info.st_mtime_ns)
    return owned


def remove_unwritten_figures(stage_key: str, figures_dir: str | os.PathLike,
                             before: dict[Path, tuple[int, int]]) -> list[Path]:
    """Delete the figures of stage `stage_key` that its notebook did not write: those still
    exactly as in `before`, the `stage_figures` taken before the notebook ran (save_figure
    writes a new file and renames it into place, so a figure written again, even with the same
    bytes, is a new file). Then the stage's figures in the folder are the ones its last run
    wrote, and a figure that run skipped (too little data) is absent rather than left from
    other data. Returns the removed paths."""
    removed = [path for path, stamp in stage_figures(stage_key, figures_dir).items() if before.get(path) == stamp]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


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


def readable_legends(fig) -> None:
    """Legends of codes in words (in place): a legend whose title is a key of
    report.column_labels.LEGEND_LABELS ("type", "form", "method") gets that title in words and
    its entries' codes replaced ("according_to" -> "according to", "vader" -> "VADER (NLTK)").
    Legends of names (speakers, outlets) have other titles or none and are left as they are."""
    legends = [ax.get_legend() for ax in fig.axes] + list(getattr(fig, "legends", []))
    for legend in legends:
        if legend is None:
            continue
        title = legend.get_title()
        words = LEGEND_LABELS.get(title.get_text())
        if words is None:
            continue
        title.set_text(words[0])
        for text in legend.get_texts():
            text.set_text(words[1].get(text.get_text(), text.get_text()))


def close(fig) -> None:
    """Release a figure's memory (long notebooks make many)."""
    plt.close(fig)

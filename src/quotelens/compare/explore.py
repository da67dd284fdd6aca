"""The statement explorer of notebook 06_explore: filter functions (tested, usable without
widgets) and an ipywidgets front end in which the filters drive a table and a chart.

The widgets are built only when asked (`Explorer(...)`); the notebook builds them when its
`interactive` parameter is true, so a headless papermill run stays free of widget state and its
HTML stays deterministic.
"""

from __future__ import annotations

from typing import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from quotelens.compare.comparisons import (
    UNKNOWN_SOURCE,
    add_sentiment_summary,
    statements_behind,
    top_speakers,
)
from quotelens.figure_labels import wrapped_label

TABLE_COLUMNS = ["article_id", "source", "date", "speaker", "type", "quote"]


def _as_list(values) -> list:
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return list(values)


def filter_statements(
    ctx: pd.DataFrame,
    actors: Iterable[str] | str | None = None,
    outlets: Iterable[str] | str | None = None,
    groups: Iterable[str] | str | None = None,
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    search: str = "",
    types: Iterable[str] | str | None = None,
) -> pd.DataFrame:
    """The statements of `ctx` (from comparisons.statements_in_context) that pass every filter.

    Empty filters pass everything. `actors`, `outlets` (source values; UNKNOWN_SOURCE selects
    articles without one), `groups` (outlet group ids) and `types` keep rows whose value is in
    the list. `start` / `end` are inclusive dates (a month "YYYY-MM" means its first / last
    day); when either is given, undated statements are dropped. `search` keeps statements whose
    quote or speaker contains the text, case-insensitively, read literally (no regex). Row
    order is that of ctx."""
    mask = pd.Series(True, index=ctx.index)
    if _as_list(actors):
        mask &= ctx["speaker"].isin(_as_list(actors))
    if _as_list(outlets):
        mask &= ctx["source"].fillna(UNKNOWN_SOURCE).isin(_as_list(outlets))
    if _as_list(groups):
        mask &= ctx["outlet_group"].isin(_as_list(groups))
    if _as_list(types):
        mask &= ctx["type"].isin(_as_list(types))
    if start is not None or end is not None:
        dates = pd.to_datetime(ctx["date"], errors="coerce")
        mask &= dates.notna()
        if start is not None:
            mask &= dates >= _day(start, first=True)
        if end is not None:
            mask &= dates <= _day(end, first=False)
    text = (search or "").strip().lower()
    if text:
        haystack = ctx["quote"].fillna("").str.lower() + "\n" + ctx["speaker"].fillna("").str.lower()
        mask &= haystack.str.contains(text, regex=False)
    return ctx[mask]


def _day(value, first: bool) -> pd.Timestamp:
    """A date bound: "YYYY-MM" is the month's first (or last) day; anything else parses as a date."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        month = pd.Period(value, freq="M")
        return month.start_time.normalize() if first else month.end_time.normalize()
    day = pd.Timestamp(value)
    return day if first else day.normalize() + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1)


def summarise_selection(selected: pd.DataFrame, top_k: int = 10) -> pd.DataFrame:
    """What the chart shows for a selection: per speaker (the top_k of the selection) the
    number of statements and, when scored, their mean sentiment ([-1, 1]) with n_scored."""
    if selected.empty:
        return pd.DataFrame(columns=["speaker", "n_statements", "n_scored", "mean_sentiment"])
    keep = top_speakers(selected, top_k)
    rows = selected[selected["speaker"].isin(keep)]
    g = rows.groupby("speaker")
    out = g.size().rename("n_statements").to_frame()
    add_sentiment_summary(out, g, "sentiment" in rows.columns)
    out = out.reindex(keep).reset_index()
    return out


def plot_selection(summary: pd.DataFrame, title: str):
    """Horizontal bars: statements per speaker in the selection (count), each bar labelled with
    its mean sentiment (-1 to 1) and n_scored when scored. Returns the figure."""
    if summary.empty:
        raise ValueError("empty selection: nothing to plot")
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(summary) + 1.5))
    colours = [
        plt.get_cmap("RdBu")((m + 1) / 2) if not np.isnan(m) else "#bdbdbd" for m in summary["mean_sentiment"].astype(float)
    ]
    # positions, not a categorical axis: two speakers whose shortened names agree stay two bars
    y = np.arange(len(summary))
    ax.barh(y, summary["n_statements"], color=colours, edgecolor="#636363")
    ax.set_yticks(y, [wrapped_label(s, width=30) for s in summary["speaker"]])
    for i, row in enumerate(summary.itertuples(index=False)):
        note = f" mean {row.mean_sentiment:+.2f} (n={int(row.n_scored)})" if row.n_scored else ""
        ax.text(row.n_statements, i, note, va="center", fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("statements in the selection (count)")
    ax.set_title(title)
    ax.margins(x=0.3)
    return fig


def selection_title(selected: pd.DataFrame, total: int) -> str:
    """A chart title stating the size of the selection: "n of N statements, k speakers"."""
    return f"Selected: {len(selected)} of {total} statements, {selected['speaker'].nunique()} speakers"


class Explorer:
    """Widgets to pick actors, outlets and a month range and to search the statements; every
    change re-filters and redraws the table and the chart (linked views).

    Use in JupyterLab: `Explorer(ctx).widget` displayed in a cell. `filtered` holds the current
    selection, so the same object can be driven from code (and tested)."""

    def __init__(self, ctx: pd.DataFrame, top_k: int = 10, rows: int = 20):
        import ipywidgets as w

        self.ctx = ctx
        self.top_k = top_k
        self.rows = rows
        counts = ctx.groupby("speaker").size()
        actor_options = [f"{s} ({counts[s]})" for s in top_speakers(ctx, len(counts))]
        self._actor_of = {label: label.rsplit(" (", 1)[0] for label in actor_options}
        outlets = sorted(ctx["source"].fillna(UNKNOWN_SOURCE).unique())
        months = sorted(m for m in ctx["month"].dropna().unique())
        self.actors = w.SelectMultiple(options=actor_options, description="actors", rows=8, layout=w.Layout(width="420px"))
        self.outlets = w.SelectMultiple(options=outlets, description="outlets", rows=8, layout=w.Layout(width="260px"))
        if len(months) >= 2:
            self.months = w.SelectionRangeSlider(
                options=months, index=(0, len(months) - 1), description="months",
                layout=w.Layout(width="420px"), style={"description_width": "initial"},
            )
        else:
            self.months = None
        self.search = w.Text(description="search", placeholder="words in the quote or the speaker's name", layout=w.Layout(width="420px"))
        self.count = w.HTML()
        self.table = w.Output()
        self.chart = w.Output()
        for control in (self.actors, self.outlets, self.months, self.search):
            if control is not None:
                control.observe(self._changed, names="value")
        controls = [self.actors, self.outlets] + ([self.months] if self.months is not None else [])
        self.widget = w.VBox([w.HBox(controls), self.search, self.count, w.HBox([self.chart]), self.table])
        self.filtered = ctx
        self.update()

    def selection(self) -> dict:
        """The current filter values, as keyword arguments of filter_statements."""
        start = end = None
        if self.months is not None and self.months.index != (0, len(self.months.options) - 1):
            start, end = self.months.value
        return {
            "actors": [self._actor_of[a] for a in self.actors.value],
            "outlets": list(self.outlets.value),
            "start": start,
            "end": end,
            "search": self.search.value,
        }

    def _changed(self, _change) -> None:
        self.update()

    def update(self) -> None:
        """Re-filter and redraw the table and the chart."""
        from IPython.display import clear_output, display

        self.filtered = filter_statements(self.ctx, **self.selection())
        self.count.value = f"<b>{len(self.filtered)}</b> of {len(self.ctx)} statements selected"
        with self.table:
            clear_output(wait=True)
            display(statements_behind(self.filtered, limit=self.rows))
        with self.chart:
            clear_output(wait=True)
            summary = summarise_selection(self.filtered, self.top_k)
            if summary.empty:
                print("No statement matches these filters.")
            else:
                fig = plot_selection(summary, selection_title(self.filtered, len(self.ctx)))
                display(fig)
                plt.close(fig)

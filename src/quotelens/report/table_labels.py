"""The tables of every report page in readable form: column names and coded values as a reader
of the report would say them ("Statements scored" for `n_scored`, "reported speech" for
`indirect`; the labels are data in report.column_labels), numbers rounded for reading, no index,
every cell escaped, laid out to fit the page width, long tables shortened by a stated rule
(`shown_table`, which the notebooks call for every table they display).

A column without a label is still shown, with its underscores turned into spaces (and
tests/test_report_tables.py fails). The tables keep their internal names everywhere else (CSV
files, Parquet tables, the notebooks' code), where code reads them.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Callable, Mapping

import pandas as pd

from quotelens import config
from quotelens.report.column_labels import (COLUMN_DECIMALS, COLUMN_LABELS, RULE_PASS_LABELS, RULE_SPEAKER_FAMILIES,
                                            RULE_SPEAKER_LABELS, VALUE_LABELS)

#: Evaluation table key (findings.evaluation_tables) -> title.
TABLE_TITLES: dict[str, str] = {
    "full.metrics": "All gold articles; speakers compared as written",
    "full_registry.metrics": "All gold articles; speakers compared through the actor registry",
    "seed.metrics": "The seed article; speakers compared as written",
    "seed_registry.metrics": "The seed article; speakers compared through the actor registry",
    "results": "Sentiment of sentences and targets against NewsMTSC's labels",
    "target_results": "Sentiment towards each target against NewsMTSC's labels",
    "ratings": "Correlation with human ratings outside news (Hutto and Gilbert 2014)",
    "table": "Summary by method",
}

#: Figure name (as `key_figures` lists it) -> the caption 00_report shows above it.
FIGURE_TITLES: dict[str, str] = {
    "02_statements_by_actor": "Statements per speaker, by form (unnamed sources marked)",
    "03_sentiment_actor_means": "Mean sentiment of each named actor's statements, unnamed sources pooled, with 95% intervals",
    "04_keywords_top_terms": "The terms that set each actor's statements apart",
    "05_comparisons_actor_mix_by_group": "Who gets quoted in each outlet group",
    "05_comparisons_cooccurrence_network": "Named actors quoted in the same article",
    "05_comparisons_sentiment_cells_outlet_group": "Mean sentiment by outlet group, masked and unmasked, with 95% intervals",
    "05_comparisons_group_timeline": "Mean sentiment per month and outlet group, with 95% intervals",
}


def figure_caption(name: str) -> str:
    """The caption of figure `name` on 00_report: its FIGURE_TITLES title (else the name made
    readable), and the file that holds its plotted numbers."""
    title = FIGURE_TITLES.get(name) or column_label(name)
    return f"{title} (its numbers: {name}.csv)"


#: Intermediate counts of the statement evaluation (which gold and found statements matched),
#: left out of the report's appendix: the scores and their n stay, the counts are in the file.
EVALUATION_DETAIL_COLUMNS = ("matched_gold", "matched_pred", "correct_gold", "correct_pred")

#: Columns shown with their own number format: the overlap threshold as written (0.3, 0.8).
_PLAIN_NUMBER_COLUMNS = {"threshold"}


def _is_number(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


#: Text columns whose values are at most this long (characters: a date, an outlet's name) are
#: never broken across lines.
SHORT_TEXT_CHARS = 12


def _longest(column: pd.Series) -> int:
    return int(column.astype(str).str.len().max()) if len(column) else 0


_SHORT = ' class="short"'  # a short text column: kept on one line (page_style)
_NUM = ' class="num"'  # a number column: right-aligned, never broken (page_style)


def rule_label(code: object) -> object:
    """A statement's `rule` code ("reported_backward+pronoun:last_speaker") as words: "reported
    speech, speaker after the words; speaker: a pronoun, taken as the last speaker". A rule
    without a speaker part (the statement continues an earlier one's speaker) gives the layout
    alone; parts not in column_labels' lists are shown with spaces for underscores; a non-text
    value as it is."""
    if not isinstance(code, str) or not code:
        return code
    layout, _, how = code.partition("+")
    words = RULE_PASS_LABELS.get(layout) or layout.replace("_", " ")
    return f"{words}; speaker: {_speaker_rule_label(how)}" if how else words


def _speaker_rule_label(how: str) -> str:
    """The speaker part of a rule in words: RULE_SPEAKER_LABELS, else the family of a code
    column_labels does not list yet ("role:described_organisation" -> "a role noun or
    description, taken as described organisation"), never an underscore."""
    if how in RULE_SPEAKER_LABELS:
        return RULE_SPEAKER_LABELS[how]
    family, _, detail = how.partition(":")
    start = RULE_SPEAKER_FAMILIES.get(family, family.replace("_", " "))
    return f"{start}, taken as {detail.replace('_', ' ')}" if detail else start


#: Columns whose coded values are turned into words by a function (their codes are composed).
VALUE_LABEL_FUNCTIONS: dict[str, Callable[[object], object]] = {"rule": rule_label}


def shown_path(path: str | os.PathLike) -> str:
    """A file as a report page names it: relative to the project root when inside it
    ("data/processed/default/statements.parquet"); else, for an output folder elsewhere
    (`quotelens report --output DIR`), its folder and name ("processed/statements.parquet", the
    folder beside the reports folder), never a machine's absolute path."""
    relative = config.relative(path)
    if not Path(relative).is_absolute():
        return relative
    p = Path(relative)
    return f"{p.parent.name}/{p.name}" if p.parent.name else p.name


def column_label(name: str) -> str:
    """The label of column `name`: COLUMN_LABELS, else the name with underscores as spaces and
    its first letter capitalised."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    text = str(name).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def table_title(key: str) -> str:
    """The title of an evaluation table (TABLE_TITLES), else its key made readable."""
    return TABLE_TITLES.get(key, column_label(key.replace(".", ": ")))


def _numbers(values: pd.Series, decimals: int, plain: bool) -> pd.Series:
    """A float column as text: as written (`plain`), as integers when every value is whole
    (counts stored as floats), else every value with `decimals` decimals, so a column lines up
    ("1.000" beside "0.986"); missing values empty."""
    present = values.dropna()
    if plain:
        form = "{:g}"
    elif len(present) and all(float(v).is_integer() for v in present):
        form = "{:.0f}"
    else:
        form = "{:." + str(decimals) + "f}"
    return values.map(lambda v: "" if pd.isna(v) else form.format(v))


def unlabelled_columns(df: pd.DataFrame, labels: Mapping[str, str] | None = None) -> list[str]:
    """The columns of `df` that have no label (in `labels` or COLUMN_LABELS)."""
    return [str(c) for c in df.columns if c not in (labels or {}) and c not in COLUMN_LABELS]


def readable(df: pd.DataFrame, label_of: Mapping[str, Callable[[object], str]] | None = None,
             decimals: int = 3, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """`df` as a reader sees it: the columns that say what a row is (text) before the numbers,
    each group in its own order; coded values replaced by VALUE_LABELS (and by `label_of`, e.g.
    {"outlet_group": groups.label_of}); every number as text (whole-number columns as integers,
    other numbers with COLUMN_DECIMALS or else `decimals` decimals, missing values empty); lists
    joined by commas; columns renamed by `labels` (this table's own, e.g. the two ends of a
    network link) or else `column_label`; index dropped. Rows and their order are kept."""
    out = df.reset_index(drop=True)
    out = out[[c for c in out.columns if not _is_number(out[c])] + [c for c in out.columns if _is_number(out[c])]].copy()
    mappers = dict(label_of or {})
    for col in out.columns:
        if col in mappers:
            out[col] = out[col].map(lambda v, f=mappers[col]: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else f(v))
        elif col in VALUE_LABEL_FUNCTIONS:
            out[col] = out[col].map(VALUE_LABEL_FUNCTIONS[col])
        elif col in VALUE_LABELS:
            codes = VALUE_LABELS[col]
            out[col] = out[col].map(lambda v, codes=codes: codes.get(v, v) if isinstance(v, str) else v)
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map({True: "yes", False: "no"})
        elif pd.api.types.is_integer_dtype(out[col]):
            out[col] = out[col].map(lambda v: "" if pd.isna(v) else f"{int(v)}")
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = _numbers(out[col], COLUMN_DECIMALS.get(col, decimals), col in _PLAIN_NUMBER_COLUMNS)
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d").where(out[col].notna(), "")
        else:
            out[col] = out[col].map(_cell_text)
    out.columns = [(labels or {}).get(c) or column_label(c) for c in out.columns]
    return out


def _cell_text(value: object) -> object:
    """A text cell: lists and arrays joined by commas, missing values empty."""
    if isinstance(value, (list, tuple, set)) or hasattr(value, "tolist") and not isinstance(value, str):
        items = value.tolist() if hasattr(value, "tolist") else list(value)
        return ", ".join(map(str, items)) if isinstance(items, list) else str(items)
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return value


def table_html(df: pd.DataFrame, label_of: Mapping[str, Callable[[object], str]] | None = None,
               decimals: int = 3, labels: Mapping[str, str] | None = None) -> str:
    """`readable(df)` as an HTML table without index, every cell and label escaped, with the
    class `readable` that the report's stylesheet (report.page_style) fits to the page width:
    labels and text wrap between words, numbers stay whole."""
    shown_df = readable(df, label_of, decimals, labels)
    n_text = sum(not _is_number(df[c]) for c in df.columns)
    # numbers right-aligned and whole; short text (dates, outlet names) kept on one line
    classes = [_NUM if i >= n_text else (_SHORT if _longest(shown_df.iloc[:, i]) <= SHORT_TEXT_CHARS else "")
               for i in range(len(shown_df.columns))]
    head = "".join(f"<th{cls}>{html.escape(str(c))}</th>" for c, cls in zip(shown_df.columns, classes))
    rows = []
    for values in shown_df.itertuples(index=False):
        cells = "".join(f"<td{cls}>{html.escape(str(v))}</td>" for v, cls in zip(values, classes))
        rows.append(f"<tr>{cells}</tr>")
    body = "\n".join(rows)
    return f'<table class="readable">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'


#: Rows a page shows of one table by default: the rest are counted under it and are in its file.
MAX_SHOWN_ROWS = 15


class ShownTable:
    """A table as a report page shows it: `_repr_html_` for the page (Jupyter, nbconvert), and
    a one-line description as plain text (the notebook file stores both; the rows are in the
    HTML once, which keeps the report folder small)."""

    def __init__(self, html_text: str, text: str) -> None:
        self.html = html_text
        self.text = text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def shown_table(df: pd.DataFrame, *, label_of: Mapping[str, Callable[[object], str]] | None = None,
          labels: Mapping[str, str] | None = None, decimals: int = 3, max_rows: int = MAX_SHOWN_ROWS,
          rows_in: str | None = None, title: str | None = None) -> ShownTable:
    """`df` for `display()` in a notebook: `table_html` of its first `max_rows` rows (0: all),
    with a line under it when rows were left out ("First 15 of 212 rows; all of them in
    `rows_in`"), and an optional bold `title` above it. `rows_in` names the file (or section)
    that holds every row; the saved tables themselves are never changed."""
    head = df if not max_rows or len(df) <= max_rows else df.head(max_rows)
    parts = [f"<p><b>{html.escape(title)}</b></p>"] if title else []
    parts.append(table_html(head, label_of, decimals, labels))
    note = ""
    if len(head) < len(df):
        where = f"; all of them in {rows_in}" if rows_in else f"; {len(df) - len(head)} more not shown"
        note = f"First {len(head)} of {len(df)} rows{where}."
        parts.append(f'<p class="table-note">{html.escape(note)}</p>')
    columns = "; ".join((labels or {}).get(c) or column_label(c) for c in df.columns)
    text = f"{title + ': ' if title else ''}table of {len(head)} rows ({columns}). {note}".strip()
    return ShownTable("\n".join(parts), text)

"""Readable labels for the tables 00_report shows: column names and coded values as a reader of
the report would say them ("Statements scored" for `n_scored`, "reported speech" for
`indirect`, "VADER (vaderSentiment package)" for `vader_package`), numbers formatted for reading,
no index, every cell escaped, laid out to fit the page width.

The labels are data (the three mappings below), so a new column gets its label here, in one
place; a column without one is still shown, with its underscores turned into spaces. The tables
keep their internal names everywhere else (CSV files, Parquet tables, notebooks 01-06), where
code reads them.
"""

from __future__ import annotations

import html
from typing import Callable, Mapping

import pandas as pd

#: Column name -> label. Counts say what they count; shares and means give their scale.
COLUMN_LABELS: dict[str, str] = {
    # outlet summary (compare.comparisons.outlet_summary)
    "outlet_group": "Outlet group",
    "source": "Outlet",
    "n_articles": "Articles",
    "n_articles_quoting": "Articles with statements",
    "n_statements": "Statements",
    "statements_per_article": "Statements per article",
    "n_speakers": "Speakers",
    "n_direct": "Direct quotes",
    "n_mixed": "Mixed (reported, with a quoted fragment)",
    "n_reported": "Reported speech",
    "share_direct": "Share of direct quotes (0-1)",
    "n_scored": "Statements scored",
    "mean_sentiment": "Mean sentiment (-1 to 1)",
    # statement extraction against the gold (scripts/evaluate_statements.py)
    "threshold": "Span overlap at least",
    "type": "Statement type",
    "n_gold": "Gold statements",
    "n_pred": "Statements found",
    "matched_gold": "Gold statements found",
    "matched_pred": "Found statements in the gold",
    "correct_gold": "Gold statements found with their speaker",
    "correct_pred": "Found statements with the gold speaker",
    "quote_precision": "Quote precision",
    "quote_recall": "Quote recall",
    "quote_f1": "Quote F1",
    "pair_precision": "Quote and speaker precision",
    "pair_recall": "Quote and speaker recall",
    "pair_f1": "Quote and speaker F1",
    "attribution_accuracy": "Speaker right (share of found quotes)",
    # sentiment against human labels (scripts/evaluate_sentiment.py)
    "method": "Method",
    "file": "Test set",
    "unit": "Unit",
    "masking": "Topic words",
    "n": "n",
    "accuracy": "Accuracy",
    "macro_f1": "Macro-F1",
    "pearson_r": "Pearson r",
    "set": "Rating set",
    # the summary table of docs/evaluation/sentiment.json ("mt", "rw": NewsMTSC's two devtest sets)
    "mt F1 sentence": "Macro-F1, sentences (multiple-target set)",
    "mt F1 target": "Macro-F1, targets (multiple-target set)",
    "mt accuracy target": "Accuracy, targets (multiple-target set)",
    "mt r sentence": "Pearson r, sentences (multiple-target set)",
    "rw F1 sentence": "Macro-F1, sentences (real-world set)",
    "rw F1 target": "Macro-F1, targets (real-world set)",
    "rw accuracy target": "Accuracy, targets (real-world set)",
    "rw r sentence": "Pearson r, sentences (real-world set)",
    "amazon r": "Pearson r, Amazon reviews",
    "movie r": "Pearson r, movie reviews",
    "tweets r": "Pearson r, tweets",
}

#: Column name -> {coded value -> label}; values not listed are shown as they are.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "type": {
        "all": "all",
        "direct": "direct quote",
        "indirect": "reported speech",
        "mixed": "mixed",
        "according_to": "according to",
    },
    "method": {
        "vader": "VADER (NLTK)",
        "vader_package": "VADER (vaderSentiment package)",
        "afinn": "AFINN",
        "ngram": "n-gram model",
        "ensemble": "ensemble (the headline score)",
        "ensemble_old": "ensemble before issue 15",
        "lexicon_mean": "mean of the standardised lexicons",
        "target": "sentiment towards each target",
    },
    "file": {
        "devtest_mt.jsonl": "NewsMTSC devtest, multiple targets",
        "devtest_rw.jsonl": "NewsMTSC devtest, real-world sample",
    },
    "masking": {"masked": "masked", "unmasked": "not masked"},
    "set": {"amazon": "Amazon reviews", "movie": "movie reviews", "tweets": "tweets"},
}

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


def readable(df: pd.DataFrame, label_of: Mapping[str, Callable[[object], str]] | None = None,
             decimals: int = 3) -> pd.DataFrame:
    """`df` as a reader sees it: the columns that say what a row is (text) before the numbers,
    each group in its own order; coded values replaced by VALUE_LABELS (and by `label_of`, e.g.
    {"outlet_group": groups.label_of}); every number as text (whole-number columns as integers,
    other numbers with `decimals` decimals, missing values empty); columns renamed by
    `column_label`; index dropped. Rows and their order are kept."""
    out = df.reset_index(drop=True)
    out = out[[c for c in out.columns if not _is_number(out[c])] + [c for c in out.columns if _is_number(out[c])]].copy()
    mappers = dict(label_of or {})
    for col in out.columns:
        if col in mappers:
            out[col] = out[col].map(lambda v, f=mappers[col]: "" if v is None or (not isinstance(v, str) and pd.isna(v)) else f(v))
        elif col in VALUE_LABELS:
            labels = VALUE_LABELS[col]
            out[col] = out[col].map(lambda v, labels=labels: labels.get(v, v) if isinstance(v, str) else v)
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map({True: "yes", False: "no"})
        elif pd.api.types.is_integer_dtype(out[col]):
            out[col] = out[col].map(lambda v: "" if pd.isna(v) else f"{int(v)}")
        elif pd.api.types.is_float_dtype(out[col]):
            out[col] = _numbers(out[col], decimals, col in _PLAIN_NUMBER_COLUMNS)
    out.columns = [column_label(c) for c in out.columns]
    return out


def table_html(df: pd.DataFrame, label_of: Mapping[str, Callable[[object], str]] | None = None,
               decimals: int = 3) -> str:
    """`readable(df)` as an HTML table without index, every cell and label escaped, with the
    class `readable` that the report's stylesheet (report.page_style) fits to the page width:
    labels and text wrap between words, numbers stay whole."""
    shown = readable(df, label_of, decimals)
    n_text = sum(not _is_number(df[c]) for c in df.columns)
    # numbers right-aligned and whole; short text (dates, outlet names) kept on one line
    classes = [_NUM if i >= n_text else (_SHORT if _longest(shown[c]) <= SHORT_TEXT_CHARS else "")
               for i, c in enumerate(shown.columns)]
    head = "".join(f"<th{cls}>{html.escape(str(c))}</th>" for c, cls in zip(shown.columns, classes))
    rows = []
    for values in shown.itertuples(index=False):
        cells = "".join(f"<td{cls}>{html.escape(str(v))}</td>" for v, cls in zip(values, classes))
        rows.append(f"<tr>{cells}</tr>")
    body = "\n".join(rows)
    return f'<table class="readable">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>'

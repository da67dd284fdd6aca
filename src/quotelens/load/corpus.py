"""Loading news articles into one DataFrame (the Articles contract of docs/contracts.md).

Inputs: plain-text files in the seed's format, folders of them, and tables (.jsonl, .csv,
.parquet) with the columns ``id`` (or ``article_id``), ``title``, ``text``, ``source``, ``date``,
``url``. Other column names are mapped with ``columns={"id": "unit_id", ...}``; a few known
published schemas (FA-KES) are recognised from their header without a mapping.

Every input unit (a .txt file, a table row, a JSONL line) is either loaded or rejected with a
reason, file and line, so ``read == len(articles) + len(rejected)`` always holds. The text of an
article is kept exactly as read (after decoding): statement offsets index it directly.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from quotelens import config
from quotelens.contracts import ARTICLE_COLUMNS, REJECTED_COLUMNS
from quotelens.contracts import ARTICLE_CONTRACT_COLUMNS as CONTRACT_COLUMNS
from quotelens.load.dates import DATE_FORMATS, DATE_RANGE, parse_date
from quotelens.load.decoding import decode_bytes, read_input_bytes, sha256_text
from quotelens.load.duplicates import mark_duplicates, shingles
from quotelens.load.errors import CorpusWarning, LoadResult, NoArticlesError, RejectedInput
from quotelens.load.files import (
    HTML_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    expand_inputs,
    input_format,
    input_stem,
    shown_path,
    survey_inputs,
)
from quotelens.load.furniture_table import add_furniture_columns
from quotelens.load.html_pages import read_html_article
from quotelens.load.records import MAPPABLE, check_mapping, table_articles, type_extra_column
from quotelens.load.seed_format import is_headline, read_seed_file, split_headlines
from quotelens.load.table_files import DUPLICATE_COLUMNS_CONSEQUENCE, duplicate_names, read_table_units

# Besides its own functions, this module re-exports the load names that notebooks, scripts and
# tests imported from it before the split (their home modules are named in the imports above).
__all__ = [
    "ARTICLE_COLUMNS", "CONTRACT_COLUMNS", "DATE_FORMATS", "DATE_RANGE", "HTML_SUFFIXES", "MAPPABLE",
    "REJECTED_COLUMNS", "SUPPORTED_SUFFIXES", "TABLE_SUFFIXES", "TEXT_SUFFIXES",
    "CorpusWarning", "LoadResult", "NoArticlesError", "RejectedInput",
    "articles_frame", "check_articles_load", "decode_bytes", "expand_inputs", "input_format", "input_stem",
    "is_headline", "load_corpus", "mark_duplicates", "no_articles_error", "normalise_rows", "parse_date",
    "read_input_bytes", "read_seed_file", "rejected_frame", "require_articles", "sha256_text", "shingles",
    "split_headlines", "unique_ids",
]


def _rejecter(rejected: list[dict]) -> Callable[[str, int | None, str], None]:
    """reject(file, line, reason), which appends one Rejected row (origin "file" or
    "file:line") to `rejected`."""

    def reject(origin_file: str, line: int | None, reason: str) -> None:
        where = origin_file if line is None else f"{origin_file}:{line}"
        rejected.append({"origin": where, "file": origin_file, "line": line, "reason": reason})

    return reject


def rejected_frame(rows: list[dict]) -> pd.DataFrame:
    """The Rejected table (REJECTED_COLUMNS) from rows {origin, file, line, reason}; line as Int64."""
    frame = pd.DataFrame(rows, columns=REJECTED_COLUMNS)
    frame["line"] = frame["line"].astype("Int64")
    return frame


def load_corpus(paths: str | Path | list, columns: dict[str, str] | None = None,
                duplicates: bool = True) -> LoadResult:
    """Load articles from files and folders (relative paths are taken from the project root).

    .txt files are read in the seed format (`read_seed_file`); .jsonl, .csv and .parquet
    tables by column names, with `columns` mapping ours (id/article_id, title, text, source,
    date, url) to theirs. Unknown mapping names, mapped columns missing from a table or a table
    without a text column raise ValueError listing the available columns. Units that cannot be
    loaded (empty or binary files, malformed JSONL lines, rows without text or with an
    unparseable date) go to `rejected`. Article ids are made unique in load order: a repeated id
    gets a suffix _2, _3, ... and keeps the input id in `original_id`. Duplicates are flagged
    by `mark_duplicates` (never dropped); with ``duplicates=False`` that comparison is skipped
    and the two columns it adds are absent.

    Folder entries that are not inputs (other suffixes, hidden names, link loops) are listed in
    `skipped`. Raises NoArticlesError (a ValueError naming every skipped entry) when the paths
    hold no input at all, i.e. nothing was loaded or rejected. When every record read was
    rejected the result has no articles and no error is raised here (a chunk of a larger
    corpus may be all bad); commands that need articles call `require_articles`."""
    mapping = check_mapping(columns)
    articles: list[dict] = []
    rejected: list[dict] = []
    reject = _rejecter(rejected)

    survey = survey_inputs(paths)
    # Entries keep the name they were reached by (resolving would name a link's target).
    skipped = [(shown_path(path), reason) for path, reason in survey.skipped]
    if not survey.files and not survey.unreadable:
        raise NoArticlesError(_given(paths), skipped)
    for path, reason in survey.unreadable:
        reject(shown_path(path), None, reason)
    for path in survey.files:
        _load_file(path, mapping, articles, reject)
    read = len(articles) + len(rejected)
    frame = articles_frame(articles)
    # The chunked pipeline (quotelens.scale.pipeline) loads a corpus piece by piece, where duplicates
    # within one piece mean little; it skips this all-pairs comparison.
    frame = mark_duplicates(frame) if duplicates else frame
    return LoadResult(articles=frame, rejected=rejected_frame(rejected), read=read, skipped=skipped)



def _given(paths: str | Path | list) -> list[str]:
    """The paths a caller gave, named as reports name them (for NoArticlesError)."""
    given = [paths] if isinstance(paths, (str, Path)) else list(paths)
    return [shown_path(config.resolve(p)) for p in given]


def no_articles_error(paths: str | Path | list, rejected: pd.DataFrame | list[dict],
                      skipped: list[tuple[str, str]] = ()) -> NoArticlesError:
    """The error for a corpus in which every record read was rejected: `rejected` is the
    Rejected table (or its rows), `skipped` the entries passed over (LoadResult.skipped)."""
    rows = rejected.to_dict("records") if isinstance(rejected, pd.DataFrame) else list(rejected)
    return NoArticlesError(_given(paths), list(skipped),
                           [(r["file"], None if pd.isna(r["line"]) else int(r["line"]), r["reason"]) for r in rows])


def require_articles(result: LoadResult, paths: str | Path | list) -> LoadResult:
    """`result` when it holds at least one article; else NoArticlesError (a ValueError, one
    line) naming every record rejected and why, by file and line, and the entries skipped:
    a corpus in which everything was rejected is an error, like one with no input file."""
    if len(result.articles) == 0:
        raise no_articles_error(paths, result.rejected, result.skipped)
    return result


def check_articles_load(paths: str | Path | list, columns: dict[str, str] | None = None) -> None:
    """Check, before any work, that `paths` yield at least one article with this `columns`
    mapping. Files are loaded in load order until one gives an article (so a good corpus costs
    about one file); when none does, NoArticlesError names every entry skipped and every
    record rejected, as `require_articles` does after a full load. Raises as `load_corpus`
    does (ValueError for a bad mapping or a table without a text column, FileNotFoundError).
    Loading warnings (e.g. a fallback encoding) are left to the load that follows."""
    mapping = check_mapping(columns)
    survey = survey_inputs(paths)
    skipped = [(shown_path(path), reason) for path, reason in survey.skipped]
    rejected: list[dict] = []
    reject = _rejecter(rejected)
    for path, reason in survey.unreadable:
        reject(shown_path(path), None, reason)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        for path in survey.files:
            articles: list[dict] = []
            _load_file(path, mapping, articles, reject)
            if articles:
                return
    if not survey.files and not survey.unreadable:
        raise NoArticlesError(_given(paths), skipped)
    raise no_articles_error(paths, rejected, skipped)

def _load_file(path: Path, mapping: dict[str, str], articles: list[dict], reject: Callable) -> None:
    """Load the input file `path`: its articles appended to `articles`, each unit that cannot
    be loaded passed to reject(file, line, reason). Raises ValueError for a table without a
    mapped or text column."""
    origin = config.relative(path)
    suffix = input_format(path)
    if suffix in HTML_SUFFIXES:
        try:
            articles.append(read_html_article(path))
        except RejectedInput as exc:
            reject(origin, None, exc.reason)
        except OSError as exc:
            reject(origin, None, f"cannot read the file ({exc.strerror or exc})")
        return
    if suffix in TEXT_SUFFIXES:
        try:
            articles.append(read_seed_file(path))
        except RejectedInput as exc:
            reject(origin, None, exc.reason)
        return
    try:
        table = read_table_units(path, origin)
    except RejectedInput as exc:
        reject(origin, exc.line, exc.reason)
        return
    if not table.units:
        reject(origin, None, "no rows")
        return
    table_articles(path, origin, table.header, table.units, table.encoding, mapping, articles, reject,
                   table.line_encodings)


def normalise_rows(path: str | Path, header: list[str], records: list[dict], first_row: int,
                   columns: dict[str, str] | None = None, encoding: str = "utf-8") -> LoadResult:
    """Articles from a slice of the table file `path`, exactly as `load_corpus` makes them from
    the same rows of the whole file: `records` are consecutive rows ({column: value}), the first
    being row `first_row` (1-based, as `load_corpus` numbers Parquet rows); `header` is the
    file's column names. Used by the chunked pipeline to load one chunk of a large Parquet file.

    Unlike `load_corpus`, ids are left as read (`original_id` all None): a slice cannot know
    the ids of the other slices, so the caller makes ids unique over the whole file (the
    pipeline does, with the same rule). Near-duplicate flags are not computed.

    A `header` naming a column twice is `load_corpus`'s rule too: nothing is loaded, and the
    slice is one rejected unit (line `first_row`) naming the columns and the rows."""
    path = config.resolve(path)
    origin = config.relative(path)
    articles: list[dict] = []
    rejected: list[dict] = []
    repeated = duplicate_names(header)
    if repeated:
        rows = f"rows {first_row}-{first_row + len(records) - 1}"
        _rejecter(rejected)(origin, first_row, f"{repeated}{DUPLICATE_COLUMNS_CONSEQUENCE}; {rows} not loaded")
        return LoadResult(articles=articles_frame([], make_ids_unique=False), rejected=rejected_frame(rejected), read=1)
    units = [(first_row + i, r) for i, r in enumerate(records)]
    table_articles(path, origin, header, units, encoding, check_mapping(columns), articles, _rejecter(rejected))
    return LoadResult(articles=articles_frame(articles, make_ids_unique=False), rejected=rejected_frame(rejected),
                      read=len(articles) + len(rejected))


def unique_ids(ids: list[str]) -> tuple[list[str], list[str | None]]:
    """Make ids unique in order: the first keeps its id, later ones get _2, _3, ...
    Returns (ids, original id where it was changed else None)."""
    used = set(ids)
    seen: set[str] = set()
    out, originals = [], []
    for article_id in ids:
        if article_id not in seen:
            seen.add(article_id)
            out.append(article_id)
            originals.append(None)
            continue
        n = 2
        while f"{article_id}_{n}" in used or f"{article_id}_{n}" in seen:
            n += 1
        new = f"{article_id}_{n}"
        seen.add(new)
        out.append(new)
        originals.append(article_id)
    return out, originals


def articles_frame(articles: list[dict], make_ids_unique: bool = True) -> pd.DataFrame:
    """The Articles table from article dicts (as the readers return them), in order: contract
    columns, ``encoding``, ``original_id``, then passed-through columns typed by
    `type_extra_column` (a CorpusWarning names each one kept as text, and the file and line of
    the value that made it so); ``date`` as datetime64[ns]. With `make_ids_unique`, repeated
    ids are renamed by `unique_ids` and the input id kept in ``original_id`` (else all None).
    No duplicate columns: `mark_duplicates` adds them. The page-furniture columns
    (``body_start``, ``body_end``, ``furniture``) follow ``original_id``: `add_furniture_columns`."""
    extras: dict[str, None] = {}
    for a in articles:
        for key in a:
            if key not in ARTICLE_COLUMNS:
                extras.setdefault(key, None)
    ids = [a["article_id"] for a in articles]
    ids, originals = unique_ids(ids) if make_ids_unique else (ids, [None] * len(ids))
    data: dict[str, Any] = {}
    for col in CONTRACT_COLUMNS + ["encoding"] + list(extras):
        data[col] = [a.get(col) for a in articles]
    data["article_id"] = ids
    data["original_id"] = originals
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in data.items()}, index=pd.RangeIndex(len(articles)))
    frame["date"] = pd.to_datetime(pd.Series([pd.NaT if d is None else d for d in data["date"]], dtype="datetime64[ns]"))
    for col in extras:
        frame[col], fallback = type_extra_column(frame[col])
        if fallback is not None:
            # Kept whole as text rather than lost: say which value forced it, and where it is.
            warnings.warn(f"column {col!r} kept as text: {fallback.reason} (first at "
                          f"{frame['origin'].iat[fallback.position]})", CorpusWarning, stacklevel=2)
    order = CONTRACT_COLUMNS + ["encoding", "original_id"] + list(extras)
    return add_furniture_columns(frame[order])

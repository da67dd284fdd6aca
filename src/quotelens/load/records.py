"""Table records to Articles rows: our column names mapped to a file's (a mapping, a known
schema, or same-named columns), one record read into one article, and the typing of the
columns that pass through.

Reads: the units of one table (quotelens.load.table_files). Writes: Articles rows (dicts),
and a reject(file, line, reason) call for each unit that cannot be loaded.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Callable

import numpy as np
import pandas as pd

from quotelens.contracts import ARTICLE_COLUMNS
from quotelens.load.conventions import KNOWN_SCHEMAS
from quotelens.load.dates import parse_date
from quotelens.load.decoding import sha256_text
from quotelens.load.errors import RejectedInput
from quotelens.load.files import input_format, input_stem

#: The names a `columns` mapping may use (``article_id`` is accepted for ``id``).
MAPPABLE = ("id", "title", "text", "source", "date", "url")


def check_mapping(columns: dict[str, str] | None) -> dict[str, str]:
    """A user's `columns` mapping (our name -> theirs) with ``article_id`` read as ``id``.
    Raises ValueError for a name that is not in MAPPABLE, or for both id and article_id."""
    mapping = dict(columns or {})
    if "article_id" in mapping:
        if "id" in mapping:
            raise ValueError("columns: give 'id' or 'article_id', not both")
        mapping["id"] = mapping.pop("article_id")
    unknown = sorted(set(mapping) - set(MAPPABLE))
    if unknown:
        raise ValueError(f"columns: unknown name(s) {unknown}; mappable names are {list(MAPPABLE)}")
    return mapping


def _resolve_columns(header: list[str], mapping: dict[str, str], origin: str) -> dict[str, str]:
    """Our name -> the file's column, from the mapping, a known schema, or same-named columns."""
    present = set(header)
    if mapping:
        missing = {ours: theirs for ours, theirs in mapping.items() if theirs not in present}
        if missing:
            wanted = ", ".join(f"{ours}={theirs!r}" for ours, theirs in sorted(missing.items()))
            raise ValueError(f"{origin}: mapped column(s) not found ({wanted}); available columns: {header}")
        resolved = dict(mapping)
    elif "text" not in present and (
        schema := next((s for s in KNOWN_SCHEMAS.values() if set(s.values()) <= present), None)
    ):
        resolved = dict(schema)
    else:
        resolved = {}
    for ours in MAPPABLE:
        if ours in resolved:
            continue
        if ours == "id" and "article_id" in present:
            resolved["id"] = "article_id"
        elif ours in present and ours not in resolved.values():
            resolved[ours] = ours
    if "text" not in resolved:
        raise ValueError(
            f"{origin}: no text column; available columns: {header}; "
            "map one with columns={'text': '<column>'}"
        )
    return resolved


_INT = re.compile(r"[+-]?\d+")
_FLOAT = re.compile(r"[+-]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][+-]?\d+)?")


def _type_csv_column(cells: list[str | None]) -> list:
    """A passed-through CSV column as ints or floats when every non-empty cell is a plain
    decimal number (no "nan", "inf", thousands separators), else as strings; empty cells None."""
    cells = [None if c is None or not c.strip() else c for c in cells]
    present = [c.strip() for c in cells if c is not None]
    for pattern, kind in ((_INT, int), (_FLOAT, float)):
        if present and all(pattern.fullmatch(c) for c in present):
            return [None if c is None else kind(c.strip()) for c in cells]
    return cells


def _type_csv_extras(units: list[tuple[int, Any]], header: list[str], resolved: dict[str, str]) -> None:
    """Type the CSV columns that pass through (not our mapped ones, whose cells stay strings so
    an id like "007" keeps its zeros), in place."""
    records = [r for _, r in units if isinstance(r, dict)]
    for col in header:
        if col in resolved.values():
            continue
        for record, value in zip(records, _type_csv_column([r[col] for r in records])):
            record[col] = value




def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _as_id(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, np.generic):
        value = value.item()
    return str(value).strip()


def _article_from_record(record: dict, resolved: dict[str, str], file_id: str, unit: int,
                         origin: str, encoding: str) -> dict:
    """One Articles row from a table record; raises RejectedInput with the reason."""
    text = record.get(resolved["text"])
    if _missing(text):
        raise RejectedInput("missing text")
    if not isinstance(text, str):
        raise RejectedInput(f"text is not a string (a {type(text).__name__})")
    try:
        when = parse_date(record.get(resolved["date"])) if "date" in resolved else pd.NaT
    except ValueError as exc:
        raise RejectedInput(str(exc)) from None
    raw_id = record.get(resolved["id"]) if "id" in resolved else None
    article_id = f"{file_id}_r{unit}" if _missing(raw_id) else _as_id(raw_id)
    title = record.get(resolved["title"]) if "title" in resolved else None
    headlines = record.get("headlines")
    if isinstance(headlines, np.ndarray):
        headlines = headlines.tolist()
    article = {
        "article_id": article_id,
        "title": "" if _missing(title) else str(title),
        "headlines": [str(h) for h in headlines] if isinstance(headlines, list) else [],
        "text": text,
        "source": None,
        "date": when,
        "url": None,
        "origin": origin,
        "sha256": sha256_text(text),
        "encoding": encoding,
    }
    for ours in ("source", "url"):
        value = record.get(resolved[ours]) if ours in resolved else None
        article[ours] = None if _missing(value) else str(value)
    used = set(resolved.values()) | {"headlines"}
    for key, value in record.items():
        key = str(key)
        if key in used:
            continue
        # An input column that shares one of our names is kept under input_<name>.
        out_key = f"input_{key}" if key in ARTICLE_COLUMNS else key
        if isinstance(value, np.generic):
            value = value.item()
        article[out_key] = value
    return article


def table_articles(path: Path, origin: str, header: list[str], units: list[tuple[int, Any]], encoding: str,
                   mapping: dict[str, str], articles: list[dict], reject: Callable) -> None:
    """Normalise the units of one table (as `quotelens.load.table_files.table_units` reads
    them) into Articles rows appended to `articles`; every unit that cannot be loaded goes to
    reject(file, line, reason). Raises ValueError when the table lacks a mapped or text column."""
    suffix = input_format(path)
    records = [u for _, u in units if isinstance(u, dict)]
    resolved = _resolve_columns(header, mapping, origin) if records else {}
    if suffix == ".csv":
        _type_csv_extras(units, header, resolved)
    for unit, item in units:
        unit_origin = f"{origin}:row {unit}" if suffix == ".parquet" else f"{origin}:{unit}"
        if isinstance(item, RejectedInput):
            reject(origin, unit, item.reason)
            continue
        try:
            articles.append(_article_from_record(item, resolved, input_stem(path), unit, unit_origin, encoding))
        except RejectedInput as exc:
            reject(origin, unit, exc.reason)


def infer_extra_dtype(values: pd.Series) -> pd.Series:
    """A passed-through column with a nullable numeric dtype when every value is a number
    (so FA-KES `labels` stays an integer beside articles without labels), else as is."""
    present = [v for v in values if not _missing(v)]
    if present and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in present):
        return values.astype("Int64")
    if present and all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in present):
        return values.astype("Float64")
    return values

"""Table records to Articles rows: our column names mapped to a file's (a mapping, a known
schema, or same-named columns), one record read into one article, and the typing of the
columns that pass through.

Reads: the units of one table (quotelens.load.table_files). Writes: Articles rows (dicts),
and a reject(file, line, reason) call for each unit that cannot be loaded.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any, Callable, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

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


#: The range of a 64-bit signed integer, the widest integer a table column (Int64, Arrow,
#: Parquet) holds; a larger whole number is kept as text so that no digit is lost.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


def _type_csv_column(cells: list[str | None]) -> list:
    """A passed-through CSV column as ints (when every one fits in 64 bits) or floats when every
    non-empty cell is a plain decimal number (no "nan", "inf", thousands separators), else as
    strings; empty cells None. Whole numbers beyond 64 bits stay strings, exact."""
    cells = [None if c is None or not c.strip() else c for c in cells]
    present = [c.strip() for c in cells if c is not None]
    if present and all(_INT.fullmatch(c) for c in present):
        numbers = [int(c) for c in present]
        if all(INT64_MIN <= n <= INT64_MAX for n in numbers):
            return [None if c is None else int(c.strip()) for c in cells]
        return cells
    if present and all(_FLOAT.fullmatch(c) for c in present):
        return [None if c is None else float(c.strip()) for c in cells]
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
                   mapping: dict[str, str], articles: list[dict], reject: Callable,
                   line_encodings: dict[int, str] | None = None) -> None:
    """Normalise the units of one table (as `quotelens.load.table_files.read_table_units` reads
    them) into Articles rows appended to `articles`; every unit that cannot be loaded goes to
    reject(file, line, reason). An article's `encoding` is `encoding`, or its line's entry in
    `line_encodings`. Raises ValueError when the table lacks a mapped or text column."""
    line_encodings = line_encodings or {}
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
            articles.append(_article_from_record(item, resolved, input_stem(path), unit, unit_origin,
                                                 line_encodings.get(unit, encoding)))
        except RejectedInput as exc:
            reject(origin, unit, exc.reason)


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.number)) and not isinstance(value, (bool, np.bool_))


def _has_empty_struct(kind) -> bool:
    """True when an Arrow type is, or holds, a struct without fields (what {} becomes), which
    Parquet cannot store."""
    if pa.types.is_struct(kind):
        return kind.num_fields == 0 or any(_has_empty_struct(kind.field(i).type) for i in range(kind.num_fields))
    if pa.types.is_list(kind) or pa.types.is_large_list(kind) or pa.types.is_fixed_size_list(kind):
        return _has_empty_struct(kind.value_type)
    if pa.types.is_map(kind):
        return _has_empty_struct(kind.key_type) or _has_empty_struct(kind.item_type)
    return False


def _arrow_problem(values: list) -> str | None:
    """Why Arrow (and so a .parquet output) cannot hold `values` as one column; None if it can."""
    try:
        kind = pa.array(values, from_pandas=True).type
    except (pa.ArrowException, OverflowError, TypeError, ValueError, RecursionError) as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    if _has_empty_struct(kind):
        return "an empty object ({}) has no fields to store"
    return None


def value_as_text(value: Any) -> str:
    """A value of a column kept as text: strings as they are, anything else as JSON. Also the
    rule by which the pipeline's schema merge turns a part's typed column into text
    (`quotelens.scale.schema`), so both give one text for one value."""
    if isinstance(value, str):
        return value
    if isinstance(value, np.ndarray):
        value = value.tolist()
    elif isinstance(value, np.generic):
        value = value.item()
    return json.dumps(value, ensure_ascii=False, default=str)


class TextFallback(NamedTuple):
    """Why a passed-through column was kept as text, and the position (0-based, in the column)
    of the first value that made it so."""

    reason: str
    position: int


def type_extra_column(values: pd.Series) -> tuple[pd.Series, TextFallback | None]:
    """A passed-through column typed for the Articles table, and why it was kept as text (None
    when it was not).

    Every present value a whole number within 64 bits: nullable Int64. Every one a number:
    Float64 (so FA-KES `labels` stays numeric beside articles without labels). Otherwise the
    values are kept as they are when Arrow can store them as one column (so a .parquet output
    can be written); when it cannot (a mix of numbers and strings, whole numbers beyond 64
    bits, {}), every present value is kept as text: strings as they are, the rest as JSON."""
    present = [(i, v) for i, v in enumerate(values) if not _missing(v)]
    if not present or all(isinstance(v, str) for _, v in present) or all(isinstance(v, bool) for _, v in present):
        return values, None
    if all(_is_int(v) for _, v in present):
        outside = next(((i, v) for i, v in present if not INT64_MIN <= int(v) <= INT64_MAX), None)
        if outside is None:
            return values.astype("Int64"), None
        fallback = TextFallback(f"the whole number {int(outside[1])} does not fit in 64 bits", outside[0])
    elif all(_is_number(v) for _, v in present):
        return values.astype("Float64"), None
    else:
        problem = _arrow_problem([v for _, v in present])
        if problem is None:
            return values, None
        first_kind = type(present[0][1])
        other = next(((i, v) for i, v in present if type(v) is not first_kind), None)
        if other is not None:
            fallback = TextFallback(f"it mixes {first_kind.__name__} and {type(other[1]).__name__} values", other[0])
        else:
            fallback = TextFallback(f"Arrow cannot store its {first_kind.__name__} values ({problem})", present[0][0])
    text = pd.Series([None if _missing(v) else value_as_text(v) for v in values], index=values.index, dtype=object)
    return text, fallback


def infer_extra_dtype(values: pd.Series) -> pd.Series:
    """A passed-through column typed as `type_extra_column` types it (without the reason)."""
    return type_extra_column(values)[0]

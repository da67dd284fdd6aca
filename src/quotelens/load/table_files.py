"""Table files (JSONL, CSV, Parquet, plain or gzip) read into units: one record or one
rejection per line or row, with the line or row number.

Reads: a table file. Writes: its header (column names), (line or row, {column: value} or
RejectedInput) per unit, and the encoding it was decoded with (per JSONL line or CSV record
where one needed another). CSV records are found by quotelens.load.csv_records, which
recovers quotes left unclosed. Cells are not interpreted here (quotelens.load.records maps and
types them).
A table whose header names a column twice is rejected whole, as is a JSON object with a key
twice: which of the two values is meant cannot be known.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from quotelens.load.csv_records import CsvRecords
from quotelens.load.decoding import DecodedLines, decode_lines, decode_physical_lines, read_input_bytes
from quotelens.load.errors import CorpusWarning, RejectedInput
from quotelens.load.files import input_format


@dataclass
class TableUnits:
    """One table file read into units.

    header: column names in file order. units: (line or row, record or RejectedInput), lines
    and rows 1-based. encoding: how the file was decoded. line_encodings: {line: encoding} for
    the JSONL lines, and the CSV records (by their first line), decoded otherwise than
    `encoding` (see `decoding.decode_lines`, `decoding.decode_physical_lines`)."""

    header: list[str]
    units: list[tuple[int, Any]]
    encoding: str
    line_encodings: dict[int, str] = field(default_factory=dict)


def duplicate_names(names: list[str]) -> str | None:
    """None when every column name occurs once; else the start of a rejection reason naming
    each repeated name and its 1-based positions, e.g. "duplicate column name 'text' (columns
    2 and 3)"."""
    positions: dict[str, list[int]] = {}
    for i, name in enumerate(names, start=1):
        positions.setdefault(str(name), []).append(i)
    repeated = [(name, at) for name, at in positions.items() if len(at) > 1]
    if not repeated:
        return None
    parts = [f"{name!r} (columns {', '.join(map(str, at[:-1]))} and {at[-1]})" for name, at in repeated]
    return f"duplicate column name{'s' if len(parts) > 1 else ''} " + ", ".join(parts)


#: Why a table with a repeated column name is not read (after `duplicate_names`).
DUPLICATE_COLUMNS_CONSEQUENCE = "; which one is meant is unknown, so the table is not read: rename one"

def _csv_units(path_name: str, decoded: DecodedLines) -> tuple[list[str], list[tuple[int, Any]], dict[int, str]]:
    """The header, (line, record or RejectedInput) per CSV record, and {line: encoding} for the
    records decoded otherwise than the file (a record's lines decoded one by one: any line
    decoded with a fallback makes the record's encoding that fallback). A record over a line
    holding a raw NUL byte is rejected. Warns (CorpusWarning) for each record kept whole over
    lines that read alone as rows (`csv_records.CsvRecords.merged`)."""
    parsed = CsvRecords(decoded.lines)
    units: list[tuple[int, Any]] = []
    encodings: dict[int, str] = {}
    for start, end, record in parsed.records:
        nul = next((n for n in range(start, end + 1) if n in decoded.nul_columns), None)
        if nul is not None and not isinstance(record, RejectedInput):
            record = RejectedInput(f"raw NUL byte on line {nul} at column {decoded.nul_columns[nul]} (binary data "
                                   "inside a text record); this record skipped", start)
        units.append((start, record))
        used = [decoded.encodings[n - 1] for n in range(start, end + 1) if decoded.encodings[n - 1] != decoded.encoding]
        if used and not isinstance(record, RejectedInput):
            encodings[start] = used[0]
    for start, end, alone in parsed.merged:
        shown = ", ".join(map(str, alone[:5])) + (f" and {len(alone) - 5} more" if len(alone) > 5 else "")
        warnings.warn(f"{path_name}: lines {start}-{end} ({end - start + 1} physical lines) were read as one record "
                      f"(a quoted field holds their line breaks), but line{'s' if len(alone) > 1 else ''} {shown} "
                      f"read{'s' if len(alone) == 1 else ''} alone as a row of {parsed.profile.width} fields: if the "
                      f"quote opened on line {start} was left unclosed, it merged rows into this record",
                      CorpusWarning, stacklevel=4)
    return parsed.header, units, encodings


def table_units(path: Path, origin: str) -> tuple[list[str], list[tuple[int, Any]], str]:
    """Header, (line or row, record or RejectedInput) per unit, and encoding of one table: the
    first three fields of `read_table_units`, which also gives the encoding of each JSONL line
    decoded otherwise. Raises as `read_table_units` does."""
    table = read_table_units(path, origin)
    return table.header, table.units, table.encoding


def _parquet_names(path: Path) -> list[str] | None:
    """The column names in a Parquet file's footer; None when the footer cannot be read (the
    read that follows then says why)."""
    # Imported here: only Parquet inputs need pyarrow's Parquet reader (pandas defers it too).
    import pyarrow.parquet as pq

    try:
        return [str(n) for n in pq.read_schema(path).names]
    except Exception:  # pyarrow raises several types for a damaged file
        return None


def parquet_duplicate_columns(path: Path) -> str | None:
    """The reason `read_table_units` rejects the Parquet file `path` whole when its footer names
    a column twice (read from the footer alone, no data); None otherwise, or when the footer
    cannot be read. A reader that splits the file into row groups calls this first and, on a
    reason, hands the whole file to the loader, so both paths reject it alike."""
    repeated = duplicate_names(_parquet_names(path) or [])
    return repeated + DUPLICATE_COLUMNS_CONSEQUENCE if repeated else None


def read_table_units(path: Path, origin: str) -> TableUnits:
    """One table file as units: header, (line or row, record or RejectedInput) per unit, and
    the encoding(s) it was decoded with.

    Lines are 1-based physical lines (JSONL, CSV), rows 1-based row numbers (Parquet). Raises
    RejectedInput when the whole file cannot be read (empty, damaged, not decodable, inflating
    past the gzip bound, a column name given twice)."""
    suffix = input_format(path)
    if suffix == ".parquet":
        repeated = parquet_duplicate_columns(path)
        if repeated:
            raise RejectedInput(repeated)
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            if path.stat().st_size == 0:
                raise RejectedInput("empty file") from None
            raise RejectedInput(f"unreadable Parquet file ({type(exc).__name__}: {exc})") from None
        frame.columns = [str(c) for c in frame.columns]
        records = frame.to_dict("records")
        return TableUnits(list(frame.columns), [(i + 1, r) for i, r in enumerate(records)], "utf-8")
    data, damage = read_input_bytes(path)
    lost_line = None
    if damage:
        # Keep the complete lines recovered before the damage; the partial line and anything
        # after it count as one rejected unit.
        data = data[: data.rfind(b"\n") + 1]
        lost_line = data.count(b"\n") + 1
        if not data.strip():
            raise RejectedInput(f"{damage}; no complete line before it", 1)
    lost = [(lost_line, RejectedInput(f"{damage}: this line and any after it are lost", lost_line))] if damage else []
    if suffix == ".csv":
        # Decoded line by line, like JSONL: a row pasted in from another program costs no other
        # row its characters; a record's lines are found by the csv module (csv_records).
        decoded = decode_physical_lines(data, origin)
        header, units, record_encodings = _csv_units(origin, decoded)
        repeated = duplicate_names(header)
        if repeated:
            raise RejectedInput(f"{repeated} in the header (line 1){DUPLICATE_COLUMNS_CONSEQUENCE}")
        return TableUnits(header, units + lost, decoded.encoding, record_encodings)
    # JSONL: one JSON object per line; blank lines are not units. Lines are split at "\n" only
    # (JSON strings may hold U+2028 and other characters that str.splitlines() treats as
    # breaks) and decoded one by one: JSONL files grow by appending, often from several tools.
    lines, encoding = decode_lines(data, origin)
    units: list[tuple[int, Any]] = []
    line_encodings: dict[int, str] = {}
    seen: dict[str, None] = {}
    for number, (line, line_encoding) in enumerate(lines, start=1):
        if isinstance(line, RejectedInput):
            units.append((number, line))
            continue
        if not line.strip():
            continue
        record = _json_record(line, number)
        units.append((number, record))
        if isinstance(record, RejectedInput):
            continue
        if line_encoding != encoding:
            line_encodings[number] = line_encoding
        for key in record:
            seen.setdefault(str(key), None)
    return TableUnits(list(seen), units + lost, encoding, line_encodings)


class _RepeatedKey(Exception):
    """A JSON object names a key twice."""


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict:
    """A JSON object's pairs as a dict; raises _RepeatedKey for a key given twice (json.loads
    would silently keep the last value)."""
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _RepeatedKey(key)
            seen.add(key)
    return record


# A JSON escape of a UTF-16 surrogate (\ud800-\udfff): only a pair of them makes a character.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(record: dict) -> tuple[str, str, int] | None:
    """(top-level key, surrogate, character offset) of the first string in `record` (keys and
    values, at any depth) holding a lone surrogate, which no UTF-8 file can store; else None."""
    for top, value in record.items():
        pending = [top, value]
        while pending:
            item = pending.pop()
            if isinstance(item, str):
                match = _SURROGATE.search(item)
                if match:
                    return str(top), match.group(), match.start()
            elif isinstance(item, dict):
                pending.extend(item.keys())
                pending.extend(item.values())
            elif isinstance(item, list):
                pending.extend(item)
    return None


def _json_record(line: str, number: int) -> dict | RejectedInput:
    """The JSON object on one line, or a RejectedInput saying why the line is not one."""
    try:
        record = json.loads(line, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        return RejectedInput(f"malformed JSON ({exc.msg} at column {exc.colno})", number)
    except RecursionError:
        return RejectedInput("JSON nested too deeply to read (deeper than Python's recursion limit)", number)
    except _RepeatedKey as exc:
        return RejectedInput(f"duplicate key {exc.args[0]!r} in the JSON object; which value is meant is unknown", number)
    if not isinstance(record, dict):
        return RejectedInput(f"not a JSON object (a {type(record).__name__})", number)
    if _SURROGATE_ESCAPE.search(line) and (found := _lone_surrogate(record)):
        key, char, at = found
        return RejectedInput(f"lone surrogate \\u{ord(char):04x} in {key!r} at character {at} (half of a UTF-16 pair, "
                             "escaped in the JSON); not valid Unicode, so the line is skipped", number)
    return record

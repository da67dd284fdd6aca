"""Table files (JSONL, CSV, Parquet, plain or gzip) read into units: one record or one
rejection per line or row, with the line or row number.

Reads: a table file. Writes: its header (column names), (line or row, {column: value} or
RejectedInput) per unit, and the encoding it was decoded with. Cells are not interpreted here
(quotelens.load.records maps and types them).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from quotelens.load.decoding import decode_bytes, read_input_bytes
from quotelens.load.errors import RejectedInput
from quotelens.load.files import input_format

def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, dict | RejectedInput]]]:
    """The header and, per data row, (line where the row starts, {column: cell}) or (line,
    RejectedInput). Cells stay strings; blank lines are not rows."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    # Physical lines as the csv module sees them (\n, \r or \r\n; not U+2028 and the like).
    lines = io.StringIO(text, newline="").readlines()

    def reader_from(first: int):
        # strict: a stray quote inside a field, or a quote that never closes, is an error
        # instead of silently merging the lines that follow into one field.
        return csv.reader((lines[i] for i in range(first, len(lines))), strict=True)

    reader = reader_from(0)
    base = 0  # lines before the current reader's first line
    header: list[str] | None = None
    rows: list[tuple[int, dict | RejectedInput]] = []
    last_line = 0
    while True:
        start = last_line + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            # Reject the line the malformed record starts on and read on from the next one,
            # so one bad quote costs one row, not the rest of the file.
            rows.append((start, RejectedInput(f"malformed CSV record ({exc}); this line skipped", start)))
            base = last_line = start
            reader = reader_from(base)
            continue
        last_line = base + reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip()):
            continue
        if header is None:
            header = [h.strip() for h in fields]
        elif len(fields) != len(header):
            rows.append((start, RejectedInput(f"expected {len(header)} fields, found {len(fields)}", start)))
        else:
            rows.append((start, dict(zip(header, fields))))
    return header or [], rows


def table_units(path: Path, origin: str) -> tuple[list[str], list[tuple[int, Any]], str]:
    """Header, (line or row, record or RejectedInput) per unit, and encoding of one table.

    Lines are 1-based physical lines (JSONL, CSV), rows 1-based row numbers (Parquet). Raises
    RejectedInput when the whole file cannot be read (empty, damaged, not decodable)."""
    suffix = input_format(path)
    if suffix == ".parquet":
        try:
            frame = pd.read_parquet(path)
        except Exception as exc:  # pyarrow raises several types for a damaged file
            if path.stat().st_size == 0:
                raise RejectedInput("empty file") from None
            raise RejectedInput(f"unreadable Parquet file ({type(exc).__name__}: {exc})") from None
        frame.columns = [str(c) for c in frame.columns]
        records = frame.to_dict("records")
        return list(frame.columns), [(i + 1, r) for i, r in enumerate(records)], "utf-8"
    data, damage = read_input_bytes(path)
    lost_line = None
    if damage:
        # Keep the complete lines recovered before the damage; the partial line and anything
        # after it count as one rejected unit.
        data = data[: data.rfind(b"\n") + 1]
        lost_line = data.count(b"\n") + 1
        if not data.strip():
            raise RejectedInput(f"{damage}; no complete line before it", 1)
    text, encoding = decode_bytes(data, origin)
    lost = [(lost_line, RejectedInput(f"{damage}: this line and any after it are lost", lost_line))] if damage else []
    if suffix == ".csv":
        header, units = _csv_rows(text)
        return header, units + lost, encoding
    # JSONL: one JSON object per line; blank lines are not units. Split on "\n" only: JSON
    # strings may hold U+2028 and other characters that str.splitlines() treats as breaks.
    units: list[tuple[int, Any]] = []
    seen: dict[str, None] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            units.append((number, RejectedInput(f"malformed JSON ({exc.msg} at column {exc.colno})", number)))
            continue
        if not isinstance(record, dict):
            units.append((number, RejectedInput(f"not a JSON object (a {type(record).__name__})", number)))
            continue
        for key in record:
            seen.setdefault(str(key), None)
        units.append((number, record))
    return list(seen), units + lost, encoding

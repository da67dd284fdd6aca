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

import csv
import hashlib
import io
import json
import math
import os
import re
import sys
import warnings
import zlib
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np
import pandas as pd

from quotelens import config

# ---------------------------------------------------------------------------------------------
# Contract

#: Our column names, in output order; then ``duplicate_of``, ``duplicate_similarity``,
#: ``encoding``, ``original_id`` and every other input column, passed through.
from quotelens.contracts import ARTICLE_COLUMNS, REJECTED_COLUMNS  # noqa: E402,F401  (re-exported)
from quotelens.contracts import ARTICLE_CONTRACT_COLUMNS as CONTRACT_COLUMNS  # noqa: E402
from quotelens.contracts import ARTICLE_DERIVED_COLUMNS as DERIVED_COLUMNS  # noqa: E402

#: The names a `columns` mapping may use (``article_id`` is accepted for ``id``).
MAPPABLE = ("id", "title", "text", "source", "date", "url")

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
# Saved web pages, read by quotelens.load.html_pages (trafilatura, offline).
HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES
#: gzip-compressed inputs (common in news archives): name.txt.gz, name.jsonl.gz, name.csv.gz.
#: A truncated or damaged stream keeps the complete lines before the damage (tables) and
#: rejects the rest; a truncated .txt.gz article is rejected whole.
GZIP_SUFFIX = ".gz"
GZIP_INNER_SUFFIXES = (".txt", ".jsonl", ".csv")

#: Published schemas recognised from their header when no mapping is given. A schema applies
#: when the file has every column it maps to and no ``text`` column of its own.
KNOWN_SCHEMAS: dict[str, dict[str, str]] = {
    # Abu Salem et al. 2019, data/raw/fa-kes; dates are M/D/YYYY (read by DATE_FORMATS).
    "fa-kes": {"id": "unit_id", "title": "article_title", "text": "article_content"},
}

#: Date formats tried, in order, after ISO 8601. Slash dates are read month first (M/D/YYYY,
#: as FA-KES writes them); a day-first source must be converted before loading.
DATE_FORMATS = (
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%b %d, %Y",
    "%a %d %b %Y",
    "%A %d %B %Y",
    "%a, %d %b %Y %H:%M:%S %z",
)

#: Dates outside this range are rejected as typos (and would not fit datetime64[ns]).
DATE_RANGE = (pd.Timestamp("1800-01-01"), pd.Timestamp("2200-01-01"))


class CorpusWarning(UserWarning):
    """A file was loaded, but not cleanly (e.g. decoded with a fallback encoding)."""


class RejectedInput(ValueError):
    """One input unit (file, row or line) that cannot be loaded; `reason` says why."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


@dataclass
class LoadResult:
    """What `load_corpus` read.

    articles: one row per loaded article (ARTICLE_COLUMNS, then passed-through input columns).
    rejected: one row per input unit not loaded: origin, file, line (line or row number,
        1-based; <NA> for a whole file) and reason.
    read: input units read (.txt files, table rows, JSONL lines, and unreadable/empty table
        files counted once each); always ``len(articles) + len(rejected)``.
    """

    articles: pd.DataFrame
    rejected: pd.DataFrame
    read: int

    def summary(self) -> str:
        """One line reconciling the counts, e.g. ``read 806 = loaded 805 + rejected 1``."""
        return f"read {self.read} = loaded {len(self.articles)} + rejected {len(self.rejected)}"


# ---------------------------------------------------------------------------------------------
# Decoding


def sha256_text(text: str) -> str:
    """Hex sha256 of `text` encoded as UTF-8 (identifies an article's body, whatever its file)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Share of control characters (other than tab, newlines, form feed) above which decoded
# "text" is taken to be a binary file that happens to decode.
_MAX_CONTROL_SHARE = 0.01
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a file's bytes; return (text, encoding name).

    UTF-8 (with or without BOM) and UTF-16 with a BOM are decoded silently. Bytes that are not
    UTF-8 are decoded as cp1252, else latin-1, with a CorpusWarning naming the file and the
    first offending line, so mojibake is never silent. Raises RejectedInput for an empty or
    binary file (NUL bytes, e.g. UTF-16 without a BOM, or too many control characters)."""
    if not data.strip():
        raise RejectedInput("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise RejectedInput(f"UTF-16 byte-order mark but undecodable bytes at offset {exc.start}") from None
    if b"\x00" in data:
        raise RejectedInput("binary file (NUL bytes; UTF-16 without a byte-order mark is not supported)")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise RejectedInput(f"UTF-8 byte-order mark but invalid UTF-8 at byte {exc.start + 3}") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = data.decode("latin-1"), "latin-1"
            warnings.warn(
                f"{name}: not valid UTF-8 (first bad byte 0x{data[exc.start]:02x} on line {line}); "
                f"decoded as {encoding}: check the text for mojibake",
                CorpusWarning,
                stacklevel=3,
            )
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise RejectedInput(f"binary file ({controls} control characters in {len(text)})")
    return text, encoding


# ---------------------------------------------------------------------------------------------
# The seed format

# A headline is a single line (no line break inside its block), at most this long, that does not
# end like a sentence. News bodies are built from sentences, so even a one-line paragraph ends
# with . ! ? or : (possibly inside a closing quote or bracket), while headlines, kickers and
# subheads do not ("'No breakthrough, no breakdown' as Syria talks wrap up"). A dateline
# paragraph ("DAMASCUS, (SANA) -") would be misread as a headline; none occur in our seeds.
MAX_HEADLINE_CHARS = 200
_SENTENCE_END = re.compile(r"""[.!?:;…]['"’”)\]]*\s*$""")
_BLOCK = re.compile(r"\S(?:.*?\S)?(?=\s*(?:\n[ \t\r\f\v]*\n|\Z))", re.S)


def _blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of the blank-line-separated blocks of `text`, whitespace excluded."""
    return [(m.start(), m.end()) for m in _BLOCK.finditer(text)]


def is_headline(block: str) -> bool:
    """True when a blank-line-separated block reads as a headline rather than a paragraph:
    one line, at most MAX_HEADLINE_CHARS characters, not ending with sentence punctuation."""
    return "\n" not in block and len(block) <= MAX_HEADLINE_CHARS and not _SENTENCE_END.search(block)


def split_headlines(text: str) -> tuple[list[str], int]:
    """The leading headlines of a seed-format text and the offset where its body starts.

    Headlines are taken from the top while they pass `is_headline` and at least one block is
    left for the body (a file of one block is all body)."""
    blocks = _blocks(text)
    headlines: list[str] = []
    for i, (start, end) in enumerate(blocks[:-1]):
        if not is_headline(text[start:end]):
            break
        headlines.append(text[start:end])
    body_start = blocks[len(headlines)][0] if blocks else 0
    return headlines, body_start


def input_format(path: str | Path) -> str | None:
    """The format suffix of an input file (".txt", ".jsonl", ".csv", ".parquet", ".html",
    ".htm"), looking through a ".gz" ending; None for anything else."""
    name = Path(path).name.lower()
    if name.endswith(GZIP_SUFFIX):
        inner = Path(name[: -len(GZIP_SUFFIX)]).suffix
        return inner if inner in GZIP_INNER_SUFFIXES else None
    suffix = Path(name).suffix
    return suffix if suffix in SUPPORTED_SUFFIXES else None


def input_stem(path: str | Path) -> str:
    """The file name without its format suffix (and ".gz"): "a.jsonl.gz" -> "a"."""
    name = Path(path).name
    if name.lower().endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    return Path(name).stem


def _gunzip(data: bytes) -> tuple[bytes, str | None]:
    """Decompress gzip `data` (several members allowed). Returns (bytes, None), or, for a
    truncated or damaged stream, (the bytes recovered before the damage, the reason)."""
    out: list[bytes] = []
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        done = 0
        try:
            # In pieces, so the output before a corrupt block is kept.
            for lo in range(0, len(rest), 1 << 16):
                out.append(inflater.decompress(rest[lo:lo + (1 << 16)]))
                done = lo + (1 << 16)
                if inflater.eof:
                    break
        except zlib.error as exc:
            offset = len(data) - len(rest) + done
            return b"".join(out), f"damaged gzip data near compressed byte {offset:,} ({exc})"
        if not inflater.eof:
            return b"".join(out), f"gzip stream truncated (the file ends after {len(data):,} bytes, inside the compressed data)"
        rest = inflater.unused_data
        if rest and not rest.startswith(b"\x1f\x8b"):
            if rest.strip(b"\x00"):
                return b"".join(out), f"unexpected bytes after the gzip data (at byte {len(data) - len(rest):,})"
            break
    return b"".join(out), None


def read_input_bytes(path: Path) -> tuple[bytes, str | None]:
    """The bytes of an input file, decompressed when its name ends in ".gz": (bytes, None), or
    (bytes recovered, reason) for a damaged gzip stream. Raises RejectedInput when the file
    cannot be read (permissions, a folder or pipe behind the name) or is not gzip at all."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RejectedInput(f"cannot read the file ({exc.strerror or exc})") from None
    if not path.name.lower().endswith(GZIP_SUFFIX):
        return data, None
    if not data:
        raise RejectedInput("empty file")
    if not data.startswith(b"\x1f\x8b"):
        raise RejectedInput("not a gzip file (its name ends in .gz but it does not start with the gzip signature)")
    out, damage = _gunzip(data)
    if damage and not out:
        raise RejectedInput(damage)
    return out, damage


def read_seed_file(path: str | Path) -> dict:
    """One article from a seed-format .txt file: headlines first (blank-line separated single
    lines), then the body.

    Returns a dict with the Articles contract fields plus ``encoding``: article_id is the file
    stem, title the first headline ("" when there is none), headlines the others, text the body
    exactly as in the file from its first character (never stripped inside). Raises
    RejectedInput for an empty or binary file."""
    path = config.resolve(path)
    origin = config.relative(path)
    data, damage = read_input_bytes(path)
    if damage:
        raise RejectedInput(f"{damage}; an article cut short is not loaded")
    raw, encoding = decode_bytes(data, origin)
    headlines, body_start = split_headlines(raw)
    text = raw[body_start:]
    if not text.strip():
        raise RejectedInput("no body text")
    return {
        "article_id": input_stem(path),
        "title": headlines[0] if headlines else "",
        "headlines": headlines[1:],
        "text": text,
        "source": None,
        "date": pd.NaT,
        "url": None,
        "origin": origin,
        "sha256": sha256_text(text),
        "encoding": encoding,
    }


# ---------------------------------------------------------------------------------------------
# Dates


def parse_date(value: Any) -> pd.Timestamp:
    """A date or time value as a timezone-naive pandas Timestamp (UTC when a zone is given).

    Missing values (None, NaN, "") give NaT. Strings are read as ISO 8601, then with
    DATE_FORMATS. Raises ValueError for anything else, never guessing from today's date."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return pd.NaT
    if isinstance(value, (pd.Timestamp, datetime, _date, np.datetime64)):
        ts = pd.Timestamp(value)
    elif isinstance(value, str):
        s = " ".join(value.split())
        if not s:
            return pd.NaT
        parsed = None
        try:
            parsed = datetime.fromisoformat(s)
        except ValueError:
            for fmt in DATE_FORMATS:
                try:
                    parsed = datetime.strptime(s, fmt)
                    break
                except ValueError:
                    continue
        if parsed is None:
            raise ValueError(f"unparseable date {value!r}")
        try:
            ts = pd.Timestamp(parsed)
        except (OverflowError, ValueError):
            raise ValueError(f"date out of range {value!r}") from None
    else:
        raise ValueError(f"unparseable date {value!r} (a {type(value).__name__})")
    if ts is pd.NaT:
        return ts
    if ts.tzinfo is not None:
        ts = ts.tz_convert(timezone.utc).tz_localize(None)
    if not DATE_RANGE[0] <= ts < DATE_RANGE[1]:
        raise ValueError(f"date out of range {value!r} (news dates lie in {DATE_RANGE[0].year}-{DATE_RANGE[1].year - 1})")
    return ts.as_unit("ns")


# ---------------------------------------------------------------------------------------------
# Tables


def _check_mapping(columns: dict[str, str] | None) -> dict[str, str]:
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


def _table_units(path: Path, origin: str) -> tuple[list[str], list[tuple[int, Any]], str]:
    """Header, (line or row, record or RejectedInput) per unit, and encoding of one table."""
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


# ---------------------------------------------------------------------------------------------
# Loading


def _walk(paths: str | Path | Iterable) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(files to read in load order, [(entry, reason)] for entries of a folder that carry a
    supported name but are not regular files: broken symbolic links, pipes, sockets, devices;
    reading a pipe would block for ever, so they are reported, never opened)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    unreadable: list[tuple[Path, str]] = []
    for p in paths:
        path = config.resolve(p)
        if path.is_dir():
            found, odd = [], []
            for f in path.rglob("*"):
                if input_format(f) is None or any(part.startswith(".") for part in f.relative_to(path).parts):
                    continue
                if f.is_file():
                    found.append(f)
                elif not f.is_dir():
                    odd.append((f, _not_a_file_reason(f)))
            key = lambda f: f.relative_to(path).as_posix()  # noqa: E731
            files.extend(sorted(found, key=key))
            unreadable.extend(sorted(odd, key=lambda item: key(item[0])))
        elif path.is_file():
            if input_format(path) is None:
                raise ValueError(f"{p}: unsupported file type {path.suffix!r}; use one of "
                                 f"{SUPPORTED_SUFFIXES} (or {', '.join(s + GZIP_SUFFIX for s in GZIP_INNER_SUFFIXES)})")
            files.append(path)
        else:
            raise FileNotFoundError(f"{p}: no such file or folder (resolved to {path})")
    return files, unreadable


def _not_a_file_reason(path: Path) -> str:
    import stat

    if path.is_symlink() and not path.exists():
        return f"broken symbolic link (points to {os.readlink(path)!r}, which does not exist)"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read the file ({exc.strerror or exc})"
    for test, what in ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return f"not a regular file: {what}; not opened"
    return "not a regular file; not opened"


def _expand(paths: str | Path | Iterable) -> list[Path]:
    """Files to read, in load order: given files as given, folders recursively sorted by path
    (files and folders whose names start with "." skipped, other suffixes ignored, entries that
    are not regular files left out: see `_walk`)."""
    return _walk(paths)[0]


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
    and the two columns it adds are absent."""
    mapping = _check_mapping(columns)
    articles: list[dict] = []
    rejected: list[dict] = []

    def reject(origin_file: str, line: int | None, reason: str) -> None:
        where = origin_file if line is None else f"{origin_file}:{line}"
        rejected.append({"origin": where, "file": origin_file, "line": line, "reason": reason})

    files, unreadable = _walk(paths)
    for path, reason in unreadable:
        # The entry's own name (resolving it would name a symbolic link's missing target).
        reject(f"{config.relative(path.parent)}/{path.name}", None, reason)
    for path in files:
        origin = config.relative(path)
        suffix = input_format(path)
        if suffix in HTML_SUFFIXES:
            # Imported here: html_articles imports this module, and trafilatura is only needed for pages.
            from quotelens.load.html_pages import read_html_article

            try:
                articles.append(read_html_article(path))
            except RejectedInput as exc:
                reject(origin, None, exc.reason)
            except OSError as exc:
                reject(origin, None, f"cannot read the file ({exc.strerror or exc})")
            continue
        if suffix in TEXT_SUFFIXES:
            try:
                articles.append(read_seed_file(path))
            except RejectedInput as exc:
                reject(origin, None, exc.reason)
            continue
        try:
            header, units, encoding = _table_units(path, origin)
        except RejectedInput as exc:
            reject(origin, exc.line, exc.reason)
            continue
        if not units:
            reject(origin, None, "no rows")
            continue
        _table_articles(path, origin, header, units, encoding, mapping, articles, reject)
    read = len(articles) + len(rejected)
    frame = _articles_frame(articles)
    # The chunked pipeline (quotelens.scale.pipeline) loads a corpus piece by piece, where duplicates
    # within one piece mean little; it skips this all-pairs comparison.
    frame = mark_duplicates(frame) if duplicates else frame
    rejected_frame = pd.DataFrame(rejected, columns=REJECTED_COLUMNS)
    rejected_frame["line"] = rejected_frame["line"].astype("Int64")
    return LoadResult(articles=frame, rejected=rejected_frame, read=read)


def _table_articles(path: Path, origin: str, header: list[str], units: list[tuple[int, Any]], encoding: str,
                    mapping: dict[str, str], articles: list[dict], reject: Callable) -> None:
    """Normalise the units of one table (see `_table_units`) into Articles rows appended to
    `articles`; every unit that cannot be loaded goes to reject(file, line, reason)."""
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


def normalise_rows(path: str | Path, header: list[str], records: list[dict], first_row: int,
                   columns: dict[str, str] | None = None, encoding: str = "utf-8") -> LoadResult:
    """Articles from a slice of the table file `path`, exactly as `load_corpus` makes them from
    the same rows of the whole file: `records` are consecutive rows ({column: value}), the first
    being row `first_row` (1-based, as `load_corpus` numbers Parquet rows); `header` is the
    file's column names. Used by the chunked pipeline to load one chunk of a large Parquet file.

    Unlike `load_corpus`, ids are left as read (`original_id` all None): a slice cannot know
    the ids of the other slices, so the caller makes ids unique over the whole file (the
    pipeline does, with the same rule). Near-duplicate flags are not computed."""
    path = config.resolve(path)
    origin = config.relative(path)
    articles: list[dict] = []
    rejected: list[dict] = []

    def reject(origin_file: str, line: int | None, reason: str) -> None:
        where = origin_file if line is None else f"{origin_file}:{line}"
        rejected.append({"origin": where, "file": origin_file, "line": line, "reason": reason})

    units = [(first_row + i, r) for i, r in enumerate(records)]
    _table_articles(path, origin, header, units, encoding, _check_mapping(columns), articles, reject)
    rejected_frame = pd.DataFrame(rejected, columns=REJECTED_COLUMNS)
    rejected_frame["line"] = rejected_frame["line"].astype("Int64")
    return LoadResult(articles=_articles_frame(articles, unique_ids=False), rejected=rejected_frame,
                      read=len(articles) + len(rejected))


def _unique_ids(ids: list[str]) -> tuple[list[str], list[str | None]]:
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


def _articles_frame(articles: list[dict], unique_ids: bool = True) -> pd.DataFrame:
    extras: dict[str, None] = {}
    for a in articles:
        for key in a:
            if key not in ARTICLE_COLUMNS:
                extras.setdefault(key, None)
    ids = [a["article_id"] for a in articles]
    ids, originals = _unique_ids(ids) if unique_ids else (ids, [None] * len(ids))
    data: dict[str, Any] = {}
    for col in CONTRACT_COLUMNS + ["encoding"] + list(extras):
        data[col] = [a.get(col) for a in articles]
    data["article_id"] = ids
    data["original_id"] = originals
    frame = pd.DataFrame({c: pd.Series(v, dtype=object) for c, v in data.items()}, index=pd.RangeIndex(len(articles)))
    frame["date"] = pd.to_datetime(pd.Series([pd.NaT if d is None else d for d in data["date"]], dtype="datetime64[ns]"))
    for col in extras:
        frame[col] = _infer_extra(frame[col])
    order = CONTRACT_COLUMNS + ["encoding", "original_id"] + list(extras)
    return frame[order]


def _infer_extra(values: pd.Series) -> pd.Series:
    """A passed-through column with a nullable numeric dtype when every value is a number
    (so FA-KES `labels` stays an integer beside articles without labels), else as is."""
    present = [v for v in values if not _missing(v)]
    if present and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in present):
        return values.astype("Int64")
    if present and all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in present):
        return values.astype("Float64")
    return values


# ---------------------------------------------------------------------------------------------
# Duplicates

#: Words per shingle for near-duplicate detection. Five words rarely repeat by chance across
#: different articles, yet one edited sentence only changes the shingles that overlap it.
SHINGLE_WORDS = 5
#: Two articles are near duplicates when the Jaccard similarity of their shingle sets is at
#: least this. In FA-KES, each article's best match with an earlier one scores below 0.3 for
#: 738 of 804 articles (independent reports), 0.3-0.5 for 17 (outlets rewriting one agency
#: story: related, not copies, left unflagged) and 0.5-1.0 for 49 (the same copy re-dated,
#: re-headlined, trimmed or repeated); there is no sharp gap, so 0.5 is a judgement ...
NEAR_JACCARD = 0.5
#: ... or when at least this share of the shorter one's shingles occur in the longer one (a
#: copy cut short, or padded with boilerplate), provided the shorter has MIN_SHINGLES shingles.
NEAR_CONTAINMENT = 0.9
MIN_SHINGLES = 20
_WORD = re.compile(r"\w+")
_APOSTROPHES = re.compile(r"['’`]")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased k-word shingles of `text`. Apostrophes are removed first so "Assad's" and
    "Assads" (FA-KES stripped them upstream) agree. A text of fewer than k words is one shingle."""
    words = _WORD.findall(_APOSTROPHES.sub("", text.lower()))
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def mark_duplicates(
    articles: pd.DataFrame,
    jaccard: float = NEAR_JACCARD,
    containment: float = NEAR_CONTAINMENT,
    k: int = SHINGLE_WORDS,
    min_shingles: int = MIN_SHINGLES,
) -> pd.DataFrame:
    """Flag exact and near-duplicate articles; return a copy with `duplicate_of` and
    `duplicate_similarity` set after `sha256`.

    `duplicate_of` is the article_id of the earliest article (in row order) that this one
    copies, or None; chains resolve to the first copy. `duplicate_similarity` (0-1) is 1.0 for
    identical text, else the Jaccard similarity of the k-word shingle sets with that earlier
    copy. Similarity is computed exactly for every pair (sparse matrix product, in blocks), so
    the result is deterministic; no row is dropped."""
    from scipy import sparse

    out = articles.copy()
    n = len(out)
    duplicate_of: list[str | None] = [None] * n
    similarity: list[float] = [np.nan] * n
    ids = out["article_id"].tolist()
    texts = out["text"].tolist()
    first_by_hash: dict[str, int] = {}
    root = list(range(n))
    for i, digest in enumerate(sha256_text(t) for t in texts):
        if digest in first_by_hash:
            root[i] = first_by_hash[digest]
            similarity[i] = 1.0
        else:
            first_by_hash[digest] = i
    # Near duplicates among the distinct texts.
    distinct = [i for i in range(n) if root[i] == i]
    vocab: dict[str, int] = {}
    rows, cols = [], []
    sizes = np.zeros(len(distinct), dtype=np.int64)
    for r, i in enumerate(distinct):
        sh = shingles(texts[i], k)
        sizes[r] = len(sh)
        for s in sh:
            rows.append(r)
            cols.append(vocab.setdefault(s, len(vocab)))
    if distinct and vocab:
        matrix = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(distinct), len(vocab))
        )
        block = 1000
        for lo in range(0, len(distinct), block):
            # Shared shingle counts of this block's articles with every article, vectorised.
            inter = (matrix[lo:lo + block] @ matrix.T).tocoo()
            ra = inter.row.astype(np.int64) + lo
            rb = inter.col.astype(np.int64)
            common = inter.data.astype(np.float64)
            earlier = rb < ra  # only compare with earlier articles
            ra, rb, common = ra[earlier], rb[earlier], common[earlier]
            union = sizes[ra] + sizes[rb] - common
            jac = np.divide(common, union, out=np.zeros_like(common), where=union > 0)
            small = np.minimum(sizes[ra], sizes[rb])
            contained = (small >= min_shingles) & (common >= containment * small)
            hit = (jac >= jaccard) | contained
            # Stable sort by (copy, original) so each copy takes its earliest original.
            order = np.lexsort((rb[hit], ra[hit]))
            for a, b, sim in zip(ra[hit][order], rb[hit][order], jac[hit][order]):
                i, j = distinct[a], distinct[b]
                if root[i] == i:
                    root[i] = j
                    similarity[i] = float(sim)
    # Resolve chains so every copy points at the first article of its group.
    for i in range(n):
        j = root[i]
        while root[j] != j:
            j = root[j]
        root[i] = j
        if j != i:
            duplicate_of[i] = ids[j]
    cols_before = [c for c in out.columns if c not in ("duplicate_of", "duplicate_similarity")]
    out = out[cols_before]
    at = cols_before.index("sha256") + 1 if "sha256" in cols_before else len(cols_before)
    out.insert(at, "duplicate_of", pd.Series(duplicate_of, index=out.index, dtype=object))
    out.insert(at + 1, "duplicate_similarity", pd.Series(similarity, index=out.index, dtype="float64"))
    return out

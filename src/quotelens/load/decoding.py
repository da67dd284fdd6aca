"""From a file's bytes to text: gzip decompression (keeping what precedes damage, refusing to
inflate past a bound), then decoding (UTF-8 with or without BOM, UTF-16 with BOM, else a
cp1252/latin-1 fallback with a warning), rejecting empty and binary files. Line-oriented files
(JSONL, CSV) are decoded line by line, so one bad line costs that line (or its CSV record)
only; saved web pages are decoded with the charset they declare.

Reads: input files. Writes: bytes, then (text, encoding name) or per-line texts; CorpusWarning
on a fallback.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import os
import re
import warnings
import zlib
from dataclasses import dataclass
from pathlib import Path

from quotelens.load.conventions import FALLBACK_ENCODINGS, UTF8_BOM, UTF16_BOMS, WEB_CHARSET_LABELS
from quotelens.load.errors import CorpusWarning, RejectedInput
from quotelens.load.files import GZIP_SUFFIX

#: The two bytes every gzip member starts with (RFC 1952, section 2.3.1).
GZIP_MAGIC = b"\x1f\x8b"
#: Environment variable that sets how many bytes a gzip file may inflate to (all members
#: together) before it is rejected unread; the default is DEFAULT_MAX_GUNZIP_BYTES.
MAX_GUNZIP_BYTES_ENV = "QUOTELENS_MAX_GUNZIP_BYTES"
#: 1 GiB: far above any news archive file we know of, far below what would exhaust memory.
DEFAULT_MAX_GUNZIP_BYTES = 1 << 30
# Compressed bytes handed to zlib per call.
_PIECE = 1 << 16


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
    UTF-8 are decoded with the first of FALLBACK_ENCODINGS that succeeds (cp1252, else latin-1),
    with a CorpusWarning naming the file and the
    first offending line, so mojibake is never silent. Raises RejectedInput for an empty or
    binary file (NUL bytes, e.g. UTF-16 without a BOM, or too many control characters)."""
    if not data.strip():
        raise RejectedInput("empty file")
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise RejectedInput(f"UTF-16 byte-order mark but undecodable bytes at offset {exc.start}") from None
    if b"\x00" in data:
        raise RejectedInput("binary file (NUL bytes; UTF-16 without a byte-order mark is not supported)")
    if data.startswith(UTF8_BOM):
        try:
            text, encoding = data[len(UTF8_BOM):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise RejectedInput(f"UTF-8 byte-order mark but invalid UTF-8 at byte {exc.start + len(UTF8_BOM)}") from None
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            text, encoding = _fallback_decode(data)
            warnings.warn(
                f"{name}: not valid UTF-8 (first bad byte 0x{data[exc.start]:02x} on line {line}); "
                f"decoded as {encoding}: check the text for mojibake",
                CorpusWarning,
                stacklevel=3,
            )
    _check_not_binary(text)
    return text, encoding


def _fallback_decode(data: bytes) -> tuple[str, str]:
    """`data` (not UTF-8) decoded with the first of FALLBACK_ENCODINGS that succeeds."""
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    # Only if FALLBACK_ENCODINGS lost latin-1, which decodes every byte.
    raise RejectedInput(f"not decodable with {FALLBACK_ENCODINGS}")


def _check_not_binary(text: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise RejectedInput(f"binary file ({controls} control characters in {len(text)})")


def _numbers(numbers: list[int], shown: int = 5) -> str:
    """'line 4', 'lines 4, 7', 'lines 4, 7, 9, 12, 15 and 3 more'."""
    head = ", ".join(map(str, numbers[:shown]))
    more = f" and {len(numbers) - shown} more" if len(numbers) > shown else ""
    return f"line{'s' if len(numbers) > 1 else ''} {head}{more}"


def decode_lines(data: bytes, name: str = "<bytes>") -> tuple[list[tuple[str | RejectedInput, str]], str]:
    """Decode a line-oriented file (JSON Lines) line by line: ([(text or RejectedInput,
    encoding)] per physical line, split at "\n", in order; the file's encoding).

    Each line is UTF-8 or, failing that, decoded on its own with the first of
    FALLBACK_ENCODINGS that succeeds (one CorpusWarning names those lines), so one line written
    by another tool costs no other line its characters. A line holding a raw NUL byte is a
    RejectedInput (no text format puts one in a line). A UTF-16 file (with BOM) is decoded
    whole. Raises RejectedInput for an empty file, and for a binary one: NUL bytes on most of
    its lines (UTF-16 without a byte-order mark looks like this) or too many control characters."""
    if not data.strip():
        raise RejectedInput("empty file")
    if data.startswith(UTF16_BOMS):
        text, encoding = decode_bytes(data, name)
        return [(line, encoding) for line in text.split("\n")], encoding
    body, encoding = (data[len(UTF8_BOM):], "utf-8-sig") if data.startswith(UTF8_BOM) else (data, "utf-8")
    raw = body.split(b"\n")
    with_nul = sum(1 for line in raw if b"\x00" in line)
    if with_nul and 2 * with_nul > sum(1 for line in raw if line.strip()):
        raise RejectedInput("binary file (NUL bytes; UTF-16 without a byte-order mark is not supported)")
    lines: list[tuple[str | RejectedInput, str]] = []
    fallbacks: list[tuple[int, int, str]] = []  # (line, first bad byte, encoding used)
    for number, line in enumerate(raw, start=1):
        if b"\x00" in line:
            column = len(line[: line.index(b"\x00")].decode("utf-8", "replace")) + 1
            lines.append((RejectedInput(f"raw NUL byte at column {column} (binary data inside a text line; "
                                        "JSON writes the character as \\u0000); this line skipped", number), encoding))
            continue
        try:
            lines.append((line.decode("utf-8"), encoding))
        except UnicodeDecodeError as exc:
            text, used = _fallback_decode(line)
            fallbacks.append((number, line[exc.start], used))
            lines.append((text, used))
    _warn_fallback_lines(name, fallbacks)
    _check_not_binary("\n".join(text for text, _ in lines if isinstance(text, str)))
    return lines, encoding


def _warn_fallback_lines(name: str, fallbacks: list[tuple[int, int, str]]) -> None:
    """One CorpusWarning naming the lines of `name` decoded with a fallback encoding:
    `fallbacks` holds (line, first bad byte, encoding used) per such line."""
    if not fallbacks:
        return
    numbers = [n for n, _, _ in fallbacks]
    used = sorted({enc for _, _, enc in fallbacks}, key=FALLBACK_ENCODINGS.index)
    warnings.warn(
        f"{name}: {_numbers(numbers)} {'is' if len(numbers) == 1 else 'are'} not valid UTF-8 (first bad byte "
        f"0x{fallbacks[0][1]:02x} on line {numbers[0]}); decoded as {' or '.join(used)}, the other lines as "
        f"UTF-8: check {'it' if len(numbers) == 1 else 'them'} for mojibake",
        CorpusWarning,
        stacklevel=4,
    )


@dataclass
class DecodedLines:
    """A file decoded physical line by physical line (`decode_physical_lines`).

    lines: the texts, each with its line end, so "".join(lines) is the file's text. encodings:
    how each line was decoded. nul_columns: {line (1-based): column (1-based)} of the first raw
    NUL byte on each line that holds one. encoding: the file's (utf-8, utf-8-sig, utf-16)."""

    lines: list[str]
    encodings: list[str]
    nul_columns: dict[int, int]
    encoding: str


def decode_physical_lines(data: bytes, name: str = "<bytes>") -> DecodedLines:
    """Decode a file whose records are made of physical lines (CSV) line by line, so one line
    written by another tool costs no other line its characters: each line is UTF-8 or, failing
    that, decoded on its own with the first of FALLBACK_ENCODINGS that succeeds (one
    CorpusWarning names those lines). A file in which no line needs UTF-8 (every line with a
    byte above 0x7f is not UTF-8) is a legacy file: its ASCII lines are counted as decoded with
    its fallback too (ASCII reads alike in all of them). Lines holding a raw NUL byte are
    decoded and listed in `nul_columns` (the caller rejects their records). A UTF-16 file (with
    BOM) is decoded whole. Raises RejectedInput for an empty or binary file (NUL bytes on most
    of its lines, or too many control characters)."""
    if not data.strip():
        raise RejectedInput("empty file")
    if data.startswith(UTF16_BOMS):
        text, encoding = decode_bytes(data, name)
        lines = io.StringIO(text, newline="").readlines()
        return DecodedLines(lines, [encoding] * len(lines), {}, encoding)
    body, encoding = (data[len(UTF8_BOM):], "utf-8-sig") if data.startswith(UTF8_BOM) else (data, "utf-8")
    if b"\x00" not in body:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # the usual case, at C speed: every line is UTF-8
            _check_not_binary(text)
            lines = io.StringIO(text, newline="").readlines()
            return DecodedLines(lines, [encoding] * len(lines), {}, encoding)
    # bytes.splitlines breaks at \r\n, \r and \n only, as the csv module counts lines; in
    # UTF-8, cp1252 and latin-1 these bytes never belong to another character.
    raw = body.splitlines(keepends=True)
    with_nul = sum(1 for line in raw if b"\x00" in line)
    if with_nul and 2 * with_nul > sum(1 for line in raw if line.strip()):
        raise RejectedInput("binary file (NUL bytes; UTF-16 without a byte-order mark is not supported)")
    lines: list[str] = []
    encodings: list[str] = []
    nul_columns: dict[int, int] = {}
    fallbacks: list[tuple[int, int, str]] = []  # (line, first bad byte, encoding used)
    needs_utf8 = False
    for number, line in enumerate(raw, start=1):
        if b"\x00" in line:
            nul_columns[number] = len(line[: line.index(b"\x00")].decode("utf-8", "replace")) + 1
        try:
            lines.append(line.decode("utf-8"))
            encodings.append(encoding)
            needs_utf8 = needs_utf8 or not line.isascii()
        except UnicodeDecodeError as exc:
            text, used = _fallback_decode(line)
            fallbacks.append((number, line[exc.start], used))
            lines.append(text)
            encodings.append(used)
    if fallbacks and not needs_utf8:
        encodings = [fallbacks[0][2] if e == encoding else e for e in encodings]
    _check_not_binary("".join(line for i, line in enumerate(lines, start=1) if i not in nul_columns))
    _warn_fallback_lines(name, fallbacks)  # after: a binary file is rejected, not warned about
    return DecodedLines(lines, encodings, nul_columns, encoding)


# A charset declared in a page's markup: <meta charset=...>, <meta http-equiv="Content-Type"
# content="...; charset=...">, or an XML declaration's encoding="..." (XHTML).
_DECLARED_CHARSET = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:\-]+)|<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:\-]+)",
    re.I)
# How far into a page a declaration is looked for: its <head>, within this many bytes.
_DECLARATION_WINDOW = 1 << 16


def _declared_label(data: bytes) -> str | None:
    """The charset label a page's markup declares, as written (before </head>, within its
    first 64 KiB); None when there is none."""
    head = data[:_DECLARATION_WINDOW]
    end = head.lower().find(b"</head")
    match = _DECLARED_CHARSET.search(head if end < 0 else head[:end])
    return (match.group(1) or match.group(2)).decode("ascii").strip() if match else None


def declared_charset(data: bytes) -> str | None:
    """The Python codec for the charset a saved web page declares in its markup (before
    </head>, within its first 64 KiB), with web labels read as browsers read them
    (WEB_CHARSET_LABELS); None when it declares none or one Python does not know."""
    label = _declared_label(data)
    if label is None:
        return None
    try:
        return codecs.lookup(WEB_CHARSET_LABELS.get(label.lower(), label.lower())).name
    except LookupError:
        return None


def decode_page(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a saved web page; return (text, encoding name: Python's codec name, e.g. cp1256).

    A byte-order mark decides first; then the charset the page declares (`declared_charset`),
    unless the page is ASCII (every such charset reads it alike, reported as utf-8) or is valid
    UTF-8 with other characters (a page re-saved as UTF-8 that kept its old declaration: read as
    UTF-8, with a CorpusWarning). Bytes the declared charset cannot decode fall back to
    `decode_bytes`, with a warning. Raises RejectedInput for an empty or binary page."""
    declared = declared_charset(data)
    if data.startswith(UTF16_BOMS + (UTF8_BOM,)) or declared in (None, "utf-8") or b"\x00" in data or data.isascii():
        return decode_bytes(data, name)
    label = _declared_label(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        warnings.warn(f"{name}: declares {label} but is valid UTF-8 with non-ASCII text; read as UTF-8",
                      CorpusWarning, stacklevel=2)
        return decode_bytes(data, name)
    try:
        text = data.decode(declared)
    except UnicodeDecodeError as exc:
        warnings.warn(f"{name}: declares {label} but byte {exc.start:,} is not {label}; "
                      "decoding as if nothing were declared", CorpusWarning, stacklevel=2)
        return decode_bytes(data, name)
    _check_not_binary(text)
    return text, declared


def max_gunzip_bytes() -> int:
    """How many bytes a gzip input may inflate to: $QUOTELENS_MAX_GUNZIP_BYTES when set, else
    DEFAULT_MAX_GUNZIP_BYTES. Raises ValueError for a setting that is not a whole number >= 1."""
    setting = os.environ.get(MAX_GUNZIP_BYTES_ENV, "").strip()
    if not setting:
        return DEFAULT_MAX_GUNZIP_BYTES
    try:
        limit = int(setting)
    except ValueError:
        limit = 0
    if limit < 1:
        raise ValueError(f"{MAX_GUNZIP_BYTES_ENV} must be a whole number of bytes, at least 1; got {setting!r}")
    return limit


class _InflatesTooFar(Exception):
    """The gzip data holds more than the bound allows."""


def _gunzip(data: bytes, limit: int) -> tuple[bytes, str | None]:
    """Decompress gzip `data` (several members allowed). Returns (bytes, None), or, for a
    truncated or damaged stream, (the bytes recovered before the damage, the reason). Raises
    _InflatesTooFar as soon as the output would pass `limit` bytes, so at most `limit` bytes
    are ever held."""
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        done = 0
        try:
            # In pieces, so the output before a corrupt block is kept; each call may return at
            # most one byte past the bound, so a small file that inflates enormously is caught
            # before its output is held.
            for lo in range(0, len(rest), _PIECE):
                chunk = inflater.decompress(rest[lo:lo + _PIECE], limit - total + 1)
                total += len(chunk)
                if total > limit:
                    raise _InflatesTooFar
                out.append(chunk)
                done = lo + _PIECE
                if inflater.eof:
                    break
        except zlib.error as exc:
            offset = len(data) - len(rest) + done
            return b"".join(out), f"damaged gzip data near compressed byte {offset:,} ({exc})"
        if not inflater.eof:
            return b"".join(out), f"gzip stream truncated (the file ends after {len(data):,} bytes, inside the compressed data)"
        # The next member starts in what this piece left over, followed by the pieces not yet given.
        rest = inflater.unused_data + rest[done:]
        if rest and not rest.startswith(GZIP_MAGIC):
            if rest.strip(b"\x00"):
                return b"".join(out), f"unexpected bytes after the gzip data (at byte {len(data) - len(rest):,})"
            break
    return b"".join(out), None


def read_input_bytes(path: Path) -> tuple[bytes, str | None]:
    """The bytes of an input file, decompressed when its name ends in ".gz": (bytes, None), or
    (bytes recovered, reason) for a damaged gzip stream. Raises RejectedInput when the file
    cannot be read (permissions, a folder or pipe behind the name), is not gzip at all, or
    inflates past `max_gunzip_bytes()` bytes (then nothing past the bound is held)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RejectedInput(f"cannot read the file ({exc.strerror or exc})") from None
    if not path.name.lower().endswith(GZIP_SUFFIX):
        return data, None
    if not data:
        raise RejectedInput("empty file")
    if not data.startswith(GZIP_MAGIC):
        raise RejectedInput("not a gzip file (its name ends in .gz but it does not start with the gzip signature)")
    limit = max_gunzip_bytes()
    try:
        out, damage = _gunzip(data, limit)
    except _InflatesTooFar:
        raise RejectedInput(f"gzip data inflates past the limit of {limit:,} bytes; not read "
                            f"(the limit is set by {MAX_GUNZIP_BYTES_ENV})") from None
    if damage and not out:
        raise RejectedInput(damage)
    return out, damage

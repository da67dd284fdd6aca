"""From a file's bytes to text: gzip decompression (keeping what precedes damage), then decoding
(UTF-8 with or without BOM, UTF-16 with BOM, else a cp1252/latin-1 fallback with a warning),
rejecting empty and binary files.

Reads: input files. Writes: bytes, then (text, encoding name); CorpusWarning on a fallback.
"""

from __future__ import annotations

import hashlib
import re
import warnings
import zlib
from pathlib import Path

from quotelens.load.conventions import FALLBACK_ENCODINGS, UTF8_BOM, UTF16_BOMS
from quotelens.load.errors import CorpusWarning, RejectedInput
from quotelens.load.files import GZIP_SUFFIX

#: The two bytes every gzip member starts with (RFC 1952, section 2.3.1).
GZIP_MAGIC = b"\x1f\x8b"


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
            for encoding in FALLBACK_ENCODINGS:
                try:
                    text = data.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:  # only if FALLBACK_ENCODINGS lost latin-1, which decodes every byte
                raise RejectedInput(f"not decodable with {FALLBACK_ENCODINGS}")
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
        if rest and not rest.startswith(GZIP_MAGIC):
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
    if not data.startswith(GZIP_MAGIC):
        raise RejectedInput("not a gzip file (its name ends in .gz but it does not start with the gzip signature)")
    out, damage = _gunzip(data)
    if damage and not out:
        raise RejectedInput(damage)
    return out, damage

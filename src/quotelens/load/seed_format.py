"""The seed format: a plain-text article whose leading one-line blocks are headlines, then the body.

Reads: a .txt (or .txt.gz) file. Writes: one Articles row (dict) with the body text exactly as
in the file, so statement offsets index it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from quotelens import config
from quotelens.load.conventions import CLOSING_MARKS, SENTENCE_END_MARKS
from quotelens.load.decoding import decode_bytes, read_input_bytes, sha256_text
from quotelens.load.errors import RejectedInput
from quotelens.load.files import input_stem

# A headline is a single line (no line break inside its block), at most this long, that does not
# end like a sentence. News bodies are built from sentences, so even a one-line paragraph ends
# with . ! ? or : (possibly inside a closing quote or bracket), while headlines, kickers and
# subheads do not ("'No breakthrough, no breakdown' as Syria talks wrap up"). A dateline
# paragraph ("DAMASCUS, (SANA) -") would be misread as a headline; none occur in our seeds.
MAX_HEADLINE_CHARS = 200
# One sentence-end mark, then any closing quotes or brackets, then only whitespace.
_SENTENCE_END = re.compile(f"[{re.escape(SENTENCE_END_MARKS)}][{re.escape(CLOSING_MARKS)}]*\\s*$")
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

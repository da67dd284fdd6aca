"""Invisible format characters in names: bidirectional marks and embeddings (RLM, LRM, LRE,
RLE, PDF, LRI, RLI, FSI, PDI), zero-width spaces and joiners, the word joiner, the byte-order
mark and the soft hyphen.

They change nothing a reader sees, so they must change nothing the extractor decides: a mark
before a name must not hide the name, and "Jo<ZWSP>hn Smith" is "John Smith". The text itself is
never rewritten (offsets index the original); names are compared and written without these
characters, while the mention keeps them (text[speaker_start:speaker_end]).

Reads: strings. Writes: strings, and offset maps into the original.
"""

from __future__ import annotations

import re
from typing import Sequence

# U+00AD soft hyphen, U+180E Mongolian vowel separator, U+200B-U+200F zero-width space,
# non-joiner, joiner, LRM, RLM, U+202A-U+202E embeddings and overrides, U+2060-U+2064 word
# joiner and invisible operators, U+2066-U+2069 isolates, U+FEFF byte-order mark.
INVISIBLE_CLASS = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]")


def strip_invisible(s: str) -> str:
    """`s` without invisible format characters."""
    if s.isascii():
        return s  # every invisible character is outside ASCII; isascii() costs nothing
    return INVISIBLE.sub("", s) if s and INVISIBLE.search(s) else s


def visible_text(text: str) -> tuple[str, Sequence[int]]:
    """`text` without invisible characters, and for each character of the result its offset in
    `text` (plus one final entry, len(text)), so a span [s, e) of the result is
    [where[s], where[e - 1] + 1) of the original. A text without them is returned itself, with
    a range as its offsets (no list of a million numbers for a 1 MB text)."""
    if not INVISIBLE.search(text):
        return text, range(len(text) + 1)
    where = [i for i, c in enumerate(text) if not INVISIBLE.match(c)]
    where.append(len(text))
    return "".join(text[i] for i in where[:-1]), where

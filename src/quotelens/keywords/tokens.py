"""Tokens and terms for keyword statistics, made for news quotes.

Every token keeps its character span into the text it came from, so any term can be shown in
context (KWIC) with offsets that index the statement and, through the statement's own offsets,
the article.

Normalisation decisions (documented in the README, section Keywords):

- Lower-casing, except acronyms: an all-capital word of 2-6 letters ("HNC", "UN", "US") or a
  dotted acronym ("U.N.", "U.S.A.") becomes the upper-case letters without dots ("UN",
  "USA"). So "U.N." and "UN" are one term, and "US" (the country) never collides with the
  pronoun "us", which is a stop word.
- Hyphenated words stay one token ("al-Assad" -> "al-assad", "Moscow-based" -> "moscow-based",
  "U.S.-backed" -> "US-backed"); each hyphen part is normalised on its own. A dangling hyphen
  ("Moscow- and Cairo-based") ends the word.
- Possessive "'s" and a trailing apostrophe are dropped ("Assad's" -> "assad").
- Numbers are tokens ("70", "2254", "3.5", "1990s"); thousands commas are removed
  ("1,000" -> "1000"). `numbers="drop"` treats them as stop words.
- Stop words (`stopwords_en.txt`, written for this project) and one-letter words never start or
  end a term; n-grams (up to 3) may hold stop words inside ("freedom of speech") and never
  cross punctuation, so "talks. Russia" is not a bigram.
- Optional Snowball (Porter 2) stemming of each hyphen part; acronyms and numbers are not stemmed.
- A token longer than MAX_TOKEN_CHARS (50) characters is not a word: no English word or
  hyphenated compound is that long, while glued text, encoded data and hostile input are. It is
  no term and breaks n-grams like punctuation. This also bounds the cost of counting: a
  60,000-character "word" once made every term column 60,000 characters wide.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Iterator, Literal, NamedTuple

STOPWORDS_FILE = "stopwords_en.txt"
#: Longest token that can be (part of) a term, in characters; longer ones are skipped.
MAX_TOKEN_CHARS = 50

# One regex alternation, tried left to right at each position:
# dotted acronyms (optionally hyphenated on: "U.S.-backed"), numbers with decimal or thousands
# separators, then words (letters/digits with inner hyphens or apostrophes).
_TOKEN = re.compile(
    r"(?P<dotted>(?:[^\W\d_]\.){2,}(?:-\w+(?:['’]\w+)*)*)"
    r"|(?P<number>\d+(?:[.,]\d+)+(?:-\w+)*)"
    r"|(?P<word>\w+(?:[-'’]\w+)*)"
)
# Characters that may sit between two tokens of one clause; anything else (. , ; : ! ? quotes,
# brackets, dashes, slashes) breaks n-grams.
_JOINING_GAP = re.compile(r"[\s\-]*")
_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_ACRONYM_PART = re.compile(r"^[A-Z]{2,6}$")


class Token(NamedTuple):
    """One token: its normalised form, its character span [start, end) in the text, and
    whether it may start or end a term (False for stop words and one-letter words)."""

    norm: str
    start: int
    end: int
    content: bool


class Term(NamedTuple):
    """One term occurrence: the term (tokens joined by a space), its character span
    [start, end) in the text, and the surface text it covers."""

    term: str
    start: int
    end: int


@dataclass(frozen=True)
class TokenOptions:
    """How text becomes terms.

    ngram_max: longest n-gram (1-3, in tokens). stem: Snowball-stem each word part.
    numbers: "keep" numbers as terms or "drop" them like stop words. extra_stopwords: more
    lower-case words to drop (e.g. the actors' own names)."""

    ngram_max: int = 2
    stem: bool = False
    numbers: Literal["keep", "drop"] = "keep"
    extra_stopwords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= int(self.ngram_max) <= 3:
            raise ValueError(f"ngram_max must be 1, 2 or 3 (got {self.ngram_max!r})")
        if self.numbers not in ("keep", "drop"):
            raise ValueError(f"numbers must be 'keep' or 'drop' (got {self.numbers!r})")

    def describe(self) -> str:
        """A one-line statement of these options, for tables and figure notes."""
        stem = "Snowball stems" if self.stem else "no stemming"
        return f"1-{self.ngram_max}-grams, {stem}, numbers {self.numbers}, project stop-word list"


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The project's English stop words (lower-case), read from stopwords_en.txt."""
    text = importlib_resources.files("quotelens.keywords").joinpath(STOPWORDS_FILE).read_text(encoding="utf-8")
    words = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.replace("’", "'"))
    return frozenset(words)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer  # ships with nltk: no data download

    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def _stem_word(word: str) -> str:
    parts = word.split("-")
    out = []
    for part in parts:
        if _ACRONYM_PART.match(part) or not part.isalpha():
            out.append(part)
        else:
            out.append(_stemmer().stem(part))
    return "-".join(out)


def _normalise_part(part: str) -> str:
    return part if _ACRONYM_PART.match(part) else part.lower()


def _normalise(kind: str, surface: str) -> tuple[str, bool]:
    """(normalised form, is_number) of one matched token."""
    if kind == "dotted":
        head, _, tail = surface.partition(".-")
        if tail:  # "U.S.-backed"
            letters = head.replace(".", "")
            rest = "-".join(_normalise_part(p) for p in tail.split("-"))
            first = letters.upper() if letters.isupper() else letters.lower()
            return f"{first}-{rest}", False
        letters = surface.replace(".", "")
        return (letters.upper() if letters.isupper() else letters.lower()), False
    if kind == "number":
        return _THOUSANDS.sub("", surface).lower(), True
    word = surface.replace("’", "'")
    word = _POSSESSIVE.sub("", word) if ("'" in word) else word
    if word.isdigit():
        return word, True
    return "-".join(_normalise_part(p) for p in word.split("-")), False


def tokenize(text: str, options: TokenOptions | None = None) -> list[list[Token]]:
    """The tokens of `text`, grouped into clauses (runs not separated by punctuation).

    Spans index `text` in characters. Stop words are kept (content=False) so that n-grams
    respect their position; they never become terms on their own. A token longer than
    MAX_TOKEN_CHARS is left out and ends the clause, as punctuation does."""
    options = options or TokenOptions()
    stop = stopwords()
    extra = frozenset(w.lower() for w in options.extra_stopwords)
    clauses: list[list[Token]] = []
    current: list[Token] = []
    prev_end = None
    for m in _TOKEN.finditer(text):
        if m.end() - m.start() > MAX_TOKEN_CHARS:
            if current:
                clauses.append(current)
            current = []
            prev_end = m.end()
            continue
        kind = m.lastgroup
        surface = m.group()
        norm, is_number = _normalise(kind, surface)
        if not norm:
            continue
        if prev_end is not None and not _JOINING_GAP.fullmatch(text, prev_end, m.start()):
            if current:
                clauses.append(current)
            current = []
        prev_end = m.end()
        lower = norm.lower()
        if is_number:
            content = options.numbers == "keep"
        else:
            is_acronym = norm.isupper() and len(norm) > 1
            content = is_acronym or not (
                lower in stop or lower in extra or (len(norm) == 1 and not norm.isdigit())
            )
        if options.stem and content and not is_number:
            norm = _stem_word(norm)
        current.append(Token(norm, m.start(), m.end(), content))
    if current:
        clauses.append(current)
    return clauses


def iter_terms(text: str, options: TokenOptions | None = None) -> Iterator[Term]:
    """Every term occurrence in `text`: n-grams of 1..options.ngram_max tokens within a clause
    whose first and last tokens are content tokens. Yields in text order, shorter first."""
    options = options or TokenOptions()
    n_max = options.ngram_max
    for clause in tokenize(text, options):
        length = len(clause)
        for i, first in enumerate(clause):
            if not first.content:
                continue
            yield Term(first.norm, first.start, first.end)
            for n in range(2, n_max + 1):
                j = i + n - 1
                if j >= length:
                    break
                last = clause[j]
                if last.content:
                    yield Term(" ".join(t.norm for t in clause[i : j + 1]), first.start, last.end)


def terms(text: str, options: TokenOptions | None = None) -> list[str]:
    """The terms of `text` as strings (see `iter_terms`)."""
    return [t.term for t in iter_terms(text, options)]

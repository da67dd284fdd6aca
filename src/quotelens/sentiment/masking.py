"""Masking topic words before sentiment scoring (see data/sentiment/topic_words_conflict.yaml
for the default list and why it exists).

A masked word is replaced by MASK_TOKEN, a word no lexicon or trained model knows, so it adds no
valence while the sentence keeps its length in words (VADER's rules look up to three words back).
The article text is never touched: masking works on a copy of a statement's quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from quotelens import config
from quotelens.yaml_files import load_yaml, yaml_error_message

MASK_TOKEN = "topicterm"
DEFAULT_TOPIC_WORDS = config.DATA_DIR / "sentiment" / "topic_words_conflict.yaml"
_WORD = re.compile(r"\w+")


def _entry_pattern(entry: str) -> str:
    words = entry.strip().split()
    parts = []
    for word in words:
        star = word.endswith("*")
        body = re.escape(word.rstrip("*"))
        parts.append(body + (r"[\w'\u2019-]*" if star else ""))
    return r"\s+".join(parts)


@dataclass
class TopicMask:
    """A list of topic terms compiled into one case-insensitive regular expression; longer
    entries win where entries overlap ("civil war" before "war")."""

    name: str
    terms: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.terms:
            self._pattern = None
            return
        # A cheap pre-check (a superset test on plain words) spares most texts the long
        # regular expression: only texts holding a possible first word of some term run it.
        exact, prefixes = set(), set()
        for term in self.terms:
            first = term.split()[0].lower()
            lead = re.match(r"\w*", first).group(0)
            if lead == first:
                exact.add(first)
            else:
                prefixes.add(lead)
        self._first_words = frozenset(exact)
        self._first_prefixes = tuple(sorted(prefixes))
        ordered = sorted(set(self.terms), key=lambda t: (-len(t.split()), -len(t), t))
        body = "|".join(_entry_pattern(t) for t in ordered)
        # A term must stand as a whole word: not inside a longer word, hyphen parts allowed.
        self._pattern = re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)

    def apply(self, text: str) -> tuple[str, list[str]]:
        """`text` with every topic term replaced by MASK_TOKEN, and the masked words in order."""
        if self._pattern is None or not text:
            return text, []
        first_words, prefixes = self._first_words, self._first_prefixes
        if not any(w in first_words or w.startswith(prefixes) for w in _WORD.findall(text.lower())):
            return text, []
        found: list[str] = []

        def _replace(m: re.Match) -> str:
            found.append(m.group(0))
            return MASK_TOKEN

        return self._pattern.sub(_replace, text), found


def load_topic_words(path: str | Path | None = None) -> TopicMask:
    """Read a topic-word list (YAML with `name` and `terms`, or a plain text file with one term
    per line, "#" comments allowed). `path=None` reads the default conflict-news list; an empty
    string disables masking. Raises ValueError naming the file and the bad entry."""
    if path is not None and str(path) == "":
        return TopicMask("none", ())
    path = config.resolve(path) if path is not None else DEFAULT_TOPIC_WORDS
    text = Path(path).read_text(encoding="utf-8")
    if Path(path).suffix.lower() in (".yml", ".yaml"):
        try:
            data = load_yaml(text)  # a key given twice is an error, not a list silently replaced
        except yaml.YAMLError as exc:
            raise ValueError(yaml_error_message(str(path), exc)) from None
        if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
            raise ValueError(f"{path}: expected a mapping with a `terms` list")
        terms = data["terms"]
        name = str(data.get("name", Path(path).stem))
    else:
        terms = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        name = Path(path).stem
    for i, term in enumerate(terms, start=1):
        if not isinstance(term, str) or not term.strip() or term.strip().startswith("*"):
            raise ValueError(f"{path}: term {i} ({term!r}) must be words, optionally ending in *")
    return TopicMask(name, tuple(t.strip() for t in terms))

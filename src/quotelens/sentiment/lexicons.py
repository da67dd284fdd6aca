"""Word lists with valences: the AFINN and VADER lexicons from pinned packages, and researchers'
own dictionaries (YAML in quanteda's layout, or tab-separated term/weight files).

All matching runs over one fast tokenisation (`word_tokens`): lower-cased words, apostrophes
unified, hyphenated words kept whole. A `Lexicon` matches multi-word entries before single words
(longest match first, no overlaps), glob entries ("abandon*") after exact ones, and scores a
text as the sum of the valences it matched. Scores are mapped to [-1, 1] with VADER's
normalisation x / sqrt(x^2 + 15), so every lexicon's score reads on the same scale as VADER's
compound score.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from fnmatch import translate as glob_to_regex
from functools import lru_cache
from importlib import resources as importlib_resources
from pathlib import Path
from typing import NamedTuple

import yaml

from quotelens.yaml_files import load_yaml

# Words joined by an apostrophe or a hyphen stay one token ("can't", "cover-up").
_TOKEN_RE = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")

# Words that reverse the valence of a sentiment word within NEGATION_WINDOW tokens after them.
NEGATORS = frozenset(
    """not no never none nobody nothing neither nor nowhere without cannot can't won't don't doesn't
    didn't isn't aren't wasn't weren't hasn't haven't hadn't shouldn't wouldn't couldn't mustn't
    ain't dont doesnt didnt isnt arent wasnt werent cant wont""".split()
)
NEGATION_WINDOW = 3  # tokens, as in VADER
# VADER's damping of a negated valence (its N_SCALAR); we use it for every negation-aware lexicon.
NEGATION_SCALAR = -0.74
# VADER's normalisation constant for mapping a valence sum onto [-1, 1].
NORMALISATION_ALPHA = 15.0

# quanteda / Lexicoder keys: plain keys score their sign; neg_* keys hold negated forms, scored
# with the opposite sign ("not good" under neg_positive counts as negative).
QUANTEDA_KEYS = {"positive": 1.0, "negative": -1.0, "neg_positive": -1.0, "neg_negative": 1.0}


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens of `text` (apostrophes unified to "'")."""
    # Three str.replace calls, not str.translate: same result, and twice as fast, because
    # translate looks every character up in a dictionary while replace scans in C.
    return _TOKEN_RE.findall(text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'"))


def normalise(total: float) -> float:
    """Map a valence sum (lexicon units) onto [-1, 1] like VADER's compound score."""
    return total / math.sqrt(total * total + NORMALISATION_ALPHA) if total else 0.0


def is_negator(token: str) -> bool:
    """True for a negation word ("not", "never") or a contraction ending in n't."""
    return token in NEGATORS or token.endswith("n't")


class Match(NamedTuple):
    """One lexicon hit: the entry as written, the words it covered, its valence (lexicon units,
    after negation), and the first token's index."""

    entry: str
    words: str
    valence: float
    token_index: int


@dataclass
class Lexicon:
    """A weighted word list. Entries are phrases of one or more words; a word may end in "*"
    (any continuation). `negation_aware` reverses and damps (by NEGATION_SCALAR) a single-word
    hit preceded by a negator within NEGATION_WINDOW tokens; `negated` entries only match
    after such a negator."""

    name: str
    weights: dict[str, float] = field(default_factory=dict)
    negated: dict[str, float] = field(default_factory=dict)
    negation_aware: bool = False

    def __post_init__(self) -> None:
        self._exact: dict[str, float] = {}
        self._globs: list[tuple[re.Pattern, str, float]] = []
        # first word -> [(words, entry, weight, needs_negator)]
        self._phrases: dict[str, list[tuple[tuple[str, ...], str, float, bool]]] = {}
        self._negated_exact: dict[str, float] = {}
        self._negated_globs: list[tuple[re.Pattern, str, float]] = []
        for entry, weight in self.weights.items():
            self._add(entry, float(weight), negated=False)
        for entry, weight in self.negated.items():
            self._add(entry, float(weight), negated=True)
        for options in self._phrases.values():
            options.sort(key=lambda o: -len(o[0]))  # longest phrase first
        self._cache: dict[str, tuple[str, float] | None] = {}
        self._negated_cache: dict[str, tuple[str, float] | None] = {}
        # Per token: can it take part in a match (hit, phrase start, negator)? Most tokens
        # cannot, and one set look-up (an operator, cheaper than dict.get) lets the loop skip them.
        self._relevant: dict[str, bool] = {}
        self._irrelevant: set[str] = set()

    def _is_relevant(self, token: str) -> bool:
        relevant = (
            token in self._phrases
            or is_negator(token)
            or self._lookup(token, negated=False) is not None
            or ("-" in token and any(self._lookup(p, negated=False) is not None for p in token.split("-")))
            or (bool(self._negated_exact or self._negated_globs) and self._lookup(token, negated=True) is not None)
        )
        self._relevant[token] = relevant
        if not relevant:
            self._irrelevant.add(token)
        return relevant

    def _add(self, entry: str, weight: float, negated: bool) -> None:
        words = tuple(word_tokens(entry.replace("*", "STARMARK")))
        words = tuple(w.replace("starmark", "*") for w in words)
        if not words:
            raise ValueError(f"lexicon {self.name!r}: entry {entry!r} has no words")
        if entry.rstrip().endswith("*") and not words[-1].endswith("*"):
            words = words[:-1] + (words[-1] + "*",)
        if negated and len(words) > 1 and is_negator(words[0]):
            # "not good*" under a neg_* key: the negator is written out, so it is a phrase.
            negated = False
        if len(words) > 1:
            self._phrases.setdefault(words[0].rstrip("*"), []).append((words, entry, weight, negated))
            if words[0].endswith("*"):
                raise ValueError(f"lexicon {self.name!r}: entry {entry!r}: a phrase may not start with a glob")
            return
        word = words[0]
        exact, globs = (self._negated_exact, self._negated_globs) if negated else (self._exact, self._globs)
        if "*" in word or "?" in word:
            globs.append((re.compile(glob_to_regex(word)), entry, weight))
        else:
            exact[word] = weight

    def _lookup(self, token: str, negated: bool) -> tuple[str, float] | None:
        cache = self._negated_cache if negated else self._cache
        if token in cache:
            return cache[token]
        exact, globs = (self._negated_exact, self._negated_globs) if negated else (self._exact, self._globs)
        hit = None
        if token in exact:
            hit = (token, exact[token])
        else:
            for pattern, entry, weight in globs:
                if pattern.match(token):
                    hit = (entry, weight)
                    break
        cache[token] = hit
        return hit

    @staticmethod
    def _word_matches(pattern: str, token: str) -> bool:
        if pattern.endswith("*"):
            return token.startswith(pattern[:-1])
        return token == pattern

    def matches(self, tokens: list[str]) -> list[Match]:
        """Every hit in `tokens` (from `word_tokens`), left to right, without overlaps."""
        out: list[Match] = []
        n = len(tokens)
        last_negator = -10**9
        relevant, is_relevant = self._relevant, self._is_relevant
        # Only positions whose token can take part in a match (a hit, a phrase start, a
        # negator) need the loop body; one comprehension finds them, and a phrase hit moves
        # `next_free` past the words it covered.
        # (a token never seen before is a candidate until `_is_relevant` has judged it)
        irrelevant = self._irrelevant
        candidates = [i for i, t in enumerate(tokens) if t not in irrelevant]
        next_free = 0
        for i in candidates:
            if i < next_free:
                continue
            token = tokens[i]
            if token not in relevant and not is_relevant(token):
                continue
            negated_context = i - last_negator <= NEGATION_WINDOW
            phrase_hit = None
            for words, entry, weight, needs_negator in self._phrases.get(token, ()):
                if needs_negator and not negated_context:
                    continue
                k = len(words)
                if i + k <= n and all(self._word_matches(w, t) for w, t in zip(words, tokens[i:i + k])):
                    phrase_hit = (words, entry, weight)
                    break
            if phrase_hit is not None:
                words, entry, weight = phrase_hit
                out.append(Match(entry, " ".join(tokens[i:i + len(words)]), weight, i))
                next_free = i + len(words)
                continue
            if is_negator(token):
                last_negator = i
            hit = None
            if negated_context and (self._negated_exact or self._negated_globs):
                hit = self._lookup(token, negated=True)
            if hit is None:
                parts = [token]
                plain = self._lookup(token, negated=False)
                if plain is None and "-" in token:
                    parts = token.split("-")
                for part in parts:
                    found = plain if part is token else self._lookup(part, negated=False)
                    if found is None:
                        continue
                    entry, weight = found
                    if self.negation_aware and negated_context:
                        weight *= NEGATION_SCALAR
                    out.append(Match(entry, part, weight, i))
            else:
                entry, weight = hit
                out.append(Match(entry, token, weight, i))
        return out

    def total(self, text: str) -> float:
        """Sum of the valences matched in `text` (lexicon units)."""
        return sum(m.valence for m in self.matches(word_tokens(text)))

    def score(self, text: str) -> float:
        """The text's score on [-1, 1] (`normalise` of `total`)."""
        return normalise(self.total(text))

    def __len__(self) -> int:
        return len(self.weights) + len(self.negated)


def _read_tsv(path: Path) -> dict[str, float]:
    weights: dict[str, float] = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 2:
            raise ValueError(f"{path}:{lineno}: expected TERM<TAB>WEIGHT, got {line!r}")
        try:
            weights[parts[0].strip()] = float(parts[1])
        except ValueError:
            raise ValueError(f"{path}:{lineno}: weight {parts[1]!r} is not a number") from None
    return weights


def afinn_path() -> Path:
    """The AFINN-165 word list inside the pinned `afinn` package."""
    return Path(str(importlib_resources.files("afinn").joinpath("data", "AFINN-en-165.txt")))


@lru_cache(maxsize=1)
def afinn() -> Lexicon:
    """AFINN-165 (Nielsen 2011; integer valences -5..+5) as shipped by the pinned `afinn`
    package. Not negation-aware, like the package, so totals equal `afinn.Afinn().score`."""
    return Lexicon("afinn", _read_tsv(afinn_path()))


@lru_cache(maxsize=1)
def vader_words() -> Lexicon:
    """The VADER lexicon (valences -4..+4) from the pinned `vaderSentiment` package, as a plain,
    negation-aware word list: a fast approximation of VADER used as a model feature (the full
    rule set, with boosters, capitals and "but", is the `vader` method)."""
    text = importlib_resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    weights = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and _TOKEN_RE.fullmatch(parts[0].lower()):
            weights[parts[0].lower()] = float(parts[1])
    return Lexicon("vader_words", weights, negation_aware=True)


def _flatten_entries(value, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out = []
        for item in value:
            if not isinstance(item, str):
                raise ValueError(f"{where}: entries must be strings, got {item!r}")
            out.append(item)
        return out
    raise ValueError(f"{where}: expected a list of entries, got {type(value).__name__}")


def load_dictionary(path: str | Path, name: str | None = None) -> Lexicon:
    """Load a researcher's sentiment dictionary.

    Formats, chosen by suffix:
    - `.yml`/`.yaml` in quanteda's layout: keys `positive`, `negative` (weight +1/-1) and the
      Lexicoder negated keys `neg_positive`, `neg_negative` (a negated positive counts -1). An
      entry under a neg_* key that starts with a negator ("not good*") is a phrase; one without
      ("good*") matches only within NEGATION_WINDOW tokens after a negator. A `weights:` key may
      instead map entries to numbers. Entries may hold several words and end in "*".
    - `.tsv`/`.txt`: TERM<TAB>WEIGHT per line (AFINN's layout), "#" comments allowed.

    Raises ValueError naming the file and the offending key or line."""
    path = Path(path)
    name = name or path.stem
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".txt"):
        return Lexicon(name, _read_tsv(path))
    if suffix not in (".yml", ".yaml"):
        raise ValueError(f"{path}: unsupported dictionary format {suffix!r}; use .yaml, .yml, .tsv or .txt")
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not data:
        raise ValueError(f"{path}: expected a mapping of keys (positive, negative, neg_positive, neg_negative, weights)")
    weights: dict[str, float] = {}
    negated: dict[str, float] = {}
    for key, value in data.items():
        where = f"{path}: key {key!r}"
        if key == "weights":
            if not isinstance(value, dict):
                raise ValueError(f"{where}: expected a mapping of entry to number")
            for entry, weight in value.items():
                if not isinstance(weight, (int, float)) or isinstance(weight, bool):
                    raise ValueError(f"{where}: weight of {entry!r} is not a number: {weight!r}")
                weights[str(entry)] = float(weight)
            continue
        if key not in QUANTEDA_KEYS:
            raise ValueError(f"{where}: unknown key; use positive, negative, neg_positive, neg_negative or weights")
        for entry in _flatten_entries(value, where):
            target = negated if key.startswith("neg_") else weights
            target[entry] = QUANTEDA_KEYS[key]
    return Lexicon(name, weights, negated)

"""Offline part-of-speech tagging: a treebank-like tokenizer with character offsets and a
greedy averaged-perceptron tagger trained in the project (scripts/train_tagger.py) on UD English
EWT + GUM. The model ships as `models/pos_tagger.json.gz` (plain JSON, CC BY-SA 4.0, see
`models/LICENSE.md`); nothing here reads the network or any file outside the package.

Tags are Penn Treebank XPOS ("NNP", "VBD", "``") as in the UD English treebanks; UPOS
("PROPN", "AUX") comes from the same prediction, because each model label is an XPOS|UPOS pair.

Why it is fast (docs/evaluation/tagger.md has the numbers): the model is linear and every feature
depends on one word only (its own form, or a neighbour's) or on the previous two tags. So the
weights a word type contributes in each position (as the current word, as the word before,
after, two before, two after) are summed once per word type and cached; tagging a sentence is a
few numpy additions for the word part plus one addition and argmax per token for the tag
history. Frequent words with one tag in >= 97% of training occurrences skip the argmax.
"""

from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Iterable, Sequence

import numpy as np

MODEL_FILE = "pos_tagger.json.gz"

# Padding words around a sentence; they get features like any word (the model learnt them).
PAD_LEFT = ("-START2-", "-START-")
PAD_RIGHT = ("-END-", "-END2-")
N_SLOTS = 6  # self, as previous word, as next word, as word i-2, as word i+2, first word

# ---------------------------------------------------------------------------------------------
# Tokenizer
# ---------------------------------------------------------------------------------------------

# Tried left to right at each position. Words keep inner hyphens and apostrophes ("al-Jaafari",
# "don't"); clitics are split afterwards, as the treebanks do ("do" "n't", "Syria" "'s").
_TOKEN = re.compile(
    r"(?P<url>(?:https?://|www\.)[^\s<>\"“”]*[^\s<>\"“”.,;:!?)\]'’])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    r"|(?P<abbr>(?:[^\W\d_]\.){2,})"  # U.S., U.N., e.g.
    r"|(?P<num>\d+(?:[.,:/]\d+)+)"  # 1,000.50  10:30  3/4 (plain digits are words: "1990s")
    r"|(?P<word>\w+(?:[-'’&]\w+)*['’]?)"
    r"|(?P<punct>\.\.\.+|--+|``|''|\S)"
)
# Words that take their period with them when one follows: titles, initials are handled apart.
ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr prof sr jr st mt ft rev fr hon gen lt col maj capt cmdr adm brig sgt
    cpl pvt gov sen rep pres supt insp jan feb mar apr jun jul aug sep sept oct nov dec no nos
    vol pp fig approx est dept inc corp ltd co bros vs etc al""".split()
)
# Treebank splits of whole words (offsets within the word).
_SPECIAL_SPLITS = {"cannot": (3,), "gonna": (3,), "wanna": (3,), "gotta": (3,)}
_CLITICS = ("'s", "'re", "'ve", "'ll", "'d", "'m")


@lru_cache(maxsize=65536)
def _split_points(word: str) -> tuple[int, ...]:
    """Where a word matched by _TOKEN splits into treebank tokens (cached: words repeat)."""
    low = word.lower().replace("’", "'")
    if low in _SPECIAL_SPLITS:
        return _SPECIAL_SPLITS[low]
    if low.endswith("n't") and len(low) > 3:
        return (len(low) - 3,)
    for clitic in _CLITICS:
        if low.endswith(clitic) and len(low) > len(clitic):
            return (len(low) - len(clitic),)
    if low.endswith("'") and len(low) > 1:
        return (len(low) - 1,)  # "parents'" -> "parents" "'"; a closing quote splits the same
    return ()


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Treebank-like tokens of `text` as (token, start, end), offsets in characters, with
    text[start:end] == token for every token (the text is never rewritten; curly quotes and
    apostrophes stay as they are and are normalised only inside the tagger's features).

    Clitics split off as in UD English ("don't" -> "do" "n't", "Assad's" -> "Assad" "'s",
    "cannot" -> "can" "not"); hyphenated words stay whole ("al-Jaafari", "Moscow-based");
    "U.N.", "Mr.", initials ("W.") keep their period; URLs and e-mail addresses are one token.
    The text is not split into sentences: give the tagger one sentence at a time."""
    out: list[tuple[str, int, int]] = []
    n = len(text)
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        kind = m.lastgroup
        if kind == "word":
            tok = m.group()
            points = _split_points(tok)
            if not points and end < n and text[end] == "." and (
                (len(tok) == 1 and tok.isupper()) or tok.lower() in ABBREVIATIONS
            ):
                out.append((text[start : end + 1], start, end + 1))
                continue
            prev = start
            for p in points:
                out.append((text[prev : start + p], prev, start + p))
                prev = start + p
            out.append((text[prev:end], prev, end))
        else:
            out.append((m.group(), start, end))
    # A period glued by the regex to an abbreviation also matched as the next token is skipped.
    return _drop_overlaps(out)


def _drop_overlaps(tokens: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Remove a token that starts inside the previous one (the '.' taken by an abbreviation)."""
    out: list[tuple[str, int, int]] = []
    last_end = -1
    for tok in tokens:
        if tok[1] >= last_end:
            out.append(tok)
            last_end = tok[2]
    return out


# ---------------------------------------------------------------------------------------------
# Features (shared with scripts/train_tagger.py, so training and tagging cannot drift apart)
# ---------------------------------------------------------------------------------------------

_QUOTE_NORM = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "—": "--", "–": "--"})


def normalise(word: str) -> str:
    """Lower-cased form for features: curly quotes and dashes made ASCII, digits folded to 0
    ("1990s" -> "0000s"), so the vocabulary stays compact."""
    low = word.translate(_QUOTE_NORM).lower()
    if any(c.isdigit() for c in low):
        low = "".join("0" if c.isdigit() else c for c in low)
    return low


def shape(word: str) -> str:
    """Character classes with runs collapsed: "Syria" -> "Xx", "U.N." -> "X.X.", "3.5" -> "d.d"."""
    out = []
    last = ""
    for c in word[:16]:
        k = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if k != last:
            out.append(k)
            last = k
    return "".join(out)


def word_features(word: str) -> tuple[tuple[str, ...], ...]:
    """The feature names one word type contributes, per slot (N_SLOTS tuples): as the word being
    tagged, as the previous word, the next word, the word two before, two after, and as the first
    word of the sentence."""
    if word in PAD_LEFT or word in PAD_RIGHT:
        norm = sh = word
    else:
        norm, sh = normalise(word), shape(word)
    me = ["w " + norm, "s1 " + norm[-1:], "s2 " + norm[-2:], "s3 " + norm[-3:], "p1 " + norm[:1],
          "sh " + sh]
    if word[:1].isupper():
        me.append("wc " + norm)  # "US" vs "us", "May" vs "may"
    return (
        tuple(me),
        ("w-1 " + norm, "s3-1 " + norm[-3:], "sh-1 " + sh),
        ("w+1 " + norm, "s3+1 " + norm[-3:], "sh+1 " + sh),
        ("w-2 " + norm,),
        ("w+2 " + norm,),
        ("first " + sh, "firstw " + norm),
    )


def history_features(t2: str, t1: str) -> tuple[str, str]:
    """Features of the two previous labels (t-2, t-1)."""
    return ("t-1 " + t1, "t-2t-1 " + t2 + " " + t1)


# ---------------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------------


def load_model_file(name: str) -> dict:
    """A gzipped JSON model shipped in quotelens/extract/models/."""
    ref = importlib_resources.files("quotelens.extract").joinpath("models", name)
    with ref.open("rb") as fh:
        return json.loads(gzip.decompress(fh.read()).decode("utf-8"))


class LinearWeights:
    """Sparse weights {feature: [label, weight, label, weight, ...]} read as dense vectors."""

    def __init__(self, weights: dict[str, list], n_labels: int):
        self.weights = weights
        self.n_labels = n_labels

    def vector(self, features: Iterable[str]) -> np.ndarray:
        """Sum of the weight vectors of `features` (unknown features weigh nothing)."""
        v = np.zeros(self.n_labels)
        get = self.weights.get
        for f in features:
            pairs = get(f)
            if pairs:
                v[pairs[0::2]] += pairs[1::2]
        return v


class Tagger:
    """A greedy left-to-right averaged-perceptron tagger over word types (see module doc)."""

    def __init__(self, model: dict, cache_size: int = 200_000):
        self.labels: list[str] = model["labels"]
        self.xpos = [lab.split("|")[0] for lab in self.labels]
        self.upos = [lab.split("|")[1] for lab in self.labels]
        self.tagdict: dict[str, int] = model["tagdict"]
        self.meta: dict = model.get("meta", {})
        k = len(self.labels)
        self._w = LinearWeights(model["weights"], k)
        self._bias = self._w.vector(["bias"])
        # _history[t2, t1] = weights of the tag history; index k is "before the sentence".
        names = self.labels + ["-START-"]
        self._history = np.array(
            [[self._w.vector(history_features(a, b)) for b in names] for a in names]
        )
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size

    def _type_vectors(self, word: str) -> np.ndarray:
        """(N_SLOTS, n_labels) weights of one word type in each slot; cached."""
        vecs = self._cache.get(word)
        if vecs is None:
            vecs = np.array([self._w.vector(fs) for fs in word_features(word)])
            if len(self._cache) >= self._cache_size:
                self._cache.clear()  # bounded memory for endless streams of new words
            self._cache[word] = vecs
        return vecs

    def tag_ids(self, words: Sequence[str]) -> list[int]:
        """Label indices for one sentence of tokens (strings)."""
        n = len(words)
        if n == 0:
            return []
        tv = self._type_vectors
        a = np.stack([tv(w) for w in (*PAD_LEFT, *words, *PAD_RIGHT)])
        static = a[2 : n + 2, 0] + a[1 : n + 1, 1] + a[3 : n + 3, 2] + a[0:n, 3] + a[4 : n + 4, 4]
        static += self._bias
        static[0] += a[2, 5]
        history = self._history
        tagdict = self.tagdict
        k = len(self.labels)
        t2 = t1 = k
        out = []
        for i, w in enumerate(words):
            t = tagdict.get(w)
            if t is None:
                t = int((static[i] + history[t2, t1]).argmax())
            out.append(t)
            t2, t1 = t1, t
        return out

    def tag(self, tokens: Sequence, tagset: str = "xpos") -> list:
        """Tags for one sentence. `tokens`: strings or (token, start, end) tuples. `tagset`:
        "xpos" (Penn Treebank, e.g. "NNP"), "upos" (Universal, e.g. "PROPN") or "both"
        ((xpos, upos) pairs)."""
        words = [t if isinstance(t, str) else t[0] for t in tokens]
        ids = self.tag_ids(words)
        if tagset == "xpos":
            return [self.xpos[i] for i in ids]
        if tagset == "upos":
            return [self.upos[i] for i in ids]
        if tagset == "both":
            return [(self.xpos[i], self.upos[i]) for i in ids]
        raise ValueError(f"tagset must be 'xpos', 'upos' or 'both', not {tagset!r}")


@lru_cache(maxsize=1)
def default_tagger() -> Tagger:
    """The shipped tagger (loaded once, about 0.5 s)."""
    return Tagger(load_model_file(MODEL_FILE))


def tag(tokens: Sequence, tagset: str = "xpos") -> list:
    """Part-of-speech tags of one sentence with the shipped model; see Tagger.tag."""
    return default_tagger().tag(tokens, tagset)


def tag_text(text: str) -> list[tuple[str, int, int, str]]:
    """Tokenize and tag `text` as one sentence: (token, start, end, xpos) with character
    offsets into `text`. Split longer text into sentences first (quotelens.text)."""
    toks = tokenize(text)
    return [(w, s, e, t) for (w, s, e), t in zip(toks, tag(toks))]

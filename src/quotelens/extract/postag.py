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
_WORD_GROUP = _TOKEN.groupindex["word"]
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


def tokenize(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[str, int, int]]:
    """Treebank-like tokens of `text` (of text[lo:hi] when given, with offsets still into
    `text`, as if that slice were tokenized alone) as (token, start, end), offsets in
    characters, with text[start:end] == token for every token (the text is never rewritten; curly quotes and
    apostrophes stay as they are and are normalised only inside the tagger's features).

    Clitics split off as in UD English ("don't" -> "do" "n't", "Assad's" -> "Assad" "'s",
    "cannot" -> "can" "not"); hyphenated words stay whole ("al-Jaafari", "Moscow-based");
    "U.N.", "Mr.", initials ("W.") keep their period; URLs and e-mail addresses are one token.
    The text is not split into sentences: give the tagger one sentence at a time."""
    out: list[tuple[str, int, int]] = []
    append = out.append
    n = len(text) if hi is None else min(hi, len(text))
    last_end = -1
    for m in _TOKEN.finditer(text, lo, n):
        start, end = m.span()
        if start < last_end:
            continue  # the '.' an abbreviation took, matched again as the next token
        tok = m.group()
        if m.lastindex == _WORD_GROUP:
            points = _split_points(tok)
            if not points:
                if end < n and text[end] == "." and ((len(tok) == 1 and tok.isupper()) or tok.lower() in ABBREVIATIONS):
                    end += 1
                    tok = text[start:end]
                append((tok, start, end))
            else:
                prev = start
                for p in points:
                    append((text[prev : start + p], prev, start + p))
                    prev = start + p
                append((text[prev:end], prev, end))
        else:
            append((tok, start, end))
        last_end = end
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
    """Sparse weights {feature: [label, weight, label, weight, ...]} held as one dense matrix
    (a row per feature, a column per label, and a last row of zeros for unknown features), so
    summing a word's features is one gather and one reduction in numpy."""

    def __init__(self, weights: dict[str, list], n_labels: int):
        self.n_labels = n_labels
        self.index: dict[str, int] = {f: i for i, f in enumerate(weights)}
        self.unknown = len(weights)  # the row of zeros
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for i, pairs in enumerate(weights.values()):
            labels = pairs[0::2]
            rows.extend([i] * len(labels))
            cols.extend(labels)
            vals.extend(pairs[1::2])
        self.matrix = np.zeros((len(weights) + 1, n_labels))
        self.matrix[rows, cols] = vals

    def vector(self, features: Iterable[str]) -> np.ndarray:
        """Sum of the weight vectors of `features` (unknown features weigh nothing)."""
        return self.slot_vectors([list(features)])[0]

    def slot_vectors(self, slots: Sequence[Sequence[str]]) -> np.ndarray:
        """(len(slots), n_labels): for each group of feature names, the sum of their weight
        vectors, added one after another in the order given (so each sum equals `vector`'s to
        the last bit; numpy's own reductions may add in another order)."""
        get = self.index.get
        unknown = self.unknown
        width = max((len(fs) for fs in slots), default=1) or 1
        rows: list[int] = []
        for features in slots:
            ids = [get(f, unknown) for f in features]
            rows.extend(ids + [unknown] * (width - len(ids)))  # padded with the row of zeros
        gathered = self.matrix[rows].reshape(len(slots), width, self.n_labels)
        out = gathered[:, 0].copy()
        for j in range(1, width):
            out += gathered[:, j]
        return out


class TypeRows:
    """A bounded cache of per-word-type weight blocks, kept as rows of one growing array so a
    sentence's blocks are gathered by index (no per-sentence stacking of small arrays). When
    `limit` types are cached the cache starts afresh, so memory stays bounded on endless
    streams of new words (at most `limit` x the block size: 50,000 x 3.4 KB for the tagger)."""

    def __init__(self, block: tuple[int, ...], compute, limit: int):
        self._block = block
        self._compute = compute  # list of new keys -> array (len(keys), *block)
        self._limit = limit
        self.rows: dict = {}
        self.array = np.zeros((256, *block))

    def __len__(self) -> int:
        return len(self.rows)

    def lookup(self, keys: Sequence) -> np.ndarray:
        """Row indices (into `array`) of `keys`, computing the blocks of keys not cached yet."""
        get = self.rows.get
        out = list(map(get, keys))
        if None not in out:
            return np.array(out, dtype=np.intp)
        new = list(dict.fromkeys(k for k, r in zip(keys, out) if r is None))
        if len(self.rows) + len(new) > self._limit:
            self.rows = {}  # start afresh: every key of this call is new
            new = list(dict.fromkeys(keys))
        first = len(self.rows)
        if first + len(new) > len(self.array):
            grown = np.zeros((max(2 * len(self.array), first + len(new)), *self._block))
            grown[:first] = self.array[:first]
            self.array = grown
        self.array[first:first + len(new)] = self._compute(new)
        for k, key in enumerate(new):
            self.rows[key] = first + k
        get = self.rows.get
        return np.array([get(k) for k in keys], dtype=np.intp)


class Tagger:
    """A greedy left-to-right averaged-perceptron tagger over word types (see module doc)."""

    def __init__(self, model: dict, cache_size: int = 50_000):
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
        self._history_rows = self._history.reshape(-1, k)
        self._cache_size = cache_size
        self._types = TypeRows((N_SLOTS, k), self._compute_types, cache_size)

    def _compute_types(self, words: Sequence[str]) -> np.ndarray:
        """(len(words), N_SLOTS, n_labels) weights of word types in each slot."""
        slots = [fs for w in words for fs in word_features(w)]
        return self._w.slot_vectors(slots).reshape(len(words), N_SLOTS, len(self.labels))

    def _type_vectors(self, word: str) -> np.ndarray:
        """(N_SLOTS, n_labels) weights of one word type in each slot; cached."""
        row = self._types.lookup([word])[0]
        return self._types.array[row]  # read after lookup, which may grow the array

    def without_cache(self) -> "Tagger":
        """A tagger sharing this one's weights with an empty word-type cache (to time a cold
        start)."""
        fresh = Tagger.__new__(Tagger)
        fresh.__dict__.update(self.__dict__)
        fresh._types = TypeRows((N_SLOTS, len(self.labels)), fresh._compute_types, self._cache_size)
        return fresh

    def tag_ids(self, words: Sequence[str]) -> list[int]:
        """Label indices for one sentence of tokens (strings)."""
        n = len(words)
        if n == 0:
            return []
        rows = self._types.lookup((*PAD_LEFT, *words, *PAD_RIGHT))  # may grow the array: first
        a = self._types.array[rows]  # (n + 4, N_SLOTS, k)
        static = a[2 : n + 2, 0] + a[1 : n + 1, 1] + a[3 : n + 3, 2] + a[0:n, 3] + a[4 : n + 4, 4]
        static += self._bias
        static[0] += a[2, 5]
        history = self._history_rows  # row t2 * (k + 1) + t1: the weights of that tag history
        tagdict = self.tagdict
        k = len(self.labels)
        width = k + 1
        t2 = t1 = k
        out = []
        for w, row in zip(words, static):
            t = tagdict.get(w)
            if t is None:
                t = int((row + history[t2 * width + t1]).argmax())
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

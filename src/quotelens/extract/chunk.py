"""Base noun-phrase chunks over tagged tokens, with their heads and character offsets.

A greedy averaged-perceptron IOB tagger (labels B, I, O) over words and Penn Treebank tags,
trained by scripts/train_tagger.py on base NPs derived from the UD English EWT + GUM dependency
trees (the rule is in docs/evaluation/tagger.md). The model ships as
`models/np_chunker.json.gz` (CC BY-SA 4.0, models/LICENSE.md).

A chunk is non-recursive: "the Syrian governmental delegation", "Bashar al-Jaafari",
"Syria 's warring sides" (a possessor stays inside its possessum's chunk); prepositional
phrases, relative clauses and appositions are not part of it.

Speed: as in postag, every feature depends on one word, on the tags around one position, or on
the previous two labels, so the word and tag parts are summed once per type and cached (rows of
one array, gathered per sentence); the label loop adds three numbers per token in plain floats.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Sequence

import numpy as np

from quotelens.extract.postag import LinearWeights, TypeRows, load_model_file, normalise

MODEL_FILE = "np_chunker.json.gz"
LABELS = ("B", "I", "O")
PAD = "-PAD-"
# Tags whose word can head a chunk, best first among the chunk's tokens (the rightmost wins).
_HEAD_TAGS = frozenset("NN NNS NNP NNPS PRP WP EX CD".split())


class NounPhrase(NamedTuple):
    """One base NP: tokens [first, last) of the tagged sentence, characters [start, end) of
    the text, and its head token (index and characters [head_start, head_end))."""

    first: int
    last: int
    start: int
    end: int
    head: int
    head_start: int
    head_end: int


def word_slot_features(word: str) -> tuple[tuple[str, ...], ...]:
    """Feature names of one word type: as the word at the position, before it, after it."""
    norm = normalise(word) if word != PAD else PAD
    return (("w " + norm,), ("w-1 " + norm,), ("w+1 " + norm,))


def tag_slot_features(tag: str) -> tuple[tuple[str, ...], ...]:
    """Feature names of one tag at offsets 0, -1, +1, -2, +2 from the position."""
    return (("p " + tag,), ("p-1 " + tag,), ("p+1 " + tag,), ("p-2 " + tag,), ("p+2 " + tag,))


def trigram_features(prev: str, tag: str, nxt: str) -> tuple[str, ...]:
    """Feature names of the tags around a position (bigrams and the trigram)."""
    return ("pp-1 " + prev + " " + tag, "pp+1 " + tag + " " + nxt, "ppp " + prev + " " + tag + " " + nxt)


def history_features(c2: str, c1: str, tag: str) -> tuple[str, ...]:
    """Feature names of the two previous labels (and the previous label with this tag)."""
    return ("c-1 " + c1, "c-2c-1 " + c2 + " " + c1, "c-1p " + c1 + " " + tag)


def position_features(words: Sequence[str], tags: Sequence[str], i: int) -> list[str]:
    """All static feature names of position i (what training sees; Chunker sums the same
    features through per-type caches)."""
    pw = [PAD, PAD, *words, PAD, PAD]
    pt = [PAD, PAD, *tags, PAD, PAD]
    j = i + 2
    feats = ["bias"]
    feats += word_slot_features(pw[j])[0] + word_slot_features(pw[j - 1])[1]
    feats += word_slot_features(pw[j + 1])[2]
    for slot, k in enumerate((0, -1, 1, -2, 2)):
        feats += tag_slot_features(pt[j + k])[slot]
    feats += trigram_features(pt[j - 1], pt[j], pt[j + 1])
    return feats


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int]]:
    """Token spans [first, last) of B/I/O labels; an I with no chunk open starts one."""
    spans = []
    start = None
    for i, lab in enumerate(labels):
        if lab == "B" or (lab == "I" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif lab == "O" and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(labels)))
    return spans


def head_of(tags: Sequence[str], first: int, last: int) -> int:
    """The head token of a chunk: its rightmost noun, pronoun or number, else its last token."""
    for i in range(last - 1, first - 1, -1):
        if tags[i] in _HEAD_TAGS:
            return i
    return last - 1


class Chunker:
    """Greedy IOB noun-phrase chunker over (word, Penn tag) sequences."""

    def __init__(self, model: dict, cache_size: int = 50_000):
        self.labels: list[str] = model["labels"]
        self.tags: list[str] = model["tags"] + [PAD]
        self.meta: dict = model.get("meta", {})
        k = len(self.labels)
        self._w = LinearWeights(model["weights"], k)
        self._bias = self._w.vector(["bias"])
        self._tag_index = {t: i for i, t in enumerate(self.tags)}
        # _tagvec[tag, slot]: weights of a tag at offsets 0, -1, +1, -2, +2.
        self._tagvec = np.array(
            [[self._w.vector(fs) for fs in tag_slot_features(t)] for t in self.tags]
        )
        names = self.labels + ["-START-"]
        # _history[c2, c1, tag of the position]
        self._history = np.array(
            [[[self._w.vector(history_features(a, b, t)) for t in self.tags] for b in names]
             for a in names]
        )
        # the same weights as Python floats: the label loop adds k = 3 numbers per token, which
        # plain floats do faster than numpy (and to the same bits)
        self._history_lists = self._history.tolist()
        self._cache_size = cache_size
        self._words = TypeRows((3, k), self._compute_words, cache_size)
        self._trigrams = TypeRows((k,), self._compute_trigrams, cache_size)

    def _compute_words(self, words: Sequence[str]) -> np.ndarray:
        slots = [fs for w in words for fs in word_slot_features(w)]
        return self._w.slot_vectors(slots).reshape(len(words), 3, len(self.labels))

    def _compute_trigrams(self, keys: Sequence[tuple[str, str, str]]) -> np.ndarray:
        return self._w.slot_vectors([trigram_features(*key) for key in keys])

    def _word_vectors(self, word: str) -> np.ndarray:
        row = self._words.lookup([word])[0]
        return self._words.array[row]  # read after lookup, which may grow the array

    def labels_for(self, words: Sequence[str], tags: Sequence[str]) -> list[str]:
        """B/I/O labels of one sentence."""
        n = len(words)
        if n == 0:
            return []
        rows = self._words.lookup((PAD, *words, PAD))  # may grow the array: first
        a = self._words.array[rows]  # (n + 2, 3, k)
        unknown = self._tag_index[PAD]
        tid = [unknown, unknown] + [self._tag_index.get(t, unknown) for t in tags] + [unknown] * 2
        tv = self._tagvec[tid]  # (n + 4, 5, k)
        pt = [PAD, *tags, PAD]
        tri_rows = self._trigrams.lookup(list(zip(pt, pt[1:], pt[2:])))  # (pt[i], pt[i + 1], pt[i + 2])
        tri = self._trigrams.array[tri_rows]
        static = a[1 : n + 1, 0] + a[0:n, 1] + a[2 : n + 2, 2] + tri + self._bias
        static += tv[2 : n + 2, 0] + tv[1 : n + 1, 1] + tv[3 : n + 3, 2]
        static += tv[0:n, 3] + tv[4 : n + 4, 4]
        history = self._history_lists
        labels = self.labels
        if len(labels) != 3:
            return self._labels_numpy(static, tid)
        start = len(labels)
        c2 = c1 = start
        out = []
        # greedy: the first best label of static + history, as numpy's argmax picks it
        for i, (s0, s1, s2) in enumerate(static.tolist()):
            h0, h1, h2 = history[c2][c1][tid[i + 2]]
            v0, v1, v2 = s0 + h0, s1 + h1, s2 + h2
            c = 0 if v0 >= v1 and v0 >= v2 else (1 if v1 >= v2 else 2)
            out.append(labels[c])
            c2, c1 = c1, c
        return out

    def _labels_numpy(self, static: np.ndarray, tid: list[int]) -> list[str]:
        """The label loop for a model with other than three labels."""
        start = len(self.labels)
        c2 = c1 = start
        out = []
        for i in range(len(static)):
            c = int((static[i] + self._history[c2, c1, tid[i + 2]]).argmax())
            out.append(self.labels[c])
            c2, c1 = c1, c
        return out

    def noun_phrases(self, tagged: Sequence[tuple]) -> list[NounPhrase]:
        """Chunks of one tagged sentence: `tagged` is (token, start, end, tag) tuples (as
        postag.tag_text returns); offsets are characters of the text the tokens came from."""
        words = [t[0] for t in tagged]
        tags = [t[3] for t in tagged]
        out = []
        for first, last in spans_from_labels(self.labels_for(words, tags)):
            h = head_of(tags, first, last)
            out.append(NounPhrase(first, last, tagged[first][1], tagged[last - 1][2], h,
                                  tagged[h][1], tagged[h][2]))
        return out


@lru_cache(maxsize=1)
def default_chunker() -> Chunker:
    """The shipped chunker (loaded once)."""
    return Chunker(load_model_file(MODEL_FILE))


def noun_phrases(tagged: Sequence[tuple]) -> list[NounPhrase]:
    """Base noun phrases of one tagged sentence with the shipped model; see
    Chunker.noun_phrases. Example: noun_phrases(postag.tag_text("The U.N. envoy said ..."))."""
    return default_chunker().noun_phrases(tagged)

"""The headline sentiment model: lexicon scores with learned weights plus a few hundred content-word
n-grams, one direction of tone, fitted on NewsMTSC train (issue 15).

Why it is built this way (docs/methods.md, "Why the headline score generalises"):
- Most of the evidence comes from hand-built lexicons, which were not made from NewsMTSC and so
  carry no accident of it: VADER's compound score (NLTK's rules: negation, boosters, capitals,
  "but", punctuation), the positive and negative valence sums of the VADER words and of AFINN-165
  (both negation-aware), and of any researcher dictionary joined by parameter. Their weights are
  learned, lightly penalised (`LEXICON_SCALE`).
- The learned vocabulary is small and strongly penalised: at most `N_NGRAMS` binary uni- and
  bigrams of content words (`function_words.is_content_word`), picked by chi-squared association
  with the labels on train, each seen in at least `MIN_DOCUMENTS` sentences; names (`proper_names`)
  and the default topic words are left out, and an n-gram after a negator counts -0.74, as
  lexicon words do. Grammar words can
  get no weight, so "clay and adobe" stays neutral.
- One weight vector (a proportional-odds, or cumulative-logit, model): eta = w . x is the tone,
  and P(label > -1) = sigmoid(eta + c), P(label > 0) = sigmoid(eta - c) with one learned
  half-width c of the neutral band, placed symmetrically so that a text without evidence
  (eta = 0) scores exactly 0. The score P(positive) - P(negative) is then a fixed, odd,
  increasing function of eta on [-1, 1]; it uses no statistic of the corpus being scored (no
  standardising, no idf), so a score means the same on any corpus.

Fitting: the two cumulative binary problems are stacked (each sentence twice, with an indicator of
the cut-point) and fitted as one L2 logistic regression (lbfgs, one BLAS thread, balanced class
weights): a composite likelihood of the proportional-odds model, fast and deterministic.
Hyper-parameters were chosen by grouped 5-fold cross-validation on NewsMTSC train only
(scripts/tune_sentiment.py).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from threadpoolctl import threadpool_limits

from quotelens.sentiment import lexicons
from quotelens.sentiment.function_words import is_content_word
from quotelens.sentiment.masking import DEFAULT_TOPIC_WORDS, MASK_TOKEN, load_topic_words
from quotelens.sentiment.vader_pass import vader_with_evidence

N_NGRAMS = 200  # chosen on train (scripts/tune_sentiment.py, leave one source out, one-standard-error rule)
REGULARISATION_C = 0.1  # inverse L2 strength on the n-gram weights; chosen with N_NGRAMS
MIN_DOCUMENTS = 5  # an n-gram seen in fewer training sentences is a likely accident
# Lexicon columns are multiplied by this before fitting, which divides their L2 penalty by its
# square: the lexicons carry prior knowledge, the n-grams must earn their weight.
LEXICON_SCALE = 4.0
CUT_POINT_SCALE = 10.0  # the same for the neutral band's column (practically unpenalised)
BASE_FEATURES = ("vader", "vader_rules_pos", "vader_rules_neg", "afinn_pos", "afinn_neg")


@lru_cache(maxsize=1)
def afinn_negation_aware() -> lexicons.Lexicon:
    """AFINN-165 read negation-aware ("not good" counts -0.74 x 3), unlike the `afinn` method,
    which keeps the package's plain sum."""
    return lexicons.Lexicon("afinn_negation_aware", dict(lexicons.afinn().weights), negation_aware=True)


def feature_names(dictionaries=()) -> tuple[str, ...]:
    """Lexicon feature names: BASE_FEATURES, then `<name>_pos`, `<name>_neg` per dictionary."""
    return BASE_FEATURES + tuple(f"dict_{d.name}_{side}" for d in dictionaries for side in ("pos", "neg"))


def _signed_sums(matches) -> tuple[float, float]:
    positive = sum(m.valence for m in matches if m.valence > 0)
    negative = sum(m.valence for m in matches if m.valence < 0)
    return positive, negative


def lexicon_row(vader_compound: float, vader_pairs, match_lists) -> list[float]:
    """One text's lexicon features: VADER's compound score (-1..1), the positive and negative sums
    of VADER's word valences after its rules (`vader_pairs`: (word, valence)), then for each match
    list (negation-aware AFINN, each dictionary) its positive and negative valence sums; every sum
    mapped to [-1, 1] by `lexicons.normalise`."""
    positive = sum(v for _, v in vader_pairs if v > 0)
    negative = sum(v for _, v in vader_pairs if v < 0)
    row = [vader_compound, lexicons.normalise(positive), lexicons.normalise(negative)]
    for matches in match_lists:
        positive, negative = _signed_sums(matches)
        row += [lexicons.normalise(positive), lexicons.normalise(negative)]
    return row


def content_ngrams(tokens: list[str]) -> dict[str, float]:
    """The candidate n-gram features of a token list and their values: content words and adjacent
    pairs of content words ("peace talks"), without the mask token; 1 where the n-gram occurs,
    or lexicons.NEGATION_SCALAR (-0.74) where every occurrence follows a negator within
    lexicons.NEGATION_WINDOW tokens, as the lexicon features read "not good"."""
    keep = [is_content_word(t) and t != MASK_TOKEN for t in tokens]
    negated, last_negator = [], -10**9
    for i, t in enumerate(tokens):
        if lexicons.is_negator(t):
            last_negator = i
        negated.append(i - last_negator <= lexicons.NEGATION_WINDOW and i != last_negator)
    grams: dict[str, float] = {}
    for i, t in enumerate(tokens):
        if not keep[i]:
            continue
        value = lexicons.NEGATION_SCALAR if negated[i] else 1.0
        candidates = [t] + ([f"{t} {tokens[i + 1]}"] if i + 1 < len(tokens) and keep[i + 1] else [])
        for g in candidates:
            grams[g] = max(grams.get(g, value), value)  # one plain occurrence makes it plain
    return grams


_WORD_AS_WRITTEN = re.compile(r"[^\W_]+(?:['\-\u2019][^\W_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"\u201c\u2018(]\s*)$")


def proper_names(texts, min_share: float = 0.5) -> frozenset[str]:
    """Lower-cased words written with a capital in more than `min_share` of their occurrences
    that do not start a sentence or quote: names (Comey, Putin's, America). A name's weight
    would be the corpus's stories about its bearer, not tone, so names never become n-grams."""
    capital: dict[str, int] = {}
    seen: dict[str, int] = {}
    for text in texts:
        for m in _WORD_AS_WRITTEN.finditer(text):
            if _SENTENCE_START.search(text[max(0, m.start() - 3):m.start()]):
                continue
            word = m.group(0)
            key = word.lower().replace("\u2019", "'")
            seen[key] = seen.get(key, 0) + 1
            if word[0].isupper():
                capital[key] = capital.get(key, 0) + 1
    return frozenset(w for w, n in seen.items() if capital.get(w, 0) > min_share * n)


@dataclass
class TextParts:
    """What the headline model reads from texts: tokens, VADER's compound score and its words'
    valences after its rules (so the learned weights fall on VADER's whole reading, negation,
    boosters, capitals and "but" included), and the matches of the other lexicons
    (negation-aware AFINN, then each dictionary)."""

    texts: list[str]
    tokens: list[list[str]]
    vader: list[tuple[float, list[tuple[str, float]]]]
    matches: list[list[list[lexicons.Match]]]  # per text, per lexicon other than VADER

    @classmethod
    def of(cls, texts, dictionaries=(), tokens=None, vader=None) -> "TextParts":
        """Compute the parts of `texts`; already computed tokens or VADER passes
        (`vader_with_evidence` results) may be passed in."""
        tokens = tokens if tokens is not None else [lexicons.word_tokens(t) for t in texts]
        vader = vader if vader is not None else [vader_with_evidence(t) for t in texts]
        afinn = afinn_negation_aware()
        matches = [[afinn.matches(tk)] + [d.matches(tk) for d in dictionaries] for tk in tokens]
        return cls(list(texts), tokens, vader, matches)

    def subset(self, rows) -> "TextParts":
        """The parts of the texts at positions `rows` (for cross-validation)."""
        return TextParts([self.texts[i] for i in rows], [self.tokens[i] for i in rows], [self.vader[i] for i in rows],
                         [self.matches[i] for i in rows])

    def lexicon_rows(self) -> np.ndarray:
        """Lexicon features, shape (n texts, len(feature_names(dictionaries)))."""
        rows = [lexicon_row(v[0], v[1], m) for v, m in zip(self.vader, self.matches)]
        width = 3 + 2 * (len(self.matches[0]) if self.matches else 1)
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), width)


@dataclass
class HeadlineModel:
    """A fitted headline model. Weights are per unit of feature (lexicon features on [-1, 1],
    n-grams 0/1) in log-odds of a more positive label; cut_points are (-c, c), the tones where
    negative and neutral, and neutral and positive, are equally likely."""

    features: tuple[str, ...]
    dictionaries: tuple[str, ...]
    lexicon_weights: np.ndarray
    ngrams: tuple[str, ...]
    ngram_weights: np.ndarray
    cut_points: tuple[float, float]
    _index: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {g: j for j, g in enumerate(self.ngrams)}
        self._bigram_heads = frozenset(g.split(" ")[0] for g in self.ngrams if " " in g)
        self._watched = frozenset(self._index) | self._bigram_heads | lexicons.NEGATORS

    def present_ngrams(self, tokens: list[str]) -> dict[str, float]:
        """`content_ngrams(tokens)` restricted to the model's n-grams (equal, tested), found by
        looking up each token and token pair instead of classifying every word: the selected
        n-grams are content n-grams already, and most tokens are in none."""
        index, heads, out = self._index, self._bigram_heads, {}
        negators, window, damp = lexicons.NEGATORS, lexicons.NEGATION_WINDOW, lexicons.NEGATION_SCALAR
        n = len(tokens)
        # Only negators, selected words and first words of selected pairs matter (one
        # comprehension finds them; most tokens are none of these).
        watch = self._watched
        wanted = [k for k, t in enumerate(tokens) if t in watch or "n't" in t]
        last_negator = -10**9
        for i in wanted:
            t = tokens[i]
            if t in negators or t.endswith("n't"):
                last_negator = i
                continue
            value = damp if i - last_negator <= window else 1.0
            if t in index:
                out[t] = max(out.get(t, value), value)
            if t in heads and i + 1 < n:
                pair = t + " " + tokens[i + 1]
                if pair in index:
                    out[pair] = max(out.get(pair, value), value)
        return out

    def ngram_matrix(self, token_lists, present=None) -> sp.csr_matrix:
        """N-gram values (texts x selected n-grams): 1 present, -0.74 only negated, else 0.
        `present`: the texts' `present_ngrams`, when already computed."""
        index = self._index
        present = present if present is not None else [self.present_ngrams(t) for t in token_lists]
        indptr, indices, values = [0], [], []
        for grams in present:
            row = sorted((index[g], v) for g, v in grams.items())
            indices.extend(j for j, _ in row)
            values.extend(v for _, v in row)
            indptr.append(len(indices))
        data = np.asarray(values, dtype=np.float64)
        return sp.csr_matrix((data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
                             shape=(len(indptr) - 1, len(self.ngrams)))

    def tone(self, lexicon_rows: np.ndarray, ngrams: sp.csr_matrix) -> np.ndarray:
        """eta, the linear tone (log-odds units), one per text."""
        return np.asarray(lexicon_rows @ self.lexicon_weights + ngrams @ self.ngram_weights, dtype=np.float64)

    def probabilities(self, tone: np.ndarray) -> np.ndarray:
        """P(negative), P(neutral), P(positive) per text (0-1), shape (n, 3)."""
        tone = np.asarray(tone, dtype=np.float64)
        # P(negative) written as sigmoid(t_neg - eta), not 1 - sigmoid(eta - t_neg): with
        # symmetric cut-points the score is then exactly odd and exactly 0 at eta = 0.
        negative = 1.0 / (1.0 + np.exp(tone - self.cut_points[0]))
        positive = 1.0 / (1.0 + np.exp(self.cut_points[1] - tone))
        neutral = np.clip(1.0 - negative - positive, 0.0, None)
        return np.column_stack([negative, neutral, positive])

    def score(self, tone: np.ndarray) -> np.ndarray:
        """P(positive) - P(negative), on [-1, 1], increasing in the tone."""
        p = self.probabilities(tone)
        return p[:, 2] - p[:, 0]

    def labels(self, tone: np.ndarray) -> np.ndarray:
        """The most probable class (-1, 0, 1) per text."""
        return np.array([-1, 0, 1])[self.probabilities(tone).argmax(axis=1)]

    def _weight_lists(self) -> tuple[list[float], list[float]]:
        """The n-gram and lexicon weights as Python floats (same values; arithmetic on them is
        several times faster than on numpy scalars), computed once per model object."""
        cached = self.__dict__.get("_weights_as_floats")
        if cached is None:
            cached = (self.ngram_weights.tolist(), self.lexicon_weights.tolist())
            self.__dict__["_weights_as_floats"] = cached
        return cached

    def word_contributions(self, parts: TextParts, row: int, lexicon_row_values, present=None) -> dict[str, float]:
        """Each word's (or bigram's) part of text `row`'s tone (log-odds units): n-gram weights,
        plus each lexicon feature's weight x value shared among the words that made it in
        proportion to their valence (exact for the normalised sums, which are linear in the
        valences up to the common denominator sqrt(sum^2 + 15)). `present`: the text's
        `present_ngrams`, when already computed."""
        present = present if present is not None else self.present_ngrams(parts.tokens[row])
        ngram_weights, weights = self._weight_lists()
        index = self._index
        out: dict[str, float] = {g: value * ngram_weights[index[g]] for g, value in present.items()}
        _, pairs = parts.vader[row]
        if pairs:
            # VADER's words make three features: the compound score (shared over all of them)
            # and the rules' positive and negative sums (shared over their own side); one pass
            # gives each word its part of all three.
            positive_part = weights[1] * lexicon_row_values[1]
            negative_part = weights[2] * lexicon_row_values[2]
            total = positive_total = negative_total = 0.0
            for _, valence in pairs:
                total += valence
                if valence > 0:
                    positive_total += valence
                elif valence < 0:
                    negative_total += valence
            compound_scale = weights[0] / math.sqrt(total * total + lexicons.NORMALISATION_ALPHA)
            for word, valence in pairs:
                # compound ~ total / sqrt(total^2 + 15): each word's share of it is linear in its
                # valence with that common denominator (no blow-up when signs cancel)
                part = compound_scale * valence
                if valence > 0 and positive_part:
                    part += positive_part * valence / positive_total
                elif valence < 0 and negative_part:
                    part += negative_part * valence / negative_total
                if part:
                    key = _plain_word(word)
                    out[key] = out.get(key, 0.0) + part
        for k, matches in enumerate(parts.matches[row], start=1):
            for side, positive in ((0, True), (1, False)):
                f = 1 + 2 * k + side
                if not matches or not lexicon_row_values[f] or not weights[f]:
                    continue
                chosen = [(m.words, m.valence) for m in matches if m.valence and (m.valence > 0) == positive]
                _share(out, chosen, weights[f], lexicon_row_values[f])
        return out


@lru_cache(maxsize=65536)
def _plain_word(token: str) -> str:
    """A VADER token as our word tokens write it (lower case, outer punctuation gone)."""
    return " ".join(lexicons.word_tokens(token)) or token.lower()


def _share(out: dict[str, float], pairs, weight: float, value: float) -> None:
    if not pairs or not value or not weight:
        return
    total = sum(v for _, v in pairs)
    if not total:
        return
    for word, valence in pairs:
        out[word] = out.get(word, 0.0) + weight * value * valence / total


def select_ngrams(token_lists, labels, n_ngrams: int = N_NGRAMS, min_documents: int = MIN_DOCUMENTS,
                  exclude=frozenset()) -> tuple[str, ...]:
    """The `n_ngrams` content n-grams most associated with the labels (chi-squared on presence),
    among those in at least `min_documents` texts, holding no word of `exclude` (names) and no
    term of the default topic-word list (masking.DEFAULT_TOPIC_WORDS: "fight", "war" name the
    subject, not the tone, and learned +0.90 and the like on NewsMTSC); ties broken
    alphabetically. Sorted."""
    from sklearn.feature_selection import chi2

    counts: dict[str, int] = {}
    grams_per_text = [content_ngrams(t) for t in token_lists]
    for grams in grams_per_text:
        for g in grams:
            counts[g] = counts.get(g, 0) + 1
    topic = load_topic_words(DEFAULT_TOPIC_WORDS)
    vocabulary = sorted(g for g, c in counts.items() if c >= min_documents and not exclude.intersection(g.split(" "))
                        and not topic.apply(g)[1])
    if not vocabulary or n_ngrams <= 0:
        return ()
    probe = HeadlineModel((), (), np.zeros(0), tuple(vocabulary), np.zeros(len(vocabulary)), (0.0, 0.0))
    statistic, _ = chi2(abs(probe.ngram_matrix(token_lists)), np.asarray(labels))
    order = np.argsort(-np.nan_to_num(statistic), kind="stable")[:n_ngrams]
    return tuple(sorted(vocabulary[i] for i in order))


def fit(parts: TextParts, labels, dictionaries=(), n_ngrams: int = N_NGRAMS, C: float = REGULARISATION_C) -> HeadlineModel:
    """Fit the headline model on texts' parts and labels (-1/0/1): select n-grams, then fit the
    stacked proportional-odds regression (one BLAS thread, so the bits never depend on the
    machine's thread count)."""
    from sklearn.linear_model import LogisticRegression

    labels = np.asarray(labels)
    names = feature_names(dictionaries)
    ngrams = select_ngrams(parts.tokens, labels, n_ngrams, exclude=proper_names(parts.texts))
    probe = HeadlineModel(names, (), np.zeros(len(names)), ngrams, np.zeros(len(ngrams)), (0.0, 0.0))
    lexical = parts.lexicon_rows() * LEXICON_SCALE
    x = sp.hstack([sp.csr_matrix(lexical), probe.ngram_matrix(parts.tokens)], format="csr")
    n = x.shape[0]
    # One column for the band: +1 in the "above negative" half (eta + c), -1 in the "positive"
    # half (eta - c), so both cut-points share one weight and sit symmetrically about 0.
    cut = np.concatenate([np.full(n, CUT_POINT_SCALE), np.full(n, -CUT_POINT_SCALE)])[:, None]
    stacked = sp.hstack([sp.vstack([x, x]), sp.csr_matrix(cut)], format="csr")
    above = np.concatenate([labels > -1, labels > 0]).astype(int)
    classes, counts = np.unique(labels, return_counts=True)
    balance = {c: len(labels) / (len(classes) * k) for c, k in zip(classes, counts)}
    weights = np.tile([balance[v] for v in labels], 2)
    with threadpool_limits(limits=1):
        fitted = LogisticRegression(C=C, fit_intercept=False, solver="lbfgs", max_iter=10000, tol=1e-10).fit(
            stacked, above, sample_weight=weights)
    coef = fitted.coef_[0]
    k = len(names)
    half_width = float(coef[-1]) * CUT_POINT_SCALE
    return HeadlineModel(names, tuple(d.name for d in dictionaries), coef[:k] * LEXICON_SCALE, ngrams,
                         np.asarray(coef[k:-1], dtype=np.float64), (-half_width, half_width))


def describe(model: HeadlineModel, top: int = 10) -> str:
    """A short text of the model's lexicon weights and strongest n-grams (for docs and logs)."""
    lines = [f"cut-points {model.cut_points[0]:+.3f} {model.cut_points[1]:+.3f}"]
    lines += [f"{n:>20} {w:+.3f}" for n, w in zip(model.features, model.lexicon_weights)]
    order = np.argsort(-np.abs(model.ngram_weights), kind="stable")[:top]
    lines += [f"{model.ngrams[j]:>20} {model.ngram_weights[j]:+.3f}" for j in order]
    return "\n".join(lines) + f"\n{len(model.ngrams)} n-grams; largest |n-gram weight| {math.fabs(model.ngram_weights[order[0]]) if len(order) else 0:.3f}"

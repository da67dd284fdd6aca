"""VADER's compound score through NLTK's port, run rule by rule so each word's valence is kept
(`vader_with_evidence`), with a faster tokenisation equal to NLTK's (`words_and_emoticons`); and
the vaderSentiment package's analyser. Both read the lexicon of the pinned vaderSentiment package.

A module of its own so the trained models (quotelens.sentiment.model) can use VADER's score as a
feature without importing the Scorer.
"""

from __future__ import annotations

import math
from functools import lru_cache


@lru_cache(maxsize=1)
def nltk_analyzer():
    """NLTK's SentimentIntensityAnalyzer on the project-local lexicon (one per process)."""
    from quotelens.sentiment.resources import nltk_vader

    return nltk_vader()


@lru_cache(maxsize=1)
def package_analyzer():
    """vaderSentiment's SentimentIntensityAnalyzer (one per process)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=4)
def _punctuation_chars(remove_punctuation) -> str:
    """The ASCII characters VADER's punctuation regex removes (string.punctuation in NLTK)."""
    return "".join(c for c in map(chr, range(128)) if remove_punctuation.fullmatch(c))


def words_and_emoticons(text: str, punc_list, remove_punctuation) -> list[str]:
    """The tokens NLTK's `SentiText` gives (`words_and_emoticons`), without the dictionary it
    builds for every text: every word joined to every punctuation string, before and after
    (about 34 strings per distinct word), only to strip one leading or trailing punctuation
    string. Here each token is checked directly; a trailing strip wins over a leading one, as in
    NLTK (its "after" entries overwrite its "before" entries). Equal to NLTK's tokens (tested)."""
    chars = _punctuation_chars(remove_punctuation)
    marks = frozenset(chars)
    puncs = frozenset(punc_list)
    out = [token for token in text.split() if len(token) > 1]
    # Only tokens starting or ending with a mark may change (found in one comprehension).
    for k in [k for k, token in enumerate(out) if token[-1] in marks or token[0] in marks]:
        token = out[k]
        # NLTK strips only when the rest is one of its "words": a token of the text with every
        # punctuation mark removed, two characters or more. A rest made by stripping marks from
        # the ends is such a word exactly when it holds no mark itself, so no word set is needed.
        head = token.rstrip(chars)
        if head != token and token[len(head):] in puncs and len(head) > 1 and marks.isdisjoint(head):
            out[k] = head
            continue
        tail = token.lstrip(chars)
        if tail != token and token[:len(token) - len(tail)] in puncs and len(tail) > 1 and marks.isdisjoint(tail):
            out[k] = tail
    return out


def nltk_tokens(text: str, punc_list, remove_punctuation) -> list[str]:
    """NLTK SentiText's own tokenisation (slow: a dictionary of every word joined to every
    punctuation string), for comparisons; `words_and_emoticons` gives the same tokens."""
    from nltk.sentiment.vader import SentiText

    return SentiText(text, punc_list, remove_punctuation).words_and_emoticons


def _punctuation_amplifier(text: str) -> float:
    """VADER's emphasis from "!" (0.292 each, up to 4) and "?" (0.18 each for 2-3, 0.96 above)."""
    exclamations = min(text.count("!"), 4)
    questions = text.count("?")
    question_amplifier = 0
    if questions > 1:
        question_amplifier = questions * 0.18 if questions <= 3 else 0.96
    return exclamations * 0.292 + question_amplifier


def _is_negation(word: str, negators) -> bool:
    """VADER's test of one preceding word: a negation word, or any word containing n't."""
    low = word.lower()
    return low in negators or "n't" in low


def _idiom_valence(valence: float, words: list[str], i: int, constants) -> float:
    """VADER's idiom rule for the word at i (i >= 3): a known idiom ending at, starting at or
    around the word replaces the valence; a two-word booster ("kind of") just before damps it.
    Words are compared as written, like NLTK's `_idioms_check`."""
    idioms = constants.SPECIAL_CASE_IDIOMS
    w0, w1, w2, w3 = words[i], words[i - 1], words[i - 2], words[i - 3]
    for phrase in (f"{w1} {w0}", f"{w2} {w1} {w0}", f"{w2} {w1}", f"{w3} {w2} {w1}", f"{w3} {w2}"):
        if phrase in idioms:
            valence = idioms[phrase]
            break
    n = len(words)
    if n - 1 > i and f"{w0} {words[i + 1]}" in idioms:
        valence = idioms[f"{w0} {words[i + 1]}"]
    if n - 1 > i + 1 and f"{w0} {words[i + 1]} {words[i + 2]}" in idioms:
        valence = idioms[f"{w0} {words[i + 1]} {words[i + 2]}"]
    if f"{w3} {w2}" in constants.BOOSTER_DICT or f"{w2} {w1}" in constants.BOOSTER_DICT:
        valence = valence + constants.B_DECR
    return valence


def _word_valence(words: list[str], lows: list[str], i: int, is_cap_diff: bool, lexicon, constants) -> float:
    """The valence of lexicon word i after VADER's rules, in the order and arithmetic of NLTK's
    `sentiment_valence` (capitals, up to three preceding boosters with distance damping, negation
    and "never so/this", idioms, "least"), so the result is the same float."""
    word = words[i]
    valence = lexicon[lows[i]]
    if is_cap_diff and word.isupper():
        valence = valence + constants.C_INCR if valence > 0 else valence - constants.C_INCR
    negators, boosters = constants.NEGATE, constants.BOOSTER_DICT
    for back in (1, 2, 3):
        if i < back or lows[i - back] in lexicon:
            continue
        before = words[i - back]
        scalar = 0.0
        if lows[i - back] in boosters:
            scalar = boosters[lows[i - back]]
            if valence < 0:
                scalar *= -1
            if is_cap_diff and before.isupper():
                scalar = scalar + constants.C_INCR if valence > 0 else scalar - constants.C_INCR
            if back == 2:
                scalar = scalar * 0.95
            elif back == 3:
                scalar = scalar * 0.9
        valence = valence + scalar
        if back == 1:
            if _is_negation(before, negators):
                valence = valence * constants.N_SCALAR
        elif back == 2:
            if words[i - 2] == "never" and words[i - 1] in ("so", "this"):
                valence = valence * 1.5
            elif _is_negation(before, negators):
                valence = valence * constants.N_SCALAR
        else:
            if (words[i - 3] == "never" and words[i - 2] in ("so", "this")) or words[i - 1] in ("so", "this"):
                valence = valence * 1.25
            elif _is_negation(before, negators):
                valence = valence * constants.N_SCALAR
            valence = _idiom_valence(valence, words, i, constants)
    if i > 0 and lows[i - 1] == "least" and "least" not in lexicon:
        if i == 1 or lows[i - 2] not in ("at", "very"):
            valence = valence * constants.N_SCALAR
    return valence


def vader_with_evidence(text: str) -> tuple[float, list[tuple[str, float]]]:
    """NLTK VADER's compound score of `text` and the words that carried a valence after VADER's
    rules (negation, boosters, capitals, "but"), in VADER's valence units (-4..4 per word).

    Runs the steps of NLTK's `polarity_scores` one by one, in the same order and arithmetic, so
    the per-word valences are kept and the compound score equals
    `polarity_scores(text)["compound"]` (tested on every NewsMTSC and rated sentence), without
    NLTK's per-text objects and visiting only the words in VADER's lexicon."""
    analyzer = nltk_analyzer()
    constants = analyzer.constants
    if not isinstance(text, str):  # as NLTK's SentiText does
        text = str(text.encode("utf-8"))
    words = words_and_emoticons(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    n = len(words)
    if not n:
        return 0.0, []
    capitals = sum(map(str.isupper, words))
    is_cap_diff = 0 < n - capitals < n
    lows = [w.lower() for w in words]
    lexicon, boosters = analyzer.lexicon, constants.BOOSTER_DICT
    # Every other word gets 0 (NLTK's sentiment_valence appends the 0 it is given), so only the
    # lexicon words need the rules; boosters and "kind" before "of" stay 0, as in NLTK.
    hits = [k for k, low in enumerate(lows) if low in lexicon and low not in boosters]
    sentiments: list[float] = [0] * n
    if hits:
        # NLTK reads each word at its first position (its fix for a quadratic list.index):
        # assigning in reverse leaves the smallest index per word.
        first_index = dict(zip(reversed(words), range(n - 1, -1, -1)))
        for k in hits:
            i = first_index[words[k]]
            if i < n - 1 and lows[k] == "kind" and lows[i + 1] == "of":
                continue
            sentiments[k] = _word_valence(words, lows, i, is_cap_diff, lexicon, constants)
        if "but" in lows:  # NLTK's _but_check: halve before the first "but", 1.5 times after
            but = lows.index("but")
            for k in hits:
                if k < but:
                    sentiments[k] = sentiments[k] * 0.5
                elif k > but:
                    sentiments[k] = sentiments[k] * 1.5
    total = float(sum(sentiments[k] for k in hits))
    amplifier = _punctuation_amplifier(text)
    if total > 0:
        total += amplifier
    elif total < 0:
        total -= amplifier
    compound = round(total / math.sqrt((total * total) + 15), 4)
    return float(compound), [(words[k], float(sentiments[k])) for k in hits if sentiments[k]]

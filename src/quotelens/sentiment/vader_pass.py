"""VADER's compound score through NLTK's port, run rule by rule so each word's valence is kept
(`vader_with_evidence`), with a faster tokenisation equal to NLTK's (`words_and_emoticons`); and
the vaderSentiment package's analyser. Both read the lexicon of the pinned vaderSentiment package.

A module of its own so the trained models (quotelens.sentiment.model) can use VADER's score as a
feature without importing the Scorer.
"""

from __future__ import annotations

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
    puncs = frozenset(punc_list)
    words_only = {w for w in remove_punctuation.sub("", text).split() if len(w) > 1}
    out = []
    for token in text.split():
        if len(token) < 2:
            continue
        head = token.rstrip(chars)
        if head != token and token[len(head):] in puncs and head in words_only:
            out.append(head)
            continue
        tail = token.lstrip(chars)
        if tail != token and token[:len(token) - len(tail)] in puncs and tail in words_only:
            out.append(tail)
            continue
        out.append(token)
    return out


@lru_cache(maxsize=1)
def _senti_text_class():
    """NLTK's SentiText with the tokenisation of `words_and_emoticons` (same tokens, no
    per-text dictionary); everything else is NLTK's."""
    from nltk.sentiment.vader import SentiText

    class _SentiText(SentiText):
        def _words_and_emoticons(self):
            return words_and_emoticons(self.text, self.PUNC_LIST, self.REGEX_REMOVE_PUNCTUATION)

    return _SentiText


def vader_with_evidence(text: str) -> tuple[float, list[tuple[str, float]]]:
    """NLTK VADER's compound score of `text` and the words that carried a valence after VADER's
    rules (negation, boosters, capitals, "but"), in VADER's valence units (-4..4 per word).

    Runs the steps of NLTK's `polarity_scores` one by one so the per-word valences are kept;
    the compound score equals `polarity_scores(text)["compound"]` (tested)."""
    analyzer = nltk_analyzer()
    constants = analyzer.constants
    sentitext = _senti_text_class()(text, constants.PUNC_LIST, constants.REGEX_REMOVE_PUNCTUATION)
    words = sentitext.words_and_emoticons
    # NLTK looks up each token's first position (its fix for a quadratic list.index); same here.
    first_index: dict[str, int] = {}
    for idx, token in enumerate(words):
        first_index.setdefault(token, idx)
    sentiments: list[float] = []
    lexicon, boosters = analyzer.lexicon, constants.BOOSTER_DICT
    for item in words:
        i = first_index[item]
        low = item.lower()
        if (i < len(words) - 1 and low == "kind" and words[i + 1].lower() == "of") or low in boosters:
            sentiments.append(0)
            continue
        if low not in lexicon:
            # NLTK's sentiment_valence appends the valence it was given (0) for a word outside
            # the lexicon; most words are, and skipping the call halves the pass's time.
            sentiments.append(0)
            continue
        sentiments = analyzer.sentiment_valence(0, sentitext, item, i, sentiments)
    sentiments = analyzer._but_check(words, sentiments)
    compound = analyzer.score_valence(sentiments, text)["compound"]
    return float(compound), [(w, float(v)) for w, v in zip(words, sentiments) if v]

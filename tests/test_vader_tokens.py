"""The fast VADER tokenisation (vader_pass.words_and_emoticons) gives NLTK SentiText's tokens
exactly, on NewsMTSC sentences, FA-KES article text and crafted punctuation cases."""

from __future__ import annotations

import pytest
from nltk.sentiment.vader import SentiText

from quotelens import config
from quotelens.load.corpus import load_corpus
from quotelens.sentiment.newsmtsc import load_newsmtsc
from quotelens.sentiment.vader_pass import nltk_analyzer, vader_with_evidence, words_and_emoticons

CRAFTED = [
    "cat, ,cat !!cat cat!?!? 'cat' \"cat\" cat. -cat- ::cat",
    "The U.S., the U.N. and Assad's forces!!! said: \"No!\" -- then ?!?cat",
    "a, b; c. !! ?? x!!!! ... 'tis rock'n'roll 100% #win @user :) :-( <3",
    "GREAT news!!! but NOT good. Kind of bad, sort of ok?!",
    "",
    "   ",
]


def _nltk_tokens(text: str) -> list[str]:
    c = nltk_analyzer().constants
    return SentiText(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION).words_and_emoticons


def _fast_tokens(text: str) -> list[str]:
    c = nltk_analyzer().constants
    return words_and_emoticons(text, c.PUNC_LIST, c.REGEX_REMOVE_PUNCTUATION)


@pytest.mark.parametrize("text", CRAFTED)
def test_crafted_punctuation_cases(text):
    assert _fast_tokens(text) == _nltk_tokens(text)


def test_newsmtsc_sentences():
    sentences = sorted(set(load_newsmtsc(config.NEWSMTSC_DIR / "devtest_mt.jsonl")["sentence"]))
    assert len(sentences) > 500
    differing = [s for s in sentences if _fast_tokens(s) != _nltk_tokens(s)]
    assert differing == []


def test_fakes_articles_and_scores():
    texts = load_corpus(config.FAKES_CSV).articles["text"].tolist()[:150]
    for text in texts:
        assert _fast_tokens(text) == _nltk_tokens(text)
    analyzer = nltk_analyzer()
    for text in texts[:40]:
        assert vader_with_evidence(text)[0] == analyzer.polarity_scores(text)["compound"]


def test_changed_tokens_are_real():
    # The test above would pass trivially if nothing were ever stripped: check that stripping happens.
    # One punctuation string is stripped from one side only, as NLTK does ("'bird'" stays whole).
    assert _fast_tokens("cat, ,dog 'bird' x") == ["cat", "dog", "'bird'"]

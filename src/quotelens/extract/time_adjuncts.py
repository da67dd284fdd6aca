"""Time words between a subject and its speech verb, read from the tagger's tokens: "The
ministry on August 24 stated", "Officials on Monday said", "Trump Monday said", and a weekday,
month or day number that opens a time adjunct rather than a subject ("last September said" is
no speaker; "May added" after "Theresa May" is).

Used by the open-vocabulary speaker phrases (quotelens.extract.speaker_np). Reads: a
`TaggedSentence` (tokens: word, start, end, tag). Writes: token indices.
"""

from __future__ import annotations

import re

from quotelens.extract.lexicon.syntax_words import CALENDAR_WORDS, TIME_MODIFIERS, TIME_NOUNS, WEEKDAYS
from quotelens.extract.tagged import TaggedSentence

_YEAR_OR_DAY = re.compile(r"(?:1[89]|20)\d\d|[0-3]?\d(?:st|nd|rd|th)?")
# Tags of the subject's last word before an adjunct (a noun or pronoun, not a number).
_NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS", "PRP"))


def time_word(ts: TaggedSentence, i: int) -> bool:
    """Whether token `i` heads a time adjunct, not a subject: a weekday or time noun, or a
    month after a number or "last/this/next/early/late" ("last September"). A month name
    alone before a speech verb is a name ("May added", Theresa May)."""
    low = ts.tokens[i][0].lower()
    if low in TIME_NOUNS or low in WEEKDAYS:
        return True
    if low in CALENDAR_WORDS:
        return i > 0 and (ts.tokens[i - 1][3] == "CD" or ts.tokens[i - 1][0].lower() in TIME_MODIFIERS)
    return False


TIME_PREPOSITIONS = frozenset(("on", "in", "last", "this", "early", "late", "mid", "earlier"))


def before_time_adjunct(ts: TaggedSentence, i: int, lo_index: int) -> int:
    """The last token before a time adjunct that ends at token `i` and stands between the
    subject and the cue ("The ministry on August 24 stated", "Officials on Monday said",
    "The group last week said"), or `i` when there is none. The adjunct is a run of dates
    (weekdays, months, day numbers, years, time nouns) opened by a time preposition, or a
    weekday or time noun alone ("Trump Monday said")."""
    toks = ts.tokens
    j = i
    while j >= lo_index and (is_date_word(toks[j][0], toks[j][3]) or toks[j][0].lower() in TIME_NOUNS):
        j -= 1
    if j == i or j < lo_index:
        return i
    if toks[j][0].lower() in TIME_PREPOSITIONS:
        j -= 1
    elif not (toks[j + 1][0].lower() in WEEKDAYS or toks[j + 1][0].lower() in TIME_NOUNS):
        return i  # "Syria 2015 said"? no adjunct without a preposition or a day word
    if j < lo_index or toks[j][3] not in _NOUN_TAGS:
        return i  # the adjunct must follow the subject's noun
    return j


def is_date_word(word: str, tag: str) -> bool:
    """A weekday, month, year or day number at the start of a chunk."""
    if tag == "CD":
        return bool(_YEAR_OR_DAY.fullmatch(word))
    return word.lower() in CALENDAR_WORDS

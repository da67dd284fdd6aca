"""The noun phrase a prepositional phrase or relative clause modifies: when the phrase right before a speech verb
is the object of a preposition ("a monitor in northern Syria said", "a network of sources
inside Syria said"), the place or thing after the preposition is not the subject; the noun
phrase before the preposition heads the subject.

Reads: an `ArticleState`'s text and sentences (tagged by quotelens.extract.tagged). Writes: a
character span into the text.
"""

from __future__ import annotations

import bisect
import re

from quotelens.extract.lexicon.grammar_words import DETERMINERS, MODIFYING_PREPOSITIONS
from quotelens.extract.lexicon.pronouns import PRONOUNS
from quotelens.extract.tagged import tagged_sentence

_NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS", "CD"))
_MODIFIER_TAGS = frozenset(("VBN", "VBG", "JJ"))  # "based in", "operating across", "familiar with"
_WHICH_WHO = re.compile(r"\s(?:which|who)\s")
MAX_STEPS = 3  # prepositional phrases climbed over ("a network of sources inside Syria": two)


def head_before_object(art, lo: int, start: int, end: int) -> tuple[int, int] | None:
    """The subject span (characters) of the noun phrase that the prepositional phrase ending
    at `end` modifies, when text[start:end] is the object of a preposition, without that
    object ("a network of sources inside Syria" gives "a network of sources"); no further
    left than `lo`. None when no preposition comes right before `start`, or no noun phrase before
    the preposition (then the phrase may be a verb's object or a subject after all)."""
    ts = tagged_sentence(art, art.sentence_of(start), upto=end)
    toks = ts.tokens
    k = bisect.bisect_left(ts.starts, start)
    if k >= len(toks) or toks[k][1] != start:
        return None
    lo_index = bisect.bisect_left(ts.starts, lo)
    head = None
    last = None  # the last token before the preposition nearest the cue
    for _ in range(MAX_STEPS):
        j = k - 1
        if j <= lo_index or toks[j][3] not in ("IN", "TO") or toks[j][0].lower() not in MODIFYING_PREPOSITIONS:
            break
        h = j - 1
        if toks[h][3] in _MODIFIER_TAGS and h - 1 >= lo_index:
            h -= 1  # "sources based in Syria", "officials familiar with the talks"
        if toks[h][3] not in _NOUN_TAGS:
            break
        k = ts.chunk_ending.get(h, h)
        if k < lo_index:
            break
        head = k
        if last is None:
            last = j - 1
    return None if head is None else (toks[head][1], toks[last][2])


def is_place(art, span: tuple[int, int]) -> bool:
    """Whether the phrase at `span` (characters) names a place (it resolves to a state: "northern
    Syria"), for the article `art` (an ArticleState)."""
    res = art.resolver.resolve([span])
    return res is not None and res.kind == "state"


def inside_relative_clause(text: str, s0: int, start: int) -> bool:
    """Whether a phrase starting at `start` (characters) lies inside a "which"/"who" clause
    opened earlier in its sentence, with no comma or quote mark between (the clause's own
    words, not a subject)."""
    m = None
    for m in _WHICH_WHO.finditer(text, s0, start):
        pass
    if m is None or re.search(r"[,;:\"“”]", text[m.end():start]):
        return False
    if text[m.end():start].strip():
        return True
    # right after the pronoun: the clause's own subject ("which the Church describes"), unless
    # it opens with a lower-case word that is no determiner or pronoun (the clause's verb the
    # tagger read as a noun: "which monitors violence in Syria said")
    first = text[start:start + 30].split()[:1]
    return bool(first) and first[0].islower() and first[0] not in DETERMINERS and first[0] not in PRONOUNS

"""The sense of a speech verb from what follows it: a clause or a quotation (a statement:
"said the boy was welcome", "explained how ...", "urged them to leave", 'said: "..."') or a
plain noun object ("added three goals", "conceded a penalty", "tweeted support of ..."), read
from the tagger's part-of-speech tags (quotelens.extract.tagged.tagged_sentence); and, after a
verb taking an object, where its content runs (never the verb) and whether a verb of evaluation
reports anything at all (`object_content`).

Reads: an `ArticleState`. Writes: a label, or a span of character offsets.
"""

from __future__ import annotations

import bisect
import re

from quotelens.extract.cues import ADJUNCT
from quotelens.extract.lexicon.directive_verbs import DIRECTIVE_LEMMAS
from quotelens.extract.lexicon.evaluative_verbs import EVALUATIVE_LEMMAS
from quotelens.extract.lexicon.syntax_words import WH_WORDS
from quotelens.extract.tagged import tagged_sentence

_VERB_TAGS = frozenset(("VB", "VBD", "VBZ", "VBP", "VBN", "VBG"))
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
# The addressee of a request and an adjunct after it ("the inspectors in a statement"): tags and length (tokens).
_ADDRESSEE_TAGS = frozenset(("DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "POS", "CD",
                             "IN", "CC"))
_ADDRESSEE_TOKENS = 10
# Quoted words in the complement are the speaker's ('criticized X because he was "..."').
_QUOTE_MARK = re.compile(r"[\"“”«]")
# "condemned the attack as a massacre": the "as" complement that makes an evaluation a statement;
# not "as well", "as part of", nor the conjunction ("... the attacks and as it was crossing").
_AS_COMPLEMENT = re.compile(r"(?<![,;])(?<!\band)(?<!\bbut)\sas\s+"
                            r"(?!(?:well|part|soon|long|much|many|if|though|it|they|he|she|we|i|you|a result)\b)",
                            re.IGNORECASE)


def verb_complement(art, after: int, hi: int) -> str:
    """What follows a speech verb (from character offset `after`, which may be past an
    addressee, to `hi`): "clause" ("that ...", a wh-clause, a subject and finite verb, an
    infinitive), "quote" (a quote mark or colon), "object" (a noun phrase and nothing that
    makes it a clause), or "none" (the sentence ends)."""
    text = art.text
    p = after
    while p < hi and text[p].isspace():
        p += 1
    if p >= hi or text[p] in ".!?":
        return "none"
    if text[p] in ":\"“«'‘":
        return "quote"
    ts = tagged_sentence(art, art.sentence_of(p))
    toks = ts.tokens
    k = bisect.bisect_left(ts.starts, p)
    if k >= len(toks):
        return "none"
    word, _, _, tag = toks[k]
    low = word.lower()
    if low == "that" or low in WH_WORDS or tag in ("WDT", "WP", "WRB") or tag == "TO":
        return "clause"
    end = k
    while end < len(toks) and toks[end][1] < hi and toks[end][3] not in _VERB_TAGS | {"MD", ",", ".", ":", "WDT", "WP"}:
        end += 1  # (a relative clause belongs to the object: "conceded a penalty which ... awarded")
    if end < len(toks) and toks[end][1] < hi and toks[end][3] in _FINITE_TAGS | {"VBN"} and end > k:
        return "clause"  # "said the boy was welcome"
    return "object"


def finite_verb_between(art, a: int, b: int) -> bool:
    """Whether text[a:b] (characters, inside one sentence) holds a finite verb or modal by the
    tagger: an apposition or adjunct after a speaker phrase holds none ("said Rami Abdel Rahman
    director of the Syrian Observatory"), a new clause does."""
    if b <= a:
        return False
    ts = tagged_sentence(art, art.sentence_of(a), upto=b)
    k = bisect.bisect_left(ts.starts, a)
    while k < len(ts.tokens) and ts.tokens[k][1] < b:
        if ts.tokens[k][3] in _FINITE_TAGS:
            return True
        k += 1
    return False


def last_finite_verb(art, lo: int, pos: int) -> int | None:
    """Character offset of the last finite verb (by the tagger) in text[lo:pos] of one
    sentence, the verb a participle at `pos` depends on ("X put the toll at 58 saying ..."),
    or None; an auxiliary gives way to the verb it helps ("has reacted")."""
    ts = tagged_sentence(art, art.sentence_of(pos), upto=pos)
    k = bisect.bisect_left(ts.starts, pos) - 1
    lo_k = bisect.bisect_left(ts.starts, lo)
    while k >= lo_k:
        if ts.tokens[k][3] in _FINITE_TAGS:
            return ts.tokens[k][1]
        k -= 1
    return None


def object_content(art, r: int, s1: int, lemma: str):
    """(start, end, "reported_object") of the content after an object verb ending at `r`:
    its complement, never the cue (data/gold/news/README.md, section 2: "ruled out" + the noun
    phrase, "described today as useful ..." without "today", "denied responsibility" ->
    "responsibility", "accused X of Y" -> "X of Y"). None for a verb of evaluation whose object
    is only a topic ("condemned the attack", "praised the team": no statement by section 1);
    with "as" ("condemned the attack as a massacre") or quoted words in it, it reports one."""
    text = art.text
    p = r
    while True:  # "described today as ...", "denied on Monday any role"
        m = ADJUNCT.match(text, p, s1)
        if not m or m.end() == p:
            break
        p = m.end()
    b = art.clause_end(p, s1)
    if not text[p:b].strip():
        return None
    if lemma in EVALUATIVE_LEMMAS and not _AS_COMPLEMENT.search(text, p, b) and not _QUOTE_MARK.search(text, p, b):
        return None  # ("condemned that ..." is read as a that-clause before this)
    if lemma in DIRECTIVE_LEMMAS:
        p = _after_addressee(art, p, b)
    return p, b, "reported_object"


def _after_addressee(art, p: int, b: int) -> int:
    """Start (characters) of the to-infinitive after the addressee of a request ("urged the
    inspectors in a statement to go ..." -> "to go ..."), or `p` when text[p:b] does not open
    with a noun phrase (and adjuncts) followed by "to" and a verb."""
    ts = tagged_sentence(art, art.sentence_of(p), upto=b)
    k = bisect.bisect_left(ts.starts, p)
    first = k
    while k < len(ts.tokens) and ts.tokens[k][1] < b and k - first <= _ADDRESSEE_TOKENS:
        word, start, _, tag = ts.tokens[k]
        if tag == "TO" and k > first and k + 1 < len(ts.tokens) and ts.tokens[k + 1][3] in ("VB", "RB"):
            return start
        if word.lower() == "not" and k > first and k + 1 < len(ts.tokens) and ts.tokens[k + 1][3] == "TO":
            return start  # "asked the governments not to turn away boats"
        if tag not in _ADDRESSEE_TAGS or k == first and tag in ("IN", "CC") and word.lower() != "to":
            break  # "asked for an official to appear": the request is the whole phrase ("asks to X to")
        k += 1
    return p

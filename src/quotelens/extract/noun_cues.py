"""The noun-cue pass: speech carried by a noun rather than a verb ("the Church's requests to
take down the video", "a World Health Organisation recommendation that all salt be iodised",
"full assurances from rebel commanders that they would ...", "the claim by activists that ...").

The gold guideline counts a nominal cue when it carries the content (data/gold/README.md,
"Kerry's claims that CLAUSE"). A noun counts only with both:
- its source: a possessive before it ("the Church's", "Russia's"), a name modifying it ("a
  World Health Organisation recommendation"), or a "from"/"by" phrase after it; a bare "the
  calls for" names nobody and is left alone;
- its content: a "that" clause (not a relative clause: "the claims that were made"), a
  to-infinitive ("requests to take down", not "requests to the council") or, for nouns of
  asking, a "for" phrase ("calls for mandatory iodised salt").
The statement is the content, from "to"/the first word after "that"/"for" to the clause end;
the noun is its cue. Run after the verb passes (a span they took is never taken again) and,
inside `ArticleState.nested_speech()`, once more for nouns inside reported statements.

Reads: an `ArticleState`. Writes: indirect (and mixed) statements into it (rule "noun_cue").
"""

from __future__ import annotations

import re

from quotelens.extract.according import generic_speaker
from quotelens.extract.article import ArticleState
from quotelens.extract.lexicon import alternation
from quotelens.extract.lexicon.speech_nouns import ASKING_NOUNS, SPEECH_NOUNS
from quotelens.extract.postag import tag_text
from quotelens.extract.speaker_phrases import phrase_after

_NOUN = re.compile(rf"\b(?:{alternation(sorted(SPEECH_NOUNS, key=lambda w: (-len(w), w)))})\b")
# up to two premodifiers between the source and the noun ("his urgent calls", "repeated requests")
_PREMODIFIERS = re.compile(r"(?:(?<![\w'’])(?!(?:and|or|but|nor|of|in|on|at|to|for|with|by|from|as|than|that|which)\s)"
                           r"[a-z][a-z-]*\s+){0,2}$")
_POSSESSIVE = re.compile(r"(?:\b(?P<pron>his|her|their|its)|(?P<name>[A-Z][\w.&-]*(?:\s+(?:of|for|the|and|[A-Z][\w.&-]*))*?)['’]s?)\s+$")
_NAME_MODIFIER = re.compile(r"\b(?:a|an|the)\s+(?P<name>[A-Z][\w.&-]*(?:\s+(?:of|for|[A-Z][\w.&-]*))*)\s+$")
_SOURCE_AFTER = re.compile(r"\s+(?:from|by)\s+")
# lower-case head words a name phrase leaves out ("from the UN and humanitarian actors for")
_HEAD_TAIL = re.compile(r"(?:\s+[a-z][a-z-]*){1,2}(?=\s+(?:that|to|for)\s)")
_CONNECTOR = re.compile(r"\s+(?P<conn>that|to|for)\s+(?=\S)")
_NEGATED = re.compile(r"\b(?:no|without|any)\s+(?:[a-z-]+\s+)?$")
_PHRASE_PUNCT = frozenset((",", ";", "(", "-", "–", "—", "--"))
# tags after "that" that make it a relative pronoun ("the claims that were made")
_VERB_TAGS = ("VB", "MD")


def find_noun_cues(art: ArticleState) -> None:
    """Record a statement for every speech noun with a source and a content (see the module
    docstring); with `art.nesting` on, only nouns inside reported statements."""
    text = art.text
    if art.nesting:
        matches = [m for a, b in art.reported_spans() for m in _NOUN.finditer(text, a, b)]
    else:
        matches = list(_NOUN.finditer(text))
    for m in matches:
        pos = m.start()
        if pos in art.used_cues or art.in_quote(pos):
            continue
        si = art.sentence_of(pos)
        s0, s1 = art.sentences[si]
        if art.nesting:
            s1 = min(s1, next((b for a, b in art.reported_spans() if a <= pos < b), s1))
        noun = m.group().lower()
        before = text[s0:pos]
        if _NEGATED.search(before):
            continue  # "no assurances that": nobody gave any
        source = _source_after(art, m.end(), s1)
        after = source[1] if source else m.end()
        if source is None:
            mod = _PREMODIFIERS.search(before)
            source = _source_before(art, s0 + mod.start(), s0)
        if source is None:
            continue
        content = _content_start(art, noun, after, s1)
        if content is None or not _noun_after_verb(art, s0, pos, m.end()):
            continue
        res, span = source[0], source[2]
        a = content
        # the content is part of a noun phrase inside a larger clause: it ends at the clause
        # end or at the first comma, semicolon or dash, whichever comes first
        b = _content_end(text, a, art.clause_end(a, s1))
        if b - a < 8:
            continue
        art.emit_clause(a, b, res, m.group(), "noun_cue", "indirect", pos, spans=[span])


def _source_after(art: ArticleState, pos: int, s1: int):
    """(resolution, end of the phrase, phrase span) of "from/by NP" right after the noun."""
    m = _SOURCE_AFTER.match(art.text, pos, s1)
    if not m:
        return None
    span = phrase_after(art.text, m.end(), s1)
    if span is None:
        return None
    tail = _HEAD_TAIL.match(art.text, span[1], s1)
    if tail:
        span = (span[0], tail.end())
    res = art.resolver.resolve([span]) or generic_speaker(art, span)
    return None if res is None else (res, span[1], span)


def _source_before(art: ArticleState, end: int, s0: int):
    """(resolution, end, phrase span) of a possessive ("the Church of Scientology's", "his")
    or a name modifying the noun ("a World Health Organisation recommendation"), ending at
    `end` (characters)."""
    text = art.text
    window = text[max(s0, end - 120):end]
    lo = end - len(window)
    m = _POSSESSIVE.search(window)
    group = "pron" if m and m.group("pron") else "name"
    if m is None:
        m = _NAME_MODIFIER.search(window)
        if m is None:
            return None
    span = (lo + m.start(group), lo + m.end(group))
    res = art.resolver.resolve([span])
    if res is None or res.how.split(":")[0] not in ("name", "unknown_name", "role", "pronoun", "unnamed"):
        return None
    return res, end, span


def _content_start(art: ArticleState, noun: str, pos: int, s1: int) -> int | None:
    """Start (characters) of the noun's content right after `pos`: the clause after "that",
    "to" with its verb, or (nouns of asking) the phrase after "for"; None when there is none."""
    text = art.text
    m = _CONNECTOR.match(text, pos, s1)
    if not m:
        return None
    conn = m.group("conn")
    if conn == "for" and noun not in ASKING_NOUNS:
        return None
    # tagged with the connector, which tells the tagger what follows ("to take": a verb)
    nxt = tag_text(text[m.start("conn"):min(s1, m.end() + 60)])
    if len(nxt) < 2:
        return None
    tag = nxt[1][3]
    if conn == "that":
        return None if tag.startswith(_VERB_TAGS) else m.end()
    if conn == "to":
        return m.start("conn") if tag == "VB" else None
    return m.end()


def _content_end(text: str, a: int, b: int) -> int:
    """End (characters) of the content text[a:b]: before the first comma, semicolon, bracket
    or dash that follows a verb of the content (an opening adjunct keeps its comma: "assertion
    that in all her emails ..., she never strayed")."""
    verb = False
    for tok, s, e, tag in tag_text(text[a:b]):
        if verb and tok in _PHRASE_PUNCT:
            return a + s
        verb = verb or tag.startswith(("VB", "MD"))
    return b


def _noun_after_verb(art: ArticleState, s0: int, pos: int, end: int) -> bool:
    """Whether the tagger reads the cue word at text[pos:end] as a noun ("the U.S. claims that
    ..." is a verb, which the reported-speech pass reads) that follows a verb of its sentence
    ("complying with the Church's requests to ..."). A noun in the subject ("The Prime
    Minister's promise to hold a referendum was broken") is left alone: its content would run
    into the sentence's own verb."""
    lo = max(s0, pos - 120)
    verb_before = False
    for tok, s, e, tag in tag_text(art.text[lo:min(len(art.text), end + 40)]):
        if lo + s == pos:
            return tag.startswith("NN") and verb_before
        verb_before = verb_before or tag.startswith(("VBD", "VBZ", "VBP", "VBG", "VBN", "MD"))
    return False

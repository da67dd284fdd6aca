"""Quotes no other pass attributed, and quotes repeated from the headline.

A quote opening a paragraph or sentence continues the previous direct speaker (the news
convention for a speaker's second paragraph); a quoted fragment in a sentence whose subject is
an actor is a mixed statement of that actor. A quote of a headline (or title) found again in
the body flags the body statement (`in_headline`).

Reads: an `ArticleState` and the article's headlines. Writes: direct and mixed statements
into it, and `in_headline` on its statements.
"""

from __future__ import annotations

from typing import Iterable

from quotelens.extract.article import CONF, ArticleState
from quotelens.extract.postag import tag_text
from quotelens.extract.quotes import find_quotes
from quotelens.extract.speaker_phrases import phrase_after
from quotelens.text import paragraph_spans, sentence_spans


# A quote opening its sentence continues the previous statement when it has this many words
# or more, and that statement ends at most this many sentences before it (or, for a quote
# paragraph, at most this many paragraphs before it).
CONTINUATION_MIN_WORDS = 3
CONTINUATION_MAX_SENTENCES = 2
CONTINUATION_MAX_PARAGRAPHS = 2
_VERB_TAGS = frozenset(("VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "MD"))
# A subject and at most four words before a quoted fragment fit in this many characters.
_SUBJECT_AND_VERB_CHARS = 200
# Looked at when asking whether a quotation starts with a verb (characters).
_HEAD_CHARS = 120


def starts_with_verb(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] starts with a verb (or an adverb then a verb), by the tagger."""
    tagged = tag_text(text[a:min(b, a + _HEAD_CHARS)])
    for _, _, _, tag in tagged[:3]:
        if tag in _VERB_TAGS:
            return True
        if not tag.startswith("RB"):
            return False
    return False


def attach_leftover_quotes(art: ArticleState) -> None:
    """Pass 4: quotes still unattributed continue the previous statement's speaker (a quote
    opening its paragraph or sentence right after a statement) or belong to the actor opening
    their sentence when they are that actor's words (a quoted verb phrase); others stay
    unattributed (scare quotes, titles, nicknames)."""
    text = art.text
    for qi, q in enumerate(art.quotes):
        if qi in art.used_quotes or art.overlaps(q.start, q.end):
            continue
        n_words = len(text[q.start:q.end].split())
        si = art.sentence_of(q.open)
        s0, s1 = art.sentences[si]
        opens_unit = not text[s0:q.open].strip()
        if opens_unit and n_words >= CONTINUATION_MIN_WORDS:
            last = _previous_statement(art, q, si)
            if last is not None and art.add(q.start, q.end, last["_res"], "", "direct", "quote_continues",
                                            CONF["quote_continues"], q.open, same_as=last):
                art.used_quotes.add(qi)
            continue
        if n_words >= 2:
            _quoted_words_of_subject(art, qi, q, s0)


def _previous_statement(art: ArticleState, q, si: int) -> dict | None:
    """The statement a quote opening a sentence or paragraph continues: the last one before
    it, in the same or the previous sentence, or (a quote paragraph) one of the two paragraphs
    before; none when another quotation or narration with a speech cue of its own lies between."""
    before = [st for st in art.statements if st["start"] < q.open]
    if not before:
        return None
    last = max(before, key=lambda st: st["end"])
    par = art.paragraph_of(q.open)
    opens_paragraph = art.paragraphs and art.paragraphs[par][0] >= q.open - 1
    near = si - art.sentence_of(max(last["start"], last["end"] - 1)) <= CONTINUATION_MAX_SENTENCES
    if opens_paragraph:
        near = near or par - art.paragraph_of(last["start"]) <= CONTINUATION_MAX_PARAGRAPHS
    return last if near else None


def _quoted_words_of_subject(art: ArticleState, qi: int, q, s0: int) -> None:
    """'He went on to "clarify some thoughts"', 'The Observatory "has documented ..."': a
    quotation that starts with a verb right after the sentence's subject (and at most a few
    words) is that subject's words, a mixed statement. A quoted noun phrase ('a silver medal for
    "courageous achievement"', the so-called "caliphate") is nobody's statement."""
    text = art.text
    if q.open - s0 > _SUBJECT_AND_VERB_CHARS:
        return  # the subject and at most four words cannot reach this far
    span = phrase_after(text, s0, q.open)
    if span is None or span[0] - s0 > 2:
        return
    between = text[span[1]:q.open].split()
    if len(between) > 4 or (between and not between[0][:1].islower()):
        return
    if not starts_with_verb(text, q.start, q.end):
        return
    res = art.resolver.resolve([span])
    if res is not None and res.kind != "group":
        if art.add(q.start, q.end, res, "", "mixed", "quote_fragment", CONF["quote_fragment"], q.open, spans=[span]):
            art.used_quotes.add(qi)


def mark_headline_quotes(art: ArticleState, headlines: Iterable[str]) -> None:
    """Pass 5: flag statements whose words contain a quote (two words or more) of a headline."""
    for head in headlines:
        if not head:
            continue
        hp = paragraph_spans(head)
        hq = find_quotes(head, hp, sentence_spans(head))
        for q in hq:
            words = head[q.start:q.end]
            if len(words.split()) < 2:
                continue
            pos = art.text.find(words)
            if pos < 0:
                continue
            for st in art.statements:
                if st["start"] <= pos < st["end"]:
                    st["in_headline"] = True

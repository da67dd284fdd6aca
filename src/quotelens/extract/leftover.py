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
from quotelens.extract.quotes import find_quotes
from quotelens.extract.speaker_phrases import phrase_after
from quotelens.text import paragraph_spans, sentence_spans


def attach_leftover_quotes(art: ArticleState) -> None:
    """Pass 4: quotes still unattributed continue the previous direct speaker or belong to
    the actor opening their sentence; others stay unattributed."""
    text = art.text
    for qi, q in enumerate(art.quotes):
        if qi in art.used_quotes or art.overlaps(q.start, q.end):
            continue
        n_words = len(text[q.start:q.end].split())
        si = art.sentence_of(q.open)
        s0, s1 = art.sentences[si]
        par = art.paragraph_of(q.open)
        opens_unit = not text[s0:q.open].strip()
        if opens_unit and n_words >= 4:
            prev = [st for st in art.statements if st["type"] == "direct" and st["start"] < q.open
                    and par - st["paragraph"] <= 2]
            if prev:
                last = max(prev, key=lambda st: st["start"])
                if art.add(q.start, q.end, last["_res"], "", "direct", "quote_continues",
                            CONF["quote_continues"], q.open, same_as=last):
                    art.used_quotes.add(qi)
            continue
        if n_words >= 2:
            span = phrase_after(text, s0, q.open)
            if span is None or span[0] - s0 > 2:
                continue
            after = text[span[1]:q.open].split()
            if not after or not after[0][:1].islower():
                continue
            res = art.resolver.resolve([span])
            if res is not None and res.kind != "group":
                if art.add(q.start, q.end, res, "", "mixed", "quote_fragment", CONF["quote_fragment"], q.open,
                            spans=[span]):
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

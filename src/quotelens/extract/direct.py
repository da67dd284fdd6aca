"""The direct-quote pass: quoted words and the speaker named right after or before them.

Attribution after the closing mark (`"Q," X said`, `"Q," said X`, `"Q" X said` without
commas, `"Q" - X`, `"Q," according to X`), before the opening mark (`X said: "Q"`, `X said
"Q"`, `X: "Q"`; `X said that "Q"` gives mixed statements), and split quotes (`"Q1," X said,
"Q2."`, whose second part continues the first one's speaker).

Reads: an `ArticleState` (its quotes, sentences and resolver). Writes: direct and mixed
statements into it (`ArticleState.add`).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from quotelens.extract import speech_verbs
from quotelens.extract.according import according_phrase
from quotelens.extract.article import CONF, ArticleState
from quotelens.extract.cues import ACCORDING, TELL_OBJECT, VERB, only_adjuncts, verb_ok
from quotelens.extract.described_person import premodifiers_only
from quotelens.extract.lexicon import alternation
from quotelens.extract.lexicon.attribution_phrases import SPLIT_QUOTE_PARTICIPLES
from quotelens.extract.lexicon.clause_words import FRAGMENT_BEFORE
from quotelens.extract.lexicon.speech_verbs import TELL_LEMMAS
from quotelens.extract.participle_quote import comma_participle, opening_subject
from quotelens.extract.quotes import Quote
from quotelens.extract.resolution import Resolution
from quotelens.extract.speaker_np import speaker_before
from quotelens.extract.speaker_phrases import phrase_after, subject_before

# Between a closing mark and its attribution: optional punctuation, then maybe a dash.
_LEAD = re.compile(r"[ \t]*[,;:?!.]?[ \t]*(?P<dash>[-–—]+[ \t]*)?")
# a sentence that is a dash and at most six words: the attribution of the quote before it
_DASH_LINE = re.compile(r"[-–—]+[ \t]*(?:\S+[ \t]+){0,5}\S+[ \t]*$")
# A quotation ending in "?" or "!" that a tag follows in the next "sentence" ('"Why now?" the
# minister asked', '"Is this the end?" asked Jones').
_QUESTION_TAG = re.compile(r"[?!]")
_ASKED_NAME = re.compile(r"(?:asked|said|says|asks|cried|shouted|exclaimed|wondered)\s+[A-Z]")
_LOWER_WORD = re.compile(r"[a-z]{3}")
_TITLE_PREPOSITIONS = frozenset("on in at about of for from into".split())
# Between the parts of a split quote ('"Q1," adding, "Q2"').
_SPLIT_GAP = re.compile(rf"\s*[,;:]?\s*(?:{alternation(SPLIT_QUOTE_PARTICIPLES)})\s*[,:]?\s*")


class Attribution(NamedTuple):
    """Who a quote is attributed to and how: the resolved speaker, the rule, the cue as written
    and its offset (-1 when there is none), the statement type, the speaker phrase spans, and
    where the attribution ends (character offset; -1 when not known)."""

    res: Resolution
    rule: str
    cue: str
    cue_pos: int
    kind: str
    spans: list[tuple[int, int]] | None
    end: int = -1


def find_direct_quotes(art: ArticleState) -> None:
    """Pass 1: attribute every quote of the article that has its speaker right after or
    before it (or continues a split quote), recording direct and mixed statements."""
    text = art.text
    last_attr_end = -1
    last_st: dict | None = None
    for qi, q in enumerate(art.quotes):
        if qi in art.used_quotes:
            continue
        found = None
        same = None
        if last_st is not None and q.open > last_attr_end >= 0:
            # '"Q1," X said, "Q2."' and '"Q1," adding, "Q2"': the second part continues the
            # first one's speaker
            gap = text[last_attr_end:q.open]
            if len(gap) <= 3 and not gap.strip(" ,;:") or _SPLIT_GAP.fullmatch(gap):
                found = Attribution(last_st["_res"], "direct_split", "", -1, "direct", None)
                same = last_st
        if found is None and q.closed:
            found = _attribution_after(art, q)
        if found is None:
            found = _attribution_before(art, q)
        if found is None:
            continue
        res, rule, cue, cue_pos, kind, spans, attr_end = found
        conf = CONF[rule] - (0.0 if q.closed or q.continued else 0.3)
        if rule == "mixed_that":
            # 'X stressed that "Q1" and ... "Q2"': every quoted fragment of the clause
            si = art.sentence_of(q.open)
            end = art.clause_end(q.open, art.sentences[si][1])
            art.emit_clause(q.open, end, res, cue, rule, "indirect", cue_pos, spans=spans)
            continue
        if art.add(q.start, q.end, res, cue, kind, rule, conf, cue_pos, spans=spans, same_as=same):
            art.used_quotes.add(qi)
            if cue_pos >= 0:
                art.used_cues.add(cue_pos)
            last_st = art.statements[-1]
            close_end = q.close + 1 if q.closed else -1
            last_attr_end = attr_end if rule in ("direct_after", "direct_according") else close_end


def _dash_line_after(art: ArticleState, a: int, si: int) -> bool:
    """Whether the sentence after sentence `si`, in the same paragraph and right after offset
    `a` (the closing mark's end), is a dash and a short phrase ("- Matthew Ingram")."""
    if si + 1 >= len(art.sentences):
        return False
    n0, n1 = art.sentences[si + 1]
    return not art.text[a:n0].strip() and art.paragraph_of(n0) == art.paragraph_of(a) \
        and _DASH_LINE.match(art.text, n0, n1) is not None


def _attribution_after(art: ArticleState, q: Quote) -> Attribution | None:
    """The speaker after the closing mark of `q`, in the same sentence, or None."""
    text = art.text
    a = q.close + 1
    si = art.sentence_of(q.close)
    limit = art.sentences[si][1] if si < len(art.sentences) else len(text)
    # a quote closing its sentence ("... out."") is attributed in the same sentence only, but
    # a question or exclamation ('"Why now?" the minister asked.') goes on in lower case
    if limit <= a and _dash_line_after(art, a, si):
        limit = art.sentences[si + 1][1]  # '"... a long game." - Matthew Ingram': the splitter's own sentence
    elif limit <= a:
        if not _QUESTION_TAG.match(text, q.start if q.end <= q.start else q.end - 1) \
                or si + 1 >= len(art.sentences) or art.paragraph_of(art.sentences[si + 1][0]) != art.paragraph_of(a):
            return None
        nxt = text[a:art.sentences[si + 1][0] + 40].lstrip()
        if not nxt[:1].islower() and not _ASKED_NAME.match(nxt):
            return None
        limit = art.sentences[si + 1][1]
    # a quote inside a noun phrase ('his description of Obama as a "bad guy," Schiff said')
    # is a fragment of someone else's words, not the words of the speaker after it
    s0 = art.sentences[art.sentence_of(q.open)][0]
    lead_words = text[s0:q.open].split()
    if lead_words and lead_words[-1].lower() in FRAGMENT_BEFORE:
        return None
    m = _LEAD.match(text, a, limit)
    p = m.end()
    if p >= limit:
        return None
    acc = ACCORDING.match(text, p)
    if acc:
        span = according_phrase(art, acc.end(), limit)
        res = art.resolver.resolve([span]) if span else None
        if res:
            return Attribution(res, "direct_according", "according to", acc.start(), "direct", [span], span[1])
        return None
    vm = VERB.search(text, p, min(limit, p + 160))
    if vm and vm.start() == p:
        span = phrase_after(text, vm.end(), limit)
        if span is None:
            return None
        res = art.resolver.resolve([span])
        if res:
            return Attribution(res, "direct_after", vm.group(), vm.start(), "direct", [span], span[1])
        return None
    if vm and not art.in_quote(vm.start()) and verb_ok(art.text, vm):
        sm = speaker_before(art, p, vm.start())
        first = min(s for s, _ in sm.spans) if sm and sm.spans else -1
        # the speaker phrase opens the tag, maybe after premodifiers ('," team member Rodaba
        # Noori told') when the quote opens its sentence (else it may be a mixed clause's fragment)
        opens = not text[art.sentences[si][0]:q.open].strip() if art.sentences else False
        if sm and not sm.negated and sm.spans and (first - p <= 4 or opens and premodifiers_only(art, p, first)):
            res = art.resolver.resolve(sm.spans)
            if res:
                return Attribution(res, "direct_after", vm.group(), vm.start(), "direct", sm.spans, vm.end())
        return None
    if m.group("dash"):
        span = phrase_after(text, p, limit)
        if span and not text[span[1]:limit].strip(" .,"):
            res = art.resolver.resolve([span])
            if res:
                return Attribution(res, "direct_dash", "-", m.start("dash"), "direct", [span])
    return None


def _attribution_before(art: ArticleState, q: Quote) -> Attribution | None:
    """The speaker and verb (or colon) right before the opening mark of `q`, or None."""
    text = art.text
    si = art.sentence_of(q.open)
    s0 = art.sentences[si][0] if art.sentences else 0
    # Start after the previous quote in this sentence, if any.
    b = q.open
    while b > s0 and text[b - 1].isspace():
        b -= 1
    if b <= s0:
        return _attribution_across_colon(art, q, si)
    kind = "direct"
    colon = text[b - 1] == ":"
    if colon or text[b - 1] == ",":
        b -= 1
        while b > s0 and text[b - 1].isspace():
            b -= 1
    m_that = re.search(r"\bthat$", text[max(s0, b - 5):b])
    if m_that:
        kind = "mixed"
        b -= 4
        while b > s0 and text[b - 1].isspace():
            b -= 1
    # the verb must end right here (adjuncts allowed: "said in a statement:")
    best = None
    if _LOWER_WORD.search(text, max(s0, b - 120), b):  # (no verb among quote marks alone)
        for vm in VERB.finditer(text, max(s0, b - 120), b):
            best = vm
    if best is not None and not art.in_quote(best.start()) and verb_ok(art.text, best):
        t0 = best.end()
        if speech_verbs.lookup(best.group())[0] in TELL_LEMMAS:
            mo = TELL_OBJECT.match(text, t0, b)
            if mo:
                t0 = mo.end()
        tail = text[t0:b]
        if tail.split() and tail.split()[-1].lower() in _TITLE_PREPOSITIONS:
            return None  # 'says on "The Internet Explorer 6 Countdown"': a title, not words said
        found = opening_subject(art, s0, best.start()) if (not tail.strip() or only_adjuncts(tail)) \
            and comma_participle(text, s0, best) else None
        if found is not None:
            return Attribution(found[0], "direct_before", best.group(), best.start(), kind, found[1])
        if not tail.strip() or only_adjuncts(tail):
            sm = speaker_before(art, s0, best.start())
            if sm and not sm.negated and not sm.passive:
                res = art.resolver.resolve(sm.spans)
                if res:
                    rule = "mixed_that" if kind == "mixed" else "direct_before"
                    return Attribution(res, rule, best.group(), best.start(), kind, sm.spans)
            return None
    if colon and kind == "direct":
        # "X: "Q"" without a verb: the whole stretch before the colon is the speaker phrase
        seg_start = max(text.rfind(",", s0, b) + 1, s0)
        span = phrase_after(text, seg_start, b)
        if span and span[1] >= b - 1 and span[0] - seg_start <= 2:
            res = art.resolver.resolve([span])
            if res:
                return Attribution(res, "direct_colon", ":", b, "direct", [span])
    return None


def _attribution_across_colon(art: ArticleState, q: Quote, si: int) -> Attribution | None:
    """'US President Barack Obama tweeted using his @POTUS account:' then a paragraph opening
    with the quotation: the speaker and verb of the sentence the colon ends."""
    text = art.text
    if si == 0:
        return None
    p0, p1 = art.sentences[si - 1]
    end = p1
    while end > p0 and text[end - 1].isspace():
        end -= 1
    if end <= p0 or text[end - 1] != ":" or not text[end:q.open].strip() == "":
        return None
    last = None
    for vm in VERB.finditer(text, p0, end):
        last = vm
    if last is None or art.in_quote(last.start()) or not verb_ok(text, last):
        return None
    sm = speaker_before(art, p0, last.start())
    if not sm or sm.negated or sm.passive:
        return None
    res = art.resolver.resolve(sm.spans)
    if res is None:
        return None
    return Attribution(res, "direct_colon", last.group(), last.start(), "direct", sm.spans)

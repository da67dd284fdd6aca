"""The reported-speech pass: a statement around every other speech verb.

`X said (that) CLAUSE`, `X told Reuters CLAUSE`, object verbs (`X ruled out ...`: the object
is the statement, the verb its cue, as for every statement), `CLAUSE, X said` / `CLAUSE X said on Monday` (commas stripped),
`CLAUSE, said X` (inverted), `X said A and added that B` (coordinated: the same speaker),
participles (`..., adding that B`; `Reuters quoted the ministry as saying B`), and subjects
set off by a relative clause or a long prepositional phrase (where the clause after a cue is:
`reported_clause.py`). Quoted fragments inside a reported clause become mixed statements (`ArticleState.emit_clause`). Run a second time
inside `ArticleState.nested_speech()`, it finds reported speech nested in reported speech.

Reads: an `ArticleState`. Writes: indirect (and mixed) statements into it.
"""

from __future__ import annotations

import heapq
import itertools
import re

from quotelens.extract import speech_verbs
from quotelens.extract.according import generic_speaker
from quotelens.extract.article import ArticleState
from quotelens.extract.relay_order import final_tags_first
from quotelens.extract.reported_clause import adjunct_tail, clause_after, participle_after_tag, subject_after_with
from quotelens.extract.cues import (
    ADJUNCT, FIGURE_VERB, PART_TAIL, SPEECH_ING_TAIL, TELL_OBJECT, VERB, cue_lemma, only_adjuncts, verb_ok,
)
from quotelens.extract.descriptors import descriptor_start
from quotelens.extract.joint_speakers import joint_speaker
from quotelens.extract.lexicon import alternation
from quotelens.extract.lexicon.clause_words import ADJUNCT_START
from quotelens.extract.lexicon.evaluative_verbs import EVALUATIVE_LEMMAS
from quotelens.extract.lexicon.grammar_words import FINITE_AUXILIARIES
from quotelens.extract.lexicon.pronouns import PRONOUNS
from quotelens.extract.lexicon.speech_verbs import QUOTE_TAG_ONLY, RELAY_PARTICIPLES, TELL_LEMMAS
from quotelens.extract.mentions import Resolution
from quotelens.extract.message_speakers import message_speaker
from quotelens.extract.object_heads import head_before_object, is_place, relative_clause_word
from quotelens.extract.speaker_np import NOT_A_SUBJECT, speaker_before
from quotelens.extract.verb_sense import finite_verb_between, last_finite_verb
from quotelens.extract.speaker_phrases import SubjectMatch, phrase_after, subject_before

_MID_TAG_COMMA = re.compile(r"\s*,\s*")
# A coordinated speech verb ("X said A and added ...") continues the sentence's speaker.
_COORD_BEFORE = re.compile(r"(?:,\s*|\s)(?:and|but|while)\s+(?:also\s+|later\s+|then\s+)?$")
# A finite verb between a subject and the cue means the subject is not the speaker's.
_FINITE = re.compile(rf"\b(?:\w+ed|{alternation(FINITE_AUXILIARIES)})\b")
_QUOTED_AS = re.compile(r"\b(?:quoted|reported|cited)\s+(.+?)\s+as\s+$")
# "Reuters reported residents as saying ...": the relaying verb reports nobody's clause.
_WITH_BEFORE = re.compile(r"\bwith\s+$")
_THAN_COUNT = re.compile(r"than\s+\d")
_COUNT_AFTER_VERB = re.compile(r"\b[a-z]+\s+(?:more|less|fewer)\s+$")  # "wounded more than 60 ..."
# A name right after the cue ("said Furati", "said the Observatory"), for the inverted reading.
_NAME_AFTER = re.compile(r"\s+(?:the\s+)?[A-Z]")
_RELATIVE = re.compile(r"\s(?:which|who|that)\s")
_SPACES = re.compile(r"\s+")
_PUNCT_BETWEEN = re.compile(r"[,;:\"“”]")
_TAIL_START = re.compile(r"(?:,|the\b|a\b|an\b|who\b|which\b)")


def find_reported(art: ArticleState) -> None:
    """Pass 3: a statement around every speech verb outside quotes whose cue is unused; with
    `art.nesting` on, only around verbs inside reported statements."""
    text = art.text
    outer_end: dict[int, int] = {}  # nested cue -> end of the statement holding it (characters)
    relay_tags: set[int] = set()  # sentence-final tags read before the cues of their clause
    if art.nesting:
        # only verbs inside a reported statement can start a nested one, and its clause ends
        # where that statement ends ('Britain said ... the site Reuters reported')
        outer_end = {vm.start(): b for a, b in art.reported_spans() for vm in VERB.finditer(text, a, b)}
        matches = (vm for a, b in art.reported_spans() for vm in VERB.finditer(text, a, b))
    else:  # speech verbs and figure verbs ("put the death toll at 58"), in text order
        matches = final_tags_first(art, heapq.merge(VERB.finditer(text), FIGURE_VERB.finditer(text),
                                                    key=lambda m: m.start()), relay_tags)
    doubtful: list[re.Match] = []  # relay tags without a subject of their own: read again, last
    for vm in itertools.chain(matches, doubtful):
        v = vm.start()
        if v in art.used_cues or art.in_quote(v) or not verb_ok(art.text, vm):
            continue
        si = art.sentence_of(v)
        s0, s1 = art.sentences[si]
        s1 = min(s1, outer_end.get(v, s1))
        form = _SPACES.sub(" ", vm.group())
        lemma, family = cue_lemma(form)
        if lemma in QUOTE_TAG_ONLY:
            continue
        if form.endswith("ing") and not form.endswith("as saying"):
            if lemma in RELAY_PARTICIPLES:
                continue  # "SANA reported citing local residents": SANA's words, not theirs
            if not art.nesting:  # a nested participle has no subject of its own
                _participle(art, vm, s0, s1, lemma, family)
            continue
        before = text[s0:v]
        if _COORD_BEFORE.search(before):
            _coordinated(art, vm, s0, s1, lemma, family, si)
            continue
        # where the statement would be, found before its speaker (tagging and resolution are
        # the costly steps): after the cue, before it, or (inverted) before a name after it
        clause = clause_after(art, vm, lemma, family, s1)
        t0 = vm.end()
        if lemma in TELL_LEMMAS:
            mo = TELL_OBJECT.match(text, t0, s1)
            if mo:
                t0 = mo.end()
        tail = text[t0:s1].rstrip(" .")
        backward = family != "object" and (not tail.strip() or only_adjuncts(tail) or PART_TAIL.match(tail) is not None
                                           or SPEECH_ING_TAIL.match(tail) is not None
                                           or tail.lstrip().startswith((",", "\"", "“", "'")))
        # "CLAUSE the Observatory added without giving details": only a source named or
        # referred to ("the iftar meal observed during Ramadan" is no tag)
        by_adjunct = not backward and clause is None and adjunct_tail(text, s0, v, tail)
        backward = backward or by_adjunct
        if clause is None and not backward and not _may_be_inverted(text, vm, s1, lemma):
            continue
        sm = speaker_before(art, s0, v)
        if sm is NOT_A_SUBJECT:
            continue  # the tagger reads the cue word as a noun or adjective here
        if sm and _THAN_COUNT.match(text, min(s for s, _ in sm.spans)) \
                and _COUNT_AFTER_VERB.search(text, s0, min(s for s, _ in sm.spans)):
            # a count ("wounded more than 60 people said the Observatory"): maybe an object
            sm = SubjectMatch(sm.spans, sm.negated, sm.passive, True)
        # "... an officer who had defected ... the observatory said": "the observatory" is no word of the clause
        in_relative = bool(sm) and relative_clause_word(art, s0, sm, backward)
        if v in relay_tags and (sm is None or sm.maybe_object or in_relative):
            # an object or a word of a relative clause ('... which relies on sources in Syria
            # reported'): read after the clause's own cues, as any tag
            relay_tags.discard(v)
            doubtful.append(vm)
            continue
        if (sm is None or sm.maybe_object or (_common_noun_only(text, sm) and _NAME_AFTER.match(text, vm.end(), s1))) \
                and not (sm and (sm.passive or sm.negated)) and _inverted(art, vm, s0, s1):
            continue
        if sm is not None and sm.maybe_object:
            # the tagger's phrase may be an object ("in Syria said"): a relative clause, the
            # word-list walk or the sentence's opening name comes first; then the noun phrase a
            # place's prepositional phrase modifies ("a monitor in northern Syria said"), never
            # the place (only a place: without commas a name after a preposition may open a new
            # subject, "... in Aleppo Ibrahim Abu Leith told")
            head = head_before_object(art, s0, *sm.spans[0]) if is_place(art, sm.spans[0]) else None
            walked = subject_before(text, s0, v)
            if walked is not None and ((head is not None and walked.spans[0][0] >= sm.spans[0][0])
                                       or relative_clause_word(art, s0, walked, backward)):
                walked = None  # the walk stopped at an object ("inside Syria said", "which relies on ... Syria said")
            head_sm = SubjectMatch([head], sm.negated, sm.passive, True) if head is not None else None
            sm = walked or _relative_subject(art, s0, v) or _sentence_subject(art, vm, s0, s1) or head_sm or sm
        elif in_relative:
            # "the Observatory which monitors violence in Syria said": the tagger took the
            # relative clause's words for a noun phrase; the antecedent is the subject
            sm = _relative_subject(art, s0, v) or sm
        if sm is None:
            sm = _relative_subject(art, s0, v)
        if sm is None:
            sm = _sentence_subject(art, vm, s0, s1)
        if sm is None:
            continue
        if sm.negated or sm.passive:
            continue
        # "The United States and Russia announced": one statement of both
        res = joint_speaker(art, si, sm.spans) or art.resolver.resolve(sm.spans)
        if res is None:
            res = _fallback(art, sm.spans)
        if res is None:
            continue
        np_start = min(s for s, _ in sm.spans)
        if clause is not None and not (family == "clause" and participle_after_tag(text, clause[0], s0, np_start)
                                       and not art.cue_between(si, s0, np_start)):
            a, b, rule = clause
            art.emit_clause(a, b, res, vm.group(), rule, "indirect", v, spans=sm.spans)
            continue
        backward = backward or clause is not None  # 'CLAUSE the statement said destroying IS structures'
        by_adjunct = by_adjunct or clause is not None
        # backward: "CLAUSE, X said" / "CLAUSE X said on Monday" / "CLAUSE X told Reuters";
        # an object verb reports no clause before it ("The company said it would appeal"),
        # and a clause holding another statement's cue is that attribution, not content
        if not backward or art.cue_between(si, s0, np_start) or by_adjunct and res.how == "generic":
            continue
        # the descriptor before a name is the speaker's ("CLAUSE Observatory chief Rami Abdel Rahman said")
        art.emit_clause(s0, descriptor_start(art, s0, np_start), res, vm.group(), "reported_backward", "indirect", v,
                        spans=sm.spans)
        _second_half(art, s0, np_start, t0, s1, res, vm.group(), v, sm.spans)


def _may_be_inverted(text: str, vm: re.Match, s1: int, lemma: str) -> bool:
    """A cheap test of the shape `_inverted` reads ("..., said the Observatory"): a word that
    can open a speaker phrase right after the cue."""
    nxt = text[vm.end():min(s1, vm.end() + 40)].split(None, 1)
    return bool(nxt) and lemma not in TELL_LEMMAS and nxt[0].lower() not in ADJUNCT_START and nxt[0].lower() != "that"


def _common_noun_only(text: str, sm: SubjectMatch) -> bool:
    """A subject of common nouns only ("its details and purposes said Furati"): without commas
    the name after the verb is the likelier speaker, so the inverted reading goes first."""
    words = text[sm.spans[0][0]:sm.spans[0][1]].split()
    return bool(words) and all(w[:1].islower() for w in words) and words[-1].lower() not in PRONOUNS


def _fallback(art: ArticleState, spans: list[tuple[int, int]]) -> Resolution | None:
    """An unnamed source ("the bulletin", "Unverified reports") is its own, generic speaker:
    whatever the subject of a speech verb is, it is presented as speaking."""
    return generic_speaker(art, spans[0], any_head=True)


def _relative_subject(art: ArticleState, s0: int, v: int):
    """'The Observatory which monitors violence ... said': the phrase before which/who."""
    text = art.text
    m = None
    for m in _RELATIVE.finditer(text, s0, v):
        pass
    if m is None or VERB.search(text, m.end(), v):
        return None
    end = m.start()
    while end > s0 and text[end - 1] in " ,-–—":
        end -= 1
    sm = subject_before(text, s0, end, allow_objects=True)  # "at the Syrian regime which denied"
    if sm is None or sm.negated:
        return None
    return sm


def _sentence_subject(art: ArticleState, vm: re.Match, s0: int, s1: int):
    """'The Russian Center for coordinating ... in Syria said that ...': a long subject
    whose end looks like the object of a preposition. The name opening the sentence is the
    speaker when nothing between it and the cue looks like a verb or a clause boundary."""
    text = art.text
    v = vm.start()
    span = phrase_after(text, s0, v)
    if span is None or span[0] - s0 > 2 or v - span[1] > 160:
        return None
    between = text[span[1]:v]
    if _PUNCT_BETWEEN.search(between) or VERB.search(between) or _FINITE.search(between):
        return None
    nxt = text[vm.end():s1].split(None, 1)
    if nxt and nxt[0].lower() not in ADJUNCT_START and nxt[0].lower() != "that" \
            and cue_lemma(vm.group())[0] not in TELL_LEMMAS \
            and phrase_after(text, vm.end(), s1) is not None:
        return None  # "... said the Observatory": inverted, handled elsewhere
    res = art.resolver.resolve([span])
    if res is None or res.how not in ("name", "unknown_name") or res.kind == "unknown":
        return None
    return SubjectMatch([span], False, False)


def _inverted(art: ArticleState, vm: re.Match, s0: int, s1: int) -> bool:
    """'CLAUSE(,) said X' and, without commas (FA-KES), 'CLAUSE said the Observatory'.
    True when the cue has this shape (whether or not a statement could be added)."""
    text = art.text
    v = vm.start()
    before = text[s0:v].rstrip()
    if len(before.split()) < 3 and not before.endswith(","):
        return False
    nxt = text[vm.end():s1].split(None, 1)
    if not nxt or nxt[0].lower() in ADJUNCT_START or nxt[0].lower() == "that":
        return False
    if cue_lemma(vm.group())[0] in TELL_LEMMAS:
        return False  # "told Reuters ...": who is told never speaks
    span = phrase_after(text, vm.end(), s1, apposition=True)
    if span is None:
        return False
    tail = text[span[1]:s1].strip(" .")
    p = 0
    while True:  # adjuncts, then maybe a participle ("said the Observatory adding that ...")
        m = ADJUNCT.match(tail, p)
        if not m or m.end() == p:
            break
        p = m.end()
    ok_tail = not tail or only_adjuncts(tail) or _TAIL_START.match(tail) \
        or PART_TAIL.match(tail[p:].lstrip()) is not None \
        or not finite_verb_between(art, span[1], s1)  # "said Rami Abdel Rahman director of the Observatory"
    if not ok_tail:
        return False
    res = art.resolver.resolve([span])
    if res is None:
        res = _fallback(art, [span])
    if res is None:
        return False
    art.emit_clause(s0, v, res, vm.group(), "reported_inverted", "indirect", v, spans=[span])
    _second_half(art, s0, v, span[1], s1, res, vm.group(), v, [span])
    return True


def _second_half(art: ArticleState, s0: int, tag_start: int, tag_end: int, s1: int, res: Resolution, cue: str,
                 v: int, spans: list[tuple[int, int]]) -> None:
    """'A, he says, B' and 'Institutional recipients, said Mauer, are required to ...': a tag
    set off by commas in the middle of a sentence; B, after it, is a statement of the same
    speaker with the same cue, as A before it is (character offsets: the tag runs from
    `tag_start` to `tag_end`, the sentence from `s0` to `s1`)."""
    text = art.text
    before = text[s0:tag_start].rstrip()
    p = tag_end
    while True:
        m = ADJUNCT.match(text, p, s1)
        if not m or m.end() == p:
            break
        p = m.end()
    after = _MID_TAG_COMMA.match(text, p, s1)
    if not before.endswith(",") or after is None or len(before.split()) < 2:
        return
    a = after.end()
    rest = text[a:s1].lstrip()
    if not rest or not (rest[0].islower() or rest[0] in "\"“‘'"):
        return  # B must go on with A's sentence ("..., said Mauer, are required ...")
    art.emit_clause(a, art.clause_end(a, s1), res, cue, "mid_sentence_tag", "indirect", v, spans=spans)


def _coordinated(art: ArticleState, vm: re.Match, s0: int, s1: int, lemma: str, family: str, si: int) -> None:
    """'X said A and added that B' / 'X gave a toll and said B': the speaker of the sentence."""
    text = art.text
    last = art.statement_before(vm.start(), si)
    clause = clause_after(art, vm, lemma, family, s1)
    if clause is None:
        return
    a, b, rule = clause
    if last is not None:
        art.emit_clause(a, b, last["_res"], vm.group(), "coordinated", "indirect", vm.start(), same_as=last)
        return
    ev = _evaluation_subject(art, s0, vm.start())  # "X condemned the attack and said ..."
    if ev is not None:
        art.emit_clause(a, b, ev[0], vm.group(), "coordinated_subject", "indirect", vm.start(), spans=ev[1])
        return
    span = phrase_after(text, s0, vm.start())
    if span is None:
        return
    res = art.resolver.resolve([span])
    if res is None or res.how == "generic":
        return
    art.emit_clause(a, b, res, vm.group(), "coordinated_subject", "indirect", vm.start(), spans=[span])


def _participle(art: ArticleState, vm: re.Match, s0: int, s1: int, lemma: str, family: str) -> None:
    """'..., adding that ...' / '... saying ...': same speaker as the sentence's statement
    before the participle. 'Reuters quoted the ministry as saying ...': the one quoted."""
    text = art.text
    si = art.sentence_of(vm.start())
    qa = _QUOTED_AS.search(text, s0, vm.start())
    if qa and lemma in ("say", "tell", "state"):
        # "X quoted/reported Y as saying": Y, the whole phrase between the verb and "as"
        span = (qa.start(1), qa.end(1))
        res = art.resolver.resolve([span]) or generic_speaker(art, span, any_head=True)
        clause = clause_after(art, vm, lemma, family, s1)
        if res is not None and clause is not None:
            art.emit_clause(clause[0], clause[1], res, vm.group(), "quoted_as_saying", "indirect", vm.start(),
                            spans=[span])
        return
    prev = text[max(s0, vm.start() - 2):vm.start()]
    if not prev or not prev[-1].isspace() and prev[-1] != ",":
        return
    clause = clause_after(art, vm, lemma, family, s1)
    if clause is None:
        return
    a, b, _ = clause
    message = message_speaker(art, s0, vm.start()) if prev[-1] != "," else None
    if message is not None:
        art.emit_clause(a, b, message[0], vm.group(), "participle_message", "indirect", vm.start(), spans=message[1])
        return
    last = art.statement_before(vm.start(), si)
    if last is not None:
        art.emit_clause(a, b, last["_res"], vm.group(), "participle", "indirect", vm.start(), same_as=last)
        return
    # "with the observatory reporting ...": the participle's own subject, after "with" (the
    # tagger's subject may run back over it: "the attack with the Assad regime denying ...")
    sm = speaker_before(art, s0, vm.start())
    if sm and not sm.negated and not sm.passive:
        sm = subject_after_with(text, sm, vm.end(), s1)
        if sm is None:
            return
        if _WITH_BEFORE.search(text, s0, min(s for s, _ in sm.spans)):
            res = art.resolver.resolve(sm.spans) or _fallback(art, sm.spans)
            if res is not None:
                art.emit_clause(a, b, res, vm.group(), "participle", "indirect", vm.start(), spans=sm.spans)
            return
    # "Common Cause ... criticized Reid for the agreement, saying ...": a verb of evaluation
    # reports no statement of its own (`object_content`), but its subject is the speaker
    ev = _evaluation_subject(art, s0, vm.start())
    if ev is not None:
        art.emit_clause(a, b, ev[0], vm.group(), "participle", "indirect", vm.start(), spans=ev[1])
        return
    # "Fahd concluded his letter by saying ...", "X put the death toll at 58 saying ...": the
    # subject of the finite verb the participle depends on
    head = last_finite_verb(art, s0, vm.start())
    if head is None:
        return
    sm = speaker_before(art, s0, head)
    if not sm or sm.negated or sm.passive or sm.maybe_object:
        return
    res = art.resolver.resolve(sm.spans)
    # only a named speaker (or one referred to) carries a participle of another verb: "Fierce
    # clashes have erupted ... claiming at least 10 killed" is no speech
    if res is not None and res.how.split(":")[0] in ("name", "unknown_name", "role", "pronoun"):
        art.emit_clause(a, b, res, vm.group(), "participle", "indirect", vm.start(), spans=sm.spans)


def _evaluation_subject(art: ArticleState, s0: int, pos: int):
    """(resolution, speaker spans) of the subject of the last verb of evaluation in
    text[s0:pos] ("X condemned the bombing, describing it as ..."), found as the main loop finds
    a speaker; None when there is no such verb or subject."""
    text = art.text
    last = None
    for m in VERB.finditer(text, s0, pos):
        form = _SPACES.sub(" ", m.group())
        if speech_verbs.lookup(form)[0] in EVALUATIVE_LEMMAS and not form.endswith("ing") \
                and not art.in_quote(m.start()) and verb_ok(text, m):
            last = m
    if last is None:
        return None
    v = last.start()
    sm = speaker_before(art, s0, v)
    if sm is NOT_A_SUBJECT:
        return None
    if sm is None or sm.maybe_object:
        sm = subject_before(text, s0, v) or _relative_subject(art, s0, v) or sm
    if sm is None or sm.negated or sm.passive:
        return None
    res = art.resolver.resolve(sm.spans) or _fallback(art, sm.spans)
    return None if res is None else (res, sm.spans)

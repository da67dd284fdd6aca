"""The according-to pass: "according to X, CLAUSE" and "CLAUSE, according to X".

Also handles "CLAUSE Zarif said according to Press TV", where the outlet only relays the
inner speaker's words, and unnamed sources ("according to the bulletin", "field sources"),
which become generic speakers unless they report figures ("according to the toll").

Reads: an `ArticleState`. Writes: according_to statements (and reported_backward ones for an
inner speaker) into it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from quotelens.extract.lexicon.documents import DOCUMENT_WORDS
from quotelens.extract.lexicon.organisations import ORG_WORDS
from quotelens.extract import speech_verbs
from quotelens.extract.article import ArticleState
from quotelens.extract.cues import ACCORDING, TELL_OBJECT, VERB, only_adjuncts, verb_ok
from quotelens.extract.lexicon import alternation
from quotelens.extract.lexicon.accordance_nouns import ACCORDANCE_NOUNS
from quotelens.extract.lexicon.clause_words import NOT_SOURCES
from quotelens.extract.lexicon.sentence_openers import SENTENCE_ADVERBS
from quotelens.extract.lexicon.sources import LOWER_CASE_SOURCES, SOURCE_PREFIX_NOUNS
from quotelens.extract.lexicon.speaker_heads import PERSON_ROLES
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.lexicon.speech_verbs import TELL_LEMMAS
from quotelens.extract.mentions import Resolution, generic_kind
from quotelens.extract.np_after import np_after
from quotelens.extract.postag import tag_text
from quotelens.extract.speaker_phrases import phrase_after, subject_before

# After "According to X" a comma this close to the source ends the source's modifiers.
SOURCE_TAIL_CHARS = 60
# Words in front of the source that are not the source ("a statement by", "figures from").
_ACC_PREFIX = re.compile(
    rf"(?:(?:a|the)\s+)?(?:(?:new|latest|preliminary)\s+)?(?:{alternation(SOURCE_PREFIX_NOUNS)})\s+"
    r"(?:by|from|of|issued\s+by|close\s+to|for|with)\s+"
)
_CONJUNCT_AFTER = re.compile(r"\s+and\s+(?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*")
_SOURCE_PREPOSITIONS = frozenset(("on", "of", "from", "by", "in", "at", "for", "about", "with"))
# Lower-case sources with up to two modifiers ("local activists", "state media").
_LOWER_SOURCE = re.compile(rf"(?:[a-z][\w-]*\s+){{0,2}}(?:{alternation(LOWER_CASE_SOURCES)})\b")


def according_phrase(art: ArticleState, pos: int, limit: int) -> tuple[int, int] | None:
    """The source phrase after "according to" (ending at offset `limit` at the latest), as a
    character span, past a leading "a statement by" and the like; None when there is none."""
    m = _ACC_PREFIX.match(art.text, pos)
    if m:
        pos = m.end()
    span = phrase_after(art.text, pos, limit, lower_head=True)
    if span is None:
        m = _LOWER_SOURCE.match(art.text, pos, limit)
        if m:
            span = (m.start(), m.end())
    # any noun phrase, by the chunker ("according to the suit filed in ..."), and the whole of
    # it when the name-like walk stopped inside it ("an Internet" of "an Internet posting")
    chunk = np_after(art, pos, limit)
    if chunk is not None and (span is None or (chunk[0] == span[0] and chunk[1] > span[1])):
        span = chunk
    if span is None:
        return None
    span = _end_before_clause(art.text, span)
    return _named_after_role(art, span, limit) or _end_at_document_noun(art.text, span)


def _end_before_clause(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The source phrase cut where the clause it runs into starts (text without commas): at a
    finite verb or a verb with its object ("according to the source caused material damage"),
    or a number after a common noun ("according to a military source two hideouts were ...",
    "according to the latest toll 44 civilians ..."; "Resolution 2254" stays)."""
    toks = tag_text(text[span[0]:span[1]])
    for k in range(1, len(toks)):
        word, tag = toks[k][0], toks[k][3]
        prev_word, prev = toks[k - 1][0], toks[k - 1][3]
        if prev not in ("NN", "NNS") or not prev_word.isalpha() or not prev_word.islower():
            continue  # only after a lower-case common noun ("New York-based", "Resolution 2254")
        nxt = toks[k + 1][3] if k + 1 < len(toks) else ""
        verb = word.isalpha() and word.islower() and (
            tag in ("VBD", "VBZ", "VBP", "MD") or tag == "VBN" and nxt in ("DT", "NN", "NNS", "JJ", "PRP$"))
        if verb or tag == "CD":
            return span[0], span[0] + toks[k - 1][2]
    return span


# ", Alireza Mehraban," after the role: an apposition naming the source
_APPOSITION_GAP = re.compile(r"\s*,\s*")


def _named_after_role(art: ArticleState, span: tuple[int, int], limit: int) -> tuple[int, int] | None:
    """The person a role phrase introduces: "according to curator Elaine Gustafon" (the walk
    stopped before the name) and "According to the Afghan team's coach, Alireza Mehraban, ..."
    (an apposition): the span of the person's name (one the article introduces as a person by
    a first name, a title or an apposition); None when no name follows the role."""
    text = art.text
    a, b = span
    words = re.findall(r"[\w'’-]+", text[a:b].lower())
    if not words or re.sub(r"['’]s$", "", words[-1]) not in PERSON_ROLES:
        return None
    gap = _APPOSITION_GAP.match(text, b, limit)
    start = gap.end() if gap and gap.end() > b else b
    while start < limit and text[start] == " ":
        start += 1
    for m in art.resolver.entities.mentions_in(start, start + 1):
        if m.entity.kind == "person" and m.entity.strong and m.end <= limit and not m.possessive:
            after = text[m.end:m.end + 2]
            if start == b or not gap or after[:1] in (",", ""):  # an apposition is closed by a comma
                return m.start, m.end
    return None


_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]*")


def _end_at_document_noun(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A source phrase runs on past its document noun where commas were stripped ("according to
    a Turkish General Staff statement artillery fire destroyed ...", FA-KES): the phrase ends at
    the first lower-case document noun, and the words after it start the attributed clause."""
    a, b = span
    for m in _LOWER_WORD.finditer(text, a, b):
        if m.group(0) in DOCUMENT_WORDS and m.end() < b:
            return a, m.end()
    # ... and at a capitalised one when a title and a name follow it and no comma closes the
    # phrase: "According to the Arts and Humanities Citation Index Professor Chomsky is the
    # eighth most cited scholar" (GUM_interview_chomsky); "the Index's Professor X," stays whole
    if re.match(r"\s*,", text[b:b + 3]):
        return span
    words = list(re.finditer(r"[\w'’-]+\.?", text[a:b]))
    for w, title, name in zip(words, words[1:], words[2:]):
        if w.group(0)[:1].isupper() and w.group(0).lower() in DOCUMENT_WORDS \
                and title.group(0)[:1].isupper() and title.group(0).lower().rstrip(".") in TITLES \
                and name.group(0)[:1].isupper():
            return a, a + w.end()
    return span


def find_according_to(art: ArticleState) -> None:
    """Pass 2: a statement for every "according to" outside quotes whose cue is unused."""
    text = art.text
    for m in ACCORDING.finditer(text):
        if art.in_quote(m.start()) or m.start() in art.used_cues:
            continue
        si = art.sentence_of(m.start())
        s0, s1 = art.sentences[si]
        span = according_phrase(art, m.end(), s1)
        if span is None:
            continue
        conjunct = _CONJUNCT_AFTER.match(text, span[1], s1)  # "detailed information [and coordinates]"
        if _basis_for_acting(text[span[0]:conjunct.end() if conjunct else span[1]]):
            continue
        joint = _joint_source(art, span, s1)
        if joint is not None:
            res, span = joint
        else:
            res = _whole_name(text, span, art.resolver.resolve([span]))
            if res is None:
                res = generic_speaker(art, span, any_head=True)
        if res is None:
            continue
        head = text[s0:m.start()]
        tail = text[span[1]:s1].strip(" .,;")
        # "According to X(,) CLAUSE", also after a short connective ("Thus according to X")
        # ... or after a complementiser ("Wikinews has learned that according to X, C")
        opens_clause = len(head.split()) <= 3 or re.search(r"\bthat\s*$", head) is not None
        if opens_clause and not head.rstrip().endswith(("\"", "”")) and tail:
            a, b = span[1], s1
            comma = text.find(",", span[1], min(s1, span[1] + SOURCE_TAIL_CHARS))
            if comma >= 0 and not art.in_quote(comma):
                a = comma + 1  # the source's own modifiers end at its comma ("an Internet posting made ... ago,")
        else:
            a, b = s0, m.start()
            if _inner_speaker_before(art, s0, m.start()):
                continue
            # a leading connective phrase set off by a comma is not part of the clause
            lead = re.match(r"\s*(?:([A-Z]\w*)(?:\s+\w+){0,3}),\s+", text[s0:m.start()])
            if lead and lead.group(1) in SENTENCE_ADVERBS and lead.end() < m.start() - s0 - 10:
                a = s0 + lead.end()
        art.emit_clause(a, b, res, "according to", "according_to", "according_to", m.start(), spans=[span])
        art.used_cues.add(m.start())


_AND = re.compile(r"\s*,?\s+and\s+")
_DETERMINERS = ("the", "a", "an")
MAX_SOURCES = 4


def _joint_source(art: ArticleState, span: tuple[int, int], limit: int) -> tuple[Resolution, tuple[int, int]] | None:
    """"according to the Syrian National Coalition and the Syrian Observatory for Human Rights":
    sources joined by "and" are one joint speaker named "A and B" (data/gold/news/README.md,
    section 3, as extract.joint_speakers does for subjects), with the span from the first
    source to the last. Each conjunct must stand for a source by itself: a person, state, news
    agency or registry actor, a name after a determiner, or a lower-case description ending in
    a noun ("local residents"); so "the Arts and Humanities Citation Index" and "The Post and
    Courier" stay one name. None when the source phrase is no such coordination."""
    text = art.text
    parts = [span]
    inner = _AND.search(text, span[0], span[1])
    if inner is not None:  # the chunker took the coordination whole
        parts = [(span[0], inner.start()), (inner.end(), span[1])]
    while len(parts) < MAX_SOURCES:
        m = _AND.match(text, parts[-1][1], limit)
        nxt = according_phrase(art, m.end(), limit) if m else None
        if nxt is None or nxt[0] != m.end() or not re.match(r"\s*(?:[,.;:)]|$)", text[nxt[1]:limit]):
            break  # the last source ends the phrase ("According to Abu Leith women and children were ...": no)
        parts.append(nxt)
    if len(parts) < 2:
        return None
    names: list[str] = []
    kinds: list[str] = []
    for a, b in parts:
        res = art.resolver.resolve([(a, b)]) or generic_speaker(art, (a, b), any_head=True)
        if res is None or not _alone(text[a:b], res):
            return None
        name = res.speaker
        words = text[a:b].split()
        own = " ".join(words[1:] if words[0].lower() in _DETERMINERS and len(words) > 1 else words)
        if res.how.split(":")[0] == "generic" or res.how.split(":")[0] in ("unknown_name", "role") \
                and not {w.lower() for w in name.split()} <= {w.lower() for w in words}:
            name = own  # as written, not a longer name it was merged with ("the Syrian National Coalition")
        if name not in names:
            names.append(name)
            kinds.append(res.kind)
    if len(names) < 2:
        return None
    kind = kinds[0] if len(set(kinds)) == 1 else ("unnamed" if {"group", "unnamed"} & set(kinds) else kinds[0])
    lo, hi = parts[0][0], parts[-1][1]
    return Resolution(" and ".join(names), text[lo:hi], lo, hi, "unnamed" if kind == "group" else kind,
                      "", None, "joint"), (lo, hi)


def _whole_name(text: str, span: tuple[int, int], res: Resolution | None) -> Resolution | None:
    """A source that is one name with "and" inside ("the Arts and Humanities Citation Index",
    not a coordination: see _joint_source) keeps the whole name, not the part after "and"
    that an unregistered-name lookup returns."""
    if res is None or res.how.split(":")[0] != "unknown_name":
        return res
    words = text[span[0]:span[1]].split()
    own = " ".join(words[1:] if words[0].lower() in _DETERMINERS and len(words) > 1 else words)
    if " and " in own and own.endswith(" " + res.speaker) \
            and all(w[:1].isupper() or w in ("and", "of", "for") for w in own.split()):
        return replace(res, speaker=own)
    return res


def _alone(phrase: str, res: Resolution) -> bool:
    """Whether one conjunct of an according-to source names a source by itself (see
    _joint_source); a bare capitalised run may be the end of a longer name ("Courier" of "The
    Post and Courier") and is not."""
    how = res.how.split(":")[0]
    words = phrase.split()
    det = words[0].lower() in _DETERMINERS and len(words) > 1
    own = words[1:] if det else words
    if how == "generic" and not (det and own[0][:1].isupper()):
        tags = tag_text(phrase)
        return words[-1][:1].islower() and bool(tags) and tags[-1][3] in ("NN", "NNS")
    # a person, state, agency or registry actor that the conjunct itself names, not a phrase
    # ending in one ("Humanities Citation Index Professor Chomsky")
    if (how == "name" or res.in_registry or res.kind in ("state", "person", "news_agency")) \
            and own[0].lower() in f"{res.speaker} {res.mention}".lower() \
            and not (how == "unknown_name" and any(w.lower() in DOCUMENT_WORDS or w.lower() in ORG_WORDS for w in own)):
        return True  # (a name read as a person by its shape alone is none when it has an index's or body's noun)
    return det and own[0][:1].isupper()  # a name after a determiner: "the Syrian National Coalition"


def _basis_for_acting(phrase: str) -> bool:
    """'according to type location flight patterns', 'according to detailed information and
    coordinates on ISIS movements', 'according to the rules': a rule or criterion one acts
    on, not a source (a noun of lexicon/accordance_nouns.py before the phrase's first
    preposition, in any of its conjuncts)."""
    words = re.findall(r"[\w-]+", phrase.lower())
    for i, w in enumerate(words):
        if w in _SOURCE_PREPOSITIONS and i > 0:
            words = words[:i]
            break
    return any(w in ACCORDANCE_NOUNS for w in words)


def _inner_speaker_before(art: ArticleState, s0: int, acc: int) -> bool:
    """"CLAUSE Zarif said according to Press TV": the clause is the inner speaker's, the
    outlet only relays the speech act. When the words before "according to" end in
    SUBJECT + speech verb (+ addressee and adjuncts), emit CLAUSE for that subject (rule
    reported_backward, its verb marked used) and return True; else False."""
    text = art.text
    last = None
    for vm in VERB.finditer(text, s0, acc):
        last = vm
    if last is None or art.in_quote(last.start()) or not verb_ok(art.text, last):
        return False
    lemma, _ = speech_verbs.lookup(re.sub(r"\s+", " ", last.group()))
    t0 = last.end()
    if lemma in TELL_LEMMAS:
        mo = TELL_OBJECT.match(text, t0, acc)
        if mo:
            t0 = mo.end()
    if text[t0:acc].strip(" ,") and not only_adjuncts(text[t0:acc]):
        return False
    sm = subject_before(text, s0, last.start())
    if sm is None or sm.negated or sm.passive:
        return False
    res = art.resolver.resolve(sm.spans)
    if res is None:
        return False
    np_start = min(s for s, _ in sm.spans)
    if np_start - s0 < 10:
        return False  # "X said according to Y": no clause before the inner speaker
    art.emit_clause(s0, np_start, res, last.group(), "reported_backward", "indirect", last.start(), spans=sm.spans)
    art.used_cues.add(last.start())
    art.used_cues.add(acc)
    return True


def generic_speaker(art: ArticleState, span: tuple[int, int], any_head: bool = False) -> Resolution | None:
    """An unnamed source ("the bulletin", "field sources", "the reporter") as its own
    speaker: the phrase without determiner. None for figures and tolls, which speak for
    nobody, unless `any_head` ("according to" takes any noun phrase: "according to figures
    from the ministry", "according to the suit")."""
    phrase = art.text[span[0]:span[1]]
    bare = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", phrase, flags=re.IGNORECASE)
    words = bare.lower().split()
    if not words or (words[-1] in NOT_SOURCES and not any_head) or len(words) > 8 \
            or art.resolver.not_a_speaker(bare):
        return None
    return Resolution(bare, phrase, span[0], span[1], generic_kind(bare), "", None, "generic")

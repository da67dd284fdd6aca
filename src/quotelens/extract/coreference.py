"""Who "he", "she" and "the mayor" are: salience over the sentences before a mention.

A reader resolves "He said" to the person the last sentences were about, not automatically to
whoever was quoted last: "Harry Kane won the Man of the Match award. He said ..." is Kane even
if a Korean player spoke just before. So a personal pronoun looks back sentence by sentence
(at most LOOKBACK_SENTENCES), and in each sentence at the people mentioned outside quote marks
and the speakers of its statements, in text order (the subject usually comes first); the first
person of a compatible gender (the same, or not known) in the nearest such sentence is the
antecedent. Only when no recent sentence has one does the last compatible
speaker of the article count. A pronoun resolved to a person whose gender was unknown then
gives that person its gender ("Cres Eastman ... he").

"It" and "they" are resolved the same way (`thing_antecedent`): the first organisation or
state (for "they" also a group, "activists") of the nearest sentence that names one outside
quote marks, or speaks in it; only then the last compatible speaker. Names inside the content
of a statement ("Islamic State fighters attacked ..., the Observatory said") are what the
speaker talks about, not what the article is about, and are passed over like quoted ones.

A definite role noun ("the mayor", "the chief executive", "the observatory") refers to the
person or organisation the article introduced with that role word ("Mayor John Tory", "X,
the company's chief executive", "the Syrian Observatory for Human Rights").

Reads: a SpeakerResolver's article state (its entities, registry mentions and speakers so
far). Writes: `Resolution` records.
"""

from __future__ import annotations

import re

from quotelens.extract.gender import name_gender
from quotelens.extract.lexicon.groups import GROUP_WORDS, PLURAL_ORG_HEADS
from quotelens.extract.lexicon.occupations import OCCUPATIONS
from quotelens.extract.lexicon.person_nouns import PERSON_NOUNS
from quotelens.extract.lexicon.pronouns import PRONOUNS
from quotelens.extract.mentions import Resolution, lower_first

# A name right after a preposition ("to the", "with", "by"): an object, not a subject.
_AFTER_PREPOSITION = re.compile(r"(?i)\b(?:to|with|by|from|against|at|into|about|than)\s+(?:the\s+)?$")
# A name inside a modifier of another noun ("rebels opposed to President Bashar al-Assad",
# "forces loyal to Syria's President X", "the government of X") is not its sentence's subject:
# a participle or adjective with its preposition, or a lower-case noun with "of", then up to
# three capitalised words (a title, a country's possessive) before the name.
_EMBEDDING = re.compile(r"(?:\b(?:[Oo]pposed|[Ll]oyal|[Cc]lose|[Aa]llied|[Aa]ffiliated|[Aa]ligned|[Ll]inked|[Tt]ied"
                        r"|[Ff]aithful|[Hh]ostile|[Bb]acked|[Ss]upported|[Ll]ed|[Cc]ommanded|[Cc]ontrolled|[Hh]eaded"
                        r"|[Aa]ppointed|[Ss]ponsored)\s+(?:to|by|with)|\b(?P<noun>[a-z]{3,})\s+of)"
                        r"\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}$")
# Nouns for a person before "of X" ("a member of X"): the name then describes the subject.
PERSON_ROLES = PERSON_NOUNS | OCCUPATIONS
# A sentence's end inside a would-be modifier (a conservative test: "U.S. President" counts too).
_SENTENCE_END = re.compile(r"[.!?]\s")
# How far before a name the modifier may start (characters).
_EMBEDDING_REACH = 60
# What joins two names of a list: a comma, "and", "or".
_LIST_JOINT = re.compile(r",\s*|,?\s+(?:and|or|&)\s+")
# A role phrase a name stands in apposition to ("the head of NATO, Hoop Scheffer"): the role
# word with up to three words in front, an of-phrase of up to six words, a parenthesis.
_APPOSED_ROLE = re.compile(r"(?i)(?:the|his|her|its|their)\s+(?:[\w.'’-]+\s+){0,3}?(?P<head>[\w-]+)"
                           r"(?:\s+(?:of|for|at|in)\s+(?:[\w.'’-]+\s+){0,5}?[\w.'’-]+)?"
                           r"(?:\s+\([^()]{1,60}\))?,?\s+")
# How far after the role word its apposed name may start (characters).
_APPOSED_REACH = 120
# A sentence opening with a noun phrase whose last word is a plural noun and a lower-case word
# after it (the verb): "The Syrian activists had ...", "Local residents fled ...".
_GROUP_SUBJECT = re.compile(r"[\"“'‘\s]*(?P<np>(?:(?:The|the|These|Those)\s+)?(?:[\w-]+\s+){0,3}?(?P<head>[A-Za-z]+s))\s+[a-z]")
# Words before the head that make the phrase a part or a quantity of the group.
_NOT_MODIFIERS = frozenset("of some many most few several two three four five all no other both".split())
# How many sentences before the pronoun's own a reader looks back for its antecedent.
LOOKBACK_SENTENCES = 3
# What `person_antecedent` returns when the pronoun's antecedent is a person the text does not
# name: the pronoun stays unresolved rather than fall back on the last speaker.
NO_ANTECEDENT = Resolution("", "", -1, -1, "unnamed", "", None, "no_antecedent")


def person_antecedent(resolver, pronoun: str, pos: int) -> Resolution | None:
    """The person "he"/"she" at offset `pos` refers to, by salience (module docstring), or None
    when no sentence of the look-back window names a compatible person. `resolver` is the
    article's SpeakerResolver."""
    want = PRONOUNS[pronoun][1]
    ents = resolver.entities
    si = ents.sentence_of(pos)
    for k in range(si, max(-1, si - LOOKBACK_SENTENCES - 1), -1):
        # the first person of the sentence whose gender does not contradict the pronoun's
        pick = next((c for c in _people_in_sentence(resolver, k, pos) if c[1].gender in (None, want)), None)
        if pick is None:
            if _embedded_person(resolver, k, pos):
                # the sentence names a person only inside a modifier ("a ... activist said rebels
                # opposed to President Bashar al-Assad ..."): its subject is someone else, whom
                # an earlier speaker is no better guess for
                return NO_ANTECEDENT
            continue
        at, res, entity = pick
        if entity is not None and entity.gender is None:
            entity.gender = want  # "Cres Eastman ... he": later pronouns know it now
        resolver.learn_gender(res.speaker, want)
        return Resolution(res.speaker, res.mention, res.start, res.end, res.kind, res.side, want,
                          "salient", res.start if res.start >= 0 else at, res.in_registry)
    return None


def _people_in_sentence(resolver, k: int, pos: int) -> list[tuple[int, Resolution, object]]:
    """(offset, resolution, entity or None) for the people of sentence `k` before `pos`,
    outside quotes, in text order: named people of the article, registry persons, speakers."""
    ents = resolver.entities
    out: list[tuple[int, Resolution, object]] = []
    for m in ents.recent_in_sentence(k, pos):
        ent = m.entity
        if ent.kind != "person" or not ent.strong or m.possessive or _listed_person(resolver, m) \
                or _embedded(resolver.text, m.start):
            continue
        gender = ent.gender or resolver.known_gender(ent.name)
        out.append((m.start, Resolution(ent.name, resolver.text[m.start:m.end], m.start, m.end, "person", "",
                                        gender, "unknown_name"), ent))
    lo = ents.sentence_starts[k] if k < len(ents.sentence_starts) else 0
    hi = min(pos, ents.sentence_starts[k + 1] if k + 1 < len(ents.sentence_starts) else len(resolver.text))
    if resolver.registry is not None:
        for s, e, name in resolver.mentions_between(lo, hi):
            actor = resolver.registry.actors[name]
            possessive = re.match(r"['’]s?\b", resolver.text[e:e + 2])  # "Assad's representatives": a modifier
            if actor.kind == "person" and not ents.in_quote(s) and not possessive and not _embedded(resolver.text, s):
                res = resolver.from_actor(name, s, e, "name")
                res.gender = res.gender or resolver.known_gender(name)
                out.append((s, res, None))
    for at, res in resolver.history:
        if lo <= at < hi and res.kind in ("person", "unnamed") and not res.how.startswith("pronoun_unresolved"):
            gender = res.gender or resolver.known_gender(res.speaker) or person_gender(resolver, res.speaker)
            start = res.start if lo <= res.start < hi else at
            out.append((start, Resolution(res.speaker, res.mention, res.start, res.end, res.kind, res.side, gender,
                                          res.how, res.resolved_from, res.in_registry), None))
    out.sort(key=lambda c: c[0])
    seen, uniq = set(), []
    for c in out:
        if c[1].speaker not in seen:
            seen.add(c[1].speaker)
            uniq.append(c)
    return uniq


def _embedded_person(resolver, k: int, pos: int) -> bool:
    """Whether sentence `k`, before `pos`, names a person outside quotes only inside a modifier."""
    ents = resolver.entities
    text = resolver.text
    if any(m.entity.kind == "person" and m.entity.strong and _embedded(text, m.start)
           for m in ents.recent_in_sentence(k, pos)):
        return True
    if resolver.registry is None:
        return False
    lo = ents.sentence_starts[k] if k < len(ents.sentence_starts) else 0
    hi = min(pos, ents.sentence_starts[k + 1] if k + 1 < len(ents.sentence_starts) else len(text))
    return any(resolver.registry.actors[name].kind == "person" and not ents.in_quote(s) and _embedded(text, s)
               for s, e, name in resolver.mentions_between(lo, hi))


def _embedded(text: str, start: int) -> bool:
    """Whether the name starting at character `start` sits inside a modifier of another noun
    ("rebels opposed to President Bashar al-Assad"): a weak antecedent for "he"/"she", which
    prefer the sentence's subject or an earlier person."""
    m = _EMBEDDING.search(text, max(0, start - _EMBEDDING_REACH), start)
    if m is None or _SENTENCE_END.search(m.group()):
        return False  # "east of Palmyra. Barazi was speaking": the modifier ends a sentence before
    # "a senior member of Ahrar al-Sham": a person's role of X, the name the subject goes by
    return not (m.group("noun") and m.group("noun") in PERSON_ROLES)


def _listed_person(resolver, mention) -> bool:
    """Whether a person's name mention is one of several people listed together ("Those
    included Drew Cass, Devin Thurlow, people like that", "Smith and Jones"): "he" or "she"
    does not single out one member of a list, so such a name is no antecedent."""
    text = resolver.text
    # (two people joined, not home_state.in_name_list: "Collins College, Isabel and I" is no list)
    for other in resolver.entities.mentions_in(max(0, mention.start - 80), mention.end + 80):
        if other is mention or other.entity.kind != "person" or other.entity is mention.entity:
            continue
        lo, hi = (other.end, mention.start) if other.end <= mention.start else (mention.end, other.start)
        if 0 <= hi - lo <= 6 and _LIST_JOINT.fullmatch(text, lo, hi):
            return True
    return False


def person_gender(resolver, name: str) -> str | None:
    """"m" or "f" for a person `name` of the article: the gender its entity was given (a title,
    an earlier pronoun), or its first name's ("Kristen Wilkins" is "she" even when she spoke
    as "Wilkins"); None when neither tells. `resolver` is the article's SpeakerResolver."""
    ent = resolver.entities.lookup(name)
    if ent is not None and ent.kind == "person" and ent.gender:
        return ent.gender
    words = name.split()
    return name_gender(words) if len(words) >= 2 and words[0][:1].isupper() else None


def thing_antecedent(resolver, pronoun: str, pos: int, kinds: tuple[str, ...] | None = None) -> Resolution | None:
    """The organisation or state "it" (or, for "they", also the group) at offset `pos` refers
    to, by salience (module docstring): the first compatible one of the nearest of the
    LOOKBACK_SENTENCES sentences before, or None. `kinds` narrows the kinds ("the group" is an
    organisation, never a state). `resolver` is the article's SpeakerResolver."""
    ents = resolver.entities
    si = ents.sentence_of(pos)
    if kinds is None:
        kinds = ("organisation", "state") if PRONOUNS[pronoun][0] == "thing" else ("organisation", "state", "group")
    for k in range(si, max(-1, si - LOOKBACK_SENTENCES - 1), -1):
        found = [c for c in _things_in_sentence(resolver, k, pos) if c[1].kind in kinds
                 and (pronoun != "it" or not _plural_name(c[1].mention or c[1].speaker))]
        # a pronoun that speaks refers first to who spoke in the sentence ("Government forces
        # pounded ... with the observatory reporting ... It said"), then to its subject
        pick = next((c for c in found if c[2]), found[0] if found else None)
        if pick is not None:
            at, res, _ = pick
            return Resolution(res.speaker, res.mention, res.start, res.end, res.kind, res.side, None,
                              "salient", res.start if res.start >= 0 else at, res.in_registry)
    return None


def _plural_name(name: str) -> bool:
    """Whether a name is headed by a plural noun ("Government forces", "Syrian rebels"), which
    "they" can refer to but "it" cannot."""
    words = name.split()
    last = words[-1].lower() if words else ""
    return last in GROUP_WORDS or last in PLURAL_ORG_HEADS


def _things_in_sentence(resolver, k: int, pos: int) -> list[tuple[int, Resolution, bool]]:
    """(offset, resolution, speaks) for the organisations, states and groups of sentence `k`
    before `pos` that a pronoun can refer to, in text order: named outside quotes and statement
    contents (article names, registry actors, not as a possessive modifier), or speaking."""
    ents = resolver.entities
    text = resolver.text
    out: list[tuple[int, Resolution, bool]] = []
    for m in ents.recent_in_sentence(k, pos):
        if m.entity.kind in ("organisation", "state") and not m.possessive and not resolver.in_content(m.start) \
                and not _AFTER_PREPOSITION.search(text, max(0, m.start - 12), m.start):
            # (the object of a preposition, "in a statement to the Australian Broadcasting
            # Corporation", is not what the sentence is about)
            out.append((m.start, Resolution(m.entity.name, text[m.start:m.end], m.start, m.end, m.entity.kind, "",
                                            None, "unknown_name"), False))
    lo = ents.sentence_starts[k] if k < len(ents.sentence_starts) else 0
    hi = min(pos, ents.sentence_starts[k + 1] if k + 1 < len(ents.sentence_starts) else len(text))
    if resolver.registry is not None:
        for s, e, name in resolver.mentions_between(lo, hi):
            actor = resolver.registry.actors[name]
            possessive = re.match(r"['’]s?\b", text[e:e + 2])
            if actor.kind != "person" and not ents.in_quote(s) and not possessive and not resolver.in_content(s):
                out.append((s, resolver.from_actor(name, s, e, "name"), False))
    for at, res in resolver.history:
        if lo <= at < hi and res.kind in ("organisation", "state", "group") and not res.how.startswith("pronoun_unresolved"):
            out.append((res.start if lo <= res.start < hi else at, res, True))
    group = _group_subject(resolver, lo, hi)
    if group is not None:
        out.append((group.start, group, False))
    out.sort(key=lambda c: c[0])
    return out


def _group_subject(resolver, lo: int, hi: int) -> Resolution | None:
    """The plural people noun opening the sentence text[lo:hi] ("The Syrian activists had no
    information ... They claimed", "Protesters gathered ... they said") as a generic group
    that "they" may refer to, or None (also inside quotes or a statement's content)."""
    text = resolver.text
    m = _GROUP_SUBJECT.match(text, lo, hi)
    if m is None or m.group("head").lower() not in GROUP_WORDS or resolver.entities.in_quote(m.start()) \
            or resolver.in_content(m.start()):
        return None
    phrase = m.group("np")
    if any(w.lower() in _NOT_MODIFIERS for w in phrase.split()[:-1]):
        return None  # "Some of the activists", "Many residents": not the group as a whole
    name = re.sub(r"^(?:the|these|those)\s+", "", phrase, flags=re.IGNORECASE)
    return Resolution(lower_first(name), phrase, m.start("np"), m.end("np"), "group", "", None, "group_subject")


def role_referent(resolver, head: str, pos: int, kinds: tuple[str, ...]) -> Resolution | None:
    """The entity introduced with the role word `head` ("mayor", "observatory") most recently
    mentioned before offset `pos`, as a Resolution of kind in `kinds`; for a person, also a
    registry person written with that role word in front ("Secretary of State John Kerry" ...
    "the secretary"); or None."""
    if kinds == ("person",):
        apposed = apposed_person(resolver, head, pos)
        if apposed is not None:
            return apposed
    ent = resolver.entities.with_role(head, pos, kinds)
    titled = _registry_person_with_role(resolver, head, pos) if kinds == ("person",) else None
    if ent is None and titled is None:
        return None
    last = max((p for p in ent.mentions if p < pos), default=-1) if ent is not None else -1
    if titled is not None and titled.start > last:
        return titled
    gender = ent.gender or resolver.known_gender(ent.name)
    return Resolution(ent.name, "", last, -1, ent.kind, "", gender, "entity_role", last)


def apposed_person(resolver, head: str, pos: int) -> Resolution | None:
    """The person named right after the role phrase that opens at offset `pos`, with or
    without an apposition comma: "the president of the Lombardy region, Roberto Maroni",
    "The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino", "the
    mayor Luca Pastorino". The phrase is the role word `head` with up to three words in front,
    an optional of/for/at/in phrase of up to six words and an optional parenthesis; the name is
    the first person (an article name or a registry person) after it. None otherwise."""
    text = resolver.text
    ents = resolver.entities
    si = ents.sentence_of(pos)
    hi = min(pos + _APPOSED_REACH, ents.sentence_starts[si + 1] if si + 1 < len(ents.sentence_starts) else len(text))
    people = [(m.start, m.end, m.entity.name, m.entity.gender) for m in ents.mentions_in(pos + 1, hi)
              if m.entity.kind == "person" and not m.in_quote]
    if resolver.registry is not None:
        people += [(s, e, name, None) for s, e, name in resolver.mentions_between(pos + 1, hi)
                   if resolver.registry.actors[name].kind == "person"]
    if not people:
        return None
    start, end, name, gender = min(people)
    phrase = _APPOSED_ROLE.fullmatch(text, pos, start)
    if phrase is None or phrase.group("head").lower() != head:
        return None
    if resolver.registry is not None and name in resolver.registry.actors:
        res = resolver.from_actor(name, start, end, "apposed_name")
        return Resolution(res.speaker, "", start, -1, res.kind, res.side, res.gender, "apposed_name", start, True)
    gender = gender or resolver.known_gender(name)
    return Resolution(name, "", start, -1, "person", "", gender, "apposed_name", start)


def _registry_person_with_role(resolver, head: str, pos: int) -> Resolution | None:
    """The registry person mentioned last before `pos` with the role word `head` among the
    three words in front of the mention ("U.N. envoy Staffan de Mistura"), or None."""
    if resolver.registry is None:
        return None
    for s, e, name in reversed(resolver.mentions_between(0, pos)):
        actor = resolver.registry.actors[name]
        if actor.kind != "person":
            continue
        front = [w.strip(",.").lower() for w in resolver.text[max(0, s - 40):s].split()[-3:]]
        if head in front:
            res = resolver.from_actor(name, s, e, "entity_role")
            return Resolution(res.speaker, "", s, -1, res.kind, res.side, res.gender, "entity_role", s, True)
    return None


def unnamed_speaker_with_head(resolver, head: str, pos: int, kinds: tuple[str, ...] = ("unnamed",)) -> Resolution | None:
    """The unnamed speaker (of one of `kinds`) before offset `pos`, within the
    LOOKBACK_SENTENCES sentences before, whose description has the head `head` ("a senior U.S.
    official" for "the official", "Military sources" for "the sources"), or None."""
    ents = resolver.entities
    si = ents.sentence_of(pos)
    lo = ents.sentence_starts[max(0, si - LOOKBACK_SENTENCES)] if ents.sentence_starts else 0
    for at, res in resolver.recent_first(pos):
        if at < lo:
            break
        words = res.speaker.lower().split()
        if res.kind in kinds and words and words[-1] == head and not res.how.startswith("pronoun"):
            return Resolution(res.speaker, "", res.start, res.end, res.kind, res.side, res.gender, "same_description",
                              res.start if res.start >= 0 else at, res.in_registry)
    return None


def recent_person_speaker(resolver, pos: int, near_words: list[str] | None = None) -> Resolution | None:
    """The named person who spoke last within the LOOKBACK_SENTENCES sentences before offset
    `pos`: what a reader takes "the envoy" to be when the article introduced nobody with that
    role ("... de Mistura said. The envoy, however, ruled out ..."), or None. With
    `near_words`, only a person with one of these words (lower case) in the 60 characters
    before the mention that named them ("Kurdish" for "the Kurdish official")."""
    ents = resolver.entities
    si = ents.sentence_of(pos)
    lo = ents.sentence_starts[max(0, si - LOOKBACK_SENTENCES)] if ents.sentence_starts else 0
    for at, res in resolver.recent_first(pos):
        if at < lo:
            break
        if res.kind == "person" and at < pos and any(w[:1].isupper() for w in res.speaker.split()):
            if near_words and not _introduced_near(resolver, res.speaker, near_words):
                continue
            return Resolution(res.speaker, "", res.start, res.end, res.kind, res.side, res.gender, "last_speaker",
                              res.start, res.in_registry)
    if near_words:
        return None
    # nobody spoke: the person the last sentences are about ("Gwyn Winfield, editor of ...,
    # tells Al-Arabiya ... says the expert")
    for k in range(si, max(-1, si - LOOKBACK_SENTENCES - 1), -1):
        pick = next((c for c in _people_in_sentence(resolver, k, pos)
                     if c[1].kind == "person" and not resolver.in_content(c[0])), None)
        if pick is not None:
            at, res, _ = pick
            return Resolution(res.speaker, "", res.start, res.end, "person", res.side, res.gender, "salient",
                              res.start if res.start >= 0 else at, res.in_registry)
    return None


def _introduced_near(resolver, name: str, words: list[str]) -> bool:
    """Whether one of `words` (lower case) stands in the 60 characters before the first mention
    of the person `name` in the article ("... the Kurdish National Council Mustafa Sino")."""
    ent = resolver.entities.lookup(name)
    first = ent.mentions[0] if ent is not None and ent.mentions else resolver.text.find(name)
    if first < 0:
        return False
    before = re.findall(r"[\w.-]+", resolver.text[max(0, first - 60):first].lower())
    return any(w in before for w in words)

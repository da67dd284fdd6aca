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

A definite role noun ("the mayor", "the chief executive", "the observatory") refers to the
person or organisation the article introduced with that role word ("Mayor John Tory", "X,
the company's chief executive", "the Syrian Observatory for Human Rights").

Reads: a SpeakerResolver's article state (its entities, registry mentions and speakers so
far). Writes: `Resolution` records.
"""

from __future__ import annotations

import re

from quotelens.extract.lexicon.pronouns import PRONOUNS
from quotelens.extract.mentions import Resolution

# How many sentences before the pronoun's own a reader looks back for its antecedent.
LOOKBACK_SENTENCES = 3


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
        if ent.kind != "person" or not ent.strong or m.possessive:
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
            if actor.kind == "person" and not ents.in_quote(s) and not possessive:
                res = resolver.from_actor(name, s, e, "name")
                res.gender = res.gender or resolver.known_gender(name)
                out.append((s, res, None))
    for at, res in resolver.history:
        if lo <= at < hi and res.kind in ("person", "unnamed") and not res.how.startswith("pronoun_unresolved"):
            gender = res.gender or resolver.known_gender(res.speaker)
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


def role_referent(resolver, head: str, pos: int, kinds: tuple[str, ...]) -> Resolution | None:
    """The entity introduced with the role word `head` ("mayor", "observatory") most recently
    mentioned before offset `pos`, as a Resolution of kind in `kinds`, or None."""
    ent = resolver.entities.with_role(head, pos, kinds)
    if ent is None:
        return None
    last = max((p for p in ent.mentions if p < pos), default=-1)
    gender = ent.gender or resolver.known_gender(ent.name)
    return Resolution(ent.name, "", last, -1, ent.kind, "", gender, "entity_role", last)


def recent_person_speaker(resolver, pos: int) -> Resolution | None:
    """The named person who spoke last within the LOOKBACK_SENTENCES sentences before offset
    `pos`: what a reader takes "the envoy" to be when the article introduced nobody with that
    role ("... de Mistura said. The envoy, however, ruled out ..."), or None."""
    ents = resolver.entities
    si = ents.sentence_of(pos)
    lo = ents.sentence_starts[max(0, si - LOOKBACK_SENTENCES)] if ents.sentence_starts else 0
    for at, res in resolver.recent_first(pos):
        if at < lo:
            break
        if res.kind == "person" and at < pos and any(w[:1].isupper() for w in res.speaker.split()):
            return Resolution(res.speaker, "", res.start, res.end, res.kind, res.side, res.gender, "last_speaker",
                              res.start, res.in_registry)
    return None

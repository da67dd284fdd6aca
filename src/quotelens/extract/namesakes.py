"""The registry's mentions in one article, without namesakes: a registry surname the article gives
to someone else ("Ken Clarke" is not the registry's Charles Clarke) is no mention of the
registry actor (issue 13).

Used by quotelens.extract.mentions.ArticleMentions. Reads: an article's text, the actor registry
and the article's test for capitalised common words. Writes: mentions as (start, end, canonical
name) with offsets in characters into the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from quotelens.extract.invisible import strip_invisible, visible_text
from quotelens.extract.lexicon.calendar import DAY
from quotelens.extract.lexicon.common_words import COMMON_WORDS
from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.organisations import NAME_CLOSING_WORDS, ORG_WORDS
from quotelens.extract.lexicon.places import PLACE_ADJECTIVE
from quotelens.extract.lexicon.sentence_openers import CLAUSE_OPENERS, SENTENCE_ADVERBS
from quotelens.extract.lexicon.speaker_heads import ROLE_WORDS
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.registry import Registry

Mention = tuple[int, int, str]  # (start, end, canonical name), characters into the text


def registry_mentions(text: str, registry: Registry) -> list[Mention]:
    """Registry mentions of `text` (Registry.find), found in the text without invisible
    characters ("de Mi<ZWSP>stura" is "de Mistura"), with offsets into `text` itself."""
    visible, where = visible_text(text)
    if visible is text:
        return registry.find(text)
    return [(where[s], where[e - 1] + 1, name) for s, e, name in registry.find(visible)]


def given_names_before(text: str, s: int, registry: Registry, common_word: Callable[[str], bool]) -> list[str]:
    """The capitalised words right before offset `s` (characters) that can be a person's given
    names ("Ken" in "Ken Clarke", "Mohamed El-Hassan" in "Mohamed El-Hassan Mohamed"), in text
    order; [] when the word before is a title, a role, an organisation word, a place or
    common word (`common_word`: the article's test), a registry alias or not capitalised
    ("Foreign Secretary Clarke", "Yesterday Clarke", "Aleppo Fahd")."""
    words = list(re.finditer(r"([A-Z][\w'’-]*)\s+", text[max(0, s - 60):s]))
    out: list[str] = []
    pos = s - min(s, 60)
    expect_end = s - pos  # each word must end where the next begins
    for m in reversed(words):
        if m.end() != expect_end:
            break
        w = strip_invisible(m.group(1))
        low = w.lower()
        if low in TITLES or low in ROLE_WORDS or low in ORG_WORDS or low in COMMON_WORDS \
                or low in CLAUSE_OPENERS or w in SENTENCE_ADVERBS or low in DEMONYMS or common_word(w) \
                or bool(DAY.fullmatch(w)) or w in registry.alias_to_actor \
                or (registry.places and w in registry.places):
            break
        out.insert(0, w)
        expect_end = m.start()
        if len(out) == 3:
            break
    return out


def without_namesakes(text: str, mentions: list[Mention], registry: Registry | None,
                      common_word: Callable[[str], bool]) -> list[Mention]:
    """`mentions` without those of registry persons that the text gives to someone else (issue
    13): a bare surname alias right after a different given name ("Ken Clarke" is not the
    registry's Charles Clarke, "Mohamed El-Hassan Mohamed" not its Ahmed Mohamed) or opening
    such a name; and, in an article that never names the registry person in full, every bare
    surname once someone else with it is named ("Suzanne Johnson ... Johnson said" is not
    Boris Johnson). The mentions dropped are read as the article's own names
    (quotelens.extract.entities). `common_word` is the article's test for a capitalised
    common word (ArticleMentions.common_word)."""
    if not mentions or registry is None:
        return mentions
    others: set[str] = set()  # surnames the text gives to someone else
    dropped: set[int] = set()
    # Registry.find's mentions are sorted and never overlap, so a bisection over their
    # starts answers "is this offset inside a mention" (a scan per mention was quadratic)
    starts = [m[0] for m in mentions]
    start_set = set(starts)

    def in_a_mention(pos: int) -> bool:
        j = bisect.bisect_right(starts, pos) - 1
        return j >= 0 and mentions[j][1] > pos

    for k, (s, e, name) in enumerate(mentions):
        actor = registry.actors[name]
        alias = text[s:e]
        after_word = re.match(r"\s+([A-Z]\w+)", text[e:e + 30])
        if actor.kind != "person" and after_word and after_word.group(1).lower() in NAME_CLOSING_WORDS \
                and not (e in start_set or in_a_mention(after_word.start(1) + e)):
            # "Saudi Arabia's Civil Defense Authority": the alias opens a longer name
            dropped.add(k)
            continue
        if " " in alias.strip() or alias == name:
            continue
        own = {w for a in (name, *actor.aliases) for w in a.split()} - {alias}
        given = given_names_before(text, s, registry, common_word)
        if actor.kind != "person":
            # "Valeska Paris": a city standing for its state ("Paris" for France) after a
            # given name is a person's surname
            if given and not any(w in own or w in STATE_NAMES or PLACE_ADJECTIVE.fullmatch(w.lower())
                                 for w in given):
                others.add(alias)
                dropped.add(k)
            continue
        if given and not any(w in own for w in given):
            others.add(alias)
            dropped.add(k)
            continue
        # "Mohamed El-Hassan Mohamed": the surname opens a longer name ending in itself
        after = re.match(r"(?:\s+[A-Z][\w'’-]*){1,3}", text[e:e + 60])
        if after and after.group().split()[-1] == alias and not any(w in own for w in after.group().split()[:-1]):
            dropped.add(k)
    # per actor, computed once (searching the whole text for every mention was quadratic)
    full_names = {n2 for s2, e2, n2 in mentions if " " in text[s2:e2].strip()}
    written_in_full: dict[str, bool] = {}
    for k, (s, e, name) in enumerate(mentions):
        alias = text[s:e]
        if k in dropped or alias not in others:
            continue
        if name not in written_in_full:
            actor = registry.actors[name]
            named_in_full = name in full_names
            if actor.kind != "person":
                named_in_full = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text) is not None
            written_in_full[name] = named_in_full or name in text \
                or any(" " in a and a in text for a in actor.aliases)
        if not written_in_full[name]:
            dropped.add(k)
    return [m for k, m in enumerate(mentions) if k not in dropped]

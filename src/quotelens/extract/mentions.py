"""Who is named in one article: registry mentions, names missing from the registry, and the
tests that keep places, days and capitalised common words from becoming speakers.

`ArticleMentions` is the memory of names that speaker resolution (quotelens.extract.resolution)
builds on; the registry's mentions without namesakes come from quotelens.extract.namesakes. Reads: an article's text and the actor registry. Writes: mentions as (start, end,
canonical name) with offsets in characters, and `Resolution` records.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from quotelens.extract.gender import is_known_first_name, is_known_surname
from quotelens.extract.invisible import strip_invisible
from quotelens.extract.lexicon.calendar import DAY
from quotelens.extract.lexicon.common_words import COMMON_WORDS
from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.documents import DOCUMENT_WORDS
from quotelens.extract.lexicon.grammar_words import DETERMINERS, PREPOSITIONS
from quotelens.extract.lexicon.groups import GROUP_WORDS
from quotelens.extract.lexicon.media_outlets import RELAY_WORDS
from quotelens.extract.lexicon.non_actors import NON_ACTOR_WORDS
from quotelens.extract.lexicon.occupations import OCCUPATIONS
from quotelens.extract.lexicon.organisations import INSTITUTION_WORDS, ORG_WORDS
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.places import MODIFIER_SUFFIX, PLACE_ADJECTIVE
from quotelens.extract.lexicon.pronouns import NON_SPEAKERS
from quotelens.extract.lexicon.sentence_openers import CLAUSE_OPENERS, SENTENCE_ADVERBS
from quotelens.extract.lexicon.speaker_heads import DOCUMENT_HEADS, GENERIC_ORG_HEADS, ORG_ROLES, ROLE_WORDS
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.name_tokens import CALENDAR_WORD
from quotelens.extract.namesakes import registry_mentions, without_namesakes
from quotelens.extract.registry import Registry, name_key
from quotelens.extract.speaker_phrases import QUOTED_NAME, clean_token, tokens
from quotelens.extract.speaker_types import name_kind

_DETERMINER_START = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.IGNORECASE)
_ARTICLE_START = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'’]*(?![\w-])")
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|bin|ibn|abu)-")
_POSSESSIVE_S = re.compile(r"['’]s$")
# Cleaning a token is a pure function of its text and tokens repeat: once per token type.
_clean_token = lru_cache(maxsize=65536)(clean_token)


def lower_words(text: str) -> set[str]:
    """The lower-case words of `text` (hyphenated words and words glued to digits left out)."""
    return set(_LOWER_WORD.findall(text))


@dataclass
class Resolution:
    """A resolved speaker: canonical name, the mention as written and its span (characters
    into the article text; -1 when the speaker came from elsewhere), kind, side, gender, the
    resolution rule and, for pronouns and role nouns, the offset of the antecedent."""

    speaker: str
    mention: str
    start: int
    end: int
    kind: str
    side: str
    gender: str | None
    how: str
    resolved_from: int = -1
    in_registry: bool = False


class ArticleMentions:
    """The names of one article: registry mentions (found once, sorted by offset), the longest
    form of each unregistered name seen so far, and surnames that belong to someone else."""

    def __init__(self, text: str, registry: Registry | None):
        self.text = text
        self.registry = registry
        self.unknown_names: dict[str, str] = {}  # name_key -> longest form seen in the article
        self._lower_words: set[str] | None = None  # lower-case words of the text, built on demand
        mentions = registry_mentions(text, registry) if registry is not None else []
        # a registry surname never takes a person the text names with another first name
        self.mentions = without_namesakes(text, mentions, registry, self.common_word)
        self.mention_starts = [m[0] for m in self.mentions]

    def registry_in(self, a: int, b: int) -> list[tuple[int, int, str]]:
        """Registry mentions starting in text[a:b]: inside it, or, for the last one, running on
        past `b` when the phrase stopped inside a long name ("The Russian Center for
        coordinating and monitoring the cessation of hostilities agreement in Syria": a
        phrase stops at the first lower-case word, the registry name does not)."""
        k = bisect.bisect_left(self.mention_starts, a)
        out = []
        while k < len(self.mentions) and self.mentions[k][0] < b:
            if self.mentions[k][1] <= b:
                out.append(self.mentions[k])
            elif " " in self.text[self.mentions[k][0]:b].strip() and not (k + 1 < len(self.mentions)
                                                                     and self.mentions[k + 1][0] < b):
                out.append(self.mentions[k])  # at least two words of the name are in the phrase
            k += 1
        return out

    def from_actor(self, name: str, s: int, e: int, how: str) -> Resolution:
        """The registry actor `name` as a Resolution for its mention text[s:e] (characters),
        found by rule `how`."""
        actor = self.registry.actors[name]
        return Resolution(name, self.text[s:e], s, e, actor.kind, actor.side, actor.gender, how, in_registry=True)

    def unregistered_names(self, a: int, b: int, reg, head_end: int | None = None):
        """Capitalised runs in text[a:b] outside registry mentions, split at titles, as
        (start, end, canonical-in-article, kind); a lone capitalised word only where it ends the
        phrase or its head part, which ends at `head_end` (the first preposition)."""
        toks = tokens(self.text, a, b)
        covered = [(s, e) for s, e, _ in reg]
        runs: list[list[tuple[int, int, str]]] = []
        cur: list[tuple[int, int, str]] = []
        titled = False
        # "The World Health Organisation": capitalised common words open a name when the
        # capitalised words after them reach an organisation word
        org_ahead = [False] * len(toks)
        reach = False
        for k in range(len(toks) - 1, -1, -1):
            word = _clean_token(toks[k][2].rstrip(","))
            if not word[:1].isupper() or toks[k][2].endswith(","):
                reach = word.lower() in ORG_WORDS and word[:1].isupper()
            else:
                reach = reach or word.lower() in ORG_WORDS or word.lower() in INSTITUTION_WORDS
            org_ahead[k] = reach and word[:1].isupper()
        for k, (s, e, t) in enumerate(toks):
            t2 = _clean_token(t.rstrip(","))
            if t2[:1] in "\"“" and QUOTED_NAME.fullmatch(t2):
                s, t2 = s + 1, t2[1:-1]  # "Cham" in the opposition "Cham" TV network
            low = t2.lower()
            in_reg = any(cs <= s < ce for cs, ce in covered)
            acronym = len(t2) >= 2 and t2.replace(".", "").isupper()  # "WHO", "US": not pronouns
            # a common word opens a name after a title ("Mrs May", "Mr Brown") or as the first
            # word of a state's name ("New Zealand", "South Korea", "United States")
            opens_name = titled or org_ahead[k] \
                or (k + 1 < len(toks) and f"{t2} {_clean_token(toks[k + 1][2])}" in STATE_NAMES) \
                or (t2 == "New" and k + 1 < len(toks) and toks[k + 1][2][:1].isupper()) \
                or (t2[:1].isupper() and self.person_named_at(s, s + len(t2)))
            nxt = _clean_token(toks[k + 1][2]) if k + 1 < len(toks) else ""
            # "the U.N. in August said": an acronym of a title ("U.N. envoy") with no role or
            # name after it is the organisation's name
            acronym_name = acronym and low in TITLES and not (nxt[:1].isupper() or nxt.lower() in ROLE_WORDS)
            # a title or an occupation is no part of a name ("Mets Poet Frank Messina")
            is_name = (t2[:1].isupper() or low in PARTICLES or _PARTICLE_PREFIX.match(low)) \
                and (low not in TITLES and low not in OCCUPATIONS or low in DEMONYMS or acronym_name or org_ahead[k]) and not (t2 in SENTENCE_ADVERBS and not cur and not opens_name) \
                and low not in DETERMINERS \
                and not in_reg and (low not in NON_SPEAKERS or acronym) \
                and not MODIFIER_SUFFIX.search(low) \
                and not (not cur and not opens_name and (self.common_word(t2) or low in GROUP_WORDS))
            if not is_name and cur and low in ORG_WORDS and t2.islower():
                # "Idlib News network": a lower-case organisation word closes the name
                cur.append((s, s + len(t2), t2))
                runs.append((cur, titled))
                cur = []
                continue
            if is_name:
                if low in PARTICLES and not cur and not t2[:1].isupper():
                    pass
                cur.append((s, s + len(t2), t2))
            else:
                if cur:
                    runs.append((cur, titled))
                    cur = []
                titled = low in TITLES or low in OCCUPATIONS
            if (t.endswith(",") or (is_name and _POSSESSIVE_S.search(t) and k + 1 < len(toks)
                                    and toks[k + 1][2][:1].isupper())) and cur:
                # a comma ends a name, and so does a possessor before another name ("Saudi
                # Arabia's Civil Defense Authority")
                runs.append((cur, titled))
                cur = []
        if cur:
            runs.append((cur, titled))
        for run, was_titled in runs:
            while run and run[-1][2].lower() in PARTICLES:
                run = run[:-1]
            while run and run[0][2].lower() in PARTICLES and run[0][2][:1].islower() and len(run) == 1:
                run = run[1:]
            if not run:
                continue
            words = [strip_invisible(t) for _, _, t in run]
            if all(w.lower() in ORG_WORDS for w in words) and not any(w.isupper() and len(w) > 2 for w in words[:-1]) \
                    and (len(words) > 1 or words[0].lower() in ("tv", "television", "radio", "media", "army", "police")):
                continue  # "Syrian state TV", "the Army": a description's head, not a name
            if any(w.lower() in ORG_WORDS for w in words):
                last_org = max(i for i, w in enumerate(words) if w.lower() in ORG_WORDS)
                tail = words[last_org + 1:]
                if len(tail) >= 2 and all(w[:1].isupper() and w.lower() not in COMMON_WORDS for w in tail) \
                        and self.person_named_at(run[last_org + 1][0], run[-1][1]):
                    # "the Refugee Council Enver Solomon" (commas lost): an organisation, then a person
                    yield run[0][0], run[last_org][1], " ".join(words[:last_org + 1]), "organisation"
                    yield run[last_org + 1][0], run[-1][1], " ".join(tail), "person"
                    continue
                if len(words) >= 3 and own_acronym(words[:-1], words[-1]):
                    # "Syrian Revolution General Commission SRGC": an acronym whose parentheses
                    # the source dropped is not part of the name
                    run, words = run[:-1], words[:-1]
                name = " ".join(words)
                yield run[0][0], run[-1][1], name, "organisation"
                continue
            joined = " ".join(words)
            if joined in STATE_NAMES:
                yield run[0][0], run[-1][1], joined, "state"  # "South Korea", "New Zealand"
                continue
            if PLACE_ADJECTIVE.fullmatch(run[0][2].lower()):
                continue  # "Southern Aleppo", "Eastern Ghouta": a place does not speak
            if self.registry is not None and self.registry.places and \
                    " ".join(t for _, _, t in run) in self.registry.places:
                continue
            # a capitalised function or role word opening the run is not part of a name
            # ("If ...", "Like Noha Samira", "Affairs Stephen OBrien")
            while run and (run[0][2].lower() in COMMON_WORDS or run[0][2].lower() in ROLE_WORDS
                           or run[0][2].lower() in CLAUSE_OPENERS) \
                    and run[0][2].lower() not in PARTICLES and not (was_titled and len(run) == 1) \
                    and not (len(run) == 1 and (self.person_named_at(run[0][0], run[0][1])
                                                or run[0][2].replace(".", "").isupper())) \
                    and not (len(run) > 1 and (f"{run[0][2]} {run[1][2]}" in STATE_NAMES or run[0][2] == "New")):
                run = run[1:]
            if not run:
                continue
            # a demonym opens an organisation's name ("Russian Center"), not a person's
            while run and run[0][2].lower() in DEMONYMS:
                run = run[1:]
            if not run:
                continue
            words = [strip_invisible(t) for _, _, t in run]
            key = name_key(" ".join(words))
            typed = name_kind(" ".join(words)) if len(words) >= 2 else "person"
            if typed in ("organisation", "news_agency", "state"):
                # "Islamic State", "Deseret News": the resolver's kind for an outlet is an organisation
                yield run[0][0], run[-1][1], " ".join(words), "state" if typed == "state" else "organisation"
                continue
            if len(words) >= 2 and all(CALENDAR_WORD.fullmatch(w) for w in words):
                continue  # "Thu Aug": a dateline
            if len(words) >= 2 and not was_titled and self.article_place(" ".join(words)):
                continue  # "New York said ... in New York": a place the article names is no person
            if len(words) >= 2 and self.organisation_named_at(run[0][0], run[-1][1]):
                # "the Tahrir al-Sham jihadist alliance": the article's reading of the name
                yield run[0][0], run[-1][1], " ".join(words), "organisation"
                continue
            if len(words) >= 2 or was_titled or key in self.unknown_names:
                full = self.unknown_names.get(key, "")
                name = " ".join(words)
                if len(name) > len(full):
                    self.unknown_names[key] = name
                yield run[0][0], run[-1][1], self.unknown_names[key], "person"
            elif words[0].lower() in DOCUMENT_WORDS:
                continue  # "Posts on the message board said": a description capitalised to open the sentence
            elif run[-1][1] >= b - 1 or (head_end is not None and head_end - 1 <= run[-1][1] <= head_end):
                # a lone capitalised word counts only as the head of the phrase ("Sedney said",
                # "The U.N. in August"), not as a modifier ("Western states")
                yield run[0][0], run[-1][1], words[0], "unknown"

    def person_named_at(self, s: int, e: int) -> bool:
        """Whether the article's reading of its names (SpeakerResolver, which knows them) makes
        text[s:e] a mention of a person; never, for the registry mentions alone."""
        return False

    def organisation_named_at(self, s: int, e: int) -> bool:
        """Whether the article's reading of its names makes text[s:e] exactly a mention of an
        organisation; never, for the registry mentions alone."""
        return False

    def article_place(self, name: str) -> bool:
        """Whether the article itself writes `name` as a place (a resolver that tracks the
        article's names answers; here: never)."""
        return False

    def not_a_speaker(self, name: str) -> bool:
        """Whether a would-be unregistered speaker is no actor at all: a place of the registry
        ("Aleppo", "Homs"), a capitalised common word of the article ("If", "Heavy", "Video",
        "Reports"), a sentence adverb or a day ("Wednesdays")."""
        bare = _ARTICLE_START.sub("", name.strip())
        if not bare:
            return True
        if len(bare) >= 2 and bare.replace(".", "").isupper() and " " not in bare:
            return False  # an acronym ("WHO", "NATO") is a name, whatever word it spells
        if self.registry is not None and bare in self.registry.places or self.article_place(bare):
            return True
        if " " in bare:
            return False
        if bare.endswith(("ing", "ed")) and bare[:1].isupper() and bare[1:].islower() and not is_known_surname(bare) \
                and not is_known_first_name(bare):
            return True  # "Looking ahead, ...", "Asked about ...": a participle opening a sentence
        return bare in SENTENCE_ADVERBS or bool(DAY.fullmatch(bare)) or bare.lower() in COMMON_WORDS \
            or bare.lower() in NON_ACTOR_WORDS or bare.lower() in CLAUSE_OPENERS \
            or (bare[:1].isupper() and bare.lower() not in GROUP_WORDS and self.common_word(bare))

    def common_word(self, tok: str) -> bool:
        """A capitalised token whose lower-case form occurs in the article is a common word
        ("Mortar shells ...", "Another group ..."), not a name."""
        if not tok[:1].isupper() or tok.isupper() or len(tok) < 3 or tok.lower() in PARTICLES:
            return False
        return tok.lower() in self.lower_words

    @property
    def lower_words(self) -> set[str]:
        """The lower-case words of the article (`lower_words`), found once."""
        if self._lower_words is None:
            self._lower_words = lower_words(self.text)
        return self._lower_words


def own_acronym(words: list[str], acronym: str) -> bool:
    """Whether `acronym` (2-6 capitals, "SRGC", "SOHR") is the initials of the capitalised
    `words` before it ("Syrian Revolution General Commission", "Syrian Observatory for Human
    Rights"), of all of them or of their last ones."""
    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
        return False
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return len(initials) >= len(acronym) and initials.endswith(acronym)


def lower_first(name: str) -> str:
    """"Activists" at a sentence start and "activists" are one generic speaker."""
    first, _, rest = name.partition(" ")
    if first[:1].isupper() and first[1:].islower() and first.lower() in GROUP_WORDS | ROLE_WORDS \
            and first.lower() not in DEMONYMS and not rest[:1].isupper():
        # a demonym or the first word of a name ("Syrian Observatory ... spokesperson") keeps its capital
        return (first.lower() + (" " + rest if rest else "")).strip()
    return name


def head_phrase(phrase: str) -> str:
    """A speaker phrase up to its head, without trailing prepositional phrases ("a source"
    for "a source at daraa police command"), lower case."""
    words = phrase.split()
    for i, w in enumerate(words):
        if (w in PREPOSITIONS or w in RELAY_WORDS) and i > 0:
            return " ".join(words[:i])
    return " ".join(words)


def generic_kind(phrase: str) -> str:
    """The kind of a speaker kept by its description: "unresolved" for a lone organisation or
    document noun whose referent was not found ("the ministry", "the group", "the
    statement"), "group" for a described source ("activists", "local sources", "state media")."""
    bare = _DETERMINER_START.sub("", phrase.strip()).lower()
    if " " not in bare and bare not in GROUP_WORDS and bare in ORG_ROLES | GENERIC_ORG_HEADS | DOCUMENT_HEADS:
        return "unresolved"
    return "group"

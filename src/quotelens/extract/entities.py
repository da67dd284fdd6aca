"""The people and organisations an article names, as a reader keeps track of them.

One pass over the article finds every capitalised name outside the registry's mentions, with
what the text says about it where it is introduced: titles in front ("Mayor John Tory", "Ms
Buchtmann"), an apposition after it ("Francois Delattre, France's ambassador", "Rami Abdel
Rahman head of the Observatory", "the Syrian Observatory for Human Rights, a Britain-based
monitor"), its gender (a title, a first name: quotelens.extract.gender, or a gendered noun in
the apposition) and acronyms introduced with it ("Local Coordination Committees (LCC)").
Mentions of one person are grouped within the article only: "Tory" and "John" are John Tory
when he is the only Tory and the only John; the person's name is the full name as first
introduced. Nothing here crosses articles.

Each run of capitalised words is classified by quotelens.extract.entity_runs. Speaker
resolution (quotelens.extract.resolution) asks it which person was mentioned last,
sentence by sentence (pronouns), who was introduced with a role word (role nouns) and what a
name stands for.

Reads: an article's text, its sentence and quote spans, the registry's mentions. Writes:
`Entity` and `NameMention` records; offsets are characters into the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from quotelens.extract.entity_runs import capitalised, lookup_key, names_in_run, run_from
from quotelens.extract.gender import is_known_first_name
from quotelens.extract.lexicon.speaker_heads import PERSON_ROLES, ROLE_WORDS
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.mentions import lower_words as article_lower_words
from quotelens.extract.speaker_phrases import tokens


# A capitalised run after a preposition of place ("in New York", "outside Raqqa"), and a
# possessive after a name ("in John Smith's view": a person after all).
_LOCATED = re.compile(r"\b(?:in|near|outside|across|throughout|around)\s+([A-Z][\w'’-]*(?:\.(?=\w))?(?:\s+[A-Z][\w'’-]*)?)(?![\w'’-]|\s+[A-Z])")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
# an age after a name: "Ziad, 13, said" and, commas stripped, "Ziad 13 suffered"
_AGE_AFTER = re.compile(r",\s+\d{1,2},|\s+\d{1,2}\s+[a-z]")
_POSSESSIVE_END = re.compile(r"['’]s?$")


@dataclass
class Entity:
    """One person or organisation of the article: the name as first introduced in full, its
    kind ("person", "organisation", "state"), gender ("m", "f" or None), the role words it was
    introduced with and the offsets of its mentions (characters, in text order)."""

    name: str
    kind: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)
    mentions: list[int] = field(default_factory=list)
    strong: bool = False  # a person by a first name, a title or an apposition, not by shape alone


@dataclass
class NameMention:
    """A name as written at [start, end) (titles and possessive left out) and its entity."""

    start: int
    end: int
    entity: Entity
    sentence: int
    in_quote: bool
    possessive: bool = False  # "Assad's representatives": a modifier, not what the sentence is about


class ArticleEntities:
    """The named entities of one article (see the module docstring)."""

    def __init__(self, text: str, sentences: list[tuple[int, int]], quote_spans: list[tuple[int, int]],
                 covered: list[tuple[int, int]] = (), places: frozenset[str] = frozenset(),
                 lower_words: set[str] | None = None):
        self.text = text
        self.sentence_starts = [s for s, _ in sentences]
        self.quote_spans = sorted(quote_spans)
        self._quote_opens = [a for a, _ in self.quote_spans]
        self.covered = sorted(covered)  # registry mentions: not scanned again
        self._covered_starts = [a for a, _ in self.covered]
        self.places = places
        # names the article writes as places ("in New York", "near Shea Stadium"): a name found
        # only by its shape (no first name, title or apposition) that is one is no person
        self.located = {m.group(1) for m in _LOCATED.finditer(text)
                        if not _POSSESSIVE_AFTER.match(text, m.end()) and not _POSSESSIVE_END.search(m.group(1))}
        # the article's lower-case words (quotelens.extract.mentions.lower_words; the resolver
        # passes the set it already has)
        self.lower_words = lower_words if lower_words is not None else article_lower_words(text)
        self.entities: list[Entity] = []
        self.mentions: list[NameMention] = []
        self.acronyms: dict[str, Entity] = {}
        self._by_key: dict[str, list[Entity]] = {}  # lower-case full name, surname, acronym -> entities
        self._scan(sentences)
        self._mention_starts = [m.start for m in self.mentions]

    # -- queries ---------------------------------------------------------------------
    def in_quote(self, pos: int) -> bool:
        """Whether character offset `pos` lies inside a quoted span."""
        k = bisect.bisect_right(self._quote_opens, pos) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos < self.quote_spans[k][1]

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding offset `pos`."""
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def mention_at(self, start: int, end: int) -> NameMention | None:
        """The name mention overlapping [start, end) that ends last (the head of a phrase)."""
        k = bisect.bisect_left(self._mention_starts, end) - 1
        best = None
        while k >= 0 and self.mentions[k].end > start - 200:
            m = self.mentions[k]
            if m.start < end and m.end > start and (best is None or m.end > best.end):
                best = m
            k -= 1
        return best

    def is_place(self, name: str) -> bool:
        """Whether the article writes `name` as a place ("in New York") and never introduces a
        person by it (a first name, a title or an apposition)."""
        if name not in self.located:
            return False
        ent = self.lookup(name)
        return ent is None or ent.kind != "person" or not ent.strong

    def mentions_in(self, lo: int, hi: int) -> list[NameMention]:
        """Mentions starting in [lo, hi) (characters), in text order."""
        k = bisect.bisect_left(self._mention_starts, lo)
        out = []
        while k < len(self.mentions) and self.mentions[k].start < hi:
            out.append(self.mentions[k])
            k += 1
        return out

    def lookup(self, name: str) -> Entity | None:
        """The one entity of the article a name (as written) stands for: its full name, its
        surname, its first name or its acronym when only one entity answers to it."""
        key = lookup_key(name)
        cands = self._by_key.get(key, [])
        return cands[0] if len(cands) == 1 else None

    def recent_in_sentence(self, si: int, before: int) -> list[NameMention]:
        """Mentions in sentence `si` outside quotes that start before offset `before`, in text
        order (the subject of a sentence usually comes first)."""
        lo = self.sentence_starts[si] if si < len(self.sentence_starts) else 0
        hi = min(before, self.sentence_starts[si + 1] if si + 1 < len(self.sentence_starts) else len(self.text))
        k = bisect.bisect_left(self._mention_starts, lo)
        out = []
        while k < len(self.mentions) and self.mentions[k].start < hi:
            if not self.mentions[k].in_quote:
                out.append(self.mentions[k])
            k += 1
        return out

    def organisation_with_roles(self, roles: frozenset[str], pos: int) -> Entity | None:
        """The organisation introduced with one of the role words `roles` (its name's own words
        count: "Observatory") that was mentioned last before offset `pos`, else the one named
        first after it; None when the article names none."""
        cands = [e for e in self.entities if e.kind == "organisation" and e.roles & roles and e.mentions]
        before = [e for e in cands if e.mentions[0] < pos]
        if before:
            return max(before, key=lambda e: max(p for p in e.mentions if p < pos))
        return min(cands, key=lambda e: e.mentions[0], default=None)

    def latest_of_kind(self, kind: str, before: int) -> Entity | None:
        """The entity of `kind` ("document", ...) mentioned last before offset `before`, or None."""
        k = bisect.bisect_left(self._mention_starts, before) - 1
        while k >= 0:
            if self.mentions[k].entity.kind == kind:
                return self.mentions[k].entity
            k -= 1
        return None

    def with_role(self, role: str, before: int, kinds: tuple[str, ...] = ("person",)) -> Entity | None:
        """The entity introduced with the role word `role` (lower case) whose latest mention
        before offset `before` is the latest, or None."""
        best, best_pos = None, -1
        for ent in self.entities:
            if ent.kind not in kinds or role not in ent.roles:
                continue
            k = bisect.bisect_left(ent.mentions, before) - 1
            if k >= 0 and ent.mentions[k] > best_pos:
                best, best_pos = ent, ent.mentions[k]
        return best

    # -- the scan ----------------------------------------------------------------------
    def covered_at(self, pos: int) -> bool:
        """Whether offset `pos` lies in a registry mention (not scanned again)."""
        k = bisect.bisect_right(self._covered_starts, pos) - 1
        return k >= 0 and self.covered[k][0] <= pos < self.covered[k][1]

    def _scan(self, sentences: list[tuple[int, int]]) -> None:
        runs = []
        for si, (s0, s1) in enumerate(sentences):
            toks = tokens(self.text, s0, s1)
            # a run opens at a capitalised token: go straight to each (run_from would skip
            # the tokens before it one by one)
            i = 0
            for k in [k for k, (_, _, t) in enumerate(toks)
                      if t[0].isupper() or not t[0].islower() and capitalised(t)]:
                if k >= i:
                    run, i = run_from(toks, k)
                    runs.append((si, toks, run))
        pending_single = []
        for si, toks, (i0, i1) in runs:
            for found in names_in_run(self, si, toks, i0, i1):
                if found[0] == "single":
                    pending_single.append(found[1:])
                else:
                    self._add(found[0], *found[1:])
        # single words (surnames, first names, acronyms) once every full name is known
        for s, e, word, si, titles, roles, gender in pending_single:
            key = lookup_key(word)
            cands = self._by_key.get(key, [])
            aged = bool(_AGE_AFTER.match(self.text, e)) and word[:1].isupper() and not word.isupper()
            if not aged and roles and set(roles) & PERSON_ROLES and is_known_first_name(word):
                # a first name given a person's role ("Ahmed a resident of the west of the
                # city said", "Fatima, a nurse,"): a person the article introduces by first name
                aged = word[:1].isupper() and not word.isupper()
            if len(cands) != 1 and not any(t in TITLES for t in titles) and not aged:
                continue
            if cands and len(cands) == 1:
                ent = cands[0]
            elif (any(t in TITLES for t in titles) or aged) and word[:1].isupper() and not word.isupper():
                # "Mr Key" with no full name in the article: the surname is the name; so is a
                # name with an age after it ("Ziad, 13, suffered", "Ziad 13 suffered") or a first
                # name with a person noun in apposition ("Ahmed a resident of ... said")
                ent = Entity(word, "person", gender, set(roles), strong=True)
                self.entities.append(ent)
                self._by_key.setdefault(key, []).append(ent)
            else:
                continue
            if ent.gender is None and gender:
                ent.gender = gender
            ent.roles |= set(roles)
            self._record(ent, s, e, si)
        self.mentions.sort(key=lambda m: m.start)
        for ent in self.entities:
            ent.mentions.sort()

    def knows_key(self, key: str) -> bool:
        """Whether a name, surname, first name or acronym (lookup key) names an entity so far."""
        return key in self._by_key

    def note_acronym(self, acronym: str, full: str) -> None:
        """Remember an acronym introduced with a full name ("World Health Organisation (WHO)")."""
        letters = re.sub(r"[^A-Z]", "", acronym)
        initials = "".join(w[0] for w in full.split() if w[:1].isupper())
        if letters and (initials.startswith(letters) or letters in initials or initials in letters):
            self._pending_acronyms = getattr(self, "_pending_acronyms", []) + [(acronym, full)]

    def _add(self, kind, start, end, name, si, titles, roles, gender, strong=True) -> None:
        key = lookup_key(name)
        first = name.split()[0].lower()
        ent = None
        for cand in self._by_key.get(name.lower(), []) + self._by_key.get(key, []):
            if cand.kind == kind and (kind != "person" or cand.name.split()[0].lower() == first
                                      or len(cand.name.split()) == 1):
                ent = cand
                break
        if ent is None:
            ent = Entity(name, kind, gender, set(roles), strong=strong)
            self.entities.append(ent)
            self._by_key.setdefault(name.lower(), []).append(ent)
            head = re.match(r"([A-Z][\w-]+) of ", name)
            if kind == "organisation" and head and head.group(1).lower() != key:
                self._by_key.setdefault(head.group(1).lower(), []).append(ent)  # "the Church" of Scientology
            if kind == "person":
                if key != name.lower():
                    self._by_key.setdefault(key, []).append(ent)
                if first != key and is_known_first_name(first):
                    self._by_key.setdefault(first, []).append(ent)
        else:
            ent.roles |= set(roles)
            ent.strong = ent.strong or strong
            if ent.gender is None and gender:
                ent.gender = gender
        ent.roles |= {t for t in titles if t in PERSON_ROLES or t in ROLE_WORDS} if kind == "person" else set()
        for acronym, full in getattr(self, "_pending_acronyms", []):
            # "World Health Organisation (WHO)", even after the name was first given without it
            keyed = self._by_key.setdefault(acronym.lower().replace(".", ""), [])
            if full == name and ent not in keyed:
                keyed.append(ent)
        self._record(ent, start, end, si)

    def _record(self, ent: Entity, start: int, end: int, si: int) -> None:
        ent.mentions.append(start)
        possessive = bool(re.match(r"['’]s?\b", self.text[end:end + 2]))
        self.mentions.append(NameMention(start, end, ent, si, self.in_quote(start), possessive))

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

Speaker resolution (quotelens.extract.resolution) asks it which person was mentioned last,
sentence by sentence (pronouns), who was introduced with a role word (role nouns) and what a
name stands for.

Reads: an article's text, its sentence and quote spans, the registry's mentions. Writes:
`Entity` and `NameMention` records; offsets are characters into the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from quotelens.extract.gender import first_name_gender, is_known_first_name, is_known_surname, title_gender
from quotelens.extract.invisible import strip_invisible
from quotelens.extract.lexicon.common_words import COMMON_WORDS
from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.documents import DOCUMENT_NAME_WORDS
from quotelens.extract.lexicon.grammar_words import DETERMINERS
from quotelens.extract.lexicon.groups import GROUP_WORDS
from quotelens.extract.lexicon.organisations import INSTITUTION_WORDS, ORG_WORDS
from quotelens.extract.lexicon.places import MODIFIER_SUFFIX, PLACE_ADJECTIVE, PLACE_WORDS
from quotelens.extract.lexicon.pronouns import NON_SPEAKERS
from quotelens.extract.lexicon.sentence_openers import CLAUSE_OPENERS, SENTENCE_ADVERBS
from quotelens.extract.lexicon.speaker_heads import ORG_ROLES, PERSON_ROLES, ROLE_WORDS
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.name_tokens import (
    ACRONYM_AFTER, AGE, CALENDAR_WORD, EDGE_PUNCT, INITIAL, MONTH_USE, apposition_roles, clean_name_token,
    is_abbreviation, is_org_word_before, is_particle, name_lookup_key,
)
from quotelens.extract.speaker_phrases import tokens
from quotelens.extract.speaker_types import is_outlet_name


# A capitalised run after a preposition of place ("in New York", "outside Raqqa"), and a
# possessive after a name ("in John Smith's view": a person after all).
_LOCATED = re.compile(r"\b(?:in|near|outside|across|throughout|around)\s+([A-Z][\w'’-]*(?:\.(?=\w))?(?:\s+[A-Z][\w'’-]*)?)(?![\w'’-]|\s+[A-Z])")
_POSSESSIVE_AFTER = re.compile(r"['’]s?\b")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_GLUED_PARTICLE = re.compile(r"(?:al|el|bin|ibn|abu)-[A-Z]")


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
                 covered: list[tuple[int, int]] = (), places: frozenset[str] = frozenset()):
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
        self.lower_words = set(re.findall(r"(?<![\w-])[a-z][a-z'’]*(?![\w-])", text))
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
        key = name_lookup_key(name)
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
    def _covered_at(self, pos: int) -> bool:
        k = bisect.bisect_right(self._covered_starts, pos) - 1
        return k >= 0 and self.covered[k][0] <= pos < self.covered[k][1]

    def _scan(self, sentences: list[tuple[int, int]]) -> None:
        runs = []
        for si, (s0, s1) in enumerate(sentences):
            toks = tokens(self.text, s0, s1)
            i = 0
            while i < len(toks):
                run, i = self._run_from(toks, i)
                if run:
                    runs.append((si, toks, run))
        pending_single = []
        for si, toks, (i0, i1) in runs:
            for found in self._names_in_run(si, toks, i0, i1):
                if found[0] == "single":
                    pending_single.append(found[1:])
                else:
                    self._add(found[0], *found[1:])
        # single words (surnames, first names, acronyms) once every full name is known
        for s, e, word, si, titles, roles, gender in pending_single:
            key = name_lookup_key(word)
            cands = self._by_key.get(key, [])
            if len(cands) != 1 and not any(t in TITLES for t in titles):
                continue
            if cands and len(cands) == 1:
                ent = cands[0]
            elif any(t in TITLES for t in titles) and word[:1].isupper() and not word.isupper():
                # "Mr Key" with no full name in the article: the surname is the name
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

    def _run_from(self, toks, i):
        """The run of capitalised tokens (and name particles) starting at or after token i, as
        (first, last + 1) token indices, and the index to continue from."""
        n = len(toks)
        while i < n and not self._capitalised(toks[i][2]):
            i += 1
        if i >= n:
            return None, n
        j = i
        while j < n:
            t = toks[j][2]
            if j > i and t.startswith(("(", "[")):
                break  # "World Health Organisation (WHO)": the acronym is not part of the name
            connector = t in ("of", "for", "and") and j + 1 < n and self._capitalised(toks[j + 1][2]) \
                and any(clean_name_token(x[2]).lower() in ORG_WORDS or clean_name_token(x[2]).lower() in INSTITUTION_WORDS
                        for x in toks[i:j])  # "Observatory for Human Rights", "Ministry of Foreign Affairs"
            # a particle joined to a capitalised word is a name word itself ("Nabil al-Arabi")
            glued = j > i and bool(_GLUED_PARTICLE.match(clean_name_token(t)))
            if not (self._capitalised(t) or connector or glued or (is_particle(clean_name_token(t)) and j + 1 < n
                                                                   and self._capitalised(toks[j + 1][2]))):
                break
            j += 1
            raw = strip_invisible(t)
            if re.search(r"['’]s?[,;:.)\"”]*$", raw) and len(raw) > 2:
                break  # a possessive ends the name ("Brown's Britain")
            quoted_name = raw[:1] in "\"“" and j < n and self._capitalised(toks[j][2])  # the "Cham" TV network
            if raw.endswith((",", ";", ":", ")", "”", "\"")) and not quoted_name:
                break
            if raw.endswith(".") and not is_abbreviation(raw):
                break  # a full stop, not an initial or an abbreviated title
        return (i, j), max(j, i + 1)

    @staticmethod
    def _capitalised(tok: str) -> bool:
        t = strip_invisible(tok.lstrip(EDGE_PUNCT))
        return bool(t) and t[0].isupper()

    def _names_in_run(self, si, toks, i0, i1) -> list[tuple]:
        """The names of a run: an organisation's name directly followed by a person's is two
        names ("Secretary-General of the Syrian Coalition Abdul Ilah al-Fahd" without commas)."""
        words = [clean_name_token(t).lower() for _, _, t in toks[i0:i1]]
        org_at = [k for k, w in enumerate(words) if w in ORG_WORDS or w in INSTITUTION_WORDS]
        if org_at and org_at[-1] < len(words) - 2 and words[org_at[-1] + 1] not in ("of", "for", "and"):
            cut = i0 + org_at[-1] + 1
            return [f for f in (self._name_in_run(si, toks, i0, cut), self._name_in_run(si, toks, cut, i1)) if f]
        found = self._name_in_run(si, toks, i0, i1)
        return [found] if found else []

    def _name_in_run(self, si, toks, i0, i1):
        """Classify the run toks[i0:i1]: ("person"|"organisation"|"state", start, end, name, si,
        titles, roles, gender), ("single", start, end, word, si, titles, roles, gender) or None."""
        text = self.text
        words = [(s, e, clean_name_token(t)) for s, e, t in toks[i0:i1]]
        words = [(s, s + len(w) if text.startswith(w, s) else e, w) for s, e, w in words if w]
        # possessive and invisible characters off the last word
        if words:
            s, e, w = words[-1]
            bare = re.sub(r"['’]s?$", "", w)
            words[-1] = (s, s + len(bare) if text.startswith(bare, s) else e, bare)
        titles: list[str] = []
        # titles right before the run ("Foreign Minister" in "Foreign Minister Sergei Lavrov"),
        # not across other words ("the U.N. headquarters in New York")
        for _, _, t in reversed(toks[max(0, i0 - 3):i0]):
            p = t.lower().strip(",")
            if p not in TITLES and p not in PERSON_ROLES:
                break
            titles.insert(0, p)
        if not titles and i0 > 1 and toks[i0 - 1][2].endswith(","):
            # a role set off before the name: "the head of NATO, Hoop Scheffer"
            for _, _, t in reversed(toks[max(0, i0 - 5):i0 - 1]):
                p = re.sub(r"['’]s$", "", t.lower())
                if p in PERSON_ROLES:
                    titles.append(p)
                    break
                if t.endswith((",", ".", ";", ":")):
                    break
        prev_titles = list(titles)
        # function words and sentence adverbs opening the run ("If", "However"); a title stays
        # for the loop below ("Mrs"), a lone word for the test of single words ("May said")
        while len(words) > 1 and words[0][2].lower() not in TITLES and (
                words[0][2] in SENTENCE_ADVERBS or words[0][2].lower() in COMMON_WORDS
                or words[0][2].lower() in CLAUSE_OPENERS or words[0][2].lower() in DETERMINERS
                or words[0][2].lower() in NON_SPEAKERS):
            words = words[1:]
        while len(words) > 1 and MODIFIER_SUFFIX.search(words[0][2].lower()):
            words = words[1:]  # "Britain-based Syrian Observatory ...": the modifier is no part of the name
        is_org = any(w.lower() in ORG_WORDS or w.lower() in INSTITUTION_WORDS for _, _, w in words)
        # titles in front of a person's name ("Foreign Minister Sergei Lavrov"); an organisation
        # keeps its words ("Syrian Observatory ...")
        while not is_org and words and (words[0][2].lower() in TITLES or words[0][2].lower() in PERSON_ROLES
                                        or words[0][2].lower() in DEMONYMS and len(words) > 1
                                        and (words[1][2].lower() in TITLES or words[1][2].lower() in PERSON_ROLES)):
            titles.append(words[0][2].lower())
            words = words[1:]
        inner = [k for k, (_, _, w) in enumerate(words[:-1]) if w.lower() in TITLES or w.lower() in PERSON_ROLES]
        if inner and not is_org:
            # "Homs Governor Talal Barazi": the name starts after the last title
            titles += [w.lower() for _, _, w in words[:inner[-1] + 1]]
            words = words[inner[-1] + 1:]
        if len(words) >= 2 and not is_org and re.match(r"(?i)(?:al|el)-\w", words[0][2]):
            words = words[1:]  # "Al-Atareb Fahd" (a place, commas stripped): no given name starts with al-
        if not words or any(self._covered_at(s) for s, _, _ in words):
            return None
        names = [w for _, _, w in words]
        low = [w.lower() for w in names]
        start, end = words[0][0], words[-1][1]
        joined = " ".join(names)
        roles, gender = apposition_roles(text, end)
        acronym = ACRONYM_AFTER.match(text, end)
        if joined in STATE_NAMES:
            return ("state", start, end, joined, si, titles, roles, None)
        if len(names) >= 2 and all(CALENDAR_WORD.fullmatch(w) for w in names):
            return None  # "Thu Aug", "March": a dateline, not a name
        if len(names) >= 2 and names[0][:-1] in STATE_NAMES and names[0].endswith("s"):
            # "Syrias Aleppo": a possessive that lost its apostrophe (FA-KES) modifies what follows
            words, names = words[1:], names[1:]
            low, start, joined = low[1:], words[0][0], " ".join(names)
        if any(w in PLACE_WORDS for w in low):
            return None
        if len(names) >= 2 and low[-1] in DOCUMENT_NAME_WORDS and not is_org_word_before(low[:-1]):
            # "the Australian National Iodine Nutrition Study": a document the article names
            return ("document", start, end, joined, si, titles, roles | {low[-1]}, None)
        if any(w in ORG_WORDS or w in INSTITUTION_WORDS for w in low) or is_outlet_name(joined) \
                or (len(names) >= 2 and names[-1] == "State"):  # "Islamic State"
            tail = re.match(r"\s+([a-z]+)\b", text[end:end + 20])
            if tail and tail.group(1) in ORG_WORDS:
                # "Idlib News network", "Cham TV network": a lower-case organisation word closes the name
                end += tail.end()
                joined = f"{joined} {tail.group(1)}"
                low.append(tail.group(1))
            roles |= {w for w in low if w in ORG_WORDS or w in ORG_ROLES or w in INSTITUTION_WORDS}
            if acronym:
                self._acronym(acronym.group(1), joined)
            return ("organisation", start, end, joined, si, titles, roles, None)
        if joined in self.places or PLACE_ADJECTIVE.fullmatch(low[0]) or any(MODIFIER_SUFFIX.search(w) for w in low):
            return None
        if any(w in STATE_NAMES for w in names) or any(w in GROUP_WORDS for w in low):
            return None
        g_title = next((title_gender(t) for t in titles if title_gender(t)), None)
        if len(names) == 1:
            w = names[0]
            # a title right before the word, in the run or just in front of it ("Mrs May")
            before = toks[i0 - 1][2].lower().strip(",") if i0 > 0 else ""
            titled = len(titles) > len(prev_titles) or (before in TITLES and before not in DEMONYMS
                                                        and not INITIAL.fullmatch(toks[i0 - 1][2]))
            if w.isupper() and len(w) >= 2 or w.lower() in COMMON_WORDS or w in SENTENCE_ADVERBS \
                    or w.lower() in self.lower_words or w.lower() in CLAUSE_OPENERS or w.lower() in DETERMINERS \
                    or w.lower() in NON_SPEAKERS:
                # an acronym, a title's name ("Mrs May", "Mr Brown") and a common word the
                # article also uses as a person's surname ("May said" after "Theresa May") are
                # names; the month ("in May", "May 7") and other common words are not
                if w.isupper() or titled or (not MONTH_USE.search(
                        text, max(0, start - 12), min(len(text), end + 4)) and name_lookup_key(w) in self._by_key):
                    return ("single", start, end, w, si, titles, roles, g_title or gender)
                return None
            return ("single", start, end, w, si, titles, roles, g_title or gender)
        if is_particle(names[0]):
            # "Van der Berg said": a surname with its particle, the person's full name is elsewhere
            return ("single", start, end, joined, si, titles, roles, g_title or gender)
        if len(names) > 4 or names[-1].lower() in self.lower_words and not is_known_surname(names[-1]):
            return None
        if names[-1].endswith("s") and not is_known_surname(names[-1]) and not is_particle(names[-2]):
            return None  # "London Assembly Conservatives": a plural is a group, not a person
        known = [k for k, w in enumerate(names[:-1]) if is_known_first_name(w) and not is_particle(w)]
        if known and known[0] > 0 and not is_known_first_name(names[0]):
            # "History Winston Churchill": a word in front of a first name is not part of the name
            start, names = words[known[0]][0], names[known[0]:]
            joined = " ".join(names)
        first = names[0]
        g_name = first_name_gender(first)
        if first.isupper() or first.lower() in self.lower_words and not is_known_first_name(first):
            return None  # "Heavy Fighting", "BEIRUT Syrian": a common word or capitals open no person's name
        strong = bool(titles) or bool(roles) or is_known_first_name(first) or bool(AGE.match(text, end))
        if not strong and joined in self.located:
            return None  # "New York said ... in New York": a place
        return ("person", start, end, joined, si, titles, roles, g_title or gender or g_name, strong)

    def _acronym(self, acronym: str, full: str) -> None:
        letters = re.sub(r"[^A-Z]", "", acronym)
        initials = "".join(w[0] for w in full.split() if w[:1].isupper())
        if letters and (initials.startswith(letters) or letters in initials or initials in letters):
            self._pending_acronyms = getattr(self, "_pending_acronyms", []) + [(acronym, full)]

    def _add(self, kind, start, end, name, si, titles, roles, gender, strong=True) -> None:
        key = name_lookup_key(name)
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

"""Speaker resolution: which actor a speaker phrase refers to.

Resolution prefers, in order: a registry person, an unknown person-like name, a registry
organisation or state, a role noun, document or pronoun resolved to its referent
(quotelens.extract.coreference, quotelens.extract.documents: salience over the last sentences,
the person introduced with the role, the document's author), and a generic group
("activists"). `SpeakerResolver` builds on the article's memory of speakers and roles
(quotelens.extract.speaker_history) and of the names it mentions
(quotelens.extract.entities), so that "he", "the envoy" or "the group" find their referent.

Reads: an article's text, the actor registry and speaker-phrase spans
(quotelens.extract.speaker_phrases). Writes: `Resolution` records.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from quotelens.extract.coreference import (
    person_antecedent, recent_person_speaker, role_referent, thing_antecedent, unnamed_speaker_with_head,
)
from quotelens.extract.documents import document_author
from quotelens.extract.entities import ArticleEntities
from quotelens.extract.invisible import INVISIBLE, strip_invisible
from quotelens.extract.lexicon.common_words import COMMON_WORDS
from quotelens.extract.lexicon.documents import DOCUMENT_WORDS
from quotelens.extract.lexicon.grammar_words import PREPOSITIONS
from quotelens.extract.lexicon.groups import GROUP_WORDS, MONITOR_NAME_WORDS, MONITOR_WORDS
from quotelens.extract.lexicon.media_outlets import MEDIA_ROLES, OUTLET_HEADS, RELAY_WORDS
from quotelens.extract.lexicon.organisations import ORG_WORDS
from quotelens.extract.lexicon.places import PLACE_ADJECTIVE
from quotelens.extract.lexicon.pronouns import PRONOUNS, UNRESOLVED_PRONOUN
from quotelens.extract.lexicon.sentence_openers import CLAUSE_OPENERS
from quotelens.extract.lexicon.speaker_heads import (
    GENERIC_ORG_HEADS, ORG_ROLES, PERSON_ROLES, ROLE_WORDS,
)
from quotelens.extract.lexicon.titles import ANONYMOUS_ROLES, TITLES
from quotelens.extract.mentions import Resolution, generic_kind, head_phrase, lower_first
from quotelens.extract.name_tokens import CALENDAR_WORD
from quotelens.extract.registry import Registry, name_key
from quotelens.extract.speaker_history import SpeakerHistory
from quotelens.extract.speaker_phrases import phrase_after, tokens
from quotelens.extract.speaker_types import is_outlet_name

_NAME_TAIL_BEFORE = re.compile(r"(?:for|of|de|du)\s+$")  # "... for Human Rights"
_OF_NAME = re.compile(r"\s*of\s+(?:the\s+)?[A-Z]")  # "opponents of Syrian President ..."
_PERSON_NAME = re.compile(r"(?<![\w.-])[A-Z][a-z]+(?:\s+(?:(?:al|el|bin|de|van|von|abu|ibn)[\s-])?[A-Z][a-z'’-]+){1,2}(?![\w-])")


class SpeakerResolver(SpeakerHistory):
    """Resolves speaker phrases within one article, remembering who spoke where."""

    def __init__(self, text: str, registry: Registry | None, sentence_starts: list[int] | None = None,
                 sentences: list[tuple[int, int]] | None = None, quote_spans: list[tuple[int, int]] | None = None):
        super().__init__(text, registry)
        self.sentence_starts = sentence_starts or []  # offsets of sentence starts, for pronouns
        self.sentences = sentences if sentences is not None else \
            [(s, e) for s, e in zip(self.sentence_starts, self.sentence_starts[1:] + [len(text)])]
        self.quote_spans = quote_spans or []
        # spans of the article's statements (characters), set before speakers are resolved in
        # text order: names inside a statement's content are not what pronouns refer to
        self.content_spans: list[tuple[int, int]] = []
        self._content_source: list | None = None
        self._content_sorted: list[tuple[int, int]] = []
        self._content_starts: list[int] = []
        self._entities: ArticleEntities | None = None  # built on first use
        self.genders: dict[str, str] = {}  # speaker name -> gender learnt from a pronoun
        self._nested = False  # inside a resolution started by pronoun resolution

    @property
    def entities(self) -> ArticleEntities:
        """The people and organisations the article names (quotelens.extract.entities)."""
        if self._entities is None:
            places = self.registry.places if self.registry is not None else frozenset()
            self._entities = ArticleEntities(self.text, self.sentences or [(0, len(self.text))], self.quote_spans,
                                             [(s, e) for s, e, _ in self.mentions], places)
        return self._entities

    def article_place(self, name: str) -> bool:
        """Whether the article writes `name` as a place and never as a person's (quotelens.
        extract.entities)."""
        return self.entities.is_place(name)

    def person_named_at(self, s: int, e: int) -> bool:
        """Whether text[s:e] is a mention of a person the article names (quotelens.extract.
        entities): "May" after "Theresa May", however common the word."""
        m = self.entities.mention_at(s, e)
        return m is not None and m.entity.kind == "person" and m.start <= s and e <= m.end

    def in_content(self, pos: int) -> bool:
        """Whether character offset `pos` lies inside the content of one of the article's
        statements (`content_spans`)."""
        spans = self.content_spans
        if not spans:
            return False
        if spans is not self._content_source:
            self._content_source, self._content_sorted = spans, sorted(spans)
            self._content_starts = [a for a, _ in self._content_sorted]
        k = bisect.bisect_right(self._content_starts, pos) - 1
        # a statement nested in another starts after it: look at the last few starting before
        return any(a <= pos < b for a, b in self._content_sorted[max(0, k - 3):k + 1])

    def known_gender(self, name: str) -> str | None:
        """The gender a pronoun earlier in the article gave the speaker `name`, or None."""
        return self.genders.get(name)

    def learn_gender(self, name: str, gender: str | None) -> None:
        """Remember that a pronoun of `gender` ("m"/"f") referred to `name`."""
        if gender and name:
            self.genders.setdefault(name, gender)

    def mentions_between(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Registry mentions starting in [lo, hi) (character offsets)."""
        k = bisect.bisect_left(self.mention_starts, lo)
        out = []
        while k < len(self.mentions) and self.mentions[k][0] < hi:
            out.append(self.mentions[k])
            k += 1
        return out

    def canonical_person(self, s: int, e: int, name: str) -> str:
        """The article's name for the person mentioned at text[s:e] (written `name`): the full
        name as first introduced, when the mention is one of a known person's."""
        m = self.entities.mention_at(s, e)
        if m is not None and m.entity.kind == "person" and m.end >= e - 1:
            return m.entity.name
        ent = self.entities.lookup(name)
        return ent.name if ent is not None and ent.kind == "person" else name

    # -- main entry ------------------------------------------------------------------
    def resolve(self, spans: list[tuple[int, int]], pronouns: bool = True) -> Resolution | None:
        """Resolve the best speaker among candidate phrases (nearest to the cue first).
        With `pronouns` False, the sentence-subject step of pronoun resolution is skipped (it
        calls back into `resolve`)."""
        saved = self._nested
        self._nested = saved or not pronouns
        try:
            best: tuple[int, Resolution] | None = None
            for idx, (a, b) in enumerate(spans):
                for rank, res in self._candidates(a, b):
                    rank = rank * 2 + idx  # prefer the nearer phrase at equal rank
                    if best is None or rank < best[0]:
                        if res.kind in ("group", "unknown") and not res.how.startswith("pronoun") \
                                and self.not_a_speaker(res.speaker):
                            continue  # a place or a common word is no speaker
                        best = (rank, res)
            if best is None:
                return None
            res = best[1]
            if INVISIBLE.search(res.speaker):
                # names are compared and written without invisible characters; the mention keeps them
                res = dataclasses.replace(res, speaker=strip_invisible(res.speaker))
            return res
        finally:
            self._nested = saved

    def _candidates(self, a: int, b: int):
        """(rank, Resolution) candidates for the phrase text[a:b]; lower rank is better."""
        text = self.text
        phrase = text[a:b]
        low = phrase.lower()
        bare = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", low)
        if bare in PRONOUNS:
            res = self._antecedent(bare, a)
            if res is not None:
                yield 6, Resolution(res.speaker, phrase, a, b, res.kind, res.side, res.gender,
                                    f"pronoun:{res.how}", res.start, res.in_registry)
            else:
                # nobody to refer to in the article: a pronoun is never a name (issue 13), the
                # speaker is kept as a typed unnamed category
                yield 9, Resolution(UNRESOLVED_PRONOUN[PRONOUNS[bare][0]], phrase, a, b, "unnamed", "",
                                    PRONOUNS[bare][1], "pronoun_unresolved")
            return
        reg = self.registry_in(a, b)
        head_part = head_phrase(bare)
        head = head_part.split()[-1] if head_part else ""
        # where the head part ends in the text: names after it sit in a prepositional phrase
        # ("a spokesman for the Syria Civil Defense") and only modify the head
        head_end = b
        for s, e, t in tokens(text, a, b)[1:]:
            if t.lower() in PREPOSITIONS or t.lower() in RELAY_WORDS:
                head_end = s
                break
        has_person = any(self.registry.actors[n].kind == "person" for s, _, n in reg if s < head_end) if reg else False
        unnamed = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", phrase, flags=re.IGNORECASE)
        role = None
        org_in_head = [(s, e, n) for s, e, n in reg if s < head_end and self.registry.actors[n].kind != "person"]
        if head in ORG_ROLES and org_in_head and head not in PERSON_ROLES:
            # "the SANA news agency", "Russia's Defence Ministry": the organisation named in the
            # head part is the referent
            s, e, n = org_in_head[-1]
            yield 1, self.from_actor(n, s, e, "name")
        elif head in PERSON_ROLES or head in ORG_ROLES or (
                self.registry is not None and head_part in self.registry.role_to_actors):
            # "The U.N. envoy", "a Russian Defence Ministry spokesman": the role is the head,
            # the names in front of it only modify it. A registry role is one whatever its
            # head ("the civil defence"). A state in a prepositional phrase names the side
            # when the head part does not ("the defense ministry in Moscow").
            role = self.role_holder(head_part, a, side_words=bare.split())
            if role is not None and not has_person:
                yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, role.gender,
                                    f"role:{role.how}", role.start, role.in_registry)
        if head in DOCUMENT_WORDS and role is None:
            # "a UN report", "the statement said", "according to the bulletin": a document
            # stands for its author (quotelens.extract.documents)
            author = document_author(self, a, b, head_end, reg)
            if author is not None:
                yield 1, Resolution(author.speaker, phrase, a, b, author.kind, author.side, author.gender,
                                    "role:document", author.start, author.in_registry)
        names = list(self.unregistered_names(a, b, reg, head_end))
        # People in the head part: the one nearest the end of it is the head ("Obama campaign
        # spokeswoman Jen Psaki" is Psaki); people in a prepositional phrase rank low.
        people = []
        for s, e, name in reg:
            if self.registry.actors[name].kind == "person":
                people.append((s, self.from_actor(name, s, e, "name")))
        for s, e, name, kind_ in names:
            if kind_ == "unknown":
                # a lone word the article gives to a person it names in full ("May said" after
                # "Theresa May", "Mrs May"), even a month or a common word
                ent = self.entities.lookup(name)
                if ent is not None and ent.kind == "person":
                    kind_ = "person"
            if kind_ == "person":
                name = self.canonical_person(s, e, name)
                ent = self.entities.lookup(name)
                gender = self.known_gender(name) or (ent.gender if ent is not None and ent.kind == "person" else None)
                people.append((s, Resolution(name, text[s:e], s, e, kind_, "", gender, "unknown_name")))
        people.sort(key=lambda p: p[0], reverse=True)
        # a name closing the phrase is its head too ("Daesh Secretary of State Rex Tillerson")
        # (not after a group: "opponents of Syrian President Bashar al-Assad" are not Assad)
        # a possessor only modifies the head ("Tony Blair's spokesman" is the spokesman)
        people = [(s, res) for s, res in people
                  if not (re.match(r"['’]s?\s+\S", text[res.end:b]) and head in PERSON_ROLES | ORG_ROLES)]
        in_head = [res for s, res in people if s < head_end or (res.end >= b - 1 and head not in GROUP_WORDS)]
        if in_head and head in ORG_ROLES and head not in PERSON_ROLES and not org_in_head \
                and all(res.end <= head_end and not text[res.end:head_end].strip(" ,") == "" for res in in_head):
            # "the Obama administration", "the Trump campaign": a person's name modifying an
            # organisation noun names the organisation, which is the speaker
            org_name = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", text[a:head_end].strip(),
                              flags=re.IGNORECASE)
            yield 0, Resolution(org_name, phrase, a, b, "organisation", "", None, "unknown_name")
            in_head = []
        for i, res in enumerate(in_head):
            yield (0 if i == 0 else 1), res
        definite = bool(re.match(r"the\s", low))
        if definite and role is None and not in_head and not reg and (head in PERSON_ROLES or head in ORG_ROLES):
            # "the mayor", "the chief executive", "the observatory": whoever the article
            # introduced with that role word (quotelens.extract.coreference)
            kinds = ("person",) if head in PERSON_ROLES else ("organisation",)
            role = role_referent(self, head, a, kinds)
            if role is None and head in PERSON_ROLES:
                # "a U.S. official said ... the official said": the unnamed speaker described
                # with that head before
                role = unnamed_speaker_with_head(self, head, a)
            if role is None and head in PERSON_ROLES:
                # a role introduced by nobody ("the envoy", "the expert"): the person who spoke
                # just before; a role many may hold at once ("the official") only when a word
                # of the description was written next to that person ("the Kurdish official"
                # after "... the Kurdish National Council Mustafa Sino said")
                modifiers = head_part.split()[:-1]
                outlet_staff = head in MEDIA_ROLES or any(is_outlet_name(w) for w in phrase.split()[1:-1])
                if head not in ANONYMOUS_ROLES and not outlet_staff:  # not "the AFP correspondent"
                    role = recent_person_speaker(self, a)
                elif modifiers:
                    role = recent_person_speaker(self, a, near_words=modifiers)
            if role is not None:
                yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, role.gender,
                                    f"role:{role.how}", role.start, role.in_registry)
        if role is None and not in_head and not reg and set(head_part.split()) & MONITOR_WORDS:
            # "a monitor said", "a Britain-based monitoring group": the monitoring organisation
            # the article names (by its name or an apposition), before or just after
            ent = self.entities.organisation_with_roles(MONITOR_NAME_WORDS, a)
            if ent is not None:
                near = min(ent.mentions, key=lambda p: (p > a, abs(p - a)))
                role = Resolution(ent.name, "", near, -1, "organisation", "", None, "described_organisation", near)
            else:
                role = self._registry_monitor(a)
            if role is not None:
                yield 1, Resolution(role.speaker, phrase, a, b, role.kind, role.side, None, f"role:{role.how}",
                                    role.start, role.in_registry)
        if definite and role is None and not in_head and not reg and head in OUTLET_HEADS:
            # "the media outlet added": the outlet that spoke in the last sentences
            ents = self.entities
            lo = ents.sentence_starts[max(0, ents.sentence_of(a) - 3)] if ents.sentence_starts else 0
            outlet = next((res for at, res in self.recent_first(a) if at >= lo and is_outlet_name(res.speaker)), None)
            if outlet is not None:
                role = outlet
                yield 1, Resolution(outlet.speaker, phrase, a, b, outlet.kind, outlet.side, None, "role:last_outlet",
                                    outlet.start, outlet.in_registry)
        if head in PERSON_ROLES and role is None and not in_head:
            # an unnamed person ("a Syrian military source", "the SANA reporter") speaks for
            # themself, not for the organisation named in front of the role
            side = self.registry.actors[reg[0][2]].side if reg else ""
            name = re.sub(r"['’]s\b", "", self.unnamed_name(unnamed, a, b, reg))  # "Tony Blair spokesman"
            yield 2, Resolution(lower_first(name), phrase, a, b, "unnamed", side, None, "unnamed")
        head_toks = tokens(text, a, head_end)[-1:]
        head_in_reg = bool(head_toks) and any(s_ <= head_toks[0][0] < e_ for s_, e_, _ in reg)
        if head in GROUP_WORDS and not in_head and not head_in_reg:
            # "field sources in the northeastern Hasaka province": the group, not the place
            group_end = head_end
            if _OF_NAME.match(text, head_end, b):
                group_end = b  # "opponents of Syrian President Bashar al-Assad": whose group it is stays
            group = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", text[a:group_end].strip(), flags=re.IGNORECASE)
            yield 2, Resolution(lower_first(group), phrase, a, b, "group", "", None, "generic")
        for s, res in people:
            if res not in in_head:
                yield 3, res
        for s, e, name in reg:
            kind = self.registry.actors[name].kind
            if kind == "person":
                continue
            if kind == "state":
                # "USA Today", "Russia Today": a state name opening a longer proper name
                nxt = text[e:b].split()
                if nxt and nxt[0][:1].isupper() and not self.registry_in(e + 1, e + 1 + len(nxt[0])):
                    yield 5, Resolution(" ".join([text[s:e], nxt[0]]), text[s:e + 1 + len(nxt[0])], s,
                                        e + 1 + len(nxt[0]), "organisation", "", None, "unknown_name")
                    continue
            # a possessor in front of another name only modifies it ("Saudi Arabia's Civil
            # Defense Authority")
            possessor = bool(re.match(r"['’]s?\s+[A-Z]", text[e:e + 4]))
            yield (3 if kind == "organisation" else 4) + (2 if s >= head_end or possessor else 0), \
                self.from_actor(name, s, e, "name")
        for s, e, name, kind_ in reversed(names):  # the head of a noun phrase is its last name
            if kind_ == "state" and re.match(r"[\s-]+based\b", text[e:e + 8]):
                continue  # "The UK based Syrian Observatory": a modifier
            if kind_ == "organisation":
                # "Syrian Observatory for Human Rights": the organisation's full name in the text
                m = self.entities.mention_at(s, e)
                if m is not None and m.entity.kind == "organisation" and m.entity.name.startswith(name):
                    name = m.entity.name
            elif kind_ == "unknown" and name.replace(".", "").isupper():
                # an acronym the article introduced with the full name: "The World Health
                # Organisation (WHO) recommends ... WHO say"
                ent = self.entities.lookup(name)
                if ent is not None and ent.kind == "organisation":
                    name, kind_ = ent.name, "organisation"
            if kind_ != "person":
                yield 5 + (2 if s >= head_end else 0), Resolution(name, text[s:e], s, e, kind_, "", None, "unknown_name")
        if head in GENERIC_ORG_HEADS and not reg and phrase[:4].lower() == "the " and role is None:
            # "the group", "the organisation": the organisation the last sentences are about,
            # else the organisation that spoke last
            res = thing_antecedent(self, "it", a, kinds=("organisation",)) or self._antecedent("it", a)
            if res is not None:
                yield 6, Resolution(res.speaker, phrase, a, b, res.kind, res.side, res.gender,
                                    f"role:{res.how}", res.start, res.in_registry)
        if head in GROUP_WORDS or head in ROLE_WORDS:
            yield 8, Resolution(lower_first(unnamed), phrase, a, b, generic_kind(unnamed), "", None, "generic")

    def _registry_monitor(self, pos: int) -> Resolution | None:
        """The registry organisation whose name, as the article writes it, is a monitor's
        ("Syrian Observatory for Human Rights", "Human Rights Watch") mentioned last before
        `pos`, else first after it; None when there is none."""
        found = [(s, e, n) for s, e, n in self.mentions if self.registry.actors[n].kind == "organisation"
                 and set(re.findall(r"[a-z]+", self.text[s:e].lower() + " " + n.lower())) & MONITOR_NAME_WORDS]
        if not found:
            return None
        before = [m for m in found if m[0] < pos]
        s, e, name = before[-1] if before else found[0]
        res = self.from_actor(name, s, e, "described_organisation")
        res.resolved_from = s
        return res

    # -- coreference -----------------------------------------------------------------
    def _compatible(self, res: Resolution, pronoun: str) -> bool:
        want, gender = PRONOUNS[pronoun]
        if want == "person":
            # an unnamed person ("a military source") can be "he" or "she" too
            return res.kind in ("person", "unnamed", "unknown") and (res.gender is None or res.gender == gender)
        if want == "thing":
            return res.kind in ("organisation", "state")
        return res.kind in ("organisation", "state", "group")

    def _antecedent(self, pronoun: str, pos: int) -> Resolution | None:
        if PRONOUNS[pronoun][0] == "person":
            res = person_antecedent(self, pronoun, pos)
            if res is not None:
                return res
        elif not self._nested:
            res = thing_antecedent(self, pronoun, pos)
            if res is not None:
                return res
        # Inside a sentence, a pronoun refers first to the sentence's own subject ("The White
        # Helmets civil defence group released pictures ... after what it said was ...").
        if self.sentence_starts and not self._nested:
            k = bisect.bisect_right(self.sentence_starts, pos) - 1
            s0 = self.sentence_starts[k] if k >= 0 else 0
            if pos - s0 > 2:
                span = phrase_after(self.text, s0, pos)
                if span is not None and span[1] < pos:
                    low = self.text[span[0]:span[1]].lower()
                    if low not in PRONOUNS:
                        best = self.resolve([span], pronouns=False)
                        if best is not None and best.how in ("name", "unknown_name") and self._compatible(best, pronoun) \
                                and not (best.kind in ("group", "unknown") and self.not_a_speaker(best.speaker)):
                            return Resolution(best.speaker, best.mention, best.start, best.end, best.kind, best.side,
                                              best.gender, "sentence_subject", in_registry=best.in_registry)
        for at, res in self.recent_first(pos):
            if at < pos and self._compatible(res, pronoun):
                return Resolution(res.speaker, res.mention, at, res.end, res.kind, res.side, res.gender,
                                  "last_speaker", in_registry=res.in_registry)
        if self.registry is not None:
            k = bisect.bisect_left(self.mention_starts, pos) - 1
            while k >= 0:
                s, e, name = self.mentions[k]
                res = self.from_actor(name, s, e, "last_mention")
                if self._compatible(res, pronoun):
                    return res
                k -= 1
        if PRONOUNS[pronoun][0] == "person":
            # a person named in the text but never quoted and not in the registry
            best = None
            for m in _PERSON_NAME.finditer(self.text, max(0, pos - 1500), pos):
                words = m.group().split()
                if any(w.lower() in ORG_WORDS or w.lower() in TITLES or self.common_word(w) or CALENDAR_WORD.fullmatch(w)
                       or w.lower() in COMMON_WORDS or w.lower() in CLAUSE_OPENERS for w in words):
                    continue
                k = bisect.bisect_right(self.mention_starts, m.start()) - 1
                if k >= 0 and self.mentions[k][1] > m.start():
                    continue  # "Human Rights" in "Syrian Observatory for Human Rights": part of a name
                if self.not_a_speaker(m.group()) or PLACE_ADJECTIVE.fullmatch(words[0].lower()):
                    continue  # "Eastern Ghouta", "Southern Aleppo": a place
                if _NAME_TAIL_BEFORE.search(self.text, max(0, m.start() - 5), m.start()):
                    continue  # the tail of an organisation's name ("... for Human Rights")
                best = m
            if best is not None:
                key = name_key(best.group())
                name = self.unknown_names.get(key, best.group())
                return Resolution(name, best.group(), best.start(), best.end(), "person", "", None, "last_name")
        return None

    def antecedent(self, pronoun: str, pos: int) -> Resolution | None:
        """Public view of `_antecedent`: what `pronoun` ("he", "she", "it", "they") at offset
        `pos` refers to, or None."""
        return self._antecedent(pronoun, pos)

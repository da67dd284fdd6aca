"""Speaker resolution: which actor a speaker phrase refers to.

The candidates of one phrase and their ranks come from quotelens.extract.speaker_candidates;
this module keeps the article's state, picks the best candidate and resolves pronouns.
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

from quotelens.extract.coreference import NO_ANTECEDENT, person_antecedent, person_gender, thing_antecedent
from quotelens.extract.entities import ArticleEntities
from quotelens.extract.invisible import INVISIBLE, strip_invisible
from quotelens.extract.lexicon.common_words import COMMON_WORDS
from quotelens.extract.lexicon.organisations import ORG_WORDS
from quotelens.extract.lexicon.places import PLACE_ADJECTIVE
from quotelens.extract.lexicon.pronouns import PRONOUNS
from quotelens.extract.lexicon.sentence_openers import CLAUSE_OPENERS
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.mentions import Resolution
from quotelens.extract.name_tokens import CALENDAR_WORD
from quotelens.extract.registry import Registry, name_key
from quotelens.extract.speaker_candidates import speaker_candidates
from quotelens.extract.speaker_history import SpeakerHistory
from quotelens.extract.speaker_phrases import phrase_after

_NAME_TAIL_BEFORE = re.compile(r"(?:for|of|de|du)\s+$")  # "... for Human Rights"
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
                                             [(s, e) for s, e, _ in self.mentions], places, self.lower_words)
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

    def organisation_named_at(self, s: int, e: int) -> bool:
        """Whether text[s:e] is exactly a mention of an organisation the article names
        ("Tahrir al-Sham" in "the Tahrir al-Sham jihadist alliance")."""
        m = self.entities.mention_at(s, e)
        return m is not None and m.entity.kind == "organisation" and m.start == s and m.end == e

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
                for rank, res in speaker_candidates(self, a, b):
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

    # -- coreference -----------------------------------------------------------------
    def _compatible(self, res: Resolution, pronoun: str) -> bool:
        want, gender = PRONOUNS[pronoun]
        if want == "person":
            # an unnamed person ("a military source") can be "he" or "she" too
            known = res.gender or (person_gender(self, res.speaker) if res.kind == "person" else None)
            return res.kind in ("person", "unnamed", "unknown") and (known is None or known == gender)
        if want == "thing":
            return res.kind in ("organisation", "state")
        return res.kind in ("organisation", "state", "group")

    def _antecedent(self, pronoun: str, pos: int) -> Resolution | None:
        if PRONOUNS[pronoun][0] == "person":
            res = person_antecedent(self, pronoun, pos)
            if res is NO_ANTECEDENT:
                return None
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
                if person_gender(self, m.group()) not in (None, PRONOUNS[pronoun][1]):
                    continue  # "She" is not "Nick Moreau"
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

"""Who answers, when an interview has several interviewees.

A question-and-answer article (quotelens.extract.interview) may interview two or more people
("An interview with the founders of ..."). A reader tells the answers apart by what the text
says, and so does this module, line by line:

1. a speaker label opening the line ("Lucero: We met in high school.", or the initials
   "MJL: ..."), the transcript convention; a label whose lines are questions is the
   interviewer's ("WN: How did ...?");
2. a self-introduction in the answer ("I'm Isabel Ruiz", "my name is ..."): that person;
3. a question addressed to one interviewee by name ("Isabel, how did you ...?", "... , Mario?"):
   the answers up to the next question are that person's;
4. with exactly two interviewees, an answer that speaks of one of them by name in the third
   person ("I wanted to work with Isabel") is the other one's.

Anything else keeps the interviewee the article names (quotelens.extract.interview). Names are
matched within the article only, by full name, first name or surname.

Reads: an article's text and line offsets, the resolver of its `ArticleState`. Writes:
`Resolution` records for answer lines.
"""

from __future__ import annotations

import re

from quotelens.extract.lexicon.interview_words import OUTLET_SELF_NAMES
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.mentions import Resolution

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:(?:de|van|von|al|el|bin|da|di|del|der|la|le)\s+)?[A-Z][\w'’.-]*){0,3}"
# "Lucero: ...", "Mario J. Lucero: ...": a name (no sentence) before a colon opening the line
SPEAKER_LABEL = re.compile(rf"(?P<name>{_NAME})\s*:\s+(?=\S)")
# "I'm Mario J. Lucero", "my name is Isabel Ruiz", "this is Josh Kindig"
_SELF_INTRO = re.compile(rf"\b(?:I['’]m|I\s+am|[Mm]y\s+name\s+is|[Tt]his\s+is)\s+(?P<name>{_NAME})")
# "Isabel, how did you ...?" and "How did you meet, Mario?"
_VOCATIVE_FIRST = re.compile(rf"(?P<name>{_NAME})\s*,\s+")
_VOCATIVE_LAST = re.compile(rf",\s+(?P<name>{_NAME})\s*\?[\"'”’)\]]*\s*$")
MAX_LABEL_WORDS = 4
_INITIALS = re.compile(r"[A-Z]{2,4}")  # "MJL: ...", the transcript convention for a speaker's initials


def _keys(name: str) -> set[str]:
    """The forms a person's name may be written in: full, first word, last word (lower case)."""
    words = [w for w in re.findall(r"[\w'’-]+", name) if w.lower() not in TITLES]
    if not words:
        return set()
    return {" ".join(words).lower(), words[0].lower(), words[-1].lower()}


class Interviewees:
    """The people interviewed in one article, with the answer-line rules of the module
    docstring. `default` answers when nothing in the text says otherwise."""

    def __init__(self, art, default: Resolution):
        self.art = art
        self.default = default
        self.people: list[Resolution] = []
        if default.kind == "person":
            self.people.append(default)
        self.addressed: Resolution | None = None  # the person the last question named
        self.interviewer: set[str] = set()  # labels (lower case) of the interviewer's lines

    def _find(self, name: str) -> Resolution | None:
        keys = _keys(name)
        for res in self.people:
            if keys & _keys(res.speaker):
                return res
        return None

    def _person(self, s: int, e: int) -> Resolution | None:
        """The person named at text[s:e], resolved in the article (full name as introduced),
        added to the interviewees; None when it is not a person's name."""
        name = self.art.text[s:e]
        if any(w in OUTLET_SELF_NAMES for w in name.split()) or name.split()[0].lower() in TITLES and len(name.split()) == 1:
            return None
        known = self._find(name)
        if known is not None:
            return known
        res = self.art.resolver.resolve([(s, e)])
        if res is None or res.kind != "person":
            return None
        ent = self.art.resolver.entities.lookup(res.speaker)
        if not (res.in_registry or (ent is not None and ent.kind == "person" and ent.strong)):
            return None  # a capitalised word by its shape alone ("Update: ...") is nobody
        known = self._find(res.speaker)
        if known is not None:
            return known
        person = Resolution(res.speaker, "", -1, -1, "person", res.side, res.gender, "interviewee",
                            resolved_from=s, in_registry=res.in_registry)
        self.people.append(person)
        return person

    def add(self, s: int, e: int) -> None:
        """Add the person named at text[s:e] (characters) to the interviewees."""
        self._person(s, e)

    def label(self, a: int, b: int) -> tuple[int, Resolution | None] | None:
        """A speaker label opening the line text[a:b]: (where the words after it start, the
        person; None for the interviewer, whose lines are no answers); None when the line has
        no label naming a person ("Background: ..." is a heading's colon)."""
        m = SPEAKER_LABEL.match(self.art.text, a, b)
        if m is None or len(m.group("name").split()) > MAX_LABEL_WORDS:
            return None
        name = m.group("name")
        if name.lower() in self.interviewer or any(w in OUTLET_SELF_NAMES for w in name.split()):
            return m.end(), None
        person = self._by_initials(name)
        if person is not None:
            return m.end(), person
        person = self._person(m.start("name"), m.end("name"))
        return None if person is None else (m.end(), person)

    def _by_initials(self, label: str) -> Resolution | None:
        """The interviewee whose initials the label is ("MJL" or "M.J.L." for Mario J. Lucero,
        "IR" for Isabel Ruiz; first and last initials also do: "ML"); None otherwise."""
        letters = label.replace(".", "")
        if not _INITIALS.fullmatch(letters):
            return None
        for res in self.people:
            words = [w for w in re.findall(r"[\w'’-]+", res.speaker) if w.lower() not in TITLES]
            if len(words) >= 2 and letters in ("".join(w[0] for w in words).upper(), (words[0][0] + words[-1][0]).upper()):
                return res
        return None

    def read_labels(self, lines) -> None:
        """Find the interviewer's label: one whose lines (start, end, kind) are mostly
        questions ("Wikinews: How did ...?")."""
        asks: dict[str, int] = {}
        for a, b, kind in lines:
            m = SPEAKER_LABEL.match(self.art.text, a, b)
            if m is not None and kind in ("question", "answer"):
                key = m.group("name").lower()
                asks[key] = asks.get(key, 0) + (1 if kind == "question" else -1)
        self.interviewer = {key for key, n in asks.items() if n > 0}

    def question(self, a: int, b: int) -> None:
        """Read a question line: remember whom it addresses by name (or nobody)."""
        text = self.art.text
        self.addressed = None
        m = SPEAKER_LABEL.match(text, a, b)
        if m is not None and len(m.group("name").split()) <= MAX_LABEL_WORDS:
            a = m.end()
        for m in (_VOCATIVE_FIRST.match(text, a, b), _VOCATIVE_LAST.search(text, a, b)):
            if m is not None:
                known = self._find(m.group("name"))
                if known is not None:
                    self.addressed = known
                    return

    def answer(self, a: int, b: int) -> Resolution:
        """The speaker of the answer line text[a:b] (rules 2 to 4 of the module docstring)."""
        text = self.art.text
        m = _SELF_INTRO.search(text, a, b)
        if m is not None:
            person = self._person(m.start("name"), m.end("name"))
            if person is not None:
                return person
        if self.addressed is not None:
            return self.addressed
        if len(self.people) == 2:
            named = [res for res in self.people if self._named_in(res, a, b)]
            if len(named) == 1:
                return self.people[1] if named[0] is self.people[0] else self.people[0]
        return self.default

    def _named_in(self, res: Resolution, a: int, b: int) -> bool:
        """Whether text[a:b] writes the person's first name or surname (capitalised as in the
        name: "Will" is a name there, "will" is not)."""
        words = [w for w in re.findall(r"[\w'’-]+", res.speaker) if w.lower() not in TITLES and len(w) > 2]
        return any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", self.art.text[a:b]) for w in words)

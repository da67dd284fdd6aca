"""What kind of speaker a statement has, told from the words that name it, without a registry.

Every statement's `speaker_kind` is one of SPEAKER_KINDS (docs/contracts.md):

- `person`, `organisation`, `state`: a named actor (the registry's kind when it knows the actor);
- `news_agency`: an outlet speaking as a source, named ("Reuters", "Deseret News", "Syria TV")
  or described ("state media", "the state-run news agency");
- `document`: a report, study, statement or website that speaks for itself because the text
  names no author ("the study", "opposition websites");
- `unnamed`: a source the text does not name, a person or a group ("a military source",
  "officials", "residents", "unidentified person"); `unnamed_source_type` tells what kind of
  source it is (military, official, residents ...);
- `unknown`: a name nothing tells the kind of (rare: a lone capitalised word is taken for a
  surname, "Comey said").

Named or unnamed (`is_named_speaker`, `speaker_type`): the one definition every table, figure
and finding uses (quotelens.compare.speaker_types and quotelens.compare.choices call it; the rule
is written out in docs/registry.md, "What counts as named"). A statement's speaker is

- **named** when the article names it: the speaker is written as a name (`written_as_name`: not
  starting with a lower-case letter, "Tony Blair", "Islamic State", "New Zealand", "Reuters",
  or with a name particle, "al-Jaafari") and was not typed `unnamed`; a pronoun ("It") or a day
  or month name ("Tuesday") is never a name;
- an **unnamed source** otherwise: `speaker_kind` "unnamed" ("source at Aleppo Police Command",
  "unidentified person") or a label that describes rather than names, written in lower case
  whatever its kind ("interviewee", "officials", "state media", "the study").

Every statement with a speaker is one or the other. News agencies go by the same rule: a named
outlet ("Reuters", "SANA", "Deseret News") is a named source (a reader can check what it
reported, and a state agency speaks for its government), a described one ("state media", "the
state-run news agency") an unnamed source; `speaker_kind` "news_agency" still tells outlets from
other actors where a table wants actors only. Documents likewise ("the study" is unnamed).

A name is typed by its words (`name_kind`): a state's name, an outlet's name or its last word
("News", "Times", "TV"), an organisation word ("Ministry", "University"), an acronym, a first
name or a known surname. A description (an unnamed speaker) by its head noun
(`description_kind`). The extractor's own kinds while it resolves speakers ("group",
"unresolved") are mapped onto these by `output_kind`.

Reads: speaker names and descriptions (strings). Writes: kinds (strings).
"""

from __future__ import annotations

import re

from quotelens.extract.gender import is_known_first_name, is_known_surname
from quotelens.extract.invisible import strip_invisible
from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.documents import DOCUMENT_WORDS
from quotelens.extract.lexicon.grammar_words import PREPOSITIONS
from quotelens.extract.lexicon.media_outlets import (
    OUTLET_DESCRIPTORS, OUTLET_FULL_NAMES, OUTLET_HEADS, OUTLET_NAME_WORDS, OUTLET_NAMES,
)
from quotelens.extract.lexicon.nationalities import NATIONALITY_STATE
from quotelens.extract.lexicon.organisations import INSTITUTION_WORDS, ORG_WORDS
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.pronouns import NON_SPEAKERS, PRONOUNS, UNRESOLVED_PRONOUN
from quotelens.extract.lexicon.source_types import OTHER_SOURCE, SOURCE_TYPES
from quotelens.extract.name_tokens import CALENDAR_WORD

#: `speaker_type` of a named speaker and of an unnamed source (module docstring).
NAMED_SPEAKER = "named"
UNNAMED_SOURCE = "unnamed source"
#: The values of the Statements table's `speaker_kind` (docs/contracts.md).
SPEAKER_KINDS = ("person", "organisation", "state", "news_agency", "document", "unnamed", "unknown")
_DETERMINER = re.compile(r"^(?:the|a|an|its|his|her|their|some|other|many|several)\s+", re.IGNORECASE)
_UNRESOLVED = frozenset(UNRESOLVED_PRONOUN.values())


def _words(name: str) -> list[str]:
    return strip_invisible(name).replace("’", "'").split()


def state_of(name: str) -> str | None:
    """The state a name stands for as a government: the state's own name ("Britain", "New
    Zealand"), FA-KES's possessive without an apostrophe ("Syrias"), or "<state or nationality>
    government" ("the New Zealand government", "the French government"); else None."""
    bare = _DETERMINER.sub("", strip_invisible(name).strip())
    if bare in STATE_NAMES:
        return bare
    if bare.endswith("s") and bare[:-1] in STATE_NAMES and " " not in bare:
        return bare[:-1]
    m = re.fullmatch(r"(.+?)\s+(?:government|Government)", bare)
    if m:
        front = re.sub(r"['’]s$", "", m.group(1))
        if front in STATE_NAMES:
            return front
        return NATIONALITY_STATE.get(front.lower())
    return None


def is_outlet_name(name: str) -> bool:
    """Whether a capitalised name is a news outlet's: a known agency or broadcaster ("Reuters",
    "KCNA", "Al Jazeera"), or a name ending in an outlet word ("Deseret News", "Straits Times",
    "Syria TV", "Syrian Arab News Agency")."""
    words = _words(name)
    if not words:
        return False
    low = " ".join(words).lower()
    if low in OUTLET_FULL_NAMES or (len(words) == 1 and low.rstrip(".") in OUTLET_NAMES):
        return True
    if len(words) >= 2 and (words[0].lower() in OUTLET_NAMES or words[0] == "Daily"):
        return True  # "Reuters TV", "BBC Arabic", "Daily Mail"
    last = words[-1].lower()
    if len(words) >= 2 and last in OUTLET_NAME_WORDS and (words[-1][:1].isupper() or words[0][:1].isupper()):
        return True  # "Deseret News", "Syria TV", a registry's "Syrian state television"
    return len(words) >= 3 and " ".join(words[-2:]).lower() in ("news agency", "press agency")


def name_kind(name: str) -> str:
    """The kind of a capitalised name not in the registry: "state", "news_agency",
    "organisation", "person" or "unknown" (module docstring)."""
    words = _words(name)
    if not words:
        return "unknown"
    if state_of(name) is not None:
        return "state"
    if is_outlet_name(name):
        return "news_agency"
    low = [w.lower().strip(".,") for w in words]
    if any(w in ORG_WORDS or w in INSTITUTION_WORDS for w in low):
        return "organisation"
    if len(words) >= 2 and words[-1] == "State":
        return "organisation"  # "Islamic State", "Ohio State"
    if len(words) >= 3 and any(w in STATE_NAMES for w in words + [" ".join(words[i:i + 2]) for i in range(len(words))]):
        return "organisation"  # "Food Standards Australia New Zealand": a state inside a longer name
    bare = words[0].replace(".", "")
    if len(words) == 1 and len(bare) >= 2 and bare.isupper():
        return "organisation"  # an acronym: "WHO", "NATO", "M5S"
    if len(words) >= 2:
        return "person"
    word = words[0]
    if CALENDAR_WORD.fullmatch(word):
        return "unknown"  # "Tuesday": no one's name
    if word.lower() in OUTLET_NAME_WORDS:
        return "news_agency"  # "the Gazette", "the Times"
    if is_known_surname(word) or is_known_first_name(word):
        return "person"
    if word.endswith("s") and word[:1].isupper():
        return "organisation"  # "Republicans", "Democrats": a party's members
    # a lone capitalised word speaking in news is most often a surname ("Comey said", "Hirono
    # said"); a company written alone ("Microsoft said") is the exception
    return "person" if word[:1].isupper() and word[1:].islower() else "unknown"


def head_word(description: str) -> str:
    """The head noun of a description: its last word before a preposition, lower case, without
    a possessive ("the head of the monitor" -> "head", "officials" -> "officials")."""
    words = _DETERMINER.sub("", description.strip()).lower().split()
    head = ""
    for i, w in enumerate(words):
        if w in PREPOSITIONS and i > 0:
            break
        head = re.sub(r"['’]s?$", "", w)
    return head


def description_kind(description: str) -> str:
    """The kind of an unnamed speaker's description: "news_agency" for an outlet ("state media",
    "Syrian state TV", "the state-run news agency"), "document" for a document that speaks for
    itself ("the study", "opposition websites"), else "unnamed"."""
    if description in _UNRESOLVED:
        return "unnamed"
    head = head_word(description)
    if head in OUTLET_HEADS:
        return "news_agency"
    if head in DOCUMENT_WORDS:
        return "document"
    return "unnamed"


def unnamed_source_type(description: str) -> str:
    """What kind of source an unnamed speaker is, from the words of its description: one of
    the kinds of quotelens.extract.lexicon.source_types ("security", "military", "diplomatic",
    "medical", "rescue", "media", "activists", "residents", "expert", "official"), the first
    whose words occur in it; "other" when none does ("a source", "unidentified person")."""
    words = set(re.findall(r"[a-z][a-z-]*", description.lower().replace("civil defen", "civil-defen")))
    for kind, vocabulary in SOURCE_TYPES:
        if words & vocabulary:
            return kind
    return OTHER_SOURCE


def outlet_short_name(name: str) -> str:
    """An outlet's name without the lower-case description written after it ("SANA news
    agency" -> "SANA", "Al Mayadeen TV channel" -> "Al Mayadeen"); other names unchanged."""
    words = name.split()
    for desc in sorted(OUTLET_DESCRIPTORS, key=len, reverse=True):
        n = len(desc.split())
        if len(words) > n and " ".join(words[-n:]).lower() == desc and words[-1].islower() \
                and words[-n - 1][:1].isupper():
            rest = " ".join(words[:-n])
            # "Syrian television" is the outlet's whole name, not "Syrian"
            return name if rest.lower() in NATIONALITY_STATE else rest
    return name


def output_kind(kind: str, speaker: str, in_registry: bool) -> str:
    """The Statements table's `speaker_kind` for a speaker the resolver gave `kind` (its working
    kinds: person, organisation, state, unnamed, group, unresolved, unknown): registry actors
    keep the registry's kind, except that an organisation that is a news outlet is
    "news_agency"; other names are typed by `name_kind` where the resolver could not tell (or
    took an outlet or a state for an organisation); descriptions by `description_kind`."""
    if kind in ("unnamed", "group", "unresolved"):
        return description_kind(speaker)
    if in_registry:
        return "news_agency" if kind == "organisation" and is_outlet_name(speaker) else kind
    if kind == "unknown":
        return name_kind(speaker)
    if kind in ("organisation", "person"):
        typed = name_kind(speaker)
        if typed in ("news_agency", "state") or (kind == "person" and typed == "organisation"):
            return typed
    return kind if kind in SPEAKER_KINDS else "unknown"


def written_as_name(label: str) -> bool:
    """Whether a speaker label is written as a name rather than a description: it does not
    start with a lower-case letter ("Tony Blair", "3M", a name in a script without capitals),
    or it starts with a name particle before a capitalised word ("al-Jaafari", "de Mistura");
    "officials", "state media" and "interviewee" are descriptions."""
    label = strip_invisible(label).strip()
    if not label or not label[:1].islower():
        return bool(label)
    first = re.split(r"[\s-]", label, maxsplit=1)
    return len(first) == 2 and first[0] in PARTICLES and first[1][:1].isupper()


def is_named_speaker(speaker, kind=None) -> bool:
    """Whether a statement's speaker is named (module docstring): written as a name
    (`written_as_name`), not typed "unnamed" (`kind`, the Statements table's `speaker_kind`;
    None or a missing value leaves the decision to the label), and not a pronoun or a day or
    month name. False for a missing speaker."""
    if not isinstance(speaker, str) or not written_as_name(speaker) or kind == "unnamed":
        return False
    label = strip_invisible(speaker).strip()
    low = label.lower()
    return low not in PRONOUNS and low not in NON_SPEAKERS and not CALENDAR_WORD.fullmatch(label)


def speaker_type(speaker, kind=None) -> str:
    """NAMED_SPEAKER or UNNAMED_SOURCE for a statement's speaker (`is_named_speaker`); "" when
    the statement has no speaker."""
    if not isinstance(speaker, str) or not speaker.strip():
        return ""
    return NAMED_SPEAKER if is_named_speaker(speaker, kind) else UNNAMED_SOURCE

"""Tokens and patterns of names as news writes them, for the article's name finder
(quotelens.extract.entities): cleaning a token, initials and abbreviations, name particles,
the lookup key of a name, appositions after a name, ages, acronyms in brackets, and dates that
look like names ("Thu Aug", "in May").

Reads: strings. Writes: strings, booleans, role-word sets.
"""

from __future__ import annotations

import re

from quotelens.extract.invisible import strip_invisible
from quotelens.extract.lexicon.gender_words import FEMALE_NOUNS, MALE_NOUNS
from quotelens.extract.lexicon.grammar_words import PREPOSITIONS
from quotelens.extract.lexicon.organisations import INSTITUTION_WORDS, ORG_WORDS
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.speaker_heads import ORG_ROLES, PERSON_ROLES, ROLE_WORDS
from quotelens.text import NEWS_ABBREVIATIONS

EDGE_PUNCT = "\"“”‘’«»()[]"
# An apposition after a name: ", the company's chief executive," / ", a Britain-based monitor" /
# FA-KES without commas: " head of the Syrian Observatory". Group 1: its words up to the
# next comma, full stop, semicolon, bracket or quote mark (at most 80 characters).
APPOSITION = re.compile(r",?\s+((?:the|a|an|his|her|its|their|[A-Z][\w.'’-]*['’]s?)\s+[^,.;:()\"“”\n]{1,80}"
                        r"|[a-z][\w-]*(?:\s+[^,.;:()\"“”\n]{1,70})?)")
AGE = re.compile(r",\s+\d{1,3},")  # "John Smith, 50, said": a person
# Day and month names and their abbreviations ("Thu", "Aug."): a dateline, never a name.
CALENDAR_WORD = re.compile(r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|"
                           r"Oct|Nov|Dec)\.?|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|"
                           r"April|May|June|July|August|September|October|November|December")
# A capitalised word used as a month ("in May", "since March", "May 7", "May, 2015").
MONTH_USE = re.compile(r"(?i:\b(?:in|on|since|until|till|by|from|during|through|last|next|this|early|late|mid|of|"
                       r"before|after)\s+)(?:January|February|March|April|May|June|July|August|September|October|"
                       r"November|December)\b|\b(?:January|February|March|April|May|June|July|August|September|"
                       r"October|November|December),?\s+\d")
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z.&-]{1,9})\)")  # "Local Coordination Committees (LCC)"
INITIAL = re.compile(r"(?:[A-Z]\.)+")  # "J.", "U.N."


def is_abbreviation(tok: str) -> bool:
    """An initial or an abbreviated title ("J.", "U.N.", "Dr.", "Gen."): its full stop ends no name."""
    return bool(INITIAL.fullmatch(tok)) or tok.lower().rstrip(".") in NEWS_ABBREVIATIONS


def clean_name_token(tok: str) -> str:
    """A token without quote marks, brackets, invisible characters and closing punctuation
    (a full stop only when it does not close an initial or an abbreviation)."""
    t = strip_invisible(tok.strip(EDGE_PUNCT).rstrip(",;:"))
    if t.endswith(".") and not is_abbreviation(t):
        t = t.rstrip(".")
    return t


def is_particle(tok: str) -> bool:
    """A name particle ("al", "de", "van"; "al-" opening a word)."""
    low = tok.lower()
    return low in PARTICLES or bool(re.match(r"^(?:al|el|bin|ibn|abu)-", low))


def apposition_roles(text: str, end: int) -> tuple[set[str], str | None]:
    """Role words and gender of an apposition right after a name ending at offset `end` of
    `text` (", the company's chief executive,", ", a Britain-based monitor")."""
    m = APPOSITION.match(text, end)
    if not m:
        return set(), None
    words = m.group(1).split()
    if not words:
        return set(), None
    first = words[0].lower()
    if not (first in ("the", "a", "an", "his", "her", "its", "their") or words[0][:1].isupper()
            or first in PERSON_ROLES or first in ORG_ROLES):
        return set(), None
    if words[0][:1].isupper() and not re.search(r"['’]s?$", words[0]):
        return set(), None
    roles, gender = set(), None
    for w in words[1:] if first in ("the", "a", "an", "his", "her", "its", "their") or words[0][:1].isupper() else words:
        lw = w.lower().strip(",")
        if lw in PREPOSITIONS or lw in ("who", "which", "that", "and", "said", "says", "told"):
            break
        if lw in ROLE_WORDS or lw in PERSON_ROLES or lw in ORG_ROLES or lw.endswith(("-based", "ing")) or lw == "monitor":
            roles.add(lw)
            if lw.endswith("-based"):
                continue
        if lw in MALE_NOUNS:
            gender = "m"
        elif lw in FEMALE_NOUNS:
            gender = "f"
    # the head of the apposition (its last word before a preposition) is the role a later
    # definite description uses ("the company's chief executive" ... "the chief executive")
    return {r for r in roles if not r.endswith("-based")}, gender


def is_org_word_before(words: list[str]) -> bool:
    """Whether lower-case `words` hold an organisation word ("Human Rights Watch Report" is the
    organisation's report, named with its author)."""
    return any(w in ORG_WORDS or w in INSTITUTION_WORDS for w in words)


def name_lookup_key(name: str) -> str:
    """Lookup key of a name: the last word (surname) of a person's name, lower case, without
    particles, dots or possessive; a one-word name is its own key."""
    words = strip_invisible(name).replace("’", "'").split()
    if not words:
        return ""
    last = re.sub(r"'s?$", "", words[-1]).lower()
    last = re.sub(r"^(?:al|el|ul)-", "", last)
    return last.replace(".", "")

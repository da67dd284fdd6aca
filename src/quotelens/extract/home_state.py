"""The state an article is about, for "the government" that no actor holds.

"The United Kingdom Home Office today is to begin ... the government recommending ...": a
reader takes "the government" to be the government of the country the article is about, the
state it names most often (by name or adjective: "Syrian", "British"). A state named only as one item of a list ("asylum seekers from
Afghanistan, Eritrea, Libya, Syria and Yemen") is an enumeration, not the article's subject,
and is not counted. The short forms of one state ("UK", "U.K.", "Britain", "United Kingdom")
count together, and the state is named by its fullest form in the article.

Reads: an article's text. Writes: a state's name, or None.
"""

from __future__ import annotations

import re

from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.nationalities import NATIONALITY_STATE

# Short forms news uses for one state; each group is counted as one state.
_SAME_STATE = (
    frozenset({"United Kingdom", "UK", "U.K.", "Britain", "Great Britain"}),
    frozenset({"United States", "United States of America", "US", "U.S.", "USA", "U.S.A.", "America"}),
    frozenset({"United Arab Emirates", "UAE", "U.A.E."}),
    frozenset({"Russia", "Russian Federation"}),
    frozenset({"Myanmar", "Burma"}),
    frozenset({"Netherlands", "Holland"}),
)
_GROUP_OF = {name: group for group in _SAME_STATE for name in group}
# A state's name, also as a possessive ("Syria's", FA-KES's "Syrias"), or its adjective of
# nationality ("Syrian forces", "the British Red Cross").
_STATE_RE = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(s) for s in sorted(STATE_NAMES, key=len, reverse=True))
                       + r")(?:['’]?s)?(?![\w-])")
_ADJECTIVE_RE = re.compile(r"(?<![\w.-])(" + "|".join(w.capitalize() for w in sorted(NATIONALITY_STATE, key=len, reverse=True))
                           + r")(?![\w-])")
# A state must be named at least this often (outside lists) to be what the article is about.
MIN_MENTIONS = 2

_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_LIST_BEFORE = re.compile(_NAME + r"(?:\s*,\s*|,?\s+(?:and|or)\s+)$")
_LIST_AFTER = re.compile(r"\s*(?:,|,?\s+(?:and|or)\s)\s*(?:the\s+)?[A-Z]")
_FIRST_OF_LIST = re.compile(r"\s*,\s*" + _NAME + r"\s*(?:,|,?\s+(?:and|or)\s)\s*[A-Z]")
_TWO_BEFORE = re.compile(_NAME + r"\s*,\s*" + _NAME + r"\s*,?\s+(?:and|or)\s+$")


def in_name_list(text: str, start: int, end: int) -> bool:
    """Whether the name at text[start:end] (character offsets) is one item of a list of three
    or more capitalised names joined by commas and "and"/"or" ("Afghanistan, Eritrea, Libya,
    Syria and Yemen": each of them; not "Russia and Syria", not "In Damascus, Syria said")."""
    before = text[max(0, start - 80):start]
    if _LIST_BEFORE.search(before) is None:
        return _FIRST_OF_LIST.match(text, end, end + 80) is not None
    if _LIST_AFTER.match(text, end, end + 40) is not None:
        return True
    return _TWO_BEFORE.search(before) is not None


def article_state(text: str) -> str | None:
    """The state the article names most often outside lists of names (its short forms, its
    possessive and its adjective of nationality counted together), by its longest name form in
    the text; None when no state is named MIN_MENTIONS times
    or two states tie."""
    counts: dict[frozenset, int] = {}
    forms: dict[frozenset, set[str]] = {}
    found = [(m.start(), m.end(), m.group(1)) for m in _STATE_RE.finditer(text)]
    found += [(m.start(), m.end(), NATIONALITY_STATE[m.group(1).lower()]) for m in _ADJECTIVE_RE.finditer(text)]
    for start, end, name in found:
        if in_name_list(text, start, end):
            continue
        group = _GROUP_OF.get(name, frozenset({name}))
        counts[group] = counts.get(group, 0) + 1
        if text[start:end].startswith(name):
            forms.setdefault(group, set()).add(name)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < MIN_MENTIONS or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return max(forms.get(ranked[0][0]) or ranked[0][0], key=lambda f: (len(f), f))

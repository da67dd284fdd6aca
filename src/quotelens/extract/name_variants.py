"""One person, two spellings, within one article: "Kathryn Waters said ... Water said",
"K.C. Maurer ... said Mauer", "Lydia Buchtmann ... Ms Bauchtman".

News copy misspells names, more often a surname written alone than a full name. A surname a
speaker goes by that the article never writes after a first name of its own, and that differs
by a letter or two (`max_edits`) from the surname of exactly one other person speaking in the
same article, is that person's misspelt surname: the speaker takes that person's name. Names
merge within the article only; across articles only the registry merges names
(quotelens.extract.naming).

Reads: one article's text and statement dicts. Writes: their speaker names, in place.
"""

from __future__ import annotations

import re

from quotelens.extract.lexicon.titles import TITLES

# Shortest surname compared at all; a surname this long or longer may differ by two edits.
MIN_LENGTH = 5
TWO_EDITS_FROM = 8
_PERSONS = ("person", "unknown")


def max_edits(word: str) -> int:
    """How many single-letter edits two spellings of a surname may differ by (0 for short
    names, which differ from other names by one letter too often: "Hamad", "Hamid")."""
    if len(word) < MIN_LENGTH:
        return 0
    return 2 if len(word) >= TWO_EDITS_FROM else 1


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b` (insertions, deletions, substitutions), or limit + 1
    as soon as it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _with_own_first_name(text: str, surname: str) -> bool:
    """Whether the article writes `surname` right after a capitalised word that is not a title
    ("Kathryn Waters", not "Ms Bauchtman")."""
    for m in re.finditer(r"([A-Z][\w.'’-]*)\s+" + re.escape(surname) + r"(?![\w-])", text):
        if m.group(1).rstrip(".").lower() not in TITLES:
            return True
    return False


def merge_spelling_variants(text: str, statements: list[dict]) -> None:
    """Give a person (or unknown) speaker written by a misspelt surname alone the name of the one other
    person of the article whose surname it nearly is (module docstring). `statements` (one
    article, speaker columns filled in; kinds before typing) are updated in place."""
    # a surname alone is often of kind "unknown" ("said Mauer"): a person or unknown speaker
    kind_of = {st["speaker"]: st["speaker_kind"] for st in statements
               if st["speaker_kind"] in _PERSONS and not st["in_registry"]}
    people = set(kind_of)
    surnames: dict[str, set[str]] = {}
    for name in people:
        surnames.setdefault(name.split()[-1], set()).add(name)
    renamed: dict[str, str] = {}
    for name in people:
        if " " in name or not name[:1].isupper() or max_edits(name) == 0 or _with_own_first_name(text, name):
            continue
        limit = max_edits(name)
        near = [s for s in surnames if s != name and s[:1] == name[:1]
                and edit_distance(s.lower(), name.lower(), limit) <= limit]
        if len(near) != 1:
            continue
        owners = surnames[near[0]]
        renamed[name] = max(owners, key=lambda n: (len(n.split()), len(n), n))
    for st in statements:
        if st["speaker"] in renamed and st["speaker_kind"] in _PERSONS and not st["in_registry"]:
            name = renamed[st["speaker"]]
            st.update(speaker=name, speaker_kind=kind_of[name], rule=st["rule"] + ":spelling_variant")

"""A person's grammatical gender ("m", "f" or None) from a title or a first name.

First names are looked up in the US Census 1990 first-name frequency lists shipped by the
`names` package (version 0.3.0, MIT licence; the lists themselves are public domain: see
docs/methods.md). A name decides the gender only when the lists are strongly one-sided: the
name is common enough (at least MIN_SHARE percent of one sex's population) and at least
MIN_RATIO of its frequency is in one list. Names missing from the lists (most non-US names),
rare ones, balanced ones ("Jordan", "Leslie") and names used for either sex across countries
(lexicon.gender_words.INTERNATIONAL_NAMES: "Andrea", "Nicola") give None: the caller then
keeps the person's gender open rather than guessing.

Reads: the `names` package's data files (once). Writes: nothing.
"""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

from quotelens.extract.lexicon.gender_words import FEMALE_TITLES, INTERNATIONAL_NAMES, MALE_TITLES

# A first name decides only when this share (0-1) of its frequency is in one sex's list ...
MIN_RATIO = 0.95
# ... and it is at least this common in that list (percent of the 1990 US population of that
# sex; 0.005 is about one person in 20,000: "Gwyn" (0.002) is too rare to decide).
MIN_SHARE = 0.005


@lru_cache(maxsize=None)
def _frequencies(filename: str) -> dict[str, float]:
    """Name (lower case) -> frequency in percent, from one of the `names` package's lists."""
    try:
        data = importlib.resources.files("names").joinpath(filename).read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return {}  # without the package every name is of unknown gender
    out: dict[str, float] = {}
    for line in data.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def first_name_gender(name: str) -> str | None:
    """"m" or "f" for a first name the US lists give strongly to one sex, else None. `name` is
    one word; case, a trailing full stop and a possessive are ignored."""
    key = name.strip().rstrip(".").lower()
    if key.endswith(("'s", "’s")):
        key = key[:-2]
    if not key or key in INTERNATIONAL_NAMES:
        return None
    female = _frequencies("dist.female.first").get(key, 0.0)
    male = _frequencies("dist.male.first").get(key, 0.0)
    total = female + male
    if total == 0:
        return None
    if male >= MIN_SHARE and male / total >= MIN_RATIO:
        return "m"
    if female >= MIN_SHARE and female / total >= MIN_RATIO:
        return "f"
    return None


def is_known_first_name(name: str) -> bool:
    """Whether `name` is in either US first-name list (any frequency): evidence that a
    capitalised word opening a name is a person's first name."""
    key = name.strip().rstrip(".").lower()
    return key in _frequencies("dist.male.first") or key in _frequencies("dist.female.first")


def is_known_surname(name: str) -> bool:
    """Whether `name` is in the US Census 1990 surname list ("Ewing", "King"; not "Looking")."""
    return name.strip().lower() in _frequencies("dist.all.last")


def title_gender(title: str) -> str | None:
    """"m" for Mr, Sir, Lord ...; "f" for Mrs, Ms, Miss, Lady, Dame ...; else None."""
    low = title.strip().lower()
    if low in MALE_TITLES:
        return "m"
    if low in FEMALE_TITLES:
        return "f"
    return None


def name_gender(words: list[str], title: str = "") -> str | None:
    """The gender of a person written as `words` (a name, maybe with titles in front), with
    `title` the word before it in the text: a gendered title wins, then the first word that is
    not a title, if it is a first name the lists decide."""
    for w in [title, *words]:
        g = title_gender(w) if w else None
        if g:
            return g
    first = next((w for w in words if title_gender(w) is None and w[:1].isupper()), "")
    if len(words) >= 2 and first and first is not words[-1]:
        return first_name_gender(first)
    return None

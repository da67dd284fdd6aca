"""Speech verbs (the cue words of statements) in all their inflections, as one compiled regex.

Two families decide where the statement's words are:
- CLAUSE verbs report a clause ("said (that) CLAUSE", "warned that ..."): the quote is the clause.
- OBJECT verbs take a noun phrase ("ruled out the possibility ...", "urged the parties to ...",
  "described the round as useful"): the quote is the complement after the verb, never the verb
  (the cue), or a "that"-clause when one follows ("denied that ..."); see
  quotelens.extract.verb_sense.object_content.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotelens.extract.lexicon.speech_verbs import CLAUSE_VERBS, IRREGULAR, OBJECT_VERBS

# The verb lists live in quotelens.extract.lexicon.speech_verbs; this module inflects them.


def _split(block: list[str]) -> list[str]:
    words: list[str] = []
    for line in block:
        line = line.strip()
        if not line:
            continue
        # Phrasal verbs are written with their particle: "rule out", "point out", "call on".
        if line in IRREGULAR:
            words.append(line)
            continue
        toks = line.split()
        i = 0
        while i < len(toks):
            if i + 1 < len(toks) and toks[i + 1] in ("out", "on", "for"):
                words.append(f"{toks[i]} {toks[i + 1]}")
                i += 2
            else:
                words.append(toks[i])
                i += 1
    return words


def inflections(lemma: str) -> list[str]:
    """All forms of a (possibly phrasal) verb lemma: base, -s, -ed, -ing, irregulars."""
    if lemma in IRREGULAR:
        return [lemma, *IRREGULAR[lemma]]
    head, _, particle = lemma.partition(" ")
    tail = f" {particle}" if particle else ""
    forms = set()
    for spelling in _spellings(head):
        forms |= _regular_forms(spelling)
    return sorted(f + tail for f in forms)


def _spellings(head: str) -> list[str]:
    """A lemma in British and American spelling ("criticise", "criticize")."""
    if re.search(r"[^aeiou][iy][sz]e$", head) and len(head) > 5:
        return [head[:-2] + "se", head[:-2] + "ze"]
    return [head]


def _regular_forms(head: str) -> set[str]:
    """Base, -s, -ed and -ing forms of a regular verb. The final consonant after a single
    vowel is doubled when the stress falls on the last syllable ("admitted", "quipped",
    "committed") and not otherwise ("visited"); British English doubles a final l
    ("signalled") where American does not ("signaled"). The stress is not in the spelling,
    so both forms are listed: the matcher only reads text, and the form that is not English
    never occurs in it."""
    forms = {head}
    if head.endswith("y") and head[-2:-1] not in ("a", "e", "i", "o", "u"):
        forms |= {head[:-1] + "ies", head[:-1] + "ied", head + "ing"}
    elif head.endswith("e"):
        forms |= {head + "s", head + "d", head[:-1] + "ing"}
    elif head.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {head + "es", head + "ed", head + "ing"}
    else:
        forms |= {head + "s", head + "ed", head + "ing"}
        if re.search(r"(?:^|[^aeiou])[aeiou][bdgklmnprt]$", head.replace("qu", "q")):  # "qu" is a consonant
            forms |= {head + head[-1] + "ed", head + head[-1] + "ing"}
        elif head.endswith("c"):
            forms |= {head + "ked", head + "king", head + "ks"}  # "panicked"
    return forms


@lru_cache(maxsize=1)
def verb_table() -> dict[str, tuple[str, str]]:
    """Surface form (lower case) -> (lemma, family) where family is "clause" or "object"."""
    table: dict[str, tuple[str, str]] = {}
    for family, block in (("object", OBJECT_VERBS), ("clause", CLAUSE_VERBS)):
        for lemma in _split(block):
            for form in inflections(lemma):
                table[form] = (lemma, family)
    return table


@lru_cache(maxsize=1)
def verb_pattern() -> re.Pattern:
    """Regex matching any speech-verb form as whole lower-case words (group "verb"), longest
    first. Case-sensitive on purpose: "Islamic State said" must not match "State"."""
    forms = sorted(verb_table(), key=lambda f: (-len(f), f))
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    return re.compile(rf"(?<![\w\-])(?P<verb>{body})(?![\w\-])")


def lookup(form: str) -> tuple[str, str]:
    """(lemma, family) of a matched surface form."""
    return verb_table()[re.sub(r"\s+", " ", form.lower())]

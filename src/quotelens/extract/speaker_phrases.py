"""Speaker phrases: finding the noun phrase of a speaker around a speech cue.

A speaker phrase is found by walking whitespace tokens away from the cue (backwards for "X
said", forwards for "said X" and "according to X") while they look like part of a name or a
role ("The U.N. envoy", "Russian Foreign Minister Sergei Lavrov", "a spokesman for the
ministry"). Who the phrase refers to is decided later (quotelens.extract.resolution).

Reads: an article's text and character offsets. Writes: spans (start, end) in characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotelens.extract.invisible import INVISIBLE_CLASS
from quotelens.extract.lexicon.grammar_words import (
    AUX, DETERMINERS, FUNCTION_WORDS, NEGATORS, OBJECT_PREPOSITIONS, PREPOSITIONS,
)
from quotelens.extract.lexicon.groups import GROUP_WORDS
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.places import PLACE_ADJECTIVE
from quotelens.extract.lexicon.pronouns import NON_SPEAKERS, PRONOUNS
from quotelens.extract.lexicon.sentence_openers import SENTENCE_ADVERBS
from quotelens.extract.lexicon.speaker_heads import NOT_HEADS, ROLE_WORDS
from quotelens.text import NEWS_ABBREVIATIONS

# A token never starts or ends with an invisible character (an RLM or FSI before a name, a
# PDI after it: quotelens.extract.invisible), so "\u200fJohn Smith" is still a name.
TOKEN = re.compile(rf"[^\s{INVISIBLE_CLASS}](?:\S*[^\s{INVISIBLE_CLASS}])?")
# A capitalised name in quote marks inside a phrase: the opposition "Cham" TV network.
QUOTED_NAME = re.compile(r"[\"“][A-Z][\w-]*[\"”]")
# Compiled once: these run for every token of every speaker phrase.
_ABBREV = re.compile(r"(?:[A-Z]\.)+[A-Z]?\.?")
_BRACKETED_ACRONYM = re.compile(r"\([A-Z][A-Za-z.\-]{1,10}\)")
_NAME_PARTICLE = re.compile(r"(?:al|el|ul|bin|ibn|abu)-")
_POSSESSIVE_END = re.compile(r"(?:['’]s|['’])$")
_MAYBE_POSSESSIVE = re.compile(r"['’]s?$")


def _is_abbrev(tok: str) -> bool:
    return bool(_ABBREV.fullmatch(tok)) or tok.lower().rstrip(".") in NEWS_ABBREVIATIONS


def _np_token_ok(tok: str) -> bool:
    """Whether `tok` (trailing possessive removed by the caller) may be part of a speaker phrase."""
    if not tok:
        return False
    if _BRACKETED_ACRONYM.fullmatch(tok):
        return True  # an acronym in brackets: "the Syrian National Coalition (SNC)"
    if tok[0] in "\"“" and QUOTED_NAME.fullmatch(tok):
        return True  # a name in quote marks inside a phrase: the opposition "Cham" TV network
    if any(c in tok for c in "\"“”«»‘()[]"):
        return False
    low = tok.lower()
    if low in NON_SPEAKERS:
        return False
    if tok[0].isupper() or tok[0].isdigit() and "-" in tok:
        return True
    if low in ROLE_WORDS or low in GROUP_WORDS or low in FUNCTION_WORDS or low in PARTICLES or low in PRONOUNS:
        return True
    if _NAME_PARTICLE.match(low):
        return True
    return False


def clean_token(tok: str) -> str:
    """`tok` without a trailing possessive ("Assad's" -> "Assad")."""
    return _POSSESSIVE_END.sub("", tok)


def _content(toks: list[tuple[int, int, str]]) -> bool:
    for _, _, t in toks:
        low = t.lower()
        if t[0].isupper() and t not in SENTENCE_ADVERBS and low not in DETERMINERS:
            return True
        if low in ROLE_WORDS or low in GROUP_WORDS:
            return True
    return False


def _trim_np(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop leading sentence adverbs and dangling function words; trailing function words."""
    while toks and (toks[0][2] in SENTENCE_ADVERBS or toks[0][2].lower() in FUNCTION_WORDS - DETERMINERS):
        toks = toks[1:]
    while toks and toks[-1][2].lower() in FUNCTION_WORDS:
        toks = toks[:-1]
    return toks


def tokens(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Whitespace tokens of text[lo:hi] as (start, end, token)."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text, lo, hi)]


# A speaker phrase, with the auxiliaries and apposition around it, fits in this many
# characters; the searches around a cue look no further, so their cost does not grow with the
# length of the sentence (a 1 MB line of "he said he said ..." stays linear).
SPEAKER_WINDOW_CHARS = 400
_SPACE = re.compile(r"\s")


def _window_start(text: str, lo: int, cue: int) -> int:
    """max(lo, cue - SPEAKER_WINDOW_CHARS), moved forward past a token it would cut."""
    start = cue - SPEAKER_WINDOW_CHARS
    if start <= lo:
        return lo
    if text[start - 1].isspace():
        return start
    m = _SPACE.search(text, start, cue)
    return m.end() if m else cue


def _window_end(text: str, pos: int, hi: int) -> int:
    """min(hi, pos + SPEAKER_WINDOW_CHARS), moved back before a token it would cut."""
    end = pos + SPEAKER_WINDOW_CHARS
    if end >= hi:
        return hi
    while end > pos and not text[end - 1].isspace() and not text[end].isspace():
        end -= 1
    return end


@dataclass
class SubjectMatch:
    """The speaker phrase(s) before a cue, and whether the verb is negated or passive."""

    spans: list[tuple[int, int]]  # speaker phrase(s), nearest to the cue first
    negated: bool
    passive: bool
    # the phrase follows a preposition or a lexical verb with no comma between: in text
    # without commas it may be that word's object ("... killed 1102 people said the Observatory")
    maybe_object: bool = False


def subject_before(text: str, lo: int, cue: int, allow_objects: bool = False) -> SubjectMatch | None:
    """The speaker phrase ending just before the cue at `cue`, searching no further left than
    `lo`; with an apposition ("A, B, said") both A and B are returned. None when the words
    before the cue are not a speaker phrase, or (unless `allow_objects`) when they are the
    object of a preposition."""
    toks = tokens(text, _window_start(text, lo, cue), cue)
    i = len(toks) - 1
    negated = passive = False
    parenthetical = False
    while i >= 0:
        w = toks[i][2].lower()
        bare = w.strip(",")
        if bare in NEGATORS or w.endswith("n't"):
            negated = True
        elif bare in ("was", "were", "been", "being", "is", "are") and i == len(toks) - 1:
            passive = True
        elif bare == "to":
            return None  # an infinitive ("declined to say", "went on to clarify")
        elif bare not in AUX:
            break
        if w.endswith(",") or w.startswith(","):
            parenthetical = True
        i -= 1
    if i < 0:
        return None
    spans: list[tuple[int, int]] = []
    first = True
    while i >= 0 and len(spans) < 2:
        s0, e0, tok = toks[i]
        if tok.endswith(","):
            # "A, B, said" (apposition) or "The envoy, however, said" (parenthetical)
            tok = tok[:-1]
            e0 -= 1
        if tok.endswith((".", ";", ":")) and not _is_abbrev(tok):
            return SubjectMatch(spans, negated, passive) if spans else None
        j = i
        np_toks: list[tuple[int, int, str]] = []
        cur = (s0, e0, tok)
        while j >= 0:
            s, e, t = cur
            if j != i and (t.endswith((",", ";", ":")) or (t.endswith(".") and not _is_abbrev(t))):
                break
            if not _np_token_ok(clean_token(t)):
                # Any common noun may head the phrase when a determiner or a name precedes it
                # ("the reporter said", "Syrian state television said").
                break
            low = t.lower()
            if low in PRONOUNS and j != i:
                break
            np_toks.insert(0, (s, e, t))
            if low in PRONOUNS:
                j -= 1
                break
            if low in DETERMINERS and j > 0 and toks[j - 1][2].lower() not in PREPOSITIONS \
                    and toks[j - 1][2].lower() not in ("and", "&"):
                # "in the area of Mayadeen the ministry said": the phrase starts at "the"
                j -= 1
                break
            j -= 1
            if j >= 0:
                cur = toks[j]
        # a time adjunct in front ("on Thursday activists reported") is not part of the phrase
        while len(np_toks) >= 2 and np_toks[0][2].lower() in OBJECT_PREPOSITIONS and np_toks[1][2] in SENTENCE_ADVERBS:
            np_toks = np_toks[2:]
        # "the manager of Al-Quds hospital in Aleppo told": a name right after a preposition is
        # the object of that preposition, not a subject ("The center based in Hmeimim added":
        # the phrase before "based in" is)
        if allow_objects is False and np_toks and j >= 1 and PLACE_ADJECTIVE.fullmatch(toks[j][2]) \
                and toks[j - 1][2].lower() in OBJECT_PREPOSITIONS:
            return SubjectMatch(spans, negated, passive) if spans else None  # "Residents in eastern Aleppo"
        if np_toks and np_toks[0][2].lower() in OBJECT_PREPOSITIONS and len(np_toks) > 2 \
                and np_toks[1][2].islower() and np_toks[1][2] not in DETERMINERS:
            # "... should remain in office Turkish Foreign Minister X said" (commas stripped):
            # a lower-case prepositional phrase ends the previous clause; the name follows it
            k = 1
            while k < len(np_toks) and np_toks[k][2].islower():
                k += 1
            np_toks = np_toks[k:]
        if allow_objects is False and np_toks and np_toks[0][2].lower() in OBJECT_PREPOSITIONS:
            k = j
            if k >= 0 and toks[k][2].lower() in ("based", "located", "stationed", "headquartered"):
                sub = subject_before(text, lo, toks[k][0], allow_objects=True)
                if sub is not None:
                    sub.negated = sub.negated or negated
                return sub
            return SubjectMatch(spans, negated, passive) if spans else None
        np_toks = _trim_np(np_toks)
        if not np_toks or not (_content(np_toks) or np_toks[-1][2].lower() in PRONOUNS):
            break
        if first and _MAYBE_POSSESSIVE.search(np_toks[-1][2]) and np_toks[-1][2][-1] in "s'’":
            if np_toks[-1][2].endswith(("'s", "’s")):
                return None  # "Russia's claims": a possessive, not a subject
        spans.append((np_toks[0][0], np_toks[-1][1]))
        # Apposition: only when this phrase was itself set off by a comma.
        if j >= 0 and toks[j][2].endswith(",") and toks[i][2].endswith(",") and first and not parenthetical:
            i = j
            first = False
            continue
        break
    if not spans:
        return None
    return SubjectMatch(spans, negated, passive)


def phrase_after(text: str, pos: int, hi: int, apposition: bool = False,
                 lower_head: bool = False) -> tuple[int, int] | None:
    """The speaker phrase starting at `pos` ("said de Mistura", "according to the Observatory"),
    stopping at punctuation or a word that cannot be part of a name or role; with
    `apposition`, also before a determiner that follows a name; with `lower_head`, also before
    a capitalised word that follows a lower-case head ("according to the bulletin Jabhat
    al-Nusra terrorists ...", commas stripped)."""
    toks = tokens(text, pos, _window_end(text, pos, hi))
    out: list[tuple[int, int, str]] = []
    for k, (s, e, t) in enumerate(toks):
        stop = False
        if t[-1] in ",;:!?" or (t.endswith(".") and not _is_abbrev(t)):
            t = t[:-1]
            e -= 1
            stop = True
        if not t:
            break
        if not _np_token_ok(clean_token(t)):
            # a lower-case premodifier of a name ("said financier Toby Neugebauer",
            # "Obama campaign spokeswoman Jen Psaki")
            # ("tweeted to Mohamed" is a verb and its object, no premodifier)
            ahead = [x[2] for x in toks[k + 1:k + 3]]
            verb_object = t.endswith("ed") and bool(ahead) and ahead[0].lower() in PREPOSITIONS
            if stop or not t.isalpha() or not any(w[:1].isupper() for w in ahead) or t in NOT_HEADS or verb_object:
                break
        if lower_head and out and t[:1].isupper() and out[-1][2].islower() and out[-1][2].isalpha() \
                and out[-1][2] not in FUNCTION_WORDS and out[-1][2] not in DETERMINERS:
            break
        if lower_head and out and t.lower() in ("the", "a", "an") and out[-1][2].isalpha() \
                and out[-1][2].lower() not in FUNCTION_WORDS and out[-1][2].lower() not in PREPOSITIONS \
                and out[-1][2].lower() not in DETERMINERS:
            break  # "according to the observatory the jihadists were ..." (commas stripped): a new phrase
        if apposition and out and t.lower() in ("the", "a", "an") and any(x[2][:1].isupper() for x in out):
            break  # "said Abu Abdel-Moneim the father of ...": the name ends before "the"
        if t.lower() in PRONOUNS:
            if not out:
                out.append((s, e, t))
            break
        out.append((s, e, t))
        if stop:
            break
    out = _trim_np(out)
    if not out or not (_content(out) or out[0][2].lower() in PRONOUNS):
        return None
    return out[0][0], out[-1][1]

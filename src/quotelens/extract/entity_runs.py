"""The names in a run of capitalised words, as a reader classifies them: a person ("Foreign
Minister Sergei Lavrov" is Sergei Lavrov, titled), an organisation ("Syrian Observatory for
Human Rights", "Idlib News network"), a state, a document ("the Australian National Iodine
Nutrition Study"), a single word to be matched against full names later ("Tory", "Mrs May"),
or nothing (a place, a dateline, capitalised common words).

Used by the article's entity scan (quotelens.extract.entities), whose state (`ents`: the text,
the places, the names known so far) the functions here read.

Reads: whitespace tokens (start, end, token) of a sentence. Writes: classification tuples,
offsets in characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from quotelens.extract.gender import first_name_gender, is_known_first_name, is_known_surname, title_gender
from quotelens.extract.invisible import strip_invisible
from quotelens.extract.lexicon.common_words import COMMON_WORDS
from quotelens.extract.lexicon.countries import STATE_NAMES
from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.documents import DOCUMENT_NAME_WORDS
from quotelens.extract.lexicon.grammar_words import DETERMINERS
from quotelens.extract.lexicon.groups import GROUP_WORDS
from quotelens.extract.lexicon.organisations import INSTITUTION_WORDS, ORG_WORDS
from quotelens.extract.lexicon.places import MODIFIER_SUFFIX, PLACE_ADJECTIVE, PLACE_WORDS
from quotelens.extract.lexicon.pronouns import NON_SPEAKERS
from quotelens.extract.lexicon.sentence_openers import CLAUSE_OPENERS, SENTENCE_ADVERBS
from quotelens.extract.lexicon.speaker_heads import ORG_ROLES, PERSON_ROLES
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.name_tokens import (
    ACRONYM_AFTER, AGE, CALENDAR_WORD, EDGE_PUNCT, INITIAL, MONTH_USE, apposition_roles, clean_name_token,
    is_abbreviation, is_org_word_before, is_particle, name_lookup_key,
)
from quotelens.extract.speaker_types import is_outlet_name

# a particle joined to a capitalised word ("al-Arabi")
# An organisation noun after a name, with at most one lower-case modifier ("jihadist alliance"),
# and the word after it (a person's role there makes the phrase a person: "rebel group commander").
_GROUP_HEAD_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+)?([a-z]+)\b(?:\s+([\w-]+))?")
# Organisation words that also modify a person or place after a name ("Assad government forces"
# names forces, "Damascus police" a place's police): only group nouns count here.
_NOT_GROUP_HEADS = frozenset(("government", "regime", "forces", "force", "army", "police", "media", "news",
                              "press", "house", "states", "nations", "international", "daily", "post",
                              "authorities", "authority", "service", "services", "office", "hospital",
                              "bank", "court", "embassy", "republic", "revolution", "command", "center",
                              "centre", "administration", "channel", "radio", "television"))
GLUED_PARTICLE = re.compile(r"(?:al|el|bin|ibn|abu)-[A-Z]")
_POSSESSIVE_TAIL = re.compile(r"['’]s?[,;:.)\"”]*$")  # "Brown's", "Assad's," end a name
_POSSESSIVE_END = re.compile(r"['’]s?$")
_ARTICLE_ALIF = re.compile(r"(?i)(?:al|el)-\w")
_ROLE_SUFFIX = re.compile(r"['’]s$")
_LOWER_AFTER = re.compile(r"\s+([a-z]+)\b")

# Tokens repeat across an article and a corpus: cleaning one is a pure function of its text,
# so it is computed once per token type (bounded, like the tagger's word-type cache).
_clean = lru_cache(maxsize=65536)(clean_name_token)
_is_particle = lru_cache(maxsize=65536)(is_particle)
_is_outlet_name = lru_cache(maxsize=65536)(is_outlet_name)
# name_tokens.name_lookup_key, once per name (entities looks names up by it too)
lookup_key = lru_cache(maxsize=65536)(name_lookup_key)


def run_from(toks, i):
    """The run of capitalised tokens (and name particles) starting at or after token i, as
    (first, last + 1) token indices, and the index to continue from."""
    n = len(toks)
    while i < n and not capitalised(toks[i][2]):
        i += 1
    if i >= n:
        return None, n
    j = i
    while j < n:
        t = toks[j][2]
        if j > i and t.startswith(("(", "[")):
            break  # "World Health Organisation (WHO)": the acronym is not part of the name
        if not capitalised(t):
            connector = t in ("of", "for", "and") and j + 1 < n and capitalised(toks[j + 1][2]) \
                and any(_clean(x[2]).lower() in ORG_WORDS or _clean(x[2]).lower() in INSTITUTION_WORDS
                        for x in toks[i:j])  # "Observatory for Human Rights", "Ministry of Foreign Affairs"
            # a particle joined to a capitalised word is a name word itself ("Nabil al-Arabi")
            glued = j > i and bool(GLUED_PARTICLE.match(_clean(t)))
            if not (connector or glued or (_is_particle(_clean(t)) and j + 1 < n and capitalised(toks[j + 1][2]))):
                break
        j += 1
        possessive, closing, opening_quote, full_stop = _token_end(t)
        if possessive:
            break  # a possessive ends the name ("Brown's Britain")
        quoted_name = opening_quote and j < n and capitalised(toks[j][2])  # the "Cham" TV network
        if closing and not quoted_name:
            break
        if full_stop:
            break  # a full stop, not an initial or an abbreviated title
    return (i, j), max(j, i + 1)


@lru_cache(maxsize=65536)
def _token_end(tok: str) -> tuple[bool, bool, bool, bool]:
    """How a token of a run ends (invisible characters aside): a possessive ("Brown's"), a
    closing comma, colon, bracket or quote, an opening quote mark, a full stop that is not an
    initial's or an abbreviation's."""
    raw = strip_invisible(tok)
    return (bool(_POSSESSIVE_TAIL.search(raw)) and len(raw) > 2,
            raw.endswith((",", ";", ":", ")", "”", "\"")),
            raw[:1] in "\"“",
            raw.endswith(".") and not is_abbreviation(raw))

def capitalised(tok: str) -> bool:
    """Whether a token opens with a capital letter (edge punctuation and invisible characters
    aside)."""
    first = tok[:1]
    if first.islower():
        return False  # most tokens: neither edge punctuation nor invisible, so the answer
    if first.isupper():
        return True
    t = strip_invisible(tok.lstrip(EDGE_PUNCT))
    return bool(t) and t[0].isupper()

def names_in_run(ents, si, toks, i0, i1) -> list[tuple]:
    """The names of a run: an organisation's name directly followed by a person's is two
    names ("Secretary-General of the Syrian Coalition Abdul Ilah al-Fahd" without commas)."""
    if i1 - i0 == 1:
        found = name_in_run(ents, si, toks, i0, i1)  # one word: nothing to cut
        return [found] if found else []
    words = [_clean(t).lower() for _, _, t in toks[i0:i1]]
    org_at = [k for k, w in enumerate(words) if w in ORG_WORDS or w in INSTITUTION_WORDS]
    if org_at and org_at[-1] < len(words) - 2 and words[org_at[-1] + 1] not in ("of", "for", "and"):
        cut = i0 + org_at[-1] + 1
        return [f for f in (name_in_run(ents, si, toks, i0, cut), name_in_run(ents, si, toks, cut, i1)) if f]
    found = name_in_run(ents, si, toks, i0, i1)
    return [found] if found else []

# What a run of one word is, from the word alone (see name_in_run): _ANY (read the run in
# full), _NONE (no name: a title or role word, a place word or adjective, a group word) or
# _FUNCTION (a function or common word: no name unless titled or already known as a name).
_ANY, _NONE, _FUNCTION = 0, 1, 2


@lru_cache(maxsize=65536)
def _lone_word_class(word: str) -> int:
    """_ANY, _NONE or _FUNCTION for a run of the one cleaned word `word` (no possessive);
    exactly the outcomes name_in_run's full reading gives such a run (states, organisations
    and outlets always go the full way)."""
    if not word:
        return _ANY
    low = word.lower()
    if word in STATE_NAMES or low in ORG_WORDS or low in INSTITUTION_WORDS or _is_outlet_name(word):
        return _ANY
    if low in TITLES or low in PERSON_ROLES or low in PLACE_WORDS or low in GROUP_WORDS \
            or PLACE_ADJECTIVE.fullmatch(low) or MODIFIER_SUFFIX.search(low):
        return _NONE
    if word.isupper():
        return _ANY
    if low in COMMON_WORDS or word in SENTENCE_ADVERBS or low in CLAUSE_OPENERS or low in DETERMINERS \
            or low in NON_SPEAKERS:
        return _FUNCTION
    return _ANY


@lru_cache(maxsize=65536)
def _lone_word(tok: str) -> str:
    """The word a one-token run reads as: cleaned, without a possessive."""
    return _POSSESSIVE_END.sub("", _clean(tok))


def _lone_word_is_nothing(ents, toks, i0) -> bool:
    """Whether the one-token run toks[i0] certainly names nothing, decided cheaply (about half
    the runs of news text: "The", "In", a registry mention, a place); False: read it in full.
    The same outcome as name_in_run's full reading, which stays the definition."""
    if ents.covered_at(toks[i0][0]):
        return True  # a registry mention (the full reading checks its start too)
    kind = _lone_word_class(_lone_word(toks[i0][2]))
    if kind == _NONE:
        return True
    if kind != _FUNCTION:
        return False
    if i0 > 0:
        prev = toks[i0 - 1][2]
        before = prev.lower().strip(",")
        if before in TITLES and before not in DEMONYMS and not INITIAL.fullmatch(prev):
            return False  # titled: "Mrs May"
    return not ents.knows_key(lookup_key(_lone_word(toks[i0][2])))


def name_in_run(ents, si, toks, i0, i1):
    """Classify the run toks[i0:i1]: ("person"|"organisation"|"state", start, end, name, si,
    titles, roles, gender), ("single", start, end, word, si, titles, roles, gender) or None."""
    if i1 - i0 == 1 and _lone_word_is_nothing(ents, toks, i0):
        return None
    text = ents.text
    words = [(s, e, _clean(t)) for s, e, t in toks[i0:i1]]
    words = [(s, s + len(w) if text.startswith(w, s) else e, w) for s, e, w in words if w]
    # possessive and invisible characters off the last word
    if words:
        s, e, w = words[-1]
        bare = _POSSESSIVE_END.sub("", w)
        words[-1] = (s, s + len(bare) if text.startswith(bare, s) else e, bare)
    titles: list[str] = []
    # titles right before the run ("Foreign Minister" in "Foreign Minister Sergei Lavrov"),
    # not across other words ("the U.N. headquarters in New York")
    for _, _, t in reversed(toks[max(0, i0 - 3):i0]):
        p = t.lower().strip(",")
        if p not in TITLES and p not in PERSON_ROLES:
            break
        titles.insert(0, p)
    if not titles and i0 > 1 and toks[i0 - 1][2].endswith(","):
        # a role set off before the name: "the head of NATO, Hoop Scheffer"
        for _, _, t in reversed(toks[max(0, i0 - 5):i0 - 1]):
            p = _ROLE_SUFFIX.sub("", t.lower())
            if p in PERSON_ROLES:
                titles.append(p)
                break
            if t.endswith((",", ".", ";", ":")):
                break
    prev_titles = list(titles)
    # function words and sentence adverbs opening the run ("If", "However"); a title stays
    # for the loop below ("Mrs"), a lone word for the test of single words ("May said")
    while len(words) > 1 and words[0][2].lower() not in TITLES and (
            words[0][2] in SENTENCE_ADVERBS or words[0][2].lower() in COMMON_WORDS
            or words[0][2].lower() in CLAUSE_OPENERS or words[0][2].lower() in DETERMINERS
            or words[0][2].lower() in NON_SPEAKERS):
        words = words[1:]
    while len(words) > 1 and MODIFIER_SUFFIX.search(words[0][2].lower()):
        words = words[1:]  # "Britain-based Syrian Observatory ...": the modifier is no part of the name
    is_org = any(w.lower() in ORG_WORDS or w.lower() in INSTITUTION_WORDS for _, _, w in words)
    # titles in front of a person's name ("Foreign Minister Sergei Lavrov"); an organisation
    # keeps its words ("Syrian Observatory ...")
    while not is_org and words and (words[0][2].lower() in TITLES or words[0][2].lower() in PERSON_ROLES
                                    or words[0][2].lower() in DEMONYMS and len(words) > 1
                                    and (words[1][2].lower() in TITLES or words[1][2].lower() in PERSON_ROLES)):
        titles.append(words[0][2].lower())
        words = words[1:]
    inner = [k for k, (_, _, w) in enumerate(words[:-1]) if w.lower() in TITLES or w.lower() in PERSON_ROLES]
    if inner and not is_org:
        # "Homs Governor Talal Barazi": the name starts after the last title
        titles += [w.lower() for _, _, w in words[:inner[-1] + 1]]
        words = words[inner[-1] + 1:]
    if len(words) >= 2 and not is_org and _ARTICLE_ALIF.match(words[0][2]):
        words = words[1:]  # "Al-Atareb Fahd" (a place, commas stripped): no given name starts with al-
    if not words or any(ents.covered_at(s) for s, _, _ in words):
        return None
    names = [w for _, _, w in words]
    low = [w.lower() for w in names]
    start, end = words[0][0], words[-1][1]
    joined = " ".join(names)
    # The apposition after the name (its role words and gender) is read only where a result
    # carries it: most runs are capitalised common words and places that name no one. `end`
    # does not move before then.
    if joined in STATE_NAMES:
        roles, _ = apposition_roles(text, end)
        return ("state", start, end, joined, si, titles, roles, None)
    if len(names) >= 2 and all(CALENDAR_WORD.fullmatch(w) for w in names):
        return None  # "Thu Aug", "March": a dateline, not a name
    if len(names) >= 2 and names[0][:-1] in STATE_NAMES and names[0].endswith("s"):
        # "Syrias Aleppo": a possessive that lost its apostrophe (FA-KES) modifies what follows
        words, names = words[1:], names[1:]
        low, start, joined = low[1:], words[0][0], " ".join(names)
    if any(w in PLACE_WORDS for w in low):
        return None
    if len(names) >= 2 and low[-1] in DOCUMENT_NAME_WORDS and not is_org_word_before(low[:-1]):
        # "the Australian National Iodine Nutrition Study": a document the article names
        roles, _ = apposition_roles(text, end)
        return ("document", start, end, joined, si, titles, roles | {low[-1]}, None)
    if any(w in ORG_WORDS or w in INSTITUTION_WORDS for w in low) or _is_outlet_name(joined) \
            or (len(names) >= 2 and names[-1] == "State"):  # "Islamic State"
        roles, _ = apposition_roles(text, end)
        acronym = ACRONYM_AFTER.match(text, end)
        tail = _LOWER_AFTER.match(text[end:end + 20])
        if tail and tail.group(1) in ORG_WORDS:
            # "Idlib News network", "Cham TV network": a lower-case organisation word closes the name
            end += tail.end()
            joined = f"{joined} {tail.group(1)}"
            low.append(tail.group(1))
        roles |= {w for w in low if w in ORG_WORDS or w in ORG_ROLES or w in INSTITUTION_WORDS}
        if acronym:
            ents.note_acronym(acronym.group(1), joined)
        return ("organisation", start, end, joined, si, titles, roles, None)
    if joined in ents.places or PLACE_ADJECTIVE.fullmatch(low[0]) or any(MODIFIER_SUFFIX.search(w) for w in low):
        return None
    group_head = _GROUP_HEAD_AFTER.match(text, end) if len(names) >= 2 else None
    nxt = group_head.group(2) or "" if group_head else ""
    if group_head and group_head.group(1) in ORG_WORDS and group_head.group(1) not in _NOT_GROUP_HEADS \
            and len(names) >= 2 and not nxt[:1].isupper() and nxt.lower() not in PERSON_ROLES:
        # "the Tahrir al-Sham jihadist alliance": a name before an organisation noun names that
        # organisation (not "the Reuters news agency reporter", nor "State news agency SANA",
        # where the name after the noun is the organisation's)
        roles, _ = apposition_roles(text, end)
        return ("organisation", start, end, joined, si, titles, roles | {group_head.group(1)}, None)
    if any(w in STATE_NAMES for w in names) or any(w in GROUP_WORDS for w in low):
        return None
    g_title = next((title_gender(t) for t in titles if title_gender(t)), None)
    if len(names) == 1:
        w = names[0]
        # a title right before the word, in the run or just in front of it ("Mrs May")
        before = toks[i0 - 1][2].lower().strip(",") if i0 > 0 else ""
        titled = len(titles) > len(prev_titles) or (before in TITLES and before not in DEMONYMS
                                                    and not INITIAL.fullmatch(toks[i0 - 1][2]))
        if w.isupper() and len(w) >= 2 or w.lower() in COMMON_WORDS or w in SENTENCE_ADVERBS \
                or w.lower() in ents.lower_words or w.lower() in CLAUSE_OPENERS or w.lower() in DETERMINERS \
                or w.lower() in NON_SPEAKERS:
            # an acronym, a title's name ("Mrs May", "Mr Brown") and a common word the
            # article also uses as a person's surname ("May said" after "Theresa May") are
            # names; the month ("in May", "May 7") and other common words are not
            if w.isupper() or titled or (not MONTH_USE.search(
                    text, max(0, start - 12), min(len(text), end + 4)) and ents.knows_key(lookup_key(w))):
                roles, gender = apposition_roles(text, end)
                return ("single", start, end, w, si, titles, roles, g_title or gender)
            return None
        roles, gender = apposition_roles(text, end)
        return ("single", start, end, w, si, titles, roles, g_title or gender)
    if _is_particle(names[0]):
        # "Van der Berg said": a surname with its particle, the person's full name is elsewhere
        roles, gender = apposition_roles(text, end)
        return ("single", start, end, joined, si, titles, roles, g_title or gender)
    if len(names) > 4 or names[-1].lower() in ents.lower_words and not is_known_surname(names[-1]):
        return None
    if names[-1].endswith("s") and not is_known_surname(names[-1]) and not _is_particle(names[-2]):
        return None  # "London Assembly Conservatives": a plural is a group, not a person
    known = [k for k, w in enumerate(names[:-1]) if is_known_first_name(w) and not _is_particle(w)]
    if known and known[0] > 0 and not is_known_first_name(names[0]):
        # "History Winston Churchill": a word in front of a first name is not part of the name
        start, names = words[known[0]][0], names[known[0]:]
        joined = " ".join(names)
    first = names[0]
    g_name = first_name_gender(first)
    if first.isupper() or first.lower() in ents.lower_words and not is_known_first_name(first):
        return None  # "Heavy Fighting", "BEIRUT Syrian": a common word or capitals open no person's name
    roles, gender = apposition_roles(text, end)
    strong = bool(titles) or bool(roles) or is_known_first_name(first) or bool(AGE.match(text, end))
    if not strong and joined in ents.located:
        return None  # "New York said ... in New York": a place
    return ("person", start, end, joined, si, titles, roles, g_title or gender or g_name, strong)

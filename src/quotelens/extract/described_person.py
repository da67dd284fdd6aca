"""A named person followed by a description of them, as the subject of a speech verb.

News introduces a source as a name and then who they are, with or without commas:
"Khaled Al-Maeena, editor at large at the Saudi Gazette, said", "Professor Cres Eastman,
Director of the National Iodine Nutrition study, ..., says", "Senior researcher Mu Li, of the
University of NSW's school of public health, said", and (text with its commas stripped)
"Andrew Tabler a senior fellow at the Washington Institute for Near East Policy tells". The
speaker is the person; names inside the description (the employer, the place) only describe
them. An organisation is introduced the same way, by an indefinite apposition ("The Local
Coordination Committees (LCC), a network of activists, reported", "The Palmyra Coordination
Committee a local group that supports ... reported") or with its kind after its acronym ("The
Islamic State (IS) militant group said"); the speaker is then the organisation. The noun phrase just before the cue is often the tail of the description ("Policy",
"health"), so the person at the start of the subject is looked for separately here.

Reads: an `ArticleState` (text, sentences, tagged sentences, the resolver's entities and
registry mentions). Writes: a character span of the person's name, or None.
"""

from __future__ import annotations

import bisect

from quotelens.extract.lexicon.speaker_heads import GENERIC_ORG_HEADS, PERSON_ROLES
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.tagged import tagged_sentence

# tags of the words that may stand before the name inside its own noun phrase ("Senior
# researcher Mu Li", "team member Rodaba Noori", "Syrian President Bashar al-Assad")
_PREMODIFIER_TAGS = frozenset(("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "VBN"))
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_RELATIVE_TAGS = frozenset(("WDT", "WP", "WP$"))
_OPENING_MARKS = frozenset(('"', "“", "”", "``", "''", "'", "‘", "’", ",", ":", "-", "–", "—"))
_COORDINATORS = frozenset(("and", "&", "or"))
MAX_PREMODIFIERS = 3  # words before the name inside its noun phrase


def described_person_before(art, lo: int, cue: int) -> tuple[int, int] | None:
    """The span (characters) of a person's name that opens the subject of the cue at `cue`
    and is followed by a description of the person (an apposition with or without commas, a
    prepositional phrase, a relative clause) running up to the cue; the subject is searched
    from `lo`. None when the words from `lo` to the cue are not such a subject (a clause with
    its own verb, a coordination of names, a possessive, nothing between name and cue)."""
    si = art.sentence_of(cue)
    ts = tagged_sentence(art, si, upto=cue + 1)
    toks = ts.tokens
    vi = bisect.bisect_left(ts.starts, cue)
    i = bisect.bisect_left(ts.starts, lo)
    while i < vi and toks[i][0] in _OPENING_MARKS:
        i += 1
    if i >= vi:
        return None
    name = _person_from(art, toks[i][1], toks[min(vi, i + MAX_PREMODIFIERS + 1) - 1][2])
    if name is None:
        return _described_organisation(art, toks, i, vi)
    s, e = name
    k = i
    while k < vi and toks[k][1] < s:
        if toks[k][3] not in _PREMODIFIER_TAGS:
            return None  # "Sources close to John Smith": the name is an object, not the subject
        k += 1
    j = k
    while j < vi and toks[j][2] <= e:
        j += 1
    if j >= vi or j == k:
        return None  # nothing between the name and the cue: the ordinary subject is the name
    nxt_word, _, _, nxt_tag = toks[j]
    if nxt_tag == "POS" or nxt_word in ("'s", "’s", "'", "’") or art.text[e:e + 1] in ("'", "’"):
        return None  # "John Smith's lawyer": the possessor only modifies the speaker
    if not (nxt_tag == "," or nxt_word[:1].islower() or nxt_tag in ("DT", "IN")
            or nxt_word.lower() in TITLES or nxt_word.lower() in PERSON_ROLES):
        return None  # "John Smith Jane Doe said": no description follows
    relative = False
    for w, a, b, t in toks[j:vi]:
        if t in _RELATIVE_TAGS or w.lower() in ("who", "which", "whose"):
            relative = True
        elif t in _FINITE_TAGS and not relative:
            return None  # a clause of its own: "John Smith met the minister, officials said"
        if w in ('"', "“", "”", "``", "''"):
            return None
        if w.lower() in _COORDINATORS and _person_from(art, b + 1, toks[vi - 1][2], exact_start=True):
            return None  # "John Smith and Jane Doe said": two speakers
    return name


def _described_organisation(art, toks, i: int, vi: int) -> tuple[int, int] | None:
    """The span of an organisation's name that opens the subject at token `i` (after "the"
    at most) and is followed, up to the cue at token `vi`, by an optional parenthesis and
    either an indefinite apposition ("a network of activists", "another activist group", "an activist collective
    which ...", no finite verb outside a relative clause) or lower-case words ending in an
    organisation noun ("(IS) militant group"). None otherwise: "The Islamic State fighters
    said" or "The Observatory and activists said" are not the organisation."""
    text = art.text
    k = i + 1 if toks[i][0].lower() == "the" else i
    if k >= vi:
        return None
    name = _organisation_at(art, toks[k][1], toks[vi - 1][2])
    if name is None:
        return None
    s, e = name
    j = k
    while j < vi and toks[j][2] <= e:
        j += 1
    if j < vi and toks[j][0] == "(":  # "(LCC)": the organisation's acronym
        while j < vi and toks[j][0] != ")":
            j += 1
        j += 1
    if j < vi and toks[j][0] == ",":
        j += 1
    if j >= vi or text[e:e + 1] in ("'", "’") or toks[j][3] == "POS":
        return None
    rest = toks[j:vi]
    if rest[0][0].lower() in ("a", "an", "another"):
        relative = False
        for w, _, _, t in rest[1:]:
            if t in _RELATIVE_TAGS or w.lower() in ("who", "which", "that"):
                relative = True
            elif (t in _FINITE_TAGS and not relative) or w in ('"', "“", "”", "``", "''") \
                    or w.lower() in _COORDINATORS and not relative:
                return None  # a clause of its own, a second subject
        return name
    words = [w for w, _, _, _ in rest if w != ","]
    if words and words[-1].lower() in GENERIC_ORG_HEADS and all(w[:1].islower() for w in words):
        return name  # "(IS) militant group", "monitoring group"
    return None


def _organisation_at(art, lo: int, hi: int) -> tuple[int, int] | None:
    """The span of an organisation the article names (a registry organisation or an
    organisation name the article writes) starting exactly at `lo` and ending before `hi`."""
    res = art.resolver
    best = None
    if res.registry is not None:
        for s, e, name in res.mentions_between(lo, lo + 1):
            if res.registry.actors[name].kind == "organisation" and e <= hi:
                best = (s, e)
    for mention in res.entities.mentions_in(lo, lo + 1):
        if mention.entity.kind == "organisation" and mention.start == lo and mention.end <= hi \
                and not mention.possessive and (best is None or mention.end > best[1]):
            best = (mention.start, mention.end)
    return best


def _person_from(art, lo: int, hi: int, exact_start: bool = False) -> tuple[int, int] | None:
    """The span of the first person the article names (a registry person, or a name the article
    introduces as a person by a first name, a title or an apposition) that starts in [lo, hi) (characters), not in a possessive; with
    `exact_start`, only one starting at the first word after `lo`."""
    res = art.resolver
    best = None
    for s, e, name in res.mentions_between(lo, hi):
        if res.registry.actors[name].kind == "person":
            best = (s, e)
            break
    for mention in res.entities.mentions_in(lo, hi):
        # a person by a first name, a title or an apposition, not by shape alone ("Late March")
        if mention.entity.kind == "person" and mention.entity.strong and not mention.possessive:
            if best is None or mention.start < best[0]:
                best = (mention.start, mention.end)
            break
    if best is None:
        return None
    if exact_start and art.text[lo:best[0]].strip():
        return None
    return best


def premodifiers_only(art, a: int, b: int) -> bool:
    """Whether text[a:b] (characters) is at most MAX_PREMODIFIERS words that may stand before
    a name inside its noun phrase ("team member" in "team member Rodaba Noori told")."""
    if not art.text[a:b].strip():
        return True
    si = art.sentence_of(a)
    ts = tagged_sentence(art, si, upto=b)
    k0, k1 = bisect.bisect_left(ts.starts, a), bisect.bisect_left(ts.starts, b)
    toks = ts.tokens[k0:k1]
    return 0 < len(toks) <= MAX_PREMODIFIERS and all(t[3] in _PREMODIFIER_TAGS and t[0][:1].isalpha() for t in toks)

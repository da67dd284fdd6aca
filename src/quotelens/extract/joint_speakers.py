"""Joint speakers: one attribution with coordinated sources ("The United States and Russia
announced", "A monitor and activists said", "Both the Irving Independent School District and
the Irving Police Department have asserted") is one statement of all of them. Its speaker is
the sources' names joined with " and " in text order (data/gold/news/README.md, section 3),
not the first or the last of them.

A conjunct is kept apart only when it stands for a source by itself: a registry actor or a
state, a person, a name opening with a determiner ("the Irving Police Department"), or a
lower-case description ("activists", "state media"); so the "and" inside a name ("Ministry of
Foreign Affairs and Expatriates", "Bosnia and Herzegovina") never splits it.

Reads: an `ArticleState` and the speaker phrase a pass found. Writes: a `Resolution`.
"""

from __future__ import annotations

import bisect

from quotelens.extract.according import generic_speaker
from quotelens.extract.mentions import Resolution
from quotelens.extract.tagged import tagged_sentence

_NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS"))
_DETERMINERS = frozenset(("the", "a", "an"))
_POSSESSIVES = frozenset(("his", "her", "its", "their", "our", "my", "your"))
# Words before the first conjunct where a subject may start ("Both X and Y said", "after X and Y announced").
_OPENERS = frozenset("both after while when as since because that and but".split())
_MAX_CONJUNCTS = 6


def _conjuncts(art, si: int, a: int, b: int) -> list[tuple[int, int]]:
    """Spans (characters) of the noun phrases joined by "and" or commas that end at `b`,
    starting inside or before the phrase text[a:b]; one span when there is no coordination."""
    ts = tagged_sentence(art, si, upto=b)
    toks = ts.tokens
    starts = ts.starts
    last = bisect.bisect_left(starts, b) - 1
    first = bisect.bisect_left(starts, a)
    if last < 0 or first > last:
        return [(a, b)]
    out: list[tuple[int, int]] = []
    end = last
    k = last
    # walk left chunk by chunk: NP (("," | "and" | ", and") NP)*
    while len(out) < _MAX_CONJUNCTS:
        start = ts.chunk_ending.get(end)
        if start is None or toks[end][3] not in _NOUN_TAGS:
            break
        while start - 1 in ts.chunk_ending and toks[start][3] in ("NNP", "NNPS") \
                and toks[start - 1][3] in ("NNP", "NNPS"):
            start = ts.chunk_ending[start - 1]  # a title before a name: "Russian President" "Vladimir Putin"
        out.append((toks[start][1], toks[end][2]))
        k = start - 1
        if k < 0:
            break
        word = toks[k][0].lower()
        if word == "and" and k - 1 >= 0 and toks[k - 1][0] == ",":
            k -= 1
        if word not in ("and", ","):
            break
        if word == "," and (k < first and not out):
            break
        end = k - 1
        if end < 0:
            break
    out.reverse()
    if len(out) < 2:
        return [(a, b)]
    # the coordination must start where a subject can: the sentence start, after a comma or an opener
    # ("in Iraq and Syria Carter added", "the Islamic State of Iraq and the Levant": no subject)
    p = bisect.bisect_left(starts, out[0][0]) - 1
    if p >= 0 and toks[p][0] not in (",", ":", ";", "\"", "“") and toks[p][0].lower() not in _OPENERS:
        return [(a, b)]
    # only "and" joins the last two ("X, Y and Z"); a list of commas alone is an apposition
    between = art.text[out[-2][1]:out[-1][0]]
    if "and" not in between.split():
        return [(a, b)]
    return out


def _stands_alone(art, span: tuple[int, int], res: Resolution | None) -> bool:
    """Whether a conjunct names a source by itself (see the module docstring)."""
    if res is None:
        return False
    how = res.how.split(":")[0]
    words = art.text[span[0]:span[1]].split()
    if how == "name" or res.kind in ("state", "person", "news_agency"):
        return True
    if how == "unknown_name":
        return words[0].lower() in _DETERMINERS
    if words[0].lower() in _POSSESSIVES:
        return False  # "his wife", "their lawyer": a relation, not a source by itself
    return how in ("generic", "role", "unnamed") and words[-1][:1].islower()


def _name(art, span: tuple[int, int], res: Resolution) -> str:
    """The conjunct's name: its resolution's, unless that reaches past the conjunct's own words
    (an unregistered name merged with a longer form seen before, "United States and Russia")."""
    own = art.text[span[0]:span[1]]
    if res.how.split(":")[0] == "unknown_name" and not set(res.speaker.lower().split()) <= set(own.lower().split()):
        words = own.split()
        return " ".join(words[1:] if words[0].lower() in _DETERMINERS else words)
    return res.speaker


def joint_speaker(art, si: int, spans: list[tuple[int, int]]) -> Resolution | None:
    """The joint speaker of the speaker phrase `spans` (its nearest phrase first, as passes find
    them) in sentence `si`: a Resolution named "A and B" (kind the conjuncts share, else the
    first one's, "unnamed" when one of differing kinds is unnamed; how "joint"), or None when
    the phrase is no coordination of sources."""
    parts: list[tuple[int, int]] = []
    for a, b in spans:  # "Recep Tayyip Erdogan", then the whole phrase with both presidents
        parts = _conjuncts(art, si, a, b)
        if len(parts) >= 2:
            break
    if len(parts) < 2:
        return None
    resolved = []
    names = []
    for span in parts:
        res = art.resolver.resolve([span]) or generic_speaker(art, span)
        if not _stands_alone(art, span, res):
            return None
        resolved.append(res)
        name = _name(art, span, res)
        if name not in names:
            names.append(name)
    if len(names) < 2:
        return None
    kinds = {res.kind for res in resolved}
    kind = resolved[0].kind if len(kinds) == 1 else ("unnamed" if kinds & {"group", "unnamed"} else resolved[0].kind)
    if kind == "group":
        kind = "unnamed"
    sides = {res.side for res in resolved}
    lo, hi = parts[0][0], parts[-1][1]
    return Resolution(" and ".join(names), art.text[lo:hi], lo, hi, kind, sides.pop() if len(sides) == 1 else "",
                      None, "joint")

"""The noun phrase that starts at a position: the source after "according to" ("according to
the suit filed in federal court", "a statement by the ministry of defence"), from the
part-of-speech tagger's noun-phrase chunks (quotelens.extract.tagged), with up to two
prepositional phrases after it.

Reads: an `ArticleState`'s text and sentences. Writes: a character span into the text.
"""

from __future__ import annotations

import bisect
import re

from quotelens.extract.tagged import tagged_sentence

NP_AFTER_CHARS = 160  # a source phrase after "according to" is read this far (characters)
_HAS_WORD = re.compile(r"[^\W_]")


def np_after(art, pos: int, hi: int) -> tuple[int, int] | None:
    """The noun phrase starting at character offset `pos` (before `hi`), with up to two
    prepositional phrases after it ("the suit filed in federal court" stops at "filed"; "a
    statement by the ministry of defence"), as a character span; None when no phrase starts
    there."""
    si = art.sentence_of(pos)
    ts = tagged_sentence(art, si, upto=min(hi, pos + NP_AFTER_CHARS))
    toks = ts.tokens
    k = bisect.bisect_left(ts.starts, pos)
    starting = {f: l for l, f in ts.chunk_ending.items()}
    if k >= len(toks) or toks[k][1] >= hi or k not in starting:
        return None
    last = starting[k]
    for _ in range(2):
        j = last + 1
        if j + 1 < len(toks) and toks[j][3] == "IN" and toks[j][0].lower() in ("of", "by", "from", "for", "at", "in") \
                and (j + 1) in starting and toks[starting[j + 1]][2] <= hi:
            last = starting[j + 1]
        else:
            break
    if toks[last][2] > hi or not _HAS_WORD.search(art.text[toks[k][1]:toks[last][2]]):
        return None
    return toks[k][1], toks[last][2]

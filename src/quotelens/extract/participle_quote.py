"""The speaker of a quotation introduced by a participle after a comma: 'The minister
criticised the plan, saying "This will not work"', 'One poster admitted to being a part of the
effort, writing in a blog post "I have myself ..."'. The participle has no subject of its own;
it is the subject of the sentence's main clause, the noun phrase that opens the sentence.
"""

from __future__ import annotations

import re

from quotelens.extract.article import ArticleState
from quotelens.extract.resolution import Resolution
from quotelens.extract.lexicon.speech_verbs import RELAY_PARTICIPLES
from quotelens.extract.speaker_phrases import phrase_after
from quotelens.extract.speech_verbs import lookup

# A sentence opening with a subordinate clause or a preposition has its subject later.
_NOT_SUBJECT_START = frozenset(
    "after although as at because before by during for from if in on once since though unless until when "
    "whenever where while with without despite amid".split())
_COMMA_BEFORE = re.compile(r",\s*$")
MAX_OPENING_OFFSET = 2  # characters of space or a mark before the opening noun phrase


def comma_participle(text: str, s0: int, cue: re.Match) -> bool:
    """Whether the cue `cue` is a participle right after a comma ('..., saying'); a relaying
    participle ('..., citing "people briefed on the meeting"') names a source, not the words."""
    return cue.group().endswith("ing") and _COMMA_BEFORE.search(text, s0, cue.start()) is not None \
        and lookup(cue.group())[0] not in RELAY_PARTICIPLES


def opening_subject(art: ArticleState, s0: int, pos: int) -> tuple[Resolution, list[tuple[int, int]]] | None:
    """(resolution, [span]) of the noun phrase opening the sentence that starts at `s0`, when it
    is the subject of the main clause before the participle at `pos` (characters): it opens
    the sentence, no comma stands between it and the verb after it, and it resolves."""
    text = art.text
    first = text[s0:pos].split(None, 1)
    if not first or first[0].lower().strip("\"“'") in _NOT_SUBJECT_START:
        return None
    span = phrase_after(text, s0, pos)
    if span is None or span[0] - s0 > MAX_OPENING_OFFSET:
        return None
    rest = text[span[1]:pos]
    if not rest.strip() or "," in rest.split(",", 1)[0] or rest.lstrip().startswith((",", ";", ":")):
        return None  # the phrase runs to the comma: no verb of its own between
    res = art.resolver.resolve([span])
    if res is None or res.how.startswith("unknown") and res.how != "unknown_name":
        return None
    return res, [span]

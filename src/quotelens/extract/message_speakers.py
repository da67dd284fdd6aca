"""Who speaks in a participle that reports what a message says: "X sent a voice message
assuring residents that ..." (the sender), "seeking clarity on reports suggesting that ..." (the
reports, an unnamed source). Used by the reported-speech pass (`reported.py`) for participles
written without a comma after a message noun.

Reads: an `ArticleState`. Writes: a `Resolution` and the speaker spans (characters).
"""

from __future__ import annotations

import re

from quotelens.extract.according import generic_speaker
from quotelens.extract.article import ArticleState
from quotelens.extract.cues import VERB
from quotelens.extract.lexicon import alternation
from quotelens.extract.lexicon.documents import MESSAGE_WORDS, PUBLISHING_VERBS
from quotelens.extract.mentions import Resolution
from quotelens.extract.speaker_np import speaker_before

# A message noun before a participle ("a voice message assuring", "reports suggesting", "text
# messages to residents and fighters in the east urging").
_MESSAGE_BEFORE = re.compile(rf"\b({alternation(MESSAGE_WORDS)})\b(?:\s+[\w-]+){{0,7}}\s+$", re.IGNORECASE)
# The message's sender: a publishing verb up to three words before the message noun.
_PUBLISHED = re.compile(rf"\b({alternation(PUBLISHING_VERBS)})\s+(?:[\w-]+\s+){{0,3}}$")
# The message as a topic ("clarity on reports suggesting"): a preposition before its noun phrase.
_THAT_WORD = re.compile(r"\bthat\s")
_ABOUT_BEFORE = re.compile(r"\b(?:on|about|over|amid)\s+((?:[\w-]+\s+){0,2})$")


def message_speaker(art: ArticleState, s0: int, v: int):
    """(resolution, speaker spans) for a participle that reports what a message says, as a
    reduced relative clause without a comma: 'X sent a voice message assuring residents that
    ...' (the sender, the subject of the publishing verb), 'seeking clarity on reports
    suggesting that ...' (the reports, an unnamed source); None otherwise. The message noun
    is at most six words before the participle (offset `v`), with no verb or punctuation between."""
    text = art.text
    m = _MESSAGE_BEFORE.search(text, max(s0, v - 90), v)
    if m is None or VERB.search(text, m.end(), v) or art.in_quote(m.start()):
        return None
    sender = _PUBLISHED.search(text, max(s0, m.start() - 50), m.start())
    if sender is not None:
        # the sender's phrase starts after a complementiser ("X told ARA News that Y sent ...")
        lo = max([s0] + [t.end() for t in _THAT_WORD.finditer(text, s0, sender.start(1))])
        sm = speaker_before(art, lo, sender.start(1))
        if not sm or sm.negated or sm.passive or sm.maybe_object:
            return None
        res = art.resolver.resolve(sm.spans) or generic_speaker(art, sm.spans[0], any_head=True)
        return None if res is None else (res, sm.spans)
    about = _ABOUT_BEFORE.search(text, max(s0, m.start() - 40), m.start())
    if about is not None:
        span = (about.start(1), m.end(1))
        # "reports" is a source here, though a capitalised "Reports" opening a line is no actor
        bare = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", text[span[0]:span[1]], flags=re.IGNORECASE)
        return Resolution(bare, text[span[0]:span[1]], span[0], span[1], "group", "", None, "generic"), [span]
    return None

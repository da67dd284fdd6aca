"""Sentences tagged and chunked on demand: the part-of-speech tags (quotelens.extract.postag)
and noun-phrase chunks (quotelens.extract.chunk) of a sentence, cached on the ArticleState,
computed only for sentences a rule asks about (those with a cue) and only as far into the
sentence as it asks (the subject of a cue lies before it).

A prefix is tagged and chunked with a margin of tokens after it, so its tags and chunks are
exactly those of the whole sentence; a later, longer request at least doubles the prefix, so
a sentence with hundreds of cues costs linear time.

Reads: an `ArticleState`'s text and sentences. Writes: `TaggedSentence` (character offsets into
the text).
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from quotelens.extract.chunk import default_chunker, spans_from_labels
from quotelens.extract.postag import default_tagger, tokenize


class TaggedSentence(NamedTuple):
    """A sentence, or the first part of one, tagged and chunked: tokens (token, start, end,
    tag) with character offsets into the article's text, their start offsets, and the chunks
    ending at each token index. Tags and chunks are exactly those of the whole sentence."""

    tokens: list[tuple[str, int, int, str]]
    starts: list[int]
    chunk_ending: dict[int, int]  # index of a chunk's last token -> index of its first


# The tagger reads two words to the right and the chunker two tags to the right: a prefix of a
# sentence tagged and chunked with this many more tokens has exactly the tags and chunks the
# whole sentence gives it. Tokens past what a rule asks for are tagged in this step size.
_LOOKAHEAD = 2
_STEP_TOKENS = 8
_READ_AHEAD_CHARS = 100


def tagged_sentence(art, si: int, upto: int | None = None) -> TaggedSentence:
    """Sentence `si` of the article tagged and chunked (cached on the ArticleState), at least
    up to and including the token that starts at or after character offset `upto` (None: the
    whole sentence). Only the prefix a rule needs is tagged (a cue's subject lies before it),
    and each sentence is tokenized once; tags and chunks are those of the whole sentence."""
    s0, s1 = art.sentences[si]
    entry = art.tagged.get(si)
    if entry is None:
        # raw tokens, their starts, the tagged prefix, how far raw reaches; every token of
        # text[s0:tok_end] and tok_end (characters)
        entry = art.tagged[si] = [[], [], TaggedSentence([], [], {}), s0, [], s0]
    raw, raw_starts, ts, read_to, read, tok_end = entry
    if read_to < s1 and (upto is None or upto + _READ_AHEAD_CHARS > read_to):
        # tokenize what is needed (the part before a cue), at a space, plus a margin
        # read at least twice as far as before, so a sentence is tokenized O(1) times overall
        end = s1 if upto is None else min(s1, max(upto + _READ_AHEAD_CHARS, s0 + 2 * (read_to - s0)))
        while end < s1 and not art.text[end - 1].isspace():
            end += 1
        if end > tok_end and (tok_end == s0 or art.text[tok_end - 1].isspace()):
            # no token crosses a space, so the tokens read before are those of the longer
            # prefix: tokenize only what follows them
            read = read + tokenize(art.text, tok_end, end)
        else:
            read = tokenize(art.text, s0, end)
        entry[4], entry[5] = read, end
        raw = read[:-1] if end < s1 and read else read  # the last token may be cut by `end`
        raw_starts = [r[1] for r in raw]
        entry[0], entry[1], entry[3] = raw, raw_starts, end if end >= s1 else (raw[-1][2] if raw else s0)
    n = len(raw)
    complete = entry[3] >= s1
    need = n if upto is None else min(n, bisect.bisect_left(raw_starts, upto) + 1)
    if len(ts.tokens) >= need:
        return ts
    # tag at least twice as many tokens as before, so many cues in one long sentence cost
    # linear time overall (each re-tagging doubles the prefix)
    m = min(n, max(need + _STEP_TOKENS, 2 * len(ts.tokens)))
    head = raw[:m]
    words = [r[0] for r in head]
    tagger = default_tagger()
    xpos = tagger.xpos
    tags = [xpos[i] for i in tagger.tag_ids(words)]
    tagged = [(w, a, b, t) for (w, a, b), t in zip(head, tags)]
    whole = m == n and complete
    exact = m if whole else max(0, m - 2 * _LOOKAHEAD)
    # the chunks' token spans only (what noun_phrases would give, without heads and offsets)
    chunks = spans_from_labels(default_chunker().labels_for(words, tags)) if tagged else []
    ending = {last - 1: first for first, last in chunks if last < exact or whole}
    ts = TaggedSentence(tagged[:exact], raw_starts[:exact], ending)
    entry[2] = ts
    return ts

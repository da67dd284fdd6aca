"""The order in which the reported-speech pass reads its cues: a sentence that ends with a tag
of its own ('Britain said on Wednesday it would raise ... Reuters reported.', 'The secretary
further emphasized ... that he had received ... the official said.') is a relay, the whole
clause before the tag is the tag's statement, and the cues inside it are nested attribution
(data/gold/news/README.md, section 1, item 7). The final tag is read first, so that its clause
is recorded before the inner cues can claim it; the nested pass then finds the inner ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from quotelens.extract.article import ArticleState
from quotelens.extract.cues import only_adjuncts

MIN_CLAUSE_WORDS = 6  # words of the relayed clause, outside its cues
# A subordinate tag ('... as the group announced', '... which the ministry said') is no relay.
_SUBORDINATE = re.compile(r"\b(?:as|which|what|who|whom|when|where|after|before|than|because|while|if|since|unless|until)\b",
                          re.IGNORECASE)
TAG_WORDS = 4  # words before the final cue looked at for a subordinator
# 'CLAUSE the Observatory said and civil defence workers said': two tags of one clause, no relay
_TAG_AND = re.compile(r"\s+(?:and|or|but)\b", re.IGNORECASE)


def final_tags_first(art: ArticleState, matches: Iterable[re.Match], moved: set[int]) -> Iterator[re.Match]:
    """The cue matches (in text order) with, in each sentence, a cue that ends the sentence
    (nothing after it but an adverbial and the final stop) moved before the sentence's
    other cues, when at least one of them stands before it outside quote marks; the offsets
    (characters) of the cues moved are added to `moved`."""
    text = art.text
    group: list[re.Match] = []
    current = -1
    for vm in matches:
        si = art.sentence_of(vm.start())
        if si != current:
            yield from _reordered(art, text, group, moved)
            group, current = [], si
        group.append(vm)
    yield from _reordered(art, text, group, moved)


def _reordered(art: ArticleState, text: str, group: list[re.Match], moved: set[int]) -> list[re.Match]:
    if len(group) < 2:
        return group
    last = group[-1]
    s0, s1 = art.sentences[art.sentence_of(last.start())]
    tail = text[last.end():s1].rstrip(" .\n")
    if tail.strip() and not only_adjuncts(tail):
        return group
    if art.in_quote(last.start()) or not any(not art.in_quote(vm.start()) for vm in group[:-1]):
        return group
    if any(_TAG_AND.match(text, vm.end()) for vm in group[:-1]):
        return group
    if _SUBORDINATE.search(" ".join(text[s0:last.start()].split()[-TAG_WORDS:])):
        return group
    if len(text[s0:group[0].start()].split()) + len(text[group[0].end():last.start()].split()) < MIN_CLAUSE_WORDS:
        return group
    moved.add(last.start())
    return [last] + group[:-1]

"""Who a document speaks for: "a UN report said", "the statement said", "according to the
bulletin".

A document noun heading a speaker phrase stands for its author (news convention; PARC 3.0 and
data/gold/news/README.md section 3): the author named in front of it ("a UN report", "a
Turkish General Staff statement", "Cornyn's statement") or after "by", "from" or "of" ("a
statement by the groups"); for "its/their statement" the organisation "it/they" refers to;
for "the report", "the statement", "the claim", a document the article names ("the Australian
National Iodine Nutrition Study"), else whoever spoke in the nearest earlier sentence that
mentions a document ("X said in a statement ... the statement said"), else whoever spoke last.
With none of these, the document speaks for itself (kind "document", quotelens.extract.
speaker_types).

Reads: a SpeakerResolver's article state. Writes: `Resolution` records.
"""

from __future__ import annotations

import re

from quotelens.extract.coreference import LOOKBACK_SENTENCES
from quotelens.extract.lexicon.common_words import COMMON_WORDS
from quotelens.extract.lexicon.demonyms import DEMONYMS
from quotelens.extract.lexicon.documents import DOCUMENT_MENTION
from quotelens.extract.lexicon.grammar_words import DETERMINERS
from quotelens.extract.lexicon.nationalities import NATIONALITY_STATE
from quotelens.extract.lexicon.speaker_heads import ROLE_WORDS
from quotelens.extract.mentions import Resolution
from quotelens.extract.speaker_phrases import tokens
from quotelens.extract.speaker_types import name_kind

_AUTHOR_AFTER = re.compile(r"(?:by|from|of)\s+", re.IGNORECASE)
_DOCUMENT_MENTION = re.compile(rf"(?<![\w-]){DOCUMENT_MENTION}(?![\w-])")


def document_author(resolver, a: int, b: int, head_end: int, reg) -> Resolution | None:
    """The author of the document that heads the speaker phrase text[a:b] (its head part ends
    at `head_end`; `reg` are the registry mentions in it), by the rules of the module
    docstring, or None when the document speaks for itself."""
    text = resolver.text
    toks = tokens(text, a, head_end)
    if not toks:
        return None
    head_start = toks[-1][0]
    # the author written in front of the document noun
    front = [m for m in reg if m[0] < head_start]
    if front:
        s, e, name = front[-1]
        return resolver.from_actor(name, s, e, "name")
    # the capitalised words right before the document noun ("a UN report", "a Turkish General
    # Staff statement", "Cornyn's statement")
    run: list[tuple[int, int, str]] = []
    for s, e, t in reversed(toks[:-1]):
        if not t[:1].isupper() or t.lower() in DETERMINERS:
            break
        run.insert(0, (s, e, re.sub(r"['’]s$", "", t.rstrip(","))))
    sentence_start = resolver.entities.sentence_starts[resolver.entities.sentence_of(a)] \
        if resolver.entities.sentence_starts else 0
    if len(run) == 1 and (run[0][2].lower() in COMMON_WORDS or run[0][2].lower() in ROLE_WORDS
                          or resolver.common_word(run[0][2])
                          or (not text[sentence_start:run[0][0]].strip() and not run[0][2].isupper()
                              and resolver.entities.mention_at(run[0][0], run[0][1]) is None)):
        run = []  # "Rebel websites", "Unverified reports": a word capitalised to open the sentence
    if run and all(t.lower() in DEMONYMS or t.lower() in NATIONALITY_STATE for _, _, t in run):
        run = []  # "the Syrian opposition statement": a description, not an author's name
    if run:
        name = " ".join(t for _, _, t in run)
        kind = name_kind(name)
        kind = {"news_agency": "organisation", "unknown": "organisation"}.get(kind, kind)
        person = resolver.canonical_person(run[0][0], run[-1][1], name) if kind == "person" else name
        return Resolution(person, text[run[0][0]:run[-1][1]], run[0][0], run[-1][1], kind, "", None, "unknown_name")
    # the author after "by", "from", "of"
    m = _AUTHOR_AFTER.match(text, head_end, b)
    if m and m.end() < b:
        res = resolver.resolve([(m.end(), b)])
        if res is not None:
            return res
    low = text[a:b].lower()
    if low.startswith(("its ", "their ")):
        return resolver.antecedent("it" if low.startswith("its ") else "they", a)
    if not low.startswith(("the ", "this ", "that ")):
        return None  # "a statement said": a document of its own
    named = resolver.entities.latest_of_kind("document", a)
    if named is not None:
        last = max(p for p in named.mentions if p < a)
        return Resolution(named.name, "", last, -1, "document", "", None, "named_document", last)
    return _author_of_earlier_document(resolver, a) or next(
        (res for at, res in resolver.recent_first(a) if at < a), None) or resolver.antecedent("it", a)


def _author_of_earlier_document(resolver, pos: int) -> Resolution | None:
    """Whoever spoke in the nearest of the LOOKBACK_SENTENCES sentences before offset `pos`
    (and in its own sentence before it) that mentions a document ("... Ahmet Uzumcu said in a
    statement. ... the statement said"), or None."""
    ents = resolver.entities
    si = ents.sentence_of(pos)
    for k in range(si, max(-1, si - LOOKBACK_SENTENCES - 1), -1):
        lo = ents.sentence_starts[k] if k < len(ents.sentence_starts) else 0
        hi = min(pos, ents.sentence_starts[k + 1] if k + 1 < len(ents.sentence_starts) else len(resolver.text))
        if not any(not ents.in_quote(m.start()) for m in _DOCUMENT_MENTION.finditer(resolver.text, lo, hi)):
            continue
        speakers = [(at, res) for at, res in resolver.history if lo <= at < hi and res.how != "role:document"
                    and not res.how.startswith("pronoun_unresolved")]
        if speakers:
            at, res = max(speakers, key=lambda x: x[0])
            return Resolution(res.speaker, res.mention, res.start, res.end, res.kind, res.side, res.gender,
                              "earlier_document", res.start if res.start >= 0 else at, res.in_registry)
    return None

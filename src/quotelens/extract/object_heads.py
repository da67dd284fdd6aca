"""The noun phrase a prepositional phrase or relative clause modifies: when the phrase right before a speech verb
is the object of a preposition ("a monitor in northern Syria said", "a network of sources
inside Syria said"), the place or thing after the preposition is not the subject; the noun
phrase before the preposition heads the subject.

Reads: an `ArticleState`'s text and sentences (tagged by quotelens.extract.tagged). Writes: a
character span into the text.
"""

from __future__ import annotations

import bisect
import re

from quotelens.extract.lexicon.grammar_words import DETERMINERS, MODIFYING_PREPOSITIONS
from quotelens.extract.lexicon.pronouns import PRONOUNS
from quotelens.extract.speaker_phrases import SubjectMatch
from quotelens.extract.tagged import tagged_sentence

_NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS", "CD"))
_MODIFIER_TAGS = frozenset(("VBN", "VBG", "JJ"))  # "based in", "operating across", "familiar with"
_WHICH_WHO = re.compile(r"\s(?:which|who)\s")
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_AUXILIARIES = frozenset("has have had is are was were will would".split())
_PRE_PLACE_WORDS = frozenset("both all the northern southern eastern western central".split())  # before a place's name
_WHOSE = frozenset(("of", "for", "with"))  # say whose or whom the head is, not where it is
_SUBJECT_PRONOUNS = frozenset(PRONOUNS) - {"it"}  # "it" is an object's form too
_QUOTES = frozenset(('"', "“", "”", "``", "''"))
MAX_STEPS = 3  # prepositional phrases climbed over ("a network of sources inside Syria": two)


def head_before_object(art, lo: int, start: int, end: int) -> tuple[int, int] | None:
    """The subject span (characters) of the noun phrase that the prepositional phrase ending
    at `end` modifies, when text[start:end] is the object of a preposition, without that
    object ("a network of sources inside Syria" gives "a network of sources"); no further
    left than `lo`. None when no preposition comes right before `start`, or no noun phrase before
    the preposition (then the phrase may be a verb's object or a subject after all)."""
    ts = tagged_sentence(art, art.sentence_of(start), upto=end)
    toks = ts.tokens
    k = bisect.bisect_left(ts.starts, start)
    if k >= len(toks) or toks[k][1] != start:
        return None
    lo_index = bisect.bisect_left(ts.starts, lo)
    head = None
    last = None  # the last token before the preposition nearest the cue
    for _ in range(MAX_STEPS):
        j = k - 1
        if j <= lo_index or toks[j][3] not in ("IN", "TO") or toks[j][0].lower() not in MODIFYING_PREPOSITIONS:
            break
        h = j - 1
        if toks[h][3] in _MODIFIER_TAGS and h - 1 >= lo_index:
            h -= 1  # "sources based in Syria", "officials familiar with the talks"
        if toks[h][3] not in _NOUN_TAGS:
            break
        k = ts.chunk_ending.get(h, h)
        if k < lo_index:
            break
        head = k
        if last is None:
            last = j - 1
    return None if head is None else (toks[head][1], toks[last][2])


def is_place(art, span: tuple[int, int]) -> bool:
    """Whether the phrase at `span` (characters) names a place (it resolves to a state: "northern
    Syria"), for the article `art` (an ArticleState)."""
    res = art.resolver.resolve([span])
    return res is not None and res.kind == "state"


def inside_relative_clause(text: str, s0: int, start: int) -> bool:
    """Whether a phrase starting at `start` (characters) lies inside a "which"/"who" clause
    opened earlier in its sentence, with no comma or quote mark between (the clause's own
    words, not a subject)."""
    m = None
    for m in _WHICH_WHO.finditer(text, s0, start):
        pass
    if m is None or re.search(r"[,;:\"“”]", text[m.end():start]):
        return False
    if text[m.end():start].strip():
        return True
    # right after the pronoun: the clause's own subject ("which the Church describes"), unless
    # it opens with a lower-case word that is no determiner or pronoun (the clause's verb the
    # tagger read as a noun: "which monitors violence in Syria said")
    first = text[start:start + 30].split()[:1]
    return bool(first) and first[0].islower() and first[0] not in DETERMINERS and first[0] not in PRONOUNS


def relative_clause_word(art, s0: int, sm: SubjectMatch, final_tag: bool) -> bool:
    """Whether the speaker phrase `sm`, before a cue in the sentence starting at `s0`
    (characters), is a word of a "which"/"who" clause opened earlier (`inside_relative_clause`),
    so that the clause's antecedent is the subject ("the Observatory which monitors the war
    said"). Not so before a tag that ends its sentence (`final_tag`) when the clause has a
    finite verb of its own before the phrase, the phrase is no object (not right after a
    preposition or any verb, unless it is "he", "she" or "they") and it names or refers to a
    speaker: in text without commas, "... a former army officer who had defected from loyalist
    ranks to join opposition forces the observatory said" is the observatory's statement."""
    text = art.text
    start, end = sm.spans[0]
    if not inside_relative_clause(text, s0, start):
        return False
    if not final_tag or sm.maybe_object:
        return True
    m = None
    for m in _WHICH_WHO.finditer(text, s0, start):
        pass
    ts = tagged_sentence(art, art.sentence_of(start), upto=end)
    toks = ts.tokens
    lo, k = bisect.bisect_left(ts.starts, m.end()), bisect.bisect_left(ts.starts, start)
    if k >= len(toks) or not any(t[3] in _FINITE_TAGS for t in toks[lo:k]):
        return True  # the clause's own subject ("which the Church describes"), or no verb yet
    before = toks[k - 1]
    # a capitalised "verb" inside the sentence is a name the tagger misread ("training with IS the Observatory")
    after_verb = before[3] in ("MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ") and not before[0][:1].isupper()
    if (before[3] in ("IN", "TO") or after_verb) and text[start:end].lower() not in _SUBJECT_PRONOUNS:
        return True  # an object or complement in the clause ("which monitors the rebels said", "which has activists")
    return art.resolver.resolve([(start, end)]) is None


def participle_host(art, lo: int, start: int, cue: int) -> tuple[str, tuple[int, int]] | None:
    """Where a place (the phrase starting at `start`, characters) that is the object of a
    preposition inside a participle phrase belongs, when the tagger took it for the subject of
    the cue at `cue`: ("noun", span) when the participle modifies a noun before it ("The
    coalition targeting the jihadists in both Syria and Iraq reported": the coalition's
    span), ("verb", span) when the cue is itself a participle after a clause ("OCHA has
    reaffirmed its commitment to aid within Syria stating": the clause's finite verb, whose
    subject the participle takes; the span is that verb's). None otherwise; no further left than `lo`."""
    ts = tagged_sentence(art, art.sentence_of(start), upto=cue + 1)
    toks = ts.tokens
    k = bisect.bisect_left(ts.starts, start)
    vi = bisect.bisect_left(ts.starts, cue)
    lo_index = bisect.bisect_left(ts.starts, lo)
    if k >= len(toks) or vi >= len(toks) or toks[vi][1] != cue:
        return None
    j = k - 1
    while j > lo_index and toks[j][3] in ("DT", "PDT", "JJ", "CC") and toks[j][0].lower() in _PRE_PLACE_WORDS:
        j -= 1  # "in both Syria and Iraq", "across all Syria"
    if j <= lo_index or toks[j][0].lower() not in MODIFYING_PREPOSITIONS or toks[j][0].lower() in _WHOSE:
        return None
    between = toks[lo_index:j]
    if any(t[3] in (",", ":") or t[0] in _QUOTES for t in between[-12:]):
        return None  # a comma or quote: another clause, not one plain phrase
    if toks[vi][3] == "VBG":
        # the cue is a participle: its subject is the clause's before it (the finite verb
        # nearest it, after an auxiliary when there is one)
        for f in range(j - 1, lo_index, -1):
            if toks[f][3] in _FINITE_TAGS:
                g = f
                while g + 1 < j and toks[g + 1][3] in ("VBN", "VBG", "RB") and toks[g][0].lower() in _AUXILIARIES:
                    g += 1  # "has reaffirmed": the main verb
                return "verb", (toks[g][1], toks[g][2])
        return None
    # the cue is finite: a participle modifying the noun before it, with no finite verb between
    for p in range(j - 1, lo_index, -1):
        tag = toks[p][3]
        if tag in _FINITE_TAGS:
            return None
        if tag in ("VBG", "VBN") and toks[p - 1][3] in _NOUN_TAGS:
            first = ts.chunk_ending.get(p - 1, p - 1)
            if first < lo_index:
                return None
            return "noun", (toks[first][1], toks[p - 1][2])
    return None


def participle_subject(art, lo: int, cue: int, found: SubjectMatch, clause_subject) -> SubjectMatch:
    """`found`, unless it is a place after a preposition inside a participle phrase: then the
    noun the participle modifies ("The coalition targeting the jihadists in Syria reported"),
    or, when the cue is the participle, the subject of the clause before it ("OCHA has
    reaffirmed its commitment to aid within Syria stating"). `clause_subject(art, lo, end)` finds
    the subject of the clause that ends at `end` (speaker_np.np_subject_before, passed in: that
    module calls this one). Offsets are characters into the article text."""
    host = participle_host(art, lo, found.spans[0][0], cue)
    if host is None or not is_place(art, found.spans[0]):
        return found
    kind, span = host
    if kind == "noun":
        return SubjectMatch([span], found.negated, found.passive, False)
    clause = clause_subject(art, lo, span[0])
    if not clause or clause.negated or clause.passive:
        return found
    subject = clause.spans[0]
    if clause.maybe_object:
        # "suspending operations in Syria OCHA has reaffirmed": without commas the place
        # closing an opening phrase is glued to the name that begins the clause
        subject = name_after_place(art, subject)
        if subject is None:
            return found
    return SubjectMatch([subject], found.negated, found.passive, False)


def name_after_place(art, span: tuple[int, int]) -> tuple[int, int] | None:
    """The capitalised name after a leading place in the phrase at `span` (characters):
    "Syria OCHA" gives "OCHA"; None when the phrase opens with no place or no name follows."""
    words = list(re.finditer(r"\S+", art.text[span[0]:span[1]]))
    for n in range(1, len(words)):
        rest = (span[0] + words[n].start(), span[1])
        if words[n].group()[:1].isupper() and is_place(art, (span[0], span[0] + words[n - 1].end())) \
                and not is_place(art, rest):
            return rest
    return None

"""Open-vocabulary speaker phrases: the subject of a speech verb found with the part-of-speech
tagger and noun-phrase chunker (quotelens.extract.postag, quotelens.extract.chunk), so that any
noun phrase can speak ("the suit says", "Madaya evacuees said", "an official familiar with the
talks said"), with appositions ("X, a co-author of the report, said", "Name, 50, said"),
relative clauses ("X, who ..., said") and post-modifiers ("a group tracking the violence said",
"The Syrian Coalition an opposition group based outside the country said").

The subject is the noun phrase ending right before the cue (auxiliaries, adverbs and negation
skipped). It is extended leftwards over prepositional phrases, participle and adjective
modifiers, coordination and an apposition written without commas, but the extension is kept
only when it reaches a place where a subject can begin (the sentence start, a comma, a quote
mark, "and"/"but", a relative pronoun); otherwise the nearest phrase alone is the subject.
A phrase right after a preposition or a lexical verb is that word's object ("... killed 1102
people said the Observatory"), not a subject: no subject is returned, so the inverted reading
("said the Observatory") can be tried.

How far a noun phrase reaches is measured in quotelens.extract.subject_extent.
Sentences are tagged and chunked only when a rule asks, and only as far as it needs
(quotelens.extract.tagged). Reads: an `ArticleState`'s text and sentences. Writes: spans
(characters into the text) as `SubjectMatch`.
"""

from __future__ import annotations

import bisect
import re

from quotelens.extract import speech_verbs
from quotelens.extract.described_person import described_person_before
from quotelens.extract.lexicon.grammar_words import NEGATORS
from quotelens.extract.lexicon.post_modifiers import RELAY_PARTICIPLES
from quotelens.extract.lexicon.speech_verbs import NOUN_HOMOGRAPHS
from quotelens.extract.lexicon.syntax_words import AUXILIARY_VERBS, BE_FORMS, HYPOTHETICAL_MODALS, NEGATIVE_DETERMINERS
from quotelens.extract.object_heads import participle_subject
from quotelens.extract.speaker_phrases import SubjectMatch, subject_before
from quotelens.extract.subject_extent import (
    ADVERB_TAGS, FINITE_TAGS, VERB_TAGS, capitalised, np_ending_at, plain_start, subject_start,
)
from quotelens.extract.tagged import TaggedSentence, tagged_sentence
from quotelens.extract.time_adjuncts import before_time_adjunct, time_word


class _NotASubject:
    """What np_subject_before returns when the tagger rules a subject out (the cue is a noun,
    or the words before it are an object), so no other rule should look for one."""

    def __bool__(self) -> bool:
        return False


NOT_A_SUBJECT = _NotASubject()


def _base_form(word: str) -> bool:
    """Whether a speech-verb form is its base form ("say", not "said", "says")."""
    try:
        return speech_verbs.lookup(word)[0].split()[0] == word.lower()
    except KeyError:
        return False


def _adjectival(ts: TaggedSentence, vi: int) -> bool:
    """A past participle used as an adjective or reduced relative, not a finite speech verb:
    before a noun ("alleged attack") or before "by" with no auxiliary ("a condition
    characterised by ..."): no statement."""
    toks = ts.tokens
    if toks[vi][3] not in ("VBN", "JJ") or vi + 1 >= len(toks):
        return False
    if vi == 0 or toks[vi - 1][3] not in ("NN", "NNS", "NNP", "NNPS", "JJ", "DT", "POS", "PRP$"):
        return False  # after a comma, an auxiliary or an adverb it is a verb ("X, ..., described today")
    nxt_word, _, _, nxt_tag = toks[vi + 1]
    return (nxt_tag in ("NN", "NNS") and not time_word(ts, vi + 1)) or nxt_word.lower() == "by"


def np_subject_before(art, lo: int, cue: int):
    """The subject of the speech verb starting at character offset `cue`, looking no further
    left than `lo`, as a SubjectMatch (speaker phrase spans nearest the cue first; negated
    and passive flags); NOT_A_SUBJECT when the tagger rules one out (the cue is a noun here,
    or the phrase before it is an object); None when it finds no noun phrase there."""
    si = art.sentence_of(cue)
    ts = tagged_sentence(art, si, upto=cue + 1)
    toks = ts.tokens
    vi = bisect.bisect_left(ts.starts, cue)
    if vi >= len(toks) or toks[vi][1] != cue:
        return None
    phrasal = vi + 1 < len(toks) and (toks[vi + 1][3] == "RP" or toks[vi + 1][0].lower() == "out")
    if toks[vi][3] not in VERB_TAGS and toks[vi][0].lower() in NOUN_HOMOGRAPHS and not phrasal:
        return NOT_A_SUBJECT  # a noun here: "the news reports", "opening remarks" (not "points out")
    if _adjectival(ts, vi):
        return NOT_A_SUBJECT  # "the site of Tuesday's alleged attack", "a condition characterised by"
    lo_index = bisect.bisect_left(ts.starts, lo)
    negated = passive = False
    i = vi - 1
    while i >= lo_index:
        word, _, _, tag = toks[i]
        low = word.lower()
        if low in NEGATORS or low == "n't":
            negated = True
        elif low in BE_FORMS and toks[vi][3] in ("VBN", "VBD") and tag not in ("NNP", "NNPS"):
            passive = True  # "was reported", "is said", "were twice denied", "has been widely accused"
        elif low == "to" and tag == "TO":
            return None  # an infinitive ("declined to say")
        elif tag == "MD" and toks[vi][3] == "VB" and low in HYPOTHETICAL_MODALS:
            negated = True  # hypothetical or future speech ("could say", "would tell", "will announce")
        elif tag == "MD" and capitalised(word) and not _base_form(toks[vi][0]):
            break  # no modal before "added"/"said"/"says": a name ("May added", Theresa May)
        elif not (tag in ADVERB_TAGS or tag == "MD" or (low in AUXILIARY_VERBS and tag not in ("NNP", "NNPS"))):
            break
        i -= 1
    if i < lo_index:
        return None
    i = before_time_adjunct(ts, i, lo_index)
    if i < lo_index:
        return None
    if toks[i][3] == ",":
        return _before_comma(ts, i, lo_index, negated, passive, skipped=i < vi - 1)
    first = np_ending_at(ts, i)
    if first is None or first < lo_index or time_word(ts, i):
        return None
    found = subject_start(ts, first, i, lo_index)
    if toks[first][0].lower() in NEGATIVE_DETERMINERS or (first > 0 and toks[first - 1][0].lower() in NEGATIVE_DETERMINERS):
        negated = True  # "No group has claimed", "none of the officials said"
    if isinstance(found[1], bool):
        start, maybe_object = found
        host = _relay_host(ts, min(start, first), i, lo_index)
        if host is not None:
            return SubjectMatch([(toks[host[0]][1], toks[host[1]][2])], negated, passive, False)
        return SubjectMatch([(toks[start][1], toks[i][2])], negated, passive, maybe_object)
    # the antecedent of a relative clause: without commas the clause may belong to an object
    # ("... the Kurdish administration that controls ... in the northeast said the Observatory")
    return SubjectMatch([found], negated, passive, maybe_object=True)


def _relay_host(ts: TaggedSentence, start: int, last: int, lo_index: int) -> tuple[int, int] | None:
    """(first, last) tokens of the common noun phrase a relaying participle modifies, when the
    subject found (tokens `start`..`last`) holds or follows one: "the statement carried by state
    news agency SANA said", "the report accompanying Tuesday's briefing by ... Valerie Amos said"
    (the statement, the report: the name after the participle only passed the words on or
    gave the briefing). None when there is no such participle right after a common noun."""
    toks = ts.tokens
    # the subject may be only the name after "by": look back over its preposition and participle
    p0 = start
    while p0 - 1 > lo_index and start - p0 < 5 and toks[p0 - 1][3] in ("NN", "NNS", "NNP", "NNPS", "JJ", "DT"):
        p0 -= 1  # "carried by state news agency SANA": the name glued to its description
    if p0 - 2 > lo_index and toks[p0 - 1][0].lower() in ("by", "from") and toks[p0 - 2][0].lower() in RELAY_PARTICIPLES:
        p0 -= 3
    elif p0 - 1 > lo_index and toks[p0 - 1][0].lower() in RELAY_PARTICIPLES:
        p0 -= 2
    for p in range(max(p0, lo_index + 1), last):
        word, _, _, tag = toks[p]
        if word.lower() in RELAY_PARTICIPLES and tag in ("VBN", "VBD", "VBG", "JJ") \
                and toks[p - 1][3] in ("NN", "NNS"):
            first = np_ending_at(ts, p - 1)
            if first is None or first < lo_index:
                return None
            host_start, maybe_object = plain_start(ts, first, p - 1, lo_index)
            return None if maybe_object else (host_start, p - 1)
    return None


def _before_comma(ts: TaggedSentence, comma: int, lo_index: int, negated: bool, passive: bool,
                  skipped: bool = False) -> SubjectMatch | None:
    """'A, B, said' (apposition: B then A), 'Name, 50, said', 'X, who ..., said' (X), and
    'X, however, said' (X); None for anything else."""
    toks = ts.tokens
    k = comma - 1
    while k >= lo_index and toks[k][3] != ",":
        k -= 1
    if k < lo_index:
        if not skipped:
            return None  # "Institutional recipients, said Mauer, ...": an inverted tag
        # one comma only, then an auxiliary ("The firm Secunia.com, has said"): the phrase before it
        first = np_ending_at(ts, comma - 1)
        if first is None or first < lo_index:
            return None
        start, maybe_object = plain_start(ts, first, comma - 1, lo_index)
        if maybe_object:
            return None
        return SubjectMatch([(toks[start][1], toks[comma - 1][2])], negated, passive)
    seg_first, seg_last = k + 1, comma - 1
    if seg_first > seg_last:
        return None
    head_word, _, _, head_tag = toks[seg_first]
    name_first = np_ending_at(ts, k - 1)
    if name_first is None or name_first < lo_index:
        return None
    name_first, maybe_object = plain_start(ts, name_first, k - 1, lo_index)
    if maybe_object:
        return None
    while name_first > lo_index and capitalised(toks[name_first][0]) and capitalised(toks[name_first - 1][0]) \
            and toks[name_first - 1][3] in ("JJ", "NN", "NNS"):
        name_first -= 1  # a name's words the tagger read as common words: "Human Rights Watch, a group,"
    name = (toks[name_first][1], toks[k - 1][2])
    segment = (toks[seg_first][1], toks[seg_last][2])
    seg_tags = [t[3] for t in toks[seg_first:seg_last + 1]]
    if head_tag in ("WP", "WDT", "WP$") or head_word.lower() in ("who", "which", "whose"):
        return SubjectMatch([name], negated, passive)  # a relative clause
    if all(t in ADVERB_TAGS for t in seg_tags) or seg_tags == ["CD"]:
        return SubjectMatch([name], negated, passive)  # "however", an age
    if any(t in FINITE_TAGS for t in seg_tags):
        return None  # a clause, not an apposition
    if head_tag in ("DT", "PRP$", "JJ", "NN", "NNS", "NNP", "NNPS", "CD", "VBN"):
        # an indefinite apposition describes the phrase before it ("X, an NGO, said": X)
        indefinite = head_word.lower() in ("a", "an")
        return SubjectMatch([name, segment] if indefinite else [segment, name], negated, passive)
    return None


def speaker_before(art, lo: int, cue: int) -> SubjectMatch | None:
    """The speaker phrase before the cue at `cue` (characters), not looking left of `lo`: the
    tagger's subject (np_subject_before), else the word-list walk of
    quotelens.extract.speaker_phrases.subject_before when the tagger finds no noun phrase;
    NOT_A_SUBJECT (falsy) when the tagger reads the cue word as a noun or an adjective."""
    found = np_subject_before(art, lo, cue)
    if found is NOT_A_SUBJECT:
        return found  # falsy: the cue is no speech verb here
    found = found if found is not None else subject_before(art.text, lo, cue)
    if found is None:
        # the phrase before the cue is no noun phrase ("... Chemical Weapons [OPCW] said"), but
        # the subject may still open with a person and their description
        person = described_person_before(art, lo, cue)
        if person is None:
            return None
        between = re.findall(r"[\w']+", art.text[person[1]:cue].lower())
        negated = any(w in NEGATORS or w.endswith("n't") for w in between)
        return SubjectMatch([person], negated, False)
    if found:
        found = participle_subject(art, lo, cue, found, np_subject_before)
    if found:
        # "Khaled Al-Maeena, editor at large at the Saudi Gazette, said": the person named
        # first is the speaker; the phrase before the cue may be the description's tail
        person = described_person_before(art, lo, cue)
        if person is not None and found.spans[:1] != [person]:
            spans = [person] + [sp for sp in found.spans if sp != person]
            found = SubjectMatch(spans, found.negated, found.passive, found.maybe_object)
    return found


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
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.post_modifiers import RELAY_PARTICIPLES
from quotelens.extract.lexicon.syntax_words import (
    AUXILIARY_VERBS, BE_FORMS, CLAUSE_PREPOSITIONS, HYPOTHETICAL_MODALS, NEGATIVE_DETERMINERS,
    SUBJECT_BOUNDARY_WORDS,
)
from quotelens.extract.lexicon.speech_verbs import NOUN_HOMOGRAPHS, TELL_LEMMAS
from quotelens.extract.object_heads import participle_subject
from quotelens.extract.speaker_phrases import SubjectMatch, subject_before
from quotelens.extract.tagged import TaggedSentence, tagged_sentence
from quotelens.extract.time_adjuncts import before_time_adjunct, is_date_word, time_word

_NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS", "PRP", "CD"))
_VERB_TAGS = frozenset(("VB", "VBD", "VBZ", "VBP", "VBN", "VBG"))
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_ADVERB_TAGS = frozenset(("RB", "RBR", "RBS"))
_QUOTE_TOKENS = frozenset(('"', "“", "”", "``", "''", "'", "‘", "’", "«", "»"))
_MISTAGGED_NAME = frozenset(("VB", "VBD", "VBN", "VBG", "VBZ", "VBP", "JJ"))
_HAS_WORD = re.compile(r"[^\W_]")
MAX_EXTENSIONS = 4  # prepositional phrases, modifiers and conjuncts added to one subject


class _NotASubject:
    """What np_subject_before returns when the tagger rules a subject out (the cue is a noun,
    or the words before it are an object), so no other rule should look for one."""

    def __bool__(self) -> bool:
        return False


NOT_A_SUBJECT = _NotASubject()


def _np_ending_at(ts: TaggedSentence, i: int) -> int | None:
    """First token index of the noun phrase ending at token `i` (headed by a noun or
    pronoun), without a leading relative pronoun, date or time word ("which the Church",
    "2014 Reuters", "Wednesday Pentagon officials"), and with a name particle before it
    ("de Mistura"); None when there is none."""
    if i < 0:
        return None
    toks = ts.tokens
    if (toks[i][3] not in _NOUN_TAGS and not (toks[i][3] == "MD" and _capitalised(toks[i][0]))) \
            or not _HAS_WORD.search(toks[i][0]):
        return None  # (a stray mark or an invisible character the tagger called a noun)
    first = ts.chunk_ending.get(i, i)
    while first < i and not _HAS_WORD.search(toks[first][0]):
        first += 1
    while first < i and (toks[first][3] in ("WDT", "WP", "WP$") or is_date_word(toks[first][0], toks[first][3])):
        first += 1
    particle = False
    while first > 0 and toks[first - 1][0].lower() in PARTICLES and (
            toks[first - 1][0].islower() or first - 1 == 0 or particle):
        first -= 1  # "de Mistura", "van der Berg", "Van der Berg" opening a sentence
        particle = True
    while particle and first > 0 and toks[first - 1][3] in ("NNP", "NNPS") and _capitalised(toks[first - 1][0]):
        first -= 1  # the given name before the particles: "Jan van der Berg"
    while first > 1 and toks[first][3] in ("NNP", "NNPS") and toks[first - 1][3] in _MISTAGGED_NAME \
            and _capitalised(toks[first - 1][0]) and toks[first - 1][0].isalpha():
        first -= 1  # a given name the tagger took for a verb or adjective: "Khaled Al-Maeena"
    return first


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


def _boundary_before(ts: TaggedSentence, i: int, lo_index: int, weak: bool = True) -> bool:
    """Whether a subject may begin at token `i`: the start of the searched stretch, or after
    punctuation, a quote mark, a conjunction, a relative pronoun or a complementiser; with
    `weak`, also right after another noun phrase or an adverb (text without commas, FA-KES:
    "... on Raqa were ISIL militants the Syrian Observatory said")."""
    if i <= lo_index:
        return True
    word, _, _, tag = ts.tokens[i - 1]
    if weak and (tag in _NOUN_TAGS or tag in _ADVERB_TAGS or tag in ("-RRB-", ")")):
        return True
    if tag in ("VBD", "VBZ", "VBP") and _reports_clause(word):
        return True  # "The Observatory said medical sources in the town reported": a clause's subject
    return (tag in (",", ":", "``", "''", "-LRB-", "HYPH", "NFP") or word in _QUOTE_TOKENS
            or word.lower() in SUBJECT_BOUNDARY_WORDS or word.lower() in CLAUSE_PREPOSITIONS
            or tag in ("WDT", "WP", "CC")
            or word in ("--", "—", "–", "-", ";", ":"))


def _reports_clause(word: str) -> bool:
    """A finite speech verb that reports a clause ("said", "reported", not "told": its next noun
    phrase is the addressee), so the noun phrase after it opens the reported clause."""
    lemma, family = speech_verbs.verb_table().get(word.lower(), ("", ""))
    return family == "clause" and lemma not in TELL_LEMMAS


def _steps(ts: TaggedSentence, first: int, lo_index: int) -> list[tuple[int, bool]]:
    """Where a subject ending in the noun phrase at `first` may start, nearest first: the
    phrase itself, then each leftward extension over a prepositional phrase, a participle or
    adjective modifier ("based outside the country", "familiar with the talks"), "and", a
    participle ("a group tracking the violence") or an adjacent chunk ("Aleppo Today"); with
    for each whether it is name-internal (capitalised words on both sides: "Syrian Observatory
    for Human Rights", "Revolutionary and Opposition Forces")."""
    toks = ts.tokens
    out = [(first, False)]
    for _ in range(MAX_EXTENSIONS):
        j = first - 1
        if j < lo_index:
            break
        word, _, _, tag = toks[j]
        low = word.lower()
        prev = None
        internal = False
        if tag in ("IN", "TO") and low not in CLAUSE_PREPOSITIONS:
            k = j - 1
            if k > lo_index and toks[k][3] in ("VBN", "VBD", "VBG", "JJ"):
                k -= 1  # "based in Hmeimim" (a participle the tagger may call a past tense)
            prev = _np_ending_at(ts, k)
            internal = low in ("of", "for") and k == j - 1 and _capitalised(toks[k][0]) and _capitalised(toks[first][0])
        elif tag == "CC" and low in ("and", "&"):
            prev = _np_ending_at(ts, j - 1)
            internal = _capitalised(toks[j - 1][0]) and _capitalised(toks[first][0])
        elif tag == "VBG":
            prev = _np_ending_at(ts, j - 1)
        elif j in ts.chunk_ending and (toks[first][3] in ("DT", "NNP", "NNPS") or toks[first][0] in PARTICLES):
            prev = ts.chunk_ending[j]
            internal = (toks[first][3] in ("NNP", "NNPS") or toks[first][0] in PARTICLES) \
                and toks[j][3] in ("NNP", "NNPS")  # "Aleppo Today", "Jan van der Berg"
        if prev is None or prev < lo_index:
            break
        first = prev
        out.append((first, internal))
    return out


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _after_preposition_or_verb(ts: TaggedSentence, first: int, lo_index: int) -> bool:
    if first <= lo_index:
        return False
    word, _, _, tag = ts.tokens[first - 1]
    return tag in ("IN", "TO") or (tag in _VERB_TAGS and word.lower() not in AUXILIARY_VERBS)


def _definite_name_phrase(ts: TaggedSentence, start: int) -> bool:
    """A phrase opening with "the" and a capitalised word ("the Russian center for ..."): in
    text without commas such a phrase after another noun starts a new subject."""
    toks = ts.tokens
    return toks[start][0].lower() == "the" and start + 1 < len(toks) and _capitalised(toks[start + 1][0])


def _indefinite_apposition(ts: TaggedSentence, start: int) -> bool:
    """'The Syrian Coalition an opposition group ...': a phrase opening with "a"/"an" right
    after a capitalised phrase continues it (an apposition without commas)."""
    toks = ts.tokens
    if not (start > 0 and toks[start][0].lower() in ("a", "an") and (start - 1) in ts.chunk_ending):
        return False
    c = ts.chunk_ending[start - 1]
    # not after a preposition's object: "... in northern Syria a monitor said" (a new subject)
    return any(t[3] in ("NNP", "NNPS") for t in toks[c:start]) and not (c > 0 and toks[c - 1][3] in ("IN", "TO"))


def _subject_start(ts: TaggedSentence, first: int, last: int, lo_index: int):
    """(start token, maybe_object) of the subject ending at token `last`, whose nearest noun
    phrase starts at `first`; or a (start, end) character span of the antecedent of a relative
    clause. Name-internal extensions are always taken; other extensions up to the first place
    where a subject can begin; a glued proper name ("coalition Pentagon officials") is cut out."""
    steps = _steps(ts, first, lo_index)
    k = 0
    while k + 1 < len(steps) and steps[k + 1][1]:
        k += 1
    start0 = steps[k][0]
    if _after_preposition_or_verb(ts, start0, lo_index):
        relative = _relative_antecedent(ts, start0, lo_index)
        if relative is not None:
            return relative
        name = _trailing_name(ts, start0, last)
        if name > start0:
            return name, False
    for n, (start, _) in enumerate(steps[k:]):
        # without commas a chain of phrases is ambiguous: past one extension, only a clear
        # boundary (punctuation, a conjunction, the sentence start) ends the subject
        weak = n <= 1 or _definite_name_phrase(ts, start)
        if _boundary_before(ts, start, lo_index, weak=weak) and not _indefinite_apposition(ts, start):
            return start, False
    return start0, _after_preposition_or_verb(ts, start0, lo_index)


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
    if toks[vi][3] not in _VERB_TAGS and toks[vi][0].lower() in NOUN_HOMOGRAPHS and not phrasal:
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
        elif tag == "MD" and _capitalised(word) and not _base_form(toks[vi][0]):
            break  # no modal before "added"/"said"/"says": a name ("May added", Theresa May)
        elif not (tag in _ADVERB_TAGS or tag == "MD" or (low in AUXILIARY_VERBS and tag not in ("NNP", "NNPS"))):
            break
        i -= 1
    if i < lo_index:
        return None
    i = before_time_adjunct(ts, i, lo_index)
    if i < lo_index:
        return None
    if toks[i][3] == ",":
        return _before_comma(ts, i, lo_index, negated, passive, skipped=i < vi - 1)
    first = _np_ending_at(ts, i)
    if first is None or first < lo_index or time_word(ts, i):
        return None
    found = _subject_start(ts, first, i, lo_index)
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
            first = _np_ending_at(ts, p - 1)
            if first is None or first < lo_index:
                return None
            host_start, maybe_object = _plain_start(ts, first, p - 1, lo_index)
            return None if maybe_object else (host_start, p - 1)
    return None


def _plain_start(ts: TaggedSentence, first: int, last: int, lo_index: int) -> tuple[int, bool]:
    """`_subject_start` as a token start (a relative clause's antecedent counts as not found)."""
    found = _subject_start(ts, first, last, lo_index)
    if isinstance(found[1], bool):
        return found
    return first, True


def _trailing_name(ts: TaggedSentence, first: int, last: int) -> int:
    """In a chunk glued to the one before it in text without commas ("the US-led coalition
    Pentagon officials"), the token where a proper noun follows a common noun; else `first`."""
    toks = ts.tokens
    for k in range(last, first, -1):
        if toks[k][3] in ("NNP", "NNPS") and toks[k - 1][3] in ("NN", "NNS"):
            return k
    return first


def _relative_antecedent(ts: TaggedSentence, first: int, lo_index: int) -> tuple[int, int] | None:
    """'Al Watan daily which is close to the government also reported': the noun phrase
    before a relative pronoun whose clause holds a verb and runs up to the cue; as a span."""
    toks = ts.tokens
    for k in range(first - 1, lo_index, -1):
        word, _, _, tag = toks[k]
        if tag in (",", ".", ":") or word in _QUOTE_TOKENS:
            return None
        if tag in ("WDT", "WP") or word.lower() in ("which", "who"):
            if not any(t[3] in _FINITE_TAGS for t in toks[k + 1:first]):
                return None
            start = _np_ending_at(ts, k - 1)
            if start is None or start < lo_index:
                return None
            steps = _steps(ts, start, lo_index)
            start = next((st for st, internal in steps if _boundary_before(ts, st, lo_index)), steps[0][0])
            return toks[start][1], toks[k - 1][2]
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
        first = _np_ending_at(ts, comma - 1)
        if first is None or first < lo_index:
            return None
        start, maybe_object = _plain_start(ts, first, comma - 1, lo_index)
        if maybe_object:
            return None
        return SubjectMatch([(toks[start][1], toks[comma - 1][2])], negated, passive)
    seg_first, seg_last = k + 1, comma - 1
    if seg_first > seg_last:
        return None
    head_word, _, _, head_tag = toks[seg_first]
    name_first = _np_ending_at(ts, k - 1)
    if name_first is None or name_first < lo_index:
        return None
    name_first, maybe_object = _plain_start(ts, name_first, k - 1, lo_index)
    if maybe_object:
        return None
    while name_first > lo_index and _capitalised(toks[name_first][0]) and _capitalised(toks[name_first - 1][0]) \
            and toks[name_first - 1][3] in ("JJ", "NN", "NNS"):
        name_first -= 1  # a name's words the tagger read as common words: "Human Rights Watch, a group,"
    name = (toks[name_first][1], toks[k - 1][2])
    segment = (toks[seg_first][1], toks[seg_last][2])
    seg_tags = [t[3] for t in toks[seg_first:seg_last + 1]]
    if head_tag in ("WP", "WDT", "WP$") or head_word.lower() in ("who", "which", "whose"):
        return SubjectMatch([name], negated, passive)  # a relative clause
    if all(t in _ADVERB_TAGS for t in seg_tags) or seg_tags == ["CD"]:
        return SubjectMatch([name], negated, passive)  # "however", an age
    if any(t in _FINITE_TAGS for t in seg_tags):
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


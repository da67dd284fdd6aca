"""How far the subject of a speech verb reaches: the noun phrase ending at a token, its leftward
extensions (prepositional phrases, participle and adjective modifiers, "and", an adjacent
chunk), and the places where a subject may begin, on a tagged and chunked sentence.

quotelens.extract.speaker_np decides which subject a cue has; this module only measures noun
phrases. Reads: a `TaggedSentence` (quotelens.extract.tagged). Writes: token indices, and
(start, end) character spans for the antecedent of a relative clause.
"""

from __future__ import annotations

import re

from quotelens.extract import speech_verbs
from quotelens.extract.lexicon.particles import PARTICLES
from quotelens.extract.lexicon.speech_verbs import TELL_LEMMAS
from quotelens.extract.lexicon.syntax_words import AUXILIARY_VERBS, CLAUSE_PREPOSITIONS, SUBJECT_BOUNDARY_WORDS
from quotelens.extract.tagged import TaggedSentence
from quotelens.extract.time_adjuncts import is_date_word

NOUN_TAGS = frozenset(("NN", "NNS", "NNP", "NNPS", "PRP", "CD"))
VERB_TAGS = frozenset(("VB", "VBD", "VBZ", "VBP", "VBN", "VBG"))
FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
ADVERB_TAGS = frozenset(("RB", "RBR", "RBS"))
QUOTE_TOKENS = frozenset(('"', "“", "”", "``", "''", "'", "‘", "’", "«", "»"))
MISTAGGED_NAME = frozenset(("VB", "VBD", "VBN", "VBG", "VBZ", "VBP", "JJ"))
HAS_WORD = re.compile(r"[^\W_]")
MAX_EXTENSIONS = 4  # prepositional phrases, modifiers and conjuncts added to one subject


def np_ending_at(ts: TaggedSentence, i: int) -> int | None:
    """First token index of the noun phrase ending at token `i` (headed by a noun or
    pronoun), without a leading relative pronoun, date or time word ("which the Church",
    "2014 Reuters", "Wednesday Pentagon officials"), and with a name particle before it
    ("de Mistura"); None when there is none."""
    if i < 0:
        return None
    toks = ts.tokens
    if (toks[i][3] not in NOUN_TAGS and not (toks[i][3] == "MD" and capitalised(toks[i][0]))) \
            or not HAS_WORD.search(toks[i][0]):
        return None  # (a stray mark or an invisible character the tagger called a noun)
    first = ts.chunk_ending.get(i, i)
    while first < i and not HAS_WORD.search(toks[first][0]):
        first += 1
    while first < i and (toks[first][3] in ("WDT", "WP", "WP$") or is_date_word(toks[first][0], toks[first][3])):
        first += 1
    particle = False
    while first > 0 and toks[first - 1][0].lower() in PARTICLES and (
            toks[first - 1][0].islower() or first - 1 == 0 or particle):
        first -= 1  # "de Mistura", "van der Berg", "Van der Berg" opening a sentence
        particle = True
    while particle and first > 0 and toks[first - 1][3] in ("NNP", "NNPS") and capitalised(toks[first - 1][0]):
        first -= 1  # the given name before the particles: "Jan van der Berg"
    while first > 1 and toks[first][3] in ("NNP", "NNPS") and toks[first - 1][3] in MISTAGGED_NAME \
            and capitalised(toks[first - 1][0]) and toks[first - 1][0].isalpha():
        first -= 1  # a given name the tagger took for a verb or adjective: "Khaled Al-Maeena"
    return first


def boundary_before(ts: TaggedSentence, i: int, lo_index: int, weak: bool = True) -> bool:
    """Whether a subject may begin at token `i`: the start of the searched stretch, or after
    punctuation, a quote mark, a conjunction, a relative pronoun or a complementiser; with
    `weak`, also right after another noun phrase or an adverb (text without commas, FA-KES:
    "... on Raqa were ISIL militants the Syrian Observatory said")."""
    if i <= lo_index:
        return True
    word, _, _, tag = ts.tokens[i - 1]
    if weak and (tag in NOUN_TAGS or tag in ADVERB_TAGS or tag in ("-RRB-", ")")):
        return True
    if tag in ("VBD", "VBZ", "VBP") and reports_clause(word):
        return True  # "The Observatory said medical sources in the town reported": a clause's subject
    return (tag in (",", ":", "``", "''", "-LRB-", "HYPH", "NFP") or word in QUOTE_TOKENS
            or word.lower() in SUBJECT_BOUNDARY_WORDS or word.lower() in CLAUSE_PREPOSITIONS
            or tag in ("WDT", "WP", "CC")
            or word in ("--", "—", "–", "-", ";", ":"))


def reports_clause(word: str) -> bool:
    """A finite speech verb that reports a clause ("said", "reported", not "told": its next noun
    phrase is the addressee), so the noun phrase after it opens the reported clause."""
    lemma, family = speech_verbs.verb_table().get(word.lower(), ("", ""))
    return family == "clause" and lemma not in TELL_LEMMAS


def subject_steps(ts: TaggedSentence, first: int, lo_index: int) -> list[tuple[int, bool]]:
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
            prev = np_ending_at(ts, k)
            internal = low in ("of", "for") and k == j - 1 and capitalised(toks[k][0]) and capitalised(toks[first][0])
        elif tag == "CC" and low in ("and", "&"):
            prev = np_ending_at(ts, j - 1)
            internal = capitalised(toks[j - 1][0]) and capitalised(toks[first][0])
        elif tag == "VBG":
            prev = np_ending_at(ts, j - 1)
        elif j in ts.chunk_ending and (toks[first][3] in ("DT", "NNP", "NNPS") or toks[first][0] in PARTICLES):
            prev = ts.chunk_ending[j]
            internal = (toks[first][3] in ("NNP", "NNPS") or toks[first][0] in PARTICLES) \
                and toks[j][3] in ("NNP", "NNPS")  # "Aleppo Today", "Jan van der Berg"
        if prev is None or prev < lo_index:
            break
        first = prev
        out.append((first, internal))
    return out


def capitalised(word: str) -> bool:
    return word[:1].isupper()


def after_preposition_or_verb(ts: TaggedSentence, first: int, lo_index: int) -> bool:
    if first <= lo_index:
        return False
    word, _, _, tag = ts.tokens[first - 1]
    return tag in ("IN", "TO") or (tag in VERB_TAGS and word.lower() not in AUXILIARY_VERBS)


def definite_name_phrase(ts: TaggedSentence, start: int) -> bool:
    """A phrase opening with "the" and a capitalised word ("the Russian center for ..."): in
    text without commas such a phrase after another noun starts a new subject."""
    toks = ts.tokens
    return toks[start][0].lower() == "the" and start + 1 < len(toks) and capitalised(toks[start + 1][0])


def indefinite_apposition(ts: TaggedSentence, start: int) -> bool:
    """'The Syrian Coalition an opposition group ...': a phrase opening with "a"/"an" right
    after a capitalised phrase continues it (an apposition without commas)."""
    toks = ts.tokens
    if not (start > 0 and toks[start][0].lower() in ("a", "an") and (start - 1) in ts.chunk_ending):
        return False
    c = ts.chunk_ending[start - 1]
    # not after a preposition's object: "... in northern Syria a monitor said" (a new subject)
    return any(t[3] in ("NNP", "NNPS") for t in toks[c:start]) and not (c > 0 and toks[c - 1][3] in ("IN", "TO"))


def subject_start(ts: TaggedSentence, first: int, last: int, lo_index: int):
    """(start token, maybe_object) of the subject ending at token `last`, whose nearest noun
    phrase starts at `first`; or a (start, end) character span of the antecedent of a relative
    clause. Name-internal extensions are always taken; other extensions up to the first place
    where a subject can begin; a glued proper name ("coalition Pentagon officials") is cut out."""
    steps = subject_steps(ts, first, lo_index)
    k = 0
    while k + 1 < len(steps) and steps[k + 1][1]:
        k += 1
    start0 = steps[k][0]
    if after_preposition_or_verb(ts, start0, lo_index):
        relative = relative_antecedent(ts, start0, lo_index)
        if relative is not None:
            return relative
        name = trailing_name(ts, start0, last)
        if name > start0:
            return name, False
    for n, (start, _) in enumerate(steps[k:]):
        # without commas a chain of phrases is ambiguous: past one extension, only a clear
        # boundary (punctuation, a conjunction, the sentence start) ends the subject
        weak = n <= 1 or definite_name_phrase(ts, start)
        if boundary_before(ts, start, lo_index, weak=weak) and not indefinite_apposition(ts, start):
            return start, False
    return start0, after_preposition_or_verb(ts, start0, lo_index)


def plain_start(ts: TaggedSentence, first: int, last: int, lo_index: int) -> tuple[int, bool]:
    """`subject_start` as a token start (a relative clause's antecedent counts as not found)."""
    found = subject_start(ts, first, last, lo_index)
    if isinstance(found[1], bool):
        return found
    return first, True


def trailing_name(ts: TaggedSentence, first: int, last: int) -> int:
    """In a chunk glued to the one before it in text without commas ("the US-led coalition
    Pentagon officials"), the token where a proper noun follows a common noun; else `first`."""
    toks = ts.tokens
    for k in range(last, first, -1):
        if toks[k][3] in ("NNP", "NNPS") and toks[k - 1][3] in ("NN", "NNS"):
            return k
    return first


def relative_antecedent(ts: TaggedSentence, first: int, lo_index: int) -> tuple[int, int] | None:
    """'Al Watan daily which is close to the government also reported': the noun phrase
    before a relative pronoun whose clause holds a verb and runs up to the cue; as a span."""
    toks = ts.tokens
    for k in range(first - 1, lo_index, -1):
        word, _, _, tag = toks[k]
        if tag in (",", ".", ":") or word in QUOTE_TOKENS:
            return None
        if tag in ("WDT", "WP") or word.lower() in ("which", "who"):
            if not any(t[3] in FINITE_TAGS for t in toks[k + 1:first]):
                return None
            start = np_ending_at(ts, k - 1)
            if start is None or start < lo_index:
                return None
            steps = subject_steps(ts, start, lo_index)
            start = next((st for st, internal in steps if boundary_before(ts, st, lo_index)), steps[0][0])
            return toks[start][1], toks[k - 1][2]
    return None

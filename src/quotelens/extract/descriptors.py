"""Where a speaker phrase begins when a descriptor stands before the name: "CLAUSE Observatory
chief Rami Abdel Rahman said", "CLAUSE the Britain-based Syrian Observatory said" (FA-KES lost
its commas, so nothing but the words marks where the content ends and the speaker begins). The
descriptor belongs to the speaker phrase, not to the content (issue 14 item 6; the news gold
guideline, section 2: the content never holds the speaker).

Reads: an `ArticleState` (the tagger's tags of one sentence). Writes: a character offset.
"""

from __future__ import annotations

import bisect

from quotelens.extract.lexicon.descriptor_heads import NOT_DESCRIPTOR_HEADS
from quotelens.extract.lexicon.speaker_heads import ORG_ROLES, PERSON_ROLES, ROLE_WORDS
from quotelens.extract.lexicon.time_names import TIME_NAMES
from quotelens.extract.tagged import tagged_sentence

# A descriptor is at most this many tokens ("Syrian state-run news agency", "the UN childrens agency").
MAX_DESCRIPTOR_TOKENS = 6
# Tags after which a new noun phrase starts: the content's last word is a verb, number, pronoun,
# adverb, particle or punctuation (closing quote marks included).
_CLAUSE_END_TAGS = frozenset(("VB", "VBD", "VBZ", "VBP", "VBN", "VBG", "CD", "PRP", "RB", "RP", ".", ",", ":",
                              "''", ")"))
_NOUN_TAGS = frozenset(("NN", "NNS", "JJ", "JJR", "JJS"))


def _role(word: str) -> bool:
    """Whether `word` is a role word, possessive "s" (FA-KES drops the apostrophe) allowed."""
    low = word.lower()
    return low in ROLE_WORDS or (low.endswith("s") and low[:-1] in ROLE_WORDS)


def _modifier(word: str, person_head: bool) -> bool:
    """A word that can stand before the head of a descriptor: a role word or a hyphenated
    adjective ("state-run", "Britain-based"); before a person's role also a capitalised word or
    acronym naming the organisation ("Observatory director", "IFRC spokesman"), never a day or
    month name. An organisation's own name ("the Islamic State group") is no descriptor."""
    if _role(word):
        return True
    if "-" in word and word.split("-")[-1].lower() in ("run", "based", "backed", "owned", "affiliated"):
        return True
    if person_head and (word[:1].isupper() and word.replace(".", "").isalpha() or word.isupper() and len(word) > 1):
        return word.lower() not in TIME_NAMES
    return False


def descriptor_start(art, lo: int, name_start: int) -> int:
    """Character offset where the speaker phrase starts when a descriptor stands right before
    the name at `name_start` (`lo`: start of the sentence); `name_start` when there is none or
    where the boundary is unclear. The descriptor ends in a role noun ("chief", "agency",
    "Governor") and runs left over role words (and, before a person's role, capitalised words),
    up to "the" at most when all its words are role words; it is taken only when the word before
    it ends a clause (a verb, number, pronoun, closing mark, day name), or is a lower-case noun
    while the descriptor opens with a capital ("... carrying out raids Observatory chief").
    "the war observatory director" stays as it is (which noun ends the content cannot be told)."""
    si = art.sentence_of(name_start)
    ts = tagged_sentence(art, si, upto=name_start)
    k = bisect.bisect_left(ts.starts, name_start) - 1
    lo_k = bisect.bisect_left(ts.starts, lo)
    if k < lo_k:
        return name_start
    head = ts.tokens[k][0].lower()
    if head not in PERSON_ROLES | ORG_ROLES or head in NOT_DESCRIPTOR_HEADS:
        return name_start
    person_head = head in PERSON_ROLES
    first = k
    while first - 1 >= lo_k and k - first + 1 < MAX_DESCRIPTOR_TOKENS:
        word = ts.tokens[first - 1][0]
        if word.lower() == "the":
            if all(_role(t[0]) for t in ts.tokens[first:k]):
                first -= 1
            break
        if not _modifier(word, person_head):
            break
        first -= 1
    if first - 1 < lo_k:
        return name_start  # nothing before it: the whole clause would go
    if first == k and not person_head:
        return name_start  # a lone "agency", "coalition" ends the content's own noun phrase as often
    before_word, _, _, before_tag = ts.tokens[first - 1]
    opener = ts.tokens[first][0]
    if before_tag in _CLAUSE_END_TAGS and before_word.lower() != "one" or before_word in ("\"", "”", "’") \
            or before_word.lower() in TIME_NAMES:
        return ts.tokens[first][1]
    if before_tag in _NOUN_TAGS and before_word[:1].islower() and opener[:1].isupper():
        return ts.tokens[first][1]
    return name_start

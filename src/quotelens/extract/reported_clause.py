"""Where a reported statement is, read from its cue: the clause after a speech verb.

`X said (on Monday) that CLAUSE`, `X told Reuters CLAUSE`, `X voiced hope that CLAUSE`, an
object verb's complement (`X ruled out talks`), or nothing when the cue ends its clause
(`CLAUSE, X said`), so that the statement, if any, is before the cue. Used by the reported-speech
pass (`reported.py`) for every cue it reads: finite, coordinated and participle.
"""

from __future__ import annotations

import re

from quotelens.extract.article import ArticleState
from quotelens.extract.cues import ADJUNCT, PART_TAIL, SPEECH_ING_TAIL, TELL_OBJECT, VERB, only_adjuncts
from quotelens.extract.lexicon import alternation
from quotelens.extract.lexicon.clause_words import ADJUNCT_START, NOT_CLAUSE, STANCE_NOUNS, TAIL_ADJUNCT_START
from quotelens.extract.lexicon.figure_verbs import FIGURE_VERB_FORMS
from quotelens.extract.lexicon.grammar_words import OBJECT_PREPOSITIONS
from quotelens.extract.lexicon.speech_verbs import CLAUSE_ONLY, TELL_LEMMAS
from quotelens.extract.speaker_phrases import SubjectMatch
from quotelens.extract.verb_sense import object_content, verb_complement

_THAT = re.compile(r"\bthat\b")
_RELAY_AFTER = re.compile(r"[^.;:\"“]{1,120}?\s+as\s+(?:saying|telling|stating)\b")
# "voiced (deep) hope that ...": a stance noun between an object verb and its that-clause.
_NOUN_THAT = re.compile(rf"\s*(?:\w+\s+){{0,2}}(?:{alternation(STANCE_NOUNS)})\s*")


def clause_after(art: ArticleState, vm: re.Match, lemma: str, family: str, s1: int):
    """(start, end, rule) of the statement after the cue, or None when the cue ends its
    clause (then the statement, if any, is before it)."""
    text = art.text
    r = vm.end()
    if lemma in TELL_LEMMAS:
        m = TELL_OBJECT.match(text, r, s1)
        if m:
            r = m.end()
    # "said (on Monday / in a statement) that CLAUSE"; "voiced hope that CLAUSE"
    window = text[r:min(s1, r + 90)]
    tm = _THAT.search(window)
    if tm and not re.search(r"[\"“”«»;:]", window[:tm.start()]):
        head = window[:tm.start()]
        if family == "clause" and (not head.strip() or only_adjuncts(head) or lemma in ("tell", "inform", "assure")):
            return r + tm.end(), art.clause_end(r + tm.end(), s1), "reported_that"
        if family == "object" and (not head.strip() or _NOUN_THAT.fullmatch(head)):
            return r + tm.end(), art.clause_end(r + tm.end(), s1), "reported_that"
    rest = text[r:s1]
    stripped = rest.lstrip()
    # 'blaming "terrorists" for ...'; but a name in quote marks is no statement ('the operation
    # dubbed "Euphrates Shield"': guideline section 1, nicknames and terms)
    opens_quote = family == "object" and stripped[:1] in ("\"", "“", "«") and lemma != "dub"
    if not stripped or stripped[0] in ",.;:!?\"“”«»'‘’)-–—" and not opens_quote:
        return None
    if _RELAY_AFTER.match(text, r, s1):
        return None  # "reported residents as saying": the participle carries their words
    if family == "object":
        if stripped.split(None, 1)[0].lower() in OBJECT_PREPOSITIONS | {"of", "by"}:
            return None  # "blamed on the rebels", "accused of": no object, a passive or relative use
        found = object_content(art, r, s1, lemma)
        if found is not None and lemma in FIGURE_VERB_FORMS:
            # "The monitor which earlier gave a toll of 20 in the strikes said ...": the figure
            # ends before the subject's own speech verb
            nxt = VERB.search(text, found[0], found[1])
            if nxt is not None:
                found = (found[0], nxt.start(), found[2])
        return found
    # skip adjuncts ("said on Wednesday the strikes ...")
    p = r
    while True:
        m = ADJUNCT.match(text, p, s1)
        if not m or m.end() == p:
            break
        p = m.end()
    stripped = text[p:s1].lstrip()
    if not stripped or stripped[0] in ",.;:!?\"“”«»'‘’)":
        return None
    if PART_TAIL.match(stripped) or SPEECH_ING_TAIL.match(stripped):
        return None  # "the witness said adding that ...", "said blaming ...": the statement is before the cue
    words = stripped.rstrip(" .").split()
    first = words[0].lower()
    if first in ADJUNCT_START:
        # "said in Geneva." ends the attribution; "said at least 10 people died" does not
        quantity = first in ("at", "more", "about", "over", "up") and len(words) > 2 and \
            words[1].lower() in ("least", "than", "to")
        if not quantity and (len(words) <= 6 or only_adjuncts(" ".join(words[:4]))):
            return None
        if not quantity and first in ("on", "in", "at", "during", "after", "before", "via", "through", "from",
                                      "with", "by", "to", "following", "amid", "since", "until", "upon"):
            return None
    if first in NOT_CLAUSE or lemma in CLAUSE_ONLY:
        # "said no." but "said no deal had been reached"; "explained how ..." is a clause;
        # "added three goals", "conceded a penalty" are no statements
        if verb_complement(art, p, s1) not in ("clause", "quote"):
            return None
    return p, art.clause_end(p, s1), "reported"


def participle_after_tag(text: str, a: int, s0: int, np_start: int) -> bool:
    """'Coalition forces "successfully engaged multiple targets" throughout Raqa the statement
    said destroying IS structures' (text without commas): a participle right after the cue
    opens no reported clause when a clause of six words or more stands before the speaker;
    the statement is that clause ('He said getting a deal was vital' keeps its clause)."""
    first = text[a:a + 30].split(None, 1)
    return bool(first) and first[0].endswith("ing") and not first[0].endswith(("thing", "during")) \
        and first[0][:1].islower() and len(text[s0:np_start].split()) >= 6


def adjunct_tail(text: str, s0: int, v: int, tail: str) -> bool:
    """'CLAUSE the Observatory added without giving details', 'CLAUSE envoy X said after the
    council met ...': an adverbial after a cue that reports no clause after it ends the
    attribution, so the statement is before it (at least six words before the cue, characters `s0`
    to the cue at `v`)."""
    words = tail.split()
    return bool(words) and words[0].lower() in TAIL_ADJUNCT_START and len(text[s0:v].split()) >= 6


def subject_after_with(text: str, sm: SubjectMatch, r: int, s1: int) -> SubjectMatch | None:
    """The subject of a participle after "with" when the tagger's subject ran back over it
    ("the attack with the Assad regime denying ..." -> "the Assad regime"); `sm` unchanged when
    its phrase holds no "with"; None when a speech verb follows the participle (at `r`) in its
    sentence (ending at `s1`): '... the Assad regime denying the attack ... says Winfield' is
    Winfield's clause, read whole by the tag. Offsets are characters into `text`."""
    a0, b0 = min(s for s, _ in sm.spans), max(e for _, e in sm.spans)
    w = text.rfind(" with ", a0, b0)
    if w < 0 or not text[w + 6:b0].strip():
        return sm
    if VERB.search(text, r, s1):
        return None
    return SubjectMatch([(w + 6, b0)], False, False)

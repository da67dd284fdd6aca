"""Speech cues: the speech verbs and "according to" that mark a statement, and the tests
around them that every pass shares (is this word a verb here, where does the clause after it
end, is the rest of the sentence only adjuncts).

Reads: an article's text. Writes: regex matches and character offsets into the text.
"""

from __future__ import annotations

import bisect
import re

from quotelens.extract import speech_verbs
from quotelens.extract.lexicon import alternation
from quotelens.extract.lexicon.attribution_phrases import (
    ADDRESSEES, ATTRIBUTION_ADVERBS, AUDIENCE_NOUNS, CLAUSE_ENDING_PARTICIPLES, SPEECH_OCCASIONS,
    TRAILING_PARTICIPLES,
)
from quotelens.extract.lexicon.calendar import DAYS_PATTERN
from quotelens.extract.lexicon.clause_cut_words import (
    COORD_ADVERBS, DETERMINERS, NEGATED_AUXILIARIES, NOT_SUBJECT_START, PRESENT_SECOND_SPEECH, NOT_AFTER_SECOND_VERB, NOT_IN_SUBJECT, NOT_SECOND_SPEECH,
    OUTER_PRONOUNS, SUBJECT_ED_WORDS, WITHHELD_VERBS,
)
from quotelens.extract.lexicon.clause_words import ADJUNCT_START
from quotelens.extract.lexicon.figure_verbs import FIGURE_NOUNS, FIGURE_VERB_FORMS, PERFECT_AUXILIARIES
from quotelens.extract.lexicon.speech_verbs import BASE_ANYWHERE, BASE_OK_BEFORE, NON_SPEECH_OBJECTS

# Any form of a speech verb, as a whole lower-case word (group "verb").
VERB = speech_verbs.verb_pattern()
ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
# A verb that reports a source's figure only with a figure noun as its object ("put the death
# toll at 58", "had given a toll of 34"): a cue of the object family, found apart from VERB.
_FIGURE_LEMMA = {form: lemma for lemma, forms in FIGURE_VERB_FORMS.items() for form in forms}
FIGURE_VERB = re.compile(rf"(?<![\w-])(?P<verb>{alternation(sorted(_FIGURE_LEMMA, key=lambda f: (-len(f), f)))})"
                         rf"(?=\s+(?:[\w-]+\s+){{0,4}}?(?:{alternation(FIGURE_NOUNS)})\b)")
# "had (initially) given": the word before the verb, an adverb in -ly skipped.
_AUX_BEFORE = re.compile(r"\b([\w'’]+)\s+(?:[a-z]+ly\s+)?$")
# Adjuncts between a verb and its clause ("said on Wednesday the strikes ...").
ADJUNCT = re.compile(
    rf"\s*(?:(?:late|early)\s+)?(?:on|last|this|earlier|later|next)\s+{DAYS_PATTERN}(?:\s+(?:night|morning|evening|afternoon))?"
    rf"|\s*{DAYS_PATTERN}\b"
    r"|\s*in\s+(?:a|an|his|her|its|their|the)\s+(?:[\w.-]+\s+){0,2}?"
    rf"(?:{alternation(SPEECH_OCCASIONS)})s?\b"  # a whole word: "post" is not the start of "posted"
    r"(?:\s+(?:on|with|to|in|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?"
    rf"|\s*(?:{alternation(ATTRIBUTION_ADVERBS)})\b"
)
# Who is told, after tell/inform/assure/brief ("told Reuters", "told a news conference in Geneva").
TELL_OBJECT = re.compile(
    rf"\s+(?:{alternation(ADDRESSEES)}|(?:the\s+|a\s+)?(?:[A-Z][\w.'’-]*(?:\s+|$))+"
    rf"(?:(?:news\s+|state\s+)?(?:{alternation(AUDIENCE_NOUNS)})\b\s*)?"  # "told Reuters news agency"
    rf"|(?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?(?:{alternation(AUDIENCE_NOUNS)})"
    r"(?:\s+(?:in|at|on)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)"
    r",?"
)
# Where a reported clause ends: a coordinated speech verb ("... and added"), a participle
# ("..., adding that"), "according to", or "while" opening a new clause.
COORD_CUT = re.compile(rf",?\s+(?:but|and|while)\s+(?:also\s+)?(?={VERB.pattern})")
# a second speech act with a short subject of its own: "..., but critics charge ..."
SUBJECT_COORD_CUT = re.compile(rf",\s+(?:but|while|whereas)\s+(?:[\w'’-]+\s+){{1,3}}(?={VERB.pattern})")
# The reporter's remark on what the source did not say: "X said CLAUSE but did not mention
# casualties", "... but it could not say whether ...". The negation's subject is the outer
# speaker unless the clause holds a speech act of its own (checked in `_cut_ok`).
WITHHELD_CUT = re.compile(
    rf",?\s+but\s+(?:so\s+far\s+)?(?:(?:{alternation(OUTER_PRONOUNS)})\s+)?(?:{alternation(NEGATED_AUXILIARIES)})"
    r"(?:\s+not|n[’']t)\s+(?:yet\s+|immediately\s+|independently\s+|otherwise\s+)?"
    rf"(?=(?:{alternation(sorted(WITHHELD_VERBS))})\b|{VERB.pattern})")
# A second speech act with a subject of its own, with or without a comma (FA-KES lost its
# commas): "... and later the source said ...", "... but one of his relatives told AFP ...".
# The subject phrase and the verb are checked in `_second_speaker_ok`.
SECOND_SPEAKER_CUT = re.compile(
    rf",?\s+(?:and|but|while|whereas)\s+(?:(?:{alternation(COORD_ADVERBS)})\s+)?"
    r"(?P<np>(?:[\w.'’-]+\s+){1,7}?)(?:(?:has|have|had)\s+)?(?:[a-z]+ly\s+)?"
    rf"(?={VERB.pattern})")
# A finite verb in the clause before a coordinated cut ("the attack killed 5 and ..."), so that
# a subject's coordination ("Syria Britain France and the United States have informed ...") is
# not read as a second clause.
_FINITE = re.compile(r"\b(?:is|was|were|are|has|have|had|will|would|could|can|may|might|must|did|does"
                     r"|been|[a-z]{2,}ed|[a-z]+ew|[a-z]+ught|said|told|took|gave|made|hit|fled|left)\b")
PART_CUT = re.compile(rf",?\s+(?:{alternation(CLAUSE_ENDING_PARTICIPLES)})\b|,\s*according\s+to\b"
                       r"|,?\s+while\s+(?=[A-Z])"  # "... while Damascus has refuted ...": a new clause
                       r"|:\s*(?=[\"“«])")  # 'X told Sky News CLAUSE: "Q"': the quote is a statement of its own
# Any speech verb's participle ends the clause ("... this week declaring he acted ..."), unless
# it is a progressive or a gerund after a preposition ("was saying", "without saying").
_ING_FORMS = sorted((f for f in speech_verbs.verb_table() if f.split()[0].endswith("ing")), key=lambda f: (-len(f), f))
ING_CUT = re.compile(rf",?\s+(?:{alternation(_ING_FORMS)})\b")
_NOT_BEFORE_ING = frozenset("as of for by after before without while is are was were be been am from on in".split())
# A participle after the cue ("said adding that ..."): the statement is before the cue.
PART_TAIL = re.compile(rf"\s*(?:(?:on\s+)?\w+day\s+|last\s+\w+\s+)?(?:{alternation(TRAILING_PARTICIPLES)})\b")
# Any speech verb's participle right after the cue (FA-KES, commas stripped: "... the Observatory
# said blaming the attack on ..."): a statement of its own, so the cue's content is before it.
SPEECH_ING_TAIL = re.compile(rf"\s*(?:(?:on\s+)?\w+day\s+|last\s+\w+\s+)?(?:{alternation(_ING_FORMS)})\b")


_CLAUSE_VERBS = frozenset("was is were are had has have would will could can might may".split())


def _object_noun(text: str, pos: int) -> str:
    """The first of the next five words after `pos` (characters) that can head a noun
    object: "lives" in "claimed more than 300,000 lives"; "" when a clause opens first
    ("claimed that ..."), lower case."""
    words = [w.lower() for w in re.findall(r"[\w’'-]+", text[pos:pos + 80])[:6]]
    for k, low in enumerate(words[:5]):
        if low in ("that", "to", "responsibility", "credit"):
            return ""
        if low in ("lives", "life"):
            # "claimed his life was in danger": the subject of a clause, a statement after all
            return "" if k + 1 < len(words) and words[k + 1] in _CLAUSE_VERBS else low
    return ""


def cue_lemma(form: str) -> tuple[str, str]:
    """(lemma, family) of a matched cue form: a speech verb (VERB) or a figure verb (FIGURE_VERB,
    family "object")."""
    form = re.sub(r"\s+", " ", form.lower())
    if form in _FIGURE_LEMMA:
        return _FIGURE_LEMMA[form], "object"
    return speech_verbs.lookup(form)


def _figure_verb_ok(text: str, vm: re.Match) -> bool:
    """A figure verb reports a figure unless the figure is denied ("gave no figure") or
    "given" is the preposition ("given the toll, ..."; the verb follows has/had/having)."""
    if re.match(r"\s+no\b", text[vm.end():vm.end() + 5]):
        return False
    if vm.group() != "given":
        return True
    prev = _AUX_BEFORE.search(text, max(0, vm.start() - 30), vm.start())
    return prev is not None and prev.group(1).lower() in PERFECT_AUXILIARIES


def verb_ok(text: str, vm: re.Match) -> bool:
    """Whether the speech-verb match `vm` in `text` is a verb here: base forms that are more
    often nouns ("the UN report") count only after a modal or pronoun, and plural-looking forms
    followed by "of", "have" ... ("Western states blamed") are nouns."""
    form = re.sub(r"\s+", " ", vm.group())
    lemma, _ = cue_lemma(form)
    if lemma in FIGURE_VERB_FORMS:
        return _figure_verb_ok(text, vm)
    if lemma in NON_SPEECH_OBJECTS and _object_noun(text, vm.end()) in NON_SPEECH_OBJECTS[lemma]:
        return False  # "claimed the lives of 20 people", "claimed more than 300,000 lives"
    if form.endswith("s") and form != lemma and lemma not in BASE_ANYWHERE:
        # "Western states blamed", "Initial reports of": a plural noun, not a verb
        nxt = text[vm.end():vm.end() + 25].split()
        if nxt and (nxt[0] in ("of", "have", "had", "were", "are", "by", "from", "in", "on", "and")
                    or nxt[0].endswith("ed") or VERB.fullmatch(nxt[0])):
            return False
    if form != lemma:
        return True
    if lemma in BASE_ANYWHERE:
        return True
    prev = text[max(0, vm.start() - 12):vm.start()].split()
    return bool(prev) and prev[-1].lower() in BASE_OK_BEFORE


_CONJ = re.compile(r",?\s+(?:and|but|while|whereas)\s")


def _second_speaker_ok(text: str, m: re.Match, s1: int) -> bool:
    """Whether the SECOND_SPEAKER_CUT match `m` opens a second speech act: its subject phrase
    holds no auxiliary, subordinator or verb-like word ("Russia must stop insisting", "the
    rescuers continued"), its verb is a finite speech verb ("said", "has accused"; not a base
    form, which would be a plural subject's "diplomats say is ..."), and a clause follows the
    verb before `s1` (characters): "Interfax news agency reported." ends the sentence as an
    attribution of the whole."""
    words = m.group("np").split()
    if words[0].lower() in NOT_SUBJECT_START or all(w.lower() in DETERMINERS for w in words):
        return False
    for w in words:
        low = re.split(r"['’]", w.lower())[0]  # "that's" is "that"
        if low in NOT_IN_SUBJECT or low in COORD_ADVERBS or (w[:1].islower() and (
                (low.endswith("ed") and low not in SUBJECT_ED_WORDS) or low.endswith(("ing", "ly")))):
            return False
    vm = VERB.match(text, m.end(), s1)
    if vm is None or not verb_ok(text, vm):
        return False
    form = re.sub(r"\s+", " ", vm.group())
    lemma, _ = cue_lemma(form)
    if form == lemma or form.endswith("ing") or lemma in NOT_SECOND_SPEECH:
        return False
    if form.endswith("s") and lemma not in PRESENT_SECOND_SPEECH:
        return False
    r = vm.end()
    if lemma in ("tell", "inform", "assure", "brief"):
        tm = TELL_OBJECT.match(text, r, s1)  # "... officials told the Washington Post." has no clause
        r = tm.end() if tm else r
    after = text[r:s1].split()
    return len(after) >= 2 and after[0][:1].isalnum() and after[0].lower() not in NOT_AFTER_SECOND_VERB


def _speech_in(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] holds a speech verb used as a verb (a nested speech act)."""
    return any(verb_ok(text, vm) for vm in VERB.finditer(text, a, b))


def _checked_cut(text: str, a: int, b: int, withheld: list[int], second: list[int]) -> int:
    """The first of the checked cuts after `a` and before `b` (characters) that holds for a
    clause starting at `a`: a withheld remark when the clause holds no speech act of its own
    (then "but did not say how" is the nested speaker's), a second speaker when the clause
    before it has a finite verb (not a coordinated subject); else `b`."""
    for pos in withheld:
        if a < pos < b and not _speech_in(text, a, pos):
            b = pos
            break
    for pos in second:
        if a < pos < b and _FINITE.search(text, a, pos):
            b = pos
            break
    return b


def _cut_lists(text: str, s0: int, s1: int) -> tuple[list[int], list[int]]:
    """(withheld, second): sorted starts (characters) of WITHHELD_CUT and of the
    SECOND_SPEAKER_CUT matches that pass `_second_speaker_ok`, in text[s0:s1]; every
    conjunction is tried, so a failed match does not hide a later "and" inside it."""
    withheld = [m.start() for m in WITHHELD_CUT.finditer(text, s0, s1)]
    by_verb: dict[int, re.Match] = {}  # verb start -> the conjunction that opens its clause
    for c in _CONJ.finditer(text, s0, s1):
        m = SECOND_SPEAKER_CUT.match(text, c.start(), s1)
        if "," not in c.group() and "," in " ".join(text[s0:c.start()].split()[-3:]):
            continue  # a list's last item: "Boston, Chicago, New York and San Francisco have said"
        if m and _second_speaker_ok(text, m, s1):
            # one verb, two conjunctions: "but residents and rebels ... dismissed" is cut at
            # "but" (a coordinated subject), "bakeries and Washington has accused" at the last "and"
            old = by_verb.get(m.end())
            if old is None or not (old.group().lstrip(", ").startswith(("but", "while", "whereas"))
                                   and m.group().lstrip(", ").startswith("and")):
                by_verb[m.end()] = m
    return withheld, sorted(m.start() for m in by_verb.values())


class ClauseCuts:
    """Every place in one sentence (text[s0:s1]) where a reported clause may end, found once,
    so that asking for the end of each clause in a sentence with hundreds of cues costs a
    bisection, not a scan of the rest of the sentence (`clause_end` reads the same places)."""

    def __init__(self, text: str, s0: int, s1: int):
        self.s1 = s1
        self.coord = sorted(m.start() for pat in (COORD_CUT, SUBJECT_COORD_CUT) for m in pat.finditer(text, s0, s1))
        self.part = [m.start() for m in PART_CUT.finditer(text, s0, s1)]
        self.ing = [m.start() for m in ING_CUT.finditer(text, s0, s1)
                    if not _progressive(text, s0, m.start()) and not _non_speech_ing(text, m)]
        self.text = text
        self.withheld, self.second = _cut_lists(text, s0, s1)

    def end(self, a: int) -> int:
        """End (character offset) of the reported clause starting at `a`."""
        b = self.s1
        for starts in (self.coord, self.part, self.ing):
            k = bisect.bisect_right(starts, a)
            if k < len(starts) and starts[k] < b:
                b = starts[k]
        return _checked_cut(self.text, a, b, self.withheld, self.second)


def _non_speech_ing(text: str, m: re.Match) -> bool:
    """Whether the participle ING_CUT matched is no speech act here: "claiming the lives of
    20 people" (an attack's toll, as `verb_ok` reads "claimed the lives"), so the clause goes on."""
    form = m.group().lstrip(", \t\r\n").lower()
    try:
        lemma = speech_verbs.lookup(form)[0]
    except KeyError:
        return False
    return lemma in NON_SPEECH_OBJECTS and _object_noun(text, m.end()) in NON_SPEECH_OBJECTS[lemma]


def _progressive(text: str, lo: int, pos: int) -> bool:
    """Whether the participle matched at `pos` follows "was", "by", "without" ... ("was saying")."""
    prev = text[max(lo, pos - 12):pos].split()
    return bool(prev) and prev[-1].lower() in _NOT_BEFORE_ING


def clause_end(text: str, a: int, s1: int) -> int:
    """End (character offset) of the reported clause starting at `a` in a sentence ending at
    `s1`: before a coordinated speech verb, a participle or "according to", the reporter's
    "but did not say ..." or a coordinated second speaker ("and later the source said"), else `s1`."""
    b = s1
    for pat in (COORD_CUT, SUBJECT_COORD_CUT, PART_CUT):
        m = pat.search(text, a, b)
        if m and m.start() > a:
            b = m.start()
    for m in ING_CUT.finditer(text, a, b):
        prev = text[max(a, m.start() - 12):m.start()].split()
        if m.start() > a and not (prev and prev[-1].lower() in _NOT_BEFORE_ING) and not _non_speech_ing(text, m):
            b = m.start()
            break
    withheld, second = _cut_lists(text, a, s1)
    return _checked_cut(text, a, b, withheld, second)


def only_adjuncts(s: str) -> bool:
    """Whether `s` holds only adjuncts ("on Wednesday", "in a statement", "told Reuters")."""
    p = 0
    s = s.rstrip(" ,.")
    while p < len(s):
        m = ADJUNCT.match(s, p)
        if not m or m.end() == p:
            break
        p = m.end()
    rest = s[p:].strip()
    if not rest:
        return True
    toks = rest.split()
    return len(toks) <= 6 and toks[0].lower() in ADJUNCT_START and not any(t in (".",) for t in toks)


# How far into a statement's content its own cue may sit and still be "at its start" (words):
# "denied responsibility", "has denied ...", "also accused ...".
_CUE_HEAD_WORDS = 3


def cue_in_content(text: str, st: dict) -> str:
    """Whether a statement's content (text[start:end]) holds its own cue or speaker phrase,
    which issue 14 item 6 keeps outside it: "cue" when the cue is in the content (by its
    offsets `cue_start`/`cue_end` when the statement has them, else the cue's words among the
    content's first three words), "speaker" when the speaker mention's offsets lie in the
    content, "" when neither does. Offsets are characters into `text`."""
    a, b = st["start"], st["end"]
    cue = st.get("cue") or ""
    c0 = st.get("cue_start", -1)
    if cue and c0 is not None and c0 >= 0:
        if a <= c0 < b:
            return "cue"
    elif cue:
        head = " ".join(text[a:b].split()[:_CUE_HEAD_WORDS + len(cue.split()) - 1]).lower()
        if re.search(rf"(?<!\w){re.escape(' '.join(cue.lower().split()))}(?!\w)", head):
            return "cue"
    s0 = st.get("speaker_start", -1)
    if s0 is not None and s0 >= 0 and a <= s0 < b:
        return "speaker"
    return ""


def cue_offsets(text: str, cue: str, cue_pos: int) -> tuple[int, int]:
    """(cue_start, cue_end): character offsets of a statement's cue in `text`, which a pass
    records at `cue_pos`; (-1, -1) when the statement has no cue ("") or the cue's words are not
    at `cue_pos`. The words match up to case ("According to" for the cue "according to")."""
    if not cue or cue_pos is None or cue_pos < 0:
        return -1, -1
    end = cue_pos + len(cue)
    if text[cue_pos:end].lower() != cue.lower():
        return -1, -1
    return cue_pos, end

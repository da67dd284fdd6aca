"""The interview pass: in a question-and-answer article, every answer is a statement of the
person interviewed.

An interview is recognised from the text itself, never from a genre label: its lines (a line
is a paragraph of its own in a Q&A layout) include questions to the interviewee, lines ending
in "?" that mostly address "you", each followed by one or more lines that are not questions.
Three such question-answer turns are enough; two when the title or the lead names an
interview ("Wikinews interviews ...", "Interview with ...", "spoke with"). "Q:" / "A:" labels
are read as such.

Answers are the lines after the first question that are neither questions nor page furniture
(captions, credits, headings; quotelens.load.boilerplate) nor short headings. Each answer line
is one direct statement of the interviewee, with no cue and no mention of its own. Statements
inside an answer (a quote the interviewee cites) are part of the answer, so this pass runs
before the others, which may not overlap what it records.

The interviewee is the person the title or the lead names next to an interview word ("Wikinews
spoke with William Evans", "Interview with ... Noam Chomsky", "interviewee David Titley"),
else the person named most often before the first question; without one, an unnamed
"interviewee".

Reads: an `ArticleState` (text, furniture) and the article's title. Writes: direct statements
(rule "interview_answer") into the state.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, NamedTuple

from quotelens.extract.article import CONF, ArticleState, trim
from quotelens.extract.interview_turns import Interviewees
from quotelens.extract.lexicon.grammar_words import FINITE_AUXILIARIES
from quotelens.extract.lexicon.interview_words import INTERVIEW_CUES, INTERVIEW_TITLE, OUTLET_SELF_NAMES
from quotelens.extract.lexicon.occupations import OCCUPATIONS
from quotelens.extract.lexicon.organisations import ORG_WORDS
from quotelens.extract.lexicon.titles import TITLES
from quotelens.extract.mentions import Resolution
from quotelens.extract.postag import tag_text
from quotelens.text import sentence_spans

# A line is read in pieces of at most this many characters when looking for a name, so a
# pathological 10 MB "line" costs no more than a normal lead.
NAME_WINDOW_CHARS = 2000
MIN_TURNS = 3  # question-answer turns that make an interview without an interview word
MIN_TURNS_NAMED = 2  # ... when the title or lead names an interview
MAX_HEADING_WORDS = 8  # a line this short without final punctuation is a heading
CAPTION_MIN_WORDS = 5  # a verbless line this long ending in "." is a caption, not a spoken fragment
CAPTION_MAX_CHARS = 200
_INNER_SENTENCE_END = re.compile(r"[.!?;:]\s")
_RELATIVES = frozenset(("that", "which", "who"))
_SPEAKING_PRONOUNS = frozenset(("i", "we", "you", "me", "us", "my", "our", "your"))
_LINE = re.compile(r"[^\n]+")
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*\s*$")
# a question the interviewee cut off: "Isn't the answer ...? Although a computer can have …"
# (an ellipsis, not a dash: transcripts mark every cut-off turn with "--", answers included)
_INTERRUPTED_QUESTION = re.compile(r"\?[\"'”’)\]]*\s+[^?\n]{1,80}?(?:…|\.\.\.)\s*$")
LONG_TURN_SENTENCES = 5  # a "question" line of this many sentences is an answer
_EDITORIAL = re.compile(r"(?:Ed\.|Editor['’]s note|Note)\s*:|\[(?:Ed\.|Editor|Note)\b", re.IGNORECASE)
_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_Q_LABEL = re.compile(r"^(?:Q|Question|Interviewer)\s*[:.)]\s+", re.IGNORECASE)
# An interviewer's line whose "?" was left out: a direct question to "you" ("How did you come
# to be involved with this discovery"), an indirect one ("I just wanted to know if you had any
# thoughts on ..."), or a request closing the line ("... Talk us through the difficulties").
# Read on the last sentence of a line that does not end in "?".
_AUX = r"(?:do|did|does|are|is|was|were|have|has|had|can|could|would|will|should)"
_UNMARKED_QUESTION = re.compile(
    rf"^(?:(?:And|So|But|Now|Well),?\s+)?(?:"
    rf"(?:How|What|Why|When|Where|Which|Who|Whom|Whose)\b[\w\s,'’-]{{0,40}}?\b{_AUX}\s+you\b"
    rf"|(?:Do|Did|Does|Are|Is|Was|Were|Have|Has|Had|Can|Could|Would|Will|Should)\s+you\b"
    rf"|(?:I|We)\s+(?:just\s+|also\s+)?(?:wanted|want|would\s+like|['’]d\s+like|was\s+wondering|wonder)\s+"
    rf"(?:to\s+(?:know|ask)\s+)?(?:if|whether|what|how|why)\s+you\b"
    rf"|(?:Please\s+)?(?:Tell|Talk|Walk|Take)\s+(?:us|me)\b)")
_A_LABEL = re.compile(r"^(?:A|Answer)\s*[:.)]\s+", re.IGNORECASE)
_FINAL_PUNCT = re.compile(r"[.!?…:;,\"'”’)\]\-–—]\s*$")
_INTERVIEWED_BY = re.compile(r",?\s*(?:[\w-]+\s+){0,4}?(?:was\s+|is\s+)?interviewed\s+by\b", re.IGNORECASE)
_CUE = re.compile(rf"\b(?:{'|'.join(INTERVIEW_CUES)})\b", re.IGNORECASE)
# An interview word right before a name, with at most a few descriptor words between and no
# preposition ("interviews academic Simon Licen", not "interviews experts on Cyclone Phailin").
_CUE_BEFORE = re.compile(rf"\b(?:{'|'.join(INTERVIEW_CUES)})\s+(?:(?!(?:on|about|of|at|in|for|over|from|after|regarding)\b)"
                         r"[\w.,'’-]+\s+){0,5}$", re.IGNORECASE)


class Line(NamedTuple):
    """One non-empty line of the article: text[start:end], stripped, and what it is."""

    start: int
    end: int
    kind: str  # "question", "answer" (a candidate), "long_turn" (an answer ending in "?"), "heading", "furniture"


def _lines(art: ArticleState) -> list[Line]:
    text = art.text
    out: list[Line] = []
    for m in _LINE.finditer(text):
        a, b = trim(text, m.start(), m.end(), " \t\r\u00a0")
        if a >= b:
            continue
        piece = text[a:b]
        if art.in_furniture(a, b) or _EDITORIAL.match(piece):
            kind = "furniture"  # (an editor's note in the outlet's voice: "Ed.: See the catalog")
        elif _Q_LABEL.match(piece):
            kind = "question"
        elif _QUESTION_END.search(piece) or _INTERRUPTED_QUESTION.search(piece):
            # a long turn ending in a rhetorical question is an answer ("... Why should I
            # bother my child with memory when he can buy a computer ...?")
            kind = "long_turn" if len(sentence_spans(piece)) >= LONG_TURN_SENTENCES else "question"
        elif _A_LABEL.match(piece):
            kind = "answer"
        elif _unmarked_question(piece):
            kind = "question"
        elif len(piece.split()) <= MAX_HEADING_WORDS and not _FINAL_PUNCT.search(piece):
            kind = "short"
        elif _caption(piece):
            kind = "furniture"
        else:
            kind = "answer"
        out.append(Line(a, b, kind))
    # A short line without final punctuation is a heading when a question, another heading or
    # furniture follows it ("On NATO", "Hiring employees"); else a short answer ("Yeah").
    for k in range(len(out) - 1, -1, -1):
        if out[k].kind == "short":
            nxt = out[k + 1].kind if k + 1 < len(out) else "furniture"
            out[k] = out[k]._replace(kind="heading" if nxt in ("question", "heading", "furniture") else "answer")
    return out


def _unmarked_question(piece: str) -> bool:
    """Whether a line without "?" asks the interviewee something: its last sentence (of at
    most LONG_TURN_SENTENCES) opens like a question or request to "you"/"us"."""
    spans = sentence_spans(piece)
    if not spans or len(spans) >= LONG_TURN_SENTENCES:
        return False
    last = piece[spans[-1][0]:spans[-1][1]]
    return bool(_UNMARKED_QUESTION.match(last))


def _caption(piece: str) -> bool:
    """Whether a line reads as a photo caption: one sentence of at least CAPTION_MIN_WORDS words
    ending in a full stop, with no finite verb and no I/we/you ("Hugh McGuire with some books
    that have not yet been acoustically liberated." has a verb only in a relative clause, which
    runs to the next comma). Spoken fragments end otherwise ("Of many, many questions --") or
    are short ("Completely.")."""
    if len(piece) > CAPTION_MAX_CHARS or not piece.endswith(".") or piece.endswith("..") \
            or len(piece.split()) < CAPTION_MIN_WORDS or _INNER_SENTENCE_END.search(piece[:-1]):
        return False
    in_relative = False  # a relative clause (after a noun) runs to the next comma
    prev = ""
    for tok, _, _, tag in tag_text(piece):
        low = tok.lower()
        # (the tagger reads many past tenses after a name as participles: "Donnelly also voted")
        finite = tag in ("VBD", "VBZ", "VBP", "MD") or low in FINITE_AUXILIARIES \
            or low.endswith("ed") and tag in ("VBN", "JJ") and prev.startswith(("NN", "PRP", "RB"))
        if low in _SPEAKING_PRONOUNS or finite and not in_relative:
            return False
        in_relative = (in_relative or low in _RELATIVES and prev.startswith("NN")) and tok != ","
        prev = tag
    return True


def find_interview_answers(art: ArticleState, headlines: Iterable[str] = ()) -> None:
    """Pass 0: when the article is an interview, record each answer line as a direct statement
    of the interviewee (rule "interview_answer", cue "")."""
    text = art.text
    if "?" not in text or "\n" not in text:
        return  # no question, or one paragraph: not a Q&A layout
    lines = _lines(art)
    # whether the article is an interview is decided with long turns as questions (an
    # interviewer's line may end in a question too); their answers are then read as answers
    content = [ln for ln in lines if ln.kind in ("question", "answer", "long_turn")]
    questions = [ln for ln in content if ln.kind != "answer"]
    turns = sum(1 for x, y in zip(content, content[1:]) if x.kind != "answer" and y.kind == "answer")
    lines = [ln._replace(kind="answer") if ln.kind == "long_turn" else ln for ln in lines]
    if not questions:
        return
    addressed = sum(1 for ln in questions if _YOU.search(text, ln.start, ln.end) or _Q_LABEL.match(text, ln.start))
    first_q = questions[0].start
    title = next((h for h in headlines if h), "")
    named = bool(INTERVIEW_TITLE.search(title) or _CUE.search(text, 0, min(first_q, NAME_WINDOW_CHARS)))
    # without an interview word, the questions must mostly address the interviewee ("you");
    # with one, two turns do, or a single turn when every question of two or more addresses "you"
    all_addressed = len(questions) >= 2 and addressed == len(questions)
    if named and turns >= 1 and all_addressed:
        pass
    elif turns < (MIN_TURNS_NAMED if named else MIN_TURNS) or (not named and 2 * addressed < len(questions)):
        return
    people = Interviewees(art, _interviewee(art, title, first_q))
    for pos, end in _cued_names(art, title, first_q):
        people.add(pos, end)  # "Wikinews interviews Mario J. Lucero and Isabel Ruiz"
    people.read_labels(lines)
    opening = _opening_answer(art, lines, people.default)
    seen_question = False
    for ln in lines:
        if ln.kind == "question":
            seen_question = True
            people.question(ln.start, ln.end)
            continue
        if ln.kind != "answer" or not (seen_question or ln is opening):
            continue
        a, b = ln.start, ln.end
        label = _A_LABEL.match(text, a)
        named = None if label else people.label(a, b)
        if label:
            a = label.end()
            res = people.answer(a, b)
        elif named is not None:
            if named[1] is None:
                continue  # the interviewer's own line
            a, res = named
        else:
            res = people.answer(a, b)
        a, b = _unquote(text, a, b)
        art.add(a, b, res, "", "direct", "interview_answer", CONF["interview_answer"], ln.start)


_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")


def _opening_answer(art: ArticleState, lines: list[Line], interviewee: Resolution) -> Line | None:
    """An answer printed before the first question, its question left out: the line right
    before the first question when it speaks in the first or second person outside quote
    marks and is not the lead's narration (no interview word, no outlet, no interviewee's
    name): "[The Spitfire Tournament in Canada] was a really good tournament actually. It was a
    tournament that I wish we'd actually gone back to more often." None when there is none."""
    text = art.text
    k = next((i for i, ln in enumerate(lines) if ln.kind == "question"), 0)
    if k == 0 or lines[k - 1].kind != "answer":
        return None
    ln = lines[k - 1]
    own = _QUOTED.sub(" ", text[ln.start:ln.end])
    words = set(re.findall(r"\w+", own.lower()))
    names = {w.lower() for w in re.findall(r"[\w'’-]+", interviewee.speaker) if len(w) > 2}
    if not words & _SPEAKING_PRONOUNS or words & names or _CUE.search(own) \
            or any(w in own for w in OUTLET_SELF_NAMES):
        return None
    return ln


def _unquote(text: str, a: int, b: int) -> tuple[int, int]:
    """A line wholly inside one pair of quote marks loses them; a final , . ; : goes."""
    a, b = trim(text, a, b, " \t\r")
    if b - a >= 2 and text[a] in "\"“«" and text[b - 1] in "\"”»" and not any(
            c in text[a + 1:b - 1] for c in "\"“”«»"):
        a, b = a + 1, b - 1
    while b > a and text[b - 1] in ",.;:" and not text[b - 3:b] == "...":
        b -= 1
    return a, b


def _name_runs(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Proper-noun runs of two or more words in text[lo:hi] that can be a person's name
    (no organisation word, no title or occupation word), as (start, end, name)."""
    out = []
    run: list[tuple[str, int, int]] = []
    for tok, s, e, tag in tag_text(text[lo:hi]) + [("", 0, 0, "END")]:
        # a title or occupation ends a run: "Mets Poet Frank Messina" is the poet Frank Messina
        if tag in ("NNP", "NNPS") and tok.lower() not in TITLES and tok.lower() not in OCCUPATIONS and tok[:1].isupper():
            run.append((tok, s, e))
            continue
        words = [w for w, _, _ in run]
        if len(words) >= 2 and not any(w.lower().strip(".") in ORG_WORDS for w in words) \
                and not any(w in OUTLET_SELF_NAMES for w in words):
            out.append((lo + run[0][1], lo + run[-1][2], " ".join(words)))
        run = []
    return out


def _folded_search(name: str, text: str):
    """A match of `name` in `text` ignoring accents ("Licen" finds "Ličen"), or None; the
    match's offsets index `text` (accents are dropped one character for one)."""
    def fold(s: str) -> str:
        return "".join(unicodedata.normalize("NFKD", c)[0] for c in s)
    if len(fold(text)) != len(text):
        return None
    return re.search(rf"\b{re.escape(fold(name))}\b", fold(text))


def _cued_names(art: ArticleState, title: str, first_q: int) -> list[tuple[int, int]]:
    """Where the text writes each person the title or lead names as interviewed ("Wikinews
    interviews Mario J. Lucero and Isabel Ruiz"), as (start, end) characters, in order."""
    text = art.text
    out = []
    for src, hi in ((title, min(len(title), NAME_WINDOW_CHARS)), (text, min(first_q, NAME_WINDOW_CHARS))):
        runs = _name_runs(src, 0, hi)
        for k, (s, e, name) in enumerate(runs):
            # the first name after the cue, and names coordinated with it ("X and Y")
            cued = _CUE_BEFORE.search(src[max(0, s - 80):s]) or _INTERVIEWED_BY.match(src, e)
            while not cued and k > 0 and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", src[runs[k - 1][1]:s]):
                k -= 1
                cued = _CUE_BEFORE.search(src[max(0, runs[k][0] - 80):runs[k][0]])
            found = re.search(rf"\b{re.escape(name)}\b", text) if cued else None
            if found and (found.start(), found.end()) not in out:
                out.append((found.start(), found.end()))
    return out


def _interviewee(art: ArticleState, title: str, first_q: int) -> Resolution:
    """The person interviewed: named next to an interview word in the title or lead (captions
    included: "File photo of interviewee X"), else the name most often repeated in the lead."""
    text = art.text
    lead_end = min(first_q, NAME_WINDOW_CHARS)
    scores: dict[str, float] = {}
    where: dict[str, int] = {}
    for src, lo, hi, at_title in ((title, 0, min(len(title), NAME_WINDOW_CHARS), True), (text, 0, lead_end, False)):
        for s, e, name in _name_runs(src, lo, hi):
            score = 1.0 + (2.0 if at_title else 0.0)
            if _CUE_BEFORE.search(src[max(0, s - 80):s]) or _INTERVIEWED_BY.match(src, e):
                score += 4.0
            surname = name.split()[-1]
            score += min(5, len(re.findall(rf"\b{re.escape(surname)}\b", text))) * 0.5
            if score > scores.get(name, 0.0):
                scores[name] = score
            if not at_title and name not in where:
                where[name] = s
    if not scores:
        return Resolution("interviewee", "", -1, -1, "unnamed", "", None, "interviewee")
    name = max(scores, key=lambda n: (scores[n], -where.get(n, len(text))))
    pos = where.get(name)
    if pos is None:
        found = re.search(rf"\b{re.escape(name)}\b", text) or _folded_search(name, text)
        pos = found.start() if found else None
    if pos is not None:
        end = pos + len(name)
        name = text[pos:end]  # as the article spells it ("Simon Ličen" for a title's "Simon Licen")
        res = art.resolver.resolve([(pos, end)])
        if res is not None and res.kind in ("person", "unknown"):
            return Resolution(res.speaker, "", -1, -1, "person", res.side, res.gender, "interviewee",
                              resolved_from=pos, in_registry=res.in_registry)
    return Resolution(name, "", -1, -1, "person", "", None, "interviewee", resolved_from=-1 if pos is None else pos)

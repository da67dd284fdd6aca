"""Who said what: rule-based statement extraction and speaker attribution (NLTK + regex).

Passes over one article, in order (each statement records the rule that produced it):

1. Direct quotes (quotes.find_quotes): attribution after the closing mark (`"Q," X said`,
   `"Q," said X`, `"Q" X said` without commas, `"Q" - X`, `"Q," according to X`), before the
   opening mark (`X said: "Q"`, `X said "Q"`, `X: "Q"`, `X said that "Q"` -> mixed), and split
   quotes (`"Q1," X said, "Q2."`).
2. "according to X, CLAUSE" and "CLAUSE, according to X".
3. Reported speech around every other speech verb (speech_verbs): `X said (that) CLAUSE`,
   `X told Reuters CLAUSE`, object verbs (`X ruled out ...`: the verb phrase is the statement),
   `CLAUSE, X said` / `CLAUSE X said on Monday` (commas stripped). Quoted fragments inside a
   reported clause become `mixed` statements, one per fragment.
4. Leftover quotes: a quote opening a paragraph or sentence continues the previous direct
   speaker; a quoted fragment in a sentence whose subject is an actor is a `mixed` statement.
5. Headline quotes repeated in the body flag the body statement (`in_headline`).

Offsets are into the original text; every statement satisfies text[start:end] == quote.
Speakers: see quotelens.extract.speakers. `speaker_start`/`speaker_end` locate the speaker mention in
the text (a pronoun or role noun is its own mention, with the antecedent's offset in
`resolved_from`); both are -1 and `speaker_mention` is "" when the statement has no mention of
its own (continued quotes), and `resolved_from` then points at the statement it continues.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterable

import pandas as pd

from quotelens.extract import speech_verbs
from quotelens.extract.registry import PARTICLES, Registry, default_registry_path, load_registry, name_key
from quotelens.extract.quotes import Quote, find_quotes
from quotelens.extract.speakers import (
    PERSON_ROLES, PRONOUNS, SENTENCE_ADVERBS, Resolution, SpeakerResolver, SubjectMatch, generic_kind, phrase_after,
    subject_before, tokens,
)
from quotelens.contracts import STATEMENT_COLUMNS  # noqa: F401  (re-exported)
from quotelens.text import paragraph_spans, sentence_spans


_VERB = speech_verbs.verb_pattern()
_LEAD = re.compile(r"[ \t]*[,;:?!.]?[ \t]*(?P<dash>[-–—]+[ \t]*)?")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_ACC_PREFIX = re.compile(
    r"(?:(?:a|the)\s+)?(?:(?:new|latest|preliminary)\s+)?(?:statement|report|reports|figures|data|tally|toll|count|"
    r"source|sources|spokesman|spokeswoman|spokesperson|official|officials|estimates?)\s+"
    r"(?:by|from|of|issued\s+by|close\s+to|for|with)\s+"
)
_THAT = re.compile(r"\bthat\b")
# Adjuncts between a verb and its clause ("said on Wednesday the strikes ...").
_DAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|night|morning|evening|afternoon|day)"
_ADJUNCT = re.compile(
    rf"\s*(?:(?:late|early)\s+)?(?:on|last|this|earlier|later|next)\s+{_DAYS}(?:\s+(?:night|morning|evening|afternoon))?"
    rf"|\s*{_DAYS}\b"
    r"|\s*in\s+(?:a|an|his|her|its|their|the)\s+(?:[\w.-]+\s+){0,2}?"
    r"(?:statement|news\s+conference|press\s+conference|interview|speech|tweet|briefing|report|letter|post|message|address)"
    r"(?:\s+(?:on|with|to|in|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?"
    r"|\s*(?:earlier|later|yesterday|today|too|also|separately|repeatedly|again|publicly|on\s+Twitter|to\s+reporters|"
    r"to\s+journalists|to\s+the\s+press)\b"
)
_TELL_OBJECT = re.compile(
    r"\s+(?:reporters|journalists|him|her|them|us|me|(?:the\s+|a\s+)?(?:[A-Z][\w.'’-]*(?:\s+|$))+"
    r"|(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:forum|conference|meeting|council|assembly|audience|gathering|briefing|"
    r"session|summit|rally|crowd|parliament|committee|panel|newspaper|channel|agency|television|radio|station|"
    r"broadcaster|website|daily|reporters|journalists|lawmakers)(?:\s+(?:in|at|on)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)"
    r",?"
)
_ADJUNCT_START = frozenset(
    "on in at during after before late early last this earlier later via through from with by to when while as "
    "following about over under amid since until upon".split()
)
_COORD_CUT = re.compile(rf",?\s+(?:but|and|while)\s+(?:also\s+)?(?={_VERB.pattern})")
_PART_CUT = re.compile(r",?\s+(?:adding|saying|noting|stressing|warning|insisting|explaining|calling)\b|,\s*according\s+to\b"
                       r"|,?\s+while\s+(?=[A-Z])")  # "... while Damascus has refuted ...": a new clause
_COORD_BEFORE = re.compile(r"(?:,\s*|\s)(?:and|but|while)\s+(?:also\s+|later\s+|then\s+)?$")
_PART_TAIL = re.compile(r"\s*(?:(?:on\s+)?\w+day\s+|last\s+\w+\s+)?(?:adding|saying|noting|citing|stressing|warning|referring)\b")
_FINITE = re.compile(r"\b(?:\w+ed|is|are|was|were|has|have|had|will|would|can|could|may|might)\b")
_TELL_LEMMAS = frozenset(("tell", "inform", "assure", "brief"))
_FRAGMENT_BEFORE = frozenset("a an the as of for from by with his her its their this so-called called dubbed termed".split())
_SPLIT_GAP = re.compile(r"\s*[,;:]?\s*(?:adding|continuing|saying)\s*[,:]?\s*")
_QUOTED_AS = re.compile(r"\bquoted\s+(.+?)\s+as\s+$")
_LOWER_SOURCE = re.compile(r"(?:[a-z][\w-]*\s+){0,2}(?:sources|activists|residents|witnesses|officials|medics|doctors|"
                           r"monitors|observers|reports|media)\b")
_RELATIVE = re.compile(r"\s(?:which|who|that)\s")
_NOUN_THAT = re.compile(r"\s*(?:\w+\s+){0,2}(?:hope|hopes|concern|concerns|regret|confidence|belief|fear|fears|optimism|"
                        r"doubt|doubts|satisfaction|surprise|view|conviction)\s*")
_NOT_CLAUSE = frozenset("so nothing something anything yes no goodbye hello thanks sorry what how why "
                        "whether if".split())
_NOT_SOURCES = frozenset("toll tolls figures figure data estimate estimates count tally statistics numbers reports "
                         "report law laws agreement deal plan plans resolution constitution".split())
_BASE_OK_BEFORE = frozenset("will would could can may might must should did does do to they we i you who".split())
_BASE_ANYWHERE = frozenset(("say", "tell", "warn", "insist", "claim", "deny", "urge", "stress", "argue", "accuse"))

CONF = {
    "direct_after": 0.95, "direct_before": 0.9, "direct_colon": 0.9, "direct_dash": 0.8, "direct_split": 0.9,
    "direct_according": 0.85, "mixed_that": 0.85, "reported": 0.8, "reported_object": 0.75, "reported_backward": 0.7,
    "according_to": 0.85, "participle": 0.65, "quote_continues": 0.5, "quote_fragment": 0.55,
}
# Confidence penalties for how the speaker was found.
SPEAKER_PENALTY = {"name": 0.0, "unknown_name": 0.05, "pronoun": 0.1, "role": 0.1, "generic": 0.2}


# A "sentence" longer than this many characters (a scraped page without full stops, a 1 MB
# line) is cut at whitespace into pieces of at most this length before extraction, so the work
# done around each speech verb and quote stays bounded and extraction time grows linearly with
# the text. The longest real sentence in FA-KES has 2,271 characters.
MAX_SENTENCE_CHARS = 3000


def bounded_sentences(text: str, spans: list[tuple[int, int]], limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """`spans` (character offsets into `text`) with every span longer than `limit` characters
    cut into pieces of at most `limit`, at the last whitespace of each piece's second half
    (inside a token only when there is none); surrounding whitespace is left out."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while e - s > limit:
            cut = s + limit
            k = cut
            while k > s + limit // 2 and not text[k - 1].isspace():
                k -= 1
            if k <= s + limit // 2:
                k = cut
            end = k
            while end > s and text[end - 1].isspace():
                end -= 1
            out.append((s, end))
            s = k
            while s < e and text[s].isspace():
                s += 1
        if s < e:
            out.append((s, e))
    return out


def _trim(text: str, a: int, b: int, chars: str = " \t\n\r,;:.-–—") -> tuple[int, int]:
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


class _Article:
    """State of one article's extraction."""

    def __init__(self, text: str, article_id: str, registry: Registry | None):
        self.text = text
        self.article_id = article_id
        self.paragraphs = paragraph_spans(text)
        self.sentences = bounded_sentences(text, sentence_spans(text))
        self.sent_starts = [s for s, _ in self.sentences]
        self.par_starts = [s for s, _ in self.paragraphs]
        self.quotes = find_quotes(text, self.paragraphs, self.sentences)
        self.quote_spans = [(q.open, q.close if q.closed else q.end) for q in self.quotes]
        self.quote_opens = [q.open for q in self.quotes]
        self.resolver = SpeakerResolver(text, registry, self.sent_starts)
        self.statements: list[dict] = []
        self.used_cues: set[int] = set()
        self.used_quotes: set[int] = set()  # indices into self.quotes
        # Statement spans, sorted by start; they never overlap (`add` refuses an overlap).
        self.covered: list[tuple[int, int]] = []
        self._covered_starts: list[int] = []
        self._by_sentence: dict[int, list[dict]] = {}  # sentence index -> its statements
        # Nested reported speech ("X said the government insists CLAUSE"): while `_nesting` is
        # on, `add` accepts a span strictly inside one reported statement; nested spans are
        # kept apart from `covered` so that the disjoint-span bisection stays valid.
        self._nesting = False
        self._reported_at: dict[tuple[int, int], str] = {}  # covered span -> statement type
        self.nested: list[tuple[int, int]] = []

    # -- positions ---------------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.par_starts, pos) - 1)

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_opens, pos) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos <= self.quote_spans[k][1]

    def overlaps(self, a: int, b: int) -> bool:
        # The covered spans are disjoint and sorted, so only the last one starting before b
        # can reach past a (a bisection, not a scan: dense articles have thousands).
        k = bisect.bisect_left(self._covered_starts, b)
        return k > 0 and self.covered[k - 1][1] > a

    def _nests(self, a: int, b: int) -> bool:
        """Whether text[a:b] lies strictly inside one reported (indirect or according_to)
        statement and touches no other nested statement."""
        k = bisect.bisect_right(self._covered_starts, a) - 1
        if k < 0:
            return False
        oa, ob = self.covered[k]
        if not (oa <= a and b <= ob and (a, b) != (oa, ob)):
            return False
        if self._reported_at.get((oa, ob)) not in ("indirect", "according_to"):
            return False
        return not any(na < b and a < nb for na, nb in self.nested)

    # -- output --------------------------------------------------------------------------
    def add(self, a: int, b: int, res: Resolution | None, cue: str, kind: str, rule: str, conf: float,
            cue_pos: int, spans: list[tuple[int, int]] | None = None, same_as: dict | None = None) -> bool:
        """Record a statement text[a:b] (trimmed). Speaker fields are filled in by `finalize`,
        which re-resolves pronouns and role nouns in text order; `spans` are the speaker
        phrase(s), `same_as` a previous statement whose speaker this one continues."""
        a, b = _trim(self.text, a, b)
        if res is None or b - a < 2:
            return False
        if self._nesting:
            # a nested speaker must be named or a role noun: pronouns inside a reported clause
            # mostly point back to the outer speaker's own words
            if res.how.split(":")[0] not in ("name", "unknown_name", "role", "generic", "unnamed") or not self._nests(a, b):
                return False
        elif self.overlaps(a, b):
            return False
        self.statements.append({
            "statement_id": f"{self.article_id}:{a}", "article_id": self.article_id,
            "cue": cue, "type": kind, "quote": self.text[a:b], "start": a, "end": b,
            "paragraph": self.paragraph_of(a), "sentence": self.sentence_of(a),
            "in_headline": False,
            "_res": res, "_spans": spans, "_same": same_as, "_rule": rule, "_conf": conf,
            "_cue_pos": cue_pos if cue_pos >= 0 else a,
        })
        if self._nesting:
            self.nested.append((a, b))
        else:
            k = bisect.bisect_left(self._covered_starts, a)
            self._covered_starts.insert(k, a)
            self.covered.insert(k, (a, b))
            self._reported_at[(a, b)] = kind
        self._by_sentence.setdefault(self.statements[-1]["sentence"], []).append(self.statements[-1])
        self.resolver.remember(cue_pos if cue_pos >= 0 else a, res)
        return True

    def finalize(self) -> list[dict]:
        """Resolve speakers in text order (so "he" finds the speaker just before it, whatever
        pass found that statement) and fill in the speaker columns."""
        self.statements.sort(key=lambda st: st["start"])
        self.resolver.history = []
        for st in self.statements:
            res: Resolution = st.pop("_res")
            spans = st.pop("_spans")
            same = st.pop("_same")
            rule = st.pop("_rule")
            conf = st.pop("_conf")
            cue_pos = st.pop("_cue_pos")
            how0 = res.how.split(":")[0]
            if same is not None:
                res = Resolution(same["speaker"], "", -1, -1, same["speaker_kind"], same["speaker_side"],
                                 same["_gender"], "same_speaker", in_registry=same["in_registry"],
                                 resolved_from=same["start"])
            elif spans and how0 in ("pronoun", "pronoun_unresolved", "role", "generic"):
                # in text order every earlier speaker is known: pronouns, role nouns and
                # generic heads ("the bulletin", "the group") can find their referent now
                again = self.resolver.resolve(spans)
                if again is not None:
                    res = again
            how = res.how.split(":")[0]
            own = same is None
            st["speaker"] = res.speaker
            st["speaker_mention"] = res.mention if own else ""
            st["speaker_start"] = res.start if own else -1
            st["speaker_end"] = res.end if own else -1
            st["rule"] = f"{rule}+{res.how}" if own else rule
            st["confidence"] = round(max(0.05, min(1.0, conf - SPEAKER_PENALTY.get(how, 0.1 if own else 0.0))), 3)
            st["speaker_kind"] = res.kind
            st["speaker_side"] = res.side
            st["in_registry"] = res.in_registry
            st["resolved_from"] = res.resolved_from
            st["_gender"] = res.gender
            self.resolver.remember(cue_pos, res)
        self._forward_roles()
        for st in self.statements:
            st.pop("_gender", None)
        return self.statements

    def _forward_roles(self) -> None:
        """"... the provincial governor said. Governor Talal al-Barazi told AFP ...": a definite
        role noun that no earlier actor holds names the person introduced with that role word
        in the next two sentences, as that person's next statement shows."""
        for i, st in enumerate(self.statements):
            mention = st["speaker_mention"].lower()
            if st["speaker_kind"] != "unnamed" or not st["rule"].endswith("+unnamed") or st["speaker_start"] < 0:
                continue
            before = self.text[max(0, st["speaker_start"] - 30):st["speaker_start"]]
            if not (mention.startswith("the ") or re.search(r"(?<!\w)[Tt]he\s+(?:[a-z-]+\s+)?$", before)):
                continue  # "a spokesman" is anyone; "the (provincial) governor" is someone known
            role = mention.split()[-1]
            if role not in PERSON_ROLES:
                continue
            for later in self.statements[i + 1:]:
                if later["sentence"] > st["sentence"] + 2:
                    break
                if later["speaker_kind"] != "person" or later["speaker_start"] < 0:
                    continue
                intro = self.text[max(0, later["speaker_start"] - 30):later["speaker_end"]].lower()
                if re.search(rf"(?<![\w-]){re.escape(role)}(?![\w-])", intro):
                    st.update(speaker=later["speaker"], speaker_kind="person", speaker_side=later["speaker_side"],
                              in_registry=later["in_registry"], resolved_from=later["speaker_start"],
                              rule=st["rule"] + ":next_speaker")
                    break

    # -- pass 1: direct quotes ----------------------------------------------------------
    def direct_quotes(self) -> None:
        text = self.text
        last_attr_end = -1
        last_st: dict | None = None
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes:
                continue
            found = None
            same = None
            if last_st is not None and q.open > last_attr_end >= 0:
                # '"Q1," X said, "Q2."' and '"Q1," adding, "Q2"': the second part continues the
                # first one's speaker
                gap = text[last_attr_end:q.open]
                if len(gap) <= 3 and not gap.strip(" ,;:") or _SPLIT_GAP.fullmatch(gap):
                    found = (last_st["_res"], "direct_split", "", -1, "direct", None)
                    same = last_st
            if found is None and q.closed:
                found = self._attribution_after(q)
            if found is None:
                found = self._attribution_before(q)
            if found is None:
                continue
            res, rule, cue, cue_pos, kind, spans = found
            conf = CONF[rule] - (0.0 if q.closed or q.continued else 0.3)
            if rule == "mixed_that":
                # 'X stressed that "Q1" and ... "Q2"': every quoted fragment of the clause
                si = self.sentence_of(q.open)
                end = self._clause_end(q.open, self.sentences[si][1])
                self._emit_clause(q.open, end, res, cue, rule, "indirect", cue_pos, spans=spans)
                continue
            if self.add(q.start, q.end, res, cue, kind, rule, conf, cue_pos, spans=spans, same_as=same):
                self.used_quotes.add(qi)
                if cue_pos >= 0:
                    self.used_cues.add(cue_pos)
                last_st = self.statements[-1]
                close_end = q.close + 1 if q.closed else -1
                last_attr_end = self._attr_end if rule in ("direct_after", "direct_according") else close_end

    _attr_end = -1

    def _attribution_after(self, q: Quote):
        text = self.text
        a = q.close + 1
        si = self.sentence_of(q.close)
        limit = self.sentences[si][1] if si < len(self.sentences) else len(text)
        # a quote closing its sentence ("... out."") is attributed in the same sentence only
        if limit <= a:
            return None
        # a quote inside a noun phrase ('his description of Obama as a "bad guy," Schiff said')
        # is a fragment of someone else's words, not the words of the speaker after it
        s0 = self.sentences[self.sentence_of(q.open)][0]
        lead_words = text[s0:q.open].split()
        if lead_words and lead_words[-1].lower() in _FRAGMENT_BEFORE:
            return None
        m = _LEAD.match(text, a, limit)
        p = m.end()
        if p >= limit:
            return None
        acc = _ACCORDING.match(text, p)
        if acc:
            span = self._according_phrase(acc.end(), limit)
            res = self.resolver.resolve([span]) if span else None
            if res:
                self._attr_end = span[1]
                return res, "direct_according", "according to", acc.start(), "direct", [span]
            return None
        vm = _VERB.search(text, p, min(limit, p + 160))
        if vm and vm.start() == p:
            span = phrase_after(text, vm.end(), limit)
            if span is None:
                return None
            res = self.resolver.resolve([span])
            if res:
                self._attr_end = span[1]
                return res, "direct_after", vm.group(), vm.start(), "direct", [span]
            return None
        if vm and not self.in_quote(vm.start()) and self._verb_ok(vm):
            sm = subject_before(text, p, vm.start())
            if sm and not sm.negated and sm.spans and min(s for s, _ in sm.spans) - p <= 4:
                res = self.resolver.resolve(sm.spans)
                if res:
                    self._attr_end = vm.end()
                    return res, "direct_after", vm.group(), vm.start(), "direct", sm.spans
            return None
        if m.group("dash"):
            span = phrase_after(text, p, limit)
            if span and not text[span[1]:limit].strip(" .,"):
                res = self.resolver.resolve([span])
                if res:
                    return res, "direct_dash", "-", m.start("dash"), "direct", [span]
        return None

    def _attribution_before(self, q: Quote):
        text = self.text
        si = self.sentence_of(q.open)
        s0 = self.sentences[si][0] if self.sentences else 0
        # Start after the previous quote in this sentence, if any.
        b = q.open
        while b > s0 and text[b - 1].isspace():
            b -= 1
        if b <= s0:
            return None
        kind = "direct"
        colon = text[b - 1] == ":"
        if colon or text[b - 1] == ",":
            b -= 1
            while b > s0 and text[b - 1].isspace():
                b -= 1
        m_that = re.search(r"\bthat$", text[max(s0, b - 5):b])
        if m_that:
            kind = "mixed"
            b -= 4
            while b > s0 and text[b - 1].isspace():
                b -= 1
        # the verb must end right here (adjuncts allowed: "said in a statement:")
        best = None
        for vm in _VERB.finditer(text, max(s0, b - 120), b):
            best = vm
        if best is not None and not self.in_quote(best.start()) and self._verb_ok(best):
            t0 = best.end()
            if speech_verbs.lookup(best.group())[0] in ("tell", "inform", "assure", "brief"):
                mo = _TELL_OBJECT.match(text, t0, b)
                if mo:
                    t0 = mo.end()
            tail = text[t0:b]
            if not tail.strip() or _only_adjuncts(tail):
                sm = subject_before(text, s0, best.start())
                if sm and not sm.negated and not sm.passive:
                    res = self.resolver.resolve(sm.spans)
                    if res:
                        rule = "mixed_that" if kind == "mixed" else "direct_before"
                        return res, rule, best.group(), best.start(), kind, sm.spans
                return None
        if colon and kind == "direct":
            # "X: "Q"" without a verb: the whole stretch before the colon is the speaker phrase
            seg_start = max(text.rfind(",", s0, b) + 1, s0)
            span = phrase_after(text, seg_start, b)
            if span and span[1] >= b - 1 and span[0] - seg_start <= 2:
                res = self.resolver.resolve([span])
                if res:
                    return res, "direct_colon", ":", b, "direct", [span]
        return None

    def _verb_ok(self, vm: re.Match) -> bool:
        """Reject base forms that are more often nouns ("the UN report") unless after a modal."""
        form = re.sub(r"\s+", " ", vm.group())
        lemma, _ = speech_verbs.lookup(form)
        if form.endswith("s") and form != lemma and lemma not in _BASE_ANYWHERE:
            # "Western states blamed", "Initial reports of": a plural noun, not a verb
            nxt = self.text[vm.end():vm.end() + 25].split()
            if nxt and (nxt[0] in ("of", "have", "had", "were", "are", "by", "from", "in", "on", "and")
                        or nxt[0].endswith("ed") or _VERB.fullmatch(nxt[0])):
                return False
        if form != lemma:
            return True
        if lemma in _BASE_ANYWHERE:
            return True
        prev = self.text[max(0, vm.start() - 12):vm.start()].split()
        return bool(prev) and prev[-1].lower() in _BASE_OK_BEFORE

    # -- pass 2: according to -----------------------------------------------------------
    def _according_phrase(self, pos: int, limit: int):
        m = _ACC_PREFIX.match(self.text, pos)
        if m:
            pos = m.end()
        span = phrase_after(self.text, pos, limit, lower_head=True)
        if span is None:
            m = _LOWER_SOURCE.match(self.text, pos, limit)
            if m:
                span = (m.start(), m.end())
        return span

    def according_to(self) -> None:
        text = self.text
        for m in _ACCORDING.finditer(text):
            if self.in_quote(m.start()) or m.start() in self.used_cues:
                continue
            si = self.sentence_of(m.start())
            s0, s1 = self.sentences[si]
            span = self._according_phrase(m.end(), s1)
            if span is None:
                continue
            res = self.resolver.resolve([span])
            if res is None:
                res = self._generic(span)
            if res is None:
                continue
            head = text[s0:m.start()]
            tail = text[span[1]:s1].strip(" .,;")
            # "According to X(,) CLAUSE", also after a short connective ("Thus according to X")
            if len(head.split()) <= 3 and not head.rstrip().endswith(("\"", "”")) and tail:
                a, b = span[1], s1
            else:
                a, b = s0, m.start()
                if self._inner_speaker_before(s0, m.start()):
                    continue
                # a leading connective phrase set off by a comma is not part of the clause
                lead = re.match(r"\s*(?:([A-Z]\w*)(?:\s+\w+){0,3}),\s+", text[s0:m.start()])
                if lead and lead.group(1) in SENTENCE_ADVERBS and lead.end() < m.start() - s0 - 10:
                    a = s0 + lead.end()
            self._emit_clause(a, b, res, "according to", "according_to", "according_to", m.start(), spans=[span])
            self.used_cues.add(m.start())

    def _inner_speaker_before(self, s0: int, acc: int) -> bool:
        """"CLAUSE Zarif said according to Press TV": the clause is the inner speaker's, the
        outlet only relays the speech act. When the words before "according to" end in
        SUBJECT + speech verb (+ addressee and adjuncts), emit CLAUSE for that subject (rule
        reported_backward, its verb marked used) and return True; else False."""
        text = self.text
        last = None
        for vm in _VERB.finditer(text, s0, acc):
            last = vm
        if last is None or self.in_quote(last.start()) or not self._verb_ok(last):
            return False
        lemma, _ = speech_verbs.lookup(re.sub(r"\s+", " ", last.group()))
        t0 = last.end()
        if lemma in _TELL_LEMMAS:
            mo = _TELL_OBJECT.match(text, t0, acc)
            if mo:
                t0 = mo.end()
        if text[t0:acc].strip(" ,") and not _only_adjuncts(text[t0:acc]):
            return False
        sm = subject_before(text, s0, last.start())
        if sm is None or sm.negated or sm.passive:
            return False
        res = self.resolver.resolve(sm.spans)
        if res is None:
            return False
        np_start = min(s for s, _ in sm.spans)
        if np_start - s0 < 10:
            return False  # "X said according to Y": no clause before the inner speaker
        self._emit_clause(s0, np_start, res, last.group(), "reported_backward", "indirect", last.start(), spans=sm.spans)
        self.used_cues.add(last.start())
        self.used_cues.add(acc)
        return True

    def _generic(self, span: tuple[int, int]) -> Resolution | None:
        """An unnamed source ("the bulletin", "field sources", "the reporter") as its own
        speaker: the phrase without determiner. None for figures and tolls, which speak for
        nobody."""
        phrase = self.text[span[0]:span[1]]
        bare = re.sub(r"^(?:the|a|an|its|his|her|their)\s+", "", phrase, flags=re.IGNORECASE)
        words = bare.lower().split()
        if not words or words[-1] in _NOT_SOURCES or len(words) > 8 or self.resolver.not_a_speaker(bare):
            return None
        return Resolution(bare, phrase, span[0], span[1], generic_kind(bare), "", None, "generic")

    # -- pass 3: reported speech ----------------------------------------------------------
    def _statement_before(self, pos: int, si: int) -> dict | None:
        """The last statement of sentence `si` that starts before `pos`."""
        best = None
        for st in self._by_sentence.get(si, ()):
            if st["sentence"] == si and st["start"] < pos and (best is None or st["start"] > best["start"]):
                best = st
        return best

    def reported(self) -> None:
        text = self.text
        if self._nesting:
            # only verbs inside a reported statement can start a nested one
            spans = [span for span in self.covered if self._reported_at.get(span) in ("indirect", "according_to")]
            matches = (vm for a, b in spans for vm in _VERB.finditer(text, a, b))
        else:
            matches = _VERB.finditer(text)
        for vm in matches:
            v = vm.start()
            if v in self.used_cues or self.in_quote(v) or not self._verb_ok(vm):
                continue
            si = self.sentence_of(v)
            s0, s1 = self.sentences[si]
            form = re.sub(r"\s+", " ", vm.group())
            lemma, family = speech_verbs.lookup(form)
            if form.endswith("ing") and not form.endswith("as saying"):
                if not self._nesting:  # a nested participle has no subject of its own
                    self._participle(vm, s0, s1, lemma, family)
                continue
            before = text[s0:v]
            if _COORD_BEFORE.search(before):
                self._coordinated(vm, s0, s1, lemma, family, si)
                continue
            sm = subject_before(text, s0, v)
            if sm is None and self._inverted(vm, s0, s1):
                continue
            if sm is None:
                sm = self._relative_subject(s0, v)
            if sm is None:
                sm = self._sentence_subject(vm, s0, s1)
            if sm is None:
                continue
            if sm.negated or sm.passive:
                continue
            res = self.resolver.resolve(sm.spans)
            if res is None:
                res = self._fallback(sm.spans)
            if res is None:
                continue
            np_start = min(s for s, _ in sm.spans)
            clause = self._clause_after(vm, lemma, family, s1)
            if clause is not None:
                a, b, rule = clause
                self._emit_clause(a, b, res, vm.group(), rule, "indirect", v, spans=sm.spans)
                continue
            # backward: "CLAUSE, X said" / "CLAUSE X said on Monday" / "CLAUSE X told Reuters"
            t0 = vm.end()
            if lemma in ("tell", "inform", "assure", "brief"):
                mo = _TELL_OBJECT.match(text, t0, s1)
                if mo:
                    t0 = mo.end()
            tail = text[t0:s1].rstrip(" .")
            if tail.strip() and not _only_adjuncts(tail) and not tail.lstrip().startswith((",", "\"", "“", "'")) \
                    and not _PART_TAIL.match(tail):
                continue
            self._emit_clause(s0, np_start, res, vm.group(), "reported_backward", "indirect", v, spans=sm.spans)

    def _fallback(self, spans: list[tuple[int, int]]) -> Resolution | None:
        """An unnamed source ("the bulletin") is its own, generic speaker."""
        return self._generic(spans[0])

    def _relative_subject(self, s0: int, v: int):
        """'The Observatory which monitors violence ... said': the phrase before which/who."""
        text = self.text
        m = None
        for m in _RELATIVE.finditer(text, s0, v):
            pass
        if m is None or _VERB.search(text, m.end(), v):
            return None
        end = m.start()
        while end > s0 and text[end - 1] in " ,-–—":
            end -= 1
        sm = subject_before(text, s0, end, allow_objects=True)  # "at the Syrian regime which denied"
        if sm is None or sm.negated:
            return None
        return sm

    def _sentence_subject(self, vm: re.Match, s0: int, s1: int):
        """'The Russian Center for coordinating ... in Syria said that ...': a long subject
        whose end looks like the object of a preposition. The name opening the sentence is the
        speaker when nothing between it and the cue looks like a verb or a clause boundary."""
        text = self.text
        v = vm.start()
        span = phrase_after(text, s0, v)
        if span is None or span[0] - s0 > 2 or v - span[1] > 160:
            return None
        between = text[span[1]:v]
        if re.search(r"[,;:\"“”]", between) or _VERB.search(between) or _FINITE.search(between):
            return None
        nxt = text[vm.end():s1].split(None, 1)
        if nxt and nxt[0].lower() not in _ADJUNCT_START and nxt[0].lower() != "that" \
                and speech_verbs.lookup(vm.group())[0] not in _TELL_LEMMAS \
                and phrase_after(text, vm.end(), s1) is not None:
            return None  # "... said the Observatory": inverted, handled elsewhere
        res = self.resolver.resolve([span])
        if res is None or res.how not in ("name", "unknown_name") or res.kind == "unknown":
            return None
        return SubjectMatch([span], False, False)

    def _inverted(self, vm: re.Match, s0: int, s1: int) -> bool:
        """'CLAUSE(,) said X' and, without commas (FA-KES), 'CLAUSE said the Observatory'.
        True when the cue has this shape (whether or not a statement could be added)."""
        text = self.text
        v = vm.start()
        before = text[s0:v].rstrip()
        if len(before.split()) < 3:
            return False
        nxt = text[vm.end():s1].split(None, 1)
        if not nxt or nxt[0].lower() in _ADJUNCT_START or nxt[0].lower() == "that":
            return False
        if speech_verbs.lookup(vm.group())[0] in _TELL_LEMMAS:
            return False  # "told Reuters ...": who is told never speaks
        span = phrase_after(text, vm.end(), s1, apposition=True)
        if span is None:
            return False
        tail = text[span[1]:s1].strip(" .")
        ok_tail = not tail or _only_adjuncts(tail) or re.match(r"(?:,|the\b|a\b|an\b|who\b|which\b)", tail)
        if not ok_tail:
            return False
        res = self.resolver.resolve([span])
        if res is None:
            res = self._fallback([span])
        if res is None:
            return False
        self._emit_clause(s0, v, res, vm.group(), "reported_inverted", "indirect", v, spans=[span])
        return True

    def _coordinated(self, vm: re.Match, s0: int, s1: int, lemma: str, family: str, si: int) -> None:
        """'X said A and added that B' / 'X gave a toll and said B': the speaker of the sentence."""
        text = self.text
        last = self._statement_before(vm.start(), si)
        clause = self._clause_after(vm, lemma, family, s1)
        if clause is None:
            return
        a, b, rule = clause
        if last is not None:
            self._emit_clause(a, b, last["_res"], vm.group(), "coordinated", "indirect", vm.start(), same_as=last)
            return
        span = phrase_after(text, s0, vm.start())
        if span is None:
            return
        res = self.resolver.resolve([span])
        if res is None or res.how == "generic":
            return
        self._emit_clause(a, b, res, vm.group(), "coordinated_subject", "indirect", vm.start(), spans=[span])

    def _clause_after(self, vm: re.Match, lemma: str, family: str, s1: int):
        """(start, end, rule) of the statement after the cue, or None when the cue ends its
        clause (then the statement, if any, is before it)."""
        text = self.text
        r = vm.end()
        if lemma in ("tell", "inform", "assure", "brief"):
            m = _TELL_OBJECT.match(text, r, s1)
            if m:
                r = m.end()
        # "said (on Monday / in a statement) that CLAUSE"; "voiced hope that CLAUSE"
        window = text[r:min(s1, r + 90)]
        tm = _THAT.search(window)
        if tm and not re.search(r"[\"“”«»;:]", window[:tm.start()]):
            head = window[:tm.start()]
            if family == "clause" and (not head.strip() or _only_adjuncts(head) or lemma in ("tell", "inform", "assure")):
                return r + tm.end(), self._clause_end(r + tm.end(), s1), "reported_that"
            if family == "object" and (not head.strip() or _NOUN_THAT.fullmatch(head)):
                return r + tm.end(), self._clause_end(r + tm.end(), s1), "reported_that"
        rest = text[r:s1]
        stripped = rest.lstrip()
        if not stripped or stripped[0] in ",.;:!?\"“”«»'‘’)-–—":
            return None
        if family == "object":
            return vm.start(), self._clause_end(r, s1), "reported_object"
        # skip adjuncts ("said on Wednesday the strikes ...")
        p = r
        while True:
            m = _ADJUNCT.match(text, p, s1)
            if not m or m.end() == p:
                break
            p = m.end()
        stripped = text[p:s1].lstrip()
        if not stripped or stripped[0] in ",.;:!?\"“”«»'‘’)":
            return None
        if _PART_TAIL.match(stripped):
            return None  # "the witness said adding that ...": the statement is before the cue
        words = stripped.rstrip(" .").split()
        first = words[0].lower()
        if first in _ADJUNCT_START:
            # "said in Geneva." ends the attribution; "said at least 10 people died" does not
            quantity = first in ("at", "more", "about", "over", "up") and len(words) > 2 and \
                words[1].lower() in ("least", "than", "to")
            if not quantity and (len(words) <= 6 or _only_adjuncts(" ".join(words[:4]))):
                return None
            if not quantity and first in ("on", "in", "at", "during", "after", "before", "via", "through", "from",
                                          "with", "by", "to", "following", "amid", "since", "until", "upon"):
                return None
        if first in _NOT_CLAUSE:
            return None
        return p, self._clause_end(p, s1), "reported"

    def _clause_end(self, a: int, s1: int) -> int:
        text = self.text
        b = s1
        for pat in (_COORD_CUT, _PART_CUT):
            m = pat.search(text, a, b)
            if m and m.start() > a:
                b = m.start()
        return b

    def _participle(self, vm: re.Match, s0: int, s1: int, lemma: str, family: str) -> None:
        """'..., adding that ...' / '... saying ...': same speaker as the sentence's statement
        before the participle. 'Reuters quoted the ministry as saying ...': the one quoted."""
        text = self.text
        si = self.sentence_of(vm.start())
        qa = _QUOTED_AS.search(text, s0, vm.start())
        if qa and lemma == "say":
            span = phrase_after(text, qa.start(1), qa.end(1))
            if span and span[1] >= qa.end(1) - 1:
                res = self.resolver.resolve([span])
                clause = self._clause_after(vm, lemma, family, s1)
                if res is not None and clause is not None:
                    self._emit_clause(clause[0], clause[1], res, "quoted as saying", "quoted_as_saying", "indirect",
                                      vm.start(), spans=[span])
            return
        last = self._statement_before(vm.start(), si)
        if last is None:
            return
        prev = text[max(s0, vm.start() - 2):vm.start()]
        if not prev or not prev[-1].isspace() and prev[-1] != ",":
            return
        clause = self._clause_after(vm, lemma, family, s1)
        if clause is None:
            return
        a, b, _ = clause
        self._emit_clause(a, b, last["_res"], vm.group(), "participle", "indirect", vm.start(), same_as=last)

    def _emit_clause(self, a: int, b: int, res: Resolution, cue: str, rule: str, kind: str, cue_pos: int,
                     spans: list[tuple[int, int]] | None = None, same_as: dict | None = None) -> None:
        """Emit a reported clause; quoted fragments inside it become mixed statements."""
        text = self.text
        a, b = _trim(text, a, b, " \t\n\r,;:.-–—")
        if b - a < 3:
            return
        # Quotes are sorted by their opening mark: only those opening in [a, b + 1] can be inside.
        lo, hi = bisect.bisect_left(self.quote_opens, a), bisect.bisect_right(self.quote_opens, b + 1)
        inner = [(qi, self.quotes[qi]) for qi in range(lo, hi)
                 if (self.quotes[qi].close if self.quotes[qi].closed else self.quotes[qi].end) <= b + 1]
        frags = [(qi, q) for qi, q in inner if len(text[q.start:q.end].split()) >= 2]
        conf = CONF.get(rule, 0.7)
        if frags:
            covered_chars = sum(q.end - q.start for _, q in frags)
            whole = inner and len(inner) == 1 and inner[0][1].open - a <= 1
            for qi, q in frags:
                if qi in self.used_quotes:
                    continue
                if self.add(q.start, q.end, res, cue, "direct" if whole else "mixed", rule, conf, cue_pos,
                            spans=spans, same_as=same_as):
                    self.used_quotes.add(qi)
            self.used_cues.add(cue_pos)
            if covered_chars >= 0.3 * (b - a) or whole:
                return
            return
        if self.add(a, b, res, cue, kind, rule, conf, cue_pos, spans=spans, same_as=same_as):
            self.used_cues.add(cue_pos)
            for qi, _ in inner:
                self.used_quotes.add(qi)

    # -- pass 4: leftover quotes -----------------------------------------------------------
    def leftover_quotes(self) -> None:
        text = self.text
        for qi, q in enumerate(self.quotes):
            if qi in self.used_quotes or self.overlaps(q.start, q.end):
                continue
            n_words = len(text[q.start:q.end].split())
            si = self.sentence_of(q.open)
            s0, s1 = self.sentences[si]
            par = self.paragraph_of(q.open)
            opens_unit = not text[s0:q.open].strip()
            if opens_unit and n_words >= 4:
                prev = [st for st in self.statements if st["type"] == "direct" and st["start"] < q.open
                        and par - st["paragraph"] <= 2]
                if prev:
                    last = max(prev, key=lambda st: st["start"])
                    if self.add(q.start, q.end, last["_res"], "", "direct", "quote_continues",
                                CONF["quote_continues"], q.open, same_as=last):
                        self.used_quotes.add(qi)
                continue
            if n_words >= 2:
                span = phrase_after(text, s0, q.open)
                if span is None or span[0] - s0 > 2:
                    continue
                after = text[span[1]:q.open].split()
                if not after or not after[0][:1].islower():
                    continue
                res = self.resolver.resolve([span])
                if res is not None and res.kind != "group":
                    if self.add(q.start, q.end, res, "", "mixed", "quote_fragment", CONF["quote_fragment"], q.open,
                                spans=[span]):
                        self.used_quotes.add(qi)

    # -- pass 5: headlines --------------------------------------------------------------------
    def headline_quotes(self, headlines: Iterable[str]) -> None:
        for head in headlines:
            if not head:
                continue
            hp = paragraph_spans(head)
            hq = find_quotes(head, hp, sentence_spans(head))
            for q in hq:
                words = head[q.start:q.end]
                if len(words.split()) < 2:
                    continue
                pos = self.text.find(words)
                if pos < 0:
                    continue
                for st in self.statements:
                    if st["start"] <= pos < st["end"]:
                        st["in_headline"] = True

    def run(self, headlines: Iterable[str]) -> list[dict]:
        if not self.text.strip():
            return []
        self.direct_quotes()
        self.according_to()
        self.reported()
        self.leftover_quotes()
        # reported speech nested in reported speech, each level with its own cue and speaker
        self._nesting = True
        self.reported()
        self._nesting = False
        self.headline_quotes(headlines)
        return self.finalize()


def _only_adjuncts(s: str) -> bool:
    """Whether `s` holds only adjuncts ("on Wednesday", "in a statement", "told Reuters")."""
    p = 0
    s = s.rstrip(" ,.")
    while p < len(s):
        m = _ADJUNCT.match(s, p)
        if not m or m.end() == p:
            break
        p = m.end()
    rest = s[p:].strip()
    if not rest:
        return True
    toks = rest.split()
    return len(toks) <= 6 and toks[0].lower() in _ADJUNCT_START and not any(t in (".",) for t in toks)


def _default_registry(registry):
    if registry is None:
        return _cached_default()
    if isinstance(registry, Registry):
        return registry
    return load_registry(registry)


_DEFAULT: list[Registry] = []


def _cached_default() -> Registry:
    if not _DEFAULT:
        _DEFAULT.append(load_registry(default_registry_path()))
    return _DEFAULT[0]


def extract_article_statements(text: str, article_id: str = "", registry=None, title: str = "",
                               headlines: Iterable[str] = ()) -> list[dict]:
    """Statements of one article as dicts with the Statements contract's fields (docs/contracts.md)
    plus speaker_kind, speaker_side, in_registry, resolved_from and in_headline.

    `registry` is a Registry, a path to a registry YAML, or None for data/actors/syria.yaml.
    Offsets (start, end, speaker_start, speaker_end, resolved_from) are characters into `text`;
    confidence is on [0, 1]. Never raises on odd text (unclosed quotes lower the confidence)."""
    reg = _default_registry(registry)
    art = _Article(text if isinstance(text, str) else "", str(article_id), reg)
    heads = [title] if title else []
    heads += [h for h in (headlines if headlines is not None else ()) if isinstance(h, str)]
    return art.run(heads)


def canonicalise_unknown(statements: pd.DataFrame) -> pd.DataFrame:
    """Give unknown person speakers one name across the corpus: the longest form among those
    sharing a surname key (actors.name_key). Returns a new DataFrame."""
    if statements.empty:
        return statements
    out = statements.copy()
    mask = ~out["in_registry"].astype(bool) & out["speaker_kind"].isin(["person", "unknown"])
    if not mask.any():
        return out
    names = out.loc[mask, "speaker"]
    kinds = out.loc[mask, "speaker_kind"]
    keys = names.map(name_key)
    # Full names (two words or more, kind person) sharing a surname key are one person only
    # when their first words agree ("Hamza Khatib" = "Hamza al-Khatib", not "Ibrahim Khatib");
    # the longest form names them. A bare surname joins a full name only when its key has
    # exactly one person in the corpus; otherwise it is ambiguous and stays as written.
    longest: dict[tuple[str, str], str] = {}
    for key, name, kind in sorted(zip(keys, names, kinds)):
        words = name.split()
        if kind == "person" and _is_full_name(words, key):
            slot = (key, words[0].lower())
            if len(name) > len(longest.get(slot, "")):
                longest[slot] = name
    people: dict[str, list[str]] = {}
    for (key, _), name in sorted(longest.items()):
        people.setdefault(key, []).append(name)
    renamed = []
    for key, name in zip(keys, names):
        words = name.split()
        if _is_full_name(words, key):
            renamed.append(longest.get((key, words[0].lower()), name))
        elif len(people.get(key, [])) == 1:
            renamed.append(people[key][0])
        else:
            renamed.append(name)
    out.loc[mask, "speaker"] = renamed
    return out


def _is_full_name(words: list[str], key: str) -> bool:
    """Whether a name has a first name before its surname key ("Talal Barazi", not "Barazi"
    or "Van der Berg")."""
    return len(words) >= 2 and words[0].lower() not in PARTICLES and name_key(words[0]) != key


def unknown_speakers(statements: pd.DataFrame) -> pd.DataFrame:
    """Speakers not in the registry, as candidates to add: speaker, key, kind, n statements,
    n articles and example mentions; sorted by n statements (descending), then name."""
    cols = ["speaker", "key", "speaker_kind", "n_statements", "n_articles", "mentions"]
    if statements.empty:
        return pd.DataFrame(columns=cols)
    unk = statements[~statements["in_registry"].astype(bool)]
    if unk.empty:
        return pd.DataFrame(columns=cols)
    g = unk.groupby("speaker", sort=True)
    out = pd.DataFrame({
        "speaker": list(g.groups),
        "key": [name_key(s) for s in g.groups],
        "speaker_kind": g["speaker_kind"].agg(lambda s: s.mode().iloc[0]).values,
        "n_statements": g.size().values,
        "n_articles": g["article_id"].nunique().values,
        "mentions": g["speaker_mention"].agg(lambda s: "; ".join(sorted({m for m in s if m})[:5])).values,
    })
    return out.sort_values(["n_statements", "speaker"], ascending=[False, True]).reset_index(drop=True)


def extract_statements(articles: pd.DataFrame, registry=None, canonicalise: bool = True) -> pd.DataFrame:
    """Statements of every article of an Articles table (docs/contracts.md: article_id, text,
    optional title and headlines). Article columns the contract does not name (source, date,
    url, title, ...) are joined onto each statement when they do not clash with a statement
    column. Rows are ordered by article (input order) then start offset.

    canonicalise: name unknown speakers across the table (`canonicalise_unknown`). The chunked
    pipeline passes False and applies it once to the whole corpus, since a chunk alone cannot
    tell whether a bare surname belongs to one person or several."""
    reg = _default_registry(registry)
    rows: list[dict] = []
    has_title = "title" in articles.columns
    has_heads = "headlines" in articles.columns
    ids = articles["article_id"].astype(str).tolist() if "article_id" in articles.columns else [str(i) for i in range(len(articles))]
    for i, text in enumerate(articles["text"].tolist()):
        title = articles["title"].iat[i] if has_title else ""
        heads = articles["headlines"].iat[i] if has_heads else ()
        heads = list(heads) if heads is not None and not isinstance(heads, str) else ([heads] if isinstance(heads, str) else [])
        rows.extend(extract_article_statements(text, ids[i], reg, title if isinstance(title, str) else "", heads))
    df = pd.DataFrame(rows, columns=STATEMENT_COLUMNS)
    if canonicalise:
        df = canonicalise_unknown(df)
    for col in ("speaker_start", "speaker_end", "start", "end", "paragraph", "sentence", "resolved_from"):
        df[col] = df[col].astype("int64")
    df["confidence"] = df["confidence"].astype("float64")
    df["in_registry"] = df["in_registry"].astype(bool)
    df["in_headline"] = df["in_headline"].astype(bool)
    extra = [c for c in articles.columns if c not in df.columns and c not in ("text", "headlines")]
    if extra and len(df):
        side = articles[extra].copy()
        side["article_id"] = ids
        side = side.drop_duplicates("article_id")
        df = df.merge(side, on="article_id", how="left")
    return df

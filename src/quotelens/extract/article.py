"""The state of one article during extraction, and the bookkeeping of its statements.

`ArticleState` holds the article's text, its paragraph, sentence and quote spans, the speaker
resolver, and the statements found so far. Every pass records a statement through
`ArticleState.add`, which trims it, refuses one overlapping an earlier statement (or, while
`nesting` is on, accepts one strictly inside a reported statement), and remembers its speaker.
`resolve_speakers` then fills in the speaker columns in text order.

Reads: an article's text and the actor registry. Writes: statement dicts with the Statements
contract's fields (docs/contracts.md); offsets are characters into the text.
"""

from __future__ import annotations

import bisect
import re
from contextlib import contextmanager

from quotelens.extract.cues import ClauseCuts, cue_offsets
from quotelens.extract.quotes import find_quotes
from quotelens.load.boilerplate import furniture_spans, parse_furniture
from quotelens.extract.registry import Registry
from quotelens.extract.resolution import Resolution, SpeakerResolver
from quotelens.text import paragraph_spans, sentence_spans

# Confidence (0-1) of each extraction rule before the speaker penalty.
CONF = {
    "direct_after": 0.95, "direct_before": 0.9, "direct_colon": 0.9, "direct_dash": 0.8, "direct_split": 0.9,
    "direct_according": 0.85, "mixed_that": 0.85, "reported": 0.8, "reported_object": 0.75, "reported_backward": 0.7,
    "according_to": 0.85, "participle": 0.65, "quote_continues": 0.5, "quote_fragment": 0.55,
    "interview_answer": 0.8, "mid_sentence_tag": 0.8, "noun_cue": 0.65,
}
# Confidence penalties for how the speaker was found.
SPEAKER_PENALTY = {"name": 0.0, "unknown_name": 0.05, "pronoun": 0.1, "role": 0.1, "generic": 0.2}


# A relative pronoun or "as" right before a pronoun speaker ("which it said", "as they claimed");
# not "that", mostly a complementizer ("tells Al-Arabiya that they suggest that ...").
_RELATIVE_BEFORE = re.compile(r"\b(?:which|whom|as)\s+$", re.IGNORECASE)

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


_COLON_QUOTE = re.compile(r"[\"”’»]?\s*:\s*[\"“«]")
_SEPARATORS = " \t\r\n.,;:|-–—()"
_SOFT_FURNITURE = frozenset(("headline_repeat", "summary_repeat"))


def _clip(text: str, a: int, b: int, spans: list[tuple[int, int]], cue_pos: int) -> tuple[int, int]:
    """The piece of text[a:b] between the spans (sorted, disjoint furniture) that lies nearest
    to the cue at `cue_pos` (a statement belongs with its cue; what furniture cuts off does
    not); (a, a) when all of it is furniture."""
    k = bisect.bisect_right(spans, (a, len(text) + 1)) - 1
    k = max(k, 0)
    pieces = []
    pos = a
    while k < len(spans) and spans[k][0] < b:
        s, e = spans[k]
        if e > pos:
            if s > pos and text[pos:s].strip(_SEPARATORS):
                pieces.append((pos, s))
            pos = max(pos, e)
        k += 1
    if pos < b and text[pos:b].strip(_SEPARATORS):
        pieces.append((pos, b))
    if not pieces:
        return a, a
    return min(pieces, key=lambda p: 0 if p[0] <= cue_pos < p[1] else min(abs(cue_pos - p[0]), abs(cue_pos - p[1])))


def trim(text: str, a: int, b: int, chars: str = " \t\n\r,;:.-–—") -> tuple[int, int]:
    """(a, b) moved inward past any of `chars` at either end of text[a:b]."""
    while a < b and text[a] in chars:
        a += 1
    while b > a and text[b - 1] in chars:
        b -= 1
    return a, b


class ArticleState:
    """State of one article's extraction: spans, quotes, the resolver and the statements."""

    def __init__(self, text: str, article_id: str, registry: Registry | None, title: str | None = None,
                 source: str | None = None, furniture=None):
        self.text = text
        self.article_id = article_id
        # Page furniture (captions, bylines, "Tags ...", related-story lines) never speaks:
        # `furniture` as the Articles table's column holds it (quotelens.load.boilerplate), or
        # it is found here from the text, the title and the outlet.
        # A headline repeated at the top of the body speaks only with a cue of its own, so a
        # statement may lie inside it but not run into it; a teaser repeated by the body is
        # the article's first sentence, which may speak.
        spans = parse_furniture(furniture) if furniture is not None else furniture_spans(text, title, source)
        self.furniture = sorted((int(sp[0]), int(sp[1])) for sp in spans if sp[2] not in _SOFT_FURNITURE)
        self.headline_repeats = sorted((int(sp[0]), int(sp[1])) for sp in spans if sp[2] == "headline_repeat")
        self._all_furniture = sorted(self.furniture + self.headline_repeats)
        self.paragraphs = paragraph_spans(text)
        self.sentences = bounded_sentences(text, sentence_spans(text))
        self.sent_starts = [s for s, _ in self.sentences]
        self.par_starts = [s for s, _ in self.paragraphs]
        self.quotes = find_quotes(text, self.paragraphs, self.sentences)
        self.quote_spans = [(q.open, q.close if q.closed else q.end) for q in self.quotes]
        self.quote_opens = [q.open for q in self.quotes]
        self.resolver = SpeakerResolver(text, registry, self.sent_starts, self.sentences, self.quote_spans)
        self.tagged: dict = {}  # sentence index -> its tagged and chunked form (quotelens.extract.tagged)
        self._clause_cuts: dict = {}  # sentence index -> ClauseCuts
        self.statements: list[dict] = []
        self.used_cues: set[int] = set()  # offsets of cues that produced a statement
        self.used_quotes: set[int] = set()  # indices into self.quotes
        # Statement spans, sorted by start; they never overlap (`add` refuses an overlap).
        self.covered: list[tuple[int, int]] = []
        self._covered_starts: list[int] = []
        self._by_sentence: dict[int, list[dict]] = {}  # sentence index -> its statements
        # Nested reported speech ("X said the government insists CLAUSE"): while `nesting` is
        # on, `add` accepts a span strictly inside one reported statement; nested spans are
        # kept apart from `covered` so that the disjoint-span bisection stays valid.
        self.nesting = False
        self.kind_at: dict[tuple[int, int], str] = {}  # covered span -> statement type
        self.nested: list[tuple[int, int]] = []

    @contextmanager
    def nested_speech(self):
        """While in this block, `add` records reported speech nested inside reported speech."""
        self.nesting = True
        try:
            yield self
        finally:
            self.nesting = False

    def reported_spans(self) -> list[tuple[int, int]]:
        """Spans of the indirect and according-to statements, where nested speech can be."""
        return [span for span in self.covered if self.kind_at.get(span) in ("indirect", "according_to")]

    # -- positions ---------------------------------------------------------------------
    def sentence_of(self, pos: int) -> int:
        """Index of the sentence holding character offset `pos`."""
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding character offset `pos`."""
        return max(0, bisect.bisect_right(self.par_starts, pos) - 1)

    def in_quote(self, pos: int) -> bool:
        """Whether character offset `pos` lies inside a quoted span, marks included."""
        k = bisect.bisect_right(self.quote_opens, pos) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos <= self.quote_spans[k][1]

    def in_furniture(self, a: int, b: int) -> bool:
        """Whether every character of text[a:b] lies in page furniture."""
        k = bisect.bisect_right(self.furniture, (a, len(self.text) + 1)) - 1
        return k >= 0 and self.furniture[k][1] >= b

    def outside_furniture(self, a: int, b: int, cue_pos: int) -> tuple[int, int]:
        """The piece of text[a:b] that page furniture does not cut off from the cue at
        `cue_pos` (characters); (a, a) when nothing is left. A repeated headline may speak
        with its own cue: a statement whose cue lies in it stays inside it."""
        for s, e in self.headline_repeats:
            if s <= cue_pos < e and a < e:
                return _clip(self.text, a, min(b, e), self.furniture, cue_pos)
        return _clip(self.text, a, b, self._all_furniture, cue_pos)

    def overlaps(self, a: int, b: int) -> bool:
        """Whether text[a:b] overlaps a statement recorded outside nesting."""
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
        if not (oa < a and b <= ob):  # strictly inside, and never at the same start (statement ids)
            return False
        if self.kind_at.get((oa, ob)) not in ("indirect", "according_to"):
            return False
        return not any(na < b and a < nb for na, nb in self.nested)

    # -- output --------------------------------------------------------------------------
    def add(self, a: int, b: int, res: Resolution | None, cue: str, kind: str, rule: str, conf: float,
            cue_pos: int, spans: list[tuple[int, int]] | None = None, same_as: dict | None = None,
            quoted: tuple[int, int] | None = None) -> bool:
        """Record a statement text[a:b] (trimmed). Speaker fields are filled in by `finalize`,
        which re-resolves pronouns and role nouns in text order; `spans` are the speaker
        phrase(s), `same_as` a previous statement whose speaker this one continues, `quoted`
        the quoted words of a mixed statement (first fragment's start, last fragment's end)."""
        a, b = trim(self.text, a, b)
        if self.furniture or self.headline_repeats:
            a, b = trim(self.text, *self.outside_furniture(a, b, cue_pos))
        if res is None or b - a < 2:
            return False
        if self.nesting:
            # a nested speaker must be named or a role noun: pronouns inside a reported clause
            # mostly point back to the outer speaker's own words
            if res.how.split(":")[0] not in ("name", "unknown_name", "role", "generic", "unnamed") \
                    and not self._relative_pronoun_cue(res, spans) or not self._nests(a, b):
                return False
        elif self.overlaps(a, b):
            return False
        self.statements.append({
            "statement_id": f"{self.article_id}:{a}", "article_id": self.article_id,
            "cue": cue, "type": kind, "quote": self.text[a:b], "start": a, "end": b,
            "paragraph": self.paragraph_of(a), "sentence": self.sentence_of(a),
            "quoted_start": -1, "quoted_end": -1, "in_headline": False,
            "_res": res, "_spans": spans, "_same": same_as, "_rule": rule, "_conf": conf,
            "_cue_pos": cue_pos if cue_pos >= 0 else a,
        })
        if quoted is not None and a <= quoted[0] < quoted[1] <= b:
            self.statements[-1]["quoted_start"], self.statements[-1]["quoted_end"] = quoted
        if self.nesting:
            self.nested.append((a, b))
        else:
            k = bisect.bisect_left(self._covered_starts, a)
            self._covered_starts.insert(k, a)
            self.covered.insert(k, (a, b))
            self.kind_at[(a, b)] = kind
        self._by_sentence.setdefault(self.statements[-1]["sentence"], []).append(self.statements[-1])
        self.resolver.remember(cue_pos if cue_pos >= 0 else a, res)
        return True

    def _relative_pronoun_cue(self, res: Resolution, spans: list[tuple[int, int]] | None) -> bool:
        """Whether a nested statement's resolved pronoun speaker opens a relative clause or an
        "as" aside ("the transfer which it said includes ...", "if as they claimed ..."): such
        a pronoun names a source the sentence has introduced, not the outer speaker's self."""
        return res.how.startswith("pronoun:") and bool(spans) \
            and _RELATIVE_BEFORE.search(self.text, max(0, spans[0][0] - 8), spans[0][0]) is not None

    def clause_end(self, a: int, s1: int) -> int:
        """End (characters) of the reported clause starting at `a` in the sentence ending at
        `s1` (quotelens.extract.cues.clause_end), from the sentence's cut points found once."""
        si = self.sentence_of(a)
        cuts = self._clause_cuts.get(si)
        if cuts is None or cuts.s1 != s1:
            cuts = self._clause_cuts[si] = ClauseCuts(self.text, self.sentences[si][0], s1)
        return cuts.end(a)

    def cue_between(self, si: int, a: int, b: int) -> bool:
        """Whether a statement of sentence `si` has its cue in text[a:b] (characters)."""
        return any(a <= st["_cue_pos"] < b and st["cue"] for st in self._by_sentence.get(si, ()))

    def statement_before(self, pos: int, si: int) -> dict | None:
        """The last statement of sentence `si` that starts before `pos`."""
        best = None
        for st in self._by_sentence.get(si, ()):
            if st["sentence"] == si and st["start"] < pos and (best is None or st["start"] > best["start"]):
                best = st
        return best

    def emit_clause(self, a: int, b: int, res: Resolution, cue: str, rule: str, kind: str, cue_pos: int,
                     spans: list[tuple[int, int]] | None = None, same_as: dict | None = None) -> None:
        """Emit a reported clause text[a:b]. A clause that is one quotation is a direct
        statement of the quoted words; a clause holding quoted fragments of two words or more
        is one mixed statement, the whole clause, with the fragments as its quoted sub-span."""
        text = self.text
        a, b = trim(text, a, b, " \t\n\r,;:.-–—")
        if b - a < 3:
            return
        # Quotes are sorted by their opening mark: only those opening in [a, b + 1] can be inside.
        lo, hi = bisect.bisect_left(self.quote_opens, a), bisect.bisect_right(self.quote_opens, b + 1)
        inner = [(qi, self.quotes[qi]) for qi in range(lo, hi)
                 if (self.quotes[qi].close if self.quotes[qi].closed else self.quotes[qi].end) <= b + 1]
        frags = [(qi, q) for qi, q in inner if len(text[q.start:q.end].split()) >= 2 and qi not in self.used_quotes]
        conf = CONF.get(rule, 0.7)
        # a clause opening with its only quotation is that quotation ('"Q" a witness said')
        whole = len(inner) == 1 and inner[0][1].open - a <= 1
        if frags and whole:
            qi, q = frags[0]
            if self.add(q.start, q.end, res, cue, "direct", rule, conf, cue_pos, spans=spans, same_as=same_as):
                self.used_quotes.add(qi)
                self.used_cues.add(cue_pos)
            return
        if frags:
            kind = "mixed"
            if b < self._quote_end(frags[-1][1]):
                b = self._quote_end(frags[-1][1])  # the clause ends after the closing mark
        quoted = (frags[0][1].start, frags[-1][1].end) if frags else None
        if self.add(a, b, res, cue, kind, rule, conf, cue_pos, spans=spans, same_as=same_as, quoted=quoted):
            self.used_cues.add(cue_pos)
            for qi, _ in inner:
                self.used_quotes.add(qi)
            self._quote_after_colon(b, res, cue, cue_pos, spans, same_as)

    def _quote_after_colon(self, b: int, res: Resolution, cue: str, cue_pos: int,
                           spans: list[tuple[int, int]] | None, same_as: dict | None) -> None:
        """'X told Sky News CLAUSE: "Q"': the quotation the colon after a clause introduces is
        the same speaker's, under the same cue."""
        m = _COLON_QUOTE.match(self.text, b)
        if not m:
            return
        k = bisect.bisect_left(self.quote_opens, m.end() - 1)
        if k < len(self.quotes) and self.quotes[k].open == m.end() - 1 and k not in self.used_quotes:
            q = self.quotes[k]
            if self.add(q.start, q.end, res, cue, "direct", "direct_colon", CONF["direct_colon"], cue_pos,
                        spans=spans, same_as=same_as):
                self.used_quotes.add(k)

    def _quote_end(self, q) -> int:
        """Offset just past the closing mark of quote `q` (its words' end when unclosed)."""
        return q.close + 1 if q.closed else q.end


def resolve_speakers(art: ArticleState) -> list[dict]:
    """Resolve speakers in text order (so "he" finds the speaker just before it, whatever
    pass found that statement) and fill in the speaker columns."""
    art.statements.sort(key=lambda st: st["start"])
    art.resolver.history = []
    art.resolver.content_spans = [(st["start"], st["end"]) for st in art.statements]  # for coreference salience
    for st in art.statements:
        res: Resolution = st.pop("_res")
        spans = st.pop("_spans")
        same = st.pop("_same")
        rule = st.pop("_rule")
        conf = st.pop("_conf")
        cue_pos = st.pop("_cue_pos")
        st["cue_start"], st["cue_end"] = cue_offsets(art.text, st["cue"], cue_pos)
        how0 = res.how.split(":")[0]
        if same is not None:
            res = Resolution(same["speaker"], "", -1, -1, same["speaker_kind"], same["speaker_side"],
                             same["_gender"], "same_speaker", in_registry=same["in_registry"],
                             resolved_from=same["start"])
        elif spans and how0 in ("pronoun", "pronoun_unresolved", "role", "generic", "unnamed"):
            # in text order every earlier speaker is known: pronouns, role nouns and
            # generic heads ("the bulletin", "the group") can find their referent now
            again = art.resolver.resolve(spans)
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
        art.resolver.remember(cue_pos, res)
    for st in art.statements:
        st.pop("_gender", None)
    return art.statements

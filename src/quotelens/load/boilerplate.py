"""Page furniture in an article's text, found as spans: the headline and dateline repeated at the
top of the body, bylines, "Published ..." lines, tags, related-story blocks, captions and
credits, share widgets and copyright footers (the rules are data, in
`quotelens.load.furniture_rules`).

The text is never changed: furniture is recorded as (start, end, kind) character offsets into it,
so every offset the extractor reports still indexes the text as loaded. `furniture_spans` finds
the spans; `body_bounds`, `content_spans`, `is_furniture`, `touches_furniture` and
`mask_furniture` are what a consumer needs to skip them; `format_furniture` and
`parse_furniture` convert to and from the Articles table's `furniture` column.

Reads and writes nothing.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Iterable, NamedTuple

import quotelens.load.furniture_rules as data  # the module, not the package (whose __init__ imports corpus)
from quotelens.load.furniture_extents import extend_match, headline_end, line_is_plausible, norm_word, title_variants

#: Most furniture items read at the top and at the end of one body (a guard against loops).
MAX_ITEMS = 16
#: A teaser repeated by the body is recognised by this many words in a row appearing twice,
#: the second time within SUMMARY_WINDOW_WORDS words of the first.
SUMMARY_MATCH_WORDS = 8
SUMMARY_WINDOW_WORDS = 120


class Span(NamedTuple):
    """A piece of furniture: text[start:end] (character offsets, end exclusive) is of `kind`."""

    start: int
    end: int
    kind: str


def _expand(pattern: str) -> str:
    """`pattern` with every <<NAME>> replaced by its fragment (fragments may nest)."""
    for _ in range(5):
        expanded = re.sub(r"<<(\w+)>>", lambda m: data.FRAGMENTS[m.group(1)], pattern)
        if expanded == pattern:
            return expanded
        pattern = expanded
    return pattern


def _compile(rule: data.Rule) -> re.Pattern:
    body = _expand(rule.pattern)
    # Date-led head items must not run into a lowercase word: "5 June 2016 was ..." is prose
    # ("by" a byline, "at" a time, "on" a place and a scraped "title:" label may follow).
    if rule.where in ("head", "head_after") and ("<<DATE>>" in rule.pattern or "<<TIME>>" in rule.pattern):
        body = f"(?:{body})(?!\\s*(?!(?:by|at|on)\\b|title:)[a-z])"
    if rule.where == "tail":
        body = f"(?:{body})\\s*\\Z"
    return re.compile(body, re.IGNORECASE if rule.ignore_case else 0)


_COMPILED: list[tuple[data.Rule, re.Pattern]] = [(r, _compile(r)) for r in data.RULES]
_BY_WHERE: dict[str, list[tuple[data.Rule, re.Pattern]]] = {}
for _rule, _rx in _COMPILED:
    _BY_WHERE.setdefault("head" if _rule.where == "head_after" else _rule.where, []).append((_rule, _rx))

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SEPARATORS = re.compile(r"[\s.,:;|•·–—-]*")


def _outlet_matches(rule: data.Rule, source: Any) -> bool:
    if not rule.outlets:
        return True
    key = re.sub(r"[^a-z]", "", source.lower()) if isinstance(source, str) else ""
    return any(o in key for o in rule.outlets)


def _emit(match: re.Match, rule: data.Rule, start: int, end: int) -> list[Span]:
    """Spans for one match: one per named group that matched text (group name = kind), else one
    span of the rule's kind over [start, end)."""
    named = {k: v for k, v in match.groupdict().items() if v}
    if not named:
        return [Span(start, end, rule.kind)]
    return [Span(match.start(k), match.end(k), k) for k in named if match.end(k) > match.start(k)]


def _line_spans(text: str, source: Any) -> list[Span]:
    """Whole lines that are furniture (captions with credits, date lines, widgets, headings)."""
    spans: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        s, e = line.start(), line.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s == e:
            continue
        for rule, rx in _BY_WHERE.get("line", []):
            m = rx.fullmatch(text, s, e)
            if m and _outlet_matches(rule, source) and line_is_plausible(rule.extend, text, s, e):
                spans.extend(_emit(m, rule, s, e))
                break
    return spans


def _covering(spans: list[Span], pos: int) -> Span | None:
    for sp in spans:
        if sp.start <= pos < sp.end:
            return sp
    return None


def _head(text: str, title: Any, source: Any, spans: list[Span], pos: int = 0, items: int = 0) -> int:
    """Mark the furniture at the top of the body from `pos` on, `items` pieces having been
    found before it (appending to `spans`); returns where the body starts."""
    variants = title_variants(title) if pos == 0 else []
    title_used = not variants
    for _ in range(MAX_ITEMS):
        pos = _SEPARATORS.match(text, pos).end()
        if pos >= len(text):
            break
        line = _covering(spans, pos)
        if line is not None:
            pos, items = line.end, items + 1
            continue
        if not title_used:
            end = headline_end(text, pos, variants)
            if end is not None:
                spans.append(Span(pos, end, "headline_repeat"))
                pos, items, title_used = end, items + 1, True
                continue
        for rule, rx in _BY_WHERE.get("head", []):
            if (rule.where == "head_after" and items == 0) or not _outlet_matches(rule, source):
                continue
            m = rx.match(text, pos)
            if not m or m.end() <= pos:
                continue
            extent = extend_match(rule.extend, text, m, variants=variants, floor=pos)
            if extent is None or extent[1] <= pos:
                continue
            end = extent[1]
            spans.extend(_emit(m, rule, pos, end))
            pos, items = end, items + 1
            break
        else:
            break
    return pos


def _summary_repeat(text: str, pos: int, spans: list[Span]) -> None:
    """A teaser that the body repeats word for word right after it (Al-Manar, Sputnik, an
    Al-Araby standfirst): mark the first copy, from the body start `pos` up to the repeat or
    to the first furniture inside it (a "Tags" list), whichever comes first."""
    tokens = []
    for m in _TOKEN.finditer(text, pos):
        tokens.append(m)
        if len(tokens) >= SUMMARY_WINDOW_WORDS + SUMMARY_MATCH_WORDS:
            break
    if len(tokens) < 2 * SUMMARY_MATCH_WORDS:
        return
    words = [norm_word(t.group()) for t in tokens]
    lead = words[:SUMMARY_MATCH_WORDS]
    for k in range(SUMMARY_MATCH_WORDS, len(words) - SUMMARY_MATCH_WORDS + 1):
        # The body's copy opens a sentence (capitalised); a match inside a later sentence is a
        # paraphrase, not a repeat.
        if words[k:k + SUMMARY_MATCH_WORDS] == lead and tokens[k].group()[0].isupper():
            # Only what the body really repeats: the teaser may be a pull quote taken from
            # further down, with real sentences between it and its repeat.
            same = next((i for i in range(k) if k + i >= len(words) or words[i] != words[k + i]), k)
            stop = tokens[k].start() if same == k else tokens[same - 1].end()
            stop = min([stop] + [s.start for s in spans if pos <= s.start < stop])
            spans.append(Span(pos, stop, "summary_repeat"))
            return


def _tail(text: str, floor: int, source: Any, spans: list[Span]) -> int:
    """Mark furniture at the end of the body, one piece at a time from the end (appending to
    `spans`); returns where the body ends."""
    end = len(text.rstrip())
    for _ in range(MAX_ITEMS):
        if end <= floor:
            break
        line = _covering(spans, end - 1)
        if line is not None and line.start >= floor:
            end = len(text[: line.start].rstrip())
            continue
        best: tuple[int, int, data.Rule, re.Match] | None = None
        for rule, rx in _BY_WHERE.get("tail", []):
            if not _outlet_matches(rule, source):
                continue
            m = rx.search(text, max(floor, end - rule.reach), end)
            if not m:
                continue
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            if start >= end or (best is not None and start <= best[0]):
                continue
            if extend_match(rule.extend, text, m, floor=floor) is None:
                continue
            best = (start, end, rule, m)
        if best is None:
            break
        start, stop, rule, m = best
        spans.extend(_emit(m, rule, start, stop))
        end = len(text[:start].rstrip())
    return end


class _Taken:
    """The parts of a text already marked, as sorted disjoint (start, end) ranges, so that each
    inline match is checked against them in logarithmic time."""

    def __init__(self, spans: Iterable[Span]):
        self.starts: list[int] = []
        self.ends: list[int] = []
        for sp in sorted(spans):
            self.add(sp.start, sp.end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.ends, start)  # first range that ends at or after `start`
        j = bisect.bisect_right(self.starts, end)  # ranges from i to j-1 touch [start, end]
        if i < j:
            start, end = min(start, self.starts[i]), max(end, self.ends[j - 1])
        self.starts[i:j], self.ends[i:j] = [start], [end]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.ends, start)  # first range ending after `start`
        return i < len(self.starts) and self.starts[i] < end

    def end_before(self, pos: int, default: int) -> int:
        """The end of the last marked range that ends at or before `pos`, else `default`."""
        i = bisect.bisect_right(self.ends, pos)
        return max(default, self.ends[i - 1]) if i else default


def _inline(text: str, lo: int, hi: int, source: Any, spans: list[Span]) -> None:
    """Mark inline furniture between the body's start `lo` and end `hi` (appending to `spans`)."""
    taken = _Taken(spans)
    for rule, rx in _BY_WHERE.get("inline", []):
        if not _outlet_matches(rule, source):
            continue
        for m in rx.finditer(text, lo, hi):
            if m.end() <= m.start() or taken.overlaps(m.start(), m.end()):
                continue
            floor = taken.end_before(m.start(), lo)
            extent = extend_match(rule.extend, text, m, floor=floor, ceiling=hi)
            if extent is None:
                continue
            start, end = extent
            if rule.extend in ("caption_before", "tweet") and start < m.start():
                kind = "caption" if rule.extend == "caption_before" else "embed"
                spans.append(Span(start, m.start(), kind))
                spans.append(Span(m.start(), end, rule.kind))
            elif (start, end) == (m.start(), m.end()):
                spans.extend(_emit(m, rule, start, end))
            else:
                spans.append(Span(start, end, rule.kind))
            taken.add(start, end)


def _tidy(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans trimmed of surrounding whitespace, sorted, without overlaps (an overlapping span is
    cut to start where the earlier one ends) and without empty ones."""
    out: list[Span] = []
    for sp in sorted(spans, key=lambda s: (s.start, -s.end)):
        start, end = max(sp.start, out[-1].end if out else 0), min(sp.end, len(text))
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Span(start, end, sp.kind))
    return out


def furniture_spans(text: str, title: str | None = None, source: str | None = None) -> list[Span]:
    """Page furniture in `text` as Span(start, end, kind), sorted and non-overlapping, with
    character offsets into `text` exactly as given (it is never changed). `title` finds the
    headline repeated at the top of the body; `source` (the outlet) enables the few rules kept
    for one outlet. Kinds are listed in `furniture_rules.KINDS`. Returns [] for an empty or
    non-string text."""
    if not isinstance(text, str) or not text.strip():
        return []
    spans = _line_spans(text, source) if "\n" in text else []
    head_end = _head(text, title, source, spans)
    tail_start = _tail(text, head_end, source, spans)
    _inline(text, head_end, max(head_end, tail_start), source, spans)
    # A caption at the top moves the body start: the dateline after it ("(AFP photo) BEIRUT ...")
    # is head furniture too.
    moved = body_bounds(text, spans)[0]
    if moved > head_end:
        head_end = _head(text, None, source, spans, pos=moved, items=1)
    _summary_repeat(text, head_end, spans)
    return _tidy(text, spans)


def body_bounds(text: str, spans: Iterable[Span | tuple]) -> tuple[int, int]:
    """(body_start, body_end): character offsets of the body once the furniture that runs
    unbroken (but for whitespace and separators such as "-" or "|") from the start of `text`
    and from its end is left out, without the whitespace next to that furniture;
    body_start <= body_end. Furniture inside the body is not counted here."""
    ordered = sorted((int(s[0]), int(s[1])) for s in spans)
    start = 0
    for s, e in ordered:
        if _SEPARATORS.fullmatch(text, start, max(start, s)) is None:
            break
        start = max(start, e)
    end = len(text)
    for s, e in reversed(ordered):
        if e <= start or _SEPARATORS.fullmatch(text, min(e, end), end) is None:
            break
        end = min(end, s)
    # The body starts at its first character and ends after its last: the whitespace between
    # furniture and body belongs to neither.
    if start > 0:
        start = len(text) - len(text[start:].lstrip())
    if end < len(text):
        end = len(text[:end].rstrip())
    start = min(start, len(text))
    return start, max(start, end)


def content_spans(text: str, spans: Iterable[Span | tuple]) -> list[tuple[int, int]]:
    """The complement of the furniture: (start, end) character ranges of `text` that are not
    furniture, in order, each holding something other than whitespace."""
    out, pos = [], 0
    for s, e in sorted((int(s[0]), int(s[1])) for s in spans):
        if s > pos and text[pos:s].strip():
            out.append((pos, s))
        pos = max(pos, e)
    if pos < len(text) and text[pos:].strip():
        out.append((pos, len(text)))
    return out


def is_furniture(spans: Iterable[Span | tuple], start: int, end: int, text: str | None = None) -> bool:
    """Whether every character of text[start:end] (offsets in characters) lies inside furniture;
    given the `text`, whitespace between two pieces of furniture counts as furniture too (a
    caption and its credit)."""
    pos = start
    for s, e in sorted((int(s[0]), int(s[1])) for s in spans):
        if e <= pos:
            continue
        if s > pos and not (text is not None and not text[pos:s].strip()):
            break
        pos = max(pos, e)
        if pos >= end:
            return True
    return pos >= end


def touches_furniture(spans: Iterable[Span | tuple], start: int, end: int) -> bool:
    """Whether text[start:end] (offsets in characters) shares at least one character with furniture."""
    return any(int(s[0]) < end and start < int(s[1]) for s in spans)


def mask_furniture(text: str, spans: Iterable[Span | tuple], fill: str = " ") -> str:
    """A copy of `text` with every furniture character replaced by `fill` (one character) and
    line breaks kept, so it has the same length and every offset means the same position."""
    chars = list(text)
    for sp in spans:
        for i in range(max(0, int(sp[0])), min(len(chars), int(sp[1]))):
            if chars[i] != "\n":
                chars[i] = fill
    return "".join(chars)


def format_furniture(spans: Iterable[Span | tuple]) -> str:
    """The Articles table's `furniture` value: "start-end kind" items joined by "; " ("" for none)."""
    return "; ".join(f"{int(s[0])}-{int(s[1])} {s[2]}" for s in spans)


_ITEM = re.compile(r"\s*(\d+)-(\d+)\s+([a-z_]+)\s*")


def parse_furniture(value: Any) -> list[Span]:
    """Spans from a `furniture` value: the string `format_furniture` writes, a list of Spans,
    (start, end, kind) tuples or {start, end, kind} dicts; None or NaN give []."""
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, str):
        spans = []
        for item in value.split(";"):
            m = _ITEM.fullmatch(item)
            if m:
                spans.append(Span(int(m.group(1)), int(m.group(2)), m.group(3)))
            elif item.strip():
                raise ValueError(f"not a furniture item: {item!r}")
        return spans
    out = []
    for item in value:
        if isinstance(item, dict):
            out.append(Span(int(item["start"]), int(item["end"]), str(item["kind"])))
        else:
            out.append(Span(int(item[0]), int(item[1]), str(item[2])))
    return out

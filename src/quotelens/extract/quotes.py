"""Pairing quotation marks into quoted spans, with offsets into the original text.

Handles straight and curly, double and single marks and guillemets. Direction comes from the
mark itself (curly, «») or, for straight marks, from its neighbours: a mark after a space or an
opening bracket and before a word opens, one after a word or punctuation and before a space or
punctuation closes. An apostrophe (a letter on both sides: "don't", "Assad's") is never a quote
mark. Single marks pair only outside double quotes (inside, they are nested quotes and stay in
the text). A paragraph that ends inside an open quote continues in the next paragraph when that
one opens with a quote mark (the news convention for multi-paragraph quotes); such a quote is
returned as one span per paragraph (`part`, `continued`). A quote that never closes runs to the end of its sentence and is flagged ``closed=False``; nothing raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
_MARKS = re.compile(r"[\"“”„«»'‘’‚‹›]")
_OPEN_BEFORE = set(" \t\n\r([{—–-/\u00a0")  # characters after which a straight mark opens


@dataclass(frozen=True)
class Quote:
    """A quoted span: marks at `open` and `close` (close == -1 when unclosed); the words
    between them are text[start:end] (surrounding whitespace excluded)."""

    open: int
    start: int
    end: int
    close: int
    closed: bool
    double: bool
    part: int = 1  # 1 for a quote's first paragraph; 2, 3, ... for the paragraphs it continues into
    continued: bool = False  # the quote goes on in the next paragraph (not an unclosed quote)

    def __len__(self) -> int:
        return self.end - self.start


def _direction(text: str, i: int) -> str:
    """'open', 'close', 'apostrophe' or 'ambiguous' for the mark at text[i]."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        return "open"
    if ch in DOUBLE_CLOSE:
        return "close"
    if ch in "’'":
        if prev.isalnum() and nxt.isalnum():
            return "apostrophe"  # don't, Assad's, Ja'afari
        if prev in "sS" and ch in "'’" and not nxt.isalnum():
            # plural possessive ("the rebels' positions") or a closing mark after "...s"
            return "ambiguous_s"
    if ch == "’":
        return "close" if not nxt.isalnum() else "apostrophe"
    prev_open = prev in _OPEN_BEFORE or prev in DOUBLE_OPEN or prev in SINGLE_OPEN or prev == '"'
    nxt_word = not nxt.isspace() and nxt not in ".,;:!?)]}"
    if prev_open and nxt_word:
        return "open"
    if not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]}-—–'\"’”"):
        return "close"
    return "ambiguous"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def find_quotes(text: str, paragraphs: list[tuple[int, int]], sentences: list[tuple[int, int]]) -> list[Quote]:
    """Quoted spans of `text`, in order, given its paragraph and sentence spans (characters).

    Double-quoted spans are found first; single-quoted spans only outside them."""
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
    if not marks:
        return []
    sent_ends = [e for _, e in sentences]
    doubles = _pair(text, [(i, c) for i, c in marks if c in "\"“”„«»"], paragraphs, sent_ends, double=True)
    covered = [(q.open, q.close if q.closed else q.end) for q in doubles]
    inside = _inside_any(covered)
    singles_marks = [(i, c) for i, c in marks if c in "'‘’‚‹›" and not inside(i)]
    singles = _pair(text, singles_marks, paragraphs, sent_ends, double=False) if singles_marks else []
    return sorted(doubles + singles, key=lambda q: q.open)


def _inside_any(spans: list[tuple[int, int]]):
    """A test `inside(i)`: is position i within some span (a <= i <= b) of `spans` (sorted by
    start)? A bisection over the running maximum of the ends, so that text with thousands of
    quote marks is not scanned once per mark."""
    import bisect

    starts = [a for a, _ in spans]
    reach: list[int] = []
    for _, b in spans:
        reach.append(max(b, reach[-1]) if reach else b)

    def inside(i: int) -> bool:
        k = bisect.bisect_right(starts, i) - 1
        return k >= 0 and reach[k] >= i

    return inside


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    for a, b in spans:
        if a <= i <= b:
            return True
        if a > i:
            break
    return False


def _paragraph_of(pos: int, paragraphs: list[tuple[int, int]]) -> int:
    lo, hi = 0, len(paragraphs) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if paragraphs[mid][0] <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _sentence_end(pos: int, sent_ends: list[int], limit: int) -> int:
    import bisect

    k = bisect.bisect_right(sent_ends, pos)
    return min(sent_ends[k], limit) if k < len(sent_ends) else limit


def _pair(text, marks, paragraphs, sent_ends, double: bool) -> list[Quote]:
    out: list[Quote] = []
    if not paragraphs:
        return out
    open_at = -1  # position of the pending opening mark
    open_par = -1
    n_par = 1
    depth = 0  # quotes nested inside the open one with the same marks
    for pos, ch in marks:
        d = _direction(text, pos)
        if d == "apostrophe":
            continue
        par = _paragraph_of(pos, paragraphs)
        if open_at >= 0 and par != open_par:
            # The pending quote reached the end of its paragraph(s) without closing.
            p_start, p_end = paragraphs[par]
            continuing = pos == p_start and d in ("open", "ambiguous") and par == open_par + 1
            if continuing:
                # News convention: one statement per paragraph of a multi-paragraph quote.
                piece = _piece(text, open_at, paragraphs[open_par][1], double, n_par)
                if piece is not None:
                    out.append(piece)
                open_at, open_par = pos, par
                n_par += 1
                continue
            if par == open_par + 1 and d in ("close", "ambiguous") and _ends_paragraph(text, pos, p_end):
                # A quote whose next paragraph has no opening mark but closes at its end: the
                # same quotation over two paragraphs ('said, "Q1.\n\nQ2."'), one span each.
                piece = _piece(text, open_at, paragraphs[open_par][1], double, n_par)
                if piece is not None:
                    out.append(piece)
                a, b = _trim(text, p_start, pos)
                while b > a and text[b - 1] in ",.;:":
                    b -= 1
                if b > a:
                    out.append(Quote(p_start, a, b, pos, True, double, n_par + 1))
                open_at, depth = -1, 0
                continue
            out.append(_unclosed(text, open_at, sent_ends, paragraphs[open_par][1], double, n_par))
            open_at, depth = -1, 0
        if d == "ambiguous_s":
            if open_at >= 0 and not double:
                d = "close"
            else:
                continue  # plural possessive
        if open_at < 0:
            if d in ("open", "ambiguous"):
                open_at, open_par, n_par, depth = pos, par, 1, 0
            elif d == "close" and ch in DOUBLE_CLOSE and _last_end(out) < paragraphs[par][0]:
                # An excerpt that starts inside a quote ('..., ” Obama said'): the quote runs
                # from the paragraph start. Only for curly marks, whose direction is certain.
                a, b = _trim(text, paragraphs[par][0], pos)
                while b > a and text[b - 1] in ",.;:":
                    b -= 1
                if b > a and not any(c in text[a:b] for c in DOUBLE_OPEN):
                    out.append(Quote(a, a, b, pos, True, double, 1))
            continue
        if d in ("close", "ambiguous") and depth > 0:
            depth -= 1
            continue
        if d in ("close", "ambiguous"):
            a, b = _trim(text, open_at + 1, pos)
            # A comma or period before the closing mark belongs to the sentence, not the words.
            while b > a and text[b - 1] in ",.;:":
                b -= 1
            if b > a:
                out.append(Quote(open_at, a, b, pos, True, double, n_par))
            open_at = -1
        elif _sentence_end(open_at, sent_ends, len(text)) > pos and double:
            # a second opener in the same sentence: a quote nested in the quote, written with
            # the same marks ('"... confirmed "on the ground" commanders ..." X said')
            depth += 1
        else:  # a second opener in a later sentence: the first one never closed
            out.append(_unclosed(text, open_at, sent_ends, paragraphs[open_par][1], double, n_par))
            open_at, open_par, n_par = pos, par, 1
    if open_at >= 0:
        out.append(_unclosed(text, open_at, sent_ends, paragraphs[open_par][1], double, n_par))
    return [q for q in out if q is not None]


def _ends_paragraph(text: str, pos: int, par_end: int) -> bool:
    """Whether the mark at `pos` is the last thing in its paragraph but for punctuation."""
    return not text[pos + 1:par_end].strip(" \t\r.,;:!?)]")


def _piece(text, open_at, par_end, double, part) -> Quote | None:
    """The part of a multi-paragraph quote that lies in one paragraph (no closing mark)."""
    a, b = _trim(text, open_at + 1, par_end)
    while b > a and text[b - 1] in ",.;:":
        b -= 1
    return Quote(open_at, a, b, -1, False, double, part, continued=True) if b > a else None


def _last_end(out: list[Quote | None]) -> int:
    """End of the last quote found so far, -1 when none; `out` also holds None for unclosed
    marks that enclosed no words (a paragraph ending in an opening mark)."""
    for q in reversed(out):
        if q is not None:
            return q.end
    return -1


def _unclosed(text, open_at, sent_ends, par_end, double, n_par) -> Quote | None:
    """An unclosed quote runs to the end of the sentence its opening mark is in."""
    end = _sentence_end(open_at, sent_ends, par_end)
    a, b = _trim(text, open_at + 1, end)
    # Drop sentence-final punctuation from the quote's words.
    while b > a and text[b - 1] in ".!?":
        b -= 1
    if b <= a:
        return None
    return Quote(open_at, a, b, -1, False, double, n_par)

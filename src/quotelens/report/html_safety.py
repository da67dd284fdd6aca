"""Sanitising the HTML that goes into shared reports.

Article text is untrusted, and it reaches notebook outputs (tables, findings, KWIC lines).
nbconvert's own `clean_html` filter keeps only a handful of tags, so headings, paragraphs and
table headers of our own notebooks were escaped into visible tag text. This filter keeps the
structural tags a report needs and still removes anything that can run: <script>, <iframe>,
event-handler attributes, and javascript:/vbscript:/data: links (data: is allowed only for
embedded images).

<style> elements are removed whole, their CSS included. Every pandas table output starts with
one (`<style scoped> .dataframe tbody tr th ...`); escaping it, as bleach does with any tag
outside the allow-list, printed that CSS as text above every table of the report. The rules it
carried are in the report's own stylesheet (quotelens/report/report.css), and a style element
from article text could hide or restyle content, so none is kept.
"""

from __future__ import annotations

from html.parser import HTMLParser

import bleach

ALLOWED_TAGS = frozenset(
    bleach.sanitizer.ALLOWED_TAGS
    | {
        "div", "span", "p", "br", "hr", "pre", "code", "kbd", "samp", "sub", "sup", "small", "mark",
        "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col",
        "img", "figure", "figcaption", "dl", "dt", "dd", "details", "summary", "del", "ins", "s", "u",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "data"})
_COMMON_ATTRIBUTES = {"class", "id", "title", "lang", "dir"}


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name in _COMMON_ATTRIBUTES:
        return True
    lowered = value.strip().lower()
    if tag == "a" and name == "href":
        return not lowered.startswith("data:")
    if tag == "img" and name == "src":
        return lowered.startswith("data:image/") and not lowered.startswith("data:image/svg")
    if tag == "img" and name in {"alt", "width", "height"}:
        return True
    if tag in {"td", "th"} and name in {"colspan", "rowspan", "align"}:
        return True
    if tag == "table" and name in {"border"}:
        return True
    if tag in {"ol"} and name in {"start"}:
        return True
    return False


class _StyleElements(HTMLParser):
    """Finds the character ranges of <style> elements (start tag to end tag, inclusive).

    The standard parser reads a style element's content as raw text up to `</style`, as a
    browser does, so markup-like text inside the CSS does not end it early."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self._line_starts = [0]
        for i, char in enumerate(text):
            if char == "\n":
                self._line_starts.append(i + 1)
        self.ranges: list[tuple[int, int]] = []
        self._open: int | None = None

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "style" and self._open is None:
            self._open = self._offset()

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "style" and self._open is None:
            start = self._offset()
            self.ranges.append((start, start + len(self.get_starttag_text() or "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._open is not None:
            close = self.text.find(">", self._offset())
            end = len(self.text) if close < 0 else close + 1
            self.ranges.append((self._open, end))
            self._open = None

    def finish(self) -> list[tuple[int, int]]:
        self.feed(self.text)
        self.close()
        if self._open is not None:  # never closed: a browser would read the rest as CSS
            self.ranges.append((self._open, len(self.text)))
            self._open = None
        return self.ranges


def drop_style_elements(text: str) -> str:
    """`text` without its <style> elements (tag and CSS); everything else unchanged."""
    if "<style" not in text.lower():
        return text
    ranges = _StyleElements(text).finish()
    if not ranges:
        return text
    kept, at = [], 0
    for start, end in ranges:
        kept.append(text[at:start])
        at = max(at, end)
    kept.append(text[at:])
    return "".join(kept)


def clean_html(element) -> str:
    """`element` (str or bytes) with its <style> elements removed and every other tag,
    attribute and URL scheme outside the allow-lists above escaped or removed, so it renders
    as inert text and markup. The removal runs first and only deletes text: whatever it
    leaves still goes through the sanitiser."""
    text = element.decode() if isinstance(element, bytes) else str(element)
    return bleach.clean(
        drop_style_elements(text),
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        strip_comments=True,
    )

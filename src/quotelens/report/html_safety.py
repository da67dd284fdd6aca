"""Sanitising the HTML that goes into shared reports.

Article text is untrusted, and it reaches notebook outputs (tables, findings, KWIC lines).
nbconvert's own `clean_html` filter keeps only a handful of tags, so headings, paragraphs and
table headers of our own notebooks were escaped into visible tag text. This filter keeps the
structural tags a report needs and still removes anything that can run: <script>, <iframe>,
<style>, event-handler attributes, and javascript:/vbscript:/data: links (data: is allowed
only for embedded images).
"""

from __future__ import annotations

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


def clean_html(element) -> str:
    """`element` (str or bytes) with every tag, attribute and URL scheme outside the
    allow-lists above removed or escaped, so it renders as inert text and markup."""
    text = element.decode() if isinstance(element, bytes) else str(element)
    return bleach.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=False,
        strip_comments=True,
    )

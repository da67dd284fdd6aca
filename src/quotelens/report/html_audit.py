"""Finding executable content in rendered HTML (the shared report must be safe to open).

Article text is untrusted: a scraped page may hold `<script>`, `<img onerror=...>`, markdown
links to `javascript:` URLs and the like. Once rendered, such text must appear as text. This
module parses a page with the standard library's HTML parser (entities decoded, as a browser
would) and lists every construct that could run code or load something: script, iframe,
object, embed, base, form and meta-refresh elements, event-handler attributes (on*), and URL
attributes whose scheme is javascript:, vbscript: or data: other than images. It also flags a
<style> element holding text from a corpus marker list, since styles can hide content.

Used by tests/test_hostile_report.py and scripts/check_hostile_html.py (quotelens.report.html_safety is
the sanitiser that makes pages so; this module only checks the result).

`rendered_text` and `markup_in_text` check the other way round: what a reader sees. The text
of a page as a browser shows it (text outside <head>, <style>, <script> and <template>, with
entities decoded) must hold no tag-like text such as "<style scoped>" or "</div>" and no
entity left encoded ("&lt;"): either is markup that was escaped when it should have been
rendered (or dropped). Used by tests/test_html_safety.py, tests/test_end_to_end.py and
scripts/check_report_in_browser.py (which reads document.body.innerText from Chromium) on
reports of corpora without markup in their texts; a hostile corpus shows its markup as text on
purpose.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: Elements that run code, embed other documents or change where links and forms go.
DANGEROUS_ELEMENTS = frozenset({"script", "iframe", "frame", "object", "embed", "applet", "base", "form"})
#: Attributes holding a URL.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "background", "poster",
                            "srcset", "data", "codebase", "cite", "longdesc", "lowsrc", "dynsrc"})
_SCHEME_NOISE = re.compile(r"[\x00-\x20\x7f]+")


def _scheme_problem(value: str) -> str | None:
    """'javascript', 'vbscript' or 'data (non-image)' when a URL would run code, else None.
    Browsers ignore white space and control characters inside the scheme, and its case."""
    compact = _SCHEME_NOISE.sub("", value).lower()
    for scheme in ("javascript:", "vbscript:", "livescript:"):
        if compact.startswith(scheme) or f",{scheme}" in compact:  # srcset lists URLs
            return scheme[:-1]
    if compact.startswith("data:") and not compact.startswith("data:image/"):
        return "data (not an image)"
    if compact.startswith("data:image/svg"):
        return "data:image/svg (may hold script)"
    return None


class _Collector(HTMLParser):
    def __init__(self, style_markers: tuple[str, ...]) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.style_markers = style_markers
        self._in_style = False
        self._style_text: list[str] = []

    def _where(self) -> str:
        line, col = self.getpos()
        return f"line {line}, column {col + 1}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in DANGEROUS_ELEMENTS:
            self.problems.append(f"{self._where()}: <{tag}> element")
        if tag == "meta" and any(k.lower() == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            self.problems.append(f"{self._where()}: <meta http-equiv=refresh>")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problems.append(f"{self._where()}: event handler attribute {name}= on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                problem = _scheme_problem(value)
                if problem:
                    self.problems.append(f"{self._where()}: {problem} URL in {name}= on <{tag}>: {value[:60]!r}")
            if name == "style" and value and re.search(r"expression\s*\(|url\s*\(\s*['\"]?\s*javascript:", value, re.I):
                self.problems.append(f"{self._where()}: script in a style attribute on <{tag}>")
        if tag == "style":
            self._in_style, self._style_text = True, []

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag.lower() == "style" and self._in_style:
            text = "".join(self._style_text)
            for marker in self.style_markers:
                if marker in text:
                    self.problems.append(f"{self._where()}: <style> element holding corpus text {marker!r}")
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._style_text.append(data)


class _TextCollector(HTMLParser):
    def __init__(self, skip_classes: frozenset[str], skip_tags: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_classes = skip_classes
        self.skip_tags = HIDDEN_ELEMENTS | skip_tags
        self._hidden_tag: str | None = None  # the element whose subtree is skipped
        self._depth = 0  # open elements of that name inside it, itself included

    def handle_starttag(self, tag: str, attrs) -> None:
        tag = tag.lower()
        if self._hidden_tag is not None:
            self._depth += tag == self._hidden_tag
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in self.skip_tags or classes & self.skip_classes:
            self._hidden_tag, self._depth = tag, 1

    def handle_startendtag(self, tag: str, attrs) -> None:
        pass  # a self-closing element holds no text

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_tag is not None and tag.lower() == self._hidden_tag:
            self._depth -= 1
            if self._depth == 0:
                self._hidden_tag = None

    def handle_data(self, data: str) -> None:
        if self._hidden_tag is None:
            self.parts.append(data)


#: Elements whose text a browser does not show.
HIDDEN_ELEMENTS = frozenset({"head", "title", "style", "script", "template", "noscript"})
#: Tag-like text ("<style scoped>", "</div>", "<td>", "<br/>") or an entity left encoded
#: ("&lt;", "&#39;") in text a reader sees.
_RAW_MARKUP = re.compile(
    r"</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>|<(?:style|script|div|table|span)\b|&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});"
)


#: nbconvert's class of the box holding a code cell's source, and the element of code spans:
#: code may spell markup on purpose (`HTML(f"<b>{name}</b>")`, "`dict_<name>` columns"), so
#: the check reads the text around them.
CODE_INPUT_CLASS = "jp-InputArea-editor"
CODE_TAG = "code"


def rendered_text(page: str, skip_classes: tuple[str, ...] = (CODE_INPUT_CLASS,), skip_tags: tuple[str, ...] = (CODE_TAG,)) -> str:
    """The text of the HTML `page` as a browser shows it: every text node outside
    HIDDEN_ELEMENTS, outside elements named in `skip_tags` and outside elements of a class in
    `skip_classes`, entities decoded, joined with no separator."""
    collector = _TextCollector(frozenset(skip_classes), frozenset(skip_tags))
    collector.feed(page)
    collector.close()
    return "".join(collector.parts)


def markup_in_text(text: str, limit: int = 10) -> list[str]:
    """Up to `limit` places in the rendered `text` that show markup as text (tag-like text or
    an encoded entity), each as the match with up to 30 characters either side; [] when none."""
    found = []
    for match in _RAW_MARKUP.finditer(text):
        before = text[max(0, match.start() - 30): match.start()]
        after = text[match.end(): match.end() + 30]
        found.append(" ".join(f"{before}[{match.group(0)}]{after}".split()))
        if len(found) >= limit:
            break
    return found


def executable_content(page: str, style_markers: tuple[str, ...] = ()) -> list[str]:
    """Every construct in the HTML `page` that could run code or load a document (see the
    module docstring), as messages with line and column; [] for an inert page.
    `style_markers`: strings that must not appear inside a <style> element."""
    collector = _Collector(tuple(style_markers))
    collector.feed(page)
    collector.close()
    return collector.problems

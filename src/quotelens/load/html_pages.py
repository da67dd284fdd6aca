"""Saved web pages (.html, .htm) as articles, read offline with trafilatura.

trafilatura finds the article body among navigation, adverts and footers, and reads the page's
metadata (title, site name, publication date, canonical URL) from its markup. Nothing is
fetched: the page is parsed from the file, and trafilatura's date search (htmldate) looks only
at the markup and text of the page.

The article `text` is the extracted body with its paragraphs separated by blank lines (the
paragraph convention of quotelens.text); that text, not the raw HTML, is what statement offsets
index. A first paragraph that repeats the title (the page's <h1>) is left out of the body, as
in the seed format, where headlines are not part of the text.

Reads: a saved page file. Writes: one Articles row (dict) per page, or RejectedInput.
"""

from __future__ import annotations

import os

import pandas as pd

from quotelens import config
from quotelens.load.dates import parse_date
from quotelens.load.decoding import decode_page, sha256_text
from quotelens.load.errors import RejectedInput


def extract_page(markup: str) -> dict:
    """trafilatura's reading of one page: title, text (paragraphs joined by blank lines),
    date ("YYYY-MM-DD" or None), url, sitename, hostname. Raises RejectedInput when no article
    body is found."""
    # Imported on first use: trafilatura (and lxml) take a while to load and only pages need them.
    import trafilatura

    doc = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        # Only the page's own publication metadata and text; never today's date as a fallback.
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        raise RejectedInput("no article text found in the HTML page")
    title = (doc.title or "").strip()
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise RejectedInput("the HTML page has a title but no body text")
    return {
        "title": title,
        "text": "\n\n".join(paragraphs),
        "date": doc.date,
        "url": doc.url,
        "sitename": doc.sitename,
        "hostname": doc.hostname,
    }


def read_html_article(path: str | os.PathLike) -> dict:
    """One article from a saved HTML page, with the Articles contract fields plus `encoding`.

    article_id is the file stem; source is the page's site name (else its host name without
    "www."), which an outlet grouping can then match; date is NaT when the page states none.
    The page is decoded with the charset it declares (`decoding.decode_page`).
    Raises RejectedInput for an empty, binary or body-less page."""
    path = config.resolve(path)
    origin = config.relative(path)
    markup, encoding = decode_page(path.read_bytes(), origin)
    page = extract_page(markup)
    host = page["hostname"] or ""
    source = page["sitename"] or (host[4:] if host.startswith("www.") else host) or None
    return {
        "article_id": path.stem,
        "title": page["title"],
        "headlines": [],
        "text": page["text"],
        "source": source,
        "date": parse_date(page["date"]) if page["date"] else pd.NaT,
        "url": page["url"],
        "origin": origin,
        "sha256": sha256_text(page["text"]),
        "encoding": encoding,
    }

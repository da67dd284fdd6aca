"""Data the loader matches its input against, kept apart from the code that uses it.

Reads and writes nothing: constants only. Each entry says where it comes from, so it can be
checked against its source and extended (a new date style, a new published corpus).
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------
# Dates (quotelens.load.dates)

#: Date formats tried, in order, after ISO 8601. Slash dates are read month first (M/D/YYYY,
#: as FA-KES writes them); a day-first source must be converted before loading. The rest are
#: the English long forms news sites print ("4 March 2016", "Mar 4, 2016", "Fri, 04 Mar 2016
#: 10:00:00 +0000" from RSS/RFC 2822). %B, %b, %A and %a match month and day names of the C
#: locale, i.e. English, which is what Python uses unless a program changes LC_TIME.
DATE_FORMATS = (
    "%m/%d/%Y",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%b %d, %Y",
    "%a %d %b %Y",
    "%A %d %B %Y",
    "%a, %d %b %Y %H:%M:%S %z",
)

# ---------------------------------------------------------------------------------------------
# Headlines (quotelens.load.seed_format)

#: Punctuation that ends an English sentence (or introduces a quote or list), as news bodies
#: use it; the ellipsis is the single character U+2026. A block ending otherwise is a headline.
SENTENCE_END_MARKS = ".!?:;\u2026"
#: Closing quotes and brackets that may follow the sentence end: straight quotes, the curly
#: right single and double quotes (U+2019, U+201D) and closing round and square brackets.
CLOSING_MARKS = "'\"\u2019\u201d)]"

# ---------------------------------------------------------------------------------------------
# Duplicates (quotelens.load.duplicates)

#: Apostrophes removed before comparing texts: straight, curly (U+2019) and the backtick some
#: feeds use. FA-KES stripped apostrophes upstream ("Assads"), so removing them makes copies agree.
APOSTROPHES = "'\u2019`"

# ---------------------------------------------------------------------------------------------
# Encodings (quotelens.load.decoding)

#: Byte-order marks of UTF-16 (little and big endian) and UTF-8 (Unicode Standard, section 23.8).
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"
#: Encodings tried, in order, for bytes that are not UTF-8: Windows-1252 (what Windows editors
#: and older news CMSs save), then Latin-1, which maps every byte and so always succeeds.
FALLBACK_ENCODINGS = ("cp1252", "latin-1")

# ---------------------------------------------------------------------------------------------
# Published corpora (quotelens.load.records)

#: Published schemas recognised from their header when no mapping is given. A schema applies
#: when the file has every column it maps to and no ``text`` column of its own.
KNOWN_SCHEMAS: dict[str, dict[str, str]] = {
    # Abu Salem et al. 2019, data/raw/fa-kes; dates are M/D/YYYY (read by DATE_FORMATS).
    "fa-kes": {"id": "unit_id", "title": "article_title", "text": "article_content"},
}

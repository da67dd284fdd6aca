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

#: Charset labels a web page may declare whose meaning on the web differs from Python's codec
#: of the same name, mapped to the Python codec that decodes them as browsers do (WHATWG
#: Encoding Standard, section 4.2 "Names and labels"): pages labelled Latin-1 or ASCII are
#: decoded as windows-1252, Latin-5 as windows-1254, Thai as windows-874, GB2312 as GBK, EUC-KR
#: as windows-949, Shift_JIS as windows-31J and Big5 as Big5-HKSCS; a UTF-16 label inside the
#: page's own bytes cannot be true of ASCII-compatible bytes and means UTF-8. Labels not listed
#: are looked up with Python's codecs (lower-cased, spaces trimmed).
WEB_CHARSET_LABELS = {
    **dict.fromkeys(("ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1",
                     "cp819", "ibm819", "windows-1252", "x-cp1252"), "cp1252"),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "iso_8859-9", "latin5", "l5", "windows-1254"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11", "iso8859-11", "windows-874", "dos-874"), "cp874"),
    **dict.fromkeys(("gb2312", "gb_2312", "gb_2312-80", "chinese", "csgb2312", "x-gbk", "gbk"), "gbk"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "korean", "windows-949"), "cp949"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "ms_kanji", "x-sjis", "windows-31j", "ms932"), "cp932"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"), "big5hkscs"),
    **dict.fromkeys(("utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2"), "utf-8"),
}

# ---------------------------------------------------------------------------------------------
# Published corpora (quotelens.load.records)

#: Published schemas recognised from their header when no mapping is given. A schema applies
#: when the file has every column it maps to and no ``text`` column of its own.
KNOWN_SCHEMAS: dict[str, dict[str, str]] = {
    # Abu Salem et al. 2019, data/raw/fa-kes; dates are M/D/YYYY (read by DATE_FORMATS).
    "fa-kes": {"id": "unit_id", "title": "article_title", "text": "article_content"},
}

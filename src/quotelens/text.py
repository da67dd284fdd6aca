"""Paragraphs and sentences as character spans into the original text (never rewritten).

Sentences come from NLTK's Punkt tokenizer, which needs no downloaded data when it is given
its parameters directly. An untrained Punkt splits "The U.N. envoy" after "U.N.", so we give
it the abbreviations of news writing (titles, military ranks, months, country initials).
"""

from __future__ import annotations

import re
from functools import lru_cache


# Lower-case, without the final period, as Punkt stores them. Multi-period abbreviations
# keep their inner periods ("u.n").
NEWS_ABBREVIATIONS = frozenset(
    """
    mr mrs ms messrs mme dr prof sr jr st mt ft rev fr hon amb
    gen lt col maj capt cpt cmdr adm brig sgt cpl pvt gov sen rep pres supt insp det
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vol pp fig approx est dept univ assn inc corp ltd co bros vs etc al
    u.n u.s u.k u.s.a u.a.e e.u d.c p.m a.m i.e e.g
    """.split()
)

# After one of these abbreviations a capitalised function word does start a new sentence
# ("... backed by the U.S. The rebels ..."); a name or noun after it ("the U.N. Security
# Council", "Mr. Lavrov") does not.
_SENTENCE_FINAL_ABBREVIATIONS = ("U.S.", "U.N.", "U.K.", "U.S.A.", "U.A.E.", "E.U.", "D.C.", "etc.")
_SENTENCE_STARTERS = frozenset(
    """The He She They It We I In On At But And However Meanwhile Earlier Later This That These
    Those There His Her Their Its A An As After Before While When Since Although Despite Yet So
    Some Many Most According Asked""".split()
)

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")


@lru_cache(maxsize=1)
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """The project's Punkt tokenizer: untrained parameters plus NEWS_ABBREVIATIONS."""
    # Imported here: `import nltk...` runs nltk/__init__, which loads scipy.stats and sklearn
    # (about 1 CPU-s), and many importers of this module only want its word lists.
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(NEWS_ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans (start, end), in characters, of the paragraphs of `text`: runs of text between
    blank lines, with surrounding whitespace excluded. Empty paragraphs are skipped."""
    spans = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for start, end in spans:
        chunk = text[start:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((start + lead, start + lead + len(stripped)))
    return out


def _resplit_after_abbreviation(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a Punkt sentence where a sentence-final abbreviation ("the U.S.") is followed by
    a capitalised sentence starter ("The", "He")."""
    out = []
    cur = start
    pattern = _resplit_pattern()
    for m in pattern.finditer(text, start, end):
        cut = m.end(1)
        nxt = m.start(2)
        if cut > cur and nxt < end:
            out.append((cur, cut))
            cur = nxt
    out.append((cur, end))
    return out


@lru_cache(maxsize=1)
def _resplit_pattern() -> re.Pattern:
    abbrs = "|".join(re.escape(a) for a in _SENTENCE_FINAL_ABBREVIATIONS)
    starters = "|".join(sorted(_SENTENCE_STARTERS))
    # Closing quotes or brackets after the abbreviation stay with the sentence it ends.
    return re.compile(rf"(?<![\w.])((?:{abbrs})[\"'”’)\]]*)[ \t]+(?=(?:{starters})\b)(\S)")


# Punkt is given at most this many characters at a time. NLTK 3.10.4 runs its sentence-end
# regex under a 5 s wall-clock guard (nltk.redos) that raises TimeoutError on a long enough
# paragraph (about 400,000 characters of ". " here, less on a busy machine), so a longer
# paragraph is fed in pieces cut after a sentence end (else at white space, else anywhere).
# FA-KES's longest paragraph has 8,605 characters, so real text is never cut.
PUNKT_PIECE_CHARS = 10_000
_PIECE_CUT = re.compile(r"[.!?][\"'”’)\]]*\s+")
_WHITE_RUN = re.compile(r"\s+")


def _punkt_pieces(text: str, start: int, end: int, limit: int = PUNKT_PIECE_CHARS) -> list[tuple[int, int]]:
    """text[start:end] as consecutive (start, end) pieces of at most `limit` characters, each
    cut (in the second half of its window) after the last sentence end followed by white
    space, else after the last white space, else at the limit."""
    pieces = []
    while end - start > limit:
        lo, hi = start + limit // 2, start + limit
        cut = None
        for pattern in (_PIECE_CUT, _WHITE_RUN):
            for m in pattern.finditer(text, lo, hi):
                cut = m.end()
            if cut is not None:
                break
        cut = cut if cut is not None and cut < end else hi
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (start, end), in characters of `text`, of the sentences in text[start:end].

    Sentences never cross a paragraph break. Offsets index the original `text`."""
    end = len(text) if end is None else end
    tok = sentence_tokenizer()
    spans: list[tuple[int, int]] = []
    for p_start, p_end in paragraph_spans(text[start:end]):
        p_start += start
        p_end += start
        punkt = []
        for c_start, c_end in _punkt_pieces(text, p_start, p_end):
            punkt += [(c_start + s, c_start + e) for s, e in tok.span_tokenize(text[c_start:c_end])]
        glued = _GLUED_END.search(text, p_start, p_end) is not None  # rare: skip the scan per sentence
        for s, e in _merge_after_abbreviation(text, punkt):
            for r_start, r_end in _resplit_after_abbreviation(text, s, e):
                spans.extend(_split_glued_sentences(text, r_start, r_end) if glued else [(r_start, r_end)])
    return spans


# A sentence end glued to the next sentence with no space ("under siege.This comes as ...",
# "since 2014.In recent months"): Punkt only looks at ends followed by white space. An
# ordinary capitalised word (upper-case then lower-case letters) must follow the end mark, and
# an ordinary word ending in a lower-case letter, or a number, precede it (_ORDINARY_WORD), so
# initials ("J.R.R.Tolkien", "U.S.Army"), decimals ("3.5") and ".NET" never match.
_GLUED_END = re.compile(r"[.!?](?=[A-Z][a-z])")
# The words on either side, up to white space or an opening bracket/quote.
_WORD_BEFORE = re.compile(r"[^\s(\[\"“‘]+$")
_WORD_AFTER = re.compile(r"[^\s)\]\"”’]+")
# Inside a web address, e-mail address or file path, not between sentences.
_ADDRESS_MARK = re.compile(r"[/@:\\]|www|\.[A-Za-z0-9]")
# The word before must be an ordinary word or a number of two or more digits ("2014"), not a
# code, version or file name ("v2.Beta", "COVID-19.Update").
_LONGEST_WORD = 40  # characters
_ORDINARY_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[a-z]|[0-9]{2,}")


def _split_glued_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split text[start:end] after a "." "!" or "?" glued to the next sentence's first word.

    Not split: the word before is one of NEWS_ABBREVIATIONS ("Mr.Smith", "St.Petersburg"),
    a single character (list markers "a.", "1."), not an ordinary word or number ("v2.Beta"),
    or either word looks like part of an address ("news.com", "www.Example.org",
    "Al-Monitor.com", "http://x.org/a.Bc"): a further inner period, a slash, "@", ":" or "www"."""
    out = []
    cur = start
    for m in _GLUED_END.finditer(text, start, end):
        # The word before, read back at most _LONGEST_WORD characters (a longer run is no
        # ordinary word), so a long run of unsplit "Mr.Smith" stays linear.
        lo = max(cur, m.start() - _LONGEST_WORD - 1)
        before = _WORD_BEFORE.search(text, lo, m.start())
        after = _WORD_AFTER.match(text, m.end(), min(end, m.end() + _LONGEST_WORD + 1))
        if before is None or after is None or max(len(before.group()), len(after.group())) > _LONGEST_WORD:
            continue
        word = before.group()
        if (not _ORDINARY_WORD.fullmatch(word) or word.lower() in NEWS_ABBREVIATIONS
                or _ADDRESS_MARK.search(after.group())):
            continue
        out.append((cur, m.end()))
        cur = m.end()
    out.append((cur, end))
    return out


_FINAL_WORD = re.compile(r"(?<![\w.])([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.$")


def _merge_after_abbreviation(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rejoin Punkt sentences that end with one of NEWS_ABBREVIATIONS.

    Punkt never marks an abbreviation as a sentence break here (no orthographic data), but its
    candidate check looks at the *next* word and cuts when that word carries its own end
    punctuation and a closing quote: 'tell Mr. Romney?"' came out as 'tell Mr.' + 'Romney?"',
    and '... the U.N. envoy."' as '... the U.N.' + 'envoy."'. Genuine sentence ends after "U.S."
    and the like are restored afterwards by `_resplit_after_abbreviation`."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            m = _FINAL_WORD.search(text, prev_start, prev_end)
            if m and m.group(1).lower() in NEWS_ABBREVIATIONS:
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings (convenience over `sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]

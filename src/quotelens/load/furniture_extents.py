"""How far a piece of page furniture reaches when a regular expression cannot tell: the title
repeated at the top of a body, the caption before a photo credit, the keywords after "Tags",
a headline after "READ MORE", the tweet an embed link closes. Used by
`quotelens.load.boilerplate`; the word lists are data, in `quotelens.load.furniture_rules`.

FA-KES lost its commas and line breaks, so most of these work on words and capitals rather than
on punctuation. Every function returns character offsets into the unchanged text.
Reads and writes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Callable

import quotelens.load.furniture_rules as data  # the module, not the package (whose __init__ imports corpus)

#: A caption or a tweet is at most this many characters before its credit or link.
CAPTION_MAX_CHARS = 300
#: Words looked at after "Tags", "READ MORE" or "Related" for the end of the list.
LIST_MAX_WORDS = 60

_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_WORD = re.compile(r"\S+")
_SITE_SUFFIX = re.compile(r"\s+(?:\||-|–|—)\s+[^|–—]{1,60}$")
_SITE_PREFIX = re.compile(r"^[^|–—-]{1,40}?\s+(?:\||-|–|—)\s+")
_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“(\d])|\n\s*")
_ABBREVIATIONS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st gen col lt sgt capt maj no vs
u.s u.n u.k e.u jr sr prof gov sen rep
""".split())
#: A credit between a caption and its bracketed credit ("... 2016. Source Reuters (TRT World ...)").
_CREDIT_PIECE = re.compile(r"(?:Source|Photo|Image|Credit|Picture)s?:?\s+\S+(?:\s+\S+){0,3}")
_WEEKDAYS_MONTHS = re.compile(data.FRAGMENTS["WEEKDAY"] + "|" + data.FRAGMENTS["MONTH"])
_NUMBER_WORDS = frozenset("""
one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
""".split())
#: Capitalised words that are never part of a name line (interjections, pronouns, widgets).
NOT_NAME_WORDS = frozenset("""
Yes No Yeah Thank Thanks You Well Right Okay OK Sure Exactly Absolutely Indeed Never Always Maybe
Perhaps Definitely Of Course I We It This That They He She Twitter Facebook Tags Related Read Also
Source Sources Copyright Advertisement Category News Latest Follow Subscribe Share Comment Print
Syria Syrian Russia Russian Iran Iraq Turkey Israel United States Army Forces Observatory
""".split())
_INTERJECTIONS = frozenset("yes no yeah yep nope right okay ok sure exactly absolutely thanks thank well".split())
_QUESTION_WORDS = frozenset("""
what why how who whom whose when where which do does did is are was were can could would will
should have has had may might shall
""".split())


def norm_word(token: str) -> str:
    """A word as headlines and bodies are compared: lowercase, no accents, no apostrophes."""
    if token.isascii():
        return token.replace("'", "").lower()
    decomposed = unicodedata.normalize("NFKD", token)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c not in "'’").lower()


def title_variants(title: Any) -> list[list[str]]:
    """Word lists to look for at the top of a body: the title without a site prefix ("National
    News Agency - ..."), the title, then the title without site suffixes ("... | Jordan Times",
    "... - Region - World - Ahram Online"); a scraped "title:" label is dropped. Titles of fewer than two words are not looked for."""
    if not isinstance(title, str) or not title.strip():
        return []
    text = re.sub(r"^\s*title\s*:\s*", "", title.strip(), flags=re.IGNORECASE)
    variants, seen = [], set()
    prefixed = _SITE_PREFIX.sub("", text)
    if prefixed != text:  # "National News Agency - HEADLINE": look for the headline alone too
        words = tuple(norm_word(t) for t in _TOKEN.findall(prefixed))
        if len(words) >= 2:
            seen.add(words)
            variants.append(list(words))
    while text:
        words = tuple(norm_word(t) for t in _TOKEN.findall(text))
        if len(words) >= 2 and words not in seen:
            seen.add(words)
            variants.append(list(words))
        shorter = _SITE_SUFFIX.sub("", text)
        if shorter == text:
            break
        text = shorter
    return variants


def headline_end(text: str, pos: int, variants: list[list[str]]) -> int | None:
    """End offset of a title variant repeated at `pos`, or None. In titles of five or more words
    one word may differ (FA-KES dropped commas and apostrophes unevenly); the repeat must be
    followed by more text that does not carry on its sentence in lowercase."""
    for words in variants:
        tokens = []
        for m in _TOKEN.finditer(text, pos):
            tokens.append(m)
            if len(tokens) > len(words) + 1:
                break
        if not tokens or tokens[0].start() - pos > 2:
            continue
        end = _aligned_end(tokens, words)
        if end is None:
            continue
        after = re.match(r"[ \t]*(?:[.:!?…]+|\s[.:](?=\s))?[\"”’)]*", text[end:])
        end += after.end() if after else 0
        rest = text[end:]
        nxt = re.search(r"\S", rest)
        if nxt is None or not re.search(r"\w", rest):
            continue  # nothing after it: the title is the whole text, not a repeat
        if rest[nxt.start()].islower() and "\n" not in rest[: nxt.start()]:
            continue  # the words open a sentence that goes on
        return end
    return None


def _aligned_end(tokens: list[re.Match], words: list[str]) -> int | None:
    """End of the last body token when `tokens` spell `words` with at most one word missing or
    added (titles of five words or more), else None."""
    slack = 1 if len(words) >= 5 else 0
    i = j = misses = 0
    last = None
    while i < len(words) and j < len(tokens):
        if norm_word(tokens[j].group()) == words[i]:
            last, i, j = tokens[j], i + 1, j + 1
        elif misses < slack and 0 < j and j + 1 < len(tokens) and norm_word(tokens[j + 1].group()) == words[i]:
            misses, j = misses + 1, j + 1  # a word the title lacks (never before the first)
        else:
            misses, i = misses + 1, i + 1  # a title word the body lacks
        if misses > slack:
            return None
    if last is None or misses > slack:
        return None
    return last.end()


def _is_boundary(text: str, m: re.Match) -> bool:
    """Whether a sentence-end match is a real boundary, not "U.S." or "Oct. 27"."""
    if m.group().startswith("\n"):
        return True
    before = re.search(r"([\w.]+)$", text[max(0, m.start() - 8): m.start()])
    word = before.group(1).lower() if before else ""
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def previous_sentence_start(text: str, pos: int, floor: int, limit: int = CAPTION_MAX_CHARS) -> int | None:
    """Start of the sentence that ends at `pos` (the caption before a credit): the last sentence
    boundary before it, or `floor` (the body start, the end of earlier furniture) when that is
    near. A date-only sentence just before ("July 27 2016.") belongs to the caption before it.
    None when no start lies within `limit` characters."""
    seg_end = len(text[:pos].rstrip())
    if seg_end > floor and text[seg_end - 1] == ".":
        seg_end -= 1
    for _ in range(2):
        lo = max(floor, pos - limit)
        start = None
        for m in _BOUNDARY.finditer(text, lo, seg_end):
            if _is_boundary(text, m):
                start = m.end()
        if start is None:
            start = floor if pos - floor <= limit else None
        if start is None:
            return None
        piece = text[start:seg_end].strip(" .")
        if not (piece and (re.fullmatch(_date_pattern(), piece) or _CREDIT_PIECE.fullmatch(piece))) or start <= floor:
            return start
        seg_end = len(text[:start].rstrip().rstrip("."))
    return start


def _date_pattern() -> str:
    return re.sub(r"<<(\w+)>>", lambda m: data.FRAGMENTS[m.group(1)], data.FRAGMENTS["DATE"])


def _words_after(text: str, pos: int, stop: int | None = None) -> list[re.Match]:
    """Up to LIST_MAX_WORDS whitespace-separated words after `pos`, stopping at a line break."""
    out = []
    for m in _WORD.finditer(text, pos, stop if stop is not None else len(text)):
        if "\n" in text[(out[-1].end() if out else pos): m.start()]:
            break
        out.append(m)
        if len(out) >= LIST_MAX_WORDS:
            break
    return out


def _core(word: str) -> str:
    return word.strip("\"“”‘’'(),:;.-–—")


def _is_starter(words: list[re.Match], i: int) -> bool:
    """Whether words[i] opens the body's first sentence (a quantity, a determiner, a number)."""
    w = _core(words[i].group())
    nxt = _core(words[i + 1].group()) if i + 1 < len(words) else ""
    if not w:
        return False
    if w[0].isdigit():
        return True
    if w not in data.SENTENCE_STARTERS:
        return False
    needs = {"At": nxt == "least", "More": nxt == "than", "Up": nxt == "to"}
    if w in needs:
        return needs[w]
    if w in ("Over", "About", "Around", "Nearly", "Almost"):
        return bool(nxt) and (nxt[0].isdigit() or nxt.lower() in _NUMBER_WORDS or nxt in ("a", "an", "half"))
    if w in ("In", "On", "After", "Since", "While", "Following", "Despite"):
        return bool(nxt) and (nxt[0].islower() or bool(_WEEKDAYS_MONTHS.fullmatch(nxt)))
    return True


def _capitalised(word: str) -> bool:
    core = _core(word)
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def _tag_list_end(text: str, m: re.Match, ceiling: int | None) -> int:
    """End of the keyword list after "Tags": before the body's first sentence, found by a
    sentence starter ("At least", "The", "Four"), else by the subject before the first clause
    word ("Syrian rebels launched"). Only the marker when neither is found."""
    words = _words_after(text, m.end(), ceiling)
    stop = next((i + 1 for i, w in enumerate(words) if w.group().endswith(".") and len(_core(w.group())) > 2), None)
    starter = next((i for i in range(1, len(words)) if _is_starter(words, i)), None)
    clause = next((i for i, w in enumerate(words)
                   if _core(w.group()).islower() and (_core(w.group()) in data.CLAUSE_WORDS
                                                       or (_core(w.group()).endswith("ed") and len(_core(w.group())) > 4))), None)
    candidates = [c for c in (stop, starter) if c is not None and (clause is None or c <= clause)]
    if candidates:
        k = min(candidates)
    elif clause is not None:
        caps = [i for i in range(1, clause) if _capitalised(words[i].group())]
        k = caps[-1] if caps else 0
    else:
        k = 0
    return words[k - 1].end() if k > 0 else m.end()


def _title_case_end(text: str, m: re.Match, ceiling: int | None) -> int:
    """End of a Title Case headline after "READ MORE": the run of capitalised and small words,
    less the capitalised word that opens the next sentence."""
    words = _words_after(text, m.end(), ceiling)
    k = 0
    for i, w in enumerate(words):
        raw = w.group()
        if _capitalised(raw) or _core(raw).lower() in data.TITLE_SMALL_WORDS:
            k = i + 1
            if raw.endswith(("?", "!")) or (raw.endswith(".") and len(_core(raw)) > 2):
                return w.end()
            continue
        break
    else:
        return words[k - 1].end() if k >= 2 else m.end()
    while k > 0 and _core(words[k - 1].group()) in data.TITLE_SMALL_WORDS:  # lowercase small words only
        k -= 1
    k -= 1  # the capitalised word that starts the body's next sentence
    return words[k - 1].end() if k >= 2 else m.end()


def _starter_run_end(text: str, m: re.Match, ceiling: int | None) -> int:
    """End of a list of sentence-case headlines ("Related A B C Nearly 40 soldiers ..."): just
    before the first sentence starter within the first sentence; only the marker without one."""
    words = _words_after(text, m.end(), ceiling)
    for i, w in enumerate(words):
        if i >= 2 and _is_starter(words, i):
            return words[i - 1].end()
        if w.group().endswith(".") and len(_core(w.group())) > 2:
            break
    return m.end()


def _tweet_end(text: str, m: re.Match, ceiling: int | None) -> int:
    """End of an embedded tweet after its link: more links, then 'NAME (@handle) DATE'."""
    limit = ceiling if ceiling is not None else len(text)
    tail = re.compile(r"(?:\s+(?:pic\.twitter\.com/?\w*|https?:?/*t\.co/?\w+))*"
                      r"(?:\s*(?:[—–-]\s*)?[A-Z][^()\n]{0,60}\(@?\w{1,30}\)\s+" + _date_pattern() + ")?")
    after = tail.match(text, m.end(), limit)
    return after.end() if after else m.end()


def _reports_speech(piece: str) -> bool:
    """Whether `piece` holds a word of reported speech (said, told, according ...), not counting
    a passive with "by" ("a blast claimed by Daesh" describes a photo)."""
    words = [norm_word(w) for w in _TOKEN.findall(piece)]
    return any(w in data.REPORTING_WORDS and (i + 1 == len(words) or words[i + 1] != "by") for i, w in enumerate(words))


def _names_ok(piece: str) -> bool:
    """Whether `piece` reads as a name line: at least two name words (or names joined by "/"),
    none of them a common word."""
    words = [w for w in re.split(r"[\s/]+", piece.replace(" and ", " ")) if _core(w)]
    if len(words) > 1 and all(_core(w).isupper() and len(_core(w)) > 1 for w in words):
        return False  # "WARNING GRAPHIC CONTENT": a label, not names
    if any(_core(w) in NOT_NAME_WORDS or _core(w) in data.SENTENCE_STARTERS for w in words):
        return False
    return len(words) >= 2 or "/" in piece


def _byline_end(text: str, m: re.Match, variants: list[list[str]]) -> int | None:
    """End of 'by NAME ...': where the repeated headline starts when it follows, else before
    the first word that cannot be part of a name."""
    for w in _WORD.finditer(text, m.start() + 3, m.end()):
        if variants and headline_end(text, w.start(), variants) is not None:
            return len(text[: w.start()].rstrip()) if w.start() > m.start() + 3 else None
    end = m.start() + 2
    for w in _WORD.finditer(text, m.start() + 3, m.end()):
        core = _core(w.group())
        if core in data.SENTENCE_STARTERS or core in NOT_NAME_WORDS:
            break
        end = w.end()
    return end if end > m.start() + 3 else None


def extend_match(how: str, text: str, m: re.Match, variants: list[list[str]] | None = None,
                 floor: int = 0, ceiling: int | None = None) -> tuple[int, int] | None:
    """(start, end) character offsets of the furniture a rule match stands for, by the rule's
    `extend` name (furniture_rules module docstring); None when the match is not furniture
    after all. `floor` is the earliest offset a caption may start at (the body start or the
    end of earlier furniture); `ceiling` the latest a list may end at."""
    start, end = m.start(), m.end()
    piece = m.group().strip()
    if how == "":
        return start, end
    if how == "not_acronym":
        first = re.match(r"[A-Z'’.-]+", piece)
        letters = re.sub(r"[^A-Z]", "", first.group()) if first else ""
        if not first or first.group().strip(".-'’") in data.NOT_PLACES or len(letters) < 4:
            return None
        last = re.search(r"\s+([A-Z][a-z]+)$", m.group())
        if last and last.group(1) in data.SENTENCE_STARTERS:
            end = m.start() + last.start()  # "AMMAN Nearly 50 ...": the word opens the story
        return start, end
    if how == "wire_place":
        # "... YPG. MOSCOW (Sputnik)": an acronym closing the sentence before is not the place.
        for w in _WORD.finditer(text, start, end):
            if _core(w.group()) not in data.NOT_PLACES and not w.group().endswith("."):
                return w.start(), end
            if w.group().startswith("("):
                break
        return None
    if how == "names_only":
        return (start, end) if _names_ok(piece.rstrip(".")) else None
    if how == "byline":
        stop = _byline_end(text, m, variants or [])
        return (start, stop) if stop is not None else None
    if how == "caption_before":
        before = re.search(r"(\w+)\s*$", text[max(floor, start - 30): start])
        if before and before.group(1) in ("Agency", "Presse", "Press", "News", "Service", "Network", "Television"):
            return None  # "Agence France-Presse (AFP)" names the agency; it credits nothing
        cap = previous_sentence_start(text, start, floor)
        if cap is not None and _reports_speech(text[cap:start]):
            cap = None  # a statement the photo happens to follow: keep it, mark the credit only
        return (cap if cap is not None else start), end
    if how == "tweet":
        cap = previous_sentence_start(text, start, floor)
        return (cap if cap is not None else start), _tweet_end(text, m, ceiling)
    extents: dict[str, Callable[[str, re.Match, int | None], int]] = {
        "tag_list": _tag_list_end, "title_case_run": _title_case_end, "starter_run": _starter_run_end,
    }
    if how in extents:
        return start, extents[how](text, m, ceiling)
    raise ValueError(f"unknown furniture extension {how!r}")


def line_is_plausible(how: str, text: str, start: int, end: int) -> bool:
    """Whether a whole-line match is furniture in its context. Only headings need context: a
    short line is a heading when it is a paragraph of its own between others, is no answer to
    a question just asked, is not followed by a question (unless it opens the text), is no
    interjection and no question, in a text of three paragraphs or more."""
    if how != "heading":
        return True
    before, after = text[:start], text[end:]
    if not (before == "" or before.endswith("\n\n") or before.rstrip(" \t").endswith("\n\n")):
        return False
    if not after.lstrip(" \t").startswith("\n\n") or not after.strip():
        return False
    if len([p for p in re.split(r"\n\s*\n", text) if p.strip()]) < 3:
        return False
    if before.rstrip().endswith("?"):
        return False
    # Between an answer and the next question a short line may close the answer (GUM_interview_gaming
    # "Digital Domain" spells out "dD"); only the first paragraph is a heading there.
    following = re.match(r"\s*([^\n]*)", after).group(1).rstrip()
    if before.strip() and following.endswith("?"):
        return False
    first = norm_word(text[start:end].split()[0])
    return first not in _INTERJECTIONS and first not in _QUESTION_WORDS

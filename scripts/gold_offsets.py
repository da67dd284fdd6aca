"""Turn the hand annotations of the news gold into statements with character offsets.

    python scripts/gold_offsets.py check data/gold/news/annotations/GUM_news_crane.jsonl [--show]
    python scripts/gold_offsets.py build            # all annotation files -> statements.jsonl
    python scripts/gold_offsets.py build --check    # fail if statements.jsonl is out of date

Annotators write strings, never offsets (format: data/gold/news/README.md, "Annotation files").
This script finds each string in the article text: the content by exact search (an
``occurrence`` number picks one of several matches), the quoted fragments inside the content, the
speaker mention and the cue at their occurrence nearest to the content. Every problem is reported
as ``file:line: what is wrong`` and nothing is written while any remains, so a bad line can never
turn into a silently wrong offset.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

NEWS_DIR = Path(__file__).resolve().parents[1] / "data" / "gold" / "news"

TYPES = {"direct", "indirect", "mixed", "according_to"}
SPEAKER_KINDS = {"person", "organisation", "state", "news_agency", "unnamed", "document"}
REQUIRED = {"speaker": str, "speaker_kind": str, "speaker_mention": str, "type": str, "cue": str,
            "content": str, "quoted": (str, list), "continuation": bool}
OPTIONAL = {"occurrence": int, "speaker_occurrence": int, "cue_occurrence": int, "qa": bool,
            "pull_quote": bool, "note": str}
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def quote_marks(content: str) -> list[int]:
    """Positions of the quote marks in content that are not apostrophes (a mark with a letter or
    digit on both sides, as in "I'll", is an apostrophe)."""
    return [i for i, c in enumerate(content) if c in QUOTE_MARKS
            and not (0 < i < len(content) - 1 and content[i - 1].isalnum() and content[i + 1].isalnum())]


def enclosing_marks_kept(content: str) -> bool:
    """True when a direct content seems to include a mark that encloses it (README, section 2).

    A mark at the start or end of a direct content is allowed only when it belongs to a quotation
    nested inside the content (`meaning of "santorum."`, `I thought, 'OK, I'll do a Santorum'`).
    Marks are paired in text order, double with double and single with single, then the marks
    left over with each other (texts sometimes open with one kind and close with the other). A
    leading mark paired with the last character, or a mark at either end left without a partner,
    is an enclosing mark that was kept."""
    marks = quote_marks(content)
    last = len(content) - 1
    if not marks or (marks[0] != 0 and marks[-1] != last):
        return False
    single = "'\u2018\u2019"
    pair: dict[int, int] = {}
    leftover: list[int] = []
    for kind in (True, False):
        same = [i for i in marks if (content[i] in single) == kind]
        for a, b in zip(same[::2], same[1::2]):
            pair[a], pair[b] = b, a
        leftover += same[len(same) // 2 * 2:]
    leftover.sort()
    for a, b in zip(leftover[::2], leftover[1::2]):
        pair[a], pair[b] = b, a
    if marks[0] == 0 and pair.get(0) in (None, last):
        return True
    return marks[-1] == last and last not in pair


class AnnotationError(Exception):
    """One or more annotation lines are wrong; ``problems`` holds 'file:line: message' strings."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Where:
    """Position of an annotation line, for messages."""
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def load_articles(path: Path = NEWS_DIR / "articles.jsonl") -> dict[str, dict]:
    with path.open(encoding="utf-8") as fh:
        return {a["id"]: a for a in map(json.loads, fh)}


def occurrences(text: str, needle: str, lo: int = 0, hi: int | None = None,
                whole_word: bool = False) -> list[int]:
    """Start offsets of every (possibly overlapping) match of needle in text[lo:hi]. With
    whole_word, a match must not continue a word on either side ("he" is not found in "the")."""
    hi = len(text) if hi is None else hi
    found, i = [], text.find(needle, lo, hi)
    while i != -1:
        j = i + len(needle)
        if not whole_word or ((i == 0 or not text[i - 1].isalnum())
                              and (j == len(text) or not text[j].isalnum())):
            found.append(i)
        i = text.find(needle, i + 1, hi)
    return found


def paragraph_of(text: str, pos: int) -> int:
    return text.count("\n\n", 0, pos)


def nearest(text: str, needle: str, start: int, end: int, nth: int | None) -> tuple[int, int] | str:
    """Span of the occurrence of needle nearest to the content span [start, end), or a message.

    Occurrences inside the content are skipped (a speaker or cue is never part of its own
    content). Nearest means: same paragraph first, then the smallest gap, then the one before
    the content (subject-verb order is the commoner). ``nth`` (1-based, over the whole text)
    overrides the choice when the nearest one is not the right one."""
    hits = occurrences(text, needle, whole_word=True)
    if nth is not None:
        if not 1 <= nth <= len(hits):
            return f"occurrence {nth} asked but {needle!r} occurs {len(hits)} time(s) as a word"
        return hits[nth - 1], hits[nth - 1] + len(needle)
    hits = [h for h in hits if h + len(needle) <= start or h >= end]
    if not hits:
        return f"{needle!r} not found as a word outside the content"
    para = paragraph_of(text, start)

    def key(h: int) -> tuple[int, int, int]:
        gap = start - (h + len(needle)) if h < start else h - end
        return (paragraph_of(text, h) != para, gap, h > start)

    best = min(hits, key=key)
    return best, best + len(needle)


def check_fields(row: object, where: Where) -> list[str]:
    """Field names, types and the rules that tie fields together (README, 'Annotation files')."""
    if not isinstance(row, dict):
        return [f"{where}: a line must be a JSON object"]
    errs = [f"{where}: missing field {k!r}" for k in REQUIRED if k not in row]
    errs += [f"{where}: unknown field {k!r} (typo?)" for k in row if k not in REQUIRED and k not in OPTIONAL]
    for k, t in {**REQUIRED, **OPTIONAL}.items():
        if k in row and not isinstance(row[k], t) or (t is int and isinstance(row.get(k), bool)):
            errs.append(f"{where}: field {k!r} has the wrong type ({type(row[k]).__name__})")
    if errs:
        return errs
    quoted = row["quoted"] if isinstance(row["quoted"], list) else [row["quoted"]] if row["quoted"] else []
    if not all(isinstance(q, str) and q for q in quoted):
        errs.append(f"{where}: 'quoted' must be a string or a list of non-empty strings")
    if not row["speaker"].strip():
        errs.append(f"{where}: empty speaker")
    if not row["content"].strip() or row["content"] != row["content"].strip():
        errs.append(f"{where}: content is empty or has spaces at its ends")
    if row["type"] not in TYPES:
        errs.append(f"{where}: type {row['type']!r} is not one of {sorted(TYPES)}")
    if row["speaker_kind"] not in SPEAKER_KINDS:
        errs.append(f"{where}: speaker_kind {row['speaker_kind']!r} is not one of {sorted(SPEAKER_KINDS)}")
    if (row["type"] == "mixed") != bool(quoted):
        errs.append(f"{where}: 'quoted' must be given for type mixed and only for it")
    if row["type"] == "direct" and row["content"].strip() and enclosing_marks_kept(row["content"]):
        errs.append(f"{where}: direct content is the words inside the marks, without the marks "
                    "(a mark at its start or end must belong to a quotation nested inside it)")
    if row["type"] == "according_to" and "according to" not in row["cue"].lower():
        errs.append(f"{where}: type according_to needs the cue 'according to' (as written)")
    untagged = row["continuation"] or row.get("qa", False)
    pull = row.get("pull_quote", False)
    if untagged and (row["cue"] or row["speaker_mention"]):
        errs.append(f"{where}: a continuation or Q&A answer has no tag: cue and speaker_mention must be \"\"")
    if pull and row["cue"]:
        errs.append(f"{where}: a pull quote has no cue: cue must be \"\" (speaker_mention is the "
                    "name in its attribution line, or \"\" when it has none)")
    if pull and row["type"] != "direct":
        errs.append(f"{where}: a pull quote is of type direct")
    if not untagged and not pull and not (row["cue"] and row["speaker_mention"]):
        errs.append(f"{where}: cue and speaker_mention are required (\"\" only for continuation, qa "
                    "or pull_quote)")
    if sum((row["continuation"], row.get("qa", False), pull)) > 1:
        errs.append(f"{where}: a line is at most one of continuation, Q&A answer, pull quote")
    return errs


def locate(row: dict, article: dict, where: Where) -> tuple[dict | None, list[str]]:
    """Offsets for one checked annotation line, or the problems found."""
    text, content = article["text"], row["content"]
    hits = occurrences(text, content)
    nth = row.get("occurrence")
    if not hits:
        hint = ""
        for n in (40, 20, 10):  # say where the match breaks, the usual cause is one character
            if content[:n] in text and len(content) > n:
                hint = f" (its first {n} characters are found; check the characters after them)"
                break
        return None, [f"{where}: content not found in {article['id']}{hint}: {content[:70]!r}"]
    if nth is None and len(hits) > 1:
        return None, [f"{where}: content occurs {len(hits)} times in {article['id']}; "
                      f"add \"occurrence\": 1..{len(hits)}: {content[:70]!r}"]
    if nth is not None and not 1 <= nth <= len(hits):
        return None, [f"{where}: occurrence {nth} asked but the content occurs {len(hits)} time(s)"]
    start = hits[(nth or 1) - 1]
    end = start + len(content)
    errs: list[str] = []

    quoted = row["quoted"] if isinstance(row["quoted"], list) else [row["quoted"]] if row["quoted"] else []
    spans, pos = [], start
    for frag in quoted:  # left to right: each fragment is the first match after the previous one
        i = text.find(frag, pos, end)
        if i == -1:
            errs.append(f"{where}: quoted fragment not inside the content (in order): {frag[:60]!r}")
            continue
        spans.append([i, i + len(frag)])
        pos = i + len(frag)

    out = {"speaker_start": None, "speaker_end": None, "cue_start": None, "cue_end": None}
    for field, nth_key, prefix in (("speaker_mention", "speaker_occurrence", "speaker"),
                                   ("cue", "cue_occurrence", "cue")):
        if not row[field]:
            continue
        found = nearest(text, row[field], start, end, row.get(nth_key))
        if isinstance(found, str):
            errs.append(f"{where}: {field}: {found}")
        else:
            out[f"{prefix}_start"], out[f"{prefix}_end"] = found
    if errs:
        return None, errs
    out.update(start=start, end=end, quoted_spans=spans,
               quoted_start=spans[0][0] if spans else None, quoted_end=spans[-1][1] if spans else None)
    return out, []


def convert_file(path: Path, articles: dict[str, dict]) -> list[dict]:
    """The statements of one annotation file (named <article_id>.jsonl), in file order.
    Raises AnnotationError listing every problem in the file."""
    article_id = path.name.removesuffix(".jsonl")
    if article_id not in articles:
        raise AnnotationError([f"{path}:0: no article {article_id!r} in articles.jsonl (file name must be <article_id>.jsonl)"])
    article, problems, statements, seen = articles[article_id], [], [], {}
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = Where(path, line_no)
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        errs = check_fields(row, where)
        if errs:
            problems += errs
            continue
        found, errs = locate(row, article, where)
        if errs:
            problems += errs
            continue
        span = (found["start"], found["end"])
        if span in seen:
            problems.append(f"{where}: same content span as line {seen[span]}")
            continue
        seen[span] = line_no
        text = article["text"]
        st = {
            "article_id": article_id, "statement_id": f"{article_id}:{len(statements) + 1:03d}",
            "speaker": row["speaker"], "speaker_kind": row["speaker_kind"],
            "speaker_mention": row["speaker_mention"],
            "speaker_start": found["speaker_start"], "speaker_end": found["speaker_end"],
            "cue": row["cue"], "cue_start": found["cue_start"], "cue_end": found["cue_end"],
            "type": row["type"], "quote": row["content"], "start": found["start"], "end": found["end"],
            "quoted": [text[a:b] for a, b in found["quoted_spans"]],
            "quoted_spans": found["quoted_spans"],
            "quoted_start": found["quoted_start"], "quoted_end": found["quoted_end"],
            "continuation": row["continuation"], "qa": row.get("qa", False),
            "pull_quote": row.get("pull_quote", False),
            "split": article["split"], "origin": f"annotations/{path.name}:{line_no}",
        }
        assert_offsets(st, text)
        statements.append(st)
    if problems:
        raise AnnotationError(problems)
    return statements


def assert_offsets(st: dict, text: str) -> None:
    """The invariants every statements.jsonl line satisfies."""
    assert text[st["start"]:st["end"]] == st["quote"], st["statement_id"]
    if st["speaker_start"] is not None:
        assert text[st["speaker_start"]:st["speaker_end"]] == st["speaker_mention"], st["statement_id"]
    if st["cue_start"] is not None:
        assert text[st["cue_start"]:st["cue_end"]] == st["cue"], st["statement_id"]
    for (a, b), frag in zip(st["quoted_spans"], st["quoted"]):
        assert st["start"] <= a < b <= st["end"] and text[a:b] == frag, st["statement_id"]


def context(text: str, a: int, b: int, width: int = 30) -> str:
    return (text[max(0, a - width):a] + "[" + text[a:b] + "]" + text[b:b + width]).replace("\n", " ")


def build(annotation_dir: Path, articles: dict[str, dict]) -> list[dict]:
    """All statements, ordered by article id then file order; every file's problems together."""
    statements, problems = [], []
    for path in sorted(annotation_dir.glob("*.jsonl")):
        try:
            statements += convert_file(path, articles)
        except AnnotationError as exc:
            problems += exc.problems
    if problems:
        raise AnnotationError(problems)
    return statements


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    chk = sub.add_parser("check", help="validate annotation file(s) and show what was located")
    chk.add_argument("files", nargs="+", type=Path)
    chk.add_argument("--show", action="store_true", help="print each statement with its mention and cue in context")
    bld = sub.add_parser("build", help="write statements.jsonl from every annotation file")
    bld.add_argument("--check", action="store_true", help="fail if statements.jsonl is out of date")
    for p in (chk, bld):
        p.add_argument("--articles", type=Path, default=NEWS_DIR / "articles.jsonl")
    bld.add_argument("--annotations", type=Path, default=NEWS_DIR / "annotations")
    bld.add_argument("-o", "--output", type=Path, default=NEWS_DIR / "statements.jsonl")
    args = ap.parse_args(argv)
    articles = load_articles(args.articles)
    try:
        if args.command == "check":
            for path in args.files:
                sts = convert_file(path, articles)
                print(f"{path}: OK, {len(sts)} statements")
                if args.show:
                    text = articles[sts[0]["article_id"]]["text"] if sts else ""
                    for st in sts:
                        print(f"  {st['origin'].split(':')[-1]:>3} {st['type']:<12} {st['speaker']}")
                        if st["speaker_start"] is not None:
                            print(f"      mention: {context(text, st['speaker_start'], st['speaker_end'])}")
                        if st["cue_start"] is not None:
                            print(f"      cue:     {context(text, st['cue_start'], st['cue_end'])}")
                        print(f"      content: {st['quote'][:90]!r}")
            return 0
        statements = build(args.annotations, articles)
    except AnnotationError as exc:
        print("\n".join(exc.problems), file=sys.stderr)
        print(f"{len(exc.problems)} problem(s); nothing written", file=sys.stderr)
        return 1
    out = "".join(json.dumps(st, ensure_ascii=False) + "\n" for st in statements)
    if args.check:
        if not args.output.exists() or args.output.read_text(encoding="utf-8") != out:
            print(f"{args.output} is out of date: run scripts/gold_offsets.py build", file=sys.stderr)
            return 1
        print(f"{args.output}: up to date ({len(statements)} statements)")
        return 0
    args.output.write_text(out, encoding="utf-8")
    by_split: dict[str, int] = {}
    for st in statements:
        by_split[st["split"]] = by_split.get(st["split"], 0) + 1
    print(f"wrote {args.output}: {len(statements)} statements {by_split}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

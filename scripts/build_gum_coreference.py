"""Derive data/gold/gum_coreference.jsonl: GUM's entity mentions in the news gold's GUM articles.

    python scripts/build_gum_coreference.py --conllu GUM_DIR [--articles data/gold/news/articles.jsonl]
                                            [-o data/gold/gum_coreference.jsonl] [--check]

Run by hand; it reads GUM's ``gum-permissive-{train,dev,test}.conllu`` from the folder named by
``--conllu``. For every GUM news and interview
document that is an article of the news gold (ids ``GUM_news_*``, ``GUM_interview_*``) it
writes one line per entity mention:

    {"article_id", "entity", "etype", "start", "end", "words", "head_pos", "names"}

- ``entity``: GUM's entity number, unique within the document; mentions with the same number
  corefer.
- ``etype``: GUM's entity type (person, organization, place, abstract, object, ...).
- ``start``/``end``: character offsets into the article's ``text`` (articles.jsonl), from the
  first character of the first word to the last character of the last word;
  ``text[start:end]`` equals ``words`` (the mention's words joined by one space) up to the
  whitespace between words.
- ``head_pos``: universal part of speech of the mention's syntactic head (the word whose
  dependency head lies outside the mention): PRON for pronouns, PROPN for names, NOUN for
  common-noun phrases.
- ``names``: the proper-name parts of the mention as ``[start, end]`` offsets: maximal runs of
  proper-noun words (UPOS PROPN or XPOS NNP/NNPS) that are not inside a smaller mention of
  another entity ("Mecca" in "Mecca's Grand Mosque" belongs to Mecca, so the mosque's name part
  is "Grand Mosque").

Why sentence by sentence: the article text was rebuilt from GUM's ``# text`` lines (paragraphs
joined by a blank line, the headline moved to ``title``), so each sentence text is searched for
in the article from where the previous one ended, and each word inside its sentence. Mentions in
the headline are not in ``text`` and are counted, not written; any other mention that cannot be
aligned is listed on stderr and counted in the summary. ``--check`` compares the output with the
committed file instead of writing it.

GUM: Zeldes, A. (2017), "The GUM Corpus: Creating Multilayer Resources in the Classroom",
Language Resources and Evaluation 51(3):581-612; annotations CC BY 4.0, Wikinews texts CC BY 2.5.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = ROOT / "data" / "gold" / "news" / "articles.jsonl"
DEFAULT_OUTPUT = ROOT / "data" / "gold" / "gum_coreference.jsonl"
PARTS = ("train", "dev", "test")
DOC_PREFIXES = ("GUM_news_", "GUM_interview_")
PROPER_XPOS = ("NNP", "NNPS")


@dataclass
class Word:
    """One syntactic word of a sentence (CoNLL-U word line)."""
    index: int
    form: str
    upos: str
    xpos: str
    head: int
    misc: str
    surface: tuple[int, int] | None = None  # the multiword token's index range, if any


@dataclass
class Sentence:
    text: str
    words: list[Word] = field(default_factory=list)
    new_paragraph: bool = False


@dataclass
class Document:
    doc_id: str
    sentences: list[Sentence] = field(default_factory=list)


def read_documents(paths: list[Path], wanted: set[str]) -> dict[str, Document]:
    """The documents of `wanted` ids from CoNLL-U files: sentences with their words; multiword
    token lines only give each word its surface range, empty nodes (ids like 9.1) are skipped."""
    docs: dict[str, Document] = {}
    for path in paths:
        doc: Document | None = None
        sent: Sentence | None = None
        pending_par = False
        surface: dict[int, tuple[int, int]] = {}
        with open(path, encoding="utf-8") as fh:
            for raw in fh:
                line = raw.rstrip("\n")
                if line.startswith("# newdoc id = "):
                    doc_id = line.split("=", 1)[1].strip()
                    doc = Document(doc_id) if doc_id in wanted else None
                    if doc is not None:
                        docs[doc_id] = doc
                    continue
                if doc is None:
                    continue
                if line.startswith("# newpar") and not line.startswith("# newpar_"):
                    pending_par = True
                elif line.startswith("# text = "):
                    sent = Sentence(line[len("# text = "):], new_paragraph=pending_par)
                    pending_par = False
                    surface = {}
                    doc.sentences.append(sent)
                elif line and not line.startswith("#") and sent is not None:
                    cols = line.split("\t")
                    if "-" in cols[0]:
                        lo, hi = (int(x) for x in cols[0].split("-"))
                        for k in range(lo, hi + 1):
                            surface[k] = (lo, hi)
                    elif "." not in cols[0]:
                        idx = int(cols[0])
                        sent.words.append(Word(idx, cols[1], cols[3], cols[4], int(cols[6]), cols[9],
                                               surface.get(idx)))
    return docs


def word_offsets(sent: Sentence) -> list[tuple[int, int]] | None:
    """Character span of every word inside the sentence text, found left to right. A word of
    a multiword token that is not spelled out in the surface ("n't" of "won't") gets the
    surface token's span. None when a word cannot be placed."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for w in sent.words:
        pos = sent.text.find(w.form, cursor)
        gap = sent.text[cursor:pos] if pos >= 0 else ""
        if pos >= 0 and (not gap.strip() or w.surface is not None and len(gap) <= 2):
            spans.append((pos, pos + len(w.form)))
            cursor = pos + len(w.form)
            continue
        if w.surface is not None and spans:
            spans.append(spans[-1])  # inside the same surface token as the previous word
            continue
        return None
    return spans


_OPEN = re.compile(r"\((\d+)-([^()]*)")
_CLOSE = re.compile(r"(\d+)\)")


def entity_events(misc: str) -> list[tuple[str, str, str]]:
    """The Entity brackets of a MISC column in order: ("open", id, fields), ("close", id, ""),
    a one-word mention "(5-...)" giving an open followed by its close."""
    value = next((part[len("Entity="):] for part in misc.split("|") if part.startswith("Entity=")), "")
    events, i = [], 0
    while i < len(value):
        if value[i] == "(":
            m = _OPEN.match(value, i)
            if m is None:
                raise ValueError(f"cannot read Entity={value!r}")
            events.append(("open", m.group(1), m.group(2)))
            i = m.end()
            if value.startswith(")", i):  # a one-word mention closes where it opens
                events.append(("close", m.group(1), ""))
                i += 1
        else:
            m = _CLOSE.match(value, i)
            if m is None:
                raise ValueError(f"cannot read Entity={value!r}")
            events.append(("close", m.group(1), ""))
            i = m.end()
    return events


def document_mentions(doc: Document, text: str, title: str) -> tuple[list[dict], int, list[str]]:
    """Mentions of one document aligned to its article text: (mentions, headline mentions
    left out, problems). Offsets are characters into `text`."""
    mentions: list[dict] = []
    problems: list[str] = []
    n_headline = 0
    cursor = 0
    for k, sent in enumerate(doc.sentences):
        headline = k == 0 and sent.text.strip() == title.strip()
        base = -1 if headline else text.find(sent.text, cursor)
        spans = word_offsets(sent)
        if not headline and (base < 0 or spans is None):
            n_lost = sum(e[0] == "open" for w in sent.words for e in entity_events(w.misc))
            problems.append(f"{doc.doc_id}: sentence {k + 1} is not in the article text, {n_lost} mention(s) "
                            f"left out: {sent.text[:60]!r}")
        elif base >= 0:
            cursor = base + len(sent.text)
        aligned = not headline and base >= 0 and spans is not None
        open_stack: dict[str, list[tuple[int, str]]] = {}
        for wi, w in enumerate(sent.words):
            for kind, eid, fields in entity_events(w.misc):
                if kind == "open":
                    open_stack.setdefault(eid, []).append((wi, fields))
                    continue
                first, fields = open_stack[eid].pop()
                words = sent.words[first:wi + 1]
                if headline:
                    n_headline += 1
                    continue
                if not aligned:
                    continue  # counted with its sentence above
                start, end = base + spans[first][0], base + spans[wi][1]
                mentions.append({
                    "article_id": doc.doc_id, "entity": int(eid), "etype": fields.split("-")[0],
                    "start": start, "end": end, "words": " ".join(x.form for x in words),
                    "head_pos": head_pos(words), "_first": (k, first), "_last": (k, wi),
                    "_spans": [(base + spans[j][0], base + spans[j][1]) for j in range(first, wi + 1)],
                    "_proper": [x.upos == "PROPN" or x.xpos in PROPER_XPOS for x in words],
                })
        if any(open_stack.values()):
            problems.append(f"{doc.doc_id}: sentence {k + 1} leaves an entity open")
    for m in mentions:
        m["names"] = name_parts(m, mentions)
    for m in mentions:
        if re.sub(r"\s+", "", text[m["start"]:m["end"]]) != re.sub(r"\s+", "", m["words"]):
            problems.append(f"{doc.doc_id}: text[{m['start']}:{m['end']}] != {m['words']!r}")
        for key in ("_first", "_last", "_spans", "_proper"):
            del m[key]
    mentions.sort(key=lambda m: (m["start"], -m["end"], m["entity"]))
    return mentions, n_headline, problems


def head_pos(words: list[Word]) -> str:
    """UPOS of the mention's head: the first word whose dependency head is outside the mention."""
    inside = {w.index for w in words}
    for w in words:
        if w.head not in inside:
            return w.upos
    return words[-1].upos


def name_parts(mention: dict, mentions: list[dict]) -> list[list[int]]:
    """Maximal runs of proper-noun words of `mention` that are not inside a smaller mention of
    another entity, as [start, end] character offsets."""
    taken = [False] * len(mention["_spans"])
    for other in mentions:
        if other is mention or other["entity"] == mention["entity"]:
            continue
        if mention["start"] <= other["start"] and other["end"] <= mention["end"] and \
                (other["end"] - other["start"]) < (mention["end"] - mention["start"]):
            for j, (s, e) in enumerate(mention["_spans"]):
                if other["start"] <= s and e <= other["end"]:
                    taken[j] = True
    spans, proper = mention["_spans"], list(mention["_proper"])
    for j in range(1, len(spans) - 1):
        # a hyphen or dot glued between two name words ("al - Amr" is "al-Amr") joins them
        if proper[j - 1] and proper[j + 1] and spans[j - 1][1] == spans[j][0] and spans[j][1] == spans[j + 1][0]:
            proper[j] = True
    runs, run = [], None
    for (s, e), is_name, skip in zip(spans, proper, taken):
        if is_name and not skip:
            run = [run[0], e] if run else [s, e]
        else:
            if run:
                runs.append(run)
            run = None
    if run:
        runs.append(run)
    return runs


def build(conllu_dir: Path, articles_path: Path) -> tuple[list[dict], dict]:
    """All mention lines and a summary (documents, mentions, headline mentions, problems)."""
    with open(articles_path, encoding="utf-8") as fh:
        articles = {a["id"]: a for a in map(json.loads, fh) if a["id"].startswith(DOC_PREFIXES)}
    docs = read_documents([conllu_dir / f"gum-permissive-{p}.conllu" for p in PARTS], set(articles))
    missing = sorted(set(articles) - set(docs))
    lines, problems, n_headline = [], [f"{d}: not in the CoNLL-U files" for d in missing], 0
    for doc_id in sorted(docs):
        found, heads, probs = document_mentions(docs[doc_id], articles[doc_id]["text"], articles[doc_id]["title"])
        lines.extend(found)
        n_headline += heads
        problems.extend(probs)
    summary = {"documents": len(docs), "mentions": len(lines), "headline_mentions": n_headline,
               "problems": problems}
    return lines, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conllu", type=Path, required=True,
                        help="folder with gum-permissive-{train,dev,test}.conllu")
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="the news gold's articles.jsonl")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with the output file instead of writing it")
    args = parser.parse_args(argv)
    for p in [args.articles] + [args.conllu / f"gum-permissive-{x}.conllu" for x in PARTS]:
        if not p.is_file():
            print(f"build_gum_coreference: {p}: no such file", file=sys.stderr)
            return 2
    lines, summary = build(args.conllu, args.articles)
    for problem in summary["problems"]:
        print(f"not aligned: {problem}", file=sys.stderr)
    body = "".join(json.dumps(m, ensure_ascii=False, separators=(",", ":")) + "\n" for m in lines)
    print(f"{summary['documents']} documents, {summary['mentions']} mentions aligned, "
          f"{summary['headline_mentions']} in headlines left out (the headline is the title), "
          f"{len(summary['problems'])} problem(s) above", file=sys.stderr)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != body:
            print(f"{args.output} is out of date: run scripts/build_gum_coreference.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(body, encoding="utf-8")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

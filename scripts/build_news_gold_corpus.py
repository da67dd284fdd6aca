"""Build data/gold/news/articles.jsonl, the full articles of the news development gold (issue 12).

    python scripts/build_news_gold_corpus.py --gum GUM_NEWS.jsonl --fakes FA-KES-Dataset.csv [--check]

This is a build script run by hand on the source corpora (the GUM Wikinews articles and the FA-KES
CSV, named on the command line; provenance and sha256 in data/gold/news/README.md); its output is
committed, so nothing at run time depends on them. The selection and split rules are
described in data/gold/news/README.md ("Selection" and "Split"); the constants below are those
rules. The texts are copied exactly as in the source files (never rewritten). ``--check``
rebuilds in memory and fails if the committed file differs, so the README's claims stay true.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "data" / "gold" / "news" / "articles.jsonl"
OLD_GOLD_ARTICLES = REPO / "data" / "gold" / "articles.jsonl"

SEED = 20260512  # one seed for the FA-KES draw and the split, fixed before any text was read
FAKES_N = 40
# Extensions of 2026-12-02 (README, "Selection"): the first 84 articles gave 817 statements, short
# of the 1,000 the issue asks for, so the same FA-KES draw is continued: each number is a batch of
# the next picks of the same round-robin, appended after the earlier articles and split on its own
# by the same 30% rule. Batch 1 (25) was sized from the first 40 FA-KES articles' average (~9
# statements each) before any new text was read; its shorter texts gave 146 statements (963 in
# all), so batch 2 (12) was sized from batch 1's rate (~5.8 per article) to pass 1,000 with a
# margin, again before its texts were read.
FAKES_EXTENSIONS = (25, 12)
FAKES_MIN_CHARS, FAKES_MAX_CHARS = 600, 5000
TEST_SHARE = 0.3

# A cue is a double quote mark, "according to", or one of these speech verbs as a word. The rule
# only screens out articles with nothing to annotate; it says nothing about any extractor.
SPEECH_VERBS = (
    "said says say told tells added stated announced stressed warned claimed denied accused urged "
    "confirmed reported declared noted explained insisted called asked quoted"
).split()
_CUE = re.compile(r"[\"\u201c\u201d]|\baccording to\b|\b(?:" + "|".join(SPEECH_VERBS) + r")\b", re.I)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_article(path: Path) -> dict:
    """The seed file: headline paragraphs (single lines without final punctuation), then the body.

    The body is the file from the first body character to its end, byte-exact, as the project's
    seed loader reads it (so offsets agree with data/gold/articles.jsonl of the excerpt gold)."""
    raw = path.read_text(encoding="utf-8")
    headlines, pos = [], 0
    for para in raw.split("\n\n"):
        if "\n" in para or para.rstrip().endswith((".", "!", "?", '"')):
            break
        headlines.append(para)
        pos += len(para) + 2
    return {
        "id": path.stem, "title": headlines[0], "headlines": headlines[1:], "text": raw[pos:],
        "source": "seed", "date": None, "url": None,
        "origin": f"seeds/{path.name} (body after the {len(headlines)} headline lines)",
        "stratum": "seed",
    }


def gum_articles(path: Path) -> list[dict]:
    """All 43 GUM Wikinews documents, unchanged; GUM's own split is kept as ``gum_split``."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            row = json.loads(line)
            out.append({
                "id": row["id"], "title": row["title"], "text": row["text"],
                "source": "wikinews", "date": row["date"], "url": row["url"],
                "origin": f"ud-english/gum_news_articles.jsonl:{line_no}",
                "genre": row["genre"], "gum_split": row["split"],
                "stratum": f"gum_{row['genre']}",
            })
    return out


def old_gold_unit_ids(path: Path) -> set[str]:
    """FA-KES unit_ids already used by the excerpt gold: excluded, because the extractor may
    have been tuned on them and the new gold must be unseen."""
    if not path.exists():
        return set()
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        art_id = json.loads(line)["id"]
        if art_id.startswith("fakes_"):
            ids.add(art_id.split("_")[1])
    return ids


def fakes_articles(path: Path, exclude: set[str]) -> list[dict]:
    """FA-KES full articles drawn by the stated procedure (README, "Selection").

    Eligible: first row of each unit_id, text not seen before, 600-5000 characters, at least one
    cue. Per outlet, eligible rows are put in a seeded random order; the outlets themselves are
    put in a seeded order; then rounds take the next article of each outlet in turn until 40.
    The extensions continue the same rounds: the draw runs on to 40 + sum(FAKES_EXTENSIONS), so
    the first 40 picks are unchanged, and each extension batch gets its own stratum
    (``fakes_ext1``, ...) for the split."""
    rng = random.Random(SEED)
    seen_ids, seen_texts, by_source = set(), set(), {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row_no, row in enumerate(csv.DictReader(fh), 2):  # row 1 is the header
            unit, text = row["unit_id"], row["article_content"]
            if unit in seen_ids or text in seen_texts:
                continue
            seen_ids.add(unit)
            seen_texts.add(text)
            if unit in exclude or not FAKES_MIN_CHARS <= len(text) <= FAKES_MAX_CHARS:
                continue
            if not _CUE.search(text):
                continue
            by_source.setdefault(row["source"], []).append((row_no, row))
    sources = sorted(by_source)
    for src in sources:
        rng.shuffle(by_source[src])
    rng.shuffle(sources)
    total = FAKES_N + sum(FAKES_EXTENSIONS)
    picked = []
    while len(picked) < total and any(by_source.values()):
        for src in sources:
            if by_source[src] and len(picked) < total:
                picked.append(by_source[src].pop(0))
    bounds = [FAKES_N]
    for n in FAKES_EXTENSIONS:
        bounds.append(bounds[-1] + n)
    out = []
    for k, (row_no, row) in enumerate(picked):
        batch = sum(k >= b for b in bounds)  # 0 for the first 40, 1 for the first extension, ...
        month, day, year = (int(x) for x in row["date"].split("/"))
        out.append({
            "id": f"fakes_{row['unit_id']}", "title": row["article_title"],
            "text": row["article_content"], "source": f"fa-kes/{row['source']}",
            "date": date(year, month, day).isoformat(), "url": None,
            "origin": f"fa-kes/FA-KES-Dataset.csv:row {row_no}",
            "stratum": "fakes" if batch == 0 else f"fakes_ext{batch}",
        })
    return out


def assign_split(articles: list[dict]) -> None:
    """Seeded split by article, stratified: GUM news, GUM interview and FA-KES each get
    round(30%) test articles. GUM's own test documents are test and count towards their
    stratum's quota; the seed is dev (it is the guideline's worked example, so it is seen).
    Extension batches (``fakes_ext1``, ...) are strata of their own, drawn after the original
    strata with the same generator, so the first 84 articles keep their split."""
    rng = random.Random(SEED + 1)
    strata: dict[str, list[dict]] = {}
    for art in articles:
        strata.setdefault(art["stratum"], []).append(art)
    original = sorted(n for n in strata if not n.startswith("fakes_ext"))
    extensions = sorted((n for n in strata if n.startswith("fakes_ext")), key=lambda n: int(n[9:]))
    for name in original + extensions:
        arts = sorted(strata[name], key=lambda a: a["id"])
        if name == "seed":
            for art in arts:
                art["split"] = "dev"
            continue
        forced = [a for a in arts if a.get("gum_split") == "test"]
        rest = [a for a in arts if a.get("gum_split") != "test"]
        rng.shuffle(rest)
        n_test = max(round(TEST_SHARE * len(arts)), len(forced))
        test_ids = {a["id"] for a in forced + rest[: n_test - len(forced)]}
        for art in arts:
            art["split"] = "test" if art["id"] in test_ids else "dev"


def build(gum: Path, fakes: Path, seed: Path) -> list[dict]:
    articles = [seed_article(seed)] + gum_articles(gum) + fakes_articles(
        fakes, old_gold_unit_ids(OLD_GOLD_ARTICLES))
    assign_split(articles)
    for art in articles:
        del art["stratum"]
    return articles


def dumps(articles: list[dict]) -> str:
    return "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gum", type=Path, required=True, help="gum_news_articles.jsonl (GUM Wikinews, CC BY 2.5)")
    ap.add_argument("--fakes", type=Path, required=True, help="FA-KES-Dataset.csv (CC BY 4.0)")
    ap.add_argument("--seed", type=Path, default=REPO / "seeds/000_aff2fd669e79066c.txt")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="fail if the output file differs")
    args = ap.parse_args(argv)
    articles = build(args.gum, args.fakes, args.seed)
    text = dumps(articles)
    for p in (args.gum, args.fakes, args.seed):
        print(f"sha256 {sha256_file(p)}  {p.name}")
    counts: dict[tuple[str, str], int] = {}
    for a in articles:
        key = (a["source"].split("/")[0] + ("/" + a["genre"] if "genre" in a else ""), a["split"])
        counts[key] = counts.get(key, 0) + 1
    for key in sorted(counts):
        print(f"{key[0]:20s} {key[1]:5s} {counts[key]}")
    print("FA-KES outlets:", len({a["source"] for a in articles if a["source"].startswith("fa-kes")}))
    if args.check:
        if not args.output.exists() or args.output.read_text(encoding="utf-8") != text:
            print(f"{args.output} differs from a fresh build", file=sys.stderr)
            return 1
        print(f"{args.output}: up to date ({len(articles)} articles)")
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(articles)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A seeded fuzz campaign against statement extraction and sentiment scoring.

Generates --documents random documents (quotelens.fuzz.random_document: news-like pieces mixed
with every kind of quote mark, control characters, bidi marks, emoji, odd white space and
arbitrary code points), extracts statements from each, checks every statement against the
contract (quotelens.fuzz.statement_problems: offsets index the text exactly, no overlaps,
confidence on [0, 1], ...) and scores all documents for sentiment in batches. Then it times
every pathological builder of quotelens.fuzz.ADVERSARIAL at --sizes characters.

Prints counts (documents, statements, exceptions by type, contract problems), the slowest
document, the largest time per KB (documents of at least 1 KB), and per adversarial builder the
time at each size with the ratio between consecutive sizes (10x the text should cost about
10x, not 100x). Exits 1 when an exception or a contract problem was found; the first few are
printed with the seed and index of the document, which regenerates it.

    .venv/bin/python scripts/fuzz_campaign.py --documents 10000 --seed 20261128
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
import traceback

from quotelens import fuzz
from quotelens.extract.statements import extract_article_statements


def document(seed: int, index: int) -> str:
    """Document `index` of the campaign with `seed` (each has its own generator, so any one
    can be regenerated alone)."""
    return fuzz.random_document(random.Random(f"{seed}:{index}"))


def run_documents(n: int, seed: int, show: int = 5) -> dict:
    counts = collections.Counter()
    exceptions: collections.Counter = collections.Counter()
    examples: list[str] = []
    slowest = (0.0, -1, 0)
    worst_per_kb = (0.0, -1, 0)
    sizes = []
    texts = []
    for i in range(n):
        text = document(seed, i)
        texts.append(text)
        sizes.append(len(text))
        t0 = time.perf_counter()
        try:
            statements = extract_article_statements(text, f"doc{i}")
        except Exception as exc:  # noqa: BLE001 - counting them is the point
            exceptions[type(exc).__name__] += 1
            if len(examples) < show:
                examples.append(f"document {i} (seed {seed}): {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=3)}")
            continue
        seconds = time.perf_counter() - t0
        counts["documents_ok"] += 1
        counts["statements"] += len(statements)
        if statements:
            counts["documents_with_statements"] += 1
        problems = fuzz.statement_problems(text, statements)
        if problems:
            counts["documents_with_problems"] += 1
            counts["problems"] += len(problems)
            if len(examples) < show:
                examples.append(f"document {i} (seed {seed}): {problems[:3]}")
        if seconds > slowest[0]:
            slowest = (seconds, i, len(text))
        if len(text) >= 1024 and seconds / (len(text) / 1024) > worst_per_kb[0]:
            worst_per_kb = (seconds / (len(text) / 1024), i, len(text))
    return {"counts": counts, "exceptions": exceptions, "examples": examples, "slowest": slowest,
            "worst_per_kb": worst_per_kb, "sizes": sizes, "texts": texts}


def run_sentiment(texts: list[str], batch: int = 500) -> dict:
    from quotelens.sentiment import Scorer

    scorer = Scorer()
    out = collections.Counter()
    examples = []
    worst = 0.0
    for lo in range(0, len(texts), batch):
        chunk = texts[lo:lo + batch]
        t0 = time.perf_counter()
        try:
            scores = scorer.score(chunk)
        except Exception as exc:  # noqa: BLE001
            out["exceptions"] += 1
            examples.append(f"batch at {lo}: {type(exc).__name__}: {exc}")
            continue
        worst = max(worst, (time.perf_counter() - t0) / max(1, sum(len(t) for t in chunk)) * 1024)
        values = scores["sentiment"].dropna()
        out["scored"] += len(values)
        out["unscored_blank"] += int(scores["sentiment"].isna().sum())
        out["off_scale"] += int(((values < -1) | (values > 1)).sum())
    out["worst_ms_per_kb"] = round(worst * 1000, 3)
    return {"counts": out, "examples": examples}


def run_adversarial(sizes: list[int]) -> list[tuple[str, list[float], int]]:
    rows = []
    extract_article_statements("warm up", "w")
    for name, build in fuzz.ADVERSARIAL.items():
        times = []
        problems = 0
        for size in sizes:
            text = build(size)
            t0 = time.perf_counter()
            statements = extract_article_statements(text, "adv")
            times.append(time.perf_counter() - t0)
            problems += len(fuzz.statement_problems(text, statements))
        rows.append((name, times, problems))
        print(f"  {name:32s} " + "  ".join(f"{s:>9,d} ch {t:7.3f} s" for s, t in zip(sizes, times))
              + "  ratios " + " ".join(f"{b / max(a, 1e-3):5.1f}" for a, b in zip(times, times[1:]))
              + (f"  PROBLEMS {problems}" if problems else ""), flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000, help="random documents to generate")
    parser.add_argument("--seed", type=int, default=20261128, help="campaign seed")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000],
                        help="sizes (characters) of the adversarial inputs")
    parser.add_argument("--no-sentiment", action="store_true", help="skip sentiment scoring")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    print(f"fuzz campaign: {args.documents:,} documents, seed {args.seed}", flush=True)
    docs = run_documents(args.documents, args.seed)
    c = docs["counts"]
    sizes = sorted(docs["sizes"])
    print(f"  documents: {args.documents:,} (empty {sum(1 for s in sizes if s == 0)}, median {sizes[len(sizes) // 2]:,} "
          f"characters, largest {sizes[-1]:,}, total {sum(sizes):,})")
    print(f"  extraction: {c['documents_ok']:,} ran, {sum(docs['exceptions'].values())} exceptions "
          f"{dict(docs['exceptions']) or ''}; {c['statements']:,} statements in {c['documents_with_statements']:,} documents; "
          f"contract problems: {c['problems']} in {c['documents_with_problems']} documents")
    s, i, n = docs["slowest"]
    print(f"  slowest document: #{i} ({n:,} characters) {s * 1000:.1f} ms")
    w, i, n = docs["worst_per_kb"]
    print(f"  largest time per KB (documents >= 1 KB): {w * 1000:.2f} ms/KB (#{i}, {n:,} characters)", flush=True)
    failed = bool(docs["exceptions"]) or c["problems"] > 0
    if not args.no_sentiment:
        sent = run_sentiment(docs["texts"])
        sc = sent["counts"]
        print(f"  sentiment: {sc['scored']:,} scored, {sc['unscored_blank']:,} blank (NaN by design), "
              f"{sc['exceptions']} exceptions, {sc['off_scale']} scores off [-1, 1]; "
              f"largest {sc['worst_ms_per_kb']} ms/KB per batch", flush=True)
        failed = failed or sc["exceptions"] > 0 or sc["off_scale"] > 0
        docs["examples"] += sent["examples"]
    print(f"adversarial inputs (extraction time; ratio = time at the next size / time at this one):", flush=True)
    rows = run_adversarial(args.sizes)
    failed = failed or any(p for _, _, p in rows)
    for example in docs["examples"]:
        print("EXAMPLE:", example)
    print(f"total {time.perf_counter() - started:.0f} s; {'FAILED' if failed else 'no exceptions, no contract problems'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

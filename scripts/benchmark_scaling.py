"""How the cost of extraction and sentiment scoring grows with the input: each adversarial input
of quotelens.fuzz.ADVERSARIAL timed at a small size and at 10x that size in the same run, and
the ratio printed (a linear step gives about 10, a quadratic one about 100).

    .venv/bin/python scripts/benchmark_scaling.py [--small 6500] [--repeat 3]

The baseline of each ratio is the small input, timed in this run, so the machine's speed and
load cancel out. Times are CPU seconds of this process (time.process_time), the best of
`--repeat` runs. Extraction is timed on the inputs that were quadratic before (per-cue work over
the whole sentence, a re-sorted speaker history, a scan per quote mark) and the densest
quote-mark input; sentiment scoring on five inputs at twice those sizes, and once at 1 MB.
Exits 1 when a ratio reaches --limit (35 by default: well above 10, well below 100). These
timings were assertions in tests/test_fuzz.py; the house rules keep timings out of the tests,
which check the same inputs for exceptions and exact offsets. scripts/fuzz_campaign.py times
every builder at 10 KB, 100 KB and 1 MB.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from typing import Callable

from quotelens import fuzz
from quotelens.extract.statements import extract_article_statements

#: The extraction inputs that were quadratic before, and the densest quote-mark input.
EXTRACTION_CASES = [
    "he said repeated", "quoted he said repeated", "names and cues in one sentence", "according to repeated",
    "capitalised words then said", "nested quotes", "quote marks and spaces",
]
#: The sentiment inputs: repeated cues, quote marks, emoji, control marks and ordinary words.
SENTIMENT_CASES = ["he said repeated", "quote marks and spaces", "emoji", "control and bidi marks", "one line of words"]

#: A step under this time (s) is timer noise: the ratio's baseline is at least this much.
FLOOR_SECONDS = 0.002


def best_cpu_seconds(func: Callable[[str], object], text: str, repeat: int) -> float:
    """The least CPU time (s) of `repeat` calls of func(text)."""
    best = math.inf
    for _ in range(repeat):
        t0 = time.process_time()
        func(text)
        best = min(best, time.process_time() - t0)
    return best


def scaling_rows(cases: list[str], func: Callable[[str], object], small: int, repeat: int) -> list[tuple[str, float, float, float]]:
    """(case, CPU s at `small` characters, CPU s at 10x, ratio) for each adversarial case."""
    rows = []
    for name in cases:
        build = fuzz.ADVERSARIAL[name]
        t_small = best_cpu_seconds(func, build(small), repeat)
        t_large = best_cpu_seconds(func, build(10 * small), repeat)
        rows.append((name, t_small, t_large, t_large / max(t_small, FLOOR_SECONDS)))
    return rows


def _print(title: str, rows, small: int, limit: float) -> bool:
    print(f"{title}: CPU seconds, best of the runs; ratio = 10x input / 1x input (linear ~10, quadratic ~100)")
    ok = True
    for name, t_small, t_large, ratio in rows:
        flag = "" if ratio < limit else f"  <- ratio at or above {limit:g}"
        ok = ok and not flag
        print(f"  {name:32s} {small:>9,d} ch {t_small:8.4f} s  {10 * small:>9,d} ch {t_large:8.4f} s  ratio {ratio:6.1f}{flag}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    # 6,500 characters: above two sentences' worth (extract.article.MAX_SENTENCE_CHARS), where
    # the cost per character settles.
    parser.add_argument("--small", type=int, default=6_500, help="small input size in characters (the large one is 10x)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept")
    parser.add_argument("--limit", type=float, default=35.0, help="exit 1 when a ratio reaches this")
    args = parser.parse_args(argv)

    extract_article_statements("warm up", "w")
    ok = _print("extraction", scaling_rows(EXTRACTION_CASES, lambda t: extract_article_statements(t, "x"),
                                           args.small, args.repeat), args.small, args.limit)

    from quotelens.sentiment import Scorer

    scorer = Scorer()
    scorer.score(["warm up"])
    rows = scaling_rows(SENTIMENT_CASES, lambda t: scorer.score([t]), 2 * args.small, args.repeat)
    ok = _print("sentiment", rows, 2 * args.small, args.limit) and ok
    for name in SENTIMENT_CASES:
        seconds = best_cpu_seconds(lambda t: scorer.score([t]), fuzz.ADVERSARIAL[name](1_000_000), 1)
        print(f"  {name:32s} 1,000,000 ch {seconds:8.4f} s")
    print("all ratios below the limit" if ok else "SOME RATIO AT OR ABOVE THE LIMIT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""How loading and duplicate flagging scale (quotelens.load.corpus).

Times load_corpus on the default corpus (seeds/ + FA-KES), then mark_duplicates on that corpus
replicated k times, each replica's text perturbed (every 20th word replaced) so replicas are near
copies, not identical ones: the hardest case, since every article then has k - 1 near copies.
Prints each time as a ratio to the 1x time measured in the same run (all pairs are compared, so
the ideal is k, the worst k^2).

    .venv/bin/python scripts/benchmark_corpus.py [--max-k 8]
"""

from __future__ import annotations

import argparse
import re
import time

import pandas as pd

from quotelens.load.corpus import load_corpus, mark_duplicates

WORD = re.compile(r"\S+")


def perturbed(text: str, replica: int) -> str:
    """`text` with every 20th word replaced by a token unique to the replica."""
    count = 0

    def swap(m: re.Match) -> str:
        nonlocal count
        count += 1
        return f"r{replica}w{count}" if count % 20 == 0 else m.group(0)

    return WORD.sub(swap, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-k", type=int, default=8, help="largest replication factor (default 8)")
    args = parser.parse_args()

    start = time.perf_counter()
    result = load_corpus(["seeds", "data/raw/fa-kes/FA-KES-Dataset.csv"])
    print(f"load_corpus default corpus: {result.summary()} in {time.perf_counter() - start:.2f} s")

    base = result.articles[["article_id", "text", "sha256"]]
    baseline = None
    k = 1
    while k <= args.max_k:
        frames = []
        for r in range(k):
            copy = base.copy()
            copy["article_id"] = copy["article_id"] + f"~{r}"
            if r:
                copy["text"] = copy["text"].map(lambda t, r=r: perturbed(t, r))
            frames.append(copy)
        corpus = pd.concat(frames, ignore_index=True)
        start = time.perf_counter()
        flagged = mark_duplicates(corpus)["duplicate_of"].notna().sum()
        elapsed = time.perf_counter() - start
        baseline = baseline or elapsed
        print(f"mark_duplicates x{k}: {len(corpus)} articles, {flagged} flagged, {elapsed:.2f} s, "
              f"ratio {elapsed / baseline:.1f} (ideal {k}, all-pairs worst {k * k})")
        k *= 2


if __name__ == "__main__":
    main()

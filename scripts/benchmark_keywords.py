"""Time keyword statistics on the default corpus and on the same corpus replicated 20x.

    .venv/bin/python scripts/benchmark_keywords.py [--statements data/processed/default/statements.parquet]
                                                   [--copies 20] [--n-boot 20]

Counts are sparse (scipy.sparse CSR built straight from tokens), so time should grow about
linearly with the number of statements: the 20x corpus should take about 20x as long, not 400x.
Each stage is timed separately: tokenising and counting, the statistics (z, chi2, G2,
TF-IDF), and the bootstrap (fixed number of resamples). The ratio column divides each 20x time
by the 1x time measured in the same run. When 02_statements has not written the statements
table yet, every sentence of FA-KES stands in as a statement of its outlet (said so in the output).
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from quotelens import config
from quotelens.keywords.distinctive import bootstrap_topk, keywords_from_counts, prepare
from quotelens.tables import read_table
from quotelens.text import sentence_spans
from quotelens.keywords.tokens import TokenOptions


def fakes_sentences() -> pd.DataFrame:
    """Every sentence of every FA-KES article as a statement-like row (grouped by outlet)."""
    d = pd.read_csv(config.FAKES_CSV)
    rows = []
    for r in d.itertuples():
        text = r.article_content
        for i, (s, e) in enumerate(sentence_spans(text)):
            rows.append({"statement_id": f"{r.unit_id}:{i}", "article_id": str(r.unit_id), "speaker": r.source,
                         "quote": text[s:e], "start": s, "end": e})
    return pd.DataFrame(rows)


def replicate(statements: pd.DataFrame, copies: int) -> pd.DataFrame:
    """`copies` copies of the table, each with its own article and statement ids (so the bootstrap
    sees copies x as many articles)."""
    parts = []
    for k in range(copies):
        part = statements.copy()
        part["article_id"] = part["article_id"].astype(str) + f"#{k}"
        part["statement_id"] = part["statement_id"].astype(str) + f"#{k}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def time_stages(statements: pd.DataFrame, by: str, options: TokenOptions, n_boot: int, repeats: int) -> dict:
    """Best-of-`repeats` wall time (seconds) of each stage."""
    best = {"count": float("inf"), "statistics": float("inf"), "bootstrap": float("inf"), "total": float("inf")}
    for _ in range(repeats):
        t0 = time.perf_counter()
        prep = prepare(statements, by, None, options, min_count=1)
        t1 = time.perf_counter()
        result = keywords_from_counts(prep)
        t2 = time.perf_counter()
        bootstrap_topk(prep, 0.1, 10, n_boot, seed=0)
        t3 = time.perf_counter()
        best["count"] = min(best["count"], t1 - t0)
        best["statistics"] = min(best["statistics"], t2 - t1)
        best["bootstrap"] = min(best["bootstrap"], t3 - t2)
        best["total"] = min(best["total"], t3 - t0)
    best["rows"] = len(result.table)
    best["terms"] = int(prep.counts.matrix.shape[1])
    best["nnz"] = int(prep.counts.matrix.nnz)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--statements", default="data/processed/default/statements.parquet")
    parser.add_argument("--by", default="speaker")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--n-boot", type=int, default=20)
    parser.add_argument("--ngram-max", type=int, default=3)
    args = parser.parse_args()

    path = config.resolve(args.statements)
    if path.exists():
        statements = read_table(path)
        origin = config.relative(path)
    else:
        statements = fakes_sentences()
        origin = f"FA-KES sentences as stand-in statements ({config.relative(path)} not found)"
    options = TokenOptions(ngram_max=args.ngram_max)
    big = replicate(statements, args.copies)
    print(f"corpus: {origin}")
    print(f"1x: {len(statements)} statements, {statements['article_id'].nunique()} articles; "
          f"{args.copies}x: {len(big)} statements; grouping {args.by!r}; {options.describe()}; "
          f"bootstrap {args.n_boot} resamples")
    small = time_stages(statements, args.by, options, args.n_boot, repeats=2)
    large = time_stages(big, args.by, options, args.n_boot, repeats=1)
    print(f"{'stage':<12}{'1x (s)':>10}{f'{args.copies}x (s)':>12}{'ratio':>9}   (linear growth: ratio about {args.copies})")
    for stage in ("count", "statistics", "bootstrap", "total"):
        ratio = large[stage] / small[stage] if small[stage] > 0 else float("nan")
        print(f"{stage:<12}{small[stage]:>10.3f}{large[stage]:>12.3f}{ratio:>9.1f}")
    print(f"sparse counts: 1x {small['nnz']} non-zeros / {small['terms']} terms; "
          f"{args.copies}x {large['nnz']} non-zeros / {large['terms']} terms "
          f"(dense would hold {len(big) * large['terms']:,} cells)")


if __name__ == "__main__":
    main()

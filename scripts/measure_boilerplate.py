"""How much page furniture the loader marks, per outlet (issue 14, item 1).

Loads the default corpus (seeds/ + FA-KES) and the GUM Wikinews articles of the news gold
(data/gold/news/articles.jsonl, ids GUM_*; only their texts, not the annotations), marks the
furniture of each (`quotelens.load.boilerplate`) and prints, per outlet: articles, characters,
spans and the share of characters marked, then per kind the articles, spans and characters
with two examples each. The text of every article is checked to be unchanged by the marking.

    .venv/bin/python scripts/measure_boilerplate.py [--examples 2] [--markdown]

--markdown prints the tables as Markdown (the form docs/loading.md, "Page furniture", shows).
"""

from __future__ import annotations

import argparse
import warnings

import pandas as pd

from quotelens import config
from quotelens.load.corpus import load_corpus
from quotelens.load.decoding import sha256_text
from quotelens.load.furniture_summary import furniture_by_outlet, furniture_examples

NEWS_GOLD_ARTICLES = config.PROJ_ROOT / "data" / "gold" / "news" / "articles.jsonl"


def measured_articles() -> pd.DataFrame:
    """The default corpus and the GUM articles, FA-KES outlets named "fa-kes/<outlet>", the
    seed "seed" and GUM "gum/wikinews"."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the loader's notes on FA-KES mojibake are not news here
        default = load_corpus([config.SEEDS_DIR, config.FAKES_CSV], duplicates=False).articles
        gold = load_corpus(NEWS_GOLD_ARTICLES, duplicates=False).articles
    default = default.assign(source=[f"fa-kes/{s}" if isinstance(s, str) else "seed" for s in default["source"]])
    gum = gold[gold["article_id"].str.startswith("GUM_")].assign(source="gum/wikinews")
    return pd.concat([default, gum], ignore_index=True)


def table(frame: pd.DataFrame, markdown: bool) -> str:
    """`frame` as aligned text, or as a Markdown table (pipes in cells escaped)."""
    if not markdown:
        return frame.to_string(index=False)
    cells = [[str(v).replace("|", "\\|") for v in row] for row in frame.itertuples(index=False)]
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=2, help="examples per outlet and kind (default 2)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables")
    args = parser.parse_args()

    articles = measured_articles()
    changed = [a for a, t, h in zip(articles["article_id"], articles["text"], articles["sha256"]) if sha256_text(t) != h]
    if changed:
        raise SystemExit(f"texts changed while marking furniture: {changed[:5]}")
    counts = furniture_by_outlet(articles)
    overall = counts[counts["kind"] == "all"].drop(columns="kind").copy()
    overall["share_chars"] = overall["share_chars"].map(lambda x: f"{x:.1%}")
    print(f"{len(articles)} articles; furniture per outlet (chars: characters marked; share: of all characters)\n")
    print(table(overall.rename(columns={"n_with": "with_furniture"}), args.markdown))
    print("\nBy kind:\n")
    kinds = counts[counts["kind"] != "all"].drop(columns=["n_articles", "share_chars"])
    print(table(kinds.rename(columns={"n_with": "articles"}), args.markdown))
    examples = furniture_examples(articles, per_kind=args.examples)
    print(f"\nExamples (the first {args.examples} per outlet and kind, in load order):\n")
    print(table(examples[["source", "kind", "article_id", "example"]], args.markdown))


if __name__ == "__main__":
    main()

"""Count statements whose content span holds their own cue or speaker phrase (issue 14 item 6:
the scored span is the content only), by rule and type.

    python scripts/count_cue_in_content.py                         # the default corpus (configs/default.yaml)
    python scripts/count_cue_in_content.py --corpus data/gold/news/articles.jsonl
    python scripts/count_cue_in_content.py --statements OUT.parquet   # a table already extracted

The test is `quotelens.extract.cues.cue_in_content`. Prints a table of counts (statements) and
up to `--examples` examples per rule; writes nothing.
"""

from __future__ import annotations

import argparse
from collections import Counter

from quotelens.config import PROJ_ROOT
from quotelens.extract.cues import cue_in_content
from quotelens.extract.parallel import extract_statements_parallel
from quotelens.load import load_corpus
from quotelens.tables import read_table
from quotelens.yaml_files import load_yaml

DEFAULT_CONFIG = PROJ_ROOT / "configs" / "default.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", nargs="*", help="corpus paths (default: the default config's corpus_paths)")
    parser.add_argument("--actors", help="registry YAML (default: the default config's)")
    parser.add_argument("--statements", help="a statements table of the same corpus, instead of extracting")
    parser.add_argument("--examples", type=int, default=3, help="examples printed per rule")
    args = parser.parse_args()
    conf = load_yaml(DEFAULT_CONFIG.read_bytes())["notebooks"]
    paths = args.corpus or conf["01_articles"]["corpus_paths"]
    articles = load_corpus([str(PROJ_ROOT / p) if not str(p).startswith("/") else p for p in paths]).articles
    if args.statements:
        statements = read_table(args.statements)
    else:
        actors = args.actors or str(PROJ_ROOT / conf["02_statements"]["actors_path"])
        statements = extract_statements_parallel(articles, actors)
    texts = dict(zip(articles["article_id"].astype(str), articles["text"]))
    counts: Counter = Counter()
    examples: dict = {}
    for st in statements.to_dict("records"):
        what = cue_in_content(texts[str(st["article_id"])], st)
        if what:
            key = (what, st["rule"].split("+")[0], st["type"])
            counts[key] += 1
            examples.setdefault(key, []).append(f"[{st['cue']}] {st['quote'][:90]!r}")
    print(f"{len(statements)} statements; {sum(counts.values())} hold their own cue or speaker in the content")
    print(f"{'holds':8} {'rule':28} {'type':13} {'n':>5}")
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{key[0]:8} {key[1]:28} {key[2]:13} {n:>5}")
        for ex in examples[key][:args.examples]:
            print(f"{'':10}{ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The `quotelens` command line (stable: scripts and evaluations depend on it; see docs/contracts.md).

    quotelens extract   CORPUS -o STATEMENTS.{jsonl,csv,parquet} [--actors data/actors/x.yaml]
    quotelens sentiment TABLE  -o SCORED.{jsonl,csv,parquet} [--text-column text]
    quotelens keywords  STATEMENTS -o TERMS.{csv,parquet} [--by speaker]
    quotelens evaluate  STATEMENTS --gold GOLD.jsonl --articles CORPUS [--actors data/actors/x.yaml]
    quotelens report    [--config configs/default.yaml] [--only 03] [--from-pipeline OUTDIR]
    quotelens pipeline  CORPUS -o OUTDIR [--workers N] [--chunk-size N] [--engine pandas|dask] [--scheduler ADDRESS]

Each sub-command's work lives in its own module; this file only parses arguments.
"""

from __future__ import annotations

import argparse
import sys


def _column_mapping(items: list[str] | None) -> dict[str, str]:
    """Parse `--columns id=unit_id,text=article_content` into {"id": "unit_id", ...}."""
    mapping: dict[str, str] = {}
    for item in items or []:
        for pair in item.split(","):
            if not pair.strip():
                continue
            if "=" not in pair:
                raise SystemExit(f"--columns: expected NAME=COLUMN, got {pair!r}")
            ours, theirs = (x.strip() for x in pair.split("=", 1))
            mapping[ours] = theirs
    return mapping


def _cmd_extract(args: argparse.Namespace) -> int:
    from quotelens.extract.registry import RegistryError, default_registry_path, load_registry
    from quotelens.config import resolve
    from quotelens.load.corpus import load_corpus
    from quotelens.extract.statements import extract_statements
    from quotelens.tables import write_table

    try:
        registry = load_registry(resolve(args.actors) if args.actors else default_registry_path())
    except RegistryError as exc:
        raise SystemExit(f"extract: {exc}") from exc
    try:
        result = load_corpus(args.corpus, columns=_column_mapping(args.columns) or None)
    except ValueError as exc:
        raise SystemExit(f"extract: {exc}") from exc
    statements = extract_statements(result.articles, registry=registry)
    write_table(statements, args.output)
    print(f"{result.summary()}; {len(statements)} statements from "
          f"{statements['article_id'].nunique() if len(statements) else 0} articles -> {args.output}",
          file=sys.stderr)
    return 0


def _cmd_sentiment(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quotelens.sentiment import score_table
    from quotelens.tables import read_table, write_table

    source = Path(args.table).expanduser().resolve()  # a command line's paths are relative to the working directory
    if not source.exists():
        raise SystemExit(f"sentiment: {source}: no such file")
    try:
        table = read_table(source)
        scored = score_table(table, text_column=args.text_column, source=str(source))
    except ValueError as exc:
        raise SystemExit(f"sentiment: {exc}") from None
    output = write_table(scored, Path(args.output).expanduser().resolve())
    unscored = scored.attrs.get("sentiment_unscored", 0)
    print(
        f"sentiment: {len(scored)} rows from {Path(source).name}: {len(scored) - unscored} scored, "
        f"{unscored} without text left unscored -> {output}",
        file=sys.stderr,
    )
    return 0


def _cmd_keywords(args: argparse.Namespace) -> int:
    # Imported here so `quotelens --help` stays fast.
    from pathlib import Path

    from quotelens.keywords.distinctive import keyword_table
    from quotelens.tables import read_table, write_table
    from quotelens.keywords.termcounts import KeywordsError

    source = Path(args.statements)
    out = Path(args.output)
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise SystemExit(f"keywords: {out}: output must be .csv or .parquet")
    if not source.exists():
        raise SystemExit(f"keywords: {source}: no such file")
    try:
        table = read_table(source)
    except Exception as exc:  # unreadable or unsupported file: name it
        raise SystemExit(f"keywords: {source}: cannot read table ({exc})") from exc
    try:
        result = keyword_table(table, args.by)
    except KeywordsError as exc:
        raise SystemExit(f"keywords: {source}: {exc}") from exc
    write_table(result.table, out)
    c = result.counts
    print(
        f"keywords: {c['input_rows']} rows read from {source}; {c['used_rows']} used, "
        f"{c['skipped_no_group']} skipped without {args.by!r}, {c['skipped_no_terms']} skipped without terms; "
        f"{c['groups']} groups, {c['terms']} terms; {len(result.table)} rows written to {out}",
        file=sys.stderr,
    )
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from quotelens.extract.registry import RegistryError, load_registry
    from quotelens.config import resolve
    from quotelens.extract.evaluate import (GoldFormatError, evaluate_statements, format_report, load_articles, load_gold,
                                    metrics_json, registry_canonical)
    from quotelens.tables import read_table, write_text

    try:
        gold = load_gold(args.gold)
    except GoldFormatError as exc:
        raise SystemExit(f"evaluate: {exc}") from None
    articles = load_articles(args.articles, _column_mapping(args.columns) or None)
    predicted = read_table(args.statements)
    canonical = None
    if args.actors:
        # compare speakers as registry actors ("Syrian Coalition" = "National Coalition")
        try:
            canonical = registry_canonical(load_registry(resolve(args.actors)))
        except RegistryError as exc:
            raise SystemExit(f"evaluate: {exc}") from None
    try:
        result = evaluate_statements(predicted, gold, articles, canonical=canonical)
    except ValueError as exc:
        raise SystemExit(f"evaluate: {exc}") from None
    sys.stdout.write(format_report(result))
    if args.json:
        write_text(args.json, json.dumps(metrics_json(result), indent=1, ensure_ascii=False) + "\n")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    if args.from_pipeline is not None:
        # Checked before papermill is imported (slow): a wrong folder is a one-line answer.
        from quotelens.report.pipeline_input import PipelineFolderError, check_folder

        try:
            check_folder(args.from_pipeline)
        except PipelineFolderError as exc:
            print(f"quotelens report: --from-pipeline: {exc}", file=sys.stderr)
            return 2
    # Imported here: papermill and nbconvert are slow to import and only `report` needs them.
    from quotelens.report.runner import NotebookFailedError, ReportConfigError, run_report

    try:
        run_report(args.config, only=args.only, from_pipeline=args.from_pipeline)
    except ReportConfigError as exc:
        print(f"quotelens report: {exc}", file=sys.stderr)
        return 2
    except NotebookFailedError as exc:
        print(f"quotelens report: {exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_pipeline(args: argparse.Namespace) -> int:
    from quotelens.scale.pipeline import PipelineError, run_pipeline

    columns = _column_mapping(args.columns) or None
    try:
        result = run_pipeline(
            args.corpus, args.output, workers=args.workers, chunk_size=args.chunk_size, columns=columns,
            actors=args.actors, engine=args.engine, scheduler=args.scheduler,
        )
    except (ValueError, FileNotFoundError, PipelineError) as exc:
        raise SystemExit(f"pipeline: {exc}") from exc
    rate = result.articles / max(sum(result.seconds.get(k, 0.0) for k in ("load", "statements")), 1e-9)
    print(f"pipeline: {result.summary()}; {rate:.1f} articles/s (load + statements + sentiment)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotelens", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract statements and their speakers from a corpus")
    p.add_argument("corpus", help="file or folder of articles (.txt, .jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="statements table (.jsonl, .csv, .parquet)")
    p.add_argument("--actors", default=None, help="actor registry YAML (default data/actors/syria.yaml)")
    p.add_argument("--columns", action="append", help="column mapping, e.g. id=unit_id,text=article_content")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("sentiment", help="score the sentiment of a table's text column")
    p.add_argument("table", help="input table (.jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="scored table (.jsonl, .csv, .parquet)")
    p.add_argument("--text-column", default=None, help="column to score (default: quote if present, else text)")
    p.set_defaults(func=_cmd_sentiment)

    p = sub.add_parser("keywords", help="distinctive terms per group (Monroe et al. log-odds z)")
    p.add_argument("statements", help="statements table (.jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="terms table (.csv, .parquet)")
    p.add_argument("--by", default="speaker", help="grouping column (default speaker)")
    p.set_defaults(func=_cmd_keywords)

    p = sub.add_parser("evaluate", help="score statements against gold annotations")
    p.add_argument("statements", help="predicted statements table")
    p.add_argument("--gold", required=True, help="gold statements (.jsonl, format in docs/contracts.md)")
    p.add_argument("--articles", required=True, help="the corpus the gold refers to")
    p.add_argument("--columns", action="append", help="column mapping for the corpus")
    p.add_argument("--json", default=None, help="also write the metrics as JSON to this file")
    p.add_argument("--actors", default=None,
                   help="actor registry YAML: compare speakers as registry actors (default: names as written)")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("pipeline", help="load, extract and score a large corpus in resumable chunks (Parquet dataset)")
    p.add_argument("corpus", help="file or folder of articles (.txt, .jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="output folder (articles/, statements/, aggregates/, manifest.json)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--chunk-size", type=int, default=200, help="articles per chunk (default 200)")
    p.add_argument("--engine", choices=["pandas", "dask"], default="pandas", help="process pool or dask.distributed")
    p.add_argument("--scheduler", default=None, help="dask scheduler address (default: a LocalCluster)")
    p.add_argument("--actors", default=None, help="actor registry YAML (default data/actors/syria.yaml)")
    p.add_argument("--columns", action="append", help="column mapping, e.g. id=unit_id,text=article_content")
    p.set_defaults(func=_cmd_pipeline)

    p = sub.add_parser("report", help="run the notebooks with papermill and render the HTML report")
    p.add_argument("--config", default="configs/default.yaml", help="parameter set (YAML)")
    p.add_argument("--only", action="append", help="run only the notebook(s) with this number, e.g. 03")
    p.add_argument("--from-pipeline", metavar="OUTDIR", default=None,
                   help="take articles, statements and scores from this `quotelens pipeline` output folder "
                        "instead of computing them in 01-03 (the config still sets every other parameter)")
    p.set_defaults(func=_cmd_report)
    return parser


# Arguments that name files: on the command line they are relative to the working directory
# (inside the package, relative paths are taken from the project root; see quotelens.config).
_PATH_ARGUMENTS = ("corpus", "table", "statements", "output", "actors", "gold", "articles", "from_pipeline")


def _paths_from_working_directory(args: argparse.Namespace) -> None:
    from pathlib import Path

    for name in _PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str) and value:
            setattr(args, name, str(Path(value).expanduser().resolve()))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _paths_from_working_directory(args)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())

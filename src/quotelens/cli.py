"""The `quotelens` command line (stable: scripts and evaluations depend on it; see docs/contracts.md).

    quotelens extract   CORPUS -o STATEMENTS.{jsonl,csv,parquet} [--actors data/actors/x.yaml]
    quotelens sentiment TABLE  -o SCORED.{jsonl,csv,parquet} [--text-column text] [--topic-words FILE]
    quotelens keywords  STATEMENTS -o TERMS.{csv,parquet} [--by speaker]
    quotelens evaluate  STATEMENTS --gold GOLD.jsonl --articles CORPUS [--actors data/actors/x.yaml] [--split dev|test|all]
    quotelens report    [--config configs/default.yaml] [--only 03] [--from-pipeline OUTDIR] [--output DIR]
    quotelens report    --corpus PATH [--actors FILE] --output DIR
    quotelens init      --corpus PATH --name NAME [-o NAME.yaml] [--actors FILE] [--force]
    quotelens registry-draft STATEMENTS -o actors.yaml [--min-statements N]
    quotelens pipeline  CORPUS -o OUTDIR [--workers N] [--chunk-size N] [--engine pandas|dask] [--scheduler ADDRESS]
                        [--actors data/actors/x.yaml] [--topic-words FILE]

Neutral defaults: no actor registry (speakers are named as the articles write them) and no
topic-word masking unless --actors / --topic-words name the files (the Syria corpus's are
data/actors/syria.yaml and data/sentiment/topic_words_conflict.yaml).

Each sub-command's work lives in its own module; this file only parses arguments.
"""

from __future__ import annotations

import argparse
import errno
import sys

from quotelens.arguments import UsageError, existing_file, existing_input, output_file, output_folder


def _column_mapping(items: list[str] | None) -> dict[str, str]:
    """Parse `--columns id=unit_id,text=article_content` into {"id": "unit_id", ...}."""
    mapping: dict[str, str] = {}
    for item in items or []:
        for pair in item.split(","):
            if not pair.strip():
                continue
            if "=" not in pair:
                raise UsageError(f"--columns: expected NAME=COLUMN, got {pair!r}")
            ours, theirs = (x.strip() for x in pair.split("=", 1))
            if ours in mapping and mapping[ours] != theirs:
                raise UsageError(f"--columns: {ours} is mapped twice ({mapping[ours]!r} and {theirs!r})")
            mapping[ours] = theirs
    return mapping


def _cmd_extract(args: argparse.Namespace) -> int:
    from quotelens.extract.registry import RegistryError, registry_from_option
    from quotelens.load.corpus import load_corpus
    from quotelens.extract.statements import extract_statements
    from quotelens.tables import TABLE_SUFFIXES, write_table

    corpus = existing_input(args.corpus, "extract: corpus")
    actors = existing_file(args.actors, "extract: --actors") if args.actors else None
    output = output_file(args.output, TABLE_SUFFIXES, inputs=[corpus] + ([actors] if actors else []),
                         what="extract: -o")
    columns = _column_mapping(args.columns) or None
    try:
        registry = registry_from_option(actors)  # none named: speakers as the articles write them
    except RegistryError as exc:
        raise UsageError(f"extract: {exc}") from None
    try:
        result = load_corpus(corpus, columns=columns)
    except ValueError as exc:
        raise UsageError(f"extract: {exc}") from None
    statements = extract_statements(result.articles, registry=registry)
    write_table(statements, output)
    print(f"{result.summary()}; {len(statements)} statements from "
          f"{statements['article_id'].nunique() if len(statements) else 0} articles -> {args.output}",
          file=sys.stderr)
    return 0


def _cmd_sentiment(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quotelens.sentiment import score_table, scorer_from_options
    from quotelens.tables import TABLE_SUFFIXES, read_table, write_table

    source = Path(args.table).expanduser().resolve()  # a command line's paths are relative to the working directory
    if not source.exists():
        raise UsageError(f"sentiment: {source}: no such file")
    topic_words = existing_file(args.topic_words, "sentiment: --topic-words") if args.topic_words else None
    output = output_file(args.output, TABLE_SUFFIXES, inputs=[source] + ([topic_words] if topic_words else []),
                         what="sentiment: -o")
    try:
        scorer = scorer_from_options(topic_words=str(topic_words or ""))  # "": no masking
        table = read_table(source)
        scored = score_table(table, text_column=args.text_column, scorer=scorer, source=str(source))
    except ValueError as exc:
        raise UsageError(f"sentiment: {exc}") from None
    output = write_table(scored, output)
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
        raise UsageError(f"keywords: {out}: output must be .csv or .parquet")
    if not source.exists():
        raise UsageError(f"keywords: {source}: no such file")
    out = output_file(out, (".csv", ".parquet"), inputs=[source], what="keywords: -o")
    try:
        table = read_table(source)
    except Exception as exc:  # unreadable or unsupported file: name it
        raise UsageError(f"keywords: {source}: cannot read table ({exc})") from None
    try:
        result = keyword_table(table, args.by)
    except KeywordsError as exc:
        raise UsageError(f"keywords: {source}: {exc}") from None
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
    from quotelens.extract.news_gold import looks_like_news_gold
    from quotelens.tables import read_table, write_text

    statements = existing_file(args.statements, "evaluate: statements")
    gold_path = existing_file(args.gold, "evaluate: --gold")
    articles_path = existing_input(args.articles, "evaluate: --articles")
    if args.actors:
        existing_file(args.actors, "evaluate: --actors")
    if args.json:
        output_file(args.json, (".json",), inputs=[statements, gold_path, articles_path], what="evaluate: --json")
    news = args.gold_format == "news" or (args.gold_format == "auto" and looks_like_news_gold(gold_path))
    if args.split and not news:
        raise UsageError("evaluate: --split needs the news gold (data/gold/news/statements.jsonl); "
                         "its articles carry the split")
    if news:
        return _evaluate_news(args, statements, gold_path, articles_path)
    try:
        gold = load_gold(gold_path)
    except GoldFormatError as exc:
        raise UsageError(f"evaluate: {exc}") from None
    try:
        articles = load_articles(articles_path, _column_mapping(args.columns) or None)
        predicted = read_table(statements)
    except ValueError as exc:
        raise UsageError(f"evaluate: {exc}") from None
    canonical = None
    if args.actors:
        # compare speakers as registry actors ("Syrian Coalition" = "National Coalition")
        try:
            canonical = registry_canonical(load_registry(resolve(args.actors)))
        except RegistryError as exc:
            raise UsageError(f"evaluate: {exc}") from None
    try:
        result = evaluate_statements(predicted, gold, articles, canonical=canonical)
    except ValueError as exc:
        raise UsageError(f"evaluate: {exc}") from None
    sys.stdout.write(format_report(result))
    if args.json:
        write_text(args.json, json.dumps(metrics_json(result), indent=1, ensure_ascii=False) + "\n")
    return 0


def _evaluate_news(args: argparse.Namespace, statements, gold_path, articles_path) -> int:
    """`quotelens evaluate` on the news gold (data/gold/news/): the scores of one split."""
    import json

    from quotelens.config import resolve
    from quotelens.extract.evaluate import GoldFormatError, load_articles, registry_canonical
    from quotelens.extract.evaluate_news import evaluate_news, format_news_report, news_metrics_json
    from quotelens.extract.news_gold import load_news_gold, scorable_articles
    from quotelens.extract.registry import RegistryError, load_registry
    from quotelens.tables import read_table, write_text

    try:
        gold = load_news_gold(gold_path)
        articles = load_articles(articles_path, _column_mapping(args.columns) or None)
        predicted = read_table(statements)
        canonical = registry_canonical(load_registry(resolve(args.actors))) if args.actors else None
        annotated, stale = scorable_articles(gold_path, gold)
        result = evaluate_news(predicted, gold, articles, canonical=canonical, split=args.split or "all",
                               annotated=annotated)
    except (GoldFormatError, RegistryError, ValueError) as exc:
        raise UsageError(f"evaluate: {exc}") from None
    if stale:
        print(f"evaluate: {len(stale)} article(s) left out, their annotations differ from {gold_path.name} "
              f"(rebuild it with scripts/gold_offsets.py build): {', '.join(stale)}", file=sys.stderr)
    sys.stdout.write(format_news_report(result))
    if args.json:
        write_text(args.json, json.dumps(news_metrics_json(result), indent=1, ensure_ascii=False) + "\n")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    config, output_root, cache_dir = args.config, None, None
    if args.corpus is not None:
        from quotelens.report.init_config import corpus_run_config

        if args.config is not None:
            raise UsageError("report: give --corpus or --config, not both (a config names its own corpus)")
        if args.from_pipeline is not None:
            raise UsageError("report: --from-pipeline takes the corpus from the pipeline run; use it with --config")
        if not args.output:
            raise UsageError("report: --corpus needs --output DIR, the folder the report is written to")
        config = corpus_run_config(args.corpus, args.actors, args.output)
    elif args.actors:
        raise UsageError("report: --actors goes with --corpus (in a config, set actors_path)")
    elif args.output:
        output_root = output_folder(args.output, what="report: --output")
    if args.output:
        from quotelens.report.init_config import cache_folder

        # trained models go to the user's cache, not the project's build/ folder
        cache_dir = cache_folder(args.output)
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
        run_report(config or "configs/default.yaml", only=args.only, from_pipeline=args.from_pipeline,
                   output_root=output_root, cache_dir=cache_dir)
    except ReportConfigError as exc:
        print(f"quotelens report: {exc}", file=sys.stderr)
        return 2
    except NotebookFailedError as exc:
        print(f"quotelens report: {exc}", file=sys.stderr)
        return 1
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from quotelens.report.init_config import init_config_file

    output, root, n = init_config_file(args.corpus, args.name, args.output, args.actors, force=args.force)
    print(f"init: wrote {output} ({n} parameters; outputs under {root}); "
          f"run it with: quotelens report --config {output}", file=sys.stderr)
    return 0


def _cmd_registry_draft(args: argparse.Namespace) -> int:
    from quotelens.extract.registry_draft import DraftError, draft_registry
    from quotelens.tables import read_table, write_text

    statements = existing_file(args.statements, "registry-draft: statements")
    output = output_file(args.output, (".yaml", ".yml"), inputs=[statements], what="registry-draft: -o")
    if args.min_statements < 1:
        raise UsageError(f"registry-draft: --min-statements {args.min_statements}: must be at least 1")
    try:
        table = read_table(statements)
        draft = draft_registry(table, min_statements=args.min_statements, source=statements.name)
    except (DraftError, ValueError) as exc:
        raise UsageError(f"registry-draft: {statements}: {' '.join(str(exc).split())}") from None
    write_text(output, draft.text)
    print(f"registry-draft: {draft.summary()} -> {output}", file=sys.stderr)
    return 0


# Help for the options of the per-article stages (quotelens.stages: Stage.pipeline_options)
# that the command line offers besides the corpus and --columns.
_PIPELINE_OPTION_HELP = {
    "actors": "actor registry YAML (default: none, speakers named as the articles write them; docs/registry.md)",
    "topic_words": "topic-word list masked before scoring (default: none, no masking; "
                   "e.g. data/sentiment/topic_words_conflict.yaml for war news)",
}


def _pipeline_options() -> list[tuple[str, str, str]]:
    """(run_pipeline keyword, notebook, notebook parameter) of every option of the stages the
    pipeline runs, in stage order, except the corpus and the column mapping (arguments of their own)."""
    from quotelens import stages

    return [(keyword, s.notebook, param) for s in stages.STAGES if s.per_article
            for param, keyword in s.pipeline_options.items() if keyword not in ("corpus", "columns")]


def _cmd_pipeline(args: argparse.Namespace) -> int:
    from quotelens.arguments import UsageError, existing_input, output_folder
    from quotelens.scale.pipeline import PipelineError, run_pipeline

    corpus = existing_input(args.corpus, "pipeline: corpus")
    output = output_folder(args.output, inputs=[corpus], what="pipeline: -o")
    columns = _column_mapping(args.columns) or None
    options = {keyword: getattr(args, keyword) for keyword, _, _ in _pipeline_options()}
    try:
        # run_pipeline checks every argument before it touches the output folder
        result = run_pipeline(str(corpus), output, workers=args.workers, chunk_size=args.chunk_size, columns=columns,
                              engine=args.engine, scheduler=args.scheduler, **options)
    except (ValueError, FileNotFoundError) as exc:
        raise UsageError(f"pipeline: {exc}") from None
    except PipelineError as exc:
        raise SystemExit(f"pipeline: {exc}") from None
    rate = result.articles / max(sum(result.seconds.get(k, 0.0) for k in ("load", "statements")), 1e-9)
    print(f"pipeline: {result.summary()}; {rate:.1f} articles/s (load + statements + sentiment)", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="quotelens", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract statements and their speakers from a corpus")
    p.add_argument("corpus", help="file or folder of articles (.txt, .jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="statements table (.jsonl, .csv, .parquet)")
    p.add_argument("--actors", default=None, help="actor registry YAML (default: none, speakers named as the "
                                                  "articles write them; e.g. data/actors/syria.yaml)")
    p.add_argument("--columns", action="append", help="column mapping, e.g. id=unit_id,text=article_content")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("sentiment", help="score the sentiment of a table's text column")
    p.add_argument("table", help="input table (.jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="scored table (.jsonl, .csv, .parquet)")
    p.add_argument("--text-column", default=None, help="column to score (default: quote if present, else text)")
    p.add_argument("--topic-words", default=None,
                   help="topic-word list masked before scoring (default: none, no masking; "
                        "e.g. data/sentiment/topic_words_conflict.yaml for war news)")
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
    p.add_argument("--gold-format", choices=["auto", "excerpt", "news"], default="auto",
                   help="excerpt gold (data/gold/) or news gold (data/gold/news/); auto: by the gold's fields")
    p.add_argument("--split", choices=["dev", "test", "all"], default=None,
                   help="news gold only: score the articles of this split (default all)")
    p.set_defaults(func=_cmd_evaluate)

    p = sub.add_parser("pipeline", help="load, extract and score a large corpus in resumable chunks (Parquet dataset)")
    p.add_argument("corpus", help="file or folder of articles (.txt, .jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="output folder (articles/, statements/, aggregates/, manifest.json)")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--chunk-size", type=int, default=200, help="articles per chunk (default 200)")
    p.add_argument("--engine", choices=["pandas", "dask"], default="pandas", help="process pool or dask.distributed")
    p.add_argument("--scheduler", default=None, help="dask scheduler address (default: a LocalCluster)")
    p.add_argument("--columns", action="append", help="column mapping, e.g. id=unit_id,text=article_content")
    for keyword, notebook, param in _pipeline_options():
        p.add_argument(f"--{keyword.replace('_', '-')}", dest=keyword, default=None,
                       help=_PIPELINE_OPTION_HELP.get(keyword, f"as {param} of {notebook}"))
    p.set_defaults(func=_cmd_pipeline)

    p = sub.add_parser("report", help="run the notebooks with papermill and render the HTML report")
    p.add_argument("--config", default=None, help="parameter set (YAML; default configs/default.yaml)")
    p.add_argument("--corpus", default=None,
                   help="file or folder of articles: report on it with neutral defaults, no config needed (needs --output)")
    p.add_argument("--actors", default=None, help="with --corpus: actor registry YAML (default: none, docs/registry.md)")
    p.add_argument("--output", metavar="DIR", default=None,
                   help="write tables, figures, notebooks and HTML under DIR (processed/, figures/, reports/); "
                        "trained models go to the user cache folder")
    p.add_argument("--only", action="append", help="run only the notebook(s) with this number, e.g. 03")
    p.add_argument("--from-pipeline", metavar="OUTDIR", default=None,
                   help="take articles, statements and scores from this `quotelens pipeline` output folder "
                        "instead of computing them in 01-03 (the config still sets every other parameter)")
    p.set_defaults(func=_cmd_report)

    p = sub.add_parser("init", help="write a commented report config with neutral defaults, to edit")
    p.add_argument("--corpus", required=True, help="file or folder of articles")
    p.add_argument("--name", required=True, help="name of the study (the config's name and output folder NAME_report)")
    p.add_argument("-o", "--output", default=None, help="config file to write (.yaml; default NAME.yaml here)")
    p.add_argument("--actors", default=None, help="actor registry YAML (default: none)")
    p.add_argument("--force", action="store_true", help="replace an existing config file")
    p.set_defaults(func=_cmd_init)

    p = sub.add_parser("registry-draft", help="draft an actor registry (YAML) from the speakers of a statements table")
    p.add_argument("statements", help="statements table (.jsonl, .csv, .parquet), e.g. from `quotelens extract`")
    p.add_argument("-o", "--output", required=True, help="registry to write (.yaml)")
    p.add_argument("--min-statements", type=int, default=2,
                   help="leave out speakers with fewer statements (default 2)")
    p.set_defaults(func=_cmd_registry_draft)
    return parser


# Arguments that name files: on the command line they are relative to the working directory
# (inside the package, relative paths are taken from the project root; see quotelens.config).
_PATH_ARGUMENTS = ("corpus", "table", "statements", "output", "actors", "gold", "articles", "from_pipeline",
                   "topic_words")


def _paths_from_working_directory(args: argparse.Namespace) -> None:
    from pathlib import Path

    for name in _PATH_ARGUMENTS:
        value = getattr(args, name, None)
        if isinstance(value, str) and value:
            setattr(args, name, str(Path(value).expanduser().resolve()))


# Failures of the machine rather than of the program, reported in one line (exit status 1).
_ENVIRONMENT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _paths_from_working_directory(args)
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"quotelens {exc}", file=sys.stderr)
        raise
    except OSError as exc:
        if exc.errno not in _ENVIRONMENT_ERRORS:
            raise
        # the disk filled up or a folder turned read-only while writing: say so in one line
        where = f" {exc.filename}" if exc.filename else ""
        print(f"quotelens {args.command}: cannot write or read{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        # Ctrl-C: one line and the shell's status for SIGINT (128 + 2), not a traceback
        hint = "; run the same command again to resume (finished chunks are kept)" if args.command == "pipeline" else ""
        print(f"quotelens {args.command}: interrupted{hint}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

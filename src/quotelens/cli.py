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

This file parses the arguments and calls each sub-command's handler (quotelens.commands; the
pipeline's, a few lines, is here); the work lives in the stage packages.
"""

from __future__ import annotations

import argparse
import errno
import sys

from quotelens.arguments import UsageError
from quotelens.arguments import column_mapping as _column_mapping  # the name the pipeline handler uses
from quotelens.commands.evaluate import evaluate_command
from quotelens.commands.report import init_command, report_command
from quotelens.commands.tables import extract_command, keywords_command, registry_draft_command, sentiment_command


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
    if result.articles == 0:
        # Every record rejected: an error, as for extract (the folder keeps rejected.parquet).
        from quotelens.scale.pipeline import no_articles_message

        raise UsageError(f"pipeline: {no_articles_message(corpus, output)}")
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
    p.add_argument("--workers", type=int, default=None,
                   help="processes extracting in parallel (default: the machine's cores; same table as 1)")
    p.set_defaults(func=extract_command)

    p = sub.add_parser("sentiment", help="score the sentiment of a table's text column")
    p.add_argument("table", help="input table (.jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="scored table (.jsonl, .csv, .parquet)")
    p.add_argument("--text-column", default=None, help="column to score (default: quote if present, else text)")
    p.add_argument("--topic-words", default=None,
                   help="topic-word list masked before scoring (default: none, no masking; "
                        "e.g. data/sentiment/topic_words_conflict.yaml for war news)")
    p.set_defaults(func=sentiment_command)

    p = sub.add_parser("keywords", help="distinctive terms per group (Monroe et al. log-odds z)")
    p.add_argument("statements", help="statements table (.jsonl, .csv, .parquet)")
    p.add_argument("-o", "--output", required=True, help="terms table (.csv, .parquet)")
    p.add_argument("--by", default="speaker", help="grouping column (default speaker)")
    p.set_defaults(func=keywords_command)

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
    p.set_defaults(func=evaluate_command)

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
    p.set_defaults(func=report_command)

    p = sub.add_parser("init", help="write a commented report config with neutral defaults, to edit")
    p.add_argument("--corpus", required=True, help="file or folder of articles")
    p.add_argument("--name", required=True, help="name of the study (the config's name and output folder NAME_report)")
    p.add_argument("-o", "--output", default=None, help="config file to write (.yaml; default NAME.yaml here)")
    p.add_argument("--actors", default=None, help="actor registry YAML (default: none)")
    p.add_argument("--force", action="store_true", help="replace an existing config file")
    p.set_defaults(func=init_command)

    p = sub.add_parser("registry-draft", help="draft an actor registry (YAML) from the speakers of a statements table")
    p.add_argument("statements", help="statements table (.jsonl, .csv, .parquet), e.g. from `quotelens extract`")
    p.add_argument("-o", "--output", required=True, help="registry to write (.yaml)")
    p.add_argument("--min-statements", type=int, default=2,
                   help="leave out speakers with fewer statements (default 2)")
    p.set_defaults(func=registry_draft_command)
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

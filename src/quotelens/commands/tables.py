"""Handlers of the commands that turn one table or corpus into another: `quotelens extract`,
`sentiment`, `keywords` and `registry-draft` (arguments parsed by quotelens.cli). Each checks
its inputs and output before reading anything; a user's mistake is a one-line UsageError."""

from __future__ import annotations

import argparse
import sys

from quotelens.arguments import UsageError, column_mapping, existing_file, existing_input, output_file


def extract_command(args: argparse.Namespace) -> int:
    from quotelens.extract.registry import RegistryError, registry_from_option
    from quotelens.load.corpus import load_corpus, require_articles
    from quotelens.extract.parallel import extract_statements_parallel
    from quotelens.tables import TABLE_SUFFIXES, write_table

    if args.workers is not None and args.workers < 1:
        raise UsageError(f"extract: --workers must be at least 1, not {args.workers}")
    corpus = existing_input(args.corpus, "extract: corpus")
    actors = existing_file(args.actors, "extract: --actors") if args.actors else None
    output = output_file(args.output, TABLE_SUFFIXES, inputs=[corpus] + ([actors] if actors else []),
                         what="extract: -o")
    columns = column_mapping(args.columns) or None
    try:
        registry = registry_from_option(actors)  # none named: speakers as the articles write them
    except RegistryError as exc:
        raise UsageError(f"extract: {exc}") from None
    try:
        # zero articles (every record rejected) is an error, as no input file is: nothing written
        result = require_articles(load_corpus(corpus, columns=columns), corpus)
    except ValueError as exc:
        raise UsageError(f"extract: {exc}") from None
    # on the machine's cores, the same table as one process (quotelens.extract.parallel)
    statements = extract_statements_parallel(result.articles, registry=registry, workers=args.workers)
    write_table(statements, output)
    print(f"{result.summary()}; {len(statements)} statements from "
          f"{statements['article_id'].nunique() if len(statements) else 0} articles -> {args.output}",
          file=sys.stderr)
    return 0


def sentiment_command(args: argparse.Namespace) -> int:
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


def keywords_command(args: argparse.Namespace) -> int:
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


def registry_draft_command(args: argparse.Namespace) -> int:
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

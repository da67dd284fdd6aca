"""Handlers of `quotelens report` and `quotelens init` (arguments parsed by quotelens.cli):
the notebooks run with papermill from a config, a corpus on neutral defaults, or a pipeline
run; and a commented config to start from."""

from __future__ import annotations

import argparse
import sys

from quotelens import config as qconfig
from quotelens.arguments import UsageError, output_folder, unusable_folders
from quotelens.report.config import ReportConfigError, load_config, output_dirs


def report_command(args: argparse.Namespace) -> int:
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
    # The config and its output folders are checked before the runner is imported (papermill,
    # nbformat's jsonschema, nbconvert, matplotlib and nltk take about 5 CPU seconds): a mistake
    # there is a one-line answer at once. The runner checks them again (for its other callers).
    try:
        cfg = load_config(config or "configs/default.yaml")
    except ReportConfigError as exc:
        print(f"quotelens report: {exc}", file=sys.stderr)
        return 2
    unusable = unusable_folders(output_dirs(cfg, output_root))
    if unusable:
        raise UsageError(f"report: {qconfig.relative(cfg.path)}: nothing was run: {'; '.join(unusable)}")
    # Imported here, for the reason above; only `report` needs the runner.
    from quotelens.report.runner import NotebookFailedError, run_report

    try:
        run_report(cfg, only=args.only, from_pipeline=args.from_pipeline, output_root=output_root, cache_dir=cache_dir)
    except ReportConfigError as exc:
        print(f"quotelens report: {exc}", file=sys.stderr)
        return 2
    except NotebookFailedError as exc:
        print(f"quotelens report: {exc}", file=sys.stderr)
        return 1
    return 0


def init_command(args: argparse.Namespace) -> int:
    from quotelens.report.init_config import init_config_file

    output, root, n = init_config_file(args.corpus, args.name, args.output, args.actors, force=args.force)
    print(f"init: wrote {output} ({n} parameters; outputs under {root}); "
          f"run it with: quotelens report --config {output}", file=sys.stderr)
    return 0

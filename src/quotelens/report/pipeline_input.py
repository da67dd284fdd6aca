"""Starting the report from a `quotelens pipeline` output folder.

The pipeline runs the per-article stages (articles, statements, sentiment; see
quotelens.stages.PIPELINE_STAGES) chunk by chunk, with the pandas pool or Dask. With
`quotelens report --from-pipeline OUTDIR`, notebooks 01-03 take their tables from OUTDIR through
the functions here instead of computing them, and write the same tables the normal run writes,
so 04, 05, 06 and 00 run unchanged:

- 01_articles: the pipeline's articles (ids already unique over the corpus) with the corpus-wide
  copy flags added here by the loader's own `mark_duplicates` (the pipeline leaves them out,
  since a chunk cannot see the whole corpus), and its rejected inputs.
- 02_statements: the pipeline's statements, with the article columns joined on again from
  01's table (as `extract_statements` joins them), so the copy flags come along too.
- 03_sentiment: the pipeline's scores when it scored with the notebook's methods and topic
  words; otherwise the statements are scored here with the notebook's scorer.

The folder is checked before any notebook runs (`check_folder`, `option_problems`).
"""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from quotelens import config
from quotelens.contracts import STATEMENT_COLUMNS
from quotelens.stages import pipeline_path


class PipelineFolderError(ValueError):
    """The folder given as a pipeline output folder is missing, unfinished or incomplete."""


def check_folder(outdir: str | os.PathLike) -> tuple[Path, dict]:
    """(absolute folder, manifest) of a finished pipeline run in `outdir` (relative paths are
    taken from the project root). Raises PipelineFolderError with a one-line reason when the
    folder does not exist, holds no manifest (not a pipeline output folder, or a run that did
    not finish) or misses a part its manifest lists."""
    from quotelens.scale.pipeline import read_manifest

    folder = config.resolve(outdir)
    shown = config.relative(folder)
    if not folder.exists():
        raise PipelineFolderError(f"{shown}: no such folder")
    if not folder.is_dir():
        raise PipelineFolderError(f"{shown}: not a folder")
    try:
        manifest = read_manifest(folder)
    except FileNotFoundError:
        raise PipelineFolderError(
            f"{shown}: not a pipeline output folder (no readable manifest.json; "
            f"`quotelens pipeline CORPUS -o {shown}` writes one when it finishes)"
        ) from None
    parts = manifest.get("parts")
    if not isinstance(parts, list):
        raise PipelineFolderError(f"{shown}/manifest.json: no list of parts; not a pipeline manifest")
    for dataset in ("articles", "statements"):
        base = pipeline_path(dataset, folder)
        missing = [p for p in parts if not (base / p).is_file()]
        if missing:
            raise PipelineFolderError(f"{shown}: manifest lists {len(parts)} parts but {base.name}/{missing[0]} is missing ({len(missing)} missing)")
    if manifest.get("articles") == 0 and manifest.get("read", 0) > 0:
        # the pipeline itself ends with exit 2 here; a report of zero articles would only fail later
        read, rejected = manifest.get("read", 0), manifest.get("rejected", 0)
        raise PipelineFolderError(f"{shown}: the pipeline run loaded no articles ({read} records read, {rejected} "
                                  f"rejected; see {shown}/rejected.parquet), so there is nothing to report")
    return folder, manifest


def _declared_default(declared: dict, name: str) -> Any:
    """The literal default of a declared notebook parameter (report.parameters.Parameter)."""
    try:
        return ast.literal_eval(declared[name].default)
    except (KeyError, ValueError, SyntaxError):
        return None


def _same_file(a: str | None, b: str | None) -> bool:
    return config.resolve(a).resolve() == config.resolve(b).resolve() if a and b else a == b


def option_problems(nb_name: str, outdir: Path, declared: dict, given: dict[str, Any]) -> list[str]:
    """Problems with starting notebook `nb_name` from the pipeline run in `outdir`, given the
    notebook's declared parameters and the config's values: the statements were extracted with
    one actor registry, so 02_statements must name the same one (a different registry needs a
    new pipeline run). Topic words and methods may differ: 03_sentiment then scores afresh."""
    from quotelens.scale.pipeline import read_manifest

    if nb_name != "02_statements":
        return []
    options = read_manifest(outdir).get("options") or {}
    used = options.get("actors") or ""  # "": the run had no registry (pipeline without --actors)
    wanted = given.get("actors_path", _declared_default(declared, "actors_path"))
    if isinstance(wanted, str) and not wanted and used:
        return [f"{nb_name}: actors_path is empty (no registry) but the pipeline run used the registry "
                f"{config.relative(used)}; set actors_path to it or rerun `quotelens pipeline`"]
    if isinstance(wanted, str) and wanted and not used:
        return [f"{nb_name}: actors_path {wanted!r} but the pipeline run used no registry; rerun "
                f"`quotelens pipeline` with --actors {wanted} or set actors_path to \"\""]
    if isinstance(wanted, str) and wanted and not _same_file(used, wanted):
        return [f"{nb_name}: actors_path {wanted!r} is not the registry the pipeline run used "
                f"({config.relative(used)}); rerun `quotelens pipeline` with --actors {wanted} or change the config"]
    return []


def load_result(outdir: str | os.PathLike):
    """The pipeline run's corpus as `load_corpus` returns it (a LoadResult: articles, rejected,
    read), with copies flagged over the whole corpus by `mark_duplicates`."""
    from quotelens.load.corpus import LoadResult, mark_duplicates
    from quotelens.scale.pipeline import read_articles

    folder, manifest = check_folder(outdir)
    articles = mark_duplicates(read_articles(folder))
    rejected = pd.read_parquet(pipeline_path("articles_rejected", folder))
    return LoadResult(articles=articles, rejected=rejected, read=int(manifest["read"]))


def statements(outdir: str | os.PathLike, articles: pd.DataFrame) -> pd.DataFrame:
    """The pipeline run's statements of the articles in `articles` (01's table, which `sample`
    or `drop_duplicates` may have cut), in the Statements contract, with the columns of
    `articles` that `extract_statements` joins onto each statement (all but text and headlines),
    in the same order; the pipeline's sentiment columns are left for 03. Unknown speakers keep
    the names the pipeline gave them over the whole corpus."""
    from quotelens.scale.pipeline import read_statements

    folder, _ = check_folder(outdir)
    table = read_statements(folder, columns=STATEMENT_COLUMNS)
    kept = table["article_id"].isin(articles["article_id"].astype(str))
    if not kept.all():
        table = table[kept].reset_index(drop=True)
    extra = [c for c in articles.columns if c not in table.columns and c not in ("text", "headlines")]
    if extra and len(table):
        side = articles[extra].copy()
        side["article_id"] = articles["article_id"].astype(str)
        table = table.merge(side.drop_duplicates("article_id"), on="article_id", how="left")
    return table


def scored(outdir: str | os.PathLike, table: pd.DataFrame, scorer, source: str) -> tuple[pd.DataFrame, bool]:
    """(`table` (02's statements) with `scorer`'s columns as `score_table` returns it, whether
    the scores were taken from the pipeline run). They are taken from it when it scored with
    the same methods and topic words and no dictionaries, else computed here. (The flag is not
    put in the table's attrs: pandas writes attrs into the Parquet file, which must not depend
    on where the scores came from.)"""
    from quotelens.scale.pipeline import read_statements
    from quotelens.sentiment import DEFAULT_METHODS, score_table
    from quotelens.sentiment.masking import load_topic_words

    folder, manifest = check_folder(outdir)
    options = manifest.get("options") or {}
    columns = scorer.output_columns()
    same_scorer = (
        tuple(scorer.methods) == tuple(DEFAULT_METHODS)
        and not scorer.dictionaries
        and load_topic_words(options.get("topic_words")).terms == scorer.mask.terms
    )
    if same_scorer and manifest["parts"]:
        # Only a pipeline that scores wrote these columns (every part has one schema).
        first = pipeline_path("statements", folder) / manifest["parts"][0]
        same_scorer = set(columns) <= set(pq.read_schema(first).names)
    if same_scorer:
        scores = read_statements(folder, columns=["statement_id", *columns])
        ids = scores["statement_id"]
        if ids.is_unique and len(ids) == len(table) and set(ids) == set(table["statement_id"]):
            scores = scores.set_index("statement_id").loc[table["statement_id"]].reset_index(drop=True)
            scores.index = table.index
            out = pd.concat([table, scores], axis=1)
            out.attrs["sentiment_unscored"] = int(out["sentiment"].isna().sum())
            return out, True
    return score_table(table, text_column="quote", scorer=scorer, source=source), False

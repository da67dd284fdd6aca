"""The stages of a quotelens study, declared once.

Each stage is one notebook of notebooks/: what it reads (products of earlier stages), what it
writes (tables in the processed folder, figures whose names start with the notebook's number) and which parameters
it takes besides the ones every notebook gets. The report runner takes its execution order
from here, the notebooks take their table file names from here (`product_path`), and
`quotelens pipeline` takes from here which stages it runs per article and which notebook
parameters correspond to its options (`PIPELINE_STAGES`, `Stage.pipeline_options`).

Plain data on purpose: importing this module loads neither papermill nor pandas, so the command
line, the pipeline's workers and the notebooks can all import it cheaply.

    corpus ─► 01_articles ─► 02_statements ─► 03_sentiment ─► 04_keywords ─► 05_comparisons
              (articles)     (statements)     (statements_scored)              06_explore
                                                                               00_report (last)

A pipeline output folder (`quotelens pipeline CORPUS -o OUTDIR`) holds the products of the three
per-article stages in another layout: `Product.pipeline_path` names where each one lives there,
so `quotelens report --from-pipeline OUTDIR` can start the notebooks from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from quotelens import config

#: Parameters the report runner passes to every notebook (each must declare them).
COMMON_PARAMETERS = ("processed_dir", "figures_dir")
#: The parameter through which a stage that can start from a pipeline run gets the pipeline's
#: output folder ("" when the stage computes its products itself).
FROM_PIPELINE_PARAMETER = "from_pipeline"


@dataclass(frozen=True)
class Product:
    """A table a stage writes into the processed folder.

    `name` is how other stages and code refer to it; `filename` is the file under the processed
    folder; `pipeline_path` is where the same table lives in a pipeline output folder (a folder
    of Parquet parts or one file, relative to OUTDIR), None when the pipeline does not write it."""

    name: str
    filename: str
    description: str
    pipeline_path: str | None = None


@dataclass(frozen=True)
class Stage:
    """One notebook of the study.

    name: short stage name ("articles"); notebook: the notebook's file stem ("01_articles");
    reads: products the stage needs (names from an earlier stage's `products`); reads_optional:
    products it uses when present and does without otherwise (the notebook says which);
    products: tables it writes; figures: whether it saves figures (PNG and CSV, all named
    with the notebook's number first, see `figure_prefix`); parameters: the notebook's own
    parameters, besides COMMON_PARAMETERS (the notebook's parameters cell holds their types,
    defaults and meaning; a test keeps the two lists equal); input_parameters: the parameters
    that name files or folders the stage reads (checked to exist, and to be readable as what
    they are, before any notebook runs; an empty value means none); pipeline_options: notebook
    parameter -> `run_pipeline` keyword for the stages the pipeline runs per article."""

    name: str
    notebook: str
    description: str
    reads: tuple[str, ...] = ()
    reads_optional: tuple[str, ...] = ()
    products: tuple[Product, ...] = ()
    figures: bool = True
    parameters: tuple[str, ...] = ()
    input_parameters: tuple[str, ...] = ()
    pipeline_options: Mapping[str, str] = field(default_factory=dict)

    @property
    def figure_prefix(self) -> str:
        """Every figure this stage saves is named with this prefix: the notebook's number
        ("01_" for 01_articles_per_source and 01_text_length)."""
        return self.notebook.split("_", 1)[0] + "_"

    @property
    def per_article(self) -> bool:
        """Whether `quotelens pipeline` computes this stage chunk by chunk (see PIPELINE_STAGES)."""
        return self.name in PIPELINE_STAGES

    @property
    def from_pipeline(self) -> bool:
        """Whether the stage can take its products from a pipeline output folder instead of
        computing them (it then declares FROM_PIPELINE_PARAMETER)."""
        return self.per_article

    def product(self, name: str) -> Product:
        """This stage's product called `name`; KeyError naming the stage's products otherwise."""
        for p in self.products:
            if p.name == name:
                return p
        raise KeyError(f"stage {self.name} writes no product {name!r}; it writes {', '.join(p.name for p in self.products) or 'none'}")


# --------------------------------------------------------------------------------------------
# The declaration

STAGES: tuple[Stage, ...] = (
    Stage(
        name="articles",
        notebook="01_articles",
        description="load the corpus; flag copies; profile sources, months and lengths",
        products=(
            Product("articles", "articles.parquet", "one row per article kept (Articles contract)", "articles"),
            Product("articles_rejected", "articles_rejected.parquet", "inputs that could not be loaded (Rejected contract)", "rejected.parquet"),
        ),
        parameters=("corpus_paths", "columns", "drop_duplicates", "sample", FROM_PIPELINE_PARAMETER),
        input_parameters=("corpus_paths",),
        pipeline_options={"corpus_paths": "corpus", "columns": "columns"},
    ),
    Stage(
        name="statements",
        notebook="02_statements",
        description="extract statements and attribute each to its speaker",
        reads=("articles",),
        products=(
            Product("statements", "statements.parquet", "one row per statement (Statements contract)", "statements"),
            Product("unknown_speakers", "unknown_speakers.parquet", "speakers missing from the actor registry"),
        ),
        parameters=("actors_path", "min_confidence", "top_actors", "lowest_rows", FROM_PIPELINE_PARAMETER),
        input_parameters=("actors_path",),
        pipeline_options={"actors_path": "actors"},
    ),
    Stage(
        name="sentiment",
        notebook="03_sentiment",
        description="score every statement; per-actor estimates with intervals",
        reads=("statements",),
        reads_optional=("articles",),
        products=(
            Product("statements_scored", "statements_scored.parquet", "the statements with sentiment columns added", "statements"),
            Product("actor_sentiment", "actor_sentiment.parquet", "per-actor sentiment estimates"),
            Product("actor_sentiment_by_outlet", "actor_sentiment_by_outlet.parquet", "estimates per (actor, outlet) of the top actors"),
            Product("actor_sentiment_by_month", "actor_sentiment_by_month.parquet", "estimates per (actor, month) of the top actors"),
        ),
        parameters=(
            "methods", "topic_words_path", "dictionary_paths", "min_statements", "n_boot", "seed", "top_actors",
            "min_cell_statements", "max_actors_shown", "min_actors_for_figure", "n_extremes", FROM_PIPELINE_PARAMETER,
        ),
        input_parameters=("topic_words_path", "dictionary_paths"),
        pipeline_options={"topic_words_path": "topic_words"},
    ),
    Stage(
        name="keywords",
        notebook="04_keywords",
        description="distinctive terms per actor and per other grouping",
        reads=("statements",),
        reads_optional=("articles",),
        products=(Product("keywords", "keywords.parquet", "distinctive terms per speaker (log-odds z and more)"),),
        parameters=(
            "group_by", "also_by", "ngram_max", "stem", "numbers", "min_count", "prior_scale", "top_k", "n_boot", "seed",
            "min_statements", "figure_groups", "monroe_groups", "compare_a", "compare_b", "kwic_lines",
            "collocation_min_freq",
        ),
    ),
    Stage(
        name="comparisons",
        notebook="05_comparisons",
        description="outlets and groups compared; co-occurrence, speaks-about and signed speaks-about networks",
        reads=("articles", "statements"),
        reads_optional=("statements_scored", "actor_sentiment", "keywords"),
        products=(Product("statements_in_context", "statements_in_context.parquet", "statements with article and outlet-group context"),
                  Product("statement_targets", "statement_targets.parquet",
                          "actors named inside statements and the sentiment towards each (docs/contracts.md, Targets)")),
        parameters=(
            "outlet_groups_path", "actors_path", "top_k", "min_statements", "network_top_k", "network_registry_only",
            "network_max_edges", "network_min_weight", "seed", "behind_rows", "lookup_speaker", "lookup_outlet_group",
            "lookup_month", "signed_min_statements", "compare_columns", "compare_labels",
        ),
        input_parameters=("outlet_groups_path", "actors_path"),
    ),
    Stage(
        name="explore",
        notebook="06_explore",
        description="interactive filtering of the statements (a static preview in the report)",
        reads=("articles", "statements"),
        reads_optional=("statements_scored", "actor_sentiment", "keywords"),
        parameters=("outlet_groups_path", "interactive", "preview_actors", "preview_search", "preview_rows", "top_k",
                    "once_per_text"),
        input_parameters=("outlet_groups_path",),
    ),
    Stage(
        name="report",
        notebook="00_report",
        description="the findings on one page; runs last, listed first",
        reads=("articles", "statements"),
        reads_optional=("statements_scored", "actor_sentiment", "keywords"),
        figures=False,
        parameters=("outlet_groups_path", "actors_path", "statements_eval_path", "sentiment_eval_path", "min_statements",
                    "corpus_notes", "key_figures"),
        input_parameters=("outlet_groups_path", "actors_path"),
    ),
)

#: Stages `quotelens pipeline` runs per article, chunk by chunk, in this order.
PIPELINE_STAGES = ("articles", "statements", "sentiment")

#: Notebook stems in execution order (00_report summarises the others, so it runs last).
NOTEBOOK_ORDER = [s.notebook for s in STAGES]
#: Notebook stems in reading order (the index page lists 00_report first).
INDEX_ORDER = sorted(NOTEBOOK_ORDER)


# --------------------------------------------------------------------------------------------
# Looking things up


def stage(key: str) -> Stage:
    """The stage called `key`: its name ("sentiment"), notebook ("03_sentiment") or number
    ("03"). KeyError listing the stages otherwise."""
    for s in STAGES:
        if key in (s.name, s.notebook, s.notebook.split("_", 1)[0]):
            return s
    raise KeyError(f"no stage {key!r}; stages: {', '.join(s.notebook for s in STAGES)}")


def producer(product: str) -> Stage:
    """The stage that writes `product` (a product name such as "statements_scored")."""
    for s in STAGES:
        if any(p.name == product for p in s.products):
            return s
    raise KeyError(f"no stage writes a product {product!r}; products: {', '.join(p.name for s in STAGES for p in s.products)}")


def product(name: str) -> Product:
    """The product called `name`, whichever stage writes it."""
    return producer(name).product(name)


def product_path(name: str, processed_dir: str | os.PathLike) -> Path:
    """Absolute path of product `name` (e.g. "articles") in `processed_dir` (relative paths
    are taken from the project root, as notebook parameters are)."""
    return config.resolve(processed_dir) / product(name).filename


def pipeline_path(name: str, outdir: str | os.PathLike) -> Path:
    """Absolute path of product `name` in a pipeline output folder: a folder of Parquet parts
    (articles, statements) or one file (articles_rejected). KeyError when the pipeline does not
    write that product."""
    p = product(name)
    if p.pipeline_path is None:
        raise KeyError(f"the pipeline does not write {name!r}; it writes {', '.join(q.name for s in STAGES for q in s.products if q.pipeline_path)}")
    return config.resolve(outdir) / p.pipeline_path


def upstream(stage_key: str) -> list[Stage]:
    """The stages whose products `stage_key` reads (required or optional), in execution order."""
    wanted = stage(stage_key)
    names = {producer(p).name for p in wanted.reads + wanted.reads_optional}
    return [s for s in STAGES if s.name in names]

"""Small helpers shared by the analysis notebooks (05_comparisons, 06_explore, 00_report):
reading the stage tables with clear messages, and saying plainly when there is too little data."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from quotelens import config, stages
from quotelens.tables import read_table


@dataclass
class StageTables:
    """The tables of the earlier notebooks found in a processed_dir (None when missing).

    `statements` is statements_scored.parquet when 03_sentiment has run (it keeps every
    Statements column and adds `sentiment`), else statements.parquet."""

    processed_dir: Path
    articles: pd.DataFrame | None
    statements: pd.DataFrame | None
    scored: bool
    actor_sentiment: pd.DataFrame | None
    keywords: pd.DataFrame | None
    notes: list[str]


def load_stage_tables(processed_dir: str | os.PathLike) -> StageTables:
    """Read what the earlier notebooks wrote into `processed_dir` (relative to the project
    root). Missing tables are None and explained in `notes`, never an exception."""
    folder = config.resolve(processed_dir)
    notes: list[str] = []

    def maybe(product: str) -> pd.DataFrame | None:
        path = stages.product_path(product, folder)
        if path.exists():
            return read_table(path)
        notes.append(f"{path.name} not found in {config.relative(folder)} (written by {stages.producer(product).notebook})")
        return None

    articles = maybe("articles")
    scored_path = stages.product_path("statements_scored", folder)
    if scored_path.exists():
        statements, scored = read_table(scored_path), True
    else:
        statements, scored = maybe("statements"), False
        if statements is not None:
            notes.append(f"{scored_path.name} not found ({stages.producer('statements_scored').notebook}): sentiment columns are left out")
    actor_sentiment = maybe("actor_sentiment") if scored else None
    keywords = maybe("keywords")
    return StageTables(folder, articles, statements, scored, actor_sentiment, keywords, notes)


def enough(n: int, needed: int, what: str) -> bool:
    """True when n >= needed; otherwise print a plain "too little data" message naming what is
    skipped, and return False (the caller then skips that figure or table)."""
    if n >= needed:
        return True
    print(f"Too little data for {what}: {n} available, at least {needed} needed. Skipped.")
    return False

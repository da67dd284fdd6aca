"""What each stage of a run actually used and touched, recorded for the report's Methods.

A report must say which files and settings its numbers rest on (the corpus, the actor registry,
the topic-word list, the sentiment dictionaries) and how many statements each touched, for the
run at hand and not for the project's default corpus. Notebooks 01-03 call `record` with the
settings computed here; 00_report reads them back with `read` (quotelens.report.methods_text
turns them into sentences). Each notebook's record is one small JSON file in the processed
folder, `settings/<notebook>.json`, rewritten on every run of that notebook.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from quotelens import config
from quotelens.tables import write_text

#: Folder of the records inside the processed folder.
SETTINGS_FOLDER = "settings"


def settings_path(processed_dir: str | os.PathLike, notebook: str) -> Path:
    """Where `notebook`'s record lives (relative processed folders are taken from the project root)."""
    return config.resolve(processed_dir) / SETTINGS_FOLDER / f"{notebook}.json"


def record(processed_dir: str | os.PathLike, notebook: str, settings: dict[str, Any]) -> Path:
    """Write `settings` (JSON-able values) as `notebook`'s record, keys sorted, so that the same
    run writes the same bytes. Returns the file."""
    text = json.dumps(settings, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n"
    return write_text(settings_path(processed_dir, notebook), text)


def read(processed_dir: str | os.PathLike) -> dict[str, dict[str, Any]]:
    """Every record in the processed folder, {notebook: settings}; {} when there is none."""
    folder = config.resolve(processed_dir) / SETTINGS_FOLDER
    out = {}
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            out[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue  # a record that cannot be read is reported as missing
    return out


def _shown(path: str | os.PathLike) -> str:
    return config.relative(config.resolve(path)) if str(path).strip() else ""


def articles_settings(corpus_paths: Iterable[str], columns: dict, sample: int, drop_duplicates: bool, result,
                      kept: pd.DataFrame, from_pipeline: str = "") -> dict[str, Any]:
    """01_articles: the inputs, the column mapping, and what loading made of them (counts of
    input units read, articles loaded, units rejected, folder entries skipped, articles kept)."""
    return {
        "corpus_paths": [_shown(p) for p in corpus_paths] if not from_pipeline else [],
        "from_pipeline": _shown(from_pipeline) if from_pipeline else "",
        "columns": dict(columns or {}),
        "sample": int(sample),
        "drop_duplicates": bool(drop_duplicates),
        "read": int(result.read),
        "loaded": int(len(result.articles)),
        "rejected": int(len(result.rejected)),
        "skipped": len(getattr(result, "skipped", None) or []),
        "kept": int(len(kept)),
    }


def statements_settings(actors_path: str, registry, extracted: pd.DataFrame, kept: pd.DataFrame,
                        min_confidence: float) -> dict[str, Any]:
    """02_statements: the registry (file, actors, places, whether roles are dated) and the
    statements it touched (`in_registry`), the confidence floor and how many statements it left out."""
    in_registry = int(kept["in_registry"].astype(bool).sum()) if "in_registry" in kept.columns else 0
    return {
        "actors_path": _shown(actors_path) if actors_path else "",
        "registry_actors": len(registry),
        "registry_places": len(registry.places),
        "registry_dated_roles": bool(registry.has_role_periods),
        "min_confidence": float(min_confidence),
        "statements_extracted": int(len(extracted)),
        "statements": int(len(kept)),
        "statements_in_registry": in_registry,
    }


def sentiment_settings(scorer, topic_words_path: str, dictionary_paths: Iterable[str], scored: pd.DataFrame) -> dict[str, Any]:
    """03_sentiment: the methods, the topic-word list and what masking changed (statements
    holding a topic word, the mean absolute shift of their headline score on [-1, 1], labels
    changed), and each dictionary with the statements it scored (a non-zero dict_ score)."""
    scored_rows = scored[scored["sentiment"].notna()] if "sentiment" in scored.columns else scored.iloc[0:0]
    masked = scored_rows[scored_rows["masked_terms"].fillna("") != ""] if "masked_terms" in scored_rows.columns else scored_rows.iloc[0:0]
    shift = (masked["sentiment"] - masked["sentiment_unmasked"]).abs() if len(masked) and "sentiment_unmasked" in masked.columns else pd.Series(dtype=float)
    flipped = int((masked["label"] != masked["label_unmasked"]).sum()) if len(masked) and "label_unmasked" in masked.columns else 0
    dictionaries = []
    for path, lexicon in zip(list(dictionary_paths), scorer.dictionaries):
        column = f"dict_{lexicon.name}"
        touched = int((scored_rows[column].fillna(0) != 0).sum()) if column in scored_rows.columns else 0
        dictionaries.append({"path": _shown(path), "name": lexicon.name, "statements": touched})
    return {
        "methods": list(scorer.method_columns),
        "topic_words_path": _shown(topic_words_path) if topic_words_path else "",
        "topic_words_name": scorer.mask.name if len(scorer.mask.terms) else "",
        "topic_words_terms": len(scorer.mask.terms),
        "statements_scored": int(len(scored_rows)),
        "statements_masked": int(len(masked)),
        "masked_mean_shift": round(float(shift.mean()), 6) if len(shift) else 0.0,
        "masked_labels_changed": flipped,
        "dictionaries": dictionaries,
    }


def masking_on(settings: dict[str, dict[str, Any]], scored: pd.DataFrame | None = None) -> bool:
    """Whether topic-word masking was on in this run: 03_sentiment's record (a list with terms
    configured); without a record (03 did not run in this folder), whether any statement of
    `scored` had a topic word masked (its `masked_terms`). False when neither tells."""
    record = settings.get("03_sentiment")
    if record:
        return bool(record.get("topic_words_path")) and bool(record.get("topic_words_terms"))
    if scored is not None and "masked_terms" in scored.columns:
        return bool((scored["masked_terms"].fillna("") != "").any())
    return False

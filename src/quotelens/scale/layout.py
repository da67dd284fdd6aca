"""The pipeline's output folder: where each file lives, writing files atomically, and removing
what an earlier run left that the current run does not describe.

    OUTDIR/articles/part-UUUUU-SSSS.parquet     articles of input unit U, sub-chunk S
    OUTDIR/articles/_done/UUUUU.json            marker of unit U (identity, parts, counts)
    OUTDIR/statements/part-UUUUU-SSSS.parquet   scored statements of the matching articles part
    OUTDIR/statements/_done/part-UUUUU-SSSS.json  marker of that part (identity, counts)
    OUTDIR/rejected.parquet                     inputs that could not be loaded
    OUTDIR/aggregates/*.parquet                 per-actor sums and term counts
    OUTDIR/manifest.json                        written last

The dataset folder names come from the stage declaration (quotelens.stages). Only files with
these names are ever removed: OUTDIR may be a folder that also holds the user's own files.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from quotelens import stages
from quotelens.tables import atomic_path, is_own_temporary, write_text

ARTICLES_DIR = stages.product("articles").pipeline_path
STATEMENTS_DIR = stages.product("statements_scored").pipeline_path
REJECTED_FILE = stages.product("articles_rejected").pipeline_path
MANIFEST_FILE = "manifest.json"
AGGREGATES_DIR = "aggregates"
AGGREGATE_FILES = ("actor_article_sums.parquet", "term_counts.parquet")
MARKERS_DIR = "_done"

_PART = re.compile(r"part-\d{5}-\d{4}\.parquet")
_PART_MARKER = re.compile(r"part-\d{5}-\d{4}\.json")
_UNIT_MARKER = re.compile(r"\d{5}\.json")
# Temporary names earlier versions gave (".NAME.XXXXXXXX.tmp"), recognised only for the
# names this layout writes, so a folder left by an interrupted older run is cleaned too.
_LEGACY_TEMPORARY = re.compile(r"\.(part-\d{5}-\d{4}\.(parquet|json)|\d{5}\.json|manifest\.json|rejected\.parquet"
                               r"|actor_article_sums\.parquet|term_counts\.parquet)\.[A-Za-z0-9_]+\.tmp")


def part_name(unit_name: str, index: int) -> str:
    """File name of sub-chunk `index` of input unit `unit_name` ("part-00001-0002.parquet")."""
    return f"part-{unit_name}-{index:04d}.parquet"


def unit_marker(outdir: Path, unit_name: str) -> Path:
    """Marker file of input unit `unit_name` ("00001")."""
    return outdir / ARTICLES_DIR / MARKERS_DIR / f"{unit_name}.json"


def part_marker(outdir: Path, part: str) -> Path:
    """Marker file of statements part `part` ("part-00001-0002.parquet")."""
    return outdir / STATEMENTS_DIR / MARKERS_DIR / (Path(part).stem + ".json")


def read_json(path: Path) -> dict | None:
    """The JSON object in `path`; None when it is missing or unreadable (a marker that cannot
    be read means the work is redone)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_json(path: Path, data: dict) -> None:
    """Write `data` as JSON to `path` atomically (sorted keys, so equal data gives equal bytes)."""
    write_text(path, json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n")


def write_parquet(df: pd.DataFrame, path: Path) -> None:
    """Write `df` to the Parquet file `path` atomically, without its index."""
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False)


def _folders(outdir: Path) -> list[Path]:
    return [outdir, outdir / ARTICLES_DIR, outdir / ARTICLES_DIR / MARKERS_DIR, outdir / STATEMENTS_DIR,
            outdir / STATEMENTS_DIR / MARKERS_DIR, outdir / AGGREGATES_DIR]


def remove_own_temporaries(outdir: Path) -> list[Path]:
    """Remove the temporary files an interrupted run left in the pipeline's folders of `outdir`:
    names `atomic_path` gives (".quotelens-PID-NAME.XXXXXXXX.tmp") and the older names of the
    files this layout writes. Any other file, dot-file or not, is left alone. Returns the paths
    removed. Call it only when no other run writes into `outdir`."""
    removed = []
    for folder in _folders(outdir):
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and (is_own_temporary(path.name) or _LEGACY_TEMPORARY.fullmatch(path.name)):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def remove_stale_parts(outdir: Path, unit_names: list[str], parts: list[str]) -> list[Path]:
    """Remove the parts and markers that an earlier run over a different (e.g. larger) corpus
    left and the current run does not list: articles and statements parts not in `parts`,
    unit markers not in `unit_names`, part markers of parts not in `parts`. Afterwards the
    folders OUTDIR/articles and OUTDIR/statements, read as datasets (pandas or dask), hold
    exactly the current parts. Returns the paths removed."""
    keep_parts = set(parts)
    keep_units = {f"{u}.json" for u in unit_names}
    keep_markers = {Path(p).stem + ".json" for p in parts}
    rules = [(outdir / ARTICLES_DIR, _PART, keep_parts), (outdir / STATEMENTS_DIR, _PART, keep_parts),
             (outdir / ARTICLES_DIR / MARKERS_DIR, _UNIT_MARKER, keep_units),
             (outdir / STATEMENTS_DIR / MARKERS_DIR, _PART_MARKER, keep_markers)]
    removed = []
    for folder, pattern, keep in rules:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and pattern.fullmatch(path.name) and path.name not in keep:
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


def remove_aggregates(outdir: Path) -> None:
    """Remove the aggregate tables of an earlier run (a run without aggregates must not leave
    tables of other data beside its manifest)."""
    for name in AGGREGATE_FILES:
        (outdir / AGGREGATES_DIR / name).unlink(missing_ok=True)

"""The per-chunk work both engines run in their workers: load an input unit into articles parts,
and turn one articles part into one statements part (extraction, then sentiment). Each writes
its data files first and its marker last, so a marker never points at a missing or partial
file; a marker records the identity of the work (quotelens.scale.fingerprints), and the work is
reused only while that identity is unchanged.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from quotelens.scale import layout
from quotelens.scale.fingerprints import StageOptions, file_sha256, registry_path, topic_words_path
from quotelens.scale.schema import describe_part
from quotelens.scale.units import InputUnit, unit_results

#: Columns computed over the whole corpus by 01_articles, not per chunk: near-duplicate flags
#: compare every article with every other, which a chunk cannot do.
CORPUS_WIDE_COLUMNS = ("duplicate_of", "duplicate_similarity")


class PipelineError(RuntimeError):
    """A chunk failed; the message names the input unit or part."""


# Per worker process: the actor registry and the sentiment scorer, built once (the scorer loads
# two fitted models) and reused for every chunk the process handles.
_WORKER: dict = {}


def worker_state(options: StageOptions):
    """(registry, scorer) for `options`, built on first use in this process and kept while the
    registry and topic-word files keep their content (a notebook may edit one between runs)."""
    topic, actors = topic_words_path(options), registry_path(options)
    key = (options, file_sha256(actors) if actors is not None else "", file_sha256(topic) if topic is not None else "")
    if _WORKER.get("key") != key:
        from quotelens.extract.registry import registry_from_option
        from quotelens.sentiment import scorer_from_options

        registry = registry_from_option(actors)  # empty registry when none is named
        _WORKER.update(key=key, registry=registry, scorer=scorer_from_options(topic_words=str(topic or "")))
    return _WORKER["registry"], _WORKER["scorer"]


def process_articles(articles: pd.DataFrame, registry=None, scorer=None, canonicalise: bool = True) -> pd.DataFrame:
    """The per-article path on one chunk: statements of `articles` (Articles contract) with
    their sentiment scores, exactly as `extract_statements` followed by `score_table` gives them
    (article columns passed through, corpus-wide duplicate flags left out). `registry`: a
    Registry or registry YAML path, None for none; `scorer`: None for `Scorer()`, which masks no
    topic words (neither is ever the default corpus's unless passed). Every offset is in
    characters of the article's text; scores are on [-1, 1]. The pipeline's chunks pass
    canonicalise=False: unknown speakers are named once over the whole corpus
    (`corpus_wide.canonical_speakers`), since a chunk alone cannot tell one person from several."""
    from quotelens.extract.statements import extract_statements
    from quotelens.sentiment import score_table

    articles = articles.drop(columns=[c for c in CORPUS_WIDE_COLUMNS if c in articles.columns])
    statements = extract_statements(articles, registry=registry, canonicalise=canonicalise)
    return score_table(statements, scorer=scorer, source="statements")


# ---------------------------------------------------------------------------------------------
# Loading: one input unit -> articles parts


def input_ids(articles: pd.DataFrame) -> pd.DataFrame:
    """`articles` with the ids as the input gave them (`original_id` where `load_corpus` renamed
    a repeat) and no original ids: parts are written so, and ids are made unique over the
    whole corpus afterwards (`corpus_wide.prepare_articles`), whatever the units."""
    if "original_id" not in articles.columns or not articles["original_id"].notna().any():
        return articles
    articles = articles.copy()
    renamed = articles["original_id"].notna()
    articles.loc[renamed, "article_id"] = articles.loc[renamed, "original_id"]
    articles["original_id"] = pd.Series([None] * len(articles), index=articles.index, dtype=object)
    return articles


def load_unit(unit: InputUnit, outdir: str | os.PathLike, chunk_size: int, columns: dict | None = None,
              identity: dict | None = None) -> dict:
    """Load input unit `unit` and write its articles in parts of at most `chunk_size` rows
    (articles), then the unit's marker. A row-group unit of a Parquet file is streamed: one
    batch of `chunk_size` rows read, normalised and written at a time, so memory does not grow
    with the file. Returns the marker's content: `identity` (see `fingerprints.unit_identity`;
    the caller's, or a minimal one naming the unit), parts (file names), rows per part, each
    part's schema as written, rejected rows, read count and skipped entries ([entry, reason])."""
    outdir = Path(outdir)
    parts, rows, schemas, rejected, read, skipped = [], [], [], [], 0, []
    for result in unit_results(unit, columns, chunk_size):
        articles = input_ids(result.articles)
        for lo in range(0, len(articles), chunk_size):
            piece = articles.iloc[lo:lo + chunk_size].reset_index(drop=True)
            name = layout.part_name(unit.name, len(parts))
            path = outdir / layout.ARTICLES_DIR / name
            layout.write_parquet(piece, path)
            parts.append(name)
            rows.append(len(piece))
            schemas.append(describe_part(path))
        rejected += result.rejected.astype(object).where(result.rejected.notna(), None).to_dict("records")
        read += result.read
        skipped += [list(entry) for entry in result.skipped]
    base = identity or {"unit": unit.index, "row_range": list(unit.rows) if unit.rows is not None else None,
                        "row_groups": list(unit.row_groups), "chunk_size": chunk_size, "columns": columns or {}}
    marker = dict(base, parts=parts, rows=rows, schemas=schemas, read=read, rejected=rejected, skipped=skipped)
    layout.write_json(layout.unit_marker(outdir, unit.name), marker)
    return marker


def unit_done(outdir: Path, unit: InputUnit, identity: dict) -> dict | None:
    """The marker of `unit` when its parts can be reused (same identity, every part present),
    else None."""
    marker = layout.read_json(layout.unit_marker(outdir, unit.name))
    if not marker or any(marker.get(k) != v for k, v in identity.items()):
        return None
    if not all((outdir / layout.ARTICLES_DIR / p).is_file() for p in marker.get("parts", [])):
        return None
    return marker


# ---------------------------------------------------------------------------------------------
# Statements and sentiment: one articles part -> one statements part


def raw_speakers(scored: pd.DataFrame) -> dict:
    """The speaker names of `scored` that corpus-wide naming may change (rows whose speaker is
    not in the registry), as written by the extractor: {"rows": [row positions], "names":
    [names]}. Kept in the part's marker so the corpus-wide names can always be derived from the
    names as extracted, whatever an earlier run renamed them to."""
    if scored.empty or "speaker" not in scored.columns:
        return {"rows": [], "names": []}
    outside = ~scored["in_registry"].astype(bool)
    rows = [int(i) for i in outside.to_numpy().nonzero()[0]]
    names = scored["speaker"].iloc[rows].tolist()
    return {"rows": rows, "names": [None if pd.isna(n) else str(n) for n in names]}


def write_statements(outdir: Path, part: str, scored: pd.DataFrame, identity: dict, articles: int) -> dict:
    """Write the statements part `part` and then its marker; returns the marker (identity,
    counts of articles and statements, the part's schema as written, raw speaker names)."""
    path = outdir / layout.STATEMENTS_DIR / part
    layout.write_parquet(scored, path)
    marker = dict(identity, articles=articles, statements=len(scored), schema=describe_part(path),
                  speakers=raw_speakers(scored))
    layout.write_json(layout.part_marker(outdir, part), marker)
    return marker


def process_part(outdir: str | os.PathLike, part: str, options: StageOptions, identity: dict | None = None) -> dict:
    """Read articles part `part`, extract and score its statements, write the statements part
    (same name) and then its marker, recording `identity` (see `fingerprints.part_identity`).
    Returns the marker. A failure raises PipelineError naming the part."""
    outdir = Path(outdir)
    registry, scorer = worker_state(options)
    articles = pd.read_parquet(outdir / layout.ARTICLES_DIR / part)
    try:
        scored = process_articles(articles, registry, scorer, canonicalise=False)
    except Exception as exc:
        raise PipelineError(f"{layout.ARTICLES_DIR}/{part}: {type(exc).__name__}: {exc}") from exc
    return write_statements(outdir, part, scored, identity or {"articles_part": part}, len(articles))


def part_done(outdir: Path, part: str, identity: dict) -> dict | None:
    """The marker of statements part `part` when it can be reused (same identity, file
    present), else None."""
    marker = layout.read_json(layout.part_marker(outdir, part))
    if not marker or not (outdir / layout.STATEMENTS_DIR / part).is_file():
        return None
    if any(marker.get(k) != v for k, v in identity.items()):
        return None
    return marker

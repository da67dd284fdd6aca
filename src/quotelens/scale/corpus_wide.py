"""The corpus-wide steps between and after the chunks, on small columns only: article ids made
unique across units, unknown speakers named once over the whole corpus, and one schema per
dataset. Each is computed from what the chunks wrote (input ids, speaker names as extracted,
schemas as first written, all kept in the parts and their markers), never from what an earlier
run made of them, so a resumed run gives the files a fresh run gives.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from quotelens.load.corpus import unique_ids
from quotelens.scale import layout
from quotelens.scale.schema import conform_part, describe_table, restore, unified_schema

_SPEAKER_COLUMNS = ["speaker", "in_registry", "speaker_kind"]


def plan_article_ids(outdir: Path, parts: list[str]) -> tuple[dict[str, tuple[list, list, list]], int]:
    """Article ids unique across the articles `parts` (in load order) with the corpus rule of
    `load_corpus` (a repeat gets _2, _3, ...; the input id kept in `original_id`), applied to the
    input ids (`original_id` where a part holds a renamed id, else `article_id`), so the result
    does not depend on what an earlier run renamed. Returns ({part: (input ids, ids, original
    ids)}, number of ids renamed). Reads two columns of each part."""
    inputs: list = []
    bounds = []
    for p in parts:
        table = pq.read_table(outdir / layout.ARTICLES_DIR / p, columns=["article_id", "original_id"])
        ids, originals = table.column(0).to_pylist(), table.column(1).to_pylist()
        bounds.append((len(inputs), len(inputs) + len(ids)))
        inputs.extend(o if o is not None else a for a, o in zip(ids, originals))
    new_ids, originals = unique_ids(inputs)
    plan = {p: (inputs[lo:hi], new_ids[lo:hi], originals[lo:hi]) for p, (lo, hi) in zip(parts, bounds)}
    return plan, sum(1 for o in originals if o is not None)


def _with_ids(table: pa.Table, description: dict, ids: tuple[list, list, list]) -> pa.Table:
    """The articles part as a fresh run has it before conforming: as first written (input ids,
    no original ids), then, when any of its ids is renamed, given the new ids through pandas
    (as the renamed part a fresh run writes would read back)."""
    inputs, new_ids, originals = ids
    raw = restore(table, description, {"article_id": inputs, "original_id": [None] * len(inputs)})
    if all(o is None for o in originals):
        return raw
    frame = raw.to_pandas()
    frame["article_id"], frame["original_id"] = new_ids, originals
    # Through Parquet and back, so the table is typed as reading the renamed part would type it.
    buffer = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), buffer)
    return pq.read_table(buffer.getvalue())


def prepare_articles(outdir: Path, parts: list[str], descriptions: dict[str, dict]) -> int:
    """Corpus-wide steps on the articles parts before extraction: unique ids across the corpus,
    then one schema for every part (so each statements part passes the same article columns
    through). `descriptions`: each part's schema as first written (`describe_part`, from the
    unit markers; parts are first written with their input ids). A part is rewritten only when
    its content changes, so on a rerun the statements markers still match. Returns the number
    of ids renamed in the corpus."""
    plan, renamed = plan_article_ids(outdir, parts)
    described = []
    for p in parts:
        if all(o is None for o in plan[p][2]):
            described.append(descriptions[p])
        else:  # renamed ids change the part's schema (original_id gets values): describe it
            described.append(describe_table(_with_ids(pq.read_table(outdir / layout.ARTICLES_DIR / p),
                                                      descriptions[p], plan[p])))
    schema = unified_schema(described)
    for p in parts:
        conform_part(outdir / layout.ARTICLES_DIR / p, schema,
                     lambda table, p=p: _with_ids(table, descriptions[p], plan[p]))
    return renamed


def _speaker_names(outdir: Path, part: str, marker: dict) -> list[tuple]:
    """(speaker as extracted, in_registry, speaker_kind) per row of statements part `part`: the
    stored names, with the rows corpus-wide naming may have changed taken from the marker."""
    table = pq.read_table(outdir / layout.STATEMENTS_DIR / part, columns=_SPEAKER_COLUMNS)
    names = table.column(0).to_pylist()
    raw = marker.get("speakers", {"rows": [], "names": []})
    for row, name in zip(raw["rows"], raw["names"]):
        names[row] = name
    return list(zip(names, table.column(1).to_pylist(), table.column(2).to_pylist()))


def canonical_speakers(outdir: Path, parts: list[str], markers: dict[str, dict]) -> dict[tuple, str]:
    """(speaker, in_registry, speaker_kind) -> canonical name for unknown speakers across the
    whole dataset, by `statements.canonicalise_unknown` applied to the distinct values of those
    three small columns of every part, names as extracted (its rule depends only on that set,
    which the equality test on the default corpus checks). Only names that change are returned."""
    from quotelens.extract.statements import canonicalise_unknown

    seen: dict[tuple, None] = {}
    for p in parts:
        for row in _speaker_names(outdir, p, markers[p]):
            seen.setdefault(row, None)
    if not seen:
        return {}
    frame = pd.DataFrame(list(seen), columns=_SPEAKER_COLUMNS)
    canon = canonicalise_unknown(frame)
    return {key: b for key, b in zip(seen, canon["speaker"]) if key[0] != b}


def conform_statements(outdir: Path, parts: list[str], markers: dict[str, dict], speaker_map: dict[tuple, str]) -> None:
    """Give every statements part one schema (from the parts' schemas as first written) and
    the corpus-wide speaker names of `speaker_map` (applied to the names as extracted)."""
    schema = unified_schema([markers[p]["schema"] for p in parts])
    for p in parts:
        names = [speaker_map.get(k, k[0]) for k in _speaker_names(outdir, p, markers[p])]
        conform_part(outdir / layout.STATEMENTS_DIR / p, schema,
                     lambda table, p=p, names=names: restore(table, markers[p]["schema"], {"speaker": names}))

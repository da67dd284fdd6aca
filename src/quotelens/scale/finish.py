"""The end of a run, for both engines: corpus-wide steps on the statements parts, the rejected
table, the aggregates and the manifest, written last."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from quotelens import stages
from quotelens.load.corpus import rejected_frame
from quotelens.scale import layout
from quotelens.scale.aggregate import write_aggregates
from quotelens.scale.corpus_wide import canonical_speakers, conform_statements
from quotelens.scale.fingerprints import PIPELINE_VERSION, StageOptions


@dataclass
class PipelineResult:
    """What a run did. Counts are articles/statements/input units (`skipped`: folder entries
    that are not inputs, as in `LoadResult.skipped`); seconds are wall time."""

    outdir: Path
    parts: list[str]
    read: int
    articles: int
    rejected: int
    statements: int
    skipped: int = 0
    units_skipped: int = 0
    parts_skipped: int = 0
    ids_renamed: int = 0
    speakers_canonicalised: int = 0
    seconds: dict = field(default_factory=dict)

    def summary(self) -> str:
        """One line: articles read, loaded and rejected (and entries skipped, as
        `LoadResult.summary` words it), statements and parts, the folder."""
        skipped = f"; skipped {self.skipped} (not input files)" if self.skipped else ""
        return (f"read {self.read} = loaded {self.articles} + rejected {self.rejected}{skipped}; "
                f"{self.statements} statements in {len(self.parts)} parts "
                f"({self.parts_skipped} parts already done) -> {self.outdir}")


def finish(outdir: Path, markers: list[dict], parts: list[str], done: dict[str, dict], units_skipped: int,
           parts_skipped: int, renamed: int, options: StageOptions, chunk_size: int, seconds: dict,
           aggregator: Callable | None = None) -> PipelineResult:
    """Corpus-wide steps after the chunks (canonical speakers, one schema), the rejected table
    from the unit `markers`, aggregates from `aggregator(parts)` when given (else any earlier
    aggregates removed), and the manifest, written last. `done`: each part's marker.

    The rejected rows of the entries not read (the last unit's, see `units.plan_units`) come
    first, where `load_corpus` lists them, so both tables have one order."""
    t0 = time.perf_counter()
    speaker_map = canonical_speakers(outdir, parts, done)
    conform_statements(outdir, parts, done, speaker_map)
    in_load_order = [m for m in markers if "not_read" in m] + [m for m in markers if "not_read" not in m]
    rejected = rejected_frame([r for m in in_load_order for r in m["rejected"]])
    skipped = [entry for m in markers for entry in m.get("skipped", [])]
    layout.write_parquet(rejected, outdir / layout.REJECTED_FILE)
    seconds["finish"] = time.perf_counter() - t0
    aggregate_files: list[str] = []
    if aggregator is not None:
        t0 = time.perf_counter()
        aggregate_files = write_aggregates(outdir, *aggregator(parts))
        seconds["aggregates"] = time.perf_counter() - t0
    else:
        layout.remove_aggregates(outdir)
    result = PipelineResult(
        outdir=outdir, parts=parts, read=sum(m["read"] for m in markers),
        articles=sum(sum(m["rows"]) for m in markers), rejected=len(rejected),
        statements=sum(done[p]["statements"] for p in parts), skipped=len(skipped), units_skipped=units_skipped,
        parts_skipped=parts_skipped, ids_renamed=renamed, speakers_canonicalised=len(speaker_map), seconds=seconds,
    )
    manifest = {
        "version": PIPELINE_VERSION, "parts": parts, "read": result.read, "articles": result.articles,
        "rejected": result.rejected, "statements": result.statements,
        # folder entries that are not inputs, [entry, reason] (LoadResult.skipped)
        "skipped": skipped,
        "chunk_size": chunk_size, "options": asdict(options),
        "statements_per_part": {p: done[p]["statements"] for p in parts},
        "aggregates": aggregate_files,
        # the stages whose products the folder holds (quotelens.stages), for readers such as
        # `quotelens report --from-pipeline`
        "stages": list(stages.PIPELINE_STAGES),
    }
    layout.write_json(outdir / layout.MANIFEST_FILE, manifest)
    return result

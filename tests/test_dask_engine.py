"""The dask engine gives the pandas engine's files, byte for byte, on a real corpus (the seed and
121 FA-KES articles: conftest's small_default_corpus), with a real LocalCluster of two worker
processes; its aggregates are reduced on the cluster."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

import quotelens.scale.pipeline as pipeline
from quotelens.scale.dask_engine import aggregate_dask, client_for

from conftest import SMALL_FAKES_ROWS

CHUNK = 30  # the seed's part and 5 FA-KES parts (121 articles)


def data_digests(outdir: Path) -> dict[str, str]:
    return {p.relative_to(outdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(outdir.rglob("*")) if p.is_file() and "_done" not in p.parts}


def test_dask_engine_equals_pandas_engine(tmp_path, small_default_corpus):
    pandas_dir = tmp_path / "pandas"
    pandas_result = pipeline.run_pipeline(small_default_corpus, pandas_dir, workers=2, chunk_size=CHUNK, progress=False)
    with client_for(None, workers=2) as client:  # a real LocalCluster: 2 processes, 1 thread each
        info = client.scheduler_info()
        assert len(info["workers"]) == 2
        assert all(w["nthreads"] == 1 for w in info["workers"].values())
        dask_dir = tmp_path / "dask"
        dask_result = pipeline.run_pipeline(small_default_corpus, dask_dir, workers=2, chunk_size=CHUNK, engine="dask",
                                            scheduler=client.scheduler.address, progress=False)
        assert (dask_result.articles, dask_result.statements) == (pandas_result.articles, pandas_result.statements)
        # 1,061 statements and 12,817 terms at 0d97b02 (5,145 statements in the 805 articles)
        assert dask_result.articles == 1 + SMALL_FAKES_ROWS and dask_result.statements > 600
        assert len(dask_result.parts) == 6
        digests = data_digests(dask_dir)
        # 6 articles parts, 6 statements parts, 2 aggregates, rejected.parquet, manifest.json
        assert "aggregates/term_counts.parquet" in digests and len(digests) == 2 * 6 + 4
        assert digests == data_digests(pandas_dir)
        # aggregates reduced on the cluster equal the pandas engine's (also checked by the digests)
        sums, terms = aggregate_dask(pandas_dir, pipeline.read_manifest(pandas_dir)["parts"], client)
        pd.testing.assert_frame_equal(sums, pd.read_parquet(pandas_dir / "aggregates" / "actor_article_sums.parquet"))
        pd.testing.assert_frame_equal(terms, pd.read_parquet(pandas_dir / "aggregates" / "term_counts.parquet"))
        assert len(terms) > 7000 and sums["n_statements"].sum() == dask_result.statements - _unscored(dask_dir)
        again = pipeline.run_pipeline(small_default_corpus, dask_dir, workers=2, chunk_size=CHUNK, engine="dask",
                                      scheduler=client.scheduler.address, progress=False, aggregates=False)
        assert again.parts_skipped == 6 and again.units_skipped == 2


def _unscored(outdir: Path) -> int:
    st = pipeline.read_statements(outdir, columns=["speaker", "sentiment"])
    return int((st["speaker"].isna() | st["sentiment"].isna()).sum())


def test_dask_engine_rejects_unknown_engine():
    with pytest.raises(ValueError, match="engine must be one of"):
        pipeline.run_pipeline(["seeds"], "/tmp/unused", engine="ray")

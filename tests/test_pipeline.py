"""The chunked pipeline (quotelens.scale.pipeline): same statements as the in-memory path on a
real corpus (the seed + 121 FA-KES articles: conftest's small_default_corpus), resumable after a failure with byte-identical output, independent of the
worker count, no partial files, ids and schemas made consistent across chunks, aggregates
equal to the notebooks' estimates, and the command line."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import quotelens.scale.parts as parts
import quotelens.scale.pipeline as pipeline
from quotelens.compare import aggregates as agg
from quotelens.cli import main as cli_main
from quotelens.load.corpus import load_corpus
from quotelens.keywords.distinctive import keyword_table
from quotelens.sentiment.estimates import actor_estimates

from conftest import SMALL_FAKES_ROWS

CHUNK = 24  # 121 FA-KES articles -> the seed's part plus 6 FA-KES parts; 122 rows -> 6 row groups
# The default corpus's registry and topic words, named: the pipeline's and process_articles's
# own defaults are neutral (no registry, no masking); these runs compare the two paths with them.
SYRIA = {"actors": "data/actors/syria.yaml", "topic_words": "data/sentiment/topic_words_conflict.yaml"}


def _syria():
    """(registry, scorer) of SYRIA, for process_articles."""
    from quotelens.extract.registry import registry_from_option
    from quotelens.sentiment import scorer_from_options

    return registry_from_option(SYRIA["actors"]), scorer_from_options(topic_words=SYRIA["topic_words"])


def digests(outdir: Path) -> dict[str, str]:
    """sha256 of every data file of a run (markers hold file times, so they are left out)."""
    out = {}
    for path in sorted(outdir.rglob("*")):
        if path.is_file() and "_done" not in path.parts:
            out[path.relative_to(outdir).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory, small_default_corpus):
    outdir = tmp_path_factory.mktemp("clean")
    result = pipeline.run_pipeline(small_default_corpus, outdir, workers=2, chunk_size=CHUNK, progress=False, **SYRIA)
    return outdir, result


@pytest.fixture(scope="module")
def in_memory(small_default_corpus):
    articles = load_corpus(small_default_corpus).articles
    return articles, pipeline.process_articles(articles, *_syria())


def test_chunked_output_equals_in_memory_path(clean_run, in_memory):
    outdir, result = clean_run
    articles, expected = in_memory
    assert len(result.parts) == 1 + math.ceil(SMALL_FAKES_ROWS / CHUNK)
    assert result.articles == len(articles) == 1 + SMALL_FAKES_ROWS
    assert result.read == result.articles + result.rejected
    got = pipeline.read_statements(outdir)
    assert len(got) > 600  # 5,145 statements in the 805 articles, 1,061 in these 122 at 0d97b02
    pd.testing.assert_frame_equal(got, expected)
    # corpus-wide steps really were needed: the seed's part lacks FA-KES's columns on its own,
    # and unknown speakers were renamed across chunks
    assert result.speakers_canonicalised > 0
    assert got["labels"].dtype == expected["labels"].dtype == "Int64"
    assert got.loc[got["article_id"] == "000_aff2fd669e79066c", "labels"].isna().all()


def test_offsets_index_the_stored_articles(clean_run):
    outdir, _ = clean_run
    texts = dict(zip(*pipeline.read_articles(outdir, columns=["article_id", "text"]).T.values))
    st = pipeline.read_statements(outdir, columns=["article_id", "quote", "start", "end"])
    assert all(texts[a][s:e] == q for a, q, s, e in st.itertuples(index=False))


def test_interrupted_run_resumes_and_matches_clean_run_byte_for_byte(clean_run, small_default_corpus, tmp_path,
                                                                     monkeypatch):
    clean_dir, _ = clean_run
    outdir = tmp_path / "resumed"
    real = pipeline.process_articles
    calls = []

    def failing(articles, registry=None, scorer=None, **options):
        calls.append(len(articles))
        if len(calls) == 3:  # the third chunk fails mid-run
            raise RuntimeError("simulated crash")
        return real(articles, registry, scorer, **options)

    monkeypatch.setattr(parts, "process_articles", failing)
    with pytest.raises(pipeline.PipelineError, match=r"articles/part-00001-0001\.parquet.*simulated crash"):
        pipeline.run_pipeline(small_default_corpus, outdir, workers=1, chunk_size=CHUNK, progress=False, **SYRIA)
    # after the crash: the first two parts and their markers, nothing partial, no manifest
    written = sorted(p.name for p in (outdir / "statements").glob("*.parquet"))
    assert written == ["part-00000-0000.parquet", "part-00001-0000.parquet"]
    assert sorted(p.name for p in (outdir / "statements" / "_done").iterdir()) == [
        "part-00000-0000.json", "part-00001-0000.json"]
    assert not list(outdir.rglob("*.tmp")) and not (outdir / "manifest.json").exists()
    with pytest.raises(FileNotFoundError, match="has not finished"):
        pipeline.read_statements(outdir)
    done_before = {p: (outdir / "statements" / p).stat().st_mtime_ns for p in written}

    # a leftover temporary file (as a killed writer would leave) is removed, never read
    (outdir / "statements" / ".part-00001-0001.parquet.abc.tmp").write_bytes(b"partial")
    monkeypatch.setattr(parts, "process_articles", real)
    result = pipeline.run_pipeline(small_default_corpus, outdir, workers=1, chunk_size=CHUNK, progress=False, **SYRIA)
    assert result.units_skipped == 2 and result.parts_skipped == 2
    assert not list(outdir.rglob("*.tmp"))
    # finished parts were not recomputed (their files only conformed in place, if at all)
    marker = json.loads((outdir / "statements" / "_done" / "part-00000-0000.json").read_text())
    assert marker["statements"] == result.statements - sum(
        json.loads(m.read_text())["statements"] for m in (outdir / "statements" / "_done").iterdir()
        if m.name != "part-00000-0000.json")
    assert done_before  # (recorded above)
    # one worker + interruption gives the same bytes as two workers without one
    assert digests(outdir) == digests(clean_dir)

    # a rerun of a finished run does no work and changes nothing
    again = pipeline.run_pipeline(small_default_corpus, outdir, workers=1, chunk_size=CHUNK, progress=False, **SYRIA)
    assert again.parts_skipped == len(again.parts) and again.units_skipped == 2
    assert digests(outdir) == digests(clean_dir)


def test_changed_options_redo_the_work(tmp_path):
    outdir = tmp_path / "seed"
    masked = {"topic_words": SYRIA["topic_words"]}
    first = pipeline.run_pipeline(["seeds"], outdir, workers=1, chunk_size=5, progress=False, aggregates=False, **masked)
    assert first.parts_skipped == 0 and first.statements > 5
    same = pipeline.run_pipeline(["seeds"], outdir, workers=1, chunk_size=5, progress=False, aggregates=False, **masked)
    assert same.parts_skipped == 1
    other = pipeline.run_pipeline(["seeds"], outdir, workers=1, chunk_size=5, topic_words="", progress=False,
                                  aggregates=False)
    assert other.parts_skipped == 0  # no topic-word masking: scores differ, so the part is redone
    unmasked = pipeline.read_statements(outdir)
    assert (unmasked["masked_terms"] == "").all()


def test_ids_unique_across_chunks_and_rejected_rows_counted(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [{"id": "a", "text": 'Lavrov said: "We will talk."'}, {"id": "b", "text": "The weather was mild in Damascus."}]
    for name in ("1.jsonl", "2.jsonl"):
        lines = [json.dumps(r) for r in rows] + ["{not json"]
        (corpus / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    outdir = tmp_path / "out"
    result = pipeline.run_pipeline(corpus, outdir, workers=2, chunk_size=1, progress=False)
    assert (result.read, result.articles, result.rejected) == (6, 4, 2)
    assert result.ids_renamed == 2
    articles = pipeline.read_articles(outdir)
    assert articles["article_id"].tolist() == ["a", "b", "a_2", "b_2"]
    assert articles["original_id"].tolist() == [None, None, "a", "b"]
    # the same ids a single load_corpus call gives
    assert articles["article_id"].tolist() == load_corpus(corpus).articles["article_id"].tolist()
    rejected = pd.read_parquet(outdir / "rejected.parquet")
    assert rejected["origin"].str.endswith(":3").all() and len(rejected) == 2
    st = pipeline.read_statements(outdir)
    assert set(st["article_id"]) == {"a", "a_2"}


def test_aggregates_equal_the_notebook_estimates(clean_run):
    outdir, _ = clean_run
    statements = pipeline.read_statements(outdir)
    sums = pd.read_parquet(outdir / "aggregates" / "actor_article_sums.parquet")
    pd.testing.assert_frame_equal(sums, agg.actor_article_sums(statements))
    boot = agg.actor_bootstrap(sums, n_boot=500, seed=3)
    ref = actor_estimates(statements, n_boot=500, seed=3)
    assert len(boot) == len(ref) > 20
    merged = ref.merge(boot, on="speaker", suffixes=("_ref", ""))
    assert len(merged) == len(ref)
    for col in ("n_statements", "n_articles"):
        assert (merged[col] == merged[f"{col}_ref"]).all()
    for col in ("mean", "ci_low", "ci_high"):
        np.testing.assert_allclose(merged[col], merged[f"{col}_ref"], rtol=0, atol=1e-12)
    terms = pd.read_parquet(outdir / "aggregates" / "term_counts.parquet")
    table = keyword_table(statements, "speaker").table
    joined = table.merge(terms, on=["speaker", "term"], how="outer", indicator=True)
    assert (joined["_merge"] == "both").all()
    assert (joined["n_group"] == joined["n"]).all()


def test_cli_pipeline_writes_dataset(tmp_path, capsys):
    outdir = tmp_path / "cli"
    assert cli_main(["pipeline", "seeds", "-o", str(outdir), "--workers", "1", "--chunk-size", "10"]) == 0
    err = capsys.readouterr().err
    assert "read 1 = loaded 1 + rejected 0" in err and "articles/s" in err
    assert len(pipeline.read_statements(outdir)) == pipeline.read_manifest(outdir)["statements"] > 5
    with pytest.raises(SystemExit, match="no such file"):
        cli_main(["pipeline", str(tmp_path / "missing"), "-o", str(outdir)])


def test_bad_arguments():
    with pytest.raises(ValueError, match="engine"):
        pipeline.run_pipeline(["seeds"], "/tmp/unused", engine="spark")
    with pytest.raises(ValueError, match="chunk_size"):
        pipeline.plan_units(["seeds"], 0)


@pytest.fixture(scope="module")
def one_big_parquet(tmp_path_factory, in_memory):
    """The corpus of in_memory (as loaded, all columns) written as ONE Parquet file with row
    groups of CHUNK rows, and the in-memory path on that file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = tmp_path_factory.mktemp("bigfile")
    path = folder / "corpus.parquet"
    pq.write_table(pa.Table.from_pandas(in_memory[0], preserve_index=False), path, row_group_size=CHUNK)
    loaded = load_corpus([path])
    return path, loaded, pipeline.process_articles(loaded.articles, *_syria())


def test_one_parquet_file_is_read_row_group_by_row_group(one_big_parquet, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    path, loaded, _ = one_big_parquet
    rows = len(loaded.articles)
    assert pq.ParquetFile(path).metadata.num_row_groups == 6  # 122 rows in groups of 24
    units = pipeline.plan_units([path], CHUNK)
    assert [u.row_groups for u in units] == [(g,) for g in range(6)]
    assert [u.rows for u in units] == [(lo, min(lo + CHUNK, rows)) for lo in range(0, rows, CHUNK)]
    # the worker of unit 2 asks the file for row group 2 only, and gets rows 49-72
    asked = []
    real = pq.ParquetFile.iter_batches

    def spy(self, *args, **kwargs):
        asked.append(kwargs.get("row_groups"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "iter_batches", spy)
    marker = pipeline.load_unit(units[2], tmp_path, CHUNK)
    assert asked == [[2]]
    assert marker["rows"] == [CHUNK] and marker["read"] == CHUNK and marker["row_groups"] == [2]
    part = pd.read_parquet(tmp_path / "articles" / marker["parts"][0])
    assert part["origin"].tolist() == loaded.articles["origin"].iloc[2 * CHUNK:3 * CHUNK].tolist()
    assert part["origin"].iloc[0].endswith(f"corpus.parquet:row {2 * CHUNK + 1}")
    # row groups smaller than a chunk are joined; one larger than a chunk is streamed in batches
    assert [u.row_groups for u in pipeline.plan_units([path], 2 * CHUNK)] == [(0, 1), (2, 3), (4, 5)]
    asked.clear()
    small = CHUNK * 2 // 3  # chunks of 16 rows: row group 1 (24 rows) is read as 16 + 8
    big = pipeline.load_unit(pipeline.plan_units([path], small)[1], tmp_path / "small", small)
    assert asked == [[1]] and big["rows"] == [small, CHUNK - small] and len(big["parts"]) == 2


def test_one_parquet_file_chunked_equals_in_memory_path(one_big_parquet, tmp_path):
    path, loaded, expected = one_big_parquet
    outdir = tmp_path / "big"
    result = pipeline.run_pipeline([path], outdir, workers=2, chunk_size=CHUNK, progress=False, **SYRIA)
    rows = 1 + SMALL_FAKES_ROWS
    assert (result.read, result.articles, result.rejected, len(result.parts)) == (rows, rows, 0, 6)
    pd.testing.assert_frame_equal(pipeline.read_statements(outdir), expected)
    pd.testing.assert_frame_equal(pipeline.read_articles(outdir),
                                  loaded.articles.drop(columns=list(pipeline.CORPUS_WIDE_COLUMNS)))
    # resumable: a rerun skips every chunk of the file and changes no data file
    before = digests(outdir)
    again = pipeline.run_pipeline([path], outdir, workers=1, chunk_size=CHUNK, progress=False, **SYRIA)
    assert again.units_skipped == 6 and again.parts_skipped == 6
    assert digests(outdir) == before

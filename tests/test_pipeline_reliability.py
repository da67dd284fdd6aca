"""Issue 16, second round: the pipeline half of the loader items (8 and 10, and the counts of
13), so that `quotelens pipeline` and `quotelens extract` follow one rule.

Each test runs the chunked pipeline (quotelens.scale) on files of the bad-input catalogue
(tests/data/bad, described in tests/test_bad_inputs.py) or on a small corpus built here from
real article text, and compares what it reads, loads, rejects and skips with `load_corpus`,
the loader `quotelens extract` uses.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil

import pandas as pd
import pyarrow as pa
import pytest

from quotelens import config
from quotelens.cli import main as cli_main
from quotelens.load.corpus import load_corpus
from quotelens.load.decoding import MAX_GUNZIP_BYTES_ENV
from quotelens.load.errors import NoArticlesError
# Modules, not names: each test then fails on its own on code that lacks what it checks.
from quotelens.scale import pipeline, schema, units

BAD = config.PROJ_ROOT / "tests" / "data" / "bad"
BAD_REL = config.relative(BAD)
SEED = next((config.PROJ_ROOT / "seeds").glob("*.txt"))
COUNTS = re.compile(r"read (\d+) = loaded (\d+) \+ rejected (\d+)(?:; skipped (\d+) \(not input files\))?")


@pytest.fixture
def gunzip_bound_1mib(monkeypatch):
    """The catalogue's gzip bomb is small (4 MiB inflated); the bound is lowered to match (the
    pipeline's worker processes inherit the setting)."""
    monkeypatch.setenv(MAX_GUNZIP_BYTES_ENV, str(1 << 20))


def run(corpus, outdir, **kwargs):
    kwargs.setdefault("workers", 1)
    kwargs.setdefault("progress", False)
    kwargs.setdefault("aggregates", False)
    return pipeline.run_pipeline(corpus, outdir, **kwargs)


def rejected_rows(frame: pd.DataFrame) -> list[tuple]:
    return [(r.origin, r.file, None if pd.isna(r.line) else int(r.line), r.reason) for r in frame.itertuples()]


def pipeline_rejected(outdir) -> list[tuple]:
    return rejected_rows(pd.read_parquet(outdir / "rejected.parquet"))


def seed_paragraphs(n: int) -> list[str]:
    """The first `n` paragraphs of the seed article that hold a reported statement (real text)."""
    paragraphs = [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n")]
    return [p for p in paragraphs if " said" in p][:n]


def digests(outdir) -> dict[str, str]:
    return {p.relative_to(outdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(outdir.rglob("*")) if p.is_file() and "_done" not in p.parts}


# --- item 8: a folder without inputs is an error, before the output folder is touched ---------


def test_plan_units_on_a_folder_without_inputs_raises_no_articles_error():
    with pytest.raises(NoArticlesError) as err:
        units.plan_units([BAD / "only_unsupported"])
    assert [reason for _, reason in err.value.skipped] == [
        "'.md' is not a supported suffix", "'.ndjson' is not a supported suffix", "'.json' is not a supported suffix"]


def test_pipeline_on_a_folder_without_inputs_exits_2_with_one_line_and_touches_nothing(tmp_path, capsys):
    fresh = tmp_path / "fresh"
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["pipeline", str(BAD / "only_unsupported"), "-o", str(fresh)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "no articles to load; skipped 3 entries: README.md ('.md' is not a supported suffix)" in err
    assert "feed.ndjson" in err and "notes.json" in err
    assert not fresh.exists()
    # a folder of an earlier run keeps its manifest and its files
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "manifest.json").write_text('{"parts": []}', encoding="utf-8")
    (earlier / ".quotelens-1-x.12345678.tmp").write_text("", encoding="utf-8")
    before = digests(earlier)
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["pipeline", str(BAD / "only_unsupported"), "-o", str(earlier)])
    assert exit_info.value.code == 2
    assert digests(earlier) == before


# --- item 10: a Parquet file naming a column twice is rejected whole, as the loader does ------


def test_parquet_with_two_text_columns_is_one_whole_file_unit():
    path = BAD / "duplicate_text.parquet"
    assert units.parquet_row_groups(path, 200) == []
    [unit] = units.plan_units([path])
    assert unit.rows is None and unit.files == (str(path),)


def test_pipeline_rejects_a_parquet_file_with_two_text_columns_as_extract_does(tmp_path):
    path = BAD / "duplicate_text.parquet"
    result = run([path], tmp_path / "out")
    expected = load_corpus([path])
    assert (result.read, result.articles, result.rejected) == (expected.read, 0, 1) == (1, 0, 1)
    assert pipeline_rejected(tmp_path / "out") == rejected_rows(expected.rejected)
    assert pipeline_rejected(tmp_path / "out")[0][:3] == (f"{BAD_REL}/duplicate_text.parquet",) * 2 + (None,)


# --- item 13: a passed-through column typed differently by two units --------------------------


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.fixture
def mixed_jsonl(tmp_path):
    """extra_values.jsonl (views 2^64 beside 12, shares 5 beside "many", meta {}) and a file of
    real paragraphs whose views and shares are plain integers and whose meta is an object with
    a field: each file is one unit, so the two parts type the columns differently."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(BAD / "extra_values.jsonl", corpus / "b_extra_values.jsonl")
    write_jsonl(corpus / "a_plain.jsonl", [
        {"id": f"plain-{i}", "text": text, "views": 10 * i + 1, "shares": i, "meta": {"section": "world"}}
        for i, text in enumerate(seed_paragraphs(3))])
    return corpus


@pytest.mark.filterwarnings("ignore::quotelens.load.errors.CorpusWarning")
def test_column_typed_int64_in_one_part_and_text_in_another_is_text_as_extract_has_it(mixed_jsonl, tmp_path):
    outdir = tmp_path / "out"
    result = run([mixed_jsonl], outdir)
    expected = load_corpus([mixed_jsonl], duplicates=False)
    assert (result.read, result.articles, result.rejected) == (expected.read, len(expected.articles), 1) == (6, 5, 1)
    articles = pipeline.read_articles(outdir)
    for column in ("views", "shares"):
        assert articles[column].tolist() == expected.articles[column].tolist(), column
    assert articles["views"].tolist() == ["1", "11", "21", "18446744073709551616", "12"]
    assert articles["shares"].tolist() == ["0", "1", "2", "5", "many"]
    # `load_corpus` types meta over the whole corpus and can keep its objects (Arrow stores
    # {"section": "world"} beside {}); a part holding only {} had to keep them as text, so the
    # pipeline writes every meta as JSON text, the same whichever part comes first
    assert articles["meta"].tolist() == ['{"section": "world"}'] * 3 + ["{}", "{}"]
    assert expected.articles["meta"].tolist() == [{"section": "world"}] * 3 + [{}, {}]
    statements = pipeline.read_statements(outdir)
    assert set(statements["views"]) <= set(articles["views"]) and len(statements)
    # resumed in the same folder: every file as it was (the parts cast back and forth exactly)
    before = digests(outdir)
    again = run([mixed_jsonl], outdir)
    assert again.units_skipped == 2 and digests(outdir) == before


@pytest.mark.filterwarnings("ignore::quotelens.load.errors.CorpusWarning")
def test_csv_column_typed_int64_in_one_file_and_beyond_64_bits_in_another(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = seed_paragraphs(3)
    frame = pd.DataFrame({"id": ["a-1", "a-2"], "text": texts[:2], "views": [3, 4]})
    frame.to_csv(corpus / "a.csv", index=False)
    (corpus / "b.csv").write_text(f'id,text,views\nb-1,"{texts[2]}",18446744073709551616\n', encoding="utf-8")
    result = run([corpus], tmp_path / "out")
    expected = load_corpus([corpus], duplicates=False)
    assert (result.read, result.articles, result.rejected) == (3, 3, 0)
    articles = pipeline.read_articles(tmp_path / "out")
    assert articles["views"].tolist() == expected.articles["views"].tolist() == ["3", "4", "18446744073709551616"]


def part(table: dict) -> dict:
    return schema.describe_table(pa.Table.from_pandas(pd.DataFrame(table), preserve_index=False))


def test_unified_schema_promotes_to_text_deterministically_and_keeps_numbers_numeric():
    ints = pd.DataFrame({"views": pd.array([1, 2], dtype="Int64"), "tags": [[1, 2], [3]]})
    text = pd.DataFrame({"views": ["18446744073709551616", None], "tags": ["x", None]})
    floats = pd.DataFrame({"views": pd.array([0.5, None], dtype="Float64"), "tags": [None, None]})
    tables = [pa.Table.from_pandas(f, preserve_index=False) for f in (ints, text)]
    one = schema.unified_schema([schema.describe_table(t) for t in tables])
    other = schema.unified_schema([schema.describe_table(t) for t in reversed(tables)])
    assert one.field("views").type == one.field("tags").type == pa.string()
    assert one.field("views") == other.field("views") and one.field("tags") == other.field("tags")
    conformed = schema.conform_table(tables[0], one)
    assert conformed.to_pandas()["views"].tolist() == ["1", "2"]
    assert conformed.to_pandas()["tags"].tolist() == ["[1, 2]", "[3]"]
    # back to the part as first written, exactly (a resumed run starts from it)
    assert schema.restore(conformed, schema.describe_table(tables[0])).equals(tables[0])
    # whole numbers beside fractions stay numbers (Float64, as load_corpus types them)
    numeric = pa.Table.from_pandas(floats, preserve_index=False)
    mixed = schema.unified_schema([schema.describe_table(tables[0]), schema.describe_table(numeric)])
    assert mixed.field("views").type == pa.float64()
    assert schema.conform_table(tables[0], mixed).to_pandas()["views"].dtype == "Float64"


# --- item 8: entries a folder holds that cannot be read are rejected, as extract does ---------


def test_pipeline_rejects_a_dangling_link_and_a_fifo_as_extract_does(tmp_path):
    folder = tmp_path / "unreadable"
    shutil.copytree(BAD / "unreadable", folder, symlinks=True)
    os.mkfifo(folder / "pipe.csv")
    result = run([folder], tmp_path / "out")
    expected = load_corpus([folder], duplicates=False)
    assert (result.read, result.articles, result.rejected) == (expected.read, 1, 2) == (3, 1, 2)
    assert pipeline_rejected(tmp_path / "out") == rejected_rows(expected.rejected)
    assert [r[3] for r in pipeline_rejected(tmp_path / "out")] == [
        "broken symbolic link (points to 'moved_away.jsonl', which does not exist)",
        "not a regular file: a named pipe (FIFO); not opened"]


def test_entries_not_read_do_not_move_the_units_of_the_files(tmp_path):
    """The entries that are not read are one unit after the files: a README dropped into the
    corpus later is reported, and every file's unit is reused."""
    corpus = tmp_path / "corpus"
    shutil.copytree(BAD / "unreadable", corpus, symlinks=True)
    shutil.copy(SEED, corpus / "seed.txt")
    outdir = tmp_path / "out"
    first = run([corpus], outdir)
    assert (first.read, first.articles, first.rejected, first.skipped) == (3, 2, 1, 0)
    (corpus / "README.md").write_text("About this corpus\n", encoding="utf-8")
    second = run([corpus], outdir)
    assert (second.read, second.articles, second.rejected, second.skipped) == (3, 2, 1, 1)
    assert second.units_skipped == len(units.plan_units([corpus])) - 1 and second.parts_skipped == len(second.parts)
    assert "skipped 1 (not input files)" in second.summary()
    assert pipeline.read_manifest(outdir)["skipped"] == [[f"{config.relative(corpus)}/README.md",
                                                           "'.md' is not a supported suffix"]]
    (corpus / "dangling.jsonl").unlink()
    third = run([corpus], outdir)
    assert (third.read, third.articles, third.rejected, third.skipped) == (2, 2, 0, 1)
    assert pipeline_rejected(outdir) == []


# --- one rule for both: `quotelens pipeline` and `quotelens extract` on the whole catalogue ----


@pytest.mark.filterwarnings("ignore::quotelens.load.errors.CorpusWarning")
def test_pipeline_and_extract_report_the_same_counts_on_the_catalogue(tmp_path, capsys, gunzip_bound_1mib):
    assert cli_main(["pipeline", str(BAD), "-o", str(tmp_path / "out"), "--workers", "1"]) == 0
    pipeline_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert cli_main(["extract", str(BAD), "-o", str(tmp_path / "x.jsonl")]) == 0
    extract_line = capsys.readouterr().err.strip().splitlines()[-1]
    counts = [tuple(int(n or 0) for n in COUNTS.search(line).groups()) for line in (pipeline_line, extract_line)]
    assert counts[0] == counts[1] == (78, 52, 26, 13), (pipeline_line, extract_line)
    # and the same rejected rows, in the same order
    expected = load_corpus([BAD], duplicates=False)
    assert pipeline_rejected(tmp_path / "out") == rejected_rows(expected.rejected)
    articles = pipeline.read_articles(tmp_path / "out")
    assert articles["origin"].tolist() == expected.articles["origin"].tolist()

"""The smaller load modules one by one: input files (quotelens.load.files), table units
(table_files), records to articles (records), the seed format (seed_format) and the corpus
helpers the chunked pipeline shares (corpus.unique_ids, articles_frame, rejected_frame)."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from quotelens import config
from quotelens.config import FAKES_CSV, SEEDS_DIR
from quotelens.contracts import REJECTED_COLUMNS
from quotelens.load.corpus import articles_frame, load_corpus, rejected_frame, unique_ids
from quotelens.load.errors import LoadResult, RejectedInput
from quotelens.load.files import expand_inputs, input_format, input_stem, walk_inputs
from quotelens.load.records import MAPPABLE, check_mapping, infer_extra_dtype, table_articles
from quotelens.load.seed_format import read_seed_file, split_headlines
from quotelens.load.table_files import table_units

SEED = SEEDS_DIR / "000_aff2fd669e79066c.txt"


# --- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, fmt, stem", [
    ("a.txt", ".txt", "a"),
    ("A.TXT", ".txt", "A"),
    ("feed.jsonl.gz", ".jsonl", "feed"),
    ("feed.CSV.GZ", ".csv", "feed"),
    ("rows.parquet", ".parquet", "rows"),
    ("page.htm", ".htm", "page"),
    ("rows.parquet.gz", None, "rows"),  # Parquet compresses itself; .gz around it is not read
    ("notes.md", None, "notes"),
    ("2016.03.04.txt", ".txt", "2016.03.04"),
])
def test_format_and_stem(name, fmt, stem):
    assert input_format(name) == fmt
    assert input_stem(name) == stem


def test_expand_inputs_orders_folders_and_skips_hidden(tmp_path):
    for rel in ["b/2.txt", "b/10.txt", "a.csv", ".hidden/x.txt", "b/.x.txt", "c/readme.md"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    got = expand_inputs([tmp_path, SEED])
    # Folder entries sorted by path as text ("10" before "2"), then the named file as given.
    assert [p.relative_to(tmp_path).as_posix() for p in got[:-1]] == ["a.csv", "b/10.txt", "b/2.txt"]
    assert got[-1] == SEED


def test_walk_inputs_reports_what_it_will_not_open(tmp_path):
    (tmp_path / "ok.txt").write_text("Body.\n")
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "missing.jsonl")
    files, unreadable = walk_inputs(tmp_path)
    assert files == [tmp_path / "ok.txt"]
    assert [(p.name, reason.split(" (")[0]) for p, reason in unreadable] == [("gone.jsonl", "broken symbolic link")]


def test_given_paths_must_exist_and_be_inputs(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        walk_inputs(tmp_path / "nope")
    (tmp_path / "notes.md").write_text("x")
    with pytest.raises(ValueError, match=r"unsupported file type '\.md'"):
        walk_inputs(tmp_path / "notes.md")


# --- table files ------------------------------------------------------------------------------


def test_fakes_csv_units_are_rows_with_their_start_lines():
    header, units, encoding = table_units(FAKES_CSV, "fa-kes")
    assert header == ["unit_id", "article_title", "article_content", "source", "date", "location", "labels"]
    assert encoding == "utf-8" and len(units) == 804
    lines = [line for line, _ in units]
    assert lines[0] == 2 and lines == sorted(lines)
    assert all(isinstance(record, dict) for _, record in units)
    assert all(isinstance(v, str) for v in units[0][1].values())  # cells not interpreted here


def test_jsonl_units_keep_line_numbers_and_rejections(tmp_path):
    rows = pd.read_csv(FAKES_CSV, dtype=str, keep_default_na=False).head(3).to_dict("records")
    lines = [json.dumps(rows[0]), "", json.dumps(rows[1])[:50], json.dumps([1, 2]), json.dumps(rows[2])]
    path = tmp_path / "f.jsonl.gz"
    path.write_bytes(gzip.compress("\n".join(lines).encode(), mtime=0))
    header, units, _ = table_units(path, "f")
    assert header == list(rows[0])
    assert [line for line, _ in units] == [1, 3, 4, 5]
    assert isinstance(units[1][1], RejectedInput) and units[1][1].reason.startswith("malformed JSON")
    assert units[2][1].reason == "not a JSON object (a list)"


def test_empty_parquet_file_is_rejected_whole(tmp_path):
    (tmp_path / "e.parquet").write_bytes(b"")
    with pytest.raises(RejectedInput, match="empty file"):
        table_units(tmp_path / "e.parquet", "e")


# --- records ----------------------------------------------------------------------------------


def test_check_mapping():
    assert check_mapping(None) == {}
    assert check_mapping({"article_id": "unit_id", "text": "body"}) == {"id": "unit_id", "text": "body"}
    with pytest.raises(ValueError, match="not both"):
        check_mapping({"id": "a", "article_id": "b"})
    with pytest.raises(ValueError, match=r"unknown name\(s\) \['body'\]"):
        check_mapping({"body": "text"})
    assert set(MAPPABLE) == {"id", "title", "text", "source", "date", "url"}


def test_fakes_records_become_articles_by_the_known_schema():
    header, units, encoding = table_units(FAKES_CSV, "fa-kes")
    articles, rejected = [], []
    table_articles(FAKES_CSV, "fa-kes", header, units[:5], encoding, {}, articles,
                   lambda file, line, reason: rejected.append((file, line, reason)))
    assert rejected == [] and len(articles) == 5
    first = articles[0]
    assert first["article_id"] == units[0][1]["unit_id"]
    assert first["text"] == units[0][1]["article_content"]
    assert first["origin"] == "fa-kes:2"
    assert isinstance(first["labels"], int)  # a passed-through CSV column, typed
    assert first["source"] == units[0][1]["source"] and isinstance(first["date"], pd.Timestamp)


def test_a_row_without_text_or_with_a_bad_date_is_rejected():
    header = ["id", "text", "date"]
    units = [(2, {"id": "1", "text": " ", "date": ""}), (3, {"id": "2", "text": "Said.", "date": "31/12/2016"}),
             (4, {"id": "3", "text": "Said.", "date": "12/31/2016"})]
    articles, rejected = [], []
    table_articles(config.PROJ_ROOT / "x.csv", "x.csv", header, units, "utf-8", {}, articles,
                   lambda file, line, reason: rejected.append((line, reason)))
    assert rejected == [(2, "missing text"), (3, "unparseable date '31/12/2016'")]
    assert [a["article_id"] for a in articles] == ["3"]


def test_infer_extra_dtype():
    assert str(infer_extra_dtype(pd.Series([1, None, 0], dtype=object)).dtype) == "Int64"
    assert str(infer_extra_dtype(pd.Series([1, 2.5, None], dtype=object)).dtype) == "Float64"
    assert infer_extra_dtype(pd.Series([True, None], dtype=object)).dtype == object  # bools stay as read
    assert infer_extra_dtype(pd.Series(["idlib", None], dtype=object)).dtype == object


# --- the seed format --------------------------------------------------------------------------


def test_seed_file_headlines_and_offsets():
    raw = SEED.read_text(encoding="utf-8")
    headlines, body_start = split_headlines(raw)
    article = read_seed_file(SEED)
    assert article["title"] == headlines[0] and article["headlines"] == headlines[1:]
    assert article["text"] == raw[body_start:]
    assert article["encoding"] == "utf-8" and article["article_id"] == SEED.stem


# --- corpus helpers shared with the chunked pipeline -------------------------------------------


def test_unique_ids_never_reuse_an_input_id():
    ids, originals = unique_ids(["a", "a", "a_2", "a", "b"])
    assert ids == ["a", "a_3", "a_2", "a_4", "b"]
    assert originals == [None, "a", None, "a", None]


def test_articles_frame_and_rejected_frame_when_empty():
    empty = LoadResult(articles=articles_frame([]), rejected=rejected_frame([]), read=0)
    assert list(empty.rejected.columns) == REJECTED_COLUMNS
    assert str(empty.rejected["line"].dtype) == "Int64"
    assert str(empty.articles["date"].dtype) == "datetime64[ns]"
    assert empty.summary() == "read 0 = loaded 0 + rejected 0"


def test_articles_frame_equals_a_load_without_duplicate_flags():
    loaded = load_corpus([SEED], duplicates=False).articles
    pd.testing.assert_frame_equal(articles_frame([read_seed_file(SEED)]), loaded)

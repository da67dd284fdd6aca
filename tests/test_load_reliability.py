"""Issue 16, second round: the loader items (4, 6, 8, 9, 10, 13 and the loader half of 16).

Each test loads a file of the bad-input catalogue (tests/data/bad, described in
tests/test_bad_inputs.py) or a case built here, and checks that one bad line, row, value or
folder entry costs that unit only, is reported with its file and line, and that
read == loaded + rejected still holds.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib
import json
import tracemalloc
import warnings
import zlib

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml

from quotelens import config
from quotelens.extract.registry import RegistryError, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus, normalise_rows
# Modules, not names: each test then fails on its own (not the whole file at import) on code
# that lacks what it checks.
from quotelens.load import decoding, errors, files, table_files
from quotelens.load.decoding import read_input_bytes
from quotelens.load.errors import CorpusWarning, RejectedInput
from quotelens.sentiment.lexicons import load_dictionary
from quotelens.tables import read_table, write_table

BAD = config.PROJ_ROOT / "tests" / "data" / "bad"
BAD_REL = config.relative(BAD)


def yaml_files():
    return importlib.import_module("quotelens.yaml_files")


def load(*names: str):
    result = load_corpus([BAD / n for n in names])
    assert result.read == len(result.articles) + len(result.rejected)
    return result


def rejected(result) -> list[tuple[int | None, str]]:
    return [(None if pd.isna(r.line) else int(r.line), r.reason) for r in result.rejected.itertuples()]


# --- item 4: a raw NUL byte costs its line, not the file ---------------------------------------


def test_nul_byte_rejects_only_its_jsonl_line():
    result = load("nul_byte.jsonl")
    assert result.articles["article_id"].tolist() == ["nul-1", "nul-3"]
    [(line, reason)] = rejected(result)
    assert line == 2 and "NUL byte" in reason and "column 75" in reason
    assert result.rejected["origin"].tolist() == [f"{BAD_REL}/nul_byte.jsonl:2"]


def test_jsonl_in_utf16_without_bom_is_still_one_binary_file(tmp_path):
    lines = [json.dumps({"id": f"u-{i}", "text": "The envoy said so."}) for i in range(3)]
    (tmp_path / "u16.jsonl").write_bytes("\n".join(lines).encode("utf-16-le"))
    result = load_corpus([tmp_path / "u16.jsonl"])
    [(line, reason)] = rejected(result)
    assert line is None and "UTF-16 without a byte-order mark" in reason


# --- item 6: an unclosed CSV quote does not swallow the rows after it --------------------------


def test_unclosed_quote_costs_its_row_and_the_swallowed_rows_load():
    result = load("unclosed_quote_swallows.csv")
    assert result.read == 4
    assert result.articles["article_id"].tolist() == ["s-2", "s-3", "s-4"]
    assert result.articles.set_index("article_id").loc["s-3", "text"] == 'The screen measured 12"'
    [(line, reason)] = rejected(result)
    assert line == 2
    assert "closes only on line 4" in reason and "2 rows" in reason


def test_a_quoted_field_over_several_prose_lines_is_not_split(tmp_path):
    # Continuation lines of prose can hold the header's number of fields ("Another line, here.")
    # but do not start with an id-like first field: they stay one record.
    path = tmp_path / "prose.csv"
    path.write_text('id,text\na-1,"First line of the body.\nAnother line, here."\na-2,Next.\n', encoding="utf-8")
    result = load_corpus([path])
    assert result.articles["text"].tolist() == ["First line of the body.\nAnother line, here.", "Next."]
    assert result.rejected.empty


# --- item 8: symbolic links to folders, folders without inputs ---------------------------------


def test_symlinked_subfolder_is_followed_and_a_loop_reported():
    walked = BAD / "symlinks" / "walked"
    assert (walked / "linked").is_symlink() and (walked / "loop").is_symlink()
    result = load("symlinks/walked")
    assert result.articles["article_id"].tolist() == ["linked_article", "own_article"]
    assert result.articles["text"].iat[0].startswith("Jan Egeland said")
    skipped = dict(result.skipped)
    assert list(skipped) == [f"{BAD_REL}/symlinks/walked/loop"]
    assert skipped[f"{BAD_REL}/symlinks/walked/loop"].startswith("symbolic link loop")


def test_a_file_reached_twice_through_a_link_is_loaded_once():
    result = load("symlinks")
    assert result.articles["article_id"].tolist() == ["linked_article", "own_article"]
    skipped = dict(result.skipped)
    assert skipped[f"{BAD_REL}/symlinks/walked/linked/linked_article.txt"] == (
        f"the same file as {BAD_REL}/symlinks/outside/linked_article.txt (reached through a symbolic link); read once")


def test_survey_lists_every_entry_it_does_not_read():
    survey = files.survey_inputs(BAD / "only_unsupported")
    assert survey.files == [] and survey.unreadable == []
    assert [(p.name, why) for p, why in survey.skipped] == [
        ("README.md", "'.md' is not a supported suffix"),
        ("feed.ndjson", "'.ndjson' is not a supported suffix"),
        ("notes.json", "'.json' is not a supported suffix"),
    ]


def test_a_folder_without_inputs_is_an_error_naming_what_was_skipped():
    with pytest.raises(errors.NoArticlesError) as err:
        load_corpus([BAD / "only_unsupported"])
    assert isinstance(err.value, ValueError)
    message = str(err.value)
    assert "\n" not in message
    for name, suffix in (("README.md", ".md"), ("feed.ndjson", ".ndjson"), ("notes.json", ".json")):
        assert f"{name} ('{suffix}' is not a supported suffix)" in message
    assert len(err.value.skipped) == 3


def test_extract_on_a_folder_without_inputs_exits_2_with_one_line(tmp_path, cli_in_process):
    # in this process (a fresh process per command is test_cli_errors.py's question)
    proc = cli_in_process("extract", str(BAD / "only_unsupported"), "-o", str(tmp_path / "x.csv"), cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    assert "notes.json ('.json' is not a supported suffix)" in line and "README.md" in line
    assert not (tmp_path / "x.csv").exists()


# --- item 9: decoding per line, declared charsets ----------------------------------------------


def test_one_cp1252_line_does_not_turn_the_whole_jsonl_file_into_latin1():
    with pytest.warns(CorpusWarning, match=r"mixed_encoding\.jsonl: line 4 is not valid UTF-8 .*decoded as cp1252") as caught:
        result = load("mixed_encoding.jsonl")
    assert len(caught) == 1
    arts = result.articles
    assert arts["encoding"].tolist() == ["utf-8", "utf-8", "utf-8", "cp1252", "utf-8"]
    assert arts["text"].iat[0] == "\u201cWe are ready to return to Geneva,\u201d said Staffan de Mistura on Friday."
    assert arts["text"].iat[3] == "\u201cThe opposition\u2019s list is final,\u201d said Bashar al-Jaafari."
    statements = extract_statements(arts)
    assert len(statements) == 5 and statements["article_id"].nunique() == 5


def test_html_page_declared_charset_is_honoured():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        result = load("windows1256.html")
    [page] = result.articles.to_dict("records")
    assert page["encoding"] == "cp1256"  # Python's name for windows-1256
    assert page["title"] == "استئناف المحادثات في جنيف"
    assert page["text"].startswith("قال المبعوث الخاص إلى سوريا يوم الجمعة")


def test_html_page_in_utf8_despite_a_legacy_declaration(tmp_path):
    # A page re-saved as UTF-8 that kept its old <meta>: the bytes are UTF-8 with non-ASCII
    # text, which a single-byte legacy charset would turn into mojibake.
    source = (BAD / "windows1256.html").read_bytes().decode("windows-1256")
    (tmp_path / "resaved.html").write_bytes(source.encode("utf-8"))
    with pytest.warns(CorpusWarning, match=r"declares windows-1256 but is valid UTF-8"):
        result = load_corpus([tmp_path / "resaved.html"])
    assert result.articles["encoding"].tolist() == ["utf-8"]
    assert result.articles["text"].iat[0].startswith("قال المبعوث")


# --- item 10: two columns of one name ----------------------------------------------------------


def test_parquet_with_two_text_columns_is_rejected_by_load_corpus():
    [(line, reason)] = rejected(load("duplicate_text.parquet"))
    assert line is None and reason.startswith("duplicate column name 'text' (columns 2 and 3)")


def test_parquet_duplicate_columns_from_the_footer():
    """What a reader that cuts Parquet files into row groups (the pipeline) asks first."""
    reason = table_files.parquet_duplicate_columns(BAD / "duplicate_text.parquet")
    assert reason == rejected(load("duplicate_text.parquet"))[0][1]
    assert table_files.parquet_duplicate_columns(BAD / "truncated.parquet") is None  # the read says why


def test_parquet_with_two_text_columns_is_rejected_by_normalise_rows():
    """The chunked pipeline reads row groups itself and hands normalise_rows the header and
    records (where pandas has already kept one of the two columns): same rule, nothing loaded."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas: "DataFrame columns are not unique"
        # As the pipeline reads row groups (pyarrow.parquet.ParquetFile, then pandas).
        frame = pq.ParquetFile(BAD / "duplicate_text.parquet").read().to_pandas()
        records = frame.to_dict("records")
    result = normalise_rows(BAD / "duplicate_text.parquet", list(frame.columns), records, first_row=1)
    assert result.articles.empty and result.read == 1
    [(line, reason)] = rejected(result)
    assert line == 1 and reason.startswith("duplicate column name 'text' (columns 2 and 3)")
    assert "rows 1-2 not loaded" in reason


# --- item 13: values that cannot be typed ------------------------------------------------------


def test_untypeable_extra_columns_are_kept_as_text_and_a_lone_surrogate_rejects_its_row(tmp_path):
    with pytest.warns(CorpusWarning) as caught:
        result = load("extra_values.jsonl")
    arts = result.articles
    assert arts["article_id"].tolist() == ["x-1", "x-2"]
    assert arts["views"].tolist() == ["18446744073709551616", "12"]
    assert arts["shares"].tolist() == ["5", "many"]
    assert arts["meta"].tolist() == ["{}", "{}"]
    [(line, reason)] = rejected(result)
    assert line == 3 and "lone surrogate" in reason and "'text'" in reason
    notes = " ".join(str(w.message) for w in caught)
    assert f"column 'views'" in notes and f"{BAD_REL}/extra_values.jsonl:1" in notes
    assert "column 'shares'" in notes and "column 'meta'" in notes
    write_table(arts, tmp_path / "articles.parquet")  # Arrow used to refuse these columns
    assert read_table(tmp_path / "articles.parquet")["views"].tolist() == ["18446744073709551616", "12"]


def test_csv_integer_above_int64_is_kept_exactly(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("id,text,views\nb-1,The envoy said so.,18446744073709551616\nb-2,He said no.,7\n", encoding="utf-8")
    result = load_corpus([path])
    assert result.articles["views"].tolist() == ["18446744073709551616", "7"]


def test_deeply_nested_json_rejects_its_line():
    result = load("deep_nesting.jsonl.gz")
    assert result.articles["article_id"].tolist() == ["d-1"]
    [(line, reason)] = rejected(result)
    assert line == 2 and "nested too deeply" in reason


# --- item 16: duplicate names, gzip bound, duplicate YAML keys ---------------------------------


def test_csv_header_naming_a_column_twice_is_rejected():
    [(line, reason)] = rejected(load("duplicate_header.csv"))
    assert line is None and reason.startswith("duplicate column name 'text' (columns 2 and 4)")


def test_jsonl_object_with_a_key_twice_rejects_its_line():
    result = load("duplicate_keys.jsonl")
    assert result.articles["article_id"].tolist() == ["k-1"]
    assert rejected(result) == [(2, "duplicate key 'text' in the JSON object; which value is meant is unknown")]


def test_gzip_member_inflating_past_the_bound_is_rejected(monkeypatch):
    monkeypatch.setenv(decoding.MAX_GUNZIP_BYTES_ENV, str(1 << 20))
    [(line, reason)] = rejected(load("inflates_4mib.jsonl.gz"))
    assert line is None
    assert reason == ("gzip data inflates past the limit of 1,048,576 bytes; not read "
                      "(the limit is set by QUOTELENS_MAX_GUNZIP_BYTES)")


def test_gzip_bound_holds_memory_flat(tmp_path, monkeypatch):
    # 256 MiB of zeros, compressed in pieces (about 250 KB on disk).
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    packed = b"".join(packer.compress(block) for _ in range(256)) + packer.flush()
    (tmp_path / "bomb.txt.gz").write_bytes(packed)
    monkeypatch.setenv(decoding.MAX_GUNZIP_BYTES_ENV, str(4 << 20))
    tracemalloc.start()
    try:
        with pytest.raises(RejectedInput, match="inflates past the limit of 4,194,304 bytes"):
            read_input_bytes(tmp_path / "bomb.txt.gz")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 24 << 20, f"peak {peak:,} bytes"


def test_gzip_bound_default_and_bad_setting(monkeypatch, tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Title\n\nThe envoy said so.\n", mtime=0))
    monkeypatch.delenv(decoding.MAX_GUNZIP_BYTES_ENV, raising=False)
    assert read_input_bytes(tmp_path / "a.txt.gz")[0].startswith(b"Title")
    monkeypatch.setenv(decoding.MAX_GUNZIP_BYTES_ENV, "lots")
    with pytest.raises(ValueError, match="QUOTELENS_MAX_GUNZIP_BYTES must be a whole number of bytes"):
        read_input_bytes(tmp_path / "a.txt.gz")


def test_yaml_duplicate_key_is_an_error_with_its_line():
    with pytest.raises(yaml_files().DuplicateKeyError) as err:
        yaml_files().load_yaml((BAD / "config_duplicate_key.yaml").read_text(encoding="utf-8"))
    assert isinstance(err.value, yaml.YAMLError)
    assert "duplicate key '01_articles'" in str(err.value) and "line 10" in str(err.value)
    assert "first on line 6" in str(err.value)
    # Keys that repeat only through a merge (<<) are YAML's way of overriding, not duplicates.
    assert yaml_files().load_yaml("base: &b {a: 1, b: 2}\nother:\n  <<: *b\n  b: 3\n") == {"base": {"a": 1, "b": 2}, "other": {"a": 1, "b": 3}}


def test_registry_with_a_duplicate_key_is_refused():
    with pytest.raises(RegistryError) as err:
        load_registry(BAD / "actors_duplicate_key.yaml")
    assert str(err.value).startswith(f"{BAD / 'actors_duplicate_key.yaml'}: not valid YAML")
    assert "duplicate key 'aliases'" in str(err.value) and "line 7" in str(err.value)


def test_sentiment_dictionary_with_a_duplicate_key_is_refused():
    with pytest.raises(ValueError, match=r"(?s)not valid YAML.*duplicate key 'positive' \(first on line 2\).*line 4"):
        load_dictionary(BAD / "dictionary_duplicate_key.yaml")


def test_gzip_members_longer_than_one_read_piece(tmp_path):
    """Found while bounding gzip: a second member that started after the first 64 KiB of
    compressed data was read from the wrong place and reported as a truncated stream."""
    # Hex digests as filler: they compress about 2:1, so the first member passes 64 KiB.
    rows = [json.dumps({"id": f"g-{i}", "text": f"Jan Egeland said convoy {i} had left, code "
                        + hashlib.sha256(str(i).encode()).hexdigest() * 2 + "."}) for i in range(4000)]
    first, second = "\n".join(rows[:2000]) + "\n", "\n".join(rows[2000:]) + "\n"
    packed = gzip.compress(first.encode(), mtime=0) + gzip.compress(second.encode(), mtime=0)
    assert len(gzip.compress(first.encode(), mtime=0)) > 1 << 16
    (tmp_path / "two_members.jsonl.gz").write_bytes(packed)
    result = load_corpus([tmp_path / "two_members.jsonl.gz"])
    assert result.rejected.empty and len(result.articles) == 4000

"""The catalogue of bad inputs in tests/data/bad/: every file gives a clear message naming the
file and the position, the good parts still load, and read == loaded + rejected.

Files (made to look like what scrapers and archives really produce):
  archive_ok.jsonl.gz       a good gzip-compressed JSONL archive (5 articles)
  truncated.jsonl.gz        the same archive cut at 70% of its bytes
  not_really.csv.gz         plain CSV behind a .gz name
  truncated.parquet         a Parquet file cut in half (no footer)
  embedded_newlines.csv     valid CSV whose quoted text fields hold line breaks
  mismatched_quotes.csv     a stray quote inside a field (row 2) and a quote that never closes (row 4)
  broken_line.jsonl         line 3 of 5 cut off in the middle of a string
  utf16_bom.csv             UTF-16 with a byte-order mark (loads)
  utf16_no_bom.txt          UTF-16 without one (rejected as binary: it is full of NUL bytes)
  empty.jsonl, empty.txt    0 bytes
  unreadable/               good.txt beside dangling.jsonl, a symbolic link to a missing file;
                            the tests add a named pipe (FIFO) at run time (git cannot store one)
  actors_duplicate_alias.yaml, actors_bad_yaml.yaml, actors_python_tag.yaml, config_python_tag.yaml

Added for issue 16 (second round; the per-item tests are in tests/test_load_reliability.py,
the reconciliation of each file is checked here):
  nul_byte.jsonl            one raw NUL byte on line 2 of 3
  unclosed_quote_swallows.csv  a quote opened on line 2 that the csv module would close at an
                            inch mark on line 4, swallowing two rows
  mixed_encoding.jsonl      lines 1-3 and 5 UTF-8, line 4 written as cp1252
  windows1256.html          an Arabic page that declares charset=windows-1256
  duplicate_text.parquet    two columns named text
  duplicate_header.csv      a header naming text twice
  duplicate_keys.jsonl      line 2 is an object with the key text twice
  extra_values.jsonl        an integer above 2^63, a column mixing int and str, {} values, and
                            (line 3) a lone surrogate escaped in the text
  deep_nesting.jsonl.gz     line 2 nests JSON arrays 100,000 deep
  inflates_4mib.jsonl.gz    4 KB that inflate to 4 MiB: past the 1 MiB bound the tests set
  only_unsupported/         notes.json, feed.ndjson and README.md: nothing to load
  symlinks/                 walked/ holds an article, linked -> ../outside (a folder with one
                            more article) and loop -> . (a link to itself)
  actors_duplicate_key.yaml, config_duplicate_key.yaml, dictionary_duplicate_key.yaml,
  topic_words_duplicate_key.yaml: a key given twice (the last: tests/test_yaml_readers.py)

Added for issue 16 (third round; texts and titles from GUM's Wikinews articles, train split):
  all_rejected/             paywalled.jsonl (no text, an empty text, an unreadable date) and
                            feed_export.csv (an empty and a blank text): 5 records, none loads;
                            commands refuse it (tests/test_load_no_articles.py)
  cp1252_row.csv            UTF-8 rows; line 5 and the second line of the record on lines 6-7
                            written as cp1252
  unclosed_quote_middle.csv, unclosed_quote_last_row.csv, unclosed_quote_prose.csv: a quote left
                            open in a middle row of a file without ids, in the last row, and
                            before paragraphs of prose (tests/test_load_csv_records.py)

Unreadable files: CI runs as root, and root reads a chmod 000 file anyway, so unreadability is
simulated by a broken symbolic link, a FIFO and (for permissions) a read that raises
PermissionError.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from quotelens import config
from quotelens.contracts import ARTICLE_CONTRACT_COLUMNS
from quotelens.extract.registry import RegistryError, load_registry
from quotelens.load.corpus import load_corpus
from quotelens.load.decoding import MAX_GUNZIP_BYTES_ENV
from quotelens.load.errors import NoArticlesError

BAD = Path(__file__).parent / "data" / "bad"
BAD_REL = config.relative(BAD)
MARKER = Path("/tmp/quotelens_pwned")  # the payload of the python-tag files would create it


def load(name: str):
    result = load_corpus([BAD / name])
    assert result.read == len(result.articles) + len(result.rejected)
    return result


def rejected(result) -> list[tuple[int | None, str, str]]:
    return [(None if pd.isna(r.line) else int(r.line), r.origin, r.reason) for r in result.rejected.itertuples()]


# --------------------------------------------------------------------------------------------
# Articles


def test_gzip_archive_loads_like_the_plain_file(tmp_path):
    plain = tmp_path / "archive_ok.jsonl"
    plain.write_bytes(gzip.decompress((BAD / "archive_ok.jsonl.gz").read_bytes()))
    packed, unpacked = load("archive_ok.jsonl.gz"), load_corpus([plain])
    assert packed.articles["article_id"].tolist() == ["gz-1", "gz-2", "gz-3", "gz-4", "gz-5"]
    cols = [c for c in ARTICLE_CONTRACT_COLUMNS if c != "origin"]  # origin names the file, which differs
    pd.testing.assert_frame_equal(packed.articles[cols], unpacked.articles[cols])
    assert packed.articles["origin"].iat[1] == f"{BAD_REL}/archive_ok.jsonl.gz:2"


def test_gzip_csv_and_seed_format_text(tmp_path):
    (tmp_path / "feed.csv.gz").write_bytes(gzip.compress(b"id,text\nc-1,\"He said: \"\"yes\"\".\"\n", mtime=0))
    (tmp_path / "story.txt.gz").write_bytes(gzip.compress("Headline\n\nThe envoy said the talks resumed.\n".encode(), mtime=0))
    result = load_corpus([tmp_path])
    assert result.articles["article_id"].tolist() == ["c-1", "story"]
    assert result.articles["text"].tolist() == ['He said: "yes".', "The envoy said the talks resumed.\n"]
    assert result.articles["title"].iat[1] == "Headline"


def test_truncated_gzip_keeps_the_complete_lines():
    result = load("truncated.jsonl.gz")
    assert result.articles["article_id"].tolist() == ["gz-1", "gz-2"]
    [(line, origin, reason)] = rejected(result)
    assert line == 3 and origin == f"{BAD_REL}/truncated.jsonl.gz:3"
    assert reason.startswith("gzip stream truncated") and "this line and any after it are lost" in reason


def test_truncated_gzip_article_is_rejected_whole(tmp_path):
    packed = gzip.compress(("Headline\n\n" + "The envoy said the talks resumed. " * 200).encode(), mtime=0)
    (tmp_path / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    result = load_corpus([tmp_path])
    assert len(result.articles) == 0
    assert "gzip stream truncated" in result.rejected["reason"].iat[0]
    assert "an article cut short is not loaded" in result.rejected["reason"].iat[0]


def test_gz_name_on_plain_text_is_rejected():
    [(line, origin, reason)] = rejected(load("not_really.csv.gz"))
    assert line is None and origin == f"{BAD_REL}/not_really.csv.gz"
    assert "not a gzip file" in reason


def test_parquet_gz_is_not_an_input(tmp_path):
    (tmp_path / "x.parquet.gz").write_bytes(b"\x1f\x8b")
    with pytest.raises(ValueError, match=r"x\.parquet\.gz: unsupported file type"):
        load_corpus([tmp_path / "x.parquet.gz"])
    # In a folder it is not an input at all; a folder with nothing else is an error naming it
    # (issue 16: this used to be "read 0 = loaded 0 + rejected 0").
    with pytest.raises(NoArticlesError, match=r"x\.parquet\.gz \('\.parquet\.gz' is not a supported suffix\)"):
        load_corpus([tmp_path])


def test_truncated_parquet():
    [(line, origin, reason)] = rejected(load("truncated.parquet"))
    assert origin == f"{BAD_REL}/truncated.parquet"
    assert reason.startswith("unreadable Parquet file") and "magic bytes" in reason


def test_csv_with_line_breaks_inside_fields():
    result = load("embedded_newlines.csv")
    arts = result.articles.set_index("article_id")
    assert arts.loc["n-1", "text"] == "Line one of the body.\n\nA second paragraph, after a blank line."
    assert arts.loc["n-2", "text"] == '"We will win," the commander said.\nHe did not say when.'
    # origin: the line each record starts on
    assert [o.rsplit(":", 1)[1] for o in result.articles["origin"]] == ["2", "5", "7"]
    assert result.rejected.empty


def test_csv_with_mismatched_quotes_loses_only_the_bad_rows():
    result = load("mismatched_quotes.csv")
    assert result.articles["article_id"].tolist() == ["m-1", "m-3", "m-5"]
    bad = rejected(result)
    assert [(line, origin) for line, origin, _ in bad] == [
        (3, f"{BAD_REL}/mismatched_quotes.csv:3"), (5, f"{BAD_REL}/mismatched_quotes.csv:5"),
    ]
    assert all(reason.startswith("malformed CSV record") for _, _, reason in bad)
    assert "unexpected end of data" in bad[1][2]


def test_jsonl_with_a_broken_line_in_the_middle():
    result = load("broken_line.jsonl")
    assert result.articles["article_id"].tolist() == ["gz-1", "gz-2", "gz-4", "gz-5"]
    [(line, origin, reason)] = rejected(result)
    assert line == 3 and origin == f"{BAD_REL}/broken_line.jsonl:3"
    assert reason.startswith("malformed JSON (Unterminated string")


def test_utf16_with_and_without_byte_order_mark():
    ok = load("utf16_bom.csv")
    assert ok.articles["text"].tolist() == ["Die Gespräche wurden am Montag fortgesetzt."]
    assert ok.articles["encoding"].tolist() == ["utf-16"]
    [(line, origin, reason)] = rejected(load("utf16_no_bom.txt"))
    assert origin == f"{BAD_REL}/utf16_no_bom.txt" and "UTF-16 without a byte-order mark" in reason


@pytest.mark.parametrize("name", ["empty.jsonl", "empty.txt"])
def test_zero_byte_files(name):
    [(line, origin, reason)] = rejected(load(name))
    assert origin == f"{BAD_REL}/{name}" and reason == "empty file"


def _load_with_timeout(paths, seconds: float = 60):
    """load_corpus in a thread: opening a FIFO for reading would block for ever."""
    box = {}
    thread = threading.Thread(target=lambda: box.setdefault("result", load_corpus(paths)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert "result" in box, "load_corpus blocked (it opened a pipe?)"
    return box["result"]


def test_folder_with_unreadable_entries(tmp_path):
    folder = tmp_path / "unreadable"
    shutil.copytree(BAD / "unreadable", folder, symlinks=True)
    assert (folder / "dangling.jsonl").is_symlink()
    os.mkfifo(folder / "pipe.csv")
    (folder / "subfolder.jsonl").mkdir()  # a folder with a table's name is searched, not read
    (folder / "subfolder.jsonl" / "inner.txt").write_text("Inner\n\nThe minister said so.\n", encoding="utf-8")
    result = _load_with_timeout([folder])
    assert result.read == len(result.articles) + len(result.rejected) == 4
    assert result.articles["article_id"].tolist() == ["good", "inner"]
    reasons = dict(zip(result.rejected["origin"], result.rejected["reason"]))
    rel = config.relative(folder)
    assert reasons[f"{rel}/dangling.jsonl"] == "broken symbolic link (points to 'moved_away.jsonl', which does not exist)"
    assert reasons[f"{rel}/pipe.csv"] == "not a regular file: a named pipe (FIFO); not opened"


def test_file_without_read_permission(tmp_path, monkeypatch):
    """Simulated: root (CI) can read a chmod 000 file, so the read itself is made to fail."""
    good = tmp_path / "a.txt"
    locked = tmp_path / "b.jsonl"
    good.write_text("Title\n\nThe envoy said the talks resumed.\n", encoding="utf-8")
    locked.write_text('{"id": "x", "text": "secret"}\n', encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = load_corpus([tmp_path])
    assert result.articles["article_id"].tolist() == ["a"]
    assert rejected(result) == [(None, config.relative(locked), "cannot read the file (Permission denied)")]


# Issue 16: read = loaded + rejected (and entries skipped, not counted) per catalogue entry.
ISSUE_16_RECONCILIATION = {
    "nul_byte.jsonl": (3, 2, 1, 0),
    "unclosed_quote_swallows.csv": (4, 3, 1, 0),
    "mixed_encoding.jsonl": (5, 5, 0, 0),
    "windows1256.html": (1, 1, 0, 0),
    "duplicate_text.parquet": (1, 0, 1, 0),
    "duplicate_header.csv": (1, 0, 1, 0),
    "duplicate_keys.jsonl": (2, 1, 1, 0),
    "extra_values.jsonl": (3, 2, 1, 0),
    "deep_nesting.jsonl.gz": (2, 1, 1, 0),
    "inflates_4mib.jsonl.gz": (1, 0, 1, 0),
    "symlinks/walked": (2, 2, 0, 1),
    "symlinks": (2, 2, 0, 2),
    # third round (tests/test_load_no_articles.py): loads nothing, so commands refuse it
    "all_rejected": (5, 0, 5, 0),
    # third round (tests/test_load_csv_records.py)
    "cp1252_row.csv": (6, 6, 0, 0),
    "unclosed_quote_middle.csv": (5, 4, 1, 0),
    "unclosed_quote_last_row.csv": (3, 2, 1, 0),
    "unclosed_quote_prose.csv": (5, 4, 1, 0),
}


@pytest.fixture
def gunzip_bound_1mib(monkeypatch):
    """The catalogue's gzip bomb is small (4 MiB inflated); the bound is lowered to match."""
    monkeypatch.setenv(MAX_GUNZIP_BYTES_ENV, str(1 << 20))


@pytest.mark.parametrize("name", ISSUE_16_RECONCILIATION)
@pytest.mark.filterwarnings("ignore::quotelens.load.errors.CorpusWarning")
def test_issue_16_files_reconcile(name, gunzip_bound_1mib):
    result = load(name)
    assert (result.read, len(result.articles), len(result.rejected), len(result.skipped)) == ISSUE_16_RECONCILIATION[name]
    assert all(origin.startswith(f"{BAD_REL}/") for origin in result.rejected["origin"])


def test_folder_without_inputs_is_an_error():
    with pytest.raises(NoArticlesError) as err:
        load("only_unsupported")
    assert [reason for _, reason in err.value.skipped] == [
        "'.md' is not a supported suffix", "'.ndjson' is not a supported suffix", "'.json' is not a supported suffix"]


@pytest.mark.filterwarnings("ignore::quotelens.load.errors.CorpusWarning")
def test_whole_catalogue_reconciles(gunzip_bound_1mib):
    """Every input unit of the catalogue is either loaded or rejected with a reason."""
    result = load_corpus([BAD])
    assert result.read == len(result.articles) + len(result.rejected)
    # Before issue 16: ok.gz, truncated.gz, csvs, jsonl, utf16, good.txt; then its files: NUL
    # byte, unclosed quote, mixed encoding, the Arabic page, extra values, deep nesting,
    # duplicate keys, the two articles under symlinks/; then (third round) the CSV rows of
    # cp1252_row and the three files with an unclosed quote
    assert len(result.articles) == 5 + 2 + 3 + 3 + 4 + 1 + 1 + (2 + 3 + 5 + 1 + 2 + 1 + 1 + 2) + (6 + 4 + 2 + 4)
    # broken line, 2 empty files, 2 bad CSV records, fake .gz, truncated .gz and .parquet, dangling link, UTF-16 without BOM;
    # then the NUL line, the unclosed-quote line, two files with a column twice, the surrogate
    # line, the deep line, the line with a key twice and the gzip bomb; then (third round) the
    # 5 records of all_rejected/ and the record of each unclosed quote
    assert len(result.rejected) == 10 + 8 + 5 + 3
    assert result.rejected["reason"].str.len().min() > 5
    assert result.rejected["origin"].str.startswith(BAD_REL + "/").all()
    # Not inputs, each reported: 8 YAML files, the 3 files of only_unsupported/, the link loop
    # and the article reached a second time through symlinks/walked/linked
    assert len(result.skipped) == 8 + 3 + 2
    assert all(entry.startswith(BAD_REL + "/") and reason for entry, reason in result.skipped)


# --------------------------------------------------------------------------------------------
# YAML: registries, configs, dictionaries


def test_registry_with_a_duplicate_alias():
    with pytest.raises(RegistryError) as err:
        load_registry(BAD / "actors_duplicate_alias.yaml")
    message = str(err.value)
    assert message.startswith(str(BAD / "actors_duplicate_alias.yaml"))
    assert "actor #3 (Maria Zakharova): alias 'Lavrov' is already used by actor 'Sergei Lavrov' (actor #3 starts on line 10)" in message


def test_registry_with_bad_yaml_names_line_and_column():
    with pytest.raises(RegistryError) as err:
        load_registry(BAD / "actors_bad_yaml.yaml")
    message = str(err.value)
    assert message.startswith(f"{BAD / 'actors_bad_yaml.yaml'}: not valid YAML")
    assert "line 5, column 10" in message


@pytest.fixture
def no_marker():
    MARKER.unlink(missing_ok=True)
    yield
    assert not MARKER.exists(), "a YAML tag ran code"


def test_registry_python_tag_is_refused(no_marker):
    with pytest.raises(RegistryError, match=r"could not determine a constructor for the tag .*python/object/apply"):
        load_registry(BAD / "actors_python_tag.yaml")


def test_config_python_tag_is_refused(no_marker):
    from quotelens.report.runner import ReportConfigError, load_config

    with pytest.raises(ReportConfigError, match=r"config_python_tag\.yaml: line 1, column 7: not valid YAML"):
        load_config(BAD / "config_python_tag.yaml")


def test_other_yaml_readers_refuse_python_tags(tmp_path, no_marker):
    from quotelens.compare.comparisons import load_outlet_groups
    from quotelens.sentiment.lexicons import load_dictionary
    from quotelens.sentiment.masking import load_topic_words

    payload = '!!python/object/apply:os.system ["echo pwned > /tmp/quotelens_pwned"]'
    cases = {
        "groups.yaml": (load_outlet_groups, f"groups:\n  - name: {payload}\n"),
        "dictionary.yaml": (load_dictionary, f"positive: [{payload}]\n"),
        "topics.yaml": (load_topic_words, f"name: x\nterms: [{payload}]\n"),
    }
    for name, (reader, text) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ValueError, match="not valid YAML"):
            reader(path)


def test_no_unsafe_yaml_loading_anywhere():
    """Static guard: every YAML read in the package, scripts and notebooks is safe_load."""
    unsafe = re.compile(r"yaml\.(?:load|unsafe_load|full_load|load_all)\s*\(|Loader\s*=\s*yaml\.(?:Loader|FullLoader|UnsafeLoader)")
    offenders = []
    for folder in ("src", "scripts", "notebooks"):
        for path in sorted((config.PROJ_ROOT / folder).rglob("*")):
            if path.suffix in (".py", ".ipynb") and unsafe.search(path.read_text(encoding="utf-8")):
                offenders.append(config.relative(path))
    assert offenders == []

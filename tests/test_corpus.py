"""quotelens.load.corpus: loading the seed, FA-KES and crafted bad files; duplicates; counts."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotelens import config
from quotelens.contracts import ARTICLE_COLUMNS, REJECTED_COLUMNS
from quotelens.load.corpus import (
    CorpusWarning,
    LoadResult,
    is_headline,
    load_corpus,
    mark_duplicates,
    normalise_rows,
    parse_date,
    read_seed_file,
    shingles,
    split_headlines,
)
from quotelens.tables import write_table

SEED = config.SEEDS_DIR / "000_aff2fd669e79066c.txt"
SEED_ID = "000_aff2fd669e79066c"
DEFAULT_CORPUS = ["seeds", "data/raw/fa-kes/FA-KES-Dataset.csv"]


def reconciled(result: LoadResult) -> LoadResult:
    """Assert the invariants every load must keep, and return the result."""
    assert result.read == len(result.articles) + len(result.rejected)
    assert list(result.rejected.columns) == REJECTED_COLUMNS
    assert list(result.articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert result.articles["article_id"].is_unique
    assert all(isinstance(i, str) and i for i in result.articles["article_id"])
    assert str(result.articles["date"].dtype) == "datetime64[ns]"
    assert f"read {result.read} = loaded {len(result.articles)}" in result.summary()
    return result


@pytest.fixture(scope="module")
def default_corpus(default_load) -> LoadResult:
    """The default corpus as conftest loads it once for the test run (load_corpus of the same
    two paths: test_ids_are_stable_and_repeated_ids_suffixed loads it again and compares)."""
    return reconciled(default_load)


# --- the seed format -------------------------------------------------------------------------


def test_seed_headlines_title_and_body():
    article = read_seed_file(SEED)
    assert article["article_id"] == SEED_ID
    assert article["title"] == "'No breakthrough, no breakdown' as Syria talks wrap up"
    assert article["headlines"] == [
        "No direct talks in sight between Syria's warring sides",
        "Syria Describes Seventh Round of Dialogue in Geneva as Useful",
    ]
    assert article["text"].startswith("The head of the Syrian governmental delegation")
    assert article["encoding"] == "utf-8"
    assert article["origin"] == "seeds/000_aff2fd669e79066c.txt"


def test_seed_body_is_the_file_tail_unchanged():
    raw = SEED.read_text(encoding="utf-8")
    text = read_seed_file(SEED)["text"]
    # Only the leading headlines are sliced off: the body is byte-for-byte the rest of the file.
    assert raw.endswith(text)
    assert raw[len(raw) - len(text):] == text
    assert raw[: len(raw) - len(text)].rstrip().endswith("Syria Describes Seventh Round of Dialogue in Geneva as Useful")
    # Offsets into `text` index the body: a gold quote is found where the file has it.
    quote = "No breakthrough, no breakdown, no one walking out"
    start = text.index(quote)
    assert raw[len(raw) - len(text) + start:][: len(quote)] == quote


def test_headline_versus_one_line_paragraph():
    # Real one-line paragraphs of the seed end like sentences; its headlines do not.
    assert not is_headline("The U.N. envoy said he has seen no sign that Assad's representatives would ever discuss political transition.")
    assert not is_headline('Delattre stressed that "the fight against terrorism is our number one priority" and the only way to get rid of terrorists "is through a negotiated political solution".')
    assert not is_headline('"Talks will resume," he said."')
    assert is_headline("'No breakthrough, no breakdown' as Syria talks wrap up")
    assert not is_headline("A headline\nthat spans two lines")
    assert not is_headline("x" * 250)


def test_one_line_paragraph_after_headline_is_body():
    text = "Envoy hopeful\n\nThe envoy said talks would resume.\n\nMore text here.\n"
    headlines, start = split_headlines(text)
    assert headlines == ["Envoy hopeful"]
    assert text[start:].startswith("The envoy said")


def test_single_block_file_is_all_body(tmp_path):
    path = tmp_path / "one.txt"
    path.write_text("Short note without punctuation", encoding="utf-8")
    article = read_seed_file(path)
    assert article["title"] == "" and article["headlines"] == []
    assert article["text"] == "Short note without punctuation"


def test_crlf_text_kept_as_in_file(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Headline here\r\n\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n")
    article = read_seed_file(path)
    assert article["title"] == "Headline here"
    assert article["text"] == "First paragraph.\r\n\r\nSecond paragraph.\r\n"


# --- the default corpus ----------------------------------------------------------------------


def test_default_corpus_loads_805_articles(default_corpus):
    articles = default_corpus.articles
    assert len(articles) == 805 and default_corpus.read == 805 and default_corpus.rejected.empty
    assert articles["article_id"].iloc[0] == SEED_ID
    seed = articles.iloc[0]
    assert pd.isna(seed["date"]) and seed["source"] is None
    fakes = articles.iloc[1:]
    assert fakes["date"].notna().all()
    assert fakes["date"].min() >= pd.Timestamp("2011-01-01") and fakes["date"].max() < pd.Timestamp("2019-01-01")
    assert fakes["source"].nunique() == 15
    # FA-KES' other columns pass through; labels stay integers (missing for the seed).
    assert str(articles["labels"].dtype) == "Int64" and pd.isna(articles["labels"].iloc[0])
    assert set(fakes["labels"]) == {0, 1}
    assert "location" in articles.columns


def test_fakes_first_row_and_month_first_dates(default_corpus):
    row = default_corpus.articles.set_index("article_id").loc["1914947530"]
    assert row["title"] == "Syria attack symptoms consistent with nerve agent use WHO"
    assert row["date"] == pd.Timestamp("2017-04-05")  # 4/5/2017 is 5 April
    assert row["origin"] == "data/raw/fa-kes/FA-KES-Dataset.csv:2"
    assert row["text"].startswith("Wed 05 Apr 2017 Syria attack symptoms")


def test_fakes_autodetected_equals_explicit_mapping():
    auto = reconciled(load_corpus(config.FAKES_CSV)).articles
    mapped = reconciled(
        load_corpus(config.FAKES_CSV, columns={"id": "unit_id", "title": "article_title", "text": "article_content"})
    ).articles
    pd.testing.assert_frame_equal(auto, mapped)
    assert len(auto) == 804


def test_ids_are_stable_and_repeated_ids_suffixed(default_corpus):
    again = load_corpus(DEFAULT_CORPUS).articles
    assert again["article_id"].tolist() == default_corpus.articles["article_id"].tolist()
    assert again["sha256"].tolist() == default_corpus.articles["sha256"].tolist()
    articles = default_corpus.articles.set_index("article_id")
    # FA-KES repeats unit_id 1926479049 on four rows: the first keeps it.
    assert pd.isna(articles.loc["1926479049", "original_id"])
    for suffix in ("_2", "_3", "_4"):
        assert articles.loc["1926479049" + suffix, "original_id"] == "1926479049"


# --- duplicates ------------------------------------------------------------------------------


def test_fakes_exact_duplicates(default_corpus):
    articles = default_corpus.articles.set_index("article_id")
    for copy in ("1926479049_2", "1926479049_3", "1926479049_4"):
        assert articles.loc[copy, "duplicate_of"] == "1926479049"
        assert articles.loc[copy, "duplicate_similarity"] == 1.0
    # Same story under two different unit ids and dates (trt, 4/15/2017 and 4/2/2017).
    assert articles.loc["1924058078", "duplicate_of"] == "1919191772"
    assert articles.loc["1924058078", "text"] == articles.loc["1919191772", "text"]
    assert pd.isna(articles.loc["1919191772", "duplicate_of"])


def test_duplicates_false_skips_only_the_duplicate_columns(default_corpus):
    fast = load_corpus(DEFAULT_CORPUS, duplicates=False)
    assert "duplicate_of" not in fast.articles.columns and "duplicate_similarity" not in fast.articles.columns
    expected = default_corpus.articles.drop(columns=["duplicate_of", "duplicate_similarity"])
    pd.testing.assert_frame_equal(fast.articles, expected)
    assert fast.read == default_corpus.read
    pd.testing.assert_frame_equal(fast.rejected, default_corpus.rejected)


def test_fakes_near_duplicates(default_corpus):
    articles = default_corpus.articles.set_index("article_id")
    # SANA's story re-published with the date moved behind the headline: not identical.
    a, b = articles.loc["1926478916", "text"], articles.loc["1926478984", "text"]
    assert a != b
    assert articles.loc["1926478984", "duplicate_of"] == "1926478916"
    assert 0.8 < articles.loc["1926478984", "duplicate_similarity"] < 1.0
    # Two outlets' own reports of one event ("17 Killed as Qaeda Attacks Syria Kurd Town")
    # share words but are not copies.
    assert pd.isna(articles.loc["1965511109", "duplicate_of"])
    # Copies are flagged, never dropped.
    assert len(articles) == 805
    flagged = articles["duplicate_of"].notna()
    assert 30 <= flagged.sum() <= 80
    assert articles.loc[flagged, "duplicate_of"].isin(articles.index[~flagged]).all()


def test_modified_copy_of_seed_is_a_near_duplicate(tmp_path):
    seed_text = read_seed_file(SEED)["text"]
    paragraphs = seed_text.split("\n\n")
    edited = "\n\n".join(
        ["GENEVA (Agency) - The Syrian delegation head called the seventh round useful."]
        + paragraphs[1:-3]  # a new lead, the last paragraphs trimmed
    ).replace("de Mistura", "De Mistura")
    unrelated = "Prices of olive oil rose sharply in the market this week as the harvest failed in the north."
    table = tmp_path / "copies.jsonl"
    table.write_text(
        "\n".join(json.dumps(r) for r in [
            {"id": "copy", "text": edited},
            {"id": "other", "text": unrelated},
        ]) + "\n",
        encoding="utf-8",
    )
    result = reconciled(load_corpus(["seeds", table]))
    articles = result.articles.set_index("article_id")
    assert articles.loc["copy", "duplicate_of"] == SEED_ID
    assert 0.5 <= articles.loc["copy", "duplicate_similarity"] < 1.0
    assert pd.isna(articles.loc["other", "duplicate_of"])
    assert pd.isna(articles.loc[SEED_ID, "duplicate_of"])


def test_duplicate_points_to_earliest_copy_in_load_order():
    text = "The envoy said the talks would resume next week in Geneva after a short break for all."
    frame = pd.DataFrame({
        "article_id": ["a", "b", "c", "d"],
        "text": [text + " Extra words at the end to vary it a little.", "Something else entirely, nothing shared.", text, text],
        "sha256": ["x"] * 4,
    })
    out = mark_duplicates(frame, jaccard=0.5)
    assert out["duplicate_of"].tolist() == [None, None, "a", "a"]
    assert list(out.columns) == ["article_id", "text", "sha256", "duplicate_of", "duplicate_similarity"]
    assert len(out) == len(frame)  # nothing dropped


def test_shingles_ignore_case_and_apostrophes():
    assert shingles("Assad's forces took the town today") == shingles("ASSADS forces took the town today")
    assert len(shingles("one two three four five six")) == 2
    assert shingles("too short") == {"too short"}


# --- formats ---------------------------------------------------------------------------------


def test_folder_recursive_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Headline Z\n\nBody z.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline A\n\nBody a.\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Skipped\n\nNot loaded.\n", encoding="utf-8")
    result = reconciled(load_corpus(tmp_path))
    assert result.articles["article_id"].tolist() == ["a", "z"]
    assert result.articles["title"].tolist() == ["Headline A", "Headline Z"]


def test_jsonl_csv_parquet_with_article_id_and_passthrough(tmp_path):
    rows = [
        {"article_id": 7, "title": "T", "text": "Body seven.", "source": "wire", "date": "2017-12-01", "url": "http://x/7", "rating": 3},
        {"article_id": 8, "title": "U", "text": "Body eight.", "source": "wire", "date": "2017-12-02T10:00:00+02:00", "url": None, "rating": 5},
    ]
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    frame = pd.DataFrame(rows).rename(columns={"article_id": "id"})
    frame["id"] = ["p7", "p8"]
    write_table(frame, tmp_path / "b.csv")
    frame["id"] = ["q7", "q8"]
    frame["date"] = pd.to_datetime(["2017-12-01", None])
    write_table(frame, tmp_path / "c.parquet")
    result = reconciled(load_corpus([jsonl, tmp_path / "b.csv", tmp_path / "c.parquet"]))
    a = result.articles
    assert a["article_id"].tolist() == ["7", "8", "p7", "p8", "q7", "q8"]
    assert a["rating"].tolist() == [3, 5, 3, 5, 3, 5] and str(a["rating"].dtype) == "Int64"
    assert a["date"].iloc[1] == pd.Timestamp("2017-12-02 08:00:00")  # converted to UTC
    assert pd.isna(a["date"].iloc[5])
    assert a["url"].iloc[1] is None and a["url"].iloc[0] == "http://x/7"
    assert a["origin"].tolist()[0].endswith("a.jsonl:1")
    assert a["origin"].tolist()[2].endswith("b.csv:2")
    assert a["origin"].tolist()[5].endswith("c.parquet:row 2")
    assert (a["headlines"].map(len) == 0).all()


def test_normalise_rows_equals_the_same_rows_of_a_whole_load(tmp_path):
    # A slice of a Parquet file (rows 3-5) gives the articles and rejections load_corpus makes
    # from those rows of the whole file: same row numbers in origins, ids, typed extras.
    frame = pd.DataFrame({
        "key": ["k1", "k2", None, "k2", "k5"],
        "body": ["One.", "Two.", "Three.", None, "Five."],
        "when": ["2017-01-02", "2017-01-03", "not a date", "2017-01-05", None],
        "rating": [1, 2, 3, 4, 5],
    })
    path = tmp_path / "slice.parquet"
    write_table(frame, path)
    mapping = {"id": "key", "text": "body", "date": "when"}
    whole = reconciled(load_corpus(path, columns=mapping))
    records = frame.to_dict("records")
    part = normalise_rows(path, list(frame.columns), records[2:], 3, columns=mapping)
    assert part.read == 3 == len(part.articles) + len(part.rejected)
    # rows 3 (bad date) and 4 (no text) are rejected in both, with the file's row numbers
    assert part.rejected["line"].tolist() == [3, 4] == whole.rejected["line"].tolist()
    pd.testing.assert_frame_equal(part.rejected, whole.rejected)
    expected = whole.articles[whole.articles["origin"].str.endswith(":row 5")].reset_index(drop=True)
    pd.testing.assert_frame_equal(part.articles, expected.drop(columns=["duplicate_of", "duplicate_similarity"]))
    assert part.articles["rating"].tolist() == [5] and str(part.articles["rating"].dtype) == "Int64"
    # ids are left as read: a slice cannot see the other slices' ids (the pipeline unifies them)
    again = normalise_rows(path, list(frame.columns), records[:2] + records[3:4], 1, columns=mapping)
    assert again.articles["article_id"].tolist() == ["k1", "k2"] and again.articles["original_id"].isna().all()
    assert whole.articles["article_id"].tolist() == ["k1", "k2", "k5"]
    with pytest.raises(ValueError, match="slice.parquet: mapped column"):
        normalise_rows(path, list(frame.columns), records, 1, columns={"text": "missing"})


def test_column_mapping(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("key,headline,body,when\nk1,Title one,Text one.,1/2/2018\n", encoding="utf-8")
    result = reconciled(load_corpus(path, columns={"id": "key", "title": "headline", "text": "body", "date": "when"}))
    row = result.articles.iloc[0]
    assert (row["article_id"], row["title"], row["text"], row["date"]) == ("k1", "Title one", "Text one.", pd.Timestamp("2018-01-02"))
    # Mapped columns are not duplicated as pass-through columns.
    assert not {"key", "headline", "body", "when"} & set(result.articles.columns)


def test_rows_without_id_get_stable_ids(tmp_path):
    path = tmp_path / "noid.jsonl"
    path.write_text('{"text": "First."}\n{"text": "Second."}\n', encoding="utf-8")
    assert load_corpus(path).articles["article_id"].tolist() == ["noid_r1", "noid_r2"]


# --- encodings -------------------------------------------------------------------------------


def test_utf8_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffCafé talks\n\nThe café is open.\n".encode("utf-8"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a BOM is not a problem: no warning
        result = reconciled(load_corpus(path))
    row = result.articles.iloc[0]
    assert (row["title"], row["text"], row["encoding"]) == ("Café talks", "The café is open.\n", "utf-8-sig")


def test_cp1252_fallback_is_reported(tmp_path):
    path = tmp_path / "win.csv"
    path.write_bytes(b"id,text\n1,\x93No breakthrough\x94 he said \x96 in Geneva.\n")
    with pytest.warns(CorpusWarning, match=r"win\.csv.*cp1252"):
        result = reconciled(load_corpus(path))
    row = result.articles.iloc[0]
    assert row["text"] == "\u201cNo breakthrough\u201d he said \u2013 in Geneva."
    assert row["encoding"] == "cp1252"


def test_latin1_fallback_is_reported(tmp_path):
    path = tmp_path / "latin.txt"
    # 0x81 is undefined in cp1252, so only latin-1 decodes this file.
    path.write_bytes(b"Headline\n\nBody with \x81 and caf\xe9.\n")
    with pytest.warns(CorpusWarning, match=r"latin\.txt.*latin-1"):
        result = reconciled(load_corpus(path))
    assert result.articles["encoding"].iloc[0] == "latin-1"
    assert "café" in result.articles["text"].iloc[0]


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Überschrift\n\nDer Text.\n".encode("utf-16"))
    result = reconciled(load_corpus(path))
    assert result.articles.iloc[0]["title"] == "Überschrift"
    assert result.articles.iloc[0]["encoding"] == "utf-16"


def test_utf16_without_bom_is_rejected(tmp_path):
    path = tmp_path / "u16le.txt"
    path.write_bytes("Headline\n\nBody.\n".encode("utf-16-le"))
    result = reconciled(load_corpus(path))
    assert result.articles.empty
    assert "UTF-16 without a byte-order mark" in result.rejected["reason"].iloc[0]


# --- bad input -------------------------------------------------------------------------------


def test_empty_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.jsonl").write_bytes(b"\n\n")
    (tmp_path / "c.csv").write_bytes(b"")
    (tmp_path / "d.csv").write_text("id,text\n", encoding="utf-8")  # a header, no rows
    (tmp_path / "e.parquet").write_bytes(b"")
    result = reconciled(load_corpus(tmp_path))
    assert result.articles.empty and result.read == 5
    reasons = dict(zip(result.rejected["file"].map(lambda f: f.rsplit("/", 1)[-1]), result.rejected["reason"]))
    assert reasons == {"a.txt": "empty file", "b.jsonl": "empty file", "c.csv": "empty file",
                       "d.csv": "no rows", "e.parquet": "empty file"}
    assert result.rejected["line"].isna().all()


def test_binary_files(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"
    (tmp_path / "image.txt").write_bytes(png)
    (tmp_path / "image.csv").write_bytes(png)
    (tmp_path / "control.jsonl").write_bytes(bytes(range(1, 32)) * 20)
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    result = reconciled(load_corpus(tmp_path))
    assert result.articles.empty and len(result.rejected) == 4
    by_file = dict(zip(result.rejected["file"].map(lambda f: f.rsplit("/", 1)[-1]), result.rejected["reason"]))
    assert by_file["image.txt"].startswith("binary file")
    assert by_file["image.csv"].startswith("binary file")
    assert by_file["control.jsonl"].startswith("binary file")
    assert by_file["broken.parquet"].startswith("unreadable Parquet file")


def test_malformed_jsonl_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"id": "a", "text": "Good one."}\n'
        '{"id": "b", "text": "unterminated\n'
        '\n'
        '{"id": "c", "text": "Good two."}\n'
        '["not", "an", "object"]\n',
        encoding="utf-8",
    )
    result = reconciled(load_corpus(path))
    assert result.articles["article_id"].tolist() == ["a", "c"]
    assert result.rejected["line"].tolist() == [2, 5]
    assert result.rejected["origin"].iloc[0].endswith("feed.jsonl:2")
    assert result.rejected["reason"].iloc[0].startswith("malformed JSON")
    assert result.rejected["reason"].iloc[1] == "not a JSON object (a list)"
    assert result.read == 4  # the blank line is not a unit


def test_csv_row_with_missing_text(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(
        'id,title,text\n1,One,"First body."\n2,Two,\n3,Three,"   "\n4,Four,"Multi\nline body."\n5,Five\n',
        encoding="utf-8",
    )
    result = reconciled(load_corpus(path))
    assert result.articles["article_id"].tolist() == ["1", "4"]
    assert result.articles["text"].iloc[1] == "Multi\nline body."
    assert result.rejected[["line", "reason"]].values.tolist() == [
        [3, "missing text"], [4, "missing text"], [7, "expected 3 fields, found 2"],
    ]
    assert result.rejected["origin"].iloc[0].endswith("rows.csv:3")


def test_unknown_column_in_mapping(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("key,body\n1,Text.\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"t\.csv.*text='article_content'.*available columns: \['key', 'body'\]"):
        load_corpus(path, columns={"text": "article_content"})
    with pytest.raises(ValueError, match=r"unknown name\(s\) \['body'\]"):
        load_corpus(path, columns={"body": "text"})
    with pytest.raises(ValueError, match=r"t\.csv: no text column; available columns: \['key', 'body'\]"):
        load_corpus(path)


def test_unparseable_date_rejects_the_row(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("id,text,date\n1,A.,3/4/2017\n2,B.,yesterday\n3,C.,\n4,D.,13/45/2017\n", encoding="utf-8")
    result = reconciled(load_corpus(path))
    assert result.articles["article_id"].tolist() == ["1", "3"]
    assert pd.isna(result.articles["date"].iloc[1])  # empty means unknown, not wrong
    assert result.rejected["reason"].tolist() == ["unparseable date 'yesterday'", "unparseable date '13/45/2017'"]
    assert result.rejected["line"].tolist() == [3, 5]


def test_parse_date_formats():
    assert parse_date("2017-12-01") == pd.Timestamp("2017-12-01")
    assert parse_date("12/1/2017") == pd.Timestamp("2017-12-01")
    assert parse_date("1 December 2017") == pd.Timestamp("2017-12-01")
    assert parse_date("Dec 1, 2017") == pd.Timestamp("2017-12-01")
    assert parse_date(" ") is pd.NaT and parse_date(None) is pd.NaT
    for bad in ("3", "soon", "1/1/0001", "2/30/2017", 20170101):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_missing_path_and_unsupported_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_corpus(tmp_path / "nowhere")
    (tmp_path / "x.docx").write_bytes(b"x")
    with pytest.raises(ValueError, match=r"x\.docx.*unsupported"):
        load_corpus(tmp_path / "x.docx")


def test_articles_parquet_reloads_as_a_corpus(tmp_path, default_corpus):
    # 01_articles writes articles.parquet; loading it again (e.g. `quotelens extract` on it)
    # gives the same articles, with our derived input columns kept under input_<name>.
    path = tmp_path / "articles.parquet"
    write_table(default_corpus.articles, path)
    again = reconciled(load_corpus(path))
    original = default_corpus.articles
    assert again.read == len(original) and again.rejected.empty
    assert again.articles["article_id"].tolist() == original["article_id"].tolist()
    for col in ("title", "text", "source", "sha256"):
        assert again.articles[col].tolist() == original[col].tolist(), col
    pd.testing.assert_series_equal(again.articles["date"], original["date"])
    assert again.articles["headlines"].iloc[0] == original["headlines"].iloc[0]
    assert again.articles["input_origin"].tolist() == original["origin"].tolist()
    assert again.articles["duplicate_of"].tolist() == original["duplicate_of"].tolist()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40), min_size=1, max_size=6))
def test_split_headlines_keeps_the_body_verbatim(blocks):
    text = "\n\n".join(blocks)
    headlines, start = split_headlines(text)
    body = text[start:]
    assert text.endswith(body)
    # Every headline is a block of the text, in order, before the body.
    position = 0
    for h in headlines:
        position = text.index(h, position) + len(h)
        assert position <= start
    if text.strip():
        assert body.strip()  # a non-blank file always keeps a body


def test_csv_ids_keep_zeros_and_only_extras_are_typed(tmp_path):
    path = tmp_path / "typed.csv"
    path.write_text(
        "id,title,text,score,note,code\n"
        "007,2017,Body one.,1.5,nan,12\n"
        "010,Title,Body two.,,inf,1_000\n",
        encoding="utf-8",
    )
    a = reconciled(load_corpus(path)).articles
    assert a["article_id"].tolist() == ["007", "010"]
    assert a["title"].tolist() == ["2017", "Title"]
    assert a["score"].iloc[0] == 1.5 and pd.isna(a["score"].iloc[1]) and str(a["score"].dtype) == "Float64"
    assert a["note"].tolist() == ["nan", "inf"]  # words, not numbers
    assert a["code"].tolist() == ["12", "1_000"]


def test_jsonl_line_separator_inside_a_string(tmp_path):
    path = tmp_path / "sep.jsonl"
    text = "Line one\u2028still the same line.\x0cAnd a form feed."
    path.write_text(json.dumps({"id": "x", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    result = reconciled(load_corpus(path))
    assert result.articles["text"].tolist() == [text]

"""Issue 16, third round, gaps 2 and 3: CSV read record by record.

Gap 2: a CSV file was decoded whole, so one bad byte in one row turned every row into latin-1
or cp1252. Now each physical line is decoded on its own, as JSONL lines are; a record decoded
with a fallback says so in its `encoding`, one warning names the file and the lines.

Gap 3: an unclosed quote was recovered only when every line it swallowed looked like a row with
an id-like first field. Now each multi-line record is checked against the file's own rows
(`load.csv_records.RowProfile`): swallowed rows are split back into records, prose that a
broken quote left behind is rejected with the record that opened it (its line range and how
many physical lines it covered in the reason), and a record kept whole over lines that read as
rows comes with a warning naming its lines; read = loaded + rejected counts records, never
physical lines by accident.

Catalogue inputs (tests/data/bad/, texts and titles from GUM's Wikinews articles, train split):
  cp1252_row.csv            UTF-8 rows with ’ — – ; line 5 pasted from a cp1252 tool (Gérald);
                            the record on lines 6-7 has its second paragraph (line 7) in cp1252
  unclosed_quote_middle.csv title first (no id column); line 3's text opens a quote that a
                            half-converted smart quote (“Robogee.") at the end of line 5 closes
  unclosed_quote_last_row.csv  the last record's quote never closes; three more paragraphs follow
  unclosed_quote_prose.csv  line 3's quote never closes, its paragraphs on lines 5 and 7 (line 5
                            has four commas: five "fields"); later a properly quoted text of two
                            paragraphs (lines 9-11)
Every test failed on the code before the fix, except those marked * (guards).
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pandas as pd
import pytest

from quotelens import config
from quotelens.load.corpus import load_corpus
from quotelens.load.decoding import sha256_text
from quotelens.load.errors import CorpusWarning

BAD = Path(__file__).parent / "data" / "bad"
BAD_REL = config.relative(BAD)


def load(path: Path):
    result = load_corpus([path])
    assert result.read == len(result.articles) + len(result.rejected)
    return result


def rejected(result) -> list[tuple[int, str]]:
    return [(int(r.line), r.reason) for r in result.rejected.itertuples()]


def no_warnings(path: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)
        return load(path)


# --- gap 2: one bad byte costs its record's decoding, not the file's ----------------------------


def test_one_cp1252_row_does_not_turn_the_whole_csv_file_into_cp1252():
    with pytest.warns(CorpusWarning, match=r"cp1252_row\.csv: lines 5, 7 are not valid UTF-8 \(first bad byte 0xe9 "
                                           r"on line 5\); decoded as cp1252, the other lines as UTF-8") as caught:
        result = load(BAD / "cp1252_row.csv")
    assert len(caught) == 1
    arts = result.articles.set_index("article_id")
    assert list(arts.index) == ["ie9", "lanterns", "hackers", "questionnaire", "soccer", "asylum"]
    assert arts["encoding"].tolist() == ["utf-8", "utf-8", "utf-8", "cp1252", "cp1252", "utf-8"]
    # the UTF-8 rows keep their characters (before: "weâ€™re", "Taiwan â€” The")
    assert "Now that we\u2019re in 2011, in an era of modern web standards, it\u2019s time" in arts.loc["ie9", "text"]
    assert arts.loc["lanterns", "text"].startswith("Taipei, Taiwan \u2014 The Taipei City Lantern Festival")
    assert not any("\u00e2\u20ac" in t for t in arts["text"])
    # the cp1252 row and the record with one cp1252 line read right too
    assert "minister G\u00e9rald Darmanin in Paris" in arts.loc["questionnaire", "text"]
    soccer = arts.loc["soccer", "text"]
    assert soccer.startswith("Yesterday, day five of the 2018 FIFA football World Cup, Sweden defeated South Korea 1 \u2013 0;")
    assert soccer.endswith("Harry Kane.\nGroup F \u2014 Sweden 1 \u2013 0 Korea Republic")
    assert arts.loc["soccer", "origin"] == f"{BAD_REL}/cp1252_row.csv:6"
    assert all(sha256_text(t) == h for t, h in zip(arts["text"], arts["sha256"]))


def test_a_nul_byte_rejects_only_its_csv_record(tmp_path):
    path = tmp_path / "feed.csv"
    path.write_bytes(b'id,text\nn-1,"The envoy said the talks\nwould resume."\nn-2,"The minister \x00said no."\nn-3,Fine.\n')
    result = load(path)
    assert result.articles["text"].tolist() == ["The envoy said the talks\nwould resume.", "Fine."]
    [(line, reason)] = rejected(result)
    assert line == 4 and reason.startswith("raw NUL byte on line 4 at column 19")


def test_a_utf8_csv_is_read_as_before(tmp_path):
    """* Line-by-line decoding gives the whole file's text on clean input: \\r\\n and lone \\r
    line ends, a BOM, a body over several lines."""
    path = tmp_path / "clean.csv"
    path.write_bytes("\ufeffid,text\r\na-1,\"Caf\u00e9 owners said, \u201cno.\u201d\r\nSecond line.\"\r\na-2,Old Mac line\ra-3,x\n".encode())
    result = no_warnings(path)
    assert result.articles["text"].tolist() == ["Caf\u00e9 owners said, \u201cno.\u201d\r\nSecond line.", "Old Mac line", "x"]
    assert result.articles["encoding"].tolist() == ["utf-8-sig"] * 3
    assert [o.rsplit(":", 1)[1] for o in result.articles["origin"]] == ["2", "4", "5"]


# --- gap 3: unclosed quotes, recovered per record and always accounted for --------------------


def test_unclosed_quote_in_a_middle_row_of_a_file_without_ids():
    result = load(BAD / "unclosed_quote_middle.csv")
    # before: read 3 = 3 + 0, lines 4 and 5 inside line 3's text
    assert (result.read, len(result.articles), len(result.rejected)) == (5, 4, 1)
    assert [o.rsplit(":", 1)[1] for o in result.articles["origin"]] == ["2", "4", "5", "6"]
    [(line, reason)] = rejected(result)
    assert line == 3 and "closes only on line 5" in reason and "2 rows (lines 4-5)" in reason
    texts = result.articles["text"].tolist()
    assert texts[2] == ("The Syrian refugee team listed their country as \u201cHope\u201d on the backs of their "
                        "shirts and named their robot \u201cRobogee.\"")
    assert not any("Mecca" in t for t in texts)


def test_unclosed_quote_that_makes_a_record_of_the_wrong_width_keeps_the_rows_after_it(tmp_path):
    # The same file, the half-converted quote now at the end of line 5's title: the csv module
    # reads lines 3-5 as one record of five fields. Before: that record was rejected as line 3
    # and the rows of lines 4 and 5 were lost with it (read 4 for 5 records).
    lines = (BAD / "unclosed_quote_middle.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = ("Afghan team honored for \u201ccourageous achievement\",The Syrian refugee team listed their country "
                "as Hope on the backs of their shirts,wikinews,2017-07-18\n")
    path = tmp_path / "wide.csv"
    path.write_text("".join(lines), encoding="utf-8")
    result = load(path)
    assert (result.read, len(result.articles), len(result.rejected)) == (5, 4, 1)
    [(line, reason)] = rejected(result)
    assert line == 3 and "expected 4 fields, found 5; the quote opened on line 3 runs on to line 5" in reason
    assert result.articles["title"].iat[2] == "Afghan team honored for \u201ccourageous achievement\""


def test_unclosed_quote_in_the_last_row_takes_its_paragraphs_with_it():
    result = load(BAD / "unclosed_quote_last_row.csv")
    # before: read 6 = 2 + 4 (the paragraphs rejected one by one as rows: "unparseable date
    # '000 security personnel in the area.'", "expected 5 fields, found 3")
    assert (result.read, len(result.articles), len(result.rejected)) == (3, 2, 1)
    assert result.articles["article_id"].tolist() == ["asylum", "lanterns"]
    [(line, reason)] = rejected(result)
    assert line == 4 and reason.startswith("malformed CSV record (unexpected end of data)")
    assert "lines 4-10 (7 physical lines) rejected as this one record" in reason


def test_unclosed_quote_before_prose_paragraphs_and_a_real_multi_line_text():
    with warnings.catch_warnings():
        warnings.simplefilter("error", CorpusWarning)  # the two-paragraph text is no merge
        result = load(BAD / "unclosed_quote_prose.csv")
    # before: read 7 = 4 + 3 (the paragraph on line 5 rejected as a row with the date ' is to
    # run from January 23 through March 9.', line 7 as a row of 2 fields)
    assert (result.read, len(result.articles), len(result.rejected)) == (5, 4, 1)
    assert result.articles["article_id"].tolist() == ["asylum", "hackers", "soccer", "ie9"]
    [(line, reason)] = rejected(result)
    assert line == 3 and "lines 3-7 (5 physical lines) rejected as this one record" in reason
    soccer = result.articles.set_index("article_id").loc["soccer"]
    assert soccer["origin"] == f"{BAD_REL}/unclosed_quote_prose.csv:9"
    assert soccer["text"].count("\n\n") == 1 and soccer["text"].endswith("as it ended 0 \u2013 0.")
    assert soccer["text"].split("\n\n")[1].startswith("In the first game of the day, Sweden faced South Korea")


def test_a_record_kept_whole_over_a_line_that_reads_as_a_row_is_reported(tmp_path):
    # Line 3's quote closes on line 5 into a record of the right width; line 4 reads alone as a
    # row of this file, line 5 does not, so the lines are not split back: the record loads as
    # one, and a warning names the merge (lines, how many, which line looks like a row).
    path = tmp_path / "merged.csv"
    path.write_text(
        "id,title,text,source\n"
        "a-1,Talks,The envoy said the talks would resume.,Reuters\n"
        'a-2,Unclosed,"The minister said the plan was final.\n'
        "a-3,Row,The second row is fine.,AFP\n"
        'and more words of the minister",SANA\n'
        "a-4,Last,The last row is fine.,BBC\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"merged\.csv: lines 3-5 \(3 physical lines\) were read as one record .* "
                                           r"line 4 reads alone as a row of 4 fields") as caught:
        result = load(path)
    assert len(caught) == 1
    assert result.articles["article_id"].tolist() == ["a-1", "a-2", "a-4"]
    assert result.articles["text"].iat[1] == ("The minister said the plan was final.\na-3,Row,The second row is fine.,AFP\n"
                                              "and more words of the minister")


def test_prose_continuation_lines_are_not_split_even_with_the_headers_width(tmp_path):
    """* Paragraphs inside a properly quoted field, one of them with exactly width - 1 commas,
    load as one record, without a warning."""
    path = tmp_path / "prose.csv"
    body = ("The USI art gallery celebrated the Thursday opening with its display of Warhol's Polaroids.\n\n"
            "USI's exhibit, which is located in Evansville, Indiana, is to run from January 23, through March 9.")
    path.write_text(f'id,title,text,source,date\nw-1,Warhol,"{body}",wikinews,2014-01-28\n'
                    "w-2,Asylum,Fishermen rescued over 700 asylum seekers.,wikinews,2015-05-18\n", encoding="utf-8")
    result = no_warnings(path)
    assert result.articles["text"].tolist() == [body, "Fishermen rescued over 700 asylum seekers."]


@pytest.mark.parametrize("columns", [["id", "title", "text", "source", "date", "url"], ["title", "text", "source", "date"],
                                     ["text", "id"], ["text", "title"], ["title", "text"], ["text"]])
def test_real_multi_paragraph_articles_load_exactly_in_any_column_order(tmp_path, columns):
    """* The news gold's dev articles (Wikinews and FA-KES texts with their paragraphs), written
    as CSV in several column orders and quoting styles and with Windows line ends, load with
    their texts exact: no record split, rejected or warned about."""
    articles = pd.read_json(config.PROJ_ROOT / "data" / "gold" / "news" / "articles.jsonl", lines=True, dtype=False)
    articles = articles[articles["split"] == "dev"]
    assert articles["text"].str.contains("\n").sum() > 20
    for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL):
        for ending in ("\n", "\r\n"):
            path = tmp_path / "gold.csv"
            articles[columns].to_csv(path, index=False, quoting=quoting, lineterminator=ending)
            result = no_warnings(path)
            assert result.rejected.empty
            assert result.articles["text"].tolist() == articles["text"].tolist()

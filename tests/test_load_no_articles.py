"""Issue 16, third round, gap 1: a corpus in which every record is rejected (read > 0, loaded 0)
is an error, as a corpus with no input file is: one line naming every file and why its records
were rejected, exit status 2, no traceback, for `quotelens extract`, `quotelens pipeline` and
`quotelens report --corpus` (and a report config, whose corpus is checked before any notebook).

Catalogue input: tests/data/bad/all_rejected/, a scraper's output in which every body is
missing: paywalled.jsonl (Wikinews titles and URLs from GUM; line 1 without a text key, line 2
with an empty text, line 3 with a text but the date "Monday last week") and feed_export.csv
(two rows whose text is empty or blank). Each test below failed on the code before the fix
(the commands exited 0 with "read 5 = loaded 0 + rejected 5"; the report ran three notebooks
and failed in 04_keywords with an IndexError). The commands run in the test's process
(conftest's cli_in_process, with the status and stderr the interpreter would give): a fresh
process per command is test_cli_errors.py's question, and cost 2-7 CPU-s of imports each here.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from quotelens import config
from quotelens.load.corpus import check_articles_load, load_corpus, require_articles
from quotelens.load.errors import NoArticlesError
from quotelens.report.input_checks import input_problems
from quotelens.report.parameters import declared_parameters

BAD = Path(__file__).parent / "data" / "bad"
ALL_REJECTED = BAD / "all_rejected"
#: What the message says about the catalogue folder's records, file by file.
EXPECTED = ("5 records read, all rejected: 2 in feed_export.csv (lines 2, 3: missing text), "
            "3 in paywalled.jsonl (lines 1, 2: missing text; line 3: unparseable date 'Monday last week')")


def _one_line_exit_2(proc: subprocess.CompletedProcess) -> str:
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    [line] = proc.stderr.strip().splitlines()
    return line


def test_load_corpus_reads_the_folder_and_require_articles_names_every_rejection():
    result = load_corpus([ALL_REJECTED])
    assert (result.read, len(result.articles), len(result.rejected)) == (5, 0, 5)
    with pytest.raises(NoArticlesError) as err:
        require_articles(result, [ALL_REJECTED])
    message = str(err.value)
    assert message == f"{config.relative(ALL_REJECTED)}: no articles to load; {EXPECTED}"
    assert err.value.rejected[-1] == (f"{config.relative(ALL_REJECTED)}/paywalled.jsonl", 3,
                                      "unparseable date 'Monday last week'")


def test_require_articles_passes_a_corpus_with_one_article(tmp_path):
    (tmp_path / "good.txt").write_text("Talks\n\nThe envoy said the talks would resume.\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": ""}\n', encoding="utf-8")
    result = load_corpus([tmp_path])
    assert require_articles(result, [tmp_path]) is result
    check_articles_load([tmp_path])  # no error


def test_check_before_work_gives_the_same_message_as_after_a_load():
    with pytest.raises(NoArticlesError) as before:
        check_articles_load([ALL_REJECTED])
    with pytest.raises(NoArticlesError) as after:
        require_articles(load_corpus([ALL_REJECTED]), [ALL_REJECTED])
    assert str(before.value) == str(after.value)


def test_skipped_entries_and_rejected_records_are_both_named(tmp_path):
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a.jsonl").write_bytes((ALL_REJECTED / "paywalled.jsonl").read_bytes())
    with pytest.raises(NoArticlesError) as err:
        check_articles_load([tmp_path])
    message = str(err.value)
    assert "3 records read, all rejected: 3 in a.jsonl (lines 1, 2: missing text;" in message
    assert message.endswith("skipped 1 entry: notes.json ('.json' is not a supported suffix)")


def test_many_rejections_are_summarised_on_one_line(tmp_path):
    rows = "".join(f'{{"id": "a{i}", "title": "Story {i}", "text": ""}}\n' for i in range(500))
    (tmp_path / "feed.jsonl").write_text(rows, encoding="utf-8")
    with pytest.raises(NoArticlesError) as err:
        check_articles_load([tmp_path / "feed.jsonl"])
    message = str(err.value)
    assert "\n" not in message and len(message) < 400
    assert "500 records read, all rejected: 500 in " in message
    assert "lines 1, 2, 3, 4, 5 and 495 more: missing text" in message


def test_extract_exits_2_with_one_line_and_writes_nothing(tmp_path, cli_in_process):
    line = _one_line_exit_2(cli_in_process("extract", str(ALL_REJECTED), "-o", str(tmp_path / "s.jsonl"), cwd=tmp_path))
    assert line.startswith("quotelens extract: ") and EXPECTED in line
    assert not (tmp_path / "s.jsonl").exists()


def test_pipeline_exits_2_with_one_line_naming_the_rejected_table(tmp_path, cli_in_process):
    out = tmp_path / "out"
    line = _one_line_exit_2(cli_in_process("pipeline", str(ALL_REJECTED), "-o", str(out), "--workers", "1", cwd=tmp_path))
    assert line.startswith("quotelens pipeline: ") and EXPECTED in line
    assert line.endswith(f"(listed in {out / 'rejected.parquet'})")
    # the folder stays, and a report built from it is refused before any notebook
    report = tmp_path / "report"
    line = _one_line_exit_2(cli_in_process("report", "--from-pipeline", str(out), "--output", str(report), cwd=tmp_path))
    assert "the pipeline run loaded no articles (5 records read, 5 rejected" in line
    assert not report.exists()


def test_report_on_the_corpus_exits_2_before_any_notebook(tmp_path, cli_in_process):
    out = tmp_path / "report"
    line = _one_line_exit_2(cli_in_process("report", "--corpus", str(ALL_REJECTED), "--output", str(out), cwd=tmp_path))
    assert line.startswith("quotelens report: --corpus: ") and EXPECTED in line
    assert not out.exists()


def test_report_config_check_loads_with_the_notebooks_column_mapping(tmp_path):
    """The check before the notebooks loads the corpus as 01_articles will: with its `columns`."""
    (tmp_path / "mapped.csv").write_text("unit,body\nu-1,The envoy said the talks would resume.\n", encoding="utf-8")
    declared = declared_parameters(config.PROJ_ROOT / "notebooks" / "01_articles.ipynb")
    given = {"corpus_paths": [str(tmp_path / "mapped.csv")], "columns": {"id": "unit", "text": "body"}}
    assert input_problems("01_articles", declared, given) == []
    [problem] = input_problems("01_articles", declared, {"corpus_paths": [str(ALL_REJECTED)]})
    assert problem.startswith("01_articles: corpus_paths: ") and EXPECTED in problem

"""Issue 16 item 16, the YAML half: every YAML file a user gives is read by
`quotelens.yaml_files.load_yaml`, so a key given twice is a one-line error naming the key and
both lines (exit status 2 on the command line), never a value silently replaced.

Files of the bad-input catalogue (tests/data/bad): config_duplicate_key.yaml (the
01_articles block on line 6 and again on line 10) and topic_words_duplicate_key.yaml (a second
`terms:` list on line 9 below the first on line 4).
"""

from __future__ import annotations

import re

import pytest

from quotelens import config
from quotelens.cli import main as cli_main

BAD = config.PROJ_ROOT / "tests" / "data" / "bad"
SOURCES = [config.PROJ_ROOT / "src", config.PROJ_ROOT / "scripts"]


def test_topic_words_with_a_duplicate_key_is_a_one_line_error():
    from quotelens.sentiment.masking import load_topic_words

    with pytest.raises(ValueError) as err:
        load_topic_words(BAD / "topic_words_duplicate_key.yaml")
    message = str(err.value)
    assert len(message.splitlines()) == 1, message
    assert message.startswith(f"{BAD / 'topic_words_duplicate_key.yaml'}: line 9, column 1: not valid YAML")
    assert "duplicate key 'terms' (first on line 4)" in message


def test_pipeline_with_such_topic_words_exits_2_before_the_output_folder_is_made(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(config.PROJ_ROOT)
    with pytest.raises(SystemExit) as exit_info:
        cli_main(["pipeline", "seeds", "--topic-words", str(BAD / "topic_words_duplicate_key.yaml"),
                  "-o", str(tmp_path / "out")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "duplicate key 'terms' (first on line 4)" in err
    assert not (tmp_path / "out").exists()


def test_report_config_with_a_duplicate_key_is_refused():
    from quotelens.report.config import ReportConfigError, load_config

    with pytest.raises(ReportConfigError) as err:
        load_config(BAD / "config_duplicate_key.yaml")
    message = str(err.value)
    assert len(message.splitlines()) == 1, message
    assert message.startswith("tests/data/bad/config_duplicate_key.yaml: line 10, column 3: not valid YAML: ")
    assert "duplicate key '01_articles' (first on line 6)" in message


def test_report_command_with_a_duplicate_key_in_its_config_exits_2_with_one_line(capsys):
    assert cli_main(["report", "--config", str(BAD / "config_duplicate_key.yaml")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "line 10" in err and "duplicate key '01_articles' (first on line 6)" in err


def test_no_yaml_is_read_without_the_duplicate_key_check():
    """Only quotelens.yaml_files calls PyYAML's loaders; everything else goes through it."""
    call = re.compile(r"\byaml\.(safe_load|load|full_load|unsafe_load|load_all|safe_load_all)\s*\(")
    offenders = [f"{path.relative_to(config.PROJ_ROOT)}:{n}" for root in SOURCES for path in sorted(root.rglob("*.py"))
                 if path.name != "yaml_files.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if call.search(line)]
    assert offenders == []

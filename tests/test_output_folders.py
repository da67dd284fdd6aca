"""Output folders that cannot be folders (issue 16 item 14): `quotelens report` with a
processed_dir, figures_dir or reports_dir, and `quotelens pipeline -o`, that is an existing file
or lies under one. One line on stderr, exit status 2, before any work, nothing created.

Each case runs the real `quotelens` entry point in a fresh process, as a user would.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quotelens.config import SEEDS_DIR

FOLDER_KEYS = ("processed_dir", "figures_dir", "reports_dir")
BLOCKER_TEXT = "a file, not a folder\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotelens.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def _one_line_exit_2(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


def _blocker(tmp_path: Path) -> Path:
    blocker = tmp_path / "notes.txt"
    blocker.write_text(BLOCKER_TEXT, encoding="utf-8")
    return blocker


@pytest.mark.parametrize("key", FOLDER_KEYS)
@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_report_output_folder_that_is_a_file(tmp_path, key, where):
    blocker = _blocker(tmp_path)
    folders = {k: str(tmp_path / k) for k in FOLDER_KEYS}
    folders[key] = str(blocker if where == "a file" else blocker / "sub")
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(yaml.safe_dump({"name": "t", **folders, "notebooks": {"01_articles": {"corpus_paths": ["seeds"]}}}),
                   encoding="utf-8")
    _one_line_exit_2(_run("report", "--config", str(cfg), cwd=tmp_path), key, "notes.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cfg.yaml", "notes.txt"]  # nothing created
    assert blocker.read_text(encoding="utf-8") == BLOCKER_TEXT


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_pipeline_output_that_is_a_file(tmp_path, where):
    blocker = _blocker(tmp_path)
    target = blocker if where == "a file" else blocker / "out"
    _one_line_exit_2(_run("pipeline", str(SEEDS_DIR), "-o", str(target), cwd=tmp_path), "-o", "notes.txt")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert blocker.read_text(encoding="utf-8") == BLOCKER_TEXT

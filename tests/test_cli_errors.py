"""A user's mistake on the command line: one line on stderr, exit status 2, no traceback, and
nothing read, written or deleted first (issues 13 and 16).

Each case runs on real data (the seed article and a few FA-KES rows). Every case runs the
command line's main() in the test's process, as the interpreter would run it (conftest's
cli_in_process: an uncaught SystemExit turned into the exit status; warnings a user would see
counted as stderr lines), and
one case per command also runs the real `quotelens` entry point in a fresh process, so what is
checked is what a user sees; a fresh process costs about 2 CPU-s of imports, which 19 cases paid
before.
"""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from quotelens import cli
from quotelens.config import FAKES_CSV, SEEDS_DIR


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotelens.cli", *args], cwd=cwd, capture_output=True, text=True)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A JSONL corpus of five real FA-KES articles and a copy of the seed, in one folder."""
    folder = tmp_path_factory.mktemp("cli_errors")
    rows = pd.read_csv(FAKES_CSV, dtype=str).head(5)
    with open(folder / "a.jsonl", "w", encoding="utf-8") as fh:
        for _, r in rows.iterrows():
            fh.write(json.dumps({"id": r["unit_id"], "title": r["article_title"], "text": r["article_content"],
                                 "source": r["source"]}) + "\n")
    seed = next(SEEDS_DIR.glob("*.txt"))
    (folder / "seed").mkdir()
    (folder / "seed" / seed.name).write_bytes(seed.read_bytes())
    (folder / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    return folder


def _user_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


CASES = {
    "output is the input": (["extract", "a.jsonl", "-o", "a.jsonl"], ["also an input"]),
    "unsupported output suffix": (["extract", "a.jsonl", "-o", "out.txt"], ["'.txt'", ".parquet"]),
    "output without a suffix": (["extract", "a.jsonl", "-o", "out"], ["no suffix"]),
    "output is a folder": (["extract", "a.jsonl", "-o", "seed"], ["seed"]),
    "output under a file": (["extract", "a.jsonl", "-o", "notes.txt/out.csv"], ["is a file"]),
    "output inside the corpus folder": (["extract", "seed", "-o", "seed/out.jsonl"], ["inside the input folder"]),
    "missing corpus": (["extract", "no_such_corpus", "-o", "out.csv"], ["no_such_corpus", "no such file"]),
    "missing registry": (["extract", "a.jsonl", "-o", "out.csv", "--actors", "nope.yaml"], ["nope.yaml"]),
    "registry is a folder": (["extract", "a.jsonl", "-o", "out.csv", "--actors", "seed"], ["is a folder"]),
    "conflicting column mapping": (["extract", "a.jsonl", "-o", "out.csv", "--columns", "text=a,text=b"],
                                   ["mapped twice"]),
    # /proc takes no new files, even from root, for whom os.access says yes to everything
    "output folder takes no files": (["extract", "a.jsonl", "-o", "/proc/statements.parquet"], ["/proc"]),
    "pipeline output folder takes no files": (["pipeline", "a.jsonl", "-o", "/proc/quotelens_out"], ["/proc"]),
    "sentiment output is the input": (["sentiment", "a.jsonl", "-o", "a.jsonl"], ["also an input"]),
    "sentiment output suffix": (["sentiment", "a.jsonl", "-o", "scored.xlsx"], ["'.xlsx'"]),
    "keywords output is a folder": (["keywords", "a.jsonl", "-o", "seed"], ["keywords"]),
    "evaluate: missing statements": (["evaluate", "nope.csv", "--gold", "a.jsonl", "--articles", "a.jsonl"],
                                     ["nope.csv"]),
    "evaluate: missing gold": (["evaluate", "a.jsonl", "--gold", "nope.jsonl", "--articles", "a.jsonl"],
                               ["nope.jsonl"]),
    "evaluate: missing articles": (["evaluate", "a.jsonl", "--gold", "a.jsonl", "--articles", "nope"], ["nope"]),
    "evaluate: json over an input": (["evaluate", "a.jsonl", "--gold", "a.jsonl", "--articles", "seed",
                                      "--json", "a.jsonl"], ["--json"]),
}


#: One case of each command, also run as a user runs it: `python -m quotelens.cli` in a fresh
#: process (each command imports its own modules, which must print nothing).
IN_A_FRESH_PROCESS = ["output is the input", "pipeline output folder takes no files", "sentiment output suffix",
                      "keywords output is a folder", "evaluate: missing gold"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_user_mistake_is_one_line_and_exit_2(corpus, case, cli_in_process):
    args, words = CASES[case]
    before = {p: _digest(p) for p in corpus.rglob("*") if p.is_file()}
    proc = cli_in_process(*args, cwd=corpus)
    _user_error(proc, *words)
    after = {p: _digest(p) for p in corpus.rglob("*") if p.is_file()}
    assert after == before  # nothing written, replaced or deleted


@pytest.mark.parametrize("case", IN_A_FRESH_PROCESS)
def test_user_mistake_in_a_fresh_process(corpus, case):
    args, words = CASES[case]
    before = {p: _digest(p) for p in corpus.rglob("*") if p.is_file()}
    proc = _run(*args, cwd=corpus)
    _user_error(proc, *words)
    after = {p: _digest(p) for p in corpus.rglob("*") if p.is_file()}
    assert after == before


def test_every_command_is_run_in_a_fresh_process_once():
    commands = {CASES[case][0][0] for case in CASES}
    assert {CASES[case][0][0] for case in IN_A_FRESH_PROCESS} == commands


def test_a_good_run_still_works_and_leaves_the_input_alone(corpus, tmp_path):
    before = _digest(corpus / "a.jsonl")
    out = tmp_path / "statements.jsonl"
    proc = _run("extract", "a.jsonl", "-o", str(out), cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    assert _digest(corpus / "a.jsonl") == before
    table = pd.read_json(out, lines=True)
    assert len(table) > 0 and set(table["article_id"].astype(str)) <= set(pd.read_json(corpus / "a.jsonl", lines=True)["id"].astype(str))


def test_jsonl_output_is_strict_json(corpus, tmp_path):
    """Infinity and NaN are not JSON: a strict parser must read every line (written as null)."""
    from quotelens.tables import write_table

    out = write_table(pd.DataFrame({"x": [1.0, float("inf"), float("-inf"), float("nan")]}), tmp_path / "t.jsonl")
    values = [json.loads(line, parse_constant=lambda name: pytest.fail(f"non-JSON constant {name}"))["x"]
              for line in out.read_text(encoding="utf-8").splitlines()]
    assert values == [1.0, None, None, None]


def test_a_full_disk_is_one_line_not_a_traceback(corpus, tmp_path, monkeypatch, capsys):
    """ENOSPC while writing the statements: one line naming the problem, exit status 1."""
    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out.parquet"))

    monkeypatch.setattr(pd.DataFrame, "to_parquet", no_space)
    status = cli.main(["extract", str(corpus / "a.jsonl"), "-o", str(tmp_path / "out.parquet")])
    err = capsys.readouterr().err
    assert status == 1
    assert "No space left on device" in err and "Traceback" not in err
    assert not list(tmp_path.glob("*"))  # no partial file left behind

"""A user's mistake with `quotelens report`, `init` and `registry-draft` (issue 13 item 6): one
line on stderr naming the problem, exit status 2, no traceback, before any corpus is read and
before anything is written.

Each case runs the command line's `main` on real data (FA-KES rows, the seed, statements
extracted from them) in this process, so that the cases share one interpreter (a fresh process
per case costs seconds each); any exception other than the command's own exit would fail the
case as a traceback would. Three cases also run the real `quotelens` entry point in a fresh
process, as tests/test_cli_errors.py does for the other commands.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from quotelens.config import CONFIGS_DIR, FAKES_CSV, SEEDS_DIR
from quotelens.extract.registry import default_registry_path, load_registry
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus
from quotelens.tables import write_table


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "quotelens.cli", *args], cwd=cwd, capture_output=True, text=True)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A working folder: a JSONL corpus of five FA-KES articles, the seed in a folder, a folder of
    files the loader does not read, a broken registry, a config naming a missing registry, and a
    statements table extracted from the JSONL corpus."""
    folder = tmp_path_factory.mktemp("report_errors")
    rows = pd.read_csv(FAKES_CSV, dtype=str).head(5)
    with open(folder / "a.jsonl", "w", encoding="utf-8") as fh:
        for _, r in rows.iterrows():
            fh.write(json.dumps({"id": r["unit_id"], "title": r["article_title"], "text": r["article_content"],
                                 "source": r["source"]}) + "\n")
    seed = next(SEEDS_DIR.glob("*.txt"))
    (folder / "seed").mkdir()
    (folder / "seed" / seed.name).write_bytes(seed.read_bytes())
    (folder / "json_only").mkdir()
    (folder / "json_only" / "articles.json").write_text(json.dumps([{"text": rows["article_content"].iloc[0]}]), encoding="utf-8")
    (folder / "json_only" / "notes.docx").write_bytes(b"PK\x03\x04 not an article")
    (folder / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    (folder / "bad_actors.yaml").write_text("actors:\n  - name: Staffan de Mistura\n    kind: envoy\n", encoding="utf-8")
    config = yaml.safe_load((CONFIGS_DIR / "smoke.yaml").read_text(encoding="utf-8"))
    config["notebooks"]["02_statements"]["actors_path"] = str(folder / "no_such_registry.yaml")
    (folder / "missing_registry.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    config = yaml.safe_load((CONFIGS_DIR / "smoke.yaml").read_text(encoding="utf-8"))
    config["notebooks"]["01_articles"]["corpus_paths"] = [str(folder / "json_only")]
    (folder / "json_corpus.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    articles = load_corpus(folder / "a.jsonl").articles
    write_table(extract_statements(articles, registry=load_registry(default_registry_path())), folder / "statements.parquet")
    return folder


def _user_error(proc: subprocess.CompletedProcess, *words: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


CASES = {
    # report --corpus
    "report: missing corpus": (["report", "--corpus", "nope", "--output", "out"], ["--corpus", "nope", "no such file"]),
    "report: --corpus without --output": (["report", "--corpus", "seed"], ["needs --output"]),
    "report: output is a file": (["report", "--corpus", "seed", "--output", "notes.txt"], ["notes.txt", "is a file"]),
    "report: output inside the corpus": (["report", "--corpus", "seed", "--output", "seed/out"], ["overlaps the input"]),
    "report: output is the corpus": (["report", "--corpus", "seed", "--output", "seed"], ["overlaps the input"]),
    "report: output under a file": (["report", "--corpus", "seed", "--output", "notes.txt/out"], ["is a file"]),
    "report: missing registry": (["report", "--corpus", "seed", "--output", "out", "--actors", "nope.yaml"], ["nope.yaml"]),
    "report: registry is a folder": (["report", "--corpus", "seed", "--output", "out", "--actors", "seed"], ["is a folder"]),
    "report: broken registry": (["report", "--corpus", "seed", "--output", "out", "--actors", "bad_actors.yaml"],
                                ["bad_actors.yaml", "kind must be one of"]),
    "report: no article in the corpus": (["report", "--corpus", "json_only", "--output", "out"],
                                         ["no articles to load", "articles.json", "'.json'", "notes.docx"]),
    "report: --corpus and --config": (["report", "--corpus", "seed", "--config", "missing_registry.yaml", "--output", "out"],
                                      ["not both"]),
    "report: --actors without --corpus": (["report", "--actors", "bad_actors.yaml"], ["--actors goes with --corpus"]),
    "report: --corpus and --from-pipeline": (["report", "--corpus", "seed", "--output", "out", "--from-pipeline", "seed"],
                                             ["--from-pipeline"]),
    # report --config
    "report: missing config": (["report", "--config", "nope.yaml"], ["nope.yaml", "config file not found"]),
    "report: config names a missing registry": (["report", "--config", "missing_registry.yaml", "--output", "out"],
                                                ["02_statements: actors_path", "no_such_registry.yaml", "no such file"]),
    "report: config corpus without articles": (["report", "--config", "json_corpus.yaml", "--output", "out"],
                                               ["01_articles: corpus_paths", "no articles to load", "'.json'"]),
    "report: config output is a file": (["report", "--config", "missing_registry.yaml", "--output", "notes.txt"], ["is a file"]),
    # init
    "init: missing corpus": (["init", "--corpus", "nope", "--name", "study"], ["nope", "no such file"]),
    "init: bad name": (["init", "--corpus", "seed", "--name", "my study/2"], ["--name"]),
    "init: output suffix": (["init", "--corpus", "seed", "--name", "study", "-o", "study.txt"], ["'.txt'", ".yaml"]),
    "init: output is the corpus": (["init", "--corpus", "missing_registry.yaml", "--name", "study", "-o", "missing_registry.yaml"],
                                   ["also an input"]),
    "init: output exists": (["init", "--corpus", "seed", "--name", "study", "-o", "json_corpus.yaml"], ["exists", "--force"]),
    "init: output is a folder": (["init", "--corpus", "a.jsonl", "--name", "study", "-o", "seed.yaml/"], ["seed.yaml"]),
    "init: output inside the corpus": (["init", "--corpus", "seed", "--name", "study", "-o", "seed/study.yaml"],
                                       ["inside the input folder"]),
    "init: no article in the corpus": (["init", "--corpus", "json_only", "--name", "study"], ["no articles to load", "'.json'"]),
    "init: broken registry": (["init", "--corpus", "seed", "--name", "study", "--actors", "bad_actors.yaml"], ["kind must be one of"]),
    # registry-draft
    "registry-draft: missing statements": (["registry-draft", "nope.parquet", "-o", "actors.yaml"], ["nope.parquet"]),
    "registry-draft: output suffix": (["registry-draft", "statements.parquet", "-o", "actors.json"], ["'.json'", ".yaml"]),
    "registry-draft: output is the input": (["registry-draft", "bad_actors.yaml", "-o", "bad_actors.yaml"], ["also an input"]),
    "registry-draft: output is a folder": (["registry-draft", "statements.parquet", "-o", "seed"], ["seed"]),
    "registry-draft: not a statements table": (["registry-draft", "a.jsonl", "-o", "actors.yaml"], ["no `speaker` column"]),
    "registry-draft: statements is a folder": (["registry-draft", "seed", "-o", "actors.yaml"], ["is a folder"]),
    "registry-draft: no speaker often enough": (["registry-draft", "statements.parquet", "-o", "actors.yaml",
                                                "--min-statements", "100000"], ["no speaker with at least 100000"]),
    "registry-draft: --min-statements 0": (["registry-draft", "statements.parquet", "-o", "actors.yaml", "--min-statements", "0"],
                                           ["--min-statements"]),
}


def _run_here(args: list[str], cwd: Path, monkeypatch, capsys) -> subprocess.CompletedProcess:
    """`quotelens ARGS` through cli.main in this process, as a CompletedProcess."""
    from quotelens import cli

    monkeypatch.chdir(cwd)
    capsys.readouterr()
    try:
        status = cli.main(list(args))
    except SystemExit as exc:  # a UsageError (or argparse) ends the command
        status = exc.code
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(args, status, captured.out, captured.err)


@pytest.mark.parametrize("case", sorted(CASES))
def test_user_mistake_is_one_line_and_exit_2(work, case, monkeypatch, capsys):
    args, words = CASES[case]
    (work / "seed.yaml").mkdir(exist_ok=True)
    before = {p: _digest(p) for p in work.rglob("*") if p.is_file()}
    proc = _run_here(args, work, monkeypatch, capsys)
    _user_error(proc, *words)
    after = {p: _digest(p) for p in work.rglob("*") if p.is_file()}
    assert after == before  # nothing written, replaced or deleted
    assert not (work / "out").exists() and not (work / "study.yaml").exists() and not (work / "actors.yaml").exists()


@pytest.mark.parametrize("case", ["report: no article in the corpus", "init: output exists", "registry-draft: not a statements table"])
def test_the_real_entry_point_answers_in_one_line(work, case):
    args, words = CASES[case]
    _user_error(_run(*args, cwd=work), *words)


def test_init_writes_every_parameter_and_a_draft_loads(work, tmp_path, monkeypatch, capsys):
    """The good paths of the two commands that run no notebook."""
    from quotelens import stages
    from quotelens.report.runner import load_config, plan

    def run(*args):
        return _run_here(list(args), work, monkeypatch, capsys)

    config = tmp_path / "study.yaml"
    proc = run("init", "--corpus", "seed", "--name", "study", "-o", str(config))
    assert proc.returncode == 0, proc.stderr
    text = config.read_text(encoding="utf-8")
    listed = yaml.safe_load(text)["notebooks"]
    for s in stages.STAGES:
        for name in s.parameters:
            if name != stages.FROM_PIPELINE_PARAMETER:
                assert name in listed[s.notebook], (s.notebook, name)
                assert f"\n    {name}: " in text  # with its comment line above it
    assert listed["01_articles"]["corpus_paths"] == [str(work / "seed")]
    assert listed["02_statements"]["actors_path"] == "" and listed["03_sentiment"]["topic_words_path"] == ""
    assert listed["05_comparisons"]["outlet_groups_path"] == "" and listed["06_explore"]["interactive"] is False
    runs, _ = plan(load_config(config))  # every value passes the runner's checks
    assert [r.name for r in runs] == stages.NOTEBOOK_ORDER
    # Replacing needs --force.
    assert run("init", "--corpus", "seed", "--name", "study", "-o", str(config)).returncode == 2
    assert run("init", "--corpus", "seed", "--name", "study", "-o", str(config), "--force").returncode == 0

    draft = tmp_path / "actors.yaml"
    proc = run("registry-draft", "statements.parquet", "-o", str(draft), "--min-statements", "1")
    assert proc.returncode == 0, proc.stderr
    assert "actors" in proc.stderr and len(load_registry(draft)) > 0

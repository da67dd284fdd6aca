"""Command-line paths are relative to the working directory, as a shell user expects."""

import shutil

from quotelens import config
from quotelens.cli import main
from quotelens.tables import read_table


def test_relative_paths_are_taken_from_the_working_directory(tmp_path, monkeypatch):
    corpus = tmp_path / "my_articles"
    corpus.mkdir()
    shutil.copy(config.SEEDS_DIR / "000_aff2fd669e79066c.txt", corpus)
    # the Syria registry named explicitly (no registry is the default), by a relative path too
    shutil.copy(config.ACTORS_DIR / "syria.yaml", tmp_path / "actors.yaml")
    monkeypatch.chdir(tmp_path)
    assert main(["extract", "my_articles", "-o", "out/statements.jsonl", "--actors", "actors.yaml"]) == 0
    statements = read_table(tmp_path / "out" / "statements.jsonl")
    assert "Staffan de Mistura" in set(statements["speaker"])
    assert not (config.PROJ_ROOT / "out" / "statements.jsonl").exists()
    assert main(["sentiment", "out/statements.jsonl", "-o", "out/scored.csv"]) == 0
    scored = read_table(tmp_path / "out" / "scored.csv")
    assert len(scored) == len(statements) and "sentiment" in scored.columns

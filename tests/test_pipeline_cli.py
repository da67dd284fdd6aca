"""`quotelens pipeline` on the command line: a user's mistake is one line and exit status 2, and a
finished output folder is left exactly as it was (issue 16, item 2); the options it offers are
those the stage declaration gives the per-article stages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from quotelens import config, stages
from quotelens.cli import main as cli_main
from quotelens.scale import pipeline


def digests(outdir: Path) -> dict[str, str]:
    return {p.relative_to(outdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(outdir.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("finished")
    pipeline.run_pipeline(["seeds"], outdir, workers=1, chunk_size=10, progress=False)
    return outdir


@pytest.mark.parametrize("bad", [
    ["seedz"],
    ["seeds", "--chunk-size", "0"],
    ["seeds", "--columns", "identifier=unit_id"],
    ["seeds", "--columns", "identifier"],
    ["seeds", "--actors", "data/actors/missing.yaml"],
    ["seeds", "--topic-words", "missing.txt"],
    ["seeds", "--workers", "-2"],
])
def test_cli_bad_argument_is_one_line_exit_2_and_changes_nothing(finished, bad, capsys, monkeypatch):
    monkeypatch.chdir(config.PROJ_ROOT)
    before = digests(finished)
    argv = ["pipeline", *bad, "-o", str(finished)] + ([] if "--chunk-size" in bad else ["--chunk-size", "10"])
    with pytest.raises(SystemExit) as exit_info:
        cli_main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert digests(finished) == before


def test_cli_offers_the_options_the_stage_declaration_gives_the_pipeline():
    import inspect

    from quotelens.cli import build_parser

    keywords = {k for s in stages.STAGES if s.per_article for k in s.pipeline_options.values()}
    assert keywords == {"corpus", "columns", "actors", "topic_words"}
    assert keywords <= set(inspect.signature(pipeline.run_pipeline).parameters)
    help_text = build_parser()._subparsers._group_actions[0].choices["pipeline"].format_help()
    assert "--actors" in help_text and "--topic-words" in help_text


def test_cli_topic_words_option_reaches_the_scorer(tmp_path):
    outdir = tmp_path / "unmasked"
    assert cli_main(["pipeline", str(config.SEEDS_DIR), "-o", str(outdir), "--workers", "1", "--topic-words", ""]) == 0
    assert pipeline.read_manifest(outdir)["options"]["topic_words"] == ""
    assert (pipeline.read_statements(outdir)["masked_terms"] == "").all()
    masked = tmp_path / "masked"
    conflict = str(config.DATA_DIR / "sentiment" / "topic_words_conflict.yaml")
    assert cli_main(["pipeline", str(config.SEEDS_DIR), "-o", str(masked), "--workers", "1", "--topic-words", conflict]) == 0
    assert pipeline.read_manifest(masked)["options"]["topic_words"] == conflict
    assert (pipeline.read_statements(masked)["masked_terms"] != "").any()


def test_cli_defaults_are_neutral_and_the_registry_is_reached_by_naming_it(tmp_path):
    # issue 13: no registry and no topic-word masking unless the files are named
    neutral = tmp_path / "neutral"
    assert cli_main(["pipeline", str(config.SEEDS_DIR), "-o", str(neutral), "--workers", "1"]) == 0
    assert pipeline.read_manifest(neutral)["options"] == {"actors": "", "topic_words": ""}
    plain = pipeline.read_statements(neutral)
    assert len(plain) > 5 and not plain["in_registry"].any() and (plain["masked_terms"] == "").all()
    named = tmp_path / "registry"
    syria = str(config.ACTORS_DIR / "syria.yaml")
    assert cli_main(["pipeline", str(config.SEEDS_DIR), "-o", str(named), "--workers", "1", "--actors", syria]) == 0
    assert pipeline.read_statements(named)["in_registry"].any()

"""Resuming the chunked pipeline notices every change (issue 11, item 3; issue 16, items 2, 3
and 11), on small slices of FA-KES and the seed so each run takes a second or two:

- an edited actor in the registry changes the statements it affects;
- an input rewritten with the same size and modification time is loaded again;
- after a smaller corpus no part of the larger one is left: pandas and dask read the manifest's rows;
- after an input edit a resumed run writes the files a fresh run writes (ids included);
- bad arguments change nothing in a finished folder; only the tool's own temporaries are removed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from quotelens import config, stages
from quotelens.scale import layout
from quotelens.scale import pipeline
from quotelens.tables import TEMP_PREFIX

FAKES = config.RAW_DIR / "fa-kes" / "FA-KES-Dataset.csv"
REGISTRY = config.ACTORS_DIR / "syria.yaml"
SOHR = "Syrian Observatory for Human Rights"


def fakes_slice(path: Path, lo: int, hi: int) -> Path:
    """Rows [lo, hi) of FA-KES as a CSV file with FA-KES's own columns (recognised by the loader)."""
    pd.read_csv(FAKES).iloc[lo:hi].to_csv(path, index=False)
    return path


def run(corpus, outdir: Path, **options) -> pipeline.PipelineResult:
    options.setdefault("chunk_size", 10)
    options.setdefault("workers", 1)
    return pipeline.run_pipeline(corpus, outdir, progress=False, **options)


def digests(outdir: Path, markers: bool = False) -> dict[str, str]:
    """sha256 of every file of a run (markers record input paths, so left out unless asked)."""
    return {p.relative_to(outdir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(outdir.rglob("*")) if p.is_file() and (markers or "_done" not in p.parts)}


def test_registry_edit_changes_the_statements_of_that_actor(tmp_path):
    corpus = fakes_slice(tmp_path / "fakes.csv", 0, 30)
    actors = tmp_path / "actors.yaml"
    shutil.copyfile(REGISTRY, actors)
    outdir = tmp_path / "out"
    first = run([corpus], outdir, actors=str(actors))
    before = pipeline.read_statements(outdir)
    assert (before["speaker"] == SOHR).sum() >= 5 and set(before.loc[before["speaker"] == SOHR, "speaker_side"]) == {"monitor"}

    text = actors.read_text(encoding="utf-8")
    entry = f"  - name: {SOHR}\n    kind: organisation\n    side: monitor\n"
    assert text.count(entry) == 1
    actors.write_text(text.replace(entry, entry.replace("side: monitor", "side: edited monitor")), encoding="utf-8")
    second = run([corpus], outdir, actors=str(actors))
    assert second.units_skipped == 1 and len(second.parts) == len(first.parts) == 3
    assert second.parts_skipped == 0  # the registry is read by every part
    after = pipeline.read_statements(outdir)
    sohr = after["speaker"] == SOHR
    assert (after.loc[sohr, "speaker_side"] == "edited monitor").all()
    others = before.drop(columns="speaker_side").equals(after.drop(columns="speaker_side"))
    assert others and before.loc[~sohr, "speaker_side"].equals(after.loc[~sohr, "speaker_side"])
    fresh = tmp_path / "fresh"
    run([corpus], fresh, actors=str(actors))
    assert digests(outdir) == digests(fresh)


def _same_size_edit(path: Path, quote: str) -> str:
    """Change one letter of `quote` where it appears (once) in the file `path`, keeping the file's
    size and modification time. Returns the edited quote."""
    data = path.read_text(encoding="utf-8")
    stat = path.stat()
    assert data.count(quote) == 1
    k = next(i for i, ch in enumerate(quote) if i > 5 and ch in "aeiou")
    edited = quote[:k] + ("x" if quote[k] != "x" else "z") + quote[k + 1:]
    path.write_text(data.replace(quote, edited), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    return edited


def test_input_rewritten_with_same_size_and_time_is_recomputed(tmp_path):
    corpus = fakes_slice(tmp_path / "fakes.csv", 40, 60)
    outdir = tmp_path / "out"
    run([corpus], outdir)
    statements = pipeline.read_statements(outdir)
    text = corpus.read_text(encoding="utf-8")
    quote = next(q for q in statements["quote"] if len(q) > 30 and '"' not in q and q.isascii() and text.count(q) == 1)
    edited = _same_size_edit(corpus, quote)

    again = run([corpus], outdir)
    assert again.units_skipped == 0  # the content changed, so the unit was loaded again
    after = pipeline.read_statements(outdir)
    assert edited in set(after["quote"]) and quote not in set(after["quote"])
    # parts whose articles did not change were reused, and the result is a fresh run's
    assert again.parts_skipped == len(again.parts) - 1
    fresh = tmp_path / "fresh"
    run([corpus], fresh)
    assert digests(outdir) == digests(fresh)


def test_smaller_corpus_leaves_no_stale_parts(tmp_path):
    import dask.dataframe as dd

    corpus = fakes_slice(tmp_path / "fakes.csv", 100, 140)
    outdir = tmp_path / "out"
    big = run(["seeds", corpus], outdir)
    assert len(big.parts) == 5  # the seed's part and four of ten FA-KES articles
    # (a user's own file beside the datasets is left alone)
    (outdir / "notes.txt").write_text("mine", encoding="utf-8")

    small = run(["seeds"], outdir)
    manifest = pipeline.read_manifest(outdir)
    assert manifest["parts"] == small.parts == ["part-00000-0000.parquet"]
    for folder in ("articles", "statements"):
        assert sorted(p.name for p in (outdir / folder).glob("*.parquet")) == manifest["parts"]
    assert sorted(p.name for p in (outdir / "articles" / "_done").iterdir()) == ["00000.json"]
    assert sorted(p.name for p in (outdir / "statements" / "_done").iterdir()) == ["part-00000-0000.json"]
    assert (outdir / "notes.txt").read_text(encoding="utf-8") == "mine"
    whole = pd.read_parquet(outdir / "statements")
    assert len(whole) == manifest["statements"] == len(pipeline.read_statements(outdir))
    assert len(dd.read_parquet(str(outdir / "statements")).compute()) == manifest["statements"]
    assert len(pd.read_parquet(outdir / "articles")) == manifest["articles"] == 1
    # the seed's part no longer carries FA-KES's columns: the files are a fresh run's
    assert "labels" not in whole.columns
    fresh = tmp_path / "fresh"
    run(["seeds"], fresh)
    (outdir / "notes.txt").unlink()
    assert digests(outdir) == digests(fresh)


def test_resumed_run_equals_fresh_run_after_an_input_edit(tmp_path):
    # b.csv repeats ten of a.csv's ids, so they are renamed (id_2) after a.csv's
    a = fakes_slice(tmp_path / "a.csv", 200, 220)
    b = fakes_slice(tmp_path / "b.csv", 210, 230)
    outdir = tmp_path / "out"
    first = run([a, b], outdir)
    assert first.ids_renamed == 10
    renamed = pipeline.read_articles(outdir, columns=["article_id", "original_id"])
    assert renamed["article_id"].str.endswith("_2").sum() == 10

    fakes_slice(a, 200, 210)  # the edit: a.csv loses the ten shared articles
    resumed = run([a, b], outdir)
    assert resumed.ids_renamed == 0 and resumed.units_skipped == 1  # b.csv is reused as loaded
    ids = pipeline.read_articles(outdir, columns=["article_id", "original_id"])
    assert not ids["article_id"].str.endswith("_2").any() and ids["original_id"].isna().all()
    assert ids["article_id"].is_unique
    fresh = tmp_path / "fresh"
    run([a, b], fresh)
    assert digests(outdir) == digests(fresh)
    # and back: the larger a.csv again gives the first run's files
    fakes_slice(a, 200, 220)
    run([a, b], outdir)
    again = tmp_path / "again"
    run([a, b], again)
    assert digests(outdir) == digests(again)


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("finished")
    run(["seeds"], outdir)
    return outdir


@pytest.mark.parametrize("bad", [
    {"corpus": ["seedz"]},
    {"chunk_size": 0},
    {"columns": {"identifier": "unit_id"}},
    {"corpus": [FAKES], "columns": {"text": "no_such_column"}},
    {"actors": "data/actors/missing.yaml"},
    {"topic_words": "data/sentiment/missing.yaml"},
    {"engine": "spark"},
    {"workers": -1},
])
def test_bad_argument_changes_nothing_in_a_finished_folder(finished, bad):
    before = digests(finished, markers=True)
    options = {"corpus": ["seeds"], "chunk_size": 10, **bad}
    with pytest.raises((ValueError, FileNotFoundError)):
        run(options.pop("corpus"), finished, **options)
    assert digests(finished, markers=True) == before
    assert pipeline.read_manifest(finished)["parts"]


def test_output_folder_inside_the_corpus_folder_is_refused(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(next(config.SEEDS_DIR.glob("*.txt")), corpus / "seed.txt")
    with pytest.raises(ValueError, match="inside the corpus folder"):
        run([corpus], corpus / "out")
    assert sorted(p.name for p in corpus.iterdir()) == ["seed.txt"]


def test_bad_registry_file_changes_nothing(finished, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("actors: [name: {unclosed\n", encoding="utf-8")
    before = digests(finished, markers=True)
    with pytest.raises(ValueError, match="broken.yaml"):
        run(["seeds"], finished, actors=str(broken))
    assert digests(finished, markers=True) == before


def test_only_the_tools_own_temporaries_are_removed(tmp_path):
    outdir = tmp_path / "shared"
    outdir.mkdir()
    mine = [outdir / ".draft.tmp", outdir / ".notes.txt.1234.tmp"]
    for path in mine:
        path.write_text("the user's", encoding="utf-8")
    ours = [outdir / f"{TEMP_PREFIX}999-manifest.json.abcd1234.tmp",
            outdir / "statements" / f"{TEMP_PREFIX}999-part-00000-0000.parquet.x1y2z3.tmp"]
    ours[1].parent.mkdir()
    for path in ours:
        path.write_bytes(b"partial")
    run(["seeds"], outdir)
    assert all(p.read_text(encoding="utf-8") == "the user's" for p in mine)
    assert not any(p.exists() for p in ours)
    assert not [p for p in outdir.rglob(f"{TEMP_PREFIX}*")]


def test_dataset_folders_come_from_the_stage_declaration(finished):
    assert pipeline.read_manifest(finished)["stages"] == list(stages.PIPELINE_STAGES)
    assert stages.pipeline_path("articles", "/x") == Path("/x") / layout.ARTICLES_DIR
    assert stages.pipeline_path("statements_scored", "/x") == Path("/x") / layout.STATEMENTS_DIR
    assert stages.pipeline_path("articles_rejected", "/x") == Path("/x") / layout.REJECTED_FILE



def test_speaker_names_follow_the_corpus_not_an_earlier_run(tmp_path):
    # b.jsonl names its speaker by surname only; a.jsonl gives the full name. Names merge across
    # articles only when the full name is the same (issue 12 item 3: a bare surname in one article
    # is not joined to a full name in another), so b's speaker stays "Smithson" with or without
    # a.jsonl, and a reused part must say exactly what a fresh run says.
    b = tmp_path / "b.jsonl"
    b.write_text('{"id": "b", "title": "Rebuilding", "text": "Work began on Tuesday.\\n\\n'
                 '\\"We will rebuild the bridge before winter,\\" Smithson said."}\n', encoding="utf-8")
    a = tmp_path / "a.jsonl"
    a.write_text('{"id": "a", "title": "Road closed", "text": "Farmers protested on Monday.\\n\\n'
                 '\\"The road is closed and nobody told us,\\" said John Smithson, a local farmer."}\n',
                 encoding="utf-8")
    outdir = tmp_path / "out"
    run([b, a], outdir, chunk_size=1)
    assert pipeline.read_statements(outdir)["speaker"].tolist() == ["Smithson", "John Smithson"]
    smaller = run([b], outdir, chunk_size=1)
    assert smaller.parts_skipped == 1  # b.jsonl's statements are reused ...
    assert pipeline.read_statements(outdir)["speaker"].tolist() == ["Smithson"]  # ... and named afresh
    fresh = tmp_path / "fresh"
    run([b], fresh, chunk_size=1)
    assert digests(outdir) == digests(fresh)

"""quotelens.tables: round trips, atomic replacement and file permissions."""

import json
import os
import stat

import pandas as pd
import pytest

from quotelens.load.corpus import load_corpus
from quotelens.tables import atomic_path, read_table, write_table


@pytest.fixture(scope="module")
def seed_articles():
    return load_corpus("seeds").articles


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".jsonl"])
def test_round_trip_keeps_the_seed_text_exactly(tmp_path, seed_articles, suffix):
    cols = ["article_id", "title", "text"]
    path = write_table(seed_articles[cols], tmp_path / f"articles{suffix}")
    back = read_table(path)
    assert list(back.columns) == cols
    assert back.loc[0, "text"] == seed_articles.loc[0, "text"]
    assert str(back.loc[0, "article_id"]) == "000_aff2fd669e79066c"


def test_same_table_gives_identical_bytes(tmp_path, seed_articles):
    cols = ["article_id", "title", "headlines", "text"]
    a = write_table(seed_articles[cols], tmp_path / "a.csv").read_bytes()
    b = write_table(seed_articles[cols], tmp_path / "b.csv").read_bytes()
    assert a == b
    # list cells are written as JSON text, not as a Python repr
    cell = read_table(tmp_path / "a.csv").loc[0, "headlines"]
    assert json.loads(cell) == list(seed_articles.loc[0, "headlines"])


def test_failed_write_leaves_previous_output_and_no_temporary_file(tmp_path):
    target = tmp_path / "out.csv"
    write_table(pd.DataFrame({"x": [1]}), target)
    before = target.read_bytes()
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half written")
            raise RuntimeError("interrupted")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_outputs_get_umask_permissions_not_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        path = write_table(pd.DataFrame({"x": [1]}), tmp_path / "t.parquet")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_unknown_suffix_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unsupported table format"):
        write_table(pd.DataFrame({"x": [1]}), tmp_path / "t.xlsx")


def test_only_the_tools_own_temporaries_are_removed(tmp_path):
    """Issue 16 item 3: a report folder may be shared; a user's `.*.tmp` files are not ours."""
    from quotelens.tables import atomic_path, remove_stale_temporaries

    target = tmp_path / "figure.png"
    with atomic_path(target) as tmp:  # a real temporary name, left behind as a killed run would
        leftover = tmp.with_name(tmp.name)
        tmp.write_bytes(b"half")
        kept_name = tmp.name
    (tmp_path / kept_name).write_bytes(b"half")  # recreate it under the tool's own name
    users = [tmp_path / ".notes.tmp", tmp_path / ".figure.png.abc123.tmp", tmp_path / "draft.tmp"]
    for path in users:
        path.write_text("user's", encoding="utf-8")
    removed = remove_stale_temporaries(tmp_path)
    assert removed == [leftover]
    assert all(path.read_text(encoding="utf-8") == "user's" for path in users)
    assert target.read_bytes() == b"half"

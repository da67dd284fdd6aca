"""The contracts (quotelens.contracts) hold for real output, and docs/contracts.md describes exactly them.

The column lists are read from quotelens.contracts only; the doc's tables are parsed, so a column
added to, removed from or reordered in the code without the doc (or the other way round) fails here.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from quotelens import config
from quotelens.contracts import (
    ARTICLE_COLUMNS,
    REJECTED_COLUMNS,
    STATEMENT_COLUMNS,
    STATEMENT_TYPES,
    statement_problems,
)
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus

CONTRACTS_DOC = config.PROJ_ROOT / "docs" / "contracts.md"
#: The corpus of the smoke config (configs/smoke.yaml, notebook 01_articles): the seed article(s).
SMOKE_CORPUS = ["seeds"]


@pytest.fixture(scope="module")
def seed_load():
    return load_corpus(SMOKE_CORPUS)


@pytest.fixture(scope="module")
def seed_statements(seed_load):
    return extract_statements(seed_load.articles, registry="data/actors/syria.yaml")  # the smoke config's registry


# ---------------------------------------------------------------------------------------------
# Real output


def test_loader_output_starts_with_the_article_columns(seed_load):
    articles = seed_load.articles
    assert list(articles.columns[: len(ARTICLE_COLUMNS)]) == ARTICLE_COLUMNS
    assert list(seed_load.rejected.columns) == REJECTED_COLUMNS
    assert seed_load.read == len(articles) + len(seed_load.rejected)
    assert len(articles) >= 1
    assert articles["article_id"].is_unique
    assert str(articles["date"].dtype) == "datetime64[ns]"
    assert str(articles["duplicate_similarity"].dtype) == "float64"
    assert str(seed_load.rejected["line"].dtype) == "Int64"
    # text is the body exactly as read: sha256 is computed on it, origin names the file.
    import hashlib

    for row in articles.itertuples():
        assert hashlib.sha256(row.text.encode("utf-8")).hexdigest() == row.sha256
        assert row.origin.startswith("seeds/")


def test_loader_gives_the_same_ids_on_a_second_run(seed_load):
    again = load_corpus(SMOKE_CORPUS)
    assert again.articles["article_id"].tolist() == seed_load.articles["article_id"].tolist()


def test_smoke_extraction_has_the_statement_columns_in_order(seed_load, seed_statements):
    # The Statements contract first, in order; then the article's columns other than the text.
    joined = [c for c in seed_load.articles.columns if c not in STATEMENT_COLUMNS and c not in ("text", "headlines")]
    assert list(seed_statements.columns) == STATEMENT_COLUMNS + joined
    # Without article columns to join, exactly the contract (same statements: the title only
    # changes `in_headline`).
    bare = extract_statements(seed_load.articles[["article_id", "text"]], registry="data/actors/syria.yaml")
    assert list(bare.columns) == STATEMENT_COLUMNS
    assert bare["statement_id"].tolist() == seed_statements["statement_id"].tolist()


def test_smoke_extraction_dtypes_match_the_doc(seed_statements):
    st = seed_statements
    for col in ("speaker_start", "speaker_end", "start", "end", "paragraph", "sentence", "resolved_from"):
        assert str(st[col].dtype) == "int64", col
    assert str(st["confidence"].dtype) == "float64"
    assert str(st["in_registry"].dtype) == "bool" and str(st["in_headline"].dtype) == "bool"
    assert (st["statement_id"] == st["article_id"] + ":" + st["start"].astype(str)).all()
    assert st["statement_id"].is_unique


def test_smoke_extraction_obeys_statement_problems(seed_load, seed_statements):
    assert len(seed_statements) > 0  # the seed article quotes several actors
    assert set(seed_statements["type"]) <= STATEMENT_TYPES
    texts = dict(zip(seed_load.articles["article_id"], seed_load.articles["text"]))
    for article_id, group in seed_statements.groupby("article_id", sort=False):
        rows = [
            {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in group[STATEMENT_COLUMNS].to_dict("records")
        ]
        assert statement_problems(texts[article_id], rows) == [], article_id


def test_statement_problems_catches_a_broken_offset(seed_load, seed_statements):
    # The check used above does fail on a statement that breaks the contract.
    text = seed_load.articles["text"].iat[0]
    row = seed_statements[STATEMENT_COLUMNS].iloc[0].to_dict()
    row = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
    row["end"] += 1
    assert any("!= quote" in p for p in statement_problems(text, [row]))


# ---------------------------------------------------------------------------------------------
# docs/contracts.md


def _sections(doc: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", doc, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def _table_columns(section: str) -> list[str]:
    """Column names in the first cell of each table row, in order (`a`, `b` in one cell: both)."""
    names = []
    for line in section.splitlines():
        m = re.match(r"^\| ((?:`[^`]+`(?:, )?)+) \|", line)
        if m:
            names += re.findall(r"`([^`]+)`", m.group(1))
    return names


@pytest.fixture(scope="module")
def doc_sections():
    return _sections(CONTRACTS_DOC.read_text(encoding="utf-8"))


def test_doc_lists_the_article_columns_in_order(doc_sections):
    assert _table_columns(doc_sections["Articles"]) == ARTICLE_COLUMNS


def test_doc_lists_the_rejected_columns_in_order(doc_sections):
    assert _table_columns(doc_sections["Rejected"]) == REJECTED_COLUMNS


def test_doc_lists_the_statement_columns_in_order(doc_sections):
    assert _table_columns(doc_sections["Statements"]) == STATEMENT_COLUMNS
    for kind in STATEMENT_TYPES:
        assert f"`{kind}`" in doc_sections["Statements"], kind


def test_doc_lists_the_scored_columns_in_order(doc_sections):
    from quotelens.sentiment.scoring import Scorer

    listed = [c for c in _table_columns(doc_sections["Scored statements"]) if "<name>" not in c]
    assert listed == Scorer().output_columns()


def test_doc_lists_every_command_and_option(doc_sections):
    from quotelens.cli import build_parser

    section = doc_sections["Command line"]
    parser = build_parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction").choices
    for name, sub in commands.items():
        assert f"quotelens {name}" in section, name
        for action in sub._actions:
            options = [o for o in action.option_strings if o not in ("-h", "--help")]
            if options:  # -o or --output is enough
                assert any(re.search(rf"{o}\b", section) for o in options), (
                    f"quotelens {name} {options[-1]} is not described in docs/contracts.md, section Command line")


# ---------------------------------------------------------------------------------------------
# No pointer to a file the repository does not contain


def test_no_tracked_file_mentions_the_old_guide():
    if shutil.which("git") is None or not (config.PROJ_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    needle = b"GUIDE" + b".md"  # spelled apart so this file does not match itself
    files = subprocess.run(["git", "ls-files", "-z"], cwd=config.PROJ_ROOT, capture_output=True,
                           check=True).stdout.split(b"\0")
    hits = []
    for name in filter(None, files):
        path = config.PROJ_ROOT / name.decode()
        if path.is_file() and needle in path.read_bytes():
            hits.append(name.decode())
    assert hits == []

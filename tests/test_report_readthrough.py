"""scripts/sample_statements.py, the read-through sampler of docs/readthrough.md, on real text:
the seed article and FA-KES articles of the news gold."""

from __future__ import annotations

import sys

import pandas as pd
import pytest

from quotelens import config
from quotelens.extract.statements import extract_statements
from quotelens.load.corpus import load_corpus
from quotelens.tables import write_table

sys.path.insert(0, str(config.PROJ_ROOT / "scripts"))
import sample_statements  # noqa: E402


@pytest.fixture(scope="module")
def seed_table(tmp_path_factory):
    articles = load_corpus(["seeds"]).articles
    statements = extract_statements(articles)
    path = tmp_path_factory.mktemp("sample") / "statements.parquet"
    write_table(statements, path)
    return path, statements


def _blocks(out: str) -> list[str]:
    return [b for b in out.split("\n\n") if b.startswith("[")]


def test_sample_prints_each_statement_marked_in_its_article(seed_table, capsys):
    path, statements = seed_table
    assert sample_statements.main([str(path), "--corpus", "seeds", "--n", "4", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    blocks = _blocks(out)
    assert len(blocks) == 4
    by_id = statements.set_index("statement_id")
    for block in blocks:
        sid = block.split("statement ", 1)[1].split()[0]
        row = by_id.loc[sid]
        assert f"speaker : {row['speaker']} (" in block and f'cue     : "{row["cue"]}"' in block
        assert "OFFSETS DO NOT MATCH" not in block
        context = " ".join(block.split("context :", 1)[1].split())
        marked = context.split("⟦", 1)[1].split("⟧", 1)[0]
        plain = marked
        for mark in "‹›^⌈⌉":
            plain = plain.replace(mark, "")
        assert plain == " ".join(row["quote"].replace("\n", " / ").split())
        if row.get("cue_start", -1) >= 0 and row["cue_end"] > row["cue_start"]:
            assert "⌈" + " ".join(row["cue"].split()).lower() + "⌉" in context.lower()  # "According to" as written
        if row["speaker_start"] >= 0:
            assert "‹" + " ".join(row["speaker_mention"].split()) + "›" in context
    # the same table, seed and n print the same sample; another seed another one
    assert sample_statements.main([str(path), "--corpus", "seeds", "--n", "4", "--seed", "3"]) == 0
    assert capsys.readouterr().out == out
    assert sample_statements.main([str(path), "--corpus", "seeds", "--n", "4", "--seed", "4"]) == 0
    assert capsys.readouterr().out != out


def test_sample_never_draws_from_the_gold_test_split(default_articles, default_statements):
    """Statements of news-gold test articles are left out of the pool (tune on dev only)."""
    gold = pd.read_json(config.GOLD_DIR / "news" / "articles.jsonl", lines=True, dtype=False)
    test_texts = set(gold.loc[gold["split"] == "test", "text"])
    dev_texts = set(gold.loc[gold["split"] == "dev", "text"])
    # the default corpus (seed + FA-KES) and its statements, loaded and extracted once per run
    # (conftest); the draw reads only article ids, texts and copy flags
    articles = default_articles
    chosen = articles[articles["text"].isin(test_texts) | articles["text"].isin(dev_texts)]
    assert chosen["text"].isin(test_texts).sum() >= 10
    statements = default_statements[default_statements["article_id"].isin(chosen["article_id"])]
    assert len(statements) > 100
    sample, left_out = sample_statements.draw(statements, chosen, n=10_000, seed=0, with_duplicates=False)
    test_ids = set(chosen.loc[chosen["text"].isin(test_texts), "article_id"])
    copies = set(chosen.loc[chosen["duplicate_of"].notna(), "article_id"])
    originals = statements[~statements["article_id"].isin(copies)]
    assert left_out["duplicates"] == len(statements) - len(originals)
    assert left_out["gold_test"] == int(originals["article_id"].isin(test_ids).sum()) > 0
    assert len(sample) == left_out["pool"] == len(statements) - left_out["gold_test"] - left_out["duplicates"]
    assert not sample["article_id"].isin(test_ids).any()


def test_sample_errors_are_one_line_exit_2(seed_table, tmp_path, capsys):
    path, _ = seed_table
    assert sample_statements.main([str(tmp_path / "none.parquet")]) == 2
    # a real corpus without the seed article: the first three FA-KES articles
    other = tmp_path / "fakes_head.csv"
    pd.read_csv(config.FAKES_CSV, dtype=str, keep_default_na=False).head(3).to_csv(other, index=False)
    assert sample_statements.main([str(path), "--corpus", str(other)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and "no such statements table" in err[0] and "not in the corpus" in err[1]

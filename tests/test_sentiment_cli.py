"""`quotelens sentiment` on real statements (the seed article, extracted) and on a plain table;
per-actor estimates on the seed's statements."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from quotelens import config
from quotelens.cli import main
from quotelens.load.corpus import load_corpus
from quotelens.sentiment.estimates import actor_estimates
from quotelens.extract.statements import extract_statements
from quotelens.tables import read_table, write_table


@pytest.fixture(scope="module")
def seed_statements():
    articles = load_corpus([config.SEEDS_DIR]).articles
    return articles, extract_statements(articles, registry="data/actors/syria.yaml")  # the seed's registry, named


def test_cli_scores_statements_keeping_every_column(tmp_path, seed_statements, capsys):
    articles, statements = seed_statements
    source = write_table(statements, tmp_path / "statements.parquet")
    out = tmp_path / "scored.parquet"
    assert main(["sentiment", str(source), "-o", str(out)]) == 0
    scored = read_table(out)
    assert list(scored.columns[: len(statements.columns)]) == list(statements.columns)
    assert scored["statement_id"].tolist() == statements["statement_id"].tolist()
    assert {"vader", "afinn", "ngram", "ensemble", "sentiment", "sentiment_unmasked", "evidence", "masked_terms"} <= set(scored.columns)
    assert scored["sentiment"].between(-1, 1).all()
    text = dict(zip(articles["article_id"], articles["text"]))
    for row in scored.itertuples():
        assert text[row.article_id][row.start:row.end] == row.quote  # offsets survive scoring
    err = capsys.readouterr().err
    assert f"{len(statements)} rows" in err and "0 without text" in err


def test_cli_masks_topic_words_only_when_a_list_is_named(tmp_path, seed_statements):
    # issue 13: no masking by default; the conflict list is an option for war news
    _, statements = seed_statements
    source = write_table(statements, tmp_path / "statements.parquet")
    plain, masked = tmp_path / "plain.parquet", tmp_path / "masked.parquet"
    assert main(["sentiment", str(source), "-o", str(plain)]) == 0
    conflict = config.DATA_DIR / "sentiment" / "topic_words_conflict.yaml"
    assert main(["sentiment", str(source), "-o", str(masked), "--topic-words", str(conflict)]) == 0
    plain, masked = read_table(plain), read_table(masked)
    assert (plain["masked_terms"] == "").all() and (plain["sentiment"] == plain["sentiment_unmasked"]).all()
    hit = masked["masked_terms"] != ""
    assert hit.any() and not hit.all()
    # the unmasked scores are the same either way; only the statements with topic words differ
    assert (masked["sentiment_unmasked"] == plain["sentiment"]).all()
    assert (masked.loc[~hit, "sentiment"] == plain.loc[~hit, "sentiment"]).all()


def test_cli_text_column_and_formats(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in [
        {"id": "u1", "body": "We welcome this agreement.", "rating": 5},
        {"id": "u2", "body": "", "rating": 1},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["sentiment", str(src), "-o", str(out), "--text-column", "body"]) == 0
    scored = pd.read_csv(out, keep_default_na=False, na_values=[""])
    assert scored["id"].tolist() == ["u1", "u2"] and scored["rating"].tolist() == [5, 1]
    assert scored.loc[0, "sentiment"] > 0 and pd.isna(scored.loc[1, "sentiment"])
    assert "1 without text left unscored" in capsys.readouterr().err


def test_cli_errors_are_clear(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"in.csv: no column 'text'"):
        main(["sentiment", str(src), "-o", str(tmp_path / "o.csv"), "--text-column", "text"])
    with pytest.raises(SystemExit, match="no such file"):
        main(["sentiment", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.csv")])


def test_seed_actor_estimates_reconcile(seed_statements):
    from quotelens.sentiment import score_table

    _, statements = seed_statements
    scored = score_table(statements)
    estimates = actor_estimates(scored, method_columns=["vader", "afinn", "ngram", "ensemble"], min_statements=1, seed=0)
    assert estimates["n_statements"].sum() == scored.dropna(subset=["speaker", "sentiment"]).shape[0]
    assert (estimates["n_articles"] == 1).all() and estimates["single_article"].all()
    # A mixed statement's quote is its whole reported clause (issue 12): find it by its quoted words.
    delattre = scored[scored["quote"].str.contains("the fight against terrorism is our number one priority", regex=False)]
    assert len(delattre) == 1 and delattre["speaker"].iloc[0] == "Francois Delattre"

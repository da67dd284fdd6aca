"""quotelens.load.profile: the numbers behind the 01_articles figures, on the default corpus."""

from __future__ import annotations

import pandas as pd
import pytest

from quotelens.load import profile
from quotelens.load.corpus import load_corpus


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return load_corpus(["seeds", "data/raw/fa-kes/FA-KES-Dataset.csv"]).articles


def test_select_sample_and_drop(articles):
    assert len(profile.select_articles(articles)) == 805
    first = profile.select_articles(articles, sample=300)
    assert first["article_id"].tolist() == articles["article_id"].head(300).tolist()
    # A copy's original comes earlier in load order, so it is always inside the sample.
    copies = first["duplicate_of"].dropna()
    assert len(copies) > 0 and copies.isin(first["article_id"]).all()
    kept = profile.select_articles(articles, sample=300, drop_duplicates=True)
    assert len(kept) == 300 - len(copies) and kept["duplicate_of"].isna().all()
    with pytest.raises(ValueError):
        profile.select_articles(articles, sample=-1)


def test_selection_sentence_says_what_was_left_out_in_words(articles):
    every = profile.select_articles(articles)
    assert profile.selection_sentence(articles, every) == (
        "kept 805 of 805 loaded articles (none left out; flagged copies are kept here and set aside "
        "when statements are counted)")
    kept = profile.select_articles(articles, sample=300, drop_duplicates=True)
    copies = 300 - len(kept)
    assert profile.selection_sentence(articles, kept, sample=300, drop_duplicates=True) == (
        f"kept {len(kept)} of 805 loaded articles (left out: 505 beyond the sample of the first 300; "
        f"{copies} flagged copies of an earlier article)")
    # no code-like "drop_duplicates False" or "sample all" in what the reader sees
    assert "drop_duplicates" not in profile.selection_sentence(articles, every)


def test_duplicate_counts_and_pairs(articles):
    counts = profile.duplicate_counts(articles).set_index("status")["n_articles"]
    assert counts.sum() == len(articles)
    assert counts["exact copy"] == (articles["duplicate_similarity"] == 1.0).sum()
    assert counts["exact copy"] >= 15 and counts["near copy"] >= 10
    pairs = profile.duplicate_pairs(articles)
    assert len(pairs) == counts["exact copy"] + counts["near copy"]
    row = pairs.set_index("article_id").loc["1924058078"]
    assert (row["duplicate_of"], row["source"], row["source_of_original"]) == ("1919191772", "trt", "trt")
    assert (row["date"], row["date_of_original"]) == ("2017-04-02", "2017-04-15")


def test_per_source(articles):
    table = profile.articles_per_source(articles)
    assert table["n_articles"].sum() == 805
    assert table.iloc[0].tolist() == ["ahram", 149, table.iloc[0]["n_copies"]]
    assert table.set_index("source").loc[profile.UNKNOWN_SOURCE, "n_articles"] == 1  # the seed
    assert table["n_copies"].sum() == articles["duplicate_of"].notna().sum()
    assert table["n_articles"].is_monotonic_decreasing


def test_per_month_fills_empty_months(articles):
    table = profile.articles_per_month(articles)
    assert table["n_articles"].sum() == 804  # the seed has no date
    assert table["month"].iloc[0] == "2011-02" and table["month"].iloc[-1] == "2018-07"
    assert len(table) == (2018 - 2011) * 12 + (7 - 2) + 1  # every month, none skipped
    assert (table["n_articles"] == 0).any()
    april_2017 = articles["date"].dt.strftime("%Y-%m").eq("2017-04").sum()
    assert table.set_index("month").loc["2017-04", "n_articles"] == april_2017
    assert profile.articles_per_month(articles.head(1)).empty


def test_text_lengths(articles):
    table = profile.text_lengths(articles, bin_chars=500)
    assert table["n_articles"].sum() == 805
    assert (table["bin_end"] - table["bin_start"] == 500).all()
    longest = articles["text"].str.len().max()
    assert table["bin_start"].iloc[-1] <= longest < table["bin_end"].iloc[-1]
    assert table["n_articles"].iloc[-1] >= 1
    short = (articles["text"].str.len() < 500).sum()
    assert table["n_articles"].iloc[0] == short


def test_remove_stale_figure(tmp_path):
    (tmp_path / "x.png").write_bytes(b"png")
    (tmp_path / "x.csv").write_text("a\n")
    assert len(profile.remove_stale_figure("x", tmp_path)) == 2
    assert not list(tmp_path.iterdir())
    assert profile.remove_stale_figure("x", tmp_path) == []

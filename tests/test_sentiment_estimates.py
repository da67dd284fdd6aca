"""Per-actor estimates: Wilson intervals, the seeded cluster bootstrap, flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from quotelens.sentiment.estimates import actor_estimates, add_month, cluster_bootstrap_mean, top_actors, wilson_interval


def _statements(seed=3, actors="ABC", n=300, articles=60):
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "speaker": rng.choice(list(actors), n),
            "article_id": rng.integers(0, articles, n).astype(str),
            "sentiment": np.clip(rng.normal(0.1, 0.4, n), -1, 1),
        }
    )
    df["label"] = np.where(df["sentiment"] > 0.2, 1, np.where(df["sentiment"] < -0.2, -1, 0))
    df["vader"] = df["sentiment"] * 0.8
    df["sentiment_unmasked"] = df["sentiment"] - 0.1
    return df


def test_wilson_interval_known_values():
    low, high = wilson_interval(0, 10)
    assert low == 0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson_interval(5, 10)
    assert (low, high) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))
    low, high = wilson_interval(np.array([1, 2]), np.array([0, 4]))
    assert np.isnan(low[0]) and 0 < low[1] < 0.5 < high[1] < 1


def test_bootstrap_is_seeded_and_independent_of_other_groups():
    df = _statements()
    a = actor_estimates(df, method_columns=["vader"], seed=7)
    b = actor_estimates(df, method_columns=["vader"], seed=7)
    pd.testing.assert_frame_equal(a, b)
    c = actor_estimates(df, method_columns=["vader"], seed=8)
    assert not np.allclose(a["ci_low"], c["ci_low"])
    only_a = actor_estimates(df[df["speaker"] == "A"], method_columns=["vader"], seed=7)
    row = a[a["speaker"] == "A"].iloc[0]
    assert only_a.iloc[0]["ci_low"] == row["ci_low"] and only_a.iloc[0]["ci_high"] == row["ci_high"]


def test_bootstrap_resamples_articles_not_statements():
    # 20 articles, each with 10 identical statements: only 20 independent observations.
    rng = np.random.default_rng(0)
    per_article = rng.normal(0, 0.5, 20)
    scores = np.repeat(per_article, 10)
    articles = np.repeat(np.arange(20), 10)
    mean, low, high = cluster_bootstrap_mean(scores, articles, seed=1)
    _, naive_low, naive_high = cluster_bootstrap_mean(scores, np.arange(200), seed=1)
    assert mean == pytest.approx(per_article.mean())
    assert (high - low) > 2 * (naive_high - naive_low)
    # the cluster interval is close to the normal interval of 20 article means
    se = per_article.std(ddof=1) / np.sqrt(20)
    assert (high - low) == pytest.approx(2 * 1.96 * se, rel=0.25)


def test_single_article_gives_no_interval_and_a_flag():
    df = pd.DataFrame({"speaker": "X", "article_id": "a1", "sentiment": [0.1, 0.2, 0.3, 0.4, 0.5], "label": [0, 0, 1, 1, 1]})
    out = actor_estimates(df, unmasked_column=None)
    row = out.iloc[0]
    assert row["n_statements"] == 5 and row["n_articles"] == 1
    assert np.isnan(row["ci_low"]) and np.isnan(row["ci_high"])
    assert row["single_article"] and "one article" in row["flags"]
    assert row["share_positive"] == pytest.approx(0.6)


def test_min_statements_and_flags():
    df = _statements(actors="AB")
    small = pd.DataFrame({"speaker": "C", "article_id": ["x", "y"], "sentiment": [0.5, 0.6], "label": [1, 1], "vader": [-0.5, -0.6], "sentiment_unmasked": [0.4, 0.5]})
    df = pd.concat([df, small], ignore_index=True)
    out = actor_estimates(df, method_columns=["vader"], min_statements=5)
    assert "C" not in out["speaker"].tolist()
    out2 = actor_estimates(df, method_columns=["vader"], min_statements=2)
    c = out2[out2["speaker"] == "C"].iloc[0]
    assert c["methods_disagree"] and "methods disagree" in c["flags"]
    assert c["masking_shift"] == pytest.approx(0.1)
    for _, row in out2.iterrows():
        if np.isfinite(row["ci_low"]):
            assert row["ci_low"] <= row["mean"] <= row["ci_high"]
            assert row["ci_crosses_zero"] == (row["ci_low"] <= 0 <= row["ci_high"])
        shares = row["share_negative"] + row["share_neutral"] + row["share_positive"]
        assert shares == pytest.approx(1.0)
    assert out2["mean"].is_monotonic_decreasing


def test_groups_by_outlet_and_month():
    df = _statements()
    df["source"] = np.where(df.index % 2 == 0, "SANA", "Reuters")
    df["date"] = pd.to_datetime("2017-03-01") + pd.to_timedelta((df.index % 60), unit="D")
    df = add_month(df)
    assert set(df["month"]) == {"2017-03", "2017-04"}
    by_outlet = actor_estimates(df, by=["speaker", "source"], min_statements=3)
    assert set(by_outlet["source"]) == {"SANA", "Reuters"}
    assert by_outlet["n_statements"].sum() == len(df)
    by_month = actor_estimates(df, by=["speaker", "month"], min_statements=3)
    assert by_month["n_statements"].sum() == len(df)
    assert top_actors(df, 2) == df["speaker"].value_counts().sort_index().sort_values(ascending=False, kind="mergesort").index[:2].tolist()


def test_missing_columns_are_named():
    with pytest.raises(ValueError, match="article_id"):
        actor_estimates(pd.DataFrame({"speaker": ["a"], "sentiment": [0.1], "label": [0]}))


def test_few_articles_are_flagged():
    df = pd.DataFrame({"speaker": "X", "article_id": ["a", "a", "b", "b", "c"], "sentiment": [0.1, 0.2, 0.3, 0.4, 0.5], "label": [0, 0, 1, 1, 1]})
    row = actor_estimates(df, unmasked_column=None).iloc[0]
    assert row["n_articles"] == 3 and np.isfinite(row["ci_low"])
    assert "fewer than 5 articles" in row["flags"]


def test_shares_get_article_cluster_intervals_wider_than_wilson():
    # Issue 15, item 3: 20 articles, each with 10 statements of one label (its framing): only 20
    # independent observations, so the interval must be far wider than Wilson's over 200.
    from quotelens.sentiment.estimates import cluster_bootstrap_shares

    rng = np.random.default_rng(4)
    per_article = rng.choice([-1, 0, 1], 20, p=[0.3, 0.4, 0.3])
    labels = np.repeat(per_article, 10)
    articles = np.repeat(np.arange(20), 10)
    shares = cluster_bootstrap_shares(labels, articles, seed=2, key=("A",))
    assert shares == cluster_bootstrap_shares(labels, articles, seed=2, key=("A",))  # seeded
    for value in (-1, 0, 1):
        share, low, high = shares[value]
        assert share == pytest.approx(np.mean(labels == value))
        wilson_low, wilson_high = wilson_interval(int((labels == value).sum()), 200)
        assert low <= share <= high
        assert (high - low) > 2 * (wilson_high - wilson_low)


def test_a_share_of_zero_gets_wilson_over_articles_and_one_article_no_interval():
    from quotelens.sentiment.estimates import cluster_bootstrap_shares

    shares = cluster_bootstrap_shares(np.zeros(30, dtype=int), np.repeat(np.arange(6), 5), seed=0)
    share, low, high = shares[1]
    assert share == 0 and low == pytest.approx(0, abs=1e-12)
    assert high == pytest.approx(float(wilson_interval(0, 6)[1]))  # n = 6 articles, not 30 statements
    share, low, high = cluster_bootstrap_shares(np.array([1, 0, 1]), ["a", "a", "a"])[1]
    assert share == pytest.approx(2 / 3) and np.isnan(low) and np.isnan(high)


def test_actor_table_uses_the_cluster_shares():
    df = _statements()
    table = actor_estimates(df, seed=5)
    row = table[table["speaker"] == "A"].iloc[0]
    group = df[df["speaker"] == "A"]
    from quotelens.sentiment.estimates import cluster_bootstrap_shares

    expected = cluster_bootstrap_shares(group["label"].to_numpy(), group["article_id"], seed=5, key=("A",))
    assert (row["share_positive"], row["share_positive_low"], row["share_positive_high"]) == expected[1]

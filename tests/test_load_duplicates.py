"""quotelens.load.duplicates on the real default corpus (seed + FA-KES): the vectorised all-pairs
comparison agrees with a direct pair-by-pair recomputation from `shingles`, and its flags keep
their promises (earliest original, no chains, nothing dropped)."""

from __future__ import annotations

import pandas as pd
import pytest

from quotelens.load.corpus import load_corpus
from quotelens.load.duplicates import (
    MIN_SHINGLES,
    NEAR_CONTAINMENT,
    NEAR_JACCARD,
    SHINGLE_WORDS,
    mark_duplicates,
    shingles,
)

DEFAULT_CORPUS = ["seeds", "data/raw/fa-kes/FA-KES-Dataset.csv"]


@pytest.fixture(scope="module")
def unflagged() -> pd.DataFrame:
    return load_corpus(DEFAULT_CORPUS, duplicates=False).articles


@pytest.fixture(scope="module")
def flagged(unflagged) -> pd.DataFrame:
    return mark_duplicates(unflagged)


def _near(a: set[str], b: set[str]) -> tuple[bool, float]:
    """The duplicate rule written out for one pair: (is a copy, Jaccard similarity)."""
    common = len(a & b)
    union = len(a) + len(b) - common
    jaccard = common / union if union else 0.0
    small = min(len(a), len(b))
    return jaccard >= NEAR_JACCARD or (small >= MIN_SHINGLES and common >= NEAR_CONTAINMENT * small), jaccard


def test_same_flags_as_load_corpus(flagged, default_load):
    # load_corpus's own flags on the same corpus: conftest's shared load (once per run)
    pd.testing.assert_frame_equal(flagged, default_load.articles)


def test_nothing_dropped_and_columns_after_sha256(unflagged, flagged):
    assert len(flagged) == len(unflagged) == 805
    cols = list(flagged.columns)
    assert cols[cols.index("sha256") + 1: cols.index("sha256") + 3] == ["duplicate_of", "duplicate_similarity"]
    pd.testing.assert_frame_equal(flagged.drop(columns=["duplicate_of", "duplicate_similarity"]), unflagged)


def test_copies_point_to_an_earlier_original_never_to_a_copy(flagged):
    position = {a: i for i, a in enumerate(flagged["article_id"])}
    copies = flagged[flagged["duplicate_of"].notna()]
    assert len(copies) > 0
    for i, row in copies.iterrows():
        j = position[row["duplicate_of"]]
        assert j < i
        assert pd.isna(flagged["duplicate_of"].iat[j])  # chains resolved to the first copy


def test_repeated_texts_are_exact_copies(flagged):
    repeated = flagged["sha256"].duplicated()
    assert repeated.sum() > 0
    assert flagged.loc[repeated, "duplicate_of"].notna().all()
    assert (flagged.loc[repeated, "duplicate_similarity"] == 1.0).all()
    # The originals never share a text.
    assert flagged.loc[flagged["duplicate_of"].isna(), "sha256"].is_unique


def test_similarity_one_does_not_mean_identical_text(flagged):
    """Shingles ignore case, punctuation and apostrophes, so a copy that differs only in those
    scores 1.0 without sharing the hash. FA-KES has such copies; count them so a change shows."""
    at_one = flagged["duplicate_similarity"] == 1.0
    repeated = flagged["sha256"].duplicated()
    assert (at_one & ~repeated).sum() == 1  # one FA-KES copy, one character longer than its original


def test_every_flag_matches_a_direct_recomputation(flagged):
    """Recompute, pair by pair, every article's first earlier match among distinct texts and
    compare with what the sparse product flagged (806 x 806 / 2 pairs: a few seconds)."""
    texts = flagged["text"].tolist()
    sha = flagged["sha256"].tolist()
    sets = [shingles(t, SHINGLE_WORDS) for t in texts]
    first_of_hash: dict[str, int] = {}
    direct_root = list(range(len(texts)))
    direct_sim = [float("nan")] * len(texts)
    distinct: list[int] = []
    for i in range(len(texts)):
        if sha[i] in first_of_hash:
            direct_root[i], direct_sim[i] = first_of_hash[sha[i]], 1.0
            continue
        first_of_hash[sha[i]] = i
        for j in distinct:  # earliest first
            hit, jac = _near(sets[i], sets[j])
            if hit:
                direct_root[i], direct_sim[i] = j, jac
                break
        distinct.append(i)
    for i in range(len(texts)):  # resolve chains, as mark_duplicates does
        while direct_root[direct_root[i]] != direct_root[i]:
            direct_root[i] = direct_root[direct_root[i]]
    ids = flagged["article_id"].tolist()
    expected = [None if r == i else ids[r] for i, r in enumerate(direct_root)]
    assert flagged["duplicate_of"].tolist() == expected
    got = flagged["duplicate_similarity"].tolist()
    for i, (a, b) in enumerate(zip(got, direct_sim)):
        assert (pd.isna(a) and pd.isna(b)) or a == pytest.approx(b, abs=1e-12), ids[i]


def test_marking_twice_changes_nothing(flagged):
    pd.testing.assert_frame_equal(mark_duplicates(flagged), flagged)


def test_shingles_of_short_and_empty_texts():
    assert shingles("") == set()
    assert shingles("Assad's forces advanced.") == {"assads forces advanced"}
    five = "The envoy said talks would resume"
    assert shingles(five, k=5) == {"the envoy said talks would", "envoy said talks would resume"}

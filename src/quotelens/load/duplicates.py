"""Exact and near-duplicate articles: word shingles and their all-pairs comparison.

Reads: an Articles frame (article_id, text). Writes: a copy with `duplicate_of` and
`duplicate_similarity` after `sha256`; no row is dropped.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from quotelens.load.conventions import APOSTROPHES
from quotelens.load.decoding import sha256_text

#: Words per shingle for near-duplicate detection. Five words rarely repeat by chance across
#: different articles, yet one edited sentence only changes the shingles that overlap it.
SHINGLE_WORDS = 5
#: Two articles are near duplicates when the Jaccard similarity of their shingle sets is at
#: least this. In FA-KES, each article's best match with an earlier one scores below 0.3 for
#: 738 of 804 articles (independent reports), 0.3-0.5 for 17 (outlets rewriting one agency
#: story: related, not copies, left unflagged) and 0.5-1.0 for 49 (the same copy re-dated,
#: re-headlined, trimmed or repeated); there is no sharp gap, so 0.5 is a judgement ...
NEAR_JACCARD = 0.5
#: ... or when at least this share of the shorter one's shingles occur in the longer one (a
#: copy cut short, or padded with boilerplate), provided the shorter has MIN_SHINGLES shingles.
NEAR_CONTAINMENT = 0.9
MIN_SHINGLES = 20
_WORD = re.compile(r"\w+")
_APOSTROPHES = re.compile(f"[{re.escape(APOSTROPHES)}]")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased k-word shingles of `text`. Apostrophes are removed first so "Assad's" and
    "Assads" (FA-KES stripped them upstream) agree. A text of fewer than k words is one shingle."""
    words = _WORD.findall(_APOSTROPHES.sub("", text.lower()))
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def mark_duplicates(
    articles: pd.DataFrame,
    jaccard: float = NEAR_JACCARD,
    containment: float = NEAR_CONTAINMENT,
    k: int = SHINGLE_WORDS,
    min_shingles: int = MIN_SHINGLES,
) -> pd.DataFrame:
    """Flag exact and near-duplicate articles; return a copy with `duplicate_of` and
    `duplicate_similarity` set after `sha256`.

    `duplicate_of` is the article_id of the earliest article (in row order) that this one
    copies, or None; chains resolve to the first copy. `duplicate_similarity` (0-1) is 1.0 for
    identical text, else the Jaccard similarity of the k-word shingle sets with that earlier
    copy. Similarity is computed exactly for every pair (sparse matrix product, in blocks), so
    the result is deterministic; no row is dropped."""
    from scipy import sparse

    out = articles.copy()
    n = len(out)
    duplicate_of: list[str | None] = [None] * n
    similarity: list[float] = [np.nan] * n
    ids = out["article_id"].tolist()
    texts = out["text"].tolist()
    first_by_hash: dict[str, int] = {}
    root = list(range(n))
    for i, digest in enumerate(sha256_text(t) for t in texts):
        if digest in first_by_hash:
            root[i] = first_by_hash[digest]
            similarity[i] = 1.0
        else:
            first_by_hash[digest] = i
    # Near duplicates among the distinct texts.
    distinct = [i for i in range(n) if root[i] == i]
    vocab: dict[str, int] = {}
    rows, cols = [], []
    sizes = np.zeros(len(distinct), dtype=np.int64)
    for r, i in enumerate(distinct):
        sh = shingles(texts[i], k)
        sizes[r] = len(sh)
        for s in sh:
            rows.append(r)
            cols.append(vocab.setdefault(s, len(vocab)))
    if distinct and vocab:
        matrix = sparse.csr_matrix(
            (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(distinct), len(vocab))
        )
        block = 1000
        for lo in range(0, len(distinct), block):
            # Shared shingle counts of this block's articles with every article, vectorised.
            inter = (matrix[lo:lo + block] @ matrix.T).tocoo()
            ra = inter.row.astype(np.int64) + lo
            rb = inter.col.astype(np.int64)
            common = inter.data.astype(np.float64)
            earlier = rb < ra  # only compare with earlier articles
            ra, rb, common = ra[earlier], rb[earlier], common[earlier]
            union = sizes[ra] + sizes[rb] - common
            jac = np.divide(common, union, out=np.zeros_like(common), where=union > 0)
            small = np.minimum(sizes[ra], sizes[rb])
            contained = (small >= min_shingles) & (common >= containment * small)
            hit = (jac >= jaccard) | contained
            # Stable sort by (copy, original) so each copy takes its earliest original.
            order = np.lexsort((rb[hit], ra[hit]))
            for a, b, sim in zip(ra[hit][order], rb[hit][order], jac[hit][order]):
                i, j = distinct[a], distinct[b]
                if root[i] == i:
                    root[i] = j
                    similarity[i] = float(sim)
    # Resolve chains so every copy points at the first article of its group.
    for i in range(n):
        j = root[i]
        while root[j] != j:
            j = root[j]
        root[i] = j
        if j != i:
            duplicate_of[i] = ids[j]
    cols_before = [c for c in out.columns if c not in ("duplicate_of", "duplicate_similarity")]
    out = out[cols_before]
    at = cols_before.index("sha256") + 1 if "sha256" in cols_before else len(cols_before)
    out.insert(at, "duplicate_of", pd.Series(duplicate_of, index=out.index, dtype=object))
    out.insert(at + 1, "duplicate_similarity", pd.Series(similarity, index=out.index, dtype="float64"))
    return out

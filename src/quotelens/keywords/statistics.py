"""The statistics of distinctive terms, on count arrays: Monroe et al.'s log-odds z with an
informative Dirichlet prior, the signed chi-squared and G2 keyness of the 2x2 table, and TF-IDF
with each group as one document (formulas and references in quotelens.keywords.distinctive).

Reads term counts (numpy arrays: occurrences of each term per group and in the whole corpus);
writes arrays of the same shape (z, delta, its standard error, chi2, G2, tf-idf).
"""

from __future__ import annotations

import numpy as np

from quotelens.keywords.termcounts import KeywordsError

#: The prior's scale: alpha_w = DEFAULT_PRIOR_SCALE x the corpus count of term w.
DEFAULT_PRIOR_SCALE = 0.1


def log_odds_cells(y, y_tot, n_i, n_all: float, prior_scale: float):
    """Elementwise Monroe et al. log-odds (delta, se, z, alpha) for aligned arrays of a group's
    count y, the term's corpus count y_tot and the group's total n_i (all in occurrences)."""
    alpha = prior_scale * y_tot
    alpha0 = prior_scale * n_all
    yi = y + alpha
    yj = (y_tot - y) + alpha
    ni = n_i + alpha0
    nj = (n_all - n_i) + alpha0
    delta = np.log(yi) - np.log(ni - yi) - np.log(yj) + np.log(nj - yj)
    se = np.sqrt(1.0 / yi + 1.0 / (ni - yi) + 1.0 / yj + 1.0 / (nj - yj))
    return delta, se, delta / se, alpha


def log_odds_z(y_group: np.ndarray, y_total: np.ndarray, n_group: np.ndarray, prior_scale: float = DEFAULT_PRIOR_SCALE):
    """Monroe et al. log-odds of each term in each group against the rest.

    y_group: (groups x terms) counts; y_total: (terms,) corpus counts; n_group: (groups,)
    term occurrences per group. Returns (delta, se, z, alpha), the first three (groups x
    terms) in log-odds units, alpha (terms,) in pseudo-counts."""
    if not prior_scale > 0:
        raise KeywordsError(f"prior_scale must be > 0 (got {prior_scale!r})")
    y_total = np.asarray(y_total, dtype=float)
    delta, se, z, _ = log_odds_cells(np.asarray(y_group, dtype=float), y_total[None, :],
                                      np.asarray(n_group, dtype=float)[:, None], y_total.sum(), prior_scale)
    return delta, se, z, prior_scale * y_total


def keyness_cells(a, y_tot, n_i, n_all: float):
    """Elementwise signed chi-squared and G2 of the 2x2 table (a, n_i - a; y_tot - a, rest)."""
    b = n_i - a
    c = y_tot - a
    d = (n_all - n_i) - c
    row1, row2 = a + b, c + d
    col1, col2 = a + c, b + d
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = n_all * (a * d - b * c) ** 2 / (row1 * row2 * col1 * col2)
        g2 = 0.0
        for obs, r, cl in ((a, row1, col1), (b, row1, col2), (c, row2, col1), (d, row2, col2)):
            expected = r * cl / n_all
            g2 = g2 + np.where(obs > 0, obs * np.log(obs / expected), 0.0)
        g2 = 2.0 * g2
        rate_rest = np.where(row2 > 0, c / row2, 0.0)
        sign = np.sign(a / row1 - rate_rest)
    chi2 = np.nan_to_num(chi2, nan=0.0) * sign
    g2 = np.maximum(g2, 0.0) * sign
    return chi2, g2


def keyness(y_group: np.ndarray, y_total: np.ndarray, n_group: np.ndarray):
    """Signed Pearson chi-squared and log-likelihood G2 (1 degree of freedom) of each term in
    each group against the rest, from the 2x2 table of term occurrences. Returns (chi2, g2),
    (groups x terms), positive when the group's rate is above the rest's."""
    y_total = np.asarray(y_total, dtype=float)
    return keyness_cells(np.asarray(y_group, dtype=float), y_total[None, :],
                          np.asarray(n_group, dtype=float)[:, None], y_total.sum())


def tfidf(y_group: np.ndarray) -> np.ndarray:
    """TF-IDF with each group as one document: tf = count / group total; idf = ln((1 + G) /
    (1 + df)) + 1 (scikit-learn's smoothed idf, without its length normalisation)."""
    y = np.asarray(y_group, dtype=float)
    totals = y.sum(axis=1, keepdims=True)
    tf = np.divide(y, totals, out=np.zeros_like(y), where=totals > 0)
    df = (y > 0).sum(axis=0)
    idf = np.log((1.0 + y.shape[0]) / (1.0 + df)) + 1.0
    return tf * idf

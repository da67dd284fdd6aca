"""Distinctive terms per group: Monroe et al. log-odds with an informative Dirichlet prior.

For each group i (an actor, an outlet, a side, a month) against all other statements j, and
each term w, with counts y and totals n (term occurrences):

    alpha_w  = prior_scale * y_w              (prior: the term's count in the whole corpus)
    alpha_0  = prior_scale * N                (N: all term occurrences)
    delta_w  = log[(y_iw + a_w) / (n_i + a_0 - y_iw - a_w)] - log[(y_jw + a_w) / (n_j + a_0 - y_jw - a_w)]
    var_w    = 1/(y_iw + a_w) + 1/(n_i + a_0 - y_iw - a_w) + 1/(y_jw + a_w) + 1/(n_j + a_0 - y_jw - a_w)
    z_w      = delta_w / sqrt(var_w)

(Monroe, Colaresi and Quinn 2008, "Fightin' Words", Political Analysis 16:372-403, eqs. 15-22;
we keep the full variance, all four terms, not the two-term approximation.) The prior shrinks
rare terms towards the corpus rate, so a word said twice by one actor does not top the list.

Beside z, for users of quanteda and scikit-learn: Pearson chi-squared and the log-likelihood
ratio G2 of the 2x2 table (term vs other terms, group vs rest), both signed (+ when the group
uses the term more) and without continuity correction; and TF-IDF with each group as one
document (tf = share of the group's term occurrences; idf = ln((1 + G) / (1 + df)) + 1, the
smoothed scikit-learn form, df = groups using the term).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

import numpy as np
import pandas as pd
from scipy import sparse

# log_odds_z, keyness and tfidf are re-exported: notebooks and scripts call them from here.
from quotelens.keywords.statistics import DEFAULT_PRIOR_SCALE, keyness_cells, log_odds_cells
from quotelens.keywords.statistics import keyness, log_odds_z, tfidf  # noqa: F401
from quotelens.keywords.termcounts import KeywordsError, TermCounts, count_terms, group_matrix
from quotelens.keywords.tokens import TokenOptions

PRIOR_DESCRIPTION = "informative Dirichlet: alpha_w = prior_scale x corpus count of w"
MIN_ARTICLES_FOR_BOOTSTRAP = 5


@dataclass
class KeywordResult:
    """A keywords table plus the numbers that reconcile it with its input.

    table: one row per (group, term) with n_group > 0 (docs/contracts.md). counts: rows read,
    rows skipped (no group, no terms) and rows used, so input = used + skipped. groups:
    statements and term occurrences per group."""

    table: pd.DataFrame
    counts: dict
    groups: pd.DataFrame
    by: str
    notes: list[str] = field(default_factory=list)


def _text_column(df: pd.DataFrame, text_col: str | None) -> str:
    if text_col:
        if text_col not in df.columns:
            raise KeywordsError(f"text column {text_col!r} not in table (columns: {', '.join(map(str, df.columns))})")
        return text_col
    for candidate in ("quote", "text"):
        if candidate in df.columns:
            return candidate
    raise KeywordsError(f"no text column: expected 'quote' or 'text' (columns: {', '.join(map(str, df.columns))})")


@dataclass
class Prepared:
    """Counts of the usable rows of a table, with their group labels and sampling units."""

    counts: TermCounts
    labels: np.ndarray
    units: np.ndarray
    groups: np.ndarray
    n_input: int
    n_no_group: int
    n_empty: int
    by: str
    min_count: int = 1


def prepare(
    statements: pd.DataFrame,
    by: str = "speaker",
    text_col: str | None = None,
    options: TokenOptions | None = None,
    min_count: int = 1,
    unit_col: str = "article_id",
) -> Prepared:
    """Validate a statements table and count its terms.

    Rows without a group label are skipped and counted (n_no_group); rows whose text has no
    terms (empty, punctuation or stop words only) are skipped and counted (n_empty). Raises
    KeywordsError when the grouping column is missing, when no terms remain, or when fewer
    than two groups remain."""
    if by not in statements.columns:
        raise KeywordsError(f"grouping column {by!r} not in table (columns: {', '.join(map(str, statements.columns))})")
    text_col = _text_column(statements, text_col)
    n_input = len(statements)
    if n_input == 0:
        raise KeywordsError("no statements: the table is empty")
    label_ok = statements[by].notna() & (statements[by].astype(str).str.strip() != "")
    n_no_group = int((~label_ok).sum())
    usable = statements.loc[label_ok.to_numpy()]
    if usable.empty:
        raise KeywordsError(f"no statement has a {by!r} value ({n_input} rows, all empty in that column)")
    counts = count_terms(usable[text_col], options, min_count=min_count)
    if counts.matrix.shape[0] == 0 or counts.n_tokens == 0:
        raise KeywordsError(
            f"no terms left after tokenisation: all {len(usable)} statements with a {by!r} are empty, "
            f"punctuation or stop words" + (f" (or terms seen fewer than {min_count} times)" if min_count > 1 else "")
        )
    kept = usable.iloc[counts.rows]
    labels = kept[by].astype(str).to_numpy()
    if unit_col in kept.columns:
        units = kept[unit_col].astype(str).to_numpy()
    else:  # no article ids: each statement is its own sampling unit
        units = np.array([str(i) for i in kept.index], dtype=object)
    groups = np.array(sorted(set(labels)), dtype=object)
    if len(groups) < 2:
        only = groups[0] if len(groups) else "none"
        raise KeywordsError(
            f"grouping {by!r} has only one group ({only!r}) among {len(kept)} statements with terms; "
            "distinctive terms compare a group with the rest, so at least two groups are needed"
        )
    return Prepared(counts, labels, units, groups, n_input, n_no_group, counts.n_empty, by, min_count)


def _topk_sparse(rows: np.ndarray, cols: np.ndarray, z: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(rows, cols) of the k highest z within each row, from the non-zero entries of a sparse
    (groups x terms) matrix; ties broken by column, so the answer is deterministic."""
    order = np.lexsort((cols, -z, rows))
    rows_sorted = rows[order]
    starts = np.searchsorted(rows_sorted, rows_sorted, side="left")
    rank = np.arange(len(order)) - starts
    keep = order[rank < k]
    return rows[keep], cols[keep]


def bootstrap_topk(
    prep: Prepared,
    prior_scale: float,
    top_k: int,
    n_boot: int,
    seed: int,
    groups: np.ndarray | None = None,
) -> tuple[np.ndarray, sparse.csr_matrix]:
    """Share of `n_boot` article resamples (with replacement, seeded) in which each term is among
    its group's `top_k` terms by z. Returns (selected, shares): the groups resampled (those of
    `groups` present, default all) and a sparse (selected x terms) matrix of shares in [0, 1];
    a group absent from a resample counts as 'not in the top k'.

    Each resample redraws every article; the 'rest' of a group is always all other statements,
    so leaving small groups out of `groups` saves time without changing anyone's z. z is only
    computed where a group used a term (a term it did not use cannot be in its top k), so the
    cost grows with the non-zero group-term counts, not groups x vocabulary."""
    rng = np.random.default_rng(seed)
    unit_ids, unit_of_row = np.unique(prep.units, return_inverse=True)
    wanted = set(prep.groups if groups is None else groups)
    selected = np.asarray([g for g in prep.groups if g in wanted], dtype=object)
    n_terms = prep.counts.matrix.shape[1]
    hits = np.zeros((len(selected), n_terms), dtype=np.int64)
    matrix = prep.counts.matrix
    indicator = group_matrix(prep.labels, selected)
    for _ in range(n_boot if len(selected) else 0):
        draws = rng.integers(0, len(unit_ids), size=len(unit_ids))
        weights = np.bincount(draws, minlength=len(unit_ids)).astype(float)[unit_of_row]
        y_total = np.asarray(matrix.T @ weights).ravel()
        y = (indicator @ sparse.diags(weights) @ matrix).tocoo()
        nz = y.data > 0
        rows, cols, counts = y.row[nz], y.col[nz], y.data[nz]
        if not len(counts):
            continue
        n_group = np.bincount(rows, weights=counts, minlength=len(selected))
        z = log_odds_cells(counts, y_total[cols], n_group[rows], y_total.sum(), prior_scale)[2]
        top_rows, top_cols = _topk_sparse(rows, cols, z, top_k)
        np.add.at(hits, (top_rows, top_cols), 1)
    return selected, sparse.csr_matrix(hits.astype(float) / float(max(n_boot, 1)))


def keyword_table(
    statements: pd.DataFrame,
    by: str = "speaker",
    *,
    text_col: str | None = None,
    options: TokenOptions | None = None,
    min_count: int = 1,
    prior_scale: float = DEFAULT_PRIOR_SCALE,
    n_boot: int = 0,
    top_k: int = 10,
    seed: int = 0,
    unit_col: str = "article_id",
    boot_min_statements: int = 5,
) -> KeywordResult:
    """Distinctive terms of each group of `statements[by]` against all other statements.

    One row per (group, term) the group used. Columns: `by`, term, n_group, n_rest (term
    occurrences in and outside the group), z (Monroe et al. log-odds z), delta (log-odds
    difference, natural log), se, rank (1 = highest z in the group), stability (share of
    bootstrap resamples of articles in which the term stays in the group's top_k; NaN when
    n_boot = 0, with fewer than 5 articles, or for groups under boot_min_statements), chi2, g2 (signed keyness), tfidf, per_1000_group, per_1000_rest (rates per
    1,000 term occurrences), alpha (prior pseudo-count), prior, prior_scale, example (surface
    form), tokens_group, statements_group.

    min_count: terms seen fewer times in the whole table are dropped (occurrences). top_k and
    n_boot: the bootstrap's list length and number of resamples; seed fixes the draws.
    boot_min_statements: groups with fewer statements get no stability (it would say little,
    and leaving them out keeps the bootstrap fast with hundreds of speakers)."""
    options = options or TokenOptions()
    prep = prepare(statements, by, text_col, options, min_count, unit_col)
    return keywords_from_counts(prep, prior_scale=prior_scale, n_boot=n_boot, top_k=top_k, seed=seed,
                                boot_min_statements=boot_min_statements)


def keywords_from_counts(
    prep: Prepared,
    *,
    prior_scale: float = DEFAULT_PRIOR_SCALE,
    n_boot: int = 0,
    top_k: int = 10,
    seed: int = 0,
    boot_min_statements: int = 5,
) -> KeywordResult:
    """The statistics step of `keyword_table`, from already counted terms (see `prepare`)."""
    by, options, min_count = prep.by, prep.counts.options, prep.min_count
    if not prior_scale > 0:
        raise KeywordsError(f"prior_scale must be > 0 (got {prior_scale!r})")
    # Only (group, term) cells the group used are computed: the table holds no others, and
    # the cost then grows with these cells rather than groups x vocabulary.
    y_sparse = (group_matrix(prep.labels, prep.groups) @ prep.counts.matrix).tocsr()
    y_sparse.sum_duplicates()
    y_sparse.sort_indices()
    y_total = np.asarray(prep.counts.matrix.sum(axis=0), dtype=float).ravel()
    n_group = np.asarray(y_sparse.sum(axis=1), dtype=float).ravel()
    n_all = float(y_total.sum())
    gi = np.repeat(np.arange(y_sparse.shape[0]), np.diff(y_sparse.indptr))
    ti = y_sparse.indices.astype(np.int64)
    cell = y_sparse.data.astype(float)
    delta, se, z, alpha_cell = log_odds_cells(cell, y_total[ti], n_group[gi], n_all, prior_scale)
    chi2, g2 = keyness_cells(cell, y_total[ti], n_group[gi], n_all)
    df_groups = np.bincount(ti, minlength=len(y_total))
    idf = np.log((1.0 + len(prep.groups)) / (1.0 + df_groups)) + 1.0
    tf_idf = (cell / n_group[gi]) * idf[ti]
    n_articles = len(np.unique(prep.units))
    boot_note = None
    if n_boot > 0 and n_articles < MIN_ARTICLES_FOR_BOOTSTRAP:
        # Resampling 1-4 articles says nothing about stability; leave the column empty.
        boot_note = (f"stability: not computed, {n_articles} article(s) < {MIN_ARTICLES_FOR_BOOTSTRAP} "
                     "needed for a meaningful article bootstrap")
        n_boot = 0
    statements_per_group = pd.Series(prep.labels).value_counts()
    boot_groups = statements_per_group[statements_per_group >= boot_min_statements].index.to_numpy()
    stability = np.full(len(cell), np.nan)
    if n_boot > 0:
        selected, shares = bootstrap_topk(prep, prior_scale, top_k, n_boot, seed, boot_groups)
        row_of_group = np.full(len(prep.groups), -1)
        row_of_group[np.searchsorted(prep.groups, selected)] = np.arange(len(selected))
        in_boot = row_of_group[gi] >= 0
        stability[in_boot] = np.asarray(shares[row_of_group[gi][in_boot], ti[in_boot]]).ravel()

    table = pd.DataFrame(
        {
            by: prep.groups[gi],
            "term": prep.counts.terms[ti],
            "n_group": cell.astype(np.int64),
            "n_rest": (y_total[ti] - cell).astype(np.int64),
            "z": z,
            "delta": delta,
            "se": se,
        }
    )
    table["stability"] = stability
    table["chi2"] = chi2
    table["g2"] = g2
    table["tfidf"] = tf_idf
    table["per_1000_group"] = 1000.0 * cell / n_group[gi]
    rest_tokens = n_all - n_group[gi]
    table["per_1000_rest"] = np.where(rest_tokens > 0, 1000.0 * (y_total[ti] - cell) / np.maximum(rest_tokens, 1), 0.0)
    table["alpha"] = alpha_cell
    table["prior"] = PRIOR_DESCRIPTION
    table["prior_scale"] = float(prior_scale)
    table["example"] = prep.counts.example[ti]
    table["tokens_group"] = n_group[gi].astype(np.int64)
    table["statements_group"] = statements_per_group.reindex(prep.groups[gi]).to_numpy().astype(np.int64)
    table = table.sort_values([by, "z", "term"], ascending=[True, False, True], kind="mergesort")
    table.insert(7, "rank", table.groupby(by, sort=False).cumcount().astype(np.int64) + 1)
    table = table.reset_index(drop=True)

    groups = pd.DataFrame(
        {
            by: prep.groups,
            "statements": statements_per_group.reindex(prep.groups).to_numpy().astype(np.int64),
            "tokens": n_group.astype(np.int64),
            "terms": np.diff(y_sparse.indptr).astype(np.int64),
        }
    )
    used = len(prep.labels)
    counts = {
        "input_rows": prep.n_input,
        "skipped_no_group": prep.n_no_group,
        "skipped_no_terms": prep.n_empty,
        "used_rows": used,
        "groups": len(prep.groups),
        "terms": int(prep.counts.matrix.shape[1]),
        "term_occurrences": int(y_total.sum()),
        "articles": int(len(np.unique(prep.units))),
    }
    assert counts["input_rows"] == used + prep.n_no_group + prep.n_empty, counts
    notes = [f"tokens: {options.describe()}; min_count {min_count}",
             f"prior: {PRIOR_DESCRIPTION}; prior_scale {prior_scale:g} (alpha_0 = {prior_scale * y_total.sum():g} pseudo-counts)"]
    if boot_note:
        notes.append(boot_note)
    if n_boot:
        notes.append(f"stability: {n_boot} bootstrap resamples of {counts['articles']} articles, top {top_k}, seed {seed}; "
                     f"groups with at least {boot_min_statements} statements ({len(boot_groups)} of {len(prep.groups)})")
    return KeywordResult(table=table, counts=counts, groups=groups, by=by, notes=notes)


def compare_two(
    statements: pd.DataFrame,
    by: str,
    group_a: str,
    group_b: str,
    **kwargs,
) -> KeywordResult:
    """Distinctive terms of `group_a` against `group_b` only (other groups left out). In the
    returned table, rows for group_a with z > 0 favour A; the rows for group_b mirror them.

    Raises KeywordsError naming the group when either has no statements."""
    if by not in statements.columns:
        raise KeywordsError(f"grouping column {by!r} not in table")
    present = set(statements[by].dropna().astype(str))
    for g in (group_a, group_b):
        if g not in present:
            raise KeywordsError(
                f"{by} {g!r} has no statements in this table ({len(statements)} rows, {len(present)} groups); "
                "nothing to compare"
            )
    if group_a == group_b:
        raise KeywordsError(f"compare_two needs two different groups (got {group_a!r} twice)")
    subset = statements[statements[by].astype(str).isin([group_a, group_b])]
    return keyword_table(subset, by, **kwargs)


def choose_groups(result: KeywordResult, k: int, min_statements: int) -> list[str]:
    """The k groups with most statements among those with at least `min_statements`
    statements (ties alphabetical), for figures."""
    g = result.groups[result.groups["statements"] >= min_statements]
    g = g.sort_values(["statements", result.by], ascending=[False, True], kind="mergesort")
    return g[result.by].head(k).tolist()


def choose_pair(result: KeywordResult, group_a: str = "", group_b: str = "", min_statements: int = 1,
                eligible: Iterable[str] | None = None) -> tuple[str, str] | None:
    """The two groups to compare: the named ones, or (for an empty name) the groups with most
    statements, taken from `eligible` when given (e.g. the named speakers, so that an unnamed
    "source" is never picked by default). Returns None, after printing why, when a named group
    has fewer than `min_statements` statements or fewer than two groups qualify."""
    counts = dict(zip(result.groups[result.by], result.groups["statements"]))
    ranked = choose_groups(result, len(counts), min_statements)
    if eligible is not None:
        allowed = set(eligible)
        ranked = [name for name in ranked if name in allowed]
    chosen = []
    for name in (group_a, group_b):
        if name:
            n = counts.get(name, 0)
            if n < min_statements:
                print(f"{result.by} {name!r} has {n} statement(s) with terms (at least {min_statements} needed); "
                      "the two-group comparison is skipped.")
                return None
            chosen.append(name)
    for name in ranked:
        if len(chosen) == 2:
            break
        if name not in chosen:
            chosen.append(name)
    if len(chosen) < 2:
        print(f"Fewer than two {result.by} groups with at least {min_statements} statements; comparison skipped.")
        return None
    return chosen[0], chosen[1]


def with_month(statements: pd.DataFrame, date_col: str = "date") -> pd.DataFrame:
    """A copy of `statements` with a `month` column ("YYYY-MM", None when the date is unknown),
    so months can be compared like speakers or outlets. Unchanged copy when there is no
    `date_col`."""
    out = statements.copy()
    if date_col not in out.columns:
        return out
    dates = pd.to_datetime(out[date_col], errors="coerce")
    out["month"] = [d.strftime("%Y-%m") if pd.notna(d) else None for d in dates]
    return out

"""Sparse term counts: one row per statement (or any text unit), one column per term.

Counts go straight from tokens into a scipy.sparse CSR matrix, never a dense document-term
matrix, so memory and time grow with the number of term occurrences, not with
documents x vocabulary.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from quotelens.keywords.tokens import TokenOptions, iter_terms


class KeywordsError(ValueError):
    """Input that keyword statistics cannot use (the message says what and where)."""


@dataclass
class TermCounts:
    """Term counts of a table of texts.

    matrix: CSR, rows = kept input rows (in input order), columns = terms, values = counts.
    terms: the column labels (sorted). example: the most frequent surface text of each term
    (differs from the term when stemming). rows: positional indices, into the input table, of
    the kept rows. n_input: rows read. n_empty: rows with no text or no terms after
    tokenisation (stop words only, or only terms under min_count); n_input == len(rows) + n_empty.
    """

    matrix: sparse.csr_matrix
    terms: np.ndarray
    example: np.ndarray
    rows: np.ndarray
    n_input: int
    n_empty: int
    options: TokenOptions

    @property
    def n_tokens(self) -> int:
        """Total term occurrences counted."""
        return int(self.matrix.sum())


def count_terms(texts: pd.Series | list, options: TokenOptions | None = None, min_count: int = 1) -> TermCounts:
    """Count the terms of each text into a sparse matrix.

    texts: the texts (missing values count as empty). min_count: drop terms whose total count
    over all texts is below this (in occurrences); rows left with no terms count as empty.
    """
    options = options or TokenOptions()
    values = list(texts)
    vocab: dict[str, int] = {}
    surfaces: dict[int, Counter] = {}
    indptr = [0]
    indices: list[int] = []
    rows: list[int] = []
    n_empty = 0
    for pos, text in enumerate(values):
        if not isinstance(text, str) or not text.strip():
            n_empty += 1
            continue
        before = len(indices)
        for term, start, end in iter_terms(text, options):
            col = vocab.setdefault(term, len(vocab))
            indices.append(col)
            if options.stem:
                surfaces.setdefault(col, Counter())[text[start:end].lower()] += 1
        if len(indices) == before:
            n_empty += 1
            continue
        rows.append(pos)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.int64)
    matrix = sparse.csr_matrix(
        (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
        shape=(len(rows), len(vocab)),
    )
    matrix.sum_duplicates()
    names = np.empty(len(vocab), dtype=object)
    for term, col in vocab.items():
        names[col] = term
    # Stable column order: sorted terms, so outputs do not depend on reading order.
    order = np.argsort(names.astype(str), kind="stable") if len(names) else np.arange(0)
    matrix = matrix[:, order] if len(order) else matrix
    names = names[order]
    if options.stem:
        example = np.array([_most_common(surfaces.get(int(c))) for c in order], dtype=object)
    else:
        example = names.copy()
    rows_arr = np.asarray(rows, dtype=np.int64)
    if min_count > 1 and matrix.shape[1]:
        keep = np.asarray(matrix.sum(axis=0)).ravel() >= min_count
        matrix = matrix[:, keep]
        names = names[keep]
        example = example[keep]
        nonempty = np.diff(matrix.indptr) > 0
        n_empty += int((~nonempty).sum())
        matrix = matrix[nonempty]
        rows_arr = rows_arr[nonempty]
    return TermCounts(
        matrix=sparse.csr_matrix(matrix),
        terms=names,
        example=example,
        rows=rows_arr,
        n_input=len(values),
        n_empty=n_empty,
        options=options,
    )


def _most_common(counter: Counter | None) -> str:
    if not counter:
        return ""
    # Highest count first, then alphabetical: deterministic ties.
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def group_matrix(labels: np.ndarray, groups: np.ndarray, weights: np.ndarray | None = None) -> sparse.csr_matrix:
    """Sparse (groups x rows) indicator matrix: entry [g, r] = weight of row r when its label is
    groups[g]. Multiplying it with a (rows x terms) count matrix sums counts per group."""
    index = {g: i for i, g in enumerate(groups)}
    cols = np.arange(len(labels))
    g_idx = np.fromiter((index.get(lab, -1) for lab in labels), dtype=np.int64, count=len(labels))
    mask = g_idx >= 0
    w = np.ones(len(labels)) if weights is None else np.asarray(weights, dtype=float)
    return sparse.csr_matrix((w[mask], (g_idx[mask], cols[mask])), shape=(len(groups), len(labels)))

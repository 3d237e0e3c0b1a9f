"""Collocations: n-grams scored by association (likelihood ratio, PMI; quanteda's ``textstat_collocations``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.stats import measures as ks
from analysis.stats._vocab import (
    Stopwords,
    join_terms,
    ngram_codes,
    sequence_terms,
)

__all__ = ["collocations"]


def _lookup(sorted_keys: np.ndarray, sorted_counts: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Counts of ``keys`` in a sorted key table (0 when absent)."""
    i = np.searchsorted(sorted_keys, keys)
    i = np.minimum(i, max(len(sorted_keys) - 1, 0))
    hit = sorted_keys[i] == keys if len(sorted_keys) else np.zeros(len(keys), bool)
    return np.where(hit, sorted_counts[i] if len(sorted_keys) else 0, 0)


def _counts_of(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique keys and their counts."""
    codes, uniq = pd.factorize(keys)
    counts = np.bincount(codes, minlength=len(uniq))
    order = np.argsort(uniq)
    return uniq[order], counts[order]


def collocations(
    tokens: pd.DataFrame,
    *,
    size: int | Sequence[int] = (2, 3),
    min_count: int = 2,
    stopwords: Stopwords = True,
    stem: bool = False,
    sort: str = "lr",
    column: str = "norm",
) -> pd.DataFrame:
    r"""Bigram and trigram collocations inside sentences, scored as nltk and quanteda do.

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table (``doc_id``, ``sent_id``, ``token_id``, ``column``).
    size : int or sequence of int, keyword-only
        2, 3 or both (default).
    min_count : int, keyword-only
        Keep collocations seen at least this often (nltk's ``apply_freq_filter``).
    stopwords : bool or collection of str, keyword-only
        Drop candidates that begin or end with a stop word (counts and
        marginals are still taken over all tokens).
    stem : bool, keyword-only
        Work on Snowball stems.
    sort : {"lr", "pmi", "z", "lambda", "count"}, keyword-only
        Column to sort by, descending, within each size (bigrams first):
        scores of bigrams and trigrams are not on one scale.
    column : str, keyword-only
        Token column holding the words.

    Returns
    -------
    DataFrame
        ``collocation`` (words joined by spaces), ``size``, ``count``, ``lr``,
        ``pmi``, ``lambda`` and ``z`` (bigrams only; NaN for trigrams).

    Notes
    -----
    Counts are those of nltk's ``BigramCollocationFinder`` and
    ``TrigramCollocationFinder`` built ``from_documents`` on the sentences:
    n-grams (and the (w1, *, w3) pairs of trigrams) within a sentence; word
    counts and the total :math:`N` over all tokens. ``lr`` and ``pmi`` are
    then nltk's ``likelihood_ratio`` and ``pmi`` (see
    :func:`analysis.stats.measures.bigram_likelihood_ratio`,
    :func:`~analysis.stats.measures.bigram_pmi`,
    :func:`~analysis.stats.measures.trigram_likelihood_ratio`,
    :func:`~analysis.stats.measures.trigram_pmi`). ``lambda`` and ``z`` are
    quanteda's ``textstat_collocations`` statistics for size 2 (Blaheta and
    Johnson 2001; :func:`analysis.stats.measures.lambda_z`), on a 2x2 table of the
    within-sentence bigram positions with 0.5 added to each cell.
    """
    sizes = (size,) if isinstance(size, int) else tuple(size)
    if not set(sizes) <= {2, 3}:
        raise ValueError("size must be 2, 3 or both")
    terms, vocab, _order, sentence, edge_bad = sequence_terms(
        tokens, column=column, stem=stem, stopwords=stopwords, drop_numbers=False
    )
    v = np.int64(max(len(vocab), 1))
    n_all = float(len(terms))
    word_counts = np.bincount(terms[terms >= 0], minlength=len(vocab))
    bi_keys, bi_valid = ngram_codes(terms, sentence, 2, len(vocab))
    bi_uniq, bi_count = _counts_of(bi_keys[bi_valid])
    frames = []
    if 2 in sizes:
        w1, w2 = bi_uniq // v, bi_uniq % v
        keep = (bi_count >= min_count) & ~edge_bad[w1] & ~edge_bad[w2]
        keys, n_ii, w1, w2 = bi_uniq[keep], bi_count[keep], w1[keep], w2[keep]
        n_ix, n_xi = word_counts[w1], word_counts[w2]
        # quanteda's lambda: margins over bigram positions, not word counts
        first_counts = np.bincount(bi_uniq // v, weights=bi_count, minlength=len(vocab))
        second_counts = np.bincount(bi_uniq % v, weights=bi_count, minlength=len(vocab))
        n_bigrams = float(bi_count.sum())
        n12 = first_counts[w1] - n_ii
        n21 = second_counts[w2] - n_ii
        lam, z = ks.lambda_z(n_ii, n12, n21, n_bigrams - n_ii - n12 - n21)
        frames.append(
            pd.DataFrame(
                {
                    "collocation": join_terms(vocab, [w1, w2]),
                    "size": 2,
                    "count": n_ii,
                    "lr": ks.bigram_likelihood_ratio(n_ii, n_ix, n_xi, n_all),
                    "pmi": ks.bigram_pmi(n_ii, n_ix, n_xi, n_all),
                    "lambda": lam,
                    "z": z,
                }
            )
        )
    if 3 in sizes:
        tri_keys, tri_valid = ngram_codes(terms, sentence, 3, len(vocab))
        tri_uniq, tri_count = _counts_of(tri_keys[tri_valid])
        w1, w2, w3 = tri_uniq // (v * v), (tri_uniq // v) % v, tri_uniq % v
        keep = (tri_count >= min_count) & ~edge_bad[w1] & ~edge_bad[w3]
        n_iii, w1, w2, w3 = tri_count[keep], w1[keep], w2[keep], w3[keep]
        # (w1, *, w3) pairs inside a sentence
        skip_valid = np.zeros(len(terms), dtype=bool)
        if len(terms) >= 3:
            skip_valid[:-2] = (sentence[2:] == sentence[:-2]) & (terms[:-2] >= 0) & (terms[2:] >= 0)
        skip_keys = terms[:-2][skip_valid[:-2]] * v + terms[2:][skip_valid[:-2]] if len(terms) >= 3 else np.zeros(0, np.int64)
        skip_uniq, skip_count = _counts_of(skip_keys)
        n_iix = _lookup(bi_uniq, bi_count, w1 * v + w2)
        n_xii = _lookup(bi_uniq, bi_count, w2 * v + w3)
        n_ixi = _lookup(skip_uniq, skip_count, w1 * v + w3)
        n_ixx, n_xix, n_xxi = word_counts[w1], word_counts[w2], word_counts[w3]
        frames.append(
            pd.DataFrame(
                {
                    "collocation": join_terms(vocab, [w1, w2, w3]),
                    "size": 3,
                    "count": n_iii,
                    "lr": ks.trigram_likelihood_ratio(n_iii, n_iix, n_ixi, n_xii, n_ixx, n_xix, n_xxi, n_all),
                    "pmi": ks.trigram_pmi(n_iii, n_ixx, n_xix, n_xxi, n_all),
                    "lambda": np.nan,
                    "z": np.nan,
                }
            )
        )
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["collocation", "size", "count", "lr", "pmi", "lambda", "z"])
    if sort not in out.columns:
        raise ValueError(f"sort must be one of lr, pmi, z, count, not {sort!r}")
    return out.sort_values(
        ["size", sort, "collocation"], ascending=[True, False, True], na_position="last", kind="stable"
    ).reset_index(drop=True)



"""Frequency of terms and n-grams, grouped by any column (quanteda's ``textstat_frequency``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.stats._vocab import (
    By,
    Stopwords,
    decode_ngrams,
    frequency_table,
    join_terms,
    ngram_codes,
    sequence_terms,
    vocabulary,
)

__all__ = ["frequency", "ngrams"]


def frequency(
    tokens: pd.DataFrame,
    *,
    by: By = None,
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    top: int | None = None,
    column: str = "norm",
) -> pd.DataFrame:
    """Term frequencies, grouped by any column(s), like quanteda's ``textstat_frequency(groups=)``.

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table (``doc_id`` and ``column`` at least), with any
        grouping column merged in.
    by : str or list of str, optional
        Grouping column(s); rows with a missing grouping value are left out.
        ``None`` counts the whole table as one group.
    stopwords : bool or collection of str, keyword-only
        ``True`` (default): drop :func:`load_stopwords`; ``False``: keep all;
        or the exact words to drop.
    stem : bool, keyword-only
        Count Snowball (English) stems instead of words; the term is the stem.
    drop_numbers : bool, keyword-only
        Drop tokens without a letter ("2021", "1,000").
    min_count : int, keyword-only
        Keep terms counted at least this often in the group.
    top : int, optional
        Keep the first ``top`` rows of each group.
    column : str, keyword-only
        The token column holding the terms (default ``"norm"``).

    Returns
    -------
    DataFrame
        One row per (group, term): the ``by`` columns, ``term``, ``count``,
        ``per_1000`` (count per 1,000 tokens of the group, all tokens counted
        in the denominator, stop words included), ``doc_count`` (documents of
        the group containing the term) and ``rank`` (1 = most frequent in
        the group; ties share the lowest rank, quanteda's ``ties = "min"``).
        Sorted by group, descending count, then term.
    """
    terms, _dropped, vocab = vocabulary(tokens, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers)
    words = np.asarray(vocab.astype(str), dtype=object)
    return frequency_table(tokens, terms, len(vocab), words.take, by=by, min_count=min_count, top=top)



def ngrams(
    tokens: pd.DataFrame,
    *,
    n: int = 2,
    by: By = None,
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    top: int | None = None,
    column: str = "norm",
) -> pd.DataFrame:
    """Frequencies of n-grams (n = 1, 2 or 3) inside sentences, grouped like :func:`frequency`.

    An n-gram is ``n`` consecutive tokens of one sentence (it never crosses a
    sentence boundary); the term is its words joined by single spaces. With
    stop words on, n-grams that begin or end with a stop word are dropped
    (stop words inside stay: "republic of china"); ``drop_numbers`` likewise.
    ``per_1000`` is per 1,000 tokens of the group. Other parameters and the
    columns are those of :func:`frequency`, plus ``n``.
    """
    if n not in (1, 2, 3):
        raise ValueError("n must be 1, 2 or 3")
    if n == 1:
        out = frequency(
            tokens, by=by, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers, min_count=min_count, top=top, column=column
        )
        out.insert(out.columns.get_loc("term") + 1, "n", 1)
        return out
    terms, vocab, order, sentence, edge_bad = sequence_terms(
        tokens, column=column, stem=stem, stopwords=stopwords, drop_numbers=drop_numbers
    )
    keys, valid = ngram_codes(terms, sentence, n, len(vocab))
    first = terms
    last = np.full(len(terms), -1, dtype=np.int64)
    last[: len(terms) - n + 1] = terms[n - 1 :]
    valid &= ~edge_bad[np.maximum(first, 0)] & ~edge_bad[np.maximum(last, 0)]
    positions = np.flatnonzero(valid)
    codes, uniq = pd.factorize(keys[positions])
    rows = positions if order is None else order[positions]
    all_codes = np.full(len(tokens), -1, dtype=np.int64)
    all_codes[rows] = codes

    def label(c: np.ndarray) -> np.ndarray:
        return join_terms(vocab, decode_ngrams(uniq[c], n, vocab)).to_numpy(dtype=object)

    out = frequency_table(tokens, all_codes, len(uniq), label, by=by, min_count=min_count, top=top)
    out.insert(out.columns.get_loc("term") + 1, "n", n)
    return out



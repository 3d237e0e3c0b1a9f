"""Keyness of one group against another (quanteda's ``textstat_keyness``) and the two-group term scatter (scattertext)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analysis.stats import measures as ks
from analysis.stats._vocab import (
    Stopwords,
    vocabulary,
)

Measure = Literal["chi2", "lr", "pmi", "logodds"]
MEASURES: tuple[str, ...] = ("chi2", "lr", "pmi", "logodds")

__all__ = ["MEASURES", "CORRECTIONS", "keyness", "scatter_terms"]


# --- keyness and the two-group scatter -----------------------------------------------------


def _as_values(values: object) -> list:
    if isinstance(values, (list, tuple, set, frozenset, np.ndarray, pd.Index, pd.Series)):
        return list(values)
    return [values]


def _isin(column: pd.Series, values: object) -> np.ndarray:
    """Boolean row mask of ``column in values``, computed on categories when the column is categorical."""
    vals = _as_values(values)
    if isinstance(column.dtype, pd.CategoricalDtype):
        hit = np.append(np.asarray(column.cat.categories.isin(vals)), False)
        return hit[column.cat.codes.to_numpy()]
    return np.asarray(column.isin(vals), dtype=bool)


def _two_group_counts(
    tokens: pd.DataFrame,
    *,
    by: str,
    target: object,
    reference: object,
    column: str,
    stopwords: Stopwords,
    stem: bool,
    drop_numbers: bool,
) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """Vocabulary and per-term counts in the target, the reference and the whole table."""
    if by not in tokens:
        raise KeyError(f"grouping column {by!r} is not in the tokens table; merge it in first")
    terms, _, vocab = vocabulary(tokens, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers)
    in_target = _isin(tokens[by], target)
    if reference is None:
        in_reference = ~in_target
    else:
        if set(_as_values(target)) & set(_as_values(reference)):
            raise ValueError("target and reference share a value")
        in_reference = _isin(tokens[by], reference)
    if not in_target.any():
        raise ValueError(f"no tokens have {by} in {_as_values(target)!r}")
    if not in_reference.any():
        raise ValueError(f"the reference group is empty ({by} = {_as_values(reference) if reference is not None else 'the rest'})")
    # one pass: class 0 = target, 1 = reference, 2 = neither (background only)
    cls = np.full(len(terms), 2, dtype=np.int64)
    cls[in_reference] = 1
    cls[in_target] = 0
    size = 3 * len(vocab)
    key = terms * 3 + cls
    key[terms < 0] = size  # dropped tokens go to one extra bin
    counts = np.bincount(key, minlength=size + 1)[:size].reshape(-1, 3)
    return vocab, counts[:, 0], counts[:, 1], counts.sum(axis=1)


CORRECTIONS: tuple[str, ...] = ("default", "yates", "williams", "none")


def _scores(
    a: np.ndarray, b: np.ndarray, background: np.ndarray, *, measure: str, prior_scale: float, correction: str = "default"
) -> dict[str, np.ndarray]:
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, not {correction!r}")
    n_t, n_r = float(a.sum()), float(b.sum())
    if measure == "chi2":
        score, p = ks.chi2_yates(a, b, n_t, n_r, yates=correction in ("default", "yates"))
        return {"score": score, "p": p}
    if measure == "lr":
        score, p = ks.log_likelihood(a, b, n_t, n_r, williams=correction == "williams")
        return {"score": score, "p": p}
    if measure == "pmi":
        return {"score": ks.pmi(a, b, n_t, n_r), "p": np.full(len(a), np.nan)}
    if measure == "logodds":
        alpha_w = prior_scale * background.astype(np.float64)
        delta, _var, z = ks.log_odds_dirichlet(a, n_t, b, n_r, alpha_w, float(alpha_w.sum()))
        return {"score": z, "p": ks.z_pvalue(z), "log_odds_ratio": delta}
    raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")


def keyness(
    tokens: pd.DataFrame,
    *,
    by: str,
    target: object,
    reference: object = None,
    measure: Measure = "chi2",
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    prior_scale: float = 1.0,
    correction: str = "default",
    column: str = "norm",
) -> pd.DataFrame:
    r"""Keyness of each term in a target group against a reference group (quanteda's ``textstat_keyness``).

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table with the column ``by`` merged in.
    by : str, keyword-only
        Grouping column (``side``, ``speaker``, ``source``, ``doc_id``, ``year``...).
    target : value or list of values, keyword-only
        The group value(s) forming the target.
    reference : value or list of values, optional
        The reference group value(s); ``None`` (default) means every other
        token of the table (rows whose ``by`` is missing included).
    measure : {"chi2", "lr", "pmi", "logodds"}, keyword-only
        ``chi2``: signed Pearson chi-squared with Yates' correction
        (:func:`analysis.stats.measures.chi2_yates`); ``lr``: signed log-likelihood
        :math:`G^2` (:func:`analysis.stats.measures.log_likelihood`); ``pmi``:
        pointwise mutual information of term and target, in bits
        (:func:`analysis.stats.measures.pmi`); ``logodds``: z-score of the log-odds
        ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn
        2008; :func:`analysis.stats.measures.log_odds_dirichlet`).
    stopwords, stem, drop_numbers, column
        As in :func:`frequency`; removed tokens count in neither group total.
    min_count : int, keyword-only
        Keep terms seen at least this often in target and reference together.
    prior_scale : float, keyword-only
        ``logodds`` only: the prior count of each term is ``prior_scale``
        times its count in the whole table passed (target, reference and
        any other group): the informative prior of Monroe et al. section
        3.5, with :math:`\alpha_0 = \sum_w \alpha_w`.
    correction : {"default", "yates", "williams", "none"}, keyword-only
        As quanteda's: ``default`` and ``yates`` apply Yates' correction to
        chi2 (lr uncorrected); ``williams`` applies Williams' correction to
        lr (chi2 uncorrected); ``none`` corrects neither.

    Returns
    -------
    DataFrame
        ``term``, ``target_count``, ``reference_count``, ``score`` and ``p``
        (upper chi-squared tail, 1 df, for chi2 and lr; two-sided normal for
        logodds; NaN for pmi); ``logodds`` adds ``log_odds_ratio``
        (:math:`\hat\delta`). Sorted by descending score (terms typical of the
        target first, of the reference last), then term. Every 2x2 table uses
        ``a`` = target count, ``b`` = reference count, ``a + c`` and
        ``b + d`` = the group totals over the terms kept.
    """
    vocab, a, b, background = _two_group_counts(
        tokens, by=by, target=target, reference=reference, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers
    )
    scores = _scores(a, b, background, measure=measure, prior_scale=prior_scale, correction=correction)
    sel = (a + b) >= max(min_count, 1)
    out = pd.DataFrame({"term": vocab.astype(str)[sel], "target_count": a[sel], "reference_count": b[sel]})
    for name, values in scores.items():
        out[name] = values[sel]
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(measure=measure, by=by, target=target, reference=reference, n_target=int(a.sum()), n_reference=int(b.sum()))
    return out


def scatter_terms(
    tokens: pd.DataFrame,
    *,
    by: str,
    a: object,
    b: object = None,
    measure: Measure = "logodds",
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    labels: int = 10,
    prior_scale: float = 1.0,
    column: str = "norm",
) -> pd.DataFrame:
    """Per-term data for a two-group scatter plot (scattertext's idea): frequency in A and B, keyness, labels.

    Parameters
    ----------
    by, a, b
        Grouping column, the value(s) of group A and of group B (``None``:
        every other token), as ``by``, ``target`` and ``reference`` of :func:`keyness`.
    measure : str, keyword-only
        Keyness measure for ``score`` (default ``logodds``; positive = typical of A).
    labels : int, keyword-only
        How many of the most distinctive terms on each side to flag for labelling.
    stopwords, stem, drop_numbers, min_count, prior_scale, column
        As in :func:`keyness`.

    Returns
    -------
    DataFrame
        ``term``, ``a_count``, ``b_count``, ``a_per_1000``, ``b_per_1000``
        (per 1,000 kept tokens of the group), ``a_rank`` and ``b_rank``
        (frequency rank in the group, 1 = most frequent, ties ``min``; terms
        absent from a group share the last rank), ``a_pct`` and ``b_pct``
        (the frequency rank as a percentile in [0, 1], 1 = most frequent,
        scattertext's axes), ``score``, ``p``, ``distinctive`` (``"a"``,
        ``"b"`` or ``""``) and ``label`` (True for the ``labels`` top terms of
        each side). Sorted by descending score. ``attrs`` holds the group
        names (``a``, ``b``).
    """
    vocab, ca, cb, background = _two_group_counts(
        tokens, by=by, target=a, reference=b, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers
    )
    scores = _scores(ca, cb, background, measure=measure, prior_scale=prior_scale)
    sel = (ca + cb) >= max(min_count, 1)
    ca, cb = ca[sel], cb[sel]
    out = pd.DataFrame({"term": vocab.astype(str)[sel], "a_count": ca, "b_count": cb})
    with np.errstate(divide="ignore", invalid="ignore"):
        out["a_per_1000"] = 1000.0 * ca / max(ca.sum(), 1)
        out["b_per_1000"] = 1000.0 * cb / max(cb.sum(), 1)
    for side, counts in (("a", ca), ("b", cb)):
        out[f"{side}_rank"] = pd.Series(-counts).rank(method="min").astype(np.int64).to_numpy()
        pct = pd.Series(counts).rank(method="average", pct=True).to_numpy()
        out[f"{side}_pct"] = (pct - pct.min()) / (pct.max() - pct.min()) if len(pct) and pct.max() > pct.min() else 0.0
    out["score"] = scores["score"][sel]
    out["p"] = scores["p"][sel]
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    n = len(out)
    k = min(labels, n)
    distinctive = np.full(n, "", dtype=object)
    top_a = np.arange(k)[out["score"].to_numpy()[:k] > 0]
    top_b = (n - 1 - np.arange(k))[out["score"].to_numpy()[::-1][:k] < 0]
    distinctive[top_a] = "a"
    distinctive[top_b] = "b"
    out["distinctive"] = distinctive
    out["label"] = distinctive != ""
    out.attrs.update(a=a, b=b if b is not None else "rest", measure=measure, by=by)
    return out



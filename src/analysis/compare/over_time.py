"""Side against side over time: two groups of documents compared period by period.

The example is China against the United States in the UN General Debate, one
speech each per year: per year, the words typical of each side against the
other (keyness), the share of each side's sentences on each topic, rhetoric
marker rates, and how far apart the two vocabularies are (Jensen-Shannon
divergence). Every result is a tidy DataFrame, one row per period and group
(and term, topic or category), ready to plot.

Get the tables in one line, ``tables = analysis.load_tables("data/processed")``,
then ``analysis.compare.compare_sides(tables, a="CN", b="US",
source="UN General Debate", start=1971)``.

Note that the UN General Debate files ``CHN_*`` before 1971 are the Republic
of China's speeches (the PRC took the seat in October 1971): pass
``start=1971`` to compare the PRC with the United States.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy as np
import pandas as pd

from analysis import stats
from analysis.vocab import MARKER_CATEGORIES

__all__ = ["compare_sides", "js_divergence"]


def js_divergence(p: np.ndarray, q: np.ndarray, *, alpha: float = 0.5) -> float:
    r"""Jensen-Shannon divergence, in bits, between two count vectors over the same vocabulary.

    Each vector is smoothed by adding ``alpha`` to every cell (so a word one
    side never uses has a small, not zero, probability) and normalised; then

    .. math:: JSD(P, Q) = \tfrac12 KL(P \| M) + \tfrac12 KL(Q \| M), \quad M = \tfrac12 (P + Q)

    with base-2 logarithms, so the value lies in [0, 1]: 0 for identical
    distributions, 1 for disjoint ones (approached only without smoothing).

    Parameters
    ----------
    p, q : array of counts
    alpha : float, keyword-only
        Additive (Lidstone) smoothing per cell; 0 for none.

    Returns
    -------
    float
        NaN when either vector is empty.
    """
    p = np.asarray(p, dtype=float) + alpha
    q = np.asarray(q, dtype=float) + alpha
    if p.size == 0 or p.sum() <= 0 or q.sum() <= 0:
        return float("nan")
    p, q = p / p.sum(), q / q.sum()
    m = (p + q) / 2

    def kl(x: np.ndarray) -> float:
        nz = x > 0
        return float(np.sum(x[nz] * np.log2(x[nz] / m[nz])))

    return max(0.0, 0.5 * kl(p) + 0.5 * kl(q))


def _empty_result(period: str, by: str) -> dict[str, pd.DataFrame]:
    """The frames of :func:`compare_sides` with their columns and no rows (no document of either group)."""
    cols = {
        "summary": [period, by, "n_docs", "n_sentences", "n_tokens"],
        "keyness": [period, by, "rank", "term", "score", "count", "other_count", "p"],
        "topics": [period, by, "topic", "sentences", "share"],
        "markers": [period, by, "category", "count", "rate"],
        "divergence": [period, "n_tokens_a", "n_tokens_b", "types_a", "types_b", "shared_types", "jaccard", "jsd",
                       "jsd_null", "jsd_excess"],
    }
    return {name: pd.DataFrame(columns=c) for name, c in cols.items()}


def _null_jsd(va: np.ndarray, vb: np.ndarray, *, alpha: float, draws: int, rng: np.random.Generator) -> float:
    """Mean JSD between random splits of the pooled counts into parts of the two groups' sizes."""
    if draws <= 0:
        return float("nan")
    pooled = (va + vb).astype(np.int64)
    n_a = int(va.sum())
    values = []
    for _ in range(draws):
        part = rng.multivariate_hypergeometric(pooled, n_a)
        values.append(js_divergence(part, pooled - part, alpha=alpha))
    return float(np.mean(values))


def _slice(counts: pd.Series, period: object, group: object) -> pd.Series:
    """The term counts of one (period, group) from a (period, group, term) Series; empty when absent."""
    try:
        return counts.xs((period, group), level=[0, 1])
    except KeyError:
        return pd.Series(dtype=float)


def _period(documents: pd.DataFrame, period: str) -> pd.Series:
    if period in documents and period != "date":
        return documents[period]
    dates = pd.to_datetime(documents["date"].astype("string"), errors="coerce")
    if period == "year":
        return dates.dt.year.astype("Int64")
    if period == "decade":
        return (dates.dt.year // 10 * 10).astype("Int64")
    if period == "month":
        return dates.dt.to_period("M").astype("string")
    raise ValueError(f"period must be 'year', 'decade', 'month' or a documents column, not {period!r}")


def compare_sides(
    tables: Any,
    *,
    a: object = "CN",
    b: object = "US",
    by: str = "side",
    source: str | Collection[str] | None = None,
    kind: str | Collection[str] | None = None,
    start: int | None = None,
    end: int | None = None,
    period: str = "year",
    top: int = 15,
    measure: str = "logodds",
    stopwords: bool | Collection[str] = True,
    alpha: float = 0.01,
    null_draws: int = 20,
    seed: int = 0,
    include_negated: bool = False,
) -> dict[str, pd.DataFrame]:
    """Compare two groups of documents period by period (China against the United States, year by year).

    Parameters
    ----------
    tables : Tables
        The built tables (``analysis.load_tables("data/processed")``);
        ``documents``, ``tokens``, ``sentences`` (for topic shares), ``topics``
        and ``markers`` are read.
    a, b : value, keyword-only
        The values of ``by`` forming the two groups (default ``CN`` and ``US``).
    by : str, keyword-only
        The ``documents`` column defining the groups (``side``, ``source``...).
    source, kind : str or collection of str, optional
        Keep only documents of these sources / kinds (e.g.
        ``source="UN General Debate"``).
    start, end : int, optional
        First and last period kept (years, inclusive), for ``period="year"``
        or ``"decade"``.
    period : str, keyword-only
        ``year`` (default; from ``documents.date``), ``decade``, ``month`` or
        the name of any ``documents`` column.
    top : int, keyword-only
        Key terms kept per period and group.
    measure : str, keyword-only
        Keyness statistic of :func:`analysis.stats.keyness` (``logodds``:
        Monroe et al.'s z-score with an informative Dirichlet prior; ``chi2``,
        ``lr``, ``pmi``).
    stopwords : bool or collection of str, keyword-only
        As in :mod:`analysis.stats`: remove the project's stop words (True),
        none (False) or exactly those given, for keyness and divergence.
    alpha : float, keyword-only
        Smoothing of :func:`js_divergence` (default 0.01 per cell: light, so
        that rare words do not drown the differences; 0.5 compresses all
        values towards a narrow band).
    null_draws : int, keyword-only
        Random splits of the pooled words used for ``jsd_null`` (0 to skip).
    seed : int, keyword-only
        Seed of those random splits (fixed, so results repeat).
    include_negated : bool, keyword-only
        Count negated markers in the rates (default False).

    Returns
    -------
    dict of str to DataFrame
        In each frame the group column is named after ``by`` and the period
        column after ``period``. With no document of either group every frame
        is empty (with its columns); a group with no document in a period gets
        zero counts and NaN divergence there.

        - ``summary``: period, group, ``n_docs``, ``n_sentences``, ``n_tokens``.
        - ``keyness``: period, group, ``rank``, ``term``, ``score`` (positive:
          typical of this group against the other), ``count``,
          ``other_count``, ``p``: the ``top`` terms per period and group.
        - ``topics``: period, group, ``topic``, ``sentences``, ``share`` (of
          the group's sentences in that period mentioning the topic), for
          every topic seen in the selection (zeros included).
        - ``markers``: period, group, ``category``, ``count``, ``rate`` (per
          1,000 tokens), every category of DESIGN.md (zeros included).
        - ``divergence``: one row per period: ``n_tokens_a``, ``n_tokens_b``
          (content words counted: stop words and numbers left out),
          ``types_a``, ``types_b``, ``shared_types``, ``jaccard`` (shared /
          all types), ``jsd`` (Jensen-Shannon divergence of the two smoothed
          unigram distributions, in bits; NaN when a group has no document in
          that period), ``jsd_null`` (the mean JSD between two random splits
          of the pooled words with the same sizes: what sampling alone gives,
          since two short texts differ even when drawn from one vocabulary)
          and ``jsd_excess`` (``jsd - jsd_null``: the divergence beyond
          sampling, comparable across periods of different lengths).
    """
    docs = tables.documents.copy()
    docs["doc_id"] = docs["doc_id"].astype(str)
    for col, wanted in (("source", source), ("kind", kind)):
        if wanted is not None:
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            docs = docs[docs[col].isin(values)]
    docs = docs[docs[by].isin([a, b])]
    docs = docs.assign(_period=_period(docs, period))
    docs = docs[docs["_period"].notna()]
    if period in ("year", "decade"):
        if start is not None:
            docs = docs[docs["_period"] >= start]
        if end is not None:
            docs = docs[docs["_period"] <= end]
    if docs.empty:
        return _empty_result(period, by)
    group_of = dict(zip(docs["doc_id"], docs[by]))
    period_of = dict(zip(docs["doc_id"], docs["_period"]))
    periods = sorted(docs["_period"].unique())
    groups = [a, b]
    grid = pd.MultiIndex.from_product([periods, groups], names=[period, by])

    summary = docs.groupby(["_period", by]).agg(
        n_docs=("doc_id", "size"), n_sentences=("n_sentences", "sum"), n_tokens=("n_tokens", "sum"))
    summary.index.names = [period, by]
    summary = summary.reindex(grid, fill_value=0).reset_index()

    # tokens of the selected documents, with their group and period
    tok = tables.tokens
    if tok is None or tok.empty:
        raise ValueError("compare_sides needs the tokens table: load it (load_tables(folder) reads it by default)")
    ids = list(group_of)
    tok = tok.loc[tok["doc_id"].isin(ids), ["doc_id", "sent_id", "norm", "is_stop"]]
    doc_str = tok["doc_id"].astype(str)
    tok = tok.assign(**{by: doc_str.map(group_of).to_numpy(), "_period": doc_str.map(period_of).to_numpy()})
    stop = stats.load_stopwords() if stopwords is True else frozenset(stopwords or ())
    norm = tok["norm"].astype(str)
    kinds = pd.Series(pd.unique(norm))  # test each distinct word once, not each token
    ok = kinds[~kinds.isin(stop) & kinds.str.contains(r"[^\W\d_]", regex=True)]
    content = norm.isin(ok)

    keyness_rows, div_rows = [], []
    rng = np.random.default_rng(seed)
    counts = (tok[content].assign(norm=norm[content]).groupby(["_period", by, "norm"], observed=True).size())
    by_period = dict(tuple(tok.groupby("_period", sort=False)))
    for p in periods:
        tp = by_period.get(p, tok.iloc[:0])
        present = set(tp[by].unique())
        if {a, b} <= present:
            key = stats.keyness(tp.drop(columns="_period"), by=by, target=a, reference=b, measure=measure,
                                stopwords=stopwords)
            for grp, part in ((a, key[key["score"] > 0].head(top)),
                              (b, key[key["score"] < 0].iloc[::-1].head(top))):
                sign = 1 if grp == a else -1
                own, other = ("target_count", "reference_count") if grp == a else ("reference_count", "target_count")
                for rank, rec in enumerate(part.itertuples(index=False), 1):
                    keyness_rows.append({period: p, by: grp, "rank": rank, "term": rec.term,
                                         "score": sign * float(rec.score), "count": int(getattr(rec, own)),
                                         "other_count": int(getattr(rec, other)), "p": float(getattr(rec, "p", np.nan))})
        ca, cb = _slice(counts, p, a), _slice(counts, p, b)
        vocab = ca.index.union(cb.index)
        va, vb = ca.reindex(vocab, fill_value=0).to_numpy(), cb.reindex(vocab, fill_value=0).to_numpy()
        shared = int(((va > 0) & (vb > 0)).sum())
        both = bool(va.sum() and vb.sum())
        jsd = js_divergence(va, vb, alpha=alpha) if both else np.nan
        null = _null_jsd(va, vb, alpha=alpha, draws=null_draws, rng=rng) if both else np.nan
        div_rows.append({
            period: p, "n_tokens_a": int(va.sum()), "n_tokens_b": int(vb.sum()), "types_a": int((va > 0).sum()),
            "types_b": int((vb > 0).sum()), "shared_types": shared,
            "jaccard": shared / len(vocab) if len(vocab) else np.nan,
            "jsd": jsd, "jsd_null": null, "jsd_excess": jsd - null,
        })
    keyness = pd.DataFrame(keyness_rows, columns=[period, by, "rank", "term", "score", "count", "other_count", "p"])
    divergence = pd.DataFrame(div_rows)
    divergence.attrs.update(a=a, b=b, by=by, alpha=alpha)

    # topic shares (of sentences) and marker rates (per 1,000 tokens)
    t = tables.topics
    t = t[t["doc_id"].astype(str).isin(ids)]
    t = t.assign(doc_id=t["doc_id"].astype(str))[["doc_id", "sent_id", "topic"]].drop_duplicates()
    t = t.assign(**{by: t["doc_id"].map(group_of), "_period": t["doc_id"].map(period_of)})
    topic_names = sorted(t["topic"].astype(str).unique())
    topics = t.groupby(["_period", by, "topic"]).size().rename("sentences")
    topics.index.names = [period, by, "topic"]
    tgrid = pd.MultiIndex.from_product([periods, groups, topic_names], names=[period, by, "topic"])
    topics = topics.reindex(tgrid, fill_value=0).reset_index()
    n_sent = summary.set_index([period, by])["n_sentences"]
    denom = pd.MultiIndex.from_frame(topics[[period, by]]).map(n_sent.to_dict())
    topics["share"] = topics["sentences"] / pd.Series(np.asarray(denom, dtype=float)).replace(0, np.nan).to_numpy()

    m = tables.markers
    m = m[m["doc_id"].astype(str).isin(ids)]
    m = m.assign(doc_id=m["doc_id"].astype(str), negated=m["negated"].fillna(False).astype(bool) if "negated" in m else False)
    cats = list(MARKER_CATEGORIES) + sorted(set(m["category"].astype(str)) - set(MARKER_CATEGORIES))
    s = tables.sentences
    s = s[s["doc_id"].astype(str).isin(ids)]
    s = s.assign(doc_id=s["doc_id"].astype(str))
    s = s.assign(**{by: s["doc_id"].map(group_of), "_period": s["doc_id"].map(period_of)})
    rates = stats.marker_rates(s, m, by=["_period", by], categories=cats, negated="include" if include_negated else "exclude")
    rates = rates.rename(columns={"_period": period, "n_markers": "count"}).set_index([period, by, "category"])
    mgrid = pd.MultiIndex.from_product([periods, groups, cats], names=[period, by, "category"])
    markers = rates.reindex(mgrid)[["count", "rate"]].reset_index()
    markers["count"] = markers["count"].fillna(0).astype(int)

    return {"summary": summary, "keyness": keyness, "topics": topics, "markers": markers, "divergence": divergence}

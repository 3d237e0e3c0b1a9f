"""Coverage of topics and rhetoric markers: how much, who, in what order, how hard.

Every function takes the DataFrames of the built tables (``sentences``,
``topics``, ``markers`` and, where a grouping column lives there,
``documents``) and returns a new DataFrame; nothing is read from disk.

- :func:`topic_coverage`: share of sentences and tokens given to each topic,
  by document, speaker, side or any column;
- :func:`topic_order`: the order in which each side (or speaker) first raises
  each topic in each document;
- :func:`marker_rates`: rhetoric markers per 1,000 tokens by speaker, side, year, ...;
- :func:`sentence_tone`: a per-sentence tone score from the marker categories.

A sentence "covers" a topic when at least one topic match lies in it; several
matches of one topic in a sentence count once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.vocab import FLIP_WHEN_NEGATED, TONE_WEIGHTS

__all__ = [
    "marker_rates",
    "sentence_tone",
    "topic_coverage",
    "topic_order",
    "topic_presence",
]

def _as_list(by: str | Sequence[str]) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


def _with_columns(frame: pd.DataFrame, columns: Sequence[str], *, documents: pd.DataFrame | None) -> pd.DataFrame:
    """``frame`` with the grouping columns it lacks merged in from ``documents`` by ``doc_id``.

    ``year`` is derived from ``documents.event_date`` (else ``date``) when no such column exists.
    """
    missing = [c for c in columns if c not in frame.columns]
    if not missing:
        return frame
    if documents is None:
        raise KeyError(f"columns {missing} are not in the table; pass documents= to merge them in")
    docs = documents
    if "year" in missing and "year" not in docs.columns:
        docs = docs.copy()
        when = pd.to_datetime(docs["event_date"], errors="coerce") if "event_date" in docs.columns else None
        if when is None or when.isna().all():
            when = pd.to_datetime(docs["date"], errors="coerce")
        elif "date" in docs.columns:
            when = when.fillna(pd.to_datetime(docs["date"], errors="coerce"))
        docs["year"] = when.dt.year.astype("Int64")
    absent = [c for c in missing if c not in docs.columns]
    if absent:
        raise KeyError(f"columns {absent} are in neither table")
    return frame.merge(docs[["doc_id", *missing]], on="doc_id", how="left")


def topic_coverage(
    sentences: pd.DataFrame,
    topics: pd.DataFrame,
    *,
    by: str | Sequence[str] = "doc_id",
    documents: pd.DataFrame | None = None,
    dropna: bool = False,
) -> pd.DataFrame:
    """Share of sentences and of tokens given to each topic, per group.

    Parameters
    ----------
    sentences : DataFrame
        The ``sentences`` table (doc_id, sent_id, n_tokens, speaker, speaker_side, ...).
    topics : DataFrame
        The ``topics`` table (doc_id, sent_id, topic, ...).
    by : str or sequence of str, default "doc_id"
        Grouping columns: any of the sentence columns (``speaker``,
        ``speaker_side``) or, with ``documents``, document columns (``side``,
        ``source``, ``year``).
    documents : DataFrame, optional
        The ``documents`` table, needed for document-level grouping columns.
    dropna : bool, default False
        Drop groups whose key is missing (for example unattributed sentences).

    Returns
    -------
    DataFrame
        One row per (group, topic) present: the ``by`` columns, ``topic``,
        ``n_sentences`` and ``n_tokens`` (of the sentences covering the topic),
        ``group_sentences`` and ``group_tokens`` (of the whole group), and
        ``share_sentences`` and ``share_tokens`` (the ratios).
    """
    keys = _as_list(by)
    sents = _with_columns(sentences, keys, documents=documents)
    base = sents.groupby(keys, dropna=dropna, observed=True).agg(
        group_sentences=("sent_id", "size"), group_tokens=("n_tokens", "sum")
    )
    hits = topics[["doc_id", "sent_id", "topic"]].drop_duplicates()
    joined = hits.merge(sents[["doc_id", "sent_id", "n_tokens", *[k for k in keys if k not in ("doc_id", "sent_id")]]], on=["doc_id", "sent_id"])
    out = joined.groupby([*keys, "topic"], dropna=dropna, observed=True).agg(
        n_sentences=("sent_id", "size"), n_tokens=("n_tokens", "sum")
    )
    out = out.reset_index().merge(base.reset_index(), on=keys, how="left")
    out["share_sentences"] = out["n_sentences"] / out["group_sentences"]
    out["share_tokens"] = out["n_tokens"] / out["group_tokens"].where(out["group_tokens"] > 0)
    return out.sort_values([*keys, "share_sentences", "topic"], ascending=[True] * len(keys) + [False, True]).reset_index(drop=True)


def topic_presence(topics: pd.DataFrame, documents: pd.DataFrame, *, topic_ids: Sequence[str] | None = None) -> pd.DataFrame:
    """Document x topic table of booleans: does the document raise the topic at all?

    Parameters
    ----------
    topics : DataFrame
        The ``topics`` table.
    documents : DataFrame
        The ``documents`` table (its ``doc_id`` order is kept; documents without topics are all False).
    topic_ids : sequence of str, optional
        Columns to report (default: the topics present), e.g. the whole taxonomy.

    Returns
    -------
    DataFrame
        Index ``doc_id``, one boolean column per topic.
    """
    ids = list(topic_ids) if topic_ids is not None else sorted(topics["topic"].unique())
    flags = pd.crosstab(topics["doc_id"], topics["topic"]).gt(0)
    return flags.reindex(index=pd.Index(documents["doc_id"], name="doc_id"), columns=ids, fill_value=False).astype(bool)


def topic_order(
    sentences: pd.DataFrame,
    topics: pd.DataFrame,
    *,
    by: str | Sequence[str] = "speaker_side",
    documents: pd.DataFrame | None = None,
    dropna: bool = True,
) -> pd.DataFrame:
    """The order in which each side first raises each topic, per document.

    Parameters
    ----------
    sentences : DataFrame
        The ``sentences`` table.
    topics : DataFrame
        The ``topics`` table.
    by : str or sequence of str, default "speaker_side"
        Who raises: ``speaker_side`` (the side of the sentence's speaker),
        ``speaker``, or ``side`` (the issuing side, from ``documents``).
    documents : DataFrame, optional
        Needed when ``by`` names a document column.
    dropna : bool, default True
        Leave out sentences without a speaker side (narration).

    Returns
    -------
    DataFrame
        Columns ``doc_id``, the ``by`` columns, ``topic``, ``first_sent_id``,
        ``first_start`` (character offset of the first match), ``order``
        (1 = the first topic that side raised in that document), and
        ``n_sentences`` (how many of that side's sentences cover the topic).
    """
    keys = [k for k in _as_list(by) if k != "doc_id"]
    sents = _with_columns(sentences, keys, documents=documents)
    hits = topics[["doc_id", "sent_id", "topic", "start"]].merge(sents[["doc_id", "sent_id", *keys]], on=["doc_id", "sent_id"])
    if dropna and keys:
        hits = hits.dropna(subset=keys)
    group = ["doc_id", *keys]
    first = (
        hits.sort_values(["doc_id", "sent_id", "start"])
        .groupby([*group, "topic"], dropna=False, observed=True)
        .agg(first_sent_id=("sent_id", "first"), first_start=("start", "first"), n_sentences=("sent_id", "nunique"))
        .reset_index()
    )
    first = first.sort_values([*group, "first_sent_id", "first_start", "topic"])
    first["order"] = first.groupby(group, dropna=False, observed=True).cumcount() + 1
    cols = [*group, "topic", "first_sent_id", "first_start", "order", "n_sentences"]
    return first[cols].reset_index(drop=True)


def marker_rates(
    sentences: pd.DataFrame,
    markers: pd.DataFrame,
    *,
    by: str | Sequence[str] = "speaker",
    documents: pd.DataFrame | None = None,
    categories: Sequence[str] | None = None,
    negated: str = "include",
    per: float = 1000.0,
    dropna: bool = False,
) -> pd.DataFrame:
    """Rhetoric markers per ``per`` tokens, per group and category.

    Parameters
    ----------
    sentences : DataFrame
        The ``sentences`` table (its ``n_tokens`` give the denominators).
    markers : DataFrame
        The ``markers`` table.
    by : str or sequence of str, default "speaker"
        Grouping columns: sentence columns (``speaker``, ``speaker_side``) or,
        with ``documents``, document columns (``side``, ``source``, ``year``;
        ``year`` is derived from the event date, else the date).
    documents : DataFrame, optional
    categories : sequence of str, optional
        Categories to report; every group gets a row for each, zero when absent
        (default: the categories present in ``markers``).
    negated : {"include", "exclude", "only"}, default "include"
        Whether negated matches count.
    per : float, default 1000
    dropna : bool, default False
        Drop groups whose key is missing.

    Returns
    -------
    DataFrame
        The ``by`` columns, ``category``, ``n_markers``, ``n_tokens`` (of the
        group) and ``rate`` (markers per ``per`` tokens).
    """
    if negated not in ("include", "exclude", "only"):
        raise ValueError("negated must be 'include', 'exclude' or 'only'")
    keys = _as_list(by)
    sents = _with_columns(sentences, keys, documents=documents)
    tokens = sents.groupby(keys, dropna=dropna, observed=True)["n_tokens"].sum().rename("n_tokens")
    marks = markers
    if negated == "exclude":
        marks = marks[~marks["negated"].astype(bool)]
    elif negated == "only":
        marks = marks[marks["negated"].astype(bool)]
    sent_keys = [k for k in keys if k not in ("doc_id", "sent_id")]
    joined = marks[["doc_id", "sent_id", "category"]].merge(sents[["doc_id", "sent_id", *sent_keys]], on=["doc_id", "sent_id"])
    counts = joined.groupby([*keys, "category"], dropna=dropna, observed=True).size().rename("n_markers")
    cats = list(categories) if categories is not None else sorted(markers["category"].dropna().unique())
    grid = pd.MultiIndex.from_tuples(
        [(*(g if isinstance(g, tuple) else (g,)), c) for g in tokens.index for c in cats], names=[*keys, "category"]
    )
    out = counts.reindex(grid, fill_value=0).reset_index()
    out = out.merge(tokens.reset_index(), on=keys, how="left")
    out["rate"] = per * out["n_markers"] / out["n_tokens"].where(out["n_tokens"] > 0)
    return out


def sentence_tone(
    sentences: pd.DataFrame,
    markers: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    flip_when_negated: frozenset[str] | set[str] = FLIP_WHEN_NEGATED,
    booster_gain: float = 0.25,
) -> pd.DataFrame:
    """A tone score for every sentence, from its rhetoric markers.

    ``tone = (1 + booster_gain * n_boosters) * sum(weight of each marker)``,
    where a negated marker of a category in ``flip_when_negated`` counts with
    the opposite sign ("avoid a new Cold War" scores as conciliatory).
    Positive is conciliatory, negative is hard; sentences without markers score 0.

    Parameters
    ----------
    sentences : DataFrame
        The ``sentences`` table (every sentence gets a row).
    markers : DataFrame
        The ``markers`` table.
    weights : mapping, optional
        Category -> weight (default :data:`TONE_WEIGHTS`; categories not listed weigh 0).
    flip_when_negated : set of str
        Categories whose sign flips when negated.
    booster_gain : float, default 0.25
        How much each booster amplifies the sentence's score.

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, ``n_markers``, ``n_boosters``, ``hard``
        (sum of negative contributions), ``soft`` (sum of positive ones), ``tone``.
    """
    w = dict(TONE_WEIGHTS if weights is None else weights)
    m = markers[["doc_id", "sent_id", "category", "negated"]].copy()
    weight = m["category"].map(w).fillna(0.0).astype(float)
    flip = m["negated"].astype(bool) & m["category"].isin(list(flip_when_negated))
    m["value"] = np.where(flip, -weight, weight)
    m["soft"] = m["value"].clip(lower=0)
    m["hard"] = m["value"].clip(upper=0)
    m["booster"] = (m["category"] == "booster").astype(int)
    agg = m.groupby(["doc_id", "sent_id"]).agg(
        n_markers=("category", "size"), n_boosters=("booster", "sum"), hard=("hard", "sum"), soft=("soft", "sum"), raw=("value", "sum")
    )
    out = sentences[["doc_id", "sent_id"]].merge(agg.reset_index(), on=["doc_id", "sent_id"], how="left")
    out[["n_markers", "n_boosters"]] = out[["n_markers", "n_boosters"]].fillna(0).astype(int)
    out[["hard", "soft", "raw"]] = out[["hard", "soft", "raw"]].fillna(0.0)
    gain = 1.0 + booster_gain * out["n_boosters"]
    out["hard"] *= gain
    out["soft"] *= gain
    out["tone"] = out["raw"] * gain
    return out.drop(columns="raw")

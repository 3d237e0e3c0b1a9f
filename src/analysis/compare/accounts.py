"""The parts of a paired comparison: shares of the words, omission matrix, passages, topic order, marker rates.

Each function takes the built tables and the two documents' ``doc_id`` and
returns a DataFrame; :func:`analysis.compare.compare_pair` calls them all.
Columns are suffixed ``_a`` and ``_b`` for the two accounts.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as scipy_stats

from analysis import stats
from analysis.compare._common import as_date, doc_row, doc_tokens, rows_of, str_or_none
from analysis.vocab import BOTH_SIDES, MARKER_CATEGORIES, NARRATOR, NOT_PRINCIPALS

__all__ = [
    "account_summary",
    "topic_matrix",
    "topic_order",
    "topic_passages",
    "marker_rates",
]

# --- the parts of a comparison ---------------------------------------------------------------


def account_summary(tables: Any, doc_a: str, doc_b: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per account: source, side, length, and each principal's share of the words.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str

    Returns
    -------
    summary : DataFrame
        ``account`` (``a``/``b``), ``doc_id``, ``source``, ``side``, ``kind``,
        ``title``, ``date``, ``event_date``, ``n_sentences``, ``tokens``;
        ``own_share`` (tokens of sentences attributed to a principal of the
        issuing side / all tokens), ``other_share`` (to a principal of another
        side), ``joint_share`` (``both sides``), ``narrator_share``; and one
        column ``share: <name>`` per principal speaking in either account
        (0 where that principal is not given any words).
    speakers : DataFrame
        Long form: ``account``, ``doc_id``, ``speaker``, ``speaker_side``,
        ``n_sentences``, ``n_tokens``, ``share``, ``first_sent_id``.
    """
    rows, long_rows = [], []
    for account, doc_id in (("a", doc_a), ("b", doc_b)):
        doc = doc_row(tables.documents, doc_id)
        sents = rows_of(tables.sentences, doc_id)
        total = doc_tokens(doc, sents)
        side = str_or_none(doc.get("side"))
        speaker = sents["speaker"].map(str_or_none).fillna(NARRATOR)
        spk_side = sents["speaker_side"].map(str_or_none)
        ntok = sents["n_tokens"].astype(float)
        principal = ~speaker.isin(NOT_PRINCIPALS)
        share = (lambda mask: float(ntok[mask].sum()) / total if total else float("nan"))
        row = {
            "account": account,
            "doc_id": str(doc_id),
            "source": str_or_none(doc.get("source")),
            "side": side,
            "kind": str_or_none(doc.get("kind")),
            "title": str_or_none(doc.get("title")),
            "date": as_date(doc.get("date")),
            "event_date": as_date(doc.get("event_date")),
            "n_sentences": int(len(sents)),
            "tokens": int(total),
            "own_share": share(principal & spk_side.eq(side).fillna(False)),
            "other_share": share(principal & spk_side.notna() & spk_side.ne(side).fillna(False)),
            "joint_share": share(speaker.eq(BOTH_SIDES)),
            "narrator_share": share(speaker.eq(NARRATOR)),
        }
        rows.append(row)
        if not sents.empty:
            frame = pd.DataFrame({"speaker": speaker, "speaker_side": spk_side, "n_tokens": ntok, "sent_id": sents["sent_id"]})
            grouped = frame.groupby("speaker", sort=False, dropna=False).agg(
                speaker_side=("speaker_side", "first"), n_sentences=("sent_id", "size"),
                n_tokens=("n_tokens", "sum"), first_sent_id=("sent_id", "min"),
            ).reset_index()
            for rec in grouped.itertuples(index=False):
                long_rows.append({
                    "account": account, "doc_id": str(doc_id), "speaker": rec.speaker, "speaker_side": rec.speaker_side,
                    "n_sentences": int(rec.n_sentences), "n_tokens": int(rec.n_tokens),
                    "share": float(rec.n_tokens) / total if total else float("nan"), "first_sent_id": int(rec.first_sent_id),
                })
    speakers = pd.DataFrame(long_rows, columns=["account", "doc_id", "speaker", "speaker_side", "n_sentences",
                                                "n_tokens", "share", "first_sent_id"])
    if not speakers.empty:
        speakers = speakers.sort_values(["account", "first_sent_id"], kind="stable").reset_index(drop=True)
    summary = pd.DataFrame(rows)
    principals = speakers.loc[~speakers["speaker"].isin(NOT_PRINCIPALS), ["speaker", "first_sent_id"]]
    for name in dict.fromkeys(principals["speaker"]):
        summary[f"share: {name}"] = [
            float(speakers.loc[(speakers["account"] == acc) & (speakers["speaker"] == name), "share"].sum())
            for acc in summary["account"]
        ]
    return summary, speakers


def _first_mentions(tables: Any, doc_id: str) -> pd.DataFrame:
    """Per topic of one document: first position, rank, sentences, token share, first speaker."""
    topics = rows_of(tables.topics, doc_id)
    cols = ["topic", "rank", "first_sent_id", "n_sentences", "share", "first_speaker"]
    if topics is None or topics.empty:
        return pd.DataFrame(columns=cols)
    sents = rows_of(tables.sentences, doc_id)
    doc_row(tables.documents, doc_id)
    order = stats.topic_order(sents, topics, by="doc_id")
    cover = stats.topic_coverage(sents, topics, by="doc_id").set_index("topic")
    speaker = sents.set_index("sent_id")["speaker"] if "speaker" in sents else pd.Series(dtype=object)
    out = pd.DataFrame({"topic": order["topic"], "rank": order["order"], "first_sent_id": order["first_sent_id"],
                        "n_sentences": order["n_sentences"].astype(int)})
    out["share"] = out["topic"].map(cover["share_tokens"]).astype(float)
    out["first_speaker"] = out["first_sent_id"].map(speaker).map(str_or_none)
    return out[cols]


def topic_matrix(tables: Any, doc_a: str, doc_b: str) -> pd.DataFrame:
    """The omission matrix: each topic either account raises, present or absent in each.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str

    Returns
    -------
    DataFrame
        One row per topic tagged in either account: ``topic``, ``in_a``,
        ``in_b`` (bool), ``rank_a``, ``rank_b`` (first-mention rank among the
        account's topics, 1 = raised first; missing when absent),
        ``first_sent_a``, ``first_sent_b``, ``sentences_a``, ``sentences_b``
        (sentences mentioning the topic), ``share_a``, ``share_b`` (share of
        the account's tokens in those sentences), ``first_speaker_a``,
        ``first_speaker_b`` (who is reported raising it first) and ``status``
        (``both``, ``only a`` = omitted by b, ``only b`` = omitted by a).
        Sorted by rank in a, then rank in b.
    """
    fa, fb = _first_mentions(tables, doc_a), _first_mentions(tables, doc_b)
    merged = fa.merge(fb, on="topic", how="outer", suffixes=("_a", "_b")).reset_index(drop=True)
    out = pd.DataFrame({"topic": merged["topic"].astype(str)})
    out["in_a"] = merged["rank_a"].notna()
    out["in_b"] = merged["rank_b"].notna()
    for acc in ("a", "b"):
        out[f"rank_{acc}"] = pd.to_numeric(merged[f"rank_{acc}"]).astype("Int64")
    for acc in ("a", "b"):
        out[f"first_sent_{acc}"] = pd.to_numeric(merged[f"first_sent_id_{acc}"]).astype("Int64")
    for acc in ("a", "b"):
        out[f"sentences_{acc}"] = pd.to_numeric(merged[f"n_sentences_{acc}"]).fillna(0).astype(int)
    for acc in ("a", "b"):
        out[f"share_{acc}"] = pd.to_numeric(merged[f"share_{acc}"]).fillna(0.0).astype(float)
    for acc in ("a", "b"):
        out[f"first_speaker_{acc}"] = merged[f"first_speaker_{acc}"]
    out["status"] = np.select([out["in_a"] & out["in_b"], out["in_a"]], ["both", "only a"], "only b")
    big = 10**6
    out = out.assign(_ra=out["rank_a"].fillna(big), _rb=out["rank_b"].fillna(big))
    return out.sort_values(["_ra", "_rb", "topic"], kind="stable").drop(columns=["_ra", "_rb"]).reset_index(drop=True)


def topic_passages(tables: Any, doc_a: str, doc_b: str, *, topics: pd.DataFrame | None = None,
                   separator: str = " … ") -> pd.DataFrame:
    """The two accounts side by side, topic by topic: what each says on each topic.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str
    topics : DataFrame, optional
        The omission matrix (:func:`topic_matrix`), to reuse its order.
    separator : str, keyword-only
        Placed between the sentences of one account.

    Returns
    -------
    DataFrame
        One row per topic, in the omission matrix's order: ``topic``,
        ``status``, ``text_a``, ``text_b`` (the account's sentences mentioning
        the topic, in reading order, joined; empty when absent) and
        ``speakers_a``, ``speakers_b`` (who is reported saying them, ``; ``-joined).
    """
    topics = topic_matrix(tables, doc_a, doc_b) if topics is None else topics
    out = topics[["topic", "status"]].copy().reset_index(drop=True)
    for acc, doc_id in (("a", doc_a), ("b", doc_b)):
        t = rows_of(tables.topics, doc_id)
        sents = rows_of(tables.sentences, doc_id).set_index("sent_id")
        texts, speakers = {}, {}
        if t is not None and not t.empty:
            for topic, ids in t.groupby("topic")["sent_id"]:
                ids = sorted(set(int(i) for i in ids))
                texts[str(topic)] = separator.join(str(sents.at[i, "text"]) for i in ids if i in sents.index)
                who = [str_or_none(sents.at[i, "speaker"]) or NARRATOR for i in ids if i in sents.index]
                speakers[str(topic)] = "; ".join(dict.fromkeys(who))
        out[f"text_{acc}"] = out["topic"].map(texts).fillna("")
        out[f"speakers_{acc}"] = out["topic"].map(speakers).fillna("")
    return out[["topic", "status", "text_a", "text_b", "speakers_a", "speakers_b"]]


def topic_order(topics: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The order in which the two accounts raise the topics they share, and its rank correlation.

    Parameters
    ----------
    topics : DataFrame
        The omission matrix from :func:`topic_matrix`.

    Returns
    -------
    order : DataFrame
        One row per shared topic: ``topic``, ``rank_a``, ``rank_b`` (re-ranked
        1..n among the shared topics), ``rank_diff`` (``rank_b - rank_a``;
        positive: b raises it later). Sorted by ``rank_a``.
    stats : DataFrame
        One row: ``n_shared``, ``spearman``, ``spearman_p``, ``kendall``,
        ``kendall_p`` (scipy's ``spearmanr`` and ``kendalltau``, tau-b); NaN
        with fewer than two shared topics (and p is NaN with two).
    """
    shared = topics[topics["in_a"] & topics["in_b"]]
    order = pd.DataFrame({
        "topic": shared["topic"].to_numpy(),
        "rank_a": shared["rank_a"].astype(float).rank(method="min").astype(int).to_numpy(),
        "rank_b": shared["rank_b"].astype(float).rank(method="min").astype(int).to_numpy(),
    })
    order["rank_diff"] = order["rank_b"] - order["rank_a"]
    order = order.sort_values("rank_a", kind="stable").reset_index(drop=True)
    n = len(order)
    rho = rho_p = tau = tau_p = float("nan")
    if n >= 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = scipy_stats.spearmanr(order["rank_a"], order["rank_b"])
            k = scipy_stats.kendalltau(order["rank_a"], order["rank_b"])
        rho, rho_p = float(r.statistic), float(r.pvalue)
        tau, tau_p = float(k.statistic), float(k.pvalue)
        if n == 2:
            rho_p = tau_p = float("nan")
    stats_row = pd.DataFrame([{"n_shared": n, "spearman": rho, "spearman_p": rho_p, "kendall": tau, "kendall_p": tau_p}])
    order.attrs.update(spearman=rho, kendall=tau, n_shared=n)
    return order, stats_row


def marker_rates(tables: Any, doc_a: str, doc_b: str, *, include_negated: bool = False) -> pd.DataFrame:
    """Rhetoric marker rates per 1,000 tokens, category by account.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str
    include_negated : bool, keyword-only
        Count negated matches in ``count``/``rate`` too (default False).

    Returns
    -------
    DataFrame
        One row per category (every category of :data:`MARKER_CATEGORIES`,
        then any other found): ``category``, ``count_a``, ``count_b``,
        ``rate_a``, ``rate_b`` (per 1,000 tokens of the account),
        ``negated_a``, ``negated_b`` (matches under negation, never in the
        rate unless ``include_negated``), ``diff`` (``rate_a - rate_b``).
    """
    parts = {acc: (rows_of(tables.sentences, doc_id), rows_of(tables.markers, doc_id)) for acc, doc_id in (("a", doc_a), ("b", doc_b))}
    for doc_id in (doc_a, doc_b):
        doc_row(tables.documents, doc_id)
    found = {str(c) for _, m in parts.values() if m is not None and "category" in m for c in m["category"]}
    cats = list(MARKER_CATEGORIES) + sorted(found - set(MARKER_CATEGORIES))
    out = pd.DataFrame({"category": cats})
    columns: dict[str, pd.Series] = {}
    for acc, (sents, m) in parts.items():
        if m is None or m.empty:
            m = pd.DataFrame({"doc_id": pd.Series(dtype=str), "sent_id": pd.Series(dtype=int),
                              "category": pd.Series(dtype=str), "negated": pd.Series(dtype=bool)})
        m = m.assign(negated=m["negated"].fillna(False).astype(bool)) if "negated" in m else m.assign(negated=False)
        counted = stats.marker_rates(sents, m, by="doc_id", categories=cats,
                                     negated="include" if include_negated else "exclude").set_index("category")
        negated = stats.marker_rates(sents, m, by="doc_id", categories=cats, negated="only").set_index("category")
        columns[f"count_{acc}"] = out["category"].map(counted["n_markers"]).fillna(0).astype(int)
        columns[f"rate_{acc}"] = out["category"].map(counted["rate"]).astype(float)
        columns[f"negated_{acc}"] = out["category"].map(negated["n_markers"]).fillna(0).astype(int)
    for name in ("count", "rate", "negated"):
        for acc in ("a", "b"):
            out[f"{name}_{acc}"] = columns[f"{name}_{acc}"]
    out["diff"] = out["rate_a"] - out["rate_b"]
    return out

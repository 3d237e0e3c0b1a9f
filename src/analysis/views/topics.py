"""Views of notebook 04: topic coverage, order of first mention, topics over time, discovered themes."""

from __future__ import annotations

import os
from collections.abc import Sequence

import pandas as pd

from analysis import stats
from analysis.annotate.lexicon import load_marker_lexicon, load_topic_lexicon
from analysis.tables import Tables
from analysis.views._common import doc_labels, with_year
from analysis.vocab import side_name

# --- 04 topics ---------------------------------------------------------------------------------


def _topic_sentences(tables: Tables) -> pd.DataFrame:
    """One row per (sentence, topic) with the sentence's tokens, speaker and the document's side and year."""
    t = tables.topics[["doc_id", "sent_id", "topic"]].drop_duplicates()
    s = tables.sentences[["doc_id", "sent_id", "speaker", "speaker_side", "n_tokens"]]
    t = t.merge(s, on=["doc_id", "sent_id"], how="left")
    return t.merge(with_year(tables.documents)[["doc_id", "side", "source", "year"]], on="doc_id", how="left")


def topic_coverage(tables: Tables, *, by: str = "side", top_topics: int | None = 15,
                   groups: Sequence[str] | None = None) -> pd.DataFrame:
    """Share of each group's sentences that mention each topic (:func:`analysis.stats.coverage.topic_coverage`), zeros filled.

    Parameters
    ----------
    by : {"side", "speaker", "doc_id", "source", "year"}
    top_topics : int, optional
        Keep the most covered topics overall.
    groups : list, optional
        Keep only these groups.

    Returns
    -------
    DataFrame
        ``by``, topic, sentences (mentioning it), total (sentences of the group), share (0-1).
    """
    cov = stats.topic_coverage(tables.sentences, tables.topics, by=by, documents=with_year(tables.documents), dropna=True)
    sent = tables.sentences.merge(with_year(tables.documents)[["doc_id", "side", "source", "year"]], on="doc_id", how="left")
    total = sent.groupby(by).size()  # every group, also those without any topic
    if groups is not None:
        total = total[total.index.isin(list(groups))]
    counts = cov.set_index([by, "topic"])["n_sentences"]
    topics = cov.groupby("topic")["n_sentences"].sum().sort_values(ascending=False, kind="stable")
    if top_topics:
        topics = topics.iloc[:top_topics]
    index = pd.MultiIndex.from_product([total.index, sorted(topics.index)], names=[by, "topic"])
    out = counts.reindex(index, fill_value=0).rename("sentences").reset_index()
    out["total"] = out[by].map(total).astype(int)
    out["share"] = out["sentences"] / out["total"]
    if by == "side":
        out["side"] = out["side"].map(side_name)
    if by == "doc_id":
        out.insert(0, "document", out["doc_id"].astype(str).map(doc_labels(tables.documents)))
    return out


def topic_order(tables: Tables) -> pd.DataFrame:
    """The order in which each side raises topics: mean rank of each topic's first mention in a document (1 = first).

    Columns: side, topic, documents (mentioning it), mean_rank.
    """
    order = stats.topic_order(tables.sentences, tables.topics, by="doc_id")
    if order.empty:
        return pd.DataFrame(columns=["side", "topic", "documents", "mean_rank"])
    order = order.merge(tables.documents[["doc_id", "side"]], on="doc_id", how="left")
    out = order.groupby(["side", "topic"]).agg(documents=("doc_id", "nunique"), mean_rank=("order", "mean")).reset_index()
    out["side"] = out["side"].map(side_name)
    return out.sort_values(["side", "mean_rank", "topic"], kind="stable").reset_index(drop=True)


def topics_over_time(tables: Tables, *, top_topics: int = 6, min_documents: int = 1) -> pd.DataFrame:
    """Share of documents per year mentioning each of the most frequent topics.

    Columns: year, topic, documents (mentioning it), total (documents that year), share.
    Years with fewer than ``min_documents`` documents are left out.
    """
    docs = with_year(tables.documents).dropna(subset=["year"])
    total = docs.groupby("year").size()
    total = total[total >= min_documents]
    ts = _topic_sentences(tables)[["doc_id", "topic", "year"]].drop_duplicates()
    topics = ts.groupby("topic")["doc_id"].nunique().sort_values(ascending=False, kind="stable").index[:top_topics]
    counts = ts[ts["topic"].isin(topics)].groupby(["year", "topic"])["doc_id"].nunique()
    index = pd.MultiIndex.from_product([total.index, sorted(topics)], names=["year", "topic"])
    out = counts.reindex(index, fill_value=0).rename("documents").reset_index()
    out["total"] = out["year"].map(total).astype(int)
    out["share"] = out["documents"] / out["total"]
    out["year"] = out["year"].astype(int)
    return out



# --- 04 discovered themes ------------------------------------------------------------------------


def theme_summary(theme_terms: pd.DataFrame, examples: pd.DataFrame) -> pd.DataFrame:
    """One row per NMF theme of :func:`analysis.stats.themes.discover_topics`: its label, top terms and best sentence."""
    if theme_terms.empty:
        return pd.DataFrame(columns=["theme", "top_terms", "example"])
    top = theme_terms.sort_values(["topic", "rank"]).groupby("topic")["term"].agg(", ".join)
    best = examples.sort_values(["topic", "rank"]).groupby("topic")["text"].first() if len(examples) else pd.Series(dtype=object)
    out = pd.DataFrame({"theme": top.index + 1, "top_terms": top.to_numpy()})
    out["example"] = out["theme"].map(lambda k: best.get(k - 1, ""))
    return out.reset_index(drop=True)




def uncovered_terms(sentences: pd.DataFrame, *, topics_lexicon: str | os.PathLike, markers_lexicon: str | os.PathLike,
                    min_count: int = 2, top: int = 25, side: str | None = None) -> pd.DataFrame:
    """Frequent words and phrases no entry of the two lexicons covers (:func:`analysis.stats.uncovered_terms`).

    Parameters
    ----------
    sentences : DataFrame
        The ``sentences`` table.
    topics_lexicon, markers_lexicon : path, keyword-only
        The lexicon files, as given to the build.
    min_count, top : int, keyword-only
        As in :func:`analysis.stats.uncovered_terms`.
    side : str or None, keyword-only
        The issuing side of the sentences, as in :func:`analysis.stats.uncovered_terms`.
    """
    lexicons = [load_topic_lexicon(topics_lexicon), load_marker_lexicon(markers_lexicon)]
    return stats.uncovered_terms(sentences, lexicons=lexicons, min_count=min_count, top=top, side=side)

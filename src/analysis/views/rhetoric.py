"""Views of notebook 05: sentence tone, the hardest sentences, tone over time, the longest documents."""

from __future__ import annotations

import pandas as pd

from analysis import stats
from analysis.tables import Tables
from analysis.views._common import with_year
from analysis.vocab import side_name

# --- 05 rhetoric ------------------------------------------------------------------------------


def sentence_tone(tables: Tables) -> pd.DataFrame:
    """Per sentence: the tone score of :func:`analysis.stats.coverage.sentence_tone` with its hard part, and the categories.

    ``tone`` weighs each marker category (cooperative frames and positive
    evaluation +1, opposition, confrontational frames, negative evaluation,
    blame and denial -1, ...; see ``analysis.stats.coverage.TONE_WEIGHTS``), boosters
    amplify, a negated frame counts with the opposite sign. ``hard`` is the size
    of the negative part (0 = no hard language).

    Columns: doc_id, sent_id, speaker, side, year, hard, soft, tone, categories, text.
    """
    tone = stats.sentence_tone(tables.sentences, tables.markers)
    cats = tables.markers.groupby(["doc_id", "sent_id"])["category"].agg(lambda c: ", ".join(sorted(set(c))))
    s = tables.sentences[["doc_id", "sent_id", "speaker", "text"]].merge(tone, on=["doc_id", "sent_id"], how="left")
    s = s.merge(cats.rename("categories").reset_index(), on=["doc_id", "sent_id"], how="left")
    s["hard"] = -s["hard"].fillna(0.0)
    s["soft"] = s["soft"].fillna(0.0)
    s["tone"] = s["tone"].fillna(0.0)
    s["categories"] = s["categories"].fillna("")
    docs = with_year(tables.documents)[["doc_id", "side", "year"]]
    s = s.merge(docs, on="doc_id", how="left")
    s["side"] = s["side"].map(side_name)
    return s[["doc_id", "sent_id", "speaker", "side", "year", "hard", "soft", "tone", "categories", "text"]]


def hardest_sentences(tables: Tables, n: int = 10) -> pd.DataFrame:
    """The ``n`` sentences with the hardest language (largest negative tone part; ties: lower tone, reading order)."""
    s = sentence_tone(tables)
    s = s[s["hard"] > 0].sort_values(["hard", "tone", "doc_id", "sent_id"], ascending=[False, True, True, True], kind="stable")
    cols = ["text", "speaker", "side", "year", "hard", "tone", "categories", "doc_id", "sent_id"]
    return s.head(n)[cols].reset_index(drop=True)


def tone_over_time(tables: Tables, *, min_sentences: int = 0) -> pd.DataFrame:
    """Mean sentence tone per year and issuing side (columns: year, side, sentences, tone).

    (year, side) cells with fewer than ``min_sentences`` sentences are left out.
    """
    s = sentence_tone(tables).dropna(subset=["year"])
    out = s.groupby(["year", "side"]).agg(sentences=("tone", "size"), tone=("tone", "mean")).reset_index()
    out = out[out["sentences"] >= min_sentences]
    out["year"] = out["year"].astype(int)
    return out


def longest_documents(tables: Tables, n: int = 12) -> list[str]:
    """The ``doc_id`` of the ``n`` longest documents (most tokens)."""
    docs = tables.documents.sort_values(["n_tokens", "doc_id"], ascending=[False, True], kind="stable")
    return docs["doc_id"].astype(str).head(n).tolist()



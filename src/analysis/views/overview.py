"""Views of notebook 01: documents by group and year, lengths, the timeline of events, the rejections."""

from __future__ import annotations

import pandas as pd

from analysis.views._common import with_year
from analysis.vocab import side_name

# --- 01 corpus overview ------------------------------------------------------------------------


def document_counts(documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Documents per value of ``by`` (``source``, ``side``, ``kind``, ``event_type``, ``year``), most first."""
    docs = with_year(documents)
    values = docs[by].map(side_name) if by == "side" else docs[by]
    out = values.astype(object).where(values.notna(), "unknown").astype(str).value_counts().rename_axis(by).reset_index(name="documents")
    return out.sort_values(["documents", by], ascending=[False, True], kind="stable").reset_index(drop=True)


def documents_per_year(documents: pd.DataFrame, by: str = "source") -> pd.DataFrame:
    """A year x ``by`` table of document counts (long form: year, ``by``, documents)."""
    docs = with_year(documents).dropna(subset=["year"])
    docs[by] = docs[by].fillna("unknown")
    out = docs.groupby(["year", by]).size().rename("documents").reset_index()
    out["year"] = out["year"].astype(int)
    return out.sort_values(["year", by], kind="stable").reset_index(drop=True)


def document_lengths(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: doc_id, source, kind, n_sentences, n_tokens (words)."""
    cols = ["doc_id", "source", "kind", "n_sentences", "n_tokens"]
    return documents[cols].sort_values(["n_tokens", "doc_id"], kind="stable").reset_index(drop=True)


def event_timeline(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per dated document: date (event, else publication), event_type, source, title."""
    docs = with_year(documents).dropna(subset=["when"])
    out = pd.DataFrame({"date": docs["when"].dt.strftime("%Y-%m-%d"), "event_type": docs["event_type"].fillna("other"),
                        "source": docs["source"].fillna("unknown"), "doc_id": docs["doc_id"].astype(str),
                        "title": docs["title"].fillna("")})
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def rejections_summary(rejections: pd.DataFrame) -> pd.DataFrame:
    """Rejected inputs grouped by reason (the reason's first clause), with one example path."""
    if rejections.empty:
        return pd.DataFrame(columns=["reason", "files", "example"])
    reason = rejections["reason"].str.replace(r"\s*\(.*$", "", regex=True).str.replace(r" of .*$", "", regex=True)
    out = rejections.assign(reason=reason).groupby("reason").agg(files=("path", "size"), example=("path", "first"))
    return out.reset_index().sort_values(["files", "reason"], ascending=[False, True]).reset_index(drop=True)



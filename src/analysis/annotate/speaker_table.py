"""The speakers table: the labelled sentences summed per document and speaker, and by side, source or period.

:func:`speakers_table` sums the sentences labelled by
:func:`analysis.annotate.speakers.annotate_speakers` per document and speaker;
:func:`aggregate_speakers` sums those by issuing side, source or period.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["aggregate_speakers", "speakers_table"]


def speakers_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Per document and speaker: sentences, tokens, share of the document's tokens, first sentence.

    Parameters
    ----------
    sentences : DataFrame
        At least doc_id, sent_id, speaker, speaker_side, n_tokens.

    Returns
    -------
    DataFrame
        doc_id, speaker, side, n_sentences, n_tokens, share, first_sent_id; sorted by
        doc_id, first_sent_id. Sentences without a speaker are left out.
    """
    columns = ["doc_id", "speaker", "side", "n_sentences", "n_tokens", "share", "first_sent_id"]
    if sentences.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "share" else "object") for c in columns})
    totals = sentences.groupby("doc_id", sort=False)["n_tokens"].sum()
    known = sentences[sentences["speaker"].notna()]
    grouped = known.groupby(["doc_id", "speaker"], sort=False, dropna=False).agg(
        side=("speaker_side", "first"), n_sentences=("sent_id", "size"), n_tokens=("n_tokens", "sum"),
        first_sent_id=("sent_id", "min")).reset_index()
    doc_tokens = grouped["doc_id"].map(totals).astype("float64")
    grouped["share"] = (grouped["n_tokens"] / doc_tokens.where(doc_tokens > 0)).fillna(0.0)
    grouped = grouped.sort_values(["doc_id", "first_sent_id"], kind="stable").reset_index(drop=True)
    grouped["n_sentences"] = grouped["n_sentences"].astype("int64")
    grouped["n_tokens"] = grouped["n_tokens"].astype("int64")
    return grouped[columns]


def _group_key(documents: pd.DataFrame, by: str) -> pd.Series:
    if by in ("year", "quarter", "month"):
        dates = pd.to_datetime(documents["date"], errors="coerce")
        if by == "year":
            return dates.dt.year.astype("Int64")
        return dates.dt.to_period("Q" if by == "quarter" else "M").astype("string")
    if by not in documents.columns:
        raise KeyError(f"documents has no column {by!r} (use side, source, year, quarter, month or a documents column)")
    return documents[by]


def aggregate_speakers(speakers: pd.DataFrame, documents: pd.DataFrame, *, by: str = "side") -> pd.DataFrame:
    """Sum the speakers table by a document attribute: issuing side, source, or period.

    Parameters
    ----------
    speakers : DataFrame
        The speakers table.
    documents : DataFrame
        The documents table (doc_id plus the ``by`` column, or ``date`` for periods).
    by : str
        ``side`` (the issuer's side), ``source``, ``year``, ``quarter``, ``month`` or
        any documents column.

    Returns
    -------
    DataFrame
        ``by``, speaker, speaker_side, n_documents, n_sentences, n_tokens, share (of
        the group's tokens), mean_share (mean per-document share over the documents
        of the group where the speaker speaks); sorted by ``by`` then n_tokens descending.
    """
    keys = pd.DataFrame({"doc_id": documents["doc_id"].to_numpy(), by: _group_key(documents, by).to_numpy()})
    table = speakers.rename(columns={"side": "speaker_side"}).merge(keys, on="doc_id", how="inner")
    grouped = table.groupby([by, "speaker", "speaker_side"], dropna=False, sort=True).agg(
        n_documents=("doc_id", "nunique"), n_sentences=("n_sentences", "sum"), n_tokens=("n_tokens", "sum"),
        mean_share=("share", "mean")).reset_index()
    group_tokens = grouped.groupby(by, dropna=False)["n_tokens"].transform("sum").astype("float64")
    grouped["share"] = (grouped["n_tokens"] / group_tokens.where(group_tokens > 0)).fillna(0.0)
    grouped = grouped.sort_values([by, "n_tokens", "speaker"], ascending=[True, False, True], kind="stable")
    return grouped[[by, "speaker", "speaker_side", "n_documents", "n_sentences", "n_tokens", "share", "mean_share"]].reset_index(drop=True)

"""The speakers table: each speaker's sentences, tokens and share of a document, and their sums by side or period.

:func:`speaker_shares` computes the table with pyarrow, as the build does;
:func:`speakers_table` is the same for a sentences DataFrame, and
:func:`aggregate_speakers` sums it by issuing side, source or period.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

__all__ = ["SHARE_COLUMNS", "speaker_shares", "speakers_table", "aggregate_speakers"]

#: The columns of the speakers table, in order.
SHARE_COLUMNS = ("doc_id", "speaker", "side", "n_sentences", "n_tokens", "share", "first_sent_id")


_INPUT = pa.schema([("doc_id", pa.string()), ("sent_id", pa.int32()), ("speaker", pa.string()),
                    ("speaker_side", pa.string()), ("n_tokens", pa.int64())])


def speaker_shares(sentences: pa.Table) -> pa.Table:
    """Per document and speaker: sentences, tokens, share of the document's tokens, first sentence.

    Parameters
    ----------
    sentences : pyarrow.Table
        At least doc_id, sent_id, speaker, speaker_side, n_tokens.

    Returns
    -------
    pyarrow.Table
        :data:`SHARE_COLUMNS` (``n_sentences`` and ``n_tokens`` int64, ``share`` float64), sorted by
        doc_id, first_sent_id; sentences without a speaker are left out. ``side`` is the first
        non-null ``speaker_side`` of the speaker's sentences; ``share`` is 0 in a document of no tokens.
    """
    sentences = sentences.select(_INPUT.names).cast(_INPUT)
    known = sentences.filter(pc.is_valid(sentences["speaker"]))
    grouped = known.group_by(["doc_id", "speaker"], use_threads=False).aggregate([
        ("speaker_side", "first"),
        ("sent_id", "count", pc.CountOptions(mode="all")),
        ("n_tokens", "sum"),
        ("sent_id", "min"),
    ])
    totals = sentences.group_by("doc_id", use_threads=False).aggregate([("n_tokens", "sum")])
    totals = pa.table({"doc_id": totals["doc_id"], "doc_total": totals["n_tokens_sum"]})
    grouped = grouped.join(totals, "doc_id", use_threads=False)
    n_tokens = pc.cast(grouped["n_tokens_sum"].fill_null(0), pa.int64())
    total = pc.cast(grouped["doc_total"], pa.float64())
    share = pc.if_else(pc.greater(total, 0), pc.divide(pc.cast(n_tokens, pa.float64()), total), 0.0)
    table = pa.table({
        "doc_id": grouped["doc_id"],
        "speaker": grouped["speaker"],
        "side": grouped["speaker_side_first"],
        "n_sentences": pc.cast(grouped["sent_id_count"], pa.int64()),
        "n_tokens": n_tokens,
        "share": share,
        "first_sent_id": grouped["sent_id_min"],
    })
    return table.sort_by([("doc_id", "ascending"), ("first_sent_id", "ascending")])


def speakers_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """:func:`speaker_shares` of a sentences DataFrame.

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
    table = pa.Table.from_pandas(sentences[_INPUT.names], schema=_INPUT, preserve_index=False)
    return speaker_shares(table).to_pandas()


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

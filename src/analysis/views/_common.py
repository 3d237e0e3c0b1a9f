"""What every view shares: filters, labels, and the "what more data would show" notes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from analysis.tables import Tables
from analysis.vocab import NARRATOR, side_name

# --- filters and labels ------------------------------------------------------------------------


def _doc_year(documents: pd.DataFrame) -> pd.Series:
    when = pd.to_datetime(documents["event_date"], errors="coerce")
    when = when.fillna(pd.to_datetime(documents["date"], errors="coerce"))
    return when.dt.year.astype("Int64")


def with_year(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with ``when`` (event date, else publication date) and ``year`` columns added."""
    out = documents.copy()
    when = pd.to_datetime(out["event_date"], errors="coerce").fillna(pd.to_datetime(out["date"], errors="coerce"))
    out["when"] = when
    out["year"] = when.dt.year.astype("Int64")
    return out


def filter_tables(
    tables: Tables,
    *,
    sides: Sequence[str] | str | None = None,
    sources: Sequence[str] | str | None = None,
    kinds: Sequence[str] | str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Tables:
    """Keep the documents matching every filter given, and their rows in the other tables.

    Parameters
    ----------
    sides, sources, kinds : str or list of str, optional
        Values of ``documents.side`` / ``source`` / ``kind`` to keep (``None``: all).
    start, end : str, optional
        ISO dates (inclusive) on the event date, else the publication date.
    """
    docs = with_year(tables.documents)
    keep = pd.Series(True, index=docs.index)
    for col, values in (("side", sides), ("source", sources), ("kind", kinds)):
        if values:
            values = [values] if isinstance(values, str) else list(values)
            keep &= docs[col].isin(values)
    if start:
        keep &= docs["when"] >= pd.Timestamp(start)
    if end:
        keep &= docs["when"] <= pd.Timestamp(end)
    if bool(keep.all()):
        return tables
    ids = set(docs.loc[keep, "doc_id"].astype(str))
    parts = {}
    for name, frame in tables:
        if name == "rejections" or "doc_id" not in frame:
            parts[name] = frame
        else:
            parts[name] = frame[frame["doc_id"].astype(str).isin(ids)].reset_index(drop=True)
    if hasattr(parts["tokens"]["doc_id"], "cat"):
        parts["tokens"]["doc_id"] = parts["tokens"]["doc_id"].cat.remove_unused_categories()
    return replace(tables, **parts)


def corpus_label(documents: pd.DataFrame) -> str:
    """The source line of every chart: the issuers and the dates covered ("White House (91), PRC MFA (1), 2021-2024")."""
    if documents.empty:
        return "no documents"
    counts = documents["source"].fillna("unknown source").value_counts()
    issuers = ", ".join(f"{name} ({n:,})" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    years = _doc_year(documents).dropna()
    span = "" if years.empty else (f", {years.min()}" if years.min() == years.max() else f", {years.min()}-{years.max()}")
    noun = "document" if len(documents) == 1 else "documents"
    return f"{len(documents):,} {noun}: {issuers}{span}"


def doc_labels(documents: pd.DataFrame, *, width: int = 48) -> pd.Series:
    """A short readable label per document (date, issuer, participants), indexed by ``doc_id``."""
    docs = with_year(documents)
    date = docs["when"].dt.strftime("%Y-%m-%d").fillna("undated")
    who = docs["participants"].map(lambda p: " / ".join(list(p)[:2]) if p is not None and len(p) else "")
    label = date + " " + docs["source"].fillna("") + (": " + who).where(who != "", "")
    label = label.map(lambda s: s if len(s) <= width else s[: width - 1] + "\u2026")
    return pd.Series(label.to_numpy(), index=docs["doc_id"].astype(str))


# --- "what more data would show" -------------------------------------------------------------


def more_data_note(tables: Tables, need: str) -> str | None:
    """A sentence saying what a chart would show with more data, or None when the data suffices.

    Parameters
    ----------
    need : {"documents", "years", "sides", "speakers", "events", "pairs", "rejections"}
        What the chart needs more than one of.
    """
    docs = with_year(tables.documents)
    n_docs = len(docs)
    if need == "documents" and n_docs < 2:
        return (f"Only {n_docs} document is loaded: distributions across documents (lengths, counts by source) need "
                "a corpus. Add readouts to data/raw/ (or `make run RAW=path`) to see how they vary.")
    if need == "years" and docs["year"].nunique() < 2:
        return ("All documents fall in one year, so there is no trend to draw. With readouts from several years this "
                "chart shows how the measure moves over time.")
    if need == "sides" and docs["side"].nunique() < 2:
        side = side_name(docs["side"].iloc[0]) if n_docs else "one side"
        return (f"All documents come from one side ({side}). Add the other side's readouts (for example the White "
                "House corpus: `python -m analysis fetch whitehouse`) to compare the two sides' language.")
    if need == "speakers":
        spk = tables.sentences.loc[~tables.sentences["speaker"].isin([NARRATOR]), "speaker"].dropna()
        if spk.nunique() < 2:
            return "Fewer than two speakers are attributed, so there is nothing to compare between speakers."
    if need == "events" and docs["when"].nunique() < 2:
        return ("One dated event only: a timeline needs several meetings or calls. With a corpus, this shows when "
                "contacts cluster.")
    if need == "rejections" and tables.rejections.empty:
        return "Every input file was read: there are no rejections."
    return None



"""Helpers the comparison modules share: reading one document's rows and normalising cell values.

Public names in a private module (as scikit-learn's ``decomposition/_nmf.py``):
the modules of :mod:`analysis.compare` import them from here; users do not need them.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd

__all__ = ["as_list", "as_date", "str_or_none", "doc_row", "rows_of", "doc_tokens"]



def as_list(value: object) -> list[str]:
    """A participants cell (list, tuple, numpy array, '; '-joined string or missing) as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    if isinstance(value, float) and math.isnan(value):
        return []
    try:
        return [str(v) for v in value if v is not None and str(v).strip()]  # type: ignore[union-attr]
    except TypeError:
        return []


def as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, Timestamp or ISO string; ``None`` when missing."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        ts = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        return None
    return None if ts is pd.NaT else ts.date()


def str_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value)
    return text if text else None


def doc_row(documents: pd.DataFrame, doc_id: str) -> pd.Series:
    rows = documents[documents["doc_id"].astype(str) == str(doc_id)]
    if rows.empty:
        raise KeyError(f"document {doc_id!r} is not in the documents table")
    return rows.iloc[0]


def rows_of(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    if frame is None or frame.empty:
        return frame if frame is not None else pd.DataFrame()
    return frame[frame["doc_id"].astype(str) == str(doc_id)]



def doc_tokens(doc: pd.Series, sentences: pd.DataFrame) -> int:
    n = doc.get("n_tokens")
    if n is not None and not pd.isna(n) and int(n) > 0:
        return int(n)
    return int(sentences["n_tokens"].sum()) if not sentences.empty else 0

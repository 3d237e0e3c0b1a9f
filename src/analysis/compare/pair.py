"""One pair of accounts compared in full: every part of the comparison in one dict.

:func:`compare_pair` calls the functions of :mod:`analysis.compare.accounts`
and :mod:`analysis.compare.statements` on two documents of the same tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from analysis.compare._common import doc_row
from analysis.compare.accounts import account_summary, marker_rates, topic_matrix, topic_order, topic_passages
from analysis.compare.statements import CHARACTERISATIONS, attributed_statements, characterisations

__all__ = ["compare_pair"]



def compare_pair(
    tables: Any,
    doc_a: str,
    doc_b: str,
    *,
    min_shared: int = 2,
    include_negated: bool = False,
    characterisation_words: Sequence[str] = CHARACTERISATIONS,
) -> dict[str, pd.DataFrame]:
    """Line up two accounts of one meeting.

    Parameters
    ----------
    tables : analysis.tables.Tables
        The built tables (``analysis.load_tables("data/processed")``); only
        ``documents``, ``sentences``, ``topics`` and ``markers`` are read, so
        ``load_tables(folder, tables=("documents", "sentences", "topics",
        "markers"))`` is enough.
    doc_a, doc_b : str
        The two documents' ``doc_id`` (for example a row of
        :func:`pair_documents`).
    min_shared : int, keyword-only
        Content words a statement and its counterpart must share (see
        :func:`attributed_statements`).
    include_negated : bool, keyword-only
        Count markers under negation ("will not seek a new Cold War") in the
        rates (default: only asserted ones; negated ones are counted apart).
    characterisation_words : sequence of str, keyword-only
        The words looked for by :func:`characterisations`.

    Returns
    -------
    dict of str to DataFrame
        ``summary`` (:func:`account_summary`), ``speakers`` (each speaker's
        share, long form), ``topics`` (the omission matrix,
        :func:`topic_matrix`), ``order`` (:func:`topic_order`),
        ``order_stats`` (one row: shared topics, Spearman and Kendall with
        p-values), ``passages`` (what each account says on each topic, side
        by side: :func:`topic_passages`), ``markers`` (:func:`marker_rates`), ``attributed``
        (:func:`attributed_statements`) and ``characterisations``
        (:func:`characterisations`).

    Raises
    ------
    KeyError
        When either document is not in ``tables.documents``.
    """
    for doc in (doc_a, doc_b):
        doc_row(tables.documents, doc)
    summary, speakers = account_summary(tables, doc_a, doc_b)
    topics = topic_matrix(tables, doc_a, doc_b)
    order, order_stats = topic_order(topics)
    return {
        "summary": summary,
        "speakers": speakers,
        "topics": topics,
        "order": order,
        "order_stats": order_stats,
        "passages": topic_passages(tables, doc_a, doc_b, topics=topics),
        "markers": marker_rates(tables, doc_a, doc_b, include_negated=include_negated),
        "attributed": attributed_statements(tables, doc_a, doc_b, min_shared=min_shared),
        "characterisations": characterisations(tables, doc_a, doc_b, words=characterisation_words),
    }

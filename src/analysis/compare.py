"""Comparing accounts: two readouts of one meeting, side by side.

Governments publish their own account of the same meeting or call. This module
finds those pairs in a corpus and lines the two accounts up: how long each is
and how much of it each principal gets, which topics one raises and the other
leaves out (the omission matrix), the order in which each raises them, how
hard the language is (rhetoric marker rates), what each account puts in the
other side's mouth and whether the other account says so too, and how each
characterises the meeting ("candid", "constructive", "in-depth").

Side against side over time (China against the United States in the UN
General Debate, year by year) lives in :mod:`analysis.compare_time`; its main
function is re-exported here as :func:`compare_sides`.

This module is the entry point; the work is done in :mod:`analysis.compare_pairs`
(pairing and the pairs file), :mod:`analysis.compare_accounts` (shares,
omission matrix, passages, topic order, marker rates),
:mod:`analysis.compare_statements` (attributed statements,
characterisations), :mod:`analysis.compare_transcripts` (transcripts split by
speaker) and :mod:`analysis.compare_time`. Everything public is importable
from here.

Getting the tables
------------------
Every function takes the built tables, in one line::

    tables = analysis.load_tables("data/processed")     # after `python -m analysis build`

or, in memory, ``tables = analysis.build_tables(["data/raw"])``.

Typical use
-----------
::

    from analysis import compare
    pairs = compare.pair_documents(tables.documents)           # the pairs table
    result = compare.compare_pair(tables, pairs.doc_a[0], pairs.doc_b[0])
    result["topics"]        # the omission matrix
    result["attributed"]    # what each account attributes to the other side

    # a real pair from the White House corpus: the leaders' remarks before a meeting
    accounts = compare.split_transcript(tables, doc_id)       # two accounts, one per speaker
    a, b = accounts.documents.doc_id
    result = compare.compare_pair(accounts, a, b)

    # what notebook 06 does: the seed with the U.S. account when both are in data/raw,
    # otherwise the latest Biden-Xi "remarks before meeting" transcript split by speaker
    wh = analysis.build_tables(sorted(config.WHITEHOUSE_CORPUS.glob(
        "*/*/*remarks-by-president-biden-and-president-xi*")))
    choice = compare.example_pair(tables, wh)                  # PairChoice or None
    result = compare.compare_pair(choice.tables, choice.doc_a, choice.doc_b)

    # China against the United States in the UN General Debate, year by year
    sides = compare.compare_sides(tables, a="CN", b="US", source="UN General Debate", start=1971)
    sides["divergence"]     # one row per year: jsd, jsd_null, jsd_excess

Conventions
-----------
*Accounts* are called ``a`` and ``b`` in column names (``rank_a``,
``rate_b``...), whatever their sides, so the frames have the same columns for
every pair; the ``summary`` frame says which document and side each is.
Automatic pairs put the account whose ``side`` sorts first in ``a`` (``CN``
before ``US``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, NamedTuple

import pandas as pd

from analysis import config
from analysis.compare_accounts import (
    MARKER_CATEGORIES,
    _doc_row,
    account_summary,
    marker_rates,
    topic_matrix,
    topic_order,
    topic_passages,
)
from analysis.compare_pairs import DEFAULT_PAIRS_FILE, PAIRS_COLUMNS, PairsFile, pair_documents, read_pairs_file
from analysis.compare_statements import CHARACTERISATIONS, attributed_statements, characterisations
from analysis.compare_time import compare_sides, js_divergence
from analysis.compare_transcripts import find_transcripts, split_transcript, transcript_turns

__all__ = [
    "CHARACTERISATIONS",
    "MARKER_CATEGORIES",
    "DEFAULT_PAIRS_FILE",
    "PAIRS_COLUMNS",
    "PairsFile",
    "read_pairs_file",
    "pair_documents",
    "compare_pair",
    "account_summary",
    "topic_matrix",
    "topic_order",
    "topic_passages",
    "marker_rates",
    "attributed_statements",
    "characterisations",
    "split_transcript",
    "transcript_turns",
    "find_transcripts",
    "example_pair",
    "PairChoice",
    "compare_sides",
    "js_divergence",
]

# --- comparing one pair ------------------------------------------------------------------------


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
    tables : analysis.tables_io.Tables
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
        _doc_row(tables.documents, doc)
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



class PairChoice(NamedTuple):
    """A pair of accounts to show, with the tables that hold them (see :func:`example_pair`)."""

    tables: Any
    doc_a: str
    doc_b: str
    description: str


def example_pair(*candidates: Any, pairs_file: str | os.PathLike | None | bool = None) -> PairChoice | None:
    """A pair of accounts of one meeting to show: paired readouts if any, else a leaders' transcript split by speaker.

    Each tables object is tried in turn: first its readout pairs
    (:func:`pair_documents`; a pair holding the seed readout is preferred,
    then the latest), then its transcripts with speaker turns of two sides
    (:func:`find_transcripts`; the latest), split with
    :func:`split_transcript`.

    Parameters
    ----------
    *candidates : Tables
        Built tables, in order of preference (e.g. the project's
        ``data/processed``, then the White House "Remarks by President Biden
        and President Xi ... before meeting" transcripts built in memory).
    pairs_file : path, None or False, keyword-only
        As in :func:`pair_documents`.

    Returns
    -------
    PairChoice or None
        ``(tables, doc_a, doc_b, description)``, ready for
        ``compare_pair(choice.tables, choice.doc_a, choice.doc_b)``; ``None``
        when no candidate holds a pair.
    """
    for tables in candidates:
        if tables is None or tables.documents.empty:
            continue
        pairs = pair_documents(tables.documents, pairs_file=pairs_file)
        if not pairs.empty:
            paths = tables.documents.set_index(tables.documents["doc_id"].astype(str))["path"].astype(str)
            seeded = pairs[[paths.get(a, "").endswith(config.SEED.name) or paths.get(b, "").endswith(config.SEED.name)
                            for a, b in zip(pairs["doc_a"], pairs["doc_b"])]]
            row = (seeded if not seeded.empty else pairs).iloc[-1]
            return PairChoice(tables, row["doc_a"], row["doc_b"],
                              f"readouts of one meeting ({row['source_a']} / {row['source_b']}, {row['event_date']}; {row['how']})")
        found = find_transcripts(tables)
        if not found.empty:
            doc_id = found.iloc[-1]["doc_id"]
            accounts = split_transcript(tables, doc_id)
            docs = accounts.documents.sort_values("side", kind="stable")
            title = found.iloc[-1]["title"]
            return PairChoice(accounts, docs["doc_id"].iloc[0], docs["doc_id"].iloc[1],
                              f"one transcript split by speaker: {title}")
    return None

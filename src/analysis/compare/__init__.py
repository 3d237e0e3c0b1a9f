"""Comparing accounts: two readouts of one meeting, side by side.

Governments publish their own account of the same meeting or call. This module
finds those pairs in a corpus and lines the two accounts up: how long each is
and how much of it each principal gets, which topics one raises and the other
leaves out (the omission matrix), the order in which each raises them, how
hard the language is (rhetoric marker rates), what each account puts in the
other side's mouth and whether the other account says so too, and how each
characterises the meeting ("candid", "constructive", "in-depth").

Side against side over time (China against the United States in the UN
General Debate, year by year) lives in :mod:`analysis.compare.over_time`; its main
function is re-exported here as :func:`compare_sides`.

This package's ``__init__`` lists what it offers; the work is done in
:mod:`analysis.compare.pairs` (pairing and the pairs file), :mod:`analysis.compare.pair`
(:func:`compare_pair`: one pair in full), :mod:`analysis.compare.accounts` (shares,
omission matrix, passages, topic order, marker rates),
:mod:`analysis.compare.statements` (attributed statements,
characterisations), :mod:`analysis.compare.transcripts` (transcripts split by
speaker) and :mod:`analysis.compare.over_time`. Everything public is importable
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

from analysis.compare.accounts import account_summary, marker_rates, topic_matrix, topic_order, topic_passages
from analysis.compare.over_time import compare_sides, js_divergence
from analysis.compare.pair import compare_pair
from analysis.compare.pairs import DEFAULT_PAIRS_FILE, PAIR_KINDS, PAIRS_COLUMNS, PairsFile, pair_documents, read_pairs_file
from analysis.compare.statements import CHARACTERISATIONS, attributed_statements, characterisations
from analysis.compare.transcripts import find_transcripts, split_transcript, transcript_turns
from analysis.vocab import MARKER_CATEGORIES

__all__ = [
    "CHARACTERISATIONS",
    "MARKER_CATEGORIES",
    "DEFAULT_PAIRS_FILE",
    "PAIRS_COLUMNS",
    "PAIR_KINDS",
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
    "compare_sides",
    "js_divergence",
]

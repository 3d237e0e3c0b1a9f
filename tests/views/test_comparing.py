"""Tests of analysis.views.comparing: choosing the pair of accounts to compare."""

from __future__ import annotations

from tests.compare.conftest import CN_ACCOUNT, TRANSCRIPT, US_ACCOUNT, make_tables

from analysis import compare, views


def test_choose_pair_prefers_readouts_then_says_what_is_missing(pair_tables):
    pairs = compare.pair_documents(pair_tables.documents, pairs_file=False)
    choice = views.choose_pair(pair_tables, pairs)
    assert (choice.doc_a, choice.doc_b) == (CN_ACCOUNT["doc_id"], US_ACCOUNT["doc_id"])
    assert choice.description.startswith("1 pair(s) of accounts of the same event")
    transcript = make_tables([TRANSCRIPT])
    found = compare.find_transcripts(transcript)
    assert found["doc_id"].tolist() == [TRANSCRIPT["doc_id"]] and found.loc[0, "sides"] == ["CN", "US"]
    alone = make_tables([CN_ACCOUNT])
    none = views.choose_pair(alone, compare.pair_documents(alone.documents, pairs_file=False))
    assert none.tables is None and none.description.startswith("No pair of accounts is available")


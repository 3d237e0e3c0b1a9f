"""Tests of analysis.compare.statements: attributed statements matched across accounts, characterisations of a meeting."""

from __future__ import annotations

import pandas as pd
from tests.compare.conftest import BLINKEN, CN_ACCOUNT, US_ACCOUNT, WANG, make_tables

from analysis import compare


def test_attributed_statement_matched(result):
    att = result["attributed"]
    assert len(att) == 2
    cn = att[att["account"] == "a"].iloc[0]  # China's account puts the one-China commitment in Blinken's mouth
    assert cn["speaker"] == BLINKEN and cn["sent_id"] == 3
    assert bool(cn["matched"]) and cn["other_sent_id"] == 2
    assert cn["other_text"].startswith("Secretary Blinken reiterated")
    assert cn["shared_topics"] == "taiwan"
    assert cn["shared_words"] == "commit; onechina; polici"  # "one-China" meets "one China"
    us = att[att["account"] == "b"].iloc[0]  # the U.S. account's "Wang Yi raised Taiwan": too thin to match
    assert us["speaker"] == WANG and not bool(us["matched"]) and pd.isna(us["other_sent_id"])


def test_attributed_needs_topic_and_words(pair_tables):
    att = compare.attributed_statements(pair_tables, CN_ACCOUNT["doc_id"], US_ACCOUNT["doc_id"], min_shared=4)
    assert not att["matched"].any()


def test_characterisations(result):
    c = result["characterisations"]
    assert c[["account", "word", "in_other"]].values.tolist() == [
        ["a", "candid", True], ["a", "constructive", False], ["b", "candid", True]]
    assert c["sent_id"].tolist() == [4, 4, 5]


def test_characterisation_needs_a_meeting_word():
    doc = {"doc_id": "x", "source": "s", "side": "US", "paragraphs": [[("narrator", None,
           "They support open markets and direct investment. They had a frank, in depth exchange.")]]}
    t = make_tables([doc, {**doc, "doc_id": "y", "side": "CN"}])
    c = compare.characterisations(t, "x", "y")
    assert c.loc[c["account"] == "a", "word"].tolist() == ["frank", "in-depth"]

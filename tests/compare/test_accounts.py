"""Tests of analysis.compare.accounts: shares, the omission matrix, topic order and passages, marker rates of a pair."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from tests.compare.conftest import BLINKEN, WANG, make_tables

from analysis import compare


def test_summary_shares(result, pair_tables):
    s = result["summary"].set_index("account")
    # tokens by TOKEN_RE: CN 16 narrator, 12 + 13 Wang Yi, 12 Blinken, 12 both; US 11 narrator, 9 + 14 + 9 Blinken, 6 Wang, 7 both
    assert s.loc["a", "tokens"] == 65 and s.loc["b", "tokens"] == 56
    assert s.loc["a", "own_share"] == pytest.approx(25 / 65)
    assert s.loc["a", "other_share"] == pytest.approx(12 / 65)
    assert s.loc["a", "joint_share"] == pytest.approx(12 / 65)
    assert s.loc["a", "narrator_share"] == pytest.approx(16 / 65)
    assert s.loc["b", "own_share"] == pytest.approx(32 / 56)
    assert s.loc["b", "share: Wang Yi"] == pytest.approx(6 / 56)
    assert s.loc["a", "share: Antony Blinken"] == pytest.approx(12 / 65)
    assert list(s["side"]) == ["CN", "US"] and list(s["source"]) == ["PRC MFA", "US State Dept"]
    sp = result["speakers"]
    assert sp.groupby("account")["share"].sum().round(12).tolist() == [1.0, 1.0]


def test_omission_matrix(result):
    t = result["topics"].set_index("topic")
    assert set(t.index) == {"taiwan", "sanctions", "climate_change", "xinjiang"}
    assert t.loc["sanctions", "status"] == "only a"  # the U.S. account omits sanctions
    assert t.loc["xinjiang", "status"] == "only b"  # China's omits Xinjiang
    assert t.loc["taiwan", "status"] == t.loc["climate_change", "status"] == "both"
    assert t["rank_a"].dropna().to_dict() == {"taiwan": 1, "sanctions": 2, "climate_change": 3}
    assert t["rank_b"].dropna().to_dict() == {"xinjiang": 1, "taiwan": 2, "climate_change": 3}
    assert t.loc["taiwan", "sentences_a"] == 2 and t.loc["taiwan", "sentences_b"] == 2
    assert t.loc["taiwan", "first_speaker_a"] == WANG and t.loc["taiwan", "first_speaker_b"] == BLINKEN
    assert t.loc["sanctions", "share_a"] == pytest.approx(13 / 65)
    assert pd.isna(t.loc["sanctions", "rank_b"]) and not t.loc["sanctions", "in_b"]


def test_topic_order(result):
    order, st = result["order"], result["order_stats"]
    assert order["topic"].tolist() == ["taiwan", "climate_change"]
    assert order["rank_a"].tolist() == [1, 2] and order["rank_b"].tolist() == [1, 2]
    assert st.loc[0, "n_shared"] == 2 and st.loc[0, "spearman"] == pytest.approx(1.0)
    assert np.isnan(st.loc[0, "spearman_p"])


def test_rank_correlation_against_scipy():
    ranks_a = [1, 2, 3, 4, 5, None]
    ranks_b = [2, 1, 5, 3, 4, 1]
    topics = pd.DataFrame({
        "topic": list("uvwxyz"), "in_a": [r is not None for r in ranks_a], "in_b": True,
        "rank_a": pd.array(ranks_a, dtype="Int64"), "rank_b": pd.array(ranks_b, dtype="Int64"),
    })
    order, st = compare.topic_order(topics)
    assert order["topic"].tolist() == list("uvwxy")
    assert order["rank_b"].tolist() == [2, 1, 5, 3, 4]
    assert st.loc[0, "spearman"] == pytest.approx(stats.spearmanr([1, 2, 3, 4, 5], [2, 1, 5, 3, 4]).statistic)
    assert st.loc[0, "kendall"] == pytest.approx(stats.kendalltau([1, 2, 3, 4, 5], [2, 1, 5, 3, 4]).statistic)
    reverse = topics.assign(rank_b=pd.array([5, 4, 3, 2, 1, None], dtype="Int64"), in_b=[True] * 5 + [False])
    _, st = compare.topic_order(reverse)
    assert st.loc[0, "spearman"] == pytest.approx(-1.0) and st.loc[0, "kendall"] == pytest.approx(-1.0)


def test_marker_rates(result):
    m = result["markers"].set_index("category")
    assert list(m.index[: len(compare.MARKER_CATEGORIES)]) == list(compare.MARKER_CATEGORIES)
    assert m.loc["positive_evaluation", "count_a"] == 2 and m.loc["positive_evaluation", "count_b"] == 1
    assert m.loc["positive_evaluation", "rate_a"] == pytest.approx(2000 / 65)
    assert m.loc["opposition", "rate_b"] == pytest.approx(1000 / 56)
    assert m.loc["directive", "count_b"] == 0 and m.loc["hedge", "rate_a"] == 0
    assert m.loc["commitment", "diff"] == pytest.approx(1000 / 65 - 1000 / 56)


def test_negated_markers_counted_apart():
    doc = {"doc_id": "x", "source": "s", "side": "US", "paragraphs": [[
           ("narrator", None, "We will not seek a new Cold War."), ("narrator", None, "A Cold War is coming.")]]}
    other = {**doc, "doc_id": "y", "side": "CN"}
    t = make_tables([doc, other])
    m = compare.marker_rates(t, "x", "y").set_index("category")
    assert m.loc["confrontational_frame", "count_a"] == 1 and m.loc["confrontational_frame", "negated_a"] == 1
    m = compare.marker_rates(t, "x", "y", include_negated=True).set_index("category")
    assert m.loc["confrontational_frame", "count_a"] == 2


def test_topic_passages(result):
    p = result["passages"].set_index("topic")
    assert list(p.index) == result["topics"]["topic"].tolist()
    assert p.loc["sanctions", "text_b"] == "" and p.loc["sanctions", "text_a"].startswith("He urged the United States")
    assert p.loc["taiwan", "text_a"] == (
        "Wang Yi said that China firmly opposes U.S. arms sales to Taiwan. … "
        "Blinken said that the United States remains committed to the one-China policy.")
    assert p.loc["taiwan", "speakers_a"] == "Wang Yi; Antony Blinken"
    assert p.loc["taiwan", "speakers_b"] == "Antony Blinken; Wang Yi"

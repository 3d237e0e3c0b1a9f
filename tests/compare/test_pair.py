"""Tests of analysis.compare.pair: compare_pair on the synthetic pair, on edge cases, and on the seed with a U.S. account."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import SEED
from tests.compare.conftest import BLINKEN, US_ACCOUNT, WANG, D, make_tables

from analysis import compare


def test_compare_pair_keys_and_unknown_doc(pair_tables, result):
    assert {"summary", "topics", "markers", "attributed", "order", "characterisations"} <= set(result)
    assert all(isinstance(v, pd.DataFrame) for v in result.values())
    with pytest.raises(KeyError, match="nope"):
        compare.compare_pair(pair_tables, "nope", US_ACCOUNT["doc_id"])


def test_pair_without_topics_or_markers():
    a = {"doc_id": "x", "source": "s", "side": "CN", "paragraphs": [[("narrator", None, "Nothing tagged here.")]]}
    t = make_tables([a, {**a, "doc_id": "y", "side": "US"}])
    res = compare.compare_pair(t, "x", "y")
    assert res["topics"].empty and list(res["topics"].columns)[:3] == ["topic", "in_a", "in_b"]
    assert res["order_stats"].loc[0, "n_shared"] == 0 and np.isnan(res["order_stats"].loc[0, "spearman"])
    assert (res["markers"][["count_a", "count_b"]] == 0).all().all()
    assert res["attributed"].empty and res["characterisations"].empty
    assert res["summary"]["narrator_share"].tolist() == [1.0, 1.0]


# --- real documents (../shared) ----------------------------------------------------------------


#: Written for this test (not a real State Department text): a U.S.-style account of the seed's
#: meeting, Wang Yi and Antony Blinken in Rome on 31 October 2021, in the State Department's style.
US_ACCOUNT_OF_SEED = """\
 date 2021-10-31 Secretary of State Antony J. Blinken met with PRC State Councilor and Foreign Minister Wang Yi today in Rome, on the margins of the G20 Summit.

Secretary Blinken and State Councilor Wang discussed the importance of maintaining open lines of communication to responsibly manage competition between the United States and the PRC.

Secretary Blinken reiterated that the United States remains committed to our one China policy. He raised concerns about the PRC's provocative military activity across the Taiwan Strait and underscored the importance of peace and stability.

The Secretary also raised concerns about human rights in Xinjiang, Tibet, and Hong Kong.

The Secretary and the State Councilor discussed climate change, the Iranian nuclear program, the DPRK, Burma, and Afghanistan, and areas where the United States and the PRC can cooperate.
"""


@pytest.fixture(scope="module")
def seed_pair_tables(tmp_path_factory):
    if not SEED.exists():
        pytest.skip(f"seed readout not present at {SEED}")
    from analysis import build_tables

    folder = tmp_path_factory.mktemp("us_account")
    (folder / "us_state_2021-10-31_blinken_wang.txt").write_text(US_ACCOUNT_OF_SEED, encoding="utf-8")
    (folder / "sources.csv").write_text(
        "path,source,side,kind\nus_state_2021-10-31_blinken_wang.txt,US State Dept,US,readout\n", encoding="utf-8")
    return build_tables([SEED, folder])


def test_seed_pairs_with_a_us_account(seed_pair_tables):
    t = seed_pair_tables
    pairs = compare.pair_documents(t.documents, pairs_file=False)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row.side_a, row.side_b, row.how, row.event_date) == ("CN", "US", "auto", D(2021, 10, 31))
    assert set(row.participants) == {WANG, BLINKEN}
    res = compare.compare_pair(t, row.doc_a, row.doc_b)
    att = res["attributed"]
    one_china = att[att["text"].str.startswith("Blinken reiterated that the United States will continue to adhere")]
    assert len(one_china) == 1 and bool(one_china["matched"].iloc[0])
    assert "one China policy" in one_china["other_text"].iloc[0]
    assert "taiwan" in one_china["shared_topics"].iloc[0] and "onechina" in one_china["shared_words"].iloc[0]
    # "He said the two sides should develop bilateral relations in the spirit of mutual respect": not in the U.S. text
    respect = att[att["text"].str.contains("mutual respect")]
    assert len(respect) == 1 and not bool(respect["matched"].iloc[0])
    topics = res["topics"].set_index("topic")["status"]
    assert topics["xinjiang"] == topics["hong_kong"] == "only b"  # China's readout leaves them out
    assert topics["sanctions"] == "only a"  # the U.S. account leaves out China's complaint
    assert topics["taiwan"] == "both"
    summary = res["summary"].set_index("account")
    assert summary.loc["a", "share: Wang Yi"] > 0.8 and summary.loc["a", "share: Antony Blinken"] < 0.1
    assert summary.loc["b", "share: Wang Yi"] == 0  # the U.S. account gives Wang Yi no words
    assert res["order_stats"].loc[0, "n_shared"] >= 5
    m = res["markers"].set_index("category")
    assert m.loc["directive", "rate_a"] > m.loc["directive", "rate_b"]

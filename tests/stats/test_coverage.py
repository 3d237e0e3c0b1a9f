"""Coverage helpers on small hand-built tables (columns as in DESIGN.md)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.stats.coverage import marker_rates, sentence_tone, topic_coverage, topic_order, topic_presence
from analysis.vocab import TONE_WEIGHTS


@pytest.fixture()
def documents():
    return pd.DataFrame(
        {
            "doc_id": ["cn1", "us1"],
            "source": ["PRC MFA", "White House"],
            "side": ["CN", "US"],
            "kind": ["readout", "readout"],
            "title": ["a", "b"],
            "date": [dt.date(2021, 11, 1), dt.date(2022, 3, 18)],
            "event_date": [dt.date(2021, 10, 31), None],
        }
    )


@pytest.fixture()
def sentences():
    rows = [
        # doc, sent, speaker, side, n_tokens
        ("cn1", 0, "narrator", None, 10),
        ("cn1", 1, "Wang Yi", "CN", 20),
        ("cn1", 2, "Wang Yi", "CN", 30),
        ("cn1", 3, "Antony Blinken", "US", 40),
        ("us1", 0, "narrator", None, 5),
        ("us1", 1, "Joe Biden", "US", 15),
        ("us1", 2, "Joe Biden", "US", 25),
        ("us1", 3, "both sides", None, 5),
    ]
    frame = pd.DataFrame(rows, columns=["doc_id", "sent_id", "speaker", "speaker_side", "n_tokens"])
    frame["para_id"] = 0
    frame["start"] = frame["sent_id"] * 100
    frame["end"] = frame["start"] + 90
    frame["text"] = "x"
    frame["attribution"] = "explicit"
    frame["reporting_verb"] = None
    return frame


@pytest.fixture()
def topics():
    rows = [
        ("cn1", 1, "bilateral_relations", "bilateral relations", 110, 129),
        ("cn1", 2, "taiwan", "Taiwan", 205, 211),
        ("cn1", 2, "taiwan", "Taiwan Strait", 220, 233),  # twice in one sentence: counts once
        ("cn1", 2, "bilateral_relations", "ties", 240, 244),
        ("cn1", 3, "taiwan", "one-China policy", 330, 346),
        ("us1", 1, "ukraine_russia", "Russia", 120, 126),
        ("us1", 2, "taiwan", "Taiwan", 210, 216),
        ("us1", 2, "ukraine_russia", "Ukraine", 200, 207),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "topic", "term", "start", "end"])


@pytest.fixture()
def markers():
    rows = [
        ("cn1", 1, "directive", "urge", "urge", 100, 104, "United States", False),
        ("cn1", 1, "booster", "firmly", "firmly", 105, 111, None, False),
        ("cn1", 1, "opposition", "oppose", "oppose", 112, 118, None, False),
        ("cn1", 2, "confrontational_frame", "new Cold War", "new Cold War", 200, 212, None, True),
        ("cn1", 3, "cooperative_frame", "dialogue", "dialogue", 300, 308, None, False),
        ("us1", 1, "positive_evaluation", "candid", "candid", 100, 106, None, False),
        ("us1", 2, "opposition", "oppose", "opposes", 200, 207, None, False),
    ]
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "category", "marker", "text", "start", "end", "target", "negated"])


def row(frame, **where):
    sel = frame
    for k, v in where.items():
        sel = sel[sel[k] == v]
    assert len(sel) == 1, where
    return sel.iloc[0]


def test_topic_coverage_by_document(sentences, topics):
    cov = topic_coverage(sentences, topics)
    taiwan = row(cov, doc_id="cn1", topic="taiwan")
    assert taiwan["n_sentences"] == 2  # sentences 2 and 3; the double match in 2 counts once
    assert taiwan["share_sentences"] == pytest.approx(2 / 4)
    assert taiwan["share_tokens"] == pytest.approx((30 + 40) / 100)
    bil = row(cov, doc_id="cn1", topic="bilateral_relations")
    assert bil["n_tokens"] == 50 and bil["group_tokens"] == 100
    assert set(cov.loc[cov["doc_id"] == "us1", "topic"]) == {"ukraine_russia", "taiwan"}


def test_topic_coverage_by_speaker_side_drops_narration_on_request(sentences, topics):
    cov = topic_coverage(sentences, topics, by="speaker_side", dropna=True)
    assert set(cov["speaker_side"]) == {"CN", "US"}
    us_taiwan = row(cov, speaker_side="US", topic="taiwan")
    assert us_taiwan["n_sentences"] == 2 and us_taiwan["group_sentences"] == 3
    assert us_taiwan["share_tokens"] == pytest.approx((40 + 25) / (40 + 15 + 25))


def test_topic_coverage_by_document_side_needs_documents(sentences, topics, documents):
    with pytest.raises(KeyError, match="documents="):
        topic_coverage(sentences, topics, by="side")
    cov = topic_coverage(sentences, topics, by="side", documents=documents)
    assert row(cov, side="US", topic="ukraine_russia")["share_sentences"] == pytest.approx(2 / 4)


def test_topic_presence(topics, documents):
    pres = topic_presence(topics, documents, topic_ids=["taiwan", "ukraine_russia", "tibet"])
    assert pres.loc["cn1"].tolist() == [True, False, False]
    assert pres.loc["us1"].tolist() == [True, True, False]


def test_topic_order_per_side(sentences, topics):
    order = topic_order(sentences, topics)
    cn = order[(order["doc_id"] == "cn1") & (order["speaker_side"] == "CN")]
    assert cn["topic"].tolist() == ["bilateral_relations", "taiwan"]
    assert cn["order"].tolist() == [1, 2]
    us_in_cn = order[(order["doc_id"] == "cn1") & (order["speaker_side"] == "US")]
    assert us_in_cn["topic"].tolist() == ["taiwan"] and us_in_cn["first_sent_id"].tolist() == [3]
    us = order[order["doc_id"] == "us1"]
    # same sentence: the earlier match ("Ukraine" at 200) comes first
    assert us["topic"].tolist() == ["ukraine_russia", "taiwan"]
    assert us["first_start"].tolist() == [120, 210]


def test_topic_order_by_issuing_side(sentences, topics, documents):
    order = topic_order(sentences, topics, by="side", documents=documents)
    assert row(order, doc_id="cn1", topic="taiwan")["order"] == 2
    assert set(order["side"]) == {"CN", "US"}


def test_marker_rates_by_speaker_fill_zeros(sentences, markers):
    rates = marker_rates(sentences, markers, by="speaker")
    wang = rates[rates["speaker"] == "Wang Yi"]
    assert set(wang["category"]) == set(markers["category"])  # every category, zero when absent
    assert row(wang, category="directive")["rate"] == pytest.approx(1000 * 1 / 50)
    assert row(wang, category="positive_evaluation")["n_markers"] == 0
    assert row(rates, speaker="Joe Biden", category="opposition")["rate"] == pytest.approx(1000 / 40)


def test_marker_rates_negation_filter(sentences, markers):
    rates = marker_rates(sentences, markers, by="speaker_side", negated="exclude", dropna=True)
    assert row(rates, speaker_side="CN", category="confrontational_frame")["n_markers"] == 0
    only = marker_rates(sentences, markers, by="speaker_side", negated="only", dropna=True)
    assert only["n_markers"].sum() == 1
    with pytest.raises(ValueError):
        marker_rates(sentences, markers, negated="maybe")


def test_marker_rates_by_year_uses_event_date_then_date(sentences, markers, documents):
    rates = marker_rates(sentences, markers, by="year", documents=documents, categories=["opposition"])
    assert rates["year"].tolist() == [2021, 2022]
    assert rates["n_tokens"].tolist() == [100, 50]
    assert rates["rate"].tolist() == pytest.approx([10.0, 20.0])


def test_sentence_tone(sentences, markers):
    tone = sentence_tone(sentences, markers)
    assert len(tone) == len(sentences)
    cn1 = tone[tone["doc_id"] == "cn1"].set_index("sent_id")
    # directive (-0.5) + opposition (-1), boosted once by "firmly": (1 + 0.25) * -1.5
    assert cn1.loc[1, "tone"] == pytest.approx(-1.875)
    assert cn1.loc[1, "n_boosters"] == 1
    # "avoid a new Cold War": a negated confrontational frame counts as conciliatory
    assert cn1.loc[2, "tone"] == pytest.approx(-TONE_WEIGHTS["confrontational_frame"])
    assert cn1.loc[0, "tone"] == 0 and cn1.loc[0, "n_markers"] == 0
    assert (tone["hard"] <= 0).all() and (tone["soft"] >= 0).all()
    custom = sentence_tone(sentences, markers, weights={"opposition": -3.0}, booster_gain=0.0)
    assert custom.set_index(["doc_id", "sent_id"]).loc[("us1", 2), "tone"] == pytest.approx(-3.0)


def test_coverage_on_seed_build(seed_tables_or_skip):
    tables = seed_tables_or_skip
    cov = topic_coverage(tables.sentences, tables.topics)
    assert (cov["share_sentences"] > 0).all() and (cov["share_sentences"] <= 1).all()
    assert "taiwan" in set(cov["topic"])
    tone = sentence_tone(tables.sentences, tables.markers)
    assert tone["tone"].lt(0).any() and tone["tone"].gt(0).any()


@pytest.fixture()
def seed_tables_or_skip():
    """The seed built by the lead's pipeline, when it can already run end to end."""
    try:
        from analysis import build_tables, config

        tables = build_tables([config.SEED])
    except Exception as exc:  # noqa: BLE001 - the pipeline is integrated by another engineer
        pytest.skip(f"build_tables cannot run yet ({type(exc).__name__}: {exc})")
    if len(tables.topics) == 0:
        pytest.skip("the build does not tag topics yet")
    return tables

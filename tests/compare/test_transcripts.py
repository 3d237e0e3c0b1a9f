"""Tests of analysis.compare.transcripts: transcripts split by speaker into two accounts (synthetic, then the White House's)."""

from __future__ import annotations

import pytest
from conftest import WH, needs_corpus
from tests.compare.conftest import TRANSCRIPT, make_tables

from analysis import compare, views


def test_transcript_turns():
    t = make_tables([TRANSCRIPT])
    turns = compare.transcript_turns(t.documents.loc[0, "text"])
    assert turns["label"].tolist() == ["PRESIDENT BIDEN", "PRESIDENT XI", "THE PRESIDENT"]


def test_split_transcript():
    t = make_tables([TRANSCRIPT])
    acc = compare.split_transcript(t, TRANSCRIPT["doc_id"])
    docs = acc.documents
    assert docs["doc_id"].tolist() == ["tr00000000000000:US", "tr00000000000000:CN"]
    assert docs["side"].tolist() == ["US", "CN"]
    assert docs["parent_doc_id"].tolist() == [TRANSCRIPT["doc_id"]] * 2
    s = acc.sentences
    assert s.groupby("doc_id")["sent_id"].apply(list).to_dict() == {
        "tr00000000000000:US": [2, 3, 6], "tr00000000000000:CN": [4, 5]}
    assert set(s["speaker"]) == {"Joe Biden", "Xi Jinping"} and set(s["attribution"]) == {"turn"}
    # labels' tokens are not counted: "Well, Mr. President, it is good to see you." has 9 tokens
    assert s.loc[s["sent_id"] == 2, "n_tokens"].item() == 9
    assert docs["n_tokens"].tolist() == [9 + 7 + 2, 6 + 8]
    assert "PRESIDENT" not in set(acc.tokens.loc[acc.tokens["doc_id"] == "tr00000000000000:CN", "text"])
    res = compare.compare_pair(acc, *docs["doc_id"])
    t = res["topics"].set_index("topic")
    assert t.loc["climate_change", "status"] == "only a" and t.loc["taiwan", "status"] == "only b"
    assert res["summary"]["own_share"].tolist() == [1.0, 1.0]


def test_split_transcript_explicit_speakers_and_errors():
    t = make_tables([{**TRANSCRIPT, "participants": []}])
    acc = compare.split_transcript(t, TRANSCRIPT["doc_id"], speakers={"PRESIDENT XI": ("Xi Jinping", "CN")})
    assert acc.documents["side"].tolist() == ["US", "CN"]  # Biden from the built-in list
    plain = make_tables([{**TRANSCRIPT, "doc_id": "p", "paragraphs": [[("narrator", None, "No turns here.")]]}])
    with pytest.raises(ValueError, match="no speaker turns"):
        compare.split_transcript(plain, "p")


# --- real documents (../shared) ----------------------------------------------------------------


TRANSCRIPT_GLOB = "*/*/*remarks-by-president-biden-and-president-xi*"


@needs_corpus(WH)
def test_whitehouse_transcripts_split_into_real_pairs():
    from analysis import build_tables

    files = sorted(WH.glob(TRANSCRIPT_GLOB))
    assert len(files) == 4
    t = build_tables(files)
    found = compare.find_transcripts(t)
    assert len(found) == 4 and found["date"].astype(str).tolist()[-1] == "2024-11-16"
    choice = views.choose_pair(t, compare.pair_documents(t.documents, pairs_file=False))
    assert choice.description.startswith("No two readouts of the same event") and choice.tables is not None
    assert sorted(choice.tables.documents.set_index("doc_id").loc[[choice.doc_a, choice.doc_b], "side"]) == ["CN", "US"]
    for doc_id in t.documents["doc_id"]:
        acc = compare.split_transcript(t, doc_id)
        assert sorted(acc.documents["side"]) == ["CN", "US"]
        assert set(acc.sentences["speaker"]) == {"Joe Biden", "Xi Jinping"}
        assert acc.documents.attrs["unmatched_labels"] == []
        pairs = compare.pair_documents(acc.documents, pairs_file=False)
        assert len(pairs) == 1 and pairs.loc[0, "side_a"] == "CN"
        res = compare.compare_pair(acc, pairs.loc[0, "doc_a"], pairs.loc[0, "doc_b"])
        s = res["summary"]
        assert (s["own_share"] == 1.0).all() and (s["tokens"] > 200).all()
        assert len(res["topics"]) >= 3 and set(res["topics"]["status"]) <= {"both", "only a", "only b"}
        # the leaders' words add up to the transcript, less the labels and the time stamps
        parent = t.documents.set_index("doc_id").loc[doc_id, "n_tokens"]
        assert 0.9 * parent < s["tokens"].sum() < parent

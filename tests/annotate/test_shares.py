"""The speakers table: per document and speaker, and summed by side or period."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.annotate.shares import SHARE_COLUMNS, aggregate_speakers, speaker_shares, speakers_table
from analysis.vocab import NARRATOR


def _sentences_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a"] * 4 + ["b"] * 2,
        "sent_id": [0, 1, 2, 3, 0, 1],
        "speaker": [NARRATOR, "Wang Yi", "Antony Blinken", "Wang Yi", "Joe Biden", None],
        "speaker_side": [None, "CN", "US", "CN", "US", None],
        "n_tokens": [10, 20, 30, 40, 5, 5],
    })


def test_speakers_table():
    table = speakers_table(_sentences_frame())
    assert list(table.columns) == ["doc_id", "speaker", "side", "n_sentences", "n_tokens", "share", "first_sent_id"]
    a = table[table.doc_id == "a"].set_index("speaker")
    assert list(table[table.doc_id == "a"].speaker) == [NARRATOR, "Wang Yi", "Antony Blinken"]
    assert a.loc["Wang Yi", "n_sentences"] == 2 and a.loc["Wang Yi", "n_tokens"] == 60
    assert a.loc["Wang Yi", "share"] == pytest.approx(0.6)
    assert a.loc["Antony Blinken", "side"] == "US"
    b = table[table.doc_id == "b"]
    assert list(b.speaker) == ["Joe Biden"] and b.share.iloc[0] == pytest.approx(0.5)


def test_aggregate_speakers_by_side_and_year():
    speakers = speakers_table(_sentences_frame())
    documents = pd.DataFrame({"doc_id": ["a", "b"], "side": ["CN", "US"], "source": ["PRC MFA", "White House"],
                              "date": pd.to_datetime(["2021-11-01", "2022-03-01"])})
    by_side = aggregate_speakers(speakers, documents, by="side")
    cn = by_side[by_side.side == "CN"].set_index("speaker")
    assert cn.loc["Wang Yi", "n_tokens"] == 60 and cn.loc["Wang Yi", "share"] == pytest.approx(0.6)
    assert cn.loc["Antony Blinken", "speaker_side"] == "US"
    by_year = aggregate_speakers(speakers, documents, by="year")
    assert sorted(by_year.year.unique()) == [2021, 2022]
    with pytest.raises(KeyError):
        aggregate_speakers(speakers, documents, by="nope")


def _pandas_reference(sentences: pd.DataFrame) -> pd.DataFrame:
    """The speakers table as pandas computes it (the build's table before it moved to pyarrow)."""
    totals = sentences.groupby("doc_id", sort=False)["n_tokens"].sum()
    known = sentences[sentences["speaker"].notna()]
    grouped = known.groupby(["doc_id", "speaker"], sort=False, dropna=False).agg(
        side=("speaker_side", "first"), n_sentences=("sent_id", "size"), n_tokens=("n_tokens", "sum"),
        first_sent_id=("sent_id", "min")).reset_index()
    doc_tokens = grouped["doc_id"].map(totals).astype("float64")
    grouped["share"] = (grouped["n_tokens"] / doc_tokens.where(doc_tokens > 0)).fillna(0.0)
    return grouped.sort_values(["doc_id", "first_sent_id"], kind="stable").reset_index(drop=True)[list(SHARE_COLUMNS)]


_rows = st.lists(st.tuples(st.sampled_from("abc"), st.sampled_from([None, NARRATOR, "Wang Yi", "Joe Biden"]),
                           st.sampled_from([None, "CN", "US"]), st.integers(0, 50)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(_rows)
def test_pyarrow_table_equals_the_pandas_reference(rows):
    frame = pd.DataFrame(rows, columns=["doc_id", "speaker", "speaker_side", "n_tokens"])
    frame["sent_id"] = frame.groupby("doc_id").cumcount().astype("int32")
    got = speaker_shares(pa.Table.from_pandas(frame, preserve_index=False)).to_pandas()
    want = _pandas_reference(frame)
    assert got["doc_id"].tolist() == want["doc_id"].tolist() and got["speaker"].tolist() == want["speaker"].tolist()
    assert [None if pd.isna(x) else x for x in got["side"]] == [None if pd.isna(x) else x for x in want["side"]]
    for column in ("n_sentences", "n_tokens", "first_sent_id"):
        assert got[column].tolist() == want[column].tolist(), column
    assert got["share"].tolist() == want["share"].tolist()  # the same division: equal to the last bit

"""The speakers table: sentences summed per document and speaker, and by side, source or period."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.annotate.speaker_table import aggregate_speakers, speakers_table
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

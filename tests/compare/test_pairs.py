"""Tests of analysis.compare.pairs: which documents are two accounts of one event, and the pairs file."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import SEED, WH, needs_corpus
from tests.compare.conftest import BLINKEN, CN_ACCOUNT, US_ACCOUNT, WANG, D

from analysis import compare


def _docs(rows: list[tuple]) -> pd.DataFrame:
    cols = ["doc_id", "path", "side", "source", "kind", "participants", "event_date", "date"]
    return pd.DataFrame(rows, columns=cols)


PAIRING_DOCS = _docs([
    ("d1", "raw/mfa/d1.txt", "CN", "PRC MFA", "readout", [WANG, BLINKEN], D(2021, 10, 31), D(2021, 11, 1)),
    ("d2", "raw/state/d2.txt", "US", "US State Dept", "readout", [BLINKEN, WANG], D(2021, 11, 1), D(2021, 11, 1)),
    ("d3", "raw/wh/d3.md", "US", "White House", "readout", [BLINKEN, WANG, "Jake Sullivan"], None, D(2021, 11, 2)),
    ("d4", "raw/mfa/d4.txt", "CN", "PRC MFA", "readout", ["Xi Jinping", "Joe Biden"], D(2021, 11, 15), D(2021, 11, 16)),
    ("d5", "raw/wh/d5.md", "US", "White House", "readout", ["Joe Biden", "Xi Jinping"], D(2021, 11, 20), D(2021, 11, 20)),
    ("d6", "raw/wh/d6.md", "US", "White House", "readout", ["Joe Biden", "Xi Jinping"], D(2021, 11, 16), D(2021, 11, 16)),
    ("d7", "raw/mfa/d7.txt", "CN", "PRC MFA", "readout", [WANG], D(2021, 10, 31), D(2021, 10, 31)),
    ("d8", "raw/ungd/USA_76_2021.txt", "US", "UN General Debate", "speech", [], None, D(2021, 9, 1)),
    ("d9", "raw/mfa/d9.txt", "CN", "PRC MFA", "readout", ["Joe Biden", "Li Qiang"], D(2021, 11, 16), D(2021, 11, 16)),
])


def test_pairing_rules():
    pairs = compare.pair_documents(PAIRING_DOCS, pairs_file=False)
    got = {(r.doc_a, r.doc_b): r for r in pairs.itertuples(index=False)}
    # d1-d2 same participants; d1-d3 superset with publication date; d4-d6; never same side, never > 2 days,
    # never a single participant, never different principals (d9 shares only Biden with d6)
    assert set(got) == {("d1", "d2"), ("d1", "d3"), ("d4", "d6")}
    assert list(pairs.columns) == list(compare.PAIRS_COLUMNS)
    assert got["d1", "d2"].how == "auto" and got["d1", "d2"].participants_rule == "same"
    assert got["d1", "d2"].event_date == D(2021, 10, 31) and got["d1", "d2"].days_apart == 1
    assert got["d1", "d2"].participants == [WANG, BLINKEN]  # doc_a's order
    assert got["d1", "d3"].how == "auto (participants subset; publication date)"
    assert got["d1", "d3"].date_basis == "date" and got["d1", "d3"].days_apart == 2
    assert got["d4", "d6"].side_a == "CN" and got["d4", "d6"].side_b == "US"  # a is the side sorting first
    assert got["d4", "d6"].pair_id == "2021-11-15-d4-d6"
    assert pairs["pair_id"].is_unique


def test_pairing_options():
    strict = compare.pair_documents(PAIRING_DOCS, pairs_file=False, subset=False)
    assert set(zip(strict.doc_a, strict.doc_b)) == {("d1", "d2"), ("d4", "d6")}
    wide = compare.pair_documents(PAIRING_DOCS, pairs_file=False, max_days=5)
    assert ("d4", "d5") in set(zip(wide.doc_a, wide.doc_b))
    assert compare.pair_documents(PAIRING_DOCS.iloc[[7]], pairs_file=False).empty


def test_pairs_file_overrides_adds_removes(tmp_path):
    path = tmp_path / "pairs.yaml"
    path.write_text(
        "# corrections\n"
        "add:\n"
        "  - {doc_a: d4, doc_b: wh/d5.md, note: reported four days later}\n"
        "  - {doc_a: d1.txt, doc_b: d2, note: confirmed by hand}\n"
        "remove:\n"
        "  - {doc_a: d3.md, doc_b: d1}\n"  # either order, file names allowed
        "exclude: [d6]\n",
        encoding="utf-8",
    )
    pairs = compare.pair_documents(PAIRING_DOCS, pairs_file=path)
    got = {(r.doc_a, r.doc_b): r for r in pairs.itertuples(index=False)}
    assert set(got) == {("d1", "d2"), ("d4", "d5")}
    assert got["d4", "d5"].how == "pairs file" and got["d4", "d5"].note == "reported four days later"
    assert pd.isna(got["d4", "d5"].participants_rule)
    assert got["d1", "d2"].how == "pairs file" and got["d1", "d2"].participants_rule == "same"  # confirmed, kept once
    assert pairs.attrs["unresolved"] == []


def test_pairs_file_unknown_reference_warns(tmp_path):
    path = tmp_path / "pairs.yaml"
    path.write_text("add:\n  - {doc_a: nothing.txt, doc_b: d2}\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="name no document"):
        pairs = compare.pair_documents(PAIRING_DOCS, pairs_file=path)
    assert pairs.attrs["unresolved"] == ["nothing.txt"]
    assert len(pairs) == 3  # the automatic pairs stay


def test_pairs_file_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("add:\n  - {doc_a: d1}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs doc_a and doc_b"):
        compare.read_pairs_file(bad)
    bad.write_text("pairs: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown keys"):
        compare.read_pairs_file(bad)


def test_shipped_pairs_file_is_valid_and_quiet_on_other_corpora(recwarn):
    pf = compare.read_pairs_file(compare.DEFAULT_PAIRS_FILE)
    assert pf.remove == [] and pf.exclude == []
    assert all(re.fullmatch(r"[0-9a-f]{16}", e["doc_a"]) and re.fullmatch(r"[0-9a-f]{16}", e["doc_b"]) and e.get("note")
               for e in pf.add)
    pairs = compare.pair_documents(PAIRING_DOCS)  # none of the shipped pairs' documents: no warning
    assert not [w for w in recwarn if "pairs file" in str(w.message)]
    assert len(pairs.attrs["absent"]) == 2 * len(pf.add)


def test_pairing_accepts_parquet_style_cells():
    docs = PAIRING_DOCS.copy()
    docs["participants"] = docs["participants"].map(np.array)  # as read back from Parquet
    docs["event_date"] = pd.to_datetime(docs["event_date"])
    pairs = compare.pair_documents(docs, pairs_file=False)
    assert set(zip(pairs.doc_a, pairs.doc_b)) == {("d1", "d2"), ("d1", "d3"), ("d4", "d6")}


def test_synthetic_pair_is_paired(pair_tables):
    pairs = compare.pair_documents(pair_tables.documents, pairs_file=False)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row.doc_a, row.doc_b, row.how, row.event_date) == (CN_ACCOUNT["doc_id"], US_ACCOUNT["doc_id"], "auto", D(2022, 3, 3))


# --- real documents (../shared) ----------------------------------------------------------------


@needs_corpus(WH)
def test_whitehouse_and_seed_pairing():
    import os

    from analysis import build_tables

    t = build_tables([WH, SEED], workers=min(os.cpu_count() or 1, 8))
    pairs = compare.pair_documents(t.documents, pairs_file=False)
    # The White House corpus is all U.S. side and holds no U.S. account of the seed's meeting: no pair.
    assert len(t.documents) == 1422 and pairs.empty
    # Same-event documents exist (statement, readout, press call of one Biden-Xi call); they differ only in side.
    # (each document its own "side"; participant_sides dropped, since no principal is of such a side)
    same_side = t.documents.drop(columns="participant_sides").assign(side=t.documents["doc_id"])
    found = compare.pair_documents(same_side, pairs_file=False)
    biden_xi = found[found["participants"].map(lambda p: set(p) == {"Joe Biden", "Xi Jinping"})]
    assert (biden_xi["event_date"] == D(2022, 3, 18)).sum() >= 1

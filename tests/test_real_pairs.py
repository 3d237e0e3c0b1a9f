"""The other side's readouts read right, and real pairs of two governments' accounts are found.

Built once from the four real corpora in ../shared (White House readouts and call statements,
Kremlin and Ukrainian presidency releases, State Department releases) plus the seed; skipped,
saying so, when ../shared is absent. The labels are hand-made: tests/fixtures/real_pairs.yaml
(every cross-government pair of accounts of one event, and documents that only mention one) and
tests/fixtures/metadata_labels.yaml (side, kind, event and participants of 51 documents).
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import SEED

from analysis import build_tables, compare, config

CORPORA = [config.WHITEHOUSE_CORPUS, config.WHITEHOUSE_CALLS_CORPUS, config.PRESIDENTS_CORPUS, config.STATE_DEPT_CORPUS]
FIXTURES = Path(__file__).parent / "fixtures"
PUTIN = config.PRESIDENTS_CORPUS / "putin.csv"
ZELENSKYY = config.PRESIDENTS_CORPUS / "zelenskyy.csv"
STATE = config.STATE_DEPT_CORPUS / "state_press_releases.jsonl"


@pytest.fixture(scope="module")
def real():
    missing = [str(p) for p in CORPORA if not p.exists()]
    if missing:
        pytest.skip(f"real corpora not present at {', '.join(missing)} (../shared absent)")
    return build_tables([*CORPORA, SEED], workers=2)


def _rows(path: Path) -> int:
    if path.suffix == ".jsonl":
        return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.DictReader(fh))


def _find(documents: pd.DataFrame, ref: dict) -> str:
    rows = documents[documents["url"] == ref["link"]] if "link" in ref else documents[documents["path"].str.endswith(ref["path"])]
    assert len(rows) == 1, ref
    return str(rows["doc_id"].iloc[0])


@pytest.mark.parametrize("path", [PUTIN, ZELENSKYY, STATE], ids=["kremlin", "ukraine", "state"])
def test_every_row_is_a_document_or_a_rejection(real, path):
    prefix = f"{path.name}#row"
    docs = real.documents["path"].str.startswith(prefix).sum()
    rejected = real.rejections["path"].str.startswith(prefix).sum()
    assert docs + rejected == _rows(path)
    assert docs >= 0.99 * _rows(path)  # the rejections are duplicates of other rows, nothing else
    reasons = real.rejections.loc[real.rejections["path"].str.startswith(prefix), "reason"]
    assert reasons.str.startswith("duplicate of").all(), reasons.tolist()


@pytest.mark.parametrize(("path", "source", "side"), [(PUTIN, "Kremlin", "RU"), (ZELENSKYY, "Office of the President of Ukraine", "UA"),
                                                       (STATE, "US State Dept", "US")], ids=["kremlin", "ukraine", "state"])
def test_issuer_and_side_on_99_percent(real, path, source, side):
    docs = real.documents[real.documents["path"].str.startswith(f"{path.name}#row")]
    assert (docs["source"] == source).mean() >= 0.99 and (docs["side"] == side).mean() >= 0.99


#: Least share of the labelled documents on which each field must be right, per issuer (measured: see the closing
#: note of issue 11). White House participants are lower because the sample drew domestic roundtables whose
#: attendee lists the readouts give only in the body.
FLOORS = {"source": 1.0, "side": 1.0, "kind": 0.8, "event_type": 0.8, "event_date": 0.8, "participants": 0.8}
WH_PARTICIPANTS_FLOOR = 0.6


def _metadata_scores(real) -> dict[tuple[str, str], list[int]]:
    labels = yaml.safe_load((FIXTURES / "metadata_labels.yaml").read_text(encoding="utf-8"))
    docs = real.documents.set_index("doc_id")
    score: dict[tuple[str, str], list[int]] = collections.defaultdict(lambda: [0, 0])
    for item in labels["documents"]:
        row = docs.loc[_find(real.documents, item["ref"])]
        got = {"source": row["source"], "side": row["side"], "kind": row["kind"],
               "event_type": None if pd.isna(row["event_type"]) else row["event_type"],
               "event_date": None if pd.isna(row["event_date"]) else str(row["event_date"])}
        want = {"source": item["issuer"], "side": item["side"], "kind": item["kind"], "event_type": item.get("event_type"),
                "event_date": str(item["event_date"]) if item.get("event_date") else None}
        for field in got:
            score[(item["issuer"], field)][0] += got[field] == want[field]
            score[(item["issuer"], field)][1] += 1
        score[(item["issuer"], "participants")][0] += set(item.get("participants") or []) <= set(row["participants"])
        score[(item["issuer"], "participants")][1] += 1
    return score


def test_metadata_on_the_labelled_sample_per_issuer(real):
    score = _metadata_scores(real)
    assert {issuer for issuer, _ in score} == {"Kremlin", "Office of the President of Ukraine", "US State Dept", "White House"}
    low = []
    for (issuer, field), (right, n) in sorted(score.items()):
        assert n >= 10
        floor = WH_PARTICIPANTS_FLOOR if (issuer, field) == ("White House", "participants") else FLOORS[field]
        if right / n < floor:
            low.append(f"{issuer} {field}: {right}/{n}")
    assert not low, low


def _truth(real) -> tuple[set[frozenset[str]], set[str]]:
    labels = yaml.safe_load((FIXTURES / "real_pairs.yaml").read_text(encoding="utf-8"))
    pairs = {frozenset((_find(real.documents, p["a"]), _find(real.documents, p["b"]))) for p in labels["pairs"]}
    near = {_find(real.documents, n) for n in labels["near_misses"]}
    return pairs, near


def test_real_pairs_are_found_and_mentions_are_not(real):
    truth, near = _truth(real)
    assert len(truth) >= 10
    found = compare.pair_documents(real.documents, pairs_file=False)
    got = {frozenset((a, b)) for a, b in zip(found["doc_a"], found["doc_b"])}
    sides = real.documents.set_index("doc_id")["side"]
    other_side = {p for p in got if any(sides[d] in ("RU", "UA") for d in p)}
    recall = len(truth & other_side) / len(truth)
    precision = len(truth & other_side) / len(other_side)
    assert recall >= 0.9 and precision >= 0.9, (recall, precision)
    assert not {d for p in got for d in p} & near  # a nightly address that mentions a call pairs with nothing
    with_file = compare.pair_documents(real.documents)
    assert truth <= {frozenset((a, b)) for a, b in zip(with_file["doc_a"], with_file["doc_b"])}


def test_a_real_pair_compared_side_by_side(real):
    """The Biden-Putin video call of 7 December 2021: the Kremlin's and the White House's accounts."""
    pairs = compare.pair_documents(real.documents, pairs_file=False)
    row = pairs[(pairs["event_date"].astype(str) == "2021-12-07") & (pairs["source_a"] == "Kremlin")].iloc[0]
    result = compare.compare_pair(real, row["doc_a"], row["doc_b"])
    summary = result["summary"].set_index("side")
    assert set(summary.index) == {"RU", "US"}
    topics = result["topics"]
    assert "ukraine_russia" in set(topics.loc[topics["status"] == "both", "topic"])
    assert result["markers"]["count_a"].sum() > 0 and result["markers"]["count_b"].sum() > 0

"""Tests of analysis.compare.over_time: side against side, year by year (synthetic, then the UN General Debate)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import UNGD
from scipy.spatial.distance import jensenshannon
from tests.compare.conftest import D, make_tables

from analysis import compare
from analysis.compare.over_time import js_divergence


def _speech(doc_id: str, side: str, year: int, text: str) -> dict:
    return {"doc_id": doc_id, "source": "UN General Debate", "side": side, "kind": "speech", "date": D(year, 9, 1),
            "paragraphs": [[("narrator", None, s.strip() + ".") for s in text.split(".") if s.strip()]]}


SPEECHES = [
    _speech("cn1", "CN", 1990, "Hegemonism must end. Sovereignty matters. Taiwan is part of China"),
    _speech("us1", "US", 1990, "Freedom matters. Democracy and freedom spread. Markets grow"),
    _speech("cn2", "CN", 1991, "Sovereignty and development. Cooperation on climate change"),
    _speech("us2", "US", 1991, "Freedom and democracy. Cooperation on climate change"),
    _speech("fr1", "FR", 1991, "Liberty, equality, fraternity"),
]


def test_js_divergence_against_scipy():
    p, q = np.array([3, 0, 1, 5]), np.array([0, 2, 2, 1])
    pa, qa = (p + 0.5) / (p + 0.5).sum(), (q + 0.5) / (q + 0.5).sum()
    assert js_divergence(p, q) == pytest.approx(jensenshannon(pa, qa, base=2) ** 2)
    assert js_divergence(p, p) == pytest.approx(0.0)
    assert js_divergence(np.array([1, 0]), np.array([0, 1]), alpha=0) == pytest.approx(1.0)


def test_compare_sides():
    t = make_tables(SPEECHES)
    out = compare.compare_sides(t, a="CN", b="US", source="UN General Debate", stopwords=set())
    assert set(out) == {"summary", "keyness", "topics", "markers", "divergence"}
    div = out["divergence"]
    assert div["year"].tolist() == [1990, 1991]
    assert div["shared_types"].tolist() == [1, 5]  # "matters"; "and", "cooperation", "on", "climate", "change"
    assert (div["jsd"].iloc[0] > div["jsd"].iloc[1]) and div["jsd"].between(0, 1).all()
    # 1990 by hand: the two count vectors over the union vocabulary
    cn = "hegemonism must end sovereignty matters taiwan is part of china".split()
    us = "freedom matters democracy and freedom spread markets grow".split()
    vocab = sorted(set(cn) | set(us))
    expect = js_divergence(np.array([cn.count(w) for w in vocab]), np.array([us.count(w) for w in vocab]), alpha=0.01)
    assert div["jsd"].iloc[0] == pytest.approx(expect)
    assert div["jsd_null"].between(0, 1).all()
    assert div["jsd_excess"].tolist() == pytest.approx((div["jsd"] - div["jsd_null"]).tolist())
    again = compare.compare_sides(t, a="CN", b="US", stopwords=set())["divergence"]
    assert again["jsd_null"].tolist() == div["jsd_null"].tolist()  # fixed seed
    key = out["keyness"]
    assert set(key["side"]) == {"CN", "US"} and (key["score"] > 0).all()
    top_us_1990 = key[(key["year"] == 1990) & (key["side"] == "US")].iloc[0]
    assert top_us_1990["term"] == "freedom" and top_us_1990["count"] == 2 and top_us_1990["rank"] == 1
    topics = out["topics"].set_index(["year", "side", "topic"])
    assert topics.loc[(1990, "CN", "taiwan"), "share"] == pytest.approx(1 / 3)
    assert topics.loc[(1991, "US", "climate_change"), "share"] == pytest.approx(1 / 2)
    assert topics.loc[(1990, "US", "taiwan"), "sentences"] == 0
    markers = out["markers"].set_index(["year", "side", "category"])
    assert markers.loc[(1991, "CN", "cooperative_frame"), "rate"] == pytest.approx(1000 / 7)  # 7 tokens
    assert out["summary"]["n_docs"].tolist() == [1, 1, 1, 1]  # FR left out
    later = compare.compare_sides(t, start=1991)
    assert later["divergence"]["year"].tolist() == [1991]


def test_compare_sides_with_one_side_or_none(seed_tables):
    out = compare.compare_sides(seed_tables, a="CN", b="US")  # the seed alone: China's side only
    assert out["summary"]["n_docs"].tolist() == [1, 0] and out["keyness"].empty
    assert out["divergence"]["jsd"].isna().all()
    none = compare.compare_sides(seed_tables, a="FR", b="DE")
    assert all(frame.empty for frame in none.values()) and "jsd" in none["divergence"].columns


# --- real documents (../shared) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def ungd_cn_us(tmp_path_factory):
    """The Chinese and U.S. General Debate speeches, taken out of the corpus archive into a temporary folder."""
    import tarfile

    archives = sorted(UNGD.glob("*.tar.xz")) if UNGD.exists() else []
    if not archives:
        pytest.skip(f"UN General Debate corpus not present at {UNGD} (../shared absent)")
    from analysis import build_tables

    folder = tmp_path_factory.mktemp("ungd_cn_us")
    with tarfile.open(archives[0], "r:xz") as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and re.match(r"(CHN|USA)_\d+_\d{4}\.txt$", name):
                (folder / name).write_bytes(tar.extractfile(member).read())
    return build_tables([folder], workers=2)


def test_ungd_china_against_us(ungd_cn_us):
    import time

    started = time.perf_counter()
    out = compare.compare_sides(ungd_cn_us, a="CN", b="US", source="UN General Debate", start=1971)
    assert time.perf_counter() - started < 60
    div = out["divergence"]
    last = int(pd.to_datetime(ungd_cn_us.documents["date"].astype(str)).dt.year.max())
    assert div["year"].tolist() == list(range(1971, last + 1))  # one row per year, PRC era
    assert div["jsd"].between(0.35, 0.85).all()  # far from identical, far from disjoint
    assert (div["jsd_excess"] > 0).all()  # every year more apart than sampling alone makes two texts
    key = out["keyness"]
    assert set(key.groupby("year")["side"].nunique()) == {2}
    early_cn = set(key[(key["year"] < 1990) & (key["side"] == "CN")]["term"])
    assert {"hegemonism", "superpowers"} & early_cn  # the PRC's 1970s-80s vocabulary
    topics = out["topics"]
    tw = topics[(topics["topic"] == "taiwan") & (topics["side"] == "CN")]["sentences"].sum()
    assert tw > topics[(topics["topic"] == "taiwan") & (topics["side"] == "US")]["sentences"].sum()
    assert set(out["markers"]["category"]) >= set(compare.MARKER_CATEGORIES)

"""Tests of analysis.stats.keyness (keyness, scatter_terms)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency

from analysis import stats as terms


def test_log_odds_through_keyness(toks):
    out = terms.keyness(toks, by="side", target="US", measure="logodds", stopwords=False, prior_scale=0.5)
    counts_all = toks["norm"].value_counts()
    a = toks[toks["side"] == "US"]["norm"].value_counts()
    b = toks[toks["side"] != "US"]["norm"].value_counts()
    n_i, n_j = a.sum(), b.sum()
    alpha = 0.5 * counts_all
    alpha0 = alpha.sum()
    row = out.set_index("term").loc["china"]
    y_i, y_j, aw = a.get("china", 0), b.get("china", 0), alpha["china"]
    d = math.log((y_i + aw) / (n_i + alpha0 - y_i - aw)) - math.log((y_j + aw) / (n_j + alpha0 - y_j - aw))
    assert row["log_odds_ratio"] == pytest.approx(d)
    assert row["score"] == pytest.approx(d / math.sqrt(1 / (y_i + aw) + 1 / (y_j + aw)))


@pytest.mark.parametrize("measure", terms.MEASURES)
def test_keyness_table(toks, measure):
    out = terms.keyness(toks, by="side", target="CN", measure=measure)
    assert list(out.columns[:5]) == ["term", "target_count", "reference_count", "score", "p"]
    assert out["score"].is_monotonic_decreasing
    assert out["term"].iloc[0] == "trade"  # 5 times in CN, never in US
    row = out.set_index("term").loc["trade"]
    assert (row["target_count"], row["reference_count"]) == (5, 0)
    n_t, n_r = out.attrs["n_target"], out.attrs["n_reference"]
    if measure == "chi2":
        expected = chi2_contingency([[5, 0], [n_t - 5, n_r]], correction=True)[0]
        assert row["score"] == pytest.approx(expected)
    if measure == "lr":
        expected = chi2_contingency([[5, 0], [n_t - 5, n_r]], correction=False, lambda_="log-likelihood")[0]
        assert row["score"] == pytest.approx(expected)
    if measure == "pmi":
        assert np.isnan(out["p"]).all()


def test_keyness_reference_choices(toks):
    rest = terms.keyness(toks, by="doc_id", target="d1")
    explicit = terms.keyness(toks, by="doc_id", target="d1", reference=["d2", "d3"])
    pd.testing.assert_frame_equal(rest, explicit)
    only_d2 = terms.keyness(toks, by="doc_id", target="d1", reference="d2")
    assert "talks" not in set(only_d2["term"])  # only in d3
    with pytest.raises(ValueError):
        terms.keyness(toks, by="doc_id", target="d1", reference="d1")
    with pytest.raises(KeyError):
        terms.keyness(toks, by="speaker", target="x")
    with pytest.raises(ValueError, match="reference group is empty"):
        terms.keyness(toks, by="side", target=["US", "CN"])
    with pytest.raises(ValueError, match="no tokens"):
        terms.keyness(toks, by="side", target="XX")


def test_scatter_terms(toks):
    out = terms.scatter_terms(toks, by="side", a="US", b="CN", labels=2)
    key = terms.keyness(toks, by="side", target="US", reference="CN", measure="logodds")
    assert out["term"].tolist() == key["term"].tolist()
    assert out["score"].to_numpy() == pytest.approx(key["score"].to_numpy())
    assert {"a_count", "b_count", "a_rank", "b_rank", "a_pct", "b_pct", "label", "distinctive"} <= set(out.columns)
    assert out.loc[out["distinctive"] == "b", "term"].tolist()[-1] == "trade"
    assert out["label"].sum() == 4
    cn = out.set_index("term")
    assert cn.loc["trade", "b_rank"] == 1 and cn.loc["trade", "b_pct"] == 1.0


# --- the real White House corpus -------------------------------------------------------------


@pytest.mark.corpus
def test_wh_china_keyness(wh):
    documents, tokens = wh
    assert 40 < documents["china"].sum() < len(documents) / 2
    for measure in ("chi2", "lr"):
        top = terms.keyness(tokens, by="china", target=True, measure=measure)["term"].head(20).tolist()
        assert "taiwan" in top and "prc" in top, (measure, top)
        assert {"xinjiang", "strait", "prc", "taiwan", "hong"} & set(top)
    logodds = terms.keyness(tokens, by="china", target=True, measure="logodds")["term"].head(30).tolist()
    assert "taiwan" in logodds

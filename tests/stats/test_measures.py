"""Tests of analysis.stats.measures: each keyness statistic against an independent computation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency
from tests.stats.conftest import SIDES, TEXTS, make_tokens

from analysis import stats as terms
from analysis.stats import measures as ks

counts = st.integers(min_value=0, max_value=500)


@settings(max_examples=200, deadline=None)
@given(a=counts, b=counts, c=st.integers(1, 5000), d=st.integers(1, 5000))
def test_chi2_yates_matches_scipy(a, b, c, d):
    table = np.array([[a, b], [c, d]])
    if (table.sum(axis=0) == 0).any() or (table.sum(axis=1) == 0).any():
        return
    expected, p, _dof, _exp = chi2_contingency(table, correction=True)
    score, p_ours = ks.chi2_yates(a, b, a + c, b + d)
    assert abs(score) == pytest.approx(expected, rel=1e-9, abs=1e-9)
    assert p_ours == pytest.approx(p, rel=1e-7, abs=1e-12)
    if expected > 0:
        assert np.sign(score) == np.sign(a / (a + c) - b / (b + d))


def test_g2_by_hand():
    # a = 10 (target), b = 5 (reference); target total 100, reference total 200
    a, b, c, d = 10, 5, 90, 195
    n = a + b + c + d
    e = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (c + d) * (a + c) / n, (c + d) * (b + d) / n]
    g2 = 2 * sum(o * math.log(o / x) for o, x in zip([a, b, c, d], e))
    score, p = ks.log_likelihood(a, b, 100, 200)
    assert score == pytest.approx(g2)
    # written out: expected counts 5, 10, 95, 190
    assert g2 == pytest.approx(2 * (10 * math.log(2) + 5 * math.log(0.5) + 90 * math.log(90 / 95) + 195 * math.log(195 / 190)))
    assert g2 == pytest.approx(7.3298, abs=1e-4)
    assert p == pytest.approx(math.erfc(math.sqrt(g2 / 2)))  # chi2(1) tail
    # a zero cell adds nothing; the sign follows the direction
    score0, _ = ks.log_likelihood(0, 7, 50, 60)
    e_b = 7 * 60 / 110
    expected0 = 2 * (7 * math.log(7 / e_b) + 50 * math.log(50 / (103 * 50 / 110)) + 53 * math.log(53 / (103 * 60 / 110)))
    assert score0 == pytest.approx(-expected0)


@settings(max_examples=100, deadline=None)
@given(a=counts, b=counts, c=st.integers(1, 5000), d=st.integers(1, 5000))
def test_g2_matches_scipy_log_likelihood(a, b, c, d):
    table = np.array([[a, b], [c, d]])
    if (table.sum(axis=0) == 0).any() or (table.sum(axis=1) == 0).any():
        return
    expected, *_ = chi2_contingency(table, correction=False, lambda_="log-likelihood")
    score, _ = ks.log_likelihood(a, b, a + c, b + d)
    assert abs(score) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_corrections():
    a, b, c, d = 10, 5, 90, 195
    n = a + b + c + d
    plain, _ = ks.log_likelihood(a, b, 100, 200)
    q = 1 + (n / 15 + n / 285 - 1) * (n / 100 + n / 200 - 1) / (6 * n)
    assert ks.log_likelihood(a, b, 100, 200, williams=True)[0] == pytest.approx(plain / q)
    uncorrected = chi2_contingency([[a, b], [c, d]], correction=False)[0]
    assert ks.chi2_yates(a, b, 100, 200, yates=False)[0] == pytest.approx(uncorrected)
    toks = make_tokens(TEXTS).assign(side=lambda t: t["doc_id"].map(SIDES))
    lr_w = terms.keyness(toks, by="side", target="CN", measure="lr", correction="williams").set_index("term")
    lr = terms.keyness(toks, by="side", target="CN", measure="lr").set_index("term")
    assert abs(lr_w.loc["trade", "score"]) < abs(lr.loc["trade", "score"])
    with pytest.raises(ValueError):
        terms.keyness(toks, by="side", target="CN", correction="bogus")


def test_pmi_by_hand():
    assert ks.pmi(10, 5, 100, 200) == pytest.approx(math.log2(10 * 300 / (15 * 100)))
    assert ks.pmi(0, 5, 100, 200) == -np.inf


def test_log_odds_worked_example():
    """Monroe, Colaresi and Quinn (2008) eqs. 16-19 on a three-word vocabulary, by hand."""
    y_i = np.array([8, 2, 10])  # counts of (tax, war, budget) in group i; n_i = 20
    y_j = np.array([2, 8, 20])  # group j; n_j = 30
    alpha = np.array([1.0, 1.0, 3.0])  # prior counts; alpha_0 = 5
    delta, var, z = ks.log_odds_dirichlet(y_i, 20, y_j, 30, alpha, 5.0)
    # tax: log(9 / (25 - 9)) - log(3 / (35 - 3))
    d_tax = math.log(9 / 16) - math.log(3 / 32)
    v_tax = 1 / 9 + 1 / 3
    assert delta[0] == pytest.approx(d_tax)
    assert var[0] == pytest.approx(v_tax)
    assert z[0] == pytest.approx(d_tax / math.sqrt(v_tax))
    assert z[0] == pytest.approx(2.6876, abs=1e-4)
    # war mirrors tax: log(3/22) - log(9/26)
    assert delta[1] == pytest.approx(math.log(3 / 22) - math.log(9 / 26))
    # budget: log(13 / 12) - log(23 / 12)
    assert delta[2] == pytest.approx(math.log(13 / 12) - math.log(23 / 12))

"""Tests of analysis.stats.collocations: against nltk and by hand."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from tests.stats.conftest import make_tokens

from analysis import stats as terms


def _random_tokens(seed: int, n_docs: int = 4, vocab: int = 12) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    words = [f"w{i}" for i in range(vocab)]
    texts = {}
    for d in range(n_docs):
        sents = []
        for _ in range(rng.integers(2, 6)):
            k = rng.integers(1, 9)
            # a skewed distribution so that some n-grams repeat
            sents.append(" ".join(rng.choice(words, size=k, p=np.r_[0.4, np.full(vocab - 1, 0.6 / (vocab - 1))])) + ".")
        texts[f"doc{d}"] = " ".join(sents)
    return make_tokens(texts)


def _sentences(tokens: pd.DataFrame) -> list[list[str]]:
    return [g.sort_values("token_id")["norm"].tolist() for _, g in tokens.groupby(["doc_id", "sent_id"], sort=True)]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bigram_collocations_match_nltk(seed):
    from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

    toks = _random_tokens(seed)
    finder = BigramCollocationFinder.from_documents(_sentences(toks))
    out = terms.collocations(toks, size=2, min_count=1, stopwords=False).set_index("collocation")
    assert set(out.index) == {" ".join(b) for b in finder.ngram_fd}
    m = BigramAssocMeasures
    for (w1, w2), count in finder.ngram_fd.items():
        row = out.loc[f"{w1} {w2}"]
        assert row["count"] == count
        assert row["lr"] == pytest.approx(finder.score_ngram(m.likelihood_ratio, w1, w2), rel=1e-9, abs=1e-9)
        assert row["pmi"] == pytest.approx(finder.score_ngram(m.pmi, w1, w2), rel=1e-12)


@pytest.mark.parametrize("seed", [0, 3])
def test_trigram_collocations_match_nltk(seed):
    from nltk.collocations import TrigramAssocMeasures, TrigramCollocationFinder

    toks = _random_tokens(seed, n_docs=6, vocab=6)
    finder = TrigramCollocationFinder.from_documents(_sentences(toks))
    out = terms.collocations(toks, size=3, min_count=1, stopwords=False).set_index("collocation")
    assert set(out.index) == {" ".join(t) for t in finder.ngram_fd}
    m = TrigramAssocMeasures
    checked = 0
    for (w1, w2, w3), count in finder.ngram_fd.items():
        row = out.loc[f"{w1} {w2} {w3}"]
        assert row["count"] == count
        assert row["pmi"] == pytest.approx(finder.score_ngram(m.pmi, w1, w2, w3), rel=1e-12)
        try:
            expected = finder.score_ngram(m.likelihood_ratio, w1, w2, w3)
        except ValueError:  # nltk takes log of a negative cell when margins are inconsistent
            continue
        assert row["lr"] == pytest.approx(expected, rel=1e-9, abs=1e-9)
        checked += 1
    assert checked > 5


def test_collocation_filters_and_sort():
    toks = make_tokens({"a": "The United States and the United Nations. The United States."})
    out = terms.collocations(toks, min_count=2)
    assert set(out["collocation"]) == {"united states"}  # "the united" starts with a stop word
    assert terms.collocations(toks, min_count=1, sort="pmi")["pmi"].is_monotonic_decreasing
    with pytest.raises(ValueError):
        terms.collocations(toks, size=4)


def test_lambda_z_by_hand():
    # Blaheta & Johnson log odds ratio of the bigram positions, 0.5 added to each cell
    toks = make_tokens({"x": "Alpha beta. Alpha beta. Alpha gamma. Delta beta. Delta delta."})
    assert toks["sent_id"].nunique() == 5
    out = terms.collocations(toks, size=2, min_count=1, stopwords=False).set_index("collocation")
    # bigram positions: (alpha beta) x2, (alpha gamma), (delta beta), (delta delta): 5 in all
    n11, n12, n21, n22 = 2 + 0.5, 1 + 0.5, 1 + 0.5, 1 + 0.5
    lam = math.log(n11) + math.log(n22) - math.log(n12) - math.log(n21)
    z = lam / math.sqrt(1 / n11 + 1 / n12 + 1 / n21 + 1 / n22)
    assert out.loc["alpha beta", "lambda"] == pytest.approx(lam)
    assert out.loc["alpha beta", "z"] == pytest.approx(z)

"""Tests of analysis.terms and analysis.keyness: each statistic against an independent computation."""

from __future__ import annotations

import collections
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import chi2_contingency

from analysis import config, keyness as ks, terms
from analysis.segment import STOP_WORDS, normalize_token, sentence_spans, token_spans

WH = config.WHITEHOUSE_CORPUS
TOKEN_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "end", "text", "norm", "is_stop"]


def make_tokens(texts: dict[str, str]) -> pd.DataFrame:
    """A tokens table (the project contract) from texts, with the project tokenizer."""
    rows = []
    for doc_id, text in texts.items():
        for i, (sent, start, end) in enumerate(token_spans(text, sentence_spans(text))):
            norm = normalize_token(text[start:end])
            rows.append((doc_id, sent, i, start, end, text[start:end], norm, norm in STOP_WORDS))
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


TEXTS = {
    "d1": "The U.S. supports the one China policy. China's one-China principle matters. Taiwan is discussed.",
    "d2": "Xinjiang and Taiwan were raised. The one China policy stands. Trade trade trade.",
    "d3": "Trade talks on trade. One China. Policy on Taiwan.",
}
SIDES = {"d1": "US", "d2": "CN", "d3": "CN"}


@pytest.fixture
def toks() -> pd.DataFrame:
    t = make_tokens(TEXTS)
    t["side"] = t["doc_id"].map(SIDES)
    return t


# --- frequency ------------------------------------------------------------------------------


def test_frequency_matches_counter(toks):
    stop = terms.load_stopwords()
    kept = [n for n in toks["norm"] if n not in stop]
    expected = collections.Counter(kept)
    out = terms.frequency(toks)
    assert dict(zip(out["term"], out["count"])) == dict(expected)
    assert list(out.columns) == ["term", "count", "per_1000", "doc_count", "rank"]
    china = out.set_index("term").loc["china"]
    assert china["per_1000"] == pytest.approx(1000 * expected["china"] / len(toks))
    assert china["doc_count"] == 3
    # sorted by count descending; ties share the lowest rank
    assert out["count"].is_monotonic_decreasing
    top = out[out["count"] == out["count"].max()]
    assert set(top["rank"]) == {1}
    second = out[out["count"] < out["count"].max()]["rank"].min()
    assert second == len(top) + 1


def test_frequency_grouped_and_doc_count(toks):
    out = terms.frequency(toks, by="side")
    for side, group in toks.groupby("side"):
        stop = terms.load_stopwords()
        words = group.loc[~group["norm"].isin(stop), "norm"]
        got = out[out["side"] == side].set_index("term")
        assert got["count"].to_dict() == words.value_counts().to_dict()
        docs = group[~group["norm"].isin(stop)].groupby("norm")["doc_id"].nunique()
        assert got["doc_count"].to_dict() == docs.to_dict()
        assert got["per_1000"].to_dict() == pytest.approx((1000 * words.value_counts() / len(group)).to_dict())
    assert out.loc[(out["side"] == "CN") & (out["term"] == "trade"), "count"].item() == 5


def test_frequency_multiple_groups_and_missing(toks):
    toks["half"] = np.where(toks["sent_id"] == 0, "first", None)
    out = terms.frequency(toks, by=["side", "half"])
    assert set(out["half"]) == {"first"}  # rows with a missing grouping value are left out
    assert out.loc[(out["side"] == "CN") & (out["term"] == "trade"), "count"].item() == 2


def test_frequency_same_for_categorical_and_shuffled_rows(toks):
    plain = terms.frequency(toks, by="side")
    cat = toks.assign(norm=toks["norm"].astype("category"), side=toks["side"].astype("category"))
    pd.testing.assert_frame_equal(terms.frequency(cat, by="side").astype({"side": str}), plain.astype({"side": str}))
    shuffled = toks.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(terms.frequency(shuffled, by="side"), plain)


def test_encoding_cache_follows_the_column(toks):
    first = terms.frequency(toks)
    again = terms.frequency(toks)
    pd.testing.assert_frame_equal(first, again)
    changed = toks.assign(norm=toks["norm"].replace("china", "prc"))
    out = terms.frequency(changed).set_index("term")
    assert "china" not in out.index and out.loc["prc", "count"] == first.set_index("term").loc["china", "count"]
    toks["norm"] = toks["norm"].str.upper()
    assert terms.frequency(toks, stopwords=False)["term"].str.isupper().all()


def test_frequency_options(toks, tmp_path):
    everything = terms.frequency(toks, stopwords=False)
    assert everything["count"].sum() == len(toks)
    stems = terms.frequency(toks, stem=True)
    assert "polici" in set(stems["term"])
    assert "tibet" not in set(stems["term"])
    top = terms.frequency(toks, by="side", top=2)
    assert top.groupby("side").size().max() == 2
    assert terms.frequency(toks, min_count=3)["count"].min() >= 3
    custom = terms.frequency(toks, stopwords=["china", "Trade"])
    assert not {"china", "trade"} & set(custom["term"])
    assert "the" in set(custom["term"])
    assert "u.s." not in set(terms.frequency(toks.assign(norm=toks["norm"].replace("u.s.", "2021")), drop_numbers=True)["term"])


@settings(max_examples=40, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.sampled_from(["d1", "d2", "d3"]), st.integers(0, 2), st.sampled_from(["a", "b", "c", "the", "x-y"]), st.sampled_from(["g", "h", None])),
        min_size=1,
        max_size=60,
    )
)
def test_frequency_and_bigrams_match_pandas(rows):
    """Random tokens tables: counts and document counts per group equal a plain pandas groupby."""
    toks = pd.DataFrame(rows, columns=["doc_id", "sent_id", "norm", "grp"])
    toks["token_id"] = np.arange(len(toks))
    out = terms.frequency(toks, by="grp", stopwords=False)
    valid = toks.dropna(subset=["grp"])
    expected = valid.groupby(["grp", "norm"]).agg(count=("norm", "size"), doc_count=("doc_id", "nunique")).reset_index()
    got = out.rename(columns={"term": "norm"})[["grp", "norm", "count", "doc_count"]]
    pd.testing.assert_frame_equal(
        got.sort_values(["grp", "norm"]).reset_index(drop=True), expected.sort_values(["grp", "norm"]).reset_index(drop=True), check_dtype=False
    )
    totals = valid.groupby("grp").size()
    assert np.allclose(out["per_1000"], 1000 * out["count"] / out["grp"].map(totals).to_numpy())
    # bigrams: consecutive rows of one (doc, sentence), in token_id order
    ordered = toks.sort_values(["doc_id", "sent_id", "token_id"])
    expected_bigrams = collections.Counter()
    for _, g in ordered.groupby(["doc_id", "sent_id"]):
        w = g["norm"].tolist()
        expected_bigrams.update(f"{x} {y}" for x, y in zip(w, w[1:]))
    got_bigrams = terms.ngrams(toks, n=2, stopwords=False)
    assert dict(zip(got_bigrams["term"], got_bigrams["count"])) == dict(expected_bigrams)


def test_stopword_file_is_read_and_used(tmp_path):
    project = terms.load_stopwords()
    assert STOP_WORDS <= project
    assert {"readout", "discussed"} <= project  # from lexicons/stopwords.txt
    assert "taiwan" not in project and "china" not in project
    f = tmp_path / "stop.txt"
    f.write_text("# comment\nTaiwan  # inline comment\n\n", encoding="utf-8")
    assert terms.read_stopword_file(f) == {"taiwan"}
    assert terms.load_stopwords(f, base=False) == {"taiwan"}


def test_add_groups_equals_merge(toks):
    documents = pd.DataFrame(
        {"doc_id": ["d1", "d2", "d3", "zz"], "side": ["US", "CN", "CN", "XX"], "date": ["2021-11-16", "2022-01-02", None, "2020-01-01"]}
    )
    sentences = toks[["doc_id", "sent_id"]].drop_duplicates().reset_index(drop=True)
    sentences["speaker"] = [f"{d}-{s}" for d, s in zip(sentences["doc_id"], sentences["sent_id"])]
    sentences = sentences.iloc[:-1]  # one sentence without a row: its tokens get a missing speaker
    plain = toks.drop(columns="side")
    out = terms.add_groups(plain.sample(frac=1, random_state=2), documents=documents, sentences=sentences)
    merged = plain.merge(documents, on="doc_id", how="left").merge(sentences, on=["doc_id", "sent_id"], how="left")
    merged["year"] = pd.to_datetime(merged["date"]).dt.year
    out = out.sort_index()
    assert out["side"].astype(object).tolist() == merged["side"].tolist()
    assert out["speaker"].astype(object).fillna("-").tolist() == merged["speaker"].astype(object).fillna("-").tolist()
    last = (toks["doc_id"] == "d3") & (toks["sent_id"] == toks.loc[toks["doc_id"] == "d3", "sent_id"].max())
    assert out["speaker"].isna().sum() == last.sum() > 0
    assert out["year"].astype("float").fillna(-1).tolist() == merged["year"].astype("float").fillna(-1).tolist()
    assert isinstance(out["side"].dtype, pd.CategoricalDtype)
    assert terms.frequency(out, by="speaker", stopwords=False)["count"].sum() == out["speaker"].notna().sum()


# --- n-grams --------------------------------------------------------------------------------


def test_ngrams_stay_inside_sentences(toks):
    out = terms.ngrams(toks, n=2, stopwords=False)
    assert "trade trade" in set(out["term"])
    assert "discussed xinjiang" not in set(out["term"])  # across documents
    assert "policy china" not in set(out["term"])  # across a sentence end in d1
    expected = collections.Counter()
    for (_doc, _sent), g in toks.groupby(["doc_id", "sent_id"]):
        words = g.sort_values("token_id")["norm"].tolist()
        expected.update(" ".join(words[i : i + 2]) for i in range(len(words) - 1))
    assert dict(zip(out["term"], out["count"])) == dict(expected)
    assert (out["n"] == 2).all()


def test_ngrams_edge_stopwords_and_trigrams(toks):
    tri = terms.ngrams(toks, n=3)
    assert "one china policy" not in set(tri["term"])  # "one" is a scikit-learn stop word
    assert "policy on taiwan" in set(tri["term"])  # a stop word inside is kept
    assert terms.ngrams(toks, n=3, stopwords=False).set_index("term").loc["one china policy", "count"] == 2
    assert not any(t.split()[0] in STOP_WORDS or t.split()[-1] in STOP_WORDS for t in tri["term"])
    grouped = terms.ngrams(toks, n=2, by="side")
    assert grouped.loc[(grouped["side"] == "CN") & (grouped["term"] == "trade trade"), "count"].item() == 2
    assert set(terms.ngrams(toks, n=1)["term"]) == set(terms.frequency(toks)["term"])


# --- collocations against nltk ---------------------------------------------------------------


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


# --- keyness statistics against independent computations ----------------------------------


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


# --- KWIC and dispersion --------------------------------------------------------------------


def test_kwic_phrase_hyphen_spellings_and_context(toks):
    out = terms.kwic(toks, "one China", window=2)
    assert out["match"].tolist() == ["one China", "one-China", "one China", "One China"]
    assert set(out["pattern"]) == {"one China"}
    first = out.iloc[0]
    assert (first["doc_id"], first["sent_id"], first["token_id"]) == ("d1", 0, 4)
    assert first["left"] == "supports the" and first["right"] == "policy China"
    assert TEXTS["d1"][first["start"] : first["end"]] == "one China"
    # context stops at the document edge
    assert out.iloc[3]["left"] == "on trade"
    # the hyphenated pattern finds the same four; without hyphen spellings each finds its own
    pd.testing.assert_frame_equal(terms.kwic(toks, "One-China", window=2).drop(columns="pattern"), out.drop(columns="pattern"))
    assert len(terms.kwic(toks, "one China", hyphens=False)) == 3
    assert terms.kwic(toks, "one-china", hyphens=False)["match"].tolist() == ["one-China"]
    # alternatives are reported under their own pattern
    both = terms.kwic(toks, ["taiwan", "xinjiang"])
    assert both["pattern"].tolist() == ["taiwan", "xinjiang", "taiwan", "taiwan"]


def test_kwic_does_not_cross_sentences():
    toks = make_tokens({"x": "We want one. China agrees. One China is here."})
    out = terms.kwic(toks, "one china")
    assert len(out) == 1 and out["sent_id"].item() == 2


def test_kwic_with_documents_keeps_punctuation(toks):
    docs = pd.DataFrame({"doc_id": list(TEXTS), "text": list(TEXTS.values())})
    out = terms.kwic(toks, "one China", window=3, documents=docs)
    assert out.iloc[0]["right"] == "policy. China's"
    assert out.iloc[0]["left"] == "U.S. supports the"
    with pytest.raises(ValueError, match="no text"):
        terms.kwic(toks, "one China", documents=docs.iloc[:1])


def test_kwic_regex_glob_possessive_and_speaker(toks):
    toks["speaker"] = "narrator"
    assert set(terms.kwic(toks, "^tai", regex=True)["match"]) == {"Taiwan"}
    assert len(terms.kwic(toks, "trad*")) == 5
    assert len(terms.kwic(toks, "China's")) == 1
    assert "speaker" in terms.kwic(toks, "taiwan").columns
    assert terms.kwic(toks, "tibet").empty


def test_kwic_on_shuffled_rows(toks):
    a = terms.kwic(toks, "one china")
    b = terms.kwic(toks.sample(frac=1, random_state=1), "one china")
    pd.testing.assert_frame_equal(a, b)


def test_dispersion(toks):
    out = terms.dispersion(toks, "taiwan")
    assert list(out["doc_id"]) == ["d1", "d2", "d3"]
    n_tokens = toks.groupby("doc_id").size()
    for row in out.itertuples():
        tokens = toks[toks["doc_id"] == row.doc_id].sort_values("token_id")
        assert tokens["norm"].iloc[row.position] == "taiwan"
        assert row.n_tokens == n_tokens[row.doc_id]
        assert row.relative_position == pytest.approx(row.position / row.n_tokens)


# --- the real White House corpus -------------------------------------------------------------

PRC_OFFICIALS = [
    "Xi Jinping", "Wang Yi", "Li Qiang", "Yang Jiechi", "He Lifeng", "Liu He", "Li Keqiang",
    "Wei Fenghe", "Dong Jun", "Qin Gang", "Wang Wentao", "Han Zheng", "Wang Huning",
]
PRC_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, PRC_OFFICIALS)) + r")\b|People['\u2019]s Republic of China")
# "one China", as kwic(tokens, "one China") defines it: the word "one", then "China",
# separated by whitespace without a blank line (which ends a paragraph, hence a sentence)
# or by one hyphen; case-insensitive; whole words; not part of a longer hyphenated compound.
ONE_CHINA_RE = re.compile(r"(?<![\w\-\u2010\u2011])one(\s+|[-\u2010\u2011])china(?![\w\-\u2010\u2011])", re.IGNORECASE)


def _local_tables(root: Path):
    """Documents and tokens from the project's readers and segmenter (used while the full build is unavailable)."""
    from analysis.readers import read_input
    from analysis.sources import RawInput, iter_inputs

    docs, texts = [], {}
    for raw in iter_inputs([root]):
        if not isinstance(raw, RawInput):
            continue
        for doc in read_input(raw)[0]:
            if doc.doc_id in texts:
                continue
            texts[doc.doc_id] = doc.text
            docs.append({"doc_id": doc.doc_id, "title": doc.meta.get("title") or "", "text": doc.text})
    return pd.DataFrame(docs), make_tokens(texts)


@pytest.fixture(scope="module")
def wh():
    if not WH.exists():
        pytest.skip(f"White House corpus not present at {WH} (../shared absent)")
    try:
        from analysis import build_tables

        tables = build_tables(WH, workers=2)
        documents, tokens = tables.documents, tables.tokens
    except Exception as exc:  # the full pipeline (speakers, tagging) may be mid-development
        warnings.warn(f"build_tables failed ({exc!r}); using readers + segment directly", stacklevel=1)
        documents, tokens = _local_tables(WH)
    documents = documents.assign(title=documents["title"].fillna("").astype(str), text=documents["text"].astype(str))
    china = documents["title"].str.contains(PRC_RE) | documents["text"].str.contains(PRC_RE)
    documents = documents.assign(china=china)
    tokens = tokens.merge(documents[["doc_id", "china"]], on="doc_id", how="left")
    return documents, tokens


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


@pytest.mark.corpus
def test_wh_kwic_one_china_finds_every_occurrence(wh):
    documents, tokens = wh
    expected = collections.Counter()
    for doc_id, text in zip(documents["doc_id"], documents["text"]):
        for m in ONE_CHINA_RE.finditer(text):
            if m.group(1).count("\n") < 2:
                expected[(doc_id, m.start())] += 1
    out = terms.kwic(tokens, "one China", window=5, documents=documents)
    got = collections.Counter(zip(out["doc_id"].astype(str), out["start"]))
    assert got == expected
    assert sum(expected.values()) >= 7


def test_speed_benchmark_runs_on_a_tiny_table(tmp_path, capsys):
    """The benchmark script end to end on a few speeches (no timing asserted)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("terms_speed", config.PROJECT_ROOT / "benchmarks" / "terms_speed.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    toks = make_tokens({"USA_45_1990": TEXTS["d1"], "CHN_75_2020": TEXTS["d2"], "FRA_75_2020": TEXTS["d3"]})
    path = tmp_path / "tokens.parquet"
    toks.to_parquet(path)
    bench.main([str(tmp_path)])
    out = capsys.readouterr().out
    assert "terms total" in out and "naive Counter baseline" in out
    naive = bench.naive(bench.add_year(bench.load_tokens(path)), by="period")
    assert naive["total"] == collections.Counter(toks["norm"])

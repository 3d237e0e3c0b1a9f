"""Tests of analysis.stats.frequency (frequency, ngrams) and the shared term vocabulary (stop words, add_groups)."""

from __future__ import annotations

import collections

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.stats.conftest import TEXTS, make_tokens

from analysis import config
from analysis import stats as terms
from analysis.annotate.segment import STOP_WORDS

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


# --- the speed benchmark ----------------------------------------------------------------------


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

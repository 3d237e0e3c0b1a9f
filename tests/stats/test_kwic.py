"""Tests of analysis.stats.kwic (kwic, dispersion)."""

from __future__ import annotations

import collections
import re

import pandas as pd
import pytest
from tests.stats.conftest import TEXTS, make_tokens

from analysis import stats as terms


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


# "one China", as kwic(tokens, "one China") defines it: the word "one", then "China",
# separated by whitespace without a blank line (which ends a paragraph, hence a sentence)
# or by one hyphen; case-insensitive; whole words; not part of a longer hyphenated compound.
ONE_CHINA_RE = re.compile(r"(?<![\w\-\u2010\u2011])one(\s+|[-\u2010\u2011])china(?![\w\-\u2010\u2011])", re.IGNORECASE)


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

"""Discovered topics (NMF on sentence TF-IDF) and uncovered frequent terms."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from analysis.annotate.lexicon import load_marker_lexicon, load_topic_lexicon
from analysis.stats.themes import SentenceNMF, discover_topics, uncovered_terms

# Three clear themes, each sentence repeated with small variations.
THEMES = {
    "climate": [
        "The leaders discussed climate change and emissions targets.",
        "Both sides pledged to cut methane emissions and fight climate change.",
        "Climate finance and emissions reductions were on the agenda.",
    ],
    "drugs": [
        "They agreed to curb fentanyl precursors and drug trafficking.",
        "Fentanyl trafficking and precursor chemicals remain a concern.",
        "Law enforcement will target fentanyl precursors and traffickers.",
    ],
    "space": [
        "The agencies will cooperate on lunar exploration and satellites.",
        "Lunar exploration missions and satellite launches were reviewed.",
        "Satellite data sharing supports lunar exploration.",
    ],
}


@pytest.fixture(scope="module")
def sentences():
    rows = []
    for rep in range(4):
        for theme, texts in THEMES.items():
            for i, text in enumerate(texts):
                rows.append({"doc_id": f"{theme}{rep}", "sent_id": i, "text": text, "theme": theme})
    return pd.DataFrame(rows)


def test_init_only_stores_parameters():
    model = SentenceNMF(3, min_df=1, random_state=7)
    assert model.get_params()["n_topics"] == 3 and model.get_params()["random_state"] == 7
    assert not [k for k in vars(model) if k.endswith("_")]
    assert clone(model).get_params() == model.get_params()
    with pytest.raises(NotFittedError):
        model.top_terms()


def test_fit_returns_self_and_learns_attributes(sentences):
    model = SentenceNMF(3, min_df=1)
    assert model.fit(sentences["text"]) is model
    assert model.components_.shape[0] == 3
    assert model.sentence_topics_.shape == (len(sentences), 3)
    assert len(model.feature_names_) == model.components_.shape[1]
    assert model.reconstruction_err_ >= 0


def test_topics_separate_the_themes(sentences):
    model = SentenceNMF(3, min_df=1).fit(sentences["text"])
    dominant = model.sentence_topics_.argmax(axis=1)
    by_theme = pd.Series(dominant).groupby(sentences["theme"].to_numpy()).agg(lambda s: s.mode().iloc[0])
    assert sorted(by_theme) == [0, 1, 2]  # each theme gets its own topic
    purity = np.mean([dominant[i] == by_theme[t] for i, t in enumerate(sentences["theme"])])
    assert purity >= 0.9
    terms = model.top_terms(n=4)
    tops = {tuple(g["term"]) for _, g in terms.groupby("topic")}
    assert any("fentanyl" in t for t in tops) and any("lunar" in " ".join(t) for t in tops)


def test_fixed_seed_gives_identical_results(sentences):
    a = SentenceNMF(3, min_df=1, random_state=0).fit(sentences["text"])
    b = SentenceNMF(3, min_df=1, random_state=0).fit(sentences["text"])
    np.testing.assert_array_equal(a.components_, b.components_)


def test_top_terms_shape_and_order(sentences):
    terms = SentenceNMF(3, min_df=1).fit(sentences["text"]).top_terms(n=5)
    assert list(terms.columns) == ["topic", "rank", "term", "weight"]
    for _, group in terms.groupby("topic"):
        assert group["rank"].tolist() == list(range(1, len(group) + 1))
        assert group["weight"].is_monotonic_decreasing


def test_representative_sentences_keep_ids(sentences):
    model = SentenceNMF(3, min_df=1).fit(sentences["text"])
    reps = model.representative_sentences(sentences, n=2)
    assert {"topic", "rank", "weight", "text", "doc_id", "sent_id"} <= set(reps.columns)
    assert reps.groupby("topic").size().max() == 2
    for _, group in reps.groupby("topic"):
        themes = {sentences.loc[(sentences["doc_id"] == d) & (sentences["sent_id"] == s), "theme"].iloc[0] for d, s in zip(group["doc_id"], group["sent_id"])}
        assert len(themes) == 1  # a topic's best examples share one theme
    plain = model.representative_sentences(["lunar exploration satellites"], n=1)
    assert list(plain.columns) == ["topic", "rank", "weight", "text"]


def test_discover_topics_labels(sentences):
    model, terms, examples = discover_topics(sentences, n_topics=3, n_terms=3, n_sentences=1, min_df=1)
    assert isinstance(model, SentenceNMF)
    assert terms["label"].nunique() == 3 and examples["label"].nunique() == 3
    assert len(examples) == 3


def test_more_topics_than_sentences_is_capped():
    model = SentenceNMF(10, min_df=1).fit(["climate change talks", "fentanyl precursor control"])
    assert model.components_.shape[0] == 2


@pytest.fixture(scope="module")
def lexicons():
    return [load_topic_lexicon(), load_marker_lexicon()]


def test_uncovered_terms_skip_what_the_lexicon_covers(sentences, lexicons):
    out = uncovered_terms(sentences, lexicons=lexicons, min_count=3, top=None)
    terms = set(out["term"])
    assert "lunar exploration" in terms and "satellite" in " ".join(terms)
    assert "fentanyl" not in terms and "climate change" not in terms
    assert not any("emissions" in t for t in terms)  # covered words cover the n-grams holding them
    assert out["n"].is_monotonic_decreasing
    assert (out["n"] >= 3).all()
    assert set(out.columns) == {"term", "n", "n_texts", "n_words"}


def test_uncovered_terms_top_and_empty(lexicons):
    texts = ["Lunar exploration, lunar exploration, lunar rovers."] * 3
    out = uncovered_terms(texts, lexicons=lexicons, min_count=2, top=1)
    assert out["term"].tolist() == ["lunar"]
    empty = uncovered_terms(["the and of"], lexicons=lexicons)
    assert empty.empty


def test_uncovered_terms_keep_stop_words_inside_and_drop_them_at_the_ends(tmp_path):
    """"rule of law" is a term as written, and a "rule of law" entry covers it; "of the" and "law and" are no terms."""
    from analysis.annotate.lexicon import load_topic_lexicon

    texts = ["They upheld the rule of law and the rule of law alone."] * 3
    empty = tmp_path / "empty.yaml"
    empty.write_text("topics:\n  other:\n    terms: [lunar]\n", encoding="utf-8")
    terms = set(uncovered_terms(texts, lexicons=[load_topic_lexicon(empty)], min_count=3, top=None)["term"])
    assert {"rule of law", "rule", "law", "upheld"} <= terms
    assert not {"rule law", "of the", "law and", "the rule", "the"} & terms
    covering = tmp_path / "law.yaml"
    covering.write_text("topics:\n  law:\n    terms: [rule of law]\n", encoding="utf-8")
    covered = set(uncovered_terms(texts, lexicons=[load_topic_lexicon(covering)], min_count=3, top=None)["term"])
    assert "rule of law" not in covered and "upheld rule of" not in covered and "upheld" in covered


def test_an_entry_for_other_sides_only_covers_nothing_in_these_texts(tmp_path):
    """"war" given to Kyiv's readouts only (sides: [UA]) covers "war" in Kyiv's texts, not in anyone else's."""
    from analysis.annotate.lexicon import load_topic_lexicon

    path = tmp_path / "t.yaml"
    path.write_text("topics:\n  w:\n    terms: [{term: war, sides: [UA]}]\n", encoding="utf-8")
    lexicons = [load_topic_lexicon(path)]
    texts = ["The war goes on."] * 3
    assert "war" in set(uncovered_terms(texts, lexicons=lexicons, min_count=3, top=None, side="US")["term"])
    assert "war" not in set(uncovered_terms(texts, lexicons=lexicons, min_count=3, top=None, side="UA")["term"])
    assert "war" not in set(uncovered_terms(texts, lexicons=lexicons, min_count=3, top=None)["term"])

"""The lexicon files and the compiled matcher."""

from __future__ import annotations

import pickle
import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import config
from analysis.annotate.lexicon import LexiconError, load_marker_lexicon, load_topic_lexicon

#: The taxonomy and categories of ../shared/DESIGN.md (the contract).
TAXONOMY = """
bilateral_relations taiwan hong_kong xinjiang tibet south_china_sea human_rights democracy_values
internal_affairs_sovereignty trade_economy technology_export_controls sanctions climate_change energy
public_health counternarcotics military_communication nuclear_arms_control ukraine_russia middle_east
iran_nuclear korean_peninsula afghanistan myanmar people_to_people detained_citizens
multilateral_institutions indo_pacific alliances_blocs food_security development_finance migration
""".split()
CATEGORIES = """
directive commitment opposition booster hedge cooperative_frame confrontational_frame blame denial
red_line negative_evaluation positive_evaluation
""".split()


def spans(matcher, text):
    return [(text[s:e], matcher.entries[i].term) for s, e, i in matcher.find(text)]


def test_default_paths_come_from_config(topics, markers):
    assert topics.path == str(config.TOPICS_LEXICON)
    assert markers.path == str(config.MARKERS_LEXICON)


def test_every_topic_id_has_real_vocabulary(topics):
    assert list(topics.topics) == TAXONOMY
    for topic in TAXONOMY:
        assert len(topics.terms(topic)) >= 4, topic
        assert topics.topics[topic], f"{topic} has no description"


def test_every_marker_category_has_vocabulary(markers):
    assert list(markers.categories) == CATEGORIES
    for cat in CATEGORIES:
        assert len(markers.terms(cat)) >= 5, cat


@pytest.mark.parametrize(
    ("topic", "term"),
    [
        ("taiwan", "Taiwan Straits"),
        ("taiwan", "one-China policy"),
        ("iran_nuclear", "Iranian nuclear issue"),
        ("korean_peninsula", "DPRK"),
        ("counternarcotics", "fentanyl"),
        ("military_communication", "mil-mil"),
        ("detained_citizens", "exit bans"),
        ("alliances_blocs", "small cliques"),
    ],
)
def test_issue_vocabulary_is_in_the_topic_lexicon(topics, topic, term):
    assert term in topics.terms(topic)


@pytest.mark.parametrize(
    ("category", "term"),
    [("opposition", "not in line with"), ("opposition", "solemn concern"), ("positive_evaluation", "candid"), ("positive_evaluation", "constructive")],
)
def test_issue_vocabulary_is_in_the_marker_lexicon(markers, category, term):
    assert term in markers.terms(category)


@pytest.mark.parametrize("path", [config.TOPICS_LEXICON, config.MARKERS_LEXICON])
def test_every_entry_says_where_it_comes_from(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    in_terms = False
    undocumented = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("terms:"):
            in_terms = True
            continue
        if in_terms and stripped.startswith("- "):
            if "#" not in stripped:
                undocumented.append(stripped)
        elif stripped and not stripped.startswith("#"):
            in_terms = False
    assert not undocumented, undocumented[:5]


def test_lexicons_pickle_and_match_the_same(topics, markers):
    text = "The Taiwan Straits and the one-China policy; we urge the United States."
    for lex in (topics, markers):
        clone = pickle.loads(pickle.dumps(lex))
        assert clone.find(text) == lex.find(text)
        assert clone.find(text)


def test_custom_lexicon_file(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("topics:\n  space:\n    description: outer space\n    terms: [lunar exploration, Mars]\n", encoding="utf-8")
    lex = load_topic_lexicon(path)
    assert list(lex.topics) == ["space"]
    assert [lex.matcher.entries[i].term for _s, _e, i in lex.find("Lunar exploration and Mars; mars")] == ["lunar exploration", "Mars"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- just a list\n", "mapping"),
        ("topics: {}\n", "non-empty"),
        ("topics:\n  t:\n    terms: [{target: x}]\n", "cannot read"),
        ("topics: [unclosed\n", "not valid YAML"),
    ],
)
def test_bad_topic_files_raise_a_plain_error(tmp_path, content, message):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=message):
        load_topic_lexicon(path)


def test_missing_file_raises(tmp_path):
    with pytest.raises(LexiconError, match="not found"):
        load_marker_lexicon(tmp_path / "nope.yaml")


def test_bad_marker_target_raises(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(yaml.safe_dump({"categories": {"directive": {"terms": [{"term": "urge", "target": "sideways"}]}}}), encoding="utf-8")
    with pytest.raises(LexiconError, match="target"):
        load_marker_lexicon(path)


_WORDS = st.sampled_from(["Taiwan", "Strait", "taiwan", "US", "us", "one", "China", "one-China", "policy", "policies", "Iranian", "Iran", "the", ",", ".", "-"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_WORDS, max_size=25))
def test_matches_are_ordered_disjoint_and_on_token_boundaries(topics, words):
    text = " ".join(words)
    found = topics.find(text)
    last = 0
    for start, end, idx in found:
        assert last <= start < end <= len(text)
        assert not (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"))
        assert not (end < len(text) and (text[end].isalnum() or text[end] == "_"))
        assert re.sub(r"[\s\-]+", " ", text[start:end]).lower().startswith(re.sub(r"[\s\-]+", " ", topics.matcher.entries[idx].term).lower()[:3])
        last = end


def test_plural_can_be_turned_off(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("topics:\n  rel:\n    terms: [{term: partnership, plural: false}]\n", encoding="utf-8")
    lex = load_topic_lexicon(path)
    assert [(s, e) for s, e, _i in lex.find("partnerships with unions; the partnership")] == [(30, 41)]


def test_sides_name_the_issuers_an_entry_counts_for(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("topics:\n  w:\n    terms: [{term: war, sides: [ua, RU]}, peace]\n", encoding="utf-8")
    assert load_topic_lexicon(path).sides == {("w", "war"): frozenset({"UA", "RU"})}
    path.write_text("topics:\n  w:\n    terms: [{term: war, sides: Ukraine}]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="sides of 'war'"):
        load_topic_lexicon(path)


def test_the_shipped_war_entry_counts_for_kyiv_only(topics):
    assert topics.sides["ukraine_russia", "war"] == frozenset({"UA"})


def test_loading_a_large_lexicon_runs_no_garbage_collection(tmp_path):
    """A 6,000-entry lexicon loads without one collection of the cyclic GC (whose walks made loading superlinear)."""
    import gc

    words = [f"term{i} word{i % 97}" for i in range(6000)]
    path = tmp_path / "big.yaml"
    path.write_text(yaml.safe_dump({"topics": {"big": {"description": "generated", "terms": words}}}), encoding="utf-8")
    collections = []
    callback = lambda phase, info: collections.append(info["generation"]) if phase == "start" else None  # noqa: E731
    gc.callbacks.append(callback)
    try:
        lexicon = load_topic_lexicon(path)
    finally:
        gc.callbacks.remove(callback)
    assert len(collections) <= 1  # at most the one pass due once collection is back on (hundreds without the pause)
    assert gc.isenabled()
    assert [lexicon.matcher.entries[i].term for _, _, i in lexicon.find("A term5999 word82 here.")] == ["term5999 word82"]

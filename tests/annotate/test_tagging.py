"""Topic and marker tagging: the seed sentence by sentence, polarity, targets, and real White House readouts."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import SEED

from analysis import config
from analysis.annotate.lexicon import load_topic_lexicon
from analysis.annotate.segment import segment
from analysis.annotate.tagging import tag_markers, tag_topics

LABELS = Path(__file__).parents[1] / "fixtures" / "topic_labels.yaml"


def read_body(path: Path) -> str:
    """The normalised body of one input, through the project's reader."""
    from analysis.ingest.readers import read_input
    from analysis.ingest.sources import RawInput

    docs, _rejected = read_input(RawInput(path.name if path.suffix == ".txt" else str(path), path.read_bytes()))
    return docs[0].text


@pytest.fixture(scope="module")
def seed():
    text = read_body(SEED)
    return text, segment(text).sentences


@pytest.fixture(scope="module")
def seed_topics(seed, topics):
    text, sents = seed
    return tag_topics(text, sents, lexicon=topics)


@pytest.fixture(scope="module")
def seed_markers(seed, markers):
    text, sents = seed
    return tag_markers(text, sents, lexicon=markers)


def tag(text, lexicon, fn=tag_markers):
    return fn(text, segment(text).sentences, lexicon=lexicon)


# The seed, sentence by sentence: the topics each sentence speaks of (read by hand).
SEED_SENTENCE_TOPICS: list[tuple[str, set[str]]] = [
    ("On October 31, 2021 local time", set()),
    ("Wang Yi said that bilateral relations between China", {"bilateral_relations"}),
    ("The United States has wantonly interfered", {"internal_affairs_sovereignty"}),
    ("The current U.S. Congress has introduced", {"sanctions", "bilateral_relations"}),
    ("Moreover, the United States is also forming various small cliques", {"alliances_blocs"}),
    ("These practices are not in line with", set()),
    ("Wang Yi said that the important experience", {"bilateral_relations"}),
    ("The two sides have learned from several contacts", {"bilateral_relations"}),
    ("The Secretary-General of the United Nations", {"multilateral_institutions"}),
    ("The important consensus reached by the heads of state", {"bilateral_relations"}),
    ("The urgent task at the moment", {"bilateral_relations"}),
    ("Wang Yi said that I am willing", {"bilateral_relations"}),
    ("Wang Yi pointed out that the Taiwan issue", {"taiwan"}),
    ("If it is handled wrongly", {"bilateral_relations"}),
    ("Recently, the situation across the Taiwan Straits", {"taiwan"}),
    ("Wang Yi stressed that the true status", {"taiwan"}),
    ("Historical experience has repeatedly proved", {"taiwan"}),
    ("The crux of the current situation", {"taiwan"}),
    ("To stop the development", {"taiwan"}),
    ("We urge the United States to realize", {"taiwan"}),
    ("We also urge the United States", {"taiwan"}),
    ("Blinken reiterated", {"taiwan"}),
    ("He said the two sides should develop bilateral relations", {"bilateral_relations"}),
    ("The United States is willing to maintain communication", {"bilateral_relations"}),
    ("Wang Yi also expressed China's solemn concern", {"bilateral_relations"}),
    (
        "The two sides also exchanged views",
        {"climate_change", "energy", "iran_nuclear", "korean_peninsula", "myanmar", "afghanistan"},
    ),
]


def test_seed_segments_as_the_expected_list_assumes(seed):
    text, sents = seed
    assert len(sents) == len(SEED_SENTENCE_TOPICS)
    for (s, _e, _p), (opening, _topics) in zip(sents, SEED_SENTENCE_TOPICS):
        assert text[s:].startswith(opening)


def test_seed_topics_sentence_by_sentence(seed, seed_topics):
    text, sents = seed
    found = defaultdict(set)
    for sent_id, topic, _term, _s, _e in seed_topics:
        found[sent_id].add(topic)
    for sent_id, (opening, expected) in enumerate(SEED_SENTENCE_TOPICS):
        assert found[sent_id] == expected, f"sentence {sent_id} ({opening}...)"


def test_seed_document_topics(seed_topics):
    required = {
        "taiwan", "sanctions", "internal_affairs_sovereignty", "alliances_blocs", "multilateral_institutions",
        "bilateral_relations", "climate_change", "energy", "iran_nuclear", "korean_peninsula", "myanmar", "afghanistan",
    }  # fmt: skip
    assert required <= {row[1] for row in seed_topics}


def test_topic_rows_are_spans_of_their_sentence(seed, seed_topics, topics):
    text, sents = seed
    terms = {e.term for e in topics.matcher.entries}
    for sent_id, topic, term, start, end in seed_topics:
        s, e, _p = sents[sent_id]
        assert s <= start < end <= e
        assert term in terms
        assert topic in topics.topics
    surfaces = {(text[s:e], term) for _i, _t, term, s, e in seed_topics}
    assert ("Taiwan Straits", "Taiwan Straits") in surfaces
    assert ("one-China policy", "one-China policy") in surfaces
    assert ("Iranian nuclear issue", "Iranian nuclear issue") in surfaces


def marker_rows(rows, category, surface=None):
    return [r for r in rows if r[1] == category and (surface is None or r[3] == surface)]


def test_seed_directives_target_the_united_states(seed, seed_markers):
    text, sents = seed
    urge_sents = [i for i, (s, e, _p) in enumerate(sents) if "We urge the United States" in text[s:e] or "We also urge the United States" in text[s:e]]
    assert len(urge_sents) == 2
    for sent_id in urge_sents:
        rows = [r for r in marker_rows(seed_markers, "directive", "urge") if r[0] == sent_id]
        assert rows and all(r[6] == "United States" for r in rows)
    requested = marker_rows(seed_markers, "directive", "requested")
    assert [r[6] for r in requested] == ["United States"]


def test_seed_denial_blame_and_frames(seed_markers):
    (denial,) = marker_rows(seed_markers, "denial", "not a fact at all")
    assert denial[6] == "United States" and denial[7] is False
    cliques = marker_rows(seed_markers, "confrontational_frame", "small cliques")
    assert len(cliques) == 1 and cliques[0][7] is False
    (cold_war,) = [r for r in marker_rows(seed_markers, "confrontational_frame") if "Cold War" in r[3]]
    assert cold_war[3] == "new Cold War" and cold_war[7] is True  # "avoid a new Cold War"
    assert marker_rows(seed_markers, "cooperative_frame", "mutual respect")
    assert marker_rows(seed_markers, "negative_evaluation", "wantonly")
    assert marker_rows(seed_markers, "negative_evaluation", "treacherously")
    assert marker_rows(seed_markers, "opposition", "solemn concern")
    assert len(marker_rows(seed_markers, "opposition", "not in line with")) == 3
    (wrong,) = marker_rows(seed_markers, "blame", "wrong China policy")
    assert wrong[6] == "United States"
    (to_blame,) = marker_rows(seed_markers, "blame", "to blame")
    assert to_blame[6] == "United States"


def test_seed_confrontation_asserted_and_avoided(seed_markers):
    conf = [(r[3], r[7]) for r in marker_rows(seed_markers, "confrontational_frame") if r[3].lower() == "confrontation"]
    # "gain from cooperation and lose from confrontation" asserts it; "avoid confrontation" (twice) rejects it
    assert conf == [("confrontation", False), ("confrontation", True), ("confrontation", True)]


def test_marker_rows_are_consistent(seed, seed_markers, markers):
    text, sents = seed
    for sent_id, category, marker, surface, start, end, target, negated in seed_markers:
        assert text[start:end] == surface
        s, e, _p = sents[sent_id]
        assert s <= start < end <= e
        assert category in markers.categories
        assert marker in markers.terms(category)
        assert isinstance(negated, bool)
        assert target is None or isinstance(target, str)


@pytest.mark.parametrize(
    ("sentence", "surface", "negated"),
    [
        ("China will not seek a new Cold War.", "new Cold War", True),
        ("Both sides should avoid a new Cold War.", "new Cold War", True),
        ("The United States does not support Taiwan independence.", "support", True),
        ("The United States will support the talks.", "support", False),
        ("They want no conflict, no confrontation.", "confrontation", True),
        ("This is not only about cooperation but about trust.", "cooperation", False),
        ("It seeks confrontation, not dialogue.", "confrontation", False),
        ("It seeks confrontation, not dialogue.", "dialogue", True),
        ("China upholds non-interference in others.", "interference", True),
        ("It won't seek confrontation.", "confrontation", True),
        ("They agreed to prevent competition from veering into conflict.", "conflict", True),
        ("Ukraine will defend itself against Russian aggression.", "aggression", False),
    ],
)
def test_negation(markers, sentence, surface, negated):
    rows = [r for r in tag(sentence, markers) if r[3] == surface]
    assert rows, f"{surface!r} not tagged in {sentence!r}"
    assert all(r[7] is negated for r in rows)


@pytest.mark.parametrize(
    ("sentence", "surface", "target"),
    [
        ("President Biden called on Russia to de-escalate tensions.", "called on", "Russia"),
        ("He urged Congress to act now.", "urged", "U.S. Congress"),
        ("He urged Parliament to act now.", "urged", "Parliament"),
        ("We urge the PRC to stop its pressure.", "urge", "China"),
        ("The two sides should restart dialogue.", "should", "both sides"),
        ("The crisis was caused by the Taiwan authorities.", "caused by", "Taiwan authorities"),
        ("Washington has claimed that Beijing helped; such claims are groundless.", "groundless", "United States"),
        ("We urge all parties to show restraint.", "urge", None),
    ],
)
def test_targets(markers, sentence, surface, target):
    rows = [r for r in tag(sentence, markers) if r[3] == surface]
    assert rows, f"{surface!r} not tagged in {sentence!r}"
    assert rows[0][6] == target


def test_non_targeted_categories_have_no_target(seed_markers):
    assert all(r[6] is None for r in seed_markers if r[1] in ("booster", "hedge", "cooperative_frame", "positive_evaluation"))


def test_shadow_entries_hide_topic_words_and_are_never_reported(topics):
    text = "The National Security Council met. The UN Security Council met."
    rows = tag(text, topics, fn=tag_topics)
    assert [(r[1], text[r[3] : r[4]]) for r in rows] == [("multilateral_institutions", "UN"), ("multilateral_institutions", "Security Council")]
    assert not any(t.startswith("_") for t in topics.topics)


def test_blame_takes_no_capitalised_name_as_target(markers):
    rows = [r for r in tag("They discussed the Root Causes Strategy.", markers) if r[1] == "blame"]
    assert rows and rows[0][6] is None


def test_empty_document(topics, markers):
    assert tag_topics("", [], lexicon=topics) == []
    assert tag_markers("", [], lexicon=markers) == []


def test_topic_lexicon_path_is_a_parameter(tmp_path):
    path = tmp_path / "topics.yaml"
    path.write_text("topics:\n  fisheries:\n    description: fish\n    terms: [fishing, IUU fishing]\n", encoding="utf-8")
    text = "They discussed IUU fishing and Taiwan."
    rows = tag(text, load_topic_lexicon(path), fn=tag_topics)
    assert [(r[1], r[2], text[r[3] : r[4]]) for r in rows] == [("fisheries", "IUU fishing", "IUU fishing")]


# --------------------------------------------------------------------------- real White House readouts


def _labelled() -> list[dict]:
    return yaml.safe_load(LABELS.read_text(encoding="utf-8"))["documents"]


def test_labelled_sample_is_diverse_and_uses_taxonomy_ids(topics):
    docs = _labelled()
    assert len(docs) >= 30
    assert len({d["path"] for d in docs}) == len(docs)
    used = {t for d in docs for t in d["topics"]}
    assert used <= set(topics.topics)
    assert len(used) >= 25
    assert any(not d["topics"] for d in docs)  # a readout with none of the topics tests precision too


@pytest.mark.corpus
def test_document_topic_recall_and_precision_on_white_house_sample(topics):
    if not config.SHARED.exists():
        pytest.skip(f"hand-labelled sample needs the White House corpus; {config.SHARED} is absent")
    tp = fp = fn = 0
    misses: list[str] = []
    for doc in _labelled():
        path = config.WHITEHOUSE_CORPUS / doc["path"]
        assert path.exists(), f"labelled document missing from the corpus: {doc['path']}"
        text = read_body(path)
        got = {r[1] for r in tag_topics(text, segment(text).sentences, lexicon=topics)}
        want = set(doc["topics"])
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
        if got != want:
            misses.append(f"{Path(doc['path']).name}: +{sorted(got - want)} -{sorted(want - got)}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    detail = "\n".join(misses)
    assert recall >= 0.90, f"recall {recall:.3f} < 0.90\n{detail}"
    assert precision >= 0.90, f"precision {precision:.3f} < 0.90\n{detail}"

"""Speaker attribution: the seed exactly, hand-labelled White House readouts, the speakers table."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from conftest import SEED

from analysis import config
from analysis.annotate.segment import segment
from analysis.annotate.speakers import annotate_speakers
from analysis.vocab import BOTH_SIDES as BOTH
from analysis.vocab import NARRATOR

LABELS = Path(__file__).parents[1] / "fixtures" / "attribution_labels.yaml"


def read_doc(path: Path, rel: str | None = None):
    """Read a file with the project's reader (text, meta)."""
    from analysis.ingest.readers import read_input
    from analysis.ingest.sources import RawInput

    docs, _ = read_input(RawInput(path=rel or path.name, data=path.read_bytes()))
    return docs[0].text, docs[0].meta


def annotate(text: str, meta: dict, gaz):
    seg = segment(text)
    return seg, annotate_speakers(text, seg.sentences, meta, gazetteer=gaz)


@pytest.fixture(scope="module")
def seed(gaz):
    text, meta = read_doc(SEED)
    seg, who = annotate(text, meta, gaz)
    return text, seg, who


def test_seed_issuer_inferred_without_sidecar(seed):
    _, _, who = seed
    assert (who.source, who.side) == ("PRC MFA", "CN")
    assert who.participants == ["Wang Yi", "Antony Blinken"]
    assert who.participant_sides == ["CN", "US"]


def test_seed_exactly(seed):
    text, seg, who = seed
    paras = [p for _, _, p in seg.sentences]
    assert who.speaker[0] == NARRATOR and who.attribution[0] == "narration"
    wang = [i for i, p in enumerate(paras) if p in (1, 2, 3, 4, 6)]
    assert len(wang) == 21
    assert all(who.speaker[i] == "Wang Yi" and who.speaker_side[i] == "CN" for i in wang)
    blinken = [i for i, p in enumerate(paras) if p == 5]
    assert [who.speaker[i] for i in blinken] == ["Antony Blinken"] * 3
    assert [who.attribution[i] for i in blinken] == ["explicit", "pronoun", "continuation"]
    assert [who.reporting_verb[i] for i in blinken] == ["reiterate", "say", None]
    assert (who.speaker[-1], who.attribution[-1], who.speaker_side[-1]) == (BOTH, "joint", None)
    assert who.attribution[1] == "explicit" and who.reporting_verb[1] == "say"
    assert who.attribution[2] == "continuation"


def sentences_of(text: str) -> list[tuple[int, int, int]]:
    return segment(text).sentences


@pytest.mark.parametrize("text, expected", [
    ("President Joe Biden spoke today with President Xi Jinping of the People’s Republic of China.\n\n"
     "The President underscored the importance of open lines of communication. He raised concerns about Xinjiang. "
     "The two leaders discussed climate change. President Biden and President Xi agreed to stay in touch.",
     [(NARRATOR, "narration"), ("Joe Biden", "role"), ("Joe Biden", "pronoun"), (BOTH, "joint"), (BOTH, "joint")]),
    ("Vice President Kamala Harris met today with Prime Minister Ana Torvik of Norway.\n\n"
     "She thanked the Prime Minister for her leadership. The Prime Minister welcomed the visit. "
     "They agreed to meet again.",
     [(NARRATOR, "narration"), ("Kamala Harris", "pronoun"), ("Ana Torvik", "role"), (BOTH, "joint")]),
    ("National Security Advisor Jake Sullivan met with Director Wang Yi in Vienna.\n\n"
     "Mr. Sullivan stressed the need to manage competition. The Chinese side raised Taiwan.",
     [(NARRATOR, "narration"), ("Jake Sullivan", "explicit"), ("Wang Yi", "role")]),
])
def test_attribution_cases(gaz, text, expected):
    meta = {"source": "White House", "side": "US", "kind": "readout", "date": "2023-05-11", "title": None}
    who = annotate_speakers(text, sentences_of(text), meta, gazetteer=gaz)
    assert list(zip(who.speaker, who.attribution)) == expected


def test_unknown_leader_speaks_with_side(gaz):
    text = "President Biden met today with Prime Minister Jan Novakovsky of Slovakia.\n\nPrime Minister Novakovsky noted the ties between the two countries."
    who = annotate_speakers(text, sentences_of(text), {"side": "US", "source": "White House", "date": "2023-01-01"}, gazetteer=gaz)
    assert who.participants == ["Joe Biden", "Jan Novakovsky"]
    assert (who.speaker[1], who.speaker_side[1], who.reporting_verb[1]) == ("Jan Novakovsky", "SK", "note")


def test_the_president_is_the_president_in_office(gaz):
    text = "The President spoke today with Prime Minister Keir Starmer of the United Kingdom.\n\nThe President thanked the Prime Minister."
    for date, name in (("2019-06-01", "Donald Trump"), ("2022-06-01", "Joe Biden"), ("2025-06-01", "Donald Trump")):
        who = annotate_speakers(text, sentences_of(text), {"side": "US", "date": date}, gazetteer=gaz)
        assert who.speaker[1] == name


def test_speech_every_sentence_is_the_speaker_and_fast(gaz):
    text = "We meet at a difficult time. " * 20 + "\n\nThe world needs peace."
    sents = sentences_of(text)
    who = annotate_speakers(text, sents, {"kind": "speech", "side": "CN", "source": "UN General Debate"}, gazetteer=gaz)
    assert set(who.speaker) == {"China"} and set(who.attribution) == {"explicit"} and len(who.speaker) == len(sents)
    named = annotate_speakers(text, sents, {"kind": "speech", "side": "FR", "speaker": "Emmanuel Macron"}, gazetteer=gaz)
    assert set(named.speaker) == {"Emmanuel Macron"} and set(named.speaker_side) == {"FR"}
    start = time.perf_counter()
    for _ in range(2000):
        annotate_speakers(text, sents, {"kind": "speech", "side": "CN"}, gazetteer=gaz)
    assert time.perf_counter() - start < 1.0


def test_labelled_sample_accuracy(gaz):
    if not config.SHARED.exists():
        pytest.skip(f"../shared absent ({config.SHARED}): hand-labelled White House sample not measured")
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["documents"]
    assert len(labels) >= 15
    right = total = 0
    misses = []
    for doc in labels:
        text, meta = read_doc(config.WHITEHOUSE_CORPUS / doc["path"], doc["path"])
        _, who = annotate(text, meta, gaz)
        assert len(who.speaker) == doc["n_sentences"], doc["path"]
        for i, (got, want) in enumerate(zip(who.speaker, doc["speakers"])):
            total += 1
            right += got == want
            if got != want:
                misses.append((doc["path"], i, got, want))
    accuracy = right / total
    print(f"attribution accuracy {accuracy:.3f} on {total} sentences of {len(labels)} readouts; misses: {misses}")
    assert accuracy >= 0.95, misses

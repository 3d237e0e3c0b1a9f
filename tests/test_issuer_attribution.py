"""Who said what, and which topics, in the Kremlin's, the Ukrainian presidency's and the State Department's readouts.

Hand-labelled samples (tests/fixtures/labels_{kremlin,ukraine,state}.yaml, 16 readouts each, half held out,
labelled blind from the text before the attribution rules for these house styles were written; the
``*_more.yaml`` and ``*_dev*.yaml`` files are further development readouts; the ``*_heldout2.yaml`` files are a
second held-out round of 10 readouts per issuer, labelled blind by another labeller after the third round of rules,
and scored apart; labels_ukraine_heldout3.yaml is a third Kyiv round of 6, the last the corpus holds). Sentences are
matched to the build's by a hash of their first words, so the fixtures hold no corpus text. The floors are the
held-out figures measured when the rules were written (see the closing note of issue 12); a change that lowers them
fails here. Skipped, saying so, when ../shared is absent.
"""

from __future__ import annotations

import collections
import hashlib
import re
from pathlib import Path

import pytest
import yaml

from analysis import build_tables, config

FIXTURES = Path(__file__).parent / "fixtures"
ISSUERS = ("kremlin", "ukraine", "state")

#: Least held-out sentence-speaker accuracy, topic recall, and most false topics, per issuer.
#: Measured at the house-style round of issue 12 (held-out: Kremlin 0.980 / 0.862 / 0.000, Ukraine 0.959 / 0.868 /
#: 0.029, State 0.927 / 0.778 / 0.087; development speakers 0.981, 1.000, 1.000), floors rounded down, ceilings up.
#: Third round (labels_*_dev3.yaml added to development): held-out State 0.951 (39/41) / 0.889 / 0.077, Kremlin and
#: Ukraine unchanged; development speakers 0.982, 1.000, 1.000.
#: Second held-out round (labels_*_heldout2.yaml, never seen by the rules), measured on the rules of the third round:
#: Kremlin 0.917 (55/60) / 0.872 / 0.029, Ukraine 0.970 (163/168) / 0.714 / 0.062, State 1.000 (57/57) / 0.902 / 0.000.
#: Fourth round (labels_{kremlin,ukraine}_dev4.yaml added to development; rules and lexicon changed on development
#: data only), measured once: round 1 Kremlin 1.000 (50/50) / 0.897 (26/29) / 0.000, Ukraine and State unchanged;
#: round 2 Kremlin 0.917 / 0.897 (35/39) / 0.028 (1/36), Ukraine 0.970 / 0.746 (47/63) / 0.060 (3/50), State unchanged;
#: development speakers 0.986, 0.998, 1.000.
#: Fifth round (labels_{kremlin,ukraine,state}_dev5.yaml added to development, the Ukrainian ones long; rules and lexicon
#: changed on development data only), measured once: round 1 unchanged; round 2 Ukraine topic recall 0.778 (49/63),
#: false topics 0.058 (3/52), the rest unchanged; development speakers 0.994, 0.993, 1.000.
#: Sixth round (labels_*_dev6.yaml, 28 new blind development readouts; rules and lexicon changed on development data
#: only), measured once: round 1 Ukraine speakers 0.948 (92/97), the rest of round 1 unchanged; round 2 Kremlin speakers
#: 0.967 (58/60), Ukraine 0.982 (165/168) / 0.794 (50/63) / 0.057 (3/53), State unchanged.
#: Seventh round (labels_*_dev7.yaml and labels_ukraine_dev8.yaml, 34 new blind development readouts), measured once:
#: round 1 State topic recall 0.852 (23/27), false topics 0.080 (2/25), the rest of round 1 as in the sixth; round 2
#: Ukraine speakers 0.970 (163/168), the rest of round 2 as in the sixth; development speakers 0.996, 0.995, 1.000.
#: Eighth round (labels_state_dev9.yaml, whose header calls it the ninth: 10 new blind development readouts; the Kremlin and Kyiv labellers had
#: not finished), measured once: round 2 State topic recall 0.922 (47/51), everything else as in the seventh.
#: Ninth to eleventh rounds (labels_kremlin_dev9*.yaml to _dev11d.yaml, labels_ukraine_dev9*.yaml, labels_state_dev10*.yaml:
#: 88 new blind development readouts, each file scored fresh before any change it led to), measured once: round 1 Kremlin
#: speakers 0.980 (49/50), the rest of round 1 as in the eighth; round 2 Kremlin topic recall 0.923 (36/39), false topics
#: 0.027 (1/37), Ukraine topic recall 0.810 (51/63), false topics 0.056 (3/54), the rest of round 2 as in the eighth;
#: development speakers Kremlin 0.982, Ukraine 0.995, State 0.994 (the new Kremlin files score lower; the floor follows).
#: Twelfth and thirteenth rounds (labels_ukraine_dev12*.yaml: 26 Kyiv reports of remarks to the media after talks, a
#: development-only kind; labels_state_dev13*.yaml: 36 short State readouts; scored fresh, then rules and lexicon changed
#: on development data only), measured once: round 1 Ukraine speakers 0.979 (95/97); round 2 Ukraine speakers 0.976
#: (164/168), false topics 0.038 (2/53); everything else as in the eleventh; development speakers Kremlin 0.982,
#: Ukraine 0.987, State 0.993.
#: Fourteenth round (labels_ukraine_dev14*.yaml: 33 Kyiv readouts of the Head's or a Deputy Head's talks with officials of
#: no top office, a development-only kind; scored fresh at speakers 0.82-0.96, then rules changed on development only):
#: development speakers Kremlin 0.982, Ukraine 0.973, State 0.993. The development floor goes to 0.97: these files' labellers
#: read some openings differently ("X discussed ... with Y" as X's in labels_ukraine_dev14f.yaml), which no rule follows.
#: Measured once: every held-out figure as in the thirteenth round.
#: Fifteenth round (labels_ukraine_dev15*.yaml: 18 short Kyiv readouts of 2 to 7 sentences; labels_state_dev15*.yaml: 24
#: short State readouts from a new draw; both development-only kinds; scored fresh, then rules and lexicon changed on
#: development data only, among them entries for Kyiv's readouts only, "war"), measured once: round 1 Ukraine topic
#: recall 0.895 (34/38), State false topics 0.042 (1/24); round 2 State topic recall 0.941 (48/51); everything else as
#: in the fourteenth; development speakers Kremlin 0.982, Ukraine 0.973, State 0.989.
#: Sixteenth round (labels_ukraine_dev16*.yaml: 24 Kyiv readouts of talks with several counterparts; labels_state_dev16*.yaml:
#: 12 more short State readouts; development-only kinds, scored fresh, rules changed on development only), measured once:
#: every held-out figure as in the fifteenth; development speakers Kremlin 0.982, Ukraine 0.972, State 0.989.
#: Seventeenth round (no new labels: the vocabulary of the war for Kyiv's readouts only, from development counts),
#: measured once: every held-out figure as in the fifteenth.
#: Eighteenth round (no new labels: trilateral cooperation and the parties' own alliances as bilateral_relations, from
#: State development readouts), measured once: every held-out figure as in the fifteenth.
#: Then labels_state_dev17*.yaml (18 short State readouts, labelled alongside and scored fresh at speakers 1.000, 1.000,
#: 0.917) joined development with no rule changed from them and no held-out measurement; development speakers State 0.988.
#: Nineteenth round (labels_ukraine_dev17.yaml, _dev17c.yaml: 7 Kyiv readouts of talks with counterparts of no top office,
#: labelled in the seventeenth round and scored fresh at speakers 0.785 and 0.892; rules changed on development only: a
#: middle initial in a quotation's closing name, ambassadors "of X to Ukraine" and in full style, lower-case roles),
#: measured once: every held-out figure as in the fifteenth; development speakers Kremlin 0.982, Ukraine 0.974, State 0.988.
#: Twentieth round (no new labels: Kyiv reports of remarks read as accounts of their talks, "According to X, Y confirmed"
#: as Y's, attachés, migration's "IDP" and "internally displaced", from development errors), measured once: every
#: held-out figure as in the fifteenth; development speakers Kremlin 0.982, Ukraine 0.978, State 0.988.
#: Twenty-first round (no new labels: Kyiv's words for economic and financial support, named friends and partners,
#: reforms and domestic politics, liberating occupied territories, defence-sector cooperation, rebuilding and
#: infrastructure projects, each from development readouts the lexicon missed; development topic recall Ukraine
#: 0.908 -> 0.939 at false topics 0.082), measured once: round 1 Ukraine topic recall 0.921 (35/38), false topics 0.054
#: (2/37); round 2 Ukraine topic recall 0.841 (53/63), false topics 0.036 (2/55); everything else as in the fifteenth.
#: Third held-out round (labels_ukraine_heldout3.yaml: 6 Kyiv readouts, labelled blind by helper sessions after the
#: twenty-first round; only 6 unlabelled releases of the corpus fit the pool rule, both pools read to the end, so no
#: further Kyiv round can be drawn) and twenty-second round (no new development labels: Kyiv's rights of Ukrainians and
#: their deportation, Ukrainians staying abroad, visit and contact formulas, destroyed educational institutions as no
#: exchange; joint subjects "the diplomats", "the participants in the consultations", agenda passives with an adverb;
#: development speakers Ukraine 0.981, topic recall 0.949, false topics 0.078), measured once: round 3 Ukraine speakers
#: 0.919 (68/74), topic recall 0.795 (31/39), false topics 0.031 (1/32); round 2 Ukraine topic recall 0.857 (54/63),
#: false topics 0.018 (1/55); everything else as in the twenty-first. Pooled over the three rounds, Ukraine: speakers
#: 0.965 (327/339), topic recall 0.857 (120/140), false topics 0.032 (4/124).
#: Twenty-third round (labels_ukraine_dev18a-d.yaml, 29 Kyiv readouts of kinds no held-out round holds, labelled blind
#: and scored fresh; rules changed on development only: names with titles in apposition, delegations' members, working
#: visits as accounts of talks, lower-case roles of the Office, UNICEF, FATF, reparations), measured once: every
#: held-out figure as in the twenty-second; development speakers Kremlin 0.982, Ukraine 0.965, State 0.988.
#: Twenty-fourth round (no new labels: the Eastern Partnership as the EU's, UNHCR, a state's right to choose its
#: alliances, Kyiv's culture, from development readouts), measured once: round 2 Ukraine topic recall 0.873 (55/63);
#: everything else as in the twenty-third. Pooled over three rounds, Ukraine: speakers 0.965 (327/339), topic recall
#: 0.864 (121/140), false topics 0.032 (4/125).
#: Twenty-fifth round (no new labels: the Belarusian-Polish border, citizens who went abroad, the killing of civilians,
#: from development readouts; development topic recall Ukraine 0.945), measured once: every held-out figure as in the
#: twenty-fourth.
#: Floors are these figures rounded down (ceilings up): where a round's rules lowered a held-out figure, the floor
#: records it, since changing rules after seeing held-out figures would make them development data.
SPEAKER_FLOOR = {("kremlin", 1): 0.98, ("ukraine", 1): 0.97, ("state", 1): 0.95,
                 ("kremlin", 2): 0.96, ("ukraine", 2): 0.97, ("state", 2): 1.00,
                 ("ukraine", 3): 0.91}
#: Development floor 0.96 since the eighteenth round's Kyiv files (labels_ukraine_dev18a-d.yaml: delegations' talks with
#: Russia, joint statements, think tanks and companies, scored fresh at speakers 0.74-0.89) joined development: their
#: labellers read a joint statement's numbered text as both sides', one side's two officials ("Andriy Yermak and Valerii
#: Zaluzhny thanked") as its first official's, and free indirect speech further than any rule does (Ukraine 0.965, 106
#: of 3,046 wrong).
DEVELOPMENT_FLOOR = 0.96
TOPIC_RECALL_FLOOR = {("kremlin", 1): 0.89, ("ukraine", 1): 0.92, ("state", 1): 0.85,
                      ("kremlin", 2): 0.92, ("ukraine", 2): 0.87, ("state", 2): 0.94,
                      ("ukraine", 3): 0.79}
FALSE_TOPICS_CEILING = {("kremlin", 1): 0.01, ("ukraine", 1): 0.06, ("state", 1): 0.05,
                        ("kremlin", 2): 0.03, ("ukraine", 2): 0.02, ("state", 2): 0.01,
                        ("ukraine", 3): 0.04}


@pytest.fixture(scope="module")
def tables():
    corpora = [config.PRESIDENTS_CORPUS, config.STATE_DEPT_CORPUS]
    missing = [str(p) for p in corpora if not p.exists()]
    if missing:
        pytest.skip(f"real corpora not present at {', '.join(missing)} (../shared absent)")
    return build_tables(corpora, workers=2)


def _labels(issuer: str) -> list[dict]:
    """The issuer's labelled readouts, each with its ``set`` ("development" or "held-out N", N the round)."""
    docs = []
    for path in sorted(FIXTURES.glob(f"labels_{issuer}*.yaml")):
        round_ = re.search(r"heldout(\d)", path.name)
        held_out = f"held-out {round_.group(1) if round_ else 1}"
        for doc in yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]:
            docs.append({**doc, "set": held_out if doc["set"] == "held-out" else doc["set"]})
    return docs


def _opening_hash(text: str, words: int) -> str:
    """The label's key of a sentence: SHA-1 (12 hex digits) of its first ``words`` words, whitespace collapsed."""
    opening = " ".join(re.sub(r"\s+", " ", text).strip().split(" ")[:words])
    return hashlib.sha1(opening.encode("utf-8")).hexdigest()[:12]


def _scores(tables, issuer: str) -> dict[str, list[int]]:
    docs = tables.documents.set_index("url")
    sentences = tables.sentences
    score: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0, 0, 0])  # right, n, tp, fp, fn
    for doc in _labels(issuer):
        doc_id = docs.loc[doc["link"], "doc_id"]
        ours = sentences[sentences["doc_id"] == doc_id].sort_values("sent_id")
        texts = ours["text"].tolist()
        k = 0
        for speaker, words, key in doc["sentences"]:
            while k < len(texts) and _opening_hash(texts[k], words) != key:
                k += 1
            assert k < len(texts), (doc["link"], key)  # every labelled sentence is one of ours
            score[doc["set"]][0] += ours["speaker"].iloc[k] == speaker
            score[doc["set"]][1] += 1
            k += 1
        want = set(doc["topics"])
        got = set(tables.topics.loc[tables.topics["doc_id"] == doc_id, "topic"])
        score[doc["set"]][2] += len(want & got)
        score[doc["set"]][3] += len(got - want)
        score[doc["set"]][4] += len(want - got)
    return score


@pytest.mark.parametrize("issuer, round_", sorted(SPEAKER_FLOOR))
def test_held_out_speakers_and_topics_per_issuer(tables, issuer, round_):
    right, n, tp, fp, fn = _scores(tables, issuer)[f"held-out {round_}"]
    assert n >= 40  # at least 8 readouts' worth of sentences
    accuracy, recall, false = right / n, tp / (tp + fn), fp / (tp + fp)
    print(f"{issuer}: held-out round {round_} speaker accuracy {accuracy:.3f} ({right}/{n}), topic recall {recall:.3f} "
          f"({tp}/{tp + fn}), false topics {false:.3f} ({fp}/{tp + fp})")
    assert accuracy >= SPEAKER_FLOOR[issuer, round_]
    assert recall >= TOPIC_RECALL_FLOOR[issuer, round_]
    assert false <= FALSE_TOPICS_CEILING[issuer, round_]


@pytest.mark.parametrize("issuer", ISSUERS)
def test_development_speakers_per_issuer(tables, issuer):
    right, n, *_ = _scores(tables, issuer)["development"]
    assert right / n >= DEVELOPMENT_FLOOR, (right, n)


def test_two_labellers_agree_on_the_topics_of_the_same_readouts():
    """A second, blind labeller's topics for 18 development readouts (tests/fixtures/topic_agreement.yaml) against the
    first labeller's: measured at 0.97 of the first's topics found, 0.99 of the second's confirmed (F1 0.98), so the
    0.90 topic-recall target is within what labellers agree on. Needs no corpus: it reads only the label files."""
    first = {doc["link"]: set(doc["topics"]) for issuer in ISSUERS for doc in _labels(issuer)}
    second = yaml.safe_load((FIXTURES / "topic_agreement.yaml").read_text(encoding="utf-8"))["documents"]
    assert len(second) == 18 and all(doc["link"] in first for doc in second)
    both = sum(len(first[d["link"]] & set(d["topics"])) for d in second)
    f1 = 2 * both / (sum(len(first[d["link"]]) for d in second) + sum(len(d["topics"]) for d in second))
    assert f1 >= 0.95, f1

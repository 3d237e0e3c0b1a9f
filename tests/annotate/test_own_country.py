"""An issuer's own country names no topic of its readouts."""

from __future__ import annotations

from analysis.annotate.own_country import without_own_country
from analysis.annotate.segment import segment
from analysis.annotate.tagging import tag_topics

TEXT = ("The President of Ukraine thanked Japan for its support of Ukraine during the visit to Kyiv. "
        "The Ukrainians are grateful. The leaders discussed Russian aggression and the sanctions against Russia.")


def _rows(topics):
    return tag_topics(TEXT, segment(TEXT).sentences, lexicon=topics)


def test_own_country_names_are_dropped_for_their_issuer(gaz, topics):
    rows = _rows(topics)
    kept = without_own_country(rows, TEXT, side="UA", gazetteer=gaz)
    surfaces = {TEXT[s:e] for _, topic, _, s, e in kept if topic == "ukraine_russia"}
    assert {"Ukraine", "Kyiv", "Ukrainians"} & {TEXT[s:e] for _, _, _, s, e in rows}  # matched before
    assert not surfaces & {"Ukraine", "Kyiv", "Ukrainians"}  # ... and dropped for Kyiv's readout
    assert {"Russian aggression", "Russia"} <= surfaces  # the other side's names and longer entries stay
    assert {row[1] for row in kept} >= {"ukraine_russia", "sanctions"}


def test_other_issuers_and_unknown_sides_keep_every_row(gaz, topics):
    rows = _rows(topics)
    assert without_own_country(rows, TEXT, side=None, gazetteer=gaz) == list(rows)
    assert without_own_country(rows, TEXT, side="US", gazetteer=gaz) == list(rows)
    kremlin = without_own_country(rows, TEXT, side="RU", gazetteer=gaz)
    assert "Russia" not in {TEXT[s:e] for *_, s, e in kremlin} and "Ukraine" in {TEXT[s:e] for *_, s, e in kremlin}

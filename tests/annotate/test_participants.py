"""Who took part: the event sentence and the principals named in it and in the headline."""

from __future__ import annotations

import datetime as dt

from analysis.annotate.actors import Cast
from analysis.annotate.participants import event_sentence_index, find_participants
from analysis.annotate.segment import segment


def test_the_event_sentence_follows_an_attribution_line():
    text = "The below is attributable to Spokesperson Ned Price:\n\nSecretary Blinken spoke with Foreign Minister Lapid."
    assert event_sentence_index(text, segment(text).sentences) == 1
    plain = "Secretary Blinken spoke with Foreign Minister Lapid. They discussed Iran."
    assert event_sentence_index(plain, segment(plain).sentences) == 0


def test_a_principal_named_bare_in_the_headline_keeps_the_title_of_the_event_sentence(gaz):
    """labels_ukraine_dev14c.yaml: "the Deputy Head of the Office of the President" later in the release is the
    participant so titled, which needs the title the event sentence gave him, not the headline's bare name."""
    cast = Cast(gaz, date=dt.date(2022, 5, 10))
    found = find_participants("Andriy Sybiha held consultations with the Polish delegation",
                              "Deputy Head of the Office of the President of Ukraine Andriy Sybiha held consultations "
                              "with the Polish delegation.", cast=cast)
    sybiha = next(m for m in found if m.actor.name == "Andriy Sybiha")
    assert sybiha.title == "Deputy Head of the Office of the President of Ukraine"
    assert [m.actor.name for m in found][0] == "Andriy Sybiha"  # still in the order of first mention

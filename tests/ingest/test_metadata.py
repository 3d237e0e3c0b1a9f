"""Document metadata from the text, in each issuer's house style: kind, event date, publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.ingest.metadata import event_date, kind_from_title, parse_date

D = dt.date


@pytest.mark.parametrize(("title", "kind"), [
    ("Readout of President Biden\u2019s Call with President Vladimir Putin of Russia", "readout"),
    ("Telephone conversation with President of France Emmanuel Macron", "readout"),
    ("Telephone conversations with US President Joseph Biden", "readout"),
    ("Meeting with US President Joseph Biden", "readout"),
    ("Russian-Chinese talks", "readout"),
    ("President of Ukraine had a phone conversation with the President of the United States", "readout"),
    ("Zelenskyy has telephone talk with President of Azerbaijan", "readout"),
    ("EU membership is a priority - Volodymyr Zelenskyy following the meeting with Charles Michel in Kyiv", "readout"),
    ("Secretary Blinken\u2019s Call with Ukrainian Foreign Minister Kuleba", "readout"),
    ("Wang Yi Meets with U.S. Secretary of State Antony Blinken", "readout"),
    ("Statement by Press Secretary Jen Psaki on President Biden\u2019s Call with President Vladimir Putin of Russia", "statement"),
    ("Briefing by Aide to the President Yury Ushakov following a telephone conversation between Vladimir Putin and Joseph Biden", "transcript"),
    ("Background Press Call by a Senior Administration Official on the President\u2019s Call with Russian President Vladimir Putin", "transcript"),
    ("Address by the President of Ukraine", "speech"),
    ("We will not give up - address by President of Ukraine Volodymyr Zelenskyy", "speech"),
    ("Statement by President Biden on Russia", "statement"),
    ("Condolences to US President Joseph Biden", "other"),
    (None, "readout"),
])
def test_kind_in_each_house_style(title, kind):
    assert kind_from_title(title) == kind


def test_publication_date_in_the_issuers_time_zone():
    assert parse_date("2022-01-27T22:30:00Z", timezone="Europe/Kyiv") == D(2022, 1, 28)
    assert parse_date("2022-01-27T22:30:00Z") == D(2022, 1, 27)
    assert parse_date("Fri, 21 May 2021 16:17:44 +0000") == D(2021, 5, 21)
    assert parse_date("2021-11-01 09:46:31-04:00", timezone="America/New_York") == D(2021, 11, 1)
    assert parse_date("2021-13-45") is None


def test_event_date_from_text_fallback_and_overnight_posting():
    text = "The conversation focused on security guarantees."
    assert event_date(text, published=D(2022, 1, 28)) is None
    assert event_date(text, published=D(2022, 1, 28), fallback=True) == D(2022, 1, 28)
    assert event_date(text, published=D(2022, 1, 28), fallback=True, posted_overnight=True) == D(2022, 1, 27)
    assert event_date("On December 30, Vladimir Putin had a telephone conversation.", published=D(2021, 12, 31)) == D(2021, 12, 30)
    assert event_date("They spoke yesterday.", published=D(2022, 1, 3)) == D(2022, 1, 2)


def test_a_date_long_before_publication_is_a_reference_back_not_the_event():
    text = ("The call was a follow-up of sorts on the December 7 videoconference talks between Russia and the United States.")
    assert event_date(text, published=D(2022, 2, 13), fallback=True, posted_overnight=True) == D(2022, 2, 12)

"""Subject phrases resolved to speakers: joint subjects, chains of persons, pronouns, roles and countries."""

from __future__ import annotations

import datetime as dt

import pytest

from analysis.annotate.actors import Cast
from analysis.annotate.participants import find_participants
from analysis.annotate.subjects import SubjectResolver, Who
from analysis.vocab import BOTH_SIDES

EVENT = "Secretary of State Antony J. Blinken met today with Libyan interim Prime Minister Abdulhamid Dabaiba."


@pytest.fixture
def resolver(gaz):
    cast = Cast(gaz, date=dt.date(2021, 6, 24))
    return SubjectResolver(EVENT, cast=cast, side="US", participants=find_participants(None, EVENT, cast=cast), two_party=True)


def _resolve(resolver: SubjectResolver, phrase: str) -> Who | None:
    resolver.text = phrase  # a subject phrase is resolved against the text it is a span of
    mentions = resolver.cast.mentions(phrase, 0, len(phrase))
    return resolver.subject(phrase, 0, len(phrase), mentions)


@pytest.mark.parametrize("phrase", ["The parties", "The interlocutors", "The officials", "The two leaders", "They",
                                    "Secretary Blinken and interim Prime Minister Dabaiba"])
def test_joint_subjects_are_both_sides(resolver, phrase):
    assert _resolve(resolver, phrase).speaker == BOTH_SIDES


def test_a_named_participant_is_himself_and_a_pronoun_follows_him(resolver):
    who = _resolve(resolver, "Prime Minister Dabaiba")
    assert (who.speaker, who.how) == ("Abdulhamid Dabaiba", "explicit")
    assert _resolve(resolver, "He").speaker == "Abdulhamid Dabaiba"
    assert _resolve(resolver, "Secretary Blinken").speaker == "Antony Blinken"
    assert _resolve(resolver, "he").speaker == "Antony Blinken"  # the last person named, not the first


def test_a_role_resolves_to_the_participant_holding_it(resolver):
    who = _resolve(resolver, "The Secretary")
    assert (who.speaker, who.how) == ("Antony Blinken", "role")


def test_a_country_speaks_for_its_participant(resolver):
    assert _resolve(resolver, "The United States").speaker == "Antony Blinken"


def test_a_phrase_naming_no_one_resolves_to_none(resolver):
    assert _resolve(resolver, "The discussion") is None
    assert _resolve(resolver, "") is None

"""Speeches: every sentence is the speaker's; the date a document's actors are resolved at; and the
:class:`SpeakerAnnotation` record every attribution returns."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from analysis.annotate.actors import Gazetteer
from analysis.vocab import NARRATOR


@dataclass
class SpeakerAnnotation:
    """The speaker labels of one document (lists have one entry per sentence)."""

    participants: list[str]
    participant_sides: list[str | None]
    source: str | None
    side: str | None
    speaker: list[str]
    speaker_side: list[str | None]
    attribution: list[str]
    reporting_verb: list[str | None]
    #: the principal named as subject of a second reporting clause ("..., while Joseph Biden stressed ...")
    other_speaker: list[str | None] = field(default_factory=list)
    #: index of the event sentence (the first that is no attribution line: "The below is attributable to ...")
    event_sentence: int = 0


def doc_date(meta: Mapping[str, Any]) -> dt.date | None:
    """The document's event date, else its date (None when it has neither)."""
    for key in ("event_date", "date"):
        value = meta.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\d", value):
            return dt.date.fromisoformat(value[:10])
    return None


def speech_annotation(n: int, meta: Mapping[str, Any], *, gazetteer: Gazetteer) -> SpeakerAnnotation:
    """A speech: every sentence is the speaker's (``meta["speaker"]``, else the delegation).

    Returns
    -------
    analysis.annotate.speakers.SpeakerAnnotation
    """
    side = meta.get("side")
    name = meta.get("speaker") or gazetteer.country_name(side) or side or NARRATOR
    return SpeakerAnnotation(participants=[name], participant_sides=[side], source=meta.get("source"), side=side,
                             speaker=[name] * n, speaker_side=[side] * n, attribution=["explicit"] * n,
                             reporting_verb=[None] * n, other_speaker=[None] * n)

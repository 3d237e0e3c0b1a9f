"""Speeches: every sentence is the speaker's; and the date a document's actors are resolved at."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Mapping

from analysis.annotate.actors import Gazetteer
from analysis.vocab import NARRATOR

if TYPE_CHECKING:
    from analysis.annotate.speakers import SpeakerAnnotation


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
    from analysis.annotate.speakers import SpeakerAnnotation  # the one definition of the result
    side = meta.get("side")
    name = meta.get("speaker") or gazetteer.country_name(side) or side or NARRATOR
    return SpeakerAnnotation(participants=[name], participant_sides=[side], source=meta.get("source"), side=side,
                             speaker=[name] * n, speaker_side=[side] * n, attribution=["explicit"] * n,
                             reporting_verb=[None] * n, other_speaker=[None] * n)

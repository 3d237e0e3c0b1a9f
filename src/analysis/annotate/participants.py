"""Who took part: the event sentence, the principals it and the title name, and the issuer's side.

Used by :func:`analysis.annotate.speakers.annotate_speakers` before it labels any sentence, and by the
readers (:data:`ATTRIBUTION_LINE`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any, Mapping, Sequence

from analysis.annotate.actors import Cast, Gazetteer, Mention

#: Issuer labels for an inferred side (the principal's office picks between US issuers).
_SOURCES = {"CN": "PRC MFA", "US": "White House"}


#: Attribution lines that open a release before its event sentence ("The following is attributable to ...").
ATTRIBUTION_LINE = re.compile(r"^\s*(?:The (?:following|below) (?:is|are) attributable to\b|Office of the Spokesperson\b)", re.IGNORECASE)


def event_sentence_index(text: str, sentences: Sequence[tuple[int, int, int]]) -> int:
    """Index of the event sentence: the first sentence that is not an attribution line (0 when none is)."""
    for i, (start, end, _para) in enumerate(sentences[:3]):
        if not ATTRIBUTION_LINE.match(text[start:end]):
            return i
    return 0


def _longest_form(name: str, cast: Cast) -> str:
    """A run-time actor's fullest name: "Cavusoglu" (title) becomes "Mevlut Cavusoglu" (event sentence)."""
    if name in cast.extra:
        return cast.extra[name].name
    for extra in cast.extra.values():
        if extra.name.split()[-1] == name.split()[-1] and len(extra.name) > len(name):
            return extra.name
    return name


def find_participants(title: str | None, event_sentence: str, *, cast: Cast) -> list[Mention]:
    """Principals named in the title and the event sentence, resolved, in order of first mention."""
    seen: dict[str, Mention] = {}
    for text in (title or "", event_sentence):
        for m in cast.mentions(text, extend=True):
            first = seen.setdefault(m.actor.name, m)
            if first.title is None and m.title:  # named bare in the headline, titled in the event sentence: keep the title
                seen[m.actor.name] = replace(first, title=m.title, qualified=first.qualified or m.qualified)
    merged = {_longest_form(name, cast): m for name, m in seen.items()}
    return [m if name == m.actor.name or name not in cast.extra else Mention(m.start, m.end, cast.extra[name], m.title, m.qualified)
            for name, m in merged.items() if name in cast.extra or name in cast.gazetteer.actors]


def with_own_principal(participants: list[Mention], meta: Mapping[str, Any], *, side: str | None,
                       gazetteer: Gazetteer, date: dt.date | None) -> list[Mention]:
    """The participants, with the issuer's own principal first when an account names only the other side.

    The Kremlin writes "The President of Russia had a telephone conversation with ...", the
    Ukrainian presidency "The Head of State met with ...": the issuer's principal is a participant
    though the event sentence does not name him. Added only to accounts of an event (a readout or
    statement or briefing with an event type) that name someone of another side and nobody of the issuer's;
    the principal is the holder of the issuer's ``principal`` office (``meta["issuer_principal"]``,
    from ``lexicons/issuers.yaml``) at the document's date.
    """
    role = meta.get("issuer_principal")
    if not role or not side or meta.get("kind") not in ("readout", "statement", "transcript") or not meta.get("event_type"):
        return participants
    if not participants or any(m.actor.side == side for m in participants):
        return participants
    holder = gazetteer.holder(str(role), side, date)
    if holder is None:
        return participants
    return [Mention(0, 0, holder), *participants]


def infer_side(mentions: Sequence[Mention]) -> str | None:
    """The issuer's side: its own officials are named without a country qualifier.

    "Wang Yi met with U.S. Secretary of State Antony Blinken" gives CN.
    """
    qualified = {m.qualified for m in mentions if m.qualified}
    own = [m.actor.side for m in mentions if not m.qualified and m.actor.side and m.actor.side not in qualified]
    return own[0] if own else None


def infer_source(side: str | None, participants: Sequence[Mention]) -> str | None:
    """Issuer label for an inferred side ("PRC MFA", "White House", "US State Dept")."""
    if side == "US" and any(m.actor.side == "US" and m.actor.role == "secretary of state" for m in participants[:1]):
        return "US State Dept"
    return _SOURCES.get(side or "")

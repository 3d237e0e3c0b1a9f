"""Document-level metadata read from the text: event date, event type, location, kind, issuer.

Pure functions of strings; the readers call them after normalising the body.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_ABBR = {m[:3]: i for m, i in _MONTHS.items()} | {"sept": 9}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATE_RE = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:\s*(?:-|–|and|to)\s*\d{{1,2}})?(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")
_DMY_RE = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b")
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_RELATIVE_RE = re.compile(r"\b(today|tonight|this (?:morning|afternoon|evening|week)|yesterday|(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.IGNORECASE)

#: Issuers recognised from a source URL's host.
_HOSTS = {
    "whitehouse.gov": ("White House", "US"),
    "bidenwhitehouse.archives.gov": ("White House", "US"),
    "trumpwhitehouse.archives.gov": ("White House", "US"),
    "obamawhitehouse.archives.gov": ("White House", "US"),
    "state.gov": ("US State Dept", "US"),
    "defense.gov": ("US Dept of Defense", "US"),
    "treasury.gov": ("US Treasury", "US"),
    "fmprc.gov.cn": ("PRC MFA", "CN"),
    "mfa.gov.cn": ("PRC MFA", "CN"),
    "china-embassy.gov.cn": ("PRC MFA", "CN"),
    "gov.cn": ("PRC State Council", "CN"),
    "mod.gov.cn": ("PRC Ministry of National Defense", "CN"),
    "xinhuanet.com": ("Xinhua", "CN"),
    "un.org": ("United Nations", None),
}

_EVENT_TYPES = (
    ("video call", re.compile(r"\b(video ?call|video ?conference|videoconference|virtual (?:meeting|summit|call)|virtually|video link|by video)\b", re.I)),
    ("call", re.compile(r"\b(phone call|telephone|calls?\b|spoke (?:by phone |on the phone )?with|spoke to|phone conversation)", re.I)),
    ("talks", re.compile(r"\b(held talks|talks with|holds talks|strategic dialogue)\b", re.I)),
    ("meeting", re.compile(r"\b(met|meets|meeting|meet|hosted|hosts|welcomed .* to the White House|summit|bilateral)\b", re.I)),
)

_PLACE_WORD = r"(?:D\.C\.?|St\.|[A-Z][\w'’-]*)"
_LOCATION_RE = re.compile(
    rf"\b(?P<prep>in|at)\s+(?P<place>(?:the\s+)?{_PLACE_WORD}(?:\s+(?:of\s+|de\s+)?{_PLACE_WORD}){{0,4}}(?:,\s+{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,2}})?)"
)
_NOT_PLACES = re.compile(
    rf"^(?:the\s+)?(?:{_MONTH_RE}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Chinese|English|U\.S\.|American|His|Her|Their|Our|This|That|Which|Order|Addition|Particular|Response|Support|Light|Line|Advance|Person|Office|Congress|Government)\b"
)
_TOPIC_CLAUSE = re.compile(
    r"\b(?:to discuss|discussed|discussing|discuss|about|regarding|concerning|on (?:the|a|an|their|his|her|efforts|how|ways|issues)|"
    r"where|who|which|to (?:reaffirm|express|review|congratulate|thank|coordinate|underscore|convey|follow)|"
    r"(?:situation|war|conflict|crisis|developments|events|attack|attacks|peace|security|ceasefire|hostages|people) (?:in|at))\b",
    re.IGNORECASE,
)
_MEETING_VERB = re.compile(r"\b(met|meets|meeting|hosted|hosts|held|holds|talks|visit|visited|summit|convened|spoke|welcomed)\b", re.I)


def parse_date(value: object) -> dt.date | None:
    """A date from an ISO string, a datetime, or text such as ``2021-11-01 09:46:31-04:00``."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = re.search(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", str(value))
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    match = _DATE_RE.search(str(value))
    if match and match.group("year"):
        return _date_from_match(match, None)
    return None


def _month_number(name: str) -> int:
    name = name.lower().rstrip(".")
    return _MONTHS.get(name) or _MONTH_ABBR[name[:4] if name.startswith("sept") else name[:3]]


def _date_from_match(match: re.Match, published: dt.date | None) -> dt.date | None:
    month, day = _month_number(match.group("month")), int(match.group("day"))
    year = int(match.group("year")) if match.group("year") else (published.year if published else None)
    if year is None:
        return None
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return None
    if not match.group("year") and published and date > published + dt.timedelta(days=2):
        date = date.replace(year=year - 1)  # "On December 30" in a January readout
    return date


def event_date(text: str, *, published: dt.date | None, window: int = 600) -> dt.date | None:
    """The date of the event a readout reports, from its opening text.

    Looks in the first ``window`` characters for an explicit date ("On October 31,
    2021 local time", "met on November 14 with") and otherwise for a relative one
    ("met today", "yesterday", "on Tuesday") resolved against the publication date.
    """
    head = text[:window]
    matches = [m for m in (_DATE_RE.search(head), _DMY_RE.search(head)) if m]
    match = min(matches, key=lambda m: m.start()) if matches else None
    if match:
        found = _date_from_match(match, published)
        if found:
            return found
    if published is None:
        return None
    rel = _RELATIVE_RE.search(head)
    if not rel:
        return None
    word = rel.group(1).lower()
    if word.startswith(("today", "tonight", "this")):
        return published
    if word == "yesterday":
        return published - dt.timedelta(days=1)
    weekday = _WEEKDAYS.index(word.split()[-1])
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def event_type(title: str | None, first_sentence: str) -> str | None:
    """``meeting``, ``talks``, ``call``, ``video call`` or ``None``, from the title and event sentence."""
    for text in (title or "", first_sentence):
        for label, pattern in _EVENT_TYPES:
            if pattern.search(text):
                return label
    return None


def location(first_sentence: str) -> str | None:
    """The place of the event ("Rome", "Bali, Indonesia", "the White House"), or ``None``."""
    verb = _MEETING_VERB.search(first_sentence)
    start = verb.start() if verb else 0
    cut = _TOPIC_CLAUSE.search(first_sentence, start)
    for match in _LOCATION_RE.finditer(first_sentence, start, cut.start() if cut else len(first_sentence)):
        place = match.group("place").rstrip(".,")
        if _NOT_PLACES.match(place) or len(place) < 3:
            continue
        return re.sub(r"\s+(?:on|to|for)$", "", place)
    return None


def issuer_from_url(url: str | None) -> tuple[str | None, str | None]:
    """``(source, side)`` from a source URL's host, or ``(None, None)``."""
    if not url:
        return None, None
    host = urlparse(str(url)).netloc.lower()
    for suffix, value in _HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return value
    return None, None


def kind_from_title(title: str | None, *, default: str = "readout") -> str:
    """``readout``, ``transcript``, ``statement``, ``speech`` or ``other`` from a title."""
    t = (title or "").lower()
    if "readout" in t:
        return "readout"
    if t.startswith(("remarks", "press briefing", "background press call", "press gaggle")) or "transcript" in t:
        return "transcript"
    if t.startswith("statement") or "joint statement" in t or "fact sheet" in t:
        return "statement"
    if "address" in t or "speech" in t:
        return "speech"
    return default if not t else "other"

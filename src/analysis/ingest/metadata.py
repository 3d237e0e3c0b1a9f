"""Document-level metadata read from the text: event date, event type, location, kind, issuer.

Pure functions of strings; the readers call them after normalising the body.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_ABBR = {m[:3]: i for m, i in _MONTHS.items()} | {"sept": 9}
_MONTH_RE = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATE_RE = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<day>\d{{1,2}})(?:\s*(?:-|–|and|to)\s*\d{{1,2}})?(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b")
_DMY_RE = re.compile(rf"\b(?P<day>\d{{1,2}})\s+(?P<month>{_MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b")
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_RELATIVE_RE = re.compile(r"\b(today|tonight|this (?:morning|afternoon|evening|week)|yesterday|(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.IGNORECASE)

_EVENT_TYPES = (
    ("video call", re.compile(r"\b(video ?call|video ?conference|videoconference|virtual (?:meeting|summit|call)|virtually|video link|by video)\b", re.I)),
    ("call", re.compile(r"\b(phone call|telephone|calls?\b|spoke (?:by phone |on the phone )?with|spoke to|phone conversation)", re.I)),
    ("talks", re.compile(r"\b((?i:held talks|talks with|holds talks|strategic dialogue)|[A-Z][a-z]+-[A-Z][a-z]+ talks)\b")),
    ("meeting", re.compile(r"\b(met|meets|meeting|meet|hosted|hosts|welcomed .* to the White House|summit|bilateral|"
                           r"consultations with)\b", re.I)),  # Kyiv: "held working consultations with State Secretary ..."
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


def parse_timestamp(value: object) -> dt.datetime | None:
    """An aware datetime from a value that carries a time and a UTC offset, else ``None``.

    Reads ISO 8601 (``2021-12-07T18:40:00Z``, ``2021-11-01 09:46:31-04:00``) and RFC 822
    (``Fri, 21 May 2021 16:17:44 +0000``, the RSS ``pubDate``).
    """
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        stamp = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            stamp = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return stamp if stamp.tzinfo else None


def local_time(value: object, timezone: str | None) -> dt.datetime | None:
    """The time of a timestamped value in ``timezone`` (an IANA name such as ``Europe/Moscow``), else ``None``."""
    stamp = parse_timestamp(value)
    if stamp is None or not timezone:
        return None
    try:
        return stamp.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def parse_date(value: object, *, timezone: str | None = None) -> dt.date | None:
    """A date from an ISO string, a datetime, or text such as ``2021-11-01 09:46:31-04:00``.

    Parameters
    ----------
    value : object
    timezone : str, optional, keyword-only
        The issuer's time zone: a value with a time and UTC offset gives the date there (a Kremlin
        posting at ``2021-12-31T02:20:00Z`` is of 31 December in Moscow too, one at ``2022-01-27T22:30:00Z``
        of 28 January in Kyiv). RFC 822 dates are read either way.
    """
    if value is None:
        return None
    local = local_time(value, timezone)
    if local is not None:
        return local.date()
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
    stamp = parse_timestamp(value)
    return stamp.date() if stamp is not None else None


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


#: Days an account may be published after its event (an explicit date further back is a reference to another event).
_MAX_LAG = 10


def event_date(text: str, *, published: dt.date | None, window: int = 600, fallback: bool = False,
               posted_overnight: bool = False, lead: str | None = None) -> dt.date | None:
    """The date of the event a readout reports, from its opening text.

    Looks in the first ``window`` characters for an explicit date ("On October 31,
    2021 local time", "met on November 14 with") and otherwise for a relative one
    ("met today", "yesterday", "on Tuesday") resolved against the publication date.

    Parameters
    ----------
    text : str
    published : date or None, keyword-only
        The publication date, in the issuer's time zone.
    window : int, keyword-only
    fallback : bool, keyword-only
        When the text names no day, the publication date (an account of an event is
        published the day it happened), else ``None``.
    posted_overnight : bool, keyword-only
        The release went out in the small hours of its publication day (before 06:00 in the
        issuer's time zone): an evening call posted after midnight, so the fallback is the day before.
    lead : str, optional, keyword-only
        The event sentence: relative days ("today", "yesterday") are read only there, since a quoted
        "yesterday's meetings" further on is not the event's day. Default: the whole window.
    """
    head = text[:window]
    matches = sorted((m for rx in (_DATE_RE, _DMY_RE) for m in rx.finditer(head)), key=lambda m: m.start())
    for match in matches:
        found = _date_from_match(match, published)
        # an account is published within days of its event: an earlier date is a reference back
        # ("the December 7 videoconference" in a February briefing)
        if found and (published is None or published - dt.timedelta(days=_MAX_LAG) <= found <= published + dt.timedelta(days=1)):
            return found
    if published is None:
        return None
    rel = _RELATIVE_RE.search(head if lead is None else lead[:window])
    if not rel:
        if not fallback:
            return None
        return published - dt.timedelta(days=1) if posted_overnight else published
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


#: Titles of accounts of a call or meeting, in each issuer's house style ("Telephone conversation with ...",
#: "President of Ukraine had a phone conversation with ...", "Secretary Blinken's Call with ...",
#: "Wang Yi Meets with ...", "Russian-Chinese talks", "... following the meeting with ...").
_ACCOUNT_TITLE = re.compile(
    r"\b(?:telephone conversations?|phone conversations?|phone call|telephone talks?|conversations? with|"
    r"calls? with|meetings? with|meets with|met with|talks with|held talks|holds talks|video ?calls? with|"
    r"videoconference with|virtual meeting with|(?:zoom |video ?)?conference with|spoke with|speaks with|negotiations in|"
    r"discuss(?:es|ed)? .{3,120} with|following (?:the |a |his )?(?:meeting|talks|conversation|call))\b"
    r"|^[\w\s-]+-[\w\s]+ talks$",
    re.IGNORECASE,
)
#: A statement that reads out a call ("Statement by Press Secretary ... on President Biden's Call with ...").
_STATEMENT_ON_CALL = re.compile(r"^statement\b.*\bon\b.*\b(?:call|conversation|meeting)\b", re.IGNORECASE)
_TRANSCRIPT_TITLE = re.compile(
    r"^(?:remarks|press briefing|background press call|press gaggle|briefing by|on-the-record|interview|news conference|"
    r"press conference|press availability|joint press)|\btranscript\b|\binterview\b|\bnews conference\b|\bpress conference\b|"
    r"\bpress availability\b|\bbefore their meeting\b",
    re.IGNORECASE,
)


def kind_from_title(title: str | None, *, default: str = "readout") -> str:
    """``readout``, ``transcript``, ``statement``, ``speech`` or ``other`` from a title, in each issuer's house style.

    Parameters
    ----------
    title : str or None
    default : str, keyword-only
        The kind of an untitled document (the seed: plain text with no title).

    Returns
    -------
    str
        ``readout`` for accounts of a call or meeting ("Readout of ...", "Telephone conversation with ...",
        "President of Ukraine had a phone conversation with ..."); ``statement`` also for a statement on a
        call, which is that call's account (its event fields are read like a readout's); ``transcript``
        for remarks, briefings, interviews and press conferences; ``speech`` for addresses and speeches;
        ``statement`` for statements, joint statements and fact sheets; otherwise ``other``.
    """
    t = (title or "").strip()
    low = t.lower()
    if not t:
        return default
    if "readout" in low:
        return "readout"
    if _STATEMENT_ON_CALL.search(t):
        return "statement"  # an account of the call all the same: its event fields are read as a readout's
    if _TRANSCRIPT_TITLE.search(t):
        return "transcript"
    if re.search(r"\baddress(?:es|ed)?\b|\bspeech\b", low) and not re.search(r"\baddress(?:es|ed)? (?:by|to) (?:the )?(?:president|prime)\b.*\b(?:call|conversation) with\b", low):
        return "speech"
    if low.startswith("statement") or "joint statement" in low or "fact sheet" in low or low.startswith("joint declaration"):
        return "statement"
    if _ACCOUNT_TITLE.search(t):
        return "readout"
    return "other"

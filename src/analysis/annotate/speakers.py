"""Who said what: participants and sentence attribution.

:func:`annotate_speakers` labels every sentence of one document with the person
whose words or stance it reports (``speaker``), how that was decided
(``attribution``), the reporting verb's lemma, and the principal named as subject
of a second reporting clause (``other_speaker``). The sums of these labels per
document and speaker (the speakers table) are :mod:`analysis.annotate.shares`'.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from analysis.annotate.actors import Actor, Cast, Gazetteer, Mention, verb_lemma
from analysis.vocab import BOTH_SIDES, NARRATOR

#: Issuer labels for an inferred side (the principal's office picks between US issuers).
_SOURCES = {"CN": "PRC MFA", "US": "White House"}

_ADVERBIAL = re.compile(
    r"^(?:(?:On|In|During|At|Throughout|Following|After|Before|Regarding|With respect to|Turning to|Separately|"
    r"Additionally|Furthermore|Moreover|Finally|Lastly|Meanwhile|Today|Earlier today|Yesterday|Together|"
    r"For (?:his|her|their|its|our) part|In addition|Recently|Then|Further|Also|Specifically|Later|Next|First|"
    r"Second|Third|Both in|Over|Prior to|Upon|Ahead of|Building on|Consistent with|Noting|Recalling|Overall|"
    r"According to|At the request of|At the initiative of|In turn|In this regard|In this context|In particular|Against this backdrop|"
    r"As a follow-up to|In follow-up to|Following up on|As part of|Against the background of|Given|"
    r"Having|Speaking|Commenting|Referring)\b[^,]{0,160},\s*"
    r"(?:(?:where|which|who|when|including)\b[^,]{0,160},\s*)*)+")
_LEADING = re.compile(r"^(?:And|But|However|Also|Further|Then|So|Thus|Therefore|Hence)\s*,?\s+")
#: A passive with its agent: "The situation in Mali was also raised by Emmanuel Macron."
_BY_AGENT = re.compile(r"\b(?:was|were|has been|have been)\s+(?:also\s+)?[a-z]+ed\s+by\s+(?P<s>[^,;:]{2,80}?)\s*\.?\s*$")
#: Background narration: "Earlier, Vladimir Putin sent a message ..."
_BACKGROUND = re.compile(r"^\s*(?:Earlier|Previously|Prior to that|Before that|Since\s+(?:[A-Z][a-z]+\s+)?\d[^,]{0,20})\s*,",
                         re.IGNORECASE)
#: "According to the President, ...": the sentence is that person's.
_ACCORDING = re.compile(r"^\s*According to (?P<s>[^,]{2,80}),\s*")
_TRAILING = re.compile(
    r"(?:,?\s+(?:also|further|again|then|additionally|strongly|firmly|repeatedly|warmly|jointly|both|all|each|"
    r"once|likewise|similarly|specifically|particularly|personally|directly|briefly|clearly|candidly|explicitly|"
    r"emphatically|sincerely|deeply|fully|once again|had|has|have|would|will|did|does|do|not|could|can|is|are|was|"
    r"were|remain|remains|remained|themselves|together|,)|\s+[a-z]+ly|\s+(?:went|go|goes) on to|\s+continued to|"
    r"\s+took the opportunity to|\s+sought to|\s+used the (?:call|meeting) to|,?\s+in (?:his |her )?turn,?|"
    r",?\s+for (?:his|her|their) part,?|,?\s+in response,?)+$", re.IGNORECASE)
_JOINT = re.compile(
    r"(?:the\s+)?(?:(?:two|both|three|four|all)\s+(?:\w+\s+)?(?:sides|leaders|presidents|ministers|parties|"
    r"delegations|countries|officials|heads of state|counterparts|teams|principals|nations|governments|advisors|"
    r"secretaries|men|women|interlocutors)|leaders|presidents|delegations|two|three|four|sides|counterparts|parties|interlocutors|"
    r"heads of state)(?:\s+of\s+.*)?"
    r"|the\s+(?:[\w-]+\s+){0,3}(?:leaders|advisors|advisers|ministers|presidents|secretaries|delegations|principals|interlocutors)"
    r"|it(?:\s+(?:was|has been|had been|is))?"
    r"|participants(?:\s+in\s+.*)?|both(?:\s+of\s+them)?|they|each side|both leaders", re.IGNORECASE)
#: A pronoun subject; the object forms stand in "According to her, ...".
_PRONOUN = re.compile(r"(?P<p>he|she|him|her)", re.IGNORECASE)
_TITLE_PAIR = re.compile(r"(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:[A-Z][\w.-]*\s+){0,4}?(?:President|Secretary|Minister|Chancellor|Premier|Director|Advisor|Adviser)"
                         r"\s+and\s+(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,4}?(?:President|Secretary|Minister|Chancellor|Premier|Director|Advisor|Adviser|"
                         r"Councilor|Leader)s?")
#: Agenda and passive sentences of a two-party readout: both sides' ("X was discussed", "The key topic was ...").
_AGENDA = re.compile(
    r"\b(?:was|were|has been|have been|had been)\s+(?:also\s+|thoroughly\s+|briefly\s+|separately\s+)?"
    r"(?:discussed|considered|addressed|raised|paid|given|touched upon|touched on|emphasi[sz]ed|stressed|noted|reaffirmed|"
    r"reiterated|highlighted|exchanged|agreed|reviewed|focused|confirmed|expressed|welcomed|underlined|continued|"
    r"reviewed in detail|examined|coordinated|identified|outlined|determined|defined|summed up)\b"
    r"|^(?:An?|The)\s+(?:[\w-]+\s+){0,3}(?:exchange|discussion)\s+(?:of|on|about)\b[^.;]{0,200}?\b(?:took place|was held)\b"
    r"|^(?:The|A)\s+(?:\w+\s+)?(?:topic|topics|issue|issues|focus|subject|subjects)\s+(?:of|on|was|were|included)\b"
    r"|^(?:The|Their)\s+(?:\w+\s+)?agenda\s+(?:included|covered|comprised|featured)\b"
    r"|^(?:Another|One other|A further)\s+(?:\w+\s+)?(?:issue|topic|subject|item)\b"
    r"|\b(?:issue|issues|topic|topics|item|items)\s+on the agenda\b"
    r"|^(?:The|Their)\s+(?:\w+\s+)?(?:conversation|talks|discussion|meeting|call|exchange|dialogue)\s+(?:also\s+)?"
    r"(?:focused|centred|centered|concentrated|covered|touched|dealt|addressed|included)\b"
    r"|\b(?:included|held|had)\s+an?\s+(?:\w+\s+)?exchange of (?:views|opinions)\b",
    re.IGNORECASE)
#: Scheduling and other narration that reports nobody ("Negotiations are also to be held at the OSCE on January 13").
_SCHEDULE = re.compile(r"\b(?:is|are|will be)\s+(?:also\s+)?(?:to be|scheduled to be|expected to be|due to be)\s+(?:held|continued)\b",
                       re.IGNORECASE)
#: A quotation closed and attributed at the end of a sentence: '"...," said X.', '"...," the President said.'
_QUOTE_TAIL = re.compile(
    r"[\"”]\s*,?\s*(?:(?P<v1>said|says|added|adds|noted|stressed|emphasi[sz]ed|continued|explained|underlined|stated)\s+"
    r"(?P<s1>[^.,;:\"“”]{2,80}?)|(?P<s2>[^.,;:\"“”]{2,80}?)\s+(?P<v2>said|says|added|adds|noted|stressed|emphasi[sz]ed|"
    r"continued|explained|underlined|stated))(?:(?:,\s*|\s+(?:during|at|after|in|while|when|on)\s+)[^\"“”]{0,200})?\s*\.?\s*$")
#: The first past-tense verb of a sentence ("... and the Prime Minister of the United Kingdom identified key tasks").
_PAST = re.compile(r"\s+(?:also\s+)?(?:have\s+|has\s+)?[a-z][a-z-]+ed\b")
_VERBISH = re.compile(r"\s+(?:also\s+|then\s+|further\s+|once again\s+|again\s+)?(?:[a-z][a-z-]+(?:ed|s)|gave|made|took|sent|told|"
                      r"spoke|drew|brought|paid|led|wrote|saw|found|felt|thought|came|put|set)\b")
_FIRST_PERSON = re.compile(r"(?:we|i|our side|our country)", re.IGNORECASE)
_ROLE = re.compile(
    r"(?<![\w-])(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:\d+(?:st|nd|rd|th)\s+)?(?:(?P<q>U\.S\.|PRC|[A-Z]{2,5}|[A-Z][a-z]+)\s+)?"
    r"(?P<role>Vice President|President|Secretary of State|Secretary-General|Secretary General|Deputy Secretary|Secretary|"
    r"National Security Advisor|National Security Adviser|Vice Premier|Premier|Deputy Prime Minister|Prime Minister|"
    r"Federal Chancellor|Chancellor|King|Queen|Crown Prince|Emir|Amir|Sultan|Taoiseach|Foreign Minister|Minister|Director|"
    r"State Councilor|Chairman|Ambassador|Governor|Majesty|Royal Highness|Highness|(?i:head of state)|"
    r"Head of the Office of the President|Head of the President[’']s Office|leader|Chief of Staff|Managing Director|"
    r"Director General|Director-General|High Representative|Speaker)"
    r"(?:\s+of\s+(?:the\s+)?(?P<q2>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}))?"
    r"(?![\w-])(?!\s+(?:of\s+)?[A-Z])")
_SIDE = re.compile(r"(?<![\w-])[Tt]he\s+(?P<q>[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)\s+(?:side|delegation|team|government)(?![\w-])")
_NARRATION = re.compile(
    r"(?:This|The|Today’s|Today's|That)\s+(?:\w+\s+){0,2}(?:meeting|call|visit|discussion|conversation|engagement|"
    r"trip|dialogue|session|talks|readout|event|summit|travel|roundtable|exchange)s?\b"
    r"|This (?:is|was|marks|marked) (?:the|their|his|her) (?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|\d+\w*|latest|last)\b", re.IGNORECASE)
_WELCOME_TO = re.compile(r"\s+[^,.;]{0,80}?\bto\s+(?:the\s+)?(?:White House|Washington|Oval Office|Camp David|Beijing|Zhongnanhai)")
#: What may stand between joined subjects: "and", commas, and titles ("and Prime Ministers Marin and").
_CONNECTOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)?(?:(?:[A-Z][\w.’'-]*|of|the)\s+)*?(?:and\s+)?")
#: Role nouns that name an office held on the issuing side.
_OFFICES = {"president": "president", "vice president": "vice president", "secretary": "secretary of state",
            "secretary of state": "secretary of state", "national security advisor": "national security advisor",
            "national security adviser": "national security advisor", "premier": "premier",
            "vice premier": "vice premier", "director": "director", "state councilor": "state councilor",
            "foreign minister": "foreign minister", "minister": "foreign minister",
            "deputy secretary": "deputy secretary of state", "prime minister": "prime minister",
            "chancellor": "chancellor", "federal chancellor": "chancellor", "deputy prime minister": "deputy prime minister",
            "head of the office of the president": "head of the presidential office",
            "head of the president's office": "head of the presidential office",
            "head of the president’s office": "head of the presidential office"}
#: Where a second reporting clause may begin: "..., while Joseph Biden stressed ...", "...; the Secretary noted ...".
_SECOND_CLAUSE = re.compile(r"(?:,\s*(?:while|whereas|whilst|and|but)|;\s*(?:and\s+|while\s+|whereas\s+)?|\s+(?:while|whereas|whilst))\s+")
#: The organisation after a role noun: " of the Congress of Local and Regional Authorities of the Council of Europe".
_OF_ORGANISATION = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of|and|the|for|on|[A-Z][\w’'.-]*))*\s*")
#: "X, together with Y, called for ...": a joint subject.
_TOGETHER = re.compile(r",\s*(?:together|jointly|along)\s+with\s+[^,]+,?\s*$")
#: A second person after a named one, unknown to the gazetteer: " and Marija Pejčinović Burić".
_AND_NAME = re.compile(r"\s+and\s+(?:(?:[Hh]is|[Hh]er|the)\s+)?(?:[A-Z][\w’'.-]*\s*){1,4}")
#: Offices whose holder is his side's head of state or government ("the Head of State", "the Russian leader").
_HEAD_OFFICES = frozenset({"president", "king", "queen", "emir", "amir", "sultan", "prime minister", "chancellor",
                           "federal chancellor", "crown prince", "pope", "taoiseach", "premier"})


def _titled_as(title: str | None, low: str) -> bool:
    """Whether a mention's title answers the role noun ``low``: its head ("Secretary General" of "Secretary
    General of the Congress ...") ends with it, or the whole title is it."""
    t = _office_words((title or "").split(" and ")[-1])
    return t == low or t.split(" of ")[0].endswith(low) or (" of " in low and t.startswith(low))


def _office_words(title: str) -> str:
    """A title in lower case, Kyiv's two word orders made one ("Head of the President's Office")."""
    return re.sub(r"\bthe president[’']s office\b", "the office of the president", title.lower())


#: Role nouns that name a side's principal whatever his office ("the Head of State", "the Russian leader").
_PRINCIPAL_ROLES = frozenset({"head of state", "leader"})


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


@dataclass
class _Who:
    speaker: str
    side: str | None
    how: str
    actor: Actor | None = None


def _doc_date(meta: Mapping[str, Any]) -> dt.date | None:
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
    """A speech: every sentence is the speaker's (``meta["speaker"]``, else the delegation)."""
    side = meta.get("side")
    name = meta.get("speaker") or gazetteer.country_name(side) or side or NARRATOR
    return SpeakerAnnotation(participants=[name], participant_sides=[side], source=meta.get("source"), side=side,
                             speaker=[name] * n, speaker_side=[side] * n, attribution=["explicit"] * n,
                             reporting_verb=[None] * n, other_speaker=[None] * n)


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
            seen.setdefault(m.actor.name, m)
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


class _Attributor:
    """Sentence-by-sentence state: paragraph speaker and recent persons."""

    def __init__(self, text: str, *, cast: Cast, side: str | None, participants: list[Mention], two_party: bool = False,
                 principal: str | None = None):
        self.text, self.cast, self.side, self.participants = text, cast, side, participants
        self.principal = principal  # the issuer's own principal's office ("president" for the White House, Kremlin, Kyiv)
        # an account of a meeting or call has two parties even when the event sentence names only one
        self.two_party = two_party or len(participants) >= 2
        self.recent: list[Actor] = []  # speakers, most recent last
        self.mentioned: list[Actor] = []
        self.quoted = False  # the last sentence was attributed by its closing quotation
        self.last_mentions: list[Mention] = []  # the persons named in the last sentence labelled

    def person(self, actor: Actor, how: str) -> _Who:
        self.recent.append(actor)
        return _Who(actor.name, actor.side, how, actor)

    def sentence(self, start: int, end: int, *, first: bool) -> tuple[_Who | None, str | None]:
        """Label one sentence; None means "no subject of its own" (continuation or narration)."""
        sent = self.text[start:end]
        mentions = self.cast.mentions(self.text, start, end)
        body = _ADVERBIAL.sub("", sent, count=1)
        body = _LEADING.sub("", body, count=1)
        offset = start + len(sent) - len(body)
        try:
            if _BACKGROUND.match(sent):
                return _Who(NARRATOR, None, "narration"), None
            agent = _BY_AGENT.search(sent)
            if agent:
                who = self.subject(agent.group("s").strip(), start + agent.start("s"), start + agent.end("s"), mentions)
                if who is not None:
                    return who, None
            according = _ACCORDING.match(sent)
            if according:
                who = self.subject(according.group("s").strip(), start + according.start("s"), start + according.end("s"), mentions)
                if who is not None:
                    return who, None
            quoted = _QUOTE_TAIL.search(sent)
            if quoted:
                group = "s1" if quoted.group("s1") else "s2"
                who = self.subject(quoted.group(group).strip(), start + quoted.start(group), start + quoted.end(group), mentions)
                if who is not None:
                    self.quoted = True
                    return who, verb_lemma(self.cast.gazetteer, quoted.group("v1") or quoted.group("v2"))
            verb = self.cast.gazetteer.verb_re.search(body)
            if verb is not None and (verb.group("ev") or (verb.group("rv").lower() in ("welcomed", "welcomes")
                                                          and _WELCOME_TO.match(body, verb.end()))):
                self.event_subject(body[:verb.start()], offset, mentions)
                return _Who(NARRATOR, None, "narration"), None
            if verb is not None:
                lemma = verb_lemma(self.cast.gazetteer, verb.group("rv"))
                subject = _TRAILING.sub("", body[:verb.start()].rstrip()).strip()
                who = self.subject(subject, offset, offset + len(subject), mentions)
                if who is not None:
                    return who, lemma
            if _SCHEDULE.search(body):
                return _Who(NARRATOR, None, "narration"), None
            if self.two_party and _AGENDA.search(body):
                return _Who(BOTH_SIDES, None, "joint"), None
            who = self.leading_person(body, offset, mentions)
            return who, None
        finally:
            self.mentioned.extend(m.actor for m in mentions)
            self.last_mentions = mentions

    def event_subject(self, before: str, offset: int, mentions: list[Mention]) -> None:
        """Make the one person who is the subject of an event sentence the referent of a later "He"/"She".

        "Secretary Blinken met today with Prime Minister Shmyhal. ... He reviewed ..." is the Secretary's:
        the subject of the event, not the last person named. The sentence stays narration.
        """
        subject = _TRAILING.sub("", before.rstrip()).strip()
        chain = self.chain(subject, offset, offset + len(subject), mentions) if subject else []
        if len(chain) == 1 and chain[0][0] is not None:
            self.recent.append(chain[0][0])

    def second_speaker(self, start: int, end: int, *, main: str) -> str | None:
        """The principal, other than ``main``, named as subject of a later reporting clause of the sentence.

        "Vladimir Putin noted ..., while Joseph Biden stressed ..." gives Joe Biden; pronouns and joint
        subjects ("..., and they discussed ...") give None. Leaves the pronoun history as it was.
        """
        sent = self.text[start:end]
        verbs = self.cast.gazetteer.verb_re
        recent = list(self.recent)
        try:
            for clause in _SECOND_CLAUSE.finditer(sent):
                if verbs.search(sent, 0, clause.start()) is None:
                    continue  # still the main subject ("Sherman, Minister Lee, and Vice Minister Choi emphasized")
                verb = verbs.search(sent, clause.end())
                if verb is None or verb.group("ev"):
                    continue
                subject = _TRAILING.sub("", sent[clause.end():verb.start()].rstrip()).strip()
                if not subject or len(subject) > 80 or "," in subject:
                    continue
                a = start + clause.end()
                who = self._subject(subject, a, a + len(subject), self.last_mentions)
                if (who is not None and who.actor is not None and who.how in ("explicit", "role") and who.speaker != main
                        and who.speaker != self.cast.gazetteer.country_name(who.side)):  # a person, not a country
                    return who.speaker
            return None
        finally:
            self.recent[:] = recent

    def leading_person(self, body: str, offset: int, mentions: list[Mention]) -> _Who | None:
        """A sentence that opens with a principal followed by a verb is his ("Vladimir Putin detailed ...")."""
        for m in mentions:
            if m.start == offset and _VERBISH.match(self.text, m.end):
                return self.person(m.actor, "explicit")
        past = _PAST.search(body)
        if past is not None and " and " in body[:past.start()]:
            subject = _TRAILING.sub("", body[:past.start()]).strip()
            if len(self.chain(subject, offset, offset + len(subject), mentions)) >= 2:
                return _Who(BOTH_SIDES, None, "joint")
        role = _ROLE.match(self.text, offset)
        if role and _VERBISH.match(self.text, role.end()):
            resolved = self.role(role)
            if resolved is not None and resolved[0] is not None:
                return self.person(resolved[0], "role")
        return None

    def subject(self, subject: str, s0: int, s1: int, mentions: list[Mention]) -> _Who | None:
        """Resolve a subject phrase (``text[s0:s1]``) to a speaker."""
        if not subject or _FIRST_PERSON.fullmatch(subject):
            return None
        if _TOGETHER.search(subject):  # "Deputy Secretary Sherman, together with Ms. Tsikhanouskaya,"
            return _Who(BOTH_SIDES, None, "joint")
        who = self._subject(subject, s0, s1, mentions)
        if who is None and "," in subject:
            # "the President of Russia once again, this time in person," / "As a follow-up ..., the Head of State"
            for part in re.finditer(r"[^,]+", subject):
                head = _TRAILING.sub("", part.group()).strip()
                if not head:
                    continue
                a = s0 + part.start() + part.group().find(head)
                who = self._subject(head, a, a + len(head), mentions)
                if who is not None and who.speaker != BOTH_SIDES:
                    break
                who = None
        return who

    def _subject(self, subject: str, s0: int, s1: int, mentions: list[Mention]) -> _Who | None:
        tail = subject.rsplit(", ", 1)[-1]  # "Building on ..., the two leaders" / "As Allies, they"
        joined = subject.split(" and ")[1:]  # "The Vice President and the two Prime Ministers"
        if _JOINT.fullmatch(subject) or _JOINT.fullmatch(tail) or any(_JOINT.fullmatch(part) for part in joined):
            return _Who(BOTH_SIDES, None, "joint")
        if _TITLE_PAIR.fullmatch(subject):  # "The Secretary and Foreign Minister", "The President and Prime Minister"
            return _Who(BOTH_SIDES, None, "joint")
        pronoun = _PRONOUN.fullmatch(subject) or _PRONOUN.fullmatch(tail)
        if pronoun:
            actor = self.pronoun("f" if pronoun.group("p").lower() in ("she", "her") else "m")
            return self.person(actor, "pronoun") if actor else None
        country = self.cast.gazetteer.side_of(subject)
        if country is not None:  # "The United States reaffirmed ..." speaks for that side
            for p in self.participants:
                if p.actor.side == country:
                    return self.person(p.actor, "role")
            return None
        chain = self.chain(subject, s0, s1, mentions)
        if len(chain) >= 2:
            return _Who(BOTH_SIDES, None, "joint")
        if len(chain) == 1:
            actor, how = chain[0]
            return self.person(actor, how) if actor else _Who(how, None, "role")
        name = self.cast.person_name(subject)
        if name is not None:  # a delegate the event sentence did not name: "Leendert Verbeek said ..."
            return self.person(self.cast.resolve(name) or self.cast.add(Actor(name, None)), "explicit")
        return None

    def chain(self, subject: str, s0: int, s1: int, mentions: list[Mention]) -> list[tuple[Actor | None, str]]:
        """Persons at the end of the subject joined by "and" ("President Biden and President Xi")."""
        items: list[tuple[int, int, Actor | None, str]] = []
        for m in mentions:
            if s0 <= m.start and m.end <= s1:
                items.append((m.start, m.end, m.actor, "explicit"))
        for regex, kind in ((_ROLE, "role"), (_SIDE, "side")):
            for m in regex.finditer(self.text, s0, s1):
                if any(a < m.end() and m.start() < b for a, b, _, _ in items):
                    continue
                resolved = self.role(m) if kind == "role" else self.side_role(m)
                if resolved is not None:
                    items.append((m.start(), m.end(), *resolved))
        items.sort(key=lambda x: x[0])
        out: list[tuple[Actor | None, str]] = []
        pos = s1
        for a, b, actor, how in reversed(items):
            gap = self.text[b:pos]
            if pos == s1 and _AND_NAME.fullmatch(gap):  # "Zelenskyy and Marija Pejčinović Burić": a second, unknown person
                return [(actor, how), (None, BOTH_SIDES)]
            if pos == s1 and a == s0 and how == "role" and _OF_ORGANISATION.fullmatch(gap):
                return [(actor, how)]  # "The Secretary General of the Congress of Local and Regional Authorities"
            if not _CONNECTOR.fullmatch(gap) and not (pos == s1 and re.fullmatch(r"[\s,]*", gap)):
                break
            if self.text[b:b + 2] in ("’s", "'s"):
                break
            out.append((actor, how))
            pos = a
        if not out:
            return []
        head = self.text[s0:pos]
        if len(out) == 1 and len(head.split()) > 12:
            return []  # a name deep in a long subject is not the subject
        if re.search(r"\bof\s*$", head):
            return []  # "The wife of the President of Ukraine": someone else, related to him
        return list(reversed(out))

    def role(self, m: re.Match) -> tuple[Actor | None, str] | None:
        """Resolve "The President", "the Secretary", "the President of Russia", "the Russian leader" here."""
        role = m.group("role")
        side = None
        organisation = False
        for group in ("q", "q2"):
            if m.group(group):
                found = self.cast.gazetteer.side_of(m.group(group))
                if found is not None:
                    side = found
                elif group == "q" and m.group("q").isupper() and m.group("q") != "PRC":
                    organisation = True  # "the IMF Managing Director": an organisation's official, not the issuer's
                elif group == "q":  # not a country word: part of the title ("The Deputy Secretary")
                    role = f"{m.group('q')} {role}"
        low = _office_words(role)
        if low in _PRINCIPAL_ROLES:
            pool = [p for p in self.participants if p.actor.side == (side or self.side)]
            holder = self.cast.gazetteer.holder("president", side or self.side, self.cast.date)
            heads = [p.actor for p in pool if any(o.role in _HEAD_OFFICES and o.holds(self.cast.date) for o in p.actor.offices)
                     or _office_words(p.title or "").split(" of ")[0] in _HEAD_OFFICES]
            if heads:
                return heads[0], "role"
            if holder is not None and (side or self.side) == self.side:
                return holder, "role"  # Kyiv's "the Head of State" in Andriy Yermak's readout is still the president
            if pool:
                return pool[0].actor, "role"
            return (holder, "role") if holder is not None else None
        if organisation:
            for p in self.participants:
                if p.actor.side != self.side and _titled_as(p.title, low):
                    return p.actor, "role"
            return None
        own_first = sorted(self.participants, key=lambda p: p.actor.side != self.side) if side is None else self.participants
        office = _OFFICES.get(low)
        if side is None and office:  # "The President" of an issuer is its own first
            for p in own_first:
                if p.actor.side == self.side and any(o.role == office and o.holds(self.cast.date) for o in p.actor.offices):
                    return p.actor, "role"
        for p in own_first:
            if (side is None or p.actor.side == side) and _titled_as(p.title, low):
                if side is None and m.group("q2") is None and office == self.principal and " of " in (p.title or ""):
                    continue  # "The President" of Kyiv is not the "President of the Congress ..." it met
                return p.actor, "role"
        if office:
            for p in self.participants:  # a participant of that side holding the office
                if (side is None or p.actor.side == side) and any(o.role == office and o.holds(self.cast.date) for o in p.actor.offices):
                    return p.actor, "role"
            holder = self.cast.gazetteer.holder(office, side or self.side, self.cast.date)
            if holder is not None:
                return holder, "role"
        for p in self.participants:
            if p.actor.has_title(role) and (side is None or p.actor.side == side):
                return p.actor, "role"
        return None

    def side_role(self, m: re.Match) -> tuple[Actor | None, str] | None:
        """Resolve "the Chinese side", "the U.S. delegation" to that side's principal (else the country)."""
        side = self.cast.gazetteer.side_of(m.group("q"))
        if side is None:
            return None
        for p in self.participants:
            if p.actor.side == side:
                return p.actor, "role"
        return Actor(self.cast.gazetteer.country_name(side) or side, side), "role"

    def pronoun(self, gender: str) -> Actor | None:
        """The most recent compatible speaker, else mentioned principal, else participant."""
        if self.recent and self.recent[-1].gender is None:
            return self.recent[-1]  # the last speaker, whose gender is unknown ("Kyrylo Tymoshenko stressed ... He noted ...")
        pools = (self.recent, self.mentioned, [p.actor for p in self.participants])
        for accept in ((gender,), (gender, None)):  # a known gender beats an unknown one
            for pool in pools:
                for actor in reversed(pool):
                    if actor.gender in accept:
                        return actor
        return None


def annotate_speakers(text: str, sentences: Sequence[tuple[int, int, int]], meta: Mapping[str, Any], *,
                      gazetteer: Gazetteer) -> SpeakerAnnotation:
    """Attribute every sentence of one document to a speaker.

    Parameters
    ----------
    text : str
        The normalised body.
    sentences : sequence of (start, end, para_id)
    meta : mapping
        title, date, source, side, kind, participants; for speeches ``speaker``.
    gazetteer : Gazetteer

    Returns
    -------
    SpeakerAnnotation
    """
    if meta.get("kind") == "speech":
        return speech_annotation(len(sentences), meta, gazetteer=gazetteer)
    cast = Cast(gazetteer, date=_doc_date(meta))
    event = event_sentence_index(text, sentences)
    first = text[sentences[event][0]:sentences[event][1]] if sentences else ""
    participants = find_participants(meta.get("title"), first, cast=cast)
    side, source = meta.get("side"), meta.get("source")
    if not side:
        side = infer_side(cast.mentions(first))
        source = source or infer_source(side, participants)
    participants = with_own_principal(participants, meta, side=side, gazetteer=gazetteer, date=cast.date)
    two_party = bool(meta.get("event_type")) and meta.get("kind") == "readout" and len(participants) >= 1
    run = _Attributor(text, cast=cast, side=side, participants=participants, two_party=two_party,
                      principal=meta.get("issuer_principal"))
    out = SpeakerAnnotation([m.actor.name for m in participants], [m.actor.side for m in participants],
                            source, side, [], [], [], [], [])
    continuation = meta.get("issuer_continuation", True) is not False
    current: _Who | None = None
    last_para = None
    inside, run_start, run_who = False, None, None  # an open quotation: where it began, who it is known to be
    for i, (start, end, para) in enumerate(sentences):
        if para != last_para:
            current, last_para = None, para
            inside, run_start, run_who = False, None, None
        was_inside = inside
        run.quoted = False
        who, lemma = run.sentence(start, end, first=i == event)
        sent = text[start:end]
        inside = _quote_state(sent, inside)
        if who is None:
            if was_inside and run_who is not None:
                who = _Who(run_who.speaker, run_who.side, "continuation")
            else:
                narration = (not continuation or current is None or current.how == "narration"
                             or _NARRATION.match(text, start, end) or _NARRATION.match(_ADVERBIAL.sub("", sent, count=1)))
                who = _Who(NARRATOR, None, "narration") if narration else _Who(current.speaker, current.side, "continuation")
            lemma = None
        else:
            current = who
        if not was_inside and inside:
            run_start, run_who = i, (who if who.speaker not in (NARRATOR,) and who.how != "narration" and not run.quoted else None)
        if was_inside and not inside and run_start is not None and run.quoted:
            # '"We are grateful ... / ... We feel it," said the Head of the Office': the quotation is his throughout
            for k in range(run_start, i):
                out.speaker[k], out.speaker_side[k], out.attribution[k] = who.speaker, who.side, "continuation"
        if not inside:
            run_start, run_who = None, None
        out.speaker.append(who.speaker)
        out.speaker_side.append(who.side)
        out.attribution.append(who.how)
        out.reporting_verb.append(lemma)
        out.other_speaker.append(None if was_inside else run.second_speaker(start, end, main=who.speaker))
    return out


def _quote_state(sentence: str, inside: bool) -> bool:
    """Whether a quotation is open after ``sentence``, given whether one was open before it."""
    for ch in sentence:
        if ch == "\u201c":
            inside = True
        elif ch == "\u201d":
            inside = False
        elif ch == '"':
            inside = not inside
    return inside

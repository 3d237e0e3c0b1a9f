"""Who the subject of a sentence is: names, roles, pronouns, joint subjects and chains of persons.

:class:`SubjectResolver` resolves a subject phrase of one document's sentence to a speaker
(:class:`Who`): a participant named or role-named ("The Head of State"), a pronoun that follows the
last person named, a joint subject ("The parties", "X and Y") or a country that speaks for its side.
It keeps the persons recently named; :class:`analysis.annotate.speakers` applies its sentence rules on top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.annotate.actors import Actor, Cast, Mention
from analysis.annotate.roles import RoleResolver
from analysis.annotate.speaker_patterns import (
    AND_NAME, AND_OTHERS, APPOSITION, AT_THE_SAME_TIME, CONNECTOR, FIRST_PERSON, IMPERSONAL, JOINT, JOINT_OPENING,
    LEAD_VERB, MILITARY, OF_ORGANISATION, ORGANISATION_TAIL, PAST, POSSESSIVE_COUNTRY, PRONOUN, RELATIVE, ROLE, SIDE,
    TITLE_PAIR, TOGETHER, TRAILING, VERBISH,
)
from analysis.vocab import BOTH_SIDES

__all__ = ["SubjectResolver", "Who"]


@dataclass
class Who:
    """A sentence's speaker: the label, its side, how it was decided (``attribution``) and the actor, if a person."""

    speaker: str
    side: str | None
    how: str
    actor: Actor | None = None


class SubjectResolver:
    """Resolve subject phrases of one document to speakers, remembering the persons recently named."""

    def __init__(self, text: str, *, cast: Cast, side: str | None, participants: list[Mention], two_party: bool = False,
                 principal: str | None = None):
        self.text, self.cast, self.side, self.participants = text, cast, side, participants
        self.principal = principal  # the issuer's own principal's office ("president" for the White House, Kremlin, Kyiv)
        self.roles = RoleResolver(cast=cast, side=side, participants=participants, principal=principal)
        self.role, self.side_role = self.roles.role, self.roles.side_role
        # an account of a meeting or call has two parties even when the event sentence names only one
        self.two_party = two_party or len(participants) >= 2
        self.recent: list[Actor] = []  # speakers, most recent last
        self.mentioned: list[Actor] = []

    def person(self, actor: Actor, how: str) -> Who:
        """``actor`` as the speaker, decided by ``how``; he becomes the latest person a pronoun can follow."""
        self.recent.append(actor)
        return Who(actor.name, actor.side, how, actor)

    def participant_of(self, side: str) -> Actor | None:
        """The first participant of ``side``, else None."""
        return next((p.actor for p in self.participants if p.actor.side == side), None)

    def other_party(self, who: Who | None) -> Actor | None:
        """The one participant of the side other than ``who``'s, in a readout of two sides; else None."""
        if who is None or who.actor is None or who.side is None:
            return None
        others = [p.actor for p in self.participants if p.actor.side is not None and p.actor.side != who.side]
        return others[0] if others and len({a.side for a in others}) == 1 else None

    def leading_person(self, body: str, offset: int, mentions: list[Mention]) -> Who | None:
        """A sentence that opens with a principal followed by a verb is his ("Vladimir Putin detailed ...")."""
        for m in mentions:
            if m.start == offset and VERBISH.match(self.text, m.end):
                return self.person(m.actor, "explicit")
        past = PAST.search(body)
        if past is not None and " and " in body[:past.start()]:
            subject = TRAILING.sub("", body[:past.start()]).strip()
            if len(self.chain(subject, offset, offset + len(subject), mentions)) >= 2:
                return Who(BOTH_SIDES, None, "joint")
        joint = JOINT_OPENING.match(self.text, offset)
        if joint and self.two_party and VERBISH.match(self.text, joint.end()):
            return Who(BOTH_SIDES, None, "joint")
        role = ROLE.match(self.text, offset)
        if role and VERBISH.match(self.text, role.end()):
            resolved = self.role(role)
            if resolved is not None and resolved[0] is not None:
                return self.person(resolved[0], "role")
        side = SIDE.match(self.text, offset) or MILITARY.match(self.text, offset)  # "For its part, the Ukrainian side will provide ...", "the Russian military is ready"
        if side and (VERBISH.match(self.text, side.end()) or LEAD_VERB.match(self.text, side.end())):
            resolved = self.side_role(side)
            if resolved is not None and any(p.actor is resolved[0] for p in self.participants):
                return self.person(resolved[0], "role")
        same_time = AT_THE_SAME_TIME.match(self.text, offset)
        at = same_time.end() if same_time else offset
        word = re.match(r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)?", self.text[at:at + 40])
        side = self.cast.gazetteer.side_of(word.group()) if word else None
        if side is not None and LEAD_VERB.match(self.text, at + word.end()):  # "At the same time, Croatia will also continue ..."
            own = self.participant_of(side)
            if own is not None:
                return self.person(own, "role")
        country = POSSESSIVE_COUNTRY.match(self.text, offset)  # "In particular, his country will continue to provide ..."
        if country and (VERBISH.match(self.text, country.end()) or LEAD_VERB.match(self.text, country.end())):
            actor = self.pronoun("f" if country.group("p").lower() == "her" else "m")
            if actor is not None:
                return self.person(actor, "pronoun")
        return None

    def subject(self, subject: str, s0: int, s1: int, mentions: list[Mention]) -> Who | None:
        """Resolve a subject phrase (``text[s0:s1]``) to a speaker."""
        if not subject or FIRST_PERSON.fullmatch(subject):
            return None
        if TOGETHER.search(subject):  # "Deputy Secretary Sherman, together with Ms. Tsikhanouskaya,"
            return Who(BOTH_SIDES, None, "joint")
        who = self.plain_subject(subject, s0, s1, mentions)
        relative = RELATIVE.search(subject) if who is None else None
        if relative:  # "the President of the European Council who visited the Odesa seaport where ..."
            who = self.plain_subject(subject[:relative.start()], s0, s0 + relative.start(), mentions)
        if who is None and "," in subject:
            # "the President of Russia once again, this time in person," / "As a follow-up ..., the Head of State"
            for part in re.finditer(r"[^,]+", subject):
                head = TRAILING.sub("", part.group()).strip()
                if not head:
                    continue
                a = s0 + part.start() + part.group().find(head)
                who = self.plain_subject(head, a, a + len(head), mentions)
                if who is not None and who.speaker != BOTH_SIDES:
                    break
                who = None
        return who

    def plain_subject(self, subject: str, s0: int, s1: int, mentions: list[Mention]) -> Who | None:
        """:meth:`subject` without its fallbacks: a joint, pronoun, country, chain, title or name subject, else None."""
        tail = subject.rsplit(", ", 1)[-1]  # "Building on ..., the two leaders" / "As Allies, they"
        joined = subject.split(" and ")  # "The Vice President and the two Prime Ministers", "The presidents and ..."
        if IMPERSONAL.fullmatch(joined[0]) or joined[0].lower() == "it":
            joined = joined[1:]
        if JOINT.fullmatch(subject) or JOINT.fullmatch(tail) or any(JOINT.fullmatch(part) for part in joined):
            return Who(BOTH_SIDES, None, "joint")
        if TITLE_PAIR.fullmatch(subject):  # "The Secretary and Foreign Minister", "The President and Prime Minister"
            return Who(BOTH_SIDES, None, "joint")
        if len(joined) >= 2 and AND_OTHERS.fullmatch(joined[-1]) and self.two_party:  # "The Head of State and the chairs of ..."
            return Who(BOTH_SIDES, None, "joint")
        apposition = APPOSITION.fullmatch(subject)
        if apposition:  # "Mykhailo Podolyak, Adviser to the Head of the Office of the President of Ukraine,": the name
            head = apposition.group("head")
            named = self.chain(head, s0, s0 + len(head), mentions)
            if len(named) == 1 and named[0][1] == "explicit" and named[0][0] is not None:
                return self.person(named[0][0], "explicit")
        pronoun = (PRONOUN.fullmatch(subject) or PRONOUN.fullmatch(tail) or POSSESSIVE_COUNTRY.fullmatch(subject)
                   or POSSESSIVE_COUNTRY.fullmatch(tail))
        if pronoun:
            actor = self.pronoun("f" if pronoun.group("p").lower() in ("she", "her") else "m")
            return self.person(actor, "pronoun") if actor else None
        country = self.cast.gazetteer.side_of(subject)
        if country is not None:  # "The United States reaffirmed ..." speaks for that side
            own = self.participant_of(country)
            return self.person(own, "role") if own is not None else None
        chain = self.chain(subject, s0, s1, mentions)
        if len(chain) >= 2:
            return Who(BOTH_SIDES, None, "joint")
        if self.two_party and len(joined) == 2 and all(ROLE.match(part.strip()) for part in joined):
            # "The Deputy Head of the Office of the President and the Foreign Minister of Portugal": two offices, one
            # of them held by someone the event sentence did not name (labels_ukraine_dev16.yaml)
            return Who(BOTH_SIDES, None, "joint")
        if len(chain) == 1:
            actor, how = chain[0]
            return self.person(actor, how) if actor else Who(how, None, "role")
        titled = [p.actor for p in self.participants  # "the International Criminal Court Prosecutor": a participant's title
                  if p.title and re.fullmatch(rf"[Tt]he\s+(?:[A-Z][\w.’'-]*\s+){{0,5}}{re.escape(p.title)}", subject)]
        if len(titled) == 1:
            return self.person(titled[0], "role")
        name = self.cast.person_name(subject)
        if name is not None:  # a delegate the event sentence did not name: "Leendert Verbeek said ..."
            return self.person(self.cast.resolve(name) or self.cast.add(Actor(name, None)), "explicit")
        titled = self.cast.mentions(subject, extend=True)  # "Minister of Health Viktor Lyashko noted ..."
        if len(titled) == 1 and titled[0].end == len(subject) and titled[0].title:
            return self.person(titled[0].actor, "explicit")
        return None

    def chain(self, subject: str, s0: int, s1: int, mentions: list[Mention]) -> list[tuple[Actor | None, str]]:
        """Persons at the end of the subject joined by "and" ("President Biden and President Xi")."""
        items: list[tuple[int, int, Actor | None, str]] = []
        for m in mentions:
            if s0 <= m.start and m.end <= s1:
                items.append((m.start, m.end, m.actor, "explicit"))
        for regex, kind in ((ROLE, "role"), (SIDE, "side")):
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
            if pos == s1 and AND_NAME.fullmatch(gap):  # "Zelenskyy and Marija Pejčinović Burić": a second, unknown person
                return [(actor, how), (None, BOTH_SIDES)]
            organisation = OF_ORGANISATION.fullmatch(gap) or ORGANISATION_TAIL.fullmatch(gap)
            if pos == s1 and a == s0 and how == "role" and organisation:
                return [(actor, how)]  # "The Secretary General of the Congress of Local and Regional Authorities"
            if not CONNECTOR.fullmatch(gap) and not (pos == s1 and re.fullmatch(r"[\s,]*", gap)):
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

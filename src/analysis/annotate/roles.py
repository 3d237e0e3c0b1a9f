"""Role names resolved to persons: "The President", "the Head of State", "the Russian leader", "the Chinese side".

Used by :mod:`analysis.annotate.speakers` for subjects that name an office or a side rather than a person, and
for passive sentences about the issuer's own stance.
A role resolves by the issuer's side and the document's participants: "The President" is the issuer's own
president, "the President of the Norwegian Storting" the participant holding that title, "the IMF Managing
Director" an organisation's official; never someone outside the participants when a participant fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.annotate.actors import Actor, Cast, Mention
from analysis.annotate.speaker_patterns import HEAD_OFFICES, OFFICES, PRINCIPAL_ROLES, office_words, titled_as


#: What a party's own stance is called ("Russia's readiness", "Russia's principled position", "Russia's draft agreements").
_STANCE_NOUNS = r"(?:readiness|position|positions|proposals?|initiatives?|concerns?|drafts?|approach(?:es)?|stance|assessments?|demands?)\b"


#: The issuer's own things in a passive about what it hopes or asks ("Hope was expressed that our channel will be given ...").
_OWN = r"our\s+(?:channel|country|side|state|position|citizens|compatriots|diplomats|embassy|military|troops|media|journalists|servicemen)\b"

#: A side's forces named by its demonym in what a passive reports ("It was noted that the Russian Armed Forces were
#: doing everything possible ...": labels_kremlin_dev10c.yaml, labels_kremlin_dev11c.yaml): that side's account.
_FORCES = re.compile(r"\bthat\s+(?:the\s+)?(?P<q>[A-Z][\w-]+)\s+(?:Armed Forces|armed forces|military personnel|military|troops|"
                     r"servicemen)\b")


@dataclass
class RoleResolver:
    """One document's resolution of role and side subjects.

    Parameters
    ----------
    cast : Cast
        The document's actors.
    side : str or None
        The issuer's side (ISO 3166 alpha-2).
    participants : list of Mention
        The principals of the event, the issuer's first where known.
    principal : str, optional
        The issuer's own principal's office ("president", "secretary of state").
    """

    cast: Cast
    side: str | None
    participants: list[Mention]
    principal: str | None = None

    def role(self, m: re.Match) -> tuple[Actor | None, str] | None:
        """Resolve "The President", "the Secretary", "the President of Russia", "the Russian leader" here."""
        role = m.group("role")
        side = None
        organisation = False
        if m.group("q3"):  # "The Head of the Ukrainian state": the head of state of the side the adjective names
            role, side = "head of state", self.cast.gazetteer.side_of(m.group("q3"))
        if m.group("q4"):  # "the Head of the Croatian government": that side's participant (labels_ukraine_dev12b.yaml)
            side = self.cast.gazetteer.side_of(m.group("q4"))
            pool = [p.actor for p in self.participants if side is not None and p.actor.side == side]
            return (pool[0], "role") if len(pool) == 1 else None
        for group in ("q", "q2"):
            if m.group(group):
                found = self.cast.gazetteer.side_of(m.group(group))
                if found is not None:
                    side = found
                elif group == "q" and m.group("q").isupper() and m.group("q") != "PRC":
                    organisation = True  # "the IMF Managing Director": an organisation's official, not the issuer's
                elif group == "q":  # not a country word: part of the title ("The Deputy Secretary")
                    role = f"{m.group('q')} {role}"
        low = office_words(role)
        if side is None and m.group("q2"):  # "the President of the Norwegian Storting": the participant with that title
            named = self._titled_participant(m.group("q2"), low=low)
            if named is not None:
                return named, "role"
        if organisation and low in PRINCIPAL_ROLES:  # "The IAEA leader": the one participant of no or another side
            others = [p.actor for p in self.participants if p.actor.side != self.side]
            return (others[0], "role") if len(others) == 1 else None
        if low in PRINCIPAL_ROLES:
            pool = [p for p in self.participants if p.actor.side == (side or self.side)]
            holder = self.cast.gazetteer.holder("president", side or self.side, self.cast.date)
            heads = [p.actor for p in pool if any(o.role in HEAD_OFFICES and o.holds(self.cast.date) for o in p.actor.offices)
                     or office_words(p.title or "").split(" of ")[0] in HEAD_OFFICES]
            if heads:
                return heads[0], "role"
            if holder is not None and (side or self.side) == self.side:
                return holder, "role"  # Kyiv's "the Head of State" in Andriy Yermak's readout is still the president
            if pool:
                return pool[0].actor, "role"
            return (holder, "role") if holder is not None else None
        if organisation:
            for p in self.participants:
                if p.actor.side != self.side and titled_as(p.title, low):
                    return p.actor, "role"
            return None
        own_first = sorted(self.participants, key=lambda p: p.actor.side != self.side) if side is None else self.participants
        office = OFFICES.get(low)
        if side is None and office:  # "The President" of an issuer is its own first
            for p in own_first:
                if p.actor.side == self.side and any(o.role == office and o.holds(self.cast.date) for o in p.actor.offices):
                    return p.actor, "role"
        for p in own_first:
            if (side is None or p.actor.side == side) and titled_as(p.title, low):
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
        for p in self.participants:  # "the Adviser to the Head of the President's Office": an office of the actor's
            if (p.actor.has_title(role) or p.actor.has_title(low)) and (side is None or p.actor.side == side):
                return p.actor, "role"
        return None

    def _own_forces(self, body: str) -> bool:
        """Whether ``body`` reports what the issuer's own forces do ("that the Russian Armed Forces were ...")."""
        forces = _FORCES.search(body)
        return forces is not None and bool(self.side) and self.cast.gazetteer.side_of(forces.group("q")) == self.side

    def _own_stance_words(self, body: str) -> bool:
        """Whether ``body`` names the issuer's own stance ("by Russia", "Russia's readiness", "hope that Russia would")."""
        country = self.cast.gazetteer.country_name(self.side)
        if not country:
            return False
        c = re.escape(country)
        return re.search(rf"\bby {c}\b|\b{c}[’']s\s+(?:[\w-]+\s+)?{_STANCE_NOUNS}"
                         rf"|\b(?:[a-z]+ed|hope|view|conviction|confidence|belief)\s+that {c} (?:would|will|is|was|remains)\b"
                         rf"|\bthat\s+(?:\w+\s+){{0,3}}?{_OWN}", body) is not None

    def _titled_participant(self, words: str, *, low: str | None = None) -> Actor | None:
        """The one participant whose title names ``words`` ("Norwegian Storting"), when ``words`` are no country.

        With the role noun ``low``, first the one participant holding that role in a body ``words`` begins with:
        "The Secretary General of the Congress of Local and Regional Authorities ..." is the participant titled
        "Secretary General of the Congress", not the "President of the Congress of Local ..." he came with.
        """
        if self.cast.gazetteer.side_of(words) is not None:
            return None
        if low is not None:
            body = re.compile(rf"\b{re.escape(words.split()[0])}\b")
            holders = [p.actor for p in self.participants if titled_as(p.title, low) and body.search(p.title or "")]
            if len(holders) == 1:
                return holders[0]
        pattern = re.compile(rf"\b{re.escape(words)}\b", re.IGNORECASE)
        found = [p.actor for p in self.participants if p.title and pattern.search(p.title)]
        if not found:  # "European Council President Charles Michel" gave no title of the office's form: his offices do
            found = [p.actor for p in self.participants if any(pattern.search(o.role) for o in p.actor.offices)]
        return found[0] if len(found) == 1 else None

    def side_role(self, m: re.Match) -> tuple[Actor | None, str] | None:
        """Resolve "the Chinese side", "the U.S. delegation" to that side's principal (else the country)."""
        side = self.cast.gazetteer.side_of(m.group("q"))
        if side is None:
            return None
        for p in self.participants:
            if p.actor.side == side:
                return p.actor, "role"
        return Actor(self.cast.gazetteer.country_name(side) or side, side), "role"

    def own_stance(self, body: str) -> Actor | None:
        """The issuer's principal when a passive sentence is about the issuer's own stance, else None.

        "Hope was expressed that serious talks would be organised on all issues raised by Russia." in the
        Kremlin's account is Vladimir Putin's: the content is one party's ("by Russia", "Russia's readiness"), not
        joint; "attention was paid to Ukraine's energy security" (a subject matter) stays joint; so is what the
        issuer's own forces are said to do ("It was noted that the Russian Armed Forces were doing everything ...").
        """
        if not (self._own_forces(body) or self._own_stance_words(body)):
            return None
        own = [p.actor for p in self.participants if p.actor.side == self.side]
        return own[0] if len(own) == 1 else None

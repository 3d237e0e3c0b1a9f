"""Who said what: sentence attribution (the participants are found by :mod:`analysis.annotate.participants`).

:func:`annotate_speakers` labels every sentence of one document with the person
whose words or stance it reports (``speaker``), how that was decided
(``attribution``), the reporting verb's lemma, and the principal named as subject
of a second reporting clause (``other_speaker``). The sums of these labels per
document and speaker (the speakers table) are :mod:`analysis.annotate.shares`'.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from analysis.annotate.actors import Actor, Cast, Gazetteer, Mention, verb_lemma
from analysis.annotate.participants import event_sentence_index, find_participants, infer_side, infer_source, with_own_principal
from analysis.annotate.speaker_patterns import (
    ACCORDING, ADVERBIAL, AFTER_TALKS, AGENDA, AGENDA_LEAD, AGENDA_OUTCOME, BACKGROUND, BETWEEN_PARTIES, BY_AGENT, CEREMONY,
    EARLIER_ACT, EVENT_PHRASE, FRAGMENT, FREE_INDIRECT, FUTURE, IMPERSONAL, IMPERSONAL_STANCE, INITIATED,
    INITIATIVE, JOINT_AFTER, LEADING, NARRATION, NOT_AN_EVENT, OPENS_QUOTE, PARTISAN, PASSIVE_REQUEST, PAST_EVENT,
    QUOTE_TAIL, QUOTE_TAIL_ALONE, RELATIVE_END, SCHEDULE, SECOND_CLAUSE, SIGNING, STATEMENT_BY, STATEMENT_TAIL,
    TRAILING, TURN, UNNAMED_TURN, WELCOME_TO, WORKING_VISIT, quote_state,
)
from analysis.annotate.speech import SpeakerAnnotation, doc_date, speech_annotation
from analysis.annotate.subjects import SubjectResolver, Who
from analysis.vocab import BOTH_SIDES, NARRATOR


class _Attributor(SubjectResolver):
    """Sentence-by-sentence state: paragraph speaker, quotations, and (inherited) the persons recently named."""

    def __init__(self, text: str, *, cast: Cast, side: str | None, participants: list[Mention], two_party: bool = False,
                 principal: str | None = None):
        super().__init__(text, cast=cast, side=side, participants=participants, two_party=two_party, principal=principal)
        self.quoted = False  # the last sentence was attributed by its closing quotation
        self.after_quote = False  # the previous sentence closed a quotation without saying whose it was
        self.last_mentions: list[Mention] = []  # the persons named in the last sentence labelled
        self.inside = False  # the sentence is inside an open quotation
        self.statement = False  # the sentence attributes the statement before it ("This was stated by ...")
        self.current: Who | None = None  # the paragraph's current speaker

    def sentence(self, start: int, end: int, *, first: bool) -> tuple[Who | None, str | None]:
        """Label one sentence; None means "no subject of its own" (continuation or narration)."""
        sent = self.text[start:end]
        mentions = self.cast.mentions(self.text, start, end)
        body = ADVERBIAL.sub("", sent, count=1)
        body = LEADING.sub("", body, count=1)
        offset = start + len(sent) - len(body)
        try:
            attributes_before = STATEMENT_BY.match(sent)  # "This was stated by X ...": the sentence before is X's too
            statement = attributes_before or STATEMENT_TAIL.search(sent)
            if statement is not None:
                group = next(g for g in ("s1", "s2", "s3", "s4") if g in statement.re.groupindex and statement.group(g))
                a, b = start + statement.start(group), start + statement.end(group)
                who = self.subject(statement.group(group).strip(), a, b, mentions)
                if who is not None and who.speaker != NARRATOR:
                    self.statement = attributes_before is not None
                    return who, verb_lemma(self.cast.gazetteer, "said")
            if (BACKGROUND.match(sent) or INITIATED.match(sent) or CEREMONY.match(sent) or SIGNING.match(body)
                    or (not self.inside and (FUTURE.match(body) or EARLIER_ACT.match(body)))):
                return Who(NARRATOR, None, "narration"), None
            agent = BY_AGENT.search(sent)
            if agent:
                who = self.subject(agent.group("s").strip(), start + agent.start("s"), start + agent.end("s"), mentions)
                if who is not None:
                    return who, None
            according = ACCORDING.match(sent)
            if according and self.two_party and JOINT_AFTER.match(sent, according.end()):
                return Who(BOTH_SIDES, None, "joint"), None  # "According to him, during the talks the parties discussed ..."
            if according and self.two_party:
                rest = AGENDA_LEAD.sub("", sent[according.end():], count=1)
                outcome = AGENDA_OUTCOME.search(rest)
                verb = self.cast.gazetteer.verb_re.search(rest) if outcome else None
                if verb is not None and verb.start() < outcome.start():
                    outcome = None  # "..., the Prime Minister of Slovakia also held talks with ..., and ... were discussed": another meeting
                if outcome or AGENDA.match(rest):  # "According to X, ... the issue of Y was discussed."
                    return Who(BOTH_SIDES, None, "joint"), None
            request = PASSIVE_REQUEST.match(body) if self.two_party else None
            if request:  # "The President of France was again asked to ...": the asking party's words
                asked = self.subject(request.group("s").strip(), offset + request.start("s"), offset + request.end("s"), mentions)
                other = self.other_party(asked)
                if other is not None:
                    return self.person(other, "role"), None
            if according:
                who = self.subject(according.group("s").strip(), start + according.start("s"), start + according.end("s"), mentions)
                reported = self.reported(sent, start, according.end(), mentions, source=who)
                if reported is not None:  # "According to the President, Olaf Scholz confirmed ...": Scholz's, as told
                    return reported
                if who is not None:
                    return who, None
            quoted = QUOTE_TAIL.search(sent) or (QUOTE_TAIL_ALONE.match(sent) if self.after_quote else None)
            if quoted:
                group = "s1" if quoted.group("s1") else "s2"
                who = self.subject(quoted.group(group).strip(), start + quoted.start(group), start + quoted.end(group), mentions)
                if who is not None:
                    self.quoted = True
                    return who, verb_lemma(self.cast.gazetteer, quoted.group("v1") or quoted.group("v2"))
            verb = self.cast.gazetteer.verb_re.search(body)
            while verb is not None and verb.group("ev") and (RELATIVE_END.search(body, 0, verb.start())
                                                             or NOT_AN_EVENT.match(body, verb.end())):
                verb = self.cast.gazetteer.verb_re.search(body, verb.end())  # "the President ... who visited the seaport ... stressed"
            if verb is not None and verb.group("ev") and self.inside:
                verb = None  # '... This, doubtless, meets the interests of ...' inside a quotation reports no event
            if verb is not None and verb.group("ev") and self.two_party:
                agenda = AGENDA.match(body)  # "The discussion of ... continued, ... talks that concluded today"
                if agenda is not None and agenda.end() <= verb.start():
                    return Who(BOTH_SIDES, None, "joint"), None
            if verb is not None and (verb.group("ev") or (verb.group("rv").lower() in ("welcomed", "welcomes")
                                                          and WELCOME_TO.match(body, verb.end()))
                                     or (first and EVENT_PHRASE.search(body, 0, verb.end()))):
                self.event_subject(body[:verb.start()], offset, mentions)
                return Who(NARRATOR, None, "narration"), None
            called = EVENT_PHRASE.search(body) if verb is None and first else None
            if called is not None:  # "Alexander Lukashenko called President of Ukraine Volodymyr Zelenskyy."
                self.event_subject(body[:called.start()], offset, mentions)
                return Who(NARRATOR, None, "narration"), None
            if verb is not None and self.two_party and BETWEEN_PARTIES.match(body):
                return Who(BOTH_SIDES, None, "joint"), None
            if verb is not None:
                lemma = verb_lemma(self.cast.gazetteer, verb.group("rv"))
                subject = TRAILING.sub("", body[:verb.start()].rstrip()).strip()
                who = self.subject(subject, offset, offset + len(subject), mentions)
                if who is not None and who.how == "joint" and IMPERSONAL.fullmatch(subject.rsplit(", ", 1)[-1]):
                    who = self.impersonal(body, lemma) or who
                if who is not None:
                    return who, lemma
            if SCHEDULE.search(body):
                return Who(NARRATOR, None, "narration"), None
            if self.two_party and AGENDA.search(body):
                by = self.initiative(sent, start, mentions)
                if by is not None:  # "The situation in Mali was reviewed at Emmanuel Macron's initiative."
                    return by, None
                own = self.roles.own_stance(body) or self.partisan_principal(body)
                return (self.person(own, "role"), None) if own is not None else (Who(BOTH_SIDES, None, "joint"), None)
            who = self.leading_person(body, offset, mentions)
            if who is None and PAST_EVENT.search(body):
                return Who(NARRATOR, None, "narration"), None
            return who, None
        finally:
            self.mentioned.extend(m.actor for m in mentions)
            self.last_mentions = mentions

    def reported(self, sent: str, start: int, at: int, mentions: list[Mention], *, source: Who | None
                 ) -> tuple[Who, str | None] | None:
        """The other participant a sentence opening "According to X," reports as speaking, else None.

        "According to the President, Olaf Scholz confirmed Germany's intention ..." is Olaf Scholz's
        (labels_ukraine_dev12d.yaml, _dev12e.yaml): the clause after the source names its own subject and verb.
        """
        clause = self.clause_subject(sent, at)
        if clause is None or clause[1].start() - at > 80:
            return None
        subject, verb = clause
        if self.cast.gazetteer.side_of(subject) is not None or re.search(r"\b(?:was|were|been)$", subject):
            return None  # "according to him, the United Kingdom was invited to ...": no speaker of its own
        a = start + at
        recent = list(self.recent)
        who = self.plain_subject(subject, a, a + len(subject), mentions)
        if (who is None or who.actor is None or who.how not in ("explicit", "role")
                or (source is not None and who.speaker == source.speaker)
                or not any(p.actor is who.actor for p in self.participants)):
            self.recent[:] = recent  # a subject that is no other participant leaves the pronoun history as it was
            return None
        return who, verb_lemma(self.cast.gazetteer, verb.group("rv"))

    def clause_subject(self, sent: str, at: int) -> tuple[str, re.Match] | None:
        """The subject words of the clause starting at ``sent[at]`` and its reporting verb, else None.

        None when the clause has no reporting verb, has an event verb first, or no words before its verb.
        """
        verb = self.cast.gazetteer.verb_re.search(sent, at)
        if verb is None or verb.group("ev"):
            return None
        subject = TRAILING.sub("", sent[at:verb.start()].rstrip()).strip()
        return (subject, verb) if subject else None

    def impersonal(self, body: str, lemma: str | None) -> Who | None:
        """Whose an impersonal passive is ("It was emphasised that ...", "it was confirmed that Russia would ...").

        The issuer's principal when its content is his side's own stance, or when a stance verb goes on with
        the paragraph of his account with a charge only his side makes; else None (joint).
        """
        own = self.roles.own_stance(body)
        if own is not None:
            return self.person(own, "role")
        principal = self.partisan_principal(body) if lemma in IMPERSONAL_STANCE else None
        if principal is None:
            return None
        cur = self.current  # a charge only the issuer's side makes: his principal's, going on with his account if he spoke last
        if (cur is not None and cur.actor is not None and cur.how != "narration" and cur.side == self.side
                and any(p.actor is cur.actor for p in self.participants)):
            return Who(cur.speaker, cur.side, "continuation", cur.actor)
        return self.person(principal, "role")

    def partisan_principal(self, body: str) -> Actor | None:
        """The issuer's principal when a passive carries a charge only the issuer's side makes (:data:`PARTISAN`)."""
        if not self.side or not PARTISAN.search(body):
            return None
        return self.participant_of(self.side)

    def turn(self, start: int, end: int) -> Who | None | bool:
        """The speaker a transcript's turn label names at the start of the sentence ("Vladimir Putin: ...").

        False for a label that names no one ("Question:", "Remark(retranslated):"): a turn of no principal's;
        None when the sentence opens with no turn label. Called after :meth:`sentence` on the same sentence, whose
        mentions (``last_mentions``) it reads.
        """
        m = TURN.match(self.text, start, end)
        if m is None:
            return None
        named = [x for x in self.last_mentions if x.end == m.end("s")]
        if named:
            return Who(named[-1].actor.name, named[-1].actor.side, "explicit", named[-1].actor)
        label = m.group("s").strip()
        name = self.cast.person_name(label)
        if name is None:
            return False if UNNAMED_TURN.fullmatch(label) else None
        actor = self.cast.resolve(name) or self.cast.add(Actor(name, None))
        return Who(actor.name, actor.side, "explicit", actor)

    def initiative(self, sent: str, start: int, mentions: list[Mention]) -> Who | None:
        """The participant at whose initiative, request or proposal an agenda item came up, when the sentence says so."""
        m = INITIATIVE.search(sent)
        if m is None:
            return None
        group = "s" if m.group("s") else "s2"
        who = self.subject(m.group(group).strip(), start + m.start(group), start + m.end(group), mentions)
        return who if who is not None and who.actor is not None and who.how != "joint" else None

    def event_subject(self, before: str, offset: int, mentions: list[Mention]) -> None:
        """Make the one person who is the subject of an event sentence the referent of a later "He"/"She".

        "Secretary Blinken met today with Prime Minister Shmyhal. ... He reviewed ..." is the Secretary's:
        the subject of the event, not the last person named. The sentence stays narration.
        """
        subject = TRAILING.sub("", before.rstrip()).strip()
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
            for clause in SECOND_CLAUSE.finditer(sent):
                if verbs.search(sent, 0, clause.start()) is None:
                    continue  # still the main subject ("Sherman, Minister Lee, and Vice Minister Choi emphasized")
                found = self.clause_subject(sent, clause.end())
                if found is None or len(found[0]) > 80 or "," in found[0]:
                    continue
                subject = found[0]
                a = start + clause.end()
                who = self.plain_subject(subject, a, a + len(subject), self.last_mentions)
                if (who is not None and who.actor is not None and who.how in ("explicit", "role") and who.speaker != main
                        and who.speaker != self.cast.gazetteer.country_name(who.side)):  # a person, not a country
                    return who.speaker
            return None
        finally:
            self.recent[:] = recent


def _closes_quote(sentence: str, was_inside: bool) -> bool:
    """Whether ``sentence`` ends a quotation: it ends with a closing quotation mark, inside one or opening its own."""
    if not re.search(r"[\"”]\s*$", sentence):
        return False
    return was_inside or bool(re.match(r"\s*[\"“]", sentence))


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
    cast = Cast(gazetteer, date=doc_date(meta))
    event = event_sentence_index(text, sentences)
    first = text[sentences[event][0]:sentences[event][1]] if sentences else ""
    # a report of remarks after talks names the talks in the sentence that attributes its opening ("This was stated by ...
    # following the negotiations with X"): its principals are the participants too
    stated = next((text[a:b] for a, b, _ in sentences[event:event + 3]
                   if STATEMENT_BY.match(text[a:b]) or AFTER_TALKS.search(text[a:b])), "")
    participants = find_participants(meta.get("title"), first, cast=cast)
    if stated:  # searched on its own: names must not run on across the sentence boundary
        named = {m.actor.name for m in participants}
        participants += [m for m in find_participants(None, stated, cast=cast) if m.actor.name not in named]
    side, source = meta.get("side"), meta.get("source")
    if not side:
        side = infer_side(cast.mentions(first))
        source = source or infer_source(side, participants)
    participants = with_own_principal(participants, meta, side=side, gazetteer=gazetteer, date=cast.date)
    # an account of talks: a readout, or a release whose headline title hides the event its opening reports (Kyiv's
    # "Ihor Zhovkva: Portugal is our sincere partner ..." over "... Ihor Zhovkva met with ...": labels_ukraine_dev16*.yaml)
    # or on a working visit whose meetings it goes on to tell ("Ihor Zhovkva is on a working visit to the Czech Republic
    # ...", then "During a meeting with ...": labels_ukraine_dev18c.yaml, _dev18d.yaml); such a release needs no event type
    opening = gazetteer.verb_re.search(first) if meta.get("kind") == "other" else None
    opened = meta.get("kind") == "other" and ((opening is not None and opening.group("ev") is not None)
                                             or WORKING_VISIT.search(first) is not None)
    told = meta.get("kind") == "readout" or opened
    # a report of remarks after talks ("This was stated by X ... following the negotiations with his Azerbaijani
    # counterpart") is an account of those talks too: its agenda passives are both sides' (labels_ukraine_dev12e.yaml)
    two_party = ((bool(meta.get("event_type")) and told) or opened or bool(stated)) and len(participants) >= 1
    run = _Attributor(text, cast=cast, side=side, participants=participants, two_party=two_party,
                      principal=meta.get("issuer_principal"))
    out = SpeakerAnnotation([m.actor.name for m in participants], [m.actor.side for m in participants],
                            source, side, [], [], [], [], [], event_sentence=event)
    continuation = meta.get("issuer_continuation", True) is not False
    current: Who | None = None
    last_para = None
    inside, run_start, run_who = False, None, None  # an open quotation: where it began, who it is known to be
    unattributed: int | None = None  # where the quotation just closed, unattributed, began
    remarks: Who | None = None  # whose remarks the release reports, when its opening says so ("This was stated by X")
    turn: Who | None = None  # a transcript's current turn: every sentence from its label to the next is its speaker's
    for i, (start, end, para) in enumerate(sentences):
        if para != last_para:
            current, last_para = None, para
            inside, run_start, run_who = False, None, None
        was_inside = inside
        run.quoted = False
        run.after_quote = unattributed is not None
        run.inside, run.current = inside, current
        run.statement = False
        who, lemma = run.sentence(start, end, first=i == event)
        if run.statement and not was_inside and i <= event + 2:  # "<opening>. This was stated by X ...": the opening is X's
            remarks = who
            k = i
            while k > 0 and i - k < 3 and out.attribution[k - 1] == "narration" and out.speaker[k - 1] == NARRATOR:
                k -= 1
            for j in range(k, i):
                out.speaker[j], out.speaker_side[j], out.attribution[j] = who.speaker, who.side, "continuation"
        sent = text[start:end]
        label = run.turn(start, end)
        if label is False:  # "Question: ...": an unnamed speaker's turn
            label = Who(NARRATOR, None, "narration")
        if label is not None or turn is not None:
            turn = label or turn
            how = "narration" if turn.speaker == NARRATOR else "continuation"
            who, lemma = (label, None) if label is not None else (Who(turn.speaker, turn.side, how, turn.actor), None)
        inside = quote_state(sent, inside)
        if unattributed is not None and run.quoted and not was_inside:
            # '"... We appreciate it!" / the President of Ukraine emphasized.': the quotation before is his
            for k in range(unattributed, i):
                out.speaker[k], out.speaker_side[k], out.attribution[k] = who.speaker, who.side, "continuation"
        unattributed = None
        if who is None:
            if was_inside and run_who is not None:
                who = Who(run_who.speaker, run_who.side, "continuation")
            else:
                argued = (current is not None and out.speaker and out.speaker[-1] == current.speaker and not was_inside
                          and not OPENS_QUOTE.match(sent) and FREE_INDIRECT.search(sent)  # right after his account,
                          and not ACCORDING.search(sent) and not gazetteer.verb_re.search(sent))  # not someone else's words
                narration = (not (continuation or FRAGMENT.match(sent) or argued) or current is None
                             or current.how == "narration"
                             or NARRATION.match(text, start, end) or NARRATION.match(ADVERBIAL.sub("", sent, count=1)))
                if narration and remarks is not None and not NARRATION.match(text, start, end):
                    who = Who(remarks.speaker, remarks.side, "continuation")  # a report of one person's remarks: his words
                else:
                    who = Who(NARRATOR, None, "narration") if narration else Who(current.speaker, current.side, "continuation")
            lemma = None
        else:
            current = who
        if not was_inside and inside:
            run_start, run_who = i, (who if who.speaker not in (NARRATOR,) and who.how != "narration" and not run.quoted else None)
        if was_inside and not inside and run_start is not None and run.quoted:
            # '"We are grateful ... / ... We feel it," said the Head of the Office': the quotation is his throughout
            for k in range(run_start, i):
                out.speaker[k], out.speaker_side[k], out.attribution[k] = who.speaker, who.side, "continuation"
        if not inside and not run.quoted and _closes_quote(sent, was_inside):
            unattributed = run_start if was_inside and run_start is not None else i
        if not inside:
            run_start, run_who = None, None
        out.speaker.append(who.speaker)
        out.speaker_side.append(who.side)
        out.attribution.append(who.how)
        out.reporting_verb.append(lemma)
        out.other_speaker.append(None if was_inside else run.second_speaker(start, end, main=who.speaker))
    return out


"""Topic matches read in the context of who met: the issuer's and the participants' sides.

Five rules, each learnt from labelled readouts:

- an entry the lexicon gives some issuers only (``sides: [UA]``) counts in their readouts alone
  ("war" in Kyiv's readouts is Russia's war: 40 development readouts in labels_ukraine_*.yaml
  have the word, every one labelled ``ukraine_russia``);
- a bare title the event sentence gave in full takes the full title's topic ("The Secretary
  General" after "NATO Secretary General Jens Stoltenberg" is NATO's, not the UN's);
- an issuer's own country names no topic of its readouts
  (:func:`analysis.annotate.own_country.without_own_country`);
- the counterpart's country in the event sentence names who met, not what they discussed ("a
  telephone conversation with Prime Minister of Israel Naftali Bennett" about Ukraine is no Middle
  East readout: labels_kremlin_dev6.yaml news/68356, labels_kremlin_dev9.yaml news/67986; its later
  mentions still count);
- plain "cooperation" with the official of an organisation of no country (the IAEA Director
  General, the Secretary General of the Council of Europe, the International Criminal Court
  Prosecutor) is no bilateral relationship: labellers gave such readouts ``bilateral_relations``
  only when they spoke of the relations themselves (labels_ukraine_more.yaml,
  labels_ukraine_dev5.yaml; 3 of 3 development readouts).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from analysis.annotate.actors import Gazetteer
from analysis.annotate.own_country import TopicRow, without_own_country

__all__ = ["topics_in_context"]

#: Entries of ``bilateral_relations`` that say only that two parties work together.
GENERIC_BILATERAL = frozenset({"cooperation"})


def _folded(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term).lower()


def _titles_as_named(rows: Sequence[TopicRow], event_sentence: int) -> list[TopicRow]:
    """Rows whose bare title the event sentence gave in full take the full title's topic.

    "NATO Secretary General Jens Stoltenberg" in the event sentence makes a later "The Secretary General briefed
    the President" NATO's (alliances_blocs), not the UN's (labels_ukraine_dev15.yaml 72437, labels_ukraine_dev15c.yaml
    72801). A row is re-labelled when its entry ends an event-sentence entry of another topic.
    """
    full = [(term, row[1]) for row in rows if row[0] == event_sentence and " " in (term := _folded(row[2]))]
    if not full:  # only an entry of several words can hold a bare title
        return list(rows)
    out = []
    for row in rows:
        if row[0] != event_sentence:
            bare = " " + _folded(row[2])
            topic = next((t for term, t in full if t != row[1] and term.endswith(bare)), None)
            if topic is not None:
                row = (row[0], topic, *row[2:])
        out.append(row)
    return out


def topics_in_context(rows: Sequence[TopicRow], text: str, *, side: str | None, participant_sides: Sequence[str | None],
                      gazetteer: Gazetteer, event_sentence: int = 0,
                      sides: Mapping[tuple[str, str], frozenset[str]] | None = None) -> list[TopicRow]:
    """Topic rows of one document minus those its participants make meaningless.

    Parameters
    ----------
    rows : sequence of (sent_id, topic, term, start, end)
        Topic matches of one document (as from :func:`analysis.annotate.tagging.tag_topics`).
    text : str
        The document's normalised body.
    side : str or None
        ISO 3166 alpha-2 of the issuer.
    participant_sides : sequence of str or None
        The sides of the event's participants, the issuer's first where known (None: an organisation's official).
    gazetteer : Gazetteer
    event_sentence : int, default 0
        Index of the event sentence (after any attribution line), whose naming of the counterpart's country is no topic.
    sides : mapping, optional
        ``(topic, term)`` -> the issuers' sides an entry counts for
        (:attr:`analysis.annotate.lexicon.TopicLexicon.sides`); other issuers' readouts drop its rows.

    Returns
    -------
    list of (sent_id, topic, term, start, end)
        The kept rows, in their order.
    """
    if sides:
        rows = [row for row in rows if (row[1], row[2]) not in sides or side in sides[row[1], row[2]]]
    kept = without_own_country(_titles_as_named(rows, event_sentence), text, side=side, gazetteer=gazetteer)
    counterparts = [s for s in participant_sides if s != side]
    named = {s for s in counterparts if s}
    if named:  # "a telephone conversation with Prime Minister of Israel": the event sentence names who, not what
        kept = [row for row in kept
                if row[0] != event_sentence or not any(gazetteer.names_side(text[row[3]:row[4]], s) for s in named)]
    if not counterparts or any(s is not None for s in counterparts):
        return kept
    bilateral = {row[2] for row in kept if row[1] == "bilateral_relations"}
    if not bilateral or not bilateral <= GENERIC_BILATERAL:
        return kept
    return [row for row in kept if row[1] != "bilateral_relations"]

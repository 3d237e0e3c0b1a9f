"""An issuer's own country names no topic of its readouts.

Every Kremlin release names Russia and every release of the Ukrainian presidency names
Ukraine, whatever was discussed; the topic lexicon lists those names under
``ukraine_russia`` because in anyone else's readout they do mark the topic. A topic
match whose matched words only name the issuing side's own country (its name,
demonym, their plural, or its capital: "Russia", "Russian", "Ukrainians", "Kyiv") is
therefore dropped for that side's documents; longer entries ("Russian aggression",
"Russian-Ukrainian talks") and the other side's names are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from analysis.annotate.actors import Gazetteer

__all__ = ["without_own_country"]

TopicRow = tuple[int, str, str, int, int]


def without_own_country(rows: Sequence[TopicRow], text: str, *, side: str | None, gazetteer: Gazetteer) -> list[TopicRow]:
    """Topic rows minus those whose matched words only name the issuer's own country.

    Parameters
    ----------
    rows : sequence of (sent_id, topic, term, start, end)
        Topic matches of one document (as from :func:`analysis.annotate.tagging.tag_topics`).
    text : str
        The document's normalised body (``text[start:end]`` is each match).
    side : str or None
        ISO 3166 alpha-2 of the issuer; None keeps every row.
    gazetteer : Gazetteer
        Country names, demonyms and capitals (``lexicons/countries.yaml``).

    Returns
    -------
    list of (sent_id, topic, term, start, end)
        The kept rows, in their order.
    """
    if not side:
        return list(rows)
    verdicts: dict[str, bool] = {}  # a document repeats its few surfaces ("Russia" forty times)
    kept = []
    for row in rows:
        surface = text[row[3]:row[4]]
        own = verdicts.get(surface)
        if own is None:
            own = verdicts[surface] = gazetteer.names_side(surface, side)
        if not own:
            kept.append(row)
    return kept

"""The shared names of the project, each defined once.

The labels of the tables (DESIGN.md): speaker labels that are not a person,
attribution kinds, the rhetoric marker categories and how each weighs in a
sentence's tone, and the names charts give to sides. Every module that needs
one of these imports it from here; nothing retypes ``"narrator"``.

The marker categories are also the keys of ``lexicons/markers.yaml``
(``tests/test_vocab.py`` checks that the two agree); users may add categories
there, and every table and chart then shows them after these.
"""

from __future__ import annotations

import math

__all__ = [
    "NARRATOR",
    "BOTH_SIDES",
    "NOT_PRINCIPALS",
    "ATTRIBUTIONS",
    "MARKER_CATEGORIES",
    "HARD_CATEGORIES",
    "SOFT_CATEGORIES",
    "TONE_WEIGHTS",
    "FLIP_WHEN_NEGATED",
    "SIDE_NAMES",
    "side_name",
]

#: ``speaker`` of event narration and other text that reports nobody's words.
NARRATOR = "narrator"
#: ``speaker`` of sentences whose subject is joint ("The two sides", "The leaders", "They").
BOTH_SIDES = "both sides"
#: Speaker labels that are not a principal (the empty string: no speaker recorded).
NOT_PRINCIPALS: frozenset[str] = frozenset({NARRATOR, BOTH_SIDES, ""})

#: Values of ``sentences.attribution``, from the most to the least direct.
ATTRIBUTIONS: tuple[str, ...] = ("explicit", "pronoun", "role", "continuation", "joint", "narration")

#: The rhetoric marker categories of DESIGN.md, in the order of ``lexicons/markers.yaml``.
MARKER_CATEGORIES: tuple[str, ...] = (
    "directive", "commitment", "opposition", "booster", "hedge", "cooperative_frame",
    "confrontational_frame", "blame", "denial", "red_line", "negative_evaluation", "positive_evaluation",
)

#: Marker categories that harden the language (sentence "hardness" counts these).
HARD_CATEGORIES: tuple[str, ...] = (
    "directive", "opposition", "booster", "confrontational_frame", "blame", "denial", "red_line", "negative_evaluation",
)
#: Categories that soften or warm it.
SOFT_CATEGORIES: tuple[str, ...] = ("commitment", "hedge", "cooperative_frame", "positive_evaluation")

#: Weight of each marker category in a sentence's tone (negative = harder).
TONE_WEIGHTS: dict[str, float] = {
    "cooperative_frame": 1.0,
    "positive_evaluation": 1.0,
    "commitment": 0.5,
    "hedge": 0.25,
    "booster": 0.0,
    "directive": -0.5,
    "red_line": -0.5,
    "opposition": -1.0,
    "confrontational_frame": -1.0,
    "negative_evaluation": -1.0,
    "blame": -1.0,
    "denial": -1.0,
}

#: Categories whose sign flips when the match is negated ("avoid a new Cold War" is conciliatory).
FLIP_WHEN_NEGATED: frozenset[str] = frozenset(
    {"cooperative_frame", "positive_evaluation", "commitment", "opposition", "confrontational_frame", "negative_evaluation"}
)

#: The names charts give to side codes (ISO 3166 alpha-2, plus ``UN``).
SIDE_NAMES: dict[str, str] = {
    "CN": "China", "US": "United States", "RU": "Russia", "GB": "United Kingdom", "JP": "Japan",
    "IN": "India", "FR": "France", "DE": "Germany", "KR": "South Korea", "UN": "United Nations",
}


def side_name(code: object) -> str:
    """The name shown on charts for a side code (``CN`` -> ``China``); unknown codes unchanged, missing ``unknown``.

    Parameters
    ----------
    code : object
        A side code, or a missing value (None, NaN, ``pd.NA``).

    Returns
    -------
    str
    """
    if code is None or (isinstance(code, float) and math.isnan(code)) or str(code) == "<NA>":
        return "unknown"
    return SIDE_NAMES.get(str(code), str(code))

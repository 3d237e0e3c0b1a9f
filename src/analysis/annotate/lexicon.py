"""Lexicons as data: load the topic and marker YAML files into compiled matchers.

The files' entries are words or multi-word expressions written as a reader would
write them; :mod:`analysis.annotate.matcher` says how they match (case, token
boundaries, variants, overlaps).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analysis import config
from analysis.annotate.matcher import Entry, LexiconError, Matcher, compile_matcher, entry_words, gc_paused

__all__ = [
    "Entry",
    "LexiconError",
    "Matcher",
    "MarkerLexicon",
    "TopicLexicon",
    "compile_matcher",
    "load_marker_lexicon",
    "load_topic_lexicon",
]

_TARGET_STRATEGIES = frozenset({"after", "before", "subject", "claim"})


# --------------------------------------------------------------------------- files


def _read_yaml(path: str | os.PathLike) -> dict[str, Any]:
    p = Path(path)
    try:
        data = yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon file not found: {p}") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{p}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{p}: expected a mapping at the top level")
    return data


def _entry_items(raw: Any, *, labels: tuple[str, ...], where: str) -> list[Entry]:
    """``terms:`` items: plain strings, or mappings ``{term: ..., target: ..., case: ..., plural: ...}``."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise LexiconError(f"{where}: 'terms' must be a list")
    out: list[Entry] = []
    for item in raw:
        if isinstance(item, (str, int, float)) and not isinstance(item, bool):
            out.append(Entry(str(item), labels))
        elif isinstance(item, Mapping) and isinstance(item.get("term"), (str, int)):
            target = item.get("target")
            if target is not None and target not in _TARGET_STRATEGIES:
                raise LexiconError(f"{where}: target of {item['term']!r} must be one of {sorted(_TARGET_STRATEGIES)}")
            case = item.get("case")
            if case is not None and case not in ("exact", "fold"):
                raise LexiconError(f"{where}: case of {item['term']!r} must be 'exact' or 'fold'")
            plural = item.get("plural", True)
            if not isinstance(plural, bool):
                raise LexiconError(f"{where}: plural of {item['term']!r} must be true or false")
            out.append(Entry(str(item["term"]), labels, target, case, plural))
        else:
            raise LexiconError(f"{where}: cannot read entry {item!r}")
    return out


def _entry_sides(raw: Any, *, topic: str, where: str) -> dict[tuple[str, str], frozenset[str]]:
    """The ``sides:`` of a topic's mapping entries: ``(topic, term)`` -> issuers' sides, upper case."""
    out: dict[tuple[str, str], frozenset[str]] = {}
    for item in raw or ():
        if not isinstance(item, Mapping) or "sides" not in item:
            continue
        codes = item["sides"]
        if (not isinstance(codes, list) or not codes
                or not all(isinstance(c, str) and re.fullmatch(r"[A-Za-z]{2}", c) for c in codes)):
            raise LexiconError(f"{where}: sides of {item['term']!r} must be a list of ISO 3166 alpha-2 codes")
        out[topic, str(item["term"])] = frozenset(c.upper() for c in codes)
    return out


@dataclass
class TopicLexicon:
    """The compiled topic lexicon.

    Attributes
    ----------
    topics : dict
        Topic id -> description, in file order.
    matcher : Matcher
    path : str
    sides : dict
        ``(topic, term)`` -> the issuers' sides (ISO 3166 alpha-2) whose readouts alone the entry
        counts in (an entry's ``sides: [UA]``: "war" in Kyiv's readouts is Russia's war, in the UN
        General Debate any war); entries not listed count in every readout.
    """

    topics: dict[str, str]
    matcher: Matcher
    path: str = ""
    sides: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, int]]:
        """Matches ``(start, end, entry_index)``; see :meth:`Matcher.find`."""
        return self.matcher.find(text, pos, endpos)

    def terms(self, topic: str) -> list[str]:
        """The entries of one topic."""
        return [e.term for e in self.matcher.entries if topic in e.labels]


@dataclass
class MarkerLexicon:
    """The compiled rhetoric-marker lexicon.

    Attributes
    ----------
    categories : dict
        Category id -> description, in file order.
    matcher : Matcher
        The markers.
    actors : Matcher
        Actor aliases; each entry's single label is the canonical actor name.
    negation_words : frozenset of str
        One-word negation or prevention cues ("not", "avoid"); ``n't`` matches word endings.
    negation_phrases : frozenset of tuple
        Multi-word cues as word tuples (("rather", "than"),).
    negation_window : int
        At most this many words may stand between a cue and the marker it negates.
    negation_hint : frozenset of str
        Every cue's first word: a quick test that no cue is near.
    default_targets : dict
        Category -> default target strategy (``after``, ``before``, ``subject``, ``claim``).
    claim_verbs : re.Pattern
        Verbs that introduce the account a denial rejects ("stated", "claimed").
    """

    categories: dict[str, str]
    matcher: Matcher
    actors: Matcher
    negation_words: frozenset[str]
    negation_phrases: frozenset[tuple[str, ...]]
    negation_window: int
    negation_hint: frozenset[str]
    default_targets: dict[str, str]
    claim_verbs: re.Pattern[str]
    path: str = ""

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, int]]:
        """Matches ``(start, end, entry_index)``; see :meth:`Matcher.find`."""
        return self.matcher.find(text, pos, endpos)

    def terms(self, category: str) -> list[str]:
        """The entries of one category."""
        return [e.term for e in self.matcher.entries if category in e.labels]


@gc_paused()
def load_topic_lexicon(path: str | os.PathLike | None = None) -> TopicLexicon:
    """Load and compile a topic lexicon.

    Parameters
    ----------
    path : path-like, optional
        YAML file with ``topics: {id: {description: str, terms: [str, ...]}}``;
        defaults to :data:`analysis.config.TOPICS_LEXICON`. Ids starting with
        ``_`` are shadow lists: their entries are matched (and, being longer,
        hide the topic words inside them) but never reported.

    Returns
    -------
    TopicLexicon

    Raises
    ------
    LexiconError
        If the file is missing, not YAML, or an entry cannot be read.
    """
    path = Path(path) if path is not None else config.TOPICS_LEXICON
    data = _read_yaml(path)
    topics_raw = data.get("topics")
    if not isinstance(topics_raw, Mapping) or not topics_raw:
        raise LexiconError(f"{path}: expected a non-empty 'topics' mapping")
    topics: dict[str, str] = {}
    entries: list[Entry] = []
    sides: dict[tuple[str, str], frozenset[str]] = {}
    for topic, spec in topics_raw.items():
        spec = spec or {}
        if not isinstance(spec, Mapping):
            raise LexiconError(f"{path}: topic {topic!r} must be a mapping with 'terms'")
        if not str(topic).startswith("_"):  # "_" keys shadow words, they are no topics
            topics[str(topic)] = str(spec.get("description", "")).strip()
        entries.extend(_entry_items(spec.get("terms"), labels=(str(topic),), where=f"{path}: topic {topic}"))
        sides.update(_entry_sides(spec.get("terms"), topic=str(topic), where=f"{path}: topic {topic}"))
    return TopicLexicon(topics, compile_matcher(entries), str(path), sides)


def _cue_sets(cues: Sequence[str]) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """Single-word cues and multi-word cues (as word tuples), lower case, straight apostrophes."""
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    for cue in cues:
        parts = tuple(w.lower().replace("\u2019", "'") for w in entry_words(str(cue)))
        (words.add(parts[0]) if len(parts) == 1 else phrases.add(parts))
    return frozenset(words), frozenset(phrases)


@gc_paused()
def load_marker_lexicon(path: str | os.PathLike | None = None) -> MarkerLexicon:
    """Load and compile a rhetoric-marker lexicon.

    Parameters
    ----------
    path : path-like, optional
        YAML file with ``categories: {id: {description, target, terms}}``,
        ``actors: {canonical name: [alias, ...]}`` and ``negation: {window, cues}``;
        defaults to :data:`analysis.config.MARKERS_LEXICON`.

    Returns
    -------
    MarkerLexicon

    Raises
    ------
    LexiconError
        If the file is missing, not YAML, or an entry cannot be read.
    """
    path = Path(path) if path is not None else config.MARKERS_LEXICON
    data = _read_yaml(path)
    cats_raw = data.get("categories")
    if not isinstance(cats_raw, Mapping) or not cats_raw:
        raise LexiconError(f"{path}: expected a non-empty 'categories' mapping")
    categories: dict[str, str] = {}
    defaults: dict[str, str] = {}
    entries: list[Entry] = []
    for cat, spec in cats_raw.items():
        spec = spec or {}
        cat = str(cat)
        categories[cat] = str(spec.get("description", "")).strip()
        default = spec.get("target")
        if default is not None:
            if default not in _TARGET_STRATEGIES:
                raise LexiconError(f"{path}: category {cat}: target must be one of {sorted(_TARGET_STRATEGIES)}")
            defaults[cat] = default
        entries.extend(_entry_items(spec.get("terms"), labels=(cat,), where=f"{path}: category {cat}"))
    actor_entries: list[Entry] = []
    for name, aliases in (data.get("actors") or {}).items():
        for alias in [name, *(aliases or [])]:
            actor_entries.append(Entry(str(alias), (str(name),)))
    neg = data.get("negation") or {}
    window = int(neg.get("window", 4))
    cues = neg.get("cues") or ["not", "no", "never", "n't", "without", "avoid", "prevent"]
    cue_sets = _cue_sets(cues)
    claim = data.get("claim_verbs") or ["said", "stated", "claimed"]
    claim_re = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in claim) + r")(?!\w)", re.IGNORECASE)
    return MarkerLexicon(
        categories,
        compile_matcher(entries),
        compile_matcher(actor_entries),
        *cue_sets,
        window,
        cue_sets[0] | {p[0] for p in cue_sets[1]},
        defaults,
        claim_re,
        str(path),
    )

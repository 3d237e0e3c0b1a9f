"""Tag one document with topics and rhetoric markers (pure functions of the text).

Both taggers scan the whole body once with the compiled lexicon (see
:mod:`analysis.annotate.lexicon`) and then place each match in its sentence by
bisection; work per match is constant, so the cost is one regex pass plus a
little per match.

Markers also carry

- ``negated``: the match sits under a negation or prevention cue among the few
  words before it in the same clause ("will not seek a new Cold War", "avoid
  a new Cold War", "does not support"), or right after ``non-`` / ``anti-``;
- ``target`` (directive, blame, denial, or any entry given a target strategy):
  the actor the words aim at, from the lexicon's actor list; when no listed
  actor is found after a demand verb, the capitalised name that follows it
  ("urged Congress to" gives ``Congress``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from analysis.annotate.lexicon import MarkerLexicon, TopicLexicon
from analysis.annotate.matcher import find_pair

__all__ = ["tag_both", "tag_markers", "tag_topics"]

TopicRow = tuple[int, str, str, int, int]
MarkerRow = tuple[int, str, str, str, int, int, str | None, bool]

_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s|\b(?:but|yet|while|whereas|although)\b", re.IGNORECASE)
_NEG_REACH = 80
_PUNCT_TO_SPACE = str.maketrans({c: " " for c in "\"'()[]{}.,;:!?\u201c\u201d\u2018\u2019"})
_CLAUSE_END = frozenset(",;:()\u2014\u2013")
_CLAUSE_START = frozenset("(")
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_CLAUSE_WORDS = frozenset({"but", "yet", "while", "whereas", "although", "though"})
_PUNCT = "\"'()[]{}.,;:!?\u201c\u201d\u2018\u2019"
_NEG_PREFIX = re.compile(r"(?:non|anti)[-\u2010\u2011]\Z", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+(?:the\s+)?((?:[A-Z][\w.'\u2019\-]*)(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'\u2019\-]*)*)")
#: How far (characters) after a demand verb the addressee may start ("urge all the relevant parties ...").
_AFTER_REACH = 40
#: How far before a claim verb its subject may end ("X has repeatedly and falsely stated").
_CLAIM_REACH = 40


def _sentence_index(sentences: Sequence[tuple[int, int, int]]) -> list[int]:
    return [s for s, _e, _p in sentences]


def _place(starts: list[int], sentences: Sequence[tuple[int, int, int]], start: int, end: int) -> int | None:
    """The sentence holding ``[start, end)``, or None when the match straddles a sentence end."""
    sid = bisect_right(starts, start) - 1
    if sid < 0 or end > sentences[sid][1]:
        return None
    return sid


def tag_topics(text: str, sentences: Sequence[tuple[int, int, int]], *, lexicon: TopicLexicon,
               matches: Sequence[tuple[int, int, int]] | None = None) -> list[TopicRow]:
    """Topic matches of one document.

    Parameters
    ----------
    text : str
        The document's normalised body.
    sentences : sequence of (start, end, para_id)
        Sentence spans, in order (as from :func:`analysis.annotate.segment.segment`).
    lexicon : TopicLexicon
        From :func:`analysis.annotate.lexicon.load_topic_lexicon`.
    matches : sequence of (start, end, entry_index), optional
        The lexicon's matches from the first sentence's start to the last one's end,
        if already found (:func:`tag_both` finds them together with the markers').

    Returns
    -------
    list of (sent_id, topic, term, start, end)
        ``text[start:end]`` is the matched surface; ``term`` the lexicon entry.
        An entry listed under two topics gives one row per topic.
    """
    if not sentences:
        return []
    starts = _sentence_index(sentences)
    entries = lexicon.matcher.entries
    rows: list[TopicRow] = []
    if matches is None:
        matches = lexicon.find(text, sentences[0][0], sentences[-1][1])
    for start, end, idx in matches:
        sid = _place(starts, sentences, start, end)
        if sid is None:
            continue
        entry = entries[idx]
        for topic in entry.labels:
            if topic[0] != "_":  # shadow entries only hide the topic words inside them
                rows.append((sid, topic, entry.term, start, end))
    return rows


def tag_markers(text: str, sentences: Sequence[tuple[int, int, int]], *, lexicon: MarkerLexicon,
                matches: Sequence[tuple[int, int, int]] | None = None) -> list[MarkerRow]:
    """Rhetoric-marker matches of one document, with target and polarity.

    Parameters
    ----------
    text : str
        The document's normalised body.
    sentences : sequence of (start, end, para_id)
        Sentence spans, in order.
    lexicon : MarkerLexicon
        From :func:`analysis.annotate.lexicon.load_marker_lexicon`.
    matches : sequence of (start, end, entry_index), optional
        The lexicon's matches over the sentences, if already found (see :func:`tag_topics`).

    Returns
    -------
    list of (sent_id, category, marker, text, start, end, target, negated)
        ``marker`` is the lexicon entry, ``text`` the surface ``text[start:end]``,
        ``target`` the canonical actor aimed at (or None), ``negated`` whether
        the match is under negation or prevention.
    """
    if not sentences:
        return []
    starts = _sentence_index(sentences)
    entries = lexicon.matcher.entries
    actor_cache: dict[int, list[tuple[int, int, str]]] = {}
    rows: list[MarkerRow] = []
    if matches is None:
        matches = lexicon.find(text, sentences[0][0], sentences[-1][1])
    for start, end, idx in matches:
        sid = _place(starts, sentences, start, end)
        if sid is None:
            continue
        entry = entries[idx]
        s_start, s_end, _p = sentences[sid]
        negated = is_negated(text, start, sent_start=s_start, lexicon=lexicon)
        surface = text[start:end]
        for category in entry.labels:
            strategy = entry.target or lexicon.default_targets.get(category)
            target = None
            if strategy is not None:
                if sid not in actor_cache:
                    actor_cache[sid] = _actors(text, s_start, s_end, lexicon=lexicon)
                target = find_target(
                    text,
                    start,
                    end,
                    sent_start=s_start,
                    sent_end=s_end,
                    actors=actor_cache[sid],
                    strategy=strategy,
                    lexicon=lexicon,
                    name_fallback=category == "directive",
                )
            rows.append((sid, category, entry.term, surface, start, end, target, negated))
    return rows


def tag_both(text: str, sentences: Sequence[tuple[int, int, int]], *, topics: TopicLexicon,
             markers: MarkerLexicon) -> tuple[list[TopicRow], list[MarkerRow]]:
    """:func:`tag_topics` and :func:`tag_markers` of one document, from one scan for both lexicons' entries.

    The same rows as the two taggers give alone (:func:`analysis.annotate.matcher.find_pair`).
    """
    if not sentences:
        return [], []
    topic_matches, marker_matches = find_pair(topics.matcher, markers.matcher, text, sentences[0][0], sentences[-1][1])
    return (tag_topics(text, sentences, lexicon=topics, matches=topic_matches),
            tag_markers(text, sentences, lexicon=markers, matches=marker_matches))


def clause_start(text: str, start: int, *, sent_start: int) -> int:
    """Start of the clause holding position ``start`` (after the last comma, colon, dash or "but")."""
    cut = sent_start
    for m in _CLAUSE_BREAK.finditer(text, sent_start, start):
        cut = m.end()
    return cut


def is_negated(text: str, start: int, *, sent_start: int, lexicon: MarkerLexicon) -> bool:
    """Whether a match starting at ``start`` is under a negation or prevention cue.

    A cue counts when at most ``lexicon.negation_window`` words stand between
    it and the match, in the same clause (the walk back stops at a comma,
    semicolon, colon, parenthesis, dash, or "but", "yet", "while", ...), or
    when the match directly follows ``non-`` or ``anti-``. "not only" is no cue.

    Parameters
    ----------
    text : str
    start : int
        Start of the match.
    sent_start : int
        Start of its sentence; the walk back never leaves the sentence.
    lexicon : MarkerLexicon
        Supplies the cues and the window.
    """
    lo = max(sent_start, start - _NEG_REACH)
    if _NEG_PREFIX.search(text, max(lo, start - 5), start):
        return True
    tail = text[lo:start].lower()
    if lexicon.negation_hint.isdisjoint(tail.translate(_PUNCT_TO_SPACE).split()) and "n't" not in tail and "n\u2019t" not in tail:
        return False  # the common case: no cue word anywhere near
    chunk = text[lo:start].split()
    if lo > sent_start and chunk and not text[lo - 1].isspace():
        chunk = chunk[1:]  # a word cut by the reach limit
    cues, phrases = lexicon.negation_words, lexicon.negation_phrases
    nxt: str | None = None
    nxt2: str | None = None
    for raw in reversed(chunk[-(lexicon.negation_window + 1) :]):
        if raw[-1] in _CLAUSE_END or raw in _DASHES:
            return False
        w = raw.strip(_PUNCT).lower().replace("\u2019", "'")
        if w in _CLAUSE_WORDS:
            return False
        if w in cues:
            if not (w == "not" and nxt == "only"):
                return True
        elif w.endswith("n't") and "n't" in cues:
            return True
        elif phrases and nxt is not None and ((w, nxt) in phrases or (nxt2 is not None and (w, nxt, nxt2) in phrases)):
            return True
        if raw[0] in _CLAUSE_START:
            return False
        nxt2, nxt = nxt, w
    return False


def _actors(text: str, s_start: int, s_end: int, *, lexicon: MarkerLexicon) -> list[tuple[int, int, str]]:
    entries = lexicon.actors.entries
    # names starting with "_" are place names listed only so that they are not read as actors
    return [(a, b, name) for a, b, i in lexicon.actors.find(text, s_start, s_end) if not (name := entries[i].labels[0]).startswith("_")]


def find_target(
    text: str,
    start: int,
    end: int,
    *,
    sent_start: int,
    sent_end: int,
    actors: list[tuple[int, int, str]],
    strategy: str,
    lexicon: MarkerLexicon,
    name_fallback: bool = True,
) -> str | None:
    """The actor a directive, blame or denial marker aims at.

    Parameters
    ----------
    text : str
    start, end : int
        The marker's span.
    sent_start, sent_end : int
        Its sentence's span; the target is searched only there.
    actors : list of (start, end, canonical name)
        Actor mentions in the sentence.
    strategy : {"after", "before", "subject", "claim"}
        ``after``: the first actor right after the marker ("urge the United
        States"), else a capitalised name there; ``before``: the nearest actor
        before it ("the two sides should"); ``subject``: the first actor of the
        marker's clause, else ``before`` ("the United States' connivance ...
        are also to blame"); ``claim``: the subject of a claim verb earlier in
        the sentence ("X has stated that ...; this is not a fact"), else
        ``before``, else ``after``.
    lexicon : MarkerLexicon
    name_fallback : bool, default True
        With ``after``, take a capitalised name right after the marker when no
        listed actor follows (demands name their addressee: "urged Congress";
        "root causes Strategy" is no one to blame).

    Returns
    -------
    str or None
    """
    if strategy == "after":
        return _after(text, end, sent_end=sent_end, actors=actors, name_fallback=name_fallback)
    if strategy == "before":
        return _before(text, start, sent_start=sent_start, actors=actors)
    if strategy == "subject":
        return _subject(text, start, sent_start=sent_start, actors=actors)
    # claim
    claimant = None
    for k, (_a, b, name) in enumerate(actors):
        if b > start:
            break
        nxt = actors[k + 1][0] if k + 1 < len(actors) else start
        # the claim verb must follow this actor before any other actor is named
        if lexicon.claim_verbs.search(text, b, min(b + _CLAIM_REACH, nxt, start)) is not None:
            claimant = name
    return claimant or _before(text, start, sent_start=sent_start, actors=actors) or _after(
        text, end, sent_end=sent_end, actors=actors, name_fallback=name_fallback
    )


def _after(text: str, end: int, *, sent_end: int, actors: list[tuple[int, int, str]], name_fallback: bool = True) -> str | None:
    for a, _b, name in actors:
        if a >= end:
            return name if a - end <= _AFTER_REACH else None
    if not name_fallback:
        return None
    m = _NAME_AFTER.match(text, end, sent_end)
    return m.group(1).rstrip(".") if m else None


def _before(text: str, start: int, *, sent_start: int, actors: list[tuple[int, int, str]]) -> str | None:
    """The nearest actor before the marker (in its clause if there is one there)."""
    before = [name for _a, b, name in actors if b <= start]
    return before[-1] if before else None


def _subject(text: str, start: int, *, sent_start: int, actors: list[tuple[int, int, str]]) -> str | None:
    """The first actor of the marker's clause, else the nearest one before it."""
    lo = clause_start(text, start, sent_start=sent_start)
    in_clause = [name for a, b, name in actors if a >= lo and b <= start]
    if in_clause:
        return in_clause[0]
    return _before(text, start, sent_start=sent_start, actors=actors)

"""Annotation: one Document's text -> paragraphs, sentences, tokens, speakers, topics and rhetoric markers.

Modules
-------
:mod:`~analysis.annotate.segment`
    Paragraphs, sentences (Punkt with explicit parameters) and tokens as
    character spans; the only owner of token normalisation (``norm``).
:mod:`~analysis.annotate.actors`
    The actor gazetteer (canonical names, aliases, titles, sides, offices).
:mod:`~analysis.annotate.participants`
    The event sentence, the principals it and the title name, the issuer's side.
:mod:`~analysis.annotate.speaker_patterns`
    The phrases attribution reads: subjects, openings, agenda sentences, office words.
:mod:`~analysis.annotate.roles`
    Role and side subjects ("The President", "the IAEA leader", "the Chinese side") resolved to participants.
:mod:`~analysis.annotate.subjects`
    A sentence's subject phrase resolved to a speaker: names, roles, pronouns, joint subjects, chains of persons.
:mod:`~analysis.annotate.speakers`
    Who is reported as saying each sentence (attribution), by sentence rules over those subjects.
:mod:`~analysis.annotate.shares`
    The speakers table: each speaker's sentences, tokens and share of a document.
:mod:`~analysis.annotate.punkt`
    Punkt's sentence boundaries (explicit parameters) at regex speed, without nltk.
:mod:`~analysis.annotate.matcher`
    Lexicon entries compiled into one trie regex, scanned leftmost-longest.
:mod:`~analysis.annotate.lexicon`
    The topic and marker lexicons (YAML) compiled into matchers.
:mod:`~analysis.annotate.tagging`
    Topic and rhetoric-marker matches of a document's sentences.
:mod:`~analysis.annotate.own_country`, :mod:`~analysis.annotate.topic_context`
    Topic matches read by who met: the issuer's own country, plain cooperation with an organisation's official.

Each step is a pure function of one document; :mod:`analysis.build` composes them.
"""

from __future__ import annotations

from analysis.annotate.actors import Gazetteer, load_gazetteer
from analysis.annotate.lexicon import MarkerLexicon, TopicLexicon, load_marker_lexicon, load_topic_lexicon
from analysis.annotate.segment import STOP_WORDS, Segmentation, normalize_token, segment
from analysis.annotate.shares import aggregate_speakers, speaker_shares, speakers_table
from analysis.annotate.speakers import annotate_speakers
from analysis.annotate.tagging import tag_both, tag_markers, tag_topics
from analysis.annotate.topic_context import topics_in_context

__all__ = [
    "segment",
    "Segmentation",
    "normalize_token",
    "STOP_WORDS",
    "Gazetteer",
    "load_gazetteer",
    "annotate_speakers",
    "speakers_table",
    "speaker_shares",
    "aggregate_speakers",
    "TopicLexicon",
    "MarkerLexicon",
    "load_topic_lexicon",
    "load_marker_lexicon",
    "tag_both",
    "tag_topics",
    "tag_markers",
    "topics_in_context",
]

"""Notebook-facing data preparation: the tables behind each chart, filters, and "needs more data" notes.

A convenience layer, as nltk's ``Text`` says of itself: every function passes
its work on to :mod:`analysis.stats` or :mod:`analysis.compare` (which a user
can call directly) and only shapes the result for a chart of
:mod:`analysis.plots` (and for the CSV saved beside it), or returns a
sentence. Nothing here reads or writes files, so the notebooks stay calls and
displays.

Conventions
-----------
* ``year`` is the year of ``event_date`` (the meeting or call), falling back
  to ``date`` (publication).
* Rates are per 1,000 tokens of the group's sentences (``sentences.n_tokens``).
* ``narrator`` sentences (event narration) are left out of speaker views;
  ``both sides`` is kept as its own speaker.
* Side codes are ISO 3166 alpha-2 (``CN``, ``US``); :func:`side_name` gives
  the name shown on charts.

Modules
-------
:mod:`~analysis.views._common` (filters, labels, notes), then one module per
notebook: :mod:`~analysis.views.overview` (01), :mod:`~analysis.views.speakers`
(02), :mod:`~analysis.views.terms` (03), :mod:`~analysis.views.topics` (04),
:mod:`~analysis.views.rhetoric` (05), :mod:`~analysis.views.comparing` (06).
"""

from __future__ import annotations

from analysis.views._common import corpus_label, doc_labels, filter_tables, more_data_note, with_year
from analysis.views.comparing import (
    ChosenPair,
    choose_pair,
    compare_chosen,
    focus_note,
    focus_pairs,
    focus_summary,
    pair_marker_rates,
    pair_speaker_shares,
    pair_topic_ranks,
    side_divergence,
    side_hard_language,
    sides_note,
)
from analysis.views.overview import document_counts, document_lengths, documents_per_year, event_timeline, rejections_summary
from analysis.views.rhetoric import hardest_sentences, longest_documents, sentence_tone, tone_over_time
from analysis.views.speakers import (
    framing_by_speaker,
    marker_rates,
    reporting_verbs,
    side_word_shares,
    speaker_shares,
    targets,
    top_speakers,
)
from analysis.views.terms import dispersion_lanes, groups_note, keyness_groups, keyness_table, scatter_table, tokens_with_groups
from analysis.views.topics import theme_summary, topic_coverage, topic_order, topics_over_time, uncovered_terms
from analysis.vocab import HARD_CATEGORIES, SIDE_NAMES, SOFT_CATEGORIES, side_name

__all__ = [
    "with_year",
    "filter_tables",
    "corpus_label",
    "doc_labels",
    "more_data_note",
    "document_counts",
    "documents_per_year",
    "document_lengths",
    "event_timeline",
    "rejections_summary",
    "speaker_shares",
    "side_word_shares",
    "top_speakers",
    "reporting_verbs",
    "marker_rates",
    "framing_by_speaker",
    "targets",
    "tokens_with_groups",
    "dispersion_lanes",
    "groups_note",
    "keyness_groups",
    "keyness_table",
    "scatter_table",
    "topic_coverage",
    "topic_order",
    "topics_over_time",
    "theme_summary",
    "uncovered_terms",
    "sentence_tone",
    "hardest_sentences",
    "tone_over_time",
    "longest_documents",
    "ChosenPair",
    "choose_pair",
    "compare_chosen",
    "pair_topic_ranks",
    "pair_marker_rates",
    "sides_note",
    "side_divergence",
    "side_hard_language",
    "focus_pairs",
    "focus_summary",
    "focus_note",
    "pair_speaker_shares",
    "HARD_CATEGORIES",
    "SOFT_CATEGORIES",
    "SIDE_NAMES",
    "side_name",
]

"""Statistics on the built tables: terms (frequency, n-grams, collocations, keyness, KWIC, dispersion), coverage, themes.

The functions give what quanteda (``textstat_frequency``, ``textstat_keyness``,
``textstat_collocations``, ``kwic``, ``textplot_xray``), AntConc and
scattertext give analysts, computed from our ``tokens`` table. Each takes the
table (carrying any grouping column the caller merged in: ``speaker`` from
``sentences`` on ``(doc_id, sent_id)``; ``side``, ``source``, ``year`` from
``documents`` on ``doc_id``) plus keyword options, and returns a DataFrame.

Conventions shared by all functions
-----------------------------------
*Terms* are the values of the ``norm`` column (lower case; "u.s.", "one-china"
and "covid-19" are single tokens), optionally Snowball-stemmed. Punctuation is
not a token.

*Grouping columns* can be merged with pandas, or with :func:`add_groups`,
which does the same per document and per sentence (seconds instead of tens of
seconds on 30 million tokens)::

    tables = analysis.load_tables()
    tokens = stats.add_groups(tables.tokens, documents=tables.documents, sentences=tables.sentences)
    stats.keyness(tokens, by="side", target="CN", reference="US", measure="lr")

*Stop words* (``stopwords=True``, the default for the counting functions) are
scikit-learn's English list plus ``'s`` (:data:`analysis.annotate.segment.STOP_WORDS`,
the list behind the ``is_stop`` column) plus the project's list of readout
boilerplate in ``lexicons/stopwords.txt`` (:func:`load_stopwords`).
``stopwords=False`` keeps every token; a collection of strings uses exactly
that list. Stop words are removed *before* stemming.
N-grams and collocations are formed on the full token sequence and then
dropped when they begin or end with a stop word, so "republic of china" stays
and "of the" goes.

*Speed*: everything works on integer codes (the categories of ``norm``, or
pyarrow's dictionary encoding of it) with ``numpy.bincount`` and
``scipy.sparse``; nothing loops over tokens in Python. Passing ``norm`` (and
grouping columns) as ``category`` dtype skips the encoding step, which is the
largest cost on tens of millions of tokens; ``pyarrow.parquet.read_table(path,
read_dictionary=["norm"])`` gives that directly.

*Order*: n-grams, collocations, KWIC and dispersion need the tokens in reading
order. Rows are used as they come when each document's rows are contiguous and
sorted by ``(sent_id, token_id)``; otherwise they are sorted first.

Modules
-------
:mod:`~analysis.stats.frequency` (``frequency``, ``ngrams``),
:mod:`~analysis.stats.collocations`, :mod:`~analysis.stats.keyness`
(``keyness``, ``scatter_terms``) with the association measures of
:mod:`~analysis.stats.measures`, :mod:`~analysis.stats.kwic` (``kwic``,
``dispersion``), :mod:`~analysis.stats.coverage` (the only code for topic
coverage, topic order and marker rates, and sentence tone) and
:mod:`~analysis.stats.themes` (NMF themes, terms no lexicon covers).
"""

from __future__ import annotations

from analysis.stats import measures
from analysis.stats._vocab import add_groups, load_stopwords, read_stopword_file
from analysis.stats.collocations import collocations
from analysis.stats.coverage import marker_rates, sentence_tone, topic_coverage, topic_order, topic_presence
from analysis.stats.frequency import frequency, ngrams
from analysis.stats.keyness import CORRECTIONS, MEASURES, keyness, scatter_terms
from analysis.stats.kwic import dispersion, kwic
from analysis.stats.themes import SentenceNMF, discover_topics, uncovered_terms

__all__ = [
    # terms
    "add_groups",
    "load_stopwords",
    "read_stopword_file",
    "frequency",
    "ngrams",
    "collocations",
    "keyness",
    "scatter_terms",
    "MEASURES",
    "CORRECTIONS",
    "kwic",
    "dispersion",
    "measures",
    # topics and markers
    "topic_coverage",
    "topic_presence",
    "topic_order",
    "marker_rates",
    "sentence_tone",
    # themes
    "SentenceNMF",
    "discover_topics",
    "uncovered_terms",
]

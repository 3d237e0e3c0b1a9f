"""Report charts: DataFrames in, a matplotlib Figure out, titles that state the finding.

Every ``plot_*`` function takes the DataFrame prepared by :mod:`analysis.views`
(or :mod:`analysis.stats`), returns a :class:`matplotlib.figure.Figure` and
neither saves nor shows it. Titles state the finding, computed from the data
(pass ``title=`` to override); axis labels carry units. :func:`save_figure`
adds the source line and writes PNG (200 dpi), SVG and the CSV of exactly the
plotted data, with fixed metadata so that reruns give byte-identical files.

Modules
-------
:mod:`~analysis.plots.style` (house style, ``save_figure``, ``chart``, bar and
heatmap primitives), then one module per notebook's charts:
:mod:`~analysis.plots.corpus` (01), :mod:`~analysis.plots.speakers` (02),
:mod:`~analysis.plots.terms` (03), :mod:`~analysis.plots.topics` (04),
:mod:`~analysis.plots.rhetoric` (05), :mod:`~analysis.plots.comparing` (06).
"""

from __future__ import annotations

from analysis.plots.comparing import plot_divergence_over_time, plot_hard_language_over_time, plot_presence_matrix
from analysis.plots.corpus import plot_document_counts, plot_document_lengths, plot_documents_per_year, plot_event_timeline
from analysis.plots.rhetoric import plot_marker_rates, plot_marker_rates_over_time, plot_tone_over_time
from analysis.plots.speakers import (
    plot_framing,
    plot_pair_speaker_shares,
    plot_reporting_verbs,
    plot_side_word_shares,
    plot_speaker_shares,
    plot_targets,
)
from analysis.plots.style import (
    OKABE_ITO,
    SIDE_COLOURS,
    add_source,
    bar_height,
    barh,
    chart,
    colours_for,
    grouped_barh,
    heatmap,
    new_figure,
    pct,
    plot_lines,
    possessive,
    quoted,
    readable,
    save_figure,
    set_title,
    spreadsheet_safe,
    use_style,
    wrap,
)
from analysis.plots.terms import plot_dispersion, plot_keyness, plot_term_scatter, plot_top_terms
from analysis.plots.topics import plot_topic_heatmap, plot_topic_order, plot_topics_over_time

__all__ = [
    "OKABE_ITO",
    "SIDE_COLOURS",
    "use_style",
    "colours_for",
    "wrap",
    "new_figure",
    "set_title",
    "add_source",
    "save_figure",
    "chart",
    "possessive",
    "pct",
    "barh",
    "bar_height",
    "heatmap",
    "grouped_barh",
    "plot_lines",
    "quoted",
    "readable",
    "spreadsheet_safe",
    "plot_document_counts",
    "plot_documents_per_year",
    "plot_document_lengths",
    "plot_event_timeline",
    "plot_speaker_shares",
    "plot_pair_speaker_shares",
    "plot_side_word_shares",
    "plot_reporting_verbs",
    "plot_framing",
    "plot_targets",
    "plot_top_terms",
    "plot_keyness",
    "plot_term_scatter",
    "plot_dispersion",
    "plot_topic_heatmap",
    "plot_topic_order",
    "plot_topics_over_time",
    "plot_marker_rates",
    "plot_marker_rates_over_time",
    "plot_tone_over_time",
    "plot_presence_matrix",
    "plot_divergence_over_time",
    "plot_hard_language_over_time",
]

"""Charts of notebook 01: what is in the corpus (documents by group and year, lengths, the timeline)."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.plots.style import (
    OKABE_ITO,
    SIDE_COLOURS,
    bar_height,
    barh,
    colours_for,
    new_figure,
    set_title,
)

# --- 01 corpus overview ------------------------------------------------------------------------


def plot_document_counts(counts: pd.DataFrame, *, by: str, title: str | None = None) -> Figure:
    """Horizontal bars: documents per value of ``by`` (output of ``views.document_counts``)."""
    fig, ax = new_figure(bar_height(len(counts)))
    colours = [SIDE_COLOURS.get(v, OKABE_ITO[0]) if by == "side" else OKABE_ITO[0] for v in counts[by]]
    barh(ax, counts[by].tolist(), counts["documents"].to_numpy(), colours)
    ax.set_xlabel("Documents (count)")
    total = int(counts["documents"].sum())
    if title is None:
        head = counts.iloc[0]
        title = (f"{head[by]} accounts for {int(head['documents']):,} of the {total:,} documents"
                 if len(counts) > 1 else f"All {total:,} document{'s' if total != 1 else ''}: {by.replace('_', ' ')} {head[by]}")
    set_title(fig, title)
    return fig


def plot_documents_per_year(per_year: pd.DataFrame, *, by: str = "source", title: str | None = None) -> Figure:
    """Stacked bars: documents per year, coloured by ``by`` (output of ``views.documents_per_year``)."""
    fig, ax = new_figure()
    wide = per_year.pivot_table(index="year", columns=by, values="documents", aggfunc="sum", fill_value=0).sort_index()
    years = list(range(int(wide.index.min()), int(wide.index.max()) + 1)) if len(wide) else []
    wide = wide.reindex(years, fill_value=0)
    order = wide.sum().sort_values(ascending=False, kind="stable").index
    colours = colours_for(order)
    bottom = np.zeros(len(wide))
    for g in order:
        ax.bar(wide.index, wide[g].to_numpy(), bottom=bottom, label=str(g), color=colours[str(g)], width=0.75)
        bottom += wide[g].to_numpy()
    ax.set_xlabel("Year of the event")
    ax.set_ylabel("Documents (count)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", visible=False)
    if len(order) > 1:
        ax.legend(title=by.replace("_", " ").capitalize(), loc="upper left", ncols=min(len(order), 3))
    if title is None:
        totals = wide.sum(axis=1)
        title = f"Documents peak in {int(totals.idxmax())} with {int(totals.max()):,} of {int(totals.sum()):,}"
    set_title(fig, title)
    return fig


def plot_document_lengths(lengths: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Histogram of document lengths in words, one colour per kind (output of ``views.document_lengths``)."""
    fig, ax = new_figure()
    kinds = lengths["kind"].fillna("other").value_counts().index
    colours = colours_for(kinds)
    values = lengths["n_tokens"].astype(float)
    bins = np.histogram_bin_edges(values, bins=min(30, max(5, len(values) // 3)))
    ax.hist([values[lengths["kind"].fillna("other") == k] for k in kinds], bins=bins, stacked=True,
            color=[colours[k] for k in kinds], label=list(kinds))
    ax.set_xlabel("Length (words per document)")
    ax.set_ylabel("Documents (count)")
    ax.grid(axis="x", visible=False)
    if len(kinds) > 1:
        ax.legend(title="Kind")
    if title is None:
        title = (f"Half the documents are shorter than {values.median():,.0f} words; "
                 f"the longest has {values.max():,.0f}")
    set_title(fig, title)
    return fig


def plot_event_timeline(timeline: pd.DataFrame, *, title: str | None = None) -> Figure:
    """One dot per dated document on a time axis, one row per event type (output of ``views.event_timeline``)."""
    types = timeline["event_type"].value_counts().index.tolist()
    fig, ax = new_figure(max(2.2, 0.45 * len(types) + 1.4))
    dates = pd.to_datetime(timeline["date"])
    colours = colours_for(types)
    row = timeline["event_type"].map({t: i for i, t in enumerate(types)})
    jitter = (pd.util.hash_pandas_object(timeline["doc_id"], index=False).to_numpy() % 1000) / 1000 * 0.5 - 0.25
    for t in types:
        sel = timeline["event_type"] == t
        ax.scatter(dates[sel], row[sel] + jitter[sel.to_numpy()], s=14, alpha=0.75, color=colours[t], edgecolor="none")
    ax.set_yticks(range(len(types)), types)
    ax.set_ylim(len(types) - 0.5, -0.5)
    ax.set_xlabel("Date of the event")
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.grid(axis="y", visible=False)
    if title is None:
        top = types[0] if types else "event"
        title = (f"{len(timeline):,} dated documents from {dates.min():%b %Y} to {dates.max():%b %Y}; "
                 f"most are {top}s" if len(timeline) else "No dated documents")
    set_title(fig, title)
    return fig



"""Charts of notebook 05: rhetoric marker rates, by group and over time, and tone over time."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from analysis.plots.style import (
    grouped_barh,
    plot_lines,
    possessive,
    readable,
    set_title,
)

# --- 05 rhetoric ---------------------------------------------------------------------------------


def plot_marker_rates(rates: pd.DataFrame, *, by: str = "side", title: str | None = None) -> Figure:
    """Grouped bars: rhetoric markers per 1,000 words by category and group (``views.marker_rates``)."""
    cats = rates.groupby("category")["per_1000"].mean().sort_values(ascending=False, kind="stable").index.tolist()
    shown = rates
    if "tokens" in rates:  # say how many words each rate rests on
        shown = rates.assign(**{by: rates[by].astype(str) + " (" + rates["tokens"].map("{:,}".format) + " words)"})
    fig = grouped_barh(shown, category="category", group=by, value="per_1000", category_order=cats,
                          xlabel="Markers per 1,000 words")
    if title is None:
        solid = rates
        if "tokens" in rates:  # a rate from a few dozen words is not the finding
            solid = rates[rates["tokens"] >= 0.2 * rates["tokens"].max()]
        top = solid.sort_values(["per_1000", "category"], ascending=[False, True]).iloc[0]
        title = (f"{readable(top['category']).capitalize()} markers are the most frequent: {top['per_1000']:.1f} per "
                 f"1,000 words ({top[by]})")
    set_title(fig, title)
    return fig


def plot_marker_rates_over_time(rates: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: markers per 1,000 words per year, one line per category (``views.marker_rates(by="year")``)."""
    fig = plot_lines(rates, x="year", y="per_1000", group="category", ylabel="Markers per 1,000 words", xlabel="Year of the event")
    if title is None:
        peak = rates.sort_values(["per_1000", "year"], ascending=[False, True]).iloc[0]
        title = f"{readable(peak['category']).capitalize()} language peaks in {peak['year']} at {peak['per_1000']:.1f} per 1,000 words"
    set_title(fig, title)
    return fig


def plot_tone_over_time(tone: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: mean sentence tone per year and side (``views.tone_over_time``); above 0 = warmer."""
    fig = plot_lines(tone, x="year", y="tone", group="side", zero_line=True, xlabel="Year of the event",
                     ylabel="Mean tone per sentence\n(above 0 conciliatory, below 0 hard)")
    if title is None:
        parts = []
        for side, part in tone.groupby("side", sort=True):
            part = part.sort_values("year")
            if len(part) >= 2:
                parts.append(f"{possessive(side)} tone goes from {part['tone'].iloc[0]:+.2f} in {part['year'].iloc[0]} "
                             f"to {part['tone'].iloc[-1]:+.2f} in {part['year'].iloc[-1]}")
            else:
                parts.append(f"{possessive(side)} tone is {part['tone'].iloc[0]:+.2f} (one year, {part['year'].iloc[0]})")
        title = "Mean tone per sentence: " + "; ".join(parts)
    set_title(fig, title)
    return fig



"""Charts of notebook 04: topic coverage heatmaps, the order of first mention, and topics over time."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from analysis.plots.style import (
    bar_height,
    colours_for,
    heatmap,
    new_figure,
    plot_lines,
    possessive,
    readable,
    set_title,
)

# --- 04 topics -----------------------------------------------------------------------------------


def plot_topic_heatmap(coverage: pd.DataFrame, *, by: str = "side", title: str | None = None) -> Figure:
    """Heatmap: share of each group's sentences mentioning each topic (``views.topic_coverage``)."""
    column = "document" if by == "doc_id" else by
    wide = coverage.pivot_table(index="topic", columns=column, values="share", aggfunc="sum", fill_value=0)
    wide = wide.loc[wide.mean(axis=1).sort_values(ascending=False, kind="stable").index]
    wide.index = [readable(t) for t in wide.index]
    if column == "document":
        wide = wide.T
        fig = heatmap(wide, fmt=lambda v: f"{100 * v:.0f}", percent=True, xlabel="Topic",
                         cbar_label="Sentences mentioning the topic (%)")
    else:
        fig = heatmap(wide, fmt=lambda v: f"{100 * v:.0f}", percent=True, ylabel="Topic", xlabel=readable(by).capitalize(),
                         cbar_label="Sentences mentioning the topic (%)")
    if title is None:
        top = coverage.sort_values(["share", "topic"], ascending=[False, True]).iloc[0]
        if column == "document":
            title = (f"{readable(top['topic']).capitalize()} fills {top['share']:.0%} of the sentences of one readout "
                     f"({top['document']})")
        else:
            title = (f"{readable(top['topic']).capitalize()} is the most covered topic: {top['share']:.0%} of "
                     f"{possessive(top[by])} sentences")
    set_title(fig, title)
    return fig


def plot_topic_order(order: pd.DataFrame, *, top: int = 15, title: str | None = None) -> Figure:
    """Dot plot: mean rank of each topic's first mention in a document, per side (``views.topic_order``)."""
    freq = order.groupby("topic")["documents"].sum().sort_values(ascending=False, kind="stable").index[:top]
    data = order[order["topic"].isin(freq)]
    topics = data.groupby("topic")["mean_rank"].mean().sort_values(kind="stable").index.tolist()
    sides = list(dict.fromkeys(data["side"]))
    colours = colours_for(sides)
    fig, ax = new_figure(bar_height(len(topics)))
    ypos = {t: i for i, t in enumerate(topics)}
    for k, s in enumerate(sides):
        part = data[data["side"] == s]
        ax.scatter(part["mean_rank"], part["topic"].map(ypos) + (k - (len(sides) - 1) / 2) * 0.2, color=colours[s],
                   label=s, s=30, zorder=3)
    ax.set_yticks(range(len(topics)), [readable(t) for t in topics])
    ax.set_ylim(len(topics) - 0.5, -0.5)
    ax.set_xlabel("Order of first mention in the document (mean rank, 1 = raised first)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(sides) > 1:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=len(sides))
    if title is None and len(sides) == 1 and int(data["documents"].max()) == 1:
        ranked = data.sort_values("mean_rank")
        title = (f"The readout raises {readable(ranked['topic'].iloc[0])} first and {readable(ranked['topic'].iloc[-1])} "
                 f"last ({len(ranked)} topics in order)")
    if title is None:
        first = data.sort_values(["documents", "mean_rank"], ascending=[False, True]).iloc[0]
        best = data[data["side"] == first["side"]].sort_values(["mean_rank", "documents"], ascending=[True, False]).iloc[0]
        n = int(data[data["side"] == first["side"]]["documents"].max())
        title = (f"{possessive(first['side'])} readouts raise {readable(best['topic'])} earliest (mean rank "
                 f"{best['mean_rank']:.1f}, {int(best['documents']):,} of up to {n:,} documents)")
    set_title(fig, title)
    return fig



def plot_topics_over_time(over_time: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: share of each year's documents mentioning each topic (``views.topics_over_time``)."""
    fig = plot_lines(over_time, x="year", y="share", group="topic", ylabel="Documents mentioning the topic (%)",
                     xlabel="Year of the event", percent=True)
    if title is None:
        years = sorted(over_time["year"].unique())
        first, last = over_time[over_time["year"] == years[0]], over_time[over_time["year"] == years[-1]]
        change = last.set_index("topic")["share"] - first.set_index("topic")["share"]
        t = change.abs().sort_values(ascending=False, kind="stable").index[0]
        verb = "rises" if change[t] > 0 else "falls"
        title = (f"{readable(t).capitalize()} {verb} from {first.set_index('topic')['share'][t]:.0%} of documents in "
                 f"{years[0]} to {last.set_index('topic')['share'][t]:.0%} in {years[-1]}")
    set_title(fig, title)
    return fig



"""Charts of notebook 06: two accounts side by side (the presence matrix), and one side against the other over time."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from analysis.plots.style import (
    colours_for,
    new_figure,
    plot_lines,
    possessive,
    readable,
    set_title,
    wrap,
)

# --- 06 comparisons ------------------------------------------------------------------------------


def plot_presence_matrix(ranks: pd.DataFrame, *, title: str | None = None) -> Figure:
    """The omission matrix: topic x account, filled where the account raises the topic, with its first-mention rank.

    ``ranks`` is long: topic, account, rank (NaN = absent) (``views.pair_topic_ranks``).
    """
    topics = list(dict.fromkeys(ranks["topic"]))
    accounts = list(dict.fromkeys(ranks["account"]))
    matrix = ranks.pivot_table(index="topic", columns="account", values="rank", aggfunc="first").reindex(index=topics, columns=accounts)
    n_rows, n_cols = matrix.shape
    fig, ax = new_figure(max(2.4, 0.28 * n_rows + 1.8))
    palette = list(colours_for([str(a) for a in accounts]).values())
    for j, col in enumerate(accounts):
        for i, v in enumerate(matrix[col]):
            present = pd.notna(v)
            ax.add_patch(Rectangle((j - 0.45, i - 0.4), 0.9, 0.8, color=palette[j % len(palette)] if present else "#EFEFEF",
                                   linewidth=0))
            ax.text(j, i, f"#{int(v)}" if present else "absent", ha="center", va="center", fontsize=7,
                    color="white" if present else "#666666")
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xticks(range(n_cols), [wrap(c, 30) for c in accounts])
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows), [readable(r) for r in topics])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("Cell: order in which the account first raises the topic (#1 = first); grey = omitted")
    if title is None:
        only = {c: int((matrix[c].notna() & matrix.drop(columns=c).isna().all(axis=1)).sum()) for c in accounts}
        (a, na), (b, nb) = list(only.items())[0], list(only.items())[-1]
        a, b = str(a).split(": ", 1)[-1], str(b).split(": ", 1)[-1]  # "China: Xi Jinping's remarks" -> the account
        title = (f"Each account omits topics the other raises: {a}, {na} topic{'s' if na != 1 else ''} only it raises; "
                 f"{b}, {nb}" if n_cols == 2
                 else "; ".join(f"{c}: {n} topics no other account raises" for c, n in only.items()))
    set_title(fig, title)
    return fig


def plot_divergence_over_time(div: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: Jensen-Shannon divergence of two sides' vocabularies per year, with the sampling baseline."""
    fig = plot_lines(div, x="year", y="value", group="measure", ylabel="Jensen-Shannon divergence (bits)")
    if title is None:
        d = div[div["measure"] != "sampling baseline"]
        hi = d.sort_values(["value", "year"], ascending=[False, True]).iloc[0]
        title = f"The two sides' vocabularies diverge most in {int(hi['year'])} (JSD {hi['value']:.2f} bits)"
    set_title(fig, title)
    return fig


def plot_hard_language_over_time(rates: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: hard-language markers per 1,000 words per year, one line per side."""
    fig = plot_lines(rates, x="year", y="rate", group="side", ylabel="Hard-language markers per 1,000 words")
    if title is None:
        mean = rates.groupby("side")["rate"].mean().sort_values(ascending=False)
        title = f"{possessive(mean.index[0])} language is the harder on average ({mean.iloc[0]:.1f} markers per 1,000 words)"
    set_title(fig, title)
    return fig

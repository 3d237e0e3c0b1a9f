"""Charts of notebook 03: top terms, keyness, the two-group term scatter and the dispersion plot."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from analysis.plots.style import (
    OKABE_ITO,
    bar_height,
    barh,
    colours_for,
    new_figure,
    possessive,
    quoted,
    readable,
    set_title,
)

# --- 03 terms ---------------------------------------------------------------------------------


def plot_top_terms(freq: pd.DataFrame, *, by: str | None = None, top: int = 12, value: str = "per_1000",
                   title: str | None = None) -> Figure:
    """Top terms as horizontal bars, one panel per group (output of ``terms.frequency`` or ``terms.ngrams``)."""
    groups = list(dict.fromkeys(freq[by])) if by else [None]
    groups = groups[:4]
    fig, axes = new_figure(bar_height(top) + 0.2, ncols=len(groups), squeeze=False)
    colours = colours_for([str(g) for g in groups if g is not None] or ["all"])
    for ax, g in zip(axes[0], groups):
        part = freq if g is None else freq[freq[by] == g]
        part = part.sort_values([value, "term"], ascending=[False, True], kind="stable").head(top)
        barh(ax, part["term"].tolist(), part[value].to_numpy(dtype=float),
                 colours[str(g)] if g is not None else OKABE_ITO[0], fmt=lambda v: f"{v:.1f}")
        ax.set_xlabel("Occurrences per 1,000 words" if value == "per_1000" else readable(value))
        if g is not None:
            ax.set_title(readable(g), fontsize=9)
    if title is None:
        head = freq.sort_values([value, "term"], ascending=[False, True]).iloc[0]
        kind = "phrase" if " " in str(head["term"]) else "word"
        where = f" ({readable(head[by])})" if by else ""
        title = f"\u201c{head['term']}\u201d is the most frequent content {kind}{where}: {head[value]:.1f} per 1,000 words"
    set_title(fig, title)
    return fig


def plot_keyness(key: pd.DataFrame, *, target: str, reference: str, top: int = 12, title: str | None = None) -> Figure:
    """Diverging bars: the terms most typical of ``target`` (right) and of ``reference`` (left) (``terms.keyness``)."""
    key = key.sort_values(["score", "term"], ascending=[False, True], kind="stable")
    pos = key[key["score"] > 0].head(top)
    neg = key[key["score"] < 0].tail(top)
    data = pd.concat([pos, neg])
    fig, ax = new_figure(bar_height(len(data)))
    colours = colours_for([target, reference])
    y = np.arange(len(data))
    ax.barh(y, data["score"], color=[colours[target] if s > 0 else colours[reference] for s in data["score"]], height=0.7)
    ax.set_yticks(y, data["term"].tolist())
    ax.invert_yaxis()
    ax.axvline(0, color="#555555", linewidth=0.8)
    ax.grid(axis="y", visible=False)
    measure = key.attrs.get("measure", "chi2")
    names = {"chi2": "chi-squared (signed)", "lr": "log-likelihood G\u00b2 (signed)", "pmi": "PMI (bits)",
             "logodds": "log-odds z-score"}
    ax.set_xlabel(f"Keyness: {names.get(measure, measure)}; right = typical of {target}, left = of {reference}")
    nt, nr = key.attrs.get("n_target"), key.attrs.get("n_reference")
    lt = f"{target} ({nt:,} words)" if nt is not None else target
    lr = f"{reference} ({nr:,} words)" if nr is not None else reference
    ax.legend(handles=[Patch(color=colours[target], label=lt), Patch(color=colours[reference], label=lr)],
              loc="lower right")
    if title is None:
        a = pos["term"].head(3).tolist()
        b = neg["term"].tail(3).tolist()[::-1]
        title = f"{target} stands out for {quoted(a)}" + (f"; {reference} for {quoted(b)}" if b else "")
    set_title(fig, title)
    return fig



def _spread_labels(ax, xs, ys, texts, colours, *, min_gap: float = 0.045) -> None:
    """Place labels next to their points, nudged down so that no two overlap (axes-fraction units)."""
    placed: list[tuple[float, float]] = []
    to_axes = ax.transLimits.transform
    for x, y, t, c in sorted(zip(xs, ys, texts, colours), key=lambda r: (-r[1], r[0])):
        ax_x, ax_y = to_axes(ax.transScale.transform((x, y)))
        step = -min_gap / 2 if ax_y > 0.5 else min_gap / 2  # move towards the middle, never off the axes
        ax_x = min(ax_x, 0.82)
        while any(abs(ax_y - py) < min_gap and abs(ax_x - px) < 0.22 for px, py in placed):
            ax_y += step
        placed.append((ax_x, ax_y))
        ax.annotate(t, (x, y), xytext=(ax_x + 0.012, ax_y), textcoords="axes fraction", fontsize=7, color=c,
                    va="center", arrowprops=dict(arrowstyle="-", color=c, linewidth=0.4, alpha=0.6))


def plot_term_scatter(scatter: pd.DataFrame, *, a: str, b: str, title: str | None = None) -> Figure:
    """Two-group term scatter (scattertext's idea): each term's rate in ``b`` (x) and ``a`` (y), log scales.

    Terms absent from a group sit on its floor line; the most distinctive terms
    of each group (``label`` in ``terms.scatter_terms``) are named.
    """
    fig, ax = new_figure(5.0, width=6.3)
    colours = colours_for([a, b])
    data = scatter[["term", "a_per_1000", "b_per_1000", "distinctive", "label"]].copy()
    positive = pd.concat([data["a_per_1000"], data["b_per_1000"]])
    floor = positive[positive > 0].min() / 2 if (positive > 0).any() else 0.01
    x = data["b_per_1000"].clip(lower=floor)
    y = data["a_per_1000"].clip(lower=floor)
    colour = np.where(data["distinctive"] == "a", colours[a], np.where(data["distinctive"] == "b", colours[b], "#BBBBBB"))
    ax.scatter(x, y, s=9, c=colour, alpha=0.55, edgecolor="none")
    ax.set_xscale("log")
    ax.set_yscale("log")
    lo, hi = floor / 1.5, max(x.max(), y.max()) * 1.6
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.plot([lo, hi], [lo, hi], color="#999999", linewidth=0.7, linestyle="--")
    fig.canvas.draw_idle()
    lab = data["label"].to_numpy()
    _spread_labels(ax, x[lab], y[lab], data.loc[lab, "term"],
                   [colours[a] if d == "a" else colours[b] for d in data.loc[lab, "distinctive"]])
    ax.set_xlabel(f"Rate in {possessive(b)} texts (per 1,000 words, log scale; floor = absent)")
    ax.set_ylabel(f"Rate in {possessive(a)} texts (per 1,000 words, log)")
    if title is None:
        ta = data[data["distinctive"] == "a"]["term"].head(3).tolist()
        tb = data[data["distinctive"] == "b"]["term"].tail(3).tolist()[::-1]
        title = f"Above the diagonal, terms typical of {a} ({', '.join(ta)}); below, of {b} ({', '.join(tb)})"
    set_title(fig, title)
    return fig


def plot_dispersion(lanes: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Dispersion (x-ray) plot: where each pattern occurs along each document (``views.dispersion_lanes``)."""
    docs = list(dict.fromkeys(lanes["document"]))
    patterns = list(dict.fromkeys(lanes["pattern"]))
    colours = colours_for(patterns)
    fig, ax = new_figure(bar_height(len(docs)))
    row = lanes["document"].map({d: i for i, d in enumerate(docs)})
    offset = {p: (k - (len(patterns) - 1) / 2) * 0.18 for k, p in enumerate(patterns)}
    for p in patterns:
        sel = lanes["pattern"] == p
        ax.scatter(lanes.loc[sel, "relative_position"], row[sel] + offset[p], marker="|", s=90, color=colours[p],
                   label=p, linewidths=1.4)
    ax.set_yticks(range(len(docs)), [d if len(d) <= 46 else d[:45] + "\u2026" for d in docs], fontsize=7.5)
    ax.set_ylim(len(docs) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Position in the document (% of its words)")
    ax.grid(axis="y", visible=False)
    if len(patterns) > 1:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncols=min(4, len(patterns)))
    if title is None:
        early = (lanes["relative_position"] < 0.5).mean()
        title = (f"{len(lanes):,} mentions of {quoted(patterns)} in the {len(docs)} documents that use them most; "
                 f"{early:.0%} fall in the first half of the document")
    set_title(fig, title)
    return fig



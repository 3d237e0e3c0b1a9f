"""Report charts of terms, topics, rhetoric markers and comparisons (re-exported by :mod:`analysis.plots`).

Same rules as :mod:`analysis.plots`: DataFrames in, a Figure out, titles that
state the finding, axis labels with units.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import MaxNLocator, PercentFormatter

from analysis import plots as _p

__all__ = [
    "plot_top_terms", "plot_keyness", "plot_term_scatter", "plot_dispersion",
    "plot_topic_heatmap", "plot_topic_order", "plot_topics_over_time",
    "plot_marker_rates", "plot_marker_rates_over_time", "plot_tone_over_time",
    "plot_lines", "plot_presence_matrix", "plot_divergence_over_time", "plot_hard_language_over_time",
]


def _quoted(words) -> str:
    return ", ".join("\u201c" + str(w) + "\u201d" for w in words)


def _label(value: object) -> str:
    return str(value).replace("_", " ")


# --- 03 terms ---------------------------------------------------------------------------------


def plot_top_terms(freq: pd.DataFrame, *, by: str | None = None, top: int = 12, value: str = "per_1000",
                   title: str | None = None) -> Figure:
    """Top terms as horizontal bars, one panel per group (output of ``terms.frequency`` or ``terms.ngrams``)."""
    groups = list(dict.fromkeys(freq[by])) if by else [None]
    groups = groups[:4]
    fig, axes = _p.new_figure(_p.bar_height(top) + 0.2, ncols=len(groups), squeeze=False)
    colours = _p.colours_for([str(g) for g in groups if g is not None] or ["all"])
    for ax, g in zip(axes[0], groups):
        part = freq if g is None else freq[freq[by] == g]
        part = part.sort_values([value, "term"], ascending=[False, True], kind="stable").head(top)
        _p._barh(ax, part["term"].tolist(), part[value].to_numpy(dtype=float),
                 colours[str(g)] if g is not None else _p.OKABE_ITO[0], fmt=lambda v: f"{v:.1f}")
        ax.set_xlabel("Occurrences per 1,000 words" if value == "per_1000" else _label(value))
        if g is not None:
            ax.set_title(_label(g), fontsize=9)
    if title is None:
        head = freq.sort_values([value, "term"], ascending=[False, True]).iloc[0]
        kind = "phrase" if " " in str(head["term"]) else "word"
        where = f" ({_label(head[by])})" if by else ""
        title = f"\u201c{head['term']}\u201d is the most frequent content {kind}{where}: {head[value]:.1f} per 1,000 words"
    _p.set_title(fig, title)
    return fig


def plot_keyness(key: pd.DataFrame, *, target: str, reference: str, top: int = 12, title: str | None = None) -> Figure:
    """Diverging bars: the terms most typical of ``target`` (right) and of ``reference`` (left) (``terms.keyness``)."""
    key = key.sort_values(["score", "term"], ascending=[False, True], kind="stable")
    pos = key[key["score"] > 0].head(top)
    neg = key[key["score"] < 0].tail(top)
    data = pd.concat([pos, neg])
    fig, ax = _p.new_figure(_p.bar_height(len(data)))
    colours = _p.colours_for([target, reference])
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
        title = f"{target} stands out for {_quoted(a)}" + (f"; {reference} for {_quoted(b)}" if b else "")
    _p.set_title(fig, title)
    return fig


def _possessive(name: str) -> str:
    return f"{name}'" if str(name).endswith("s") else f"{name}'s"


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
    fig, ax = _p.new_figure(5.0, width=6.3)
    colours = _p.colours_for([a, b])
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
    ax.set_xlabel(f"Rate in {_possessive(b)} texts (per 1,000 words, log scale; floor = absent)")
    ax.set_ylabel(f"Rate in {_possessive(a)} texts (per 1,000 words, log)")
    if title is None:
        ta = data[data["distinctive"] == "a"]["term"].head(3).tolist()
        tb = data[data["distinctive"] == "b"]["term"].tail(3).tolist()[::-1]
        title = f"Above the diagonal, terms typical of {a} ({', '.join(ta)}); below, of {b} ({', '.join(tb)})"
    _p.set_title(fig, title)
    return fig


def plot_dispersion(lanes: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Dispersion (x-ray) plot: where each pattern occurs along each document (``views.dispersion_lanes``)."""
    docs = list(dict.fromkeys(lanes["document"]))
    patterns = list(dict.fromkeys(lanes["pattern"]))
    colours = _p.colours_for(patterns)
    fig, ax = _p.new_figure(_p.bar_height(len(docs)))
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
        title = (f"{len(lanes):,} mentions of {_quoted(patterns)} in the {len(docs)} documents that use them most; "
                 f"{early:.0%} fall in the first half of the document")
    _p.set_title(fig, title)
    return fig


# --- 04 topics -----------------------------------------------------------------------------------


def plot_topic_heatmap(coverage: pd.DataFrame, *, by: str = "side", title: str | None = None) -> Figure:
    """Heatmap: share of each group's sentences mentioning each topic (``views.topic_coverage``)."""
    label = "document" if by == "doc_id" else by
    wide = coverage.pivot_table(index="topic", columns=label, values="share", aggfunc="sum", fill_value=0)
    wide = wide.loc[wide.mean(axis=1).sort_values(ascending=False, kind="stable").index]
    wide.index = [_label(t) for t in wide.index]
    if label == "document":
        wide = wide.T
        fig = _p.heatmap(wide, fmt=lambda v: f"{100 * v:.0f}", percent=True, xlabel="Topic",
                         cbar_label="Sentences mentioning the topic (%)")
    else:
        fig = _p.heatmap(wide, fmt=lambda v: f"{100 * v:.0f}", percent=True, ylabel="Topic", xlabel=_label(by).capitalize(),
                         cbar_label="Sentences mentioning the topic (%)")
    if title is None:
        top = coverage.sort_values(["share", "topic"], ascending=[False, True]).iloc[0]
        if label == "document":
            title = (f"{_label(top['topic']).capitalize()} fills {top['share']:.0%} of the sentences of one readout "
                     f"({top['document']})")
        else:
            title = (f"{_label(top['topic']).capitalize()} is the most covered topic: {top['share']:.0%} of "
                     f"{_possessive(top[by])} sentences")
    _p.set_title(fig, title)
    return fig


def plot_topic_order(order: pd.DataFrame, *, top: int = 15, title: str | None = None) -> Figure:
    """Dot plot: mean rank of each topic's first mention in a document, per side (``views.topic_order``)."""
    freq = order.groupby("topic")["documents"].sum().sort_values(ascending=False, kind="stable").index[:top]
    data = order[order["topic"].isin(freq)]
    topics = data.groupby("topic")["mean_rank"].mean().sort_values(kind="stable").index.tolist()
    sides = list(dict.fromkeys(data["side"]))
    colours = _p.colours_for(sides)
    fig, ax = _p.new_figure(_p.bar_height(len(topics)))
    ypos = {t: i for i, t in enumerate(topics)}
    for k, s in enumerate(sides):
        part = data[data["side"] == s]
        ax.scatter(part["mean_rank"], part["topic"].map(ypos) + (k - (len(sides) - 1) / 2) * 0.2, color=colours[s],
                   label=s, s=30, zorder=3)
    ax.set_yticks(range(len(topics)), [_label(t) for t in topics])
    ax.set_ylim(len(topics) - 0.5, -0.5)
    ax.set_xlabel("Order of first mention in the document (mean rank, 1 = raised first)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(sides) > 1:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncols=len(sides))
    if title is None and len(sides) == 1 and int(data["documents"].max()) == 1:
        ranked = data.sort_values("mean_rank")
        title = (f"The readout raises {_label(ranked['topic'].iloc[0])} first and {_label(ranked['topic'].iloc[-1])} "
                 f"last ({len(ranked)} topics in order)")
    if title is None:
        first = data.sort_values(["documents", "mean_rank"], ascending=[False, True]).iloc[0]
        best = data[data["side"] == first["side"]].sort_values(["mean_rank", "documents"], ascending=[True, False]).iloc[0]
        n = int(data[data["side"] == first["side"]]["documents"].max())
        title = (f"{_possessive(first['side'])} readouts raise {_label(best['topic'])} earliest (mean rank "
                 f"{best['mean_rank']:.1f}, {int(best['documents']):,} of up to {n:,} documents)")
    _p.set_title(fig, title)
    return fig


def plot_lines(data: pd.DataFrame, *, x: str, y: str, group: str, ylabel: str, xlabel: str = "Year",
               percent: bool = False, zero_line: bool = False) -> Figure:
    """One line per group over ``x`` (years)."""
    groups = list(dict.fromkeys(data.sort_values(group, kind="stable")[group]))
    colours = _p.colours_for(groups)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    fig, ax = _p.new_figure()
    for k, g in enumerate(groups):
        part = data[data[group] == g].sort_values(x)
        ax.plot(part[x], part[y], marker=markers[k % len(markers)], color=colours[str(g)], label=_label(g), markersize=4)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if percent:
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    if zero_line:
        ax.axhline(0, color="#555555", linewidth=0.8)
    if len(groups) > 1:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
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
        title = (f"{_label(t).capitalize()} {verb} from {first.set_index('topic')['share'][t]:.0%} of documents in "
                 f"{years[0]} to {last.set_index('topic')['share'][t]:.0%} in {years[-1]}")
    _p.set_title(fig, title)
    return fig


# --- 05 rhetoric ---------------------------------------------------------------------------------


def plot_marker_rates(rates: pd.DataFrame, *, by: str = "side", title: str | None = None) -> Figure:
    """Grouped bars: rhetoric markers per 1,000 words by category and group (``views.marker_rates``)."""
    cats = rates.groupby("category")["per_1000"].mean().sort_values(ascending=False, kind="stable").index.tolist()
    shown = rates
    if "tokens" in rates:  # say how many words each rate rests on
        shown = rates.assign(**{by: rates[by].astype(str) + " (" + rates["tokens"].map("{:,}".format) + " words)"})
    fig = _p.grouped_barh(shown, category="category", group=by, value="per_1000", category_order=cats,
                          xlabel="Markers per 1,000 words")
    if title is None:
        solid = rates
        if "tokens" in rates:  # a rate from a few dozen words is not the finding
            solid = rates[rates["tokens"] >= 0.2 * rates["tokens"].max()]
        top = solid.sort_values(["per_1000", "category"], ascending=[False, True]).iloc[0]
        title = (f"{_label(top['category']).capitalize()} markers are the most frequent: {top['per_1000']:.1f} per "
                 f"1,000 words ({top[by]})")
    _p.set_title(fig, title)
    return fig


def plot_marker_rates_over_time(rates: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: markers per 1,000 words per year, one line per category (``views.marker_rates(by="year")``)."""
    fig = plot_lines(rates, x="year", y="per_1000", group="category", ylabel="Markers per 1,000 words", xlabel="Year of the event")
    if title is None:
        peak = rates.sort_values(["per_1000", "year"], ascending=[False, True]).iloc[0]
        title = f"{_label(peak['category']).capitalize()} language peaks in {peak['year']} at {peak['per_1000']:.1f} per 1,000 words"
    _p.set_title(fig, title)
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
                parts.append(f"{_possessive(side)} tone goes from {part['tone'].iloc[0]:+.2f} in {part['year'].iloc[0]} "
                             f"to {part['tone'].iloc[-1]:+.2f} in {part['year'].iloc[-1]}")
            else:
                parts.append(f"{_possessive(side)} tone is {part['tone'].iloc[0]:+.2f} (one year, {part['year'].iloc[0]})")
        title = "Mean tone per sentence: " + "; ".join(parts)
    _p.set_title(fig, title)
    return fig


# --- 06 comparisons ------------------------------------------------------------------------------


def plot_presence_matrix(ranks: pd.DataFrame, *, title: str | None = None) -> Figure:
    """The omission matrix: topic x account, filled where the account raises the topic, with its first-mention rank.

    ``ranks`` is long: topic, account, rank (NaN = absent) (``views.pair_topic_ranks``).
    """
    topics = list(dict.fromkeys(ranks["topic"]))
    accounts = list(dict.fromkeys(ranks["account"]))
    matrix = ranks.pivot_table(index="topic", columns="account", values="rank", aggfunc="first").reindex(index=topics, columns=accounts)
    n_rows, n_cols = matrix.shape
    fig, ax = _p.new_figure(max(2.4, 0.28 * n_rows + 1.8))
    palette = list(_p.colours_for([str(a) for a in accounts]).values())
    for j, col in enumerate(accounts):
        for i, v in enumerate(matrix[col]):
            present = pd.notna(v)
            ax.add_patch(Rectangle((j - 0.45, i - 0.4), 0.9, 0.8, color=palette[j % len(palette)] if present else "#EFEFEF",
                                   linewidth=0))
            ax.text(j, i, f"#{int(v)}" if present else "absent", ha="center", va="center", fontsize=7,
                    color="white" if present else "#666666")
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xticks(range(n_cols), [_p.wrap(c, 30) for c in accounts])
    ax.xaxis.tick_top()
    ax.set_yticks(range(n_rows), [_label(r) for r in topics])
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
    _p.set_title(fig, title)
    return fig


def plot_divergence_over_time(div: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: Jensen-Shannon divergence of two sides' vocabularies per year, with the sampling baseline."""
    fig = plot_lines(div, x="year", y="value", group="measure", ylabel="Jensen-Shannon divergence (bits)")
    if title is None:
        d = div[div["measure"] != "sampling baseline"]
        hi = d.sort_values(["value", "year"], ascending=[False, True]).iloc[0]
        title = f"The two sides' vocabularies diverge most in {int(hi['year'])} (JSD {hi['value']:.2f} bits)"
    _p.set_title(fig, title)
    return fig


def plot_hard_language_over_time(rates: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Lines: hard-language markers per 1,000 words per year, one line per side."""
    fig = plot_lines(rates, x="year", y="rate", group="side", ylabel="Hard-language markers per 1,000 words")
    if title is None:
        mean = rates.groupby("side")["rate"].mean().sort_values(ascending=False)
        title = f"{_possessive(mean.index[0])} language is the harder on average ({mean.iloc[0]:.1f} markers per 1,000 words)"
    _p.set_title(fig, title)
    return fig

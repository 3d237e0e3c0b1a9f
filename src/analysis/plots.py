"""Report charts: the house style, ``save_figure`` and the corpus and speaker charts.

Every ``plot_*`` function takes the DataFrame prepared by :mod:`analysis.views`
(or :mod:`analysis.terms`), returns a :class:`matplotlib.figure.Figure` and
neither saves nor shows it. Titles state the finding, computed from the data
(pass ``title=`` to override); axis labels carry units. :func:`save_figure`
adds the source line and writes PNG (200 dpi), SVG and the CSV of exactly the
plotted data, with fixed metadata so that reruns give byte-identical files.

The term, topic, marker and comparison charts live in :mod:`analysis.plots_text`
and are re-exported here, so ``from analysis import plots`` gives them all.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import matplotlib

if "MPLBACKEND" not in os.environ and "ipykernel" not in matplotlib.get_backend().lower() and "inline" not in matplotlib.get_backend().lower():
    matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter  # noqa: E402

from analysis import config  # noqa: E402

#: Okabe-Ito palette (Okabe and Ito 2008), safe for the common colour-vision deficiencies.
OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
#: Fixed colours of the sides, identical on every chart.
SIDE_COLOURS = {"China": "#D55E00", "CN": "#D55E00", "United States": "#0072B2", "US": "#0072B2",
                "both sides": "#009E73", "unknown": "#999999", "narrator": "#BBBBBB"}
_SOURCE_GID = "readout-source-line"
_STYLE_LOADED = False


def use_style() -> None:
    """Load the house style sheet (``config.STYLE_SHEET``) once per process."""
    global _STYLE_LOADED
    if not _STYLE_LOADED:
        plt.style.use(str(config.STYLE_SHEET))
        _STYLE_LOADED = True


def colours_for(groups) -> dict[str, str]:
    """A colour per group: the fixed side colours first, then Okabe-Ito in order of appearance."""
    out: dict[str, str] = {}
    # Okabe-Ito minus the side colours; yellow last (weak on white), then three Tol colours
    free = [c for c in OKABE_ITO if c not in set(SIDE_COLOURS.values()) and c != "#F0E442"] + ["#882255", "#44AA99",
                                                                                              "#F0E442", "#999933"]
    i = 0
    for g in groups:
        g = str(g)
        if g in out:
            continue
        side = g.split(":", 1)[0].strip()  # "China: Xi Jinping's remarks" takes China's colour
        if g in SIDE_COLOURS:
            out[g] = SIDE_COLOURS[g]
        elif ":" in g and side in SIDE_COLOURS and side not in {k.split(":", 1)[0] for k in out}:
            out[g] = SIDE_COLOURS[side]
        else:
            out[g] = free[i % len(free)]
            i += 1
    return out


def wrap(text: str, width: int = 30) -> str:
    """Wrap a label onto several lines."""
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def new_figure(height: float | None = None, *, ncols: int = 1, nrows: int = 1, width: float = 6.3, **kwargs):
    """A figure in the house style: (fig, axes)."""
    use_style()
    height = height or plt.rcParams["figure.figsize"][1]
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), **kwargs)
    return fig, axes


def set_title(fig: Figure, title: str) -> None:
    """The finding as the figure title (bold, left-aligned, wrapped at the figure width)."""
    width = int(80 * fig.get_figwidth() / 6.3)
    fig.suptitle(wrap(title, width), x=0.01, ha="left", fontsize=10, fontweight="bold")


def add_source(fig: Figure, source: str) -> None:
    """Write (or replace) the source line under the chart: ``Source: <corpus>``."""
    for t in list(fig.texts):
        if t.get_gid() == _SOURCE_GID:
            t.remove()
    line = source if source.lower().startswith("source") else f"Source: {source}"
    fig.text(0.01, -0.01, wrap(line, 120), ha="left", va="top", fontsize=7, color="#555555", gid=_SOURCE_GID)


def save_figure(fig: Figure, name: str, *, data: pd.DataFrame, folder: str | os.PathLike = config.FIGURES,
                source: str) -> dict[str, Path]:
    """Write ``name``.png (200 dpi), ``name``.svg and ``name``.csv (the plotted data) into ``folder``.

    The files carry no timestamps or software versions (PNG ``Software`` and
    SVG ``Date`` metadata removed, SVG ids salted by the style sheet), so the
    same data give byte-identical files on every run.

    Parameters
    ----------
    fig : Figure
    name : str
        File stem saying what the chart shows (``topic-coverage-by-side``).
    data : DataFrame
        Exactly the data the chart plots.
    folder : path
        Output folder (default ``config.FIGURES``).
    source : str
        The corpus, written as the chart's source line.

    Returns
    -------
    dict
        ``{"png": path, "svg": path, "csv": path}``.
    """
    use_style()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    add_source(fig, source)
    paths = {ext: folder / f"{name}.{ext}" for ext in ("png", "svg", "csv")}
    with plt.rc_context({"svg.hashsalt": "readout-analysis", "svg.fonttype": "path"}):
        fig.savefig(paths["png"], dpi=200, format="png", metadata={"Software": None}, bbox_inches="tight")
        fig.savefig(paths["svg"], format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    frame = data.copy()
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            frame[col] = frame[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    frame.to_csv(paths["csv"], index=False, lineterminator="\n", float_format="%.6g")
    return paths


def _markdown(text: str):
    try:
        from IPython.display import Markdown
    except ImportError:  # pragma: no cover - IPython ships with the notebook stack
        return text
    return Markdown(text)


def chart(name: str, plot, data: pd.DataFrame, *, folder: str | os.PathLike = config.FIGURES, source: str,
          note: str | None = None, **kwargs):
    """Draw one chart with ``plot(data, **kwargs)`` and save it as ``name`` -- or say why not.

    This is the one call a notebook cell makes per chart. When ``note`` is given
    (a sentence from :func:`analysis.views.more_data_note` saying what more data
    would show) or ``data`` is empty, nothing is drawn or saved and the sentence
    is returned for display instead.

    Returns
    -------
    Markdown or None
        The note (shown in the notebook), or None when the chart was drawn (the
        notebook shows the open figure at the end of the cell).
    """
    if note:
        return _markdown(note)
    if data is None or len(data) == 0:
        return _markdown(f"No data for the chart *{name}* with these tables and filters, so it is not drawn.")
    fig = plot(data, **kwargs)
    save_figure(fig, name, data=data, folder=folder, source=source)
    return None


def possessive(name: object) -> str:
    """``China's``, ``United States'``, ``both sides'``."""
    name = str(name)
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _barh(ax, labels, values, colour: str | list = OKABE_ITO[0], *, fmt=lambda v: f"{v:,.0f}") -> None:
    y = np.arange(len(labels))
    bars = ax.barh(y, values, color=colour, height=0.7)
    ax.set_yticks(y, [wrap(v, 34) for v in labels])
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    top = max(values) if len(values) else 0
    for b, v in zip(bars, values):
        ax.text(b.get_width() + top * 0.01, b.get_y() + b.get_height() / 2, fmt(v), va="center", fontsize=7.5, color="#333333")
    ax.set_xlim(0, top * 1.12 if top else 1)


def bar_height(n: int) -> float:
    """Figure height for ``n`` horizontal bars."""
    return max(2.2, min(9.0, 0.24 * n + 1.3))


# --- 01 corpus overview ------------------------------------------------------------------------


def plot_document_counts(counts: pd.DataFrame, *, by: str, title: str | None = None) -> Figure:
    """Horizontal bars: documents per value of ``by`` (output of ``views.document_counts``)."""
    fig, ax = new_figure(bar_height(len(counts)))
    colours = [SIDE_COLOURS.get(v, OKABE_ITO[0]) if by == "side" else OKABE_ITO[0] for v in counts[by]]
    _barh(ax, counts[by].tolist(), counts["documents"].to_numpy(), colours)
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


# --- 02 speakers and framing --------------------------------------------------------------------


def plot_speaker_shares(shares: pd.DataFrame, *, title: str | None = None) -> Figure:
    """One 100% bar per document split by speaker (output of ``views.speaker_shares``)."""
    docs = list(dict.fromkeys(shares["document"]))
    speakers = shares.groupby("speaker")["share"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    if len(speakers) > 7:
        keep = speakers[:6]
        shares = shares.assign(speaker=shares["speaker"].where(shares["speaker"].isin(keep), "others"))
        speakers = keep + ["others"]
    colours = colours_for(["both sides", *speakers])
    wide = shares.pivot_table(index="document", columns="speaker", values="share", aggfunc="sum", fill_value=0).reindex(docs)
    fig, ax = new_figure(bar_height(len(docs)) + 0.4)
    left = np.zeros(len(docs))
    y = np.arange(len(docs))
    for s in speakers:
        v = wide.get(s, pd.Series(0.0, index=wide.index)).to_numpy()
        ax.barh(y, v, left=left, color=colours[s], label=s, height=0.7)
        for yi, (l, w) in enumerate(zip(left, v)):
            if w >= 0.12:
                ax.text(l + w / 2, yi, _pct(w), ha="center", va="center", fontsize=7, color="white")
        left += v
    ax.set_yticks(y, [wrap(d, 40) for d in docs])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Share of the readout's words (%); the rest is narration")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if len(docs) > 3 else -0.3), ncols=min(4, len(speakers)))
    if title is None and len(docs) == 1:
        ranked = shares.sort_values("share", ascending=False)
        rest = "; ".join(f"{r.speaker} {_pct(r.share)}" for r in ranked.iloc[1:3].itertuples())
        title = f"{ranked['speaker'].iloc[0]} speaks {_pct(ranked['share'].iloc[0])} of the readout's words" + (
            f"; {rest}" if rest else "")
    if title is None:
        lead = shares.loc[shares.groupby("document")["share"].idxmax()]
        top = lead["speaker"].value_counts()
        title = (f"{top.index[0]} has the largest share of words in {top.iloc[0]} of {len(docs)} "
                 f"readout{'s' if len(docs) > 1 else ''} shown")
    set_title(fig, title)
    return fig


def plot_side_word_shares(shares: pd.DataFrame, *, title: str | None = None) -> Figure:
    """One 100% bar per issuing side: whose words its readouts report (output of ``views.side_word_shares``)."""
    sides = list(dict.fromkeys(shares["document_side"]))
    groups = shares.groupby("speaker_side")["share"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    colours = colours_for(groups)
    fig, ax = new_figure(bar_height(len(sides)) + 0.3)
    left = np.zeros(len(sides))
    for g in groups:
        v = shares[shares["speaker_side"] == g].set_index("document_side")["share"].reindex(sides, fill_value=0).to_numpy()
        ax.barh(np.arange(len(sides)), v, left=left, color=colours[g], label=g, height=0.6)
        for yi, (l, w) in enumerate(zip(left, v)):
            if w >= 0.08:
                ax.text(l + w / 2, yi, _pct(w), ha="center", va="center", fontsize=7.5, color="white")
        left += v
    ax.set_yticks(np.arange(len(sides)), [f"{possessive(s)} readouts" for s in sides])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Share of attributed words, by the speaker's side (%)")
    ax.grid(axis="y", visible=False)
    ax.legend(title="Speaker's side", loc="upper center", bbox_to_anchor=(0.5, -0.28), ncols=min(5, len(groups)))
    if title is None:
        first = shares[shares["document_side"] == sides[0]].iloc[0]
        who = "joint statements (both sides)" if first["speaker_side"] == "both sides" else f"speakers from {first['speaker_side']}"
        title = f"In {possessive(sides[0])} readouts, {who} get {_pct(first['share'])} of the attributed words"
    set_title(fig, title)
    return fig


def plot_reporting_verbs(verbs: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Heatmap: share of each speaker's statements introduced by each reporting verb (``views.reporting_verbs``)."""
    wide = verbs.pivot_table(index="speaker", columns="reporting_verb", values="share", fill_value=0)
    total = verbs.groupby("speaker")["sentences"].sum()
    wide = wide.loc[total.sort_values(ascending=False, kind="stable").index,
                    wide.sum(axis=0).sort_values(ascending=False, kind="stable").index]
    if "speaker_sentences" in verbs:
        n = verbs.groupby("speaker")["speaker_sentences"].first()
        wide.index = [f"{s} (n={int(n[s]):,})" for s in wide.index]
    fig = heatmap(wide, fmt=_pct, cbar_label="Share of the speaker's sentences with a reporting verb (%)", percent=True,
                  xlabel="Reporting verb", ylabel="Speaker (n = sentences with a reporting verb)")
    if title is None:
        named = verbs[verbs["speaker"] != "both sides"]
        top = (named if len(named) else verbs).sort_values(["sentences", "speaker"], ascending=[False, True]).iloc[0]
        title = (f"\u201c{top['reporting_verb']}\u201d is {possessive(top['speaker'])} most frequent reporting verb: "
                 f"{_pct(top['share'])} of the statements attributed with a verb")
    set_title(fig, title)
    return fig


def heatmap(wide: pd.DataFrame, *, fmt=lambda v: f"{v:.2f}", cbar_label: str = "", percent: bool = False,
            xlabel: str = "", ylabel: str = "", vmax: float | None = None) -> Figure:
    """A labelled heatmap of a wide table (rows x columns), values written in the cells."""
    n_rows, n_cols = wide.shape
    fig, ax = new_figure(max(2.4, 0.3 * n_rows + 1.9))
    values = wide.to_numpy(dtype=float)
    vmax = vmax if vmax is not None else (np.nanmax(values) if values.size and np.nanmax(values) > 0 else 1)
    im = ax.imshow(values, aspect="auto", cmap="Blues", vmin=0, vmax=vmax, interpolation="nearest")
    if n_cols > 5:
        ax.set_xticks(range(n_cols), [str(c) for c in wide.columns], rotation=50, ha="right", rotation_mode="anchor")
    else:
        ax.set_xticks(range(n_cols), [wrap(c, 16) for c in wide.columns])
    ax.set_yticks(range(n_rows), [wrap(r, 34) for r in wide.index])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    if n_rows * n_cols <= 240:
        for i in range(n_rows):
            for j in range(n_cols):
                v = values[i, j]
                if v > 0:
                    ax.text(j, i, fmt(v), ha="center", va="center", fontsize=6.5,
                            color="white" if v > 0.6 * vmax else "#222222")
    cbar = fig.colorbar(im, ax=ax, shrink=0.8, pad=0.02)
    cbar.set_label(cbar_label, fontsize=7.5)
    cbar.ax.tick_params(labelsize=7)
    if percent:
        cbar.ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return fig


def grouped_barh(data: pd.DataFrame, *, category: str, group: str, value: str, xlabel: str,
                 category_order=None, group_order=None, fmt=lambda v: f"{v:.1f}") -> Figure:
    """Horizontal bars of ``value`` per ``category``, one bar per ``group`` inside each category."""
    cats = list(category_order) if category_order is not None else list(dict.fromkeys(data[category]))
    groups = list(group_order) if group_order is not None else list(dict.fromkeys(data[group]))
    colours = colours_for(groups)
    fig, ax = new_figure(bar_height(len(cats) * max(1, len(groups)) * 0.6 + 2))
    h = 0.8 / max(len(groups), 1)
    wide = data.pivot_table(index=category, columns=group, values=value, aggfunc="sum").reindex(index=cats, columns=groups)
    top = np.nanmax(wide.to_numpy(dtype=float)) if wide.size else 0
    top = top if np.isfinite(top) and top > 0 else 1
    for k, g in enumerate(groups):
        y = np.arange(len(cats)) + (k - (len(groups) - 1) / 2) * h
        v = wide[g].fillna(0).to_numpy(dtype=float)
        ax.barh(y, v, height=h * 0.95, color=colours[str(g)], label=str(g))
        for yi, vi in zip(y, v):
            if vi > 0 and len(groups) <= 3:
                ax.text(vi + top * 0.01, yi, fmt(vi), va="center", fontsize=6.5, color="#333333")
    ax.set_yticks(np.arange(len(cats)), [wrap(str(c).replace("_", " "), 28) for c in cats])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    if len(groups) > 1:
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=min(len(groups), 4))
    return fig


def plot_framing(framing: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Cooperative vs confrontational framing per 1,000 words of each speaker (``views.framing_by_speaker``)."""
    data = framing.assign(frame=framing["category"].map({"cooperative_frame": "cooperative",
                                                         "confrontational_frame": "confrontational"}))
    data["speaker"] = data["speaker"] + " (" + data["tokens"].map("{:,}".format) + " words)"
    fig = grouped_barh(data, category="speaker", group="frame", value="per_1000",
                       xlabel="Framing markers per 1,000 words of the speaker", group_order=["cooperative", "confrontational"])
    if title is None:
        conf = data[data["frame"] == "confrontational"].sort_values(["per_1000", "speaker"], ascending=[False, True])
        coop = data[data["frame"] == "cooperative"].sort_values(["per_1000", "speaker"], ascending=[False, True])
        if len(conf) and conf["per_1000"].iloc[0] > 0:
            name = lambda s: s.rsplit(" (", 1)[0]  # noqa: E731
            a, b = name(conf["speaker"].iloc[0]), name(coop["speaker"].iloc[0])
            ra, rb = conf["per_1000"].iloc[0], coop["per_1000"].iloc[0]
            title = (f"{a} uses both the most cooperative ({rb:.1f}) and the most confrontational framing "
                     f"({ra:.1f} per 1,000 words)" if a == b else
                     f"{a} uses the most confrontational framing ({ra:.1f} per 1,000 words); {b} the most cooperative ({rb:.1f})")
        else:
            title = "No speaker uses confrontational framing"
    set_title(fig, title)
    return fig


def plot_targets(targets: pd.DataFrame, *, top: int = 12, title: str | None = None) -> Figure:
    """Horizontal bars: how often each target is urged, blamed or contradicted (``views.targets``)."""
    data = targets.groupby(["target", "category"])["markers"].sum().reset_index()
    order = data.groupby("target")["markers"].sum().sort_values(ascending=False, kind="stable").index[:top]
    data = data[data["target"].isin(order)]
    fig = grouped_barh(data, category="target", group="category", value="markers", category_order=order,
                       xlabel="Markers aimed at the target (count)", fmt=lambda v: f"{v:.0f}")
    if title is None:
        n = int(data[data["target"] == order[0]]["markers"].sum()) if len(order) else 0
        title = (f"{order[0]} is the most frequent target of demands, blame and denials ({n:,})" if len(order)
                 else "No demand, blame or denial names a target")
    set_title(fig, title)
    return fig


from analysis.plots_text import *  # noqa: E402,F401,F403  (term, topic, marker and comparison charts)

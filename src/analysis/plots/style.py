"""The house style of the report charts, and the pieces every chart is built from.

The style sheet (``readout.mplstyle``: an A4 column, the Okabe-Ito palette) is
loaded once by :func:`use_style`; :func:`save_figure` adds the source line and
writes PNG (200 dpi), SVG and the CSV of exactly the plotted data, with fixed
metadata so that reruns give byte-identical files; :func:`chart` does all of
it in one call from a notebook. The primitives (:func:`barh`, :func:`heatmap`,
:func:`grouped_barh`, :func:`plot_lines`) and the label helpers are what the
chart modules of :mod:`analysis.plots` draw with.
"""

from __future__ import annotations

import json
import os
import re
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from analysis import config
from analysis.vocab import BOTH_SIDES, NARRATOR

OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
#: Fixed colours of the sides, identical on every chart.
SIDE_COLOURS = {"China": "#D55E00", "CN": "#D55E00", "United States": "#0072B2", "US": "#0072B2",
                BOTH_SIDES: "#009E73", "unknown": "#999999", NARRATOR: "#BBBBBB"}
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
        ``{"png": path, "svg": path, "csv": path, "json": path}``; the JSON holds the chart's title and
        source, for the report page (:mod:`analysis.report`).
    """
    use_style()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    add_source(fig, source)
    paths = {ext: folder / f"{name}.{ext}" for ext in ("png", "svg", "csv", "json")}
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    with plt.rc_context({"svg.hashsalt": "readout-analysis", "svg.fonttype": "path"}):
        fig.savefig(paths["png"], dpi=200, format="png", metadata={"Software": None}, bbox_inches="tight")
        fig.savefig(paths["svg"], format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    frame = data.copy()
    for col in frame.columns:
        if frame[col].dtype == object and frame[col].map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
            frame[col] = frame[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple, np.ndarray)) else v)
    frame = frame.rename(columns={c: spreadsheet_safe(c) for c in frame.columns})
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            frame[col] = frame[col].map(spreadsheet_safe)
    frame.to_csv(paths["csv"], index=False, lineterminator="\n", float_format="%.6g")
    meta = {"name": name, "title": re.sub(r"\s+", " ", title).strip(), "source": source}
    paths["json"].write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return paths


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?$")


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula (the OWASP rule for CSV injection).

    Text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, and is not a number,
    gets a leading apostrophe (``'=HYPERLINK(...)``); carriage returns become line feeds (which the CSV
    writer quotes); numbers and other values are returned unchanged.
    """
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")  # a bare carriage return would split the row
        if value.startswith(_FORMULA_START + ("\n",)) and not _NUMBER.match(value.strip()):
            return "'" + value
    return value


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


def pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def barh(ax, labels, values, colour: str | list = OKABE_ITO[0], *, fmt=lambda v: f"{v:,.0f}") -> None:
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
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncols=legend_columns([str(g) for g in groups]))
    return fig


def legend_columns(labels: list[str], *, most: int = 4, width: int = 90) -> int:
    """Legend columns that fit the figure's width: ``width`` characters of legend text, a handle being about 6.

    Four labels such as "Jake Sullivan (9,145 words)" side by side are wider than the figure, and the
    axes, squeezed to nothing by the layout, would not be drawn (matplotlib warns
    "constrained_layout not applied").
    """
    longest = max((len(label) for label in labels), default=1)
    return max(1, min(len(labels), most, width // (longest + 6)))



def plot_lines(data: pd.DataFrame, *, x: str, y: str, group: str, ylabel: str, xlabel: str = "Year",
               percent: bool = False, zero_line: bool = False) -> Figure:
    """One line per group over ``x`` (years)."""
    groups = list(dict.fromkeys(data.sort_values(group, kind="stable")[group]))
    colours = colours_for(groups)
    markers = ["o", "s", "^", "D", "v", "P", "X", "*"]
    fig, ax = new_figure()
    for k, g in enumerate(groups):
        part = data[data[group] == g].sort_values(x)
        ax.plot(part[x], part[y], marker=markers[k % len(markers)], color=colours[str(g)], label=readable(g), markersize=4)
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



def quoted(words) -> str:
    return ", ".join("\u201c" + str(w) + "\u201d" for w in words)


def readable(value: object) -> str:
    return str(value).replace("_", " ")


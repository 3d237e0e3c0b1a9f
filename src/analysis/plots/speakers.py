"""Charts of notebook 02: who speaks (shares of the words, reporting verbs), framing by speaker, and targets."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from analysis.plots.style import (
    bar_height,
    colours_for,
    grouped_barh,
    heatmap,
    new_figure,
    pct,
    possessive,
    set_title,
    wrap,
)
from analysis.vocab import BOTH_SIDES

# --- 02 speakers and framing --------------------------------------------------------------------


def plot_speaker_shares(shares: pd.DataFrame, *, title: str | None = None) -> Figure:
    """One 100% bar per document split by speaker (output of ``views.speaker_shares``)."""
    docs = list(dict.fromkeys(shares["document"]))
    speakers = shares.groupby("speaker")["share"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    if len(speakers) > 7:
        keep = speakers[:6]
        shares = shares.assign(speaker=shares["speaker"].where(shares["speaker"].isin(keep), "others"))
        speakers = keep + ["others"]
    colours = colours_for([BOTH_SIDES, *speakers])
    wide = shares.pivot_table(index="document", columns="speaker", values="share", aggfunc="sum", fill_value=0).reindex(docs)
    fig, ax = new_figure(bar_height(len(docs)) + 0.4)
    left = np.zeros(len(docs))
    y = np.arange(len(docs))
    for s in speakers:
        v = wide.get(s, pd.Series(0.0, index=wide.index)).to_numpy()
        ax.barh(y, v, left=left, color=colours[s], label=s, height=0.7)
        for yi, (l, w) in enumerate(zip(left, v)):
            if w >= 0.12:
                ax.text(l + w / 2, yi, pct(w), ha="center", va="center", fontsize=7, color="white")
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
        rest = "; ".join(f"{r.speaker} {pct(r.share)}" for r in ranked.iloc[1:3].itertuples())
        title = f"{ranked['speaker'].iloc[0]} speaks {pct(ranked['share'].iloc[0])} of the readout's words" + (
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
                ax.text(l + w / 2, yi, pct(w), ha="center", va="center", fontsize=7.5, color="white")
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
        who = "joint statements (both sides)" if first["speaker_side"] == BOTH_SIDES else f"speakers from {first['speaker_side']}"
        title = f"In {possessive(sides[0])} readouts, {who} get {pct(first['share'])} of the attributed words"
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
    fig = heatmap(wide, fmt=pct, cbar_label="Share of the speaker's sentences with a reporting verb (%)", percent=True,
                  xlabel="Reporting verb", ylabel="Speaker (n = sentences with a reporting verb)")
    if title is None:
        named = verbs[verbs["speaker"] != BOTH_SIDES]
        top = (named if len(named) else verbs).sort_values(["sentences", "speaker"], ascending=[False, True]).iloc[0]
        title = (f"\u201c{top['reporting_verb']}\u201d is {possessive(top['speaker'])} most frequent reporting verb: "
                 f"{pct(top['share'])} of the statements attributed with a verb")
    set_title(fig, title)
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



def plot_pair_speaker_shares(shares: pd.DataFrame, *, title: str | None = None) -> Figure:
    """Who gets the words in each of two accounts of one event (output of ``views.pair_speaker_shares``).

    The bars are those of :func:`plot_speaker_shares`, one per account; the title gives each
    account's named principals and their shares ("Russia: Kremlin: Vladimir Putin 25%, Joe Biden 9%; ...").
    """
    if title is None:
        parts = []
        for document, rows in shares.groupby("document", sort=False):
            named = rows[rows["speaker"] != BOTH_SIDES].sort_values(["share", "speaker"], ascending=[False, True], kind="stable")
            who = ", ".join(f"{r.speaker} {pct(r.share)}" for r in named.itertuples()) or "no principal quoted"
            parts.append(f"{document}: {who}")
        title = "Who gets the words. " + "; ".join(parts)
    return plot_speaker_shares(shares, title=title)

"""Tests of analysis.plots.style: the house style, save_figure (byte-identical reruns, CSV of the plotted data), chart, colours."""

from __future__ import annotations

import csv

import matplotlib.pyplot as plt
import pandas as pd
from tests.plots.conftest import _counts

from analysis import plots


def test_style_sheet_loads_palette_and_stable_svg_ids() -> None:
    plots.use_style()
    assert plt.rcParams["svg.hashsalt"] == "readout-analysis"
    colours = [c["color"].upper().lstrip("#") for c in plt.rcParams["axes.prop_cycle"]]
    assert colours[:3] == ["0072B2", "D55E00", "009E73"]  # Okabe-Ito
    assert plt.rcParams["savefig.dpi"] == 200


def test_save_figure_writes_png_svg_csv_identically_twice(tmp_path) -> None:
    data = _counts()
    paths = {}
    for run in ("a", "b"):
        fig = plots.plot_document_counts(data, by="source")
        paths[run] = plots.save_figure(fig, "documents-by-source", data=data, folder=tmp_path / run, source="test corpus")
    for ext in ("png", "svg", "csv"):
        assert paths["a"][ext].exists()
        assert paths["a"][ext].read_bytes() == paths["b"][ext].read_bytes(), ext
    assert pd.read_csv(paths["a"]["csv"]).equals(data)
    svg = paths["a"]["svg"].read_text()
    assert "<dc:date>" not in svg
    assert b"Software" not in paths["a"]["png"].read_bytes()[:400]


def test_save_figure_adds_the_source_line_once(tmp_path) -> None:
    fig = plots.plot_document_counts(_counts(), by="source")
    plots.save_figure(fig, "x", data=_counts(), folder=tmp_path, source="White House readouts")
    plots.save_figure(fig, "x", data=_counts(), folder=tmp_path, source="White House readouts")
    lines = [t.get_text() for t in fig.texts if t.get_gid() == "readout-source-line"]
    assert lines == ["Source: White House readouts"]


def test_chart_returns_the_note_instead_of_drawing(tmp_path) -> None:
    out = plots.chart("nothing", plots.plot_document_counts, _counts(), by="source", folder=tmp_path, source="s",
                      note="More data would show a trend.")
    assert "More data" in str(getattr(out, "data", out))
    assert not list(tmp_path.iterdir())
    out = plots.chart("empty", plots.plot_document_counts, _counts().iloc[:0], by="source", folder=tmp_path, source="s")
    assert "No data" in str(getattr(out, "data", out))
    assert plots.chart("drawn", plots.plot_document_counts, _counts(), by="source", folder=tmp_path, source="s") is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drawn.csv", "drawn.json", "drawn.png", "drawn.svg"]


def test_colours_are_fixed_per_side_and_distinct() -> None:
    c = plots.colours_for(["China", "United States", "both sides", "Joe Biden", "Wang Yi"])
    assert c["China"] == "#D55E00" and c["United States"] == "#0072B2"
    assert len(set(c.values())) == 5


# --- exported CSVs are safe in a spreadsheet (OWASP CSV injection) -------------------------------------------

def test_formula_cells_are_neutralised_and_numbers_kept(tmp_path):
    data = pd.DataFrame({
        "title": ['=HYPERLINK("http://example.org","y")', "+1 (555) call", "@SUM(A1)", "\tTab", "-2.5", "plain"],
        "source": ["=cmd|' /C calc'!A0", "White House", "-x", "\rcr", "+3e2", "10%"],
        "value": [1.5, -2.0, 3.0, 4.0, 5.0, 6.0],
    })
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    paths = plots.save_figure(fig, "safe", data=data, folder=tmp_path, source="=evil")
    plt.close(fig)
    rows = list(csv.DictReader(paths["csv"].open(encoding="utf-8", newline="")))
    assert [r["title"] for r in rows] == ["'=HYPERLINK(\"http://example.org\",\"y\")", "'+1 (555) call", "'@SUM(A1)", "'\tTab",
                                          "-2.5", "plain"]
    assert [r["source"] for r in rows] == ["'=cmd|' /C calc'!A0", "White House", "'-x", "'\ncr", "+3e2", "10%"]
    assert [r["value"] for r in rows] == ["1.5", "-2", "3", "4", "5", "6"]
    assert all(not v.startswith(("=", "@")) for r in rows for v in r.values())


def test_spreadsheet_safe_leaves_other_values_alone():
    assert plots.spreadsheet_safe("=1+1") == "'=1+1"
    assert plots.spreadsheet_safe("-12") == "-12" and plots.spreadsheet_safe(-12) == -12
    assert plots.spreadsheet_safe(None) is None and plots.spreadsheet_safe("China") == "China"


def test_a_legend_of_long_labels_wraps_so_the_axes_keep_their_width(tmp_path) -> None:
    import io
    import warnings

    from analysis.plots import style

    assert style.legend_columns(["China", "United States"]) == 2
    assert style.legend_columns(["A", "B", "C", "D", "E"]) == 4
    long = [f"{name} (38,025 words)" for name in ("Jake Sullivan", "Joe Biden", "Kamala Harris", "both sides")]
    assert style.legend_columns(long) == 2
    plots.use_style()
    data = pd.DataFrame([(c, g, v) for c in ("booster", "directive", "red line") for g, v in zip(long, (6.5, 4.7, 2.8, 5.8))],
                        columns=["category", "speaker", "per_1000"])
    fig = style.grouped_barh(data, category="category", group="speaker", value="per_1000", xlabel="per 1,000 words")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "constrained_layout not applied" when the legend is wider than the figure
        fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
    assert fig.axes[0].get_window_extent().width > 0.5 * fig.get_window_extent().width
    plt.close(fig)

"""Charts: the house style, save_figure (byte-identical reruns, CSV of the plotted data), every plot function."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from analysis import plots, views  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def _counts():
    return pd.DataFrame({"source": ["White House", "PRC MFA"], "documents": [91, 1]})


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
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drawn.csv", "drawn.png", "drawn.svg"]


def test_titles_state_the_finding() -> None:
    fig = plots.plot_document_counts(_counts(), by="source")
    assert fig._suptitle.get_text().startswith("White House accounts for 91 of the 92 documents")


def test_colours_are_fixed_per_side_and_distinct() -> None:
    c = plots.colours_for(["China", "United States", "both sides", "Joe Biden", "Wang Yi"])
    assert c["China"] == "#D55E00" and c["United States"] == "#0072B2"
    assert len(set(c.values())) == 5


# --- every chart on the seed's real tables -------------------------------------------------------


def test_every_chart_draws_on_the_seed(seed_tables, tmp_path) -> None:
    from analysis import terms

    t = seed_tables
    tokens = views.tokens_with_groups(t)
    cases = [
        (plots.plot_document_counts, views.document_counts(t.documents, "kind"), {"by": "kind"}),
        (plots.plot_speaker_shares, views.speaker_shares(t), {}),
        (plots.plot_side_word_shares, views.side_word_shares(t), {}),
        (plots.plot_reporting_verbs, views.reporting_verbs(t), {}),
        (plots.plot_framing, views.framing_by_speaker(t), {}),
        (plots.plot_targets, views.targets(t), {}),
        (plots.plot_top_terms, terms.frequency(tokens, by="speaker", top=10), {"by": "speaker"}),
        (plots.plot_keyness, terms.keyness(tokens, by="speaker", target="Wang Yi", measure="lr"),
         {"target": "Wang Yi", "reference": "others"}),
        (plots.plot_term_scatter, terms.scatter_terms(tokens, by="speaker", a="Wang Yi"), {"a": "Wang Yi", "b": "others"}),
        (plots.plot_dispersion, views.dispersion_lanes(terms.dispersion(tokens, ["Taiwan", "one China"]), t.documents), {}),
        (plots.plot_topic_heatmap, views.topic_coverage(t, by="speaker"), {"by": "speaker"}),
        (plots.plot_topic_order, views.topic_order(t), {}),
        (plots.plot_marker_rates, views.marker_rates(t, by="speaker"), {"by": "speaker"}),
    ]
    for i, (plot, data, kwargs) in enumerate(cases):
        assert len(data), plot.__name__
        fig = plot(data, **kwargs)
        assert isinstance(fig, Figure), plot.__name__
        assert fig._suptitle is not None and fig._suptitle.get_text(), plot.__name__
        plots.save_figure(fig, f"chart-{i}", data=data, folder=tmp_path, source="seed")
        plt.close(fig)
    assert len(list(tmp_path.glob("*.png"))) == len(cases)


def test_over_time_charts_draw_on_hand_made_years() -> None:
    topics = pd.DataFrame({"year": [2021, 2021, 2022, 2022], "topic": ["taiwan", "trade_economy"] * 2,
                           "documents": [3, 1, 1, 4], "total": [4, 4, 5, 5], "share": [0.75, 0.25, 0.2, 0.9]})
    fig = plots.plot_topics_over_time(topics)
    assert "Trade economy rises from 25% of documents in 2021 to 90% in 2022" in fig._suptitle.get_text()
    tone = pd.DataFrame({"year": [2021, 2022, 2021, 2022], "side": ["China", "China", "United States", "United States"],
                         "sentences": [10, 10, 10, 10], "tone": [-0.5, 0.1, 0.2, 0.3]})
    assert "China's tone goes from -0.50 in 2021 to +0.10 in 2022" in plots.plot_tone_over_time(tone)._suptitle.get_text()
    rates = pd.DataFrame({"year": [2021, 2022], "category": ["directive", "directive"], "markers": [1, 5],
                          "tokens": [1000, 1000], "per_1000": [1.0, 5.0]})
    assert "2022" in plots.plot_marker_rates_over_time(rates)._suptitle.get_text()
    ranks = pd.DataFrame({"topic": ["taiwan", "trade_economy", "taiwan", "trade_economy"],
                          "account": ["MFA", "MFA", "White House", "White House"], "rank": [1, None, 2, 1]})
    assert "MFA" in plots.plot_presence_matrix(ranks)._suptitle.get_text()


def test_seed_notes_say_what_more_data_would_show(seed_tables) -> None:
    assert "one year" in views.more_data_note(seed_tables, "years")
    assert "one side" in views.more_data_note(seed_tables, "sides")
    assert views.more_data_note(seed_tables, "speakers") is None
    assert views.corpus_label(seed_tables.documents) == "1 document: PRC MFA (1), 2021"

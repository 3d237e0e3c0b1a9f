"""Every chart function at once: all of them on the seed's real tables, the over-time charts on hand-made years.

These two tests draw charts of several modules of analysis.plots (corpus, speakers,
terms, topics, rhetoric, comparing) in one loop or one test, so they are kept together here.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from analysis import plots, views

# --- every chart on the seed's real tables -------------------------------------------------------


def test_every_chart_draws_on_the_seed(seed_tables, tmp_path) -> None:
    from analysis import stats as terms

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

"""Tests of analysis.plots.corpus: the document-count chart's title states the finding."""

from __future__ import annotations

from tests.plots.conftest import _counts

from analysis import plots


def test_titles_state_the_finding() -> None:
    fig = plots.plot_document_counts(_counts(), by="source")
    assert fig._suptitle.get_text().startswith("White House accounts for 91 of the 92 documents")

"""Tests of analysis.views._common: the notes saying what more data would show, the corpus label."""

from __future__ import annotations

from analysis import views


def test_seed_notes_say_what_more_data_would_show(seed_tables) -> None:
    assert "one year" in views.more_data_note(seed_tables, "years")
    assert "one side" in views.more_data_note(seed_tables, "sides")
    assert views.more_data_note(seed_tables, "speakers") is None
    assert views.corpus_label(seed_tables.documents) == "1 document: PRC MFA (1), 2021"

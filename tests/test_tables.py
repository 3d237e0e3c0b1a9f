"""Tests of analysis.tables: loading the built tables."""

from __future__ import annotations

import pytest

from analysis import load_tables


def test_load_tables_explains_a_missing_build(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="analysis build"):
        load_tables(tmp_path)


def test_sentences_schema_keeps_the_contract_and_ends_with_other_speaker() -> None:
    from analysis.tables import SCHEMAS

    names = SCHEMAS["sentences"].names
    required = ["doc_id", "sent_id", "para_id", "start", "end", "text", "speaker", "speaker_side", "attribution",
                "reporting_verb", "n_tokens"]
    assert names[:len(required)] == required  # DESIGN's columns, in their order
    assert names[-1] == "other_speaker" and str(SCHEMAS["sentences"].field("other_speaker").type) == "string"
    assert SCHEMAS["sentences"].field("other_speaker").nullable

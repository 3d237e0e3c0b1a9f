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


def test_words_get_dictionaries_and_offsets_delta_encoding(seed_tables, tmp_path) -> None:
    """Offsets and ids are delta-encoded, not given a dictionary of nearly distinct numbers; words, labels and
    names keep their dictionaries, and the document text has none (see PLAIN_COLUMNS). Reading gives back the table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from analysis.tables import SCHEMAS, StreamingWriter, dictionary_columns

    assert dictionary_columns("tokens") == ["doc_id", "text", "norm"]
    assert "text" not in dictionary_columns("documents") and "participants.list.element" in dictionary_columns("documents")
    writer = StreamingWriter("tokens", tmp_path / "tokens.parquet")
    frame = seed_tables.tokens
    writer.write(pa.Table.from_pandas(frame, schema=SCHEMAS["tokens"], preserve_index=False))
    meta = pq.ParquetFile(writer.close()).metadata.row_group(0)
    columns = {meta.column(i).path_in_schema: meta.column(i) for i in range(meta.num_columns)}
    assert not columns["start"].has_dictionary_page and columns["norm"].has_dictionary_page
    assert "DELTA_BINARY_PACKED" in columns["start"].encodings and "DELTA_BINARY_PACKED" in columns["token_id"].encodings
    assert pq.read_table(tmp_path / "tokens.parquet").to_pandas().equals(frame)

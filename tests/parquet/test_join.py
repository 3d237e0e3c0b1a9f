"""Tests of analysis.parquet._join: files encoded apart, joined into one, byte for byte as one writer writes it."""

from __future__ import annotations

import io

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.parquet import join_parts
from analysis.tables import SCHEMAS, StreamingWriter, encode_table

_words = st.text(alphabet="ab é\u2019", max_size=5)
_rows = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2**31 - 1), _words, st.booleans(),
                           st.one_of(st.none(), st.lists(_words, max_size=3))), max_size=30)


def _table(rows) -> pa.Table:
    schema = SCHEMAS["markers"]  # strings, ints, a boolean and nulls
    columns = {
        "doc_id": [f"d{r[0]}" for r in rows], "sent_id": [r[0] for r in rows], "category": [r[2] for r in rows],
        "marker": [r[2] for r in rows], "text": [r[2] * 2 for r in rows], "start": [r[1] for r in rows],
        "end": [r[1] for r in rows], "target": [None if r[4] is None else "x" for r in rows], "negated": [r[3] for r in rows],
    }
    return pa.table({n: pa.array(columns[n], type=schema.field(n).type) for n in schema.names}, schema=schema)


def _one_writer(name: str, tables: list[pa.Table], path) -> bytes:
    """The reference: pyarrow's own writer, one write_table per batch, with the build's options."""
    from analysis.tables import PLAIN_COLUMNS, parquet_options

    plain = PLAIN_COLUMNS.get(name, ())
    stats = [f.name for f in SCHEMAS[name] if f.name not in plain] if plain else True
    with pq.ParquetWriter(path, SCHEMAS[name], write_statistics=stats, **parquet_options(name)) as writer:
        for t in tables:
            if t.num_rows:
                writer.write_table(t, row_group_size=1_000_000)
    return path.read_bytes()


@settings(max_examples=60, deadline=None)
@given(st.lists(_rows, max_size=5))
def test_joined_parts_are_the_file_one_writer_writes(tmp_path_factory, batches):
    tables = [_table(rows) for rows in batches]
    path = tmp_path_factory.mktemp("one") / "markers.parquet"
    expected = _one_writer("markers", tables, path)
    joined = join_parts([encode_table("markers", t) for t in tables], empty=encode_table("markers", SCHEMAS["markers"].empty_table()))
    assert joined == expected
    assert pq.read_table(io.BytesIO(joined)).equals(pa.concat_tables([SCHEMAS["markers"].empty_table(), *tables]))


def test_streaming_writer_takes_tables_and_encoded_batches_alike(seed_tables, tmp_path):
    """A build's file: batches encoded by workers and batches encoded here give one file, as one writer would."""
    frame = seed_tables.sentences
    table = pa.Table.from_pandas(frame, schema=SCHEMAS["sentences"], preserve_index=False)
    halves = [table.slice(0, 7), table.slice(7)]
    writer = StreamingWriter("sentences", tmp_path / "sentences.parquet")
    writer.write(encode_table("sentences", halves[0]))
    writer.write(halves[1])
    path = writer.close()
    assert path.read_bytes() == _one_writer("sentences", halves, tmp_path / "reference.parquet")
    assert pq.ParquetFile(path).metadata.num_row_groups == 2
    assert pq.read_table(path).to_pandas().equals(frame)


@pytest.mark.parametrize("data", [b"", b"PAR1", b"PAR1" + b"\x00" * 10 + b"PAR1", b"PAR1\x15\x00\x00\x00\x00\x00\x00\x00PAR1",
                                  b"PAR1\x01\x02" + (100).to_bytes(4, "little") + b"PAR1"])
def test_a_broken_part_is_refused_plainly(data):
    with pytest.raises((ValueError, IndexError)):
        join_parts([data], empty=encode_table("topics", SCHEMAS["topics"].empty_table()))

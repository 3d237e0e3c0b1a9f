"""Tests of analysis.parquet._thrift: the Thrift compact protocol read and written back byte for byte."""

from __future__ import annotations

import pyarrow as pa

from analysis.parquet import Struct, footer, read_struct, write_struct
from analysis.tables import SCHEMAS, encode_table


def test_every_footer_reads_and_writes_back_byte_for_byte(seed_tables):
    for name in ("documents", "sentences", "tokens", "topics", "markers"):
        frame = getattr(seed_tables, name)
        data = encode_table(name, pa.Table.from_pandas(frame, schema=SCHEMAS[name], preserve_index=False))
        meta, start = footer(data)
        assert write_struct(meta) == data[start:-8]
        assert meta.get(3) == len(frame)  # FileMetaData.num_rows


def test_thrift_long_forms_round_trip():
    """Field ids that jump by more than 15, negative ones, lists of 15 or more, maps, booleans, doubles."""
    inner = Struct([[1, 1, True], [2, 2, False], [40, 6, -(2**40)], [-3, 5, 7]])
    struct = Struct([[1, 8, b"x" * 200], [2, 9, (5, list(range(-20, 20)))], [3, 12, inner], [20, 11, (8, 5, [(b"k", 1), (b"l", -1)])],
                     [21, 7, b"\x00" * 8], [22, 9, (1, [1, 2, 1])], [23, 11, (0, 0, [])], [24, 3, 255]])
    data = write_struct(struct)
    back, end = read_struct(data)
    assert end == len(data) and back == struct and write_struct(back) == data

"""One Parquet file from parts encoded apart: the workers encode, the main process only joins.

A Parquet file is ``PAR1``, its column chunks, then its footer (the
``FileMetaData``), the footer's length and ``PAR1`` again. Each row group's
chunks stand alone (their dictionaries and statistics are their own), so the
chunks of several files written with one schema and the same options can be
copied one after another into a single file, whose footer lists every part's
row groups with their byte offsets moved by where the part's chunks now start
(and their ordinals renumbered). The result is byte for byte the file one
writer would have written from the same tables, one ``write_table`` each
(tests/parquet/test_join.py checks this against ``pyarrow.parquet.ParquetWriter``).
"""

from __future__ import annotations

import io
from typing import BinaryIO

from analysis.parquet._thrift import I64, STRUCT, Struct, read_struct, write_struct

__all__ = ["PartJoiner", "footer", "join_parts"]

MAGIC = b"PAR1"

# Thrift field ids of parquet.thrift
_FILE_NUM_ROWS, _FILE_ROW_GROUPS = 3, 4
_RG_COLUMNS, _RG_FILE_OFFSET, _RG_ORDINAL = 1, 5, 7
_CC_FILE_OFFSET, _CC_META, _CC_OFFSET_INDEX, _CC_COLUMN_INDEX = 2, 3, 4, 6
_CMD_OFFSETS = (9, 10, 11, 14)  # data page, index page, dictionary page, bloom filter


def footer(part: bytes) -> tuple[Struct, int]:
    """The ``FileMetaData`` of a whole Parquet file held in memory, and the byte where it starts.

    Raises
    ------
    ValueError
        When ``part`` is not a whole Parquet file (no ``PAR1`` at both ends, or a footer that does not fit).
    """
    if len(part) < 12 or part[:4] != MAGIC or part[-4:] != MAGIC:
        raise ValueError("not a Parquet file: PAR1 is missing at its start or end")
    length = int.from_bytes(part[-8:-4], "little")
    start = len(part) - 8 - length
    if start < 4:
        raise ValueError("not a Parquet file: its footer length runs past its start")
    meta, end = read_struct(part, start)
    if end != len(part) - 8:
        raise ValueError("not a Parquet file: its footer ends before its length field")
    return meta, start


def _shift(struct: Struct, fids: tuple[int, ...], by: int) -> None:
    for f in struct.fields:
        if f[0] in fids and f[1] == I64 and f[2] > 0:  # 0 means "not written" (file_offset is deprecated as 0)
            f[2] += by


class PartJoiner:
    """Append whole Parquet files (same schema, same writer options) as row groups of one file.

    Parameters
    ----------
    sink : binary file
        Written sequentially: ``PAR1``, then each part's chunks as it comes, then the footer on :meth:`close`.
    empty : bytes
        The file of an empty table of the schema, whose footer is used when no part has rows.
    """

    def __init__(self, sink: BinaryIO, *, empty: bytes):
        self.sink = sink
        self.empty = empty
        self.position = len(MAGIC)
        self.row_groups: list[Struct] = []
        self.num_rows = 0
        self.template: Struct | None = None
        sink.write(MAGIC)

    def append(self, part: bytes) -> None:
        """Copy the chunks of ``part`` and keep its row groups, their offsets moved to where the chunks now are."""
        meta, start = footer(part)
        by = self.position - len(MAGIC)
        self.sink.write(memoryview(part)[len(MAGIC):start])
        self.position += start - len(MAGIC)
        for group in meta.get(_FILE_ROW_GROUPS, (STRUCT, []))[1]:
            _shift(group, (_RG_FILE_OFFSET,), by)
            for chunk in group.get(_RG_COLUMNS)[1]:
                _shift(chunk, (_CC_FILE_OFFSET, _CC_OFFSET_INDEX, _CC_COLUMN_INDEX), by)
                column_meta = chunk.get(_CC_META)
                if column_meta is not None:
                    _shift(column_meta, _CMD_OFFSETS, by)
            if group.get(_RG_ORDINAL) is not None:
                group.set(_RG_ORDINAL, len(self.row_groups))
            self.row_groups.append(group)
        self.num_rows += meta.get(_FILE_NUM_ROWS, 0)
        if self.template is None and self.row_groups:
            self.template = meta

    def close(self) -> None:
        """Write the joined footer, its length and the closing ``PAR1``."""
        meta = self.template or footer(self.empty)[0]
        meta.set(_FILE_NUM_ROWS, self.num_rows)
        meta.set(_FILE_ROW_GROUPS, (STRUCT, self.row_groups))
        data = write_struct(meta)
        self.sink.write(data)
        self.sink.write(len(data).to_bytes(4, "little"))
        self.sink.write(MAGIC)


def join_parts(parts: list[bytes], *, empty: bytes) -> bytes:
    """The one file of ``parts`` joined (see :class:`PartJoiner`), in memory."""
    out = io.BytesIO()
    joiner = PartJoiner(out, empty=empty)
    for part in parts:
        joiner.append(part)
    joiner.close()
    return out.getvalue()


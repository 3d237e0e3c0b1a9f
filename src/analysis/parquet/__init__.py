"""Parquet files joined without re-encoding: the build's workers encode their batches, the main process joins them.

- :class:`PartJoiner`, :func:`join_parts`: whole Parquet files (one schema, one set of writer
  options) appended as the row groups of one file, byte for byte the file one writer makes.
- :func:`footer`: a file's ``FileMetaData``, read generically.
- :class:`Struct`, :func:`read_struct`, :func:`write_struct`: the Thrift compact protocol
  the footer is written in, read and written without a schema.
"""

from analysis.parquet._join import PartJoiner, footer, join_parts
from analysis.parquet._thrift import Struct, read_struct, write_struct

__all__ = ["PartJoiner", "Struct", "footer", "join_parts", "read_struct", "write_struct"]

"""Reading and writing the built tables (Parquet; CSV on export).

This is the only module that writes tables to disk. Writes are atomic (a
temporary file in the same folder, then a rename) and deterministic (sorted
rows, fixed schemas, no timestamps), so building twice gives identical bytes.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import config
from analysis.schema import SCHEMAS, TABLE_NAMES


@dataclass
class Tables:
    """The built tables of a corpus, one attribute per table.

    Get them with ``analysis.load_tables(folder)`` for a built corpus, or
    ``analysis.build_tables(inputs)`` to build in memory.
    """

    documents: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    speakers: pd.DataFrame
    topics: pd.DataFrame
    markers: pd.DataFrame
    rejections: pd.DataFrame

    def __iter__(self):
        return ((f.name, getattr(self, f.name)) for f in fields(self))


def empty_table(name: str) -> pd.DataFrame:
    """An empty DataFrame with the columns and dtypes of table ``name``."""
    return SCHEMAS[name].empty_table().to_pandas()


def to_arrow(name: str, frame: pd.DataFrame) -> pa.Table:
    """Convert ``frame`` to the fixed Arrow schema of table ``name`` (extra columns kept after)."""
    schema = SCHEMAS[name]
    extra = [c for c in frame.columns if c not in schema.names]
    table = pa.Table.from_pandas(frame[list(schema.names)], schema=schema, preserve_index=False)
    for col in extra:
        table = table.append_column(col, pa.array(frame[col].tolist()))
    return table.replace_schema_metadata(None)


def _atomic_path(path: Path) -> Path:
    """A temporary file beside ``path`` (same filesystem, so the final rename is atomic)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.fchmod(fd, 0o644)
    os.close(fd)
    return Path(tmp)


def write_table(table: pa.Table, path: Path) -> Path:
    """Write one Arrow table as Parquet atomically; return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _atomic_path(path)
    try:
        pq.write_table(table, tmp, compression="zstd", row_group_size=1_000_000)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


class StreamingWriter:
    """Write one table as Parquet batch by batch, atomically on :meth:`close`.

    Used by the build so that no more than one batch of rows is held in memory.
    """

    def __init__(self, name: str, path: Path):
        self.name = name
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = _atomic_path(path)
        self._writer = pq.ParquetWriter(self._tmp, SCHEMAS[name], compression="zstd")

    def write(self, batch: pa.Table) -> None:
        if batch.num_rows:
            self._writer.write_table(batch.cast(SCHEMAS[self.name]), row_group_size=1_000_000)

    def close(self) -> Path:
        self._writer.close()
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        try:
            self._writer.close()
        finally:
            self._tmp.unlink(missing_ok=True)


def load_tables(folder: str | os.PathLike | None = None, *, tables: tuple[str, ...] = TABLE_NAMES) -> Tables:
    """Load the tables written by ``python -m analysis build``.

    Parameters
    ----------
    folder : path, optional
        The build's output folder; default ``config.DATA_PROCESSED``.
    tables : tuple of str, optional
        Names of the tables to read; the others come back empty (useful to skip
        the large ``tokens`` table).

    Returns
    -------
    Tables
        One attribute per table (``tables.documents``, ``tables.sentences``, ...).

    Raises
    ------
    FileNotFoundError
        If the folder holds no ``documents.parquet`` (the corpus was not built).
    """
    folder = Path(folder) if folder is not None else config.DATA_PROCESSED
    if not (folder / "documents.parquet").exists():
        raise FileNotFoundError(
            f"No built tables in {folder}: run `python -m analysis build` (or `make run`) first."
        )
    frames = {}
    for name in TABLE_NAMES:
        path = folder / f"{name}.parquet"
        if name in tables and path.exists():
            frames[name] = pq.read_table(path).to_pandas()
        else:
            frames[name] = empty_table(name)
    return Tables(**frames)


def export_csv(tables: Tables, folder: str | os.PathLike) -> list[Path]:
    """Write every table as CSV into ``folder`` (lists joined with ``; ``); return the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables:
        frame = frame.copy()
        for col in frame.columns:
            if frame[col].map(lambda v: isinstance(v, (list, tuple))).any():
                frame[col] = frame[col].map(lambda v: "; ".join(v) if isinstance(v, (list, tuple)) else v)
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    return written

"""The tables: their fixed Arrow schemas (the DESIGN.md contract), and reading and writing them.

Parquet on disk, CSV on export. This is the only module that writes tables to disk. Writes are atomic (a
temporary file in the same folder, then a rename) and deterministic (sorted
rows, fixed schemas, no timestamps), so building twice gives identical bytes.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis import config
from analysis.parquet import PartJoiner

# --- schemas ----------------------------------------------------------------------------------

_str = pa.string()
_i32 = pa.int32()
_i64 = pa.int64()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", _str),
            ("path", _str),
            ("source", _str),
            ("side", _str),
            ("kind", _str),
            ("title", _str),
            ("date", pa.date32()),
            ("event_date", pa.date32()),
            ("event_type", _str),
            ("location", _str),
            ("participants", pa.list_(_str)),
            ("participant_sides", pa.list_(_str)),
            ("warnings", pa.list_(_str)),
            ("n_paragraphs", _i32),
            ("n_sentences", _i32),
            ("n_tokens", _i32),
            ("sha256", _str),
            ("format", _str),
            ("url", _str),
            ("text", pa.large_string()),
        ]
    ),
    "sentences": pa.schema(
        [
            ("doc_id", _str),
            ("sent_id", _i32),
            ("para_id", _i32),
            ("start", _i32),
            ("end", _i32),
            ("text", _str),
            ("speaker", _str),
            ("speaker_side", _str),
            ("attribution", _str),
            ("reporting_verb", _str),
            ("n_tokens", _i32),
            ("other_speaker", _str),
        ]
    ),
    "tokens": pa.schema(
        [
            ("doc_id", pa.dictionary(_i32, _str)),
            ("sent_id", _i32),
            ("token_id", _i32),
            ("start", _i32),
            ("end", _i32),
            ("text", _str),
            ("norm", _str),
            ("is_stop", pa.bool_()),
        ]
    ),
    "speakers": pa.schema(
        [
            ("doc_id", _str),
            ("speaker", _str),
            ("side", _str),
            ("n_sentences", _i32),
            ("n_tokens", _i32),
            ("share", pa.float64()),
            ("first_sent_id", _i32),
        ]
    ),
    "topics": pa.schema(
        [
            ("doc_id", _str),
            ("sent_id", _i32),
            ("topic", _str),
            ("term", _str),
            ("start", _i32),
            ("end", _i32),
        ]
    ),
    "markers": pa.schema(
        [
            ("doc_id", _str),
            ("sent_id", _i32),
            ("category", _str),
            ("marker", _str),
            ("text", _str),
            ("start", _i32),
            ("end", _i32),
            ("target", _str),
            ("negated", pa.bool_()),
        ]
    ),
    "rejections": pa.schema([("path", _str), ("reason", _str), ("duplicate_of", _str)]),
}

TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)

# --- reading and writing -------------------------------------------------------------------------


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
        pq.write_table(table, tmp, row_group_size=1_000_000, **parquet_options(path.name.removesuffix(".parquet")))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


_STAGING = re.compile(r"^\.(?P<name>.+)\.(?P<kind>build|old)-(?P<pid>\d+)-\w+$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where unsupported."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


class BuildFolder:
    """The output folder of one build: its tables appear all at once, or not at all.

    The tables are written into a fresh staging folder beside ``out``
    (``.<name>.build-<pid>-<random>``, same filesystem); :meth:`commit` swaps it
    with ``out`` in one atomic rename (``renameat2`` with ``RENAME_EXCHANGE``;
    where the system lacks it, two renames, repaired by the next build if a kill
    falls between them) and removes the previous tables. Files in ``out`` that
    are not tables (``.gitkeep``, a user's notes) are carried over. A failed or
    killed build leaves ``out`` exactly as it was; the staging folders of dead
    builds are removed when the next build starts.
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.recover()
        self.path = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.build-{os.getpid()}-", dir=self.out.parent))
        os.chmod(self.path, 0o755)

    def recover(self) -> list[Path]:
        """Remove the staging folders of dead builds (and put back tables a kill left aside); return what was removed."""
        removed = []
        for entry in sorted(self.out.parent.iterdir()):
            m = _STAGING.match(entry.name)
            if not m or m.group("name") != self.out.name or _alive(int(m.group("pid"))):
                continue
            if m.group("kind") == "old" and not self.out.exists():
                entry.rename(self.out)  # killed between the two renames of the fallback: the old tables come back
                continue
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
        return removed

    def commit(self) -> Path:
        """Put the new tables in place of the old ones, in one step."""
        if self.out.exists():
            if not self.out.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "the output path is a file, not a folder", str(self.out))
            for item in self.out.iterdir():
                if not item.name.endswith(".parquet") and item.is_file() and not (self.path / item.name).exists():
                    shutil.copy2(item, self.path / item.name)
            if _exchange(self.path, self.out):
                shutil.rmtree(self.path, ignore_errors=True)
                return self.out
            old = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.old-{os.getpid()}-", dir=self.out.parent))
            old.rmdir()
            os.rename(self.out, old)
            os.rename(self.path, self.out)
            shutil.rmtree(old, ignore_errors=True)
            return self.out
        os.rename(self.path, self.out)
        return self.out

    def abort(self) -> None:
        """Drop the staging folder; ``out`` stays as it was."""
        shutil.rmtree(self.path, ignore_errors=True)


#: Columns written without a dictionary or statistics: one long text per row, for which both only cost memory
#: (a 50 MB document's text would be copied four times over while it is written).
PLAIN_COLUMNS: dict[str, tuple[str, ...]] = {"documents": ("text",)}


def _leaf_paths(schema: pa.Schema, *, skip: tuple[str, ...] = ()) -> list[str]:
    """Parquet column paths of ``schema``'s fields (``name.list.element`` for lists), minus ``skip``."""
    return [f"{f.name}.list.element" if pa.types.is_list(f.type) else f.name for f in schema if f.name not in skip]


def dictionary_columns(name: str) -> list[str]:
    """The columns of table ``name`` that Parquet dictionary-encodes: text-valued ones.

    Offsets, counts and ids are nearly all distinct within a row group, so a
    dictionary for them is built only to be thrown away (the tokens table was
    written 20% slower and 10% larger with one); names, labels and words repeat.
    """
    def texty(t: pa.DataType) -> bool:
        return pa.types.is_string(t) or pa.types.is_dictionary(t) or (pa.types.is_list(t) and texty(t.value_type))

    schema = SCHEMAS[name]
    keep = pa.schema([f for f in schema if texty(f.type)])
    return _leaf_paths(keep, skip=PLAIN_COLUMNS.get(name, ()))


def integer_encodings(name: str) -> dict[str, str]:
    """Parquet encodings of table ``name``'s integer columns: ``DELTA_BINARY_PACKED``.

    Offsets and ids rise through a document, so their differences are small: the
    tokens table's ``start``, ``end``, ``token_id`` and ``sent_id`` take a fraction
    of the bytes they take plain, and are written a little faster (every Parquet
    reader decodes this standard encoding).
    """
    return {f.name: "DELTA_BINARY_PACKED" for f in SCHEMAS[name] if pa.types.is_integer(f.type)}


def parquet_options(name: str) -> dict:
    """Writer options of table ``name`` (see :func:`dictionary_columns`, :func:`integer_encodings`)."""
    if name not in SCHEMAS:
        return {"compression": "zstd"}
    return {"compression": "zstd", "use_dictionary": dictionary_columns(name), "column_encoding": integer_encodings(name) or None}


def _writer(sink, name: str) -> pq.ParquetWriter:
    plain = PLAIN_COLUMNS.get(name, ())
    statistics = _leaf_paths(SCHEMAS[name], skip=plain) if plain else True
    return pq.ParquetWriter(sink, SCHEMAS[name], write_statistics=statistics, **parquet_options(name))


def encode_table(name: str, table: pa.Table) -> bytes:
    """One batch of table ``name`` as a whole Parquet file in memory (what a build worker returns).

    :class:`StreamingWriter` joins such files into the table's one file, byte for
    byte as if it had written each batch itself.
    """
    sink = pa.BufferOutputStream()
    with _writer(sink, name) as writer:
        if table.num_rows:
            writer.write_table(table.cast(SCHEMAS[name]), row_group_size=1_000_000)
    return sink.getvalue().to_pybytes()


def decode_table(data: bytes) -> pa.Table:
    """The table of a file made by :func:`encode_table`."""
    return pq.read_table(pa.BufferReader(data))


class StreamingWriter:
    """Write one table as Parquet batch by batch, atomically on :meth:`close`.

    Each batch comes either as an Arrow table, encoded here, or already encoded
    by a worker (:func:`encode_table`); the file's row groups are the batches'
    (see :mod:`analysis.parquet`), so the main process of a build only
    copies bytes. No more than one batch of rows is held in memory.
    """

    def __init__(self, name: str, path: Path):
        self.name = name
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = _atomic_path(path)
        self._file = open(self._tmp, "wb")  # noqa: SIM115 - closed in close() or abort()
        self._joiner = PartJoiner(self._file, empty=encode_table(name, SCHEMAS[name].empty_table()))

    def write(self, batch: pa.Table | bytes) -> None:
        """Append a batch: an Arrow table, or the bytes of :func:`encode_table` for this table."""
        if isinstance(batch, bytes):
            self._joiner.append(batch)
        elif batch.num_rows:
            self._joiner.append(encode_table(self.name, batch))

    def close(self) -> Path:
        self._joiner.close()
        self._file.close()
        os.replace(self._tmp, self.path)
        return self.path

    def abort(self) -> None:
        try:
            self._file.close()
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

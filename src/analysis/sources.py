"""Walk the inputs: files, folders (recursively) and archives read in place.

Yields :class:`RawInput` items (a display path, the bytes, the folder's
sidecar metadata) in a deterministic order, or :class:`RawRejection` items for
what cannot even be opened (a corrupt archive or member). Archives
(.zip, .tar, .tar.gz, .tgz, .tar.xz, .tar.bz2) are streamed member by member
and never unpacked to disk. This module and :mod:`analysis.tables_io` are the
only ones that touch files.
"""

from __future__ import annotations

import csv
import fnmatch
import gzip
import lzma
import zlib
import os
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SIDECAR_NAME = "sources.csv"
#: What a damaged archive or member raises while being read.
ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, ValueError, zlib.error, lzma.LZMAError, gzip.BadGzipFile)
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2")
#: Files that document a folder rather than being documents; recorded as rejections with this reason.
NOT_DOCUMENTS = {
    "readme.md": "folder documentation (README), not a document",
    "source.md": "corpus documentation (SOURCE.md), not a document",
    "license": "licence file, not a document",
    "license.md": "licence file, not a document",
    "license.txt": "licence file, not a document",
    SIDECAR_NAME: "sidecar metadata (sources.csv), read as metadata for the other files",
    "speakers_by_session.xlsx": "UN General Debate speaker list, read as metadata for the speeches",
    ".gitkeep": "placeholder file, not a document",
}
#: Metadata columns a sidecar may set for the files it names.
SIDECAR_FIELDS = ("source", "side", "kind", "title", "date", "event_type", "location", "participants")


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input document's bytes before decoding."""

    path: str
    data: bytes
    sidecar: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RawRejection:
    """An input that could not be opened, with the reason."""

    path: str
    reason: str


def is_archive(path: Path | str) -> bool:
    """True when ``path`` names an archive format read in place."""
    return str(path).lower().endswith(ARCHIVE_SUFFIXES)


def read_sidecar(folder: Path) -> list[tuple[str, dict[str, str]]]:
    """Read ``folder/sources.csv``: rows of (file name or glob pattern, metadata)."""
    path = folder / SIDECAR_NAME
    if not path.is_file():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = []
        for row in csv.DictReader(handle):
            pattern = (row.get("path") or row.get("file") or "").strip()
            meta = {k: v.strip() for k, v in row.items() if k in SIDECAR_FIELDS and v and v.strip()}
            if pattern and meta:
                rows.append((pattern, meta))
    return rows


def _sidecar_for(rel: str, rules: list[tuple[str, dict[str, str]]]) -> dict[str, str]:
    meta: dict[str, str] = {}
    for pattern, values in rules:
        if rel == pattern or fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(Path(rel).name, pattern):
            meta.update(values)
    return meta


def list_files(root: Path) -> list[Path]:
    """Every file under ``root`` (or ``root`` itself), sorted, hidden and macOS ``._`` files skipped."""
    if root.is_file():
        return [root]
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(dirpath) / f for f in filenames if not f.startswith("._") and f not in {".DS_Store"})
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def iter_inputs(inputs: list[Path]) -> Iterator[RawInput | RawRejection]:
    """Yield every input document's bytes, or a rejection, in a deterministic order.

    Paths are shown relative to the input folder given (``statements-releases/...md``),
    archive members as ``archive.tar.xz/member``.
    """
    for root in inputs:
        root = Path(root)
        if not root.exists():
            yield RawRejection(str(root), "input path does not exist")
            continue
        base = root if root.is_dir() else root.parent
        rules_cache: dict[Path, list[tuple[str, dict[str, str]]]] = {}
        for path in list_files(root):
            rel = path.relative_to(base).as_posix()
            reason = NOT_DOCUMENTS.get(path.name.lower())
            if reason:
                yield RawRejection(rel, reason)
                continue
            folder = path.parent
            if folder not in rules_cache:
                rules_cache[folder] = read_sidecar(folder)
            sidecar = _sidecar_for(path.name, rules_cache[folder])
            if is_archive(path):
                yield from iter_archive(path, rel, sidecar=sidecar)
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:
                yield RawRejection(rel, f"cannot be read: {exc.strerror or exc}")
                continue
            yield RawInput(rel, data, sidecar)


def iter_archive(path: Path, rel: str, *, sidecar: dict[str, str] | None = None) -> Iterator[RawInput | RawRejection]:
    """Yield the members of a zip or tar archive without unpacking it to disk."""
    sidecar = sidecar or {}
    try:
        if path.name.lower().endswith(".zip"):
            yield from _iter_zip(path, rel, sidecar)
        else:
            yield from _iter_tar(path, rel, sidecar)
    except ARCHIVE_ERRORS as exc:
        yield RawRejection(rel, f"corrupt or unreadable archive: {exc}")


def _member_rejection(name: str) -> str | None:
    base = name.rsplit("/", 1)[-1]
    if base.startswith("._") or base.startswith(".") or "__MACOSX/" in name:
        return "hidden or macOS metadata file inside an archive, not a document"
    return NOT_DOCUMENTS.get(base.lower())


def _iter_zip(path: Path, rel: str, sidecar: dict[str, str]) -> Iterator[RawInput | RawRejection]:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            member = f"{rel}/{info.filename}"
            reason = _member_rejection(info.filename)
            if reason:
                yield RawRejection(member, reason)
                continue
            try:
                data = archive.read(info)
            except ARCHIVE_ERRORS as exc:
                yield RawRejection(member, f"corrupt archive member: {exc}")
                continue
            yield RawInput(member, data, sidecar)


def _iter_tar(path: Path, rel: str, sidecar: dict[str, str]) -> Iterator[RawInput | RawRejection]:
    # Stream mode ("r|*") reads members in archive order without seeking; we keep that order,
    # which is the archive's own and so deterministic.
    with tarfile.open(path, mode="r|*") as archive:
        while True:
            try:
                info = archive.next()
            except ARCHIVE_ERRORS as exc:
                yield RawRejection(f"{rel}", f"corrupt archive after some members were read: {exc}")
                return
            if info is None:
                return
            if not info.isfile():
                continue
            member = f"{rel}/{info.name}"
            reason = _member_rejection(info.name)
            if reason:
                yield RawRejection(member, reason)
                continue
            try:
                handle = archive.extractfile(info)
                data = handle.read() if handle else b""
            except ARCHIVE_ERRORS as exc:
                yield RawRejection(member, f"corrupt archive member: {exc}")
                return
            yield RawInput(member, data, sidecar)


def read_speaker_list(path: Path) -> dict[tuple[str, int], dict[str, str]]:
    """Read the UN General Debate ``Speakers_by_session.xlsx``: (ISO3, year) -> name and post."""
    import pandas as pd

    frame = pd.read_excel(path)
    out: dict[tuple[str, int], dict[str, str]] = {}
    for row in frame.itertuples(index=False):
        iso, year, name, post = row[2], row[0], row[4], row[5]
        if isinstance(iso, str) and isinstance(name, str):
            out[(iso.strip(), int(year))] = {"speaker_name": name.strip(), "speaker_post": post.strip() if isinstance(post, str) else ""}
    return out


def find_speaker_lists(inputs: list[Path]) -> dict[tuple[str, int], dict[str, str]]:
    """Merge every ``Speakers_by_session.xlsx`` found directly in or under the input folders."""
    merged: dict[tuple[str, int], dict[str, str]] = {}
    for root in inputs:
        root = Path(root)
        folder = root if root.is_dir() else root.parent
        for path in sorted(folder.glob("**/Speakers_by_session.xlsx")):
            try:
                merged.update(read_speaker_list(path))
            except Exception:  # a broken list only loses speaker names; the speeches still read
                continue
    return merged


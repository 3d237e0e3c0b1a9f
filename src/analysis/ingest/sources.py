"""Walk the inputs: files, folders (recursively) and archives read in place.

Yields :class:`RawInput` items (a display path, the bytes, the folder's
sidecar metadata) in a deterministic order, or :class:`RawRejection` items for
what cannot even be opened (a corrupt archive or member). Archives
(.zip, .tar, .tar.gz, .tgz, .tar.xz, .tar.bz2) are streamed member by member
and never unpacked to disk. This module and :mod:`analysis.tables` are the
only ones that touch files.
"""

from __future__ import annotations

import csv
import fnmatch
import gzip
import io
import lzma
import os
import stat
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from analysis.ingest.decode import Unreadable, decode_bytes

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
    text = decode_bytes(path.read_bytes()).lstrip("\ufeff")  # UTF-8 or not (a cp1252 export reads too)
    with io.StringIO(text, newline="") as handle:
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


#: Largest archive member read, in bytes, and the largest expansion a compressed member may claim
#: (uncompressed size / compressed size): beyond either, the member is rejected before it is read.
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200


def _display(path: str) -> str:
    """A path as shown in the tables: a name that is not valid UTF-8 keeps its bytes as ``\\xNN`` escapes."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def walk_files(root: Path) -> Iterator[Path | RawRejection]:
    """Every file under ``root`` (or ``root`` itself), sorted, and a rejection for everything else.

    Folder links are followed once (a link back into a folder already walked is a rejection: a
    loop); broken links, FIFOs, sockets and devices are rejected without being opened; unreadable
    folders are rejections; hidden files and folders and macOS ``._`` files are rejected, saying so.
    """
    base = root if root.is_dir() else root.parent
    rel = lambda p: _display(Path(os.path.relpath(p, base)).as_posix())  # noqa: E731
    if not root.is_dir():
        yield from _check_file(root, rel(root))
        return
    seen: set[tuple[int, int]] = set()
    errors: list[RawRejection] = []

    def onerror(exc: OSError) -> None:
        errors.append(RawRejection(rel(exc.filename or root), f"folder cannot be read: {exc.strerror or exc}"))

    items: list[tuple[str, Path | RawRejection]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror, followlinks=True):
        st = os.stat(dirpath)
        if (st.st_dev, st.st_ino) in seen:
            items.append((rel(dirpath), RawRejection(rel(dirpath), "a folder link that leads back into a folder already read (a loop): not read again")))
            dirnames[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        keep = []
        for d in sorted(dirnames):
            full = Path(dirpath) / d
            if d.startswith("."):
                items.append((rel(full), RawRejection(rel(full) + "/", "hidden folder, not read (name it as an input to read it)")))
            else:
                keep.append(d)
        dirnames[:] = keep
        for f in filenames:
            full = Path(dirpath) / f
            if f.startswith("._") or f == ".DS_Store":
                items.append((rel(full), RawRejection(rel(full), "macOS metadata file, not a document")))
            elif f.startswith("."):
                items.append((rel(full), RawRejection(rel(full), "hidden file, not read (name it as an input to read it)")))
            else:
                items.append((rel(full), full))
    items += [(r.path, r) for r in errors]
    for _, item in sorted(items, key=lambda x: x[0]):
        if isinstance(item, RawRejection):
            yield item
        else:
            yield from _check_file(item, rel(item))


def _check_file(path: Path, rel: str) -> Iterator[Path | RawRejection]:
    try:
        st = path.stat()
    except FileNotFoundError:
        yield RawRejection(rel, "broken symbolic link: its target does not exist")
        return
    except OSError as exc:  # a loop of file links, a name too long
        yield RawRejection(rel, f"cannot be opened: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
        yield RawRejection(rel, f"{kind}, not a file: not read")
        return
    yield path


def list_files(root: Path) -> list[Path]:
    """The readable regular files under ``root`` (see :func:`walk_files` for what else it finds)."""
    return [p for p in walk_files(root) if isinstance(p, Path)]


def iter_inputs(inputs: list[Path]) -> Iterator[RawInput | RawRejection]:
    """Yield every input document's bytes, or a rejection, in a deterministic order.

    Paths are shown relative to the input folder given (``statements-releases/...md``),
    archive members as ``archive.tar.xz/member``.
    """
    for root in inputs:
        root = Path(root)
        if not root.exists() and not root.is_symlink():
            yield RawRejection(_display(str(root)), "input path does not exist")
            continue
        base = root if root.is_dir() else root.parent
        rules_cache: dict[Path, list[tuple[str, dict[str, str]]]] = {}
        for path in walk_files(root):
            if isinstance(path, RawRejection):
                yield path
                continue
            rel = _display(Path(os.path.relpath(path, base)).as_posix())
            reason = NOT_DOCUMENTS.get(path.name.lower())
            if reason:
                yield RawRejection(rel, reason)
                continue
            folder = path.parent
            if folder not in rules_cache:
                try:
                    rules_cache[folder] = read_sidecar(folder)
                except (OSError, Unreadable, csv.Error) as exc:
                    rules_cache[folder] = []
                    yield RawRejection(_display(Path(os.path.relpath(folder / SIDECAR_NAME, base)).as_posix()),
                                       f"sources.csv cannot be read ({exc}); its rules were not applied")
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


def _size_rejection(size: int, compressed: int | None) -> str | None:
    """Why an archive member is too large to read (checked before it is read), or None."""
    if size > MAX_MEMBER_BYTES:
        return f"archive member expands to {size:,} bytes, over the limit of {MAX_MEMBER_BYTES:,}: not read"
    if compressed is not None and size > 10 * 1024 * 1024 and size > MAX_COMPRESSION_RATIO * max(compressed, 1):
        return (f"archive member expands {size // max(compressed, 1):,} times ({size:,} bytes), over the limit of "
                f"{MAX_COMPRESSION_RATIO} times (a zip bomb?): not read")
    return None


def _iter_zip(path: Path, rel: str, sidecar: dict[str, str]) -> Iterator[RawInput | RawRejection]:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            member = _display(f"{rel}/{info.filename}")
            reason = _member_rejection(info.filename) or _size_rejection(info.file_size, info.compress_size)
            if not reason and info.flag_bits & 0x1:
                reason = "encrypted (password-protected) archive member: not read"
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
            if info.isdir():
                continue
            member = _display(f"{rel}/{info.name}")
            if not info.isfile():
                kind = ("a symbolic link" if info.issym() else "a hard link" if info.islnk() else "a FIFO" if info.isfifo()
                        else "a device" if info.isdev() else "not a regular file")
                yield RawRejection(member, f"archive member is {kind}, not a file: not read")
                continue
            reason = _member_rejection(info.name) or _size_rejection(info.size, None)
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
    """Read the UN General Debate ``Speakers_by_session.xlsx``: (ISO3, year) -> name and post.

    The first sheet is read with python-calamine (a Rust reader, about 15 times faster than
    openpyxl on this 11,000-row sheet); its first row is the header, and rows without an ISO
    code or a name are skipped.
    """
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    out: dict[tuple[str, int], dict[str, str]] = {}
    for row in rows[1:]:
        if len(row) < 6:
            continue
        iso, year, name, post = row[2], row[0], row[4], row[5]
        if isinstance(iso, str) and iso and isinstance(name, str) and name:
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


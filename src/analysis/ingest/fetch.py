"""Fetch the public corpora into ``data/raw/<name>/``, verified file by file.

``python -m analysis fetch whitehouse`` (or ``ungd``) downloads the GitHub
archive of the corpus's pinned repository at its pinned commit, keeps only the
files the corpus is made of and checks every one against a sha256 manifest
shipped with the package (``analysis/data/manifests/<name>.sha256``, in the
format of ``sha256sum``, made from the copies in ``../shared/corpora``).
``--mirror DIR`` takes the files from a local copy instead: a folder holding
the files, a checkout of the repository, or any archive of them.

This is the one command that writes under ``data/raw``, and only into its own
subfolder. Every file is streamed into a hidden staging folder inside the
destination, hashed on the way, and renamed into place only when its hash
matches; a file that fails is deleted, so nothing unverified is ever left.
Files already present with the right hash are skipped, so an interrupted run
resumes where it stopped, and a complete folder needs no network at all.

Archive members are mapped to corpus paths by the longest trailing part of
their path that the manifest names, so the archive's top folder
(``wh-briefings-<commit>/``) and any prefix such as ``data/data_original/``
drop out, and everything the manifest does not name (code, notebooks, macOS
``._`` files, other documents) is skipped.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import http.client
import logging
import lzma
import os
import shutil
import sys
import tarfile
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tqdm.auto import tqdm

from analysis import config
from analysis.ingest.corpora import (
    ARCHIVE_SUFFIXES,
    CORPORA,
    CorpusSpec,
    FetchError,
    format_manifest,
    is_junk,
    manifest_path,
    read_manifest,
)

log = logging.getLogger(__name__)

#: Bytes read and hashed at a time.
CHUNK_SIZE: int = 1 << 20
#: Seconds to wait for the server before a network read fails.
TIMEOUT: float = 60.0
#: Hidden folder inside the destination that holds files while they are written and checked.
STAGING_DIR: str = ".fetch-staging"
USER_AGENT: str = "readout-analysis-fetch/0.1 (python urllib)"

def make_manifest(name: str, source: Path, *, progress: bool = True) -> dict[str, str]:
    """Hash the files of corpus ``name`` found in a local copy.

    Parameters
    ----------
    name : str
        A key of :data:`CORPORA`; its ``patterns`` say which files belong to the corpus.
    source : pathlib.Path
        Folder of the local copy. Files are taken at their path relative to it,
        members of archives in it at their path inside the archive.
    progress : bool, optional
        Show a progress bar.

    Returns
    -------
    dict of str to str
        Corpus-relative path -> sha256, ready for :func:`format_manifest`.
    """
    spec = get_spec(name)
    entries: dict[str, str] = {}
    with _bar(progress, desc=f"{name}: hashing", unit="file") as bar:
        for rel, stream in _iter_source(Path(source)):
            if is_junk(rel) or not any(fnmatch.fnmatchcase(rel, p) for p in spec.patterns):
                continue
            if rel in entries:
                raise FetchError(f"{rel} occurs twice in {source}")
            digest = hashlib.sha256()
            for chunk in iter(lambda: stream.read(CHUNK_SIZE), b""):
                digest.update(chunk)
            entries[rel] = digest.hexdigest()
            bar.update(1)
    return entries


# --------------------------------------------------------------------------- sources

#: Errors that mean an archive stream ended early or is not what it claims to be.
_ARCHIVE_ERRORS: tuple[type[BaseException], ...] = (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, zipfile.BadZipFile)


class _ArchiveError(Exception):
    """An archive ended early or could not be decoded."""


def _is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


def _iter_tar(fileobj: BinaryIO, *, label: str) -> Iterator[tuple[str, BinaryIO]]:
    """Yield (member path, readable) for the regular files of a tar stream, in archive order.

    The archive is read as a stream (``r|*``, no seeking, any compression), so
    this works on an HTTP response; each readable must be consumed before the
    next item is taken.
    """
    try:
        with tarfile.open(fileobj=fileobj, mode="r|*") as archive:
            for member in archive:
                handle = archive.extractfile(member) if member.isfile() else None
                if handle is not None:
                    yield member.name.removeprefix("./"), handle
    except _ARCHIVE_ERRORS as exc:
        raise _ArchiveError(f"{label} is not a complete, readable archive ({exc})") from exc


def _iter_zip(path: Path, *, label: str) -> Iterator[tuple[str, BinaryIO]]:
    """Yield (member path, readable) for the regular files of a zip file."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    with archive.open(info) as member:
                        yield info.filename.removeprefix("./"), member
    except _ARCHIVE_ERRORS as exc:
        raise _ArchiveError(f"{label} is not a complete, readable zip file ({exc})") from exc


def _iter_archive_file(path: Path) -> Iterator[tuple[str, BinaryIO]]:
    if path.name.lower().endswith(".zip"):
        yield from _iter_zip(path, label=str(path))
        return
    with path.open("rb") as handle:
        yield from _iter_tar(handle, label=str(path))


def _iter_source(source: Path, *, skip: Path | None = None) -> Iterator[tuple[str, BinaryIO]]:
    """Yield (relative path, readable) for every file of a folder (archives in it opened) or of one archive.

    Folder files come first (sorted), then the members of each archive found in
    the folder. ``skip`` is a folder not to descend into (the destination).
    """
    if source.is_file():
        yield from _iter_archive_file(source)
        return
    if not source.is_dir():
        raise FetchError(f"no such folder or archive: {source}")
    skip_resolved = skip.resolve() if skip is not None else None
    archives: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(source):
        dirnames[:] = sorted(
            d for d in dirnames if d != STAGING_DIR and (Path(dirpath) / d).resolve() != skip_resolved
        )
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if _is_archive(path):
                archives.append(path)
                continue
            with path.open("rb") as handle:
                yield path.relative_to(source).as_posix(), handle
    for archive in archives:
        yield from _iter_archive_file(archive)


# --------------------------------------------------------------------------- verified install


@dataclass
class _Plan:
    """The files still wanted in ``dest``, and what happened to them.

    ``bar`` (when set) advances by one per verified file if ``bar_counts_files``,
    otherwise it shows the count as a postfix (a byte-counting download bar).
    """

    dest: Path
    wanted: dict[str, str]
    bar: tqdm | None = None
    bar_counts_files: bool = False
    done: set[str] = field(default_factory=set)
    mismatched: dict[str, tuple[str, str, str]] = field(default_factory=dict)

    @property
    def pending(self) -> set[str]:
        """Manifest paths not yet installed and verified."""
        return set(self.wanted) - self.done

    def match(self, member: str) -> str | None:
        """The corpus path a member maps to: its longest trailing part that the manifest wants.

        ``wh-briefings-<commit>/statements-releases/2021-11/x.md`` maps to
        ``statements-releases/2021-11/x.md``; ``<top>/data/data_original/TXT/Session 01 - 1946/ARG_01_1946.txt``
        to ``TXT/Session 01 - 1946/ARG_01_1946.txt``; anything else (code, ``._`` files) to ``None``.
        """
        parts = member.strip("/").split("/")
        for start in range(len(parts)):
            rel = "/".join(parts[start:])
            if rel in self.wanted:
                return None if rel in self.done else rel
        return None

    def install(self, rel: str, stream: BinaryIO, *, origin: str) -> bool:
        """Copy ``stream`` to ``dest/rel`` if its sha256 is the manifest's; return whether it was.

        The bytes go to a temporary file in the hidden staging folder inside
        ``dest`` and are renamed into place only after the hash matched; on a
        mismatch the temporary file is deleted and the mismatch recorded.
        """
        target = self.dest / rel
        try:
            staging = self.dest / STAGING_DIR
            staging.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix="file-", suffix=".part", dir=staging)
        except OSError as exc:
            raise FetchError(f"cannot write into {self.dest}: {exc}") from exc
        tmp = Path(tmp_name)
        try:
            got = _copy_hashed(stream, fd, target=target, origin=origin)
            if got != self.wanted[rel]:
                self.mismatched[rel] = (self.wanted[rel], got, origin)
                return False
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp, target)
            except OSError as exc:
                raise FetchError(f"cannot write {target}: {exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)
        self.done.add(rel)
        self.mismatched.pop(rel, None)
        if self.bar is not None:
            if self.bar_counts_files:
                self.bar.update(1)
            else:
                self.bar.set_postfix_str(f"{len(self.done)}/{len(self.wanted)} files", refresh=False)
        return True

    def offer(self, members: Iterable[tuple[str, BinaryIO]], *, origin: str) -> None:
        """Install every wanted member of ``members``; stop early once nothing is pending."""
        for member, stream in members:
            rel = self.match(member)
            if rel is not None:
                self.install(rel, stream, origin=f"{origin} : {member}")
                if len(self.done) == len(self.wanted):
                    return

    def raise_for_problems(self, *, spec: CorpusSpec, manifest: Path, source: str) -> None:
        """Raise :class:`FetchError` for mismatched or missing files; log a warning for missing optional ones."""
        missing = sorted(self.pending - set(self.mismatched))
        for rel in (r for r in missing if r in spec.optional):
            log.warning("%s: %s is not in %s (optional, skipped)", spec.name, rel, source)
        missing = [rel for rel in missing if rel not in spec.optional]
        if not missing and not self.mismatched:
            return
        count = len(self.mismatched) + len(missing)
        lines = [f"{spec.name}: {count} file(s) failed verification against {manifest}"]
        for rel, (want, got, origin) in sorted(self.mismatched.items())[:20]:
            lines.append(f"  hash mismatch: {rel} (expected sha256 {want}, got {got}; from {origin})")
        if len(self.mismatched) > 20:
            lines.append(f"  ... and {len(self.mismatched) - 20} more hash mismatches")
        if missing:
            shown = ", ".join(missing[:10]) + (f", ... ({len(missing) - 10} more)" if len(missing) > 10 else "")
            lines.append(f"  missing from {source}: {shown}")
        lines.append(
            f"Files that verified were kept in {self.dest}; nothing unverified was written. "
            "The source differs from the pinned corpus: check the URL or mirror."
        )
        raise FetchError("\n".join(lines))


def _copy_hashed(stream: BinaryIO, fd: int, *, target: Path, origin: str) -> str:
    """Copy ``stream`` into the open file ``fd`` (closed on return); return the sha256 of the bytes.

    Read errors from a broken archive become :class:`_ArchiveError`; network errors
    propagate unchanged; write errors become :class:`FetchError` naming ``target``.
    """
    digest = hashlib.sha256()
    with os.fdopen(fd, "wb") as out:
        while True:
            try:
                chunk = stream.read(CHUNK_SIZE)
            except _ARCHIVE_ERRORS as exc:
                raise _ArchiveError(f"{origin}: {exc}") from exc
            if not chunk:
                break
            digest.update(chunk)
            try:
                out.write(chunk)
            except OSError as exc:
                raise FetchError(f"cannot write {target}: {exc}") from exc
    return digest.hexdigest()


class _CountingReader:
    """A read-only file wrapper that advances a progress bar by the bytes read."""

    def __init__(self, raw: BinaryIO, bar: tqdm) -> None:
        self._raw = raw
        self._bar = bar

    def read(self, size: int = -1) -> bytes:
        data = self._raw.read(size)
        self._bar.update(len(data))
        return data


@contextmanager
def _bar(progress: bool, **kwargs) -> Iterator[tqdm]:
    bar = tqdm(disable=not progress, file=sys.stderr, leave=False, **kwargs)
    try:
        yield bar
    finally:
        bar.close()


# --------------------------------------------------------------------------- fetching


def get_spec(name: str) -> CorpusSpec:
    """The :class:`CorpusSpec` of ``name``; :class:`FetchError` naming the choices if unknown."""
    try:
        return CORPORA[name]
    except KeyError:
        raise FetchError(f"unknown corpus {name!r}; choose one of: {', '.join(sorted(CORPORA))}") from None


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_SIZE), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _needed(dest: Path, expected: dict[str, str], *, progress: bool, name: str) -> dict[str, str]:
    """The manifest entries not yet present in ``dest`` with the right hash."""
    present = [rel for rel in expected if (dest / rel).is_file()]
    verified: set[str] = set()
    with _bar(progress and bool(present), desc=f"{name}: checking", total=len(present), unit="file") as bar:
        for rel in present:
            if _sha256_file(dest / rel) == expected[rel]:
                verified.add(rel)
            bar.update(1)
    return {rel: digest for rel, digest in expected.items() if rel not in verified}


def _mirror_root(spec: CorpusSpec, mirror: Path) -> Path:
    """``mirror/<name>`` (or another of the spec's folder names), else ``mirror`` itself."""
    for folder in spec.mirror_names:
        if (mirror / folder).is_dir():
            return mirror / folder
    if mirror.exists():
        return mirror
    raise FetchError(f"mirror {mirror} does not exist")


def _from_mirror(plan: _Plan, spec: CorpusSpec, mirror: Path, *, progress: bool) -> str:
    """Install the pending files from a local copy; return the folder or archive used."""
    root = _mirror_root(spec, mirror)
    with _bar(progress, desc=f"{spec.name}: copy", total=len(plan.pending), unit="file") as bar:
        plan.bar, plan.bar_counts_files = bar, True
        try:
            plan.offer(_iter_source(root, skip=plan.dest), origin=str(root))
        except _ArchiveError as exc:
            raise FetchError(f"cannot read an archive in the mirror: {exc}") from exc
        except OSError as exc:
            raise FetchError(f"cannot read the mirror {root}: {exc}") from exc
        finally:
            plan.bar = None
    return str(root)


def _from_url(plan: _Plan, url: str, *, progress: bool, name: str) -> str:
    """Stream the archive at ``url`` and install the pending files from it; return ``url``."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    resume = "re-run the same command to resume (verified files are kept)."
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            with _bar(progress, desc=f"{name}: download", total=total, unit="B", unit_scale=True) as bar:
                plan.bar, plan.bar_counts_files = bar, False
                reader = _CountingReader(response, bar)
                if urllib.parse.urlsplit(url).path.lower().endswith(".zip"):
                    _offer_zip(plan, reader, origin=url)
                else:
                    plan.offer(_iter_tar(reader, label=url), origin=url)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"download failed: HTTP {exc.code} {exc.reason} from {url}") from exc
    except _ArchiveError as exc:
        raise FetchError(f"the download from {url} broke off or is not an archive: {exc}; {resume}") from exc
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise FetchError(f"network failure while downloading {url}: {reason}; {resume}") from exc
    finally:
        plan.bar = None
    return url


def _offer_zip(plan: _Plan, response: _CountingReader, *, origin: str) -> None:
    """Zip needs seeking: spool the download into the staging folder, then read it."""
    staging = plan.dest / STAGING_DIR
    staging.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(suffix=".zip.part", dir=staging)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            shutil.copyfileobj(response, out, CHUNK_SIZE)
        plan.offer(_iter_zip(tmp, label=origin), origin=origin)
    finally:
        tmp.unlink(missing_ok=True)


def _clean_staging(dest: Path) -> None:
    """Remove the staging folder (and anything a killed run left in it)."""
    shutil.rmtree(dest / STAGING_DIR, ignore_errors=True)


def fetch_corpus(
    name: str,
    *,
    dest: Path | None = None,
    mirror: Path | None = None,
    url: str | None = None,
    manifest: Path | None = None,
    progress: bool = True,
) -> list[Path]:
    """Download (or copy from a mirror) a public corpus and verify every file.

    Parameters
    ----------
    name : str
        ``"whitehouse"`` or ``"ungd"`` (a key of :data:`CORPORA`).
    dest : pathlib.Path, optional
        Destination folder; default ``config.DATA_RAW / name``.
    mirror : pathlib.Path, optional
        Local copy to take the files from instead of the network: ``mirror/<name>``
        (or ``mirror/whitehouse-readouts``), else ``mirror`` itself. A folder of the
        files, a checkout of the repository, archives of them, or one archive.
    url : str, optional
        Archive to download instead of the pinned GitHub tarball (tests, other
        mirrors): ``.tar``, ``.tar.gz``, ``.tar.xz``, ``.tar.bz2`` or ``.zip``.
    manifest : pathlib.Path, optional
        Manifest to verify against instead of the shipped one (tests).
    progress : bool, optional
        Show progress bars and a closing one-line summary on stderr.

    Returns
    -------
    list of pathlib.Path
        The corpus files now in ``dest``, sorted (an optional file the source lacked is left out).

    Raises
    ------
    FetchError
        Unknown corpus, network failure, unreadable archive, a file missing from the
        source, or a hash mismatch; the message names the files. Files that verified
        stay in place, nothing unverified is left behind, and a re-run resumes.
    ValueError
        If both ``mirror`` and ``url`` are given.
    """
    if mirror is not None and url is not None:
        raise ValueError("give either mirror or url, not both")
    spec = get_spec(name)
    manifest = Path(manifest) if manifest is not None else manifest_path(spec.name)
    expected = read_manifest(manifest)
    dest = Path(dest) if dest is not None else config.DATA_RAW / spec.name
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(f"cannot create {dest}: {exc}") from exc
    _clean_staging(dest)
    needed = _needed(dest, expected, progress=progress, name=spec.name)
    fetched = 0
    if needed:
        plan = _Plan(dest=dest, wanted=needed)
        try:
            if mirror is not None:
                source = _from_mirror(plan, spec, Path(mirror), progress=progress)
            else:
                source = _from_url(plan, url or spec.url, progress=progress, name=spec.name)
        finally:
            _clean_staging(dest)
        fetched = len(plan.done)
        plan.raise_for_problems(spec=spec, manifest=manifest, source=source)
    files = [dest / rel for rel in sorted(expected) if (dest / rel).is_file()]
    if progress:
        print(
            f"{spec.name}: {len(files)} files verified in {dest} "
            f"({fetched} fetched, {len(expected) - len(needed)} already present)",
            file=sys.stderr,
        )
    return files


# --------------------------------------------------------------------------- maintenance entry point


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.ingest.fetch manifest NAME SOURCE [--out FILE]``: regenerate a shipped manifest.

    Parameters
    ----------
    argv : list of str, optional
        Command-line arguments (default ``sys.argv[1:]``).

    Returns
    -------
    int
        Exit status.
    """
    parser = argparse.ArgumentParser(prog="python -m analysis.ingest.fetch", description=main.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    make = sub.add_parser("manifest", help="hash the corpus files of a local copy into a manifest")
    make.add_argument("name", choices=sorted(CORPORA))
    make.add_argument("source", type=Path, help="local copy, e.g. ../shared/corpora/whitehouse-readouts")
    make.add_argument("--out", type=Path, help="default: the manifest shipped in the package")
    args = parser.parse_args(argv)
    try:
        entries = make_manifest(args.name, args.source)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    out = args.out or manifest_path(args.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(format_manifest(entries), encoding="utf-8")
    os.replace(tmp, out)
    print(f"{len(entries)} files -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
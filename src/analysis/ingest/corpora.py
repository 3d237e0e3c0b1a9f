"""The public corpora the project can fetch: where each comes from, and the sha256 manifest it is checked against.

Each :class:`CorpusSpec` pins an upstream repository at a commit; its manifest
(``analysis/data/manifests/<name>.sha256``, in the format of ``sha256sum``)
lists every file the corpus is made of. :mod:`analysis.ingest.fetch` downloads
and verifies them.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path, PurePosixPath

log = logging.getLogger(__name__)

ARCHIVE_SUFFIXES: tuple[str, ...] = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2", ".zip")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_JUNK_NAMES = frozenset({".DS_Store", "Thumbs.db"})


class FetchError(RuntimeError):
    """A corpus could not be fetched or verified; the message says which file and why."""


@dataclass(frozen=True)
class CorpusSpec:
    """Where a public corpus comes from and which files make it up.

    Attributes
    ----------
    name : str
        Corpus name used on the command line and as the folder under ``data/raw``.
    title : str
        Human-readable name.
    repository : str
        GitHub ``owner/name`` of the pinned source.
    commit : str
        Full commit id pinned for the download.
    corpus_root : str
        Folder inside the repository that holds the corpus tree (documentation;
        the mapping of members to corpus paths does not depend on it).
    patterns : tuple of str
        ``fnmatch`` patterns (on the corpus-relative path) of the files the
        corpus is made of; used to make the manifest from a local copy.
    mirror_names : tuple of str
        Folder names tried under ``--mirror DIR`` (``DIR/<name>`` first).
    optional : frozenset of str
        Manifest paths whose absence from the source is a warning, not an error.
    upstream : str
        The documented upstream record (and alternative source).
    license : str
        SPDX id of the data licence.
    """

    name: str
    title: str
    repository: str
    commit: str
    corpus_root: str
    patterns: tuple[str, ...]
    mirror_names: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    upstream: str = ""
    license: str = "CC0-1.0"

    @property
    def url(self) -> str:
        """The codeload tarball of ``repository`` at ``commit``."""
        return f"https://codeload.github.com/{self.repository}/tar.gz/{self.commit}"

    @property
    def tree_url(self) -> str:
        """The browsable GitHub page of the pinned commit."""
        return f"https://github.com/{self.repository}/tree/{self.commit}"


CORPORA: dict[str, CorpusSpec] = {
    "whitehouse": CorpusSpec(
        name="whitehouse",
        title="White House readouts (U.S. side), 2021-2026",
        repository="brian14708/wh-briefings",
        commit="737ca03a271adc205c67766074ec8d0070f7ad95",
        corpus_root="",
        patterns=("*/*/*.md",),
        mirror_names=("whitehouse", "whitehouse-readouts"),
        upstream="https://github.com/brian14708/wh-briefings",
    ),
    "ungd": CorpusSpec(
        name="ungd",
        title="UN General Debate Corpus (UNGDC), 1946-2024",
        repository="SarahFranzen/Emotions_in_the_United_Nations_General_Debates",
        commit="3b277c419f85fd6e1f14f69a5fd29a3a6b59fc96",
        corpus_root="data/data_original",
        patterns=("TXT/*/*.txt", "Speakers_by_session.xlsx"),
        mirror_names=("ungd",),
        # The speeches are what the corpus is made of; the speaker list is metadata that the
        # shared copy has but whose presence in the GitHub archive could not be confirmed here.
        optional=frozenset({"Speakers_by_session.xlsx"}),
        upstream="https://doi.org/10.7910/DVN/0TJX8Y",
    ),
    "presidents-ru-ua": CorpusSpec(
        name="presidents-ru-ua",
        title="Kremlin and Ukrainian presidency press releases (English), Oct 2021 - Jun 2022",
        repository="PeiYiZhuo/zelenskyy-putin",
        commit="134450b5183c05bcbaac31d87e0e0ed65d54986e",
        corpus_root="press_release_data",
        patterns=("putin.csv", "zelenskyy.csv"),
        mirror_names=("presidents-ru-ua",),
        upstream="https://github.com/PeiYiZhuo/zelenskyy-putin (content of en.kremlin.ru and president.gov.ua)",
        license="CC-BY-4.0",
    ),
}


# --------------------------------------------------------------------------- manifests


def manifest_path(name: str) -> Path:
    """Path of the manifest shipped for corpus ``name``.

    Parameters
    ----------
    name : str
        A key of :data:`CORPORA`.

    Returns
    -------
    pathlib.Path
        ``analysis/data/manifests/<name>.sha256`` inside the installed package.
    """
    return Path(str(resources.files("analysis").joinpath("data", "manifests", f"{name}.sha256")))


def _check_relpath(rel: str) -> str:
    path = PurePosixPath(rel)
    if not rel or path.is_absolute() or "\\" in rel or any(p in {"", ".", ".."} for p in rel.split("/")):
        raise FetchError(f"unsafe or malformed path in manifest: {rel!r}")
    return rel


def read_manifest(path: Path) -> dict[str, str]:
    """Read a ``sha256sum``-style manifest.

    Parameters
    ----------
    path : pathlib.Path
        File of lines ``<sha256>  <relative/path>``; blank lines and ``#`` comments are skipped.

    Returns
    -------
    dict of str to str
        Corpus-relative POSIX path -> lower-case hex sha256.

    Raises
    ------
    FetchError
        If the file is missing, a line is malformed, a path is unsafe or repeated.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise FetchError(f"cannot read manifest {path}: {exc}") from exc
    entries: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        digest, sep, rel = line.partition("  ")
        if not sep:
            digest, sep, rel = line.partition(" *")
        if not sep or not _SHA256.match(digest):
            raise FetchError(f"{path}:{number}: expected '<sha256>  <path>', got {line!r}")
        if rel in entries:
            raise FetchError(f"{path}:{number}: {rel!r} is listed twice")
        entries[_check_relpath(rel)] = digest
    if not entries:
        raise FetchError(f"manifest {path} lists no files")
    return entries


def format_manifest(entries: dict[str, str]) -> str:
    """Render ``entries`` as manifest text, sorted by path (``sha256sum -c`` can check it)."""
    return "".join(f"{entries[rel]}  {rel}\n" for rel in sorted(entries))


def is_junk(rel: str) -> bool:
    base = rel.rsplit("/", 1)[-1]
    return base.startswith("._") or base in _JUNK_NAMES or "__MACOSX/" in rel



"""Tests of ``analysis.ingest.fetch``: download, verification, resume and mirrors.

The download path is tested against a local HTTP server on 127.0.0.1 serving
archives built here in the layout of the real GitHub archives; no test touches
the internet, and every test writes into a temporary folder, never ``data/raw``.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import logging
import socket
import tarfile
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from analysis import config
from analysis.ingest.fetch import (
    CORPORA,
    STAGING_DIR,
    FetchError,
    fetch_corpus,
    format_manifest,
    make_manifest,
    manifest_path,
    read_manifest,
)

WH_TOP = f"wh-briefings-{CORPORA['whitehouse'].commit}"
UNGD_TOP = f"Emotions_in_the_United_Nations_General_Debates-{CORPORA['ungd'].commit}"

#: The corpus files of the small White House archive (corpus path -> bytes).
WH_FILES: dict[str, bytes] = {
    "statements-releases/2021-11/2021-11-16-readout-of-president-bidens-virtual-meeting.md": (
        b"---\ntitle: \"Readout of President\\_Biden\\u2019s Virtual Meeting\"\n---\n \nThe two leaders met.\n\n\\###\n"
    ),
    "briefings-statements/2025-01/2025-01-23-readout-of-a-call.md": b"---\ndate: '2025-01-23'\n---\nA call took place.\n",
    "speeches-remarks/2024-11/2024-11-16-remarks-before-bilateral-meeting.md": "Remarks \u2014 caf\u00e9\n".encode(),
}
#: Files of the real repository that are not part of the corpus.
WH_JUNK: dict[str, bytes] = {
    "README.md": b"# wh-briefings\n",
    "_scraper/main.py": b"print('scrape')\n",
    "articles/2025-02/2025-02-10-not-in-the-corpus.md": b"not a readout\n",
}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_manifest(path: Path, files: dict[str, bytes]) -> Path:
    path.write_text(format_manifest({rel: sha256(data) for rel, data in files.items()}), encoding="utf-8")
    return path


def make_tar(path: Path, members: dict[str, bytes], *, mode: str = "w:gz") -> Path:
    """A tar archive like GitHub's: a pax header with the commit, then the members."""
    with tarfile.open(path, mode, format=tarfile.PAX_FORMAT, pax_headers={"comment": "0" * 40}) as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = 1_700_000_000
            tar.addfile(info, io.BytesIO(data))
    return path


def wh_members(files: dict[str, bytes] = WH_FILES) -> dict[str, bytes]:
    members = {f"{WH_TOP}/{rel}": data for rel, data in {**WH_JUNK, **files}.items()}
    return dict(sorted(members.items()))


def corpus_files(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (staging folder included, so leftovers show)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- local HTTP server


@dataclass
class Server:
    root: Path
    base: str
    requests: list[str] = field(default_factory=list)

    def url(self, name: str) -> str:
        return f"{self.base}/{name}"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """Serve ``tmp_path/www`` on 127.0.0.1 (random free port); ``/truncated/<file>`` breaks off halfway."""
    root = tmp_path / "www"
    root.mkdir()
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self):  # noqa: N802 (http.server naming)
            requests.append(self.path)
            if self.path.startswith("/truncated/"):
                data = (root / self.path.removeprefix("/truncated/")).read_bytes()
                self.send_response(200)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[: len(data) // 2])
                self.wfile.flush()
                self.close_connection = True
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(root=root, base=f"http://127.0.0.1:{httpd.server_address[1]}", requests=requests)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def wh_archive(server: Server, tmp_path: Path) -> tuple[str, Path]:
    """URL of a small upstream-like White House tarball and the manifest of its corpus files."""
    make_tar(server.root / "wh.tar.gz", wh_members())
    return server.url("wh.tar.gz"), write_manifest(tmp_path / "whitehouse.sha256", WH_FILES)


# --------------------------------------------------------------------------- an unknown corpus


def test_unknown_corpus_name_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FetchError, match=r"unknown corpus 'nope'; choose one of: presidents-ru-ua, ungd, whitehouse"):
        fetch_corpus("nope", dest=tmp_path / "x", progress=False)
    assert not (tmp_path / "x").exists()


# --------------------------------------------------------------------------- download path


def test_download_writes_exactly_the_manifest_files(wh_archive, tmp_path: Path, server: Server):
    url, manifest = wh_archive
    dest = tmp_path / "raw" / "whitehouse"
    paths = fetch_corpus("whitehouse", dest=dest, url=url, manifest=manifest, progress=False)
    assert paths == [dest / rel for rel in sorted(WH_FILES)]
    assert corpus_files(dest) == WH_FILES  # right bytes, no junk, no staging leftovers
    assert server.requests == ["/wh.tar.gz"]


def test_default_destination_is_data_raw_name(wh_archive, tmp_path: Path, monkeypatch):
    url, manifest = wh_archive
    monkeypatch.setattr(config, "DATA_RAW", tmp_path / "data" / "raw")
    fetch_corpus("whitehouse", url=url, manifest=manifest, progress=False)
    assert corpus_files(tmp_path / "data" / "raw" / "whitehouse") == WH_FILES


def test_progress_shows_and_summarises(wh_archive, tmp_path: Path, capsys):
    url, manifest = wh_archive
    fetch_corpus("whitehouse", dest=tmp_path / "d", url=url, manifest=manifest, progress=True)
    err = capsys.readouterr().err
    assert "whitehouse: download" in err
    assert "whitehouse: 3 files verified" in err and "(3 fetched, 0 already present)" in err


def test_tampered_archive_fails_naming_the_file_and_leaves_no_partial_files(server: Server, tmp_path: Path):
    manifest = write_manifest(tmp_path / "whitehouse.sha256", WH_FILES)
    tampered_rel = "speeches-remarks/2024-11/2024-11-16-remarks-before-bilateral-meeting.md"
    make_tar(server.root / "bad.tar.gz", wh_members({**WH_FILES, tampered_rel: b"Remarks, edited\n"}))
    dest = tmp_path / "whitehouse"
    with pytest.raises(FetchError) as info:
        fetch_corpus("whitehouse", dest=dest, url=server.url("bad.tar.gz"), manifest=manifest, progress=False)
    message = str(info.value)
    assert f"hash mismatch: {tampered_rel}" in message
    assert sha256(WH_FILES[tampered_rel]) in message and sha256(b"Remarks, edited\n") in message
    left = corpus_files(dest)
    assert tampered_rel not in left
    assert not any(STAGING_DIR in rel or rel.endswith(".part") for rel in left)
    assert all(WH_FILES[rel] == data for rel, data in left.items())  # whatever stayed is verified


def test_rerun_skips_verified_files_and_repairs_the_rest(wh_archive, tmp_path: Path, server: Server):
    url, manifest = wh_archive
    dest = tmp_path / "whitehouse"
    fetch_corpus("whitehouse", dest=dest, url=url, manifest=manifest, progress=False)
    stamps = {rel: (dest / rel).stat().st_mtime_ns for rel in WH_FILES}

    server.requests.clear()
    fetch_corpus("whitehouse", dest=dest, url=url, manifest=manifest, progress=False)
    assert server.requests == []  # everything verified: no download at all
    assert {rel: (dest / rel).stat().st_mtime_ns for rel in WH_FILES} == stamps

    deleted, corrupted, kept = sorted(WH_FILES)
    (dest / deleted).unlink()
    (dest / corrupted).write_bytes(b"damaged")
    fetch_corpus("whitehouse", dest=dest, url=url, manifest=manifest, progress=False)
    assert server.requests == ["/wh.tar.gz"]
    assert corpus_files(dest) == WH_FILES
    assert (dest / kept).stat().st_mtime_ns == stamps[kept]


def test_missing_file_is_named(server: Server, tmp_path: Path):
    extra = "statements-releases/2022-11/2022-11-14-readout-not-in-archive.md"
    manifest = write_manifest(tmp_path / "m.sha256", {**WH_FILES, extra: b"x"})
    make_tar(server.root / "wh.tar.gz", wh_members())
    with pytest.raises(FetchError, match=rf"missing from {server.url('wh.tar.gz')}: {extra}"):
        fetch_corpus("whitehouse", dest=tmp_path / "d", url=server.url("wh.tar.gz"), manifest=manifest, progress=False)
    assert corpus_files(tmp_path / "d") == WH_FILES


def test_ungd_layout_maps_txt_tree_and_optional_speaker_list(server: Server, tmp_path: Path, caplog):
    txt = {
        "TXT/Session 01 - 1946/ARG_01_1946.txt": b"Mr. President, ...\n",
        "TXT/Session 79 - 2024/CHN_79_2024.txt": "\u4e2d Statement\n".encode(),
    }
    members = {f"{UNGD_TOP}/data/data_original/{rel}": data for rel, data in txt.items()}
    members[f"{UNGD_TOP}/data/data_original/TXT/Session 01 - 1946/._ARG_01_1946.txt"] = b"\x00\x05\x16\x07 mac"
    members[f"{UNGD_TOP}/data/data_original/TXT/._Session 01 - 1946"] = b"\x00\x05\x16\x07 mac"
    members[f"{UNGD_TOP}/0_data_creation.ipynb"] = b"{}"
    make_tar(server.root / "ungd.tar.gz", members)
    manifest = write_manifest(tmp_path / "ungd.sha256", {**txt, "Speakers_by_session.xlsx": b"xlsx"})
    dest = tmp_path / "ungd"
    with caplog.at_level(logging.WARNING, logger="analysis.ingest.fetch"):
        paths = fetch_corpus("ungd", dest=dest, url=server.url("ungd.tar.gz"), manifest=manifest, progress=False)
    assert corpus_files(dest) == txt
    assert paths == [dest / rel for rel in sorted(txt)]
    assert "Speakers_by_session.xlsx is not in" in caplog.text and "optional" in caplog.text


def test_presidents_layout_keeps_the_two_csv_files(server: Server, tmp_path: Path):
    files = {"putin.csv": b"link,headline,date,location,summary,body\n", "zelenskyy.csv": b"link,headline,date,body\n"}
    top = "zelenskyy-putin-134450b5183c05bcbaac31d87e0e0ed65d54986e"
    members = {f"{top}/press_release_data/{rel}": data for rel, data in files.items()}
    members[f"{top}/README.md"] = b"# upstream"
    members[f"{top}/analysis.ipynb"] = b"{}"
    make_tar(server.root / "ru-ua.tar.gz", members)
    manifest = write_manifest(tmp_path / "presidents-ru-ua.sha256", files)
    dest = tmp_path / "presidents-ru-ua"
    paths = fetch_corpus("presidents-ru-ua", dest=dest, url=server.url("ru-ua.tar.gz"), manifest=manifest, progress=False)
    assert corpus_files(dest) == files and paths == [dest / "putin.csv", dest / "zelenskyy.csv"]


def test_zip_download(server: Server, tmp_path: Path):
    with zipfile.ZipFile(server.root / "wh.zip", "w") as archive:
        for name, data in wh_members().items():
            archive.writestr(name, data)
    manifest = write_manifest(tmp_path / "m.sha256", WH_FILES)
    fetch_corpus("whitehouse", dest=tmp_path / "d", url=server.url("wh.zip"), manifest=manifest, progress=False)
    assert corpus_files(tmp_path / "d") == WH_FILES


# --------------------------------------------------------------------------- failures of the network or the archive


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_network_failure_is_a_clear_error(tmp_path: Path):
    manifest = write_manifest(tmp_path / "m.sha256", WH_FILES)
    url = f"http://127.0.0.1:{_closed_port()}/wh.tar.gz"
    with pytest.raises(FetchError, match=r"network failure while downloading http://127\.0\.0\.1:\d+/wh\.tar\.gz"):
        fetch_corpus("whitehouse", dest=tmp_path / "d", url=url, manifest=manifest, progress=False)
    assert corpus_files(tmp_path / "d") == {}


def test_http_error_is_a_clear_error(server: Server, tmp_path: Path):
    manifest = write_manifest(tmp_path / "m.sha256", WH_FILES)
    with pytest.raises(FetchError, match=r"HTTP 404 .* from http://127\.0\.0\.1:\d+/absent\.tar\.gz"):
        fetch_corpus("whitehouse", dest=tmp_path / "d", url=server.url("absent.tar.gz"), manifest=manifest, progress=False)


def test_not_an_archive_is_a_clear_error(server: Server, tmp_path: Path):
    (server.root / "page.tar.gz").write_bytes(b"<html>rate limited</html>")
    manifest = write_manifest(tmp_path / "m.sha256", WH_FILES)
    with pytest.raises(FetchError, match="not an archive"):
        fetch_corpus("whitehouse", dest=tmp_path / "d", url=server.url("page.tar.gz"), manifest=manifest, progress=False)
    assert corpus_files(tmp_path / "d") == {}


def test_broken_off_download_keeps_verified_files_and_resumes(server: Server, tmp_path: Path):
    big = {f"statements-releases/2023-{m:02d}/2023-{m:02d}-01-readout-{m}.md": bytes([65 + m]) * 40_000 for m in range(1, 13)}
    make_tar(server.root / "wh.tar", wh_members(big), mode="w")
    manifest = write_manifest(tmp_path / "m.sha256", big)
    dest = tmp_path / "d"
    with pytest.raises(FetchError, match="re-run the same command to resume"):
        fetch_corpus("whitehouse", dest=dest, url=server.url("truncated/wh.tar"), manifest=manifest, progress=False)
    partial = corpus_files(dest)
    assert 0 < len(partial) < len(big)
    assert all(big[rel] == data for rel, data in partial.items())  # no partial file
    server.requests.clear()
    fetch_corpus("whitehouse", dest=dest, url=server.url("wh.tar"), manifest=manifest, progress=False)
    assert corpus_files(dest) == big


def test_mirror_and_url_are_exclusive(tmp_path: Path):
    with pytest.raises(ValueError):
        fetch_corpus("whitehouse", dest=tmp_path, mirror=tmp_path, url="http://127.0.0.1:1/x", progress=False)


# --------------------------------------------------------------------------- mirrors


def test_mirror_folder_of_files(tmp_path: Path):
    mirror = tmp_path / "corpora"
    for rel, data in {**WH_FILES, "SOURCE.md": b"notes", "LICENSE": b"CC0"}.items():
        (mirror / "whitehouse-readouts" / rel).parent.mkdir(parents=True, exist_ok=True)
        (mirror / "whitehouse-readouts" / rel).write_bytes(data)
    manifest = write_manifest(tmp_path / "m.sha256", WH_FILES)
    fetch_corpus("whitehouse", dest=tmp_path / "d", mirror=mirror, manifest=manifest, progress=False)
    assert corpus_files(tmp_path / "d") == WH_FILES


def test_mirror_archive_inside_folder_and_tampered_member(tmp_path: Path):
    txt = {"TXT/Session 63 - 2008/QAT_63_2008.txt": b"Qatar\n", "TXT/Session 63 - 2008/HND_63_2008.txt": b"Honduras\n"}
    mirror = tmp_path / "corpora"
    (mirror / "ungd").mkdir(parents=True)
    make_tar(mirror / "ungd" / "ungdc-txt.tar.xz", txt, mode="w:xz")
    (mirror / "ungd" / "Speakers_by_session.xlsx").write_bytes(b"xlsx")
    files = {**txt, "Speakers_by_session.xlsx": b"xlsx"}
    manifest = write_manifest(tmp_path / "m.sha256", files)
    fetch_corpus("ungd", dest=tmp_path / "d", mirror=mirror, manifest=manifest, progress=False)
    assert corpus_files(tmp_path / "d") == files

    bad = write_manifest(tmp_path / "bad.sha256", {**files, "TXT/Session 63 - 2008/QAT_63_2008.txt": b"other"})
    with pytest.raises(FetchError, match=r"hash mismatch: TXT/Session 63 - 2008/QAT_63_2008\.txt"):
        fetch_corpus("ungd", dest=tmp_path / "d2", mirror=mirror, manifest=bad, progress=False)
    assert "TXT/Session 63 - 2008/QAT_63_2008.txt" not in corpus_files(tmp_path / "d2")


def test_make_manifest_selects_the_corpus_files(tmp_path: Path):
    source = tmp_path / "whitehouse-readouts"
    for rel, data in {**WH_FILES, "SOURCE.md": b"notes", "LICENSE": b"CC0"}.items():
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_bytes(data)
    (source / "statements-releases" / "2021-11" / "._junk.md").write_bytes(b"mac")
    assert make_manifest("whitehouse", source, progress=False) == {rel: sha256(d) for rel, d in WH_FILES.items()}


# --------------------------------------------------------------------------- the real corpora in ../shared


def _shared_corpora() -> Path:
    if not config.SHARED_CORPORA.is_dir():
        pytest.skip(f"the shared corpora are absent ({config.SHARED_CORPORA}); mirror test skipped")
    return config.SHARED_CORPORA


@pytest.mark.corpus
def test_mirror_verifies_every_file_of_the_real_whitehouse_corpus(tmp_path: Path):
    shared = _shared_corpora()
    dest = tmp_path / "whitehouse"
    paths = fetch_corpus("whitehouse", dest=dest, mirror=shared, progress=False)
    expected = read_manifest(manifest_path("whitehouse"))
    assert paths == [dest / rel for rel in sorted(expected)]
    assert all(sha256(p.read_bytes()) == expected[p.relative_to(dest).as_posix()] for p in paths)
    assert sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()) == sorted(expected)


@pytest.mark.corpus
@pytest.mark.slow
def test_mirror_verifies_every_file_of_the_real_ungd_corpus(tmp_path: Path):
    shared = _shared_corpora()
    dest = tmp_path / "ungd"
    paths = fetch_corpus("ungd", dest=dest, mirror=shared, progress=False)
    assert len(paths) == len(read_manifest(manifest_path("ungd"))) == 10953


@pytest.mark.corpus
def test_mirror_verifies_the_real_presidents_corpus(tmp_path: Path):
    shared = _shared_corpora()
    dest = tmp_path / "presidents-ru-ua"
    paths = fetch_corpus("presidents-ru-ua", dest=dest, mirror=shared, progress=False)
    expected = read_manifest(manifest_path("presidents-ru-ua"))
    assert [p.name for p in paths] == ["putin.csv", "zelenskyy.csv"]
    assert all(sha256(p.read_bytes()) == expected[p.name] for p in paths)


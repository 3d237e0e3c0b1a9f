"""Tests of analysis.ingest.sources: folders, archives and corrupt members, the sources.csv sidecar."""

from __future__ import annotations

import io
import os
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

from conftest import UNGD, needs_corpus
from tests.ingest.conftest import READOUT

from analysis.ingest.readers import read_input
from analysis.ingest.sources import MAX_MEMBER_BYTES, RawInput, RawRejection, find_speaker_lists, iter_inputs, read_speaker_list


def test_folders_archives_and_corrupt_members(tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(READOUT)
    with zipfile.ZipFile(tmp_path / "pack.zip", "w") as z:
        z.writestr("inner/b.txt", READOUT + " Zip.")
        z.writestr("__MACOSX/._b.txt", b"junk")
    for suffix, mode in ((".tar.gz", "w:gz"), (".tgz", "w:gz"), (".tar.xz", "w:xz")):
        with tarfile.open(tmp_path / f"pack{suffix}", mode) as t:
            payload = (READOUT + f" {suffix}.").encode()
            info = tarfile.TarInfo("c.txt")
            info.size = len(payload)
            t.addfile(info, io.BytesIO(payload))
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    items = list(iter_inputs([tmp_path]))
    paths = {i.path: i for i in items}
    assert isinstance(paths["sub/a.txt"], RawInput)
    assert isinstance(paths["pack.zip/inner/b.txt"], RawInput)
    assert isinstance(paths["pack.zip/__MACOSX/._b.txt"], RawRejection)
    for suffix in (".tar.gz", ".tgz", ".tar.xz"):
        assert paths[f"pack{suffix}/c.txt"].data.endswith(f"{suffix}.".encode())
    assert "corrupt" in paths["broken.zip"].reason


def test_corrupt_zip_member_is_a_rejection(tmp_path) -> None:
    path = tmp_path / "bad.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("good.txt", READOUT)
        z.writestr("bad.txt", READOUT * 20)
    data = bytearray(path.read_bytes())
    pos = data.find(b"bad.txt") + len("bad.txt") + 10  # inside the second member's compressed bytes
    data[pos : pos + 20] = b"\xff" * 20
    path.write_bytes(bytes(data))
    items = {i.path: i for i in iter_inputs([path])}
    assert isinstance(items["bad.zip/good.txt"], RawInput)
    assert isinstance(items["bad.zip/bad.txt"], RawRejection) and "corrupt" in items["bad.zip/bad.txt"].reason


def test_sidecar_sets_source_and_side(tmp_path) -> None:
    (tmp_path / "r.txt").write_text(READOUT)
    (tmp_path / "sources.csv").write_text("path,source,side,kind\nr.txt,US State Dept,US,readout\n")
    items = [i for i in iter_inputs([tmp_path]) if isinstance(i, RawInput)]
    doc = read_input(items[0])[0][0]
    assert doc.meta["source"] == "US State Dept" and doc.meta["side"] == "US"


# --- hostile inputs: links, special files, hidden files, odd names, bombs ----------------------------------

README = b"Readout of a call. President Biden spoke today with President Xi Jinping. The two leaders discussed trade.\n"


def _walk(root: Path) -> tuple[list[str], dict[str, str]]:
    docs, rejected = [], {}
    for item in iter_inputs([root]):
        if isinstance(item, RawInput):
            docs.append(item.path)
        else:
            rejected[item.path] = item.reason
    return docs, rejected


def test_links_special_files_and_hidden_files_are_accounted_for(tmp_path):
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_bytes(README)
    (root / "sub" / "b.txt").write_bytes(README + b" b")
    (root / ".hidden.txt").write_bytes(README)
    (root / ".git").mkdir()
    (root / ".git" / "x.txt").write_bytes(README)
    (root / "._a.txt").write_bytes(b"\x00\x05\x16\x07")
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    os.symlink(root, root / "sub" / "loop")  # a folder link back to the top
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_bytes(README + b" c")
    os.symlink(outside, root / "linked")
    os.mkfifo(root / "pipe.txt")  # would hang a reader that opened it
    docs, rejected = _walk(root)
    assert docs == ["a.txt", "linked/c.txt", "sub/b.txt"]
    assert rejected[".hidden.txt"].startswith("hidden file")
    assert rejected[".git/"].startswith("hidden folder")
    assert rejected["._a.txt"] == "macOS metadata file, not a document"
    assert rejected["dangling.txt"].startswith("broken symbolic link")
    assert "loop" in rejected["sub/loop"]
    assert rejected["pipe.txt"] == "a FIFO, not a file: not read"


def test_a_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (Path(os.fsdecode(bytes(root) + b"/caf\xe9.txt"))).write_bytes(README)
    docs, rejected = _walk(root)
    assert docs == ["caf\\xe9.txt"] and not rejected
    docs[0].encode("utf-8")  # storable in the tables


def test_tar_links_and_fifos_are_rejections_not_silence(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        info = tarfile.TarInfo("docs/a.txt")
        info.size = len(README)
        tar.addfile(info, io.BytesIO(README))
        for name, kind in (("docs/link.txt", tarfile.SYMTYPE), ("docs/hard.txt", tarfile.LNKTYPE), ("docs/pipe", tarfile.FIFOTYPE)):
            member = tarfile.TarInfo(name)
            member.type = kind
            member.linkname = "docs/a.txt" if kind != tarfile.FIFOTYPE else ""
            tar.addfile(member)
        latin = tarfile.TarInfo("docs/caf\udce9.txt")
        latin.size = len(README)
        tar.addfile(latin, io.BytesIO(README + b" latin"))
    (tmp_path / "x.tar").write_bytes(buf.getvalue())
    docs, rejected = _walk(tmp_path / "x.tar")
    assert docs[0] == "x.tar/docs/a.txt" and len(docs) == 2 and all(d.encode("utf-8") for d in docs)
    assert rejected == {"x.tar/docs/link.txt": "archive member is a symbolic link, not a file: not read",
                        "x.tar/docs/hard.txt": "archive member is a hard link, not a file: not read",
                        "x.tar/docs/pipe": "archive member is a FIFO, not a file: not read"}


def test_a_zip_bomb_is_rejected_before_it_is_read(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("ok.txt", README)
        with archive.open("zeros.txt", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_MEMBER_BYTES // len(chunk) + 16):  # just over the limit, a few hundred KB compressed
                member.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    tracemalloc.start()
    docs, rejected = _walk(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert docs == ["bomb.zip/ok.txt"]
    assert "over the limit" in rejected["bomb.zip/zeros.txt"]
    assert peak < 50_000_000  # the member was never inflated into memory


def _mark_encrypted(path: Path, name: str) -> None:
    """Set the "encrypted" flag of one member in its local header and its central-directory entry."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(name).header_offset
    data[offset + 6] |= 0x1
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n = int.from_bytes(data[central + 28:central + 30], "little")
        if bytes(data[central + 46:central + 46 + n]) == name.encode():
            data[central + 8] |= 0x1
            break
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_an_encrypted_zip_member_is_a_rejection(tmp_path):
    path = tmp_path / "locked.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("secret.txt", README)
        archive.writestr("open.txt", README)
    _mark_encrypted(path, "secret.txt")
    docs, rejected = _walk(path)
    assert docs == ["locked.zip/open.txt"]
    assert rejected["locked.zip/secret.txt"] == "encrypted (password-protected) archive member: not read"


def test_a_sources_csv_in_cp1252_is_read(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_bytes(README)
    (root / "sources.csv").write_bytes("path,source,side\na.txt,Minist\xe8re fran\xe7ais des Affaires \xe9trang\xe8res,FR\n".encode("cp1252"))
    inputs = [i for i in iter_inputs([root]) if isinstance(i, RawInput)]
    assert [i.path for i in inputs] == ["a.txt"]
    assert inputs[0].sidecar == {"source": "Minist\u00e8re fran\u00e7ais des Affaires \u00e9trang\u00e8res", "side": "FR"}


@needs_corpus(UNGD)
def test_un_speaker_list_is_read_whole():
    """Speakers_by_session.xlsx: one speaker per country and year, names and posts trimmed, years as integers."""
    speakers = read_speaker_list(UNGD / "Speakers_by_session.xlsx")
    assert len(speakers) > 10_000
    assert all(iso.isalpha() and iso.isupper() and 1946 <= year <= 2024 for iso, year in speakers)  # "EU", "YDYE" too
    assert all(v["speaker_name"] and v["speaker_name"] == v["speaker_name"].strip() for v in speakers.values())
    assert speakers[("BRA", 2024)]["speaker_post"] == "President"
    assert sum(1 for v in speakers.values() if v["speaker_post"]) > len(speakers) / 2


def test_a_broken_speaker_list_only_loses_the_names(tmp_path):
    (tmp_path / "Speakers_by_session.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    assert find_speaker_lists([tmp_path]) == {}

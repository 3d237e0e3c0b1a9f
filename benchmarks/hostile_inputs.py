"""Hostile but fair inputs: about 110 cases, generated in a temporary folder, built, and what became of each unit counted.

Usage::

    python benchmarks/hostile_inputs.py            # every case (a few minutes)
    python benchmarks/hostile_inputs.py --big      # also the 50 MB text and the 100,000-row CSV (about 15 minutes)

The cases follow the ten kinds of fault of issue 15: killed and failed builds, one bad input stopping the
run, zip bombs and FIFOs, inputs vanishing, one bad row costing its file, duplicate CSV columns, misleading
rejections, formulas in exported chart CSVs, tracebacks instead of plain errors, memory and time per document.
Each case states the units it holds (a file, an archive member, a row, a JSON item) and what each should
become (a document, or a rejection whose reason holds some words). The build's tables then tell, for each
unit, whether it is accounted for (a document or a rejection row), misjudged (accounted for, but not as
expected) or silently dropped (in neither table), and whether the run crashed (a traceback or exit code
other than the one expected). Prints one line per case that is not as expected and the totals.
"""

from __future__ import annotations

import argparse
import base64
import csv
import io
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

READOUT = ("President Biden spoke today with President Xi Jinping of the People's Republic of China. The two leaders "
           "discussed climate change and the situation in Ukraine. President Biden underscored the importance of peace "
           "across the Taiwan Strait.")
DOC, REJ = "document", "rejection"
AS_ROOT = os.geteuid() == 0  # root reads a folder whatever its mode: an unreadable folder cannot be made


def readout(n: int | str) -> str:
    """A distinct valid readout (distinct texts, so no case is a duplicate of another)."""
    return READOUT.replace("climate change", f"climate change (note {n})")


@dataclass
class Case:
    """One hostile input: a function writing it into a folder, and the fate of each unit it holds."""

    category: int
    name: str
    write: Callable[[Path], None]
    units: dict[str, str]  # unit path (relative to the case folder) -> DOC, REJ, or "rejection:words in the reason"
    results: dict[str, str] = field(default_factory=dict)


CASES: list[Case] = []


def case(category: int, name: str, units: dict[str, str]):
    def register(write: Callable[[Path], None]) -> Callable[[Path], None]:
        CASES.append(Case(category, name, write, units))
        return write
    return register


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]], mode: str = "w") -> None:
    with tarfile.open(path, mode) as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
            tar.addfile(info, io.BytesIO(data) if data is not None else None)


def _member(name: str, kind: bytes = tarfile.REGTYPE, linkname: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname, info.mtime = kind, linkname, 0
    return info


# --- 2. one bad input must not stop the run --------------------------------------------------------------------

@case(2, "symlink loop", {"loop-a.txt": REJ, "loop-b.txt": REJ, "good.txt": DOC})
def _(d: Path) -> None:
    (d / "good.txt").write_text(readout("loop"))
    os.symlink("loop-b.txt", d / "loop-a.txt")
    os.symlink("loop-a.txt", d / "loop-b.txt")


@case(2, "self link", {"self.txt": REJ})
def _(d: Path) -> None:
    os.symlink("self.txt", d / "self.txt")


@case(2, "dangling symlink", {"gone.txt": "rejection:broken symbolic link", "good.txt": DOC})
def _(d: Path) -> None:
    (d / "good.txt").write_text(readout("dangling"))
    os.symlink("/nonexistent/target.txt", d / "gone.txt")


@case(2, "folder link loop", {"sub/good.txt": DOC, "sub/up": "rejection:loop"})
def _(d: Path) -> None:
    (d / "sub").mkdir()
    (d / "sub" / "good.txt").write_text(readout("folder loop"))
    os.symlink("..", d / "sub" / "up")


@case(2, "password zip (zip -e)", {"secret.zip/secret.txt": "rejection:encrypted", "secret.zip/plain.txt": DOC})
def _(d: Path) -> None:
    (d / "secret.txt").write_text(readout("secret"))
    subprocess.run(["zip", "-q", "-j", "-P", "hunter2", str(d / "secret.zip"), str(d / "secret.txt")], check=True)
    (d / "secret.txt").unlink()
    with zipfile.ZipFile(d / "secret.zip", "a") as z:
        z.writestr("plain.txt", readout("plain in secret"))


for _key, _value in (("location", "[Rome, Paris]"), ("source", "42"), ("participants", "7"), ("title", "{a: b}"),
                     ("date", "[2021]"), ("side", "true"), ("kind", "3.5"), ("event_type", "null")):
    def _write(d: Path, key=_key, value=_value) -> None:
        (d / "fm.md").write_text(f"---\n{key}: {value}\n---\n{readout(key)}\n")
    case(2, f"front matter {_key}: {_value}", {"fm.md": DOC})(_write)


_LAUGHS = "".join(f"l{k}: &l{k} [{', '.join([f'*l{k - 1}'] * 9)}]\n" for k in range(1, 10))


for _key in ("date", "participants"):
    def _write(d: Path, key=_key) -> None:  # a billion laughs: nine levels of nine aliases
        (d / "laughs.md").write_text(f"---\nl0: &l0 [lol]\n{_LAUGHS}{key}: *l9\n---\n{readout('laughs ' + key)}\n")
    case(2, f"YAML alias bomb in front matter ({_key})", {"laughs.md": DOC})(_write)


@case(2, "JSON nested 100,000 deep", {"deep.json": REJ})
def _(d: Path) -> None:
    (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000)


@case(2, "file name not UTF-8", {"caf\\xe9.txt": DOC})
def _(d: Path) -> None:
    with open(os.fsencode(d) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(readout("latin-1 name").encode())


@case(2, "tar member with a Latin-1 name", {"names.tar/caf\\xe9.txt": DOC, "names.tar/ok.txt": DOC})
def _(d: Path) -> None:
    with tarfile.open(d / "names.tar", "w", format=tarfile.GNU_FORMAT, encoding="latin-1") as tar:
        for name, text in (("caf\u00e9.txt", readout("tar latin-1")), ("ok.txt", readout("tar ok"))):
            data = text.encode()
            info = _member(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@case(2, "sources.csv in cp1252", {"call.txt": DOC, "sources.csv": "rejection:sidecar"})
def _(d: Path) -> None:
    (d / "call.txt").write_text(readout("cp1252 sidecar"))
    (d / "sources.csv").write_bytes("path,source,side\ncall.txt,Minist\u00e8re des Affaires \u00e9trang\u00e8res,FR\n".encode("cp1252"))


@case(2, "sources.csv that is binary", {"call.txt": DOC, "sources.csv": REJ})
def _(d: Path) -> None:
    (d / "call.txt").write_text(readout("binary sidecar"))
    (d / "sources.csv").write_bytes(bytes(range(256)) * 8)


@case(2, "sources.csv without a path column", {"call.txt": DOC, "sources.csv": REJ})
def _(d: Path) -> None:
    (d / "call.txt").write_text(readout("pathless sidecar"))
    (d / "sources.csv").write_text("source,side\nWhite House,US\n")


@case(2, "corrupt zip", {"broken.zip": "rejection:corrupt"})
def _(d: Path) -> None:
    (d / "broken.zip").write_bytes(b"PK\x03\x04" + os.urandom(500))


@case(2, "truncated tar.gz", {"cut.tar.gz/b.txt": "rejection:corrupt", "cut.tar.gz/a.txt": DOC})
def _(d: Path) -> None:
    members = [(_member("a.txt"), readout("tgz a").encode()), (_member("b.txt"), os.urandom(200_000))]
    _tar(d / "cut.tar.gz", members, "w:gz")
    data = (d / "cut.tar.gz").read_bytes()
    (d / "cut.tar.gz").write_bytes(data[: len(data) // 2])


# --- 3. limits: zip bombs, FIFOs and other special files ------------------------------------------------------------

@case(3, "zip bomb: 1 GB of zeros in 1 MB", {"bomb.zip/zeros.txt": "rejection:over the limit"})
def _(d: Path) -> None:
    with zipfile.ZipFile(d / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as z, z.open("zeros.txt", "w", force_zip64=True) as m:
        block = b"0" * (1 << 20)
        for _ in range(1024):
            m.write(block)


@case(3, "zip member claiming 300x", {"ratio.zip/spaces.txt": "rejection:times"})
def _(d: Path) -> None:
    with zipfile.ZipFile(d / "ratio.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("spaces.txt", " " * 40_000_000)


@case(3, "tar.gz bomb: 300 MB member", {"bomb.tar.gz/zeros.txt": "rejection:over the limit"})
def _(d: Path) -> None:
    size = 300 * 1024 * 1024
    with tarfile.open(d / "bomb.tar.gz", "w:gz", compresslevel=1) as tar:
        info = _member("zeros.txt")
        info.size = size

        class Zeros(io.RawIOBase):
            left = size

            def readinto(self, b):
                n = min(len(b), self.left)
                b[:n] = b"\0" * n
                self.left -= n
                return n

        tar.addfile(info, Zeros())


@case(3, "FIFO", {"pipe.txt": "rejection:FIFO", "good.txt": DOC})
def _(d: Path) -> None:
    (d / "good.txt").write_text(readout("fifo"))
    os.mkfifo(d / "pipe.txt")


@case(3, "FIFO named .csv", {"pipe.csv": "rejection:FIFO"})
def _(d: Path) -> None:
    os.mkfifo(d / "pipe.csv")


@case(3, "socket", {"sock.txt": "rejection:socket"})
def _(d: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(d / "sock.txt"))
    s.close()


@case(3, "link to a device", {"null.txt": "rejection:device"})
def _(d: Path) -> None:
    os.symlink("/dev/null", d / "null.txt")


@case(3, "archive in an archive", {"outer.zip/inner.zip": REJ, "outer.zip/a.txt": DOC})
def _(d: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("deep.txt", readout("deep"))
    with zipfile.ZipFile(d / "outer.zip", "w") as z:
        z.writestr("inner.zip", inner.getvalue())
        z.writestr("a.txt", readout("outer a"))


# --- 4. nothing may vanish ---------------------------------------------------------------------------------------------

@case(4, "unreadable subfolder" + (" (as root: readable, so read)" if AS_ROOT else ""),
      {"locked/inside.txt" if AS_ROOT else "locked": DOC if AS_ROOT else "rejection:cannot be read", "good.txt": DOC})
def _(d: Path) -> None:
    (d / "good.txt").write_text(readout("locked"))
    (d / "locked").mkdir()
    (d / "locked" / "inside.txt").write_text(readout("inside locked"))
    os.chmod(d / "locked", 0)


@case(4, "symlinked folder", {"linked/a.txt": DOC})
def _(d: Path) -> None:
    real = d.parent.parent / f"outside-{d.name}"  # outside the input folder
    real.mkdir()
    (real / "a.txt").write_text(readout("linked folder"))
    os.symlink(real, d / "linked")


@case(4, "hidden folder", {".hidden/": "rejection:hidden"})
def _(d: Path) -> None:
    (d / ".hidden").mkdir()
    (d / ".hidden" / "a.txt").write_text(readout("hidden folder"))


@case(4, "hidden file", {".secret.txt": "rejection:hidden"})
def _(d: Path) -> None:
    (d / ".secret.txt").write_text(readout("hidden file"))


@case(4, "macOS ._ file", {"._call.txt": "rejection:macOS"})
def _(d: Path) -> None:
    (d / "._call.txt").write_bytes(b"\0\x05\x16\x07" + os.urandom(100))


@case(4, ".DS_Store", {".DS_Store": "rejection:macOS"})
def _(d: Path) -> None:
    (d / ".DS_Store").write_bytes(b"\0\0\0\1Bud1" + os.urandom(100))


@case(4, "__MACOSX in a zip", {"mac.zip/__MACOSX/._a.txt": REJ, "mac.zip/a.txt": DOC})
def _(d: Path) -> None:
    with zipfile.ZipFile(d / "mac.zip", "w") as z:
        z.writestr("a.txt", readout("mac zip"))
        z.writestr("__MACOSX/._a.txt", b"\0\x05\x16\x07junk")


for _kind, _type, _link in (("symlink", tarfile.SYMTYPE, "a.txt"), ("hard link", tarfile.LNKTYPE, "a.txt"),
                            ("FIFO", tarfile.FIFOTYPE, ""), ("device", tarfile.CHRTYPE, "")):
    def _write(d: Path, kind=_type, link=_link) -> None:
        _tar(d / "links.tar", [(_member("a.txt"), readout(f"tar {kind!r}").encode()), (_member("odd.txt", kind, link), None)])
    case(4, f"tar {_kind} member", {"links.tar/a.txt": DOC, "links.tar/odd.txt": "rejection:not a file"})(_write)


@case(4, "JSON list items that are not objects", {"items.json#row1": DOC, "items.json#row2": REJ, "items.json#row3": REJ,
                                                  "items.json#row4": REJ})
def _(d: Path) -> None:
    (d / "items.json").write_text(json.dumps([{"content": readout("json item")}, 42, "text", [1, 2]]))


@case(4, "JSON that is one number", {"one.json": REJ})
def _(d: Path) -> None:
    (d / "one.json").write_text("42")


def _quoted(n: int, *, newline: str = "\n", delimiter: str = ",", tag: str = "") -> list[str]:
    return [delimiter.join([f"Call {k}", "2022-03-04", f'"{readout(f"csv {tag} {k}")}{newline}{newline}They agreed to talk again."'])
            for k in range(1, n + 1)]


def _merged(newline: str = "\n", delimiter: str = ",", name: str = "merged.csv", broken: int = 2):
    def write(d: Path) -> None:
        rows = _quoted(5, newline=newline, delimiter=delimiter, tag=f"{newline!r} {delimiter!r} {broken}")
        rows[broken - 1] = rows[broken - 1][:-1]  # the closing quote is lost
        (d / name).write_bytes((newline.join([delimiter.join(["title", "date", "content"]), *rows]) + newline).encode())
    return write


case(4, "CSV row with an unbalanced quote", {f"merged.csv#row{n}": REJ if n == 2 else DOC for n in range(1, 6)})(_merged())
case(4, "CSV unbalanced quote, CRLF", {f"merged.csv#row{n}": REJ if n == 2 else DOC for n in range(1, 6)})(_merged("\r\n"))
case(4, "TSV unbalanced quote", {f"merged.tsv#row{n}": REJ if n == 2 else DOC for n in range(1, 6)})(
    _merged(delimiter="\t", name="merged.tsv"))
case(4, "CSV unbalanced quote in the last row", {f"merged.csv#row{n}": REJ if n == 5 else DOC for n in range(1, 6)})(
    _merged(broken=5))


@case(4, "CSV quote opened and never closed", {f"open.csv#row{n}": REJ if n == 1 else DOC for n in range(1, 5)})
def _(d: Path) -> None:
    rows = [f"Call {k},2022-03-04,{readout(f'open {k}')}" for k in range(1, 5)]
    rows[0] = rows[0].replace(",President", ',"President', 1)
    (d / "open.csv").write_text("title,date,content\n" + "\n".join(rows) + "\n")


@case(4, "CSV stray quote closed by a second stray quote", {"twice.csv#row1": DOC, "twice.csv#row2": DOC})
def _(d: Path) -> None:  # valid CSV (a field with a line break): row 2 merges into row 1; cannot be told apart
    (d / "twice.csv").write_text(f'title,content\nA,"{readout("twice a")}\nB,{readout("twice b")}"\n')


@case(4, "empty file in a zip", {"e.zip/empty.txt": "rejection:empty", "e.zip/a.txt": DOC})
def _(d: Path) -> None:
    with zipfile.ZipFile(d / "e.zip", "w") as z:
        z.writestr("empty.txt", b"")
        z.writestr("a.txt", readout("beside empty"))


@case(4, "README and LICENSE beside documents", {"README.md": REJ, "LICENSE": REJ, "a.txt": DOC})
def _(d: Path) -> None:
    (d / "README.md").write_text("# About\nThis folder holds readouts.\n")
    (d / "LICENSE").write_text("MIT License\n")
    (d / "a.txt").write_text(readout("beside readme"))


for _label, _fname in (("spaces", "a call with spaces.txt"), ("unicode", "\u5927\u4f7f-readout-\u00e9\u00e8.txt"),
                       ("newline", "line\nbreak.txt"), ("leading dash", "-rf.txt"), ("long", "x" * 240 + ".txt"),
                       ("no extension", "README-not"), ("upper-case extension", "CALL.TXT"), ("glob characters", "[a]*?.txt")):
    def _write(d: Path, fname=_fname) -> None:
        (d / fname).write_text(readout(fname))
    case(4, f"odd file name: {_label}", {_fname: DOC})(_write)


# --- 5. a bad row never costs its file ----------------------------------------------------------------------------------

@case(5, "CSV field over 131,072 characters", {"long.csv#row1": DOC, "long.csv#row2": DOC})
def _(d: Path) -> None:
    (d / "long.csv").write_text(_csv([["title", "content"], ["Long", (readout("long") + " ") * 1200], ["Short", readout("short")]]))


@case(5, "JSONL line that is not an object", {"r.jsonl#row1": DOC, "r.jsonl#row2": REJ, "r.jsonl#row3": DOC})
def _(d: Path) -> None:
    (d / "r.jsonl").write_text("\n".join([json.dumps({"content": readout("jsonl 1")}), "[1, 2]", json.dumps({"content": readout("jsonl 3")})]))


@case(5, "JSONL whose first row lacks the text column", {"f.jsonl#row1": REJ, "f.jsonl#row2": DOC})
def _(d: Path) -> None:
    (d / "f.jsonl").write_text("\n".join([json.dumps({"title": "no text"}), json.dumps({"content": readout("jsonl second")})]))


@case(5, "JSONL line that is not JSON", {"b.jsonl#row1": DOC, "b.jsonl#row2": REJ, "b.jsonl#row3": DOC})
def _(d: Path) -> None:
    (d / "b.jsonl").write_text("\n".join([json.dumps({"content": readout("bad json 1")}), "{not json", json.dumps({"content": readout("bad json 3")})]))


@case(5, "CSV row with too many fields", {"wide.csv#row1": DOC, "wide.csv#row2": REJ, "wide.csv#row3": DOC})
def _(d: Path) -> None:
    (d / "wide.csv").write_text(_csv([["title", "content"], ["A", readout("wide a")], ["B", readout("wide b"), "extra", "more"],
                                      ["C", readout("wide c")]]))


@case(5, "CSV row with an empty text", {"gap.csv#row1": "rejection:no text", "gap.csv#row2": DOC})
def _(d: Path) -> None:
    (d / "gap.csv").write_text(_csv([["title", "content"], ["Empty", ""], ["Full", readout("gap")]]))


@case(5, "CSV row in Chinese", {"zh.csv#row1": "rejection:not English", "zh.csv#row2": DOC})
def _(d: Path) -> None:
    (d / "zh.csv").write_text(_csv([["title", "content"], ["ZH", "\u738b\u6bc5\u4f1a\u89c1\u5e03\u6797\u80af\u3002" * 40],
                                    ["EN", readout("zh")]]))


@case(5, "CSV rows that duplicate each other", {"dup.csv#row1": DOC, "dup.csv#row2": "rejection:duplicate"})
def _(d: Path) -> None:
    (d / "dup.csv").write_text(_csv([["title", "content"], ["A", readout("dup")], ["B", readout("dup")]]))


@case(5, "CSV with a NUL byte in one row", {"nul.csv#row1": DOC, "nul.csv#row2": DOC, "nul.csv#row3": DOC})
def _(d: Path) -> None:
    (d / "nul.csv").write_text(_csv([["title", "content"], ["A", readout("nul a")], ["B", "broken \0 row " + readout("nul b")],
                                     ["C", readout("nul c")]]))


@case(5, "UTF-16 CSV", {"u16.csv#row1": DOC})
def _(d: Path) -> None:
    (d / "u16.csv").write_bytes(_csv([["title", "content"], ["A", readout("utf-16")]]).encode("utf-16"))


# --- 6. duplicate CSV columns ---------------------------------------------------------------------------------------------

for _label, _header in (("content twice", ["title", "content", "content"]), ("Content and content", ["title", "Content", "content"]),
                        ("title twice", ["title", "title", "content"]), ("text and content", ["title", "text", "content"])):
    def _write(d: Path, header=_header) -> None:
        (d / "cols.csv").write_text(_csv([header, ["A", "first " + readout("cols"), readout("cols second")]]))
    case(6, f"CSV columns: {_label}", {"cols.csv": "rejection:appears twice"} if _label != "text and content" else {"cols.csv#row1": DOC})(_write)


# --- 7. valid documents must not be rejected ------------------------------------------------------------------------------

for _date in ("2021-13-45", "2021-02-30", "yesterday", "0000-00-00"):
    def _write(d: Path, date=_date) -> None:
        (d / "dated.md").write_text(f"---\ntitle: A call\ndate: {date}\n---\n{readout(date)}\n")
    case(7, f"impossible date {_date}", {"dated.md": DOC})(_write)


@case(7, "empty front matter", {"empty-fm.md": DOC})
def _(d: Path) -> None:
    (d / "empty-fm.md").write_text(f"---\n---\n{readout('empty fm')}\n")


@case(7, "front matter with only a comment", {"comment-fm.md": DOC})
def _(d: Path) -> None:
    (d / "comment-fm.md").write_text(f"---\n# nothing here\n---\n{readout('comment fm')}\n")


_IMAGE = "data:image/png;base64," + base64.b64encode(random.Random(0).randbytes(8_500_000)).decode()


@case(7, "HTML with an 11 MB inline image before the text", {"img.html": DOC})
def _(d: Path) -> None:
    (d / "img.html").write_text(f'<html><head><title>Call</title></head><body><img src="{_IMAGE}"><p>{readout("img")}</p></body></html>')


@case(7, "HTML with an 11 MB inline image between paragraphs", {"mid.html": DOC})
def _(d: Path) -> None:
    (d / "mid.html").write_text(f"<html><body><p>{readout('mid 1')}</p><img src='{_IMAGE}'><p>After the image.</p></body></html>")


@case(7, "HTML with a 12 MB script", {"script.html": DOC})
def _(d: Path) -> None:
    blob = json.dumps({"state": _IMAGE})
    (d / "script.html").write_text(f"<html><head><script>var s = {blob};</script></head><body><p>{readout('script')}</p></body></html>")


@case(7, "HTML with an inline font in a style block", {"style.html": DOC})
def _(d: Path) -> None:
    (d / "style.html").write_text(f"<html><head><style>@font-face {{src: url({_IMAGE})}}</style></head><body><p>{readout('style')}</p></body></html>")


@case(7, "CSV HTML column with an inline image", {"html.csv#row1": DOC})
def _(d: Path) -> None:
    (d / "html.csv").write_text(_csv([["title", "content_html"], ["A", f'<p>{readout("html col")}</p><img src="{_IMAGE}">']]))


# --- runs of their own -------------------------------------------------------------------------------------------------------

def run_build(inputs: list[Path], out: Path, *extra: str, limits: list[str] | None = None) -> tuple[int, str, float]:
    """``python -m analysis build``: exit code, output, peak memory (MB) of it and its workers."""
    cmd = [*(["prlimit", *limits, "--"] if limits else []), sys.executable, "-m", "analysis", "build", *map(str, inputs),
           "--out", str(out), "--quiet", *extra]
    with tempfile.TemporaryFile("w+") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        return proc.returncode, log.read(), usage.ru_maxrss / 1024


def accounted(out: Path) -> tuple[set[str], dict[str, str]]:
    docs = set(pd.read_parquet(out / "documents.parquet", columns=["path"])["path"])
    rej = pd.read_parquet(out / "rejections.parquet")
    return docs, dict(zip(rej["path"], rej["reason"]))


def judge(unit: str, fate: str, docs: set[str], rejected: dict[str, str]) -> str:
    """'ok', 'misjudged: ...' or 'dropped'."""
    if unit in docs:
        return "ok" if fate == DOC else f"misjudged: a document, expected {fate}"
    if unit in rejected:
        if fate == DOC:
            return f"misjudged: rejected ({rejected[unit][:90]})"
        words = fate.partition(":")[2]
        return "ok" if words.lower() in rejected[unit].lower() else f"misjudged: reason {rejected[unit][:90]!r}"
    return "dropped"


def folder_cases(root: Path) -> list[tuple[Case, str, str]]:
    """Build every folder case, one build per category; (case, unit, verdict) for every unit."""
    verdicts = []
    for category in sorted({c.category for c in CASES}):
        cases = [c for c in CASES if c.category == category]
        inputs = root / f"in-{category}"
        inputs.mkdir()
        for n, c in enumerate(cases):
            folder = inputs / f"{n:02d}"
            folder.mkdir()
            c.write(folder)
        code, output, _ = run_build([inputs], root / f"out-{category}", "--workers", "2")
        crashed = code != 0 or "Traceback" in output
        for n, c in enumerate(cases):
            if crashed:
                verdicts += [(c, unit, f"crash (exit {code}): {output.strip().splitlines()[-1][:100] if output.strip() else ''}")
                             for unit in c.units]
                continue
            docs, rejected = accounted(root / f"out-{category}")
            verdicts += [(c, unit, judge(f"{n:02d}/{unit}", fate, docs, rejected)) for unit, fate in c.units.items()]
        for folder in inputs.rglob("*"):
            if folder.is_dir() and not folder.is_symlink():
                os.chmod(folder, 0o755)
    return verdicts


def atomic_cases(root: Path) -> list[tuple[str, str]]:
    """1: a build killed at three moments, a full disk, a stale staging folder: the previous tables stay whole."""
    out = root / "atomic" / "processed"
    seed = root / "atomic" / "seed"
    seed.mkdir(parents=True)
    (seed / "seed.txt").write_text(readout("seed"))
    code, output, _ = run_build([seed], out, "--workers", "1")
    assert code == 0, output
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    many = root / "atomic" / "many"
    many.mkdir()
    for n in range(1500):
        (many / f"call-{n:04d}.txt").write_text(readout(f"many {n}") * 20)
    results = []
    for delay in (0.0, 1.0, 3.0):  # this many seconds after the first table file appears in the staging folder
        proc = subprocess.Popen([sys.executable, "-m", "analysis", "build", str(many), "--out", str(out), "--workers", "1", "--quiet"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not any(p.name.startswith(".processed.build-") and any(p.glob("*.parquet*"))
                                                      for p in out.parent.iterdir()):
            time.sleep(0.02)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        now = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
        docs = pd.read_parquet(out / "documents.parquet")
        sentences = pd.read_parquet(out / "sentences.parquet")
        whole = now == before and set(sentences["doc_id"]) == set(docs["doc_id"])
        results.append((f"killed {delay} s into writing", "ok" if whole else "tables changed or mixed"))
    code, output, _ = run_build([seed], out, "--workers", "1")
    stale = [p for p in out.parent.iterdir() if p.name.startswith(".processed.")]
    results.append(("next build removes a killed build's staging", "ok" if code == 0 and not stale else f"left {stale}"))
    before = {p.name: p.read_bytes() for p in out.glob("*.parquet")}
    code, output, _ = run_build([many], out, "--workers", "1", limits=["--fsize=300000"])  # "disk full": files over 300 kB fail
    plain = code == 1 and "Traceback" not in output and "error:" in output
    same = {p.name: p.read_bytes() for p in out.glob("*.parquet")} == before
    left = [p for p in out.parent.iterdir() if p.name.startswith(".processed.")] + list(out.glob("*.tmp*"))
    results.append(("disk full (file size limit)", "ok" if plain and same and not left else f"exit {code}, same={same}, left={left}: {output[-200:]}"))
    return results


def error_cases(root: Path) -> list[tuple[str, str]]:
    """9: output and lexicon faults: one plain error line, no traceback."""
    seed = root / "atomic" / "seed"
    a_file = root / "a-file"
    a_file.write_text("x")
    bad_yaml = root / "bad.yaml"
    bad_yaml.write_text("topics:\n  taiwan: [\n")
    empty = root / "empty.yaml"
    empty.write_text("")
    shape = root / "shape.yaml"
    shape.write_text("- just\n- a list\n")
    checks = [("--out is a file", [seed], a_file, [], 1),
              ("--out under a file", [seed], a_file / "sub", [], 1),
              ("--out on a read-only file system", [seed], Path("/proc/readout-out"), [], 1),
              ("topic lexicon not YAML", [seed], root / "o", ["--topics", str(bad_yaml)], 2),
              ("marker lexicon empty", [seed], root / "o", ["--markers", str(empty)], 2),
              ("gazetteer missing", [seed], root / "o", ["--actors", str(root / "missing.yaml")], 2),
              ("topic lexicon a list", [seed], root / "o", ["--topics", str(shape)], 2),
              ("input path missing", [root / "nowhere"], root / "o", [], 2)]
    results = []
    for label, inputs, out, extra, expected in checks:
        code, output, _ = run_build(inputs, out, *extra, "--workers", "2")
        plain = code == expected and "Traceback" not in output and output.strip().startswith("error:")
        results.append((label, "ok" if plain else f"crash: exit {code}: {output.strip()[-160:]}"))
    return results


def injection_cases(root: Path) -> list[tuple[str, str]]:
    """8: formulas in exported chart CSVs are neutralised; numbers are not."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from analysis.plots.style import save_figure

    cells = ['=HYPERLINK("http://x.example","y")', "=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
    data = pd.DataFrame({"title": cells + ["-5", "3.5"], "n": range(len(cells) + 2)})
    fig, ax = plt.subplots()
    ax.plot(data["n"])
    paths = save_figure(fig, "injection", data=data, folder=root / "figures", source="=cmd|' /C calc'!A0")
    rows = list(csv.reader(paths["csv"].open(newline="")))
    text = paths["csv"].read_text()
    results = [(f"cell {c!r}", "ok" if rows[i + 1][0].startswith("'") else f"live: {rows[i + 1][0]!r}") for i, c in enumerate(cells)]
    results.append(("numbers left as numbers", "ok" if rows[-2][0] == "-5" and rows[-1][0] == "3.5" else f"{rows[-2:]}"))
    results.append(("source line", "ok" if "\n=cmd" not in text and ",=cmd" not in text else "live"))
    return results


def memory_cases(root: Path, *, big: bool) -> list[tuple[str, str]]:
    """10: peak memory and time of one long text and one long CSV."""
    text_mb, rows = (50, 100_000) if big else (10, 10_000)
    words = ("the minister said that both sides discussed trade security climate cooperation and agreed to continue talks "
             "on regional stability China United States Secretary Blinken Wang Yi emphasized dialogue President Biden").split()
    rng = random.Random(1)

    def paragraph(n: int = 5) -> str:
        return " ".join(" ".join(rng.choice(words) for _ in range(rng.randint(8, 25))).capitalize() + "." for _ in range(n))

    (root / "mem").mkdir()
    with (root / "mem" / "long.txt").open("w") as handle:
        size = 0
        while size < text_mb * 1_000_000:
            size += handle.write(paragraph() + "\n\n")
    with (root / "mem" / "rows.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "date", "content"])
        for i in range(rows):
            writer.writerow([f"Readout {i}", "2021-03-04", paragraph(3) + "\n\n" + paragraph(3)])
    results = []
    for name, label in (("long.txt", f"{text_mb} MB text"), ("rows.csv", f"{rows:,}-row CSV")):
        started = time.perf_counter()
        code, output, peak = run_build([root / "mem" / name], root / f"mem-out-{name}")
        seconds = time.perf_counter() - started
        fine = code == 0 and peak < 1000
        results.append((f"{label}: peak {peak:,.0f} MB, {seconds:,.0f} s", "ok" if fine else f"exit {code}, {output[-200:]}"))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="the 50 MB text and the 100,000-row CSV of the issue")
    parser.add_argument("--keep", help="keep the generated inputs and tables in this folder")
    args = parser.parse_args(argv)
    root = Path(args.keep or tempfile.mkdtemp(prefix="hostile-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        verdicts = folder_cases(root)
        special = ([(1, label, v) for label, v in atomic_cases(root)] + [(9, label, v) for label, v in error_cases(root)]
                   + [(8, label, v) for label, v in injection_cases(root)]
                   + [(10, label, v) for label, v in memory_cases(root, big=args.big)])
    finally:
        if not args.keep:
            for folder in root.rglob("*"):
                if folder.is_dir() and not folder.is_symlink():
                    os.chmod(folder, 0o755)
            shutil.rmtree(root, ignore_errors=True)
    n_cases = len(CASES) + len(special)
    units = len(verdicts)
    for c, unit, verdict in verdicts:
        if verdict != "ok":
            print(f"[{c.category}] {c.name}: {unit}: {verdict}")
    for category, label, verdict in special:
        print(f"[{category}] {label}: {verdict}")
    crashes = sum(v.startswith("crash") for _, _, v in verdicts) + sum(v.startswith("crash") for _, _, v in special)
    print(f"\n{n_cases} cases ({len(CASES)} input folders with {units} units, {len(special)} runs of their own)")
    print(f"units accounted for: {sum(v == 'ok' or v.startswith('misjudged') for _, _, v in verdicts)} of {units} "
          f"(as expected: {sum(v == 'ok' for _, _, v in verdicts)}, misjudged: {sum(v.startswith('misjudged') for _, _, v in verdicts)})")
    print(f"silent drops: {sum(v == 'dropped' for _, _, v in verdicts)}; crashes: {crashes}; "
          f"runs of their own as expected: {sum(v == 'ok' for _, _, v in special)} of {len(special)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

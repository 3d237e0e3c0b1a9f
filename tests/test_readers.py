"""Readers: every input format, and every kind of bad input, becomes a document or a clear rejection."""

from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
import zipfile

import pytest

from analysis.decode import Unreadable, decode_bytes
from analysis.readers import read_input, split_front_matter
from analysis.sources import RawInput, RawRejection, iter_inputs

from conftest import SEED

READOUT = (
    "President Biden spoke today with President Xi Jinping of the People\u2019s Republic of China. "
    "The two leaders discussed climate change and the situation in Ukraine. "
    "President Biden underscored the importance of peace across the Taiwan Strait."
)


def read_one(name: str, data: bytes, **sidecar):
    docs, errors = read_input(RawInput(name, data, dict(sidecar)))
    assert len(docs) == 1, errors
    return docs[0]


def test_seed_header_dates_and_event() -> None:
    doc = read_one(SEED.name, SEED.read_bytes())
    assert doc.meta["date"] == dt.date(2021, 11, 1)
    assert doc.meta["event_date"] == dt.date(2021, 10, 31)
    assert doc.meta["location"] == "Rome"
    assert doc.meta["event_type"] == "meeting"
    assert doc.meta["kind"] == "readout"
    assert doc.text.count("\n\n") == 7  # eight paragraphs
    assert doc.text.startswith("On October 31, 2021 local time")


def test_markdown_front_matter_with_white_house_quirks() -> None:
    md = (
        "---\ndate: '2023-05-11'\nsource_url: https://bidenwhitehouse.archives.gov/briefing-room/x/\n"
        "title: \"Readout of National Security Advisor Jake Sullivan\\u2019s Meeting with\\\n  \\ Director Wang\\_Yi\"\n---\n"
        "\u00a0\nNational Security Advisor Jake Sullivan met from May 10-11 with Director\nWang Yi in Vienna.\u00a0 The two\n"
        "sides had candid discussions\n\n<!-- -->\n\n-   first item\n    wrapped\n-   second item\n\n\\###\n"
    )
    doc = read_one("a.md", md.encode())
    assert doc.meta["title"] == "Readout of National Security Advisor Jake Sullivan\u2019s Meeting with Director Wang_Yi".replace("_", " ") or doc.meta["title"]
    assert "Wang Yi" in doc.meta["title"]
    assert doc.meta["source"] == "White House" and doc.meta["side"] == "US"
    assert doc.meta["date"] == dt.date(2023, 5, 11)
    assert doc.meta["location"] == "Vienna"
    assert doc.text.split("\n\n") == [
        "National Security Advisor Jake Sullivan met from May 10-11 with Director Wang Yi in Vienna. The two sides had candid discussions",
        "first item wrapped",
        "second item",
    ]
    assert "\u00a0" not in doc.text and "###" not in doc.text and "<!--" not in doc.text


def test_broken_yaml_front_matter_is_read_leniently() -> None:
    md = "---\ntitle: Readout: of a call: [broken\ndate: 2022-01-02\n---\n" + READOUT
    doc = read_one("b.md", md.encode())
    assert doc.meta["date"] == dt.date(2022, 1, 2)
    assert doc.meta["event_type"] == "call"


def test_unclosed_front_matter_is_rejected() -> None:
    with pytest.raises(Unreadable, match="never closed"):
        read_input(RawInput("c.md", b"---\ntitle: x\n" + READOUT.encode()))


def test_csv_and_jsonl_rows() -> None:
    rows = [
        {"title": "Wang Yi Meets with Blinken", "content": READOUT, "publish_time": "2021-11-01 10:00", "source_url": "https://www.fmprc.gov.cn/eng/x.html"},
        {"title": "Empty", "content": "", "publish_time": "2021-11-02", "source_url": ""},
    ]
    buf = io.StringIO()
    import csv

    writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    docs, errors = read_input(RawInput("t.csv", buf.getvalue().encode()))
    assert len(docs) == 1 and docs[0].meta["source"] == "PRC MFA" and docs[0].meta["side"] == "CN"
    assert docs[0].path == "t.csv#row1" and errors == [("t.csv#row2", "no text left after removing markup")]
    jsonl = "\n".join(json.dumps(r) for r in rows[:1]) + "\n{not json\n"
    docs, errors = read_input(RawInput("t.jsonl", jsonl.encode()))
    assert len(docs) == 1 and errors[0][0] == "t.jsonl#row2" and "not valid JSON" in errors[0][1]


def test_html_page_main_text() -> None:
    html = f"""<html><head><title>Site | Readout</title><meta property="article:published_time" content="2022-11-14T20:00:00">
    <link rel="canonical" href="https://www.whitehouse.gov/briefing-room/readout/"></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav><h1>Readout of President Biden's Meeting</h1>
    <article><p>{READOUT}</p><p>The leaders agreed to keep talking.</p></article><footer>Copyright footer text</footer></body></html>"""
    doc = read_one("page.html", html.encode())
    assert doc.meta["title"] == "Readout of President Biden's Meeting"
    assert doc.meta["date"] == dt.date(2022, 11, 14)
    assert doc.meta["source"] == "White House"
    assert "Taiwan Strait" in doc.text and "Copyright" not in doc.text and "Home" not in doc.text


def test_ungd_speech_file_name() -> None:
    doc = read_one("CHN_76_2021.txt", b"Mr. President,\nThe year 2021 is a remarkable one for the Chinese people and for the world.\n")
    assert doc.meta["kind"] == "speech" and doc.meta["side"] == "CN" and doc.meta["source"] == "UN General Debate"
    assert doc.text.split("\n\n")[0] == "Mr. President,"
    soviet = read_one("SUN_30_1975.txt", b"The Soviet Union speaks on peace and cooperation among all nations of the world.")
    assert soviet.meta["side"] == "SU"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("The President met President Macron at the caf\u00e9 and said \u201cna\u00efve\u201d things. " * 5, "cp1252"),
        ("The President met President Macron at the caf\u00e9 and said na\u00efve things. " * 5, "latin-1"),
        (READOUT, "utf-16"),
        (READOUT, "utf-8-sig"),
    ],
)
def test_encodings_are_decoded(data: str, expected: str) -> None:
    assert decode_bytes(data.encode(expected)).lstrip("\ufeff") == data


def test_crlf_is_normalised() -> None:
    doc = read_one("crlf.txt", (READOUT + "\r\n\r\nSecond paragraph here.\r\n").encode())
    assert "\r" not in doc.text and doc.text.count("\n\n") == 1


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n  ", "empty file"),
        ("bin.txt", bytes(range(256)) * 20, "binary"),
        ("zh.txt", "\u738b\u6bc5\u4f1a\u89c1\u7f8e\u56fd\u56fd\u52a1\u537f\u5e03\u6797\u80af\u3002".encode() * 20, "mostly not English"),
        ("pic.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "unsupported file type"),
    ],
)
def test_bad_inputs_give_plain_reasons(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable, match=reason):
        read_input(RawInput(name, data))


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


def test_front_matter_split_keeps_body() -> None:
    front, body = split_front_matter("---\na: 1\n---\nbody")
    assert front == {"a": 1} and body == "body"

"""The build end to end: the seed comes out right, bad input is accounted for, output is deterministic."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis import config, load_tables
from analysis.pipeline import build

from conftest import SEED, WH, needs_corpus

READOUT = (
    "President Biden spoke today with Prime Minister Mark Rutte of the Netherlands. "
    "The leaders discussed support for Ukraine and cooperation on semiconductors.\n\n"
    "President Biden underscored the importance of the transatlantic alliance."
)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=config.PROJECT_ROOT)


def test_seed_document(seed_tables) -> None:
    docs = seed_tables.documents
    assert len(docs) == 1
    doc = docs.iloc[0]
    assert doc["date"] == dt.date(2021, 11, 1)
    assert doc["event_date"] == dt.date(2021, 10, 31)
    assert doc["location"] == "Rome"
    assert list(doc["participants"]) == ["Wang Yi", "Antony Blinken"]
    assert doc["source"] == "PRC MFA" and doc["side"] == "CN" and doc["kind"] == "readout"
    assert doc["event_type"] == "meeting"
    assert doc["n_paragraphs"] == 8
    sentences = seed_tables.sentences
    assert sentences["para_id"].nunique() == 8
    assert not sentences["text"].str.endswith("U.S.").any()
    text = doc["text"]
    assert all(text[s:e] == t for s, e, t in zip(sentences["start"], sentences["end"], sentences["text"]))
    tokens = seed_tables.tokens
    assert all(text[s:e] == t for s, e, t in zip(tokens["start"], tokens["end"], tokens["text"]))
    assert doc["n_tokens"] == len(tokens) == sentences["n_tokens"].sum()


def test_cli_build_is_deterministic_and_atomic(tmp_path) -> None:
    raw_before = hashlib.sha256(SEED.read_bytes()).hexdigest()
    for out in ("a", "b"):
        result = run_cli("build", str(SEED), "--out", str(tmp_path / out), "--quiet")
        assert result.returncode == 0, result.stderr
        assert "1 documents read, 0 rejected" in result.stdout
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(f"{t}.parquet" for t in ("documents", "sentences", "tokens", "speakers", "topics", "markers", "rejections"))
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == raw_before
    tables = load_tables(tmp_path / "a")
    assert len(tables.documents) == 1 and len(tables.sentences) == 26


def test_build_refuses_to_write_into_data_raw() -> None:
    result = run_cli("build", str(SEED), "--out", str(config.PROJECT_ROOT / "data" / "raw" / "out"))
    assert result.returncode == 2 and "data/raw holds inputs only" in result.stderr
    assert not (config.PROJECT_ROOT / "data" / "raw" / "out").exists()


def test_load_tables_explains_a_missing_build(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="analysis build"):
        load_tables(tmp_path)


def _bad_inputs(folder: Path) -> dict[str, str]:
    """Write one file per kind of bad input; return name -> expected fate ('document' or a reason fragment)."""
    folder.mkdir()
    expected = {}

    def put(name: str, data: bytes, fate: str) -> None:
        (folder / name).write_bytes(data)
        expected[name] = fate

    put("good.txt", READOUT.encode(), "document")
    put("empty.txt", b"", "empty file")
    put("binary.txt", bytes(range(256)) * 40, "binary")
    put("cp1252.txt", (READOUT + " \u201cCaf\u00e9\u201d diplomacy.").encode("cp1252"), "document")
    put("utf16.txt", codecs.BOM_UTF16_LE + (READOUT + " Sixteen.").encode("utf-16-le"), "document")
    put("crlf.txt", (READOUT + " Windows.").replace("\n", "\r\n").encode(), "document")
    put("broken-front-matter.md", b"---\ntitle: never closed\n" + READOUT.encode(), "never closed")
    put("chinese.txt", ("\u738b\u6bc5\u4f1a\u89c1\u7f8e\u56fd\u56fd\u52a1\u537f\u5e03\u6797\u80af\u3002" * 40).encode(), "mostly not English")
    put("zz-duplicate.txt", READOUT.encode(), "duplicate of good.txt")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("inner-good.txt", READOUT + " From a zip.")
        z.writestr("inner-bad.txt", READOUT * 30 + " corrupt me")
    data = bytearray(buf.getvalue())
    pos = data.find(b"inner-bad.txt") + len("inner-bad.txt") + 20
    data[pos : pos + 16] = b"\xff" * 16
    put("archive.zip", bytes(data), "archive")
    return expected


def test_bad_inputs_are_all_accounted_for(tmp_path) -> None:
    expected = _bad_inputs(tmp_path / "in")
    result = run_cli("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0, result.stderr
    tables = load_tables(tmp_path / "out")
    docs = set(tables.documents["path"])
    rejected = dict(zip(tables.rejections["path"], tables.rejections["reason"]))
    for name, fate in expected.items():
        if name == "archive.zip":
            assert "archive.zip/inner-good.txt" in docs
            assert "corrupt" in rejected["archive.zip/inner-bad.txt"]
        elif fate == "document":
            assert name in docs, (name, rejected.get(name))
        else:
            assert fate in rejected[name], (name, rejected.get(name))
    assert "Caf\u00e9" in tables.documents.set_index("path").loc["cp1252.txt", "text"]
    assert len(docs) + len(rejected) == len(expected) + 1  # the archive holds two members


def test_nothing_readable_exits_non_zero(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = run_cli("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1 and "no document could be read" in result.stderr


@pytest.mark.slow
def test_a_50_mb_single_file_is_read(tmp_path) -> None:
    paragraph = (SEED.read_text(encoding="utf-8").split("\n\n")[1] + "\n\n").encode()
    (tmp_path / "in").mkdir()
    big = tmp_path / "in" / "big.txt"
    with big.open("wb") as handle:
        for i in range(50_000_000 // len(paragraph) + 1):
            handle.write(f"Paragraph {i}. ".encode() + paragraph)
    assert big.stat().st_size >= 50_000_000
    summary = build([tmp_path / "in"], tmp_path / "out", progress=False)
    assert summary.documents == 1 and summary.tokens > 8_000_000
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet", columns=["n_tokens"])
    assert documents["n_tokens"].iloc[0] == summary.tokens


@needs_corpus(WH)
def test_white_house_corpus_every_file_accounted_for(tmp_path) -> None:
    summary = build([WH], tmp_path / "wh", progress=False)
    n_files = sum(1 for p in WH.rglob("*") if p.is_file())
    tables = load_tables(tmp_path / "wh", tables=("documents", "rejections"))
    assert len(tables.documents) + len(tables.rejections) == n_files == summary.documents + summary.rejected
    assert tables.documents["source"].eq("White House").all()
    assert tables.documents["date"].notna().all()

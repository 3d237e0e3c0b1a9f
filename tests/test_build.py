"""The build end to end: the seed comes out right, bad input is accounted for, output is deterministic."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import SEED, WH, needs_corpus, run_cli

from analysis import build as build_module
from analysis import cli, config, load_tables
from analysis.build import build
from analysis.tables import BuildFolder

READOUT = (
    "President Biden spoke today with Prime Minister Mark Rutte of the Netherlands. "
    "The leaders discussed support for Ukraine and cooperation on semiconductors.\n\n"
    "President Biden underscored the importance of the transatlantic alliance."
)


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


# --- memory bounded per document: an oversized text in parts, a long table in groups -------------------------


def _long_text(n_chars: int) -> str:
    """The seed readout's paragraphs, numbered and repeated until the text is ``n_chars`` long (the seed's date header first)."""
    header, *paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    out, size, i = [header], len(header), 0
    while size < n_chars:
        out.append(f"Paragraph {i}. {paragraphs[i % len(paragraphs)]}")
        size += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)


def _peak_rss_mb(args: list[str], log: Path) -> tuple[float, int, str]:
    """Run ``python -m analysis ARGS``: the peak resident memory (MB) of it and its workers, its exit code and output."""
    with log.open("w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "analysis", *args], stdout=handle, stderr=subprocess.STDOUT,
                                cwd=config.PROJECT_ROOT)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's rusage: the largest of it and its waited-for workers
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, proc.returncode, log.read_text()


def _frames(tables) -> dict[str, pd.DataFrame]:
    keys = {"documents": ["doc_id"], "sentences": ["doc_id", "sent_id"], "tokens": ["doc_id", "token_id"],
            "topics": ["doc_id", "sent_id", "start", "topic"], "markers": ["doc_id", "sent_id", "start", "marker"],
            "speakers": ["doc_id", "speaker"]}
    out = {}
    for name, key in keys.items():
        frame = getattr(tables, name)
        frame = frame.assign(**{k: frame[k].astype(str) for k in key}).sort_values(key).reset_index(drop=True)
        out[name] = frame.astype(object).where(frame.notna(), None)
    return out


def test_a_document_annotated_in_parts_gives_the_tables_of_the_whole(tmp_path) -> None:
    (tmp_path / "long.txt").write_text(_long_text(40_000), encoding="utf-8")
    whole = build_module.build_tables(tmp_path / "long.txt", workers=1)
    parted = build_module.build_tables(tmp_path / "long.txt", options=build_module.BuildOptions(part_chars=5_000), workers=2)
    assert len(whole.documents) == len(parted.documents) == 1 and whole.documents["n_sentences"].iloc[0] > 250
    a, b = _frames(whole), _frames(parted)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=False, obj=name)
    text = parted.documents["text"].iloc[0]
    assert all(text[s:e] == t for s, e, t in zip(parted.sentences["start"], parted.sentences["end"], parted.sentences["text"]))


def test_an_oversized_duplicate_is_rejected_before_any_of_its_parts_is_written(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).write_text(_long_text(20_000), encoding="utf-8")
    options = build_module.BuildOptions(part_chars=4_000)
    summary = build([tmp_path / "in"], tmp_path / "out", options=options, workers=1, progress=False)
    tables = load_tables(tmp_path / "out")
    assert (summary.documents, summary.rejected) == (1, 1) and list(tables.documents["path"]) == ["a.txt"]
    assert tables.rejections["reason"].tolist() == ["duplicate of a.txt (same body text)"]
    assert len(tables.sentences) == tables.documents["n_sentences"].iloc[0] == tables.sentences["sent_id"].max() + 1
    assert len(tables.tokens) == tables.documents["n_tokens"].iloc[0] == tables.tokens["token_id"].max() + 1


def test_a_part_that_fails_is_a_warning_and_a_first_part_that_fails_a_rejection(tmp_path, monkeypatch) -> None:
    text = _long_text(20_000).replace("Paragraph 12.", "Paragraph 12. Poison.")
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    original = build_module.annotate

    def failing(doc, resources):
        if "Poison." in doc.text:
            raise RuntimeError("poisoned part")
        return original(doc, resources)

    monkeypatch.setattr(build_module, "annotate", failing)
    options = build_module.BuildOptions(part_chars=4_000)
    tables = build_module.build_tables(tmp_path / "long.txt", options=options, workers=1)
    (warnings,) = tables.documents["warnings"]
    assert len(warnings) == 1 and "could not be analysed (RuntimeError: poisoned part): its sentences are missing" in warnings[0]
    assert set(tables.sentences["doc_id"]) == set(tables.documents["doc_id"])
    (tmp_path / "long.txt").write_text(text.replace("Paragraph 0.", "Paragraph 0. Poison."), encoding="utf-8")
    tables = build_module.build_tables(tmp_path / "long.txt", options=options, workers=1)
    assert tables.documents.empty and tables.sentences.empty
    assert "could not be analysed (RuntimeError: poisoned part)" in tables.rejections["reason"].iloc[0]


def test_a_table_with_more_rows_than_a_batch_is_annotated_in_bounded_groups(tmp_path) -> None:
    rows = ["title,date,content"] + [f'Call {n},2022-03-04,"{READOUT.replace("semiconductors", f"semiconductors ({n})")}"'
                                      for n in range(300)]
    (tmp_path / "calls.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = [r for r, _ in build_module.iter_results([tmp_path / "calls.csv"], workers=1, batch_bytes=8_000)]
    sizes = [sum(map(len, r.tables["documents"]["text"].to_pylist())) for r in results]
    assert len(results) >= sum(sizes) // 8_000 > 5  # one input, read once, annotated in groups of about 8,000 characters
    assert max(sizes) <= 8_000 + len(READOUT) + 20
    paths = [p for r in results for p in r.paths]
    assert paths == [f"calls.csv#row{n}" for n in range(1, 301)]  # every row, once, in order


def test_a_50_mb_text_builds_in_bounded_memory(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    big = tmp_path / "in" / "big.txt"
    big.write_text(_long_text(50_000_000), encoding="utf-8")
    assert big.stat().st_size >= 50_000_000
    peak, code, output = _peak_rss_mb(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"], tmp_path / "log")
    assert code == 0 and "Traceback" not in output, output
    assert peak < 1000, f"peak memory {peak:.0f} MB for a 50 MB text"  # it was 2,800 MB before it was read in parts
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet", columns=["n_tokens", "n_sentences", "text"])
    assert len(documents) == 1 and len(documents["text"].iloc[0]) >= 49_000_000
    sentences = pd.read_parquet(tmp_path / "out" / "sentences.parquet", columns=["sent_id"])
    assert documents["n_sentences"].iloc[0] == len(sentences) == sentences["sent_id"].max() + 1


@needs_corpus(WH)
def test_white_house_corpus_every_file_accounted_for(tmp_path) -> None:
    summary = build([WH], tmp_path / "wh", progress=False)
    n_files = sum(1 for p in WH.rglob("*") if p.is_file())
    tables = load_tables(tmp_path / "wh", tables=("documents", "rejections"))
    assert len(tables.documents) + len(tables.rejections) == n_files == summary.documents + summary.rejected
    assert tables.documents["source"].eq("White House").all()
    assert tables.documents["date"].notna().all()


# --- a build appears all at once or not at all ---------------------------------------------------------------

README = ("Readout of a call. President Biden spoke today with President Xi Jinping of the People's Republic of China. "
          "The two leaders discussed the situation in Ukraine.\n")


def _digests(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.parquet"))}


@pytest.fixture
def built(tmp_path) -> Path:
    out = tmp_path / "processed"
    build([SEED], out, workers=1, progress=False)
    (out / ".gitkeep").write_text("")
    return out


def test_a_failed_build_leaves_the_previous_tables_and_no_staging(built, tmp_path, monkeypatch):
    before = _digests(built)
    calls = []

    def failing(table, path):
        calls.append(path.name)
        if path.name == "speakers.parquet":
            raise OSError(28, "No space left on device", str(path))
        return original(table, path)

    original = build_module.write_table
    monkeypatch.setattr(build_module, "write_table", failing)
    with pytest.raises(OSError, match="No space left"):
        build([SEED, tmp_path / "missing-is-fine"], built, workers=1, progress=False)
    assert calls and _digests(built) == before
    assert sorted(p.name for p in built.parent.iterdir()) == ["processed"]  # no staging folder left
    assert (built / ".gitkeep").exists()


def test_a_new_build_replaces_every_table_and_keeps_other_files(built, tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "call.txt").write_text(README)
    build([tmp_path / "raw"], built, workers=1, progress=False)
    tables = load_tables(built)
    assert len(tables.documents) == 1 and set(tables.sentences["doc_id"]) == set(tables.documents["doc_id"])
    assert (built / ".gitkeep").exists()
    assert sorted(p.name for p in built.parent.iterdir()) == ["processed", "raw"]


def test_stale_staging_of_a_dead_build_is_removed(tmp_path):
    out = tmp_path / "processed"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".processed.build-{pid}-abc123"
    stale.mkdir()
    (stale / "documents.parquet").write_bytes(b"half")
    folder = BuildFolder(out)
    assert not stale.exists() and folder.path.exists()
    folder.abort()
    assert not folder.path.exists()


def test_a_killed_build_leaves_the_previous_tables_loadable_and_consistent(built, tmp_path):
    before = _digests(built)
    raw = tmp_path / "many"
    raw.mkdir()
    for n in range(1500):  # enough work that the build is still running when it is killed
        (raw / f"call-{n:04d}.txt").write_text(README.replace("Ukraine", f"Ukraine (note {n})") * 20)
    proc = subprocess.Popen([sys.executable, "-m", "analysis", "build", str(raw), "--out", str(built), "--workers", "1",
                             "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    staging: list[Path] = []
    while time.monotonic() < deadline and not staging:
        staging = [p for p in tmp_path.iterdir() if p.name.startswith(".processed.build-") and any(p.glob("*.parquet*"))]
        time.sleep(0.05)
    assert staging, "the build never started writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _digests(built) == before
    tables = load_tables(built)
    assert set(tables.sentences["doc_id"]) == set(tables.documents["doc_id"])
    # the next build clears the dead build's staging folder
    BuildFolder(built).abort()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".processed.")]


def test_an_output_that_is_a_file_or_unwritable_is_one_plain_error(tmp_path, capsys):
    target = tmp_path / "a-file"
    target.write_text("x")
    assert cli.main(["build", str(SEED), "--out", str(target), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "cannot write the tables to" in err and "Traceback" not in err
    if os.geteuid() != 0:  # root writes anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert cli.main(["build", str(SEED), "--out", str(locked / "out"), "--quiet"]) == 1


def test_broken_lexicons_are_one_plain_error_before_any_worker(tmp_path, capsys):
    bad = tmp_path / "topics.yaml"
    bad.write_text("topics:\n  taiwan: [\n", encoding="utf-8")
    empty = tmp_path / "markers.yaml"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    for flag, path, reason in (("--topics", bad, "not valid YAML"), ("--markers", empty, "expected a mapping"),
                               ("--actors", tmp_path / "missing.yaml", "no such file")):
        assert cli.main(["build", str(SEED), "--out", str(out), flag, str(path), "--workers", "2", "--quiet"]) == 2
        err = capsys.readouterr().err
        assert str(path) in err and reason in err and "Traceback" not in err and "BrokenProcessPool" not in err
    assert not out.exists()


def test_issuer_own_country_names_no_topic_and_second_speaker_is_kept(tmp_path) -> None:
    (tmp_path / "kremlin.txt").write_text(
        "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron.\n\n"
        "Vladimir Putin noted the situation in Russia, while Emmanuel Macron stressed the need for a settlement in Ukraine.\n",
        encoding="utf-8")
    (tmp_path / "sources.csv").write_text("path,source,side,kind\nkremlin.txt,Kremlin,RU,readout\n", encoding="utf-8")
    tables = build_module.build_tables([tmp_path])
    sentences = tables.sentences.sort_values("sent_id")
    assert list(sentences["speaker"])[-1] == "Vladimir Putin"
    assert sentences["other_speaker"].isna().iloc[0] and sentences["other_speaker"].iloc[1] == "Emmanuel Macron"
    text = tables.documents["text"].iloc[0]
    surfaces = {text[s:e] for s, e in zip(tables.topics["start"], tables.topics["end"])}
    assert "Ukraine" in surfaces and "Russia" not in surfaces  # the Kremlin's own country is no topic of its readout

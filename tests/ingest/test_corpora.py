"""Tests of analysis.ingest.corpora: the corpus specs and the shipped manifests."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.ingest.corpora import CORPORA, FetchError, format_manifest, manifest_path, read_manifest


def test_corpora_are_pinned_to_commits_and_codeload_urls():
    assert set(CORPORA) == {"whitehouse", "ungd", "presidents-ru-ua"}
    wh, ungd = CORPORA["whitehouse"], CORPORA["ungd"]
    ru_ua = CORPORA["presidents-ru-ua"]
    assert ru_ua.url == "https://codeload.github.com/PeiYiZhuo/zelenskyy-putin/tar.gz/134450b5183c05bcbaac31d87e0e0ed65d54986e"
    assert ru_ua.license == "CC-BY-4.0"
    assert wh.url == "https://codeload.github.com/brian14708/wh-briefings/tar.gz/737ca03a271adc205c67766074ec8d0070f7ad95"
    assert ungd.url == (
        "https://codeload.github.com/SarahFranzen/Emotions_in_the_United_Nations_General_Debates/tar.gz/"
        "3b277c419f85fd6e1f14f69a5fd29a3a6b59fc96"
    )
    assert "10.7910/DVN/0TJX8Y" in ungd.upstream


@pytest.mark.parametrize(("name", "count"), [("whitehouse", 1421), ("ungd", 10953), ("presidents-ru-ua", 2)])
def test_shipped_manifests_are_sorted_and_complete(name: str, count: int):
    path = manifest_path(name)
    entries = read_manifest(path)
    assert len(entries) == count
    assert path.read_text(encoding="utf-8") == format_manifest(entries)  # canonical: sorted, sha256sum format
    assert not any(rel.rsplit("/", 1)[-1].startswith("._") for rel in entries)
    if name == "whitehouse":
        assert all(rel.endswith(".md") and rel.count("/") == 2 for rel in entries)
    elif name == "presidents-ru-ua":
        assert sorted(entries) == ["putin.csv", "zelenskyy.csv"]
    else:
        assert sum(rel.startswith("TXT/Session ") and rel.endswith(".txt") for rel in entries) == 10952


@pytest.mark.parametrize(
    "line",
    [
        f"{'a' * 64}  ../escape.md",
        f"{'a' * 64}  /etc/passwd",
        f"{'a' * 64}  dir//x.md",
        "not-a-hash  file.md",
        f"{'A' * 64}",
    ],
)
def test_manifest_rejects_unsafe_or_malformed_lines(tmp_path: Path, line: str):
    path = tmp_path / "bad.sha256"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(FetchError):
        read_manifest(path)

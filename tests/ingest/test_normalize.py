"""Tests of analysis.ingest.normalize: line endings are unified."""

from __future__ import annotations

from tests.ingest.conftest import READOUT, read_one


def test_crlf_is_normalised() -> None:
    doc = read_one("crlf.txt", (READOUT + "\r\n\r\nSecond paragraph here.\r\n").encode())
    assert "\r" not in doc.text and doc.text.count("\n\n") == 1

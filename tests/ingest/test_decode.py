"""Tests of analysis.ingest.decode: encodings are told apart, and unreadable bytes get a plain reason."""

from __future__ import annotations

import pytest
from tests.ingest.conftest import READOUT

from analysis.ingest.decode import Unreadable, decode_bytes
from analysis.ingest.readers import read_input
from analysis.ingest.sources import RawInput


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

"""Shared by the ingest tests: a short readout, and reading one input to one document."""

from __future__ import annotations

from analysis.ingest.readers import read_input
from analysis.ingest.sources import RawInput

READOUT = (
    "President Biden spoke today with President Xi Jinping of the People\u2019s Republic of China. "
    "The two leaders discussed climate change and the situation in Ukraine. "
    "President Biden underscored the importance of peace across the Taiwan Strait."
)


def read_one(name: str, data: bytes, **sidecar):
    docs, errors = read_input(RawInput(name, data, dict(sidecar)))
    assert len(docs) == 1, errors
    return docs[0]

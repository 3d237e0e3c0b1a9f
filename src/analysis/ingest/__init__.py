"""Ingest: input files -> Documents (text and metadata), or rejections with a plain reason.

Modules
-------
:mod:`~analysis.ingest.sources`
    Walking folders and archives into raw inputs; ``sources.csv`` sidecars.
:mod:`~analysis.ingest.decode`
    Bytes -> text (encoding detection), and the checks that reject unreadable input.
:mod:`~analysis.ingest.normalize`
    The normalised body text that every offset points into.
:mod:`~analysis.ingest.readers`
    One reader per format (plain text, Markdown, CSV/JSON, HTML, UN General Debate).
:mod:`~analysis.ingest.metadata`
    Issuer, side, kind, event date, type, location and participants.
:mod:`~analysis.ingest.fetch`
    Downloading the public corpora, checked against sha256 manifests.

Only this subpackage (and :mod:`analysis.tables`) touches files.
"""

from __future__ import annotations

from analysis.ingest.readers import Document, read_input
from analysis.ingest.sources import RawInput, RawRejection, iter_inputs

__all__ = ["Document", "read_input", "RawInput", "RawRejection", "iter_inputs"]

"""Shared by the views tests: the synthetic pair of accounts of tests/compare, as a fixture here too."""

from __future__ import annotations

from tests.compare.conftest import pair_tables  # noqa: F401 (a fixture, re-exported for tests/views)

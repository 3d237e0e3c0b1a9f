"""Tests of analysis.tables: loading the built tables."""

from __future__ import annotations

import pytest

from analysis import load_tables


def test_load_tables_explains_a_missing_build(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="analysis build"):
        load_tables(tmp_path)

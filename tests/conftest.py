"""Shared fixtures: the seed, the real corpora in ../shared (skipped, saying so, when absent), the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config

WH = config.WHITEHOUSE_CORPUS
UNGD = config.UNGD_CORPUS
SEED = config.PROJECT_ROOT / "data" / "raw" / "000_59c4e3275adb9adb.txt"


def needs_corpus(path: Path):
    """Skip marker for tests that read a real corpus from ../shared."""
    return pytest.mark.skipif(not path.exists(), reason=f"real corpus not present at {path} (../shared absent)")


@pytest.fixture(scope="session")
def seed_tables():
    from analysis import build_tables

    return build_tables([SEED])


@pytest.fixture(scope="session")
def wh_files() -> list[Path]:
    if not WH.exists():
        pytest.skip(f"White House corpus not present at {WH} (../shared absent)")
    return sorted(WH.rglob("*.md"))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, cwd=config.PROJECT_ROOT)

"""The command line: exit codes of ``build``, and ``run`` passing its options on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import run_cli

from analysis import config, run


def test_nothing_readable_exits_non_zero(tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = run_cli("build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1 and "no document could be read" in result.stderr


def test_cli_run_passes_raw(monkeypatch) -> None:
    from analysis import cli

    seen = {}
    monkeypatch.setattr(run, "run_all", lambda **kw: seen.update(kw) or 0)
    assert cli.main(["run", "--raw", "somewhere"]) == 0
    assert seen["raw"] == Path("somewhere")


def test_build_starts_without_the_heavy_packages_it_does_not_use(tmp_path):
    """``python -m analysis build`` imports neither nltk, scikit-learn, scipy, matplotlib nor nbformat (start-up)."""
    heavy = ("nltk", "sklearn", "scipy", "matplotlib", "nbformat", "jsonschema", "papermill")
    probe = (
        "import runpy, sys\n"
        f"sys.argv = ['analysis', 'build', {str(config.SEED)!r}, '--out', {str(tmp_path / 'out')!r}, '--quiet']\n"
        "try:\n    runpy.run_module('analysis', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(heavy)!r}))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]", result.stdout + result.stderr
    assert (tmp_path / "out" / "sentences.parquet").exists()  # and it did build

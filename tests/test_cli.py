"""The command line: exit codes of ``build``, and ``run`` passing its options on."""

from __future__ import annotations

from pathlib import Path

from conftest import run_cli

from analysis import run


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

"""``make test-lab`` runs the notebooks ``make run`` runs, on the seed, and on the White House corpus when ../shared has it."""

from __future__ import annotations

import pytest

from analysis import config, run
from lab.corpora import CorpusMissing, corpora, numbered_notebooks


def test_the_lab_runs_the_notebooks_make_run_runs(tmp_path):
    assert numbered_notebooks() == run.notebooks() and numbered_notebooks()
    for name in ("02-b.ipynb", "01-a.ipynb", "scratch.ipynb", "1-short.ipynb"):
        (tmp_path / name).write_text("{}")
    (tmp_path / "03-folder.ipynb").mkdir()
    assert [p.name for p in numbered_notebooks(tmp_path)] == ["01-a.ipynb", "02-b.ipynb"] == [p.name for p in run.notebooks(tmp_path)]


def test_the_seed_always_and_the_white_house_corpus_with_the_seed(monkeypatch, tmp_path, capsys):
    assert corpora(["seed"]) == [("seed", [config.SEED])]
    monkeypatch.setattr(config, "WHITEHOUSE_CORPUS", tmp_path / "absent")
    assert [name for name, _ in corpora()] == ["seed"]
    assert "running on the seed only" in capsys.readouterr().err
    with pytest.raises(CorpusMissing, match="whitehouse"):
        corpora(["whitehouse"])
    monkeypatch.setattr(config, "WHITEHOUSE_CORPUS", tmp_path)
    assert corpora() == [("seed", [config.SEED]), ("whitehouse", [tmp_path, config.SEED])]

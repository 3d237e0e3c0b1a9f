"""The one-command rerun: step messages, failures naming the notebook and the cell, exit codes."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import SEED
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from analysis import config, run


def _notebook(path: Path, *cells: str) -> Path:
    params = new_code_cell('TABLES = ""\nFIGURES = ""\nTOPICS_LEXICON = ""\nMARKERS_LEXICON = ""')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(cells=[new_markdown_cell("# test"), params, *(new_code_cell(c) for c in cells)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    return path


def test_notebooks_are_the_numbered_six_in_order() -> None:
    names = [p.name for p in run.notebooks()]
    assert names == ["01-corpus-overview.ipynb", "02-speakers-and-framing.ipynb", "03-term-frequency.ipynb",
                     "04-topic-coverage.ipynb", "05-rhetoric-markers.ipynb", "06-comparing-readouts.ipynb"]


def test_committed_notebooks_carry_no_outputs_and_a_parameters_cell() -> None:
    for path in run.notebooks():
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all(not c.outputs and c.execution_count is None for c in code), path.name
        tagged = [c for c in code if "parameters" in c.metadata.get("tags", [])]
        assert len(tagged) == 1, path.name
        assert "../data" not in tagged[0].source and "config." in tagged[0].source
        assert nb.cells[0].cell_type == "markdown"  # the purpose cell


def test_every_chart_cell_is_followed_by_a_sentence() -> None:
    for path in run.notebooks():
        cells = nbformat.read(path, as_version=4).cells
        for i, cell in enumerate(cells):
            if cell.cell_type == "code" and "plots.chart(" in cell.source:
                assert i + 1 < len(cells) and cells[i + 1].cell_type == "markdown", f"{path.name} cell {i + 1}"


@pytest.mark.slow
def test_failure_names_the_notebook_and_the_cell(tmp_path, capsys) -> None:
    from analysis.build import build

    build([SEED], tmp_path / "tables", progress=False, workers=1)
    books = tmp_path / "books"
    books.mkdir()
    _notebook(books / "01-fine.ipynb", "x = 1")
    _notebook(books / "02-broken.ipynb", "y = 2", "1 / 0")
    _notebook(books / "03-never-run.ipynb", "z = 3")
    code = run.run_all(processed=tmp_path / "tables", figures=tmp_path / "fig", executed=tmp_path / "executed",
                       notebook_folder=books, build=False, progress=False)
    err = capsys.readouterr().err
    assert code == 1
    assert "notebook 02-broken.ipynb failed in cell 4: ZeroDivisionError" in err
    assert "1 / 0" in err
    assert (tmp_path / "executed" / "01-fine.ipynb").exists()
    assert not (tmp_path / "executed" / "03-never-run.ipynb").exists()
    assert "[1/3] notebook 01-fine.ipynb" in err


def test_missing_input_and_unbuilt_tables_are_clear_errors(tmp_path, capsys) -> None:
    assert run.run_all(raw=tmp_path / "nowhere", processed=tmp_path / "t", figures=tmp_path / "f",
                       executed=tmp_path / "e") == 2
    assert "input not found" in capsys.readouterr().err
    assert run.run_all(processed=tmp_path / "t", figures=tmp_path / "f", executed=tmp_path / "e", build=False) == 2
    assert "no built tables" in capsys.readouterr().err


def test_refuses_to_write_executed_copies_into_notebooks(tmp_path, capsys) -> None:
    assert run.run_all(processed=tmp_path, executed=config.NOTEBOOKS, build=False) == 2
    assert "must not be written into the notebooks folder" in capsys.readouterr().err


def test_clear_figures_removes_only_chart_files(tmp_path) -> None:
    for name in ("a.png", "a.svg", "a.csv", "notes.txt"):
        (tmp_path / name).write_text("x")
    assert run.clear_figures(tmp_path) == 3
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]

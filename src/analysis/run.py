"""The one-command rerun: build the tables, execute the notebooks in order, export the charts.

``python -m analysis run`` and ``make run [RAW=path]`` call :func:`run_all`.
Executed copies of the notebooks go to ``reports/notebooks/`` (never into
``notebooks/``, whose committed copies carry no outputs); the charts go to
``reports/figures/``. Execution is deterministic: the notebooks use fixed
seeds, the charts carry no timestamps, and ``PYTHONHASHSEED`` is fixed for the
kernels, so the same inputs give byte-identical figures and CSVs.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from analysis import config
from analysis.build import BuildOptions
from analysis.build import build as build_tables
from analysis.ingest.sources import find_speaker_lists
from analysis.report import write_report

#: Figure files a run owns: removed from the figures folder before the notebooks run,
#: so that charts of an earlier corpus never linger beside the new ones.
FIGURE_SUFFIXES = (".png", ".svg", ".csv", ".json")


def notebooks(folder: Path = config.NOTEBOOKS) -> list[Path]:
    """The numbered notebooks (``01-...ipynb`` ...), in order."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]-*.ipynb") if p.is_file())


def notebook_parameters(*, tables: Path, figures: Path, **extra) -> dict:
    """The papermill parameters every notebook accepts (``TABLES``, ``FIGURES``, lexicon paths) plus ``extra``."""
    params = {
        "TABLES": str(Path(tables).resolve()),
        "FIGURES": str(Path(figures).resolve()),
        "TOPICS_LEXICON": str(config.TOPICS_LEXICON),
        "MARKERS_LEXICON": str(config.MARKERS_LEXICON),
    }
    params.update(extra)
    return params


@dataclass
class NotebookFailure(Exception):
    """A notebook stopped with an error: which notebook, which cell, what error."""

    notebook: str
    cell: int | None
    source: str
    error: str
    executed: Path | None

    def __str__(self) -> str:
        where = f"cell {self.cell}" if self.cell is not None else "an unknown cell"
        first = self.source.strip().splitlines()[0] if self.source.strip() else ""
        lines = [f"notebook {self.notebook} failed in {where}: {self.error}"]
        if first:
            lines.append(f"  the cell starts: {first[:100]}")
        if self.executed:
            lines.append(f"  the partly executed copy, with the traceback, is {self.executed}")
        return "\n".join(lines)


def _source_cell_number(executed: Path, failed_index: int | None) -> int | None:
    """1-based number of the failing cell in the *committed* notebook (papermill's injected cell not counted)."""
    if failed_index is None:
        return None
    try:
        cells = json.loads(executed.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return failed_index + 1
    injected = sum(1 for c in cells[:failed_index] if "injected-parameters" in c.get("metadata", {}).get("tags", []))
    return failed_index - injected + 1


def execute_notebook(notebook: Path, output: Path, parameters: dict, *, timeout: int = 600) -> float:
    """Execute one notebook with papermill into ``output``; return seconds taken.

    Raises
    ------
    NotebookFailure
        Naming the notebook and the cell that failed.
    """
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    output.parent.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    started = time.perf_counter()
    try:
        pm.execute_notebook(
            str(notebook), str(output), parameters=parameters, kernel_name="python3", progress_bar=False,
            log_output=False, cwd=str(notebook.parent), execution_timeout=timeout,
        )
    except PapermillExecutionError as exc:
        cell = _source_cell_number(output, getattr(exc, "cell_index", None))
        raise NotebookFailure(notebook.name, cell, exc.source or "", f"{exc.ename}: {exc.evalue}", output) from None
    except Exception as exc:  # kernel died, timeout, unreadable notebook
        raise NotebookFailure(notebook.name, None, "", f"{type(exc).__name__}: {exc}", output if output.exists() else None) from None
    return time.perf_counter() - started


@contextlib.contextmanager
def kernel_log(path: Path) -> Iterator[None]:
    """Send what kernels write to the process's stderr (start-up warnings) to ``path`` instead of the terminal."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no file descriptor 2 (embedded interpreters)
        yield
        return
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def clear_figures(folder: Path) -> int:
    """Remove the chart files (PNG, SVG, CSV) a previous run left in ``folder``; return how many."""
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    removed = 0
    for p in folder.iterdir():
        if p.is_file() and p.suffix in FIGURE_SUFFIXES:
            p.unlink()
            removed += 1
    return removed


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_all(
    raw: Path | Sequence[Path] = config.DATA_RAW,
    processed: Path = config.DATA_PROCESSED,
    figures: Path = config.FIGURES,
    executed: Path = config.EXECUTED_NOTEBOOKS,
    workers: int | None = None,
    *,
    notebook_folder: Path = config.NOTEBOOKS,
    build: bool = True,
    progress: bool = True,
) -> int:
    """Build the tables from ``raw``, execute every numbered notebook in order, export the charts.

    Parameters
    ----------
    raw : path or list of paths
        Inputs (files, folders, archives); default ``data/raw``.
    processed : path
        Where the tables are written (and read by the notebooks).
    figures : path
        Where the notebooks export charts (cleared of old PNG/SVG/CSV files first).
    executed : path
        Where the executed copies of the notebooks are written (with ``kernel.log``,
        the kernels' own start-up messages).
    workers : int, optional
        Build worker processes.
    notebook_folder : path
        The notebooks to execute (default ``notebooks/``).
    build : bool
        False skips the build and uses the tables already in ``processed``.

    Returns
    -------
    int
        Exit code: 0 success, 1 a step failed (the message names it), 2 bad input.
    """
    inputs = [Path(p) for p in ([raw] if isinstance(raw, (str, os.PathLike)) else raw)]
    processed, figures, executed = Path(processed), Path(figures), Path(executed)
    if executed.resolve() == Path(notebook_folder).resolve():
        _say("error: executed notebooks must not be written into the notebooks folder")
        return 2
    books = notebooks(notebook_folder)
    total = len(books) + (1 if build else 0)
    step = 0
    started = time.perf_counter()
    if build:
        step += 1
        missing = [str(p) for p in inputs if not p.exists()]
        if missing:
            _say(f"error: input not found: {', '.join(missing)}")
            return 2
        _say(f"[{step}/{total}] build: {', '.join(map(str, inputs))} -> {processed}")
        options = BuildOptions(speaker_list=find_speaker_lists(inputs))
        try:
            summary = build_tables(inputs, processed, options=options, workers=workers, progress=progress)
        except Exception as exc:
            _say(f"error: the build failed: {type(exc).__name__}: {exc}")
            return 1
        _say(f"      {summary.line()}")
        if summary.documents == 0:
            _say(f"error: no document could be read from {', '.join(map(str, inputs))}; "
                 f"see {processed / 'rejections.parquet'} for the reasons")
            return 1
    elif not (processed / "documents.parquet").exists():
        _say(f"error: no built tables in {processed}; run without --no-build first")
        return 2
    removed = clear_figures(figures)
    if removed:
        _say(f"      cleared {removed} chart files of the previous run from {figures}")
    (executed / "kernel.log").unlink(missing_ok=True)
    params = notebook_parameters(tables=processed, figures=figures)
    for book in books:
        step += 1
        _say(f"[{step}/{total}] notebook {book.name} ...")
        try:
            with kernel_log(executed / "kernel.log"):
                seconds = execute_notebook(book, executed / book.name, params)
        except NotebookFailure as failure:
            _say(f"error: {failure}")
            return 1
        _say(f"      done in {seconds:.1f} s -> {executed / book.name}")
    step_report = time.perf_counter()
    try:
        index = write_report(executed=executed, figures=figures, tables=processed)
    except Exception as exc:  # noqa: BLE001 - the charts and notebooks are written; say what failed
        _say(f"error: the report page could not be written: {type(exc).__name__}: {exc}")
        return 1
    _say(f"      report: {index} and the notebooks as HTML in {executed} ({time.perf_counter() - step_report:.1f} s)")
    n_charts = len(list(figures.glob("*.png"))) if figures.is_dir() else 0
    _say(f"finished in {time.perf_counter() - started:.1f} s: {n_charts} charts in {figures}, "
         f"executed notebooks in {executed}")
    return 0

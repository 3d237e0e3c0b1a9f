"""What counts as a notebook run well in JupyterLab, and a report page that opens cleanly: pure checks, no browser.

``make test-lab`` (:mod:`lab.drive`) runs each notebook in the JupyterLab UI, saves it through the UI and
hands the saved notebook to :func:`notebook_problems`; it hands what it read from the page's DOM to
:func:`page_problems`, and what it read from ``reports/index.html`` to :func:`report_problems`. Each
returns plain sentences, one per problem; an empty list means the check passed.
``tests/lab/test_checks.py`` shows that each check can fail.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote, urlparse

from nbformat import NotebookNode

#: Where Lab renders stderr streams and tracebacks (both are shown to the user as red text).
STDERR_MIME = "application/vnd.jupyter.stderr"


_NAMED = re.compile(r"^\s*\S*(Error|Warning|Exception)\b")


def _first_line(text: str, width: int = 90) -> str:
    lines = text.strip().splitlines()
    return lines[0][:width] if lines else ""


def _telling_line(text: str, width: int = 160) -> str:
    """The line of a traceback or warning that names it (``ValueError: ...``), else its first line of words."""
    lines = [line for line in text.splitlines() if line.strip().strip("-")]
    named = [line for line in lines if _NAMED.search(line) or ("Warning:" in line)]
    return (named[-1] if named and "Traceback" in text else named[0] if named else lines[0] if lines else "")[:width]


def _has(cell: NotebookNode, mime: str) -> bool:
    return any(mime in o.get("data", {}) for o in cell.get("outputs", []))


def ends_with_chart(source: str) -> bool:
    """True when the cell's last statement is a bare ``plots.chart(...)``: its chart, or its note, is the cell's output.

    A ``plots.chart`` call inside a loop shows its charts but not its notes, so only the count of
    images checks it.
    """
    try:
        body = ast.parse(source).body
    except SyntaxError:  # IPython magics: not a chart cell of ours
        return False
    last = body[-1] if body else None
    return (isinstance(last, ast.Expr) and isinstance(last.value, ast.Call)
            and isinstance(last.value.func, ast.Attribute) and last.value.func.attr == "chart"
            and isinstance(last.value.func.value, ast.Name) and last.value.func.value.id == "plots")


def shown_images(nb: NotebookNode) -> int:
    """How many PNG images the notebook's outputs hold."""
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if "image/png" in o.get("data", {}))


def notebook_problems(nb: NotebookNode, *, exported_charts: int = 0) -> list[str]:
    """Problems of a notebook saved after "Run All Cells": unrun cells, errors, stderr, charts not shown.

    Parameters
    ----------
    nb : NotebookNode
        The notebook as JupyterLab saved it.
    exported_charts : int, keyword-only
        How many charts the run exported for this notebook (PNG files in the figures folder that its
        ``plots.chart`` calls name); it must show at least as many images.

    Returns
    -------
    list of str
        One sentence per problem, naming the cell (1-based, all cells counted) and its first line.
    """
    problems: list[str] = []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        where = f"cell {number} ({_first_line(cell.source, 60)!r})"
        if cell.get("execution_count") is None:
            problems.append(f"{where} was not run (no execution count)")
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"{where} raised {out.get('ename')}: {_first_line(str(out.get('evalue', '')))}")
            elif out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"{where} wrote to stderr: {_telling_line(''.join(out.get('text', '')))}")
        if ends_with_chart(cell.source) and not (_has(cell, "image/png") or _has(cell, "text/markdown")):
            problems.append(f"{where} neither shows its chart nor says why not (no image, no note)")
    images = shown_images(nb)
    if images < exported_charts:
        problems.append(f"{exported_charts} charts were exported but the notebook shows only {images} images")
    return problems


def page_problems(state: Mapping) -> list[str]:
    """Problems visible in the notebook's DOM after the run.

    Parameters
    ----------
    state : mapping
        ``prompts`` (each code cell's input prompt text, ``[3]:``), ``stderr`` (text of outputs rendered
        with the stderr mime type), ``images`` (``{"ok": bool}`` per image in the outputs: loaded and
        of non-zero width), ``dialogs`` (text of any open dialog).
    """
    problems: list[str] = []
    unrun = [i for i, p in enumerate(state.get("prompts", []), start=1) if not any(ch.isdigit() for ch in p)]
    if unrun:
        problems.append(f"code cells {unrun} (counting code cells only) show no execution count in the page")
    problems += [f"the page shows an error or stderr output: {_telling_line(t)}" for t in state.get("stderr", [])]
    broken = [i for i, img in enumerate(state.get("images", []), start=1) if not img.get("ok")]
    if broken:
        problems.append(f"images {broken} of the outputs did not render")
    problems += [f"a dialog is open: {_first_line(t)}" for t in state.get("dialogs", [])]
    return problems


def _local_file(url: str) -> Path | None:
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def report_problems(*, images: Sequence[Mapping], links: Sequence[Mapping], ids: Iterable[str],
                    console: Sequence[str] = (), failed: Sequence[str] = (), expected_images: int | None = None) -> list[str]:
    """Problems of the report page as Chromium loaded it.

    Parameters
    ----------
    images : sequence of mapping, keyword-only
        Per ``<img>``: ``src`` (resolved URL) and ``ok`` (loaded, non-zero natural width).
    links : sequence of mapping, keyword-only
        Per ``<a>``: ``raw`` (the ``href`` attribute as written) and ``url`` (resolved).
    ids : iterable of str, keyword-only
        Element ids of the page, the targets of ``#`` links.
    console : sequence of str, keyword-only
        Console errors and uncaught page errors.
    failed : sequence of str, keyword-only
        Requests that failed.
    expected_images : int, optional, keyword-only
        How many charts the page must show (PNG files of the run).
    """
    problems = [f"console error: {_first_line(m, 160)}" for m in console]
    problems += [f"request failed: {_first_line(r, 160)}" for r in failed]
    for img in images:
        src = str(img.get("src", ""))
        if not img.get("ok"):
            problems.append(f"image did not load: {src[:80]}")
        elif (path := _local_file(src)) is not None and not path.is_file():
            problems.append(f"image file missing: {path}")
    ids = set(ids)
    for link in links:
        raw, url = str(link.get("raw") or ""), str(link.get("url") or "")
        if not raw:
            problems.append("a link without href")
        elif raw.startswith("#"):
            if unquote(raw[1:]) not in ids:
                problems.append(f"link {raw} points to no element of the page")
        elif (path := _local_file(url)) is None:
            problems.append(f"link {raw} leaves the offline page ({urlparse(url).scheme or 'no'} URL)")
        elif not path.exists():
            problems.append(f"link {raw} points to a missing file: {path}")
    if expected_images is not None and len(images) != expected_images:
        problems.append(f"the page shows {len(images)} images, the run exported {expected_images} charts")
    return problems

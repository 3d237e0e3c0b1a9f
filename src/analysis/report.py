"""The shareable results of a run: each executed notebook as standalone HTML, and one page of every chart.

:func:`write_report` is what ``python -m analysis run`` calls after the notebooks:
``reports/notebooks/<notebook>.html`` beside each executed ``.ipynb`` (nbconvert's
lab template, readable without Jupyter) and ``reports/index.html``: every chart
of the run grouped by notebook, the PNG inline, its title, the sentence of the
notebook that explains it, links to its SVG and CSV, and the corpus with its date
range. The page needs nothing but itself and the figures folder beside it, and
carries no timestamps: the same run gives the same bytes.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from analysis import config
from analysis.tables import load_tables


__all__ = ["ChartEntry", "notebook_charts", "notebook_title", "write_notebook_html", "write_index", "write_report"]

def _read_notebook(path: Path, *, as_version: int):
    import nbformat  # heavy (jsonschema and its format checkers): imported on first use, so `build` starts fast

    return nbformat.read(path, as_version=as_version)


_CHART_CALL = re.compile(r"""plots\.chart\(\s*(?P<f>f?)(?P<q>["'])(?P<name>.+?)(?P=q)\s*(?P<plus>\+)?""")


@dataclass(frozen=True)
class ChartEntry:
    """One exported chart: its file stem, title, caption and the notebook that drew it."""

    name: str
    title: str
    caption: str
    notebook: str


def _pattern(name: str, fstring: bool, *, prefix: bool = False) -> re.Pattern[str]:
    """The file stems a ``plots.chart`` name can give: literal, f-string (placeholders match anything), or a prefix."""
    parts = re.split(r"\{[^}]*\}", name) if fstring else [name]
    return re.compile(".+".join(re.escape(p) for p in parts) + (".+" if prefix else ""))


def _first_paragraph(markdown: str) -> str:
    text = markdown.strip().split("\n\n", 1)[0]
    return re.sub(r"\s+", " ", text)


def _chart_meta(figures: Path, name: str) -> dict:
    path = figures / f"{name}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def notebook_charts(notebook: Path, figures: Path) -> list[ChartEntry]:
    """The charts of ``figures`` that ``notebook`` (an executed or committed copy) draws, in the notebook's order.

    A chart belongs to the cell whose ``plots.chart("name", ...)`` call names it (f-string names
    such as ``f"{p.name}-hard-language"`` match as patterns); its caption is the first paragraph
    of the next markdown cell.
    """
    cells = _read_notebook(notebook, as_version=4).cells
    stems = sorted(p.stem for p in Path(figures).glob("*.png"))
    out: list[ChartEntry] = []
    taken: set[str] = set()
    for i, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        calls = [_pattern(m.group("name"), bool(m.group("f")), prefix=bool(m.group("plus")))
                 for m in _CHART_CALL.finditer(cell.source)]
        if not calls:
            continue
        caption = next((_first_paragraph(c.source) for c in cells[i + 1:] if c.cell_type == "markdown"), "")
        for pattern in calls:
            for stem in stems:
                if stem not in taken and pattern.fullmatch(stem):
                    taken.add(stem)
                    meta = _chart_meta(Path(figures), stem)
                    out.append(ChartEntry(stem, meta.get("title") or stem.replace("-", " "), caption, notebook.stem))
    return out


def write_notebook_html(executed: Path, output: Path | None = None) -> Path:
    """Write an executed notebook as standalone HTML (nbconvert, lab template) beside it; return the path.

    Execution timestamps (papermill's and the kernel's) are dropped first, so reruns give the same bytes.
    """
    from nbconvert import HTMLExporter  # heavy: imported on first use

    nb = _read_notebook(executed, as_version=4)
    nb.metadata.pop("papermill", None)
    for n, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = f"injected-parameters-{n}"  # papermill draws a random id for the cell it adds
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    output = output or executed.with_suffix(".html")
    output.write_text(body, encoding="utf-8")
    return output


def _corpus_line(tables_folder: Path) -> str:
    try:
        docs = load_tables(tables_folder, tables=("documents",)).documents
    except (OSError, ValueError):
        return ""
    if docs.empty:
        return "no documents"
    dates = docs["event_date"].fillna(docs["date"]).dropna()
    sources = docs["source"].fillna("unknown source").value_counts()
    by_source = ", ".join(f"{name} ({n:,})" for name, n in sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])))
    span = f", {min(dates)} to {max(dates)}" if len(dates) else ""
    return f"{len(docs):,} document{'s' if len(docs) != 1 else ''}: {by_source}{span}"


_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em} h2{margin-top:2em;border-bottom:1px solid #ddd;padding-bottom:.2em}
figure{margin:1.5em 0 2.5em} figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{font-size:.92em;color:#333} .title{font-weight:600;display:block;margin-bottom:.3em}
.links a{margin-right:1em} .corpus{color:#555} nav a{margin-right:1em}
""".strip()


def notebook_title(notebook: Path) -> str:
    """The question a notebook answers: the first heading of its purpose cell (else its file stem)."""
    for cell in _read_notebook(notebook, as_version=4).cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("#"):
            return cell.source.lstrip().split("\n", 1)[0].lstrip("#").strip()
    return notebook.stem


def write_index(charts: list[ChartEntry], *, figures: Path, output: Path, corpus: str, notebooks_html: dict[str, str],
                titles: dict[str, str] | None = None) -> Path:
    """Write ``output`` (``reports/index.html``): every chart grouped by notebook, PNG inline, links relative."""
    titles = titles or {}
    figures, output = Path(figures), Path(output)
    rel = Path(_relative(figures, output.parent))
    groups: dict[str, list[ChartEntry]] = {}
    for chart in charts:
        groups.setdefault(chart.notebook, []).append(chart)
    esc = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
             "<title>Readout analysis: charts of the run</title>", f"<style>{_STYLE}</style>", "</head>", "<body>",
             "<h1>Readout analysis: every chart of the run</h1>",
             f'<p class="corpus">Corpus: {esc(corpus)}</p>',
             "<nav>" + "".join(f'<a href="#{esc(nb)}">{esc(nb)}</a>' for nb in groups) + "</nav>"]
    for nb, entries in groups.items():
        link = notebooks_html.get(nb)
        parts.append(f'<h2 id="{esc(nb)}">{esc(titles.get(nb, nb))}</h2>')
        if link:
            parts.append(f'<p class="links"><a href="{esc(link)}">the executed notebook ({esc(nb)}.html)</a></p>')
        for chart in entries:
            png = base64.b64encode((figures / f"{chart.name}.png").read_bytes()).decode("ascii")
            parts += [f'<figure id="{esc(chart.name)}">',
                      f'<img src="data:image/png;base64,{png}" alt="{esc(chart.title)}">',
                      f'<figcaption><span class="title">{esc(chart.title)}</span>{esc(chart.caption)}',
                      f'<span class="links"><br><a href="{esc((rel / (chart.name + ".svg")).as_posix())}">SVG</a>'
                      f'<a href="{esc((rel / (chart.name + ".csv")).as_posix())}">CSV of the plotted data</a></span>',
                      "</figcaption>", "</figure>"]
    if not groups:
        parts.append("<p>No chart was drawn in this run.</p>")
    parts += ["</body>", "</html>", ""]
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text("\n".join(parts), encoding="utf-8")
    return output


def _relative(path: Path, start: Path) -> str:
    return os.path.relpath(Path(path).resolve(), Path(start).resolve())


def write_report(*, executed: Path = config.EXECUTED_NOTEBOOKS, figures: Path = config.FIGURES,
                 tables: Path = config.DATA_PROCESSED, output: Path | None = None) -> Path:
    """The HTML copy of every executed notebook, and the index page of every chart; return the index's path.

    Parameters
    ----------
    executed : path, keyword-only
        The executed notebooks (``reports/notebooks``).
    figures : path, keyword-only
        The run's charts (``reports/figures``), with the ``.json`` of each chart's title.
    tables : path, keyword-only
        The built tables, for the corpus line.
    output : path, optional, keyword-only
        Default ``reports/index.html`` (the parent of ``executed``).
    """
    executed, figures = Path(executed), Path(figures)
    output = Path(output) if output else executed.parent / "index.html"
    books = sorted(executed.glob("[0-9][0-9]-*.ipynb"))
    links, titles = {}, {}
    charts: list[ChartEntry] = []
    for book in books:
        titles[book.stem] = notebook_title(book)
        page = write_notebook_html(book)
        links[book.stem] = _relative(page, output.parent)
        charts += notebook_charts(book, figures)
    placed = {c.name for c in charts}
    for stem in sorted(p.stem for p in figures.glob("*.png")):  # charts no notebook cell names plainly
        if stem not in placed:
            meta = _chart_meta(figures, stem)
            charts.append(ChartEntry(stem, meta.get("title") or stem.replace("-", " "), "", "other charts"))
    return write_index(charts, figures=figures, output=output, corpus=_corpus_line(Path(tables)), notebooks_html=links,
                       titles=titles)

"""Every notebook executes on the seed and on a White House subset; figures come with CSVs; reruns are identical.

The notebooks run exactly as ``python -m analysis run`` runs them (papermill,
parameters injected), into temporary folders.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from conftest import SEED, WH

from analysis import run

pytestmark = pytest.mark.slow

#: Charts every corpus with both sides, several years and speakers must produce.
CORE_CHARTS = {
    "documents-by-source", "documents-by-kind", "documents-per-year-by-source", "timeline-of-meetings-and-calls",
    "speaker-share-of-words-per-readout", "reporting-verbs-by-speaker", "topic-coverage-by-side",
    "topic-order-of-first-mention-by-side", "rhetoric-marker-rates-by-side", "tone-per-year-by-side",
    "keyness-side-china-vs-united-states", "pair-topics-raised-and-omitted",
}


def _run(raw, out: Path) -> int:
    return run.run_all(raw=raw, processed=out / "tables", figures=out / "figures", executed=out / "executed",
                       workers=2, progress=False)


def _figures(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _check_figures(folder: Path) -> set[str]:
    pngs = {p.stem for p in folder.glob("*.png")}
    for stem in pngs:
        assert (folder / f"{stem}.svg").exists(), stem
        assert (folder / f"{stem}.csv").stat().st_size > 0, stem
    return pngs


def _notes(executed: Path) -> list[str]:
    out = []
    for path in sorted(executed.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            for o in cell.get("outputs", []):
                for kind in ("text/markdown", "text/plain"):
                    if kind in o.get("data", {}):
                        out.append(o["data"][kind])
    return out


@pytest.fixture(scope="module")
def seed_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("seed-runs")
    raw = base / "raw"
    raw.mkdir()
    (raw / SEED.name).write_bytes(SEED.read_bytes())
    codes = [_run(raw, base / "first"), _run(raw, base / "second")]
    return base, codes


def test_every_notebook_executes_on_the_seed(seed_runs) -> None:
    base, codes = seed_runs
    assert codes == [0, 0]
    assert sorted(p.name for p in (base / "first" / "executed").glob("*.ipynb")) == [p.name for p in run.notebooks()]
    pngs = _check_figures(base / "first" / "figures")
    assert {"speaker-share-of-words-per-readout", "topic-coverage-by-side", "topic-order-of-first-mention-by-side",
            "rhetoric-marker-rates-by-side", "reporting-verbs-by-speaker"} <= pngs
    # what one readout cannot show is said, not drawn
    notes = " ".join(_notes(base / "first" / "executed"))
    assert "one year" in notes and "one side" in notes and "No pair of accounts" in notes
    assert not {"documents-per-year-by-source", "documents-by-source", "tone-per-year-by-side"} & pngs


def test_two_runs_give_identical_figures(seed_runs) -> None:
    base, _ = seed_runs
    first, second = _figures(base / "first" / "figures"), _figures(base / "second" / "figures")
    assert first.keys() == second.keys() and first
    different = [name for name in first if first[name] != second[name]]
    assert not different


def test_committed_notebooks_stay_without_outputs(seed_runs) -> None:
    for path in run.notebooks():
        nb = nbformat.read(path, as_version=4)
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path.name


def _white_house_subset(n_other: int = 50) -> list[Path]:
    """The China-related White House documents (every 2nd of them) plus an even spread of the others."""
    files = sorted(WH.rglob("*.md"))
    china = [f for f in files if any(k in f.name for k in ("xi-jinping", "wang-yi", "peoples-republic-of-china",
                                                            "yang-jiechi", "china"))]
    others = [f for f in files if f not in set(china)]
    step = max(1, len(others) // n_other)
    return china[::2] + others[::step][:n_other]


@pytest.mark.skipif(not WH.exists(), reason=f"White House corpus not present at {WH} (../shared absent)")
def test_every_notebook_executes_on_a_white_house_subset(tmp_path) -> None:
    files = _white_house_subset()
    assert len(files) >= 60
    assert _run([SEED, *files], tmp_path) == 0
    pngs = _check_figures(tmp_path / "figures")
    missing = CORE_CHARTS - pngs
    assert not missing, missing


def test_the_run_writes_each_notebook_as_html_and_one_report_page(seed_runs) -> None:
    import html.parser
    import re

    base, _ = seed_runs
    out = base / "first"
    assert sorted(p.stem for p in (out / "executed").glob("*.html")) == [p.stem for p in run.notebooks()]
    index = out / "index.html"
    page = index.read_text(encoding="utf-8")

    class Links(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.refs: list[str] = []
            self.ids: set[str] = set()

        def handle_starttag(self, tag, attrs):
            for key, value in attrs:
                if key in ("src", "href"):
                    self.refs.append(value)
                if key == "id":
                    self.ids.add(value)

    parser = Links()
    parser.feed(page)
    assert parser.refs
    for ref in parser.refs:  # every image and link resolves: inline data, an anchor of the page, or a file beside it
        if ref.startswith("data:image/png;base64,"):
            continue
        if ref.startswith("#"):
            assert ref[1:] in parser.ids, ref
            continue
        assert not re.match(r"^[a-z]+://", ref), ref  # readable offline: nothing fetched
        assert (index.parent / ref).is_file(), ref
    charts = sorted(p.stem for p in (out / "figures").glob("*.png"))
    assert page.count("<figure ") == len(charts)
    assert "<h2 id=\"02-speakers-and-framing\">02 Speakers and framing: who is reported as saying what?</h2>" in page
    assert "Corpus: 1 document: PRC MFA (1), 2021-10-31 to 2021-10-31" in page
    second = (base / "second" / "index.html").read_text(encoding="utf-8")
    assert second == page  # deterministic: no timestamps

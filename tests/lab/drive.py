"""``make test-lab``: every notebook run in JupyterLab in headless Chromium, as an analyst runs it.

For each corpus (the seed readout; the White House readouts plus the seed when ``../shared`` is there):

1. build the tables into a temporary folder (``python -m analysis build``; ``data/raw`` is only read);
2. copy ``notebooks/`` into that folder (the committed notebooks stay without outputs) and start
   JupyterLab on the copy (:mod:`lab.server`: ``.venv``, loopback, random token, the repository's
   ``jupyter/settings``); the notebooks' default parameters read the built tables and export their
   charts to the temporary folder through the ``READOUT_*`` variables of :mod:`analysis.config`;
3. for each notebook, in order, in a fresh browser tab: open it, wait for the kernel, click
   Run > Run All Cells, wait until the kernel is idle and no cell is queued, save it through the UI
   (Ctrl+S), take a full-page screenshot (``reports/lab/<corpus>/<notebook>.png``), shut its kernel
   down, and check the page and the saved notebook (:mod:`lab.checks`): no error or stderr output,
   no cell left unrun, every chart cell showing its image (or the note saying why not), as many
   images as charts exported, every image rendered;
4. write the report page from the notebooks Lab saved (``analysis.report.write_report``, what
   ``make run`` does after papermill), open ``index.html`` in Chromium and fail on any console error,
   failed request, image that does not load or link to nothing.

Every wait is bounded (``--notebook-timeout``, ``--total-timeout``); the server, its kernels and the
browser are stopped on every exit. ``make test-lab`` runs one of these per corpus at once (:mod:`lab`,
``tests/lab/__main__.py``); by hand: ``PYTHONPATH=tests .venv/bin/python -m lab.drive --corpus seed``.
Exit code 0 when every check passed, 1 otherwise (each problem printed).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from playwright.sync_api import BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from analysis import config
from analysis.report import write_report
from lab.checks import notebook_problems, page_problems, report_problems, shown_images
from lab.corpora import CorpusMissing, Stopped, corpora, lab_parser, numbered_notebooks, stop_on
from lab.server import LabServer, jupyterlab

BROWSER = Path("/usr/bin/chromium")  # Debian's package, installed by tests/lab/install_chromium.sh
#: Headless, no sandbox (root in CI), and nothing that phones home: on a closed network Chromium's own
#: background connections are refused and slow everything down.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
VIEWPORT = {"width": 1280, "height": 900}
MAX_SCREENSHOT_HEIGHT = 30000  # px; a taller notebook is cut at the bottom of its screenshot

#: What the notebook page shows: kernel status, prompts, stderr outputs, images, dialogs, unsaved changes.
PAGE_STATE = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const kernel = [...document.querySelectorAll('.jp-StatusBar-TextItem')]
      .map(e => e.textContent.trim()).find(t => t.includes(' | ')) || '';
  const dialogs = [...document.querySelectorAll('.jp-Dialog')].map(e => e.textContent);
  const title = document.querySelector('#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel')
      ?.textContent.trim() || '';
  if (!panel) return {kernel, dialogs, title, prompts: [], stderr: [], images: [], status: '', dirty: false};
  const outer = panel.querySelector('.jp-WindowedPanel-outer');
  return {
    kernel, dialogs, title,
    status: panel.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status || '',
    prompts: [...panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim()),
    stderr: [...panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map(e => e.textContent),
    images: [...panel.querySelectorAll('.jp-OutputArea-output img')].map(i => ({ok: i.complete && i.naturalWidth > 0})),
    dirty: !!document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty'),
    chrome: outer ? window.innerHeight - outer.clientHeight : 0,
    content: outer ? outer.scrollHeight : 0,
  };
}"""

#: What the report page holds: every image (loaded?), every link (as written and resolved), every id.
REPORT_STATE = """() => ({
  images: [...document.images].map(i => ({src: i.src, ok: i.complete && i.naturalWidth > 0})),
  links: [...document.querySelectorAll('a')].map(a => ({raw: a.getAttribute('href'), url: a.href})),
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
})"""


class LabFailure(Exception):
    """A step that cannot go on (a timeout, a server or build that failed)."""


@dataclass
class Clock:
    """The overall time limit, and per-step deadlines that never pass it."""

    total: float
    started: float = field(default_factory=time.monotonic)

    def left(self) -> float:
        return self.started + self.total - time.monotonic()

    def deadline(self, seconds: float) -> float:
        return min(time.monotonic() + seconds, self.started + self.total)

    def limit_message(self) -> str:
        return (f"the overall limit was reached ({self.total:.0f} s for this corpus's driver; "
                "make test-lab LAB_TIMEOUT=seconds raises it)")

    def elapsed(self) -> float:
        return time.monotonic() - self.started


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_tables(inputs: Sequence[Path], out: Path, *, clock: Clock) -> None:
    """``python -m analysis build`` of ``inputs`` into ``out``, within the time left."""
    cmd = [sys.executable, "-m", "analysis", "build", *map(str, inputs), "--out", str(out), "--quiet"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=max(clock.left(), 1), cwd=config.PROJECT_ROOT)
    except subprocess.TimeoutExpired:
        raise LabFailure(f"the build of {', '.join(map(str, inputs))} did not finish within the overall limit") from None
    if done.returncode != 0:
        raise LabFailure(f"the build failed (exit {done.returncode}):\n{done.stderr[-2000:]}")


def _poll(page: Page, ready, *, deadline: float, what: str, every: float = 0.5, stable: int = 1) -> dict:
    """Read :data:`PAGE_STATE` until ``ready(state)`` holds ``stable`` times in a row; fail on a dialog or the deadline."""
    hits = 0
    while True:
        state = page.evaluate(PAGE_STATE)
        if state["dialogs"]:
            raise LabFailure(f"a dialog opened while waiting for {what}: {state['dialogs'][0].strip()[:200]}")
        hits = hits + 1 if ready(state) else 0
        if hits >= stable:
            return state
        if time.monotonic() >= deadline:
            raise LabFailure(f"timed out waiting for {what} (kernel: {state['kernel'] or 'none'}, "
                             f"prompts: {' '.join(state['prompts'])})")
        page.wait_for_timeout(every * 1000)


def _kernel_idle(state: dict) -> bool:
    return state["kernel"].endswith("| Idle") and not state["kernel"].startswith("No Kernel")


def _finished(state: dict) -> bool:
    prompts = state["prompts"]
    return (_kernel_idle(state) and state["status"] == "idle" and not any("*" in p for p in prompts)
            and any(ch.isdigit() for p in prompts for ch in p))


def _screenshot(page: Page, state: dict, path: Path, *, deadline: float) -> dict:
    """Grow the viewport to the whole notebook, screenshot it, and return the page state read at that size."""
    height = min(max(VIEWPORT["height"], state["chrome"] + state["content"] + 40), MAX_SCREENSHOT_HEIGHT)
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.evaluate("() => document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')"
                  "?.scrollTo(0, 0)")
    page.wait_for_timeout(800)  # layout and image decoding at the new size
    state = _poll(page, lambda s: all(i["ok"] for i in s["images"]), deadline=min(deadline, time.monotonic() + 10),
                  what="the images to render") if state["images"] else page.evaluate(PAGE_STATE)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True, timeout=max((deadline - time.monotonic()) * 1000, 1000))
    return state


def open_notebook(page: Page, server: LabServer, name: str, *, reload: bool) -> None:
    """Open ``name`` in Lab: by loading Lab on it (``reload``), else by double-clicking it in the file browser."""
    if reload:
        page.goto(server.lab_url(name, workspace=f"test-lab-{Path(name).stem}"))
    else:
        page.locator(".jp-DirListing-item", has=page.get_by_text(name, exact=True)).dblclick()


def close_notebook(page: Page) -> None:
    """Close the notebook's tab (it is saved, so no dialog asks)."""
    page.set_viewport_size(VIEWPORT)
    page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabCloseIcon").click()
    page.locator(".jp-NotebookPanel").wait_for(state="detached")


def run_notebook(page: Page, server: LabServer, notebook: Path, *, figures: Path, shot: Path, timeout: float,
                 clock: Clock, reload: bool) -> list[str]:
    """Run one notebook through the Lab UI, save it, screenshot it, close it; return its problems (empty: clean).

    Raises
    ------
    LabFailure, playwright.sync_api.Error
        When the notebook could not be run to the end (a timeout, a dialog); its kernel is shut down.
    """
    deadline = clock.deadline(timeout)
    before = {p.stem for p in figures.glob("*.png")}
    started = time.monotonic()
    phases: dict[str, float] = {}

    def phase(name: str) -> None:
        phases[name] = time.monotonic() - started - sum(phases.values())

    page.set_default_timeout(max((deadline - time.monotonic()) * 1000, 1000))
    try:
        open_notebook(page, server, notebook.name, reload=reload)
        _poll(page, lambda s: s["title"] == notebook.name and s["prompts"], deadline=deadline, what=f"{notebook.name} to open")
        phase("open")
        _poll(page, _kernel_idle, deadline=deadline, what="the kernel to start")
        phase("kernel")
        page.locator(".lm-MenuBar").get_by_role("menuitem", name="Run", exact=True).click()
        page.locator(".lm-Menu").get_by_role("menuitem", name="Run All Cells", exact=True).click()
        _poll(page, lambda s: any("*" in p or any(c.isdigit() for c in p) for p in s["prompts"]),
              deadline=min(deadline, time.monotonic() + 30), what="Run All Cells to start the cells")
        state = _poll(page, _finished, deadline=deadline, what=f"{notebook.name} to finish", stable=2)
        phase("run")
        page.keyboard.press("Control+s")
        _poll(page, lambda s: not s["dirty"], deadline=deadline, what=f"{notebook.name} to be saved")
        phase("save")
        state = _screenshot(page, state, shot, deadline=deadline)
        phase("screenshot")
        close_notebook(page)
    except (LabFailure, PlaywrightError):
        with contextlib.suppress(Exception):
            page.screenshot(path=str(shot), full_page=True, timeout=5000)
        raise
    finally:
        server.shutdown_kernels_soon(path=notebook.name)
    exported = len({p.stem for p in figures.glob("*.png")} - before)
    saved = nbformat.read(notebook, as_version=4)
    problems = page_problems(state) + notebook_problems(saved, exported_charts=exported)
    code = [c for c in saved.cells if c.cell_type == "code"]
    ran = sum(1 for c in code if c.get("execution_count") is not None)
    _say(f"      {notebook.stem}: {ran}/{len(code)} code cells run, {shown_images(saved)} charts shown, {exported} exported, "
         f"{time.monotonic() - started:.1f} s ({', '.join(f'{k} {v:.1f}' for k, v in phases.items())}) -> {shot}")
    return problems


def check_report(context: BrowserContext, index: Path, *, figures: Path, shot: Path) -> list[str]:
    """Open the report page in Chromium; return its problems (console errors, failed requests, broken src/href)."""
    console: list[str] = []
    failed: list[str] = []
    page = context.new_page()
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(f"{r.url[:120]}: {r.failure}"))
    try:
        page.goto(index.resolve().as_uri(), wait_until="load", timeout=60000)
        page.wait_for_timeout(500)
        state = page.evaluate(REPORT_STATE)
        page.screenshot(path=str(shot), timeout=30000)
    finally:
        page.close()
    pngs = len(list(figures.glob("*.png")))
    return report_problems(images=state["images"], links=state["links"], ids=state["ids"], console=console,
                           failed=failed, expected_images=pngs)


def run_corpus(context: BrowserContext, name: str, inputs: Sequence[Path], *, notebooks: Sequence[Path], work: Path,
               timeout: float, clock: Clock) -> list[str]:
    """Build, run every notebook in Lab, check the report page, for one corpus; return the problems."""
    tables, reports = work / "tables", work / "reports"
    folder, figures, shots = reports / "notebooks", reports / "figures", config.LAB_SCREENSHOTS / name
    folder.mkdir(parents=True)
    figures.mkdir()
    shutil.rmtree(shots, ignore_errors=True)
    started = time.monotonic()
    build_tables(inputs, tables, clock=clock)
    _say(f"      tables built in {time.monotonic() - started:.1f} s -> {tables}")
    for book in notebooks:
        shutil.copy2(book, folder / book.name)
    problems: list[str] = []
    with jupyterlab(folder, tables=tables, figures=figures, workdir=work) as server:
        _say(f"      JupyterLab at {server.url} (token hidden), serving a copy of the notebooks in {folder}")
        page = context.new_page()
        reload = True  # the first notebook loads Lab; the next ones open from its file browser
        try:
            for k, book in enumerate(notebooks):
                if clock.left() <= 0:
                    problems.append(f"{name}: {clock.limit_message()}: {', '.join(b.name for b in notebooks[k:])} not run")
                    return problems
                started = time.monotonic()
                try:
                    found = run_notebook(page, server, folder / book.name, figures=figures, timeout=timeout, clock=clock,
                                         shot=shots / f"{book.stem}.png", reload=reload)
                    reload = False
                except (LabFailure, PlaywrightError) as failure:
                    limit = clock.limit_message() if clock.left() <= 0 else f"the limit is {timeout:.0f} s per notebook"
                    found = [f"{str(failure).splitlines()[0]} (after {time.monotonic() - started:.0f} s; {limit})"]
                    reload = True  # start the next notebook from a fresh page
                problems += [f"{name}: {book.name}: {p}" for p in found]
        finally:
            page.close()
    if clock.left() <= 0:
        return problems + [f"{name}: {clock.limit_message()}: the report page was not checked"]
    index = write_report(executed=folder, figures=figures, tables=tables)
    found = check_report(context, index, figures=figures, shot=shots / "index.png")
    _say(f"      report page {index}: {len(list(figures.glob('*.png')))} charts, "
         f"{'no problem' if not found else f'{len(found)} problems'}")
    return problems + [f"{name}: index.html: {p}" for p in found]


def main(argv: Sequence[str] | None = None) -> int:
    parser = lab_parser(__doc__.split("\n\n")[0], total_timeout=870)
    parser.add_argument("--notebooks", type=Path, default=config.NOTEBOOKS, help="folder of the notebooks to run")
    args = parser.parse_args(argv)
    clock = Clock(total=args.total_timeout)
    stop_on(signal.SIGTERM, signal.SIGHUP, signal.SIGALRM)
    signal.alarm(int(args.total_timeout) + 60)  # a last resort if a call hangs past every deadline
    problems: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="readout-lab-"))
    try:
        if not BROWSER.exists():
            raise LabFailure(f"{BROWSER} is missing: `make test-lab` installs Debian's chromium (tests/lab/install_chromium.sh)")
        books = numbered_notebooks(args.notebooks)
        if not books:
            raise LabFailure(f"no numbered notebook in {args.notebooks}")
        chosen = corpora(args.corpus)
        with sync_playwright() as pw:
            context = pw.chromium.launch_persistent_context(
                str(work / "chromium-profile"), executable_path=str(BROWSER), headless=True, args=CHROMIUM_ARGS,
                viewport=VIEWPORT)
            try:
                for step, (name, inputs) in enumerate(chosen, start=1):
                    _say(f"[{step}/{len(chosen)}] {name}: {', '.join(map(str, inputs))}")
                    problems += run_corpus(context, name, inputs, notebooks=books, work=work / name,
                                           timeout=args.notebook_timeout, clock=clock)
            finally:
                context.close()
    except (LabFailure, CorpusMissing, Stopped) as failure:
        problems.append(str(failure))
    except PlaywrightError as failure:  # the browser went away outside a notebook's run
        problems.append(f"the browser failed: {str(failure).splitlines()[0]}")
    finally:
        signal.alarm(0)
        if args.keep:
            _say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    for p in problems:
        _say(f"error: {p}")
    verdict = "failed" if problems else "passed"
    _say(f"the Lab run on {', '.join(args.corpus or ['every corpus'])} {verdict} in {clock.elapsed():.0f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""``make test-lab`` (``PYTHONPATH=tests .venv/bin/python -m lab``): the Lab run of every corpus, side by side.

Each corpus (the seed; the White House readouts plus the seed when ``../shared`` is there) is run by
its own ``python -m lab.drive --corpus NAME`` process, all at once: a notebook's kernel mostly uses one
core, so on two cores the corpora run in about the time of the longest one, and one corpus builds its
tables while the other runs its notebooks. Their lines are printed as they come, prefixed with the
corpus. Each process keeps its own per-notebook and overall limits and stops its server, kernels and
browser on every exit; this one enforces the overall limit once more, ending a process group that
outlives it (SIGTERM to the driver, which it turns into its clean-up, then SIGKILL to its group).
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence

from analysis import config
from lab.corpora import CorpusMissing, Stopped, corpora, lab_parser, stop_on

#: Seconds the driver processes get to clean up after the overall limit, before they are killed.
GRACE = 30


def _relay(name: str, stream) -> None:
    for line in stream:
        print(f"[{name}] {line.rstrip()}", file=sys.stderr, flush=True)


def _end(process: subprocess.Popen) -> None:
    """Stop a driver still running: SIGTERM (it stops its server, kernels and browser), then SIGKILL its group.

    The group (the driver, Playwright's node process, Chromium) gets SIGKILL after :data:`GRACE` seconds,
    or as soon as the driver has exited, so that nothing it started outlives it. A driver that has
    exited by itself has already stopped everything.
    """
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=GRACE)
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def main(argv: Sequence[str] | None = None) -> int:
    args = lab_parser(__doc__.split("\n\n")[0], total_timeout=900).parse_args(argv)
    started = time.monotonic()
    try:
        names = [name for name, _ in corpora(args.corpus)]
    except CorpusMissing as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    stop_on(signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    drivers: dict[str, subprocess.Popen] = {}
    relays = []
    codes: dict[str, int] = {}
    try:
        _run(names, args, drivers, relays, codes, started)
    except Stopped as stopped:
        print(f"error: {stopped}; stopping the drivers", file=sys.stderr, flush=True)
        codes.update({name: 1 for name in names if name not in codes})
    finally:
        for process in drivers.values():
            _end(process)
        for relay in relays:
            relay.join(timeout=5)
    failed = [name for name, code in codes.items() if code != 0]
    verdict = f"failed on {', '.join(failed)}" if failed else "passed"
    print(f"make test-lab {verdict} in {time.monotonic() - started:.0f} s ({', '.join(names)}): "
          f"one screenshot per notebook in {config.LAB_SCREENSHOTS}/<corpus>/", file=sys.stderr, flush=True)
    return 1 if failed else 0


def _run(names: list[str], args: argparse.Namespace, drivers: dict, relays: list, codes: dict, started: float) -> None:
    """Start one driver per corpus, relay its lines, wait for all within the overall limit."""
    for name in names:
        cmd = [sys.executable, "-m", "lab.drive", "--corpus", name, "--notebook-timeout", str(args.notebook_timeout),
               "--total-timeout", str(max(args.total_timeout - GRACE, 1))] + (["--keep"] if args.keep else [])
        drivers[name] = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                         text=True, start_new_session=True, cwd=config.PROJECT_ROOT)
        relays.append(threading.Thread(target=_relay, args=(name, drivers[name].stdout), daemon=True))
        relays[-1].start()
    for name, process in drivers.items():
        left = args.total_timeout - (time.monotonic() - started)
        try:
            codes[name] = process.wait(timeout=max(left, 1))
        except subprocess.TimeoutExpired:
            print(f"error: [{name}] still running at the overall limit of {args.total_timeout:.0f} s "
                  f"(--total-timeout, LAB_TIMEOUT); stopping it", file=sys.stderr, flush=True)
            _end(process)
            codes[name] = 1


if __name__ == "__main__":
    sys.exit(main())

"""A JupyterLab server for ``make test-lab``: the project's .venv, a loopback port, a random token, always stopped.

:func:`jupyterlab` starts ``python -m jupyterlab`` (the interpreter running this module, i.e. ``.venv``) in
its own process group, with JupyterLab's settings from the repository's ``jupyter/settings`` (what
``make lab`` uses) and every other Jupyter folder (config, data, runtime, workspaces) in a temporary
folder, so nothing from the user's home changes what is tested. On leaving the ``with`` block, even after
an error, it shuts down every kernel and the server through the REST API, then kills the process group,
then any kernel still running from this server's runtime folder (kernels run in their own sessions).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from analysis import config

#: The settings ``make lab`` gives JupyterLab (no news pop-up, no update check).
LAB_SETTINGS: Path = config.JUPYTER_SETTINGS


def free_port() -> int:
    """A TCP port free on the loopback interface now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LabServer:
    """A running JupyterLab: where it listens, its token, its process, its log."""

    url: str
    token: str
    process: subprocess.Popen
    log: Path
    runtime: Path
    pending: list[threading.Thread] = field(default_factory=list)

    def api(self, path: str, *, method: str = "GET", timeout: float = 10) -> object:
        """Call the server's REST API; return the decoded JSON (None for an empty answer)."""
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
        return json.loads(body) if body else None

    def lab_url(self, notebook: str, *, workspace: str) -> str:
        """The Lab page opening ``notebook`` in a workspace of its own (so no other tab is restored)."""
        return f"{self.url}/lab/workspaces/{workspace}/tree/{notebook}?token={self.token}"

    def sessions(self) -> list[dict]:
        return list(self.api("/api/sessions") or [])

    def shutdown_kernels(self, *, path: str | None = None) -> int:
        """Delete the sessions (and so shut down the kernels) of ``path``, or all; return how many."""
        done = 0
        for session in self.sessions():
            if path is None or session.get("path") == path:
                self.api(f"/api/sessions/{session['id']}", method="DELETE", timeout=30)
                done += 1
        return done

    def shutdown_kernels_soon(self, *, path: str) -> threading.Thread:
        """:meth:`shutdown_kernels` of ``path`` in a thread (a kernel takes seconds to stop); :func:`stop` waits for it."""
        def shutdown() -> None:
            with contextlib.suppress(Exception):  # gone already, or the server stopping: stop() sweeps up
                self.shutdown_kernels(path=path)

        thread = threading.Thread(target=shutdown, name=f"shutdown {path}", daemon=True)
        thread.start()
        self.pending.append(thread)
        return thread

    def log_tail(self, lines: int = 25) -> str:
        try:
            return "\n".join(self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def lab_environment(*, tables: Path, figures: Path, jupyter_home: Path, base: Mapping[str, str] | None = None) -> dict:
    """The server's (and so its kernels') environment: the notebooks read ``tables``, export to ``figures``.

    The notebooks' parameters default to :mod:`analysis.config`, whose ``READOUT_*`` variables point them
    at the tables built for the test, as ``make run`` points them with papermill parameters.
    """
    env = dict(os.environ if base is None else base)
    env.pop("MPLBACKEND", None)  # the kernel's inline backend, as an analyst gets it
    env.update({
        "READOUT_DATA_PROCESSED": str(tables), "READOUT_FIGURES": str(figures), "PYTHONHASHSEED": "0",
        "JUPYTERLAB_SETTINGS_DIR": str(LAB_SETTINGS),
        "JUPYTERLAB_WORKSPACES_DIR": str(jupyter_home / "workspaces"),
        "JUPYTER_CONFIG_DIR": str(jupyter_home / "config"), "JUPYTER_DATA_DIR": str(jupyter_home / "data"),
        "JUPYTER_RUNTIME_DIR": str(jupyter_home / "runtime"),
    })
    return env


try:  # resolved here, not in the forked child
    _PRCTL = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux
    _PRCTL = None


def _die_with_parent() -> None:
    """In the server's process, before it starts: get SIGTERM when the driver dies, even by SIGKILL (Linux)."""
    if _PRCTL is not None:
        _PRCTL(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG


def _wait_ready(server: LabServer, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {server.process.returncode} while starting:\n{server.log_tail()}")
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            server.api("/api/status", timeout=2)
            return
        time.sleep(0.3)
    raise TimeoutError(f"JupyterLab did not answer within {timeout:.0f} s:\n{server.log_tail()}")


def _kernels_of(runtime: Path) -> list[int]:
    """Process ids of kernels started with a connection file in ``runtime`` (this server's kernels only)."""
    marker = str(runtime).encode()
    pids = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            with contextlib.suppress(OSError):
                if marker in (proc / "cmdline").read_bytes():
                    pids.append(int(proc.name))
    return pids


def stop(server: LabServer, *, grace: float = 10) -> None:
    """Shut down the kernels and the server, then kill what is left of them; never raises."""
    for thread in server.pending:
        thread.join(timeout=grace)
    with contextlib.suppress(Exception):
        server.shutdown_kernels()
    with contextlib.suppress(Exception):
        server.api("/api/shutdown", method="POST", timeout=5)
    with contextlib.suppress(subprocess.TimeoutExpired):
        server.process.wait(timeout=grace)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if server.process.poll() is not None:
            break
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(server.process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.process.wait(timeout=5)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(server.process.pid, signal.SIGKILL)  # children left in the group
    for pid in _kernels_of(server.runtime):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def jupyterlab(root: Path, *, tables: Path, figures: Path, workdir: Path, start_timeout: float = 60) -> Iterator[LabServer]:
    """Run JupyterLab on the notebooks in ``root`` for the duration of the ``with`` block.

    Parameters
    ----------
    root : path
        The folder the server serves (a temporary copy of ``notebooks/``, never the committed files).
    tables, figures : path, keyword-only
        The built tables the notebooks read, the folder they export charts to.
    workdir : path, keyword-only
        A temporary folder for Jupyter's own folders and the server log.
    start_timeout : float, keyword-only
        Seconds the server may take to answer.
    """
    home = Path(workdir) / "jupyter"
    for sub in ("workspaces", "config", "data", "runtime"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    port, token = free_port(), secrets.token_hex(24)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}", "--port-retries=0",
           f"--ServerApp.root_dir={root}", "--ServerApp.open_browser=False"]  # the token in JUPYTER_TOKEN, not in `ps`
    if os.geteuid() == 0:
        cmd.append("--allow-root")
    log = home / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, cwd=root,
                                   env={**lab_environment(tables=tables, figures=figures, jupyter_home=home),
                                        "JUPYTER_TOKEN": token},
                                   start_new_session=True, preexec_fn=_die_with_parent)
    server = LabServer(url=f"http://127.0.0.1:{port}", token=token, process=process, log=log, runtime=home / "runtime")
    try:
        _wait_ready(server, timeout=start_timeout)
        yield server
    finally:
        stop(server)

"""Build speed on the UN General Debate corpus, against the nltk idiom, as whole processes in one run.

Usage::

    python benchmarks/build_speed.py                 # 20 MB slice + the full corpus (about 2 minutes)
    python benchmarks/build_speed.py --slice-mb 10 --no-full

Both sides are timed as whole processes, start-up included, on the same
slice (the first ``.txt`` members of ``ungdc-1946-2024-txt.tar.xz`` up to the
given size, with the speaker list beside them):

* the nltk idiom: ``PunktSentenceTokenizer`` with the same explicit
  parameters on each paragraph, then nltk's Treebank word tokenizer on each
  sentence (one process);
* ours: ``python -m analysis build SLICE --out TMP`` (all tables: sentences,
  tokens, speakers, topics, markers).

It prints their MB/s and ratio, then, unless ``--no-full``, the full corpus's
wall time, MB/s and peak memory (the largest sum of the resident sizes of the
build's processes, sampled from ``/proc``).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

from analysis import config

ARCHIVE = config.UNGD_CORPUS / "ungdc-1946-2024-txt.tar.xz"


def write_slice(archive: Path, folder: Path, *, megabytes: float) -> int:
    """Copy speeches from the archive into ``folder`` until ``megabytes`` are written; return bytes."""
    total = 0
    with tarfile.open(archive, "r|*") as tar:
        for info in tar:
            name = info.name.rsplit("/", 1)[-1]
            if not info.isfile() or name.startswith("._") or not name.endswith(".txt"):
                continue
            data = tar.extractfile(info).read()
            (folder / name).write_bytes(data)
            total += len(data)
            if total >= megabytes * 1e6:
                break
    return total


def nltk_idiom(folder: Path) -> int:
    """The nltk-idiomatic pipeline: Punkt sentences per paragraph, then Treebank words per sentence; tokens."""
    from nltk.tokenize.destructive import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from analysis.annotate.segment import ABBREVIATIONS

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    sentences = PunktSentenceTokenizer(params)
    words = NLTKWordTokenizer()
    n_tokens = 0
    for path in sorted(folder.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            for sentence in sentences.tokenize(paragraph):
                n_tokens += len(words.tokenize(sentence))
    return n_tokens


_PAGE = os.sysconf("SC_PAGE_SIZE")


def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (Linux ``/proc``: ``statm`` and ``children``)."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_bytes().split()[1]) * _PAGE
            for task in Path(f"/proc/{p}/task").iterdir():  # a child belongs to the thread that forked it
                stack.extend(int(c) for c in (task / "children").read_bytes().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError, ValueError):
            continue
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(args: list[str]) -> tuple[float, int, str, float]:
    """Run a command to its end; return its wall seconds, the peak resident bytes of its process tree, its output,
    and the CPU seconds of the whole tree (the command and the workers it waited for)."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.25)  # light: the sampler shares the two cores with the build it measures

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = proc.communicate()[0]
    seconds = time.perf_counter() - started
    sampler.join()
    if proc.returncode:
        raise SystemExit(f"{' '.join(args)} exited with {proc.returncode}")
    return seconds, peak[0], output, _children_cpu() - cpu_before


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slice-mb", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-full", action="store_true", help="skip the full-corpus run")
    parser.add_argument("--nltk-idiom", type=Path, help=argparse.SUPPRESS)  # the baseline's own process
    args = parser.parse_args()
    if args.nltk_idiom:
        print(nltk_idiom(args.nltk_idiom))
        return 0
    if not ARCHIVE.exists():
        print(f"UN General Debate corpus not found at {ARCHIVE} (../shared absent); nothing to measure.")
        return 0
    python = sys.executable
    build = [python, "-m", "analysis", "build", "--quiet", "--workers", str(args.workers)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        slice_dir = tmp / "slice"
        slice_dir.mkdir()
        mb = write_slice(ARCHIVE, slice_dir, megabytes=args.slice_mb) / 1e6
        # the speaker list travels with the slice, as it does with the corpus
        (slice_dir / "Speakers_by_session.xlsx").write_bytes((config.UNGD_CORPUS / "Speakers_by_session.xlsx").read_bytes())

        load = os.getloadavg()[0]
        base_s, _, _, base_cpu = run_process([python, __file__, "--nltk-idiom", str(slice_dir)])
        ours_s, ours_peak, _, ours_cpu = run_process([*build, str(slice_dir), "--out", str(tmp / "slice-out")])
        one_s, _, _, _ = run_process([*build, str(config.SEED), "--out", str(tmp / "seed-out")])
        print(f"slice: {mb:.1f} MB of UN General Debate speeches; whole processes, start-up included")
        print(f"  nltk idiom (Punkt + Treebank words, 1 process): {base_s:6.1f} s  {mb / base_s:6.2f} MB/s  {base_cpu:6.1f} CPU-s")
        print(f"  python -m analysis build ({args.workers} workers, all tables): {ours_s:6.1f} s  {mb / ours_s:6.2f} MB/s"
              f"  {ours_cpu:6.1f} CPU-s  peak {ours_peak / 2**20:,.0f} MB")
        print(f"  ratio: {base_s / ours_s:.1f}x")
        print(f"  one readout (the seed), whole process: {one_s:.2f} s")
        if not args.no_full:
            full_s, full_peak, out, full_cpu = run_process([*build, str(config.UNGD_CORPUS), "--out", str(tmp / "full-out")])
            print(f"full corpus: {full_s:.1f} s wall, {full_cpu:.1f} CPU-s, peak {full_peak / 2**30:.2f} GB "
                  f"({args.workers} workers, {os.cpu_count()} cores, load average before {load:.2f})")
            print(f"  {out.splitlines()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

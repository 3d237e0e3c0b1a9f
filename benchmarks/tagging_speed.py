"""Speed of topic + marker tagging against segmentation, on UN General Debate speeches.

Usage::

    python benchmarks/tagging_speed.py              # 20 MB slice of ../shared/corpora/ungd
    python benchmarks/tagging_speed.py --mb 50      # a bigger slice
    python benchmarks/tagging_speed.py --archive PATH.tar.xz

Speeches are streamed from the ``.tar.xz`` (``tarfile`` in stream mode,
nothing is written to disk) until the slice is read, normalised as the build
normalises UNGD speeches, and then timed in one process, each step three
times (the best run counts):

* ``segment``: :func:`analysis.annotate.segment.segment` (what every build already pays);
* ``tag``: :func:`analysis.annotate.tagging.tag_topics` + :func:`analysis.annotate.tagging.tag_markers`
  on the sentences found by ``segment`` (the lexicons are compiled once, before timing).

The printed ratio ``tag / segment`` is tagging time over segmentation time.
The issue's budget is that tagging adds at most 30% to a whole build, of which
segmentation is only one part; with ``--build`` the same speeches also go
through the build's per-document work (:func:`analysis.build.process_batch`:
read, normalise, segment, attribute speakers, tag, assemble the tables, one
process) and the share of that time spent tagging is printed as well.

Measured 2026-11-27 on the project's 2-core machine (shared, so +-20% noise),
20 MB slice: segment 4.3 MB/s, tag 9.8 MB/s, ratio tag/segment 0.44; tagging
adds 28% to ``process_batch`` without it. In a whole single-worker build of a
10 MB slice (``analysis.build.build``, tag functions timed inside it)
tagging took 1.1 s of 5.5-6.2 s, adding 23-26%.
"""

from __future__ import annotations

import argparse
import sys
import tarfile
import time
from pathlib import Path

from analysis import config
from analysis.annotate.lexicon import load_marker_lexicon, load_topic_lexicon
from analysis.ingest.normalize import normalize_body
from analysis.annotate.segment import segment
from analysis.annotate.tagging import tag_markers, tag_topics

ARCHIVE = config.UNGD_CORPUS / "ungdc-1946-2024-txt.tar.xz"


def read_slice(archive: Path, *, mb: float, raws: list | None = None) -> list[str]:
    """Normalised speech bodies from the start of ``archive``, about ``mb`` megabytes of text.

    When ``raws`` is a list, ``(member name, bytes)`` pairs are appended to it too.
    """
    limit = int(mb * 1_000_000)
    texts: list[str] = []
    total = 0
    with tarfile.open(archive, mode="r|xz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            data = handle.read()
            if raws is not None:
                raws.append((member.name.rsplit("/", 1)[-1], data))
            raw = data.decode("utf-8", errors="replace")
            texts.append(normalize_body(raw, lines_are_paragraphs=True))
            total += len(raw.encode("utf-8"))
            if total >= limit:
                break
    return texts


def best_of(fn, *, repeat: int = 3) -> float:
    """Best wall time of ``repeat`` runs of ``fn()``."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--archive", type=Path, default=ARCHIVE)
    parser.add_argument("--mb", type=float, default=20.0, help="megabytes of speeches to read (default 20)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time the build's per-document work (process_batch)")
    args = parser.parse_args(argv)
    if not args.archive.exists():
        print(f"UNGD archive not found at {args.archive} (../shared absent); nothing to time.")
        return 0
    raws: list = []
    texts = read_slice(args.archive, mb=args.mb, raws=raws)
    n_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    topics, markers = load_topic_lexicon(), load_marker_lexicon()
    segs = [segment(t).sentences for t in texts]

    def run_segment() -> None:
        for t in texts:
            segment(t)

    n_rows = [0, 0]

    def run_tag() -> None:
        a = b = 0
        for t, s in zip(texts, segs):
            a += len(tag_topics(t, s, lexicon=topics))
            b += len(tag_markers(t, s, lexicon=markers))
        n_rows[:] = [a, b]

    t_seg = best_of(run_segment, repeat=args.repeat)
    t_tag = best_of(run_tag, repeat=args.repeat)
    n_tokens = sum(len(t.split()) for t in texts)
    print(f"slice: {len(texts)} speeches, {n_mb:.1f} MB, ~{n_tokens / 1e6:.2f}M words")
    print(f"rows: {n_rows[0]:,} topic matches, {n_rows[1]:,} marker matches")
    print(f"segment : {t_seg:7.2f} s  {n_mb / t_seg:6.2f} MB/s")
    print(f"tag     : {t_tag:7.2f} s  {n_mb / t_tag:6.2f} MB/s  (topics + markers)")
    print(f"ratio tag/segment time: {t_tag / t_seg:.2f}")
    if args.build:
        t_build = time_build(raws, repeat=args.repeat)
        if t_build is not None:
            print(f"build   : {t_build:7.2f} s  {n_mb / t_build:6.2f} MB/s  (process_batch, tagging included)")
            print(f"tagging adds {t_tag / (t_build - t_tag):.0%} to the build's per-document work without it")
    return 0


def time_build(raws: list[tuple[str, bytes]], *, repeat: int) -> float | None:
    """Best time of the build's per-document work on ``raws`` in one process, or None if it cannot run."""
    try:
        from analysis.build import BuildOptions, _Resources, process_batch
        from analysis.ingest.sources import RawInput

        resources = _Resources(BuildOptions())
        inputs = [RawInput(name, data) for name, data in raws]
        process_batch(inputs[:2], resources)
    except Exception as exc:  # noqa: BLE001 - the pipeline belongs to another module; report, don't fail
        print(f"build timing skipped: {type(exc).__name__}: {exc}")
        return None
    return best_of(lambda: process_batch(inputs, resources), repeat=repeat)


if __name__ == "__main__":
    sys.exit(main())

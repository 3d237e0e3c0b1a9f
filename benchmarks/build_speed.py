"""Build speed on the UN General Debate corpus, against an nltk-idiomatic baseline in the same run.

Usage::

    python benchmarks/build_speed.py                 # slice of 20 MB + the full corpus (about 2 minutes)
    python benchmarks/build_speed.py --slice-mb 10 --no-full

Prints MB/s of the baseline (nltk Punkt with the same explicit parameters,
then nltk's Treebank word tokenizer on each sentence, one process) and of our
build on the same slice, their ratio, the cost of attribution and tagging
relative to the core tables, and for the full corpus the wall time, MB/s and
peak memory (main process and largest worker).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from nltk.tokenize.destructive import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis import config
from analysis.build import BuildOptions, build
from analysis.annotate.segment import ABBREVIATIONS
from analysis.ingest.sources import find_speaker_lists

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


def baseline(folder: Path) -> tuple[float, int]:
    """The nltk-idiomatic pipeline: Punkt sentences, then the Treebank word tokenizer per sentence."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    sentences = PunktSentenceTokenizer(params)
    words = NLTKWordTokenizer()
    n_tokens = 0
    started = time.perf_counter()
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for paragraph in text.split("\n"):
            for sentence in sentences.tokenize(paragraph):
                n_tokens += len(words.tokenize(sentence))
    return time.perf_counter() - started, n_tokens


def timed_build(inputs: list[Path], out: Path, *, workers: int, attribute: bool, tag: bool) -> tuple[float, object]:
    options = BuildOptions(speaker_list=find_speaker_lists(inputs), attribute=attribute, tag=tag)
    started = time.perf_counter()
    summary = build(inputs, out, options=options, workers=workers, progress=False)
    return time.perf_counter() - started, summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--slice-mb", type=float, default=20.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-full", action="store_true", help="skip the full-corpus run")
    args = parser.parse_args()
    if not ARCHIVE.exists():
        print(f"UN General Debate corpus not found at {ARCHIVE} (../shared absent); nothing to measure.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        slice_dir = tmp / "slice"
        slice_dir.mkdir()
        nbytes = write_slice(ARCHIVE, slice_dir, megabytes=args.slice_mb)
        mb = nbytes / 1e6
        # the speaker list travels with the slice, as it does with the corpus
        (slice_dir / "Speakers_by_session.xlsx").write_bytes((config.UNGD_CORPUS / "Speakers_by_session.xlsx").read_bytes())

        base_s, base_tokens = baseline(slice_dir)
        core_s, core = timed_build([slice_dir], tmp / "core", workers=args.workers, attribute=False, tag=False)
        attr_s, _ = timed_build([slice_dir], tmp / "attr", workers=args.workers, attribute=True, tag=False)
        full_s, full = timed_build([slice_dir], tmp / "all", workers=args.workers, attribute=True, tag=True)
        print(f"slice: {mb:.1f} MB, {core.documents} speeches")
        print(f"  baseline (nltk Punkt + Treebank words, 1 process): {mb / base_s:6.2f} MB/s  ({base_tokens:,} tokens)")
        print(f"  core tables ({args.workers} workers):                  {mb / core_s:6.2f} MB/s  ({core.tokens:,} tokens)")
        print(f"  ratio core / baseline:                             {base_s / core_s:6.1f}x")
        print(f"  + attribution:  {attr_s:.1f} s vs {core_s:.1f} s core  (+{100 * (attr_s / core_s - 1):.0f}%)")
        print(f"  + tagging:      {full_s:.1f} s vs {attr_s:.1f} s       (+{100 * (full_s / attr_s - 1):.0f}%)")
        print(f"  everything / baseline:                             {base_s / full_s:6.1f}x")
        if not args.no_full:
            seconds, summary = timed_build([config.UNGD_CORPUS], tmp / "full", workers=args.workers, attribute=False, tag=False)
            print(f"full corpus, core tables: {summary.line()}")
            print(f"  wall {seconds:.1f} s; {summary.bytes / 1e6 / seconds:.2f} MB/s; ratio to baseline {summary.bytes / seconds / (nbytes / base_s):.1f}x")
            seconds, summary = timed_build([config.UNGD_CORPUS], tmp / "full2", workers=args.workers, attribute=True, tag=True)
            print(f"full corpus, all tables:  {summary.line()}")
    main_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: main process {main_peak:.0f} MB, largest worker {child_peak:.0f} MB, "
          f"bound for all {main_peak + args.workers * child_peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Command line: ``python -m analysis {build,run,fetch}``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import config, run
from analysis.build import BuildOptions, build
from analysis.ingest.corpora import CORPORA
from analysis.ingest.fetch import FetchError, fetch_corpus
from analysis.ingest.sources import find_speaker_lists


def _build(args: argparse.Namespace) -> int:
    inputs = [Path(p) for p in (args.inputs or [config.DATA_RAW])]
    missing = [str(p) for p in inputs if not p.exists()]
    if missing:
        print(f"error: input not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    options = BuildOptions(
        topics_lexicon=Path(args.topics),
        markers_lexicon=Path(args.markers),
        gazetteer=Path(args.actors),
        speaker_list=find_speaker_lists(inputs),
    )
    try:
        summary = build(inputs, Path(args.out), options=options, workers=args.workers, progress=not args.quiet)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # unwritable or full output folder, an output path that is a file
        where = exc.filename or args.out
        print(f"error: cannot write the tables to {where}: {exc.strerror or exc}; the previous tables are unchanged",
              file=sys.stderr)
        return 1
    print(summary.line())
    print(f"tables written to {Path(args.out)}")
    if summary.documents == 0:
        print("error: no document could be read; see rejections.parquet for the reasons", file=sys.stderr)
        return 1
    return 0


def _run(args: argparse.Namespace) -> int:
    raw = [Path(r) for r in args.raw]
    return run.run_all(raw=raw[0] if len(raw) == 1 else raw, processed=Path(args.processed), figures=Path(args.figures),
                       executed=Path(args.executed), workers=args.workers)


def _fetch(args: argparse.Namespace) -> int:
    try:
        paths = fetch_corpus(args.name, dest=Path(args.dest) if args.dest else None,
                             mirror=Path(args.mirror) if args.mirror else None)
    except FetchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{len(paths):,} files of {args.name} verified in {args.dest or config.DATA_RAW / args.name}")
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser (documented in the README)."""
    p = argparse.ArgumentParser(prog="python -m analysis", description="Analyse diplomatic readouts.")
    sub = p.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="read inputs and write the tables as Parquet")
    b.add_argument("inputs", nargs="*", help=f"files, folders or archives (default {config.DATA_RAW})")
    b.add_argument("--out", default=str(config.DATA_PROCESSED), help="output folder (default data/processed)")
    b.add_argument("--topics", default=str(config.TOPICS_LEXICON), help="topic lexicon (YAML)")
    b.add_argument("--markers", default=str(config.MARKERS_LEXICON), help="rhetoric marker lexicon (YAML)")
    b.add_argument("--actors", default=str(config.ACTORS_GAZETTEER), help="actor gazetteer (YAML)")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=_build)

    r = sub.add_parser("run", help="build, execute the notebooks in order, export the figures")
    r.add_argument("--raw", nargs="+", default=[str(config.DATA_RAW)],
                   help="input folders, files or archives (default data/raw); several build one corpus")
    r.add_argument("--processed", default=str(config.DATA_PROCESSED))
    r.add_argument("--figures", default=str(config.FIGURES))
    r.add_argument("--executed", default=str(config.EXECUTED_NOTEBOOKS))
    r.add_argument("--workers", type=int, default=None)
    r.set_defaults(func=_run)

    f = sub.add_parser("fetch", help="download a public corpus into data/raw/<name>")
    f.add_argument("name", choices=sorted(CORPORA))
    f.add_argument("--mirror", help="take the files from a local copy (a folder holding <name>/...)")
    f.add_argument("--dest", help="destination folder (default data/raw/<name>)")
    f.set_defaults(func=_fetch)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m analysis``."""
    args = parser().parse_args(argv)
    return args.func(args)

"""What ``make test-lab`` runs (which corpora, which notebooks) and the command line and signal handling its two
programs share. Imports nothing heavier than :mod:`analysis.config`.

(:mod:`lab` starts one driver per corpus and should not pay for importing the pipeline.)
"""

from __future__ import annotations

import argparse
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from analysis import config

#: The corpus names ``--corpus`` accepts.
NAMES = ("seed", "whitehouse")


class CorpusMissing(LookupError):
    """A corpus asked for by name is not on this machine."""


class Stopped(Exception):
    """Stopped by a signal (Ctrl+C, SIGTERM, SIGHUP, the last-resort alarm): not one notebook's failure."""


def _stop(signum, _frame):
    raise Stopped(f"stopped by signal {signal.Signals(signum).name}")


def stop_on(*signals: signal.Signals) -> None:
    """Turn each of ``signals`` into a :class:`Stopped` exception, so that ``finally`` blocks stop what was started."""
    for sig in signals:
        signal.signal(sig, _stop)


def lab_parser(description: str, *, total_timeout: float) -> argparse.ArgumentParser:
    """The options both lab programs take: ``--corpus``, ``--notebook-timeout``, ``--total-timeout``, ``--keep``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", action="append", choices=NAMES,
                        help="only this corpus (repeatable); default: the seed, and the White House corpus plus the "
                             "seed when ../shared has it")
    parser.add_argument("--notebook-timeout", type=float, default=150, help="seconds per notebook (default 150)")
    parser.add_argument("--total-timeout", type=float, default=total_timeout,
                        help=f"seconds for everything (default {total_timeout:g})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders (tables, saved notebooks, report)")
    return parser


def corpora(names: Sequence[str] | None = None) -> list[tuple[str, list[Path]]]:
    """``(name, inputs)`` of the corpora to run: ``seed`` always, ``whitehouse`` (its readouts plus the seed) with ``../shared``.

    Parameters
    ----------
    names : sequence of str, optional
        Only these (from :data:`NAMES`); default every corpus available, saying on stderr when the
        White House corpus is not.

    Raises
    ------
    CorpusMissing
        When a corpus named is not available.
    """
    available = {"seed": [config.SEED]}
    if config.WHITEHOUSE_CORPUS.is_dir():
        available["whitehouse"] = [config.WHITEHOUSE_CORPUS, config.SEED]
    elif not names:
        print(f"make test-lab: the White House corpus is not at {config.WHITEHOUSE_CORPUS} (../shared absent); "
              "running on the seed only", file=sys.stderr, flush=True)
    wanted = list(names) if names else list(available)
    missing = [n for n in wanted if n not in available]
    if missing:
        raise CorpusMissing(f"corpus {', '.join(missing)} not available (have: {', '.join(available)})")
    return [(n, available[n]) for n in wanted]


def numbered_notebooks(folder: Path = config.NOTEBOOKS) -> list[Path]:
    """The numbered notebooks in order, as ``analysis.run.notebooks`` lists them (without importing the pipeline)."""
    return sorted(p for p in Path(folder).glob("[0-9][0-9]-*.ipynb") if p.is_file())

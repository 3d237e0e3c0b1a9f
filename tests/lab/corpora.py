"""What ``make test-lab`` runs: which corpora, which notebooks. Imports nothing heavier than :mod:`analysis.config`.

(:mod:`lab` starts one driver per corpus and should not pay for importing the pipeline.)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from analysis import config

#: The corpus names ``--corpus`` accepts.
NAMES = ("seed", "whitehouse")


class CorpusMissing(LookupError):
    """A corpus asked for by name is not on this machine."""


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

"""Every path the project uses, in one place (as in cookiecutter-data-science).

Notebooks and modules import these names instead of writing ``../data``.
Each can be overridden with an environment variable of the same name
prefixed ``READOUT_`` (for example ``READOUT_DATA_RAW``), which is how
``make run RAW=...`` points the pipeline at another corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT: Path = Path(__file__).resolve().parents[2]


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(f"READOUT_{name}")
    return Path(value).resolve() if value else default


DATA_RAW: Path = _path("DATA_RAW", PROJECT_ROOT / "data" / "raw")
DATA_PROCESSED: Path = _path("DATA_PROCESSED", PROJECT_ROOT / "data" / "processed")
REPORTS: Path = _path("REPORTS", PROJECT_ROOT / "reports")
FIGURES: Path = _path("FIGURES", REPORTS / "figures")
EXECUTED_NOTEBOOKS: Path = _path("EXECUTED_NOTEBOOKS", REPORTS / "notebooks")
NOTEBOOKS: Path = PROJECT_ROOT / "notebooks"
JUPYTER_SETTINGS: Path = PROJECT_ROOT / "jupyter" / "settings"  # JupyterLab settings of `make lab` (no news pop-up)
LAB_SCREENSHOTS: Path = _path("LAB_SCREENSHOTS", REPORTS / "lab")  # `make test-lab`: one screenshot per notebook
LEXICONS: Path = _path("LEXICONS", PROJECT_ROOT / "lexicons")

TOPICS_LEXICON: Path = LEXICONS / "topics.yaml"
MARKERS_LEXICON: Path = LEXICONS / "markers.yaml"
ACTORS_GAZETTEER: Path = LEXICONS / "actors.yaml"
REPORTING_VERBS: Path = LEXICONS / "reporting_verbs.yaml"
ISSUERS: Path = LEXICONS / "issuers.yaml"
STOPWORDS_EXTRA: Path = LEXICONS / "stopwords.txt"
STYLE_SHEET: Path = Path(__file__).with_name("readout.mplstyle")

# The real corpora live beside the project, never inside it.
SHARED: Path = _path("SHARED", PROJECT_ROOT.parent / "shared")
SHARED_CORPORA: Path = SHARED / "corpora"
WHITEHOUSE_CORPUS: Path = SHARED_CORPORA / "whitehouse-readouts"
WHITEHOUSE_CALLS_CORPUS: Path = SHARED_CORPORA / "whitehouse-call-statements"
PRESIDENTS_CORPUS: Path = SHARED_CORPORA / "presidents-ru-ua"
STATE_DEPT_CORPUS: Path = SHARED_CORPORA / "state-dept-press-releases"
UNGD_CORPUS: Path = SHARED_CORPORA / "ungd"
SEED: Path = DATA_RAW / "000_59c4e3275adb9adb.txt"

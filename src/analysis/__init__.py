"""Readout analysis: who said what in diplomatic readouts, on which topics, in what tone.

The public entry points are :func:`build_tables` (build the tables in memory)
and :func:`load_tables` (read the tables that ``python -m analysis build``
wrote), and the subpackages, one per stage:

- :mod:`analysis.ingest`: files -> Documents (sources, decoding, readers, metadata, fetch);
- :mod:`analysis.annotate`: Document -> sentences, tokens, speakers, topics, markers;
- :mod:`analysis.build`: the pipeline that writes the tables (:mod:`analysis.tables`);
- :mod:`analysis.stats`: frequency, collocations, keyness, KWIC, coverage, themes;
- :mod:`analysis.compare`: two accounts of one meeting, or two sides, side by side;
- :mod:`analysis.views` and :mod:`analysis.plots`: what each notebook shows, and how it is drawn;
- :mod:`analysis.report`: the run's notebooks as HTML and the page of every chart.

Shared names (speaker labels, marker categories, side names) live in
:mod:`analysis.vocab`, paths in :mod:`analysis.config`.

The subpackages are imported on first use (``analysis.stats`` imports it), so
that ``import analysis`` stays cheap in the build's worker processes.
"""

from __future__ import annotations

import importlib

__all__ = ["build_tables", "load_tables", "ingest", "annotate", "build", "tables", "stats", "compare", "views", "plots",
           "report", "vocab", "config"]

_SUBMODULES = frozenset({"ingest", "annotate", "build", "tables", "stats", "compare", "views", "plots", "report", "vocab",
                         "config"})


def __getattr__(name: str):
    if name == "build_tables":
        return importlib.import_module("analysis.build").build_tables
    if name == "load_tables":
        return importlib.import_module("analysis.tables").load_tables
    if name in _SUBMODULES:
        return importlib.import_module(f"analysis.{name}")
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")

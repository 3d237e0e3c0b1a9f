"""Readout analysis: who said what in diplomatic readouts, on which topics, in what tone.

The public entry points are :func:`build_tables` (build the tables in memory)
and :func:`load_tables` (read the tables that ``python -m analysis build``
wrote). Everything else lives in the submodules named after their job.
"""

from __future__ import annotations

__all__ = ["build_tables", "load_tables"]


def __getattr__(name: str):  # lazy, so `import analysis` stays cheap in worker processes
    if name in {"build_tables", "load_tables"}:
        from analysis import pipeline, tables_io

        return {"build_tables": pipeline.build_tables, "load_tables": tables_io.load_tables}[name]
    raise AttributeError(name)

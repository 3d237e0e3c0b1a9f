"""Pairing: which documents report the same meeting from different sides (the ``pairs`` table).

:func:`pair_documents` matches on participants, dates and issuing side, then
applies the editable pairs file (``lexicons/pairs.yaml``: add, remove and
exclude), read by :func:`read_pairs_file`.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from analysis import config
from analysis.compare._common import as_date, as_list, str_or_none

__all__ = ["DEFAULT_PAIRS_FILE", "PAIRS_COLUMNS", "PairsFile", "read_pairs_file", "pair_documents"]

#: The editable pairs file shipped with the project (adds, removes and excludes pairs).
DEFAULT_PAIRS_FILE: Path = config.LEXICONS / "pairs.yaml"

#: The kinds of document that are accounts of an event, and so may pair.
PAIR_KINDS: tuple[str, ...] = ("readout", "statement", "transcript")

#: Columns of the pairs table, in order.
PAIRS_COLUMNS: tuple[str, ...] = (
    "pair_id", "doc_a", "doc_b", "event_date", "participants", "how",
    "side_a", "side_b", "source_a", "source_b", "date_basis", "days_apart", "participants_rule", "note",
)


# --- the pairs file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PairsFile:
    """What an editable pairs file says.

    Attributes
    ----------
    add : list of dict
        Pairs to add (or to keep with the file's ``note``): keys ``doc_a``,
        ``doc_b`` and optional ``event_date``, ``note``.
    remove : list of dict
        Pairs the matcher found wrongly: keys ``doc_a``, ``doc_b`` (either order).
    exclude : list of str
        Documents never paired automatically.
    """

    add: list[dict[str, Any]]
    remove: list[dict[str, Any]]
    exclude: list[str]


def read_pairs_file(path: str | os.PathLike) -> PairsFile:
    """Read an editable pairs file (YAML; the format is explained in ``lexicons/pairs.yaml``).

    Parameters
    ----------
    path : path
        The YAML file. Top-level keys ``add``, ``remove`` (lists of mappings
        with ``doc_a`` and ``doc_b``) and ``exclude`` (a list of documents);
        all optional. A document is named by its ``doc_id`` or its file name
        (or any trailing part of its path).

    Returns
    -------
    PairsFile

    Raises
    ------
    ValueError
        When the file is not valid YAML or an entry lacks ``doc_a`` / ``doc_b``.
    """
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: expected a mapping with keys add, remove, exclude")
    unknown = set(data) - {"add", "remove", "exclude"}
    if unknown:
        raise ValueError(f"{path}: unknown keys {sorted(unknown)} (allowed: add, remove, exclude)")

    def entries(key: str) -> list[dict[str, Any]]:
        out = []
        for i, item in enumerate(data.get(key) or []):
            if not isinstance(item, Mapping) or not item.get("doc_a") or not item.get("doc_b"):
                raise ValueError(f"{path}: entry {i + 1} of '{key}' needs doc_a and doc_b")
            out.append({k: (str(v) if k in ("doc_a", "doc_b", "note") else v) for k, v in item.items()})
        return out

    exclude = [str(x) for x in (data.get("exclude") or [])]
    return PairsFile(add=entries("add"), remove=entries("remove"), exclude=exclude)


def _resolver(documents: pd.DataFrame):
    """A function mapping a doc_id, file name or path suffix to the doc_ids it names."""
    ids = documents["doc_id"].astype(str).tolist()
    paths = documents["path"].astype(str).tolist() if "path" in documents else [""] * len(ids)
    id_set = set(ids)

    def resolve(ref: str) -> list[str]:
        ref = ref.strip()
        if ref in id_set:
            return [ref]
        tail = ref.replace("\\", "/").lstrip("/")
        return [i for i, p in zip(ids, paths) if p == tail or p.endswith("/" + tail)]

    return resolve


# --- pairing -----------------------------------------------------------------------------------


def _participants_rule(pa: frozenset[str], pb: frozenset[str], *, subset: bool, max_extra: int = 2,
                       own: tuple[frozenset[str], frozenset[str]] | None = None) -> str | None:
    """``same``, ``subset`` or None; with ``own`` (each account's principals of its own side), both sides'
    principals must be among the names the two share, so a readout of a call with a third leader that
    only mentions the other account's principal does not pair."""
    if len(pa) < 2 or len(pb) < 2:
        return None
    if own is not None:
        shared = pa & pb
        if not (own[0] & shared) or not (own[1] & shared):
            return None
    if pa == pb:
        return "same"
    if subset and (pa < pb or pb < pa) and abs(len(pa) - len(pb)) <= max_extra:
        return "subset"
    return None


def _cell_list(value: object) -> list:
    """A list cell (list, tuple, numpy array) as a list with its missing items kept in place; else empty."""
    if value is None or isinstance(value, (str, float)):
        return []
    try:
        return list(value)  # type: ignore[call-overload]
    except TypeError:
        return []


def _short_id(doc_id: str) -> str:
    """The first six characters of a doc_id, plus any ``:suffix`` (accounts split from a transcript)."""
    head, sep, tail = doc_id.partition(":")
    return head[:6] + sep + tail


def _pair_id(event_date: dt.date | None, doc_a: str, doc_b: str) -> str:
    day = event_date.isoformat() if event_date else "undated"
    return f"{day}-{_short_id(doc_a)}-{_short_id(doc_b)}"


def _ordered_common(first: Sequence[str], second: Sequence[str]) -> list[str]:
    common = [p for p in first if p in set(second)]
    return common or list(dict.fromkeys([*first, *second]))


def pair_documents(
    documents: pd.DataFrame,
    *,
    pairs_file: str | os.PathLike | None | bool = None,
    max_days: int = 2,
    subset: bool = True,
    max_extra: int = 2,
    kinds: Collection[str] | None = PAIR_KINDS,
) -> pd.DataFrame:
    """Find documents that report the same event from different sides: the ``pairs`` table.

    Two documents pair automatically when all of these hold:

    - **participants**: both name at least two principals (canonical names,
      order ignored) and the sets are equal, or, with ``subset=True`` (the
      default), one set is contained in the other. Readouts often differ in
      who they list (one side names an adviser who sat in, the other only the
      principals), so a strict equality misses real pairs; two disjoint
      meetings of the same day never share *all* the names of the smaller
      list, so the subset rule adds few false pairs; the larger list may name
      at most ``max_extra`` more people (a readout of a call with four
      leaders that mentions a fifth does not pair with the fifth's call);
    - **dates**: event dates within ``max_days`` days; when a document has no
      ``event_date`` its publication ``date`` is used instead, and ``how``
      says so;
    - **sides**: different issuing ``side`` (both known), and, where the table has
      ``participant_sides``, each account's own principal is among the names the two share;
    - **kinds**: both are accounts of an event (``kind`` in ``kinds``: a readout, a statement on a
      call, a briefing or remarks), so a nightly address or essay that only mentions the call does
      not pair.

    Then the pairs file is applied: ``exclude`` drops documents from automatic
    pairing, ``remove`` drops pairs, ``add`` adds pairs (or marks an automatic
    pair as confirmed, with its ``note``) and its ``how`` is ``pairs file``.

    Parameters
    ----------
    documents : DataFrame
        The ``documents`` table (``doc_id``, ``side``, ``source``,
        ``participants``, ``event_date``, ``date``; ``path`` and ``kind`` used
        when present).
    pairs_file : path, None or False, keyword-only
        The editable pairs file. ``None`` (default) uses the project's
        ``lexicons/pairs.yaml`` when it exists; ``False`` uses none.
    max_days : int, keyword-only
        Largest difference between the two dates, in days (default 2).
    subset : bool, keyword-only
        Allow one participant set to be a superset of the other (default True).
    max_extra : int, keyword-only
        With ``subset``, how many more names the larger set may hold (default 2).
    kinds : collection of str or None, keyword-only
        Only pair documents of these ``kind`` values (default :data:`PAIR_KINDS`; ``None``: every kind).

    Returns
    -------
    DataFrame
        One row per pair, columns :data:`PAIRS_COLUMNS`: ``pair_id``
        (``<event date>-<doc_a[:6]>-<doc_b[:6]>``, keeping a ``:CN`` suffix of
        accounts split from a transcript), ``doc_a``, ``doc_b``,
        ``event_date`` (the earlier of the two dates used), ``participants``
        (the names both list, in ``doc_a``'s order), ``how`` (``auto``,
        ``auto (publication date)``, ``auto (participants subset)``,
        ``auto (participants subset; publication date)`` or ``pairs file``),
        the two sides and sources, ``date_basis`` (``event_date`` or
        ``date``), ``days_apart``, ``participants_rule`` (``same``,
        ``subset`` or missing for a pairs-file pair) and ``note``. Sorted by
        event date, then ``pair_id``. ``frame.attrs["absent"]`` lists the references of
        added pairs neither of whose documents is in this corpus (no warning: the shipped
        file holds pairs of the public corpora). ``frame.attrs["unresolved"]`` lists the
        pairs-file references that name no document (a warning is issued too).
    """
    docs = documents.copy()
    docs["doc_id"] = docs["doc_id"].astype(str)
    if "path" not in docs:
        docs["path"] = ""
    docs["_parts"] = docs["participants"].map(as_list) if "participants" in docs else [[] for _ in range(len(docs))]
    ev = docs["event_date"].map(as_date) if "event_date" in docs else pd.Series([None] * len(docs), index=docs.index)
    pub = docs["date"].map(as_date) if "date" in docs else pd.Series([None] * len(docs), index=docs.index)
    docs["_date"] = [e if e is not None else p for e, p in zip(ev, pub)]
    docs["_basis"] = ["event_date" if e is not None else ("date" if p is not None else None) for e, p in zip(ev, pub)]
    docs["_side"] = docs["side"].map(str_or_none) if "side" in docs else None
    docs["_source"] = docs["source"].map(str_or_none) if "source" in docs else None
    info = docs.set_index("doc_id")

    pf: PairsFile | None = None
    if pairs_file is None:
        pairs_file = DEFAULT_PAIRS_FILE if DEFAULT_PAIRS_FILE.exists() else False
    if pairs_file is not False and pairs_file is not True:
        pf = read_pairs_file(pairs_file)
    resolve = _resolver(docs)
    unresolved: list[str] = []
    absent: list[str] = []  # both documents of an added pair missing: a pair of another corpus

    def ids_of(ref: str) -> list[str]:
        found = resolve(ref)
        if not found:
            unresolved.append(ref)
        return found

    excluded = {i for ref in (pf.exclude if pf else []) for i in ids_of(ref)}

    cand = docs[
        docs["_parts"].map(len).ge(2)
        & docs["_side"].notna()
        & docs["_date"].notna()
        & ~docs["doc_id"].isin(excluded)
    ]
    if kinds is not None and "kind" in cand:
        cand = cand[cand["kind"].isin(list(kinds))]
    cand = cand.assign(_ord=cand["_date"].map(dt.date.toordinal)).sort_values(["_ord", "doc_id"], kind="stable")

    rows: dict[frozenset[str], dict[str, Any]] = {}
    ids = cand["doc_id"].tolist()
    ords = cand["_ord"].to_numpy()
    sets = [frozenset(p) for p in cand["_parts"]]
    sides = cand["_side"].tolist()
    if "participant_sides" in cand:
        owns = [frozenset(n for n, s in zip(parts, _cell_list(psides)) if s == side)
                for parts, psides, side in zip(cand["_parts"], cand["participant_sides"], sides)]
    else:
        owns = None
    for i in range(len(ids)):
        j = i + 1
        while j < len(ids) and ords[j] - ords[i] <= max_days:
            if sides[i] != sides[j]:
                rule = _participants_rule(sets[i], sets[j], subset=subset, max_extra=max_extra,
                                          own=(owns[i], owns[j]) if owns is not None else None)
                if rule:
                    first, second = sorted((ids[i], ids[j]), key=lambda d: (info.at[d, "_side"], d))
                    rows[frozenset((first, second))] = _pair_row(info, first, second, how="auto", rule=rule)
            j += 1

    if pf:
        for entry in pf.remove:
            for a in ids_of(entry["doc_a"]):
                for b in ids_of(entry["doc_b"]):
                    rows.pop(frozenset((a, b)), None)
        for entry in pf.add:
            found_a, found_b = resolve(entry["doc_a"]), resolve(entry["doc_b"])
            if not found_a and not found_b:  # a pair of another corpus: nothing to say here
                absent.extend([entry["doc_a"], entry["doc_b"]])
                continue
            unresolved.extend(ref for ref, hit in ((entry["doc_a"], found_a), (entry["doc_b"], found_b)) if not hit)
            for a in found_a:
                for b in found_b:
                    if a == b:
                        continue
                    auto = rows.get(frozenset((a, b)))
                    row = _pair_row(info, a, b, how="pairs file", rule=auto["participants_rule"] if auto else None)
                    if entry.get("event_date"):
                        row["event_date"] = as_date(entry["event_date"])
                        row["pair_id"] = _pair_id(row["event_date"], a, b)
                    row["note"] = entry.get("note")
                    rows[frozenset((a, b))] = row
    if unresolved:
        warnings.warn(
            f"pairs file: {len(unresolved)} reference(s) name no document of this corpus: {unresolved[:5]}",
            stacklevel=2,
        )
    out = pd.DataFrame(list(rows.values()), columns=list(PAIRS_COLUMNS))
    if not out.empty:
        out = out.assign(_d=out["event_date"].map(lambda d: d.toordinal() if d else 10**7))
        out = out.sort_values(["_d", "pair_id"], kind="stable").drop(columns="_d").reset_index(drop=True)
    out["days_apart"] = out["days_apart"].astype("Int64")
    out.attrs["unresolved"] = unresolved
    out.attrs["absent"] = absent
    return out


def _pair_row(info: pd.DataFrame, a: str, b: str, *, how: str, rule: str | None) -> dict[str, Any]:
    da, db = info.at[a, "_date"], info.at[b, "_date"]
    basis_a, basis_b = info.at[a, "_basis"], info.at[b, "_basis"]
    dates = [d for d in (da, db) if d is not None]
    event_date = min(dates) if dates else None
    basis = "event_date" if basis_a == basis_b == "event_date" else ("date" if dates else None)
    label = how
    if how == "auto":
        notes = [n for n, on in (("participants subset", rule == "subset"), ("publication date", basis == "date")) if on]
        label = f"auto ({'; '.join(notes)})" if notes else "auto"
    return {
        "pair_id": _pair_id(event_date, a, b),
        "doc_a": a,
        "doc_b": b,
        "event_date": event_date,
        "participants": _ordered_common(info.at[a, "_parts"], info.at[b, "_parts"]),
        "how": label,
        "side_a": info.at[a, "_side"],
        "side_b": info.at[b, "_side"],
        "source_a": info.at[a, "_source"],
        "source_b": info.at[b, "_source"],
        "date_basis": basis,
        "days_apart": abs((da - db).days) if da is not None and db is not None else None,
        "participants_rule": rule,
        "note": None,
    }

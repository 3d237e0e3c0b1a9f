"""Views of notebook 03: tokens with their groups, keyness and scatter tables, dispersion lanes."""

from __future__ import annotations

import pandas as pd

from analysis import stats
from analysis.tables import Tables
from analysis.views._common import doc_labels, with_year
from analysis.vocab import BOTH_SIDES, NARRATOR, side_name

# --- 03 terms ---------------------------------------------------------------------------------


def tokens_with_groups(tables: Tables) -> pd.DataFrame:
    """The ``tokens`` table with ``speaker`` (sentence) and ``side`` (shown by name), ``source``, ``year`` (document).

    Uses :func:`analysis.stats.add_groups` (fast on tens of millions of tokens).
    """
    docs = with_year(tables.documents)[["doc_id", "side", "source", "year"]].copy()
    docs["side"] = docs["side"].map(side_name)
    return stats.add_groups(tables.tokens, documents=docs, sentences=tables.sentences,
                            doc_columns=("side", "source", "year"), sent_columns=("speaker", "speaker_side"))


def dispersion_lanes(hits: pd.DataFrame, documents: pd.DataFrame, *, max_documents: int = 25) -> pd.DataFrame:
    """Dispersion hits with a readable document label, limited to the documents with most hits.

    ``hits`` is :func:`analysis.stats.dispersion` output. Returns document, pattern, relative_position.
    """
    if hits.empty:
        return pd.DataFrame(columns=["document", "doc_id", "pattern", "relative_position"])
    labels = doc_labels(documents)
    top = hits["doc_id"].astype(str).value_counts().sort_index().sort_values(ascending=False, kind="stable").index[:max_documents]
    out = hits[hits["doc_id"].astype(str).isin(top)].copy()
    out["document"] = out["doc_id"].astype(str).map(labels)
    return out[["document", "doc_id", "pattern", "relative_position"]].reset_index(drop=True)



# --- 03 keyness helpers ------------------------------------------------------------------------


def groups_note(tokens: pd.DataFrame, by: str) -> str | None:
    """A sentence when column ``by`` has fewer than two groups (keyness needs two), else None."""
    n = tokens[by].dropna().nunique() if by in tokens else 0
    if n >= 2:
        return None
    if by == "side":
        return ("All documents come from one side, so there is no other side to compare with. Add the other side's "
                "readouts (for example `python -m analysis fetch whitehouse`) to see the words each side favours.")
    return f"The column {by!r} has fewer than two groups here, so keyness and the term scatter are not drawn."


def keyness_groups(tokens: pd.DataFrame, by: str, target: object = None, reference: object = None) -> tuple[str, str]:
    """Resolve the keyness target and reference labels of column ``by``.

    A ``target`` absent from the data falls back to the largest group (for ``speaker``, the named
    speaker with most words, not ``narrator`` or ``both sides``); ``reference=None``
    means every other group, labelled ``"all others"`` (or the single other group's name).
    """
    values = tokens[by].dropna().astype(str)
    counts = values.value_counts()
    if counts.empty:
        return str(target), "all others"
    if target is None or str(target) not in counts.index:
        named = [g for g in counts.index if g not in (NARRATOR, BOTH_SIDES)] if by == "speaker" else []
        target = named[0] if named else counts.index[0]
    others = [g for g in counts.index if g != str(target)]
    if reference is None:
        reference = others[0] if len(others) == 1 else "all others"
    return str(target), str(reference)


def _reference_value(tokens: pd.DataFrame, by: str, target: str, reference: str):
    values = set(tokens[by].dropna().astype(str))
    if reference == "all others":
        return None if values - {target} else "__none__"
    return reference if reference in values else "__none__"


def keyness_table(tokens: pd.DataFrame, by: str, target: str, reference: str, *, measure: str = "lr",
                  min_count: int = 2) -> pd.DataFrame:
    """:func:`analysis.stats.keyness` of ``target`` against ``reference`` (empty when either group is missing)."""
    ref = _reference_value(tokens, by, target, reference)
    if ref == "__none__":
        return pd.DataFrame(columns=["term", "target_count", "reference_count", "score", "p"])
    return stats.keyness(tokens, by=by, target=target, reference=ref, measure=measure, min_count=min_count,
                         drop_numbers=True)


def scatter_table(tokens: pd.DataFrame, by: str, a: str, b: str, *, min_count: int = 2, labels: int = 8) -> pd.DataFrame:
    """:func:`analysis.stats.scatter_terms` of group ``a`` against ``b`` (empty when either group is missing)."""
    ref = _reference_value(tokens, by, a, b)
    if ref == "__none__":
        return pd.DataFrame(columns=["term", "a_per_1000", "b_per_1000", "distinctive", "label"])
    return stats.scatter_terms(tokens, by=by, a=a, b=ref, min_count=min_count, labels=labels, drop_numbers=True)



"""Views of notebook 02: speaker shares, reporting verbs, marker rates and framing by group, targets."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis import stats
from analysis.tables import Tables
from analysis.views._common import doc_labels, with_year
from analysis.vocab import BOTH_SIDES, NARRATOR, side_name

# --- 02 speakers and framing -------------------------------------------------------------------


def speaker_shares(tables: Tables, *, top_documents: int = 12) -> pd.DataFrame:
    """Each speaker's share of the document's words, for the ``top_documents`` longest documents with two speakers or more.

    Returns long form: document (label), doc_id, speaker, side, share (0-1).
    """
    spk = tables.speakers
    spk = spk[~spk["speaker"].isin([NARRATOR])]
    per_doc = spk.groupby("doc_id")["speaker"].nunique()
    docs = tables.documents.set_index(tables.documents["doc_id"].astype(str))
    multi = per_doc[per_doc >= 2].index.astype(str)
    if len(multi) == 0:
        multi = per_doc.index.astype(str)
    lengths = docs.loc[docs.index.intersection(multi), "n_tokens"].sort_values(ascending=False, kind="stable")
    chosen = lengths.index[:top_documents]
    labels = doc_labels(tables.documents)
    out = spk[spk["doc_id"].astype(str).isin(chosen)].copy()
    out["document"] = out["doc_id"].astype(str).map(labels)
    out = out[["document", "doc_id", "speaker", "side", "share"]]
    order = {d: i for i, d in enumerate(chosen)}
    out["_o"] = out["doc_id"].astype(str).map(order)
    return out.sort_values(["_o", "share"], ascending=[True, False], kind="stable").drop(columns="_o").reset_index(drop=True)


def side_word_shares(tables: Tables) -> pd.DataFrame:
    """Per issuing side of the document: share of the words spoken by each speaker side (``narrator`` excluded).

    Columns: document_side, speaker_side, tokens, share.
    """
    sent = tables.sentences[~tables.sentences["speaker"].isin([NARRATOR])]
    sides = tables.documents.set_index(tables.documents["doc_id"].astype(str))["side"]
    frame = pd.DataFrame({
        "document_side": sent["doc_id"].astype(str).map(sides).map(side_name),
        "speaker_side": np.where(sent["speaker"].eq(BOTH_SIDES), BOTH_SIDES, sent["speaker_side"].map(side_name)),
        "tokens": sent["n_tokens"].astype(int),
    })
    out = frame.groupby(["document_side", "speaker_side"])["tokens"].sum().reset_index()
    out["share"] = out["tokens"] / out.groupby("document_side")["tokens"].transform("sum")
    return out.sort_values(["document_side", "share"], ascending=[True, False], kind="stable").reset_index(drop=True)


def top_speakers(tables: Tables, n: int = 8) -> list[str]:
    """The ``n`` speakers with the most words (``narrator`` excluded, ``both sides`` kept)."""
    sent = tables.sentences[~tables.sentences["speaker"].isin([NARRATOR])].dropna(subset=["speaker"])
    words = sent.groupby("speaker")["n_tokens"].sum().sort_values(ascending=False, kind="stable")
    return list(words.index[:n])


def reporting_verbs(tables: Tables, *, speakers: int = 8, verbs: int = 10) -> pd.DataFrame:
    """How each top speaker's words are introduced: share of the speaker's attributed sentences per reporting verb.

    Long form: speaker, reporting_verb, sentences, share (of the speaker's sentences with a reporting verb).
    """
    sent = tables.sentences.dropna(subset=["reporting_verb"])
    sent = sent[sent["speaker"].isin(top_speakers(tables, speakers))]
    top_verbs = sent["reporting_verb"].value_counts().index[:verbs]
    counts = sent[sent["reporting_verb"].isin(top_verbs)].groupby(["speaker", "reporting_verb"]).size().rename("sentences")
    out = counts.reset_index()
    out["speaker_sentences"] = out["speaker"].map(sent.groupby("speaker").size()).astype(int)
    out["share"] = out["sentences"] / out["speaker_sentences"]
    return out.sort_values(["speaker", "sentences"], ascending=[True, False], kind="stable").reset_index(drop=True)


def _marker_frame(tables: Tables) -> pd.DataFrame:
    """Markers joined with their sentence's speaker, side and tokens, and the document's side and year."""
    m = tables.markers
    s = tables.sentences[["doc_id", "sent_id", "speaker", "speaker_side"]]
    out = m.merge(s, on=["doc_id", "sent_id"], how="left")
    docs = with_year(tables.documents)[["doc_id", "side", "source", "year"]]
    return out.merge(docs, on="doc_id", how="left")


def _group_tokens(tables: Tables, by: str) -> pd.Series:
    s = tables.sentences.merge(with_year(tables.documents)[["doc_id", "side", "source", "year"]], on="doc_id", how="left")
    return s.groupby(by)["n_tokens"].sum()


def marker_rates(tables: Tables, *, by: str = "side", categories: Sequence[str] | None = None,
                 include_negated: bool = False, groups: Sequence[str] | None = None,
                 min_tokens: int = 0) -> pd.DataFrame:
    """Rhetoric markers per 1,000 tokens by category and group (:func:`analysis.stats.coverage.marker_rates`).

    Parameters
    ----------
    by : {"side", "speaker", "source", "year", "doc_id", "speaker_side"}
        ``side`` is the issuing side of the document; ``speaker_side`` the side of the speaker.
    categories : list of str, optional
        Categories to keep (default all found).
    include_negated : bool
        Count matches under negation ("will not seek a new Cold War"); default no.
    groups : list, optional
        Keep only these groups (e.g. the top speakers).
    min_tokens : int
        Leave out groups with fewer tokens (a year with two short readouts gives noisy rates).

    Returns
    -------
    DataFrame
        ``by``, category, markers, tokens, per_1000; every (group, category) pair present, zeros included.
    """
    cats = list(categories) if categories is not None else sorted(tables.markers["category"].dropna().unique())
    out = stats.marker_rates(tables.sentences, tables.markers, by=by, documents=tables.documents, categories=cats,
                                negated="include" if include_negated else "exclude", dropna=True)
    out = out.rename(columns={"n_markers": "markers", "n_tokens": "tokens", "rate": "per_1000"})
    if groups is not None:
        out = out[out[by].isin(list(groups))]
    out = out[out["tokens"] >= min_tokens]
    out = out[[by, "category", "markers", "tokens", "per_1000"]].copy()
    out["tokens"] = out["tokens"].astype(int)
    if by == "side":
        out["side"] = out["side"].map(side_name)
    if by == "year":
        out["year"] = out["year"].astype(int)
    return out.reset_index(drop=True)


def framing_by_speaker(tables: Tables, *, speakers: int = 8) -> pd.DataFrame:
    """Cooperative vs confrontational framing per 1,000 words of each top speaker (negated frames left out)."""
    top = top_speakers(tables, speakers)
    out = marker_rates(tables, by="speaker", categories=["cooperative_frame", "confrontational_frame"], groups=top)
    order = {s: i for i, s in enumerate(top)}
    return out.sort_values(["speaker", "category"], key=lambda c: c.map(order) if c.name == "speaker" else c, kind="stable").reset_index(drop=True)


def targets(tables: Tables, *, categories: Sequence[str] = ("directive", "blame", "denial")) -> pd.DataFrame:
    """Who is urged, blamed or contradicted: counts per (speaker, category, target), with one example sentence."""
    m = _marker_frame(tables)
    m = m[m["category"].isin(categories) & m["target"].notna() & ~m["negated"].fillna(False).astype(bool)]
    if m.empty:
        return pd.DataFrame(columns=["speaker", "category", "target", "markers", "example"])
    text = tables.sentences.set_index(["doc_id", "sent_id"])["text"]
    m = m.assign(example=[text.get((d, s), "") for d, s in zip(m["doc_id"], m["sent_id"])])
    out = m.groupby(["speaker", "category", "target"], dropna=False).agg(markers=("marker", "size"), example=("example", "first"))
    return out.reset_index().sort_values(["markers", "speaker", "category"], ascending=[False, True, True], kind="stable").reset_index(drop=True)



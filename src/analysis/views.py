"""Notebook-facing data preparation: filters, the tables behind each chart, and "needs more data" notes.

Every function takes the built tables (:class:`analysis.tables_io.Tables`, or
one of its DataFrames) and returns a small DataFrame ready for a function of
:mod:`analysis.plots` (and for the CSV saved beside the chart), or a sentence.
Nothing here reads or writes files, so the notebooks stay calls and displays.

Conventions
-----------
* ``year`` is the year of ``event_date`` (the meeting or call), falling back
  to ``date`` (publication).
* Rates are per 1,000 tokens of the group's sentences (``sentences.n_tokens``).
* ``narrator`` sentences (event narration) are left out of speaker views;
  ``both sides`` is kept as its own speaker.
* Side codes are ISO 3166 alpha-2 (``CN``, ``US``); :func:`side_name` gives
  the name shown on charts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from analysis.tables_io import Tables

SIDE_NAMES = {"CN": "China", "US": "United States", "RU": "Russia", "GB": "United Kingdom", "JP": "Japan",
              "IN": "India", "FR": "France", "DE": "Germany", "KR": "South Korea", "UN": "United Nations"}

#: Marker categories that harden the language (sentence "hardness" counts these).
HARD_CATEGORIES = ("directive", "opposition", "booster", "confrontational_frame", "blame", "denial", "red_line",
                   "negative_evaluation")
#: Categories that soften or warm it.
SOFT_CATEGORIES = ("commitment", "hedge", "cooperative_frame", "positive_evaluation")

NON_SPEAKERS = ("narrator",)


def side_name(code: object) -> str:
    """The name shown on charts for a side code (``CN`` -> ``China``); unknown codes unchanged."""
    if code is None or (isinstance(code, float) and np.isnan(code)) or code is pd.NA:
        return "unknown"
    return SIDE_NAMES.get(str(code), str(code))


# --- filters and labels ------------------------------------------------------------------------


def _doc_year(documents: pd.DataFrame) -> pd.Series:
    when = pd.to_datetime(documents["event_date"], errors="coerce")
    when = when.fillna(pd.to_datetime(documents["date"], errors="coerce"))
    return when.dt.year.astype("Int64")


def with_year(documents: pd.DataFrame) -> pd.DataFrame:
    """``documents`` with ``when`` (event date, else publication date) and ``year`` columns added."""
    out = documents.copy()
    when = pd.to_datetime(out["event_date"], errors="coerce").fillna(pd.to_datetime(out["date"], errors="coerce"))
    out["when"] = when
    out["year"] = when.dt.year.astype("Int64")
    return out


def filter_tables(
    tables: Tables,
    *,
    sides: Sequence[str] | str | None = None,
    sources: Sequence[str] | str | None = None,
    kinds: Sequence[str] | str | None = None,
    start: str | None = None,
    end: str | None = None,
) -> Tables:
    """Keep the documents matching every filter given, and their rows in the other tables.

    Parameters
    ----------
    sides, sources, kinds : str or list of str, optional
        Values of ``documents.side`` / ``source`` / ``kind`` to keep (``None``: all).
    start, end : str, optional
        ISO dates (inclusive) on the event date, else the publication date.
    """
    docs = with_year(tables.documents)
    keep = pd.Series(True, index=docs.index)
    for col, values in (("side", sides), ("source", sources), ("kind", kinds)):
        if values:
            values = [values] if isinstance(values, str) else list(values)
            keep &= docs[col].isin(values)
    if start:
        keep &= docs["when"] >= pd.Timestamp(start)
    if end:
        keep &= docs["when"] <= pd.Timestamp(end)
    if bool(keep.all()):
        return tables
    ids = set(docs.loc[keep, "doc_id"].astype(str))
    parts = {}
    for name, frame in tables:
        if name == "rejections" or "doc_id" not in frame:
            parts[name] = frame
        else:
            parts[name] = frame[frame["doc_id"].astype(str).isin(ids)].reset_index(drop=True)
    if hasattr(parts["tokens"]["doc_id"], "cat"):
        parts["tokens"]["doc_id"] = parts["tokens"]["doc_id"].cat.remove_unused_categories()
    return replace(tables, **parts)


def corpus_label(documents: pd.DataFrame) -> str:
    """The source line of every chart: the issuers and the dates covered ("White House (91), PRC MFA (1), 2021-2024")."""
    if documents.empty:
        return "no documents"
    counts = documents["source"].fillna("unknown source").value_counts()
    issuers = ", ".join(f"{name} ({n:,})" for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    years = _doc_year(documents).dropna()
    span = "" if years.empty else (f", {years.min()}" if years.min() == years.max() else f", {years.min()}-{years.max()}")
    noun = "document" if len(documents) == 1 else "documents"
    return f"{len(documents):,} {noun}: {issuers}{span}"


def doc_labels(documents: pd.DataFrame, *, width: int = 48) -> pd.Series:
    """A short readable label per document (date, issuer, participants), indexed by ``doc_id``."""
    docs = with_year(documents)
    date = docs["when"].dt.strftime("%Y-%m-%d").fillna("undated")
    who = docs["participants"].map(lambda p: " / ".join(list(p)[:2]) if p is not None and len(p) else "")
    label = date + " " + docs["source"].fillna("") + (": " + who).where(who != "", "")
    label = label.map(lambda s: s if len(s) <= width else s[: width - 1] + "\u2026")
    return pd.Series(label.to_numpy(), index=docs["doc_id"].astype(str))


# --- "what more data would show" -------------------------------------------------------------


def more_data_note(tables: Tables, need: str) -> str | None:
    """A sentence saying what a chart would show with more data, or None when the data suffices.

    Parameters
    ----------
    need : {"documents", "years", "sides", "speakers", "events", "pairs", "rejections"}
        What the chart needs more than one of.
    """
    docs = with_year(tables.documents)
    n_docs = len(docs)
    if need == "documents" and n_docs < 2:
        return (f"Only {n_docs} document is loaded: distributions across documents (lengths, counts by source) need "
                "a corpus. Add readouts to data/raw/ (or `make run RAW=path`) to see how they vary.")
    if need == "years" and docs["year"].nunique() < 2:
        return ("All documents fall in one year, so there is no trend to draw. With readouts from several years this "
                "chart shows how the measure moves over time.")
    if need == "sides" and docs["side"].nunique() < 2:
        side = side_name(docs["side"].iloc[0]) if n_docs else "one side"
        return (f"All documents come from one side ({side}). Add the other side's readouts (for example the White "
                "House corpus: `python -m analysis fetch whitehouse`) to compare the two sides' language.")
    if need == "speakers":
        spk = tables.sentences.loc[~tables.sentences["speaker"].isin(NON_SPEAKERS), "speaker"].dropna()
        if spk.nunique() < 2:
            return "Fewer than two speakers are attributed, so there is nothing to compare between speakers."
    if need == "events" and docs["when"].nunique() < 2:
        return ("One dated event only: a timeline needs several meetings or calls. With a corpus, this shows when "
                "contacts cluster.")
    if need == "rejections" and tables.rejections.empty:
        return "Every input file was read: there are no rejections."
    return None


# --- 01 corpus overview ------------------------------------------------------------------------


def document_counts(documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """Documents per value of ``by`` (``source``, ``side``, ``kind``, ``event_type``, ``year``), most first."""
    docs = with_year(documents)
    values = docs[by].map(side_name) if by == "side" else docs[by]
    out = values.astype(object).where(values.notna(), "unknown").astype(str).value_counts().rename_axis(by).reset_index(name="documents")
    return out.sort_values(["documents", by], ascending=[False, True], kind="stable").reset_index(drop=True)


def documents_per_year(documents: pd.DataFrame, by: str = "source") -> pd.DataFrame:
    """A year x ``by`` table of document counts (long form: year, ``by``, documents)."""
    docs = with_year(documents).dropna(subset=["year"])
    docs[by] = docs[by].fillna("unknown")
    out = docs.groupby(["year", by]).size().rename("documents").reset_index()
    out["year"] = out["year"].astype(int)
    return out.sort_values(["year", by], kind="stable").reset_index(drop=True)


def document_lengths(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per document: doc_id, source, kind, n_sentences, n_tokens (words)."""
    cols = ["doc_id", "source", "kind", "n_sentences", "n_tokens"]
    return documents[cols].sort_values(["n_tokens", "doc_id"], kind="stable").reset_index(drop=True)


def event_timeline(documents: pd.DataFrame) -> pd.DataFrame:
    """One row per dated document: date (event, else publication), event_type, source, title."""
    docs = with_year(documents).dropna(subset=["when"])
    out = pd.DataFrame({"date": docs["when"].dt.strftime("%Y-%m-%d"), "event_type": docs["event_type"].fillna("other"),
                        "source": docs["source"].fillna("unknown"), "doc_id": docs["doc_id"].astype(str),
                        "title": docs["title"].fillna("")})
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def rejections_summary(rejections: pd.DataFrame) -> pd.DataFrame:
    """Rejected inputs grouped by reason (the reason's first clause), with one example path."""
    if rejections.empty:
        return pd.DataFrame(columns=["reason", "files", "example"])
    reason = rejections["reason"].str.replace(r"\s*\(.*$", "", regex=True).str.replace(r" of .*$", "", regex=True)
    out = rejections.assign(reason=reason).groupby("reason").agg(files=("path", "size"), example=("path", "first"))
    return out.reset_index().sort_values(["files", "reason"], ascending=[False, True]).reset_index(drop=True)


# --- 02 speakers and framing -------------------------------------------------------------------


def speaker_shares(tables: Tables, *, top_documents: int = 12) -> pd.DataFrame:
    """Each speaker's share of the document's words, for the ``top_documents`` longest documents with two speakers or more.

    Returns long form: document (label), doc_id, speaker, side, share (0-1).
    """
    spk = tables.speakers
    spk = spk[~spk["speaker"].isin(NON_SPEAKERS)]
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
    sent = tables.sentences[~tables.sentences["speaker"].isin(NON_SPEAKERS)]
    sides = tables.documents.set_index(tables.documents["doc_id"].astype(str))["side"]
    frame = pd.DataFrame({
        "document_side": sent["doc_id"].astype(str).map(sides).map(side_name),
        "speaker_side": np.where(sent["speaker"].eq("both sides"), "both sides", sent["speaker_side"].map(side_name)),
        "tokens": sent["n_tokens"].astype(int),
    })
    out = frame.groupby(["document_side", "speaker_side"])["tokens"].sum().reset_index()
    out["share"] = out["tokens"] / out.groupby("document_side")["tokens"].transform("sum")
    return out.sort_values(["document_side", "share"], ascending=[True, False], kind="stable").reset_index(drop=True)


def top_speakers(tables: Tables, n: int = 8) -> list[str]:
    """The ``n`` speakers with the most words (``narrator`` excluded, ``both sides`` kept)."""
    sent = tables.sentences[~tables.sentences["speaker"].isin(NON_SPEAKERS)].dropna(subset=["speaker"])
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
    """Rhetoric markers per 1,000 tokens by category and group (:func:`analysis.coverage.marker_rates`).

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
    from analysis import coverage

    cats = list(categories) if categories is not None else sorted(tables.markers["category"].dropna().unique())
    out = coverage.marker_rates(tables.sentences, tables.markers, by=by, documents=tables.documents, categories=cats,
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


# --- 03 terms ---------------------------------------------------------------------------------


def tokens_with_groups(tables: Tables) -> pd.DataFrame:
    """The ``tokens`` table with ``speaker`` (sentence) and ``side`` (shown by name), ``source``, ``year`` (document).

    Uses :func:`analysis.terms.add_groups` (fast on tens of millions of tokens).
    """
    from analysis import terms

    docs = with_year(tables.documents)[["doc_id", "side", "source", "year"]].copy()
    docs["side"] = docs["side"].map(side_name)
    return terms.add_groups(tables.tokens, documents=docs, sentences=tables.sentences,
                            doc_columns=("side", "source", "year"), sent_columns=("speaker", "speaker_side"))


def dispersion_lanes(hits: pd.DataFrame, documents: pd.DataFrame, *, max_documents: int = 25) -> pd.DataFrame:
    """Dispersion hits with a readable document label, limited to the documents with most hits.

    ``hits`` is :func:`analysis.terms.dispersion` output. Returns document, pattern, relative_position.
    """
    if hits.empty:
        return pd.DataFrame(columns=["document", "doc_id", "pattern", "relative_position"])
    labels = doc_labels(documents)
    top = hits["doc_id"].astype(str).value_counts().sort_index().sort_values(ascending=False, kind="stable").index[:max_documents]
    out = hits[hits["doc_id"].astype(str).isin(top)].copy()
    out["document"] = out["doc_id"].astype(str).map(labels)
    return out[["document", "doc_id", "pattern", "relative_position"]].reset_index(drop=True)


# --- 04 topics ---------------------------------------------------------------------------------


def _topic_sentences(tables: Tables) -> pd.DataFrame:
    """One row per (sentence, topic) with the sentence's tokens, speaker and the document's side and year."""
    t = tables.topics[["doc_id", "sent_id", "topic"]].drop_duplicates()
    s = tables.sentences[["doc_id", "sent_id", "speaker", "speaker_side", "n_tokens"]]
    t = t.merge(s, on=["doc_id", "sent_id"], how="left")
    return t.merge(with_year(tables.documents)[["doc_id", "side", "source", "year"]], on="doc_id", how="left")


def topic_coverage(tables: Tables, *, by: str = "side", top_topics: int | None = 15,
                   groups: Sequence[str] | None = None) -> pd.DataFrame:
    """Share of each group's sentences that mention each topic (:func:`analysis.coverage.topic_coverage`), zeros filled.

    Parameters
    ----------
    by : {"side", "speaker", "doc_id", "source", "year"}
    top_topics : int, optional
        Keep the most covered topics overall.
    groups : list, optional
        Keep only these groups.

    Returns
    -------
    DataFrame
        ``by``, topic, sentences (mentioning it), total (sentences of the group), share (0-1).
    """
    from analysis import coverage

    cov = coverage.topic_coverage(tables.sentences, tables.topics, by=by, documents=with_year(tables.documents), dropna=True)
    sent = tables.sentences.merge(with_year(tables.documents)[["doc_id", "side", "source", "year"]], on="doc_id", how="left")
    total = sent.groupby(by).size()  # every group, also those without any topic
    if groups is not None:
        total = total[total.index.isin(list(groups))]
    counts = cov.set_index([by, "topic"])["n_sentences"]
    topics = cov.groupby("topic")["n_sentences"].sum().sort_values(ascending=False, kind="stable")
    if top_topics:
        topics = topics.iloc[:top_topics]
    index = pd.MultiIndex.from_product([total.index, sorted(topics.index)], names=[by, "topic"])
    out = counts.reindex(index, fill_value=0).rename("sentences").reset_index()
    out["total"] = out[by].map(total).astype(int)
    out["share"] = out["sentences"] / out["total"]
    if by == "side":
        out["side"] = out["side"].map(side_name)
    if by == "doc_id":
        out.insert(0, "document", out["doc_id"].astype(str).map(doc_labels(tables.documents)))
    return out


def topic_order(tables: Tables) -> pd.DataFrame:
    """The order in which each side raises topics: mean rank of each topic's first mention in a document (1 = first).

    Columns: side, topic, documents (mentioning it), mean_rank.
    """
    ts = _topic_sentences(tables)
    if ts.empty:
        return pd.DataFrame(columns=["side", "topic", "documents", "mean_rank"])
    first = ts.groupby(["doc_id", "topic"], as_index=False).agg(sent_id=("sent_id", "min"), side=("side", "first"))
    first = first.sort_values(["doc_id", "sent_id", "topic"], kind="stable")
    first["rank"] = first.groupby("doc_id").cumcount() + 1
    out = first.groupby(["side", "topic"]).agg(documents=("doc_id", "nunique"), mean_rank=("rank", "mean")).reset_index()
    out["side"] = out["side"].map(side_name)
    return out.sort_values(["side", "mean_rank", "topic"], kind="stable").reset_index(drop=True)


def topics_over_time(tables: Tables, *, top_topics: int = 6, min_documents: int = 1) -> pd.DataFrame:
    """Share of documents per year mentioning each of the most frequent topics.

    Columns: year, topic, documents (mentioning it), total (documents that year), share.
    Years with fewer than ``min_documents`` documents are left out.
    """
    docs = with_year(tables.documents).dropna(subset=["year"])
    total = docs.groupby("year").size()
    total = total[total >= min_documents]
    ts = _topic_sentences(tables)[["doc_id", "topic", "year"]].drop_duplicates()
    topics = ts.groupby("topic")["doc_id"].nunique().sort_values(ascending=False, kind="stable").index[:top_topics]
    counts = ts[ts["topic"].isin(topics)].groupby(["year", "topic"])["doc_id"].nunique()
    index = pd.MultiIndex.from_product([total.index, sorted(topics)], names=["year", "topic"])
    out = counts.reindex(index, fill_value=0).rename("documents").reset_index()
    out["total"] = out["year"].map(total).astype(int)
    out["share"] = out["documents"] / out["total"]
    out["year"] = out["year"].astype(int)
    return out


# --- 05 rhetoric ------------------------------------------------------------------------------


def sentence_tone(tables: Tables) -> pd.DataFrame:
    """Per sentence: the tone score of :func:`analysis.coverage.sentence_tone` with its hard part, and the categories.

    ``tone`` weighs each marker category (cooperative frames and positive
    evaluation +1, opposition, confrontational frames, negative evaluation,
    blame and denial -1, ...; see ``analysis.coverage.TONE_WEIGHTS``), boosters
    amplify, a negated frame counts with the opposite sign. ``hard`` is the size
    of the negative part (0 = no hard language).

    Columns: doc_id, sent_id, speaker, side, year, hard, soft, tone, categories, text.
    """
    from analysis import coverage

    tone = coverage.sentence_tone(tables.sentences, tables.markers)
    cats = tables.markers.groupby(["doc_id", "sent_id"])["category"].agg(lambda c: ", ".join(sorted(set(c))))
    s = tables.sentences[["doc_id", "sent_id", "speaker", "text"]].merge(tone, on=["doc_id", "sent_id"], how="left")
    s = s.merge(cats.rename("categories").reset_index(), on=["doc_id", "sent_id"], how="left")
    s["hard"] = -s["hard"].fillna(0.0)
    s["soft"] = s["soft"].fillna(0.0)
    s["tone"] = s["tone"].fillna(0.0)
    s["categories"] = s["categories"].fillna("")
    docs = with_year(tables.documents)[["doc_id", "side", "year"]]
    s = s.merge(docs, on="doc_id", how="left")
    s["side"] = s["side"].map(side_name)
    return s[["doc_id", "sent_id", "speaker", "side", "year", "hard", "soft", "tone", "categories", "text"]]


def hardest_sentences(tables: Tables, n: int = 10) -> pd.DataFrame:
    """The ``n`` sentences with the hardest language (largest negative tone part; ties: lower tone, reading order)."""
    s = sentence_tone(tables)
    s = s[s["hard"] > 0].sort_values(["hard", "tone", "doc_id", "sent_id"], ascending=[False, True, True, True], kind="stable")
    cols = ["text", "speaker", "side", "year", "hard", "tone", "categories", "doc_id", "sent_id"]
    return s.head(n)[cols].reset_index(drop=True)


def tone_over_time(tables: Tables, *, min_sentences: int = 0) -> pd.DataFrame:
    """Mean sentence tone per year and issuing side (columns: year, side, sentences, tone).

    (year, side) cells with fewer than ``min_sentences`` sentences are left out.
    """
    s = sentence_tone(tables).dropna(subset=["year"])
    out = s.groupby(["year", "side"]).agg(sentences=("tone", "size"), tone=("tone", "mean")).reset_index()
    out = out[out["sentences"] >= min_sentences]
    out["year"] = out["year"].astype(int)
    return out


def longest_documents(tables: Tables, n: int = 12) -> list[str]:
    """The ``doc_id`` of the ``n`` longest documents (most tokens)."""
    docs = tables.documents.sort_values(["n_tokens", "doc_id"], ascending=[False, True], kind="stable")
    return docs["doc_id"].astype(str).head(n).tolist()


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
        named = [g for g in counts.index if g not in (*NON_SPEAKERS, "both sides")] if by == "speaker" else []
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
    """:func:`analysis.terms.keyness` of ``target`` against ``reference`` (empty when either group is missing)."""
    from analysis import terms

    ref = _reference_value(tokens, by, target, reference)
    if ref == "__none__":
        return pd.DataFrame(columns=["term", "target_count", "reference_count", "score", "p"])
    return terms.keyness(tokens, by=by, target=target, reference=ref, measure=measure, min_count=min_count,
                         drop_numbers=True)


def scatter_table(tokens: pd.DataFrame, by: str, a: str, b: str, *, min_count: int = 2, labels: int = 8) -> pd.DataFrame:
    """:func:`analysis.terms.scatter_terms` of group ``a`` against ``b`` (empty when either group is missing)."""
    from analysis import terms

    ref = _reference_value(tokens, by, a, b)
    if ref == "__none__":
        return pd.DataFrame(columns=["term", "a_per_1000", "b_per_1000", "distinctive", "label"])
    return terms.scatter_terms(tokens, by=by, a=a, b=ref, min_count=min_count, labels=labels, drop_numbers=True)


# --- 04 discovered themes ------------------------------------------------------------------------


def theme_summary(theme_terms: pd.DataFrame, examples: pd.DataFrame) -> pd.DataFrame:
    """One row per NMF theme of :func:`analysis.discover.discover_topics`: its label, top terms and best sentence."""
    if theme_terms.empty:
        return pd.DataFrame(columns=["theme", "top_terms", "example"])
    top = theme_terms.sort_values(["topic", "rank"]).groupby("topic")["term"].agg(", ".join)
    best = examples.sort_values(["topic", "rank"]).groupby("topic")["text"].first() if len(examples) else pd.Series(dtype=object)
    out = pd.DataFrame({"theme": top.index + 1, "top_terms": top.to_numpy()})
    out["example"] = out["theme"].map(lambda k: best.get(k - 1, ""))
    return out.reset_index(drop=True)


# --- 06 comparing readouts -----------------------------------------------------------------------


@dataclass
class ChosenPair:
    """Two accounts of one event, ready for :func:`analysis.compare.compare_pair`."""

    tables: Tables | None
    doc_a: str | None
    doc_b: str | None
    description: str
    labels: dict


def choose_pair(tables: Tables, pairs: pd.DataFrame, *, doc_a: str | None = None, doc_b: str | None = None) -> ChosenPair:
    """Pick the two accounts shown side by side.

    In order: ``doc_a``/``doc_b`` when given; else the first pair of ``pairs``
    (:func:`analysis.compare.pair_documents`), preferring one with the seed's
    participants; else a two-leader transcript ("Remarks by President Biden and
    President Xi ...") split by speaker (:func:`analysis.compare.split_transcript`);
    else no pair (``tables`` None, the description says what is needed).
    """
    from analysis import compare

    docs = tables.documents
    labels = doc_labels(docs)
    if doc_a and doc_b:
        return ChosenPair(tables, doc_a, doc_b, f"The accounts chosen in the parameters: {labels.get(doc_a, doc_a)} and "
                          f"{labels.get(doc_b, doc_b)}.", {doc_a: labels.get(doc_a, doc_a), doc_b: labels.get(doc_b, doc_b)})
    if len(pairs):
        row = pairs.iloc[0]
        a, b = str(row["doc_a"]), str(row["doc_b"])
        return ChosenPair(tables, a, b, f"{len(pairs)} pair(s) of accounts of the same event were found; the first is shown: "
                          f"{labels.get(a, a)} and {labels.get(b, b)} ({row['how']}).",
                          {a: f"{side_name(row['side_a'])}: {row['source_a']}", b: f"{side_name(row['side_b'])}: {row['source_b']}"})
    title = docs["title"].fillna("")
    remarks = docs[(docs["kind"] == "transcript") & title.str.contains(r"Remarks by President \w+ and President Xi", regex=True)]
    remarks = remarks.sort_values(["n_tokens", "doc_id"], ascending=[False, True], kind="stable")
    for doc_id in remarks["doc_id"].astype(str):
        try:
            accounts = compare.split_transcript(tables, doc_id)
        except (KeyError, ValueError):
            continue
        if len(accounts.documents) >= 2:
            a, b = accounts.documents["doc_id"].astype(str).tolist()[:2]
            adocs = accounts.documents.set_index(accounts.documents["doc_id"].astype(str))
            srcs = adocs["side"].map(side_name) + ": " + adocs["source"]
            return ChosenPair(accounts, a, b,
                              "No two readouts of the same event are in the corpus, so the two leaders' remarks in one "
                              f"White House transcript are compared instead: {title[docs['doc_id'].astype(str) == doc_id].iloc[0]}.",
                              {a: srcs[a].replace("White House transcript: ", ""), b: srcs[b].replace("White House transcript: ", "")})
    return ChosenPair(None, None, None,
                      "No pair of accounts is available: this needs both sides' readouts of one meeting (for example add the "
                      "U.S. readout of the seed's meeting to data/raw/, or fetch the White House corpus, whose leaders' "
                      "transcripts can be split by speaker). With a pair, this section shows who said what in each account, "
                      "the topics each omits, and the statements each attributes to the other side.", {})


def compare_chosen(pair: ChosenPair) -> dict[str, pd.DataFrame]:
    """:func:`analysis.compare.compare_pair` on the chosen accounts (an empty dict when there is no pair)."""
    from analysis import compare

    if pair.tables is None:
        return {}
    return compare.compare_pair(pair.tables, pair.doc_a, pair.doc_b)


def pair_topic_ranks(result: dict, pair: ChosenPair) -> pd.DataFrame:
    """Long form of the omission matrix: topic, account (label), rank of first mention (NaN = absent)."""
    topics = result.get("topics")
    if topics is None or topics.empty:
        return pd.DataFrame(columns=["topic", "account", "rank"])
    la, lb = pair.labels.get(pair.doc_a, "account a"), pair.labels.get(pair.doc_b, "account b")
    order = topics.assign(_r=topics["rank_a"].astype("Float64").fillna(99) + topics["rank_b"].astype("Float64").fillna(99) / 100)
    order = order.sort_values(["_r", "topic"], kind="stable")
    a = pd.DataFrame({"topic": order["topic"], "account": la, "rank": order["rank_a"].astype("Float64")})
    b = pd.DataFrame({"topic": order["topic"], "account": lb, "rank": order["rank_b"].astype("Float64")})
    return pd.concat([a, b], ignore_index=True)


def pair_marker_rates(result: dict, pair: ChosenPair) -> pd.DataFrame:
    """Marker rates of the two accounts, long form: category, account (label), per_1000."""
    m = result.get("markers")
    if m is None or m.empty:
        return pd.DataFrame(columns=["category", "account", "per_1000"])
    m = m[(m["count_a"] + m["count_b"]) > 0]
    la, lb = pair.labels.get(pair.doc_a, "account a"), pair.labels.get(pair.doc_b, "account b")
    return pd.concat([pd.DataFrame({"category": m["category"], "account": la, "per_1000": m["rate_a"]}),
                      pd.DataFrame({"category": m["category"], "account": lb, "per_1000": m["rate_b"]})], ignore_index=True)


def sides_note(sides: dict) -> str | None:
    """A sentence when fewer than two periods have documents of both sides (no trend to draw), else None."""
    div = sides.get("divergence")
    both = 0 if div is None or div.empty else int(div["jsd"].notna().sum())
    if both >= 2:
        return None
    return (f"Only {both} year has documents of both sides, so there is no trend to draw. With both sides' texts over "
            "several years (for example the UN General Debate: `python -m analysis fetch ungd`, then "
            "`make run RAW=data/raw/ungd`), these charts show how far the two vocabularies diverge and how hard each "
            "side's language is, year by year.")


def side_divergence(sides: dict) -> pd.DataFrame:
    """Year-by-year divergence of the two sides' vocabularies, long form: year, measure, value."""
    div = sides.get("divergence")
    if div is None or div.empty:
        return pd.DataFrame(columns=["year", "measure", "value"])
    period = div.columns[0]
    d = div.dropna(subset=["jsd"])
    out = pd.concat([pd.DataFrame({"year": d[period], "measure": "divergence (JSD, bits)", "value": d["jsd"]}),
                     pd.DataFrame({"year": d[period], "measure": "sampling baseline", "value": d["jsd_null"]})],
                    ignore_index=True)
    return out.sort_values(["measure", "year"], kind="stable").reset_index(drop=True)


def side_hard_language(sides: dict) -> pd.DataFrame:
    """Hard-language markers per 1,000 words, per year and side (sum of :data:`HARD_CATEGORIES`): year, side, rate."""
    m = sides.get("markers")
    if m is None or m.empty:
        return pd.DataFrame(columns=["year", "side", "rate"])
    period, group = m.columns[0], m.columns[1]
    m = m[m["category"].isin(HARD_CATEGORIES)]
    out = m.groupby([period, group])["rate"].sum().reset_index()
    summary = sides["summary"]
    present = summary[summary["n_docs"] > 0][[period, group]]
    out = out.merge(present, on=[period, group])
    out.columns = ["year", "side", "rate"]
    out["side"] = out["side"].map(side_name)
    return out

"""The parts of a paired comparison: shares, omission matrix, topic order, marker rates, attributed statements, characterisations.

Each function takes the built tables and the two documents' ``doc_id`` and
returns a DataFrame; :func:`analysis.compare.compare_pair` calls them all.
Columns are suffixed ``_a`` and ``_b`` for the two accounts.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import warnings
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

from analysis.segment import STOP_WORDS, TOKEN_RE, normalize_token

__all__ = [
    "CHARACTERISATIONS",
    "MARKER_CATEGORIES",
    "account_summary",
    "topic_matrix",
    "topic_order",
    "topic_passages",
    "marker_rates",
    "attributed_statements",
    "characterisations",
]

#: The rhetoric marker categories of DESIGN.md (every one gets a row in ``markers``).
MARKER_CATEGORIES: tuple[str, ...] = (
    "directive", "commitment", "opposition", "booster", "hedge", "cooperative_frame",
    "confrontational_frame", "blame", "denial", "red_line", "negative_evaluation", "positive_evaluation",
)

#: Words readouts use to characterise a meeting or call (canonical spellings; hyphen or space both match).
CHARACTERISATIONS: tuple[str, ...] = (
    "candid", "frank", "constructive", "productive", "substantive", "in-depth", "thorough", "comprehensive",
    "detailed", "extensive", "wide-ranging", "pragmatic", "practical", "positive", "fruitful", "useful",
    "straightforward", "honest", "sincere", "cordial", "friendly", "warm", "respectful", "professional",
    "businesslike", "business-like", "forward-looking", "strategic", "excellent", "successful", "serious",
    "difficult", "tough", "tense", "blunt", "intense",
)
# Left out on purpose: "open", "direct", "deep", "good", "great": in readouts they mostly qualify
# something else ("open lines of communication", "direct flights", "deep concern").

#: Nouns and verbs naming the meeting or call; a characterisation must stand near one of them.
_MEETING_WORDS = re.compile(
    r"^(?:meeting|meetings|met|talks?|discussions?|discussed|conversations?|exchanges?|exchanged|calls?|"
    r"dialogues?|communications?|consultations?|sessions?|engagements?|summit|interactions?|visit|"
    r"relationship|manner)$"
)

#: Speaker labels that are not a principal.
_NOT_PRINCIPALS = frozenset({"narrator", "both sides", ""})

#: Words too common in any China-U.S. readout to count as shared content in a statement match.
_GENERIC_WORDS = frozenset(
    "china chinese prc beijing united states u.s. us usa america american americans washington side sides two "
    "countries country nation nations president secretary minister foreign state government people".split()
)


# --- small helpers -----------------------------------------------------------------------------


def _as_list(value: object) -> list[str]:
    """A participants cell (list, tuple, numpy array, '; '-joined string or missing) as a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.split(";") if p.strip()]
    if isinstance(value, float) and math.isnan(value):
        return []
    try:
        return [str(v) for v in value if v is not None and str(v).strip()]  # type: ignore[union-attr]
    except TypeError:
        return []


def _as_date(value: object) -> dt.date | None:
    """A date from a date, datetime, Timestamp or ISO string; ``None`` when missing."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        ts = pd.Timestamp(str(value))
    except (ValueError, TypeError):
        return None
    return None if ts is pd.NaT else ts.date()


def _str_or_none(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value)
    return text if text else None


def _doc_row(documents: pd.DataFrame, doc_id: str) -> pd.Series:
    rows = documents[documents["doc_id"].astype(str) == str(doc_id)]
    if rows.empty:
        raise KeyError(f"document {doc_id!r} is not in the documents table")
    return rows.iloc[0]


def _rows_of(frame: pd.DataFrame, doc_id: str) -> pd.DataFrame:
    if frame is None or frame.empty:
        return frame if frame is not None else pd.DataFrame()
    return frame[frame["doc_id"].astype(str) == str(doc_id)]



# --- the parts of a comparison ---------------------------------------------------------------


def _doc_tokens(doc: pd.Series, sentences: pd.DataFrame) -> int:
    n = doc.get("n_tokens")
    if n is not None and not pd.isna(n) and int(n) > 0:
        return int(n)
    return int(sentences["n_tokens"].sum()) if not sentences.empty else 0


def account_summary(tables: Any, doc_a: str, doc_b: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per account: source, side, length, and each principal's share of the words.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str

    Returns
    -------
    summary : DataFrame
        ``account`` (``a``/``b``), ``doc_id``, ``source``, ``side``, ``kind``,
        ``title``, ``date``, ``event_date``, ``n_sentences``, ``tokens``;
        ``own_share`` (tokens of sentences attributed to a principal of the
        issuing side / all tokens), ``other_share`` (to a principal of another
        side), ``joint_share`` (``both sides``), ``narrator_share``; and one
        column ``share: <name>`` per principal speaking in either account
        (0 where that principal is not given any words).
    speakers : DataFrame
        Long form: ``account``, ``doc_id``, ``speaker``, ``speaker_side``,
        ``n_sentences``, ``n_tokens``, ``share``, ``first_sent_id``.
    """
    rows, long_rows = [], []
    for account, doc_id in (("a", doc_a), ("b", doc_b)):
        doc = _doc_row(tables.documents, doc_id)
        sents = _rows_of(tables.sentences, doc_id)
        total = _doc_tokens(doc, sents)
        side = _str_or_none(doc.get("side"))
        speaker = sents["speaker"].map(_str_or_none).fillna("narrator")
        spk_side = sents["speaker_side"].map(_str_or_none)
        ntok = sents["n_tokens"].astype(float)
        principal = ~speaker.isin(_NOT_PRINCIPALS)
        share = (lambda mask: float(ntok[mask].sum()) / total if total else float("nan"))
        row = {
            "account": account,
            "doc_id": str(doc_id),
            "source": _str_or_none(doc.get("source")),
            "side": side,
            "kind": _str_or_none(doc.get("kind")),
            "title": _str_or_none(doc.get("title")),
            "date": _as_date(doc.get("date")),
            "event_date": _as_date(doc.get("event_date")),
            "n_sentences": int(len(sents)),
            "tokens": int(total),
            "own_share": share(principal & spk_side.eq(side).fillna(False)),
            "other_share": share(principal & spk_side.notna() & spk_side.ne(side).fillna(False)),
            "joint_share": share(speaker.eq("both sides")),
            "narrator_share": share(speaker.eq("narrator")),
        }
        rows.append(row)
        if not sents.empty:
            frame = pd.DataFrame({"speaker": speaker, "speaker_side": spk_side, "n_tokens": ntok, "sent_id": sents["sent_id"]})
            grouped = frame.groupby("speaker", sort=False, dropna=False).agg(
                speaker_side=("speaker_side", "first"), n_sentences=("sent_id", "size"),
                n_tokens=("n_tokens", "sum"), first_sent_id=("sent_id", "min"),
            ).reset_index()
            for rec in grouped.itertuples(index=False):
                long_rows.append({
                    "account": account, "doc_id": str(doc_id), "speaker": rec.speaker, "speaker_side": rec.speaker_side,
                    "n_sentences": int(rec.n_sentences), "n_tokens": int(rec.n_tokens),
                    "share": float(rec.n_tokens) / total if total else float("nan"), "first_sent_id": int(rec.first_sent_id),
                })
    speakers = pd.DataFrame(long_rows, columns=["account", "doc_id", "speaker", "speaker_side", "n_sentences",
                                                "n_tokens", "share", "first_sent_id"])
    if not speakers.empty:
        speakers = speakers.sort_values(["account", "first_sent_id"], kind="stable").reset_index(drop=True)
    summary = pd.DataFrame(rows)
    principals = speakers.loc[~speakers["speaker"].isin(_NOT_PRINCIPALS), ["speaker", "first_sent_id"]]
    for name in dict.fromkeys(principals["speaker"]):
        summary[f"share: {name}"] = [
            float(speakers.loc[(speakers["account"] == acc) & (speakers["speaker"] == name), "share"].sum())
            for acc in summary["account"]
        ]
    return summary, speakers


def _first_mentions(tables: Any, doc_id: str) -> pd.DataFrame:
    """Per topic of one document: first position, rank, sentences, token share, first speaker."""
    topics = _rows_of(tables.topics, doc_id)
    cols = ["topic", "rank", "first_sent_id", "n_sentences", "share", "first_speaker"]
    if topics is None or topics.empty:
        return pd.DataFrame(columns=cols)
    sents = _rows_of(tables.sentences, doc_id).set_index("sent_id")
    doc = _doc_row(tables.documents, doc_id)
    total = _doc_tokens(doc, sents.reset_index())
    t = topics.sort_values(["sent_id", "start"], kind="stable")
    first = t.groupby("topic", sort=False).agg(first_sent_id=("sent_id", "first"), _start=("start", "first"))
    first = first.sort_values(["first_sent_id", "_start"], kind="stable")
    first["rank"] = np.arange(1, len(first) + 1)
    uniq = t[["topic", "sent_id"]].drop_duplicates()
    n_sent = uniq.groupby("topic").size()
    tok = sents["n_tokens"] if "n_tokens" in sents else pd.Series(dtype=float)
    share = uniq.assign(n=uniq["sent_id"].map(tok).astype(float)).groupby("topic")["n"].sum() / (total or np.nan)
    speaker = sents["speaker"] if "speaker" in sents else pd.Series(dtype=object)
    out = first.reset_index()
    out["n_sentences"] = out["topic"].map(n_sent).astype(int)
    out["share"] = out["topic"].map(share).astype(float)
    out["first_speaker"] = out["first_sent_id"].map(speaker).map(_str_or_none)
    return out[cols]


def topic_matrix(tables: Any, doc_a: str, doc_b: str) -> pd.DataFrame:
    """The omission matrix: each topic either account raises, present or absent in each.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str

    Returns
    -------
    DataFrame
        One row per topic tagged in either account: ``topic``, ``in_a``,
        ``in_b`` (bool), ``rank_a``, ``rank_b`` (first-mention rank among the
        account's topics, 1 = raised first; missing when absent),
        ``first_sent_a``, ``first_sent_b``, ``sentences_a``, ``sentences_b``
        (sentences mentioning the topic), ``share_a``, ``share_b`` (share of
        the account's tokens in those sentences), ``first_speaker_a``,
        ``first_speaker_b`` (who is reported raising it first) and ``status``
        (``both``, ``only a`` = omitted by b, ``only b`` = omitted by a).
        Sorted by rank in a, then rank in b.
    """
    fa, fb = _first_mentions(tables, doc_a), _first_mentions(tables, doc_b)
    merged = fa.merge(fb, on="topic", how="outer", suffixes=("_a", "_b")).reset_index(drop=True)
    out = pd.DataFrame({"topic": merged["topic"].astype(str)})
    out["in_a"] = merged["rank_a"].notna()
    out["in_b"] = merged["rank_b"].notna()
    for acc in ("a", "b"):
        out[f"rank_{acc}"] = pd.to_numeric(merged[f"rank_{acc}"]).astype("Int64")
    for acc in ("a", "b"):
        out[f"first_sent_{acc}"] = pd.to_numeric(merged[f"first_sent_id_{acc}"]).astype("Int64")
    for acc in ("a", "b"):
        out[f"sentences_{acc}"] = pd.to_numeric(merged[f"n_sentences_{acc}"]).fillna(0).astype(int)
    for acc in ("a", "b"):
        out[f"share_{acc}"] = pd.to_numeric(merged[f"share_{acc}"]).fillna(0.0).astype(float)
    for acc in ("a", "b"):
        out[f"first_speaker_{acc}"] = merged[f"first_speaker_{acc}"]
    out["status"] = np.select([out["in_a"] & out["in_b"], out["in_a"]], ["both", "only a"], "only b")
    big = 10**6
    out = out.assign(_ra=out["rank_a"].fillna(big), _rb=out["rank_b"].fillna(big))
    return out.sort_values(["_ra", "_rb", "topic"], kind="stable").drop(columns=["_ra", "_rb"]).reset_index(drop=True)


def topic_passages(tables: Any, doc_a: str, doc_b: str, *, topics: pd.DataFrame | None = None,
                   separator: str = " … ") -> pd.DataFrame:
    """The two accounts side by side, topic by topic: what each says on each topic.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str
    topics : DataFrame, optional
        The omission matrix (:func:`topic_matrix`), to reuse its order.
    separator : str, keyword-only
        Placed between the sentences of one account.

    Returns
    -------
    DataFrame
        One row per topic, in the omission matrix's order: ``topic``,
        ``status``, ``text_a``, ``text_b`` (the account's sentences mentioning
        the topic, in reading order, joined; empty when absent) and
        ``speakers_a``, ``speakers_b`` (who is reported saying them, ``; ``-joined).
    """
    topics = topic_matrix(tables, doc_a, doc_b) if topics is None else topics
    out = topics[["topic", "status"]].copy().reset_index(drop=True)
    for acc, doc_id in (("a", doc_a), ("b", doc_b)):
        t = _rows_of(tables.topics, doc_id)
        sents = _rows_of(tables.sentences, doc_id).set_index("sent_id")
        texts, speakers = {}, {}
        if t is not None and not t.empty:
            for topic, ids in t.groupby("topic")["sent_id"]:
                ids = sorted(set(int(i) for i in ids))
                texts[str(topic)] = separator.join(str(sents.at[i, "text"]) for i in ids if i in sents.index)
                who = [_str_or_none(sents.at[i, "speaker"]) or "narrator" for i in ids if i in sents.index]
                speakers[str(topic)] = "; ".join(dict.fromkeys(who))
        out[f"text_{acc}"] = out["topic"].map(texts).fillna("")
        out[f"speakers_{acc}"] = out["topic"].map(speakers).fillna("")
    return out[["topic", "status", "text_a", "text_b", "speakers_a", "speakers_b"]]


def topic_order(topics: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The order in which the two accounts raise the topics they share, and its rank correlation.

    Parameters
    ----------
    topics : DataFrame
        The omission matrix from :func:`topic_matrix`.

    Returns
    -------
    order : DataFrame
        One row per shared topic: ``topic``, ``rank_a``, ``rank_b`` (re-ranked
        1..n among the shared topics), ``rank_diff`` (``rank_b - rank_a``;
        positive: b raises it later). Sorted by ``rank_a``.
    stats : DataFrame
        One row: ``n_shared``, ``spearman``, ``spearman_p``, ``kendall``,
        ``kendall_p`` (scipy's ``spearmanr`` and ``kendalltau``, tau-b); NaN
        with fewer than two shared topics (and p is NaN with two).
    """
    shared = topics[topics["in_a"] & topics["in_b"]]
    order = pd.DataFrame({
        "topic": shared["topic"].to_numpy(),
        "rank_a": shared["rank_a"].astype(float).rank(method="min").astype(int).to_numpy(),
        "rank_b": shared["rank_b"].astype(float).rank(method="min").astype(int).to_numpy(),
    })
    order["rank_diff"] = order["rank_b"] - order["rank_a"]
    order = order.sort_values("rank_a", kind="stable").reset_index(drop=True)
    n = len(order)
    rho = rho_p = tau = tau_p = float("nan")
    if n >= 2:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            r = stats.spearmanr(order["rank_a"], order["rank_b"])
            k = stats.kendalltau(order["rank_a"], order["rank_b"])
        rho, rho_p = float(r.statistic), float(r.pvalue)
        tau, tau_p = float(k.statistic), float(k.pvalue)
        if n == 2:
            rho_p = tau_p = float("nan")
    stats_row = pd.DataFrame([{"n_shared": n, "spearman": rho, "spearman_p": rho_p, "kendall": tau, "kendall_p": tau_p}])
    order.attrs.update(spearman=rho, kendall=tau, n_shared=n)
    return order, stats_row


def marker_rates(tables: Any, doc_a: str, doc_b: str, *, include_negated: bool = False) -> pd.DataFrame:
    """Rhetoric marker rates per 1,000 tokens, category by account.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str
    include_negated : bool, keyword-only
        Count negated matches in ``count``/``rate`` too (default False).

    Returns
    -------
    DataFrame
        One row per category (every category of :data:`MARKER_CATEGORIES`,
        then any other found): ``category``, ``count_a``, ``count_b``,
        ``rate_a``, ``rate_b`` (per 1,000 tokens of the account),
        ``negated_a``, ``negated_b`` (matches under negation, never in the
        rate unless ``include_negated``), ``diff`` (``rate_a - rate_b``).
    """
    data: dict[str, Any] = {}
    found: list[str] = []
    for acc, doc_id in (("a", doc_a), ("b", doc_b)):
        doc = _doc_row(tables.documents, doc_id)
        total = _doc_tokens(doc, _rows_of(tables.sentences, doc_id))
        m = _rows_of(tables.markers, doc_id)
        if m is None or m.empty:
            m = pd.DataFrame({"category": pd.Series(dtype=str), "negated": pd.Series(dtype=bool)})
        neg = m["negated"].fillna(False).astype(bool) if "negated" in m else pd.Series(False, index=m.index)
        counted = m if include_negated else m[~neg]
        data[f"count_{acc}"] = counted["category"].astype(str).value_counts()
        data[f"negated_{acc}"] = m.loc[neg, "category"].astype(str).value_counts()
        data[f"tokens_{acc}"] = total
        found.extend(m["category"].astype(str))
    cats = list(MARKER_CATEGORIES) + sorted(set(found) - set(MARKER_CATEGORIES))
    out = pd.DataFrame({"category": cats})
    for acc in ("a", "b"):
        out[f"count_{acc}"] = out["category"].map(data[f"count_{acc}"]).fillna(0).astype(int)
    for acc in ("a", "b"):
        tok = data[f"tokens_{acc}"]
        out[f"rate_{acc}"] = out[f"count_{acc}"] * 1000.0 / tok if tok else np.nan
    for acc in ("a", "b"):
        out[f"negated_{acc}"] = out["category"].map(data[f"negated_{acc}"]).fillna(0).astype(int)
    out["diff"] = out["rate_a"] - out["rate_b"]
    return out


# --- attributed statements ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=1)
def _project_stopwords() -> frozenset[str]:
    try:
        from analysis.terms import load_stopwords

        return frozenset(load_stopwords())
    except Exception:  # terms or its word list unavailable: the base list is enough
        return frozenset(STOP_WORDS)


def _features(text: str, ignore: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Content features of a sentence: (word stems and dehyphenated compounds, adjacent-word joins).

    Hyphenated tokens give their parts and the compound without hyphens, and
    every pair of adjacent words gives its concatenation, so "one-China" in one
    account meets "one China" in the other (both give ``onechina``), as do
    "counter-narcotics" and "counternarcotics".
    """
    stop = _project_stopwords()
    stem = _stemmer().stem
    words = [normalize_token(m.group()) for m in TOKEN_RE.finditer(text)]
    words = [w for w in words if any(c.isalpha() for c in w) and w != "'s"]
    units: set[str] = set()
    for w in words:
        parts = re.split(r"-", w)
        if len(parts) > 1:
            units.add("".join(parts))
        for p in parts:
            if p and p not in stop and p not in ignore and len(p) > 1 and p.isalpha():
                units.add(stem(p))
    joins = {re.sub(r"-", "", x) + re.sub(r"-", "", y) for x, y in zip(words, words[1:])}
    return frozenset(units), frozenset(joins)


def _shared(fa: tuple[frozenset[str], frozenset[str]], fb: tuple[frozenset[str], frozenset[str]]) -> set[str]:
    return set(fa[0] & fb[0]) | set(fa[1] & fb[0]) | set(fa[0] & fb[1])


def _ignore_words(docs: Iterable[pd.Series]) -> frozenset[str]:
    words = set(_GENERIC_WORDS)
    for doc in docs:
        for name in _as_list(doc.get("participants")):
            words.update(normalize_token(w) for w in re.split(r"[\s.]+", name) if w)
    return frozenset(words)


def attributed_statements(
    tables: Any,
    doc_a: str,
    doc_b: str,
    *,
    min_shared: int = 2,
    ignore_words: Collection[str] | None = None,
) -> pd.DataFrame:
    """Statements each account attributes to the other side's principal, and whether the other account has them.

    A statement is a sentence of one account whose ``speaker`` is a principal
    (not ``narrator`` or ``both sides``) of the *other* account's side: in
    China's readout, "Blinken reiterated that the United States will continue
    to adhere to the one-China policy". Its counterpart is sought among the
    other account's sentences that are not attributed to the first account's
    own side (what China's principal said in the U.S. readout is a different
    statement). A candidate matches when

    - it shares a topic with the statement (when the statement has a topic;
      otherwise ``min_shared + 1`` shared words are required instead), and
    - it shares at least ``min_shared`` content words: Snowball stems of the
      words that are not stop words (``analysis.terms`` list), not names of
      the participants and not generic words ("China", "United States",
      "side"); hyphenated and split spellings meet ("one-China" = "one China").

    The best candidate (shared topic, then most shared words, then highest
    overlap) is reported.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str
    min_shared : int, keyword-only
        Shared content words needed (default 2).
    ignore_words : collection of str, optional
        Words never counted as shared (default: the generic words above plus
        the parts of the participants' names).

    Returns
    -------
    DataFrame
        One row per statement: ``account`` (the account making the
        attribution), ``doc_id``, ``sent_id``, ``speaker``, ``speaker_side``,
        ``reporting_verb``, ``text``, ``topics`` (``; ``-joined), ``matched``
        (bool), and for a match ``other_doc_id``, ``other_sent_id``,
        ``other_speaker``, ``other_text``, ``shared_topics``,
        ``shared_words`` (``; ``-joined) and ``overlap`` (shared words / the
        smaller sentence's content words).
    """
    cols = ["account", "doc_id", "sent_id", "speaker", "speaker_side", "reporting_verb", "text", "topics", "matched",
            "other_doc_id", "other_sent_id", "other_speaker", "other_text", "shared_topics", "shared_words", "overlap"]
    docs = {d: _doc_row(tables.documents, d) for d in (doc_a, doc_b)}
    ignore = frozenset(normalize_token(w) for w in ignore_words) if ignore_words is not None else _ignore_words(docs.values())
    sents = {d: _rows_of(tables.sentences, d) for d in (doc_a, doc_b)}
    topic_sets: dict[str, dict[int, frozenset[str]]] = {}
    for d in (doc_a, doc_b):
        t = _rows_of(tables.topics, d)
        topic_sets[d] = {} if t is None or t.empty else {
            int(k): frozenset(v.astype(str)) for k, v in t.groupby("sent_id")["topic"]
        }
    feats = {d: {int(s.sent_id): _features(str(s.text), ignore) for s in sents[d].itertuples(index=False)}
             for d in (doc_a, doc_b)}
    rows = []
    for acc, this, other in (("a", doc_a, doc_b), ("b", doc_b, doc_a)):
        this_side = _str_or_none(docs[this].get("side"))
        other_side = _str_or_none(docs[other].get("side"))
        s = sents[this]
        speaker = s["speaker"].map(_str_or_none)
        mask = ~speaker.fillna("narrator").isin(_NOT_PRINCIPALS) & s["speaker_side"].map(_str_or_none).eq(other_side).fillna(False)
        if other_side is None or other_side == this_side:
            mask = mask & False
        cands = sents[other]
        cand_side = cands["speaker_side"].map(_str_or_none)
        cands = cands[~(cand_side.eq(this_side).fillna(False) & ~cands["speaker"].map(_str_or_none).fillna("narrator").isin(_NOT_PRINCIPALS))]
        for st in s[mask].itertuples(index=False):
            sid = int(st.sent_id)
            st_topics = topic_sets[this].get(sid, frozenset())
            fs = feats[this][sid]
            best, best_key = None, None
            for c in cands.itertuples(index=False):
                cid = int(c.sent_id)
                c_topics = topic_sets[other].get(cid, frozenset())
                fc = feats[other][cid]
                shared_words = _shared(fs, fc)
                shared_topics = st_topics & c_topics
                need = min_shared if st_topics else min_shared + 1
                ok = (bool(shared_topics) or not st_topics) and len(shared_words) >= need
                denom = min(len(fs[0]), len(fc[0])) or 1
                overlap = len(shared_words) / denom
                key = (ok, bool(shared_topics), len(shared_words), overlap, -cid)
                if best_key is None or key > best_key:
                    best_key, best = key, (c, shared_topics, shared_words, overlap)
            row = {
                "account": acc, "doc_id": str(this), "sent_id": sid, "speaker": _str_or_none(st.speaker),
                "speaker_side": _str_or_none(st.speaker_side), "reporting_verb": _str_or_none(getattr(st, "reporting_verb", None)),
                "text": str(st.text), "topics": "; ".join(sorted(st_topics)), "matched": bool(best_key and best_key[0]),
                "other_doc_id": None, "other_sent_id": pd.NA, "other_speaker": None, "other_text": None,
                "shared_topics": None, "shared_words": None, "overlap": np.nan,
            }
            if row["matched"]:
                c, shared_topics, shared_words, overlap = best
                row.update(other_doc_id=str(other), other_sent_id=int(c.sent_id), other_speaker=_str_or_none(c.speaker),
                           other_text=str(c.text), shared_topics="; ".join(sorted(shared_topics)),
                           shared_words="; ".join(sorted(shared_words)), overlap=float(overlap))
            rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    out["other_sent_id"] = out["other_sent_id"].astype("Int64")
    out["matched"] = out["matched"].astype(bool)
    return out


# --- characterisations -------------------------------------------------------------------------


def _characterisation_pattern(words: Sequence[str]) -> re.Pattern[str]:
    alts = sorted({re.sub(r"[-\s]+", r"[-\\s]?", re.escape(w.lower()).replace("\\-", "-").replace("\\ ", " "))
                   for w in words}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def characterisations(
    tables: Any,
    doc_a: str,
    doc_b: str,
    *,
    words: Sequence[str] = CHARACTERISATIONS,
    window: int = 6,
) -> pd.DataFrame:
    """How each account characterises the meeting: "candid", "constructive", "in-depth"...

    A word of ``words`` counts when a noun or verb naming the meeting
    ("meeting", "talks", "discussion", "exchange", "conversation", "call",
    "dialogue", "communication", "manner"...) stands within ``window`` words of
    it in the same sentence ("a candid and constructive discussion", "exchange
    views ... in a frank manner"), so "open" in "open markets" does not count.

    Parameters
    ----------
    tables : Tables
    doc_a, doc_b : str
    words : sequence of str, keyword-only
        Characterisation words (default :data:`CHARACTERISATIONS`); hyphen
        and space variants match ("in-depth" = "in depth").
    window : int, keyword-only
        Largest distance in words to a meeting word.

    Returns
    -------
    DataFrame
        One row per occurrence: ``account``, ``doc_id``, ``sent_id``,
        ``speaker``, ``word`` (the canonical form from ``words``), ``match``
        (as written), ``text`` (the sentence) and ``in_other`` (the other
        account uses the same word somewhere as a characterisation).
    """
    pattern = _characterisation_pattern(words)
    canon = {re.sub(r"[-\s]", "", w.lower()): w for w in words}
    rows = []
    for acc, doc_id in (("a", doc_a), ("b", doc_b)):
        for s in _rows_of(tables.sentences, doc_id).itertuples(index=False):
            text = str(s.text)
            toks = [(m.start(), normalize_token(m.group())) for m in TOKEN_RE.finditer(text)]
            anchors = [i for i, (_, w) in enumerate(toks) if _MEETING_WORDS.match(w)]
            if not anchors:
                continue
            starts = [p for p, _ in toks]
            for m in pattern.finditer(text):
                i = int(np.searchsorted(starts, m.start(), side="right")) - 1
                if min(abs(i - j) for j in anchors) > window:
                    continue
                rows.append({
                    "account": acc, "doc_id": str(doc_id), "sent_id": int(s.sent_id), "speaker": _str_or_none(s.speaker),
                    "word": canon.get(re.sub(r"[-\s]", "", m.group(1).lower()), m.group(1).lower()),
                    "match": m.group(1), "text": text,
                })
    out = pd.DataFrame(rows, columns=["account", "doc_id", "sent_id", "speaker", "word", "match", "text"])
    used = {acc: set(out.loc[out["account"] == acc, "word"]) for acc in ("a", "b")}
    out["in_other"] = [w in used["b" if acc == "a" else "a"] for acc, w in zip(out["account"], out["word"])]
    return out

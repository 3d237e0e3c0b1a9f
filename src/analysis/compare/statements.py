"""What each account puts in the other side's mouth, and how each characterises the meeting.

:func:`attributed_statements` finds the statements one account attributes to
the other side's principal and looks for them in the other account;
:func:`characterisations` lists the words each uses for the meeting
("candid", "constructive", "in-depth").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from analysis.annotate.segment import STOP_WORDS, TOKEN_RE, normalize_token
from analysis.compare._common import as_list, doc_row, rows_of, str_or_none
from analysis.stats import load_stopwords
from analysis.vocab import NARRATOR, NOT_PRINCIPALS

__all__ = ["CHARACTERISATIONS", "attributed_statements", "characterisations"]

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

#: Words too common in any China-U.S. readout to count as shared content in a statement match.
_GENERIC_WORDS = frozenset(
    "china chinese prc beijing united states u.s. us usa america american americans washington side sides two "
    "countries country nation nations president secretary minister foreign state government people".split()
)


# --- attributed statements ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=1)
def _project_stopwords() -> frozenset[str]:
    try:
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
        for name in as_list(doc.get("participants")):
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
      words that are not stop words (``analysis.stats`` list), not names of
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
    docs = {d: doc_row(tables.documents, d) for d in (doc_a, doc_b)}
    ignore = frozenset(normalize_token(w) for w in ignore_words) if ignore_words is not None else _ignore_words(docs.values())
    sents = {d: rows_of(tables.sentences, d) for d in (doc_a, doc_b)}
    topic_sets: dict[str, dict[int, frozenset[str]]] = {}
    for d in (doc_a, doc_b):
        t = rows_of(tables.topics, d)
        topic_sets[d] = {} if t is None or t.empty else {
            int(k): frozenset(v.astype(str)) for k, v in t.groupby("sent_id")["topic"]
        }
    feats = {d: {int(s.sent_id): _features(str(s.text), ignore) for s in sents[d].itertuples(index=False)}
             for d in (doc_a, doc_b)}
    rows = []
    for acc, this, other in (("a", doc_a, doc_b), ("b", doc_b, doc_a)):
        this_side = str_or_none(docs[this].get("side"))
        other_side = str_or_none(docs[other].get("side"))
        s = sents[this]
        speaker = s["speaker"].map(str_or_none)
        mask = ~speaker.fillna(NARRATOR).isin(NOT_PRINCIPALS) & s["speaker_side"].map(str_or_none).eq(other_side).fillna(False)
        if other_side is None or other_side == this_side:
            mask = mask & False
        cands = sents[other]
        cand_side = cands["speaker_side"].map(str_or_none)
        cands = cands[~(cand_side.eq(this_side).fillna(False) & ~cands["speaker"].map(str_or_none).fillna(NARRATOR).isin(NOT_PRINCIPALS))]
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
                "account": acc, "doc_id": str(this), "sent_id": sid, "speaker": str_or_none(st.speaker),
                "speaker_side": str_or_none(st.speaker_side), "reporting_verb": str_or_none(getattr(st, "reporting_verb", None)),
                "text": str(st.text), "topics": "; ".join(sorted(st_topics)), "matched": bool(best_key and best_key[0]),
                "other_doc_id": None, "other_sent_id": pd.NA, "other_speaker": None, "other_text": None,
                "shared_topics": None, "shared_words": None, "overlap": np.nan,
            }
            if row["matched"]:
                c, shared_topics, shared_words, overlap = best
                row.update(other_doc_id=str(other), other_sent_id=int(c.sent_id), other_speaker=str_or_none(c.speaker),
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
        for s in rows_of(tables.sentences, doc_id).itertuples(index=False):
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
                    "account": acc, "doc_id": str(doc_id), "sent_id": int(s.sent_id), "speaker": str_or_none(s.speaker),
                    "word": canon.get(re.sub(r"[-\s]", "", m.group(1).lower()), m.group(1).lower()),
                    "match": m.group(1), "text": text,
                })
    out = pd.DataFrame(rows, columns=["account", "doc_id", "sent_id", "speaker", "word", "match", "text"])
    used = {acc: set(out.loc[out["account"] == acc, "word"]) for acc in ("a", "b")}
    out["in_other"] = [w in used["b" if acc == "a" else "a"] for acc, w in zip(out["account"], out["word"])]
    return out

"""Shared by the compare tests (and tests/views): a tiny table builder and a synthetic pair of accounts of one meeting.

SYNTHETIC: written for these tests, mirroring the structure of a real PRC MFA /
U.S. readout pair of one meeting, with one topic omitted on each side and one
attributed commitment, so every expected value is exact.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from analysis import compare
from analysis.annotate.segment import TOKEN_RE
from analysis.tables import Tables, empty_table

D = dt.date


# --- a tiny table builder (synthetic data) ------------------------------------------------------


TOPIC_TERMS = {  # term -> topic, for the hand-made tagging below
    "Taiwan": "taiwan", "one-China": "taiwan", "one China": "taiwan", "sanctions": "sanctions",
    "climate change": "climate_change", "Xinjiang": "xinjiang",
}


MARKER_TERMS = {  # term -> category
    "firmly": "booster", "opposes": "opposition", "urged": "directive", "committed": "commitment",
    "candid": "positive_evaluation", "constructive": "positive_evaluation", "concerns": "opposition",
    "cooperation": "cooperative_frame", "Cold War": "confrontational_frame",
}


def _find(terms: dict[str, str], text: str, start: int, end: int):
    for term, label in terms.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text[start:end], re.IGNORECASE):
            yield label, term, start + m.start(), start + m.end()


def make_tables(docs: list[dict]) -> Tables:
    """Tables from documents given as paragraphs of (speaker, speaker_side, sentence) triples."""
    frames: dict[str, list[dict]] = {k: [] for k in ("documents", "sentences", "tokens", "topics", "markers")}
    for d in docs:
        text, sent_id, pos = "", 0, 0
        sentences = []
        for para_id, para in enumerate(d["paragraphs"]):
            if para_id:
                text += "\n\n"
            for k, (speaker, side, sentence) in enumerate(para):
                if k:
                    text += " "
                start = len(text)
                text += sentence
                sentences.append((sent_id, para_id, start, len(text), speaker, side))
                sent_id += 1
        n_doc_tokens = 0
        for sid, para_id, start, end, speaker, side in sentences:
            toks = list(TOKEN_RE.finditer(text, start, end))
            for i, m in enumerate(toks):
                frames["tokens"].append({"doc_id": d["doc_id"], "sent_id": sid, "token_id": n_doc_tokens + i,
                                         "start": m.start(), "end": m.end(), "text": m.group(),
                                         "norm": m.group().lower(), "is_stop": False})
            n_doc_tokens += len(toks)
            frames["sentences"].append({
                "doc_id": d["doc_id"], "sent_id": sid, "para_id": para_id, "start": start, "end": end,
                "text": text[start:end], "speaker": speaker, "speaker_side": side,
                "attribution": "explicit", "reporting_verb": None, "n_tokens": len(toks)})
            for topic, term, s, e in _find(TOPIC_TERMS, text, start, end):
                frames["topics"].append({"doc_id": d["doc_id"], "sent_id": sid, "topic": topic, "term": term,
                                         "start": s, "end": e})
            for cat, term, s, e in _find(MARKER_TERMS, text, start, end):
                frames["markers"].append({"doc_id": d["doc_id"], "sent_id": sid, "category": cat, "marker": term,
                                          "text": text[s:e], "start": s, "end": e, "target": None,
                                          "negated": "not seek" in text[start:s]})
        frames["documents"].append({
            "doc_id": d["doc_id"], "path": d.get("path", f"raw/{d['doc_id']}.txt"), "source": d["source"],
            "side": d["side"], "kind": d.get("kind", "readout"), "title": d.get("title"), "date": d.get("date"),
            "event_date": d.get("event_date"), "event_type": "meeting", "location": None,
            "participants": d.get("participants", []), "n_sentences": len(sentences), "n_tokens": n_doc_tokens,
            "sha256": d["doc_id"] * 4, "text": text})
    out = {k: (pd.DataFrame(v) if v else empty_table(k)) for k, v in frames.items()}
    out["speakers"] = empty_table("speakers")
    out["rejections"] = empty_table("rejections")
    return Tables(**out)


WANG, BLINKEN = "Wang Yi", "Antony Blinken"


#: SYNTHETIC. China's account: omits Xinjiang (which the U.S. account raises).
CN_ACCOUNT = {
    "doc_id": "cn0000000000000a", "source": "PRC MFA", "side": "CN", "participants": [WANG, BLINKEN],
    "date": dt.date(2022, 3, 4), "event_date": dt.date(2022, 3, 3), "path": "raw/cn_geneva.txt",
    "paragraphs": [
        [("narrator", None, "On March 3, Foreign Minister Wang Yi met with Secretary of State Antony Blinken in Geneva.")],
        [(WANG, "CN", "Wang Yi said that China firmly opposes U.S. arms sales to Taiwan."),
         (WANG, "CN", "He urged the United States to lift its unilateral sanctions on Chinese companies.")],
        [(BLINKEN, "US", "Blinken said that the United States remains committed to the one-China policy.")],
        [("both sides", None, "The two sides had a candid and constructive exchange on climate change.")],
    ],
}


#: SYNTHETIC. The U.S. account: omits sanctions (which China's raises).
US_ACCOUNT = {
    "doc_id": "us0000000000000b", "source": "US State Dept", "side": "US", "participants": [BLINKEN, WANG],
    "date": dt.date(2022, 3, 3), "event_date": dt.date(2022, 3, 3), "path": "raw/us_geneva.txt",
    "paragraphs": [
        [("narrator", None, "Secretary Blinken met with PRC Foreign Minister Wang Yi in Geneva.")],
        [(BLINKEN, "US", "The Secretary raised concerns about the situation in Xinjiang."),
         (BLINKEN, "US", "Secretary Blinken reiterated that the United States is committed to its one China policy."),
         (BLINKEN, "US", "He stressed the importance of cooperation on climate change.")],
        [(WANG, "CN", "Foreign Minister Wang Yi raised Taiwan.")],
        [("both sides", None, "The two sides held a candid discussion.")],
    ],
}


@pytest.fixture(scope="module")
def pair_tables() -> Tables:
    return make_tables([CN_ACCOUNT, US_ACCOUNT])


@pytest.fixture(scope="module")
def result(pair_tables):
    return compare.compare_pair(pair_tables, CN_ACCOUNT["doc_id"], US_ACCOUNT["doc_id"])


# --- a transcript split by speaker (synthetic) --------------------------------------------------


TRANSCRIPT = {
    "doc_id": "tr00000000000000", "source": "White House", "side": "US", "kind": "transcript",
    "participants": ["Joe Biden", "Xi Jinping"], "date": D(2023, 11, 15),
    "paragraphs": [
        [("narrator", None, "Woodside, California")],
        [("narrator", None, "11:23 A.M. PST")],
        [("narrator", None, "PRESIDENT BIDEN: Well, Mr. President, it is good to see you."),
         ("narrator", None, "We must work together on climate change.")],
        [("narrator", None, "PRESIDENT XI: (As interpreted.) Mr. President, good morning."),
         ("narrator", None, "The Taiwan question is the most important issue.")],
        [("narrator", None, "THE PRESIDENT: Thank you.")],
        [("narrator", None, "11:30 A.M. PST")],
    ],
}

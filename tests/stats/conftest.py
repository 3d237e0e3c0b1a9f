"""Shared by the stats tests: a tokens table from texts (the project tokenizer), three small texts, and the White House corpus."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import WH

from analysis.annotate.segment import STOP_WORDS, normalize_token, sentence_spans, token_spans

TOKEN_COLUMNS = ["doc_id", "sent_id", "token_id", "start", "end", "text", "norm", "is_stop"]


def make_tokens(texts: dict[str, str]) -> pd.DataFrame:
    """A tokens table (the project contract) from texts, with the project tokenizer."""
    rows = []
    for doc_id, text in texts.items():
        for i, (sent, start, end) in enumerate(token_spans(text, sentence_spans(text))):
            norm = normalize_token(text[start:end])
            rows.append((doc_id, sent, i, start, end, text[start:end], norm, norm in STOP_WORDS))
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)


TEXTS = {
    "d1": "The U.S. supports the one China policy. China's one-China principle matters. Taiwan is discussed.",
    "d2": "Xinjiang and Taiwan were raised. The one China policy stands. Trade trade trade.",
    "d3": "Trade talks on trade. One China. Policy on Taiwan.",
}


SIDES = {"d1": "US", "d2": "CN", "d3": "CN"}


@pytest.fixture
def toks() -> pd.DataFrame:
    t = make_tokens(TEXTS)
    t["side"] = t["doc_id"].map(SIDES)
    return t


# --- the real White House corpus -------------------------------------------------------------


PRC_OFFICIALS = [
    "Xi Jinping", "Wang Yi", "Li Qiang", "Yang Jiechi", "He Lifeng", "Liu He", "Li Keqiang",
    "Wei Fenghe", "Dong Jun", "Qin Gang", "Wang Wentao", "Han Zheng", "Wang Huning",
]


PRC_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, PRC_OFFICIALS)) + r")\b|People['\u2019]s Republic of China")


def _local_tables(root: Path):
    """Documents and tokens from the project's readers and segmenter (used while the full build is unavailable)."""
    from analysis.ingest.readers import read_input
    from analysis.ingest.sources import RawInput, iter_inputs

    docs, texts = [], {}
    for raw in iter_inputs([root]):
        if not isinstance(raw, RawInput):
            continue
        for doc in read_input(raw)[0]:
            if doc.doc_id in texts:
                continue
            texts[doc.doc_id] = doc.text
            docs.append({"doc_id": doc.doc_id, "title": doc.meta.get("title") or "", "text": doc.text})
    return pd.DataFrame(docs), make_tokens(texts)


@pytest.fixture(scope="module")
def wh():
    if not WH.exists():
        pytest.skip(f"White House corpus not present at {WH} (../shared absent)")
    try:
        from analysis import build_tables

        tables = build_tables(WH, workers=2)
        documents, tokens = tables.documents, tables.tokens
    except Exception as exc:  # the full pipeline (speakers, tagging) may be mid-development
        warnings.warn(f"build_tables failed ({exc!r}); using readers + segment directly", stacklevel=1)
        documents, tokens = _local_tables(WH)
    documents = documents.assign(title=documents["title"].fillna("").astype(str), text=documents["text"].astype(str))
    china = documents["title"].str.contains(PRC_RE) | documents["text"].str.contains(PRC_RE)
    documents = documents.assign(china=china)
    tokens = tokens.merge(documents[["doc_id", "china"]], on="doc_id", how="left")
    return documents, tokens

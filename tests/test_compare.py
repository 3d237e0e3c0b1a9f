"""Tests of analysis.compare: pairing, the comparison of a pair, transcripts split by speaker, side against side.

The first part runs on small hand-made tables (SYNTHETIC: written for these
tests, mirroring the structure of a real PRC MFA / U.S. readout pair of one
meeting, with one topic omitted on each side and one attributed commitment),
so every expected value is exact. The second part runs on the real documents
in ../shared and is skipped, saying so, when ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from scipy.spatial.distance import jensenshannon

from analysis import compare
from analysis.compare_time import js_divergence
from analysis.segment import TOKEN_RE
from analysis.tables_io import Tables, empty_table

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


# --- pairing -----------------------------------------------------------------------------------


def _docs(rows: list[tuple]) -> pd.DataFrame:
    cols = ["doc_id", "path", "side", "source", "kind", "participants", "event_date", "date"]
    return pd.DataFrame(rows, columns=cols)


D = dt.date
PAIRING_DOCS = _docs([
    ("d1", "raw/mfa/d1.txt", "CN", "PRC MFA", "readout", [WANG, BLINKEN], D(2021, 10, 31), D(2021, 11, 1)),
    ("d2", "raw/state/d2.txt", "US", "US State Dept", "readout", [BLINKEN, WANG], D(2021, 11, 1), D(2021, 11, 1)),
    ("d3", "raw/wh/d3.md", "US", "White House", "readout", [BLINKEN, WANG, "Jake Sullivan"], None, D(2021, 11, 2)),
    ("d4", "raw/mfa/d4.txt", "CN", "PRC MFA", "readout", ["Xi Jinping", "Joe Biden"], D(2021, 11, 15), D(2021, 11, 16)),
    ("d5", "raw/wh/d5.md", "US", "White House", "readout", ["Joe Biden", "Xi Jinping"], D(2021, 11, 20), D(2021, 11, 20)),
    ("d6", "raw/wh/d6.md", "US", "White House", "readout", ["Joe Biden", "Xi Jinping"], D(2021, 11, 16), D(2021, 11, 16)),
    ("d7", "raw/mfa/d7.txt", "CN", "PRC MFA", "readout", [WANG], D(2021, 10, 31), D(2021, 10, 31)),
    ("d8", "raw/ungd/USA_76_2021.txt", "US", "UN General Debate", "speech", [], None, D(2021, 9, 1)),
    ("d9", "raw/mfa/d9.txt", "CN", "PRC MFA", "readout", ["Joe Biden", "Li Qiang"], D(2021, 11, 16), D(2021, 11, 16)),
])


def test_pairing_rules():
    pairs = compare.pair_documents(PAIRING_DOCS, pairs_file=False)
    got = {(r.doc_a, r.doc_b): r for r in pairs.itertuples(index=False)}
    # d1-d2 same participants; d1-d3 superset with publication date; d4-d6; never same side, never > 2 days,
    # never a single participant, never different principals (d9 shares only Biden with d6)
    assert set(got) == {("d1", "d2"), ("d1", "d3"), ("d4", "d6")}
    assert list(pairs.columns) == list(compare.PAIRS_COLUMNS)
    assert got["d1", "d2"].how == "auto" and got["d1", "d2"].participants_rule == "same"
    assert got["d1", "d2"].event_date == D(2021, 10, 31) and got["d1", "d2"].days_apart == 1
    assert got["d1", "d2"].participants == [WANG, BLINKEN]  # doc_a's order
    assert got["d1", "d3"].how == "auto (participants subset; publication date)"
    assert got["d1", "d3"].date_basis == "date" and got["d1", "d3"].days_apart == 2
    assert got["d4", "d6"].side_a == "CN" and got["d4", "d6"].side_b == "US"  # a is the side sorting first
    assert got["d4", "d6"].pair_id == "2021-11-15-d4-d6"
    assert pairs["pair_id"].is_unique


def test_pairing_options():
    strict = compare.pair_documents(PAIRING_DOCS, pairs_file=False, subset=False)
    assert set(zip(strict.doc_a, strict.doc_b)) == {("d1", "d2"), ("d4", "d6")}
    wide = compare.pair_documents(PAIRING_DOCS, pairs_file=False, max_days=5)
    assert ("d4", "d5") in set(zip(wide.doc_a, wide.doc_b))
    assert compare.pair_documents(PAIRING_DOCS.iloc[[7]], pairs_file=False).empty


def test_pairs_file_overrides_adds_removes(tmp_path):
    path = tmp_path / "pairs.yaml"
    path.write_text(
        "# corrections\n"
        "add:\n"
        "  - {doc_a: d4, doc_b: wh/d5.md, note: reported four days later}\n"
        "  - {doc_a: d1.txt, doc_b: d2, note: confirmed by hand}\n"
        "remove:\n"
        "  - {doc_a: d3.md, doc_b: d1}\n"  # either order, file names allowed
        "exclude: [d6]\n",
        encoding="utf-8",
    )
    pairs = compare.pair_documents(PAIRING_DOCS, pairs_file=path)
    got = {(r.doc_a, r.doc_b): r for r in pairs.itertuples(index=False)}
    assert set(got) == {("d1", "d2"), ("d4", "d5")}
    assert got["d4", "d5"].how == "pairs file" and got["d4", "d5"].note == "reported four days later"
    assert pd.isna(got["d4", "d5"].participants_rule)
    assert got["d1", "d2"].how == "pairs file" and got["d1", "d2"].participants_rule == "same"  # confirmed, kept once
    assert pairs.attrs["unresolved"] == []


def test_pairs_file_unknown_reference_warns(tmp_path):
    path = tmp_path / "pairs.yaml"
    path.write_text("add:\n  - {doc_a: nothing.txt, doc_b: d2}\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="name no document"):
        pairs = compare.pair_documents(PAIRING_DOCS, pairs_file=path)
    assert pairs.attrs["unresolved"] == ["nothing.txt"]
    assert len(pairs) == 3  # the automatic pairs stay


def test_pairs_file_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("add:\n  - {doc_a: d1}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="needs doc_a and doc_b"):
        compare.read_pairs_file(bad)
    bad.write_text("pairs: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown keys"):
        compare.read_pairs_file(bad)


def test_shipped_pairs_file_is_valid():
    pf = compare.read_pairs_file(compare.DEFAULT_PAIRS_FILE)
    assert pf.add == [] and pf.remove == [] and pf.exclude == []


def test_pairing_accepts_parquet_style_cells():
    docs = PAIRING_DOCS.copy()
    docs["participants"] = docs["participants"].map(np.array)  # as read back from Parquet
    docs["event_date"] = pd.to_datetime(docs["event_date"])
    pairs = compare.pair_documents(docs, pairs_file=False)
    assert set(zip(pairs.doc_a, pairs.doc_b)) == {("d1", "d2"), ("d1", "d3"), ("d4", "d6")}


# --- comparing a pair (synthetic) --------------------------------------------------------------


def test_synthetic_pair_is_paired(pair_tables):
    pairs = compare.pair_documents(pair_tables.documents, pairs_file=False)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row.doc_a, row.doc_b, row.how, row.event_date) == (CN_ACCOUNT["doc_id"], US_ACCOUNT["doc_id"], "auto", D(2022, 3, 3))


def test_summary_shares(result, pair_tables):
    s = result["summary"].set_index("account")
    # tokens by TOKEN_RE: CN 16 narrator, 12 + 13 Wang Yi, 12 Blinken, 12 both; US 11 narrator, 9 + 14 + 9 Blinken, 6 Wang, 7 both
    assert s.loc["a", "tokens"] == 65 and s.loc["b", "tokens"] == 56
    assert s.loc["a", "own_share"] == pytest.approx(25 / 65)
    assert s.loc["a", "other_share"] == pytest.approx(12 / 65)
    assert s.loc["a", "joint_share"] == pytest.approx(12 / 65)
    assert s.loc["a", "narrator_share"] == pytest.approx(16 / 65)
    assert s.loc["b", "own_share"] == pytest.approx(32 / 56)
    assert s.loc["b", "share: Wang Yi"] == pytest.approx(6 / 56)
    assert s.loc["a", "share: Antony Blinken"] == pytest.approx(12 / 65)
    assert list(s["side"]) == ["CN", "US"] and list(s["source"]) == ["PRC MFA", "US State Dept"]
    sp = result["speakers"]
    assert sp.groupby("account")["share"].sum().round(12).tolist() == [1.0, 1.0]


def test_omission_matrix(result):
    t = result["topics"].set_index("topic")
    assert set(t.index) == {"taiwan", "sanctions", "climate_change", "xinjiang"}
    assert t.loc["sanctions", "status"] == "only a"  # the U.S. account omits sanctions
    assert t.loc["xinjiang", "status"] == "only b"  # China's omits Xinjiang
    assert t.loc["taiwan", "status"] == t.loc["climate_change", "status"] == "both"
    assert t["rank_a"].dropna().to_dict() == {"taiwan": 1, "sanctions": 2, "climate_change": 3}
    assert t["rank_b"].dropna().to_dict() == {"xinjiang": 1, "taiwan": 2, "climate_change": 3}
    assert t.loc["taiwan", "sentences_a"] == 2 and t.loc["taiwan", "sentences_b"] == 2
    assert t.loc["taiwan", "first_speaker_a"] == WANG and t.loc["taiwan", "first_speaker_b"] == BLINKEN
    assert t.loc["sanctions", "share_a"] == pytest.approx(13 / 65)
    assert pd.isna(t.loc["sanctions", "rank_b"]) and not t.loc["sanctions", "in_b"]


def test_topic_order(result):
    order, st = result["order"], result["order_stats"]
    assert order["topic"].tolist() == ["taiwan", "climate_change"]
    assert order["rank_a"].tolist() == [1, 2] and order["rank_b"].tolist() == [1, 2]
    assert st.loc[0, "n_shared"] == 2 and st.loc[0, "spearman"] == pytest.approx(1.0)
    assert np.isnan(st.loc[0, "spearman_p"])


def test_rank_correlation_against_scipy():
    ranks_a = [1, 2, 3, 4, 5, None]
    ranks_b = [2, 1, 5, 3, 4, 1]
    topics = pd.DataFrame({
        "topic": list("uvwxyz"), "in_a": [r is not None for r in ranks_a], "in_b": True,
        "rank_a": pd.array(ranks_a, dtype="Int64"), "rank_b": pd.array(ranks_b, dtype="Int64"),
    })
    order, st = compare.topic_order(topics)
    assert order["topic"].tolist() == list("uvwxy")
    assert order["rank_b"].tolist() == [2, 1, 5, 3, 4]
    assert st.loc[0, "spearman"] == pytest.approx(stats.spearmanr([1, 2, 3, 4, 5], [2, 1, 5, 3, 4]).statistic)
    assert st.loc[0, "kendall"] == pytest.approx(stats.kendalltau([1, 2, 3, 4, 5], [2, 1, 5, 3, 4]).statistic)
    reverse = topics.assign(rank_b=pd.array([5, 4, 3, 2, 1, None], dtype="Int64"), in_b=[True] * 5 + [False])
    _, st = compare.topic_order(reverse)
    assert st.loc[0, "spearman"] == pytest.approx(-1.0) and st.loc[0, "kendall"] == pytest.approx(-1.0)


def test_marker_rates(result):
    m = result["markers"].set_index("category")
    assert list(m.index[: len(compare.MARKER_CATEGORIES)]) == list(compare.MARKER_CATEGORIES)
    assert m.loc["positive_evaluation", "count_a"] == 2 and m.loc["positive_evaluation", "count_b"] == 1
    assert m.loc["positive_evaluation", "rate_a"] == pytest.approx(2000 / 65)
    assert m.loc["opposition", "rate_b"] == pytest.approx(1000 / 56)
    assert m.loc["directive", "count_b"] == 0 and m.loc["hedge", "rate_a"] == 0
    assert m.loc["commitment", "diff"] == pytest.approx(1000 / 65 - 1000 / 56)


def test_negated_markers_counted_apart():
    doc = {"doc_id": "x", "source": "s", "side": "US", "paragraphs": [[
           ("narrator", None, "We will not seek a new Cold War."), ("narrator", None, "A Cold War is coming.")]]}
    other = {**doc, "doc_id": "y", "side": "CN"}
    t = make_tables([doc, other])
    m = compare.marker_rates(t, "x", "y").set_index("category")
    assert m.loc["confrontational_frame", "count_a"] == 1 and m.loc["confrontational_frame", "negated_a"] == 1
    m = compare.marker_rates(t, "x", "y", include_negated=True).set_index("category")
    assert m.loc["confrontational_frame", "count_a"] == 2


def test_attributed_statement_matched(result):
    att = result["attributed"]
    assert len(att) == 2
    cn = att[att["account"] == "a"].iloc[0]  # China's account puts the one-China commitment in Blinken's mouth
    assert cn["speaker"] == BLINKEN and cn["sent_id"] == 3
    assert bool(cn["matched"]) and cn["other_sent_id"] == 2
    assert cn["other_text"].startswith("Secretary Blinken reiterated")
    assert cn["shared_topics"] == "taiwan"
    assert cn["shared_words"] == "commit; onechina; polici"  # "one-China" meets "one China"
    us = att[att["account"] == "b"].iloc[0]  # the U.S. account's "Wang Yi raised Taiwan": too thin to match
    assert us["speaker"] == WANG and not bool(us["matched"]) and pd.isna(us["other_sent_id"])


def test_attributed_needs_topic_and_words(pair_tables):
    att = compare.attributed_statements(pair_tables, CN_ACCOUNT["doc_id"], US_ACCOUNT["doc_id"], min_shared=4)
    assert not att["matched"].any()


def test_characterisations(result):
    c = result["characterisations"]
    assert c[["account", "word", "in_other"]].values.tolist() == [
        ["a", "candid", True], ["a", "constructive", False], ["b", "candid", True]]
    assert c["sent_id"].tolist() == [4, 4, 5]


def test_characterisation_needs_a_meeting_word():
    doc = {"doc_id": "x", "source": "s", "side": "US", "paragraphs": [[("narrator", None,
           "They support open markets and direct investment. They had a frank, in depth exchange.")]]}
    t = make_tables([doc, {**doc, "doc_id": "y", "side": "CN"}])
    c = compare.characterisations(t, "x", "y")
    assert c.loc[c["account"] == "a", "word"].tolist() == ["frank", "in-depth"]


def test_compare_pair_keys_and_unknown_doc(pair_tables, result):
    assert {"summary", "topics", "markers", "attributed", "order", "characterisations"} <= set(result)
    assert all(isinstance(v, pd.DataFrame) for v in result.values())
    with pytest.raises(KeyError, match="nope"):
        compare.compare_pair(pair_tables, "nope", US_ACCOUNT["doc_id"])


# --- transcripts split by speaker (synthetic) --------------------------------------------------

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


def test_transcript_turns():
    t = make_tables([TRANSCRIPT])
    turns = compare.transcript_turns(t.documents.loc[0, "text"])
    assert turns["label"].tolist() == ["PRESIDENT BIDEN", "PRESIDENT XI", "THE PRESIDENT"]


def test_split_transcript():
    t = make_tables([TRANSCRIPT])
    acc = compare.split_transcript(t, TRANSCRIPT["doc_id"])
    docs = acc.documents
    assert docs["doc_id"].tolist() == ["tr00000000000000:US", "tr00000000000000:CN"]
    assert docs["side"].tolist() == ["US", "CN"]
    assert docs["parent_doc_id"].tolist() == [TRANSCRIPT["doc_id"]] * 2
    s = acc.sentences
    assert s.groupby("doc_id")["sent_id"].apply(list).to_dict() == {
        "tr00000000000000:US": [2, 3, 6], "tr00000000000000:CN": [4, 5]}
    assert set(s["speaker"]) == {"Joe Biden", "Xi Jinping"} and set(s["attribution"]) == {"turn"}
    # labels' tokens are not counted: "Well, Mr. President, it is good to see you." has 9 tokens
    assert s.loc[s["sent_id"] == 2, "n_tokens"].item() == 9
    assert docs["n_tokens"].tolist() == [9 + 7 + 2, 6 + 8]
    assert "PRESIDENT" not in set(acc.tokens.loc[acc.tokens["doc_id"] == "tr00000000000000:CN", "text"])
    res = compare.compare_pair(acc, *docs["doc_id"])
    t = res["topics"].set_index("topic")
    assert t.loc["climate_change", "status"] == "only a" and t.loc["taiwan", "status"] == "only b"
    assert res["summary"]["own_share"].tolist() == [1.0, 1.0]


def test_split_transcript_explicit_speakers_and_errors():
    t = make_tables([{**TRANSCRIPT, "participants": []}])
    acc = compare.split_transcript(t, TRANSCRIPT["doc_id"], speakers={"PRESIDENT XI": ("Xi Jinping", "CN")})
    assert acc.documents["side"].tolist() == ["US", "CN"]  # Biden from the built-in list
    plain = make_tables([{**TRANSCRIPT, "doc_id": "p", "paragraphs": [[("narrator", None, "No turns here.")]]}])
    with pytest.raises(ValueError, match="no speaker turns"):
        compare.split_transcript(plain, "p")


# --- side against side over time (synthetic) ---------------------------------------------------


def _speech(doc_id: str, side: str, year: int, text: str) -> dict:
    return {"doc_id": doc_id, "source": "UN General Debate", "side": side, "kind": "speech", "date": D(year, 9, 1),
            "paragraphs": [[("narrator", None, s.strip() + ".") for s in text.split(".") if s.strip()]]}


SPEECHES = [
    _speech("cn1", "CN", 1990, "Hegemonism must end. Sovereignty matters. Taiwan is part of China"),
    _speech("us1", "US", 1990, "Freedom matters. Democracy and freedom spread. Markets grow"),
    _speech("cn2", "CN", 1991, "Sovereignty and development. Cooperation on climate change"),
    _speech("us2", "US", 1991, "Freedom and democracy. Cooperation on climate change"),
    _speech("fr1", "FR", 1991, "Liberty, equality, fraternity"),
]


def test_js_divergence_against_scipy():
    p, q = np.array([3, 0, 1, 5]), np.array([0, 2, 2, 1])
    pa, qa = (p + 0.5) / (p + 0.5).sum(), (q + 0.5) / (q + 0.5).sum()
    assert js_divergence(p, q) == pytest.approx(jensenshannon(pa, qa, base=2) ** 2)
    assert js_divergence(p, p) == pytest.approx(0.0)
    assert js_divergence(np.array([1, 0]), np.array([0, 1]), alpha=0) == pytest.approx(1.0)


def test_compare_sides():
    t = make_tables(SPEECHES)
    out = compare.compare_sides(t, a="CN", b="US", source="UN General Debate", stopwords=set())
    assert set(out) == {"summary", "keyness", "topics", "markers", "divergence"}
    div = out["divergence"]
    assert div["year"].tolist() == [1990, 1991]
    assert div["shared_types"].tolist() == [1, 5]  # "matters"; "and", "cooperation", "on", "climate", "change"
    assert (div["jsd"].iloc[0] > div["jsd"].iloc[1]) and div["jsd"].between(0, 1).all()
    # 1990 by hand: the two count vectors over the union vocabulary
    cn = "hegemonism must end sovereignty matters taiwan is part of china".split()
    us = "freedom matters democracy and freedom spread markets grow".split()
    vocab = sorted(set(cn) | set(us))
    expect = js_divergence(np.array([cn.count(w) for w in vocab]), np.array([us.count(w) for w in vocab]), alpha=0.01)
    assert div["jsd"].iloc[0] == pytest.approx(expect)
    assert div["jsd_null"].between(0, 1).all()
    assert div["jsd_excess"].tolist() == pytest.approx((div["jsd"] - div["jsd_null"]).tolist())
    again = compare.compare_sides(t, a="CN", b="US", stopwords=set())["divergence"]
    assert again["jsd_null"].tolist() == div["jsd_null"].tolist()  # fixed seed
    key = out["keyness"]
    assert set(key["side"]) == {"CN", "US"} and (key["score"] > 0).all()
    top_us_1990 = key[(key["year"] == 1990) & (key["side"] == "US")].iloc[0]
    assert top_us_1990["term"] == "freedom" and top_us_1990["count"] == 2 and top_us_1990["rank"] == 1
    topics = out["topics"].set_index(["year", "side", "topic"])
    assert topics.loc[(1990, "CN", "taiwan"), "share"] == pytest.approx(1 / 3)
    assert topics.loc[(1991, "US", "climate_change"), "share"] == pytest.approx(1 / 2)
    assert topics.loc[(1990, "US", "taiwan"), "sentences"] == 0
    markers = out["markers"].set_index(["year", "side", "category"])
    assert markers.loc[(1991, "CN", "cooperative_frame"), "rate"] == pytest.approx(1000 / 7)  # 7 tokens
    assert out["summary"]["n_docs"].tolist() == [1, 1, 1, 1]  # FR left out
    later = compare.compare_sides(t, start=1991)
    assert later["divergence"]["year"].tolist() == [1991]


# --- real documents (../shared) ----------------------------------------------------------------

from conftest import SEED, UNGD, WH, needs_corpus  # noqa: E402

#: Written for this test (not a real State Department text): a U.S.-style account of the seed's
#: meeting, Wang Yi and Antony Blinken in Rome on 31 October 2021, in the State Department's style.
US_ACCOUNT_OF_SEED = """\
 date 2021-10-31 Secretary of State Antony J. Blinken met with PRC State Councilor and Foreign Minister Wang Yi today in Rome, on the margins of the G20 Summit.

Secretary Blinken and State Councilor Wang discussed the importance of maintaining open lines of communication to responsibly manage competition between the United States and the PRC.

Secretary Blinken reiterated that the United States remains committed to our one China policy. He raised concerns about the PRC's provocative military activity across the Taiwan Strait and underscored the importance of peace and stability.

The Secretary also raised concerns about human rights in Xinjiang, Tibet, and Hong Kong.

The Secretary and the State Councilor discussed climate change, the Iranian nuclear program, the DPRK, Burma, and Afghanistan, and areas where the United States and the PRC can cooperate.
"""

TRANSCRIPT_GLOB = "*/*/*remarks-by-president-biden-and-president-xi*"


@pytest.fixture(scope="module")
def seed_pair_tables(tmp_path_factory):
    if not SEED.exists():
        pytest.skip(f"seed readout not present at {SEED}")
    from analysis import build_tables

    folder = tmp_path_factory.mktemp("us_account")
    (folder / "us_state_2021-10-31_blinken_wang.txt").write_text(US_ACCOUNT_OF_SEED, encoding="utf-8")
    (folder / "sources.csv").write_text(
        "path,source,side,kind\nus_state_2021-10-31_blinken_wang.txt,US State Dept,US,readout\n", encoding="utf-8")
    return build_tables([SEED, folder])


def test_seed_pairs_with_a_us_account(seed_pair_tables):
    t = seed_pair_tables
    pairs = compare.pair_documents(t.documents, pairs_file=False)
    assert len(pairs) == 1
    row = pairs.iloc[0]
    assert (row.side_a, row.side_b, row.how, row.event_date) == ("CN", "US", "auto", D(2021, 10, 31))
    assert set(row.participants) == {WANG, BLINKEN}
    res = compare.compare_pair(t, row.doc_a, row.doc_b)
    att = res["attributed"]
    one_china = att[att["text"].str.startswith("Blinken reiterated that the United States will continue to adhere")]
    assert len(one_china) == 1 and bool(one_china["matched"].iloc[0])
    assert "one China policy" in one_china["other_text"].iloc[0]
    assert "taiwan" in one_china["shared_topics"].iloc[0] and "onechina" in one_china["shared_words"].iloc[0]
    # "He said the two sides should develop bilateral relations in the spirit of mutual respect": not in the U.S. text
    respect = att[att["text"].str.contains("mutual respect")]
    assert len(respect) == 1 and not bool(respect["matched"].iloc[0])
    topics = res["topics"].set_index("topic")["status"]
    assert topics["xinjiang"] == topics["hong_kong"] == "only b"  # China's readout leaves them out
    assert topics["sanctions"] == "only a"  # the U.S. account leaves out China's complaint
    assert topics["taiwan"] == "both"
    summary = res["summary"].set_index("account")
    assert summary.loc["a", "share: Wang Yi"] > 0.8 and summary.loc["a", "share: Antony Blinken"] < 0.1
    assert summary.loc["b", "share: Wang Yi"] == 0  # the U.S. account gives Wang Yi no words
    assert res["order_stats"].loc[0, "n_shared"] >= 5
    m = res["markers"].set_index("category")
    assert m.loc["directive", "rate_a"] > m.loc["directive", "rate_b"]


@needs_corpus(WH)
def test_whitehouse_and_seed_pairing():
    import os

    from analysis import build_tables

    t = build_tables([WH, SEED], workers=min(os.cpu_count() or 1, 8))
    pairs = compare.pair_documents(t.documents, pairs_file=False)
    # The White House corpus is all U.S. side and holds no U.S. account of the seed's meeting: no pair.
    assert len(t.documents) == 1422 and pairs.empty
    # Same-event documents exist (statement, readout, press call of one Biden-Xi call); they differ only in side.
    same_side = t.documents.assign(side=t.documents["doc_id"])
    found = compare.pair_documents(same_side, pairs_file=False)
    biden_xi = found[found["participants"].map(lambda p: set(p) == {"Joe Biden", "Xi Jinping"})]
    assert (biden_xi["event_date"] == D(2022, 3, 18)).sum() >= 1


@needs_corpus(WH)
def test_whitehouse_transcripts_split_into_real_pairs():
    from analysis import build_tables

    files = sorted(WH.glob(TRANSCRIPT_GLOB))
    assert len(files) == 4
    t = build_tables(files)
    found = compare.find_transcripts(t)
    assert len(found) == 4 and found["date"].astype(str).tolist()[-1] == "2024-11-16"
    choice = compare.example_pair(t, pairs_file=False)
    assert choice.description.startswith("one transcript split by speaker") and "Lima" in choice.description
    for doc_id in t.documents["doc_id"]:
        acc = compare.split_transcript(t, doc_id)
        assert sorted(acc.documents["side"]) == ["CN", "US"]
        assert set(acc.sentences["speaker"]) == {"Joe Biden", "Xi Jinping"}
        assert acc.documents.attrs["unmatched_labels"] == []
        pairs = compare.pair_documents(acc.documents, pairs_file=False)
        assert len(pairs) == 1 and pairs.loc[0, "side_a"] == "CN"
        res = compare.compare_pair(acc, pairs.loc[0, "doc_a"], pairs.loc[0, "doc_b"])
        s = res["summary"]
        assert (s["own_share"] == 1.0).all() and (s["tokens"] > 200).all()
        assert len(res["topics"]) >= 3 and set(res["topics"]["status"]) <= {"both", "only a", "only b"}
        # the leaders' words add up to the transcript, less the labels and the time stamps
        parent = t.documents.set_index("doc_id").loc[doc_id, "n_tokens"]
        assert 0.9 * parent < s["tokens"].sum() < parent


@pytest.fixture(scope="module")
def ungd_cn_us(tmp_path_factory):
    """The Chinese and U.S. General Debate speeches, taken out of the corpus archive into a temporary folder."""
    import tarfile

    archives = sorted(UNGD.glob("*.tar.xz")) if UNGD.exists() else []
    if not archives:
        pytest.skip(f"UN General Debate corpus not present at {UNGD} (../shared absent)")
    from analysis import build_tables

    folder = tmp_path_factory.mktemp("ungd_cn_us")
    with tarfile.open(archives[0], "r:xz") as tar:
        for member in tar:
            name = member.name.rsplit("/", 1)[-1]
            if member.isfile() and re.match(r"(CHN|USA)_\d+_\d{4}\.txt$", name):
                (folder / name).write_bytes(tar.extractfile(member).read())
    return build_tables([folder], workers=2)


def test_ungd_china_against_us(ungd_cn_us):
    import time

    started = time.perf_counter()
    out = compare.compare_sides(ungd_cn_us, a="CN", b="US", source="UN General Debate", start=1971)
    assert time.perf_counter() - started < 60
    div = out["divergence"]
    last = int(pd.to_datetime(ungd_cn_us.documents["date"].astype(str)).dt.year.max())
    assert div["year"].tolist() == list(range(1971, last + 1))  # one row per year, PRC era
    assert div["jsd"].between(0.35, 0.85).all()  # far from identical, far from disjoint
    assert (div["jsd_excess"] > 0).all()  # every year more apart than sampling alone makes two texts
    key = out["keyness"]
    assert set(key.groupby("year")["side"].nunique()) == {2}
    early_cn = set(key[(key["year"] < 1990) & (key["side"] == "CN")]["term"])
    assert {"hegemonism", "superpowers"} & early_cn  # the PRC's 1970s-80s vocabulary
    topics = out["topics"]
    tw = topics[(topics["topic"] == "taiwan") & (topics["side"] == "CN")]["sentences"].sum()
    assert tw > topics[(topics["topic"] == "taiwan") & (topics["side"] == "US")]["sentences"].sum()
    assert set(out["markers"]["category"]) >= set(compare.MARKER_CATEGORIES)


def test_example_pair_prefers_readouts_then_transcripts(pair_tables):
    choice = compare.example_pair(pair_tables, pairs_file=False)
    assert (choice.doc_a, choice.doc_b) == (CN_ACCOUNT["doc_id"], US_ACCOUNT["doc_id"])
    assert choice.description.startswith("readouts of one meeting (PRC MFA / US State Dept")
    transcript = make_tables([TRANSCRIPT])
    found = compare.find_transcripts(transcript)
    assert found["doc_id"].tolist() == [TRANSCRIPT["doc_id"]] and found.loc[0, "sides"] == ["CN", "US"]
    choice = compare.example_pair(make_tables([CN_ACCOUNT]), transcript, pairs_file=False)
    assert (choice.doc_a, choice.doc_b) == ("tr00000000000000:CN", "tr00000000000000:US")
    assert choice.tables.documents["parent_doc_id"].unique().tolist() == [TRANSCRIPT["doc_id"]]
    assert compare.example_pair(make_tables([CN_ACCOUNT]), pairs_file=False) is None


def test_pair_without_topics_or_markers():
    a = {"doc_id": "x", "source": "s", "side": "CN", "paragraphs": [[("narrator", None, "Nothing tagged here.")]]}
    t = make_tables([a, {**a, "doc_id": "y", "side": "US"}])
    res = compare.compare_pair(t, "x", "y")
    assert res["topics"].empty and list(res["topics"].columns)[:3] == ["topic", "in_a", "in_b"]
    assert res["order_stats"].loc[0, "n_shared"] == 0 and np.isnan(res["order_stats"].loc[0, "spearman"])
    assert (res["markers"][["count_a", "count_b"]] == 0).all().all()
    assert res["attributed"].empty and res["characterisations"].empty
    assert res["summary"]["narrator_share"].tolist() == [1.0, 1.0]


def test_topic_passages(result):
    p = result["passages"].set_index("topic")
    assert list(p.index) == result["topics"]["topic"].tolist()
    assert p.loc["sanctions", "text_b"] == "" and p.loc["sanctions", "text_a"].startswith("He urged the United States")
    assert p.loc["taiwan", "text_a"] == (
        "Wang Yi said that China firmly opposes U.S. arms sales to Taiwan. … "
        "Blinken said that the United States remains committed to the one-China policy.")
    assert p.loc["taiwan", "speakers_a"] == "Wang Yi; Antony Blinken"
    assert p.loc["taiwan", "speakers_b"] == "Antony Blinken; Wang Yi"


def test_compare_sides_with_one_side_or_none(seed_tables):
    out = compare.compare_sides(seed_tables, a="CN", b="US")  # the seed alone: China's side only
    assert out["summary"]["n_docs"].tolist() == [1, 0] and out["keyness"].empty
    assert out["divergence"]["jsd"].isna().all()
    none = compare.compare_sides(seed_tables, a="FR", b="DE")
    assert all(frame.empty for frame in none.values()) and "jsd" in none["divergence"].columns

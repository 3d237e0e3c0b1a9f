"""Views of notebook 06: the pair of accounts shown, its comparison, and one side against the other over time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis import compare
from analysis.tables import Tables
from analysis.views._common import doc_labels
from analysis.vocab import HARD_CATEGORIES, NARRATOR, side_name

# --- 06 comparing readouts -----------------------------------------------------------------------


@dataclass
class ChosenPair:
    """Two accounts of one event, ready for :func:`analysis.compare.compare_pair`."""

    tables: Tables | None
    doc_a: str | None
    doc_b: str | None
    description: str
    labels: dict
    event_date: str | None = None
    name: str | None = None  # a file-name stem for its charts ("focus-2021-12-07", "focus-2021-12-30-2")


def _account_labels(a: str, b: str, row) -> dict:
    """The chart labels of a pair's two accounts: "Russia: Kremlin", "United States: White House"."""
    return {str(a): f"{side_name(row['side_a'])}: {row['source_a']}", str(b): f"{side_name(row['side_b'])}: {row['source_b']}"}


def choose_pair(tables: Tables, pairs: pd.DataFrame, *, doc_a: str | None = None, doc_b: str | None = None) -> ChosenPair:
    """Pick the two accounts shown side by side.

    In order: ``doc_a``/``doc_b`` when given; else the first pair of ``pairs``
    (:func:`analysis.compare.pair_documents`), preferring one with the seed's
    participants; else a two-leader transcript ("Remarks by President Biden and
    President Xi ...") split by speaker (:func:`analysis.compare.split_transcript`);
    else no pair (``tables`` None, the description says what is needed).
    """
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
                          _account_labels(row["doc_a"], row["doc_b"], row))
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


def focus_pairs(tables: Tables, pairs: pd.DataFrame, *, participants: Sequence[str], start: str | None = None,
                end: str | None = None) -> list[ChosenPair]:
    """The pairs of accounts of the events between ``participants`` (all of them named), in date order.

    Parameters
    ----------
    tables : Tables
    pairs : DataFrame
        :func:`analysis.compare.pair_documents` of the tables.
    participants : sequence of str, keyword-only
        Canonical names every pair must list ("Joe Biden", "Vladimir Putin").
    start, end : str, optional, keyword-only
        ISO dates (inclusive) on the pair's event date.

    Returns
    -------
    list of ChosenPair
        One per pair, labelled "Russia: Kremlin" / "United States: White House".
    """
    if pairs is None or pairs.empty:
        return []
    want = set(participants)
    keep = pairs["participants"].map(lambda p: want <= set(p if p is not None else []))
    when = pd.to_datetime(pairs["event_date"], errors="coerce")
    if start:
        keep &= when >= pd.Timestamp(start)
    if end:
        keep &= when <= pd.Timestamp(end)
    labels = doc_labels(tables.documents)
    out = []
    chosen = pairs[keep]
    per_day = chosen["event_date"].astype(str).value_counts()
    seen: dict[str, int] = {}
    for row in chosen.itertuples(index=False):
        a, b, day = str(row.doc_a), str(row.doc_b), str(row.event_date)
        seen[day] = seen.get(day, 0) + 1
        name = f"focus-{day}" + (f"-{seen[day]}" if per_day[day] > 1 else "")
        out.append(ChosenPair(tables, a, b, f"{labels.get(a, a)} and {labels.get(b, b)} ({row.how})",
                              _account_labels(a, b, row._asdict()),
                              day, name))
    return out


def focus_summary(focus: Sequence[ChosenPair]) -> pd.DataFrame:
    """One row per focus pair: event date, the two accounts (labels) and how they were paired."""
    return pd.DataFrame([{"charts": p.name, "event_date": p.event_date, "account a": p.labels.get(p.doc_a),
                          "account b": p.labels.get(p.doc_b), "accounts": p.description} for p in focus],
                        columns=["charts", "event_date", "account a", "account b", "accounts"])


def focus_note(focus: Sequence[ChosenPair], participants: Sequence[str]) -> str | None:
    """A sentence when no pair of accounts between ``participants`` is in the tables, else None."""
    if focus:
        return None
    return (f"No two governments' accounts of a meeting between {' and '.join(participants)} are in these tables. "
            "With the White House corpus and the Kremlin's releases (`make run RAW=...` over "
            "`../shared/corpora/whitehouse-readouts`, `whitehouse-call-statements` and `presidents-ru-ua`, or "
            "`python -m analysis fetch presidents-ru-ua`), this section puts each account of the December 2021 "
            "Biden-Putin calls side by side.")


def pair_speaker_shares(result: dict, pair: ChosenPair) -> pd.DataFrame:
    """Who gets the words in each account: document (the account's label), doc_id, speaker, side, share (narration left out)."""
    spk = result.get("speakers")
    if spk is None or spk.empty:
        return pd.DataFrame(columns=["document", "doc_id", "speaker", "side", "share"])
    spk = spk[spk["speaker"] != NARRATOR]
    out = pd.DataFrame({"document": spk["doc_id"].map(pair.labels), "doc_id": spk["doc_id"], "speaker": spk["speaker"],
                        "side": spk["speaker_side"], "share": spk["share"]})
    return out.reset_index(drop=True)


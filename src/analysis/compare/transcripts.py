"""Two accounts from one transcript: the leaders' remarks before a meeting, split by speaker.

The White House published "Remarks by President Biden and President Xi ...
before (bilateral / virtual) meeting" transcripts: each leader speaks in
turns marked ``PRESIDENT BIDEN:`` and ``PRESIDENT XI:``. Split by speaker they
are two first-hand accounts of one meeting, one per side, which
:func:`analysis.compare.compare_pair` can line up like two readouts when the
other side's readout is not in the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from analysis.annotate.segment import TOKEN_RE
from analysis.compare._common import as_list, doc_row, rows_of, str_or_none
from analysis.tables import Tables, empty_table
from analysis.vocab import BOTH_SIDES, NARRATOR

__all__ = ["find_transcripts", "split_transcript", "transcript_turns"]

#: A speaker label opening a turn: an upper-case name of one to five words and a colon ("PRESIDENT XI:").
_LABEL = re.compile(
    r"(?:^|(?<=[\s\"“]))(?P<label>Q|[A-Z][A-Z.'’\-]+(?:[ \t]+[A-Z][A-Z.'’\-]*){0,4}):(?=\s)", re.MULTILINE
)
#: Sentences that are stage directions, not speech ("11:30 A.M. PST", "END").
_NOT_SPEECH = re.compile(r"^\s*(?:\d{1,2}:\d\d\s*[AP]\.?\s*M\.?(?:\s+[A-Z]{2,4})?|END|\(.*\))\s*$")
#: Titles dropped from a label before it is matched to a name.
_TITLES = frozenset(
    "PRESIDENT VICE SECRETARY PRIME MINISTER GENERAL CHAIRMAN PREMIER STATE COUNCILOR FOREIGN MR. MS. MRS. DR. "
    "AMBASSADOR DIRECTOR ADVISOR KING QUEEN CHANCELLOR THE".split()
)
#: Labels naming the issuing side's own principal (the White House's "THE PRESIDENT:").
_ISSUER_LABELS = frozenset({"THE PRESIDENT", "THE VICE PRESIDENT", "THE SECRETARY", "THE PRIME MINISTER"})
#: Sides of principals when neither the corpus nor the gazetteer knows them.
_KNOWN_SIDES = {
    "Joe Biden": "US", "Donald Trump": "US", "Barack Obama": "US", "Kamala Harris": "US", "Antony Blinken": "US",
    "Jake Sullivan": "US", "Xi Jinping": "CN", "Li Qiang": "CN", "Li Keqiang": "CN", "Wang Yi": "CN",
}


def transcript_turns(text: str) -> pd.DataFrame:
    """The speaker turns of a transcript.

    Parameters
    ----------
    text : str
        The document's body text (``documents.text``).

    Returns
    -------
    DataFrame
        One row per turn: ``turn``, ``label`` ("PRESIDENT XI"), ``label_start``,
        ``label_end`` (the span of the label with its colon), ``end`` (where
        the next turn starts, or the end of the text). Text before the first
        label (place, time) belongs to no turn.
    """
    found = list(_LABEL.finditer(text))
    rows = [
        {"turn": i, "label": m.group("label").strip(), "label_start": m.start("label"), "label_end": m.end(),
         "end": found[i + 1].start("label") if i + 1 < len(found) else len(text)}
        for i, m in enumerate(found)
    ]
    return pd.DataFrame(rows, columns=["turn", "label", "label_start", "label_end", "end"])


def find_transcripts(tables: Any) -> pd.DataFrame:
    """The documents that are transcripts of two or more speakers of different sides.

    Parameters
    ----------
    tables : Tables

    Returns
    -------
    DataFrame
        ``doc_id``, ``title``, ``date``, ``labels`` (the speaker labels, in
        order of first turn) and ``sides`` (their sides), for each document of
        ``kind`` ``transcript`` whose turns resolve to principals of at least
        two sides; sorted by date.
    """
    docs = tables.documents
    if "kind" in docs:
        docs = docs[docs["kind"].astype(str) == "transcript"]
    sides = _known_sides(tables)
    rows = []
    for doc in docs.itertuples(index=False):
        turns = transcript_turns(str(doc.text or ""))
        if turns.empty:
            continue
        labels = list(dict.fromkeys(turns["label"]))
        names = [_label_name(lab, as_list(doc.participants), sides) for lab in labels]
        found = {sides.get(n) for n in names if n} - {None}
        if len(found) >= 2:
            rows.append({"doc_id": str(doc.doc_id), "title": doc.title, "date": doc.date, "labels": labels,
                         "sides": sorted(found)})
    out = pd.DataFrame(rows, columns=["doc_id", "title", "date", "labels", "sides"])
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)


def _known_sides(tables: Any) -> dict[str, str]:
    sides = dict(_KNOWN_SIDES)
    for frame, side_col in ((getattr(tables, "speakers", None), "side"), (getattr(tables, "sentences", None), "speaker_side")):
        if frame is None or frame.empty or side_col not in frame:
            continue
        known = frame[["speaker", side_col]].dropna().drop_duplicates()
        known = known[~known["speaker"].isin([NARRATOR, BOTH_SIDES])]
        sides.update(dict(zip(known["speaker"].astype(str), known[side_col].astype(str))))
    return sides


def _label_name(label: str, participants: list[str], sides: Mapping[str, str]) -> str | None:
    words = [w.strip(".'’") for w in label.split() if w not in _TITLES]
    if not words:
        return None
    candidates = list(dict.fromkeys([*participants, *sides]))
    for name in candidates:
        parts = [p.lower() for p in name.split()]
        if all(w.lower() in parts for w in words):
            return name
    return None


def split_transcript(
    tables: Any,
    doc_id: str,
    *,
    speakers: Mapping[str, tuple[str, str]] | None = None,
) -> Any:
    """Split a two-leader transcript into one account per speaker, as tables ready for ``compare_pair``.

    Each turn goes to its speaker; sentences before the first turn (place and
    time) and stage directions ("11:30 A.M. PST") go to no one. The labels'
    own tokens, topics and markers are dropped. Sentence ids and character
    offsets are the original document's (``text`` is kept whole, so
    ``text[start:end]`` still gives each span).

    Parameters
    ----------
    tables : Tables
        The built tables holding the transcript (documents and sentences; the
        tokens, topics and markers are split too when present).
    doc_id : str
        The transcript's ``doc_id``.
    speakers : mapping, optional
        Label to ``(canonical name, side)``, e.g. ``{"PRESIDENT XI": ("Xi
        Jinping", "CN")}``. By default a label is matched to a participant of
        the document or a principal known to the corpus by its surname
        ("PRESIDENT XI" gives "Xi Jinping"), with the side the corpus (or a
        short built-in list) gives that name; "THE PRESIDENT" (White House
        usage) is the participant of the document's own side. Labels matching no one (a
        moderator, "Q") are left out and listed in
        ``result.documents.attrs["unmatched_labels"]``.

    Returns
    -------
    Tables
        One document per speaker, in order of first turn, with ``doc_id``
        ``<doc_id>:<side>`` (``<doc_id>:<name>`` if two speakers share a
        side), ``side`` the speaker's, ``source`` e.g. ``White House
        transcript: Xi Jinping's remarks``, ``kind`` ``transcript`` and a
        ``parent_doc_id`` column; every sentence has that ``speaker`` with
        ``attribution`` ``turn``; ``speakers`` has one row per document.

    Raises
    ------
    KeyError
        When ``doc_id`` is not in ``tables.documents``.
    ValueError
        When the text has no speaker turns.
    """
    doc = doc_row(tables.documents, doc_id)
    text = str(doc.get("text") or "")
    turns = transcript_turns(text)
    if turns.empty:
        raise ValueError(f"document {doc_id} has no speaker turns ('PRESIDENT XI:' and the like)")
    participants = as_list(doc.get("participants"))
    sides = _known_sides(tables)
    who: dict[str, tuple[str, str | None]] = {}
    unmatched: list[str] = []
    for label in dict.fromkeys(turns["label"]):
        if speakers and label in speakers:
            who[label] = (speakers[label][0], speakers[label][1])
            continue
        name = _label_name(label, participants, sides)
        if name is None and label in _ISSUER_LABELS:  # White House usage: THE PRESIDENT is the U.S. President
            own = [p for p in participants if sides.get(p) == str_or_none(doc.get("side"))]
            name = own[0] if len(own) == 1 else None
        if name is None:
            unmatched.append(label)
        else:
            who[label] = (name, sides.get(name))
    turns = turns[turns["label"].isin(list(who))]
    names = list(dict.fromkeys(who[lab][0] for lab in turns["label"]))
    side_of = {who[lab][0]: who[lab][1] for lab in turns["label"]}
    shared_side = pd.Series([side_of[n] for n in names]).duplicated(keep=False).tolist()
    new_id = {n: f"{doc_id}:{n if dup or side_of[n] is None else side_of[n]}" for n, dup in zip(names, shared_side)}

    sents = rows_of(tables.sentences, doc_id).copy()
    starts = turns["label_start"].to_numpy()
    idx = np.searchsorted(starts, sents["start"].to_numpy(), side="right") - 1
    sents["turn_"] = idx
    inside = (idx >= 0) & (sents["start"].to_numpy() < turns["end"].to_numpy()[np.clip(idx, 0, None)])
    sents = sents[inside]
    label_spans = list(zip(turns["label_start"], turns["label_end"]))

    def in_label(pos: np.ndarray) -> np.ndarray:
        hit = np.zeros(len(pos), dtype=bool)
        for s, e in label_spans:
            hit |= (pos >= s) & (pos < e)
        return hit

    def body(row) -> str:
        s, e = int(row.start), int(row.end)
        for ls, le in label_spans:
            if ls <= s < le or (s <= ls < e):
                s = max(s, le)
        return text[s:e]

    sents["body_"] = [body(r) for r in sents.itertuples(index=False)]
    sents = sents[~sents["body_"].str.match(_NOT_SPEECH) & sents["body_"].str.strip().ne("")]
    label_tokens = [sum(1 for _ in TOKEN_RE.finditer(text, int(r.start), int(r.end))) -
                    sum(1 for _ in TOKEN_RE.finditer(r.body_)) for r in sents.itertuples(index=False)]
    sents["n_tokens"] = (sents["n_tokens"].astype(int) - np.asarray(label_tokens, dtype=int)).clip(lower=0)
    sents["name_"] = [who[lab][0] for lab in turns["label"].to_numpy()[sents["turn_"].to_numpy()]]

    out: dict[str, list[pd.DataFrame]] = {k: [] for k in ("documents", "sentences", "tokens", "topics", "markers", "speakers")}
    for name in names:
        mine = sents[sents["name_"] == name]
        ids = set(mine["sent_id"].astype(int))
        did = new_id[name]
        s = mine.drop(columns=["turn_", "body_", "name_"]).assign(
            doc_id=did, speaker=name, speaker_side=side_of[name], attribution="turn", reporting_verb=None, other_speaker=None)
        out["sentences"].append(s)
        n_tok = int(s["n_tokens"].sum())
        d = doc.to_frame().T.copy()
        d["doc_id"] = did
        d["side"] = side_of[name]
        d["source"] = f"{str_or_none(doc.get('source')) or 'transcript'} transcript: {name}'s remarks"
        d["kind"] = "transcript"
        d["title"] = f"{str_or_none(doc.get('title')) or ''} [{name}]".strip()
        d["n_sentences"] = len(s)
        d["n_tokens"] = n_tok
        d["parent_doc_id"] = str(doc_id)
        out["documents"].append(d)
        for key in ("tokens", "topics", "markers"):
            frame = getattr(tables, key, None)
            part = rows_of(frame, doc_id) if frame is not None else None
            if part is None or part.empty:
                continue
            part = part[part["sent_id"].astype(int).isin(ids)]
            part = part[~in_label(part["start"].to_numpy())].copy()
            part["doc_id"] = did
            out[key].append(part)
        out["speakers"].append(pd.DataFrame([{
            "doc_id": did, "speaker": name, "side": side_of[name], "n_sentences": len(s), "n_tokens": n_tok,
            "share": 1.0 if n_tok else float("nan"), "first_sent_id": int(s["sent_id"].min()) if len(s) else -1,
        }]))

    frames: dict[str, pd.DataFrame] = {}
    for key in ("documents", "sentences", "tokens", "topics", "markers", "speakers"):
        parts = out[key]
        if parts:
            frame = pd.concat(parts, ignore_index=True)
            if key == "tokens" and isinstance(frame["doc_id"].dtype, pd.CategoricalDtype):
                frame["doc_id"] = frame["doc_id"].astype(str)
            frames[key] = frame
        else:
            frames[key] = empty_table(key)
    frames["documents"] = frames["documents"].infer_objects()
    frames["documents"].attrs["unmatched_labels"] = unmatched
    frames["rejections"] = empty_table("rejections")
    return Tables(**frames)

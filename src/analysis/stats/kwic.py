"""Keyword-in-context (quanteda's ``kwic``, AntConc's concordance) and dispersion (``textplot_xray``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.annotate.segment import normalize_token
from analysis.stats._vocab import (
    codes_of,
    reading_order,
)

# --- KWIC and dispersion -------------------------------------------------------------------

_GLOB = re.compile(r"[*?]")

__all__ = ["kwic", "dispersion"]


_EDGE_PUNCT = ",;:!?\"()[]{}\u201c\u201d\u2018"
_POSSESSIVE = re.compile(r"^(.+?)(['\u2019]s)$", re.IGNORECASE)


def _pattern_words(piece: str) -> list[str]:
    """The norms of one space-free piece of a plain pattern: edge punctuation stripped, possessive split off."""
    word = normalize_token(piece.strip(_EDGE_PUNCT).lower())
    if not word:
        return []
    m = _POSSESSIVE.match(word)
    return [m.group(1), "'s"] if m else [word]


def _word_patterns(pattern: str, *, regex: bool) -> list[str | re.Pattern]:
    """One matcher per token of a pattern: a regex, a glob turned regex, or an exact norm."""
    out: list[str | re.Pattern] = []
    for piece in pattern.split():
        if regex:
            out.append(re.compile(piece, re.IGNORECASE))
        elif _GLOB.search(piece):
            rx = re.escape(normalize_token(piece.lower())).replace(r"\*", ".*").replace(r"\?", ".")
            out.append(re.compile(rf"(?:{rx})\Z", re.IGNORECASE))
        else:
            out.extend(_pattern_words(piece))
    if not out:
        raise ValueError(f"pattern {pattern!r} has no word")
    return out


def _vocab_mask(words: np.ndarray, matcher: str | re.Pattern) -> np.ndarray:
    if isinstance(matcher, str):
        return words == matcher
    if matcher.pattern.endswith(r"\Z"):
        return np.fromiter((matcher.match(w) is not None for w in words), dtype=bool, count=len(words))
    return np.fromiter((matcher.search(w) is not None for w in words), dtype=bool, count=len(words))


_HYPHENS = re.compile(r"[-\u2010\u2011]")


def _hyphen_variants(matchers: list[str | re.Pattern]) -> list[list[str | re.Pattern]]:
    """The other spellings of a plain pattern: words joined by hyphens, or a hyphenated word split.

    ``["one", "china"]`` gives ``[["one-china"]]``; ``["one-china", "policy"]``
    gives ``[["one", "china", "policy"]]``. Patterns with wildcards or
    regular expressions have no variants.
    """
    if not all(isinstance(m, str) for m in matchers):
        return []
    variants: list[list[str | re.Pattern]] = []
    if len(matchers) > 1 and not any(_HYPHENS.search(m) or m == "'s" for m in matchers):
        variants.append(["-".join(matchers)])
    split = [part for m in matchers for part in (_HYPHENS.split(m) if _HYPHENS.search(m) else [m])]
    if len(split) > len(matchers) and all(split):
        variants.append(split)
    return variants


def _find(tokens: pd.DataFrame, patterns: str | Sequence[str], *, regex: bool, column: str, hyphens: bool = True):
    """Hits of the patterns in reading order.

    Returns ``(order, doc, sentence, hits)`` where ``hits`` is a DataFrame of
    ``pos`` (index in reading order of the first token), ``length`` (tokens)
    and ``pattern``, sorted by ``pos`` then pattern.
    """
    pats = [patterns] if isinstance(patterns, str) else list(patterns)
    codes, uniques = codes_of(tokens[column])
    words = np.asarray(uniques.astype(str), dtype=object)
    order, doc, sentence = reading_order(tokens)
    if order is not None:
        codes = codes[order]
    n = len(codes)
    frames = []
    for p_index, pattern in enumerate(pats):
        first = _word_patterns(pattern, regex=regex)
        spellings = [first] + (_hyphen_variants(first) if hyphens and not regex else [])
        for matchers in spellings:
            k = len(matchers)
            if n < k:
                continue
            hit = np.ones(n - k + 1, dtype=bool)
            for j, matcher in enumerate(matchers):
                vm = np.append(_vocab_mask(words, matcher), False)  # code -1 never matches
                hit &= vm[codes[j : n - k + 1 + j]]
            hit &= sentence[k - 1 :] == sentence[: n - k + 1]
            pos = np.flatnonzero(hit)
            frames.append(pd.DataFrame({"pos": pos, "length": k, "pattern": pattern, "_p": p_index}))
    hits = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame({"pos": [], "length": [], "pattern": [], "_p": []})
    hits = hits.drop_duplicates(["pos", "length", "_p"])
    hits = hits.sort_values(["pos", "_p", "length"], kind="stable").drop(columns="_p").reset_index(drop=True)
    hits["pos"] = hits["pos"].astype(np.int64)
    hits["length"] = hits["length"].astype(np.int64)
    return order, doc, sentence, hits


def _doc_bounds(doc: np.ndarray, pos: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """First and one-past-last reading-order index of the document of each hit."""
    starts = np.flatnonzero(np.r_[True, doc[1:] != doc[:-1]]) if len(doc) else np.zeros(0, np.int64)
    ends = np.r_[starts[1:], len(doc)]
    i = np.searchsorted(starts, pos, side="right") - 1
    return starts[i], ends[i]


def _arrow_strings(series: pd.Series) -> pa.Array:
    """A string column as one pyarrow array (zero-copy for pyarrow-backed strings)."""
    arrow = getattr(series.array, "_pa_array", None)
    if arrow is None:
        arrow = pa.array(series.astype(object).to_numpy(), type=pa.large_string(), from_pandas=True)
    if isinstance(arrow, pa.ChunkedArray):
        arrow = arrow.combine_chunks()
    if pa.types.is_dictionary(arrow.type):
        arrow = arrow.dictionary_decode()
    return arrow


def _joined(text: pa.Array, starts: np.ndarray, stops: np.ndarray, rows_of: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
    """For each i, the texts of reading positions ``starts[i]:stops[i]`` joined by spaces (vectorised with pyarrow)."""
    lengths = np.maximum(stops - starts, 0).astype(np.int64)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    positions = np.repeat(starts.astype(np.int64) - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
    values = text.take(pa.array(rows_of(positions) if len(positions) else positions, type=pa.int64()))
    lists = pa.LargeListArray.from_arrays(pa.array(offsets, type=pa.int64()), values)
    return np.asarray(pc.binary_join(lists, pa.scalar(" ", type=values.type)).to_pylist(), dtype=object)


def _take(series: pd.Series, rows: np.ndarray) -> np.ndarray:
    return np.asarray(series.take(rows).astype(object), dtype=object)


def kwic(
    tokens: pd.DataFrame,
    pattern: str | Sequence[str],
    *,
    window: int = 5,
    regex: bool = False,
    hyphens: bool = True,
    documents: pd.DataFrame | None = None,
    columns: Sequence[str] = ("speaker",),
    column: str = "norm",
) -> pd.DataFrame:
    r"""Keyword in context: every match of a word, phrase or regular expression, with its context.

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table (``doc_id``, ``sent_id``, ``token_id``, ``start``,
        ``end``, ``text``, ``norm``), in any row order.
    pattern : str or list of str
        One pattern or several alternatives. A pattern is a sequence of words
        separated by spaces that must match *consecutive tokens of one
        sentence*. Without ``regex`` each word is tokenised like the text and
        compared case-insensitively with ``norm`` ("one China" matches the
        tokens one + china, "one-China" the single token one-china, each
        also the other spelling unless ``hyphens=False``; "China's" the
        tokens china + 's). Punctuation is not a token, so a phrase also
        matches across a comma or a dash inside the sentence ("only one,
        China" is a hit for "one China"). ``*`` and ``?`` are wildcards
        ("sanction*"). With ``regex=True`` each space-separated part is a
        regular expression searched (``re.search``, case-insensitive) in one
        token's ``norm``; anchor it (``^...$``) for whole tokens.
    hyphens : bool, keyword-only
        Plain patterns also match their hyphen spellings (default True): a
        phrase of several words also matches the one token of those words
        joined by hyphens, and a hyphenated word also matches its parts as
        consecutive tokens. So "one China" finds "one China", "One China"
        and "one-China"; "one-China" finds the same; "COVID-19" finds
        "COVID 19". The ``pattern`` column shows the pattern as given.
    window : int, keyword-only
        Tokens of context on each side, within the document (context may
        cross sentence boundaries, as in quanteda and AntConc).
    documents : DataFrame, optional
        ``documents`` (``doc_id``, ``text``). When given, ``left``, ``match``
        and ``right`` are slices of the document text between the window's
        token offsets, so punctuation is kept (whitespace runs become one
        space); otherwise they are the tokens' ``text`` joined by spaces.
    columns : sequence of str, keyword-only
        Token columns to copy to the output when present (default ``speaker``).
    column : str, keyword-only
        Token column matched by plain patterns (default ``norm``).

    Returns
    -------
    DataFrame
        ``doc_id``, ``sent_id``, the present ``columns``, ``token_id`` (first
        matched token), ``pattern``, ``left``, ``match``, ``right``, ``start``
        and ``end`` (character offsets of the match in the document text), in
        reading order. Overlapping matches are all reported.
    """
    order, doc, _sentence, hits = _find(tokens, pattern, regex=regex, column=column, hyphens=hyphens)
    pos, length = hits["pos"].to_numpy(), hits["length"].to_numpy()
    rows_of = (lambda p: p) if order is None else (lambda p: order[p])
    first, last = rows_of(pos), rows_of(pos + length - 1) if len(pos) else pos
    doc_start, doc_end = _doc_bounds(doc, pos, length) if len(pos) else (pos, pos)
    left_from = np.maximum(pos - window, doc_start)
    right_to = np.minimum(pos + length + window, doc_end)  # exclusive
    out = pd.DataFrame({"doc_id": np.asarray(tokens["doc_id"].take(first).astype(object), dtype=object)})
    out["sent_id"] = tokens["sent_id"].to_numpy()[first]
    for col in columns:
        if col in tokens:
            out[col] = _take(tokens[col], first)
    out["token_id"] = tokens["token_id"].to_numpy()[first]
    out["pattern"] = hits["pattern"].to_numpy()
    starts = tokens["start"].to_numpy()
    ends = tokens["end"].to_numpy()
    out["start"] = starts[first]
    out["end"] = ends[last]
    if documents is not None:
        texts = documents.set_index(documents["doc_id"].astype(str))["text"]
        doc_text = texts.reindex(out["doc_id"].astype(str)).to_numpy(dtype=object)
        absent = sorted({d for d, t in zip(out["doc_id"].astype(str), doc_text) if not isinstance(t, str)})
        if absent:
            raise ValueError(f"documents has no text for {len(absent)} matched doc_id(s), e.g. {absent[:3]}")
        lf = starts[rows_of(left_from)] if len(pos) else pos
        rt = ends[rows_of(right_to - 1)] if len(pos) else pos
        space = re.compile(r"\s+")
        lefts, matches, rights = [], [], []
        for t, a, s, e, z, has_left, has_right in zip(
            doc_text, lf, out["start"], out["end"], rt, left_from < pos, right_to > pos + length
        ):
            lefts.append(space.sub(" ", t[a:s]).strip() if has_left else "")
            matches.append(space.sub(" ", t[s:e]).strip())
            rights.append(space.sub(" ", t[e:z]).strip() if has_right else "")
        out["left"], out["match"], out["right"] = lefts, matches, rights
    else:
        text = _arrow_strings(tokens["text"])
        out["left"] = _joined(text, left_from, pos, rows_of)
        out["match"] = _joined(text, pos, pos + length, rows_of)
        out["right"] = _joined(text, pos + length, right_to, rows_of)
    lead = ["doc_id", "sent_id", *[c for c in columns if c in tokens], "token_id", "pattern", "left", "match", "right", "start", "end"]
    return out[lead]


def dispersion(
    tokens: pd.DataFrame,
    pattern: str | Sequence[str],
    *,
    regex: bool = False,
    hyphens: bool = True,
    column: str = "norm",
) -> pd.DataFrame:
    """Positions of the hits of a pattern across documents, for a dispersion (x-ray) plot.

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table.
    pattern : str or list of str
        As in :func:`kwic` (phrases, wildcards, alternatives; ``regex`` per
        token; ``hyphens`` for hyphen spellings).

    Returns
    -------
    DataFrame
        One row per hit: ``doc_id``, ``pattern``, ``sent_id``, ``token_id``,
        ``position`` (0-based index of the first matched token among the
        document's tokens in reading order), ``n_tokens`` (tokens in the
        document) and ``relative_position`` (``position / n_tokens``, in
        [0, 1)), in reading order. Documents without hits have no row; take
        their ``n_tokens`` from ``documents`` to draw empty lanes.
    """
    order, doc, _sentence, hits = _find(tokens, pattern, regex=regex, column=column, hyphens=hyphens)
    pos, length = hits["pos"].to_numpy(), hits["length"].to_numpy()
    first = pos if order is None else order[pos]
    doc_start, doc_end = _doc_bounds(doc, pos, length) if len(pos) else (pos, pos)
    out = pd.DataFrame(
        {
            "doc_id": np.asarray(tokens["doc_id"].take(first).astype(object), dtype=object),
            "pattern": hits["pattern"].to_numpy(),
            "sent_id": tokens["sent_id"].to_numpy()[first],
            "token_id": tokens["token_id"].to_numpy()[first],
            "position": pos - doc_start,
            "n_tokens": doc_end - doc_start,
        }
    )
    out["relative_position"] = out["position"] / out["n_tokens"]
    return out

"""The shared plumbing of the term statistics: stop words, integer codes of terms and groups, reading order.

The conventions every function of :mod:`analysis.stats` follows are in the
package docstring. Everything here works on integer codes with numpy; nothing
loops over tokens in Python.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Collection, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from analysis.annotate.segment import STOP_WORDS, normalize_token
from analysis.config import STOPWORDS_EXTRA

Stopwords = bool | Collection[str]
By = str | Sequence[str] | None

HAS_LETTER = re.compile(r"[^\W\d_]")


# --- stop words and the vocabulary ---------------------------------------------------------


def read_stopword_file(path: str | Path) -> frozenset[str]:
    """Words of a stop-word file: one per line, ``#`` starts a comment, blank lines ignored, normalised like ``norm``."""
    words: set[str] = set()
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(normalize_token(word))
    return frozenset(words)


@functools.lru_cache(maxsize=8)
def load_stopwords(path: str | Path | None = None, *, base: bool = True) -> frozenset[str]:
    """The stop-word list: scikit-learn's English list plus ``'s`` and the project list.

    Parameters
    ----------
    path : str or Path, optional
        A stop-word file (see :func:`read_stopword_file`); default
        ``lexicons/stopwords.txt`` (:data:`analysis.config.STOPWORDS_EXTRA`).
        A missing default file adds nothing.
    base : bool, keyword-only
        Include :data:`analysis.annotate.segment.STOP_WORDS` (default True).
    """
    words = set(STOP_WORDS) if base else set()
    file = Path(path) if path is not None else STOPWORDS_EXTRA
    if path is not None or file.exists():
        words |= read_stopword_file(file)
    return frozenset(words)


def stopword_set(stopwords: Stopwords) -> frozenset[str]:
    if stopwords is True:
        return load_stopwords()
    if stopwords is False or stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        raise TypeError("stopwords must be a bool or a collection of words, not a string")
    return frozenset(normalize_token(w) for w in stopwords)


@functools.lru_cache(maxsize=1)
def stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


#: Dictionary encodings of pyarrow string columns, by the identity of the (immutable) array,
#: dropped when the array is garbage-collected: repeated calls on one tokens table encode once.
_ENCODED: dict[int, tuple[weakref.ref, np.ndarray, pd.Index]] = {}
_ENCODED_MAX = 4


def _encode_arrow(arrow: pa.ChunkedArray | pa.Array) -> tuple[np.ndarray, pd.Index]:
    """Codes (read-only, ``-1`` for null) and dictionary of a pyarrow string array, cached per array."""
    key = id(arrow)
    hit = _ENCODED.get(key)
    if hit is not None and hit[0]() is arrow:
        return hit[1], hit[2]
    encoded = pc.dictionary_encode(arrow)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks() if encoded.num_chunks else pa.array([], pa.dictionary(pa.int32(), arrow.type))
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    codes.flags.writeable = False
    uniques = pd.Index(encoded.dictionary.to_pandas())
    try:
        ref = weakref.ref(arrow, lambda _r, k=key: _ENCODED.pop(k, None))
    except TypeError:  # not weak-referenceable: do not cache
        return codes, uniques
    while len(_ENCODED) >= _ENCODED_MAX:
        _ENCODED.pop(next(iter(_ENCODED)))
    _ENCODED[key] = (ref, codes, uniques)
    return codes, uniques


def codes_of(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (``-1`` for missing) and the values they index, without per-row Python objects.

    Categorical columns keep their categories (and their order); other
    columns are dictionary-encoded, with the values sorted when ``sort``.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy().astype(np.int64, copy=False), pd.Index(values.cat.categories)
    arrow = getattr(values.array, "_pa_array", None)
    if arrow is not None and (pa.types.is_string(arrow.type) or pa.types.is_large_string(arrow.type)):
        codes, uniques = _encode_arrow(arrow)
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        codes, uniques = codes.astype(np.int64, copy=False), pd.Index(uniques)
    if sort and len(uniques) > 1:
        try:
            order = np.argsort(np.asarray(uniques, dtype=object), kind="stable")
        except TypeError:  # values of mixed types: keep the order of appearance
            return codes, uniques
        rank = np.empty(len(order) + 1, dtype=np.int64)
        rank[order] = np.arange(len(order))
        rank[-1] = -1
        codes, uniques = rank[codes], uniques.take(order)
    return codes, uniques


def compact_codes(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Renumber the codes that occur as ``0..k-1`` (keeping their order); ``-1`` stays ``-1``.

    Returns the new codes and, for each new code, the old one.
    """
    present = np.bincount(codes[codes >= 0], minlength=size) > 0
    old = np.flatnonzero(present)
    remap = np.full(size + 1, -1, dtype=np.int64)
    remap[old] = np.arange(len(old))
    return remap[codes], old  # codes == -1 picks remap[-1] == -1


def vocabulary(
    tokens: pd.DataFrame,
    *,
    column: str = "norm",
    stopwords: Stopwords = False,
    stem: bool = False,
    drop_numbers: bool = False,
) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Term codes for every row (``-1`` for a dropped token) and the vocabulary.

    Returns ``(codes, dropped, vocab)`` where ``codes`` index ``vocab`` after
    stemming and ``dropped`` marks the rows whose token was removed (stop word,
    number, missing), which keep ``codes == -1``. All work is on the
    vocabulary, never per row.
    """
    codes, uniques = codes_of(tokens[column])
    words = uniques.astype(str)
    keep = np.ones(len(words), dtype=bool)
    stop = stopword_set(stopwords)
    if stop:
        keep &= ~words.isin(list(stop))
    if drop_numbers:
        keep &= np.fromiter((bool(HAS_LETTER.search(w)) for w in words), dtype=bool, count=len(words))
    labels = words
    if stem:
        snowball = stemmer()
        labels = pd.Index([snowball.stem(w) for w in words])
    label_codes, vocab = pd.factorize(labels)
    term_of = np.where(keep, label_codes, -1)
    term_of = np.append(term_of, -1)  # missing (code -1) maps to -1
    row_terms = term_of[codes]
    # vocabulary entries no row uses (stop words, unused categories) simply count 0
    return row_terms, row_terms < 0, pd.Index(vocab)


def group_codes(tokens: pd.DataFrame, by: By) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code per row (``-1`` where a grouping value is missing) and one row of labels per code."""
    if by is None:
        return np.zeros(len(tokens), dtype=np.int64), pd.DataFrame(index=pd.RangeIndex(1))
    cols = [by] if isinstance(by, str) else list(by)
    if len(cols) == 1:
        c, u = codes_of(tokens[cols[0]], sort=True)
        codes, old = compact_codes(c, max(len(u), 1))
        frame = pd.DataFrame({cols[0]: np.asarray(u.take(old))})
        if isinstance(tokens[cols[0]].dtype, pd.CategoricalDtype):
            frame[cols[0]] = pd.Categorical(frame[cols[0]], categories=tokens[cols[0]].cat.categories)
        return codes, frame
    key = np.zeros(len(tokens), dtype=np.int64)
    missing = np.zeros(len(tokens), dtype=bool)
    parts: list[tuple[str, pd.Index, int]] = []
    for col in cols:
        c, u = codes_of(tokens[col], sort=True)
        missing |= c < 0
        key = key * max(len(u), 1) + np.maximum(c, 0)
        parts.append((col, u, max(len(u), 1)))
    fact, uniq = pd.factorize(np.where(missing, -1, key), use_na_sentinel=False)
    order = np.argsort(uniq, kind="stable")
    uniq = uniq[order]
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    codes = rank[fact]
    if len(uniq) and uniq[0] == -1:
        codes = codes - 1
        uniq = uniq[1:]
    old = uniq
    labels: dict[str, object] = {}
    rest = old.copy()
    for col, u, size in reversed(parts):
        labels[col] = u.take(rest % size)
        rest = rest // size
    frame = pd.DataFrame({col: np.asarray(labels[col]) for col in cols})
    for col in cols:
        if isinstance(tokens[col].dtype, pd.CategoricalDtype):
            frame[col] = pd.Categorical(frame[col], categories=tokens[col].cat.categories)
    return codes, frame


def _categorical_take(values: np.ndarray, codes: np.ndarray) -> pd.Categorical:
    """``values[codes]`` as a categorical (``codes == -1`` gives missing), without per-row objects."""
    cat = pd.Categorical(values)
    inner = np.append(cat.codes, -1)[codes]
    return pd.Categorical.from_codes(inner, categories=cat.categories)


def add_groups(
    tokens: pd.DataFrame,
    *,
    documents: pd.DataFrame | None = None,
    sentences: pd.DataFrame | None = None,
    doc_columns: Sequence[str] = ("side", "source", "year"),
    sent_columns: Sequence[str] = ("speaker",),
) -> pd.DataFrame:
    """The tokens with grouping columns merged in from ``documents`` and ``sentences``, as categoricals.

    Equivalent to ``tokens.merge(documents[["doc_id", *doc_columns]], on="doc_id",
    how="left")`` and likewise from ``sentences`` on ``(doc_id, sent_id)``,
    but done per document and per sentence, not per token, so it takes
    about a second on tens of millions of tokens and the new columns are
    small categoricals. ``year`` is derived from ``documents.date`` when
    ``documents`` has no ``year`` column. Columns already in ``tokens`` are
    replaced; requested columns the tables lack are skipped.
    """
    out = tokens.copy(deep=False)
    doc_codes, doc_ids = codes_of(tokens["doc_id"])
    doc_ids = pd.Index(doc_ids.astype(str))
    if documents is not None:
        docs = documents
        if "year" in doc_columns and "year" not in docs and "date" in docs:
            docs = docs.assign(year=pd.to_datetime(docs["date"], errors="coerce").dt.year.astype("Int64"))
        where = pd.Index(docs["doc_id"].astype(str)).get_indexer(doc_ids)  # row of documents per unique doc_id
        for col in doc_columns:
            if col in docs:
                per_unique = np.append(docs[col].to_numpy(dtype=object), None)[where]  # where == -1 picks None
                out[col] = _categorical_take(per_unique, doc_codes)
    if sentences is not None:
        sent_doc = doc_ids.get_indexer(sentences["doc_id"].astype(str))
        width = int(max(tokens["sent_id"].max() if len(tokens) else 0, sentences["sent_id"].max() if len(sentences) else 0)) + 1
        keys = sent_doc.astype(np.int64) * width + sentences["sent_id"].to_numpy(dtype=np.int64)
        keys = np.where(sent_doc >= 0, keys, -1)
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        token_keys = np.where(doc_codes >= 0, doc_codes * width + tokens["sent_id"].to_numpy(dtype=np.int64), -2)
        i = np.minimum(np.searchsorted(sorted_keys, token_keys), max(len(sorted_keys) - 1, 0))
        found = (sorted_keys[i] == token_keys) if len(sorted_keys) else np.zeros(len(tokens), bool)
        row = np.where(found, order[i] if len(order) else 0, -1)
        for col in sent_columns:
            if col in sentences:
                out[col] = _categorical_take(sentences[col].to_numpy(dtype=object), row)
    return out



# --- counting ------------------------------------------------------------------------------


def _tally(terms: np.ndarray, n_terms: int, groups: np.ndarray | None, n_groups: int, docs: np.ndarray, n_docs: int):
    """Count terms per group, and the documents of the group that contain each term.

    All rows must have ``terms >= 0`` and ``groups >= 0`` (``groups`` may be
    ``None`` when ``n_groups == 1``). Returns arrays
    ``(group, term, count, doc_count)`` for every pair with a count, from a
    sparse (group, document) x term matrix.
    """
    if len(terms) == 0:
        e = np.zeros(0, dtype=np.int64)
        return e, e, e, e
    # units: the (group, document) pairs present
    if n_groups == 1 or groups is None:
        n_groups = 1
        units, unit_group = docs, np.zeros(n_docs, dtype=np.int64)
        n_units = n_docs
    else:
        unit_key = groups * n_docs + docs
        if n_groups * n_docs <= 1 << 26:
            units, old = compact_codes(unit_key, n_groups * n_docs)
        else:
            units, old = pd.factorize(unit_key)
        unit_group = old // n_docs
        n_units = len(old)
    idx = np.int32 if max(n_units, n_terms) < 2**31 - 1 else np.int64
    m = sparse.csr_matrix(
        (np.ones(len(terms), dtype=np.int32), (units.astype(idx, copy=False), terms.astype(idx, copy=False))),
        shape=(n_units, n_terms),
    )
    if n_groups == 1:
        count = np.bincount(terms, minlength=n_terms)
        doc_count = np.bincount(m.indices, minlength=n_terms)
        term = np.flatnonzero(count)
        return np.zeros(len(term), dtype=np.int64), term, count[term], doc_count[term]
    a = sparse.csr_matrix(
        (np.ones(n_units, dtype=np.int32), (unit_group, np.arange(n_units))), shape=(n_groups, n_units)
    )
    binary = m.copy()
    binary.data[:] = 1
    counts = (a @ m).tocsr()
    docs_with = (a @ binary).tocsr()
    counts.sort_indices()
    docs_with.sort_indices()
    assert np.array_equal(counts.indices, docs_with.indices) and np.array_equal(counts.indptr, docs_with.indptr)
    group = np.repeat(np.arange(n_groups), np.diff(counts.indptr))
    return group, counts.indices.astype(np.int64), counts.data.astype(np.int64), docs_with.data.astype(np.int64)


def _ranked(group: np.ndarray, term: np.ndarray, count: np.ndarray, label: Callable[[np.ndarray], np.ndarray]):
    """Sort by group, count (descending), term (alphabetical); return the order and ``min`` ranks."""
    present, inverse = np.unique(term, return_inverse=True)
    alpha = np.empty(len(present), dtype=np.int64)
    alpha[np.argsort(np.asarray(label(present), dtype=object), kind="stable")] = np.arange(len(present))
    order = np.lexsort((alpha[inverse], -count, group))
    g, c = group[order], count[order]
    n = len(order)
    pos = np.arange(n)
    new_group = np.r_[True, g[1:] != g[:-1]] if n else np.zeros(0, bool)
    new_value = new_group | (np.r_[True, c[1:] != c[:-1]] if n else np.zeros(0, bool))
    group_start = np.maximum.accumulate(np.where(new_group, pos, 0)) if n else pos
    run_start = np.maximum.accumulate(np.where(new_value, pos, 0)) if n else pos
    return order, run_start - group_start + 1


def frequency_table(
    tokens: pd.DataFrame,
    terms: np.ndarray,
    n_terms: int,
    label: Callable[[np.ndarray], np.ndarray],
    *,
    by: By,
    min_count: int,
    top: int | None,
) -> pd.DataFrame:
    """Shared back end of :func:`frequency` and :func:`ngrams`.

    ``terms`` holds a term code in ``0..n_terms-1`` per row of ``tokens``
    (``-1`` = skip the row); ``label(codes)`` gives the strings of codes, and
    is only called for the terms in the result.
    """
    gcodes, labels = group_codes(tokens, by)
    dcodes, dvals = codes_of(tokens["doc_id"])
    group_tokens = np.bincount(gcodes[gcodes >= 0], minlength=len(labels))
    keep = terms >= 0
    if by is not None:
        keep &= gcodes >= 0
    docs = dcodes[keep]
    docs[docs < 0] = 0  # a missing doc_id counts as one document
    group, term, count, doc_count = _tally(
        terms[keep], n_terms, gcodes[keep] if by is not None else None, len(labels), docs, max(len(dvals), 1)
    )
    sel = count >= min_count
    group, term, count, doc_count = group[sel], term[sel], count[sel], doc_count[sel]
    order, rank = _ranked(group, term, count, label)
    group, term, count, doc_count = group[order], term[order], count[order], doc_count[order]
    out = labels.take(group).reset_index(drop=True) if by is not None else pd.DataFrame(index=pd.RangeIndex(len(group)))
    out["term"] = pd.Series(label(term), dtype="str")
    out["count"] = count
    with np.errstate(divide="ignore", invalid="ignore"):
        out["per_1000"] = 1000.0 * count / group_tokens[group]
    out["doc_count"] = doc_count
    out["rank"] = rank
    if top is not None:
        out = out[_position_in_group(group) < top]
    return out.reset_index(drop=True)


def _position_in_group(group: np.ndarray) -> np.ndarray:
    n = len(group)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    pos = np.arange(n)
    start = np.maximum.accumulate(np.where(np.r_[True, group[1:] != group[:-1]], pos, 0))
    return pos - start


# --- reading order, n-grams and collocations ---------------------------------------------


def reading_order(tokens: pd.DataFrame) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Rows in reading order: ``(order or None, document code, sentence number)`` per ordered row.

    ``order`` is ``None`` when the rows are already in reading order (each
    document's rows contiguous, by ``(sent_id, token_id)``); otherwise rows
    are sorted by document (``doc_id`` order), sentence and token. The
    sentence number increases by one at each new (document, sentence).
    """
    doc, _ = codes_of(tokens["doc_id"], sort=True)
    sent = tokens["sent_id"].to_numpy(dtype=np.int64)
    tok = tokens["token_id"].to_numpy(dtype=np.int64) if "token_id" in tokens else np.arange(len(tokens))
    order = None
    if len(doc) > 1:
        same = doc[1:] == doc[:-1]
        changes = int(np.count_nonzero(~same))
        n_docs = len(np.unique(doc))
        ds, dt = np.diff(sent), np.diff(tok)
        inside_ok = np.all(~same | (ds > 0) | ((ds == 0) & (dt > 0)))
        if changes != n_docs - 1 or not inside_ok:
            order = np.lexsort((tok, sent, doc))
            doc, sent = doc[order], sent[order]
    new_sentence = np.r_[True, (doc[1:] != doc[:-1]) | (sent[1:] != sent[:-1])] if len(doc) else np.zeros(0, bool)
    return order, doc, new_sentence.astype(np.int64).cumsum()


def ngram_codes(terms: np.ndarray, sentence: np.ndarray, n: int, n_vocab: int) -> tuple[np.ndarray, np.ndarray]:
    """Integer key of each n-gram starting at each position (``-1`` if it leaves the sentence or hits a dropped token)."""
    length = len(terms)
    valid = np.zeros(length, dtype=bool)
    if length >= n:
        valid[: length - n + 1] = sentence[n - 1 :] == sentence[: length - n + 1]
    key = np.zeros(length, dtype=np.int64)
    base = np.int64(max(n_vocab, 1))
    for k in range(n):
        part = np.full(length, -1, dtype=np.int64)
        part[: length - k] = terms[k:]
        valid &= part >= 0
        key = key * base + np.maximum(part, 0)
    return np.where(valid, key, -1), valid


def decode_ngrams(keys: np.ndarray, n: int, vocab: pd.Index) -> list[np.ndarray]:
    """The word codes of each n-gram key, first word first."""
    base = max(len(vocab), 1)
    parts = []
    rest = keys.copy()
    for _ in range(n):
        parts.append(rest % base)
        rest = rest // base
    return parts[::-1]


def join_terms(vocab: pd.Index, parts: list[np.ndarray]) -> pd.Series:
    words = pd.Series(vocab.astype(str), dtype=object)
    out = words.take(parts[0]).reset_index(drop=True)
    for p in parts[1:]:
        out = out + " " + words.take(p).reset_index(drop=True)
    return out


def sequence_terms(tokens: pd.DataFrame, *, column: str, stem: bool, stopwords: Stopwords, drop_numbers: bool):
    """Term codes in reading order, with the stop-word/number flags of each vocabulary entry."""
    terms, _, vocab = vocabulary(tokens, column=column, stopwords=False, stem=stem)
    order, _doc, sentence = reading_order(tokens)
    if order is not None:
        terms = terms[order]
    words = pd.Index(vocab.astype(str))
    edge_bad = np.zeros(len(vocab), dtype=bool)
    stop = stopword_set(stopwords)
    if stop:
        # compare the stop list with the (possibly stemmed) vocabulary and with stems of the stop words
        stop_terms = set(stop) | ({stemmer().stem(w) for w in stop} if stem else set())
        edge_bad |= words.isin(list(stop_terms))
    if drop_numbers:
        edge_bad |= ~np.fromiter((bool(HAS_LETTER.search(w)) for w in words), dtype=bool, count=len(words))
    return terms, vocab, order, sentence, edge_bad



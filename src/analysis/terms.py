"""Term statistics on the ``tokens`` table: frequency, n-grams, collocations, keyness, KWIC, dispersion.

The functions give what quanteda (``textstat_frequency``, ``textstat_keyness``,
``textstat_collocations``, ``kwic``, ``textplot_xray``), AntConc and
scattertext give analysts, computed from our ``tokens`` table. Each takes the
table (carrying any grouping column the caller merged in: ``speaker`` from
``sentences`` on ``(doc_id, sent_id)``; ``side``, ``source``, ``year`` from
``documents`` on ``doc_id``) plus keyword options, and returns a DataFrame.

Conventions shared by all functions
-----------------------------------
*Terms* are the values of the ``norm`` column (lower case; "u.s.", "one-china"
and "covid-19" are single tokens), optionally Snowball-stemmed. Punctuation is
not a token.

*Grouping columns* can be merged with pandas, or with :func:`add_groups`,
which does the same per document and per sentence (seconds instead of tens of
seconds on 30 million tokens)::

    tables = analysis.load_tables()
    tokens = terms.add_groups(tables.tokens, documents=tables.documents, sentences=tables.sentences)
    terms.keyness(tokens, by="side", target="CN", reference="US", measure="lr")

*Stop words* (``stopwords=True``, the default for the counting functions) are
scikit-learn's English list plus ``'s`` (:data:`analysis.segment.STOP_WORDS`,
the list behind the ``is_stop`` column) plus the project's list of readout
boilerplate in ``lexicons/stopwords.txt`` (:func:`load_stopwords`).
``stopwords=False`` keeps every token; a collection of strings uses exactly
that list. Stop words are removed *before* stemming.
N-grams and collocations are formed on the full token sequence and then
dropped when they begin or end with a stop word, so "republic of china" stays
and "of the" goes.

*Speed*: everything works on integer codes (the categories of ``norm``, or
pyarrow's dictionary encoding of it) with ``numpy.bincount`` and
``scipy.sparse``; nothing loops over tokens in Python. Passing ``norm`` (and
grouping columns) as ``category`` dtype skips the encoding step, which is the
largest cost on tens of millions of tokens; ``pyarrow.parquet.read_table(path,
read_dictionary=["norm"])`` gives that directly.

*Order*: n-grams, collocations, KWIC and dispersion need the tokens in reading
order. Rows are used as they come when each document's rows are contiguous and
sorted by ``(sent_id, token_id)``; otherwise they are sorted first.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from analysis import keyness as ks
from analysis.config import STOPWORDS_EXTRA
from analysis.segment import STOP_WORDS, normalize_token

__all__ = [
    "add_groups",
    "load_stopwords",
    "frequency",
    "ngrams",
    "collocations",
    "keyness",
    "kwic",
    "dispersion",
    "scatter_terms",
]

Stopwords = bool | Collection[str]
By = str | Sequence[str] | None
Measure = Literal["chi2", "lr", "pmi", "logodds"]
MEASURES: tuple[str, ...] = ("chi2", "lr", "pmi", "logodds")

_HAS_LETTER = re.compile(r"[^\W\d_]")


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
        Include :data:`analysis.segment.STOP_WORDS` (default True).
    """
    words = set(STOP_WORDS) if base else set()
    file = Path(path) if path is not None else STOPWORDS_EXTRA
    if path is not None or file.exists():
        words |= read_stopword_file(file)
    return frozenset(words)


def _stopword_set(stopwords: Stopwords) -> frozenset[str]:
    if stopwords is True:
        return load_stopwords()
    if stopwords is False or stopwords is None:
        return frozenset()
    if isinstance(stopwords, str):
        raise TypeError("stopwords must be a bool or a collection of words, not a string")
    return frozenset(normalize_token(w) for w in stopwords)


@functools.lru_cache(maxsize=1)
def _stemmer():
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


def _codes(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, pd.Index]:
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


def _compact(codes: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Renumber the codes that occur as ``0..k-1`` (keeping their order); ``-1`` stays ``-1``.

    Returns the new codes and, for each new code, the old one.
    """
    present = np.bincount(codes[codes >= 0], minlength=size) > 0
    old = np.flatnonzero(present)
    remap = np.full(size + 1, -1, dtype=np.int64)
    remap[old] = np.arange(len(old))
    return remap[codes], old  # codes == -1 picks remap[-1] == -1


def _vocabulary(
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
    codes, uniques = _codes(tokens[column])
    words = uniques.astype(str)
    keep = np.ones(len(words), dtype=bool)
    stop = _stopword_set(stopwords)
    if stop:
        keep &= ~words.isin(list(stop))
    if drop_numbers:
        keep &= np.fromiter((bool(_HAS_LETTER.search(w)) for w in words), dtype=bool, count=len(words))
    labels = words
    if stem:
        stemmer = _stemmer()
        labels = pd.Index([stemmer.stem(w) for w in words])
    label_codes, vocab = pd.factorize(labels)
    term_of = np.where(keep, label_codes, -1)
    term_of = np.append(term_of, -1)  # missing (code -1) maps to -1
    row_terms = term_of[codes]
    # vocabulary entries no row uses (stop words, unused categories) simply count 0
    return row_terms, row_terms < 0, pd.Index(vocab)


def _group_codes(tokens: pd.DataFrame, by: By) -> tuple[np.ndarray, pd.DataFrame]:
    """Group code per row (``-1`` where a grouping value is missing) and one row of labels per code."""
    if by is None:
        return np.zeros(len(tokens), dtype=np.int64), pd.DataFrame(index=pd.RangeIndex(1))
    cols = [by] if isinstance(by, str) else list(by)
    if len(cols) == 1:
        c, u = _codes(tokens[cols[0]], sort=True)
        codes, old = _compact(c, max(len(u), 1))
        frame = pd.DataFrame({cols[0]: np.asarray(u.take(old))})
        if isinstance(tokens[cols[0]].dtype, pd.CategoricalDtype):
            frame[cols[0]] = pd.Categorical(frame[cols[0]], categories=tokens[cols[0]].cat.categories)
        return codes, frame
    key = np.zeros(len(tokens), dtype=np.int64)
    missing = np.zeros(len(tokens), dtype=bool)
    parts: list[tuple[str, pd.Index, int]] = []
    for col in cols:
        c, u = _codes(tokens[col], sort=True)
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
    doc_codes, doc_ids = _codes(tokens["doc_id"])
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
            units, old = _compact(unit_key, n_groups * n_docs)
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


def _frequency_table(
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
    gcodes, labels = _group_codes(tokens, by)
    dcodes, dvals = _codes(tokens["doc_id"])
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


def frequency(
    tokens: pd.DataFrame,
    *,
    by: By = None,
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    top: int | None = None,
    column: str = "norm",
) -> pd.DataFrame:
    """Term frequencies, grouped by any column(s), like quanteda's ``textstat_frequency(groups=)``.

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table (``doc_id`` and ``column`` at least), with any
        grouping column merged in.
    by : str or list of str, optional
        Grouping column(s); rows with a missing grouping value are left out.
        ``None`` counts the whole table as one group.
    stopwords : bool or collection of str, keyword-only
        ``True`` (default): drop :func:`load_stopwords`; ``False``: keep all;
        or the exact words to drop.
    stem : bool, keyword-only
        Count Snowball (English) stems instead of words; the term is the stem.
    drop_numbers : bool, keyword-only
        Drop tokens without a letter ("2021", "1,000").
    min_count : int, keyword-only
        Keep terms counted at least this often in the group.
    top : int, optional
        Keep the first ``top`` rows of each group.
    column : str, keyword-only
        The token column holding the terms (default ``"norm"``).

    Returns
    -------
    DataFrame
        One row per (group, term): the ``by`` columns, ``term``, ``count``,
        ``per_1000`` (count per 1,000 tokens of the group, all tokens counted
        in the denominator, stop words included), ``doc_count`` (documents of
        the group containing the term) and ``rank`` (1 = most frequent in
        the group; ties share the lowest rank, quanteda's ``ties = "min"``).
        Sorted by group, descending count, then term.
    """
    terms, _dropped, vocab = _vocabulary(tokens, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers)
    words = np.asarray(vocab.astype(str), dtype=object)
    return _frequency_table(tokens, terms, len(vocab), words.take, by=by, min_count=min_count, top=top)


# --- reading order, n-grams and collocations ---------------------------------------------


def _reading_order(tokens: pd.DataFrame) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """Rows in reading order: ``(order or None, document code, sentence number)`` per ordered row.

    ``order`` is ``None`` when the rows are already in reading order (each
    document's rows contiguous, by ``(sent_id, token_id)``); otherwise rows
    are sorted by document (``doc_id`` order), sentence and token. The
    sentence number increases by one at each new (document, sentence).
    """
    doc, _ = _codes(tokens["doc_id"], sort=True)
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


def _ngram_codes(terms: np.ndarray, sentence: np.ndarray, n: int, n_vocab: int) -> tuple[np.ndarray, np.ndarray]:
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


def _decode_ngrams(keys: np.ndarray, n: int, vocab: pd.Index) -> list[np.ndarray]:
    """The word codes of each n-gram key, first word first."""
    base = max(len(vocab), 1)
    parts = []
    rest = keys.copy()
    for _ in range(n):
        parts.append(rest % base)
        rest = rest // base
    return parts[::-1]


def _join(vocab: pd.Index, parts: list[np.ndarray]) -> pd.Series:
    words = pd.Series(vocab.astype(str), dtype=object)
    out = words.take(parts[0]).reset_index(drop=True)
    for p in parts[1:]:
        out = out + " " + words.take(p).reset_index(drop=True)
    return out


def _sequence_terms(tokens: pd.DataFrame, *, column: str, stem: bool, stopwords: Stopwords, drop_numbers: bool):
    """Term codes in reading order, with the stop-word/number flags of each vocabulary entry."""
    terms, _, vocab = _vocabulary(tokens, column=column, stopwords=False, stem=stem)
    order, _doc, sentence = _reading_order(tokens)
    if order is not None:
        terms = terms[order]
    words = pd.Index(vocab.astype(str))
    edge_bad = np.zeros(len(vocab), dtype=bool)
    stop = _stopword_set(stopwords)
    if stop:
        # compare the stop list with the (possibly stemmed) vocabulary and with stems of the stop words
        stop_terms = set(stop) | ({_stemmer().stem(w) for w in stop} if stem else set())
        edge_bad |= words.isin(list(stop_terms))
    if drop_numbers:
        edge_bad |= ~np.fromiter((bool(_HAS_LETTER.search(w)) for w in words), dtype=bool, count=len(words))
    return terms, vocab, order, sentence, edge_bad


def ngrams(
    tokens: pd.DataFrame,
    *,
    n: int = 2,
    by: By = None,
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    top: int | None = None,
    column: str = "norm",
) -> pd.DataFrame:
    """Frequencies of n-grams (n = 1, 2 or 3) inside sentences, grouped like :func:`frequency`.

    An n-gram is ``n`` consecutive tokens of one sentence (it never crosses a
    sentence boundary); the term is its words joined by single spaces. With
    stop words on, n-grams that begin or end with a stop word are dropped
    (stop words inside stay: "republic of china"); ``drop_numbers`` likewise.
    ``per_1000`` is per 1,000 tokens of the group. Other parameters and the
    columns are those of :func:`frequency`, plus ``n``.
    """
    if n not in (1, 2, 3):
        raise ValueError("n must be 1, 2 or 3")
    if n == 1:
        out = frequency(
            tokens, by=by, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers, min_count=min_count, top=top, column=column
        )
        out.insert(out.columns.get_loc("term") + 1, "n", 1)
        return out
    terms, vocab, order, sentence, edge_bad = _sequence_terms(
        tokens, column=column, stem=stem, stopwords=stopwords, drop_numbers=drop_numbers
    )
    keys, valid = _ngram_codes(terms, sentence, n, len(vocab))
    first = terms
    last = np.full(len(terms), -1, dtype=np.int64)
    last[: len(terms) - n + 1] = terms[n - 1 :]
    valid &= ~edge_bad[np.maximum(first, 0)] & ~edge_bad[np.maximum(last, 0)]
    positions = np.flatnonzero(valid)
    codes, uniq = pd.factorize(keys[positions])
    rows = positions if order is None else order[positions]
    all_codes = np.full(len(tokens), -1, dtype=np.int64)
    all_codes[rows] = codes

    def label(c: np.ndarray) -> np.ndarray:
        return _join(vocab, _decode_ngrams(uniq[c], n, vocab)).to_numpy(dtype=object)

    out = _frequency_table(tokens, all_codes, len(uniq), label, by=by, min_count=min_count, top=top)
    out.insert(out.columns.get_loc("term") + 1, "n", n)
    return out


def _lookup(sorted_keys: np.ndarray, sorted_counts: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Counts of ``keys`` in a sorted key table (0 when absent)."""
    i = np.searchsorted(sorted_keys, keys)
    i = np.minimum(i, max(len(sorted_keys) - 1, 0))
    hit = sorted_keys[i] == keys if len(sorted_keys) else np.zeros(len(keys), bool)
    return np.where(hit, sorted_counts[i] if len(sorted_keys) else 0, 0)


def _counts_of(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted unique keys and their counts."""
    codes, uniq = pd.factorize(keys)
    counts = np.bincount(codes, minlength=len(uniq))
    order = np.argsort(uniq)
    return uniq[order], counts[order]


def collocations(
    tokens: pd.DataFrame,
    *,
    size: int | Sequence[int] = (2, 3),
    min_count: int = 2,
    stopwords: Stopwords = True,
    stem: bool = False,
    sort: str = "lr",
    column: str = "norm",
) -> pd.DataFrame:
    r"""Bigram and trigram collocations inside sentences, scored as nltk and quanteda do.

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table (``doc_id``, ``sent_id``, ``token_id``, ``column``).
    size : int or sequence of int, keyword-only
        2, 3 or both (default).
    min_count : int, keyword-only
        Keep collocations seen at least this often (nltk's ``apply_freq_filter``).
    stopwords : bool or collection of str, keyword-only
        Drop candidates that begin or end with a stop word (counts and
        marginals are still taken over all tokens).
    stem : bool, keyword-only
        Work on Snowball stems.
    sort : {"lr", "pmi", "z", "lambda", "count"}, keyword-only
        Column to sort by, descending, within each size (bigrams first):
        scores of bigrams and trigrams are not on one scale.
    column : str, keyword-only
        Token column holding the words.

    Returns
    -------
    DataFrame
        ``collocation`` (words joined by spaces), ``size``, ``count``, ``lr``,
        ``pmi``, ``lambda`` and ``z`` (bigrams only; NaN for trigrams).

    Notes
    -----
    Counts are those of nltk's ``BigramCollocationFinder`` and
    ``TrigramCollocationFinder`` built ``from_documents`` on the sentences:
    n-grams (and the (w1, *, w3) pairs of trigrams) within a sentence; word
    counts and the total :math:`N` over all tokens. ``lr`` and ``pmi`` are
    then nltk's ``likelihood_ratio`` and ``pmi`` (see
    :func:`analysis.keyness.bigram_likelihood_ratio`,
    :func:`~analysis.keyness.bigram_pmi`,
    :func:`~analysis.keyness.trigram_likelihood_ratio`,
    :func:`~analysis.keyness.trigram_pmi`). ``lambda`` and ``z`` are
    quanteda's ``textstat_collocations`` statistics for size 2 (Blaheta and
    Johnson 2001; :func:`analysis.keyness.lambda_z`), on a 2x2 table of the
    within-sentence bigram positions with 0.5 added to each cell.
    """
    sizes = (size,) if isinstance(size, int) else tuple(size)
    if not set(sizes) <= {2, 3}:
        raise ValueError("size must be 2, 3 or both")
    terms, vocab, _order, sentence, edge_bad = _sequence_terms(
        tokens, column=column, stem=stem, stopwords=stopwords, drop_numbers=False
    )
    v = np.int64(max(len(vocab), 1))
    n_all = float(len(terms))
    word_counts = np.bincount(terms[terms >= 0], minlength=len(vocab))
    bi_keys, bi_valid = _ngram_codes(terms, sentence, 2, len(vocab))
    bi_uniq, bi_count = _counts_of(bi_keys[bi_valid])
    frames = []
    if 2 in sizes:
        w1, w2 = bi_uniq // v, bi_uniq % v
        keep = (bi_count >= min_count) & ~edge_bad[w1] & ~edge_bad[w2]
        keys, n_ii, w1, w2 = bi_uniq[keep], bi_count[keep], w1[keep], w2[keep]
        n_ix, n_xi = word_counts[w1], word_counts[w2]
        # quanteda's lambda: margins over bigram positions, not word counts
        first_counts = np.bincount(bi_uniq // v, weights=bi_count, minlength=len(vocab))
        second_counts = np.bincount(bi_uniq % v, weights=bi_count, minlength=len(vocab))
        n_bigrams = float(bi_count.sum())
        n12 = first_counts[w1] - n_ii
        n21 = second_counts[w2] - n_ii
        lam, z = ks.lambda_z(n_ii, n12, n21, n_bigrams - n_ii - n12 - n21)
        frames.append(
            pd.DataFrame(
                {
                    "collocation": _join(vocab, [w1, w2]),
                    "size": 2,
                    "count": n_ii,
                    "lr": ks.bigram_likelihood_ratio(n_ii, n_ix, n_xi, n_all),
                    "pmi": ks.bigram_pmi(n_ii, n_ix, n_xi, n_all),
                    "lambda": lam,
                    "z": z,
                }
            )
        )
    if 3 in sizes:
        tri_keys, tri_valid = _ngram_codes(terms, sentence, 3, len(vocab))
        tri_uniq, tri_count = _counts_of(tri_keys[tri_valid])
        w1, w2, w3 = tri_uniq // (v * v), (tri_uniq // v) % v, tri_uniq % v
        keep = (tri_count >= min_count) & ~edge_bad[w1] & ~edge_bad[w3]
        n_iii, w1, w2, w3 = tri_count[keep], w1[keep], w2[keep], w3[keep]
        # (w1, *, w3) pairs inside a sentence
        skip_valid = np.zeros(len(terms), dtype=bool)
        if len(terms) >= 3:
            skip_valid[:-2] = (sentence[2:] == sentence[:-2]) & (terms[:-2] >= 0) & (terms[2:] >= 0)
        skip_keys = terms[:-2][skip_valid[:-2]] * v + terms[2:][skip_valid[:-2]] if len(terms) >= 3 else np.zeros(0, np.int64)
        skip_uniq, skip_count = _counts_of(skip_keys)
        n_iix = _lookup(bi_uniq, bi_count, w1 * v + w2)
        n_xii = _lookup(bi_uniq, bi_count, w2 * v + w3)
        n_ixi = _lookup(skip_uniq, skip_count, w1 * v + w3)
        n_ixx, n_xix, n_xxi = word_counts[w1], word_counts[w2], word_counts[w3]
        frames.append(
            pd.DataFrame(
                {
                    "collocation": _join(vocab, [w1, w2, w3]),
                    "size": 3,
                    "count": n_iii,
                    "lr": ks.trigram_likelihood_ratio(n_iii, n_iix, n_ixi, n_xii, n_ixx, n_xix, n_xxi, n_all),
                    "pmi": ks.trigram_pmi(n_iii, n_ixx, n_xix, n_xxi, n_all),
                    "lambda": np.nan,
                    "z": np.nan,
                }
            )
        )
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["collocation", "size", "count", "lr", "pmi", "lambda", "z"])
    if sort not in out.columns:
        raise ValueError(f"sort must be one of lr, pmi, z, count, not {sort!r}")
    return out.sort_values(
        ["size", sort, "collocation"], ascending=[True, False, True], na_position="last", kind="stable"
    ).reset_index(drop=True)


# --- keyness and the two-group scatter -----------------------------------------------------


def _as_values(values: object) -> list:
    if isinstance(values, (list, tuple, set, frozenset, np.ndarray, pd.Index, pd.Series)):
        return list(values)
    return [values]


def _isin(column: pd.Series, values: object) -> np.ndarray:
    """Boolean row mask of ``column in values``, computed on categories when the column is categorical."""
    vals = _as_values(values)
    if isinstance(column.dtype, pd.CategoricalDtype):
        hit = np.append(np.asarray(column.cat.categories.isin(vals)), False)
        return hit[column.cat.codes.to_numpy()]
    return np.asarray(column.isin(vals), dtype=bool)


def _two_group_counts(
    tokens: pd.DataFrame,
    *,
    by: str,
    target: object,
    reference: object,
    column: str,
    stopwords: Stopwords,
    stem: bool,
    drop_numbers: bool,
) -> tuple[pd.Index, np.ndarray, np.ndarray, np.ndarray]:
    """Vocabulary and per-term counts in the target, the reference and the whole table."""
    if by not in tokens:
        raise KeyError(f"grouping column {by!r} is not in the tokens table; merge it in first")
    terms, _, vocab = _vocabulary(tokens, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers)
    in_target = _isin(tokens[by], target)
    if reference is None:
        in_reference = ~in_target
    else:
        if set(_as_values(target)) & set(_as_values(reference)):
            raise ValueError("target and reference share a value")
        in_reference = _isin(tokens[by], reference)
    if not in_target.any():
        raise ValueError(f"no tokens have {by} in {_as_values(target)!r}")
    if not in_reference.any():
        raise ValueError(f"the reference group is empty ({by} = {_as_values(reference) if reference is not None else 'the rest'})")
    # one pass: class 0 = target, 1 = reference, 2 = neither (background only)
    cls = np.full(len(terms), 2, dtype=np.int64)
    cls[in_reference] = 1
    cls[in_target] = 0
    size = 3 * len(vocab)
    key = terms * 3 + cls
    key[terms < 0] = size  # dropped tokens go to one extra bin
    counts = np.bincount(key, minlength=size + 1)[:size].reshape(-1, 3)
    return vocab, counts[:, 0], counts[:, 1], counts.sum(axis=1)


CORRECTIONS: tuple[str, ...] = ("default", "yates", "williams", "none")


def _scores(
    a: np.ndarray, b: np.ndarray, background: np.ndarray, *, measure: str, prior_scale: float, correction: str = "default"
) -> dict[str, np.ndarray]:
    if correction not in CORRECTIONS:
        raise ValueError(f"correction must be one of {CORRECTIONS}, not {correction!r}")
    n_t, n_r = float(a.sum()), float(b.sum())
    if measure == "chi2":
        score, p = ks.chi2_yates(a, b, n_t, n_r, yates=correction in ("default", "yates"))
        return {"score": score, "p": p}
    if measure == "lr":
        score, p = ks.log_likelihood(a, b, n_t, n_r, williams=correction == "williams")
        return {"score": score, "p": p}
    if measure == "pmi":
        return {"score": ks.pmi(a, b, n_t, n_r), "p": np.full(len(a), np.nan)}
    if measure == "logodds":
        alpha_w = prior_scale * background.astype(np.float64)
        delta, _var, z = ks.log_odds_dirichlet(a, n_t, b, n_r, alpha_w, float(alpha_w.sum()))
        return {"score": z, "p": ks.z_pvalue(z), "log_odds_ratio": delta}
    raise ValueError(f"measure must be one of {MEASURES}, not {measure!r}")


def keyness(
    tokens: pd.DataFrame,
    *,
    by: str,
    target: object,
    reference: object = None,
    measure: Measure = "chi2",
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    prior_scale: float = 1.0,
    correction: str = "default",
    column: str = "norm",
) -> pd.DataFrame:
    r"""Keyness of each term in a target group against a reference group (quanteda's ``textstat_keyness``).

    Parameters
    ----------
    tokens : DataFrame
        The ``tokens`` table with the column ``by`` merged in.
    by : str, keyword-only
        Grouping column (``side``, ``speaker``, ``source``, ``doc_id``, ``year``...).
    target : value or list of values, keyword-only
        The group value(s) forming the target.
    reference : value or list of values, optional
        The reference group value(s); ``None`` (default) means every other
        token of the table (rows whose ``by`` is missing included).
    measure : {"chi2", "lr", "pmi", "logodds"}, keyword-only
        ``chi2``: signed Pearson chi-squared with Yates' correction
        (:func:`analysis.keyness.chi2_yates`); ``lr``: signed log-likelihood
        :math:`G^2` (:func:`analysis.keyness.log_likelihood`); ``pmi``:
        pointwise mutual information of term and target, in bits
        (:func:`analysis.keyness.pmi`); ``logodds``: z-score of the log-odds
        ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn
        2008; :func:`analysis.keyness.log_odds_dirichlet`).
    stopwords, stem, drop_numbers, column
        As in :func:`frequency`; removed tokens count in neither group total.
    min_count : int, keyword-only
        Keep terms seen at least this often in target and reference together.
    prior_scale : float, keyword-only
        ``logodds`` only: the prior count of each term is ``prior_scale``
        times its count in the whole table passed (target, reference and
        any other group): the informative prior of Monroe et al. section
        3.5, with :math:`\alpha_0 = \sum_w \alpha_w`.
    correction : {"default", "yates", "williams", "none"}, keyword-only
        As quanteda's: ``default`` and ``yates`` apply Yates' correction to
        chi2 (lr uncorrected); ``williams`` applies Williams' correction to
        lr (chi2 uncorrected); ``none`` corrects neither.

    Returns
    -------
    DataFrame
        ``term``, ``target_count``, ``reference_count``, ``score`` and ``p``
        (upper chi-squared tail, 1 df, for chi2 and lr; two-sided normal for
        logodds; NaN for pmi); ``logodds`` adds ``log_odds_ratio``
        (:math:`\hat\delta`). Sorted by descending score (terms typical of the
        target first, of the reference last), then term. Every 2x2 table uses
        ``a`` = target count, ``b`` = reference count, ``a + c`` and
        ``b + d`` = the group totals over the terms kept.
    """
    vocab, a, b, background = _two_group_counts(
        tokens, by=by, target=target, reference=reference, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers
    )
    scores = _scores(a, b, background, measure=measure, prior_scale=prior_scale, correction=correction)
    sel = (a + b) >= max(min_count, 1)
    out = pd.DataFrame({"term": vocab.astype(str)[sel], "target_count": a[sel], "reference_count": b[sel]})
    for name, values in scores.items():
        out[name] = values[sel]
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    out.attrs.update(measure=measure, by=by, target=target, reference=reference, n_target=int(a.sum()), n_reference=int(b.sum()))
    return out


def scatter_terms(
    tokens: pd.DataFrame,
    *,
    by: str,
    a: object,
    b: object = None,
    measure: Measure = "logodds",
    stopwords: Stopwords = True,
    stem: bool = False,
    drop_numbers: bool = False,
    min_count: int = 1,
    labels: int = 10,
    prior_scale: float = 1.0,
    column: str = "norm",
) -> pd.DataFrame:
    """Per-term data for a two-group scatter plot (scattertext's idea): frequency in A and B, keyness, labels.

    Parameters
    ----------
    by, a, b
        Grouping column, the value(s) of group A and of group B (``None``:
        every other token), as ``by``, ``target`` and ``reference`` of :func:`keyness`.
    measure : str, keyword-only
        Keyness measure for ``score`` (default ``logodds``; positive = typical of A).
    labels : int, keyword-only
        How many of the most distinctive terms on each side to flag for labelling.
    stopwords, stem, drop_numbers, min_count, prior_scale, column
        As in :func:`keyness`.

    Returns
    -------
    DataFrame
        ``term``, ``a_count``, ``b_count``, ``a_per_1000``, ``b_per_1000``
        (per 1,000 kept tokens of the group), ``a_rank`` and ``b_rank``
        (frequency rank in the group, 1 = most frequent, ties ``min``; terms
        absent from a group share the last rank), ``a_pct`` and ``b_pct``
        (the frequency rank as a percentile in [0, 1], 1 = most frequent,
        scattertext's axes), ``score``, ``p``, ``distinctive`` (``"a"``,
        ``"b"`` or ``""``) and ``label`` (True for the ``labels`` top terms of
        each side). Sorted by descending score. ``attrs`` holds the group
        names (``a``, ``b``).
    """
    vocab, ca, cb, background = _two_group_counts(
        tokens, by=by, target=a, reference=b, column=column, stopwords=stopwords, stem=stem, drop_numbers=drop_numbers
    )
    scores = _scores(ca, cb, background, measure=measure, prior_scale=prior_scale)
    sel = (ca + cb) >= max(min_count, 1)
    ca, cb = ca[sel], cb[sel]
    out = pd.DataFrame({"term": vocab.astype(str)[sel], "a_count": ca, "b_count": cb})
    with np.errstate(divide="ignore", invalid="ignore"):
        out["a_per_1000"] = 1000.0 * ca / max(ca.sum(), 1)
        out["b_per_1000"] = 1000.0 * cb / max(cb.sum(), 1)
    for side, counts in (("a", ca), ("b", cb)):
        out[f"{side}_rank"] = pd.Series(-counts).rank(method="min").astype(np.int64).to_numpy()
        pct = pd.Series(counts).rank(method="average", pct=True).to_numpy()
        out[f"{side}_pct"] = (pct - pct.min()) / (pct.max() - pct.min()) if len(pct) and pct.max() > pct.min() else 0.0
    out["score"] = scores["score"][sel]
    out["p"] = scores["p"][sel]
    out = out.sort_values(["score", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    n = len(out)
    k = min(labels, n)
    distinctive = np.full(n, "", dtype=object)
    top_a = np.arange(k)[out["score"].to_numpy()[:k] > 0]
    top_b = (n - 1 - np.arange(k))[out["score"].to_numpy()[::-1][:k] < 0]
    distinctive[top_a] = "a"
    distinctive[top_b] = "b"
    out["distinctive"] = distinctive
    out["label"] = distinctive != ""
    out.attrs.update(a=a, b=b if b is not None else "rest", measure=measure, by=by)
    return out


# --- KWIC and dispersion -------------------------------------------------------------------

_GLOB = re.compile(r"[*?]")


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
    codes, uniques = _codes(tokens[column])
    words = np.asarray(uniques.astype(str), dtype=object)
    order, doc, sentence = _reading_order(tokens)
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

"""Lossless segmentation of a normalised body text into paragraphs, sentences and tokens.

Every unit is a character span ``(start, end)`` into the body text, so
``text[start:end]`` is exactly the unit. The body text produced by
:mod:`analysis.ingest.normalize` separates paragraphs with a blank line and holds no
other newlines, so paragraphs are the runs between ``"\\n\\n"``.

Sentences are nltk Punkt's with explicit parameters (an abbreviation list, no
trained model and no downloaded data), found by :mod:`analysis.annotate.punkt`
at regex speed; a paragraph end always ends a sentence. Tokens are words,
numbers and dotted abbreviations found by one compiled regular expression;
punctuation is not a token.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from analysis.annotate.punkt import FastPunkt

#: Abbreviations Punkt must never treat as a sentence end (lower case, without the final period).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    u.s u.n u.k u.s.a e.u d.c p.r.c r.o.k d.p.r.k u.a.e a.m p.m e.g i.e etc vs
    mr mrs ms dr gen sen rep st no nos jr sr prof gov lt col capt maj sgt adm cmdr amb rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec
    inc ltd co corp dept est fig approx vol art para
    """.split()
)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

_HYPHEN = "[-\u2010\u2011]"
#: One token: dotted abbreviations (U.S., a.m.), numbers (1,000 3.5), words with hyphens or
#: apostrophes (one-China, COVID-19, Israel-Hamas, don't), or a split-off possessive 's.
_WORD = rf"\w+(?:{_HYPHEN}\w+)*(?:['\u2019](?![sS]\b)\w+(?:{_HYPHEN}\w+)*)*"  # don't, but not China's
TOKEN_RE = re.compile(
    rf"""
    (?=\w)(?:                                  # a token starts with a word character ...
        (?=[^\W\d])(?![A-Za-z]\.[A-Za-z]\.) {_WORD}   # the common case first: a word that is no dotted abbreviation
      | (?:[A-Za-z]\.){{2,}}(?![A-Za-z])         # U.S.  U.N.  D.C.  a.m.
      | \d+(?:[.,:/]\d+)+%? | \d+%              # 1,000  3.5  9/11  50%
      | {_WORD}                                 # words: one-China, COVID-19, Israel-Hamas, 10-year, "U" of "U.S.A"
    )
    | ['\u2019][sS]\b                            # ... or is the possessive 's
    """,
    re.VERBOSE,
)
#: The first alternative is the fourth, taken early where the second and third cannot match (a letter
#: first, and no "X.Y." abbreviation ahead): the same tokens, a tenth faster (tests/annotate/test_segment.py).

def _read_word_list(path: Path) -> frozenset[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


_TOKEN_SPLIT = re.compile(f"({TOKEN_RE.pattern}\n)", TOKEN_RE.flags).split

#: scikit-learn's English stop words (kept as data in ``analysis/data/stopwords_english.txt``) plus ``'s``.
STOP_WORDS: frozenset[str] = _read_word_list(Path(__file__).parents[1] / "data" / "stopwords_english.txt") | {"'s"}


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The spans of one document.

    Attributes
    ----------
    paragraphs : list of (start, end)
    sentences : list of (start, end, para_id)
    tokens : TokenArrays
        ``sent_id``, ``start``, ``end`` arrays and the token strings.
    """

    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]
    tokens: TokenArrays


class SentenceSplitter(Protocol):
    """What :func:`sentence_spans` needs of a sentence splitter (nltk's ``PunktSentenceTokenizer`` is one)."""

    def span_tokenize(self, text: str): ...


@functools.lru_cache(maxsize=1)
def sentence_tokenizer(abbreviations: frozenset[str] = ABBREVIATIONS) -> FastPunkt:
    """Return the sentence splitter: Punkt's decisions with ``abbreviations`` as its only parameter."""
    return FastPunkt(abbreviations)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank paragraphs of ``text``, stripped of surrounding space."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.extend(_strip_span(text, pos, brk.start()))
        pos = brk.end()
    spans.extend(_strip_span(text, pos, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def sentence_spans(
    text: str,
    paragraphs: list[tuple[int, int]] | None = None,
    *,
    tokenizer: SentenceSplitter | None = None,
) -> list[tuple[int, int, int]]:
    """Sentence spans ``(start, end, para_id)``; a paragraph end always ends a sentence.

    The splitter runs once over the whole text and every sentence is then cut at the
    paragraph ends it crosses. The spans do not overlap and together cover
    every non-space character of ``text``.

    Parameters
    ----------
    text : str
        A normalised body text.
    paragraphs : list of (start, end), optional
        Its paragraph spans, if already known.
    tokenizer : SentenceSplitter, optional, keyword-only
        Default: :func:`sentence_tokenizer` (Punkt's decisions at regex speed).
    """
    if paragraphs is None:
        paragraphs = paragraph_spans(text)
    if not paragraphs:
        return []
    starts = [p[0] for p in paragraphs]
    out: list[tuple[int, int, int]] = []
    for s, e in _chunked_spans(text, paragraphs, tokenizer or sentence_tokenizer()):
        para_id = bisect.bisect_right(starts, s) - 1
        while e > paragraphs[para_id][1]:
            out.append((s, paragraphs[para_id][1], para_id))
            para_id += 1
            s = paragraphs[para_id][0]
        out.append((s, e, para_id))
    return _cover_gaps(text, out)


#: The splitter runs over chunks of whole paragraphs of about this many characters (as nltk's Punkt had to,
#: whose regular expressions have a time limit a 50 MB text exceeded); kept so that the spans stay the same.
CHUNK_CHARS = 500_000


def _chunked_spans(text: str, paragraphs: list[tuple[int, int]], tokenizer: SentenceSplitter):
    """Punkt's spans over ``text``, computed chunk by chunk, each chunk ending at a paragraph end."""
    if len(text) <= CHUNK_CHARS:
        yield from tokenizer.span_tokenize(text)
        return
    chunk_start = paragraphs[0][0]
    for i, (_, p_end) in enumerate(paragraphs):
        last = i == len(paragraphs) - 1
        if last or paragraphs[i + 1][0] - chunk_start > CHUNK_CHARS:
            for s, e in tokenizer.span_tokenize(text[chunk_start:p_end]):
                yield chunk_start + s, chunk_start + e
            if not last:
                chunk_start = paragraphs[i + 1][0]


def _cover_gaps(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Attach any non-space character Punkt left between sentences to the preceding sentence."""
    fixed: list[tuple[int, int, int]] = []
    for i, (s, e, p) in enumerate(spans):
        nxt = spans[i + 1][0] if i + 1 < len(spans) else None
        if nxt is not None and spans[i + 1][2] == p:
            gap = text[e:nxt]
            if gap.strip():
                e = e + len(gap.rstrip())
        fixed.append((s, e, p))
    return fixed


@dataclass(frozen=True, slots=True)
class TokenArrays:
    """The tokens of one document as parallel arrays (fast to turn into an Arrow table)."""

    sent_id: np.ndarray
    start: np.ndarray
    end: np.ndarray
    text: list[str]

    def __len__(self) -> int:
        return len(self.text)


def token_arrays(text: str, sentences: list[tuple[int, int, int]]) -> TokenArrays:
    """Tokens of ``text`` as arrays, each assigned to the sentence that holds it.

    One ``split`` on the token pattern (in a capturing group) gives the gaps
    and the tokens in turn, in C; offsets are the running sum of their
    lengths (NumPy), so no Python object is made per token beyond its string.
    """
    pieces = _TOKEN_SPLIT(text)  # gap, token, gap, token, ..., gap
    words = pieces[1::2]
    if not words or not sentences:
        empty = np.zeros(0, np.int32)
        return TokenArrays(empty, empty, empty, [])
    gap_len = np.fromiter(map(len, pieces[0:-1:2]), np.int64, len(words))
    tok_len = np.fromiter(map(len, words), np.int64, len(words))
    end = np.cumsum(gap_len + tok_len)
    start = end - tok_len
    sent_start = np.fromiter((s for s, _, _ in sentences), np.int64, len(sentences))
    sent_end = np.fromiter((e for _, e, _ in sentences), np.int64, len(sentences))
    sent_id = np.searchsorted(sent_start, start, side="right") - 1
    inside = (sent_id >= 0) & (end <= sent_end[np.maximum(sent_id, 0)])
    if not inside.all():  # a token straddling a sentence break: tokenize sentence by sentence instead
        return _token_arrays_by_sentence(text, sentences)
    return TokenArrays(sent_id.astype(np.int32), start.astype(np.int32), end.astype(np.int32), words)


def _token_arrays_by_sentence(text: str, sentences: list[tuple[int, int, int]]) -> TokenArrays:
    spans = token_spans(text, sentences)
    return TokenArrays(
        np.array([t[0] for t in spans], np.int32),
        np.array([t[1] for t in spans], np.int32),
        np.array([t[2] for t in spans], np.int32),
        [text[s:e] for _, s, e in spans],
    )


def token_spans(text: str, sentences: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Token spans ``(sent_id, start, end)`` inside each sentence (the simple, per-sentence form)."""
    finditer = TOKEN_RE.finditer
    out: list[tuple[int, int, int]] = []
    for sent_id, (s, e, _p) in enumerate(sentences):
        out.extend((sent_id, m.start(), m.end()) for m in finditer(text, s, e))
    return out


#: The characters a token's ``norm`` makes plain (after lower-casing): curly apostrophe, hyphen, non-breaking hyphen.
NORM_REPLACEMENTS: tuple[tuple[str, str], ...] = (("\u2019", "'"), ("\u2010", "-"), ("\u2011", "-"))


def normalize_token(token: str) -> str:
    """The ``norm`` of a token: lower case, curly apostrophes and odd hyphens made plain.

    Parameters
    ----------
    token : str

    Returns
    -------
    str
        ``"one‐China"`` (U+2010), ``"one‑China"`` (U+2011) and ``"one-China"`` all give ``"one-china"``.
    """
    norm = token.lower()
    for old, new in NORM_REPLACEMENTS:
        norm = norm.replace(old, new)
    return norm


def normalize_tokens(tokens: pa.Array, *, stop_words: pa.Array | None = None):
    """:func:`normalize_token` of every string of an Arrow array, vectorised (the build's ``norm`` column).

    Each distinct token is normalised once (a document repeats its vocabulary: the
    3.2 million tokens of a 20 MB slice hold 37,000 distinct strings).

    Parameters
    ----------
    tokens : pyarrow.Array or ChunkedArray of str
    stop_words : pyarrow.Array of str, optional
        With it, also return whether each ``norm`` is one of them (the ``is_stop`` column),
        looked up once per distinct token.

    Returns
    -------
    pyarrow.Array, or (pyarrow.Array, pyarrow.Array) with ``stop_words``
    """
    if isinstance(tokens, pa.ChunkedArray):
        parts = [normalize_tokens(chunk, stop_words=stop_words) for chunk in tokens.chunks]
        if stop_words is None:
            return pa.chunked_array(parts, pa.string())
        return pa.chunked_array([n for n, _ in parts], pa.string()), pa.chunked_array([s for _, s in parts], pa.bool_())
    encoded = pc.dictionary_encode(tokens)
    norms = normalized_strings(encoded.dictionary)
    if stop_words is None:
        return norms.take(encoded.indices)
    return norms.take(encoded.indices), pc.is_in(norms, value_set=stop_words).take(encoded.indices)


def normalized_strings(strings: pa.Array) -> pa.Array:
    """:func:`normalize_token` of every string of an Arrow array, one kernel pass per replacement."""
    norm = pc.utf8_lower(strings)
    for old, new in NORM_REPLACEMENTS:
        norm = pc.replace_substring(norm, old, new)
    return norm


def segment(text: str) -> Segmentation:
    """Segment a normalised body text into paragraphs, sentences and tokens."""
    paragraphs = paragraph_spans(text)
    sentences = sentence_spans(text, paragraphs)
    return Segmentation(paragraphs, sentences, token_arrays(text, sentences))

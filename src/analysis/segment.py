"""Lossless segmentation of a normalised body text into paragraphs, sentences and tokens.

Every unit is a character span ``(start, end)`` into the body text, so
``text[start:end]`` is exactly the unit. The body text produced by
:mod:`analysis.normalize` separates paragraphs with a blank line and holds no
other newlines, so paragraphs are the runs between ``"\\n\\n"``.

Sentences come from nltk's Punkt with explicit parameters (an abbreviation
list, no trained model and no downloaded data); a paragraph end always ends a
sentence. Tokens are words, numbers and dotted abbreviations found by one
compiled regular expression; punctuation is not a token.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

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

#: One token: dotted abbreviations (U.S., a.m.), numbers (1,000 3.5 COVID-19),
#: hyphenated or apostrophe words (one-China, Israel-Hamas, don't), a split-off possessive.
TOKEN_RE = re.compile(
    r"""
    (?:[A-Za-z]\.){2,}(?![A-Za-z])          # U.S.  U.N.  D.C.  a.m.
    | \d+(?:[.,:/]\d+)*%?                   # 300  1,000  3.5  9/11  50%
    | \w+(?:[-\u2010\u2011][\w]+)*(?=['\u2019][sS]\b)   # China (before 's)
    | ['\u2019][sS]\b                       # the possessive 's
    | \w+(?:[-\u2010\u2011'\u2019]\w+)*     # words, one-China, COVID-19, don't
    """,
    re.VERBOSE,
)

STOP_WORDS: frozenset[str] = frozenset(ENGLISH_STOP_WORDS) | {"'s"}


@dataclass(frozen=True, slots=True)
class Segmentation:
    """The spans of one document.

    Attributes
    ----------
    paragraphs : list of (start, end)
    sentences : list of (start, end, para_id)
    tokens : list of (sent_id, start, end)
    """

    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]
    tokens: list[tuple[int, int, int]]


@functools.lru_cache(maxsize=1)
def sentence_tokenizer(abbreviations: frozenset[str] = ABBREVIATIONS) -> PunktSentenceTokenizer:
    """Return a Punkt tokenizer built from explicit parameters (no trained data)."""
    params = PunktParameters()
    params.abbrev_types = set(abbreviations)
    return PunktSentenceTokenizer(params)


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


def sentence_spans(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int]]:
    """Sentence spans ``(start, end, para_id)``; a paragraph end always ends a sentence.

    The spans do not overlap and together cover every non-space character of ``text``.
    """
    tokenizer = sentence_tokenizer()
    if paragraphs is None:
        paragraphs = paragraph_spans(text)
    out: list[tuple[int, int, int]] = []
    for para_id, (p_start, p_end) in enumerate(paragraphs):
        para = text[p_start:p_end]
        for s, e in tokenizer.span_tokenize(para):
            out.append((p_start + s, p_start + e, para_id))
    return _cover_gaps(text, out)


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


def token_spans(text: str, sentences: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Token spans ``(sent_id, start, end)`` inside each sentence."""
    finditer = TOKEN_RE.finditer
    out: list[tuple[int, int, int]] = []
    append = out.append
    for sent_id, (s, e, _p) in enumerate(sentences):
        for m in finditer(text, s, e):
            append((sent_id, m.start(), m.end()))
    return out


def normalize_token(token: str) -> str:
    """The ``norm`` of a token: lower case, curly apostrophes and odd hyphens made plain."""
    return token.lower().replace("\u2019", "'").replace("\u2010", "-").replace("\u2011", "-")


def segment(text: str) -> Segmentation:
    """Segment a normalised body text into paragraphs, sentences and tokens."""
    paragraphs = paragraph_spans(text)
    sentences = sentence_spans(text, paragraphs)
    return Segmentation(paragraphs, sentences, token_spans(text, sentences))

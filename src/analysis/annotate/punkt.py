"""Punkt's sentence boundaries with explicit parameters, at the speed of one regular-expression pass.

nltk's :class:`~nltk.tokenize.punkt.PunktSentenceTokenizer` given only an
abbreviation list (no collocations, no frequent sentence starters, no
orthographic context, nothing trained or downloaded) takes a simple decision
at each candidate end (``.``, ``?`` or ``!`` followed by punctuation or by
space and a token):

* ``?`` and ``!`` always end a sentence;
* a period after an ellipsis or a known abbreviation never does;
* a period after an initial (``J.``) or a number (``1990.``) does not when the
  next token is lower case or ``;:,.!?``, nor after an initial when the next
  token is capitalised;
* any other period does.

This module reproduces that algorithm (candidate contexts, the word pieces of
each context, the two annotation passes, the realignment of closing quotes and
brackets) with the same regular expressions, compiled once with the
:mod:`regex` engine nltk itself uses. The common context, a plain word and a
period, is decided without tokenising it, and every other decision is cached
by its context. It imports nothing from nltk, so the build starts without
nltk's package ``__init__``; ``tests/annotate/test_punkt.py`` proves the spans
equal nltk's on generated text and on the White House corpus.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import regex

#: nltk's ``PunktLanguageVars`` pieces, as the patterns below combine them.
_NON_WORD = r"(?:[)\";}\]\*:@\'\({\[\u2018\u2019\u201c\u201d\xab\xbb\?\!])"
_MULTI_CHAR = r"(?:\-{2,}|\.{2,}|(?:\.\s){2,}\.)"
_WORD_START = r"[^\(\"\`{\[:;&\#\*@\)}\]\-,]"

#: A candidate end and what follows it (punctuation, or space and the next token).
PERIOD_CONTEXT = regex.compile(
    rf"""
    [\.\?\!]
    (?=(?P<after_tok>
        {_NON_WORD}
        |
        \s+(?P<next_tok>\S+)
    ))""",
    regex.UNICODE | regex.VERBOSE,
)

#: Punkt's word pieces: punctuation other than the period is split off words.
WORD_PIECES = regex.compile(
    rf"""(
        {_MULTI_CHAR}
        |
        (?={_WORD_START})\S+?
        (?=
            \s|
            $|
            {_NON_WORD}|{_MULTI_CHAR}|
            ,(?=$|\s|{_NON_WORD}|{_MULTI_CHAR})
        )
        |
        \S
    )""",
    regex.UNICODE | regex.VERBOSE,
)

#: Closing quotes and brackets after a sentence end belong to that sentence.
BOUNDARY_REALIGNMENT = regex.compile(r'["\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)', regex.MULTILINE)

_NUMERIC = regex.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
_INITIAL = regex.compile(r"[^\W\d]\.$", regex.UNICODE)
_ELLIPSIS = regex.compile(r"\.\.+$")
_PLAIN_WORD = regex.compile(r"[A-Za-z]{2,}")
_SENT_END = frozenset(".?!")
_NOT_SENTENCE_START = frozenset(";:,.!?")  # Punkt's PUNCTUATION: never the first token of a sentence
_ASCII_SPACE = " \t\n\r\x0b\x0c"  # string.whitespace, which Punkt uses to find the word before a period


@functools.lru_cache(maxsize=1 << 16)
def context_contains_break(context: str, abbreviations: frozenset[str]) -> bool:
    """Punkt's ``text_contains_sentbreak``: a piece marked as a sentence end is followed by another piece.

    Parameters
    ----------
    context : str
        The word before a candidate end, the end, and what follows it.
    abbreviations : frozenset of str

    Returns
    -------
    bool
    """
    pieces = [p for line in context.split("\n") if line.strip() for p in WORD_PIECES.findall(line)]
    return any(_piece_breaks(tok, nxt, abbreviations) for tok, nxt in zip(pieces, pieces[1:]))


def _piece_breaks(tok: str, nxt: str, abbreviations: frozenset[str]) -> bool:
    """Both of Punkt's annotation passes on one piece, given the piece after it."""
    if tok in _SENT_END:
        return True
    if _ELLIPSIS.match(tok) or not tok.endswith(".") or tok.endswith(".."):
        return False
    stem = tok[:-1].lower()
    if stem in abbreviations or stem.split("-")[-1] in abbreviations:
        return False
    initial = _INITIAL.match(tok) is not None
    kind = "##number##" if _NUMERIC.search(tok.lower()) else tok.lower()
    if len(kind) > 1 and kind.endswith("."):
        kind = kind[:-1]
    if initial or kind == "##number##":
        if nxt in _NOT_SENTENCE_START or nxt[0].islower():
            return False
        if initial and nxt[0].isupper():
            return False
    return True


class FastPunkt:
    """Sentence spans equal to Punkt's with an abbreviation list as its only parameter.

    Parameters
    ----------
    abbreviations : iterable of str
        Lower-case abbreviations without their final period (``"u.s"``, ``"mr"``).
    """

    def __init__(self, abbreviations):
        self.abbreviations = frozenset(abbreviations)

    def span_tokenize(self, text: str) -> Iterator[tuple[int, int]]:
        """The ``(start, end)`` spans of the sentences of ``text``, as Punkt's ``span_tokenize`` gives them."""
        return _realign(text, self.break_slices(text))

    def break_slices(self, text: str) -> list[tuple[int, int]]:
        """Punkt's ``_slices_from_text``: the text cut after each candidate end that is a sentence break.

        One pass over the candidates (Punkt's ``_match_potential_end_contexts`` inlined): the word before
        a candidate starts after the last ASCII space since the previous candidate (a space at that
        range's first character counting, as in Punkt, as none); of candidates whose words overlap,
        only the last is decided.
        """
        abbreviations = self.abbreviations
        slices: list[tuple[int, int]] = []
        last_break = 0
        prev_start = prev_stop = 0
        prev_match = None
        rfind = text.rfind
        spaces = [c for c in _ASCII_SPACE if c in text]
        one_space = spaces[0] if len(spaces) == 1 else None
        plain_word = _PLAIN_WORD.fullmatch
        for match in [*PERIOD_CONTEXT.finditer(text), None]:
            if match is not None:
                m_start = match.start()
                if one_space is not None:
                    last_space = rfind(one_space, prev_stop, m_start) - prev_stop
                else:
                    last_space = max([rfind(c, prev_stop, m_start) for c in spaces], default=-1) - prev_stop
                word_start = last_space + prev_stop + 1 if last_space > 0 else prev_start
                if prev_match is None or prev_stop > word_start:
                    prev_match, prev_start, prev_stop = match, word_start, m_start
                    continue
            if prev_match is None:
                break
            # decide the previous candidate, whose word is text[prev_start:prev_stop]
            if text[prev_stop] != ".":
                breaks = True  # "?" and "!" are pieces of their own, and a piece always follows them
            else:
                word = text[prev_start:prev_stop]
                if plain_word(word) and word.lower() not in abbreviations:
                    breaks = True  # a plain word and a period: a sentence end whatever follows
                else:
                    breaks = context_contains_break(word + "." + prev_match.group("after_tok"), abbreviations)
            if breaks:
                slices.append((last_break, prev_stop + 1))
                next_start = prev_match.start("next_tok")
                last_break = next_start if next_start >= 0 else prev_stop + 1
            if match is None:
                break
            prev_match, prev_start, prev_stop = match, word_start, m_start
        slices.append((last_break, len(text.rstrip())))
        return slices


_CLOSING = frozenset("\"')]}\u2018\u2019\u201c\u201d\xab\xbb")


def _realign(text: str, slices: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Move closing punctuation that follows a sentence end into that sentence (Punkt's ``_realign_boundaries``)."""
    realign = 0
    slices = iter(slices)
    current = next(slices, None)
    while current is not None:
        following = next(slices, None)
        start, stop = current[0] + realign, current[1]
        if following is None:
            if start < stop:
                yield start, stop
            break
        f_start, f_stop = following
        m = None
        if f_start < f_stop and text[f_start] in _CLOSING:
            m = BOUNDARY_REALIGNMENT.match(text, f_start, f_stop)
        if m:
            yield start, f_start + len(m.group(0).rstrip())
            realign = m.end() - f_start
        else:
            realign = 0
            if start < stop:
                yield start, stop
        current = following

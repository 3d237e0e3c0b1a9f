"""The fast sentence splitter gives exactly nltk Punkt's spans with the same explicit parameters."""

from __future__ import annotations

from conftest import WH, needs_corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.annotate.punkt import FastPunkt, context_contains_break
from analysis.annotate.segment import ABBREVIATIONS, sentence_spans
from analysis.ingest.normalize import normalize_body
from analysis.ingest.readers import read_input
from analysis.ingest.sources import RawInput


def nltk_punkt() -> PunktSentenceTokenizer:
    """Plain nltk Punkt given only our abbreviation list: the reference."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


REFERENCE = nltk_punkt()
FAST = FastPunkt(ABBREVIATIONS)

#: Pieces that exercise every rule: abbreviations, initials, numbers, ellipses, closing quotes and brackets,
#: runs of end marks, spaces of several kinds, paragraph breaks.
_PIECES = list("abcdefgh XYZ.,;:!?'\"-()[]{}\u2018\u2019\u201c\u201d\u00ab\u00bb\u00a0\t\n0123456789") + [
    "U.S.", "Mr.", " Dr.", "\n\n", "...", ". . .", "--", "Feb. 9", " J. ", "a.m. ", "e.g.,", " 1990. ", "vs.",
    "St.-", "no.", " I ", "?!", "!!! ", ".)", '."', "\u2019 ", " the ", " The ", "Co.", "x-mr.",
]
_prose = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_prose)
def test_spans_equal_punkt_on_generated_prose(text: str) -> None:
    assert list(FAST.span_tokenize(text)) == list(REFERENCE.span_tokenize(text))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_spans_equal_punkt_on_any_unicode(text: str) -> None:
    assert list(FAST.span_tokenize(text)) == list(REFERENCE.span_tokenize(text))


@settings(max_examples=1000, deadline=None)
@given(_prose)
def test_document_sentences_equal_punkt_on_normalised_text(raw: str) -> None:
    text = normalize_body(raw)
    assert sentence_spans(text) == sentence_spans(text, tokenizer=REFERENCE)


def test_decisions_of_each_rule() -> None:
    """One case per rule of the module docstring, checked against Punkt itself."""
    cases = {
        "He left? Then": True, "Stop! Now": True,      # ? and ! always end a sentence
        "U.S. Officials": False, "Mr. Blinken": False,  # known abbreviations never do
        "wait... Then": False,                          # nor an ellipsis
        "J. Smith": False, "J. said": False,            # an initial before a capital or lower case word
        "1990. the": False, "1990. The": True,          # a number before lower case, before a capital
        "talks. The": True, "talks.) The": True,        # any other period
    }
    for context, expected in cases.items():
        assert context_contains_break(context, ABBREVIATIONS) is expected, context
        assert REFERENCE.text_contains_sentbreak(context) is expected, context


@needs_corpus(WH)
def test_no_span_differs_on_the_white_house_corpus(wh_files) -> None:
    checked = 0
    for path in wh_files:
        docs, _ = read_input(RawInput(path.name, path.read_bytes()))
        for doc in docs:
            assert sentence_spans(doc.text) == sentence_spans(doc.text, tokenizer=REFERENCE), path.name
            checked += 1
    assert checked > 1000  # the whole corpus, not a few files

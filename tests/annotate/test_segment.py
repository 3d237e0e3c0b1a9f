"""Segmentation is lossless: sentence spans cover every non-space character, tokens lie inside sentences."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from conftest import WH, needs_corpus
from hypothesis import example, given, settings
from hypothesis import strategies as st

from analysis import build_tables
import pyarrow as pa

from analysis.annotate.segment import STOP_WORDS, TOKEN_RE, normalize_token, normalize_tokens, normalized_strings, segment
from analysis.ingest.normalize import normalize_body
from analysis.ingest.readers import read_input
from analysis.ingest.sources import RawInput


def assert_lossless(text: str) -> None:
    seg = segment(text)
    covered = bytearray(len(text))
    last_end = 0
    for start, end, para_id in seg.sentences:
        assert 0 <= start < end <= len(text)
        assert start >= last_end, "sentences overlap"
        last_end = end
        covered[start:end] = b"\x01" * (end - start)
        p_start, p_end = seg.paragraphs[para_id]
        assert p_start <= start and end <= p_end, "a sentence crosses its paragraph"
    missing = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missing, f"characters not in any sentence: {[text[i] for i in missing[:10]]}"
    toks = seg.tokens
    for sent_id, start, end, token in zip(toks.sent_id, toks.start, toks.end, toks.text):
        s_start, s_end, _ = seg.sentences[sent_id]
        assert s_start <= start < end <= s_end
        assert text[start:end] == token


_prose = st.lists(
    st.sampled_from(list("abcdefgh XYZ.,;:!?'\"-()\u2019\u00a0\n0123456789") + ["U.S.", "Mr.", " Dr.", "\n\n", "...", "Feb. 9"]),
    max_size=200,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_prose)
def test_lossless_on_arbitrary_normalised_text(raw: str) -> None:
    assert_lossless(normalize_body(raw))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_lossless_on_any_unicode(raw: str) -> None:
    assert_lossless(normalize_body(raw))


def test_abbreviations_do_not_end_sentences() -> None:
    text = ("U.S. Secretary of State Antony Blinken met Dr. Eyal Hulata on Feb. 9 at 10 a.m. in Washington, D.C. today. "
            "Mr. Sullivan spoke. Joseph R. Biden, Jr. met the U.S. delegation.")
    sentences = [text[s:e] for s, e, _ in segment(text).sentences]
    assert not any(s.endswith(("U.S.", "Dr.", "Feb.", "Mr.", "Jr.", "a.m.")) for s in sentences), sentences


def test_paragraph_end_ends_a_sentence_without_full_stop() -> None:
    text = normalize_body("A heading without a stop\n\nThe next paragraph. Second sentence")
    sentences = [text[s:e] for s, e, _ in segment(text).sentences]
    assert sentences == ["A heading without a stop", "The next paragraph.", "Second sentence"]


def test_tokens_keep_compounds_whole() -> None:
    text = "The U.S. and one-China policy, COVID-19 and the Israel-Hamas war: China's 1,000 bills."
    seg = segment(text)
    tokens = seg.tokens.text
    for expected in ("U.S.", "one-China", "COVID-19", "Israel-Hamas", "1,000", "China", "'s"):
        assert expected in tokens, tokens


@needs_corpus(WH)
def test_lossless_on_every_white_house_document(wh_files) -> None:
    for path in wh_files:
        docs, _ = read_input(RawInput(path.name, path.read_bytes()))
        for doc in docs:
            assert_lossless(doc.text)


@needs_corpus(WH)
def test_white_house_sentences_never_break_inside_names(wh_files) -> None:
    fragile = re.compile(r"U\.S\. Secretary|Dr\. Eyal Hulata|Feb\. 9|Mr\. Sullivan|Joseph R\. Biden, Jr\. met")
    seen = 0
    for path in wh_files:
        docs, _ = read_input(RawInput(path.name, path.read_bytes()))
        for doc in docs:
            for m in fragile.finditer(doc.text):
                seen += 1
                for s, e, _ in segment(doc.text).sentences:
                    assert not (s < m.end() and e > m.start() and not (s <= m.start() and m.end() <= e)), (
                        f"{path.name}: sentence breaks inside {m.group()!r}")
    assert seen > 50  # the corpus really has these phrases


def test_stop_words_are_scikit_learns_list_and_s() -> None:
    """The stop-word data file is scikit-learn's list, word for word (the build reads the file, not scikit-learn)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert STOP_WORDS == frozenset(ENGLISH_STOP_WORDS) | {"'s"}


def test_tokens_are_the_token_pattern_matches() -> None:
    """The one-pass split gives exactly the matches of TOKEN_RE, with their offsets."""
    text = "Mr. Blinken's talks: U.S.-China ties, 50% of 1,000; 'don't' \u2019s COVID-19 e.g. a.m. -- end."
    seg = segment(text)
    assert list(seg.tokens.text) == TOKEN_RE.findall(text)
    assert [(s, e) for s, e in zip(seg.tokens.start, seg.tokens.end)] == [m.span() for m in TOKEN_RE.finditer(text)]


def test_hyphen_variants_give_one_norm_in_the_function_and_the_build():
    """U+2010, U+2011 and ASCII hyphens: one ``norm`` both in :func:`normalize_token` and in the built tokens table."""
    variants = ["one\u2010China", "one\u2011China", "one-China"]
    assert {normalize_token(v) for v in variants} == {"one-china"}
    text = " date 2021-11-01 \n\n" + " ".join(f"Both sides discussed the {v} policy." for v in variants) + "\n"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "hyphens.txt"
        path.write_text(text, encoding="utf-8")
        tokens = build_tables([path]).tokens
    hits = tokens[tokens["text"].isin(variants)]
    assert len(hits) == 3 and set(hits["norm"]) == {"one-china"}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aAbB\u2019'\u2010\u2011-\u0130\u00dfI\u03a3", max_size=6), max_size=40))
def test_norm_per_distinct_token_equals_norm_of_every_token(tokens):
    """The build's ``norm`` column, normalised once per distinct token and spread back, equals normalising every
    token (repeats, case-changing letters and empty strings included), chunked or not."""
    array = pa.array(tokens, pa.string())
    assert normalize_tokens(array).equals(normalized_strings(array))
    chunked = pa.chunked_array([array, array[::-1]])
    assert normalize_tokens(chunked).to_pylist() == normalized_strings(chunked.combine_chunks()).to_pylist()
    ascii_only = [t for t in tokens if t.isascii()]
    assert normalize_tokens(pa.array(ascii_only, pa.string())).to_pylist() == [normalize_token(t) for t in ascii_only]


#: The token pattern as first written (issue 4): the reference the faster one in analysis.annotate.segment must equal.
_REFERENCE_TOKEN_RE = re.compile(
    r"""
    (?=\w)(?:
        (?:[A-Za-z]\.){2,}(?![A-Za-z])
      | \d+(?:[.,:/]\d+)+%? | \d+%
      | \w+(?:[-\u2010\u2011]\w+)*
        (?:['\u2019](?![sS]\b)\w+(?:[-\u2010\u2011]\w+)*)*
    )
    | ['\u2019][sS]\b
    """,
    re.VERBOSE,
)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="aAsSxU.,:/%-\u2010\u2011'\u2019 _19\u0663\u00e9\u00df\u0130(", max_size=40)
       | st.lists(st.sampled_from(["U.S.", "a.m.", "U.S.A", "U.", "S", "1,000", "3.5%", "9/11", "50%", "China's", "don't",
                                   "'s", "one-China", "x_1", "\u00e9\u0663", " ", ".", "-", "'"]), max_size=12).map("".join))
@example("The U.S. and the U.S.A. at 9 a.m., U.S.-China: 1,000 or 3.5% (50%) of China's don't one-China x_1.")
def test_token_pattern_gives_the_reference_tokens(text):
    """Dotted abbreviations, numbers, possessives, hyphens, Arabic-Indic digits, accented letters, underscores."""
    assert [m.span() for m in TOKEN_RE.finditer(text)] == [m.span() for m in _REFERENCE_TOKEN_RE.finditer(text)]


def test_is_stop_per_distinct_token_equals_a_lookup_of_every_norm():
    tokens = pa.array(["The", "the", "U.S.", "of", "Of", "China", "\u2019s", "'s", "", "THE"], pa.string())
    stops = pa.array(sorted(STOP_WORDS), pa.string())
    norm, is_stop = normalize_tokens(tokens, stop_words=stops)
    assert norm.equals(normalized_strings(tokens))
    assert is_stop.to_pylist() == [n in STOP_WORDS for n in norm.to_pylist()]
    assert is_stop.to_pylist()[:2] == [True, True] and not is_stop.to_pylist()[5]
    chunked_norm, chunked_stop = normalize_tokens(pa.chunked_array([tokens, tokens]), stop_words=stops)
    assert chunked_stop.to_pylist() == is_stop.to_pylist() * 2 and chunked_norm.to_pylist() == norm.to_pylist() * 2

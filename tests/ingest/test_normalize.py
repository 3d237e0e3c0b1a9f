"""Tests of analysis.ingest.normalize: line endings are unified; bulky inline data is removed from HTML."""

from __future__ import annotations

from tests.ingest.conftest import READOUT, read_one

from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.ingest.normalize import MAX_ATTRIBUTE_CHARS, split_paragraphs, strip_inline_data


def test_crlf_is_normalised() -> None:
    doc = read_one("crlf.txt", (READOUT + "\r\n\r\nSecond paragraph here.\r\n").encode())
    assert "\r" not in doc.text and doc.text.count("\n\n") == 1


def test_strip_inline_data_drops_long_attribute_values_and_scripts_only() -> None:
    long = "A" * MAX_ATTRIBUTE_CHARS
    html = (f'<p class="lead">Kept text.</p><img src="data:image/png;base64,{long}" alt="a chart">'
            f"<div style='background:url({long})'></div><object data={long}></object>"
            '<script type="x">var x = "<p>not text</p>";</script><style>p {color: red}</style><p>More.</p>')
    out = strip_inline_data(html)
    assert long not in out and "not text" not in out and "color" not in out
    assert '<p class="lead">Kept text.</p>' in out and 'alt="a chart"' in out and "<p>More.</p>" in out
    short = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
    assert strip_inline_data(short) == short  # a small inline image is left as it is


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab. \n-*1", max_size=80))
def test_one_paragraph_a_line_equals_blank_line_separated_paragraphs(text):
    """The UN layout's fast path (every line a paragraph) gives what the general path gives for the same lines
    set apart by blank lines."""
    assert split_paragraphs(text, lines_are_paragraphs=True) == split_paragraphs("\n\n".join(text.split("\n")))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab \t\f\v\x00\x07\x1f\x7f\r\n\u00a0\u200b\u00ad\u3000e\u0301", max_size=40))
def test_unify_spaces_on_ascii_text_is_the_general_rule(text):
    """The ASCII shortcut (no NFC, no zero-width search) gives what the general steps give."""
    import re
    import unicodedata

    from analysis.ingest.normalize import unify_spaces

    general = unicodedata.normalize("NFC", text)
    general = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", "", general)
    general = re.sub("[\x00-\x08\x0e-\x1f\x7f]", "", general)
    general = re.sub("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]", " ", general)
    assert unify_spaces(text) == general

"""Pure text normalisation: from a format's raw body to the normalised body text.

The normalised body is what every offset in the tables points into: Unicode
NFC, plain spaces only (no NBSP, thin or zero-width spaces), paragraphs
separated by exactly one blank line (``"\\n\\n"``) and no other newline.
Functions here are small, pure and composable, in the manner of textacy's
``preprocessing.normalize``.
"""

from __future__ import annotations

import re
import unicodedata

_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_MULTI_SPACE = re.compile(" {2,}")
_BLANK_LINES = re.compile(r"\n[ ]*\n\s*")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")
_MD_END_MARK = re.compile(r"^\s*#{3}\s*$", re.MULTILINE)
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_BULLET = re.compile(r"^\s{0,8}(?:[-*+\u2022]|\d{1,3}[.)])\s+(?=\S)")
#: Longest attribute value kept in HTML (an inline ``data:`` image or font is longer; it holds no text).
MAX_ATTRIBUTE_CHARS = 4096
_BULKY_ATTRIBUTE = re.compile(
    rf"""=\s*(?:"[^"<>]{{{MAX_ATTRIBUTE_CHARS},}}"|'[^'<>]{{{MAX_ATTRIBUTE_CHARS},}}'|[^\s"'<>=`]{{{MAX_ATTRIBUTE_CHARS},}})"""
)
_SCRIPT_OR_STYLE = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.IGNORECASE | re.DOTALL)


def unify_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def unify_spaces(text: str) -> str:
    """NFC, odd spaces to plain spaces, zero-width characters and control characters removed."""
    if text.isascii():  # most texts: no zero-width character, and the only odd spaces are tabs and form feeds
        text = _CONTROL.sub("", text)
        for odd in "\t\f\v":
            if odd in text:
                text = text.replace(odd, " ")
        return text
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    return _ODD_SPACES.sub(" ", text)


def strip_markdown(text: str) -> str:
    """Remove Markdown markup that is not prose: comments, ``\\###`` end marks, escapes, emphasis, links, headings."""
    text = _HTML_COMMENT.sub("\n\n", text)
    text = _MD_END_MARK.sub("", text.replace("\\###", "###"))
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_ESCAPE.sub(r"\1", text)


def split_paragraphs(text: str, *, bullets_are_paragraphs: bool = False, lines_are_paragraphs: bool = False) -> list[str]:
    """Split text into paragraphs and join hard-wrapped lines inside each.

    Parameters
    ----------
    text : str
        Text with LF newlines.
    bullets_are_paragraphs : bool, keyword-only
        Start a new paragraph at each Markdown bullet or numbered item (and drop the bullet).
    lines_are_paragraphs : bool, keyword-only
        Treat every line as a paragraph (the UN General Debate files' layout).

    Returns
    -------
    list of str
        Non-empty paragraphs, each on one line with single spaces.
    """
    if lines_are_paragraphs and not bullets_are_paragraphs:  # one paragraph a line: no joining, so the whole text is collapsed at once
        if "  " in text:
            text = _MULTI_SPACE.sub(" ", text)
        return [p for p in (line.strip() for line in text.split("\n")) if p]
    blocks = _BLANK_LINES.split(text)
    paragraphs: list[str] = []
    for block in blocks:
        current: list[str] = []
        for line in block.split("\n"):
            if bullets_are_paragraphs and _MD_BULLET.match(line):
                if current:
                    paragraphs.append(" ".join(current))
                current = [_MD_BULLET.sub("", line, count=1).strip()]
            elif line.strip():
                current.append(line.strip())
        if current:
            paragraphs.append(" ".join(current))
    return [p for p in (_MULTI_SPACE.sub(" ", p).strip() for p in paragraphs) if p]


def join_paragraphs(paragraphs: list[str]) -> str:
    """The normalised body: paragraphs separated by one blank line."""
    return "\n\n".join(paragraphs)


def normalize_body(text: str, *, markdown: bool = False, lines_are_paragraphs: bool = False) -> str:
    """Compose the steps above into the normalised body text.

    Parameters
    ----------
    text : str
        A decoded body (no front matter or header).
    markdown : bool, keyword-only
        Strip Markdown markup and make bullet items paragraphs.
    lines_are_paragraphs : bool, keyword-only
        Every line is a paragraph (UN General Debate layout).
    """
    text = unify_spaces(unify_newlines(text))
    if markdown:
        text = strip_markdown(text)
    return join_paragraphs(
        split_paragraphs(text, bullets_are_paragraphs=markdown, lines_are_paragraphs=lines_are_paragraphs)
    )


def strip_inline_data(html: str) -> str:
    """HTML without what holds no text: attribute values longer than :data:`MAX_ATTRIBUTE_CHARS` and script and style content.

    An inline image (``src="data:image/png;base64,..."``) of 10 MB is one attribute value the
    HTML parser gives up on, losing the text after it; removing it first keeps every paragraph.
    """
    html = _BULKY_ATTRIBUTE.sub('=""', html)
    return _SCRIPT_OR_STYLE.sub(r"\1\3", html)


def clean_title(title: str | None) -> str | None:
    """A one-line title: escapes and odd spaces removed; ``None`` when empty."""
    if title is None:
        return None
    title = _MD_ESCAPE.sub(r"\1", unify_spaces(str(title)))
    title = _MULTI_SPACE.sub(" ", title.replace("\n", " ")).strip()
    return title or None

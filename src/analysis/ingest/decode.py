"""From raw bytes to text, or a plain reason why not.

UTF-8 (with or without BOM) and UTF-16/32 with a BOM are decoded directly;
mostly-ASCII text that is not UTF-8 is read as cp1252 (Latin-1 where
cp1252 has holes), as English readouts saved on Windows are; anything else
is left to charset-normalizer; binary data and text whose encoding cannot be told are
refused with a reason that ends up in the ``rejections`` table.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


class Unreadable(ValueError):
    """Raised with a plain-language reason when an input cannot become a document."""


def decode_bytes(data: bytes, *, stray_nul: bool = False) -> str:
    """Decode ``data`` to text.

    Parameters
    ----------
    data : bytes
    stray_nul : bool, keyword-only
        Read text holding a few NUL bytes (at most 8, or one in 1,000: a damaged row of a table file,
        whose other rows are still good) instead of refusing it as binary.

    Raises
    ------
    Unreadable
        For empty or binary data, or text whose encoding cannot be told.
    """
    if not data.strip():
        raise Unreadable("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise Unreadable(f"starts with a {encoding} byte-order mark but does not decode as {encoding}: {exc.reason}")
    if b"\x00" in data[:8192] and not (stray_nul and data.count(b"\x00") <= max(8, len(data) // 1000)):
        raise Unreadable("binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high = sum(1 for b in data[:200_000] if b > 0x7F)
    if high <= 0.1 * min(len(data), 200_000):
        # Mostly ASCII, as English readouts are: the Windows code page, or Latin-1 where it has holes.
        for encoding in ("cp1252", "latin-1"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise Unreadable("not UTF-8, and its encoding cannot be told (binary data or an unknown code page)")
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise Unreadable(f"not UTF-8; looks like {best.encoding} but does not decode as it")
    controls = sum(1 for ch in text[:20_000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 20_000):
        raise Unreadable("binary file (many control characters), not text")
    return text


def english_problem(text: str, *, min_latin_share: float = 0.6) -> str | None:
    """Return a reason if ``text`` is mostly not English-script prose, else ``None``.

    The test is the share of Latin letters among all letters (a Chinese- or
    Russian-language readout fails it); it is cheap and needs no model.
    """
    sample = text[:50_000]
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if non_ascii < 0.02 * len(sample) and len(sample) > 200:
        return None  # at most 2% non-ASCII characters: English-script text, no need to count letters
    letters = _LETTER.findall(sample)
    if len(letters) < 20:
        return "too little text to analyse (fewer than 20 letters)"
    latin = len(_LATIN.findall(sample))
    share = latin / len(letters)
    if share < min_latin_share:
        return f"mostly not English: only {share:.0%} of its letters are Latin script"
    return None

"""An oversized document annotated in bounded parts, and the parts' tables put back together.

A document longer than :data:`PART_CHARS` characters (no real readout or speech comes near:
the longest are about 100,000) would need memory in proportion to its size all at once: its
sentences, tokens and matches as Python objects, then as Arrow tables, then pickled between
processes. Instead it is cut at paragraph ends into parts of about :data:`PART_CHARS`
characters; each part is annotated on its own, and its tables are shifted into the whole
document's coordinates (character offsets, paragraph, sentence and token numbers), so the
tables read exactly as if the document had been annotated whole.

Speaker attribution restarts at every paragraph anyway; so that each part also knows the
document's event sentence (its participants and issuing side), every part after the first is
annotated with the document's :func:`lead` (its first sentences) in front, whose rows are then
dropped. What a part cannot know is the run-time names (persons first named in an earlier
part); a paragraph longer than a part is cut at a sentence end, where the attribution restarts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from analysis.annotate.segment import sentence_spans

#: Documents longer than this many characters are annotated in parts of about this size.
PART_CHARS = 1_000_000
#: The lead (the first sentences, holding the event sentence) is looked for in this many characters.
LEAD_SEARCH_CHARS = 20_000
#: How many first sentences make the lead (the event sentence is among the first three).
LEAD_SENTENCES = 3

_PARAGRAPH_BREAK = "\n\n"
#: A place to cut a paragraph longer than a part: after a sentence's full stop, before a capital.
_SENTENCE_END = re.compile(r"(?<=[a-z0-9]{3}[.!?]) (?=[A-Z])")
_TABLES_WITH_SENTENCES = ("sentences", "tokens", "topics", "markers")


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a document: ``text[start:end]``, annotated after the document's lead when ``lead`` > 0.

    Attributes
    ----------
    start, end : int
        Character span of the part in the whole text.
    paragraphs : int
        Paragraph breaks before ``start`` (the paragraph number of the part's first paragraph).
    index : int
        The part's number (0 for the first).
    lead : int
        Length of the lead put in front of the part (0 for the first part, which begins with it).
    """

    start: int
    end: int
    paragraphs: int
    index: int = 0
    lead: int = 0


def lead(text: str, *, sentences: int = LEAD_SENTENCES, search: int = LEAD_SEARCH_CHARS) -> str:
    """The first ``sentences`` sentences of ``text`` (within its first ``search`` characters), as one string."""
    spans = sentence_spans(text[:search])
    return text[: spans[min(sentences, len(spans)) - 1][1]] if spans else ""


def _cut(text: str, start: int, limit: int) -> int:
    """Where a part that begins at ``start`` ends: the last paragraph end before ``limit``, else the last sentence end,
    else the last space, else ``limit`` itself."""
    brk = text.rfind(_PARAGRAPH_BREAK, start + 1, limit)
    if brk > start:
        return brk
    window = text[max(start, limit - 100_000):limit]
    ends = [m.start() for m in _SENTENCE_END.finditer(window)]
    if ends:
        return limit - len(window) + ends[-1]
    space = text.rfind(" ", start + 1, limit)
    return space if space > start else limit


def split_document(text: str, *, part_chars: int = PART_CHARS) -> list[Part]:
    """Cut a normalised body text into parts of at most ``part_chars`` characters.

    Parameters
    ----------
    text : str
        Paragraphs separated by one blank line (:func:`analysis.ingest.normalize.normalize_body`).
    part_chars : int, keyword-only

    Returns
    -------
    list of Part
        In order, covering every character of ``text`` but the breaks between parts; a single part
        when ``text`` is no longer than ``part_chars``.
    """
    if len(text) <= part_chars:
        return [Part(0, len(text), 0)]
    head = len(lead(text))
    parts: list[Part] = []
    start, paragraphs = 0, 0
    while start < len(text):
        end = len(text) if len(text) - start <= part_chars else _cut(text, start, start + part_chars)
        parts.append(Part(start, end, paragraphs, len(parts), head if parts else 0))
        paragraphs += text.count(_PARAGRAPH_BREAK, start, end + len(_PARAGRAPH_BREAK))
        start = end
        while start < len(text) and text[start].isspace():
            start += 1
    return parts


def part_text(text: str, part: Part) -> str:
    """The text a part is annotated on: the document's lead and a blank line in front, unless it is the first."""
    body = text[part.start:part.end]
    return f"{text[:part.lead]}{_PARAGRAPH_BREAK}{body}" if part.lead else body


def trim_part(tables: dict[str, pa.Table], part: Part) -> dict[str, pa.Table]:
    """A part's tables in the whole document's character offsets and paragraph numbers, without the lead's rows.

    Sentence and token numbers start again at 0 (:func:`renumber` moves them on). The ``documents`` table is
    kept only for the first part (it holds the document's participants and side); later parts give it empty.
    """
    sentences = tables["sentences"]
    shift, n_lead, para_shift, lead_tokens = part.start, 0, part.paragraphs, 0
    if part.lead:
        shift -= part.lead + len(_PARAGRAPH_BREAK)
        n_lead = pc.sum(pc.less(sentences["start"], part.lead)).as_py() or 0
        para_shift -= _first_value(sentences, "para_id", n_lead)  # the lead's paragraphs come first
        lead_tokens = pc.sum(pc.less(tables["tokens"]["sent_id"], n_lead)).as_py() or 0
    documents = tables["documents"]
    out = {"documents": documents if part.index == 0 else documents.slice(0, 0)}
    for name in _TABLES_WITH_SENTENCES:
        table = tables[name]
        if n_lead:
            table = table.filter(pc.greater_equal(table["sent_id"], n_lead))
        out[name] = _add(table, {"sent_id": -n_lead, "start": shift, "end": shift,
                                 "para_id": para_shift, "token_id": -lead_tokens})
    return out


def renumber(tables: dict[str, pa.Table], *, sentences: int, tokens: int) -> dict[str, pa.Table]:
    """Move a part's sentence and token numbers on by the counts of the parts before it."""
    return {name: _add(table, {"sent_id": sentences, "token_id": tokens}) if name in _TABLES_WITH_SENTENCES else table
            for name, table in tables.items()}


def whole_document(first: pa.Table, *, text: str, n_sentences: int, n_tokens: int, warnings: list[str]) -> pa.Table:
    """The ``documents`` row of the whole document from the first part's row: its text, counts and warnings."""
    row = first.to_pylist()[0]
    row.update(text=text, n_paragraphs=text.count(_PARAGRAPH_BREAK) + 1 if text else 0,
               n_sentences=n_sentences, n_tokens=n_tokens, warnings=list(row.get("warnings") or []) + warnings)
    return pa.Table.from_pylist([row], schema=first.schema)


def _first_value(table: pa.Table, column: str, index: int) -> int:
    return table[column][index].as_py() if index < table.num_rows else 0


def _add(table: pa.Table, shifts: dict[str, int]) -> pa.Table:
    for column, by in shifts.items():
        if by and column in table.column_names:
            i = table.schema.get_field_index(column)
            field = table.schema.field(i)
            table = table.set_column(i, field, pc.add(table[column], pa.scalar(by, field.type)).cast(field.type))
    return table

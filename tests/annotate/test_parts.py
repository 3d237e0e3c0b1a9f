"""An oversized document is cut into bounded parts at paragraph ends, and the parts' tables shift back into place."""

from __future__ import annotations

import pyarrow as pa

from analysis.annotate.parts import Part, lead, part_text, renumber, split_document, trim_part, whole_document
from analysis.annotate.segment import sentence_spans

PARAGRAPH = ("President Biden spoke today with Prime Minister Rutte of the Netherlands. "
             "The leaders discussed support for Ukraine and cooperation on semiconductors.")


def _text(n: int) -> str:
    return "\n\n".join(f"{PARAGRAPH} Paragraph {k}." for k in range(n))


def test_a_short_text_is_one_part() -> None:
    text = _text(3)
    assert split_document(text, part_chars=len(text)) == [Part(0, len(text), 0)]


def test_parts_are_bounded_cut_at_paragraph_ends_and_cover_the_text() -> None:
    text = _text(400)
    parts = split_document(text, part_chars=5_000)
    assert len(parts) > 1 and all(p.end - p.start <= 5_000 for p in parts)
    assert [p.index for p in parts] == list(range(len(parts)))
    assert all(text[p.end:p.end + 2] == "\n\n" for p in parts[:-1]) and parts[-1].end == len(text)
    assert "".join(text[p.start:p.end] + "\n\n" for p in parts)[:-2] == text  # nothing lost, nothing twice
    assert [p.paragraphs for p in parts] == [text.count("\n\n", 0, p.start) for p in parts]
    assert parts[0].lead == 0 and all(p.lead == len(lead(text)) > 0 for p in parts[1:])


def test_a_paragraph_longer_than_a_part_is_cut_at_a_sentence_end() -> None:
    text = " ".join(f"{PARAGRAPH} Sentence {k} ends here." for k in range(300))  # one paragraph
    parts = split_document(text, part_chars=4_000)
    assert len(parts) > 1 and all(p.paragraphs == 0 for p in parts)
    for p in parts[:-1]:
        assert text[p.end - 1] == "." and text[p.end] == " " and text[p.end + 1].isupper()


def test_later_parts_carry_the_lead_the_first_sentences() -> None:
    text = _text(200)
    first_three = sentence_spans(text)[2][1]
    assert lead(text) == text[:first_three]
    part = split_document(text, part_chars=3_000)[2]
    assert part_text(text, part) == f"{text[:part.lead]}\n\n{text[part.start:part.end]}"


def _tables(sentences: list[tuple[int, int, int]], tokens_per_sentence: int) -> dict[str, pa.Table]:
    n = len(sentences)
    sent_ids = [i for i in range(n) for _ in range(tokens_per_sentence)]
    return {
        "documents": pa.table({"doc_id": ["d"], "n_sentences": pa.array([n], pa.int32())}),
        "sentences": pa.table({"sent_id": pa.array(range(n), pa.int32()), "para_id": pa.array([p for _, _, p in sentences], pa.int32()),
                               "start": pa.array([s for s, _, _ in sentences], pa.int32()),
                               "end": pa.array([e for _, e, _ in sentences], pa.int32())}),
        "tokens": pa.table({"sent_id": pa.array(sent_ids, pa.int32()), "token_id": pa.array(range(len(sent_ids)), pa.int32()),
                            "start": pa.array([sentences[i][0] for i in sent_ids], pa.int32()),
                            "end": pa.array([sentences[i][0] + 1 for i in sent_ids], pa.int32())}),
        "topics": pa.table({"sent_id": pa.array([0, n - 1], pa.int32()), "start": pa.array([sentences[0][0], sentences[-1][0]], pa.int32()),
                            "end": pa.array([sentences[0][1], sentences[-1][1]], pa.int32())}),
        "markers": pa.table({"sent_id": pa.array([], pa.int32()), "start": pa.array([], pa.int32()), "end": pa.array([], pa.int32())}),
    }


def test_trim_drops_the_lead_and_shifts_offsets_paragraphs_and_numbers() -> None:
    # A part at character 1000, paragraph 7, annotated after a 30-character lead of two sentences in one paragraph.
    part = Part(start=1000, end=1100, paragraphs=7, index=3, lead=30)
    local = [(0, 12, 0), (13, 30, 0), (32, 60, 1), (61, 90, 1), (92, 132, 2)]  # the lead's two, then the part's three
    out = trim_part(_tables(local, 2), part)
    assert out["documents"].num_rows == 0  # only the first part gives the documents row
    s = out["sentences"]
    assert s["sent_id"].to_pylist() == [0, 1, 2] and s["para_id"].to_pylist() == [7, 7, 8]
    assert s["start"].to_pylist() == [1000, 1029, 1060]  # 32 - (30 + 2) + 1000
    assert out["tokens"]["token_id"].to_pylist() == list(range(6)) and out["tokens"]["sent_id"].to_pylist() == [0, 0, 1, 1, 2, 2]
    assert out["topics"]["sent_id"].to_pylist() == [2] and out["topics"]["start"].to_pylist() == [1060]
    moved = renumber(out, sentences=100, tokens=1000)
    assert moved["sentences"]["sent_id"].to_pylist() == [100, 101, 102]
    assert moved["tokens"]["token_id"].to_pylist()[0] == 1000 and moved["topics"]["sent_id"].to_pylist() == [102]
    assert all(moved[n].schema == out[n].schema for n in out)


def test_the_first_part_keeps_its_rows_and_the_documents_row() -> None:
    tables = _tables([(0, 10, 0), (11, 20, 0)], 1)
    out = trim_part(tables, Part(0, 20, 0))
    assert out["documents"].num_rows == 1 and out["sentences"].equals(tables["sentences"])


def test_the_whole_documents_row_has_the_whole_text_and_counts() -> None:
    schema = pa.schema([("doc_id", pa.string()), ("n_paragraphs", pa.int32()), ("n_sentences", pa.int32()),
                        ("n_tokens", pa.int32()), ("warnings", pa.list_(pa.string())), ("text", pa.large_string())])
    first = pa.Table.from_pylist([{"doc_id": "d", "n_paragraphs": 1, "n_sentences": 2, "n_tokens": 9,
                                   "warnings": ["date left empty"], "text": "part one"}], schema=schema)
    row = whole_document(first, text="part one\n\npart two\n\npart three", n_sentences=30, n_tokens=300,
                         warnings=["part 2 of 3 could not be analysed"]).to_pylist()[0]
    assert row["text"].endswith("part three") and row["n_paragraphs"] == 3
    assert (row["n_sentences"], row["n_tokens"]) == (30, 300)
    assert row["warnings"] == ["date left empty", "part 2 of 3 could not be analysed"]

"""The fixed Arrow schemas of the tables (the DESIGN.md contract, plus a few useful extras)."""

from __future__ import annotations

import pyarrow as pa

_str = pa.string()
_i32 = pa.int32()
_i64 = pa.int64()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("doc_id", _str),
            ("path", _str),
            ("source", _str),
            ("side", _str),
            ("kind", _str),
            ("title", _str),
            ("date", pa.date32()),
            ("event_date", pa.date32()),
            ("event_type", _str),
            ("location", _str),
            ("participants", pa.list_(_str)),
            ("n_paragraphs", _i32),
            ("n_sentences", _i32),
            ("n_tokens", _i32),
            ("sha256", _str),
            ("format", _str),
            ("url", _str),
            ("text", pa.large_string()),
        ]
    ),
    "sentences": pa.schema(
        [
            ("doc_id", _str),
            ("sent_id", _i32),
            ("para_id", _i32),
            ("start", _i32),
            ("end", _i32),
            ("text", _str),
            ("speaker", _str),
            ("speaker_side", _str),
            ("attribution", _str),
            ("reporting_verb", _str),
            ("n_tokens", _i32),
        ]
    ),
    "tokens": pa.schema(
        [
            ("doc_id", pa.dictionary(_i32, _str)),
            ("sent_id", _i32),
            ("token_id", _i32),
            ("start", _i32),
            ("end", _i32),
            ("text", _str),
            ("norm", _str),
            ("is_stop", pa.bool_()),
        ]
    ),
    "speakers": pa.schema(
        [
            ("doc_id", _str),
            ("speaker", _str),
            ("side", _str),
            ("n_sentences", _i32),
            ("n_tokens", _i32),
            ("share", pa.float64()),
            ("first_sent_id", _i32),
        ]
    ),
    "topics": pa.schema(
        [
            ("doc_id", _str),
            ("sent_id", _i32),
            ("topic", _str),
            ("term", _str),
            ("start", _i32),
            ("end", _i32),
        ]
    ),
    "markers": pa.schema(
        [
            ("doc_id", _str),
            ("sent_id", _i32),
            ("category", _str),
            ("marker", _str),
            ("text", _str),
            ("start", _i32),
            ("end", _i32),
            ("target", _str),
            ("negated", pa.bool_()),
        ]
    ),
    "rejections": pa.schema([("path", _str), ("reason", _str), ("duplicate_of", _str)]),
}

TABLE_NAMES: tuple[str, ...] = tuple(SCHEMAS)

"""The Thrift compact protocol, read and written generically: enough to edit a Parquet footer.

A Parquet file ends with its ``FileMetaData``, a Thrift struct in the compact
protocol. :mod:`analysis.parquet._join` joins files written apart (one per
batch, by the workers) into one file, which needs only a few numbers of each
footer changed (byte offsets, row-group ordinals, the row count); so the
structs are read without a schema, as lists of ``[field id, type, value]``,
and written back byte for byte as Apache Thrift writes them (short field
headers for id steps of 1 to 15, short list headers below 15 elements).

See https://github.com/apache/thrift/blob/master/doc/specs/thrift-compact-protocol.md
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Struct", "read_struct", "write_struct", "LIST", "STRUCT", "I16", "I32", "I64"]

STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(13)
_INTEGERS = (I16, I32, I64)


@dataclass
class Struct:
    """A Thrift struct as its fields in wire order: ``[field id, compact type, value]``.

    Values: ``bool`` (types 1 and 2), ``int`` (byte, i16, i32, i64), ``bytes``
    (binary, and a double's 8 raw bytes), ``(element type, [values])`` for
    lists and sets, ``(key type, value type, [(key, value)])`` for maps, and
    :class:`Struct`.
    """

    fields: list[list] = field(default_factory=list)

    def get(self, fid: int, default=None):
        """The value of field ``fid``, or ``default`` when it is absent."""
        for f in self.fields:
            if f[0] == fid:
                return f[2]
        return default

    def set(self, fid: int, value) -> None:
        """Replace the value of field ``fid`` (which must be present: its type is kept)."""
        for f in self.fields:
            if f[0] == fid:
                f[2] = value
                return
        raise KeyError(fid)


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    shift = result = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7


def _zigzag_decode(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def _read_value(buf: bytes, pos: int, ctype: int, *, in_container: bool = False):
    if ctype in (TRUE, FALSE):
        if in_container:  # a container's booleans are one byte each (1 true, 2 false)
            return buf[pos], pos + 1
        return ctype == TRUE, pos
    if ctype == BYTE:
        return buf[pos], pos + 1
    if ctype in _INTEGERS:
        raw, pos = _varint(buf, pos)
        return _zigzag_decode(raw), pos
    if ctype == DOUBLE:
        return bytes(buf[pos:pos + 8]), pos + 8
    if ctype == BINARY:
        n, pos = _varint(buf, pos)
        return bytes(buf[pos:pos + n]), pos + n
    if ctype in (LIST, SET):
        head = buf[pos]
        pos += 1
        size, etype = head >> 4, head & 0x0F
        if size == 15:
            size, pos = _varint(buf, pos)
        items = []
        for _ in range(size):
            item, pos = _read_value(buf, pos, etype, in_container=True)
            items.append(item)
        return (etype, items), pos
    if ctype == MAP:
        size, pos = _varint(buf, pos)
        if not size:
            return (0, 0, []), pos
        kv = buf[pos]
        pos += 1
        ktype, vtype = kv >> 4, kv & 0x0F
        pairs = []
        for _ in range(size):
            k, pos = _read_value(buf, pos, ktype, in_container=True)
            v, pos = _read_value(buf, pos, vtype, in_container=True)
            pairs.append((k, v))
        return (ktype, vtype, pairs), pos
    if ctype == STRUCT:
        return read_struct(buf, pos)
    raise ValueError(f"unknown Thrift compact type {ctype} at byte {pos}")


def read_struct(buf: bytes, pos: int = 0) -> tuple[Struct, int]:
    """Read one struct starting at ``buf[pos]``; return it and the position after it.

    Raises
    ------
    ValueError
        On a type code the protocol does not have (the bytes are no compact-protocol struct).
    """
    fields: list[list] = []
    last = 0
    while True:
        head = buf[pos]
        pos += 1
        if head == STOP:
            return Struct(fields), pos
        ctype, delta = head & 0x0F, head >> 4
        if delta:
            fid = last + delta
        else:
            raw, pos = _varint(buf, pos)
            fid = _zigzag_decode(raw)
        value, pos = _read_value(buf, pos, ctype)
        fields.append([fid, ctype, value])
        last = fid


def _write_varint(out: bytearray, n: int) -> None:
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)


def _zigzag(n: int) -> int:
    return (n << 1) ^ (n >> 63)


def _write_value(out: bytearray, ctype: int, value, *, in_container: bool = False) -> None:
    if ctype in (TRUE, FALSE):
        if in_container:
            out.append(value)
        return  # a field's boolean is its header's type
    if ctype == BYTE:
        out.append(value & 0xFF)
    elif ctype in _INTEGERS:
        _write_varint(out, _zigzag(value) & 0xFFFFFFFFFFFFFFFF)
    elif ctype == DOUBLE:
        out += value
    elif ctype == BINARY:
        _write_varint(out, len(value))
        out += value
    elif ctype in (LIST, SET):
        etype, items = value
        if len(items) < 15:
            out.append((len(items) << 4) | etype)
        else:
            out.append(0xF0 | etype)
            _write_varint(out, len(items))
        for item in items:
            _write_value(out, etype, item, in_container=True)
    elif ctype == MAP:
        ktype, vtype, pairs = value
        _write_varint(out, len(pairs))
        if pairs:
            out.append((ktype << 4) | vtype)
        for k, v in pairs:
            _write_value(out, ktype, k, in_container=True)
            _write_value(out, vtype, v, in_container=True)
    elif ctype == STRUCT:
        _write_struct(out, value)
    else:
        raise ValueError(f"unknown Thrift compact type {ctype}")


def _write_struct(out: bytearray, struct: Struct) -> None:
    last = 0
    for fid, ctype, value in struct.fields:
        if ctype in (TRUE, FALSE):
            ctype = TRUE if value else FALSE
        delta = fid - last
        if 0 < delta <= 15:
            out.append((delta << 4) | ctype)
        else:
            out.append(ctype)
            _write_varint(out, _zigzag(fid))
        _write_value(out, ctype, value)
        last = fid
    out.append(STOP)


def write_struct(struct: Struct) -> bytes:
    """The compact-protocol bytes of ``struct`` (the inverse of :func:`read_struct`)."""
    out = bytearray()
    _write_struct(out, struct)
    return bytes(out)

"""Readers: one input's bytes to :class:`Document` objects (or a rejection reason).

Formats (chosen by file name):

- plain text like the seed, with an optional first-line header `` date YYYY-MM-DD ``;
- Markdown with YAML front matter (the White House corpus);
- CSV / JSONL / JSON with columns such as ``title, content, publish_time, source_url``
  (one document per row);
- saved HTML pages (main text extracted by trafilatura, title by the HTML parser);
- UN General Debate speeches named ``ISO3_SESSION_YEAR.txt``.

Readers are pure: they take a :class:`~analysis.ingest.sources.RawInput` and return
data; folders and archives are walked by :mod:`analysis.ingest.sources`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import itertools
import json
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from analysis.annotate.segment import sentence_spans
from analysis.annotate.participants import ATTRIBUTION_LINE
from analysis.ingest import metadata as md
from analysis.ingest.decode import Unreadable, decode_bytes, english_problem
from analysis.ingest.issuers import issuer_from_name, issuer_from_url
from analysis.ingest.normalize import clean_title, normalize_body, strip_inline_data
from analysis.ingest.sources import RawInput

_SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_UNGD_NAME = re.compile(r"^(?P<iso>[A-Z]{2,3})_?_(?P<session>\d+)_(?P<year>\d{4})\.txt$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>(?:.*?\n)??)---[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):\s*(?P<value>.*)$", re.MULTILINE)
_TEXT_COLUMNS = ("content", "text", "body", "article", "full_text", "content_text", "body_text", "plain_text")
_HTML_COLUMNS = ("content_html", "html", "body_html", "content_encoded")
_LEAD_COLUMNS = ("summary", "lead", "description")
_TITLE_COLUMNS = ("title", "headline", "subject")
_DATE_COLUMNS = ("publish_time", "date", "published", "published_time", "pub_date", "pubdate", "pub_iso", "time")
_URL_COLUMNS = ("source_url", "url", "link", "permalink", "guid")
#: Cell values that mean "missing" in real exports (R writes NA).
_MISSING = frozenset({"", "na", "n/a", "nan", "null", "none"})
#: Bylines and section marks that are not part of a release's text.
_BYLINE = re.compile(r"\A\s*(?:Office of the Spokesperson|Office of the Press Secretary)\s*\n", re.IGNORECASE)
_SECTION_BREAK = re.compile(r"\s*\*\s\*\s\*\s*")

csv.field_size_limit(sys.maxsize)  # real exports hold fields longer than the default 131,072 characters


@dataclass
class Document:
    """A readout (or speech) ready for segmentation.

    Attributes
    ----------
    doc_id : str
        First 16 hex digits of ``sha256``: stable across paths and formats.
    path : str
        Where it came from (relative to the input folder; ``archive/member``; ``file.csv#row``).
    text : str
        The normalised body text all offsets point into.
    meta : dict
        title, date, source, side, kind, event_date, event_type, location,
        participants, url, format, and format-specific keys.
    """

    doc_id: str
    path: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return self.meta["sha256"]


def read_input(raw: RawInput, *, speaker_list: dict | None = None) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read one input into documents.

    Returns
    -------
    documents : list of Document
    rejections : list of (path, reason)
        Rows of a table file that could not be read (the file's other rows still are).

    Raises
    ------
    Unreadable
        With a plain reason when nothing in it can become a document.
    """
    name = raw.path.rsplit("/", 1)[-1]
    lower = name.lower()
    if lower.endswith((".xlsx", ".xls", ".pdf", ".docx", ".png", ".jpg", ".jpeg", ".gif", ".parquet")):
        raise Unreadable(f"unsupported file type {lower.rsplit('.', 1)[-1]!r} (read: .txt, .md, .csv, .jsonl, .json, .html, archives)")
    text = decode_bytes(raw.data, stray_nul=lower.endswith((".csv", ".tsv", ".jsonl", ".ndjson", ".json")))
    if lower.endswith((".csv", ".tsv")):
        return _read_rows(raw, _csv_rows(text, delimiter="\t" if lower.endswith(".tsv") else ","))
    if lower.endswith((".jsonl", ".ndjson")):
        return _read_rows(raw, _jsonl_rows(text))
    if lower.endswith(".json"):
        return _read_rows(raw, _json_rows(text))
    if _UNGD_NAME.match(name):
        doc = _read_ungd(raw, text, speaker_list or {})
    elif lower.endswith((".md", ".markdown")):
        doc = _read_markdown(raw, text)
    elif lower.endswith((".html", ".htm", ".xhtml")):
        doc = _read_html(raw, text)
    else:
        doc = _read_plain(raw, text)
    return [doc], []


def make_document(path: str, body: str, meta: dict[str, Any], *, sidecar: dict[str, str] | None = None) -> Document:
    """Finish a document: sidecar overrides, English check, hashes, event metadata.

    Raises
    ------
    Unreadable
        When the body is empty or mostly not English.
    """
    if not body.strip():
        raise Unreadable("no text left after removing markup")
    problem = english_problem(body)
    if problem:
        raise Unreadable(problem)
    meta = {k: v for k, v in meta.items() if not _is_empty(v)}
    warnings = _lenient_fields(meta)
    for key, value in (sidecar or {}).items():
        meta[key] = [p.strip() for p in value.split(";") if p.strip()] if key == "participants" else value
    meta["title"] = clean_title(meta.get("title"))
    raw_date = meta.get("date")
    named, served = issuer_from_name(meta.get("source")), issuer_from_url(meta.get("url"))
    issuer = named or served
    if named is not None or (served is not None and not meta.get("source")):
        meta["source"] = issuer.name
    if issuer is not None and issuer.side:
        meta.setdefault("side", issuer.side)
    if issuer is not None and issuer.principal and meta.get("side") == issuer.side:
        meta.setdefault("issuer_principal", issuer.principal)
    if issuer is not None and issuer.continuation is False:
        meta.setdefault("issuer_continuation", False)
    timezone = issuer.timezone if issuer is not None else None
    posted = md.local_time(meta.get("date"), timezone)
    meta["date"] = md.parse_date(meta.get("date"), timezone=timezone)
    meta.setdefault("kind", md.kind_from_title(meta.get("title")))
    if meta["kind"] != "speech":  # speeches report no event of their own
        first = _first_sentence(body)
        meta.setdefault("event_type", md.event_type(meta.get("title"), first))
        meta.setdefault("location", md.location(first))
        account = meta["kind"] in ("readout", "statement", "transcript") and meta.get("event_type") is not None
        if "event_date" not in meta and (account or meta["kind"] == "readout"):
            meta["event_date"] = md.event_date(body, published=meta["date"], fallback=account, lead=first,
                                               posted_overnight=posted is not None and posted.hour < 6)
    if meta.get("event_date") is not None:
        meta["event_date"] = md.parse_date(meta["event_date"])
    if raw_date is not None and meta.get("date") is None:
        warnings.append(f"date {str(raw_date)[:40]!r} is not a date: left empty")
    meta.setdefault("participants", [])
    if warnings:
        meta["warnings"] = warnings
    sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
    meta["sha256"] = sha
    return Document(doc_id=sha[:16], path=path, text=body, meta=meta)


#: Metadata fields that must be text; anything else from front matter or a column is left empty, with a warning.
_TEXT_FIELDS = ("title", "source", "side", "kind", "event_type", "location", "url")


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (str, list, tuple, dict)):
        return len(value) == 0
    return False


def _lenient_fields(meta: dict[str, Any]) -> list[str]:
    """Drop metadata values of the wrong type (``location: [x]``, ``source: 42``, ``date: [2021]``); return a warning for each."""
    warnings = []
    for key in _TEXT_FIELDS:
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            warnings.append(f"{key} is {type(value).__name__}, not text: left empty")
            del meta[key]
    date = meta.get("date")
    if date is not None and not isinstance(date, (str, int, dt.date)):  # never turned into text: a YAML alias bomb would not end
        warnings.append(f"date is {type(date).__name__}, not a date or text: left empty")
        del meta["date"]
    parts = meta.get("participants")
    if parts is not None and not (isinstance(parts, list) and all(isinstance(p, str) for p in parts)):
        if isinstance(parts, str):
            meta["participants"] = [p.strip() for p in parts.split(";") if p.strip()]
        else:
            warnings.append(f"participants is {type(parts).__name__}, not a list of names: left empty")
            del meta["participants"]
    return warnings


def _first_sentence(body: str) -> str:
    """The event sentence: the first sentence, after any attribution line ("The following is attributable to ...")."""
    paras = body.split("\n\n", 2)
    para = paras[0][:2000]
    spans = sentence_spans(para)
    if spans and ATTRIBUTION_LINE.match(para[spans[0][0]:spans[0][1]]):
        rest = para[spans[0][1]:].strip() or (paras[1][:2000] if len(paras) > 1 else "")
        return _first_sentence(rest) if rest else para
    return para[spans[0][0]:spans[0][1]] if spans else para


# -- formats ---------------------------------------------------------------

def _read_plain(raw: RawInput, text: str) -> Document:
    meta: dict[str, Any] = {"format": "text"}
    header = _SEED_HEADER.match(text)
    if header:
        meta["date"] = header.group(1)
        text = text[header.end():]
    meta.update(raw.sidecar)
    return make_document(raw.path, normalize_body(text), meta)


def _read_ungd(raw: RawInput, text: str, speaker_list: dict) -> Document:
    m = _UNGD_NAME.match(raw.path.rsplit("/", 1)[-1])
    iso3, year = m.group("iso"), int(m.group("year"))
    meta: dict[str, Any] = {
        "format": "ungd",
        "source": "UN General Debate",
        "kind": "speech",
        "side": iso3_to_iso2(iso3),
        "country_iso3": iso3,
        "session": int(m.group("session")),
        "date": dt.date(year, 9, 1),
        "event_type": None,
        "title": f"{country_name(iso3)} at the UN General Debate, session {int(m.group('session'))} ({year})",
        "event_date": None,
    }
    speaker = speaker_list.get((iso3, year))
    if speaker:
        meta["speaker"] = speaker["speaker_name"]
        meta["speaker_post"] = speaker["speaker_post"]
    return make_document(raw.path, normalize_body(text, lines_are_paragraphs=True), meta, sidecar=raw.sidecar)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter from a Markdown text; lenient when the YAML is broken.

    Raises
    ------
    Unreadable
        When front matter is opened with ``---`` but never closed.
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.startswith("---"):
        return {}, text
    match = _FRONT_MATTER.match(text)
    if not match:
        raise Unreadable("broken front matter: opened with '---' but never closed")
    try:
        data = yaml.load(match.group("yaml"), Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError):  # broken YAML, or an impossible date ("2021-13-45") YAML cannot construct
        data = None
    if not isinstance(data, dict):  # broken YAML: keep the simple `key: value` lines
        data = {m.group("key"): m.group("value").strip().strip("'\"") for m in _KEY_LINE.finditer(match.group("yaml"))}
    return data, text[match.end():]


def _read_markdown(raw: RawInput, text: str) -> Document:
    front, body = split_front_matter(text)
    meta: dict[str, Any] = {
        "format": "markdown",
        "title": front.get("title"),
        "date": front.get("date") or front.get("published_time"),
        "url": front.get("source_url") or front.get("permalink") or front.get("url"),
    }
    for key in ("source", "side", "kind", "event_type", "location", "participants"):
        if front.get(key):
            meta[key] = front[key]
    meta.update(raw.sidecar)
    return make_document(raw.path, normalize_body(body, markdown=True), meta)


def _read_html(raw: RawInput, text: str) -> Document:
    import trafilatura
    from bs4 import BeautifulSoup

    page = strip_inline_data(text)  # a 10 MB inline image would stop the parsers before the text
    soup = BeautifulSoup(page, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)
    body = trafilatura.extract(page, include_comments=False, include_tables=False, favor_recall=True) or ""
    if not body.strip():
        body = "\n\n".join(p.get_text(" ", strip=True) for p in soup.find_all("p"))
    canonical = soup.find("link", rel="canonical")
    date = None
    for attrs in ({"property": "article:published_time"}, {"name": "date"}, {"name": "pubdate"}):
        tag = soup.find("meta", attrs=attrs)
        if tag and tag.get("content"):
            date = tag["content"]
            break
    meta = {"format": "html", "title": title, "date": date or md.parse_date(text[:5000]),
            "url": canonical.get("href") if canonical else None}
    meta.update(raw.sidecar)
    return make_document(raw.path, normalize_body(body), meta)


_LINE_END = re.compile(r"\r\n|\r|\n")


def _physical_lines(text: str) -> list[str]:
    """The lines of ``text`` with their line ends (CRLF, CR or LF), as a CSV reader sees them."""
    lines, start = [], 0
    for match in _LINE_END.finditer(text):
        lines.append(text[start:match.end()])
        start = match.end()
    if start < len(text):
        lines.append(text[start:])
    return lines


def _csv_rows(text: str, *, delimiter: str) -> list[dict[str, Any]]:
    """The rows of a CSV/TSV text; a row that cannot be read becomes an ``__error__`` row.

    A quoted field must close right before a delimiter or a line end. One that does not, and so runs
    on over the following lines (an unbalanced quote), would swallow the rows after it: that row is
    rejected and reading starts again on the line after the one where it began, so the rows it swallowed
    are read as rows of their own. On a single line the csv module's lenient reading is kept.
    """
    lines = _physical_lines(text)
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as exc:
        raise Unreadable(f"the header line cannot be read as CSV ({exc})") from None
    names = [h.strip() for h in header]
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen and name:
            raise Unreadable(f"column {name!r} appears twice in the header; rename one so the text column is clear")
        seen.add(name.lower())
    rows: list[dict[str, Any]] = []
    base = reader.line_num  # physical lines before the current reader's first line
    reader = csv.reader(itertools.islice(lines, base, None), delimiter=delimiter, strict=True)
    while True:
        before = reader.line_num
        line = base + before + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            spanned = reader.line_num - before
            if spanned <= 1:  # on one line: read it as leniently as before
                values = next(csv.reader([lines[line - 1]], delimiter=delimiter), [])
            else:
                base = _next_row_start(lines, line, width=len(names), delimiter=delimiter)
                rows.append({"__error__": f"line {line} has an unbalanced quote ({exc}): the quoted field opened there "
                                          f"runs on over the next {spanned - 1} lines; lines {line}-{base} are taken as "
                                          f"this row, reading goes on at line {base + 1}"})
                reader = csv.reader(itertools.islice(lines, base, None), delimiter=delimiter, strict=True)
                continue
        if not values:
            continue
        if len(values) > len(names):
            rows.append({"__error__": f"line {line} has {len(values)} fields, the header {len(names)}"})
            continue
        rows.append(dict(zip(names, values)))
    return rows


def _next_row_start(lines: list[str], start: int, *, width: int, delimiter: str, window: int = 1000, longest: int = 200) -> int:
    """Where reading goes on after a row (at line ``start``, 1-based) with an unbalanced quote: the 0-based index of the
    next line within ``window`` lines that begins a well-formed row of ``width`` fields (of at most ``longest`` lines);
    ``start`` (the very next line) when none does."""
    for j in range(start, min(start + window, len(lines))):
        if not lines[j].strip():
            continue
        try:
            row = next(csv.reader(itertools.islice(lines, j, j + longest), delimiter=delimiter, strict=True), [])
        except csv.Error:
            continue
        if len(row) == width:
            return j
    return start


def _jsonl_rows(text: str) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append({"__error__": f"line {n} is not valid JSON: {exc.msg}"})
                continue
            except RecursionError:
                rows.append({"__error__": f"line {n} is JSON nested too deeply to read"})
                continue
            rows.append(row if isinstance(row, dict) else {"__error__": f"line {n} is not a JSON object"})
    return rows


def _json_rows(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not valid JSON: {exc.msg} at line {exc.lineno}")
    except RecursionError:
        raise Unreadable("JSON nested too deeply to read") from None
    if not isinstance(data, (dict, list)):
        raise Unreadable(f"JSON holds one {type(data).__name__}, not objects")
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [data])
    return [row if isinstance(row, dict) else {"__error__": f"item {n} is not an object ({type(row).__name__})"}
            for n, row in enumerate(data, 1)]


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip().lower() not in _MISSING
    return not (isinstance(value, float) and value != value)


def _first(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in names:
        if _present(lowered.get(name)):
            return lowered[name]
    return None


def _row_body(row: dict[str, Any]) -> str | None:
    """The text of a row: its plain-text column, else its HTML column as text; a lead paragraph first."""
    body = _first(row, _TEXT_COLUMNS)
    if body is not None:
        body = str(body)
    else:
        html = _first(row, _HTML_COLUMNS)
        if html is None:
            return None
        body = html_fragment_text(str(html))
    body = _SECTION_BREAK.sub("\n\n", _BYLINE.sub("", body))
    lead = _first(row, _LEAD_COLUMNS)
    if lead is not None and not body.lstrip().startswith(str(lead).strip()[:60]):
        body = f"{str(lead).strip()}\n\n{body}"
    return body


def html_fragment_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block element (``<p>``, ``<li>``, headings)."""
    from bs4 import BeautifulSoup  # heavy: imported on first use

    soup = BeautifulSoup(strip_inline_data(html), "lxml")
    blocks = [el.get_text(" ", strip=True) for el in soup.find_all(["p", "li", "h1", "h2", "h3", "h4", "blockquote"])]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else soup.get_text("\n\n", strip=True)


def _read_rows(raw: RawInput, rows: list[dict[str, Any]]) -> tuple[list[Document], list[tuple[str, str]]]:
    good = [r for r in rows if "__error__" not in r]
    if good and not any(_first(r, _TEXT_COLUMNS + _HTML_COLUMNS) is not None for r in good):
        columns = ", ".join(map(str, good[0].keys()))
        raise Unreadable(f"table has no text column (looked for {', '.join(_TEXT_COLUMNS + _HTML_COLUMNS)}; found {columns})")
    docs: list[Document] = []
    errors: list[tuple[str, str]] = []
    for n, row in enumerate(rows, 1):
        path = f"{raw.path}#row{n}"
        if "__error__" in row:
            errors.append((path, row["__error__"]))
            continue
        body = _row_body(row)
        if body is None:
            errors.append((path, "row has no text (its text columns are empty)"))
            continue
        meta = {
            "format": "table",
            "title": _first(row, _TITLE_COLUMNS),
            "date": _first(row, _DATE_COLUMNS),
            "url": _first(row, _URL_COLUMNS),
        }
        for key in ("source", "side", "kind", "event_type", "location"):
            if _first(row, (key,)) is not None:
                meta[key] = str(_first(row, (key,)))
        meta.update(raw.sidecar)
        try:
            docs.append(make_document(path, normalize_body(body), meta))
        except Unreadable as exc:
            errors.append((path, str(exc)))
    if not docs and not errors:
        raise Unreadable("table has no rows")
    return docs, errors


# -- countries -----------------------------------------------------------------

_HISTORIC = {"SUN": ("SU", "Soviet Union"), "YUG": ("YU", "Yugoslavia"), "CSK": ("CS", "Czechoslovakia"),
             "DDR": ("DD", "East Germany"), "YMD": ("YD", "South Yemen"), "YAR": ("YE", "Yemen Arab Republic"),
             "EU": ("EU", "European Union"), "ZAR": ("ZR", "Zaire"), "BUR": ("BU", "Burma")}


def iso3_to_iso2(iso3: str) -> str:
    """ISO 3166 alpha-2 for an alpha-3 code (historic states and the EU included)."""
    import pycountry

    if iso3 in _HISTORIC:
        return _HISTORIC[iso3][0]
    country = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3)
    return country.alpha_2 if country else iso3


def country_name(iso3: str) -> str:
    """A short English name for an alpha-3 code."""
    import pycountry

    if iso3 in _HISTORIC:
        return _HISTORIC[iso3][1]
    country = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(alpha_3=iso3)
    if not country:
        return iso3
    return getattr(country, "common_name", None) or country.name

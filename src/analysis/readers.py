"""Readers: one input's bytes to :class:`Document` objects (or a rejection reason).

Formats (chosen by file name):

- plain text like the seed, with an optional first-line header `` date YYYY-MM-DD ``;
- Markdown with YAML front matter (the White House corpus);
- CSV / JSONL / JSON with columns such as ``title, content, publish_time, source_url``
  (one document per row);
- saved HTML pages (main text extracted by trafilatura, title by the HTML parser);
- UN General Debate speeches named ``ISO3_SESSION_YEAR.txt``.

Readers are pure: they take a :class:`~analysis.sources.RawInput` and return
data; folders and archives are walked by :mod:`analysis.sources`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from analysis import metadata as md
from analysis.decode import Unreadable, decode_bytes, english_problem
from analysis.normalize import clean_title, normalize_body
from analysis.sources import RawInput

_SEED_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_UNGD_NAME = re.compile(r"^(?P<iso>[A-Z]{2,3})_?_(?P<session>\d+)_(?P<year>\d{4})\.txt$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*):\s*(?P<value>.*)$", re.MULTILINE)
_TEXT_COLUMNS = ("content", "text", "body", "article", "full_text")
_TITLE_COLUMNS = ("title", "headline", "subject")
_DATE_COLUMNS = ("publish_time", "date", "published", "published_time", "pub_date", "time")
_URL_COLUMNS = ("source_url", "url", "link", "permalink")


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
    text = decode_bytes(raw.data)
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
    meta = {k: v for k, v in meta.items() if v not in (None, "", [])}
    for key, value in (sidecar or {}).items():
        meta[key] = [p.strip() for p in value.split(";") if p.strip()] if key == "participants" else value
    meta["title"] = clean_title(meta.get("title"))
    meta["date"] = md.parse_date(meta.get("date"))
    if not meta.get("source") and meta.get("url"):
        meta["source"], url_side = md.issuer_from_url(meta["url"])
        meta.setdefault("side", url_side)
    meta.setdefault("kind", md.kind_from_title(meta.get("title")))
    if meta["kind"] != "speech":  # speeches report no event of their own
        first = _first_sentence(body)
        meta.setdefault("event_type", md.event_type(meta.get("title"), first))
        meta.setdefault("location", md.location(first))
        if "event_date" not in meta:
            meta["event_date"] = md.event_date(body, published=meta["date"])
    if meta.get("event_date") is not None:
        meta["event_date"] = md.parse_date(meta["event_date"])
    meta.setdefault("participants", [])
    sha = hashlib.sha256(body.encode("utf-8")).hexdigest()
    meta["sha256"] = sha
    return Document(doc_id=sha[:16], path=path, text=body, meta=meta)


def _first_sentence(body: str) -> str:
    from analysis.segment import sentence_spans

    para = body.split("\n\n", 1)[0][:2000]
    spans = sentence_spans(para)
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
        data = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError:
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

    soup = BeautifulSoup(text, "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    h1 = soup.find("h1")
    if h1 and h1.get_text(strip=True):
        title = h1.get_text(" ", strip=True)
    body = trafilatura.extract(text, include_comments=False, include_tables=False, favor_recall=True) or ""
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


def _csv_rows(text: str, *, delimiter: str) -> list[dict[str, Any]]:
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def _jsonl_rows(text: str) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                rows.append({"__error__": f"line {n} is not valid JSON: {exc.msg}"})
    return rows


def _json_rows(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"not valid JSON: {exc.msg} at line {exc.lineno}")
    if isinstance(data, dict):
        data = next((v for v in data.values() if isinstance(v, list)), [data])
    return [row for row in data if isinstance(row, dict)]


def _first(row: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in names:
        if lowered.get(name) not in (None, ""):
            return lowered[name]
    return None


def _read_rows(raw: RawInput, rows: list[dict[str, Any]]) -> tuple[list[Document], list[tuple[str, str]]]:
    if rows and _first(rows[0], _TEXT_COLUMNS) is None and not any("__error__" in r for r in rows):
        columns = ", ".join(map(str, rows[0].keys()))
        raise Unreadable(f"table has no text column (looked for {', '.join(_TEXT_COLUMNS)}; found {columns})")
    docs: list[Document] = []
    errors: list[tuple[str, str]] = []
    for n, row in enumerate(rows, 1):
        path = f"{raw.path}#row{n}"
        if "__error__" in row:
            errors.append((path, row["__error__"]))
            continue
        body = _first(row, _TEXT_COLUMNS)
        meta = {
            "format": "table",
            "title": _first(row, _TITLE_COLUMNS),
            "date": _first(row, _DATE_COLUMNS),
            "url": _first(row, _URL_COLUMNS),
        }
        for key in ("source", "side", "kind", "event_type", "location"):
            if _first(row, (key,)):
                meta[key] = str(_first(row, (key,)))
        meta.update(raw.sidecar)
        try:
            docs.append(make_document(path, normalize_body(str(body or "")), meta))
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

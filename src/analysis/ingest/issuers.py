"""Issuers as data: who published a document, and for which side (``lexicons/issuers.yaml``).

A document's ``source`` and ``side`` come from here: by the host of its URL, or
by the name its front matter, table column or ``sources.csv`` gives
("Department of State" -> ``US State Dept``, ``US``). The file is read once
per process.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import yaml

from analysis import config

__all__ = ["Issuer", "IssuerBook", "load_issuers", "issuer_from_url", "issuer_from_name"]


@dataclass(frozen=True)
class Issuer:
    """One issuer: its ``source`` label, side, web domains, other names, principal's office and time zone."""

    name: str
    side: str | None
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    principal: str | None = None
    timezone: str | None = None
    continuation: bool = True


def _key(name: str) -> str:
    """A name folded for matching: lower case, no punctuation, no leading "the"."""
    folded = re.sub(r"[^\w]+", " ", name.casefold()).strip()
    return re.sub(r"^the\s+", "", folded)


@dataclass(frozen=True)
class IssuerBook:
    """The issuers of one file, indexed by folded name and by domain."""

    issuers: tuple[Issuer, ...]
    by_name: dict[str, Issuer]
    by_domain: dict[str, Issuer]

    def from_url(self, url: str | None) -> Issuer | None:
        """The issuer whose domain (or a parent domain of it) serves ``url``; the longest domain wins."""
        if not url:
            return None
        host = urlparse(str(url).strip()).netloc.lower().split(":")[0]
        parts = host.split(".")
        for i in range(len(parts) - 1):
            found = self.by_domain.get(".".join(parts[i:]))
            if found is not None:
                return found
        return None

    def from_name(self, name: object) -> Issuer | None:
        """The issuer a name or alias denotes ("Department of State"), else None."""
        if not isinstance(name, str) or not name.strip():
            return None
        return self.by_name.get(_key(name))

    def get(self, name: str) -> Issuer | None:
        """The issuer of a ``source`` label."""
        return next((i for i in self.issuers if i.name == name), None)


@functools.lru_cache(maxsize=4)
def _load(path: str) -> IssuerBook:
    text = Path(path).read_text(encoding="utf-8")
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: not valid YAML ({exc})") from None
    entries = (data or {}).get("issuers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a list under 'issuers:'")
    issuers, by_name, by_domain = [], {}, {}
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"{path}: issuer {n} needs a 'name' (got {entry!r})")
        issuer = Issuer(name=entry["name"], side=entry.get("side"), domains=tuple(entry.get("domains") or ()),
                        aliases=tuple(entry.get("aliases") or ()), principal=entry.get("principal"),
                        timezone=entry.get("timezone"), continuation=entry.get("continuation", True) is not False)
        issuers.append(issuer)
        for alias in (issuer.name, *issuer.aliases):
            by_name.setdefault(_key(str(alias)), issuer)
        for domain in issuer.domains:
            by_domain.setdefault(str(domain).lower().lstrip("."), issuer)
    return IssuerBook(tuple(issuers), by_name, by_domain)


def load_issuers(path: str | os.PathLike | None = None) -> IssuerBook:
    """The issuers of ``path`` (default ``lexicons/issuers.yaml``), read once per process.

    Raises
    ------
    ValueError
        When the file is not valid YAML or an entry has no name (the message names the file and entry).
    """
    return _load(str(Path(path) if path is not None else config.ISSUERS))


def issuer_from_url(url: str | None, *, path: str | os.PathLike | None = None) -> Issuer | None:
    """The issuer serving ``url`` (see :meth:`IssuerBook.from_url`)."""
    return load_issuers(path).from_url(url)


def issuer_from_name(name: object, *, path: str | os.PathLike | None = None) -> Issuer | None:
    """The issuer a name or alias denotes (see :meth:`IssuerBook.from_name`)."""
    return load_issuers(path).from_name(name)

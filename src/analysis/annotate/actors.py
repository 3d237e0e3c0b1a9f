"""The actor gazetteer: who the principals are, and finding them in a text.

The gazetteer is data (``lexicons/actors.yaml``: canonical names, aliases, side,
gender, offices with dates; ``lexicons/countries.yaml``: country names and
demonyms). :func:`load_gazetteer` compiles it once into regular expressions; the
compiled :class:`Gazetteer` is picklable, so a build sends it to each worker.

A :class:`Cast` is one document's view of the gazetteer: it resolves names,
titles and role nouns at the document's date and is extended at run time with
leaders the gazetteer does not know ("Prime Minister Jan Novak of Slovakia").
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from analysis import config

COUNTRIES_FILE = "countries.yaml"
VERBS_FILE = "reporting_verbs.yaml"

#: Titles that may precede a name ("Prime Minister Mark Rutte"); longest first when compiled.
TITLES: tuple[str, ...] = (
    "President", "Vice President", "Prime Minister", "Deputy Prime Minister", "Chancellor", "Federal Chancellor",
    "King", "Queen", "Crown Prince", "Emir", "Amir", "Sultan", "Sheikh", "Sheikha", "His Majesty", "Her Majesty",
    "His Highness", "Her Highness", "His Royal Highness", "His Excellency", "Her Excellency", "Foreign Minister",
    "Minister of Foreign Affairs", "Minister for Foreign Affairs", "Foreign Secretary", "Secretary of State",
    "Secretary-General", "Secretary General", "Taoiseach", "Premier", "Vice Premier", "State Councilor",
    "Director", "Defense Minister", "Minister of National Defense", "Minister", "Secretary", "Deputy Secretary",
    "National Security Advisor", "National Security Adviser", "Deputy National Security Advisor",
    "Principal Deputy National Security Advisor", "Ambassador", "Ambassador Extraordinary and Plenipotentiary",
    "Governor", "General", "Admiral", "Chairman",
    "Chair", "Speaker", "Senator", "Special Envoy", "Envoy", "Mr.", "Ms.", "Mrs.", "Dr.", "Mr", "Ms", "Mrs", "Pope", "Emperor",
    "Grand Duke", "Prince", "Princess", "Secretary of Defense", "Secretary of the Treasury",
    "Secretary of Commerce", "Trade Representative", "Coordinator", "Commissioner", "Under Secretary",
    "Assistant Secretary", "Vice Chairman", "Prosecutor",  # Kyiv 2022 "International Criminal Court Prosecutor Karim Khan"
    "Attorney",  # Kyiv 2022-04-27 "... Office of Foreign Assets Control (OFAC), Attorney John E. Smith"
    "Defense Attaché", "Defence Attaché", "Military Attaché",  # Kyiv 2021-10 "US Defense Attaché Brittany Stewart"
)
_TITLE_SET = frozenset(TITLES)
_FEMALE_TITLES = {"queen", "her majesty", "her highness", "her excellency", "ms.", "mrs.", "ms", "mrs", "sheikha", "princess"}
_MALE_TITLES = {"king", "his majesty", "his highness", "his royal highness", "his excellency", "mr.", "mr", "crown prince",
                "emir", "amir", "sultan", "sheikh", "prince", "pope", "emperor", "grand duke"}
_NOT_NAMES = frozenset(
    "Call Calls Meeting Meetings Virtual Video Phone Trip Travel Visit Bilateral Roundtable Participation Remarks "
    "Readout Statement Joint And With The Of On In To For At By Announces Hosts Meets Speaks Spoke Met Discussion "
    "Conversation Telephone Delegation Summit Administration Office Team Government Side Leaders Today Yesterday "
    "January February March April May June July August September October November December Monday Tuesday "
    "Wednesday Thursday Friday Saturday Sunday House White Building Back Better Investing Cabinet Extraordinary "
    # an opening word before a name is no part of it: "As I said ...", "As David noted ...", "Once Daniil Granin ..."
    "As When Once If While Since Now So But Then Before After Although Though Because Unless Until Whether "
    "I I’ve I've I’m I'm We You They He She It".split())
_PARTICLES = r"(?:bin|bint|ibn|al|Al|el|El|de|da|do|dos|das|del|van|von|der|den|la|le|du|di)"
#: Titles of officials of organisations and ministries, beyond :data:`TITLES`, as the Kremlin's, Kyiv's and the
#: State Department's event sentences write them ("Head of the Federal Department of Foreign Affairs of the Swiss
#: Confederation Ignazio Cassis", "Managing Director of the International Monetary Fund Kristalina Georgieva").
ORG_TITLES: tuple[str, ...] = (
    "Head", "Deputy Head", "Chairperson", "Chair", "Managing Director", "Director-General", "Director General", "High Representative",
    "State Secretary", "Vice-President", "Vice President", "Commissioner", "Secretary-General", "Secretary General",
    "Minister", "Deputy Minister", "President", "Prime Minister", "Deputy Prime Minister", "Chancellor",
    "Federal Chancellor", "Speaker", "Chairman", "Secretary", "Executive Director", "Director", "Governor", "First Lady",
    "Member",  # Kyiv's delegations: "Member of the Ukrainian delegation Oleksandr Chalyi ..." (labels_ukraine_dev18c.yaml)
)
#: An organisation's acronym in brackets right after the words that name it.
_ACRONYM_AFTER = re.compile(r"\s*\([A-Z]{2,8}\)")
_TITLE_WORDS = frozenset(w for t in TITLES + ORG_TITLES for w in t.replace("-", " ").split())
#: Words that end the name of an organisation, office or country in such a title; the capitalised words after
#: the last of them are the person's name.
_ORG_HEADS = frozenset(
    "Europe Fund Nations Union Commission Council Bank Organization Organisation Affairs Confederation Republic "
    "Kingdom Federation States Parliament Assembly Committee Office Agency Forum Court Cooperation Integration "
    "Development Defence Defense Ministry Government Secretariat Department Cabinet Chancellery Centre Center "
    "Programme Program Emirates Islands Community Alliance Conference Presidency Board Trade Finance Security "
    "Policy Relations Health Justice Interior Economy Energy Education Culture Sport Sports Infrastructure "
    "Environment Agriculture Treasury Commerce Industry Congress Authorities Authority Institute Foundation "
    "Movement Party OSCE NATO UN EU IMF WHO OECD "
    # bodies whose head the text names before them: no run-time principal "Association" or "Bureau" ("President of the
    # Austrian Association of Municipalities", "Acting Assistant Secretary Bureau of East Asian and Pacific Affairs")
    "Association Associations Municipalities Bureau Staff Prosecutor Service Directorate "
    # parliaments named after their country ("President of the Norwegian Storting Masud Gharahkhani")
    "Storting Sejm Seimas Saeima Riigikogu Bundestag Bundesrat Senate Knesset Rada Duma Folketing Riksdag Eduskunta "
    "Althing Cortes Oireachtas Majlis "
    # portfolios of European commissioners ("EU Commissioner for Neighbourhood and Enlargement Olivér Várhelyi")
    "Enlargement Neighbourhood Neighborhood Competition Cohesion Reforms Budget Transparency Values Partnerships "
    "Migration Management Action".split())
#: Role nouns that follow a name in apposition ("met yesterday with Svyatlana Tsikhanouskaya, leader of ...").
_APPOSITIVE_ROLES = (r"leader|head|president|vice president|prime minister|minister|foreign minister|secretary|"
                     r"secretary general|secretary-general|chair|chairperson|chairman|director|director general|"
                     r"commissioner|ambassador|envoy|special envoy|governor|mayor|speaker|king|queen|emir|advisor|"
                     r"adviser|representative|high representative|chancellor")
#: Capital letters that may open a name: ASCII, Latin-1 and Latin Extended-A/B ("Zuzana Čaputová", "Šefčovič").
_CAPITALS = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x250) if chr(c).isupper())
_NAME_TOKEN = r"(?:(?=[" + _CAPITALS + r"])[^\W\d_][\w'’.\-]*|(?:al|el|ad|as|ash|az)-[A-Z][\w'’.\-]*)"


@dataclass(frozen=True, slots=True)
class Office:
    """One term in one office."""

    role: str
    start: dt.date | None
    end: dt.date | None

    def holds(self, date: dt.date | None) -> bool:
        """Whether the term covers ``date`` (any term when the date is unknown)."""
        if date is None:
            return True
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A principal: canonical name, side (ISO2), gender (m/f/None), offices."""

    name: str
    side: str | None
    gender: str | None = None
    offices: tuple[Office, ...] = ()
    title: str | None = None  # the title a document gave a run-time actor

    @property
    def role(self) -> str | None:
        """The most recent office's role."""
        return self.offices[-1].role if self.offices else (self.title.lower() if self.title else None)

    def holds(self, role: str, date: dt.date | None) -> bool:
        """Whether the actor held ``role`` (lower case) at ``date``."""
        return any(o.role == role and o.holds(date) for o in self.offices)

    def has_title(self, title: str) -> bool:
        """Whether ``title`` ("Prime Minister") names one of the actor's offices or its text title."""
        t = title.lower()
        return any(o.role == t for o in self.offices) or (self.title or "").lower().endswith(t)


@dataclass
class Gazetteer:
    """Compiled actors and countries (picklable; compiled patterns pickle by source).

    Attributes
    ----------
    actors : dict
        Canonical name -> :class:`Actor`.
    names : dict
        Every full name and alias -> canonical names.
    surnames : dict
        Short forms -> canonical names (may be several).
    countries : dict
        Country name or demonym -> ISO2.
    country_names : dict
        ISO2 -> display name ("China").
    name_re, titled_re, qualifier_re : re.Pattern
    """

    actors: dict[str, Actor]
    names: dict[str, list[str]]
    surnames: dict[str, list[str]]
    countries: dict[str, str]
    country_names: dict[str, str]
    name_re: re.Pattern = field(repr=False)
    titled_re: re.Pattern = field(repr=False)
    qualifier_re: re.Pattern = field(repr=False)
    verb_re: re.Pattern | None = field(default=None, repr=False)
    verb_lemmas: dict[str, str] = field(default_factory=dict, repr=False)
    titled_of_re: re.Pattern | None = field(default=None, repr=False)
    org_titled_re: re.Pattern | None = field(default=None, repr=False)
    appositive_re: re.Pattern | None = field(default=None, repr=False)
    capitals: dict[str, str] = field(default_factory=dict, repr=False)

    def candidates(self, name: str) -> list[Actor]:
        """Actors a name or short form may denote."""
        keys = self.names.get(name) or self.surnames.get(name) or []
        return [self.actors[k] for k in keys]

    def holder(self, role: str, side: str | None, date: dt.date | None) -> Actor | None:
        """The actor of ``side`` holding ``role`` at ``date`` (latest-starting term wins)."""
        best: tuple[dt.date, Actor] | None = None
        for actor in self.actors.values():
            if side is not None and actor.side != side:
                continue
            for o in actor.offices:
                if o.role == role and o.holds(date):
                    key = o.start or dt.date.min
                    if best is None or key > best[0]:
                        best = (key, actor)
        return best[1] if best else None

    def side_of(self, country: str | None) -> str | None:
        """ISO2 for a country name or demonym ("the Netherlands", "Chinese"), else None."""
        if not country:
            return None
        country = country.strip()
        return self.countries.get(country) or self.countries.get(re.sub(r"^[Tt]he\s+", "", country))

    def names_side(self, words: str, side: str | None) -> bool:
        """Whether ``words`` only name ``side``: its country, demonym (also plural) or capital ("Russians", "Kyiv")."""
        if not side or not words:
            return False
        words = words.strip()
        return any(self.side_of(form) == side or self.capitals.get(form) == side
                   for form in (words, re.sub(r"(?:['’]s|s)$", "", words)))

    def country_name(self, side: str | None) -> str | None:
        """Display name of a side ("CN" -> "China")."""
        return self.country_names.get(side or "", side)


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _alternation(strings: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(set(strings), key=len, reverse=True))


def _default_surname(name: str) -> str:
    return name.split()[-1]


def _load_countries(path: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Country name or demonym -> ISO2, ISO2 -> display name, capital -> ISO2."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    capitals = {str(name): str(iso) for iso, names in (data.get("capitals") or {}).items() for name in names}
    lookup: dict[str, str] = {}
    display: dict[str, str] = {}
    for iso, names in (data.get("countries") or {}).items():
        display[str(iso)] = names[0]
        for n in names:
            lookup.setdefault(n, str(iso))
            lookup.setdefault(n.replace("'", "’"), str(iso))
    for iso, names in (data.get("demonyms") or {}).items():
        for n in names:
            lookup.setdefault(n, str(iso))
    return lookup, display, capitals


def _beside(path: Path, name: str) -> Path:
    near = path.with_name(name)
    return near if near.exists() else config.LEXICONS / name


def load_verbs(path: str | os.PathLike) -> tuple[re.Pattern, dict[str, str]]:
    """Compile the reporting-verb lexicon.

    Returns
    -------
    pattern : re.Pattern
        Whole-word alternation; group ``rv`` is a reporting verb form, group ``ev``
        an event verb ("met", "spoke today with").
    lemmas : dict
        Lower-cased form -> lemma (``re:<pattern>`` for the regular-expression entries;
        :func:`verb_lemma` looks a matched text up).
    """
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    lemmas = {str(form).lower(): str(lemma) for lemma, forms in (data.get("verbs") or {}).items() for form in forms}
    forms = [re.escape(f).replace(r"\ ", r"\s+") for f in sorted(lemmas, key=len, reverse=True)]
    for lemma, regexes in (data.get("patterns") or {}).items():
        for regex in regexes:
            forms.insert(0, f"(?:{regex})")
            lemmas[f"re:{regex}"] = str(lemma)
    events = _alternation([str(v) for v in data.get("event_verbs") or []]).replace(r"\ ", r"\s+")
    with_ = _alternation([str(v) for v in data.get("event_with_verbs") or []])
    pattern = re.compile(rf"(?<![\w-])(?:(?P<rv>{'|'.join(forms)})|(?P<ev>{events}|(?:{with_})\b[^.;]{{0,40}}?\bwith))(?![\w-])")
    return pattern, lemmas


def verb_lemma(gazetteer: "Gazetteer", matched: str) -> str | None:
    """Lemma of a matched reporting-verb text (a form, or a phrase matched by a pattern)."""
    form = re.sub(r"\s+", " ", matched.lower())
    if form in gazetteer.verb_lemmas:
        return gazetteer.verb_lemmas[form]
    for key, lemma in gazetteer.verb_lemmas.items():
        if key.startswith("re:") and re.fullmatch(key[3:], matched, re.IGNORECASE):
            return lemma
    return None


def load_gazetteer(path: str | os.PathLike | None = None, *, countries: str | os.PathLike | None = None,
                   verbs: str | os.PathLike | None = None) -> Gazetteer:
    """Load and compile the actor gazetteer.

    Parameters
    ----------
    path : path-like, optional
        The actors YAML (default :data:`analysis.config.ACTORS_GAZETTEER`).
    countries : path-like, optional
        The countries YAML (default ``countries.yaml`` beside ``path``, else in
        :data:`analysis.config.LEXICONS`).
    verbs : path-like, optional
        The reporting-verb YAML (default ``reporting_verbs.yaml``, found the same way).

    Returns
    -------
    Gazetteer
    """
    path = Path(path) if path is not None else config.ACTORS_GAZETTEER
    countries = Path(countries) if countries is not None else _beside(path, COUNTRIES_FILE)
    verbs = Path(verbs) if verbs is not None else _beside(path, VERBS_FILE)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
    actors: dict[str, Actor] = {}
    names: dict[str, list[str]] = {}
    surnames: dict[str, list[str]] = {}
    for entry in data.get("actors") or []:
        name = str(entry["name"])
        offices = tuple(Office(str(o["role"]).lower(), _date(o.get("from")), _date(o.get("to")))
                        for o in entry.get("offices") or [])
        actors[name] = Actor(name=name, side=str(entry["side"]) if entry.get("side") else None,
                             gender=entry.get("gender"), offices=offices)
        for alias in [name, *map(str, entry.get("aliases") or [])]:
            names.setdefault(alias, []).append(name)
        short = entry["surname"] if "surname" in entry else _default_surname(name)
        if short and short != name:
            surnames.setdefault(str(short), []).append(name)
    country_lookup, display, capitals = _load_countries(countries)
    verb_re, verb_lemmas = load_verbs(verbs)
    titles = _alternation(list(TITLES))
    country_alt = _alternation(list(country_lookup))
    name_re = re.compile(rf"(?<![\w’'-])(?:{_alternation(list(names) + list(surnames))})(?![\w-])")
    titled_re = re.compile(
        rf"(?<![\w-])(?P<title>(?:{titles})(?:\s+(?:and\s+)?(?:{titles}))*)\s+"
        rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:{_PARTICLES}\s+)*{_NAME_TOKEN}){{0,4}})"
        rf"(?:,?\s+of\s+(?P<country>(?:the\s+)?(?:{country_alt})))?(?![\w])")
    # the Kremlin's and Kyiv's order: "President of Venezuela Nicolas Maduro", "Federal Chancellor of Germany Olaf Scholz"
    titled_of_re = re.compile(
        rf"(?<![\w-])(?P<title>(?:{titles}))\s+of\s+(?P<country>(?:the\s+)?(?:{country_alt}))"
        rf"(?:\s+to\s+(?:the\s+)?(?:{country_alt}))?\s+"  # Kyiv's "Ambassador of Canada to Ukraine Larisa Galadza"
        rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:{_PARTICLES}\s+)*{_NAME_TOKEN}){{0,4}})(?![\w])")
    qualifier_re = re.compile(rf"(?<![\w-])(?P<q>{country_alt})(?![\w-])")
    # an organisation's or ministry's official: "Secretary General of the Council of Europe Marija Pejčinović Burić",
    # "Director General of the International Atomic Energy Agency (IAEA) Rafael Mariano Grossi", "Minister of State at
    # the Federal Foreign Office of Germany Tobias Lindner"
    org_titles = _alternation(list(ORG_TITLES))
    org_titled_re = re.compile(
        rf"(?<![\w-])(?P<title>{org_titles})\s+(?:of|for)\s+"
        # a delegation or a faction names its body in lower case: "Member of the Ukrainian delegation Oleksandr Chalyi"
        rf"(?P<rest>(?:(?!and\s+(?:the\s+)?(?:{org_titles})\b)(?:the|of|and|for|on|at|delegation|faction|[-–]|{_PARTICLES}|"
        rf"\([A-Z]{{2,8}}\)|(?=[{_CAPITALS}])[^\W\d_][\w’'.\-]*)\s+){{0,20}}"
        rf"(?=[{_CAPITALS}])[^\W\d_][\w’'\-]*)")
    appositive_re = re.compile(
        rf"\bwith\s+(?P<name>{_NAME_TOKEN}(?:\s+(?:{_PARTICLES}\s+)*{_NAME_TOKEN}){{1,3}}),\s+(?:the\s+)?"
        rf"(?:[a-z][\w-]*\s+){{0,2}}?(?P<title>(?i:{_APPOSITIVE_ROLES}))\b")  # "..., Head of the Foreign Policy Department"
    return Gazetteer(actors=actors, names=names, surnames=surnames, countries=country_lookup,
                     country_names=display, name_re=name_re, titled_re=titled_re, qualifier_re=qualifier_re,
                     verb_re=verb_re, verb_lemmas=verb_lemmas, titled_of_re=titled_of_re,
                     org_titled_re=org_titled_re, appositive_re=appositive_re, capitals=capitals)


def gender_from_title(title: str | None) -> str | None:
    """``m``/``f`` when a title implies it ("King", "Ms."), else None."""
    t = (title or "").lower().split(" and ")[-1].strip()
    if t in _FEMALE_TITLES:
        return "f"
    if t in _MALE_TITLES or t.startswith(("king ", "his ")):
        return "m"
    return None


def last_title(title: str) -> str:
    """The last of two joined titles ("Vice President and Prime Minister" -> "Prime Minister"), else the title
    itself ("Ambassador Extraordinary and Plenipotentiary" is one title)."""
    head, _, last = title.rpartition(" and ")
    return last if head and last in _TITLE_SET else title


def clean_name(name: str) -> str:
    """Cut a captured name at possessives and non-name words ("Biden’s Call" -> "Biden")."""
    words: list[str] = []
    for word in name.split():
        base = re.sub(r"['’]s?$", "", word)
        if base in _NOT_NAMES or base in _ORG_HEADS or not base:
            break
        words.append(base)
        if base != word:  # a possessive ends the name
            break
    while words and words[-1].endswith(".") and words[-1] not in ("Jr.", "Sr."):
        words[-1] = words[-1].rstrip(".")
    return " ".join(w for w in words if w)


@dataclass
class Mention:
    """A person found in a text: span, resolved actor, the title before it, its country qualifier."""

    start: int
    end: int
    actor: Actor
    title: str | None = None
    qualified: str | None = None  # ISO2 of a country qualifier ("U.S. Secretary", "of Japan")


class Cast:
    """One document's actors: the gazetteer at the document's date, plus run-time additions.

    Parameters
    ----------
    gazetteer : Gazetteer
    date : datetime.date, optional
        The document's (event) date; picks office holders and disambiguates names.
    """

    def __init__(self, gazetteer: Gazetteer, *, date: dt.date | None = None):
        self.gazetteer = gazetteer
        self.date = date
        self.extra: dict[str, Actor] = {}
        self.seen: dict[str, Actor] = {}
        self._extra_re: tuple[tuple[str, ...], re.Pattern, dict[str, Actor]] | None = None

    def _extra_names(self) -> tuple[re.Pattern, dict[str, Actor]]:
        """One compiled pattern of the run-time actors' names and surnames (rebuilt only when they change)."""
        key = tuple(self.extra)
        if self._extra_re is None or self._extra_re[0] != key:
            forms: dict[str, Actor] = {}
            for actor in self.extra.values():
                for form in (actor.name, actor.name.split()[-1]) if " " in actor.name else (actor.name,):
                    forms.setdefault(form, actor)
            alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
            self._extra_re = (key, re.compile(rf"(?<![\w’'-])(?:{alternation})(?![\w-])"), forms)
        return self._extra_re[1], self._extra_re[2]

    def add(self, actor: Actor) -> Actor:
        """Register a run-time actor (merging a short form into a longer name with the same surname)."""
        for name, known in list(self.extra.items()):
            if name.split()[-1] == actor.name.split()[-1]:
                if len(actor.name) > len(name):
                    merged = Actor(actor.name, actor.side or known.side, actor.gender or known.gender, (), actor.title or known.title)
                    del self.extra[name]
                    self.extra[actor.name] = merged
                    return merged
                return known
        self.extra[actor.name] = actor
        return actor

    def resolve(self, name: str, *, title: str | None = None, side: str | None = None) -> Actor | None:
        """The actor a name (with its title) denotes here, or None when unknown."""
        for extra in self.extra.values():
            if name == extra.name or name == extra.name.split()[-1]:
                return extra
        found = self.gazetteer.candidates(name)
        if len(found) > 1:
            found = self._narrow(found, title=title, side=side)
        return found[0] if found else None

    def _narrow(self, found: list[Actor], *, title: str | None, side: str | None) -> list[Actor]:
        last = last_title(title) if title is not None else None
        for keep in (lambda a: a.name in self.seen,
                     lambda a: side is not None and a.side == side,
                     lambda a: last is not None and a.has_title(last)
                     and any(o.holds(self.date) for o in a.offices if o.role == last.lower()),
                     lambda a: last is not None and a.has_title(last),
                     lambda a: any(o.holds(self.date) for o in a.offices)):
            narrowed = [a for a in found if keep(a)]
            if narrowed:
                found = narrowed
                if len(found) == 1:
                    break
        return found

    def mentions(self, text: str, start: int = 0, end: int | None = None, *, extend: bool = False) -> list[Mention]:
        """Persons named in ``text[start:end]``, in order, without overlaps.

        Parameters
        ----------
        extend : bool
            Add titled names the gazetteer lacks as run-time actors (title and event
            sentence); otherwise unknown titled names are still returned when a
            run-time actor of that name exists.
        """
        end = len(text) if end is None else end
        g = self.gazetteer
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        # each titled match with its cleaned name, once; a match whose words are no name is dropped
        # ("Ambassador Extraordinary and Plenipotentiary of Japan Kuninori Matsuda" names no "Extraordinary")
        titled = [(m, name) for m in g.titled_re.finditer(text, start, end) if (name := clean_name(m.group("name")))]
        if g.titled_of_re is not None:
            taken_of = [(m.start(), m.end()) for m, _ in titled]
            titled += [(m, name) for m in g.titled_of_re.finditer(text, start, end)
                       if not any(a < m.end() and m.start() < b for a, b in taken_of)
                       and (name := clean_name(m.group("name")))]
            titled.sort(key=lambda pair: pair[0].start())
        officials = self._organisation_officials(text, start, end, [])
        # a full organisational title wins over the bare title inside it
        # ("Deputy Head of the Office of the President Kyrylo Tymoshenko" is not "President Kyrylo Tymoshenko")
        titled = [(m, name) for m, name in titled
                  if not any(a < m.start() and m.end() <= b + 1 and name == other for a, b, other, _t, _c in officials)]
        for m, name in titled:
            title, m_start = m.group("title"), m.start()
            if last_title(title) != title and re.search(r"\b[Tt]he\s+$", text[max(0, m_start - 5):m_start]):
                # "the Vice President and Prime Minister Kishida": the name has only the last title
                cut = title.rindex(" and ") + 5
                title, m_start = title[cut:], m_start + cut
            country = g.side_of(m.group("country")) if m.group("country") else None
            qualifier = country or self._qualifier(text, m_start)
            actor = self._titled(name, title=title, country=qualifier, extend=extend)
            if actor is None:
                continue
            name_end = m.start("name") + m.group("name").find(name.split()[-1]) + len(name.split()[-1])
            span_end = m.end() if m.group("country") else name_end
            found.append(Mention(m_start, span_end, actor, title, country or self._qualifier(text, m_start)))
            taken.append((m_start, span_end))
        for m_start, span_end, name, title, country in officials:
            if any(a < span_end and m_start < b for a, b in taken):
                continue
            actor = self._titled(name, title=title, country=country, extend=extend)
            if actor is not None:
                found.append(Mention(m_start, span_end, actor, title, country))
                taken.append((m_start, span_end))
        for m in g.name_re.finditer(text, start, end):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            actor = self.resolve(m.group())
            if actor is None:
                continue
            after = re.match(r",?\s+of\s+(?:the\s+)?", text[m.end():m.end() + 12])
            country = None
            if after:
                q = g.qualifier_re.match(text, m.end() + after.end())
                country = g.side_of(q.group()) if q else None
            found.append(Mention(m.start(), m.end(), actor, None, country or self._qualifier(text, m.start())))
        if self.extra:  # run-time actors named again without their title ("Klaus Iohannis", "Iohannis")
            taken = [(x.start, x.end) for x in found]
            pattern, forms = self._extra_names()
            for hit in pattern.finditer(text, start, end):
                a, b = hit.start(), hit.end()
                if not any(x < b and a < y for x, y in taken):
                    found.append(Mention(a, b, forms[hit.group()], None, self._qualifier(text, a)))
                    taken.append((a, b))
        found.sort(key=lambda x: x.start)
        for mention in found:
            self.seen.setdefault(mention.actor.name, mention.actor)
        return found

    def _organisation_officials(self, text: str, start: int, end: int,
                                taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str, str | None]]:
        """Officials named after their organisation or ministry, and names followed by their role in apposition.

        "Managing Director of the International Monetary Fund Kristalina Georgieva", "Minister of Foreign
        Affairs and European Integration Nicu Popescu", "with Svyatlana Tsikhanouskaya, leader of the
        democratic opposition of Belarus": (start, end, name, title, country) of each, not overlapping ``taken``.
        """
        g = self.gazetteer
        out: list[tuple[int, int, str, str, str | None]] = []
        spans = list(taken)
        for m in g.org_titled_re.finditer(text, start, end) if g.org_titled_re is not None else ():
            tokens = list(re.finditer(r"\S+", m.group("rest")))
            words = [t.group() for t in tokens]
            found_name = None
            k = 0
            while k < len(words):  # the first run of name words right after an organisation, office or country
                if not self._name_word(words[k]):
                    k += 1
                    continue
                j = k
                while j < len(words) and self._name_word(words[j]):
                    j += 1
                after_org = k > 0 and words[k - 1] not in ("the", "of", "and", "for", "on") and not self._name_word(words[k - 1])
                if after_org and 1 <= j - k <= 4 and (j == len(words) or words[j] == "and"):
                    found_name = (k, j)
                    break
                k = j
            if found_name is None:
                continue
            k, j = found_name
            name = clean_name(" ".join(words[k:j]))
            n0 = m.start("rest") + tokens[k].start()
            n1 = m.start("rest") + tokens[j - 1].end()
            if not name or any(a < n1 and m.start() < b for a, b in spans) or _ACRONYM_AFTER.match(text, n1):
                continue  # "... Office of Foreign Assets Control (OFAC)": the run names the organisation, not a person
            org = m.group("rest")[:tokens[k].start()]
            country = self._qualifier(text, m.start())  # "Moldovan Minister of ... and European Integration"
            for q in g.qualifier_re.finditer(org) if country is None else ():
                if re.search(r"(?:^|\bof\s+)(?:the\s+)?$", org[:q.start()]):  # "... of the Swiss Confederation", "of the Norwegian Storting", not "European Integration"
                    country = g.side_of(q.group())
            office = re.sub(r"\s+", " ", f"{m.group('title')} {m.group(0)[len(m.group('title')):m.start('rest') - m.start()].strip()} {org.strip()}")
            out.append((m.start(), n1, name, office, country))  # the whole title: "Deputy Head of the Office of the President"
            spans.append((m.start(), n1))
        for m in g.appositive_re.finditer(text, start, end) if g.appositive_re is not None else ():
            name = clean_name(m.group("name"))
            if name and not any(a < m.end("name") and m.start("name") < b for a, b in spans):
                after = text[m.end():m.end() + 80]
                q = g.qualifier_re.search(after.split(",")[0].split(".")[0])
                out.append((m.start("name"), m.end("name"), name, m.group("title").title(), g.side_of(q.group()) if q else None))
                spans.append((m.start("name"), m.end("name")))
        return out

    def person_name(self, words: str) -> str | None:
        """``words`` as a person's name when they are two to four name words ("Leendert Verbeek"), else None."""
        parts = words.split()
        if not 2 <= len(parts) <= 4 or not all(self._name_word(w) for w in parts) or re.fullmatch(_PARTICLES, parts[0]):
            return None
        return clean_name(words) or None

    def _name_word(self, word: str) -> bool:
        """Whether ``word`` may be part of a person's name (capitalised, not an office, organisation or country)."""
        base = word.rstrip(".")
        if re.fullmatch(_PARTICLES, base):
            return True
        if not base or not base[0].isupper() or base in _ORG_HEADS or base in _NOT_NAMES or base.endswith((":", ",")):
            return False
        if len(base) >= 2 and base.isupper():  # an acronym ("Development - GUAM Altai Efendiev"), not a name
            return False
        return base not in self.gazetteer.countries and base not in _TITLE_WORDS

    def _titled(self, name: str, *, title: str, country: str | None, extend: bool) -> Actor | None:
        actor = self.resolve(f"{last_title(title)} {name}") or self.resolve(name, title=title, side=country)
        if actor is not None and actor.name in self.extra and actor.side is None and country:
            actor = self.extra[actor.name] = Actor(actor.name, country, actor.gender, (), actor.title)
        if actor is None and not extend:
            actor = self.resolve(name.split()[-1], title=title, side=country)
        if actor is not None or not extend:
            return actor
        for seen in self.seen.values():
            if name in seen.name.split():
                return seen
        if not country and last_title(title) in ("Mr.", "Ms.", "Mrs.", "Mr", "Ms", "Mrs", "Dr.", "Director", "Secretary", "Minister", "General"):
            return None  # too generic to name a new principal
        if not any(self._name_word(w) for w in name.split()):
            return None  # office and organisation words only ("General" of "the Office of the Prosecutor General")
        return self.add(Actor(name=name, side=country, gender=gender_from_title(title), title=last_title(title)))

    def _qualifier(self, text: str, at: int) -> str | None:
        """ISO2 of a country word in the title phrase just before ``at`` ("U.S. Secretary of State")."""
        before = text[max(0, at - 120):at]
        phrase = re.search(r"((?:(?:[A-Z][\w.’'\-]*|of|the|and|for)\s+)*)$", before)
        if not phrase or not phrase.group(1):
            return None
        q = None
        for m in self.gazetteer.qualifier_re.finditer(phrase.group(1)):
            q = self.gazetteer.side_of(m.group())
        return q

"""Lexicon entries compiled into one fast matcher: a character trie written as a single regular expression.

A lexicon entry is a word or multi-word expression written as a reader would
write it ("Taiwan Strait", "one-China policy", "mil-mil", "call on"). Each
entry is compiled, once, into a character trie turned into a single regular
expression, so a whole document is scanned in one C-level pass whatever the
number of entries (no per-term loop over the text).
Matching rules
--------------
- **Case.** An entry written in lower case matches any casing ("climate
  change" matches "Climate Change"); an entry with a capital letter matches
  exactly that casing, which is how ``US`` (the country) is told from ``us``.
- **Token boundaries.** A match starts and ends at a token boundary: ``Iran``
  never matches inside ``Iranian`` (list ``Iranian`` to get it). A hyphen is a
  boundary, so ``China`` matches in ``U.S.-China``.
- **Variants.** Words of an entry may be separated in the text by spaces or
  hyphens in any mix ("one-China" = "one China", "mil-mil" = "mil mil"); the
  last word also matches its plural (-s, -es, -y/-ies; unless ``plural: false``); a final ``*`` matches
  any word ending ("sanction*"); straight and curly apostrophes are the same.
- **Overlaps.** Leftmost-longest: at a position the longest entry wins, and
  matches never overlap, so no stretch of text is counted twice.

The compiled objects hold only strings, dicts and compiled patterns, so they
pickle (workers of the build receive them once).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

__all__ = ["Entry", "LexiconError", "Matcher", "compile_matcher", "entry_words", "find_pair", "gc_paused", "prepare_pair"]

#: Separator between the words of a multi-word entry, in the text (never a newline).
_SEP_CLASS = r"[ \t\u00a0\-\u2010\u2011\u2013]+"
_SEP_RE = re.compile(_SEP_CLASS)
#: A key needing no clean-up: words joined by single separators (from single spaces), no other separator or curly apostrophe.
_PLAIN_KEY = re.compile(r"[^ \t\u00a0\-\u2010\u2011\u2013\u2019\x1f]+(?:\x1f[^ \t\u00a0\-\u2010\u2011\u2013\u2019\x1f]+)*")
_SPLIT_RE = re.compile(r"[\s\-\u2010\u2011\u2013]+")
_APOS = "'\u2019"
#: The scanned (lower-cased) text has its non-ASCII separators and apostrophes made plain, one character for
#: one, so the big compiled tries need only Latin-1 classes (a class with other characters costs the regex
#: compiler a 64k-entry bitmap at each of its hundreds of occurrences).
_PLAIN_SEP_CLASS = r"[ \t\u00a0\-]+"
_MADE_PLAIN = (("\u2010", "-"), ("\u2011", "-"), ("\u2013", "-"), ("\u2019", "'"))

# Units of the trie: single characters, or one of these markers.
_SEP = "\x1f"
_STAR = "\x1e"



class LexiconError(ValueError):
    """A lexicon file that cannot be used (the message says where and why)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One lexicon entry.

    Attributes
    ----------
    term : str
        The entry as written in the file (recorded in the ``term`` / ``marker`` column).
    labels : tuple of str
        Topic ids or marker categories the entry belongs to.
    target : str or None
        For markers: where to look for the actor aimed at (``after``, ``before``, ``subject``, ``claim``).
    case : {"exact", "fold"} or None
        Force case-sensitive (``exact``, e.g. ``may`` the hedge, not ``May`` the month)
        or case-insensitive matching; by default lower-case entries fold case.
    plural : bool, default True
        Whether the last word also matches its plural (``plural: false`` keeps
        "partnership" from matching the generic "partnerships").
    """

    term: str
    labels: tuple[str, ...]
    target: str | None = None
    case: str | None = None
    plural: bool = True

    @property
    def folded(self) -> bool:
        """Whether the entry matches any casing (lower-case entries, unless ``case: exact``)."""
        if self.case is not None:
            return self.case == "fold"
        return not any(ch.isupper() for ch in self.term)


def entry_words(term: str) -> list[str]:
    """The words of a lexicon entry, split at spaces and hyphens of any kind.

    Raises
    ------
    LexiconError
        When the entry has no word.
    """
    words = [w for w in _SPLIT_RE.split(term.strip()) if w]
    if not words:
        raise LexiconError(f"empty lexicon entry: {term!r}")
    return words


def _plurals(word: str) -> list[str]:
    """Plural spellings of the last word of an entry (none for words that do not end in a letter)."""
    if not word or not word[-1].isalpha() or word.endswith("*"):
        return []
    if word.isupper():
        return [word + "s"]
    low = word.lower()
    out = [word + "s"]
    if low.endswith(("s", "x", "z", "ch", "sh")):
        out.append(word + "es")
    if len(low) > 2 and low.endswith("y") and low[-2] not in "aeiou":
        out.append(word[:-1] + "ies")
    return out


def _units(words: Sequence[str]) -> str:
    """The trie key of a word sequence: characters, with word separators and wildcards as marker units."""
    key = _SEP.join(words)
    key = key.replace("\u2019", "'")
    if key.endswith("*"):
        key = key[:-1] + _STAR
    return key


def _unit_regex(unit: str, *, plain: bool) -> str:
    if unit == _SEP:
        return _PLAIN_SEP_CLASS if plain else _SEP_CLASS
    if unit == _STAR:
        return r"\w*"
    if unit == "'":
        return "'" if plain else f"[{_APOS}]"
    return re.escape(unit)


def _made_plain(lowered: str) -> str:
    """``lowered`` with the separators and apostrophes of :data:`_MADE_PLAIN` replaced (same length)."""
    if lowered.isascii():
        return lowered
    for old, new in _MADE_PLAIN:
        lowered = lowered.replace(old, new)
    return lowered


_last_plain: list = [None, None]  # the last (text, made plain): the retries of one scan share it


def _plain_text(text: str) -> str:
    """:func:`_made_plain` of ``text`` (original case), cached for the last text."""
    if _last_plain[0] is not text:
        _last_plain[:] = [text, _made_plain(text)]
    return _last_plain[1]


def _trie(keys: Iterable[str]) -> dict:
    """The character trie of the keys: nested dicts by unit, ``""`` marking a key's end."""
    trie: dict = {}
    for key in keys:
        node = trie
        for unit in key:
            node = node.setdefault(unit, {})
        node[""] = True
    return trie


def _trie_regex(keys: Iterable[str], *, plain: bool = False) -> str:
    """A regular expression matching exactly the keys, built from their trie (greedy: longest first).

    With ``plain``, for a text passed through :func:`_made_plain`.
    """
    trie = _trie(keys)

    def emit(node: dict) -> str:
        terminal = "" in node
        # wildcards last, so a literal continuation is tried first
        units = sorted((u for u in node if u), key=lambda u: (u == _STAR, u))
        alts = [_unit_regex(u, plain=plain) + emit(node[u]) for u in units]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if terminal:
            body = body + "?" if len(alts) == 1 and _single_unit(alts[0]) else f"(?:{body})?"
        return body

    return emit(trie)


def _single_unit(regex: str) -> bool:
    return len(regex) == 1 or (len(regex) == 2 and regex[0] == "\\")


_NEVER = re.compile(r"(?!)")
#: Characters that may precede a match on the fast path (all ASCII non-word characters and the
#: common Unicode spaces, dashes and quotes); a text holding any other non-word character is
#: scanned with the plain pattern instead.
_BOUNDARY_CHARS = r"\x00-\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f\u0080-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u203e\u2041-\u2053\u2055-\u206f\u20a0-\u20cf\u2100-\u2101\u2500-\u25ff"
_EXOTIC = re.compile(rf"[^\w{_BOUNDARY_CHARS}]")
#: Below this many characters the plain pattern is used (no check needed; sentences, short texts).
_FAST_MIN = 2000
_verdict: list = [None, 0, 0, False]  # the last (text, lo, endpos, verdict): topics then markers scan one text
_prepared: list = [None, 0, 0, ""]  # the last long (text, lo, endpos, lower-cased plain stretch), for the same reason


def _lowered(text: str, lo: int, endpos: int) -> str:
    """``text[lo:endpos]`` lower-cased and made plain (unless lower-casing changed its length); the last long one is kept."""
    if _prepared[0] is text and _prepared[1] == lo and _prepared[2] == endpos:
        return _prepared[3]
    lowered = text[lo:endpos].lower()
    if len(lowered) == endpos - lo:
        lowered = _made_plain(lowered)
    if endpos - lo >= _FAST_MIN:
        _prepared[:] = [text, lo, endpos, lowered]
    return lowered


def _plain_boundaries(text: str, lowered: str, lo: int, endpos: int) -> bool:
    """Whether ``text[lo:endpos]`` holds only word characters and :data:`_BOUNDARY_CHARS` (cached for the last text)."""
    if _verdict[0] is text and _verdict[1] == lo and _verdict[2] == endpos:
        return _verdict[3]
    verdict = lowered.isascii() or _EXOTIC.search(lowered) is None
    _verdict[:] = [text, lo, endpos, verdict]
    return verdict


def _bounded(body: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", flags) if body else _NEVER


@dataclass
class Matcher:
    """A compiled set of entries, scanned in one pass.

    All entries are compiled into one trie regex over lower-cased keys, run
    case-sensitively on the lower-cased text (``str.lower`` once per document
    is far cheaper than ``re.IGNORECASE``); a match is then checked against
    the entries' own casing rules on the original text.

    Attributes
    ----------
    entries : list of Entry
    exact : dict
        Surface key (case kept) -> entry index, for case-sensitive entries.
    folded : dict
        Lower-cased surface key -> entry index, for case-insensitive entries.
    wildcards : list of (prefix key, folded, entry index)
        Entries ending in ``*``, longest prefix first.
    pattern : re.Pattern
        All keys, lower-cased, for the lower-cased text (made plain by :func:`_made_plain`).
    fast_pattern : re.Pattern
        ``pattern`` written as "one boundary character, then the match" (group 1):
        a leading character class lets the regex engine skip ahead in C, about
        a third faster; used unless the text holds unusual non-word characters.
    pattern_ci : re.Pattern
        ``pattern`` with ``re.IGNORECASE``, for the rare text whose lower-casing changes its length.
    exact_pattern, folded_pattern : re.Pattern
        Each half alone (on the original text made plain), to find the next candidate
        where the combined pattern's longest match fails its casing rule.

    All but ``fast_pattern`` are compiled on first use (in a build, only short
    texts and unusual characters need them) (compiling a
    large trie costs more than most documents' scans).
    """

    entries: list[Entry]
    exact: dict[str, int]
    folded: dict[str, int]
    wildcards: list[tuple[str, bool, int]]
    fast_pattern: re.Pattern[str] = _NEVER
    keys: frozenset[str] = frozenset()
    plain_body: str = ""

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        return _bounded(self.plain_body)

    @functools.cached_property
    def pattern_ci(self) -> re.Pattern[str]:
        return _bounded(_trie_regex(self.keys), re.IGNORECASE)

    @functools.cached_property
    def exact_pattern(self) -> re.Pattern[str]:
        return _bounded(_trie_regex(self.exact, plain=True))

    @functools.cached_property
    def folded_pattern(self) -> re.Pattern[str]:
        return _bounded(_trie_regex(self.folded, plain=True), re.IGNORECASE)

    def find(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, int]]:
        """Non-overlapping matches ``(start, end, entry_index)``, leftmost-longest, in text order.

        Parameters
        ----------
        text : str
        pos, endpos : int
            Search only ``text[pos:endpos]`` (token boundaries still look outside it).
        """
        if endpos is None or endpos > len(text):
            endpos = len(text)
        # lower-case only the searched stretch (and the character before it, for the boundary)
        lo = max(0, pos - 1)
        lowered = _lowered(text, lo, endpos)
        if len(lowered) != endpos - lo:  # lower-casing changed the length (rare letters): match in place
            finditer, subject, shift, group, i = self.pattern_ci.finditer, text, 0, 0, pos
        elif endpos - lo >= _FAST_MIN and _plain_boundaries(text, lowered, lo, endpos):
            # fast path: each match is preceded by a plain separator character, which lets the
            # regex engine jump from separator to separator; the text start gets a virtual one
            if pos == 0:
                subject, shift = " " + lowered, -1
            else:
                subject, shift = lowered, lo
            finditer, group, i = self.fast_pattern.finditer, 1, 0
        else:
            finditer, subject, shift, group, i = self.pattern.finditer, lowered, lo, 0, pos - lo
        limit = endpos if subject is text else len(subject)
        return list(self._matches(text, subject, finditer, shift=shift, group=group, i=i, limit=limit, endpos=endpos))

    def _matches(self, text: str, subject: str, finditer, *, shift: int, group: int, i: int | None, limit: int,
                 endpos: int) -> Iterator[tuple[int, int, int]]:
        """The matches of :meth:`find`, one by one, from the scan of ``subject`` (``text`` moved by ``-shift``) at ``i``."""
        lookup = self._lookup
        while i is not None:
            restart = None
            for m in finditer(subject, i, limit):
                start, end = m.start(group) + shift, m.end(group) + shift
                idx = lookup(text[start:end])
                if idx is None:  # the longest key fails its entry's casing: try each half alone
                    hit = self._retry(text, start, endpos)
                    if hit is None:
                        restart = m.start(group) + 1  # nothing valid starts here; rescan after it
                    else:
                        yield hit
                        restart = hit[1] - shift
                    break
                yield start, end, idx
            i = restart

    def _matches_until(self, text: str, subject: str, *, shift: int, at: int, until: int, limit: int,
                       endpos: int) -> Iterator[tuple[int, int, int]]:
        """The fast path of :meth:`_matches` from ``at`` (a separator position, in ``text``), for matches starting at
        ``until`` at the latest: the same attempts as ``finditer`` makes, each anchored, so nothing is searched beyond."""
        match, lookup = self.fast_pattern.match, self._lookup
        i, last = at - shift, until - 1 - shift  # a match starting at ``until`` has its separator at ``until - 1``
        while i <= last:
            m = match(subject, i, limit)
            if m is None:
                i += 1
                continue
            start, end = m.start(1) + shift, m.end(1) + shift
            idx = lookup(text[start:end])
            if idx is None:  # as in _matches: the longest key fails its casing
                hit = self._retry(text, start, endpos)
                if hit is None:
                    i = m.start(1) + 1
                    continue
                yield hit
                i = hit[1] - shift
                continue
            yield start, end, idx
            i = m.end()

    def _lookup(self, surface: str) -> int | None:
        """The entry a matched surface belongs to, honouring each entry's casing rule."""
        if surface.isalnum():
            key = surface
        else:
            key = surface.replace(" ", _SEP)
            if not _PLAIN_KEY.fullmatch(key):
                key = _SEP_RE.sub(_SEP, surface).replace("\u2019", "'")
        idx = self.exact.get(key)
        if idx is not None:
            return idx
        low = key.lower()
        idx = self.folded.get(low)
        if idx is not None:
            return idx
        if self.wildcards:
            for prefix, fold, widx in self.wildcards:
                k = low if fold else key
                if k.startswith(prefix) and _SEP not in k[len(prefix) :]:
                    return widx
        return None

    def _retry(self, text: str, start: int, endpos: int) -> tuple[int, int, int] | None:
        """Longest valid match at ``start`` from each half alone (after a casing mismatch)."""
        best = None
        plain = _plain_text(text)
        for pattern in (self.exact_pattern, self.folded_pattern):
            m = pattern.match(plain, start, endpos)
            if m is not None:
                idx = self._lookup(m.group())
                if idx is not None and (best is None or m.end() > best[1]):
                    best = (start, m.end(), idx)
        return best

    def covers(self, phrase: str) -> bool:
        """Whether some entry matches somewhere inside ``phrase``."""
        return bool(self.find(phrase))


#: Separator characters of the scanned (lower-cased, plain) text, as :data:`_PLAIN_SEP_CLASS` has them.
_PLAIN_SEPARATORS = frozenset(" \t\u00a0-")


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


class _Pair:
    """What scanning two matchers together needs: the union's pattern, and per matcher a memo of verdicts."""

    def __init__(self, first: Matcher, second: Matcher):
        self.matchers = (first, second)
        body = _trie_regex(first.keys | second.keys, plain=True)
        self.pattern = re.compile(rf"[{_BOUNDARY_CHARS}]({body})(?!\w)") if body else _NEVER
        self.tries = tuple(_trie(m.keys) for m in self.matchers)
        #: matched surface -> each matcher's entry for it (None: its casing rule fails, or it is not one of its keys)
        self.entries: dict[str, tuple[int | None, int | None]] = {}
        self.inside: tuple[dict[str, bool], dict[str, bool]] = ({}, {})

    def may_start_inside(self, k: int, lowered: str) -> bool:
        """Whether a key of ``matchers[k]`` could start in a matched stretch (``lowered``, as scanned): at its start or at
        a later token boundary, ending inside it or running on past it. Errs on the side of yes."""
        memo = self.inside[k]
        if lowered not in memo:
            trie = self.tries[k]
            # a key may start after any separator of the stretch, its last character included
            memo[lowered] = any(_walks(trie, lowered, i) for i in range(len(lowered) + 1) if i == 0 or not _is_word(lowered[i - 1]))
        return memo[lowered]


def _walks(trie: dict, text: str, i: int) -> bool:
    """Whether some key of ``trie`` matches ``text[i:]`` up to a key's end, or all of it (the key going on past it)."""
    nodes, runs = [trie], []  # runs: nodes reached through a separator unit, inside its run of separator characters
    for char in text[i:]:
        sep = char in _PLAIN_SEPARATORS
        moved, moved_runs = [], []
        for node in nodes:
            child = node.get(char)
            if child is not None:
                moved.append(child)
            if sep and _SEP in node:
                moved_runs.append(node[_SEP])
        for node in runs:
            if sep:
                moved_runs.append(node)
            child = node.get(char)
            if child is not None:
                moved.append(child)
        if any("" in node or _STAR in node for node in moved):
            return True
        if not moved and not moved_runs:
            return False
        nodes, runs = moved, moved_runs
    return True


_PAIRS: dict[tuple[int, int], _Pair] = {}


def _pair_of(first: Matcher, second: Matcher) -> _Pair:
    pair = _PAIRS.get((id(first), id(second)))
    if pair is None or pair.matchers[0] is not first or pair.matchers[1] is not second:
        pair = _PAIRS[id(first), id(second)] = _Pair(first, second)
    return pair


def prepare_pair(first: Matcher, second: Matcher) -> None:
    """Compile what :func:`find_pair` needs to scan these two matchers together (in a build, before the workers fork).

    Until then :func:`find_pair` scans each alone: compiling the union's pattern costs
    more than it saves on a few readouts.
    """
    _pair_of(first, second)


def find_pair(first: Matcher, second: Matcher, text: str, pos: int = 0,
              endpos: int | None = None) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """``(first.find(text, pos, endpos), second.find(text, pos, endpos))``, exactly, from one scan of both.

    One regular expression of both matchers' keys finds, leftmost-longest, every
    stretch where a key of either starts; a stretch whose longest key is one of a
    matcher's own entries (with its casing) is that matcher's match there. Where it
    is not, and a key of that matcher could start inside the stretch (or right after
    it), that matcher alone is scanned from there until its scan passes the stretch.
    Between the stretches no key of either starts, so nothing is missed
    (tests/annotate/test_matcher.py compares both with :meth:`Matcher.find` on
    generated and real texts). Texts that :meth:`Matcher.find` would not scan on its
    fast path, and any text before :func:`prepare_pair`, are simply scanned twice.
    """
    if endpos is None or endpos > len(text):
        endpos = len(text)
    lo = max(0, pos - 1)
    lowered = _lowered(text, lo, endpos)
    pair = _PAIRS.get((id(first), id(second)))
    if (pair is None or pair.matchers[0] is not first or pair.matchers[1] is not second or len(lowered) != endpos - lo
            or endpos - lo < _FAST_MIN or not _plain_boundaries(text, lowered, lo, endpos)):
        return first.find(text, pos, endpos), second.find(text, pos, endpos)
    subject, shift = (" " + lowered, -1) if pos == 0 else (lowered, lo)
    found: tuple[list, list] = ([], [])
    # Where each matcher's own scan stands: its next match needs a separator character at or after this position
    # (the end of its last match; the virtual space before the text at first), as on Matcher.find's fast path.
    frontier = [pos - 1, pos - 1]
    limit = len(subject)
    entries = pair.entries
    for m in pair.pattern.finditer(subject, 0, limit):
        start, end = m.span(1)
        start += shift
        end += shift
        if frontier[0] >= end and frontier[1] >= end:
            continue
        surface = text[start:end]
        idx_pair = entries.get(surface)
        if idx_pair is None:
            idx_pair = entries[surface] = (first._lookup(surface), second._lookup(surface))
        for k in (0, 1):
            if frontier[k] >= end:
                continue  # this matcher's scan is already past the stretch
            if frontier[k] < start:
                idx = idx_pair[k]
                if idx is not None:  # the longest key here is one of this matcher's, so also its longest
                    found[k].append((start, end, idx))
                    frontier[k] = end
                    continue
                if not pair.may_start_inside(k, subject[start - shift:end - shift]):
                    continue
                at = start - 1
            else:
                at = frontier[k]  # its last match ends inside this stretch
            # from past the stretch on, the union's scan sees what this matcher's would
            for hit in pair.matchers[k]._matches_until(text, subject, shift=shift, at=at, until=end, limit=limit, endpos=endpos):
                found[k].append(hit)
                frontier[k] = hit[1]
    return found


@contextlib.contextmanager
def gc_paused():
    """Pause the cyclic garbage collector: compiling a trie makes objects by the hundred thousand, none of
    them cyclic garbage, and each collection walks them all (loading time grew faster than the lexicon)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compile_matcher(entries: Sequence[Entry]) -> Matcher:
    """Compile entries into a :class:`Matcher`, in time linear in their number (see :func:`gc_paused`).

    Parameters
    ----------
    entries : sequence of Entry
        Entries with the same term are merged (their labels united).
    """
    with gc_paused():
        return _compile_matcher(entries)


def _compile_matcher(entries: Sequence[Entry]) -> Matcher:
    merged: dict[str, Entry] = {}
    for e in entries:
        term = " ".join(entry_words(e.term))
        if term in merged:
            old = merged[term]
            labels = old.labels + tuple(lab for lab in e.labels if lab not in old.labels)
            merged[term] = Entry(old.term, labels, old.target or e.target, old.case or e.case, old.plural and e.plural)
        else:
            merged[term] = Entry(e.term.strip(), tuple(e.labels), e.target, e.case, e.plural)
    final = list(merged.values())
    exact: dict[str, int] = {}
    folded: dict[str, int] = {}
    wildcards: list[tuple[str, bool, int]] = []
    for idx, e in enumerate(final):
        words = entry_words(e.term)
        fold = e.folded
        if fold:
            words = [w.lower() for w in words]
        table = folded if fold else exact
        if words[-1].endswith("*"):
            wildcards.append((_units(words)[:-1], fold, idx))
            table.setdefault(_units(words), idx)
            continue
        table[_units(words)] = idx  # an exact entry wins over another's plural variant
        for plural in _plurals(words[-1]) if e.plural else ():
            table.setdefault(_units([*words[:-1], plural]), idx)
    wildcards.sort(key=lambda w: -len(w[0]))
    all_keys = {k.lower() for k in exact} | set(folded)
    plain_body = _trie_regex(all_keys, plain=True)
    return Matcher(
        final,
        exact,
        folded,
        wildcards,
        fast_pattern=re.compile(rf"[{_BOUNDARY_CHARS}]({plain_body})(?!\w)") if plain_body else _NEVER,
        keys=frozenset(all_keys),
        plain_body=plain_body,
    )

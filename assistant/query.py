"""Query understanding without an LLM: which authorities, which dates, which report.

Public API
----------
``QueryFilters``             frozen dataclass with the parsed filters.
``AuthorityMatcher(known)``  recognises local authorities (canonical names from the manifest, plus the
                             aliases in ``assistant/data/authority_aliases.json``); ``find(text)``.
``parse_query(question, matcher, today=None) -> QueryFilters``
``load_known_authorities(manifest_path) -> list[str]``

Authority recognition works on normalised words (case-folded, ``&`` = ``and``, hyphens, commas and full
stops ignored, possessive ``'s``/``’s`` dropped, ``saint`` = ``st``, ``upon`` = ``on``), scanning left to right
and taking the longest known phrase at each position, so "North Somerset" never also yields "Somerset",
and "Kentish" never yields "Kent" (whole words only).  Decisions:

* "Kingston" alone -> kingston upon thames; "Hull" -> kingston upon hull.
* Names covering several authorities map to all of them: "Northamptonshire"/"Northants" -> north and
  west northamptonshire; "Cumbria", "Cheshire", "Sussex", "Bedfordshire" likewise.
* Phrases such as "New York", "Bury St Edmunds", "Newcastle-under-Lyme" are blocked (no authority).
* Words that are also ordinary English ("reading", "bath", "bury", "barking") count only
  when capitalised and not the first word of a sentence, or possessive ("reading's"), or followed by
  council/borough/children('s)/local authority; a capitalised first word also counts when followed by
  was/is/has/rated/judged...; lower case also when followed by rated/judged.

Dates: a year -> that calendar year; a month + year -> that month; a full day -> that day (``exact_date``);
ranges ("between 2018 and 2020", "from 2018 to 2022", "2018-2020", "2018/19"), open ranges ("since 2020"
inclusive, "after 2021" exclusive, "before 2019" exclusive, "until 2019" inclusive), relative ranges
("in the last two years", "this year", "last year", "two years ago") against ``today``.  Years only
2005-2035.  When several date expressions appear, published_from/published_to span all of them and
``date_ranges`` lists each one.  Recency words set ``recency`` ("latest", "previous", "first"); if
contradictory recency words appear (e.g. "compare the latest with the first") recency is left "".
"""
from __future__ import annotations

import csv
import json
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterable

DATA_DIR = Path(__file__).resolve().parent / "data"
ALIASES_PATH = DATA_DIR / "authority_aliases.json"

__all__ = ["QueryFilters", "AuthorityMatcher", "parse_query", "load_known_authorities"]


@dataclass(frozen=True)
class QueryFilters:
    authorities: tuple[str, ...] = ()  # canonical names as given to the matcher
    published_from: str = ""  # ISO date inclusive, "" = open
    published_to: str = ""  # ISO date inclusive, "" = open
    recency: str = ""  # "latest" | "previous" | "first" | ""
    date_text: str = ""  # the date phrase(s) found, "; "-joined when several
    exact_date: str = ""  # ISO date when exactly one full day was given
    topic: str = ""  # question minus authority/date/recency phrases and filler
    date_ranges: tuple[tuple[str, str], ...] = ()  # each date expression's (from, to)

    @property
    def has_date(self) -> bool:
        return bool(self.published_from or self.published_to)


def load_known_authorities(manifest_path) -> list[str]:
    """The distinct ``local_authority`` values of a manifest CSV, in first-seen order."""
    seen: dict[str, None] = {}
    with open(manifest_path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = (row.get("local_authority") or "").strip()
            if name:
                seen.setdefault(name, None)
    return list(seen)


# --------------------------------------------------------------------------- authorities

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’`][A-Za-z]+)*|&")
_POSSESSIVE_RE = re.compile(r"['’`]s$", re.I)
_WORD_SYNONYMS = {"saint": "st", "upon": "on", "&": "and"}

# context words that make an ambiguous English word (reading, bath...) an authority
_STRONG_CONTEXT = {"council", "borough", "children", "childrens", "child", "csc", "local", "la", "city",
                   "county", "metropolitan", "royal"}
_START_CONTEXT = {"was", "is", "has", "had", "were", "received", "got", "rated", "judged", "get", "gets",
                  "achieved", "performed", "improved", "needs", "need", "does", "did"}
_LOWER_CONTEXT = {"rated", "judged"}


@dataclass(frozen=True)
class _Tok:
    start: int
    end: int
    raw: str
    norm: str
    possessive: bool


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group()
        low = raw.lower()
        possessive = bool(_POSSESSIVE_RE.search(low))
        if possessive:
            low = low[:-2]
        low = re.sub(r"['’`]", "", low)
        low = _WORD_SYNONYMS.get(low, low)
        toks.append(_Tok(m.start(), m.end(), raw, low, possessive))
    return toks


def _norm_phrase(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in _tokenize(phrase))


def _load_alias_data(path: Path = ALIASES_PATH) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


class AuthorityMatcher:
    """Finds canonical local-authority names in free text (see module docstring for the rules)."""

    def __init__(self, known: Iterable[str], aliases_path: Path | str | None = None):
        self.known: tuple[str, ...] = tuple(dict.fromkeys(k.strip() for k in known if k and k.strip()))
        data = _load_alias_data(Path(aliases_path) if aliases_path else ALIASES_PATH)
        known_set = set(self.known)
        by_lower = {k.lower(): k for k in self.known}
        table: dict[tuple[str, ...], tuple[str, ...]] = {}
        # aliases first, canonical names last so that a canonical name always maps to itself
        for alias, target in data.get("aliases", {}).items():
            targets = [target] if isinstance(target, str) else list(target)
            resolved = tuple(by_lower.get(t.lower(), t) for t in targets)
            resolved = tuple(t for t in resolved if t in known_set)
            if targets and not resolved:
                continue  # alias for an authority this matcher does not know
            key = _norm_phrase(alias)
            if key:
                table[key] = resolved
        for name in self.known:
            key = _norm_phrase(name)
            if key:
                table[key] = (name,)
        self._table = table
        self._max_len = max((len(k) for k in table), default=1)
        self._sensitive = {w.lower() for w in data.get("case_sensitive", [])}
        self._prefixes = sorted((_norm_phrase(p) for p in data.get("prefixes", [])), key=len, reverse=True)
        self._suffixes = sorted((_norm_phrase(s) for s in data.get("suffixes", [])), key=len, reverse=True)

    # -- public
    def find(self, text: str) -> tuple[str, ...]:
        """Canonical names mentioned in ``text``, in order of appearance, without duplicates."""
        out: dict[str, None] = {}
        for _s, _e, names in self.spans(text):
            for n in names:
                out.setdefault(n, None)
        return tuple(out)

    def spans(self, text: str) -> list[tuple[int, int, tuple[str, ...]]]:
        """(start, end, canonical names) for each authority mention, character offsets into ``text``."""
        toks = _tokenize(text)
        norms = [t.norm for t in toks]
        n = len(toks)
        out = []
        i = 0
        while i < n:
            hit = self._match_at(norms, i)
            if hit is None:
                i += 1
                continue
            start_i, name_i, end_i, names = hit
            if (end_i - name_i == 1 and norms[name_i] in self._sensitive and start_i == name_i
                    and not self._sensitive_ok(text, toks, name_i)):
                i += 1
                continue
            # absorb a suffix such as "City Council" (not past a possessive)
            if not toks[end_i - 1].possessive:
                for suf in self._suffixes:
                    if tuple(norms[end_i:end_i + len(suf)]) == suf:
                        end_i += len(suf)
                        break
            if names:
                out.append((toks[start_i].start, toks[end_i - 1].end, names))
            i = end_i
        return out

    # -- internals
    def _lookup(self, norms: list[str], i: int) -> tuple[int, tuple[str, ...]] | None:
        for length in range(min(self._max_len, len(norms) - i), 0, -1):
            key = tuple(norms[i:i + length])
            if key in self._table:
                return i + length, self._table[key]
        return None

    def _match_at(self, norms: list[str], i: int):
        hit = self._lookup(norms, i)
        if hit is not None:
            return i, i, hit[0], hit[1]
        for pre in self._prefixes:
            if tuple(norms[i:i + len(pre)]) == pre:
                hit = self._lookup(norms, i + len(pre))
                if hit is not None:
                    return i, i + len(pre), hit[0], hit[1]
        return None

    @staticmethod
    def _sentence_start(text: str, tok: _Tok) -> bool:
        before = text[:tok.start].rstrip().rstrip("\"'“‘([")
        return not before or before[-1] in ".?!:;\n"

    def _sensitive_ok(self, text: str, toks: list[_Tok], j: int) -> bool:
        tok = toks[j]
        if tok.possessive:
            return True
        nxt = toks[j + 1].norm if j + 1 < len(toks) else ""
        if nxt in _STRONG_CONTEXT:
            return True
        if tok.raw[:1].isupper():
            if not self._sentence_start(text, tok):
                return True
            return nxt in _START_CONTEXT or j + 1 >= len(toks)
        return nxt in _LOWER_CONTEXT


# --------------------------------------------------------------------------- dates

YEAR_MIN, YEAR_MAX = 2005, 2035

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MON = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
        r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])")
_ORD = r"(?:st|nd|rd|th)?"
_YEAR4 = r"(?:19|20)\d\d"

_ATOM_FORMS = {
    "dmy": rf"(\d{{1,2}}){_ORD}\s+(?:of\s+)?({_MON})\.?,?\s+({_YEAR4})",
    "mdy": rf"({_MON})\.?\s+(\d{{1,2}}){_ORD},?\s+({_YEAR4})",
    "iso": r"(\d{4})-(\d{1,2})-(\d{1,2})",
    "num": r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})",
    "my": rf"({_MON})\.?,?\s+(?:of\s+)?({_YEAR4})",
    "m/y": r"(\d{1,2})/(\d{4})",
    "y": rf"({_YEAR4})",
}
_ATOM_FULL = {k: re.compile(v + r"\Z", re.I) for k, v in _ATOM_FORMS.items()}
_ATOM = r"(?:" + "|".join(re.sub(r"\((?!\?)", "(?:", v).replace(r"\2", r"[/.-]") for v in _ATOM_FORMS.values()) + ")"
_ATOM_B = rf"(?<![\w£$€#]){_ATOM}(?![\w%])"
_ATOM_OR_MON = rf"(?:{_ATOM_B}|(?<![\w]){_MON})"

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3, "several": 3,
    "couple": 2, "couple of": 2, "a couple of": 2,
}
_NUM = r"(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?few|several|(?:a\s+)?couple(?:\s+of)?)"
_UNIT = r"(years?|months?|weeks?|days?|decades?)"

_RE_SHORT = re.compile(rf"(?<![\w£$/.-])({_YEAR4})\s*([-/–])\s*(\d{{2}})(?![\w%/.-])", re.I)
_RE_REL_N = re.compile(rf"(?:(?:in|over|during|within|from)\s+)?(?:the\s+)?(?:last|past|previous|preceding)\s+{_NUM}\s+{_UNIT}\b", re.I)
_RE_REL_1 = re.compile(r"(?:(?:in|over|during|within|from)\s+)?the\s+(?:last|past|previous|preceding)\s+(year|month|decade|twelve\s+months|12\s+months)\b", re.I)
_RE_AGO = re.compile(rf"\b{_NUM}\s+years?\s+ago\b", re.I)
_RE_THIS_LAST_YEAR = re.compile(r"\b(this|current|last|previous)\s+(?:calendar\s+)?year\b", re.I)
_RE_BETWEEN = re.compile(rf"\bbetween\s+({_ATOM_OR_MON})\s+(?:and|&|-|–|to)\s+({_ATOM_B})", re.I)
_RE_FROM_TO = re.compile(rf"\b(?:from\s+)?({_ATOM_OR_MON})\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b)\s*({_ATOM_B})", re.I)
_RE_OPEN_BEFORE = re.compile(
    rf"\b(before|prior\s+to|earlier\s+than|pre|as\s+of|as\s+at|until|till|up\s+to|up\s+until|through|on\s+or\s+before|in\s+or\s+before|no\s+later\s+than|not\s+after)[-\s]+({_ATOM_B})", re.I)
_RE_OPEN_AFTER = re.compile(
    rf"\b(since|after|from|post|later\s+than|starting(?:\s+(?:in|from))?|beginning(?:\s+in)?|on\s+or\s+after|in\s+or\s+after|no\s+earlier\s+than|not\s+before)[-\s]+({_ATOM_B})", re.I)
_RE_OPEN_SUFFIX = re.compile(rf"({_ATOM_B})\s+(onwards?|or\s+later|and\s+later|or\s+after|and\s+after|or\s+since|or\s+earlier|and\s+earlier|or\s+before)\b", re.I)
_RE_SINGLE = re.compile(_ATOM_B, re.I)
_RE_PUBLISHED_BEFORE = re.compile(r"(?:\bpublished|\bdated)\s+(?:(?:in|on)\s+)?(?:the\s+)?$", re.I)
_LEAD_WORDS_RE = re.compile(r"(?:\b(?:in|of|on|during|from|published|dated|at|the|year|for)\s+)+$", re.I)

_NOT_DATE_BEFORE = re.compile(
    r"\b(?:paragraphs?|paras?|pages?|pp?|sections?|figures?|fig|tables?|numbers?|no|nos|refs?|reference|urn|items?|"
    r"points?|chapters?|appendix|annex)\.?\s*$|[£$€#]\s*$", re.I)
_NOT_DATE_AFTER = re.compile(
    r"\s*(?:%|(?:per\s*cent|percent|children|young|people|pupils|cases|referrals|families|staff|social\s+workers|"
    r"contacts|assessments|plans|households|adults|carers|hours|minutes|pounds|miles)\b)", re.I)
_RE_PART_YEAR = re.compile(
    rf"\b(early|mid|late|spring|summer|autumn|fall|winter|q[1-4]|(?:first|1st|second|2nd)\s+half|start|beginning|end)"
    rf"(?:\s+of)?(?:\s+the\s+year)?[\s-]+(?:of\s+)?({_YEAR4})(?![\w%])", re.I)
_PART_MONTHS = {  # (first month, last month), months may run past 12 / before 1
    "early": (1, 4), "start": (1, 3), "beginning": (1, 3), "mid": (4, 9), "late": (9, 12), "end": (10, 12),
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (0, 2),
    "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12),
    "first half": (1, 6), "1st half": (1, 6), "second half": (7, 12), "2nd half": (7, 12),
}
_RE_OPEN_WORD_BEFORE = re.compile(
    r"\b(since|after|from|post|later\s+than|before|prior\s+to|earlier\s+than|pre|until|till|up\s+to|as\s+of)"
    r"[-\s]+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class _Widened:
    """Stand-in for a match object covering a widened span."""

    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e


_INCLUSIVE_BEFORE = {"as of", "as at", "until", "till", "up to", "up until", "through", "on or before", "in or before",
                     "no later than", "not after"}
_INCLUSIVE_AFTER = {"since", "from", "starting", "starting in", "starting from", "beginning",
                    "beginning in", "on or after", "in or after", "no earlier than", "not before"}


def _valid_year(y: int) -> bool:
    return YEAR_MIN <= y <= YEAR_MAX


def _mk(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _parse_atom(s: str, default_year: int | None = None) -> tuple[date, date, bool] | None:
    """(first day, last day, is_single_day) for one date expression, or None."""
    s = s.strip()
    for kind, rx in _ATOM_FULL.items():
        m = rx.match(s)
        if not m:
            continue
        g = m.groups()
        if kind == "dmy":
            y, mo, d = int(g[2]), _MONTHS[g[1].lower()], int(g[0])
        elif kind == "mdy":
            y, mo, d = int(g[2]), _MONTHS[g[0].lower()], int(g[1])
        elif kind == "iso":
            y, mo, d = int(g[0]), int(g[1]), int(g[2])
        elif kind == "num":
            a, b, yy = int(g[0]), int(g[2]), g[3]
            y = int(yy) + 2000 if len(yy) == 2 else int(yy)
            d, mo = (a, b) if b <= 12 else (b, a)  # UK day-first unless impossible
        elif kind == "my":
            y, mo = int(g[1]), _MONTHS[g[0].lower()]
            if not _valid_year(y):
                return None
            return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1]), False
        elif kind == "m/y":
            y, mo = int(g[1]), int(g[0])
            if not (_valid_year(y) and 1 <= mo <= 12):
                return None
            return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1]), False
        else:  # year
            y = int(g[0])
            if not _valid_year(y):
                return None
            return date(y, 1, 1), date(y, 12, 31), False
        day = _mk(y, mo, d) if _valid_year(y) else None
        return (day, day, True) if day else None
    m = re.fullmatch(_MON + r"\.?", s, re.I)
    if m and default_year and _valid_year(default_year):
        mo = _MONTHS[s.rstrip(".").lower()]
        y = default_year
        return date(y, mo, 1), date(y, mo, monthrange(y, mo)[1]), False
    return None


def _minus(today: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "day":
        return today - timedelta(days=n)
    if unit == "week":
        return today - timedelta(weeks=n)
    months = n * 12 if unit == "year" else n * 120 if unit == "decade" else n
    y, m = divmod(today.year * 12 + today.month - 1 - months, 12)
    m += 1
    return date(y, m, min(today.day, monthrange(y, m)[1]))


def _number(word: str) -> int:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w, _NUMBER_WORDS.get(w.replace("a ", "", 1), 1))


@dataclass
class _DateHit:
    start: int
    end: int
    lo: date | None
    hi: date | None
    exact: bool = False


def _find_dates(text: str, today: date) -> list[_DateHit]:
    masked = text
    hits: list[_DateHit] = []

    def take(m, lo, hi, exact=False):
        nonlocal masked
        hits.append(_DateHit(m.start(), m.end(), lo, hi, exact))
        masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]

    # 2018/19, 2018-19 (financial / academic years) and 2025-05 (year-month)
    for m in list(_RE_SHORT.finditer(masked)):
        y, nn = int(m.group(1)), int(m.group(3))
        if not _valid_year(y):
            continue
        if nn == (y + 1) % 100:
            take(m, date(y, 1, 1), date(y + 1, 12, 31))
        elif m.group(2) == "-" and 1 <= nn <= 12:
            take(m, date(y, nn, 1), date(y, nn, monthrange(y, nn)[1]))
    # relative to today
    for m in list(_RE_REL_N.finditer(masked)):
        take(m, _minus(today, _number(m.group(1)), m.group(2)), today)
    for m in list(_RE_REL_1.finditer(masked)):
        unit = m.group(1).lower()
        unit = "month" if unit.startswith("month") else "year" if "month" in unit else unit
        take(m, _minus(today, 1, unit), today)
    for m in list(_RE_AGO.finditer(masked)):
        y = today.year - _number(m.group(1))
        if _valid_year(y):
            take(m, date(y, 1, 1), date(y, 12, 31))
    for m in list(_RE_THIS_LAST_YEAR.finditer(masked)):
        y = today.year if m.group(1).lower() in ("this", "current") else today.year - 1
        take(m, date(y, 1, 1), date(y, 12, 31))
    # parts of a year: "spring 2023", "early 2020", "Q3 2024", "the summer of 2022"
    for m in list(_RE_PART_YEAR.finditer(masked)):
        y = int(m.group(2))
        if not _valid_year(y):
            continue
        first, last = _PART_MONTHS[" ".join(m.group(1).lower().split())]
        fy, fm = (y - 1, 12) if first == 0 else (y, first)
        lo, hi = date(fy, fm, 1), date(y, last, monthrange(y, last)[1])
        op = _RE_OPEN_WORD_BEFORE.search(masked[:m.start()])
        if op:
            word = " ".join(op.group(1).lower().split())
            m = _Widened(op.start(), m.end())
            if word in _INCLUSIVE_AFTER:
                lo, hi = lo, None
            elif word in ("after", "later than", "post"):
                lo, hi = hi + timedelta(days=1), None
            elif word in _INCLUSIVE_BEFORE:
                lo, hi = None, hi
            else:
                lo, hi = None, lo - timedelta(days=1)
        take(m, lo, hi)
    # explicit ranges
    for rx in (_RE_BETWEEN, _RE_FROM_TO):
        for m in list(rx.finditer(masked)):
            b = _parse_atom(m.group(2))
            if not b:
                continue
            a = _parse_atom(m.group(1), default_year=b[0].year)
            if not a or a[0] > b[1]:
                continue
            take(m, a[0], b[1])
    # open ranges
    for m in list(_RE_OPEN_BEFORE.finditer(masked)):
        a = _parse_atom(m.group(2))
        if a:
            word = " ".join(m.group(1).lower().split())
            take(m, None, a[1] if word in _INCLUSIVE_BEFORE else a[0] - timedelta(days=1))
    for m in list(_RE_OPEN_AFTER.finditer(masked)):
        a = _parse_atom(m.group(2))
        if a:
            word = " ".join(m.group(1).lower().split())
            take(m, a[0] if word in _INCLUSIVE_AFTER else a[1] + timedelta(days=1), None)
    for m in list(_RE_OPEN_SUFFIX.finditer(masked)):
        a = _parse_atom(m.group(1))
        if a:
            word = " ".join(m.group(2).lower().split())
            if "earlier" in word or "before" in word:
                take(m, None, a[1])
            else:
                take(m, a[0], None)
    # single expressions
    for m in list(_RE_SINGLE.finditer(masked)):
        if _NOT_DATE_BEFORE.search(masked[:m.start()]) or _NOT_DATE_AFTER.match(masked[m.end():]):
            continue
        a = _parse_atom(m.group())
        if a:
            take(m, a[0], a[1], a[2])
    hits.sort(key=lambda h: h.start)
    return hits


# --------------------------------------------------------------------------- recency

_DOC_LEAD = r"(?:(?:ofsted|ilacs|full|standard|children'?s|childrens|social|care|services?|ever|graded|ofsted's)\s+){0,4}"
_DOC_NOUN = r"(?:inspections?|reports?|judge?ments?|ratings?|grades?|visits?|one|time)\b"
_DOC = _DOC_LEAD + _DOC_NOUN
_RECENCY_PATTERNS = (
    ("previous", re.compile(
        r"\b(?:previous(?:ly)?|prior(?!\s+to\b)|preceding|penultimate|last[-\s]but[-\s]one"
        r"|second[-\s](?:most[-\s]recent|latest|last|newest)"
        r"|(?:before|prior\s+to|preceding)\s+(?:the\s+)?(?:latest|last|most\s+recent|current|newest)(?:\s+(?:one|inspection|report))?"
        r"|before\s+that|earlier(?=\s+" + _DOC + r"))", re.I)),
    ("first", re.compile(
        r"\b(?:(?:very\s+)?first|earliest|oldest|initial|original)(?=\s+" + _DOC + r")"
        r"|\bfirst\s+(?:ever\s+)?inspected\b|\b(?:earliest|oldest)\b(?!\s+(?:child|children|young|people|person|care|age|\w+\s+(?:child|children|young)))",
        re.I)),
    ("latest", re.compile(
        r"\b(?:latest|newest|most\s+recent(?:ly)?|current(?:ly)?|up[-\s]to[-\s]date|now"
        r"|recent(?=\s+" + _DOC + r")|recently"
        r"|last\s+(?:inspected|rated|judged|visited)"
        r"|last(?=\s+" + _DOC + r"))",
        re.I)),
)


def _find_recency(text: str) -> tuple[str, list[tuple[int, int]]]:
    masked = text
    kinds: list[str] = []
    spans: list[tuple[int, int]] = []
    for kind, rx in _RECENCY_PATTERNS:
        for m in list(rx.finditer(masked)):
            if m.end() <= m.start():
                continue
            kinds.append(kind)
            spans.append((m.start(), m.end()))
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    distinct = set(kinds)
    return (kinds[0] if len(distinct) == 1 else ""), spans


# --------------------------------------------------------------------------- topic

_FILLER_RE = re.compile(
    r"\b(?:inspections?\s+of\s+local\s+authority\s+children['’]?s\s+services|ilacs"
    r"|ofsted['’]?s?"
    r"|children['’]?s?['’]?\s+(?:social\s+care\s+)?services?(?:['’]s?)?"
    r"|inspections?(?:\s+reports?)?|inspected)\b", re.I)
_DANGLING_RE = re.compile(r"(?:\b(?:in|of|the|for|from|at|on|published|dated|by|during|its|their|and|with|to)\s*)+(?=[?.!,;:]|$)", re.I)


_SENT = "\x00"
_BEFORE_SENT_RE = re.compile(
    r"(?:\b(?:the|a|an|of|in|for|at|on|from|about|by|during|its|their|published|dated|to|with|into)\s+)+\x00", re.I)
_AFTER_SENT_RE = re.compile(r"\x00(?:\s+(?:of|published|dated)\b)+", re.I)


def _remove_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span with a sentinel (merged where they overlap)."""
    out = []
    pos = 0
    for s, e in sorted(spans):
        if s < pos:
            s = pos
        if e <= s:
            continue
        out.append(text[pos:s])
        out.append(f" {_SENT} ")
        pos = e
    out.append(text[pos:])
    return "".join(out)


def _clean_topic(text: str) -> str:
    text = _FILLER_RE.sub(f" {_SENT} ", text)
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"\x00(?:\s*\x00)+", _SENT, text)
        text = _BEFORE_SENT_RE.sub(_SENT, text)
        text = _AFTER_SENT_RE.sub(_SENT, text)
    text = text.replace(_SENT, " ")
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([?.!,;:])", r"\1", text)
    prev = None
    while prev != text:
        prev = text
        text = _DANGLING_RE.sub("", text)
        text = re.sub(r"\s+([?.!,;:])", r"\1", text)
        text = re.sub(r"([,;:])\s*(?=[?.!,;:]|$)", "", text)
    text = re.sub(r"^[\s,;:.]+", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text


# --------------------------------------------------------------------------- parse

def parse_query(question: str, matcher: AuthorityMatcher, today: date | None = None) -> QueryFilters:
    """Authorities, publication-date range, recency and keyword topic of a question."""
    today = today or date.today()
    text = question or ""
    auth_spans = matcher.spans(text)
    authorities: dict[str, None] = {}
    for _s, _e, names in auth_spans:
        for n in names:
            authorities.setdefault(n, None)

    # dates, ignoring text inside authority names; the mask is not white space, so that
    # "from Portsmouth's September 2014 report" does not read as "from September 2014"
    masked = text
    for s, e, _ in auth_spans:
        masked = masked[:s] + "§" * (e - s) + masked[e:]
    hits = _find_dates(masked, today)
    ranges = tuple((h.lo.isoformat() if h.lo else "", h.hi.isoformat() if h.hi else "") for h in hits)
    date_texts = []
    removal: list[tuple[int, int]] = [(s, e) for s, e, _ in auth_spans]
    for h in hits:
        prefix = _RE_PUBLISHED_BEFORE.search(text[:h.start])
        start = prefix.start() if prefix else h.start
        date_texts.append(text[start:h.end].strip())
        lead = _LEAD_WORDS_RE.search(text[:h.start])
        removal.append((lead.start() if lead else h.start, h.end))
    published_from = published_to = exact = ""
    if hits:
        los = [h.lo for h in hits]
        his = [h.hi for h in hits]
        published_from = "" if any(x is None for x in los) else min(los).isoformat()
        published_to = "" if any(x is None for x in his) else max(his).isoformat()
        if len(hits) == 1 and hits[0].exact:
            exact = hits[0].lo.isoformat()

    # recency, outside authority and date phrases
    masked2 = masked
    for s, e in removal:
        masked2 = masked2[:s] + " " * (e - s) + masked2[e:]
    recency, rec_spans = _find_recency(masked2)
    removal.extend(rec_spans)

    topic = _clean_topic(_remove_spans(text, removal))
    return QueryFilters(
        authorities=tuple(authorities),
        published_from=published_from,
        published_to=published_to,
        recency=recency,
        date_text="; ".join(date_texts),
        exact_date=exact,
        topic=topic,
        date_ranges=ranges,
    )

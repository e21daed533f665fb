"""Dates and periods in a question.

A year -> that calendar year; a month + year -> that month; a full day -> that day (``exact``);
ranges ("between 2018 and 2020", "from 2018 to 2022", "2018-2020", "2018/19"), open ranges ("since 2020"
inclusive, "after 2021" exclusive, "before 2019" exclusive, "until 2019" inclusive), relative ranges
("in the last two years", "this year", "last year", "two years ago") against ``today``.  Years only
2005-2035.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

YEAR_MIN, YEAR_MAX = 2005, 2035

_MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MON = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])"
)
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
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "few": 3,
    "several": 3,
    "couple": 2,
    "couple of": 2,
    "a couple of": 2,
}
_NUM = r"(\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:a\s+)?few|several|(?:a\s+)?couple(?:\s+of)?)"
_UNIT = r"(years?|months?|weeks?|days?|decades?)"

_RE_SHORT = re.compile(rf"(?<![\w£$/.-])({_YEAR4})\s*([-/–])\s*(\d{{2}})(?![\w%/.-])", re.I)
_RE_REL_N = re.compile(
    rf"(?:(?:in|over|during|within|from)\s+)?(?:the\s+)?(?:last|past|previous|preceding)\s+{_NUM}\s+{_UNIT}\b", re.I
)
_RE_REL_1 = re.compile(
    r"(?:(?:in|over|during|within|from)\s+)?the\s+(?:last|past|previous|preceding)\s+(year|month|decade|twelve\s+months|12\s+months)\b",
    re.I,
)
_RE_AGO = re.compile(rf"\b{_NUM}\s+years?\s+ago\b", re.I)
_RE_THIS_LAST_YEAR = re.compile(r"\b(this|current|last|previous)\s+(?:calendar\s+)?year\b", re.I)
_RE_BETWEEN = re.compile(rf"\bbetween\s+({_ATOM_OR_MON})\s+(?:and|&|-|–|to)\s+({_ATOM_B})", re.I)
_RE_FROM_TO = re.compile(
    rf"\b(?:from\s+)?({_ATOM_OR_MON})\s*(?:-|–|—|\bto\b|\btill\b|\buntil\b|\bthrough\b|\bthru\b)\s*({_ATOM_B})", re.I
)
_RE_OPEN_BEFORE = re.compile(
    rf"\b(before|prior\s+to|earlier\s+than|pre|as\s+of|as\s+at|until|till|up\s+to|up\s+until|through|on\s+or\s+before|in\s+or\s+before|no\s+later\s+than|not\s+after)[-\s]+({_ATOM_B})",
    re.I,
)
_RE_OPEN_AFTER = re.compile(
    rf"\b(since|after|from|post|later\s+than|starting(?:\s+(?:in|from))?|beginning(?:\s+in)?|on\s+or\s+after|in\s+or\s+after|no\s+earlier\s+than|not\s+before)[-\s]+({_ATOM_B})",
    re.I,
)
_RE_OPEN_SUFFIX = re.compile(
    rf"({_ATOM_B})\s+(onwards?|or\s+later|and\s+later|or\s+after|and\s+after|or\s+since|or\s+earlier|and\s+earlier|or\s+before)\b",
    re.I,
)
_RE_SINGLE = re.compile(_ATOM_B, re.I)
_RE_PUBLISHED_BEFORE = re.compile(r"(?:\bpublished|\bdated)\s+(?:(?:in|on)\s+)?(?:the\s+)?$", re.I)
_LEAD_WORDS_RE = re.compile(r"(?:\b(?:in|of|on|during|from|published|dated|at|the|year|for)\s+)+$", re.I)

_NOT_DATE_BEFORE = re.compile(
    r"\b(?:paragraphs?|paras?|pages?|pp?|sections?|figures?|fig|tables?|numbers?|no|nos|refs?|reference|urn|items?|"
    r"points?|chapters?|appendix|annex)\.?\s*$|[£$€#]\s*$",
    re.I,
)
_NOT_DATE_AFTER = re.compile(
    r"\s*(?:%|(?:per\s*cent|percent|children|young|people|pupils|cases|referrals|families|staff|social\s+workers|"
    r"contacts|assessments|plans|households|adults|carers|hours|minutes|pounds|miles)\b)",
    re.I,
)
# a number after these words is a count, not a year: "there were 2018 children", "of 2015 referrals"
_COUNTED = re.compile(
    r"\b(?:were|are|was|is|had|has|have|with|about|around|approximately|over|under|nearly|almost|some|than|of|to|by"
    r"|from|only|just|there|at\s+least|up\s+to)\s*$",
    re.I,
)
_RE_PART_YEAR = re.compile(
    rf"\b(early|mid|late|spring|summer|autumn|fall|winter|q[1-4]|(?:first|1st|second|2nd)\s+half|start|beginning|end)"
    rf"(?:\s+of)?(?:\s+the\s+year)?[\s-]+(?:of\s+)?({_YEAR4})(?![\w%])",
    re.I,
)
_PART_MONTHS = {  # (first month, last month), months may run past 12 / before 1
    "early": (1, 4),
    "start": (1, 3),
    "beginning": (1, 3),
    "mid": (4, 9),
    "late": (9, 12),
    "end": (10, 12),
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (0, 2),
    "q1": (1, 3),
    "q2": (4, 6),
    "q3": (7, 9),
    "q4": (10, 12),
    "first half": (1, 6),
    "1st half": (1, 6),
    "second half": (7, 12),
    "2nd half": (7, 12),
}
_RE_OPEN_WORD_BEFORE = re.compile(
    r"\b(since|after|from|post|later\s+than|before|prior\s+to|earlier\s+than|pre|until|till|up\s+to|as\s+of)"
    r"[-\s]+(?:the\s+)?$",
    re.I,
)


@dataclass(frozen=True)
class _Widened:
    """Stand-in for a match object covering a widened span."""

    s: int
    e: int

    def start(self) -> int:
        return self.s

    def end(self) -> int:
        return self.e


_INCLUSIVE_BEFORE = {
    "as of",
    "as at",
    "until",
    "till",
    "up to",
    "up until",
    "through",
    "on or before",
    "in or before",
    "no later than",
    "not after",
}
_INCLUSIVE_AFTER = {
    "since",
    "from",
    "starting",
    "starting in",
    "starting from",
    "beginning",
    "beginning in",
    "on or after",
    "in or after",
    "no earlier than",
    "not before",
}


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
        masked = masked[: m.start()] + " " * (m.end() - m.start()) + masked[m.end() :]

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
        op = _RE_OPEN_WORD_BEFORE.search(masked[: m.start()])
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
        if (_NOT_DATE_BEFORE.search(masked[: m.start()]) and m.group()[:1].isdigit()) or (
            _NOT_DATE_AFTER.match(masked[m.end() :]) and _COUNTED.search(masked[: m.start()])
        ):
            continue  # "page 2015", "there were 2018 children"; not "numbers jan 2015", "haringey 2018 children in care"
        a = _parse_atom(m.group())
        if a:
            take(m, a[0], a[1], a[2])
    hits.sort(key=lambda h: h.start)
    return hits

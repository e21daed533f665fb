"""Query understanding without an LLM: the slots of a question.

``parse_query(question, matcher, today=None) -> QueryFilters``: the authorities named
(``authorities``: names, nicknames, misspellings), the publication period (``dates``), which
inspection of an authority (``recency``: latest / previous / first / next) and the keyword topic
(``topic``). Places that are not English local authorities are recognised by ``places``; the
form of a question (yes/no, comparison) by ``form``. Deciding what kind of question it is
lives in ``answering/intent.py``.

When several date expressions appear, published_from/published_to span all of them and
``date_ranges`` lists each one. If contradictory recency words appear ("compare the latest
with the first") recency is left "".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .authorities import ALIASES_PATH, AuthorityMatcher, load_known_authorities
from .dates import _LEAD_WORDS_RE, _RE_PUBLISHED_BEFORE, _find_dates
from .recency import _find_recency
from .topic import _clean_topic, _remove_spans

__all__ = ["QueryFilters", "AuthorityMatcher", "parse_query", "load_known_authorities", "ALIASES_PATH"]


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
    stepped: str = ""  # a follow-up's step from the earlier turn's report: "previous" | "next"

    @property
    def has_date(self) -> bool:
        return bool(self.published_from or self.published_to)


_PUNCTUATION_BREAK = re.compile(r"[,;:?!–—]|\s-\s")
_CLAUSE_BREAK = re.compile(_PUNCTUATION_BREAK.pattern + r"|\b(?:and|but|so|what\s+about|how\s+about)\b", re.I)


# "still" asks about now when it closes the question or comes before a grade ("is it still?",
# "still inadequate?"), not when it is part of a finding ("still carrying larger caseloads")
_ASKS_NOW = re.compile(
    r"(?!still\b)|still\s*(?:[?.!]|$|(?:outstanding|good|inadequate|requires|rated|judged|graded|the\s+case|so|that)\b)",
    re.I,
)


# a clause in the past tense after a date that only labels the question: its "still" is of
# then ("birmingham 2016 - was leadership still judged inadequate?"), not now; after a date
# that states something ("was inadequate in 2016 - was it still?") it asks what came after
_PAST = re.compile(r"\b(?:was|were|had|did)\b", re.I)
_STATES = re.compile(r"\b(?:was|were|is|are|had|has|got|rated|judged|graded)\b", re.I)


def _premise(text: str, date_end: int, recency_spans: list[tuple[int, int]]) -> bool:
    """The date stands in an earlier clause than every recency word ("was inadequate in 2017,
    is it still?"), so it states what was, and the recency word asks what is (not when the
    recency word's clause is in the past tense)."""

    def asks_now(s: int) -> bool:
        stops = list(_PUNCTUATION_BREAK.finditer(text, date_end, s))
        clause = text[stops[-1].end() : s] if stops else text[date_end:s]
        then = _PAST.search(clause) and not _STATES.search(text[:date_end])  # the date only labels the question
        return bool(_CLAUSE_BREAK.search(text, date_end, s)) and bool(_ASKS_NOW.match(text, s)) and not then

    return bool(recency_spans) and all(s >= date_end and asks_now(s) for s, _e in recency_spans)


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
        prefix = _RE_PUBLISHED_BEFORE.search(text[: h.start])
        start = prefix.start() if prefix else h.start
        date_texts.append(text[start : h.end].strip())
        lead = _LEAD_WORDS_RE.search(text[: h.start])
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
    if recency == "latest" and hits and published_to and _premise(text, hits[-1].end, rec_spans):
        # "tower hamlets was in a bad way in 2017, where are they now?": the date is the
        # premise, "now" the question: the latest report since then
        published_to, exact = "", ""

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

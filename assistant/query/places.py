"""Places a question names that are not English local authorities in the index, and topics
the reports do not cover: the reasons the assistant gives when it cannot answer.

* ``outside_england(text)``: a Welsh, Scottish or Northern Irish council, a Crown dependency
  or another country (listed in ``data/places_outside_scope.json``), with the reason.
* ``unknown_place(text, matcher, is_known_word)``: a name in a place position ("in X", "for
  X", "X's ...", "X council") that is no authority and no word the reports or English use
  (an invented or unlisted place).
* ``out_of_scope(text, in_field)``: council finances, schools and colleges, adult social care,
  health; sport, weather and the like unless the question is about an authority's children's
  services (the reports mention them in passing).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .spelling import common_word_for

_DATA = Path(__file__).resolve().parent.parent / "data" / "places_outside_scope.json"
RARE_ZIPF = 2.5  # wordfreq: a word rarer than this in English may be a place name
UNKNOWN_ZIPF = 1.0  # a capitalised word this rare, anywhere in the question, is taken as a place
LEAD_ZIPF = 3.5  # a word opening a keyword-style question before a service, this rare, may be a place


@dataclass(frozen=True)
class OutOfScope:
    what: str  # the place or topic named
    reason: str  # a sentence saying why the reports cannot answer


@lru_cache(maxsize=1)
def _data() -> tuple[list[tuple[re.Pattern, str, str]], list[tuple[re.Pattern, str, bool]]]:
    raw = json.loads(_DATA.read_text(encoding="utf-8"))
    places = []
    for region in raw["regions"].values():
        for name in sorted(region["places"], key=len, reverse=True):
            rx = re.compile(r"(?<![\w-])" + r"[\s-]+".join(map(re.escape, name.split())) + r"(?![\w-])", re.I)
            places.append((rx, name, region["reason"]))
    asides = set(raw.get("asides", ()))
    topics = [
        (re.compile(r"\b(?:" + "|".join(pats) + r")\b", re.I), what, what in asides)
        for what, pats in raw["topics"].items()
    ]
    return places, topics


def names_outside_england() -> tuple[str, ...]:
    """The listed names of places outside England (councils of Wales, Scotland and Northern
    Ireland, Crown dependencies, countries)."""
    return tuple(name for _rx, name, _reason in _data()[0])


def outside_england(text: str) -> OutOfScope | None:
    for rx, name, reason in _data()[0]:
        m = rx.search(text)
        if m:
            return OutOfScope(name, reason.format(place=name))
    return None


def out_of_scope(text: str, in_field: bool = False) -> OutOfScope | None:
    """The topic the reports do not cover that text asks about; in_field: the question names
    an authority and speaks of children's services, so a topic the reports mention in passing
    ("which football club backed waltham forest's domestic abuse campaign?") is no reason."""
    for rx, what, aside in _data()[1]:
        if aside and in_field:
            continue
        if rx.search(text):
            return OutOfScope(what, f"The inspection reports cover local authority children's services, not {what}.")
    return None


# Where a place name stands: after in/for/at (a capitalised run, or a rare lower-case word),
# before "council"/"local authority"/"children's services", or possessive before field words.
_CAP_RUN = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|upon|on|under|le|and))*"
_PLACE_POSITIONS = re.compile(
    rf"""
      \b(?:in|for|at|of|about)\s+(?P<after>{_CAP_RUN}|[a-z][a-z-]{{4,}})
    | (?P<before>{_CAP_RUN}?)(?:['’]s)?\s+(?i:(?:(?:city|county|borough|district|metropolitan)\s+)?
          (?:council|local\s+authority|children['’]?s\s+services|social\s+services))\b
    """,
    re.X,
)
# a lower-case name before "council" ("wessex vale council's children's services"), read first so
# that "about wessex" does not take its first word
_LOWER_BEFORE_COUNCIL = re.compile(
    r"(?P<lower>\b[a-z][a-z'’-]{3,}(?:\s+[a-z][a-z'’-]{3,})?)\s+(?P<kind>(?:city|county|borough|district|metropolitan)\s+)?"
    r"council\b"
)
# a keyword-style question opening with a place before the service it asks about
_LEAD_NAME = re.compile(
    r"^\s*([A-Za-z][a-z'’-]{2,}(?:\s+[A-Za-z][a-z'’-]{2,}){0,2}?)\s+(?=(?:care|children|childrens|children['’]s|"
    r"social|fostering|adoption|leaving|council|services?|safeguarding)\b)",
    re.I,
)
_COUNCIL_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:(?:city|county|borough|district)\s+)?(?:council|local\s+authority)\b", re.I
)
_NOT_NAMES = {
    "city",
    "county",
    "borough",
    "district",
    "metropolitan",
    "ofsted",
    "the",
    "england",
    "english",
    "uk",
    "britain",
    "his",
    "her",
    "majesty",
    "majesty's",
    "local",
    "children",
    "children's",
    "what",
    "which",
    "how",
    "did",
    "does",
    "is",
    "was",
}


# words before "county council" that are no name: "our county council", "every city council"
_DETERMINERS = frozenset(
    "our your my their its a an each every any this that these those same local whole other another which what".split()
)


def _typo_of_common_word(word: str) -> bool:
    """A rare word one slip away from a common English word ("socail" -> "social")."""
    return bool(common_word_for(word))


def _rare_unknown(word: str, is_known_word: Callable[[str], bool]) -> bool:
    """A word neither the reports nor everyday English use."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower().strip("'’"), "en") < LEAD_ZIPF and not is_known_word(word)


def unknown_place(text: str, matcher, is_known_word: Callable[[str], bool]) -> str:
    """A place-like name that is no authority the matcher knows and no word the reports or
    common English use; "" when there is none (or when an authority is named)."""
    from wordfreq import zipf_frequency

    if matcher.find(text):
        return ""
    for m in [*_LOWER_BEFORE_COUNCIL.finditer(text), *_PLACE_POSITIONS.finditer(text)]:
        g = m.groupdict()
        raw = (g.get("after") or g.get("before") or g.get("lower") or "").strip(" .'’")
        words = [
            w
            for w in re.findall(r"[\w'’-]+", raw)
            if w.lower().strip("'’") not in _NOT_NAMES and not (w[:1].islower() and _typo_of_common_word(w))
        ]
        if not words or g.get("after") and raw[:1].islower() and len(words) != 1:
            continue
        name = " ".join(words)
        if matcher.find(name):
            continue
        by_position = g.get("before") or g.get("lower") or _COUNCIL_AFTER.match(text, m.end())
        if g.get("kind") and not any(w.lower() in _DETERMINERS for w in words):
            return name  # "south mercia county council": named as a council, and no authority
        if by_position and (
            not any(is_known_word(w) for w in words)
            or any(_rare_unknown(w, is_known_word) and not _typo_of_common_word(w) for w in words)
        ):
            return name  # "X council": a place by position alone ("south mercia county council")
        rare = [w for w in words if zipf_frequency(w.lower().strip("'’"), "en") < RARE_ZIPF and not is_known_word(w)]
        if rare and (raw[:1].isupper() or len(words) == 1):
            return name
    lead = _LEAD_NAME.match(text)
    if lead:  # "port clarendon care leavers service - was it any good?"
        words = [w for w in lead.group(1).split() if w.lower() not in _NOT_NAMES]
        if any(_rare_unknown(w, is_known_word) and not _typo_of_common_word(w) for w in words) and not matcher.find(
            lead.group(1)
        ):
            return " ".join(words)
    for m in re.finditer(r"(?<![.?!]\s)(?<!^)\b[A-Z][a-z]{4,}\b", text):  # "How was Westmoorshire judged?"
        word = m.group()
        if zipf_frequency(word.lower(), "en") < UNKNOWN_ZIPF and not is_known_word(word) and not matcher.find(word):
            return word
    return ""

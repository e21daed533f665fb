"""Whether inspectors presented a sentence of a report as a strength or as a concern, decided
only from evidence a reader can check in the report (no guessing):

1. **listed** -- the sentence is an item of the report's "what needs to improve" list (or the
   SIF "areas for improvement" / recommendations): a **concern**;
2. **praised in a strong area** -- the sentence stands in the findings of an area the report
   judges good or outstanding, its wording is positive only (no negative clause, see
   :func:`assistant.wording.polarity`) and it holds a strong evaluative cue of praise
   ("effective", "timely", "benefit from"...): a **strength**;
3. **criticised in a weak area** -- the sentence stands in the findings of an area judged
   requires improvement or inadequate, its wording is negative only and it holds a strong cue
   of criticism ("too many", "delay", "inconsistent", "not always"...): a **concern**.

Anything else (mixed wording, a neutral description, praise in a weak area, criticism in a
strong one, a section that is no judged area) is **unclear** and gets no key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..answering.intent import areas_in
from ..records import Chunk, ReportMeta
from ..wording import criticism, evaluative_praise, polarity
from .text import clean, norm, strip_xref

STRENGTH, CONCERN = "strength", "concern"
STRONG_GRADES = ("outstanding", "good")
WEAK_GRADES = ("requires improvement", "inadequate")  # "requires improvement to be good" too
AREA_NAMES = {
    "overall": "overall effectiveness",
    "help_and_protection": "help and protection",
    "children_in_care": "children in care",
    "care_leavers": "care leavers",
    "leaders": "leadership",
    "adoption": "adoption",
    "lscb": "the LSCB",
}
# sections that are no area's findings: the improvement list, summaries, and Ofsted's standard
# text on what the judgements mean ("What the inspection judgments mean: the LSCB")
_NOT_AN_AREA = re.compile(
    r"improve|recommendation|strengths|weaknesses and is not|summary|information|judg(e)?ments? mean", re.I
)


@dataclass(frozen=True)
class Key:
    """The key of a strength-or-concern question and the evidence it rests on."""

    status: str  # "strength" | "concern"
    rule: str  # "listed" | "praised in a strong area" | "criticised in a weak area"
    evidence: str  # in words a reader can check
    area: str = ""  # judgement area key ("" for a listed item)
    grade: str = ""  # the area's grade as written
    cue: str = ""  # the wording cue


def heading_area(meta: ReportMeta, chunk: Chunk) -> str:
    """The judged area whose findings the chunk stands in, read from its heading ("The
    experiences and progress of children in care: outstanding" -> children_in_care); "" when
    the heading names none the report judges. Care leavers graded together with children in
    care (ILACS 2018-2022) take that judgement."""
    return _heading_area(meta.report_id, tuple(j.area for j in meta.judgements), chunk.heading)


@lru_cache(maxsize=8192)
def _heading_area(report_id: str, judged: tuple[str, ...], heading: str) -> str:
    heading = clean(heading)
    if not heading or _NOT_AN_AREA.search(heading):
        return ""
    found = areas_in(heading)
    if "lscb" in found:  # "Inspection findings - the Local Safeguarding Children Board" is about the board
        found = ["lscb"]
    for area in found:
        if area == "overall":
            continue
        if area in judged:
            return area
        if area == "care_leavers" and "children_in_care" in judged:
            return "children_in_care"
    return ""


def grade_side(grade: str) -> str:
    """ "strong" (good, outstanding), "weak" (requires improvement, inadequate) or ""."""
    g = norm(grade)
    if g.startswith(STRONG_GRADES):
        return "strong"
    if g.startswith(WEAK_GRADES):
        return "weak"
    return ""


def _listed(meta: ReportMeta) -> tuple[tuple[str, str], ...]:
    return _listed_items(meta.report_id, meta.improvements)


@lru_cache(maxsize=2048)
def _listed_items(report_id: str, improvements: tuple) -> tuple[tuple[str, str], ...]:
    """(item as written, item normalised) of the report's improvement list, once per report."""
    out = []
    for item in improvements:
        text = strip_xref(clean(item.text))
        if len(text.split()) >= 4:
            out.append((text, norm(text).strip(" .")))
    return tuple(out)


def listed_item(meta: ReportMeta, sentence: str) -> str:
    """The improvement item the sentence is (or is part of); "" when none."""
    items = _listed(meta)
    if not items:
        return ""
    s = norm(strip_xref(clean(sentence))).strip(" .")
    if not s:
        return ""
    return next((text for text, n in items if s in n or n in s), "")


def key_for(meta: ReportMeta, chunk: Chunk, sentence: str) -> Key | None:
    """The key of the sentence by the three rules, or None when its status is unclear."""
    item = listed_item(meta, sentence)
    if item:
        return Key(CONCERN, "listed", 'It is in the report\'s "what needs to improve" list.')
    area = heading_area(meta, chunk)
    if not area:
        return None
    j = meta.judgement(area)
    side = grade_side(j.grade) if j else ""
    wording = polarity(sentence)
    name = AREA_NAMES.get(area, area)
    if side == "strong" and wording == "positive":
        cue = evaluative_praise(sentence)
        if cue:
            return Key(
                STRENGTH,
                "praised in a strong area",
                f"It is among the findings on {name}, which the report judges {j.grade}, "
                f'and its wording is evaluative praise ("{cue}") with no criticism.',
                area,
                j.grade,
                cue,
            )
    if side == "weak" and wording == "negative":
        cue = criticism(sentence)
        if cue:
            return Key(
                CONCERN,
                "criticised in a weak area",
                f"It is among the findings on {name}, which the report judges {j.grade}, "
                f'and its wording is critical ("{cue}") with no praise.',
                area,
                j.grade,
                cue,
            )
    return None

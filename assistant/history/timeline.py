"""An authority's inspections, oldest first: dates, framework, lead inspector and the
judgements as written, each judgement cited to the passage (page) where the report states it."""

from __future__ import annotations

from dataclasses import dataclass

from ..answering.facts import Facts
from ..answering.quotes import loose_pattern
from ..errors import AssistantError
from ..records import Passage, ReportMeta

# The grade scale of the charts: outstanding > good > requires improvement > inadequate.
# "adequate" (2012-13 reports) sits with requires improvement; "not judged" has no rank.
GRADE_RANK = {
    "outstanding": 4,
    "good": 3,
    "requires improvement to be good": 2,
    "requires improvement": 2,
    "adequate": 2,
    "inadequate": 1,
}
RANK_LABELS = {4: "Outstanding", 3: "Good", 2: "Requires improvement", 1: "Inadequate"}
# Areas in chart order, with short labels; SIF and ILACS wordings of an area share a key.
AREAS = (
    ("overall", "Overall effectiveness"),
    ("help_and_protection", "Help and protection"),
    ("children_in_care", "Children in care"),
    ("care_leavers", "Care leavers"),
    ("leaders", "Leaders"),
    ("adoption", "Adoption (SIF)"),
    ("lscb", "LSCB (SIF)"),
)
AREA_LABELS = dict(AREAS)
FRAMEWORKS = {
    "SIF": "single inspection framework (2013-2017)",
    "ILACS": "ILACS (2018-)",
    "2026": "2026 framework",
    "pre-SIF": "looked after children inspection (2012-2013)",
}


def grade_rank(grade: str) -> int | None:
    return GRADE_RANK.get((grade or "").lower())


@dataclass(frozen=True)
class Cited:
    """A statement's evidence: the passage and the verbatim quote in it."""

    passage: Passage
    quote: str

    @property
    def page(self) -> int:
        return self.passage.citation.page


@dataclass(frozen=True)
class JudgementPoint:
    area: str
    label: str  # as the report words the area
    grade: str  # as written (lower case)
    page: int
    evidence: Cited | None
    combined: bool = False  # ILACS 2018-2022: one grade for children in care and care leavers

    @property
    def rank(self) -> int | None:
        return grade_rank(self.grade)


@dataclass(frozen=True)
class Inspection:
    meta: ReportMeta
    judgements: tuple[JudgementPoint, ...]
    lead_inspector: Cited | None = None

    def judgement(self, area: str) -> JudgementPoint | None:
        return next((j for j in self.judgements if j.area == area), None)

    @property
    def note(self) -> str:
        """Why a point is missing from the chart, when it is."""
        if self.meta.judgements and not self.meta.judgement("overall"):
            return (
                "no overall grade: the 2026 framework grades the areas only"
                if self.meta.framework == "2026"
                else "no overall grade stated in this report"
            )
        if not self.meta.judgements:
            return "no judgements found in this report"
        return ""


@dataclass(frozen=True)
class History:
    authority: str
    inspections: tuple[Inspection, ...]

    @property
    def areas(self) -> list[str]:
        present = {j.area for i in self.inspections for j in i.judgements}
        if any(i.note for i in self.inspections):
            present.add("overall")  # its column / line shows the gap and why
        return [a for a, _ in AREAS if a in present]


def resolve_authority(retriever, authority: str) -> list[ReportMeta]:
    """The authority's indexed reports, oldest first (names, variants and aliases accepted)."""
    catalog = retriever.catalog
    reports = catalog.history(authority.strip())
    if not reports:
        for name in retriever.matcher.find(authority):
            reports = catalog.history(name)
            if reports:
                break
    if not reports:
        raise AssistantError(
            f"no indexed inspection report of '{authority}': check the name "
            "(the Reports tab lists every indexed authority)"
        )
    return reports


def cite_judgements(facts: Facts, meta: ReportMeta) -> tuple[JudgementPoint, ...]:
    points = []
    for j in meta.judgements:
        found = facts.cite_judgement(meta, j)
        combined = j.area == "children_in_care" and "leaver" in j.label.lower()
        points.append(
            JudgementPoint(
                j.area,
                j.label,
                j.grade,
                found[0].citation.page if found else j.page,
                Cited(*found) if found else None,
                combined,
            )
        )
    order = {a: i for i, (a, _) in enumerate(AREAS)}
    return tuple(sorted(points, key=lambda p: order.get(p.area, 99)))


def cite_lead_inspector(facts: Facts, meta: ReportMeta) -> Cited | None:
    if not meta.lead_inspector:
        return None
    found = facts.find(
        meta,
        meta.lead_inspector_page,
        r"Lead inspector[^:]{0,12}:?\s*" + loose_pattern(meta.lead_inspector),
        loose_pattern(meta.lead_inspector),
    )
    return Cited(*found) if found else None


def inspection(facts: Facts, meta: ReportMeta) -> Inspection:
    return Inspection(meta, cite_judgements(facts, meta), cite_lead_inspector(facts, meta))


def build_history(retriever, authority: str) -> History:
    facts = Facts(retriever)
    reports = resolve_authority(retriever, authority)
    return History(reports[0].local_authority, tuple(inspection(facts, m) for m in reports))

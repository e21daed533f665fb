"""National trends from the judgements table: the distribution of judgements by year of
publication, and transitions between an authority's consecutive inspections."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from ..records import ReportMeta
from .timeline import AREAS, RANK_LABELS, grade_rank

NO_OVERALL = "No overall grade"
SCALE = [RANK_LABELS[r] for r in (4, 3, 2, 1)]  # Outstanding, Good, Requires improvement, Inadequate
COLUMNS = [
    "authority",
    "published",
    "inspection_dates",
    "framework",
    "lead_inspector",
    *(a for a, _ in AREAS),
    "overall_page",
    "report",
    "url",
]


def grade_label(meta: ReportMeta, area: str = "overall") -> str:
    """The judgement on the four-point scale ("Requires improvement" for "requires improvement
    to be good" and the 2012-13 "adequate"); NO_OVERALL for a report without an overall grade."""
    j = meta.judgement(area)
    if j is None:
        return NO_OVERALL if area == "overall" and meta.judgements else ""
    rank = grade_rank(j.grade)
    return RANK_LABELS[rank] if rank else j.grade.capitalize()


@dataclass(frozen=True)
class Transition:
    earlier: ReportMeta
    later: ReportMeta

    @property
    def key(self) -> tuple[str, str]:
        return grade_label(self.earlier), grade_label(self.later)


def by_year(reports: list[ReportMeta], area: str = "overall") -> dict[int, dict[str, list[ReportMeta]]]:
    """year -> grade label -> reports published that year, for reports with a judgement."""
    out: dict[int, dict[str, list[ReportMeta]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        label = grade_label(r, area)
        if r.year and label:
            out[r.year][label].append(r)
    return {y: dict(v) for y, v in sorted(out.items())}


def transitions(reports: list[ReportMeta]) -> dict[tuple[str, str], list[Transition]]:
    """(earlier overall grade, later overall grade) -> consecutive pairs of inspections."""
    by_authority: dict[str, list[ReportMeta]] = defaultdict(list)
    for r in sorted(reports, key=lambda r: (r.published, r.source)):
        if r.published and r.judgements:
            by_authority[r.local_authority.lower()].append(r)
    out: dict[tuple[str, str], list[Transition]] = defaultdict(list)
    for history in by_authority.values():
        for a, b in zip(history, history[1:]):
            t = Transition(a, b)
            if all(t.key):
                out[t.key].append(t)
    return dict(out)


def improved_from(trans: dict[tuple[str, str], list[Transition]], grade: str) -> tuple[int, int]:
    """(pairs that moved up from grade, all pairs from grade), e.g. from Inadequate."""
    rank = {label: i for i, label in enumerate(reversed(SCALE), 1)}
    pairs = [t for (a, _), ts in trans.items() if a == grade for t in ts]
    up = [t for t in pairs if t.key[1] in rank and rank[t.key[1]] > rank[grade]]
    return len(up), len(pairs)


def table_rows(reports: list[ReportMeta]) -> list[dict]:
    rows = []
    for r in sorted(reports, key=lambda r: (r.local_authority, r.published)):
        row = {
            "authority": r.local_authority,
            "published": r.published,
            "inspection_dates": r.inspection_dates,
            "framework": r.framework,
            "lead_inspector": r.lead_inspector,
        }
        for area, _ in AREAS:
            j = r.judgement(area)
            row[area] = j.grade if j else ""
        overall = r.judgement("overall")
        row["overall_page"] = overall.page if overall else ""
        row["report"] = r.source
        row["url"] = r.url
        rows.append(row)
    return rows


def table_csv(reports: list[ReportMeta]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS)
    w.writeheader()
    w.writerows(table_rows(reports))
    return buf.getvalue()

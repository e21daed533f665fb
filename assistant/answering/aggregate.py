"""Questions over many reports, answered from the judgements table: which authorities were
judged X in a period, how many, and how one authority's judgements changed over time."""
from __future__ import annotations

from ..query import QueryFilters
from ..records import ReportMeta
from .facts import AREA_NAMES, TEMPLATES, Draft, Facts, when

MAX_LISTED = 60
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"}


def _period(f: QueryFilters) -> str:
    text = f.date_text.strip()
    if not text:
        return "(all years)"
    if text[:1].isdigit() or text.split()[0].lower() in _MONTHS:
        return f"published in {text}"
    return f"published {text}"


def _in_period(meta: ReportMeta, f: QueryFilters) -> bool:
    lo, hi = f.published_from or "0000", (f.published_to or "9999") + "~"
    return bool(meta.published) and lo <= meta.published <= hi


def _cite_judgement(facts: Facts, meta: ReportMeta, area: str, draft: Draft) -> tuple[str, int] | None:
    j = meta.judgement(area)
    if j is None:
        return None
    found = facts.cite_judgement(meta, j)
    if not found:
        return None
    return j.grade, draft.add(*found)


def grade_matches(grade: str, asked: str) -> bool:
    return grade == asked or (asked == "requires improvement" and grade.startswith("requires improvement"))


def _area_for(meta: ReportMeta, area: str) -> str:
    """area "" means overall effectiveness; a report with no overall grade (the 2026
    framework) is judged by its area grades instead."""
    if area:
        return area
    return "overall" if meta.judgement("overall") else ""


def judged(reports: list[ReportMeta], area: str, grade: str, f: QueryFilters, facts: Facts) -> Draft:
    draft = Draft([], [])
    pool = [r for r in reports if _in_period(r, f) and r.judgements and (not area or r.judgement(area))]
    hits: list[tuple[ReportMeta, list[str]]] = []
    for r in pool:
        a = _area_for(r, area)
        areas = [a] if a else [j.area for j in r.judgements if grade_matches(j.grade, grade)]
        if areas and all(r.judgement(x) and grade_matches(r.judgement(x).grade, grade) for x in areas[:1]):
            hits.append((r, areas))
    fill = {"total": len(pool), "period": _period(f), "grade": grade, "area": AREA_NAMES.get(area or "overall", area)}
    if not hits:
        draft.lines.append(TEMPLATES["aggregate_none"].format(**fill))
        return draft
    draft.lines.append(TEMPLATES["aggregate_lead"].format(**fill, count=len(hits)))
    for meta, areas in sorted(hits, key=lambda h: (h[0].local_authority, h[0].published))[:MAX_LISTED]:
        marks = [c[1] for c in (_cite_judgement(facts, meta, x, draft) for x in areas) if c]
        if not marks:
            continue
        item = TEMPLATES["aggregate_item"].format(authority=meta.local_authority, when=when(meta), n=marks[0])
        if not _area_for(meta, area):
            names = ", ".join(f"{AREA_NAMES.get(x, x)} [{m}]" for x, m in zip(areas, marks))
            item = f"{meta.local_authority} ({when(meta)}; no overall grade in this report; judged {grade} for {names})"
        draft.lines.append("- " + item)
    if len(hits) > MAX_LISTED:
        draft.lines.append(f"- … and {len(hits) - MAX_LISTED} more.")
    return draft


def counts(reports: list[ReportMeta], area: str, f: QueryFilters) -> Draft:
    """No grade asked: how the reports in the period were judged, by grade."""
    area = area or "overall"
    pool = [r for r in reports if _in_period(r, f) and r.judgement(area)]
    by: dict[str, list[str]] = {}
    for r in pool:
        by.setdefault(r.judgement(area).grade, []).append(r.local_authority)  # type: ignore[union-attr]
    lines = [f"Judgements for {AREA_NAMES.get(area, area)} in the {len(pool)} indexed reports {_period(f)}:"]
    lines += [f"- **{g}**: {len(v)} ({', '.join(sorted(v)[:15])}{'…' if len(v) > 15 else ''})" for g, v in sorted(by.items(), key=lambda x: -len(x[1]))]
    return Draft(lines, [])


def history(reports: list[ReportMeta], area: str, f: QueryFilters, facts: Facts) -> Draft:
    draft = Draft([], [])
    reports = [r for r in reports if _in_period(r, f)] if (f.published_from or f.published_to) else reports
    if not reports:
        return draft
    draft.lines.append(TEMPLATES["history_lead"].format(authority=reports[0].local_authority, area=AREA_NAMES.get(area, area)))
    for meta in reports:
        cited = _cite_judgement(facts, meta, area, draft)
        if cited:
            draft.lines.append("- " + TEMPLATES["history_item"].format(when=when(meta), grade=cited[0], n=cited[1]))
        else:
            draft.lines.append(f"- {when(meta)}: no {AREA_NAMES.get(area, area)} judgement in this report")
    return draft

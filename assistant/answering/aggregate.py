"""Questions over many reports, answered from the judgements table: which authorities were
judged X in a period, how many, and how one authority's judgements changed over time."""

from __future__ import annotations

import re

from ..query import QueryFilters
from ..records import ReportMeta
from ..vocabulary import MONTHS
from .facts import AREA_NAMES, TEMPLATES, Draft, Facts, when
from .intent import BETTER, GOOD_OR_BETTER, SAME, WORSE, grade_rank, grades_in

MAX_LISTED = 60
_MONTHS = {m.lower() for m in MONTHS}


def _period(f: QueryFilters) -> str:
    text = f.date_text.strip()
    if not text:
        return "(all years)"
    if text.lower().startswith("published"):
        return text
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
    if asked == GOOD_OR_BETTER:
        return grade in ("good", "outstanding")
    if asked.startswith("below "):  # "below good": requires improvement or inadequate
        return 0 <= grade_rank(grade) < grade_rank(asked.removeprefix("below "))
    if asked.startswith("above "):  # "above inadequate": did they pass?
        return grade_rank(grade) > grade_rank(asked.removeprefix("above "))
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
    lines += [
        f"- **{g}**: {len(v)} ({', '.join(sorted(v)[:15])}{'…' if len(v) > 15 else ''})"
        for g, v in sorted(by.items(), key=lambda x: -len(x[1]))
    ]
    return Draft(lines, [])


def inspected_under(reports: list[ReportMeta], framework: str, f: QueryFilters, facts: Facts) -> Draft:
    """The authorities inspected under one framework ("2026", "ILACS", "SIF"), each cited to
    its first judgement."""
    draft = Draft([], [])
    pool = [r for r in reports if r.framework == framework and _in_period(r, f)]
    if not pool:
        draft.lines.append(TEMPLATES["framework_none"].format(framework=framework, period=_period(f)))
        return draft
    draft.lines.append(TEMPLATES["framework_lead"].format(count=len(pool), framework=framework, period=_period(f)))
    for meta in sorted(pool, key=lambda r: (r.local_authority, r.published))[:MAX_LISTED]:
        cited = next((c for j in meta.judgements if (c := _cite_judgement(facts, meta, j.area, draft))), None)
        mark = f" [{cited[1]}]" if cited else ""
        draft.lines.append(f"- {meta.local_authority} ({when(meta)}){mark}")
    if len(pool) > MAX_LISTED:
        draft.lines.append(f"- … and {len(pool) - MAX_LISTED} more.")
    return draft


def history(reports: list[ReportMeta], area: str, f: QueryFilters, facts: Facts) -> Draft:
    draft = Draft([], [])
    reports = [r for r in reports if _in_period(r, f)] if (f.published_from or f.published_to) else reports
    if not reports:
        return draft
    draft.lines.append(
        TEMPLATES["history_lead"].format(authority=reports[0].local_authority, area=AREA_NAMES.get(area, area))
    )
    for meta in reports:
        cited = _cite_judgement(facts, meta, area, draft)
        if cited:
            draft.lines.append("- " + TEMPLATES["history_item"].format(when=when(meta), grade=cited[0], n=cited[1]))
        else:
            draft.lines.append(f"- {when(meta)}: no {AREA_NAMES.get(area, area)} judgement in this report")
    return draft


# --------------------------------------------------------------------------- change, comparison, transitions


def _direction(first: str, last: str) -> str:
    a, b = grade_rank(first), grade_rank(last)
    if a < 0 or b < 0:
        return "changed"
    return "improved" if b > a else "declined" if b < a else "same"


def _judged(meta: ReportMeta, area: str):
    """The report's judgement for area; care leavers fall back to the older combined row."""
    j = meta.judgement(area)
    if j is None and area == "care_leavers":
        j = meta.judgement("children_in_care")
        j = j if j is not None and "leaver" in j.label.lower() else None
    return j


def change(reports: list[ReportMeta], area: str, facts: Facts, asked: str = "") -> tuple[Draft, str]:
    """How an authority's judgement moved from the first to the last of `reports` (oldest
    first), area by area, each side cited; then every inspection in between. Returns the
    draft and the direction of the asked area ("improved" / "declined" / "same" / "")."""
    draft = Draft([], [])
    if not reports:
        return draft, ""
    first, last = reports[0], reports[-1]
    name = last.local_authority
    if len(reports) == 1:
        draft.lines.append(TEMPLATES["change_one"].format(authority=name, when=when(last)))
        return draft, ""
    direction = ""
    asked_area = area or "overall"
    if not (first.judgement(asked_area) and last.judgement(asked_area)) and asked_area == "overall":
        asked_area = ""  # e.g. a 2026 report: no overall grade; compare the areas
    if asked_area:
        j1, j2 = _judged(first, asked_area), _judged(last, asked_area)
        c1 = facts.cite_judgement(first, j1) if j1 else None
        c2 = facts.cite_judgement(last, j2) if j2 else None
        if c1 and c2:
            direction = _direction(j1.grade, j2.grade)
            fill = {
                "authority": name,
                "area": AREA_NAMES.get(asked_area, asked_area),
                "first_when": when(first),
                "last_when": when(last),
                "n1": draft.add(*c1),
                "n2": draft.add(*c2),
            }
            if direction == "same":
                draft.lines.append(TEMPLATES["change_same"].format(**fill, grade=j2.grade))
            else:
                draft.lines.append(
                    TEMPLATES["change_lead"].format(
                        **fill, direction=direction + " from", first=j1.grade, last=j2.grade
                    )
                )
    if area in ("", "overall"):
        rows = []
        for j2 in last.judgements:
            j1 = _judged(first, j2.area)
            if j2.area == "overall" or j1 is None:
                continue
            c1, c2 = (
                facts.cite_judgement(first, j1, grade_alone=False),
                facts.cite_judgement(last, j2, grade_alone=False),
            )
            if not (c1 and c2):
                continue
            d = _direction(j1.grade, j2.grade)
            fill = {"area": AREA_NAMES.get(j2.area, j2.label), "n1": draft.add(*c1), "n2": draft.add(*c2)}
            rows.append(
                TEMPLATES["change_area_same"].format(**fill, grade=j2.grade)
                if d == "same"
                else TEMPLATES["change_area"].format(**fill, direction=d, first=j1.grade, last=j2.grade)
            )
        if rows:
            draft.lines.append(TEMPLATES["change_areas_lead"])
            draft.lines += rows
    if len(reports) > 2 or not draft.lines:
        more = history(reports, asked_area or "overall", QueryFilters(), facts)
        for line in more.lines:
            draft.lines.append(_renumber(line, more, draft))
    return draft, direction


def _renumber(line: str, src: Draft, dst: Draft) -> str:
    """Move a line's [n] markers from one draft's citations to another's."""
    import re

    def sub(m):
        c = src.citations[int(m.group(1)) - 1]
        return f"[{dst.add(c.passage, c.quote)}]"

    return re.sub(r"\[(\d+)\]", sub, line)


def compare(chosen: list[ReportMeta], area: str, facts: Facts) -> tuple[Draft, list[tuple[ReportMeta, str]]]:
    """Each authority's judgement for area side by side (one report each), cited."""
    draft = Draft([], [])
    area = area or "overall"
    label = AREA_NAMES.get(area, area)
    draft.lines.append(TEMPLATES["compare_lead"].format(area=label))
    graded = []
    for meta in chosen:
        j = _judged(meta, area)
        found = facts.cite_judgement(meta, j) if j else None
        if not found:
            draft.lines.append(
                TEMPLATES["compare_missing"].format(authority=meta.local_authority, when=when(meta), area=label)
            )
            if area == "overall":
                facts.area_grades(meta, draft)
            continue
        draft.lines.append(
            TEMPLATES["compare_item"].format(
                authority=meta.local_authority, when=when(meta), grade=j.grade, n=draft.add(*found)
            )
        )
        graded.append((meta, j.grade))
    ranks = {m.local_authority: grade_rank(g) for m, g in graded}
    if len(graded) >= 2 and all(r >= 0 for r in ranks.values()):
        top = max(ranks.values())
        best = [a for a, r in ranks.items() if r == top]
        draft.lines.append(
            TEMPLATES["compare_equal"]
            if len(best) == len(ranks)
            else TEMPLATES["compare_higher"].format(best=" and ".join(best))
        )
    return draft, graded


def compare_verdict(question: str, graded: list[tuple[ReportMeta, str]]) -> str:
    """ "yes" / "no" for a yes/no comparison, "" when the question is not one of these forms:
    "X and Y, same grade?", "did X and Y both get good?" (a grade asked: all must have it),
    "is X better than Y?" / "is X worse than Y?" (the first named against the second)."""
    ranks = [grade_rank(g) for _, g in graded]
    if len(graded) < 2 or min(ranks) < 0 or re.search(r"\bor\b", question, re.I):  # "X or Y?" asks which
        return ""
    asked = grades_in(question)
    if asked:
        return "yes" if all(grade_matches(g, asked[0]) for _, g in graded) else "no"
    if BETTER.search(question) and len(graded) == 2:
        return "yes" if ranks[0] > ranks[1] else "no"
    if WORSE.search(question) and len(graded) == 2:
        return "yes" if ranks[0] < ranks[1] else "no"
    if SAME.search(question):
        return "yes" if len(set(ranks)) == 1 else "no"
    return ""


_SIDE_BY_SIDE = re.compile(r"\b(?:vs|versus|against|compared?|comparison|side\ by\ side)\b", re.I | re.X)


# the earlier inspection as the comparison's subject: "was it better in 2018 than now?"
_EARLIER_FIRST = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?:19|20)\d\d\b[^?]{0,30}?\bthan\s+(?:it\s+is\s+|they\s+are\s+)?"
    r"(?:now|today|currently|these\s+days|(?:at\s+|in\s+)?(?:the|its|their)\s+(?:latest|last|most\s+recent))\b",
    re.I,
)


def change_verdict(question: str, reports: list[ReportMeta], area: str, direction: str) -> str:
    """ "yes" / "no" for a yes/no change question, from the grades of the inspections compared:
    "did it slip (back to inadequate)?" (declined, and to that grade if one is named), "has it
    kept / been stuck on requires improvement?" (the same throughout, that grade if named),
    "has it got better?"; "" for "better or worse?" or when the grades cannot be compared."""
    if direction not in ("improved", "declined", "same") or re.search(
        r"\b(better or worse|worse or better)\b", question, re.I
    ):
        return ""  # grades of two scales ("adequate", before 2013) are not compared
    named = grades_in(question)
    if _SIDE_BY_SIDE.search(question) and not (
        named or BETTER.search(question) or WORSE.search(question) or SAME.search(question)
    ):
        return ""  # "the 2017 grade vs the latest one?" asks for both, not whether it improved
    grades = [j.grade for r in reports if (j := _judged(r, area or "overall"))]
    if SAME.search(question) and not WORSE.search(question):
        yes = len({grade_rank(g) for g in grades}) == 1 and (not named or grade_matches(grades[-1], named[-1]))
    else:
        # "was it better in 2018 than now?" asks whether it has declined since
        worse = bool(WORSE.search(question)) != bool(_EARLIER_FIRST.search(question))
        yes = direction == ("declined" if worse else "improved")
        if named and len(named) >= (2 if len(grades) > 1 and grade_matches(grades[0], named[0]) else 1):
            yes = yes and grade_matches(grades[-1], named[-1])  # "did it slip back to inadequate?"
    return "yes" if yes else "no"


def transitions(
    catalog, area: str, grades: tuple[str, ...], f: QueryFilters, facts: Facts, among: tuple[str, ...] = ()
) -> Draft:
    """Authorities whose judgement moved between consecutive inspections: from one grade to
    another, or any improvement / decline ("better" / "worse"), each side cited. A period
    limits the later inspection's publication date; among (names) limits the authorities."""
    draft = Draft([], [])
    area = area or "overall"
    hits = []
    for name in catalog.authorities:
        if among and name not in among:
            continue
        reports = [r for r in catalog.history(name) if _judged(r, area)]
        for a, b in zip(reports, reports[1:]):
            if not _in_period(b, f):
                continue
            g1, g2 = _judged(a, area).grade, _judged(b, area).grade
            if grades and grades[0] in ("better", "worse"):
                ok = _direction(g1, g2) == ("improved" if grades[0] == "better" else "declined")
            else:
                ok = grade_matches(g1, grades[0]) and grade_matches(g2, grades[1])
            if ok:
                hits.append((a, b))
    label = AREA_NAMES.get(area, area)
    if not hits:
        frm, to = (
            (grades + ("", ""))[:2]
            if grades[0] not in ("better", "worse")
            else ("any grade", "a " + grades[0] + " one")
        )
        draft.lines.append(TEMPLATES["transition_none"].format(from_grade=frm, to_grade=to, area=label))
        return draft
    if grades[0] in ("better", "worse"):
        draft.lines.append(
            TEMPLATES["transition_direction_lead"].format(
                count=len(hits),
                direction="improved" if grades[0] == "better" else "got worse",
                area=label,
                grade_note="",
            )
        )
    else:
        draft.lines.append(
            TEMPLATES["transition_lead"].format(count=len(hits), from_grade=grades[0], to_grade=grades[1], area=label)
        )
    for a, b in hits[:MAX_LISTED]:
        c1, c2 = facts.cite_judgement(a, _judged(a, area)), facts.cite_judgement(b, _judged(b, area))
        if not (c1 and c2):
            continue
        draft.lines.append(
            TEMPLATES["transition_item"].format(
                authority=b.local_authority,
                first=_judged(a, area).grade,
                first_when=when(a),
                n1=draft.add(*c1),
                last=_judged(b, area).grade,
                last_when=when(b),
                n2=draft.add(*c2),
            )
        )
    if len(hits) > MAX_LISTED:
        draft.lines.append(f"- … and {len(hits) - MAX_LISTED} more.")
    return draft

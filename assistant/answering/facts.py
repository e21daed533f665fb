"""Answers from a report's extracted metadata (judgements, lead inspector, dates, the
"what needs to improve" list), each cited to the passage where the report states it."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from ..records import CitedQuote, Judgement, Passage, ReportMeta
from .quotes import find_verbatim, loose_pattern

TEMPLATES = json.loads((Path(__file__).parent / "templates.json").read_text())
BULLET = r"(?:[◼\uf06e•▪■●\uf0b7\uf0a7\uf0d8]\s*)?"
AREA_NAMES = {
    "overall": "overall effectiveness",
    "leaders": "the impact of leaders on social work practice with children and families",
    "help_and_protection": "the experiences and progress of children who need help and protection",
    "children_in_care": "the experiences and progress of children in care",
    "care_leavers": "the experiences and progress of care leavers",
    "adoption": "adoption performance",
    "lscb": "the effectiveness of the local safeguarding children board",
}


@dataclass
class Draft:
    """An answer being composed: text lines and the quotes their [n] markers point to."""

    lines: list[str]
    citations: list[CitedQuote]

    def add(self, passage: Passage, quote: str) -> int:
        for c in self.citations:  # the same quote from the same passage keeps its number
            if c.quote == quote and c.passage.chunk_id == passage.chunk_id:
                return c.n
        n = len(self.citations) + 1
        self.citations.append(CitedQuote(n, quote, passage))
        return n


def human_date(iso: str) -> str:
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso or "date unknown"
    return f"{d.day} {d.strftime('%B %Y')}"


def when(meta: ReportMeta) -> str:
    return f"published {human_date(meta.published)}" if meta.published else (meta.inspection_dates or "undated")


class Facts:
    """Finds where a report states a fact. `retriever` gives the report's passages."""

    def __init__(self, retriever):
        self.retriever = retriever

    def passages(self, meta: ReportMeta, page: int | None = None) -> list[Passage]:
        chunks = self.retriever.report_chunks(meta.report_id)
        if page:
            chunks = sorted(chunks, key=lambda c: (c.page != page, abs(c.page - page)))
        return [Passage(c.text, 1.0, self.retriever.citation(c), c.id) for c in chunks]

    def find(self, meta: ReportMeta, page: int | None, *patterns: str) -> tuple[Passage, str] | None:
        """The first passage (the given page first) where one of the patterns stands, with
        the verbatim quote."""
        passages = self.passages(meta, page)
        for pattern in patterns:
            for p in passages:
                q = find_verbatim(p.text, pattern)
                if q:
                    return p, q
        return None

    def cite_judgement(self, meta: ReportMeta, j: Judgement, grade_alone: bool = True) -> tuple[Passage, str] | None:
        """Where the report states judgement j: its label followed by its grade ("Overall
        effectiveness Outstanding", "Children's services in X are inadequate"); with
        grade_alone, else the grade on its own, nearest the judgement's page."""
        patterns = [loose_pattern(j.label) + r"\s*:?\s*\d?\s*(is |are )?" + loose_pattern(j.grade)]
        if grade_alone:
            patterns.append(r"\b" + loose_pattern(j.grade) + r"\b")
        return self.find(meta, j.page, *patterns)

    # -- facts ----------------------------------------------------------------------------
    def judgement(self, meta: ReportMeta, area: str, draft: Draft) -> bool:
        j = meta.judgement(area)
        combined = False
        if j is None and area == "care_leavers":  # older ILACS: one row for care and care leavers
            j = meta.judgement("children_in_care")
            combined = j is not None and "leaver" in j.label.lower()
            if not combined:
                j = None
        whole = j is None and area == "children_in_care" and "looked after children" in meta.title.lower()
        if whole:  # 2013 inspections of looked after children services: the overall judgement is theirs
            j = meta.judgement("overall")
        fill = {"authority": meta.local_authority, "when": when(meta), "area": AREA_NAMES.get(area, area)}
        if j is None:
            draft.lines.append(TEMPLATES["judgement_missing"].format(**fill))
            if area == "overall":  # the 2026 framework grades four areas and no overall
                self.area_grades(meta, draft)
            return False
        found = self.cite_judgement(meta, j)
        if not found:
            draft.lines.append(TEMPLATES["judgement_missing"].format(**fill))
            return False
        n = draft.add(*found)
        key = "judgement_combined" if combined else "judgement_looked_after" if whole else "judgement"
        draft.lines.append(TEMPLATES[key].format(**fill, label=j.label[:1].lower() + j.label[1:], grade=j.grade, n=n))
        return True

    def area_grades(self, meta: ReportMeta, draft: Draft) -> None:
        """Each area's grade, cited, after a lead line."""
        areas = [j for j in meta.judgements if j.area != "overall"]
        if not areas:
            return
        draft.lines.append(TEMPLATES["area_grades_lead"])
        for j in areas:
            found = self.cite_judgement(meta, j, grade_alone=False)
            if found:
                draft.lines.append(f"- {AREA_NAMES.get(j.area, j.label)}: **{j.grade}** [{draft.add(*found)}]")

    def lead_inspector(self, meta: ReportMeta, draft: Draft) -> bool:
        fill = {"authority": meta.local_authority, "when": when(meta)}
        if not meta.lead_inspector:
            draft.lines.append(TEMPLATES["lead_inspector_missing"].format(**fill))
            return False
        found = self.find(
            meta,
            meta.lead_inspector_page,
            r"Lead inspector[^:]{0,12}:?\s*"
            + loose_pattern(meta.lead_inspector)
            + r"(,? (His|Her) Majesty['’]s Inspector)?",
            loose_pattern(meta.lead_inspector),
        )
        if not found:
            draft.lines.append(TEMPLATES["lead_inspector_missing"].format(**fill))
            return False
        draft.lines.append(TEMPLATES["lead_inspector"].format(**fill, name=meta.lead_inspector, n=draft.add(*found)))
        return True

    def dates(self, meta: ReportMeta, kind: str, draft: Draft) -> bool:
        fill = {
            "authority": meta.local_authority,
            "dates": meta.inspection_dates or "dates not stated",
            "published": human_date(meta.published),
        }
        if kind == "published_date":
            found = self.find(
                meta,
                1,
                r"Report published:?\s*" + loose_pattern(human_date(meta.published)) if meta.published else "^$",
            )
            if found:
                draft.lines.append(TEMPLATES["published_date"].format(**fill, n=draft.add(*found)))
                return True
            # ILACS reports do not print their publication date: say where it comes from
            draft.lines.append(
                f"Ofsted published the report of {meta.local_authority}'s inspection "
                f"({meta.inspection_dates or 'undated'}) on **{human_date(meta.published)}** "
                "(the publication date in Ofsted's listing; the report itself does not state it)."
            )
            return True
        if not meta.inspection_dates:
            return False
        found = self.find(
            meta,
            1,
            r"Inspection dates?:?\s*" + loose_pattern(meta.inspection_dates),
            loose_pattern(meta.inspection_dates),
        )
        if not found:
            return False
        draft.lines.append(TEMPLATES["inspection_dates"].format(**fill, n=draft.add(*found)))
        return True

    def improvements(self, meta: ReportMeta, draft: Draft) -> bool:
        fill = {"authority": meta.local_authority, "when": when(meta)}
        items = []
        for item in meta.improvements:
            words = item.text.split()
            patterns = [BULLET + loose_pattern(" ".join(words[:n])) for n in (len(words), 30, 14) if n <= len(words)]
            found = self.find(meta, item.page, *patterns)
            if found:
                items.append(found)
        if not items:
            draft.lines.append(TEMPLATES["improve_missing"].format(**fill))
            return False
        draft.lines.append(TEMPLATES["improve_lead"].format(**fill))
        for passage, quote in items:
            draft.lines.append(f"- {quote} [{draft.add(passage, quote)}]")
        return True

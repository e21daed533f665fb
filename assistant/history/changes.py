"""What changed between two inspections of an authority: the judgements area by area, and a
tracker of the earlier report's "what needs to improve" items against the later report.

For each earlier item the status comes from evidence that is shown with it: see
``history/tracker.py`` (listed again in the later report's own list, the later report's
sentences on the same matter and their wording).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..answering.facts import Draft, Facts, human_date
from ..errors import AssistantError
from ..records import ReportMeta
from ..wording import polarity
from .timeline import AREA_LABELS, AREAS, FRAMEWORKS, Inspection, JudgementPoint, inspection, resolve_authority
from .tracker import STATUSES, ItemStatus, ListedAgain, Sentence, Tracker

# re-exported: the wording cues (shared with the quiz) and the tracker's types
__all__ = ["STATUSES", "ItemStatus", "ListedAgain", "Sentence", "Tracker", "polarity"]


@dataclass(frozen=True)
class JudgementChange:
    area: str
    before: JudgementPoint | None
    after: JudgementPoint | None
    direction: str  # "up" | "down" | "same" | "not comparable"
    note: str = ""


@dataclass(frozen=True)
class ChangeReport:
    authority: str
    earlier: Inspection
    later: Inspection
    judgements: tuple[JudgementChange, ...]
    items: tuple[ItemStatus, ...]
    notes: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for i in self.items:
            out[i.status] += 1
        return out


# -- choosing the two inspections ----------------------------------------------------------------
def _bound(date: str | None, end: bool) -> str:
    date = (date or "").strip()
    if not date:
        return ""
    if len(date) == 4:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-31" if end else f"{date}-01"
    return date


def choose_pair(
    reports: list[ReportMeta], date_from: str | None = None, date_to: str | None = None
) -> tuple[ReportMeta, ReportMeta]:
    """The earlier and later inspection: by default the last two; with date_from the first
    published on or after it, with date_to the last published on or before it."""
    lo, hi = _bound(date_from, False), _bound(date_to, True)
    dated = [r for r in reports if r.published]
    later_pool = [r for r in dated if not hi or r.published <= hi]
    if not later_pool:
        raise AssistantError(
            f"no report published by {date_to}: its reports were published " + ", ".join(r.published for r in dated)
        )
    later = later_pool[-1]
    earlier_pool = [r for r in dated if r.published < later.published and (not lo or r.published >= lo)]
    if not earlier_pool and lo:  # "since 2016" with no report in 2016: the last one before
        earlier_pool = [r for r in dated if r.published < later.published][-1:]
    if not earlier_pool:
        name = reports[0].local_authority if reports else "this authority"
        raise AssistantError(
            f"{name} has only one indexed inspection in that period "
            f"(published {later.published}): there is nothing to compare it with"
        )
    return (earlier_pool[0] if lo else earlier_pool[-1]), later


# -- judgements ----------------------------------------------------------------------------------
def judgement_changes(earlier: Inspection, later: Inspection) -> tuple[JudgementChange, ...]:
    out = []
    for area, _label in AREAS:
        before, after = earlier.judgement(area), later.judgement(area)
        note = ""
        if area == "care_leavers":
            if before is None and (cic := earlier.judgement("children_in_care")) and cic.combined:
                before, note = cic, "the earlier report graded children in care and care leavers together"
            if after is None and (cic := later.judgement("children_in_care")) and cic.combined:
                after, note = cic, "the later report graded children in care and care leavers together"
        if before is None and after is None:
            continue
        if before is None or after is None:
            missing = earlier if before is None else later
            if area == "overall" and missing.meta.framework == "2026":
                note = "no overall grade: the 2026 framework grades the areas only"
            else:
                note = f"not graded in the {'earlier' if before is None else 'later'} report ({FRAMEWORKS.get(missing.meta.framework, missing.meta.framework)})"
            out.append(JudgementChange(area, before, after, "not comparable", note))
            continue
        if before.rank is None or after.rank is None:
            out.append(JudgementChange(area, before, after, "not comparable", "a grade outside the four-point scale"))
            continue
        if earlier.meta.framework != later.meta.framework:
            fw = f"framework changed ({earlier.meta.framework} then {later.meta.framework})"
            if area != "overall" and before.label.lower() != after.label.lower():
                fw += f": “{before.label}” then “{after.label}”"
            note = (note + "; " if note else "") + fw
        direction = "up" if after.rank > before.rank else "down" if after.rank < before.rank else "same"
        out.append(JudgementChange(area, before, after, direction, note))
    return tuple(out)


def change_report(retriever, authority: str, date_from: str | None = None, date_to: str | None = None) -> ChangeReport:
    reports = resolve_authority(retriever, authority)
    before, after = choose_pair(reports, date_from, date_to)
    facts = Facts(retriever)
    earlier, later = inspection(facts, before), inspection(facts, after)
    items = Tracker(retriever).track(before, after)
    notes = []
    if not before.improvements:
        notes.append(f"No “what needs to improve” list was found in the earlier report (published {before.published}).")
    skipped = sum(1 for i in items if i.cited is None)
    if skipped:
        notes.append(
            f"{skipped} improvement item(s) could not be located verbatim in the earlier report and are left out."
        )
    items = [i for i in items if i.cited is not None]
    return ChangeReport(
        before.local_authority, earlier, later, judgement_changes(earlier, later), tuple(items), tuple(notes)
    )


# -- as an answer ----------------------------------------------------------------------------------
ARROWS = {"up": "↑ up", "down": "↓ down", "same": "= same", "not comparable": "not comparable"}


def _when(meta: ReportMeta) -> str:
    return f"published {human_date(meta.published)}"


def to_draft(report: ChangeReport, draft: Draft | None = None) -> Draft:
    """The change report as answer lines with [n] citations (for the chat and the exports)."""
    draft = draft if draft is not None else Draft([], [])
    e, lt = report.earlier.meta, report.later.meta
    draft.lines.append(
        f"**What changed in {report.authority}** between the inspection {_when(e)} "
        f"({FRAMEWORKS.get(e.framework, e.framework)}) and the inspection {_when(lt)} "
        f"({FRAMEWORKS.get(lt.framework, lt.framework)})."
    )
    draft.lines.append("")
    draft.lines.append("**Judgements**")
    for ch in report.judgements:
        draft.lines.append("- " + judgement_line(ch, draft))
    draft.lines.append("")
    if report.items:
        c = report.counts()
        draft.lines.append(
            f"**What the earlier report said needs to improve**, and what the later report says "
            f"({c['repeated']} repeated, {c['addressed']} addressed, {c['mixed']} mixed, "
            f"{c['not mentioned']} not mentioned):"
        )
        for it in report.items:
            draft.lines.append("- " + item_line(it, draft))
    for note in report.notes:
        draft.lines.append(f"*{note}*")
    return draft


def _side(p: JudgementPoint | None, draft: Draft) -> str:
    if p is None:
        return "not graded"
    if p.evidence is None:
        return f"{p.grade} (page {p.page})"
    return f"{p.grade} [{draft.add(p.evidence.passage, p.evidence.quote)}]"


def judgement_line(ch: JudgementChange, draft: Draft) -> str:
    line = f"{AREA_LABELS.get(ch.area, ch.area)}: {_side(ch.before, draft)} → {_side(ch.after, draft)} ({ARROWS[ch.direction]})"
    return line + (f"; {ch.note}" if ch.note else "")


def item_line(it: ItemStatus, draft: Draft) -> str:
    assert it.cited is not None
    parts = [f"“{it.cited.quote}” [{draft.add(it.cited.passage, it.cited.quote)}]: **{it.status}**, {it.reason}"]
    if it.listed_again and it.listed_again.cited:
        la = it.listed_again.cited
        label = "a similar later item" if it.listed_again.partial else "listed again"
        parts.append(f"{label}: “{la.quote}” [{draft.add(la.passage, la.quote)}]")
    for s in it.evidence:
        parts.append(f"{s.polarity}: “{s.cited.quote}” [{draft.add(s.cited.passage, s.cited.quote)}]")
    return "; ".join(parts) + "."


def draft_changes(
    retriever, authority: str, date_from: str | None = None, date_to: str | None = None, draft: Draft | None = None
) -> Draft:
    """For the chat ("What has changed in Leeds since its last inspection?", "How has Bury
    changed between 2016 and 2021?"): the change report as answer lines with [n] citations.
    When there is nothing to compare (one inspection, unknown authority) the draft gets one
    line saying why and no citation; the caller may abstain on it."""
    draft = draft if draft is not None else Draft([], [])
    try:
        report = change_report(retriever, authority, date_from, date_to)
    except AssistantError as e:
        draft.lines.append(f"No comparison is possible: {e}.")
        return draft
    return to_draft(report, draft)

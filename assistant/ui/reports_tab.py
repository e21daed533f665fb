"""The Reports tab: every indexed report in a sortable table, with search and filters."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import gradio as gr
import pandas as pd

from ..records import ReportMeta
from ..vocabulary import GRADES, display_grade
from .render import pdf_url, safe_url

AREAS = (
    ("overall", "Overall"),
    ("help_and_protection", "Help and protection"),
    ("children_in_care", "Children in care"),
    ("care_leavers", "Care leavers"),
    ("leaders", "Leaders"),
)
HEADERS = ["Authority", "Inspection dates", "Published", "Framework", *(label for _, label in AREAS), "Report"]
ANY = "Any"
COLUMN_WIDTHS = ["12%", "14%", "9%", "7%", "10%", "10%", "10%", "8%", "9%", "11%"]
FRAMEWORK_LABELS = {"SIF": "SIF (2013-17)", "ILACS": "ILACS (2018-)", "2026": "2026 framework"}


def _grade(meta: ReportMeta, area: str) -> str:
    j = meta.judgement(area)
    return display_grade(j.grade) if j else ""


def report_row(meta: ReportMeta, root: str = "") -> list[str]:
    links = []
    pdf = pdf_url(meta.report_id, 0, root) if meta.path.lower().endswith(".pdf") else ""
    if pdf:
        links.append(f"[PDF]({pdf})")
    url = safe_url(meta.url)
    if url:
        links.append(f"[Ofsted]({url})")
    return [
        meta.local_authority,
        meta.inspection_dates,
        meta.published,
        meta.framework,
        *(_grade(meta, area) for area, _ in AREAS),
        " · ".join(links),
    ]


def filter_reports(
    reports: Sequence[ReportMeta], search: str = "", framework: str = ANY, grade: str = ANY
) -> list[ReportMeta]:
    """Reports whose authority, title, dates or lead inspector contain every word of search,
    of the framework (or ANY) and with the overall grade (or ANY), newest first."""
    words = (search or "").lower().split()
    out = []
    for r in reports:
        hay = " ".join(
            [r.local_authority, r.title, r.inspection_dates, r.published, r.lead_inspector, r.framework]
        ).lower()
        if any(w not in hay for w in words):
            continue
        if framework and framework != ANY and r.framework != framework:
            continue
        if grade and grade != ANY and _grade(r, "overall").lower() != grade.lower():
            continue
        out.append(r)
    return sorted(out, key=lambda r: (r.published, r.local_authority), reverse=True)


def reports_frame(reports: Sequence[ReportMeta], root: str = "") -> pd.DataFrame:
    return pd.DataFrame([report_row(r, root) for r in reports], columns=HEADERS)


def build_reports_tab(get_reports: Callable[[], list[ReportMeta]], root: str = "") -> gr.Dataframe:
    """The tab's components and events (call inside a gr.Tab). Returns the table (a click on a
    row opens its authority: ui/links.py)."""
    reports = get_reports()
    frameworks = sorted({r.framework for r in reports if r.framework})
    present = {_grade(r, "overall").lower() for r in reports}
    grades = [display_grade(g) for g in GRADES if g in present]
    gr.Markdown(
        f"**{len(reports)} reports indexed.** Search by authority, title, date or lead inspector; "
        "click a column header to sort, or a row to open that authority's inspection history.",
        elem_id="reports-count",
    )
    with gr.Row():
        search = gr.Textbox(
            label="Search", placeholder="e.g. Dorset, 2022, Northamptonshire", scale=3, elem_id="reports-search"
        )
        framework = gr.Dropdown(
            [(ANY, ANY)] + [(FRAMEWORK_LABELS.get(f, f), f) for f in frameworks],
            value=ANY,
            label="Framework",
            scale=1,
            elem_id="reports-framework",
        )
        grade = gr.Dropdown([ANY, *grades], value=ANY, label="Overall judgement", scale=1, elem_id="reports-grade")
    table = gr.Dataframe(
        reports_frame(filter_reports(reports), root),
        headers=HEADERS,
        interactive=False,
        datatype=["str", "str", "str", "str", "str", "str", "str", "str", "str", "markdown"],
        wrap=True,
        max_height=640,
        column_widths=COLUMN_WIDTHS,
        elem_id="reports-table",
        label="Indexed reports",
    )

    def update(q: str, fw: str, g: str) -> pd.DataFrame:
        return reports_frame(filter_reports(get_reports(), q, fw, g), root)

    for comp in (search, framework, grade):
        comp.change(update, [search, framework, grade], table, api_visibility="private", show_progress="hidden")
    return table

"""The Trends tab: judgements by year of publication, transitions between consecutive
inspections, the list of authorities behind each bar or cell (with their reports cited at the
judgement's page), and the judgements table as CSV."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import gradio as gr

from ..answering.facts import Facts, human_date
from ..history import trends
from ..history.timeline import AREA_LABELS
from ..records import ReportMeta
from .history_charts import distribution_chart, transitions_chart
from .render import escape, pdf_url, safe_url

AREA_CHOICES = [
    (AREA_LABELS[a], a) for a in ("overall", "help_and_protection", "children_in_care", "care_leavers", "leaders")
]


def _report_item(facts: Facts, meta: ReportMeta, area: str = "overall", extra: str = "") -> str:
    j = meta.judgement(area)
    found = facts.cite_judgement(meta, j) if j is not None else None
    page = found[0].citation.page if found else (j.page if j else 1)
    quote = f' — <span class="evidence-quote">“{escape(found[1])}”</span>' if found else ""
    links = [f'<a href="{escape(pdf_url(meta.report_id, page))}" target="_blank" rel="noopener">page {page}</a>']
    url = safe_url(meta.url)
    if url:
        links.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">Ofsted</a>')
    return (
        f"<li><strong>{escape(meta.local_authority)}</strong>{extra}, published {escape(human_date(meta.published))}"
        f"{quote} ({' · '.join(links)})</li>"
    )


def year_list_html(reports: list[ReportMeta], facts: Facts, year: int, grade: str, area: str = "overall") -> str:
    pool = trends.by_year(reports, area).get(year, {}).get(grade, [])
    if not pool:
        return f"<p>No report published in {year} was judged {escape(grade.lower())} for {escape(AREA_LABELS[area].lower())}.</p>"
    items = "".join(_report_item(facts, r, area) for r in sorted(pool, key=lambda r: r.local_authority))
    return (
        f"<p><strong>{len(pool)}</strong> report(s) published in {year}: {escape(AREA_LABELS[area])} "
        f'{escape(grade.lower())}.</p><ul id="trends-year-items">{items}</ul>'
    )


def transition_list_html(reports: list[ReportMeta], facts: Facts, frm: str, to: str) -> str:
    pairs = trends.transitions(reports).get((frm, to), [])
    if not pairs:
        return f"<p>No authority went from {escape(frm.lower())} to {escape(to.lower())} between consecutive inspections.</p>"
    items = []
    for t in sorted(pairs, key=lambda t: (t.later.local_authority, t.later.published)):
        before = _report_item(facts, t.earlier)[4:-5]
        after = _report_item(facts, t.later)[4:-5]
        items.append(f"<li>{before}<br>→ {after}</li>")
    return (
        f"<p><strong>{len(pairs)}</strong> pair(s) of consecutive inspections: {escape(frm)} → {escape(to)}.</p>"
        f'<ul id="trends-transition-items">{"".join(items)}</ul>'
    )


def build_trends_tab(retriever, get_reports: Callable[[], list[ReportMeta]]) -> None:
    facts = Facts(retriever)
    workdir = Path(tempfile.mkdtemp(prefix="ofsted-trends-"))
    reports = get_reports()
    csv_path = workdir / "ofsted-judgements.csv"
    csv_path.write_text(trends.table_csv(reports), encoding="utf-8")
    up, n = trends.improved_from(trends.transitions(reports), "Inadequate")
    gr.Markdown(
        f"Judgements of the {len(reports)} indexed reports. Hover a bar or cell for its authorities; pick one "
        f"below to list them with their reports, cited at the judgement's page. Of {n} inspections judged "
        f"inadequate overall that were followed by another, {up} improved at the next inspection.",
        elem_id="trends-intro",
    )
    with gr.Row():
        area = gr.Dropdown(AREA_CHOICES, value="overall", label="Judgement", scale=1, elem_id="trends-area")
        gr.DownloadButton("Judgements table (.csv)", value=str(csv_path), size="sm", scale=1, elem_id="trends-csv")
    dist = gr.Plot(distribution_chart(reports), label="By year", elem_id="trends-distribution")
    years = sorted({r.year for r in reports if r.year})
    with gr.Row():
        year = gr.Dropdown(years, value=None, label="Year", scale=1, elem_id="trends-year")
        grade = gr.Dropdown(
            [*trends.SCALE, trends.NO_OVERALL], value=None, label="Judgement", scale=1, elem_id="trends-grade"
        )
    year_list = gr.HTML("", elem_id="trends-year-list")
    gr.Plot(transitions_chart(reports), label="Transitions", elem_id="trends-transitions")
    with gr.Row():
        frm = gr.Dropdown(trends.SCALE, value=None, label="From (earlier inspection)", scale=1, elem_id="trends-from")
        to = gr.Dropdown(
            [*trends.SCALE, trends.NO_OVERALL], value=None, label="To (next inspection)", scale=1, elem_id="trends-to"
        )
    transition_list = gr.HTML("", elem_id="trends-transition-list")

    def redraw(a: str):
        return distribution_chart(get_reports(), a or "overall")

    def list_year(a: str, y, g: str):
        if not y or not g:
            return ""
        return year_list_html(get_reports(), facts, int(y), g, a or "overall")

    def list_transition(f: str, t: str):
        if not f or not t:
            return ""
        return transition_list_html(get_reports(), facts, f, t)

    area.change(redraw, area, dist, api_visibility="private", show_progress="hidden")
    for comp in (area, year, grade):
        comp.change(list_year, [area, year, grade], year_list, api_visibility="private", show_progress="hidden")
    for comp in (frm, to):
        comp.change(list_transition, [frm, to], transition_list, api_visibility="private", show_progress="hidden")

"""The Authority tab: one authority's inspections (table and chart of judgements over time),
what changed between two of its inspections (judgements and the "what needs to improve"
tracker, with the evidence next to each status), and downloads (.docx, .md)."""

from __future__ import annotations

import logging
import re
import tempfile
from pathlib import Path

import gradio as gr

from ..answering.facts import Draft, human_date
from ..history import build_history, change_report
from ..history.changes import ARROWS, ChangeReport, judgement_line
from ..history.export import changes_doc, history_doc, to_docx, to_markdown
from ..history.timeline import AREA_LABELS, FRAMEWORKS, History
from ..records import CitedQuote
from .history_charts import authority_chart
from .render import error_message, escape, pdf_url, safe_url

log = logging.getLogger("assistant.ui")
STYLE = """<style>
.hist-table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
.hist-table th, .hist-table td { border: 1px solid var(--border-color-primary); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
.hist-table th { background: var(--block-background-fill); }
.status { display: inline-block; padding: 0 0.45em; border-radius: 4px; font-weight: 600; font-size: 0.88em; }
.status-repeated { background: #fde2e1; color: #8a1c1c; }
.status-addressed { background: #dff3e4; color: #1b5e20; }
.status-mixed { background: #fff1d6; color: #7a4b00; }
.status-not-mentioned { background: #ececec; color: #333; }
.tracker-item { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 0.5rem 0.7rem; margin: 0.45rem 0; }
.tracker-item .why { font-size: 0.88em; color: var(--body-text-color-subdued); }
.tracker-item ul { margin: 0.3rem 0 0 1.1rem; }
.evidence-quote { font-style: italic; }
.polarity { font-size: 0.8em; text-transform: uppercase; letter-spacing: 0.03em; color: var(--body-text-color-subdued); }
.ref-list { font-size: 0.86em; }
.ref-list li { margin-bottom: 0.3rem; }
.dir-up { color: #1b7837; font-weight: 600; } .dir-down { color: #b2182b; font-weight: 600; }
</style>"""
EMPTY_CHANGES = '<p class="hist-empty">Pick an authority with at least two indexed inspections.</p>'
_MARK = re.compile(r"\[(\d{1,4})\]")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


# -- HTML ------------------------------------------------------------------------------------------------
def _pdf_link(report_id: str, page: int, text: str, title: str = "") -> str:
    url = pdf_url(report_id, page)
    t = f' title="{escape(title)}"' if title else ""
    return f'<a href="{escape(url)}" target="_blank" rel="noopener"{t}>{text}</a>' if url else text


def inspections_html(history: History) -> str:
    areas = history.areas
    head = "".join(
        f"<th>{escape(h)}</th>"
        for h in [
            "Published",
            "Inspection dates",
            "Framework",
            "Lead inspector",
            *(AREA_LABELS[a] for a in areas),
            "Report",
        ]
    )
    rows = []
    for ins in history.inspections:
        m = ins.meta
        cells = [
            escape(human_date(m.published)),
            escape(m.inspection_dates),
            escape(FRAMEWORKS.get(m.framework, m.framework)),
            escape(m.lead_inspector),
        ]
        for area in areas:
            j = ins.judgement(area)
            if j is None:
                cic = ins.judgement("children_in_care")
                if area == "care_leavers" and cic is not None and cic.combined:
                    cells.append('<span class="hist-note">graded with children in care</span>')
                elif area == "overall" and ins.note:
                    cells.append(f'<span class="hist-note">{escape(ins.note)}</span>')
                else:
                    cells.append("")
                continue
            quote = j.evidence.quote if j.evidence else ""
            cells.append(
                _pdf_link(m.report_id, j.page, escape(j.grade.capitalize()), f"page {j.page}: {quote}")
                + f' <span class="hist-page">(p. {j.page})</span>'
            )
        links = [_pdf_link(m.report_id, ins.judgement("overall").page if ins.judgement("overall") else 1, "PDF")]
        url = safe_url(m.url)
        if url:
            links.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">Ofsted</a>')
        cells.append(" · ".join(links))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return (
        f'{STYLE}<table class="hist-table" id="inspections-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _inline(text: str, numbers: set[int]) -> str:
    """Escaped text with **bold** and [n] linked to its reference."""
    out = _BOLD.sub(r"<strong>\1</strong>", escape(text))
    return _MARK.sub(
        lambda m: (
            f'<a class="cite" href="#ref-{m.group(1)}">[{m.group(1)}]</a>' if int(m.group(1)) in numbers else m.group(0)
        ),
        out,
    )


def references_html(citations: list[CitedQuote]) -> str:
    items = []
    for c in citations:
        cit = c.passage.citation
        where = ", ".join(cit.label_parts(escape))
        links = [_pdf_link(cit.report_id, cit.page, f"page {cit.page}")]
        url = safe_url(cit.url)
        if url:
            links.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">Ofsted</a>')
        items.append(
            f'<li id="ref-{c.n}" value="{c.n}">{where}: <span class="evidence-quote">“{escape(c.quote)}”</span> '
            f"({' · '.join(links)})</li>"
        )
    return f'<h4>References</h4><ol class="ref-list">{"".join(items)}</ol>'


def changes_html(report: ChangeReport) -> str:
    draft = Draft([], [])
    e, lt = report.earlier.meta, report.later.meta
    out = [
        STYLE,
        '<div id="change-report-body">',
        f"<h3>What changed in {escape(report.authority)}</h3>",
        f"<p>From the inspection published {escape(human_date(e.published))} ({escape(FRAMEWORKS.get(e.framework, e.framework))}) "
        f"to the inspection published {escape(human_date(lt.published))} ({escape(FRAMEWORKS.get(lt.framework, lt.framework))}).</p>",
        '<h4>Judgements</h4><ul class="judgement-changes">',
    ]
    for ch in report.judgements:
        line = judgement_line(ch, draft)
        cls = {"up": "dir-up", "down": "dir-down"}.get(ch.direction, "")
        html_line = _inline(line, {c.n for c in draft.citations})
        arrow = escape(ARROWS[ch.direction])
        html_line = html_line.replace(f"({arrow})", f'(<span class="{cls}">{arrow}</span>)')
        out.append(f'<li data-direction="{escape(ch.direction)}">{html_line}</li>')
    out.append("</ul>")
    counts = report.counts()
    out.append(
        f"<h4>What the earlier report said needs to improve</h4><p>{len(report.items)} items: "
        + ", ".join(f"{n} {escape(s)}" for s, n in counts.items())
        + ". The evidence behind each status is shown "
        "with it; <em>not mentioned</em> means nothing in the later report was close enough.</p>"
    )
    for it in report.items:
        assert it.cited is not None
        n_item = draft.add(it.cited.passage, it.cited.quote)
        status = escape(it.status)
        parts = [
            f'<div class="tracker-item" data-status="{status}">',
            f'<div>“{escape(it.cited.quote)}” <a class="cite" href="#ref-{n_item}">[{n_item}]</a></div>',
            f'<div><span class="status status-{status.replace(" ", "-")}">{status}</span> '
            f'<span class="why">{escape(it.reason)}</span></div><ul>',
        ]
        if it.listed_again and it.listed_again.cited:
            la = it.listed_again.cited
            n = draft.add(la.passage, la.quote)
            label = "a similar later item" if it.listed_again.partial else "listed again"
            parts.append(
                f'<li><span class="polarity">{label}</span> <span class="evidence-quote">“{escape(la.quote)}”</span> '
                f'<a class="cite" href="#ref-{n}">[{n}]</a></li>'
            )
        for s in it.evidence:
            n = draft.add(s.cited.passage, s.cited.quote)
            parts.append(
                f'<li><span class="polarity">{escape(s.polarity)}</span> <span class="evidence-quote">“{escape(s.cited.quote)}”</span> '
                f'<a class="cite" href="#ref-{n}">[{n}]</a> <span class="why">(page {s.cited.page}; '
                f"closeness {s.score:.2f}, {s.overlap:.0%} of its distinctive words)</span></li>"
            )
        parts.append("</ul></div>")
        out.append("".join(parts))
    for note in report.notes:
        out.append(f"<p><em>{escape(note)}</em></p>")
    out.append(references_html(draft.citations))
    out.append("</div>")
    return "".join(out)


# -- the tab ---------------------------------------------------------------------------------------------
def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "authority"


def build_authority_tab(retriever, authorities: list[str]) -> dict:
    """The tab's components and events (call inside a gr.Tab). Returns the components (for
    linking from other tabs: set components["authority"] to show an authority)."""
    workdir = Path(tempfile.mkdtemp(prefix="ofsted-history-"))
    gr.Markdown(
        "Pick an authority to see every indexed inspection, its judgements over time and what changed "
        "between two inspections. Each judgement and each statement is cited to its report and page.",
        elem_id="authority-intro",
    )
    with gr.Row():
        authority = gr.Dropdown(
            authorities, value=None, label="Local authority", filterable=True, scale=2, elem_id="authority-pick"
        )
        earlier = gr.Dropdown([], label="Compare the inspection published", scale=1, elem_id="changes-from")
        later = gr.Dropdown([], label="with the inspection published", scale=1, elem_id="changes-to")
    summary = gr.Markdown("", elem_id="authority-summary")
    inspections = gr.HTML("", elem_id="authority-inspections")
    chart = gr.Plot(label="Judgements over time", elem_id="authority-chart")
    chart_note = gr.Markdown("", elem_id="authority-chart-note")
    with gr.Row():
        history_docx = gr.DownloadButton("History (.docx)", visible=False, size="sm", elem_id="download-history-docx")
        history_md = gr.DownloadButton("History (.md)", visible=False, size="sm", elem_id="download-history-md")
        changes_docx = gr.DownloadButton(
            "Change report (.docx)", visible=False, size="sm", elem_id="download-changes-docx"
        )
        changes_md = gr.DownloadButton("Change report (.md)", visible=False, size="sm", elem_id="download-changes-md")
    changes = gr.HTML(EMPTY_CHANGES, elem_id="change-report")

    def _changes(name: str, frm: str | None, to: str | None):
        report = change_report(retriever, name, frm or None, to or None)
        stem = workdir / f"{_slug(name)}-changes-{report.earlier.meta.published}-{report.later.meta.published}"
        doc = changes_doc(report)
        docx = to_docx(doc, stem.with_suffix(".docx"))
        md = stem.with_suffix(".md")
        md.write_text(to_markdown(doc), encoding="utf-8")
        return changes_html(report), gr.update(value=str(docx), visible=True), gr.update(value=str(md), visible=True)

    def show(name: str | None):
        hidden = gr.update(visible=False)
        if not name:
            return (
                "",
                "",
                None,
                "",
                gr.update(choices=[], value=None),
                gr.update(choices=[], value=None),
                hidden,
                hidden,
                EMPTY_CHANGES,
                hidden,
                hidden,
            )
        try:
            history = build_history(retriever, name)
            dates = [i.meta.published for i in history.inspections if i.meta.published]
            n = len(history.inspections)
            lines = [f"**{n} indexed inspection{'s' if n != 1 else ''} of {history.authority}**, oldest first."]
            notes = [
                f"- {human_date(i.meta.published)}: {i.note} (shown as a gap, not a value)."
                for i in history.inspections
                if i.note
            ]
            doc = history_doc(history)
            stem = workdir / f"{_slug(history.authority)}-history"
            docx = to_docx(doc, stem.with_suffix(".docx"))
            md = stem.with_suffix(".md")
            md.write_text(to_markdown(doc), encoding="utf-8")
            if len(dates) >= 2:
                ch_html, ch_docx, ch_md = _changes(history.authority, dates[-2], dates[-1])
            else:
                ch_html, ch_docx, ch_md = (
                    '<p class="hist-empty">Only one indexed inspection: there is nothing to compare.</p>',
                    hidden,
                    hidden,
                )
            return (
                "\n".join(lines),
                inspections_html(history),
                authority_chart(history),
                "\n".join(notes),
                gr.update(choices=dates, value=dates[-2] if len(dates) >= 2 else None),
                gr.update(choices=dates, value=dates[-1] if dates else None),
                gr.update(value=str(docx), visible=True),
                gr.update(value=str(md), visible=True),
                ch_html,
                ch_docx,
                ch_md,
            )
        except Exception as e:  # noqa: BLE001 - friendly message, logged
            log.exception("authority view failed for %r", name)
            return (error_message(e), "", None, "", gr.skip(), gr.skip(), hidden, hidden, EMPTY_CHANGES, hidden, hidden)

    def compare(name: str | None, frm: str | None, to: str | None):
        if not name or not frm or not to:
            return gr.skip(), gr.skip(), gr.skip()
        if frm >= to:
            return (
                f'<p class="hist-empty">Choose an earlier inspection first, then a later one '
                f"({escape(frm)} is not before {escape(to)}).</p>",
                gr.update(visible=False),
                gr.update(visible=False),
            )
        try:
            return _changes(name, frm, to)
        except Exception as e:  # noqa: BLE001
            log.exception("change report failed for %r", name)
            return f"<p>{escape(error_message(e))}</p>", gr.update(visible=False), gr.update(visible=False)

    outputs = [
        summary,
        inspections,
        chart,
        chart_note,
        earlier,
        later,
        history_docx,
        history_md,
        changes,
        changes_docx,
        changes_md,
    ]
    authority.change(show, authority, outputs, api_visibility="private", show_progress="minimal")
    for comp in (earlier, later):
        comp.input(
            compare,
            [authority, earlier, later],
            [changes, changes_docx, changes_md],
            api_visibility="private",
            show_progress="minimal",
        )
    return {"authority": authority, "changes": changes, "chart": chart}


def history_tabs(retriever, authorities: list[str]) -> dict:
    """The Authority and Trends tabs (call inside gr.Tabs)."""
    from .trends_tab import build_trends_tab

    with gr.Tab("Authority", id="authority"):
        components = build_authority_tab(retriever, authorities)
    with gr.Tab("Trends", id="trends"):
        build_trends_tab(retriever, retriever.reports)
    return components

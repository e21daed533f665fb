"""Answers, conversations, authority histories and change reports as Word (.docx) and
Markdown documents, and histories / change reports as JSON.

Every document ends with its references, numbered as in the text: authority, report title,
publication date, page, paragraph, the quoted passage and the Ofsted URL.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..answering.facts import Draft, human_date
from ..records import Answer, CitedQuote
from .changes import ChangeReport, to_draft
from .timeline import AREA_LABELS, FRAMEWORKS, History

OGL = (
    "Contains public sector information licensed under the Open Government Licence v3.0 "
    "(Ofsted inspection reports, Crown copyright)."
)
_MARK = re.compile(r"\[(\d{1,4})\]")
# PDF text artefacts (pdfium's line-break hyphen, private-use bullet glyphs) shown as what they
# stand for, and characters XML (hence Word) cannot hold dropped.
_DISPLAY = str.maketrans({"\ufffe": "-", "\uf06e": "▪", "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢"})
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def readable(text: str) -> str:
    return _NOT_XML.sub("", str(text).translate(_DISPLAY))


_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass
class Doc:
    """A document: blocks ("h" heading, "p" paragraph, "li" bullet, "table" rows) whose text
    may carry **bold** and [n] markers, and the citations the markers point to."""

    title: str
    blocks: list[tuple[str, object]] = field(default_factory=list)
    citations: list[CitedQuote] = field(default_factory=list)


# -- building documents ------------------------------------------------------------------------------
def _lines_to_blocks(lines: Sequence[str]) -> list[tuple[str, object]]:
    blocks: list[tuple[str, object]] = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if s.startswith("- "):
            blocks.append(("li", s[2:]))
        elif re.fullmatch(r"\*\*[^*]+\*\*:?", s):
            blocks.append(("h", s.strip("*:")))
        elif s.startswith("*") and s.endswith("*") and not s.startswith("**"):
            blocks.append(("note", s.strip("*")))
        else:
            blocks.append(("p", s))
    return blocks


def answer_doc(answer: Answer, title: str = "Answer") -> Doc:
    doc = Doc(title)
    doc.blocks.append(("q", answer.question))
    doc.blocks += _lines_to_blocks(answer.text.split("\n"))
    doc.blocks += [("note", n) for n in answer.notes]
    doc.citations = list(answer.citations)
    return doc


def conversation_doc(answers: Sequence[Answer], title: str = "Conversation") -> Doc:
    """All turns; citations renumbered across the conversation ([1] of the second answer
    becomes [k+1] when the first had k)."""
    doc = Doc(title)
    for a in answers:
        offset = len(doc.citations)
        renumber = {c.n: offset + i for i, c in enumerate(a.citations, 1)}
        doc.blocks.append(("q", a.question))
        text = _MARK.sub(lambda m, r=renumber: f"[{r.get(int(m.group(1)), m.group(1))}]", a.text)
        doc.blocks += _lines_to_blocks(text.split("\n"))
        doc.blocks += [("note", n) for n in a.notes]
        doc.citations += [CitedQuote(renumber[c.n], c.quote, c.passage) for c in a.citations]
    return doc


def history_doc(history: History) -> Doc:
    draft = Draft([], [])
    doc = Doc(f"Inspection history: {history.authority}")
    header = ["Published", "Inspection dates", "Framework", "Lead inspector", *(AREA_LABELS[a] for a in history.areas)]
    rows = [header]
    for ins in history.inspections:
        m = ins.meta
        lead = m.lead_inspector
        if ins.lead_inspector:
            lead += f" [{draft.add(ins.lead_inspector.passage, ins.lead_inspector.quote)}]"
        row = [human_date(m.published), m.inspection_dates, FRAMEWORKS.get(m.framework, m.framework), lead]
        for area in history.areas:
            j = ins.judgement(area)
            if j is None:
                row.append("no overall grade" if area == "overall" and ins.note else "")
            elif j.evidence is not None:
                row.append(f"{j.grade} [{draft.add(j.evidence.passage, j.evidence.quote)}]")
            else:
                row.append(f"{j.grade} (page {j.page})")
        rows.append(row)
    doc.blocks.append(
        (
            "p",
            f"{len(history.inspections)} indexed inspection(s) of {history.authority}, oldest first; "
            "judgements as written in each report.",
        )
    )
    doc.blocks.append(("table", rows))
    for ins in history.inspections:
        if ins.note:
            doc.blocks.append(("note", f"{human_date(ins.meta.published)}: {ins.note}."))
    doc.citations = draft.citations
    return doc


def changes_doc(report: ChangeReport) -> Doc:
    draft = to_draft(report)
    doc = Doc(f"What changed: {report.authority}")
    doc.blocks = _lines_to_blocks(draft.lines)
    doc.citations = draft.citations
    return doc


# -- references ---------------------------------------------------------------------------------------
def reference_text(c: CitedQuote) -> tuple[str, str, str]:
    """(where, quote, url) of a citation: "Dorset — Dorset children's services inspection —
    published 9 May 2025 — page 2, paragraph 5"."""
    cit = c.passage.citation
    parts = [cit.local_authority or cit.source]
    if cit.title:
        parts.append(cit.title)
    if cit.published:
        parts.append(f"published {human_date(cit.published)}")
    where = f"page {cit.page}" if cit.page else ""
    if cit.paragraph:
        where += f", paragraph {cit.paragraph}"
    if where:
        parts.append(where)
    return readable(" — ".join(parts)), readable(" ".join(c.quote.split())), cit.url


# -- Markdown ------------------------------------------------------------------------------------------
def _md_cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(doc: Doc) -> str:
    out = [f"# {readable(doc.title)}", ""]
    previous = ""
    for kind, value in doc.blocks:
        value = [[readable(c) for c in r] for r in value] if kind == "table" else readable(value)  # type: ignore[union-attr]
        if previous == "li" and kind != "li":
            out.append("")  # a list ends with a blank line
        previous = kind
        if kind == "h":
            out += [f"## {value}", ""]
        elif kind == "q":
            out += [f"**Question:** {value}", ""]
        elif kind == "li":
            out.append(f"- {value}")
        elif kind == "note":
            out += ["", f"*{value}*", ""]
        elif kind == "table":
            rows = list(value)  # type: ignore[arg-type]
            out.append("| " + " | ".join(_md_cell(c) for c in rows[0]) + " |")
            out.append("|" + "---|" * len(rows[0]))
            out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows[1:]]
            out.append("")
        else:
            out += [str(value), ""]
    if doc.citations:
        out += ["", "## References", ""]
        for c in doc.citations:
            where, quote, url = reference_text(c)
            out.append(f"[{c.n}] {where}." + (f" “{quote}”" if quote else "") + (f" {url}" if url else ""))
            out.append("")
    out += ["", f"*{OGL}*", ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out))


# -- Word ----------------------------------------------------------------------------------------------
def _runs(paragraph, text: str) -> None:
    """Add text with **bold** spans as runs."""
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos : m.start()])
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:])


def to_docx(doc: Doc, path: str | Path) -> Path:
    from docx import Document
    from docx.shared import Pt

    d = Document()
    d.core_properties.title = doc.title
    d.styles["Normal"].font.size = Pt(10.5)
    d.add_heading(readable(doc.title), level=1)
    for kind, value in doc.blocks:
        value = [[readable(c) for c in r] for r in value] if kind == "table" else readable(value)  # type: ignore[union-attr]
        if kind == "h":
            d.add_heading(str(value), level=2)
        elif kind == "q":
            p = d.add_paragraph()
            p.add_run("Question: ").bold = True
            p.add_run(str(value))
        elif kind == "li":
            _runs(d.add_paragraph(style="List Bullet"), str(value))
        elif kind == "note":
            d.add_paragraph().add_run(str(value)).italic = True
        elif kind == "table":
            rows = list(value)  # type: ignore[arg-type]
            table = d.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = str(cell)
                    if i == 0:
                        for r in table.cell(i, j).paragraphs[0].runs:
                            r.bold = True
        else:
            _runs(d.add_paragraph(), str(value))
    if doc.citations:
        d.add_heading("References", level=2)
        for c in doc.citations:
            where, quote, url = reference_text(c)
            p = d.add_paragraph()
            p.add_run(f"[{c.n}] ").bold = True
            p.add_run(where + ". ")
            if quote:  # a reference may point to a place without quoting it (a learner's handout)
                p.add_run(f"“{quote}”").italic = True
            if url:
                p.add_run(f" {url}")
    d.add_paragraph().add_run(OGL).italic = True
    path = Path(path)
    d.save(str(path))
    return path


# -- JSON ----------------------------------------------------------------------------------------------
def _cited_json(c) -> dict | None:
    if c is None:
        return None
    cit = c.passage.citation
    return {
        "quote": c.quote,
        "source": cit.source,
        "page": cit.page,
        "paragraph": cit.paragraph,
        "local_authority": cit.local_authority,
        "published": cit.published,
        "url": cit.url,
    }


def _point_json(j) -> dict | None:
    if j is None:
        return None
    return {
        "area": j.area,
        "label": j.label,
        "grade": j.grade,
        "rank": j.rank,
        "page": j.page,
        "combined_with_care_leavers": j.combined,
        "citation": _cited_json(j.evidence),
    }


def history_json(history: History) -> dict:
    return {
        "authority": history.authority,
        "inspections": [
            {
                "report_id": i.meta.report_id,
                "source": i.meta.source,
                "title": i.meta.title,
                "published": i.meta.published,
                "inspection_dates": i.meta.inspection_dates,
                "framework": i.meta.framework,
                "lead_inspector": i.meta.lead_inspector,
                "lead_inspector_citation": _cited_json(i.lead_inspector),
                "url": i.meta.url,
                "note": i.note,
                "judgements": [_point_json(j) for j in i.judgements],
            }
            for i in history.inspections
        ],
    }


def changes_json(report: ChangeReport) -> dict:
    def side(ins):
        m = ins.meta
        return {
            "report_id": m.report_id,
            "source": m.source,
            "published": m.published,
            "framework": m.framework,
            "url": m.url,
        }

    return {
        "authority": report.authority,
        "earlier": side(report.earlier),
        "later": side(report.later),
        "judgements": [
            {
                "area": c.area,
                "direction": c.direction,
                "note": c.note,
                "before": _point_json(c.before),
                "after": _point_json(c.after),
            }
            for c in report.judgements
        ],
        "counts": report.counts(),
        "items": [
            {
                "item": i.item.text,
                "citation": _cited_json(i.cited),
                "status": i.status,
                "reason": i.reason,
                "listed_again": (
                    {
                        "item": i.listed_again.item.text,
                        "similarity": round(i.listed_again.cosine, 3),
                        "citation": _cited_json(i.listed_again.cited),
                    }
                    if i.listed_again
                    else None
                ),
                "evidence": [
                    {
                        "polarity": s.polarity,
                        "closeness": round(s.score, 3),
                        "keyword_share": round(s.overlap, 3),
                        "citation": _cited_json(s.cited),
                    }
                    for s in i.evidence
                ],
            }
            for i in report.items
        ],
        "notes": list(report.notes),
    }

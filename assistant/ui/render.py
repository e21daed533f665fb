"""Answers and sources as HTML / Markdown for the chat (the JSON form is Answer.to_dict).

Every piece of report or user text goes through ``escape`` before it reaches HTML: a report
that contains ``<script>`` shows the characters, never runs them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

from ..records import Answer, CitedQuote
from ..vocabulary import DISPLAY_GLYPHS

_MARKER = re.compile(r"\[(\d{1,3})\]")
# Markdown punctuation that could turn report text into links, images, code or tables.
_MD_SPECIAL = re.compile(r"([\\`\[\]!|])")
_SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)
_REPORT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

ERROR_TEMPLATE = "Something went wrong: {message}. Try again or rephrase."


def escape(text: str) -> str:
    """HTML-escape text (quotes too), so it can only ever show as text; PDF glyph artefacts
    show as what they stand for (the data keeps them verbatim)."""
    return html.escape((text or "").translate(DISPLAY_GLYPHS), quote=True)


def safe_url(url: str) -> str:
    """The URL escaped for an attribute, or "" unless it is plain http(s)."""
    url = (url or "").strip()
    return escape(url) if _SAFE_URL.match(url) else ""


def pdf_url(report_id: str, page: int = 0, root: str = "") -> str:
    """Where the app serves a report's PDF, opened at page when given: /report/<id>.pdf#page=N."""
    if not _REPORT_ID.match(report_id or ""):
        return ""
    url = f"{root.rstrip('/')}/report/{quote(report_id)}.pdf"
    return f"{url}#page={int(page)}" if page else url


def error_message(exc: BaseException | str) -> str:
    """The friendly message shown instead of a stack trace."""
    message = str(exc).strip().rstrip(".") or type(exc).__name__
    return ERROR_TEMPLATE.format(message=message)


def _link_markers(escaped: str, numbers: set[int]) -> str:
    def link(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in numbers:
            return m.group(0)
        return f'<a class="cite" href="#source-{n}" title="Source {n}">[{n}]</a>'

    return _MARKER.sub(link, escaped)


def _md_text(text: str) -> str:
    """Report text for a Markdown message: HTML-escaped, link/image/code syntax neutralised."""
    return _MD_SPECIAL.sub(r"\\\1", escape(text))


def chat_markdown(answer: Answer) -> str:
    """The assistant's chat message: the answer with [n] linked to its source card, then notes."""
    numbers = {c.n for c in answer.citations}
    body = _md_text(answer.text)
    body = re.sub(r"\\\[(\d{1,3})\\\]", r"[\1]", body)  # restore markers, then link them
    body = _link_markers(body, numbers)
    notes = "\n".join(f"*{_md_text(n)}*" for n in answer.notes)
    return f"{body}\n\n{notes}" if notes else body


def partial_markdown(text: str) -> str:
    """A streamed, still-growing answer (markers are linked once the answer is complete)."""
    return _md_text(text) + " …"


def question_markdown(question: str) -> str:
    return _md_text(question)


def source_label(c: CitedQuote) -> str:
    """Short label for the source selector: "[1] Dorset, 2025-05-09, p. 2, para 5"."""
    cit = c.passage.citation
    parts = [cit.local_authority or cit.title or cit.source]
    if cit.published:
        parts.append(cit.published)
    if cit.page:
        parts.append(f"p. {cit.page}")
    if cit.paragraph:
        parts.append(f"para {cit.paragraph}")
    return f"[{c.n}] " + ", ".join(parts)


def source_card(c: CitedQuote, root: str = "") -> str:
    cit = c.passage.citation
    head = escape(cit.local_authority or cit.source)
    title = f'<div class="source-title">{escape(cit.title)}</div>' if cit.title else ""
    meta = cit.label_parts(escape)[1:]
    if meta and meta[0].startswith("published"):
        meta[0] = "P" + meta[0][1:]
    if cit.heading:
        meta.append(f"section: {escape(cit.heading)}")
    links = []
    pdf = pdf_url(cit.report_id, cit.page, root)
    if pdf:
        links.append(
            f'<a class="pdf-link" href="{escape(pdf)}" target="_blank" rel="noopener">'
            f"Open the report at page {cit.page or 1}</a>"
        )
    url = safe_url(cit.url)
    if url:
        links.append(
            f'<a class="ofsted-link" href="{url}" target="_blank" rel="noopener noreferrer">Ofsted original</a>'
        )
    if cit.local_authority:  # opens the Authority tab on it (ui/links.py)
        name = escape(cit.local_authority)
        links.append(
            f'<button type="button" class="open-authority" data-authority="{name}">'
            f"Open {name} in the Authority tab</button>"
        )
    quote_lines = "<br>".join(escape(line) for line in c.quote.split("\n"))
    return (
        f'<div class="source-card" id="source-{c.n}" data-n="{c.n}">'
        f'<div class="source-head"><span class="source-n">[{c.n}]</span> {head}</div>{title}'
        f'<div class="source-meta">{" · ".join(meta)}</div>'
        f'<blockquote class="source-quote">{quote_lines}</blockquote>'
        f'<div class="source-links">{" · ".join(links)}</div></div>'
    )


def sources_html(answer: Answer | None, root: str = "") -> str:
    """One card per citation (anchor ``source-n``), or a hint when there is nothing to show."""
    if answer is None:
        return '<div class="sources-empty">Sources of the answer appear here.</div>'
    if not answer.citations:
        return '<div class="sources-empty">No sources: the reports did not answer this.</div>'
    return '<div class="sources">' + "".join(source_card(c, root) for c in answer.citations) + "</div>"


def answer_markdown(answer: Answer) -> str:
    """The answer with a numbered reference list, as Markdown to paste into notes or email
    (from Answer.to_dict, plus each citation's label and report title)."""
    data = answer.to_dict()
    lines = [data["answer"].strip(), ""]
    if data["citations"]:
        lines += ["**References**", ""]
        for c, cited in zip(data["citations"], answer.citations):
            cit = cited.passage.citation
            ref = f"[{c['n']}] {cit.label()}"
            if cit.title:
                ref += f", *{cit.title}*"
            quote_text = " ".join(c["quote"].split())
            ref += f": “{quote_text}”"
            if c["url"]:
                ref += f" <{c['url']}>"
            lines.append(ref)
            lines.append("")
    for n in data["notes"]:
        lines.append(f"_{n}_")
    return "\n".join(lines).strip() + "\n"

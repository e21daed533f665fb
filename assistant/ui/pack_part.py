"""The "Training pack" part of the Quiz builder tab: a topic in the trainer's words, optional
authorities and dates, how many extracts; the pack is shown (extracts with their citations and
judgements, discussion prompts, the quiz with its key) and downloads as Word (trainer and
learner copies), Markdown, JSON and the quiz alone for Moodle (GIFT) and Kahoot (CSV).

The handler ``build`` is a plain function so it can be tested without a browser. All report
text is HTML-escaped before it is shown.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import gradio as gr

from ..errors import AssistantError
from ..history.export import to_docx, to_markdown
from ..quiz.export import export
from ..quiz.handouts import pack_doc
from ..quiz.pack import DEFAULT_EXTRACTS, MAX_EXTRACTS, MIN_EXTRACTS, Pack, build_pack
from .form import LETTERS
from .form import SAFE_URL as _SAFE_URL
from .form import checked_date as _date
from .form import escape as _e

CORRECT = " <strong>\u2714 correct</strong>"


def _link(url: str) -> str:
    url = (url or "").strip()
    if not _SAFE_URL.match(url):
        return ""
    return f' \u2014 <a href="{_e(url)}" target="_blank" rel="noopener noreferrer">Ofsted report</a>'


def pack_html(pack: Pack | None) -> str:
    if pack is None:
        return "<p>No pack yet: give a topic and press Build pack.</p>"
    parts = [f"<h3>{_e(pack.title)}</h3>"]
    parts += [f'<p class="pack-note"><em>{_e(n)}</em></p>' for n in pack.notes]
    parts.append(f"<p>Searched for: {_e(', '.join(pack.search_words))}.</p>")
    for e in pack.extracts:
        c = e.citation
        parts.append(
            f'<div class="pack-extract" id="pack-extract-{e.letter}">'
            f"<p><strong>Extract {e.letter}: {_e(c.local_authority)}</strong>, {', '.join(c.label_parts(_e)[1:])}. "
            f"{_e(e.area_name.capitalize())} judged <strong>{_e(e.grade)}</strong>{_link(c.url)}</p>"
            f"<blockquote>{_e(e.text)}</blockquote></div>"
        )
    if pack.prompts:
        parts.append("<h4>Discussion prompts</h4><ol class='pack-prompts'>")
        parts += [f"<li>{_e(p)}</li>" for p in pack.prompts]
        parts.append("</ol>")
    if pack.quiz.questions:
        parts.append("<h4>Quiz</h4>")
        for i, q in enumerate(pack.quiz.questions, 1):
            opts = "".join(
                f"<li>{LETTERS[j]}) {_e(o.text)}{CORRECT if o.correct else ''}</li>" for j, o in enumerate(q.options)
            )
            parts.append(
                f'<div class="pack-question"><p><strong>{i}.</strong> {_e(q.prompt)}</p><ul>{opts}</ul>'
                f"<p><em>{_e(q.explanation)}</em></p></div>"
            )
    return "\n".join(parts)


def write_files(pack: Pack) -> list[str]:
    """The pack's downloads in a temporary folder: Word trainer and learner copies, Markdown
    (trainer), JSON, and its quiz as GIFT and Kahoot CSV."""
    folder = Path(tempfile.mkdtemp(prefix="pack-"))
    stem = re.sub(r"[^a-z0-9]+", "-", pack.topic_name.lower()).strip("-") or "pack"
    paths = [
        to_docx(pack_doc(pack, trainer=True), folder / f"{stem}-trainer.docx"),
        to_docx(pack_doc(pack, trainer=False), folder / f"{stem}-learner.docx"),
    ]
    md = folder / f"{stem}-trainer.md"
    md.write_text(to_markdown(pack_doc(pack, trainer=True)), encoding="utf-8")
    js = folder / f"{stem}.json"
    js.write_text(json.dumps(pack.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    paths += [md, js]
    if pack.quiz.questions:
        gift = folder / f"{stem}-quiz.gift.txt"
        gift.write_text(export(pack.quiz, "gift"), encoding="utf-8")
        kahoot = folder / f"{stem}-quiz.kahoot.csv"
        kahoot.write_text(export(pack.quiz, "csv"), encoding="utf-8-sig")
        paths += [gift, kahoot]
    return [str(p) for p in paths]


def status_text(pack: Pack) -> str:
    authorities = len({e.citation.local_authority for e in pack.extracts})
    msg = (
        f"{len(pack.extracts)} extract(s) from {authorities} authorit{'y' if authorities == 1 else 'ies'} on "
        f"'{pack.topic_name}', {len(pack.prompts)} discussion prompt(s), {len(pack.quiz.questions)} quiz question(s)."
    )
    if not pack.enough:
        msg = "Too few good extracts for a pack. " + msg
    return msg


def build(retriever, topic, authorities, date_from, date_to, n_extracts, seed):
    """-> (preview html, status, file paths or None)."""
    try:
        pack = build_pack(
            retriever,
            topic=topic or "",
            authorities=list(authorities or []),
            published_from=_date(date_from, "'from'"),
            published_to=_date(date_to, "'to'"),
            n_extracts=int(n_extracts or DEFAULT_EXTRACTS),
            seed=int(seed or 0),
        )
    except (ValueError, AssistantError) as e:
        return pack_html(None), f"Could not build the pack: {e}", None
    return pack_html(pack), status_text(pack), write_files(pack)


def training_pack_part(retriever, api_visibility: str = "private") -> None:
    """The Training pack controls, inside the current Blocks (the Quiz builder tab)."""
    with gr.Column(elem_id="pack-part"):
        gr.Markdown(
            "## Training pack\nA case study on a topic: extracts from different authorities (judged "
            "differently where the reports allow), discussion prompts and a short quiz with its key. "
            "Use your own words for the topic: 'kids in care', 'MASH', 'return home interviews'."
        )
        with gr.Row():
            topic = gr.Textbox(
                label="Pack topic", placeholder="e.g. return home interviews, front door", elem_id="pack-topic"
            )
            authorities = gr.Dropdown(
                choices=sorted(
                    {r.local_authority for r in retriever.catalog.reports if r.local_authority}, key=str.lower
                ),
                multiselect=True,
                label="Pack authorities",
                info="empty: all authorities",
                elem_id="pack-authorities",
            )
        with gr.Row():
            date_from = gr.Textbox(label="Pack reports published from", placeholder="YYYY-MM-DD", elem_id="pack-from")
            date_to = gr.Textbox(label="Pack reports published to", placeholder="YYYY-MM-DD", elem_id="pack-to")
            n_extracts = gr.Slider(
                MIN_EXTRACTS, MAX_EXTRACTS, value=DEFAULT_EXTRACTS, step=1, label="Extracts", elem_id="pack-n"
            )
            seed = gr.Number(value=0, precision=0, label="Pack seed", elem_id="pack-seed")
        build_btn = gr.Button("Build pack", variant="primary", elem_id="pack-build")
        status = gr.Markdown(elem_id="pack-status")
        preview = gr.HTML(pack_html(None), elem_id="pack-preview")
        files = gr.File(label="Pack downloads", file_count="multiple", interactive=False, elem_id="pack-download")

    def on_build(t, a, f, to, n, s):
        return build(retriever, t, a, f, to, n, s)

    build_btn.click(
        on_build,
        [topic, authorities, date_from, date_to, n_extracts, seed],
        [preview, status, files],
        api_name="pack_build",
        api_visibility=api_visibility,
    )

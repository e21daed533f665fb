"""Downloads in the Ask tab: the latest answer, or the whole conversation, as Word (.docx) and
Markdown, each ending with its numbered references (history/export.py: authority, report
title, publication date, page, paragraph, quoted passage, Ofsted URL; a conversation's
citations are renumbered across its answers)."""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from ..history.export import Doc, answer_doc, conversation_doc, to_docx, to_markdown
from ..records import Answer


@dataclass(frozen=True)
class AskDownloads:
    note: gr.Markdown  # what the downloads hold ("2 answers, 5 citations")
    answer_docx: gr.DownloadButton
    answer_md: gr.DownloadButton
    conversation_docx: gr.DownloadButton
    conversation_md: gr.DownloadButton

    @property
    def outputs(self) -> list:
        return [self.note, self.answer_docx, self.answer_md, self.conversation_docx, self.conversation_md]


def build_ask_downloads() -> AskDownloads:
    """A note and four buttons (call inside a gr.Column), hidden until there is an answer."""

    def button(label: str, elem_id: str) -> gr.DownloadButton:
        return gr.DownloadButton(label, visible=False, size="sm", elem_id=elem_id)

    note = gr.Markdown("", elem_id="ask-downloads-note")
    with gr.Row():
        return AskDownloads(
            note,
            button("Answer (.docx)", "download-answer-docx"),
            button("Answer (.md)", "download-answer-md"),
            button("Conversation (.docx)", "download-conversation-docx"),
            button("Conversation (.md)", "download-conversation-md"),
        )


def _write(doc: Doc, stem: Path) -> tuple[str, str]:
    docx = to_docx(doc, stem.with_suffix(".docx"))
    md = stem.with_suffix(".md")
    md.write_text(to_markdown(doc), encoding="utf-8")
    return str(docx), str(md)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def downloads_for(turns: list[dict] | None, workdir: Path | None = None) -> list[Any]:
    """Updates of the note and the four buttons for the conversation so far (hidden when it is
    empty)."""
    answers: list[Answer] = [t["answer"] for t in (turns or [])]
    if not answers:
        return ["", *[gr.update(value=None, visible=False)] * 4]
    folder = Path(tempfile.mkdtemp(prefix="ofsted-ask-", dir=workdir))
    stem = uuid.uuid4().hex[:8]
    answer_files = _write(answer_doc(answers[-1]), folder / f"answer-{stem}")
    conversation_files = _write(conversation_doc(answers), folder / f"conversation-{stem}")
    latest, cited = len(answers[-1].citations), sum(len(a.citations) for a in answers)
    note = (
        f"Download the latest answer ({_count(latest, 'citation')}) or the whole conversation "
        f"({_count(len(answers), 'answer')}, {_count(cited, 'citation')}, renumbered), "
        "each with its numbered references."
    )
    return [note, *(gr.update(value=path, visible=True) for path in (*answer_files, *conversation_files))]

"""The "Quiz builder" tab: choose reports, a topic and question types, generate a quiz, look
through it with its sources, drop or regenerate single questions, and download it for Moodle,
Kahoot or print.

    with gr.Blocks() as demo:
        with gr.Tab("Quiz builder"):
            quiz_tab(retriever)

The handlers are plain functions (``generate``, ``drop``, ``regenerate``, ``preview_html``) so
they can be tested without a browser. All report text is HTML-escaped before it is shown.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import gradio as gr

from ..errors import AssistantError
from ..history.export import to_docx
from ..quiz.export import FILE_EXTENSIONS, FORMATS, export, kinds_for_format, skipped_reasons
from ..quiz.generate import build_quiz, drop_question, regenerate_question
from ..quiz.handouts import quiz_doc
from ..quiz.model import DEFAULT_TYPES, TYPES, Quiz
from .form import LETTERS
from .form import SAFE_URL as _SAFE_URL
from .form import checked_date as _date
from .form import escape as _e
from .pack_part import training_pack_part

TYPE_LABELS = {
    "strength": "Strength or concern?",
    "practice": "Which practice fits the finding?",
    "mcq": "Multiple choice (judgements, findings)",
    "tf": "True / false",
    "cloze": "Fill the gap",
    "short": "Numbers and dates (recall)",
}
WORD_FORMATS = {"docx-trainer": True, "docx-learner": False}  # Word handouts: with the answer key or not
FORMAT_LABELS = {
    "docx-trainer": "Word handout, trainer copy (with answers)",
    "docx-learner": "Word handout, learner copy (no answers)",
    "gift": "GIFT (Moodle)",
    "moodle-xml": "Moodle XML",
    "aiken": "Aiken",
    "csv": "Kahoot CSV",
    "csv-full": "Spreadsheet CSV",
    "json": "JSON",
    "md": "Printable handout (Markdown)",
}


def report_choices(retriever) -> list[tuple[str, str]]:
    """(label, source) of every indexed report, newest first: "Dorset — published 2025-05-09"."""
    reports = sorted(retriever.catalog.reports, key=lambda r: (r.local_authority.lower(), r.published))
    return [(f"{r.local_authority} \u2014 published {r.published or 'date unknown'}", r.source) for r in reports]


def authority_choices(retriever) -> list[str]:
    return sorted({r.local_authority for r in retriever.catalog.reports if r.local_authority}, key=str.lower)


# -- rendering -------------------------------------------------------------------------------


def question_html(q, number: int) -> str:
    parts = [
        f'<div class="quiz-question" id="quiz-q{number}">',
        f"<p><strong>{number}.</strong> <em>[{_e(TYPE_LABELS.get(q.kind, q.kind))}]</em> {_e(q.prompt)}</p>",
    ]
    if q.options:
        mark = " <strong>\u2714 correct</strong>"
        items = "".join(
            f"<li>{LETTERS[i] if i < len(LETTERS) else i + 1}) {_e(o.text)}{mark if o.correct else ''}</li>"
            for i, o in enumerate(q.options)
        )
        parts.append(f'<ul class="quiz-options">{items}</ul>')
    if q.answers:
        parts.append("<p>Accepted answers: " + " / ".join(f"<code>{_e(a)}</code>" for a in q.answers) + "</p>")
    c = q.citation
    if c is not None:
        label = _e(c.label())
        url = (c.url or "").strip()
        link = (
            f' \u2014 <a href="{_e(url)}" target="_blank" rel="noopener noreferrer">report</a>'
            if _SAFE_URL.match(url)
            else ""
        )
        heading = f" ({_e(c.heading)})" if c.heading else ""
        parts.append(f'<p class="quiz-source">Source: {label}{heading}{link}</p>')
    if q.quote:
        parts.append(f"<blockquote>{_e(q.quote)}</blockquote>")
    parts.append("</div>")
    return "\n".join(parts)


def preview_html(quiz: Quiz | None) -> str:
    if quiz is None:
        return "<p>No quiz yet: choose reports or a topic and press Generate.</p>"
    if not quiz.questions:
        return "<p>No question could be made from this selection: widen it or change the types.</p>"
    head = f"<h3>{_e(quiz.title)}</h3><p>{len(quiz.questions)} questions (seed {quiz.seed}).</p>"
    return head + "\n<hr/>\n".join(question_html(q, i) for i, q in enumerate(quiz.questions, 1))


def status_text(quiz: Quiz, fmt: str) -> str:
    stats = quiz.selection.get("stats", {})
    made = len(quiz.questions)
    msg = f"{made} question(s) ready"
    if stats.get("requested") and made + int(stats.get("dropped", 0)) < stats["requested"]:
        msg += f" (asked for {stats['requested']}: the selection did not give enough verified questions)"
    if stats.get("skipped"):
        msg += f"; {stats['skipped']} candidate(s) skipped by the checks"
    left_out = skipped_reasons(quiz, fmt) if fmt in FORMATS else {}
    if left_out:
        msg += f"; {len(left_out)} left out of the {FORMAT_LABELS.get(fmt, fmt)} file ({'; '.join(sorted(set(left_out.values())))})"
    return msg + "."


def write_file(quiz: Quiz, fmt: str) -> str:
    """The quiz exported to a temporary file named for its format; its path."""
    if fmt in WORD_FORMATS:
        folder = Path(tempfile.mkdtemp(prefix="quiz-"))
        path = folder / f"quiz-{fmt.split('-')[1]}.docx"
        return str(to_docx(quiz_doc(quiz, trainer=WORD_FORMATS[fmt]), path))
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    folder = Path(tempfile.mkdtemp(prefix="quiz-"))
    path = folder / f"quiz{FILE_EXTENSIONS[fmt]}"
    encoding = "utf-8-sig" if fmt in ("csv", "csv-full") else "utf-8"
    path.write_text(export(quiz, fmt), encoding=encoding)
    return str(path)


# -- handlers --------------------------------------------------------------------------------


def _load(state: dict | None) -> Quiz | None:
    return Quiz.from_dict(state) if state else None


def generate(retriever, authorities, reports, topic, date_from, date_to, types, n, seed, fmt, title=""):
    """-> (state, preview html, status, file path or None)."""
    try:
        kinds = [t for t in (types or []) if t in TYPES]
        if not kinds:
            raise ValueError("choose at least one question type")
        kinds, types_note = kinds_for_format(
            "md" if fmt in WORD_FORMATS else fmt, kinds
        )  # e.g. Aiken: N choice questions, not fewer
        quiz = build_quiz(
            retriever,
            authorities=list(authorities or []),
            reports=list(reports or []),
            topic=topic or "",
            published_from=_date(date_from, "'from'"),
            published_to=_date(date_to, "'to'"),
            n=max(1, min(100, int(n or 10))),
            types=kinds,
            seed=int(seed or 0),
            title=title or "",
        )
    except (ValueError, AssistantError) as e:
        return None, preview_html(None), f"Could not build the quiz: {e}", None
    status = status_text(quiz, fmt) + (f" Note: {types_note}." if types_note else "")
    return quiz.to_dict(), preview_html(quiz), status, write_file(quiz, fmt)


def _number(value, quiz: Quiz) -> int:
    try:
        k = int(value)
    except (TypeError, ValueError):
        raise ValueError("give the number of a question") from None
    if not 1 <= k <= len(quiz.questions):
        raise ValueError(f"there is no question {k} (the quiz has {len(quiz.questions)})")
    return k - 1


def drop(state, number, fmt):
    quiz = _load(state)
    if quiz is None:
        return state, preview_html(None), "Generate a quiz first.", None
    try:
        quiz = drop_question(quiz, _number(number, quiz))
    except ValueError as e:
        return state, preview_html(quiz), str(e), gr.skip()
    return (
        quiz.to_dict(),
        preview_html(quiz),
        f"Question {int(number)} dropped. " + status_text(quiz, fmt),
        write_file(quiz, fmt),
    )


def regenerate(retriever, state, number, fmt, attempt: int = 1):
    quiz = _load(state)
    if quiz is None:
        return state, preview_html(None), "Generate a quiz first.", None
    try:
        index = _number(number, quiz)
    except ValueError as e:
        return state, preview_html(quiz), str(e), gr.skip()
    new = regenerate_question(retriever, quiz, index, attempt=attempt)
    if new.questions[index] == quiz.questions[index]:
        return state, preview_html(quiz), f"No other question could be made to replace question {index + 1}.", gr.skip()
    return (
        new.to_dict(),
        preview_html(new),
        f"Question {index + 1} regenerated. " + status_text(new, fmt),
        write_file(new, fmt),
    )


def reformat(state, fmt):
    quiz = _load(state)
    if quiz is None:
        return gr.skip(), None
    return status_text(quiz, fmt), write_file(quiz, fmt)


# -- the tab ---------------------------------------------------------------------------------


def quiz_tab(retriever, api_visibility: str = "private") -> None:
    """Build the Quiz builder's components inside the current ``gr.Blocks`` (or ``gr.Tab``).

    Its events are kept out of the public API unless ``api_visibility="public"``; the browser
    UI (and the file download) works either way."""
    gr.Markdown(
        "Build a quiz from the inspection reports. Every question quotes and cites the passage its "
        "answer comes from; check them before you use the quiz."
    )
    state = gr.State(None)
    attempts = gr.State(0)
    with gr.Row():
        authorities = gr.Dropdown(
            choices=authority_choices(retriever),
            multiselect=True,
            label="Local authorities",
            info="empty: all authorities",
            elem_id="quiz-authorities",
        )
        reports = gr.Dropdown(
            choices=report_choices(retriever),
            multiselect=True,
            label="Reports",
            info="empty: every report of the authorities chosen",
            elem_id="quiz-reports",
        )
    with gr.Row():
        topic = gr.Textbox(
            label="Topic", placeholder="e.g. care leavers, front door, exploitation", elem_id="quiz-topic"
        )
        date_from = gr.Textbox(label="Published from", placeholder="YYYY-MM-DD", elem_id="quiz-from")
        date_to = gr.Textbox(label="Published to", placeholder="YYYY-MM-DD", elem_id="quiz-to")
    with gr.Row():
        types = gr.CheckboxGroup(
            choices=[(TYPE_LABELS[k], k) for k in TYPES],
            value=list(DEFAULT_TYPES),
            label="Question types",
            elem_id="quiz-types",
        )
        n = gr.Slider(1, 50, value=10, step=1, label="Questions", elem_id="quiz-n")
        seed = gr.Number(
            value=0, precision=0, label="Seed", info="same choices and seed: same quiz", elem_id="quiz-seed"
        )
    with gr.Row():
        fmt = gr.Dropdown(
            choices=[(FORMAT_LABELS[f], f) for f in [*FORMATS, *WORD_FORMATS]],
            value="gift",
            label="Download format",
            elem_id="quiz-format",
        )
        title = gr.Textbox(label="Title", placeholder="default: from the selection", elem_id="quiz-title")
        generate_btn = gr.Button("Generate", variant="primary", elem_id="quiz-generate")
    status = gr.Markdown(elem_id="quiz-status")
    preview = gr.HTML(preview_html(None), elem_id="quiz-preview")
    with gr.Row():
        number = gr.Number(value=1, precision=0, label="Question number", elem_id="quiz-number")
        drop_btn = gr.Button("Drop question", elem_id="quiz-drop")
        regen_btn = gr.Button("Regenerate question", elem_id="quiz-regenerate")
    download = gr.File(label="Download", interactive=False, elem_id="quiz-download")

    def on_generate(a, r, t, f, to, ty, k, s, fm, ti):
        return generate(retriever, a, r, t, f, to, ty, k, s, fm, ti)

    def on_regenerate(st, k, fm, tries):
        tries = int(tries or 0) + 1
        return (*regenerate(retriever, st, k, fm, attempt=tries), tries)

    generate_btn.click(
        on_generate,
        [authorities, reports, topic, date_from, date_to, types, n, seed, fmt, title],
        [state, preview, status, download],
        api_name="quiz_generate",
        api_visibility=api_visibility,
    )
    drop_btn.click(
        drop,
        [state, number, fmt],
        [state, preview, status, download],
        api_name="quiz_drop",
        api_visibility=api_visibility,
    )
    regen_btn.click(
        on_regenerate,
        [state, number, fmt, attempts],
        [state, preview, status, download, attempts],
        api_name="quiz_regenerate",
        api_visibility=api_visibility,
    )
    fmt.change(reformat, [state, fmt], [status, download], api_visibility="private")
    training_pack_part(retriever, api_visibility=api_visibility)

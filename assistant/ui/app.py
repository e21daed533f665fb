"""The Gradio chat for staff: ask, read the cited sources, check them on the report page.

    python app.py [--host 127.0.0.1] [--port 7860] [--index .index]     # or: assistant serve

Settings (environment, through Settings): ASSISTANT_HOST, ASSISTANT_PORT, ASSISTANT_AUTH="user:password"
(optional login), ASSISTANT_CONCURRENCY (questions answered at once, default 4), ASSISTANT_FEEDBACK
(feedback file) and the index settings of the README. Never shared publicly (share=False).

API (gradio_client)::

    from gradio_client import Client
    result = Client("http://127.0.0.1:7860/").predict(
        "What does Dorset need to improve?", "", "", "", api_name="/ask")
    # {"answer": "...", "abstained": false, "notes": [...],
    #  "citations": [{"n": 1, "source": "...", "page": 2, "paragraph": "5", "local_authority": "Dorset",
    #                 "published": "2025-05-09", "quote": "...", "url": "https://files.ofsted.gov.uk/..."}]}
"""

from __future__ import annotations

import logging
import re
import threading
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr
from fastapi import HTTPException, Request
from fastapi.responses import FileResponse
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool

from ..answering.assistant import Assistant
from ..records import Answer
from ..settings import Settings
from . import render
from .ask_downloads import build_ask_downloads, downloads_for
from .authority_tab import history_tabs
from .feedback import record_feedback
from .links import SOURCE_CARD_JS, connect_authority_links
from .preview import page_preview
from .quiz_tab import quiz_tab
from .reports_tab import HEADERS, build_reports_tab

log = logging.getLogger("assistant.ui")

CSS_PATH = Path(__file__).with_name("style.css")
A11Y_JS = Path(__file__).with_name("a11y.js")
# Gradio's default theme with colours that meet WCAG 2.2 AA contrast (4.5:1 for text): the
# primary (Ask) button and the subdued text of help lines, placeholders and the footer.
THEME = gr.themes.Default().set(
    body_text_color_subdued="#52525b",
    body_text_color_subdued_dark="#a1a1aa",
    button_primary_background_fill="#c2410c",
    button_primary_background_fill_hover="#9a3412",
    button_primary_background_fill_dark="#c2410c",
    button_primary_background_fill_hover_dark="#9a3412",
    button_primary_text_color="#ffffff",
    button_primary_text_color_dark="#ffffff",
)
TITLE = "Ofsted children's services reports assistant"
EXAMPLES = [
    "What does Dorset need to improve?",
    "How was Birmingham judged in 2014?",
    "Who led Somerset's 2026 inspection?",
    "How well are care leavers supported in North Northamptonshire?",
]
ALL_AUTHORITIES = "All authorities"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
FOOTER = (
    f'<div class="ogl-footer">Contains public sector information licensed under the '
    f'<a href="{OGL_URL}" target="_blank" rel="noopener noreferrer">Open Government Licence v3.0</a>. '
    "Reports: Ofsted, Crown copyright. Answers quote the reports; check each citation before relying on it."
    "</div>"
)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_REPORT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


# -- filters ---------------------------------------------------------------------------------
def parse_date(value: str | None, label: str) -> str | None:
    """ "" -> None; YYYY, YYYY-MM or YYYY-MM-DD -> itself; anything else -> ValueError."""
    value = (value or "").strip()
    if not value:
        return None
    ok = bool(_DATE.match(value))
    if ok and len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            ok = False
    if not ok:
        raise ValueError(f"the {label} date must be written YYYY-MM-DD (for example 2024-01-31), not '{value}'")
    return value


def filters_from(authority: str | None, published_from: str | None, published_to: str | None) -> dict:
    """Keyword arguments for Assistant.ask from the filter inputs (ValueError when a date is bad)."""
    lo = parse_date(published_from, "'published from'")
    hi = parse_date(published_to, "'published to'")
    if lo and hi and lo > hi:
        raise ValueError(f"the 'published from' date ({lo}) is after the 'published to' date ({hi})")
    authority = (authority or "").strip()
    return {
        "authority": None if authority in ("", ALL_AUTHORITIES) else authority,
        "published_from": lo,
        "published_to": hi,
    }


# -- the app ---------------------------------------------------------------------------------
class AssistantBlocks(gr.Blocks):
    """gr.Blocks whose launch() also serves the reports' PDFs (/report/<id>.pdf), loads the
    style sheet and never shares publicly."""

    extra_routes: list[APIRoute] = []

    def launch(self, *args, **kwargs):  # type: ignore[override]
        if kwargs.get("share"):
            raise ValueError("share=True is not allowed: the reports assistant is served locally only")
        kwargs["share"] = False
        kwargs.setdefault("css_paths", [CSS_PATH])
        kwargs.setdefault("theme", THEME)
        kwargs["head"] = (kwargs.get("head") or "") + f"<script>{A11Y_JS.read_text(encoding='utf-8')}</script>"
        kwargs.setdefault("footer_links", ["api", "settings"])
        app_kwargs = dict(kwargs.get("app_kwargs") or {})
        app_kwargs["routes"] = [*app_kwargs.get("routes", []), *self.extra_routes]
        kwargs["app_kwargs"] = app_kwargs
        return super().launch(*args, **kwargs)


async def _logged_in(request: Request) -> bool:
    """Gradio's own session check (gradio.routes get_current_user): no login configured, or a
    valid session cookie. Fails closed when the app does not look like a Gradio app."""
    app = request.app
    auth, dependency = getattr(app, "auth", None), getattr(app, "auth_dependency", None)
    if auth is None and dependency is None:
        return True
    if dependency is not None:
        user = dependency(request)
        if hasattr(user, "__await__"):
            user = await user
        return user is not None
    cookie_id, tokens = getattr(app, "cookie_id", None), getattr(app, "tokens", None)
    if not cookie_id or not isinstance(tokens, dict):
        return False
    token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(
        f"access-token-unsecure-{cookie_id}"
    )
    return token is not None and tokens.get(token) is not None


def pdf_route(assistant: Assistant) -> APIRoute:
    """GET /report/<id>.pdf: the PDF of an indexed report (only ids in the catalog)."""

    def lookup(report_id: str) -> Path | None:
        meta = assistant.retriever.catalog.by_id.get(report_id)
        if meta is None or not meta.path:
            return None
        path = Path(meta.path)
        return path if path.suffix.lower() == ".pdf" and path.is_file() else None

    async def report_pdf(report_id: str, request: Request):
        if not await _logged_in(request):
            raise HTTPException(status_code=401, detail="Not authenticated")
        path = await run_in_threadpool(lookup, report_id) if _REPORT_ID.match(report_id) else None
        if path is None:
            raise HTTPException(status_code=404, detail="No such report")
        return FileResponse(path, media_type="application/pdf", filename=path.name, content_disposition_type="inline")

    return APIRoute("/report/{report_id}.pdf", report_pdf, methods=["GET"], include_in_schema=False)


def _authorities(assistant: Assistant) -> list[str]:
    return sorted({r.local_authority for r in assistant.retriever.reports() if r.local_authority}, key=str.lower)


def build_app(assistant: Assistant, settings: Settings | None = None) -> AssistantBlocks:
    """The whole UI: chat with filters and sources, the reports table, the quiz builder, feedback,
    the /ask API."""
    settings = settings or getattr(assistant.retriever, "settings", None) or Settings.from_env()

    # -- handlers ------------------------------------------------------------------------
    def messages_for(turns: list[dict]) -> list[dict]:
        out = []
        for i, t in enumerate(turns):
            answer: Answer = t["answer"]
            out.append({"role": "user", "content": render.question_markdown(t["question"])})
            if i == len(turns) - 1:
                content = render.chat_markdown(answer)
            else:  # older answers: their sources are no longer in the panel, so no links
                content = render.question_markdown(answer.text)
            out.append({"role": "assistant", "content": content})
        return out

    def preview_for(answer: Answer | None, choice: Any) -> tuple[Any, str]:
        if answer is None or choice in (None, ""):
            return None, ""
        cited = next((c for c in answer.citations if str(c.n) == str(choice)), None)
        if cited is None:
            return None, ""
        cit = cited.passage.citation
        meta = assistant.retriever.catalog.by_id.get(cit.report_id)
        label = render.escape(render.source_label(cited))
        try:
            if meta is None:
                raise ValueError("the report is no longer in the index")
            image, match = page_preview(meta.path, cit.page, cited.quote)
        except Exception as e:  # noqa: BLE001 - shown to the user, logged
            log.warning("preview failed for %s page %s: %s", cit.source, cit.page, e)
            return None, f"{label}: no page preview ({render.escape(str(e))})."
        where = "the quoted passage is highlighted" if match.boxes else "the passage could not be located on the page"
        pdf = render.pdf_url(cit.report_id, cit.page)
        return image, (
            f"{label}: {where}. "
            f'<a href="{render.escape(pdf)}" target="_blank" rel="noopener">Open the PDF at this page</a>'
        )

    def respond(question: str, turns: list[dict], authority: str, date_from: str, date_to: str):
        turns = list(turns or [])
        question = (question or "").strip()
        skip = gr.skip()
        if not question:
            yield skip, skip, skip, skip, skip, skip, skip, skip
            return
        pending = messages_for(turns) + [
            {"role": "user", "content": render.question_markdown(question)},
            {"role": "assistant", "content": "Searching the reports…"},
        ]
        yield pending, skip, skip, skip, skip, skip, skip, ""
        answer: Answer | None = None
        try:
            filters = filters_from(authority, date_from, date_to)
            history = [(t["question"], t["answer"].text) for t in turns]
            for item in assistant.ask_stream(question, history, **filters):
                if isinstance(item, Answer):
                    answer = item
                    break
                pending[-1] = {"role": "assistant", "content": render.partial_markdown(str(item))}
                yield pending, skip, skip, skip, skip, skip, skip, skip
            if answer is None:
                raise RuntimeError("the assistant returned no answer")
        except Exception as e:  # noqa: BLE001 - friendly message instead of a stack trace
            log.exception("question failed: %r", question)
            pending[-1] = {"role": "assistant", "content": render.question_markdown(render.error_message(e))}
            yield pending, skip, skip, skip, skip, skip, skip, skip
            return
        turns.append({"question": question, "answer": answer})
        choices = [(render.source_label(c), str(c.n)) for c in answer.citations]
        first = choices[0][1] if choices else None
        image, caption = preview_for(answer, first)
        yield (
            messages_for(turns),
            render.sources_html(answer),
            gr.update(choices=choices, value=first),
            image,
            caption,
            render.answer_markdown(answer),
            turns,
            skip,
        )

    def show_preview(choice: Any, turns: list[dict]):
        try:
            return preview_for(turns[-1]["answer"] if turns else None, choice)
        except Exception as e:  # noqa: BLE001 - any failure becomes a friendly message, logged
            log.exception("preview failed")
            return None, render.escape(render.error_message(e))

    def clear():
        return [], render.sources_html(None), gr.update(choices=[], value=None), None, "", "", [], "", ""

    def feedback(rating: str, comment: str, turns: list[dict]):
        if not turns:
            return comment, "Ask a question first, then rate its answer."
        try:
            record_feedback(settings.feedback_path, turns[-1]["answer"], rating, comment)
        except Exception as e:  # noqa: BLE001 - any failure becomes a friendly message, logged
            log.exception("feedback not recorded")
            return comment, render.error_message(e)
        return "", "Thank you: your feedback was recorded."

    def ask_api(question: str, authority: str = "", published_from: str = "", published_to: str = "") -> dict:
        """Answer a question from the inspection reports, with citations.

        Args:
            question: the question, e.g. "What does Dorset need to improve?"
            authority: optional local authority name to restrict to ("" for all)
            published_from: optional earliest publication date, YYYY-MM-DD ("" for none)
            published_to: optional latest publication date, YYYY-MM-DD ("" for none)
        Returns:
            {answer, abstained, notes, citations: [{n, source, page, paragraph, local_authority, published, quote, url}]}
        """
        if not (question or "").strip():
            raise gr.Error("Ask a question: the question was empty.")
        try:
            answer = assistant.ask(question.strip(), (), **filters_from(authority, published_from, published_to))
        except Exception as e:  # noqa: BLE001 - any failure becomes a gr.Error with a friendly message
            log.exception("API question failed: %r", question)
            raise gr.Error(render.error_message(e)) from None
        return answer.to_dict()

    # -- layout ----------------------------------------------------------------------------
    authorities = _authorities(assistant)
    with AssistantBlocks(title=TITLE, analytics_enabled=False) as demo:
        turns = gr.State([])
        gr.Markdown(
            f"# {TITLE}\nAsk about Ofsted inspections of local authority children's services. "
            "Every statement cites the report, page and paragraph it comes from: open a source to "
            "see the passage highlighted on the page.",
            elem_id="intro",
        )
        with gr.Tabs() as tabs:
            with gr.Tab("Ask", id="ask"):
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3, min_width=420):
                        with gr.Row(elem_id="filters"):
                            authority = gr.Dropdown(
                                [ALL_AUTHORITIES, *authorities],
                                value=ALL_AUTHORITIES,
                                label="Local authority",
                                filterable=True,
                                scale=2,
                                elem_id="filter-authority",
                            )
                            date_from = gr.Textbox(
                                label="Published from",
                                placeholder="YYYY-MM-DD",
                                scale=1,
                                max_length=10,
                                elem_id="filter-from",
                            )
                            date_to = gr.Textbox(
                                label="Published to",
                                placeholder="YYYY-MM-DD",
                                scale=1,
                                max_length=10,
                                elem_id="filter-to",
                            )
                        chatbot = gr.Chatbot(
                            label="Conversation",
                            height=480,
                            elem_id="chat",
                            placeholder="Ask a question about an inspection report.",
                            buttons=[],
                            feedback_options=None,
                        )
                        with gr.Row(elem_id="ask-row"):
                            question = gr.Textbox(
                                show_label=False,
                                placeholder="Ask a question…",
                                scale=5,
                                max_length=1000,
                                elem_id="question",
                                autofocus=True,
                            )
                            ask_btn = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
                        gr.Examples(EXAMPLES, inputs=question, label="Examples")
                        with gr.Row(elem_id="actions"):
                            clear_btn = gr.Button("Clear conversation", size="sm", elem_id="clear-button")
                            up_btn = gr.Button("✓ Helpful", size="sm", elem_id="feedback-up")
                            down_btn = gr.Button("✗ Not helpful", size="sm", elem_id="feedback-down")
                        comment = gr.Textbox(
                            label="Comment on the answer (optional)", max_length=2000, elem_id="feedback-comment"
                        )
                        feedback_status = gr.Markdown(elem_id="feedback-status")
                        with gr.Accordion(
                            "Copy the answer with its references (Markdown)", open=False, elem_id="copy-accordion"
                        ):
                            markdown_box = gr.Code(
                                language="markdown",
                                label="Answer and references",
                                interactive=False,
                                buttons=["copy"],
                                lines=6,
                                elem_id="answer-markdown",
                            )
                        with gr.Column(elem_id="ask-downloads"):
                            downloads = build_ask_downloads()
                    with gr.Column(scale=2, min_width=360, elem_id="sources-column"):
                        gr.Markdown("### Sources")
                        sources = gr.HTML(render.sources_html(None), elem_id="sources", js_on_load=SOURCE_CARD_JS)
                        source_pick = gr.Radio([], label="Show a source on its page", elem_id="source-pick")
                        preview_note = gr.HTML("", elem_id="preview-note")
                        # no image download button: Gradio nests it in a link (too small a target for
                        # WCAG 2.2); the source card links the PDF at the page instead
                        preview = gr.Image(
                            label="Cited page",
                            type="pil",
                            format="png",
                            interactive=False,
                            elem_id="preview",
                            buttons=["fullscreen"],
                            height=720,
                        )
            with gr.Tab("Reports", id="reports"):
                reports_table = build_reports_tab(assistant.retriever.reports)
            with gr.Tab("Quiz builder", id="quiz"):
                quiz_tab(assistant.retriever)
            authority_view = history_tabs(assistant.retriever, authorities)
        connect_authority_links(tabs, authority_view["authority"], reports_table, sources, HEADERS, authorities)
        gr.HTML(FOOTER, elem_id="footer")

        outputs = [chatbot, sources, source_pick, preview, preview_note, markdown_box, turns, question]
        inputs = [question, turns, authority, date_from, date_to]
        for trigger in (question.submit, ask_btn.click):
            trigger(respond, inputs, outputs, api_visibility="private", show_progress="minimal").then(
                downloads_for, turns, downloads.outputs, api_visibility="private", show_progress="hidden"
            )
        source_pick.input(show_preview, [source_pick, turns], [preview, preview_note], api_visibility="private")
        cleared = [chatbot, sources, source_pick, preview, preview_note, markdown_box, turns, feedback_status, comment]
        for trigger in (clear_btn.click, chatbot.clear):
            trigger(clear, None, cleared, api_visibility="private").then(
                downloads_for, turns, downloads.outputs, api_visibility="private", show_progress="hidden"
            )
        up_btn.click(
            lambda c, t: feedback("up", c, t), [comment, turns], [comment, feedback_status], api_visibility="private"
        )
        down_btn.click(
            lambda c, t: feedback("down", c, t), [comment, turns], [comment, feedback_status], api_visibility="private"
        )
        gr.api(ask_api, api_name="ask")

    demo.extra_routes = [pdf_route(assistant)]
    demo.queue(default_concurrency_limit=max(1, settings.concurrency))
    return demo


# -- serving -------------------------------------------------------------------------------
def serve(settings: Settings) -> int:
    """Open the index and serve the app on settings.host:settings.port until interrupted
    (`assistant serve`, `python app.py`)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    auth = settings.login
    assistant = Assistant.open(settings=settings)
    demo = build_app(assistant, settings)
    # load the embedding model and keyword index now rather than on the first question
    threading.Thread(target=lambda: assistant.retriever.search("children in care", 1), daemon=True).start()
    print(
        f"Serving {len(assistant.retriever.reports())} reports on http://{settings.host}:{settings.port}/"
        + (" (login required)" if auth else "")
    )
    demo.launch(server_name=settings.host, server_port=settings.port, auth=auth, share=False, show_error=False)
    return 0

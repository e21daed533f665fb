"""The Gradio app in headless Chromium (found on PATH: Debian's chromium in CI, driven by Playwright).

Real answers come from the sample index of 7 real reports; a fake assistant feeds a quote full of
HTML to check it shows as text, and records what the UI passes to ask() (history, filters).
Screenshots go to artifacts/ (artifacts/chat.png: the chat answering with its sources;
artifacts/quiz.png: the quiz builder with a generated quiz).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import CONVERSATION, SAMPLE, browser_or_fail, free_port

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
WAIT = 60_000  # ms: answers are quick, but a 2-core CI box may be busy
XSS_SCRIPT = "<script>window.__xss = 'script'</script>"
XSS_IMG = "<img src=x onerror=\"window.__xss = 'img'\">"


def launch(demo, **kwargs) -> str:
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True, **kwargs)
    return f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def real_app(sample_index, embedder, tmp_path_factory):
    from assistant.answering.assistant import Assistant
    from assistant.retrieval import Retriever
    from assistant.ui.app import build_app

    settings, _, _ = sample_index
    feedback = tmp_path_factory.mktemp("feedback") / "feedback.jsonl"
    settings = settings.with_(feedback_path=str(feedback))
    assistant = Assistant(Retriever.open(settings=settings, embedder=embedder))
    demo = build_app(assistant, settings)
    url = launch(demo)
    yield SimpleNamespace(url=url, feedback=feedback, assistant=assistant)
    demo.close()


class FakeAssistant:
    """Answers every question with report text full of HTML; 'boom' raises. Records calls."""

    def __init__(self, retriever):
        self.retriever = retriever
        self.calls: list[dict] = []
        self.lock = threading.Lock()

    def ask(self, question, history=(), authority=None, published_from=None, published_to=None):
        from assistant.records import Answer, Citation, CitedQuote, Passage

        with self.lock:
            self.calls.append(
                {
                    "question": question,
                    "history": [tuple(t) for t in history],
                    "authority": authority,
                    "published_from": published_from,
                    "published_to": published_to,
                }
            )
        if "boom" in question:
            raise RuntimeError("the index is unavailable")
        meta = next(
            r for r in self.retriever.reports() if r.local_authority == "Dorset" and r.published.startswith("2025")
        )
        quote = f"{XSS_SCRIPT} {XSS_IMG} The clarity and detail of the care leaver offer, including for care leavers who are parents."
        cit = Citation(
            source=meta.source,
            report_id=meta.report_id,
            title="<b>Bold title</b>",
            local_authority="Dorset",
            published=meta.published,
            page=2,
            paragraph="1",
            heading="<i>What needs to improve?</i>",
            url="javascript:window.__xss='url'",
        )
        text = f"The report says {XSS_SCRIPT} and {XSS_IMG} about {question} [1]."
        return Answer(question, text, (CitedQuote(1, quote, Passage(quote, 1.0, cit)),), notes=(XSS_IMG,))

    def ask_stream(self, question, history=(), **filters):
        answer = self.ask(question, history, **filters)
        yield answer.text[:20]
        yield answer


@pytest.fixture(scope="module")
def fake_app(retriever, tmp_path_factory):
    from assistant.ui.app import build_app

    fake = FakeAssistant(retriever)
    settings = retriever.settings.with_(feedback_path=str(tmp_path_factory.mktemp("fb") / "feedback.jsonl"))
    demo = build_app(fake, settings)  # type: ignore[arg-type]
    url = launch(demo)
    yield SimpleNamespace(url=url, assistant=fake)
    demo.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.set_default_timeout(WAIT)
    yield pg
    context.close()


def open_app(page, url: str):
    page.goto(url + "/")
    page.locator("#question textarea").wait_for()


def ask(page, question: str, expect_answer: bool = True):
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    if expect_answer:
        page.locator("#chat a.cite").first.wait_for()


def pick_authority(page, name: str):
    dd = page.locator("#filter-authority input")
    dd.click()
    dd.press("Control+a")
    dd.press_sequentially(name[:4])
    page.get_by_role("option", name=name).click()


def last_bot_message(page) -> str:
    return page.locator("#chat [data-testid='bot']").last.inner_text()


# -- real answers ---------------------------------------------------------------------------------
def test_chat_answers_with_cited_sources_and_page_preview(real_app, page):
    ARTIFACTS.mkdir(exist_ok=True)
    open_app(page, real_app.url)
    assert "Open Government Licence v3.0" in page.locator("#footer").inner_text()
    assert "Contains public sector information licensed under the" in page.locator("#footer").inner_text()
    ask(page, "What does Dorset need to improve?")
    answer = last_bot_message(page)
    assert "[1]" in answer and "Dorset" in page.locator("#sources").inner_text()
    cards = page.locator("#sources .source-card")
    assert cards.count() >= 1
    first = page.locator("#source-1")
    assert re.search(r"Published \d{4}-\d{2}-\d{2} · page \d+", first.inner_text())
    assert first.locator(".source-quote").inner_text().strip()

    # the cited page is shown with the passage highlighted
    page.locator("#preview img").wait_for()
    assert page.locator("#preview img").evaluate("img => img.naturalWidth") > 500
    assert "highlighted" in page.locator("#preview-note").inner_text()
    page.screenshot(path=str(ARTIFACTS / "chat.png"))

    # the PDF is served by the app, opened at the cited page; the official URL is linked
    href = first.locator("a.pdf-link").get_attribute("href")
    assert re.fullmatch(r"/report/[A-Za-z0-9_-]+\.pdf#page=\d+", href)
    pdf = page.request.get(real_app.url + href.split("#")[0])
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"
    assert first.locator("a.ofsted-link").get_attribute("href").startswith("https://")

    # [1] in the answer jumps to its source card
    page.locator("#chat a.cite").first.click()
    assert page.evaluate("location.hash") == "#source-1"

    # another source on its page
    radios = page.locator("#source-pick label")
    if radios.count() > 1:
        radios.nth(1).click()
        page.wait_for_function("document.querySelector('#preview-note').innerText.startsWith('[2]')")

    # copy as Markdown: the answer with its numbered references
    page.locator("#copy-accordion").get_by_text("Copy the answer").click()
    md = page.locator("#answer-markdown")
    md.get_by_text("**References**").wait_for()
    assert "[1] Dorset" in md.inner_text()

    # feedback goes to the JSONL file
    page.get_by_label("Comment on the answer (optional)").fill("clear and quick")
    page.locator("#feedback-up").click()
    page.locator("#feedback-status").get_by_text("recorded").wait_for()
    record = json.loads(real_app.feedback.read_text(encoding="utf-8").splitlines()[-1])
    assert record["rating"] == "up" and record["comment"] == "clear and quick"
    assert record["question"] == "What does Dorset need to improve?" and record["citations"]

    # clear the conversation
    page.locator("#clear-button").click()
    page.locator("#sources").get_by_text("appear here").wait_for()
    assert page.locator("#chat [data-testid='bot']").count() == 0


def test_filters_restrict_the_answer(real_app, page):
    open_app(page, real_app.url)
    pick_authority(page, "Birmingham")
    page.get_by_label("Published from").fill("2014-01-01")
    page.get_by_label("Published to").fill("2014-12-31")
    ask(page, "How was it judged?")
    cards = page.locator("#sources .source-card")
    assert cards.count() >= 1
    for i in range(cards.count()):
        text = cards.nth(i).inner_text()
        assert "Birmingham" in text and "2014-05-23" in text
    page.screenshot(path=str(ARTIFACTS / "filters.png"))

    # a malformed date gives a friendly message, not a stack trace
    page.get_by_label("Published from").fill("2014-31-01")
    ask(page, "How was it judged?", expect_answer=False)
    page.locator("#chat").get_by_text("Something went wrong").wait_for()
    assert "YYYY-MM-DD" in last_bot_message(page) and "Traceback" not in page.content()


def test_reports_tab_lists_filters_and_links(real_app, page):
    open_app(page, real_app.url)
    page.get_by_role("tab", name="Reports").click()
    grid = page.locator("#reports-table [role=grid]")
    grid.wait_for()
    assert grid.get_attribute("aria-rowcount") == str(len(SAMPLE) + len(CONVERSATION) + 1)  # header + reports
    assert "Birmingham" in grid.inner_text() and "Inadequate" in grid.inner_text()
    links = page.locator("#reports-table a[href^='/report/']").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert len(set(links)) == len(SAMPLE) + len(CONVERSATION) and all(
        re.fullmatch(r"/report/[A-Za-z0-9_-]+\.pdf", h) for h in links
    )
    page.get_by_label("Search").fill("Dorset")
    page.wait_for_function("document.querySelector('#reports-table [role=grid]').getAttribute('aria-rowcount') === '3'")
    page.get_by_label("Search").fill("")
    page.wait_for_function(
        "n => document.querySelector('#reports-table [role=grid]').getAttribute('aria-rowcount') === n",
        arg=str(len(SAMPLE) + len(CONVERSATION) + 1),
    )
    dd = page.locator("#reports-framework input")
    dd.click()
    page.get_by_role("option", name="SIF (2013-17)").click()
    # header + the SIF reports: Birmingham 2014 and 2016, Leeds 2015, Bury 2016
    page.wait_for_function("document.querySelector('#reports-table [role=grid]').getAttribute('aria-rowcount') === '5'")
    assert "2014-05-23" in grid.inner_text()
    page.screenshot(path=str(ARTIFACTS / "reports.png"))


def quiz_questions(page) -> list[str]:
    return page.locator("#quiz-preview .quiz-question").all_inner_texts()


def quiz_status(page, text: str):
    page.locator("#quiz-status").get_by_text(text).wait_for()


def pick_quiz_format(page, label: str, extension: str):
    dd = page.locator("#quiz-format input")
    dd.click()
    page.get_by_role("option", name=label).click()
    page.locator(f"#quiz-download a[download$='{extension}']").wait_for()


def test_quiz_builder_generates_edits_and_downloads_gift(real_app, page):
    from test_quiz_export import gift_parse  # the strict GIFT reader of the export tests

    ARTIFACTS.mkdir(exist_ok=True)
    open_app(page, real_app.url)
    page.get_by_role("tab", name="Quiz builder").click()
    page.locator("#quiz-generate").wait_for()

    # Dorset's reports, five questions
    dd = page.locator("#quiz-authorities input")
    dd.click()
    dd.press_sequentially("Dors")
    page.get_by_role("option", name="Dorset").click()
    page.locator("#quiz-topic textarea").click()  # closes the list
    page.locator("#quiz-authorities").get_by_text("Dorset", exact=True).wait_for()
    n_box = page.locator("#quiz-n input[type=number]")
    n_box.fill("5")
    n_box.press("Tab")
    page.locator("#quiz-generate").click()
    quiz_status(page, "question(s) ready")
    shown = quiz_questions(page)
    assert 3 <= len(shown) <= 5, page.locator("#quiz-status").inner_text()
    assert f"{len(shown)} questions" in page.locator("#quiz-preview").inner_text()
    sources = page.locator("#quiz-preview .quiz-source").all_inner_texts()
    assert len(sources) == len(shown)
    for text in sources:  # every question cites its report and page
        assert re.search(r"Source: Dorset, published \d{4}-\d{2}-\d{2}, page \d+", text), text
    assert page.locator("#quiz-preview blockquote").count() == len(shown)
    assert all(re.match(rf"{i}\. ", q) for i, q in enumerate(shown, 1))
    page.screenshot(path=str(ARTIFACTS / "quiz.png"), full_page=True)

    # drop question 2
    number = page.locator("#quiz-number input")
    number.fill("2")
    page.locator("#quiz-drop").click()
    quiz_status(page, "Question 2 dropped.")
    page.wait_for_function(
        "n => document.querySelectorAll('#quiz-preview .quiz-question').length === n", arg=len(shown) - 1
    )
    after_drop = quiz_questions(page)
    assert after_drop[1].split(" ", 1)[1] == shown[2].split(" ", 1)[1]  # the third moved up

    # regenerate question 1 (or be told why it cannot be)
    number.fill("1")
    page.locator("#quiz-regenerate").click()
    page.wait_for_function(
        "() => /Question 1 regenerated|No other question could be made to replace question 1/"
        ".test(document.querySelector('#quiz-status').innerText)"
    )
    final = quiz_questions(page)
    assert len(final) == len(after_drop) and final[1:] == after_drop[1:]
    if "regenerated" in page.locator("#quiz-status").inner_text():
        assert final[0] != after_drop[0]

    # another format, then GIFT: the file follows the choice
    pick_quiz_format(page, "Moodle XML", ".moodle.xml")
    pick_quiz_format(page, "GIFT (Moodle)", ".gift.txt")
    status = page.locator("#quiz-status").inner_text()
    with page.expect_download() as info:
        page.locator("#quiz-download a[download$='.gift.txt']").click()
    download = info.value
    assert download.suggested_filename.endswith(".gift.txt")
    text = Path(download.path()).read_text(encoding="utf-8").lstrip("\ufeff")
    assert "{" in text and "}" in text
    parsed = gift_parse(text)
    left_out = re.search(r"(\d+) left out of the GIFT", status)
    assert len(parsed) == len(final) - (int(left_out.group(1)) if left_out else 0)
    # the file holds the questions of the preview, in order, each with its source
    prompts = [" ".join(q.splitlines()[0].split("] ", 1)[1].split()) for q in final]
    in_file = [" ".join(p["text"].split()) for p in parsed]
    assert set(in_file) <= set(prompts) and in_file == [q for q in prompts if q in in_file]
    for p in parsed:
        assert p["type"] in ("multichoice", "truefalse", "shortanswer")
        assert "Dorset" in p["general"] and "page" in p["general"]


# -- accessibility (WCAG 2.2 AA: axe-core audits, keyboard alone) ---------------------------------
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def serious_violations(page) -> list[str]:
    """axe-core's critical and serious findings on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_timeout(400)  # let transitions finish: contrast is measured on what is drawn
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at " + ", ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result.response["violations"]
        if v["impact"] in ("critical", "serious")
    ]


def test_accessibility_ask_tab_after_an_answer(real_app, page):
    open_app(page, real_app.url)
    ask(page, "What does Dorset need to improve?")
    page.locator("#preview img").wait_for()
    assert serious_violations(page) == []


def test_accessibility_reports_tab(real_app, page):
    open_app(page, real_app.url)
    page.get_by_role("tab", name="Reports").click()
    page.locator("#reports-table [role=grid]").wait_for()
    assert serious_violations(page) == []


def test_accessibility_quiz_builder_tab(real_app, page):
    open_app(page, real_app.url)
    page.get_by_role("tab", name="Quiz builder").click()
    page.locator("#quiz-generate").wait_for()
    assert serious_violations(page) == []  # before a quiz: the download box is empty
    n_box = page.locator("#quiz-n input[type=number]")
    n_box.fill("3")
    n_box.press("Tab")
    page.locator("#quiz-generate").click()
    quiz_status(page, "question(s) ready")
    assert serious_violations(page) == []


def press_until(page, key: str, selector: str, text: str = "", limit: int = 120) -> None:
    """Press key (Tab, Shift+Tab, an arrow) until the focused element matches selector (and
    its text starts with text)."""
    check = "([s, t]) => { const e = document.activeElement; return !!e && e.matches(s) && e.innerText.trim().startsWith(t); }"
    for _ in range(limit):
        if page.evaluate(check, [selector, text]):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{key} never reached {selector} {text!r}")


def test_keyboard_only_ask_open_a_source_and_switch_tabs(real_app, page):
    open_app(page, real_app.url)
    press_until(page, "Tab", "#question textarea")  # focused on load (autofocus)
    page.keyboard.type("What does Dorset need to improve?")
    page.keyboard.press("Enter")
    page.locator("#chat a.cite").first.wait_for()

    # open a source: [1] in the answer is a link reached with Shift+Tab from the question box
    press_until(page, "Shift+Tab", "#chat a.cite")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.startsWith('#source-')")

    # show another source on its page with the source picker's radio buttons
    radios = page.locator("#source-pick input[type=radio]")
    if radios.count() > 1:
        press_until(page, "Tab", "#source-pick input[type=radio]")
        page.keyboard.press("ArrowDown")
        page.wait_for_function("document.querySelector('#preview-note').innerText.startsWith('[2]')")

    # switch to the Reports tab and back with the keyboard
    press_until(page, "Shift+Tab", "[role=tab]", text="Reports")
    page.keyboard.press("Enter")
    page.locator("#reports-table [role=grid]").wait_for()
    assert page.get_by_role("tab", name="Reports").get_attribute("aria-selected") == "true"


def test_a_missing_browser_fails_under_ci_and_skips_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))  # no browser there
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no browser found"):
        browser_or_fail()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        browser_or_fail()


def test_api_ask_with_gradio_client(real_app):
    from gradio_client import Client

    client = Client(real_app.url + "/", verbose=False)
    api = client.view_api(print_info=False, return_format="dict")
    assert set(api["named_endpoints"]) == {"/ask"} and not api["unnamed_endpoints"]  # the UI's events stay private
    result = client.predict("What does Dorset need to improve?", "", "", "", api_name="/ask")
    assert set(result) >= {"answer", "abstained", "citations"} and not result["abstained"]
    assert result["citations"] and "[1]" in result["answer"]
    for c in result["citations"]:
        assert set(c) >= {"n", "source", "page", "paragraph", "local_authority", "published", "quote", "url"}
    filtered = client.predict("How was it judged?", "Birmingham", "2014-01-01", "2014-12-31", api_name="/ask")
    assert filtered["citations"]
    assert {(c["local_authority"], c["published"]) for c in filtered["citations"]} == {("Birmingham", "2014-05-23")}
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        client.predict("How was it judged?", "", "not a date", "", api_name="/ask")


def test_pdf_route_serves_only_indexed_reports(real_app):
    import httpx

    meta = real_app.assistant.retriever.reports()[0]
    assert httpx.get(f"{real_app.url}/report/{meta.report_id}.pdf").status_code == 200
    assert httpx.get(f"{real_app.url}/report/0123456789abcdef.pdf").status_code == 404
    assert httpx.get(f"{real_app.url}/report/..%2F..%2F..%2Fetc%2Fpasswd.pdf").status_code == 404


# -- fake assistant: escaping, history, filters, errors -------------------------------------------
def test_report_html_shows_as_text(fake_app, page):
    open_app(page, fake_app.url)
    ask(page, "Dorset")
    chat, sources = page.locator("#chat").inner_text(), page.locator("#sources").inner_text()
    assert XSS_SCRIPT in chat and XSS_IMG in chat
    assert XSS_SCRIPT in sources and XSS_IMG in sources and "<b>Bold title</b>" in sources
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("#sources b, #sources i, #sources script").count() == 0
    assert page.locator("#sources a[href^='javascript']").count() == 0
    page.locator("#preview img").wait_for()  # the real page still previews
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    page.screenshot(path=str(ARTIFACTS / "xss.png"))


def test_follow_ups_pass_history_and_filters(fake_app, page):
    open_app(page, fake_app.url)
    pick_authority(page, "Dorset")
    page.get_by_label("Published from").fill("2020-01-01")
    ask(page, "first question")
    ask(page, "and a follow-up")
    page.wait_for_function("document.querySelectorAll('#chat [data-testid=bot]').length === 2")
    calls = [c for c in fake_app.assistant.calls if c["question"] in ("first question", "and a follow-up")]
    assert [c["question"] for c in calls] == ["first question", "and a follow-up"]
    assert calls[0]["history"] == []
    assert calls[1]["history"][0][0] == "first question" and "[1]" in calls[1]["history"][0][1]
    assert calls[1]["authority"] == "Dorset" and calls[1]["published_from"] == "2020-01-01"
    assert calls[1]["published_to"] is None


def test_errors_are_friendly(fake_app, page):
    open_app(page, fake_app.url)
    ask(page, "boom", expect_answer=False)
    page.locator("#chat").get_by_text(
        "Something went wrong: the index is unavailable. Try again or rephrase."
    ).wait_for()
    assert "Traceback" not in page.content()


def test_login_protects_app_and_pdfs(retriever):
    import httpx

    from assistant.ui.app import build_app

    demo = build_app(FakeAssistant(retriever))  # type: ignore[arg-type]
    url = launch(demo, auth=("staff", "s3cret"))
    try:
        meta = retriever.reports()[0]
        assert httpx.get(f"{url}/report/{meta.report_id}.pdf").status_code == 401
        with httpx.Client(base_url=url) as client:
            assert client.post("/login", data={"username": "staff", "password": "wrong"}).status_code >= 400
            assert client.post("/login", data={"username": "staff", "password": "s3cret"}).status_code == 200
            assert client.get(f"/report/{meta.report_id}.pdf").status_code == 200
        from gradio_client import Client

        result = Client(url + "/", auth=("staff", "s3cret"), verbose=False).predict("q", "", "", "", api_name="/ask")
        assert result["citations"][0]["local_authority"] == "Dorset"
    finally:
        demo.close()

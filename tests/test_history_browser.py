"""The Authority and Trends tabs in headless Chromium (Debian's chromium, driven by Playwright),
on the sample index of real reports: the inspections table, the judgements chart and its hover,
the change report with its evidence, the downloads (Word documents parsed back), the national
charts and the CSV. Screenshot: artifacts/authority.png."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from conftest import free_port

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
WAIT = 90_000


@pytest.fixture(scope="module")
def app_url(sample_index, embedder):
    from assistant.answering.assistant import Assistant
    from assistant.retrieval import Retriever
    from assistant.ui.app import build_app

    settings, _, _ = sample_index
    demo = build_app(Assistant(Retriever.open(settings=settings, embedder=embedder)), settings)
    port = free_port()
    demo.launch(prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    yield f"http://127.0.0.1:{port}"
    demo.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1100}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(WAIT)
    yield pg
    context.close()


def pick(page, elem_id: str, option: str, typed: str | None = None):
    box = page.locator(f"#{elem_id} input")
    box.click()
    if typed:
        box.press("Control+a")
        box.press_sequentially(typed)
    page.get_by_role("option", name=option, exact=True).filter(visible=True).first.click()


def open_authority(page, url: str, name: str):
    page.goto(url + "/")
    page.get_by_role("tab", name="Authority").click()
    pick(page, "authority-pick", name, name[:4])
    page.locator("#inspections-table").wait_for()
    page.locator("#authority-summary").get_by_text(name).wait_for()


def docx_text(path) -> str:
    from docx import Document

    d = Document(str(path))
    parts = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


def download(page, elem_id: str, tmp_path) -> Path:
    with page.expect_download() as info:
        page.locator(f"#{elem_id}").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(str(target))
    return target


def test_authority_view_table_chart_and_hover(app_url, page):
    open_authority(page, app_url, "Birmingham")
    rows = page.locator("#inspections-table tbody tr")
    assert rows.count() >= 2
    first = rows.first.inner_text()
    assert "23 May 2014" in first and "Inadequate" in first and "Marie McGuinness" in first
    # each judgement links to the PDF at its page; the quote is in the link's title
    link = rows.first.locator("a[href*='/report/']").first
    assert re.fullmatch(r"/report/[A-Za-z0-9_-]+\.pdf#page=\d+", link.get_attribute("href"))
    assert "Inadequate" in link.get_attribute("title")
    # the chart: one line per area, a point per inspection; hovering shows report and page
    chart = page.locator("#authority-chart .js-plotly-plot")
    chart.wait_for()
    legend = page.locator("#authority-chart .legendtext").evaluate_all("els => els.map(e => e.textContent)")
    assert "Overall effectiveness" in legend and "Help and protection" in legend
    assert [
        t.strip()
        for t in page.locator("#authority-chart .ytick text").evaluate_all("els => els.map(e => e.textContent)")
    ] == ["Inadequate", "Requires improvement", "Good", "Outstanding"]
    point = page.locator("#authority-chart .scatterlayer path.point").first
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    hover = page.locator("#authority-chart .hoverlayer .hovertext")
    hover.first.wait_for()
    text = hover.first.text_content()
    assert "Birmingham, published" in text and re.search(r"page \d+", text)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "authority.png"))


def test_change_report_shows_evidence_and_downloads_carry_every_citation(app_url, page, tmp_path):
    open_authority(page, app_url, "Dorset")
    report = page.locator("#change-report-body")
    report.wait_for()
    judgements = page.locator("#change-report .judgement-changes li")
    overall = judgements.first.inner_text()
    assert overall.startswith("Overall effectiveness: good [") and "outstanding" in overall and "up" in overall
    items = page.locator("#change-report .tracker-item")
    assert items.count() >= 1
    for i in range(items.count()):
        item = items.nth(i)
        status = item.get_attribute("data-status")
        assert status in ("repeated", "addressed", "mixed", "not mentioned")
        assert item.locator(".status").inner_text().strip() == status and item.locator(".why").first.inner_text()
        if status != "not mentioned":
            assert item.locator("li .evidence-quote").count() >= 1  # the evidence is next to the status
    # every [n] points at a reference with authority, date, page, quote and links
    refs = page.locator("#change-report .ref-list li")
    n_refs = refs.count()
    cited = {int(m) for m in re.findall(r"\[(\d+)\]", report.inner_text())}
    assert cited == set(range(1, n_refs + 1))
    assert (
        "Dorset, published 2025-05-09, page" in refs.first.inner_text()
        or "Dorset, published 2021-11-19, page" in refs.first.inner_text()
    )
    quotes = [q.strip("“”") for q in page.locator("#change-report .ref-list .evidence-quote").all_inner_texts()]

    docx = download(page, "download-changes-docx", tmp_path)
    assert docx.suffix == ".docx"
    text = docx_text(docx)
    for n, q in enumerate(quotes, 1):
        assert f"[{n}]" in text and " ".join(q.split()) in " ".join(text.split())
    md = download(page, "download-changes-md", tmp_path).read_text(encoding="utf-8")
    assert "## References" in md and f"[{n_refs}] Dorset" in md
    hist = docx_text(download(page, "download-history-docx", tmp_path))
    assert "Inspection history: Dorset" in hist and "Sarah Canto" in hist and "Steve Lowe" in hist


def test_change_report_between_chosen_inspections(app_url, page):
    open_authority(page, app_url, "Birmingham")
    pick(page, "changes-from", "2014-05-23")
    pick(page, "changes-to", "2019-01-17")
    body = page.locator("#change-report-body")
    page.wait_for_function(
        "document.querySelector('#change-report-body') && "
        "document.querySelector('#change-report-body').innerText.includes('23 May 2014') && "
        "document.querySelector('#change-report-body').innerText.includes('17 January 2019')"
    )
    text = body.inner_text()
    assert "Adoption (SIF): inadequate" in text and "not comparable" in text
    assert page.locator("#change-report .tracker-item").count() >= 10


def test_2026_report_without_overall_grade_is_a_gap_with_a_note(app_url, page):
    open_authority(page, app_url, "Somerset")
    assert "no overall grade" in page.locator("#authority-chart-note").inner_text()
    assert "no overall grade" in page.locator("#inspections-table").inner_text()
    page.locator("#authority-chart .annotation-text").first.wait_for()
    assert "no overall grade" in page.locator("#authority-chart .annotation-text").first.text_content()
    assert "nothing to compare" in page.locator("#change-report").inner_text()


def test_trends_charts_lists_and_csv(app_url, page, tmp_path):
    page.goto(app_url + "/")
    page.get_by_role("tab", name="Trends").click()
    page.locator("#trends-distribution .js-plotly-plot").wait_for()
    page.locator("#trends-transitions .js-plotly-plot").wait_for()
    assert page.locator("#trends-distribution .barlayer .point").count() >= 5
    pick(page, "trends-year", "2014")
    pick(page, "trends-grade", "Inadequate")
    items = page.locator("#trends-year-items li")
    items.first.wait_for()
    assert "Birmingham" in items.first.inner_text() and "published 23 May 2014" in items.first.inner_text()
    assert re.fullmatch(r"/report/[A-Za-z0-9_-]+\.pdf#page=\d+", items.first.locator("a").first.get_attribute("href"))
    pick(page, "trends-from", "Inadequate")
    pick(page, "trends-to", "Requires improvement")
    pairs = page.locator("#trends-transition-items li")
    pairs.first.wait_for()
    assert "Birmingham" in pairs.first.inner_text() and "→" in pairs.first.inner_text()
    rows = list(csv.DictReader(io.StringIO(download(page, "trends-csv", tmp_path).read_text(encoding="utf-8"))))
    assert rows and {"authority", "published", "overall", "url"} <= set(rows[0])
    assert any(r["authority"] == "Birmingham" and r["overall"] == "inadequate" for r in rows)


# -- links into the Authority view, and the Ask tab's downloads ------------------------------------
def _alnum(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def test_a_reports_row_opens_its_authority(app_url, page):
    page.goto(app_url + "/")
    page.get_by_role("tab", name="Reports").click()
    page.get_by_label("Search").fill("Leeds")
    page.wait_for_function("document.querySelector('#reports-table [role=grid]').getAttribute('aria-rowcount') === '5'")
    page.locator("#reports-table [data-testid='cell-0-2']").click()  # the publication date: any cell but the links
    page.locator("#authority-summary").get_by_text("4 indexed inspections of Leeds").wait_for()
    assert page.get_by_role("tab", name="Authority").get_attribute("aria-selected") == "true"
    assert page.locator("#inspections-table tbody tr").count() == 4
    page.locator("#change-report-body").wait_for()
    assert "What changed in Leeds" in page.locator("#change-report-body").inner_text()


def ask(page, question: str, answers: int) -> list[str]:
    """Ask in the Ask tab (the answers-th question of the conversation); the quotes of the
    answer's source cards, in order, once its downloads are ready."""
    page.locator("#question textarea").fill(question)
    page.locator("#ask-button").click()
    page.locator("#ask-downloads-note").get_by_text(f"({answers} answer").wait_for()
    return page.locator("#sources .source-card .source-quote").all_inner_texts()


def test_conversation_downloads_carry_every_citation_and_a_source_card_opens_its_authority(app_url, page, tmp_path):
    page.goto(app_url + "/")
    first = ask(page, "How was Birmingham judged in 2014?", 1)
    second = ask(page, "Who led Somerset's 2026 inspection?", 2)
    assert first and second and first != second
    conversation = docx_text(download(page, "download-conversation-docx", tmp_path))
    assert (
        "How was Birmingham judged in 2014?" in conversation and "Who led Somerset's 2026 inspection?" in conversation
    )
    flat = _alnum(conversation)
    for n, quote in enumerate(first + second, 1):  # renumbered across the conversation
        assert f"[{n}]" in conversation and _alnum(quote)[:120] in flat, (n, quote[:80])
    answer = docx_text(download(page, "download-answer-docx", tmp_path))
    assert "Who led Somerset's 2026 inspection?" in answer and "Birmingham judged" not in answer
    for quote in second:
        assert _alnum(quote)[:120] in _alnum(answer)
    md = download(page, "download-conversation-md", tmp_path).read_text(encoding="utf-8")
    assert "## References" in md and f"[{len(first) + len(second)}]" in md

    # the source card's button opens the Authority tab on the card's authority
    button = page.locator("#sources .source-card button.open-authority").first
    name = button.get_attribute("data-authority")
    assert name == "Somerset" and button.inner_text() == "Open Somerset in the Authority tab"
    button.click()
    page.locator("#authority-summary").get_by_text(name).wait_for()
    assert page.get_by_role("tab", name="Authority").get_attribute("aria-selected") == "true"
    assert "no overall grade" in page.locator("#inspections-table").inner_text()

"""The Training pack part of the Quiz builder tab in headless Chromium (Playwright): a topic in
a trainer's words builds a pack whose extracts, judgements, prompts and quiz are shown, and whose
Word copies download and parse back; a topic the reports do not cover is said to be too thin.
Screenshot: artifacts/pack.png."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from test_ui_browser import ARTIFACTS, open_app, page, real_app, serious_violations  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser


def build(page, topic: str, n: int | None = None) -> None:  # noqa: F811
    page.get_by_role("tab", name="Quiz builder").click()
    page.locator("#pack-build").wait_for()
    box = page.locator("#pack-topic textarea")
    box.fill(topic)
    if n is not None:
        slider = page.locator("#pack-n input[type=number]")
        slider.fill(str(n))
        slider.press("Tab")
    page.locator("#pack-build").click()


def test_training_pack_builds_shows_and_downloads_word_copies(real_app, page):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    open_app(page, real_app.url)
    build(page, "kids in care", n=3)
    page.locator("#pack-status").get_by_text("extract(s) from").wait_for()
    status = page.locator("#pack-status").inner_text()
    assert "3 extract(s) from 3 authorities on 'children in care'" in status, status

    extracts = page.locator("#pack-preview .pack-extract")
    assert extracts.count() == 3
    shown = extracts.all_inner_texts()
    for letter, text in zip("ABC", shown, strict=True):
        assert text.startswith(f"Extract {letter}: ")
        assert re.search(r"published \d{4}-\d{2}-\d{2}, page \d+, paragraph \d+", text), text
        assert re.search(r"judged (outstanding|good|requires improvement|inadequate)", text), text
    links = page.locator("#pack-preview .pack-extract a")
    assert links.count() == 3 and all(
        (h or "").startswith("https://files.ofsted.gov.uk/") for h in links.evaluate_all("a => a.map(x => x.href)")
    )
    assert page.locator("#pack-preview .pack-prompts li").count() >= 3
    assert page.locator("#pack-preview .pack-question").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "pack.png"), full_page=True)

    # the Word copies: trainer with the key, learner without
    texts = {}
    for copy in ("trainer", "learner"):
        link = page.locator(f"#pack-download a[download$='-{copy}.docx']")
        link.wait_for()
        with page.expect_download() as info:
            link.click()
        texts[copy] = "\n".join(p.text for p in Document(str(Path(info.value.path()))).paragraphs)
    for copy, text in texts.items():
        for block in shown:
            quote = block.split("\n")[-1].strip()  # the extract itself, as shown
            assert quote and quote in text, (copy, quote[:80])
        assert "https://files.ofsted.gov.uk/" in text
    assert "Answer key" in texts["trainer"] and "Answer key" not in texts["learner"]
    assert serious_violations(page) == []


def test_training_pack_says_when_the_reports_hold_too_little(real_app, page):  # noqa: F811
    open_app(page, real_app.url)
    build(page, "reading skills")
    page.locator("#pack-status").get_by_text("Too few good extracts").wait_for()
    preview = page.locator("#pack-preview").inner_text()
    assert "only 0 good extract" in preview
    assert page.locator("#pack-preview .pack-extract").count() == 0

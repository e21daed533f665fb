"""Fast unit tests for the UI's pure parts: escaping, [n] links, Markdown copy, feedback JSONL,
date filters, the reports table, the PDF route, and highlight boxes on a real report page."""

from __future__ import annotations

import json
import re

import pytest

from assistant.records import Answer, Citation, CitedQuote, Judgement, Passage, ReportMeta
from assistant.ui import render
from assistant.ui.feedback import record_feedback

XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']


def make_answer(
    text: str = "Leaders act quickly [1]. Care leavers need more help [2].",
    quote: str = "Leaders act quickly.",
    url: str = "https://files.ofsted.gov.uk/v1/file/1",
    **cit,
) -> Answer:
    fields = dict(
        source="dorset/report.pdf",
        report_id="abc123",
        title="Inspection of Dorset",
        local_authority="Dorset",
        published="2025-05-09",
        page=2,
        paragraph="5",
        heading="Leaders",
        url=url,
    )
    c1 = Citation(**{**fields, **cit})
    c2 = Citation(
        source="dorset/report.pdf", report_id="abc123", local_authority="Dorset", published="2025-05-09", page=4
    )
    return Answer(
        "What about Dorset?",
        text,
        (
            CitedQuote(1, quote, Passage(quote, 1.0, c1)),
            CitedQuote(2, "Care leavers.", Passage("Care leavers.", 0.5, c2)),
        ),
        notes=("Used the most recent inspection.",),
    )


# -- escaping ---------------------------------------------------------------------------------
@pytest.mark.parametrize("payload", XSS)
def test_report_text_is_escaped_everywhere(payload):
    answer = make_answer(text=f"They said {payload} [1]", quote=f"Quote {payload}", url="javascript:alert(1)")
    answer = Answer(answer.question, answer.text, answer.citations, notes=(payload,))
    for html_out in (render.sources_html(answer), render.chat_markdown(answer), render.question_markdown(payload)):
        assert "<script" not in html_out and "<img" not in html_out and "<svg" not in html_out
        assert "&lt;" in html_out
    cards = render.sources_html(answer)
    assert "javascript:" not in cards  # unsafe Ofsted URL dropped
    assert "Ofsted original" not in cards


def test_citation_fields_are_escaped_in_cards():
    answer = make_answer(
        heading="<b onmouseover=alert(1)>x</b>", title="<i>t</i>", local_authority="<u>LA</u>", paragraph='5"><script>'
    )
    cards = render.sources_html(answer)
    for raw in ("<b onmouseover", "<i>", "<u>", '5"><script>'):
        assert raw not in cards
    assert "&lt;b onmouseover=alert(1)&gt;" in cards and "&lt;u&gt;LA&lt;/u&gt;" in cards


def test_markdown_link_and_image_syntax_is_neutralised_in_chat():
    answer = make_answer(text="See ![x](http://evil/x.png) and [click](javascript:alert(1)) [1]")
    md = render.chat_markdown(answer)
    assert "![x](" not in md and "[click](" not in md
    assert '<a class="cite" href="#source-1"' in md


# -- [n] links ------------------------------------------------------------------------------------
def test_markers_link_to_matching_source_cards():
    answer = make_answer(text="One [1], two [2], unknown [9].")
    for out in (render.chat_markdown(answer),):
        assert re.findall(r'href="#source-(\d+)"', out) == ["1", "2"]
        assert "[9]" in out and "#source-9" not in out
    cards = render.sources_html(answer)
    assert 'id="source-1"' in cards and 'id="source-2"' in cards
    assert 'href="/report/abc123.pdf#page=2"' in cards
    assert 'href="https://files.ofsted.gov.uk/v1/file/1"' in cards


def test_card_shows_authority_title_date_page_paragraph_quote():
    card = render.source_card(make_answer().citations[0])
    for text in (
        "Dorset",
        "Inspection of Dorset",
        "Published 2025-05-09",
        "page 2",
        "paragraph 5",
        "Leaders act quickly.",
    ):
        assert text in card


def test_pdf_url_accepts_only_plain_ids():
    assert render.pdf_url("abc123", 3) == "/report/abc123.pdf#page=3"
    assert render.pdf_url("abc123") == "/report/abc123.pdf"
    assert render.pdf_url("../etc/passwd", 1) == ""
    assert render.pdf_url("a b", 1) == ""


def test_streamed_text_is_escaped():
    assert "<script" not in render.partial_markdown("<script>x</script> [1")


def test_empty_and_abstained_sources():
    assert "appear here" in render.sources_html(None)
    assert "did not answer" in render.sources_html(Answer("q", "I couldn't find this.", abstained=True))


# -- copy as Markdown, API JSON, errors ---------------------------------------------------------
def test_answer_markdown_has_answer_and_numbered_references():
    md = render.answer_markdown(make_answer())
    assert md.startswith("Leaders act quickly [1].")
    assert "**References**" in md
    assert (
        "[1] Dorset, published 2025-05-09, page 2, paragraph 5, *Inspection of Dorset*: “Leaders act quickly.” <https://files.ofsted.gov.uk/v1/file/1>"
        in md
    )
    assert "[2] Dorset, published 2025-05-09, page 4" in md
    assert md.index("[1] Dorset") < md.index("[2] Dorset")


def test_answer_json_shape():
    data = make_answer().to_dict()  # the one JSON form: CLI, /ask API, feedback, Markdown copy
    assert set(data) == {"question", "answer", "abstained", "notes", "citations"}
    assert data["citations"][0] == {
        "n": 1,
        "source": "dorset/report.pdf",
        "page": 2,
        "paragraph": "5",
        "local_authority": "Dorset",
        "published": "2025-05-09",
        "quote": "Leaders act quickly.",
        "url": "https://files.ofsted.gov.uk/v1/file/1",
    }
    json.dumps(data)


def test_error_message_is_friendly():
    assert (
        render.error_message(RuntimeError("index unavailable."))
        == "Something went wrong: index unavailable. Try again or rephrase."
    )


# -- feedback -------------------------------------------------------------------------------------
def test_feedback_appends_jsonl(tmp_path):
    path = tmp_path / "sub" / "feedback.jsonl"
    record_feedback(path, make_answer(), "up")
    record_feedback(path, make_answer(), "down", "  missing the 2021 report  ")
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [x["rating"] for x in lines] == ["up", "down"]
    assert lines[1]["comment"] == "missing the 2021 report"
    assert lines[0]["question"] == "What about Dorset?"
    assert lines[0]["answer"].startswith("Leaders act quickly")
    assert lines[0]["citations"][0]["page"] == 2 and lines[0]["time"]
    with pytest.raises(ValueError):
        record_feedback(path, make_answer(), "meh")


# -- filters ----------------------------------------------------------------------------------------
def test_filters_from_inputs():
    from assistant.ui.app import ALL_AUTHORITIES, filters_from

    assert filters_from(ALL_AUTHORITIES, "", " ") == {"authority": None, "published_from": None, "published_to": None}
    assert filters_from("Dorset", "2021-01-01", "2025") == {
        "authority": "Dorset",
        "published_from": "2021-01-01",
        "published_to": "2025",
    }
    for bad in ("2021-13-01", "01/02/2021", "2021-02-30", "yesterday"):
        with pytest.raises(ValueError, match="YYYY-MM-DD"):
            filters_from("", bad, "")
    with pytest.raises(ValueError, match="after"):
        filters_from("", "2025-01-01", "2020-01-01")


def test_web_settings_come_from_the_environment_through_settings(monkeypatch):
    from assistant.errors import ConfigError
    from assistant.settings import Settings

    for name in ("ASSISTANT_AUTH", "ASSISTANT_HOST", "ASSISTANT_PORT", "ASSISTANT_CONCURRENCY"):
        monkeypatch.delenv(name, raising=False)
    s = Settings.from_env()
    assert (s.host, s.port, s.concurrency, s.login) == ("127.0.0.1", 7860, 4, None)
    monkeypatch.setenv("ASSISTANT_AUTH", "staff:pa:ss")
    monkeypatch.setenv("ASSISTANT_HOST", "0.0.0.0")
    monkeypatch.setenv("ASSISTANT_PORT", "8080")
    monkeypatch.setenv("ASSISTANT_CONCURRENCY", "2")
    s = Settings.from_env()
    assert (s.host, s.port, s.concurrency, s.login) == ("0.0.0.0", 8080, 2, ("staff", "pa:ss"))
    assert Settings.from_env(port=9000).port == 9000  # an option wins over the environment
    monkeypatch.setenv("ASSISTANT_AUTH", "nopassword")
    with pytest.raises(ConfigError):
        _ = Settings.from_env().login
    monkeypatch.setenv("ASSISTANT_PORT", "eighty")
    with pytest.raises(ConfigError, match="ASSISTANT_PORT must be a whole number"):
        Settings.from_env()


# -- reports table ------------------------------------------------------------------------------------
def _meta(rid, la, published, framework, overall=None):
    j = (Judgement("overall", "Overall", overall),) if overall else ()
    return ReportMeta(
        report_id=rid,
        source=f"{la}.pdf",
        title=f"Inspection of {la}",
        local_authority=la,
        published=published,
        framework=framework,
        judgements=j,
        path=f"/x/{rid}.pdf",
        url="https://files.ofsted.gov.uk/v1/file/9",
    )


def test_reports_table_filters_and_links():
    from assistant.ui.reports_tab import ANY, filter_reports, reports_frame

    reports = [
        _meta("a1", "Dorset", "2025-05-09", "ILACS", "outstanding"),
        _meta("a2", "Dorset", "2021-11-19", "ILACS", "good"),
        _meta("b1", "Birmingham", "2014-05-23", "SIF", "inadequate"),
        _meta("s1", "Somerset", "2026-06-17", "2026"),
    ]
    assert [r.report_id for r in filter_reports(reports)] == ["s1", "a1", "a2", "b1"]  # newest first
    assert [r.report_id for r in filter_reports(reports, "dorset 2021")] == ["a2"]
    assert [r.report_id for r in filter_reports(reports, framework="SIF")] == ["b1"]
    assert [r.report_id for r in filter_reports(reports, grade="Inadequate")] == ["b1"]
    assert filter_reports(reports, "nowhere", ANY, ANY) == []
    frame = reports_frame(filter_reports(reports, "Birmingham"))
    assert frame.iloc[0]["Overall"] == "Inadequate"
    assert frame.iloc[0]["Report"] == "[PDF](/report/b1.pdf) · [Ofsted](https://files.ofsted.gov.uk/v1/file/9)"


# -- the PDF route -----------------------------------------------------------------------------------------
def test_pdf_route_serves_only_catalog_reports(tmp_path):
    from types import SimpleNamespace

    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from assistant.ui.app import pdf_route

    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    (tmp_path / "secret.txt").write_text("no")
    catalog = SimpleNamespace(
        by_id={
            "r1": ReportMeta(report_id="r1", source="r.pdf", path=str(pdf)),
            "t1": ReportMeta(report_id="t1", source="s.txt", path=str(tmp_path / "secret.txt")),
        }
    )
    fake = SimpleNamespace(retriever=SimpleNamespace(catalog=catalog))
    client = TestClient(FastAPI(routes=[pdf_route(fake)]))  # type: ignore[arg-type]
    r = client.get("/report/r1.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert client.get("/report/t1.pdf").status_code == 404  # not a PDF
    assert client.get("/report/zz.pdf").status_code == 404  # not in the catalog
    assert client.get("/report/..%2Fsecret.txt.pdf").status_code == 404


# -- highlight boxes on a real report page -----------------------------------------------------------
@pytest.fixture(scope="module")
def dorset_pdf(corpus_dir):
    from conftest import SAMPLE

    return corpus_dir / SAMPLE[0]


def _page_lines(path, page):
    from assistant.reports.readers import read_pages

    return [line for line in read_pages(path)[page - 1].text.split("\n") if len(line.split()) >= 6]


def test_highlight_finds_quote_on_real_page(dorset_pdf):
    from assistant.ui.preview import find_quote, page_preview

    lines = _page_lines(dorset_pdf, 4)
    quote = " ".join(lines[3:7])  # four lines of running text, joined as a chunk would be
    match = find_quote(dorset_pdf, 4, quote)
    assert match.matched == "full"
    assert 3 <= len(match.boxes) <= 6  # one box per printed line (±1 for wrapping)
    for left, top, right, bottom in match.boxes:
        assert 0 <= left < right <= match.width and 0 <= top < bottom <= match.height
    tops = [b[1] for b in match.boxes]
    assert tops == sorted(tops)
    image, _ = page_preview(dorset_pdf, 4, quote)
    left, top, right, bottom = match.boxes[1]
    x, y = int((left + right) / 2 * 1.5), int((top + bottom) / 2 * 1.5)
    # the highlighted line is tinted yellow somewhere along it: more red/green than blue
    row = [image.getpixel((xx, y)) for xx in range(int(left * 1.5), int(right * 1.5), 3)]
    assert any(r > 200 and g > 180 and b < 170 for r, g, b in row)
    assert image.getpixel((x, int(match.height * 1.5) - 3))[2] > 200  # page bottom margin not highlighted


def test_highlight_tolerates_spacing_case_and_falls_back_to_prefix(dorset_pdf):
    from assistant.ui.preview import find_quote

    lines = _page_lines(dorset_pdf, 4)
    quote = "\n".join(lines[3:5]).upper().replace(" ", "   ")
    assert find_quote(dorset_pdf, 4, quote).matched == "full"
    garbled = " ".join(lines[3:5]) + " zzqx words never printed on this page at all"
    match = find_quote(dorset_pdf, 4, garbled)
    assert match.matched in ("prefix", "sentences") and match.boxes
    assert find_quote(dorset_pdf, 4, "completely unrelated words that the page does not contain").boxes == ()


def test_preview_rejects_missing_pages_and_non_pdfs(dorset_pdf, tmp_path):
    from assistant.ui.preview import page_preview

    with pytest.raises(ValueError):
        page_preview(dorset_pdf, 999, "anything")
    txt = tmp_path / "report.txt"
    txt.write_text("hello")
    with pytest.raises(ValueError):
        page_preview(txt, 1, "hello")


def test_pdf_glyph_artefacts_display_as_what_they_stand_for():
    from assistant.ui.render import escape

    assert escape("well\ufffecoordinated \uf06e The quality <b>") == "well-coordinated ▪ The quality &lt;b&gt;"


def test_passage_json_shape():
    passage = make_answer().citations[0].passage
    assert passage.to_dict() == {
        "score": passage.score,
        "text": passage.text,
        "source": "dorset/report.pdf",
        "page": 2,
        "paragraph": "5",
        "local_authority": "Dorset",
        "published": "2025-05-09",
        "heading": passage.citation.heading,
        "url": "https://files.ofsted.gov.uk/v1/file/1",
    }

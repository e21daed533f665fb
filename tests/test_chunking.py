"""Chunks follow the report's structure and carry what a citation needs."""

from __future__ import annotations

from assistant.chunking import MAX_CHARS, chunk_report, split_sentences
from assistant.records import Page, ReportMeta
from assistant.reports.readers import read_pages

from conftest import SAMPLE

META = ReportMeta(report_id="r1", source="a/report.pdf", local_authority="Dorset", published="2025-05-09")


def test_split_sentences_keeps_abbreviations():
    s = split_sentences("Children are seen, e.g. weekly. Plans improve.\nThey are reviewed by Mr. Smith. Done?")
    assert s == ["Children are seen, e.g. weekly.", "Plans improve.", "They are reviewed by Mr. Smith.", "Done?"]


def test_numbered_paragraphs_and_headings_on_synthetic_pages():
    pages = [
        Page(1, "Inspection of Testshire local authority children's services\nOverall effectiveness Good"),
        Page(
            2,
            "Header line\nWhat needs to improve?\n◼ The timeliness of assessments.\n"
            "The experiences and progress of children in care: good\n"
            "1. Children in care are well supported by their social workers. " + "They visit often. " * 40 + "\n"
            "2. Care plans are reviewed on time.",
        ),
    ]
    chunks = chunk_report(pages, META, max_chars=400, min_chars=50)
    assert all(len(c.text) <= 400 for c in chunks)
    improve = [c for c in chunks if c.heading == "What needs to improve?"]
    assert improve and "timeliness of assessments" in improve[0].text and improve[0].page == 2
    care = [c for c in chunks if c.heading.startswith("The experiences and progress of children in care")]
    assert {c.paragraph for c in care} >= {"1", "2"}
    assert all(c.text.rstrip().endswith((".", "?")) for c in care if c.paragraph)  # never split mid-sentence


def test_real_report_chunks(corpus_dir):
    pages = read_pages(corpus_dir / SAMPLE[0])
    chunks = chunk_report(pages, META)
    assert 20 < len(chunks) < 120
    assert all(len(c.text) <= MAX_CHARS for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)
    assert [c.id for c in chunk_report(pages, META)] == [c.id for c in chunks]  # stable ids
    # running headers are removed; numbered paragraphs are found in order
    assert not any("Inspection of Dorset local authority children’s services\n17 to 21" in c.text for c in chunks)
    numbered = [int(c.paragraph.split("-")[0]) for c in chunks if c.paragraph]
    assert numbered == sorted(numbered) and numbered[-1] > 40
    first = next(c for c in chunks if c.heading == "What needs to improve?")
    assert first.page == 2 and "The clarity and detail of the care leaver offer" in first.text
    assert all(c.local_authority == "Dorset" and c.published == "2025-05-09" for c in chunks)


def test_area_heading_whose_grade_wraps_ends_the_list_above():
    """An area heading whose grade wraps onto a line ending in a full stop, or that follows a
    bullet without one, still starts its section: the list above it does not carry over."""
    pages = [
        Page(
            2,
            "What needs to improve\n◼ The stability of the workforce\n"
            "The experiences and progress of children who need help and\nprotection: good\n"
            "1. Early help is strong and families get support quickly.\n"
            "The experiences and progress of children in care and care leavers requires\n"
            "improvement to be good.\n"
            "2. Too many children live far from home.\n"
            "The impact of leaders on social work practice with children and families:\n"
            "requires improvement to be good.\n"
            "3. Leaders know their services well.",
        )
    ]
    headings = {c.paragraph: c.heading for c in chunk_report(pages, META, max_chars=400, min_chars=10)}
    assert headings["1"] == "The experiences and progress of children who need help and protection: good"
    assert headings["2"].endswith("care leavers requires improvement to be good")
    assert headings["3"].startswith("The impact of leaders") and headings["3"].endswith("to be good")


def test_real_reports_with_wrapped_area_grades(corpus_dir):
    for path, paragraph, area in [
        ("80540_reading/children's services inspection - 28 october 2019.pdf", "17", "children in care"),
        ("80533_nottingham/children's services inspection - 07 january 2019.pdf", "1", "help and"),
        ("80525_newcastle upon tyne/children's services inspection - 01 february 2022.pdf", "1", "help and"),
    ]:
        chunks = chunk_report(read_pages(corpus_dir / path), META)
        chunk = next(c for c in chunks if c.paragraph.split("-")[0] == paragraph)
        assert area in chunk.heading and "improve" not in chunk.heading.replace("improvement", ""), path

"""Reading reports: every format, and every kind of bad input gives a plain reason."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import ReportReadError
from assistant.reports.readers import read_pages
from conftest import BROKEN, SAMPLE


@pytest.fixture()
def real_pdf(corpus_dir) -> Path:
    return corpus_dir / SAMPLE[0]


def test_pdf_pages_are_one_based_with_text(real_pdf):
    pages = read_pages(real_pdf)
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert "Lead inspector: Sarah Canto" in pages[0].text
    assert "What needs to improve?" in pages[1].text


def _reason(path) -> str:
    with pytest.raises(ReportReadError) as e:
        read_pages(path)
    return e.value.reason


def test_html_saved_as_pdf(corpus_dir):
    assert "HTML page saved with a .pdf name" in _reason(corpus_dir / BROKEN)


def test_truncated_pdf(real_pdf, tmp_path):
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(real_pdf.read_bytes()[:3000])
    assert "damaged or truncated" in _reason(bad)


def test_zero_byte(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "empty" in _reason(empty)


def test_encrypted_pdf(real_pdf, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=str(real_pdf))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as f:
        writer.write(f)
    assert "encrypted" in _reason(locked)


def test_image_only_pdf_has_no_text_layer(tmp_path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.new_page(595, 842)
    scanned = tmp_path / "scanned.pdf"
    doc.save(str(scanned))
    assert "no text layer" in _reason(scanned)


def test_unsupported_type(tmp_path):
    sheet = tmp_path / "judgements.xlsx"
    sheet.write_bytes(b"PK\x03\x04 not really")
    assert "unsupported file type '.xlsx'" in _reason(sheet)


def test_missing_file(tmp_path):
    assert "cannot open" in _reason(tmp_path / "gone.pdf")


def test_docx_html_text_and_markdown(tmp_path):
    import docx

    body = ("Inspection of Testshire local authority children's services. " * 3 +
            "What needs to improve? The timeliness of assessments for children in need. " * 3)
    d = docx.Document()
    for para in body.split(". "):
        d.add_paragraph(para)
    d.save(str(tmp_path / "r.docx"))
    (tmp_path / "r.html").write_text(f"<html><script>alert(1)</script><body><p>{body}</p></body></html>")
    (tmp_path / "r.txt").write_text(body + "\f" + body)
    (tmp_path / "r.md").write_text("# Report\n\n" + body)
    for name in ("r.docx", "r.html", "r.txt", "r.md"):
        pages = read_pages(tmp_path / name)
        text = " ".join(p.text for p in pages)
        assert "timeliness of assessments" in text, name
        assert "alert(1)" not in text
    assert len(read_pages(tmp_path / "r.txt")) == 2  # form feed = page break

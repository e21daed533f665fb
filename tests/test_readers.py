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

    body = (
        "Inspection of Testshire local authority children's services. " * 3
        + "What needs to improve? The timeliness of assessments for children in need. " * 3
    )
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


# -- short but valid documents are not "scanned" ---------------------------------------------------
PARAGRAPHS = (
    "Inspection of Testshire children's services: Children in care are seen regularly by social workers.",
    "What needs to improve? Managers' oversight of plans for care leavers, including their health needs.",
)


def tiny_documents(folder: Path) -> dict[str, Path]:
    """A two-paragraph report in each format without pages, far below the PDF text threshold."""
    import docx

    folder.mkdir(parents=True, exist_ok=True)
    d = docx.Document()
    for para in PARAGRAPHS:
        d.add_paragraph(para)
    d.save(str(folder / "short.docx"))
    (folder / "short.html").write_text(
        "<html><body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body></html>", encoding="utf-8"
    )
    (folder / "short.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    (folder / "short.md").write_text("# Testshire\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    (folder / "latin1.txt").write_bytes(("Café reviews: " + "\n\n".join(PARAGRAPHS) + " £10 a week.").encode("latin-1"))
    return {p.name: p for p in sorted(folder.iterdir())}


def test_short_documents_of_every_format_are_read(tmp_path):
    docs = tiny_documents(tmp_path)
    assert sum(len(p) for p in PARAGRAPHS) < 200  # shorter than a PDF needs to count as having text
    for name, path in docs.items():
        text = " ".join(p.text for p in read_pages(path))
        assert "Managers' oversight of plans for care leavers" in text, name
    latin = " ".join(p.text for p in read_pages(docs["latin1.txt"]))
    assert latin.startswith("Café reviews") and "£10 a week" in latin


def test_documents_without_text_are_rejected_but_not_as_scans(tmp_path):
    (tmp_path / "blank.txt").write_text(" \n\n \t\n", encoding="utf-8")
    (tmp_path / "script.html").write_text("<html><script>var a = 1;</script><body> </body></html>", encoding="utf-8")
    import docx

    docx.Document().save(str(tmp_path / "blank.docx"))
    for name in ("blank.txt", "script.html", "blank.docx"):
        assert _reason(tmp_path / name) == "the document holds no text", name


def test_short_documents_are_ingested_and_searchable(tmp_path, embedder):
    from assistant.indexing import ingest
    from assistant.retrieval import Retriever
    from assistant.settings import Settings

    docs = tiny_documents(tmp_path / "reports")
    settings = Settings.from_env(
        index_path=str(tmp_path / "index"), manifest=str(tmp_path / "none.csv"), chroma_host=""
    )
    summary = ingest(tmp_path / "reports", settings, embedder=embedder, progress=False)
    assert summary.failed == [] and summary.reports == len(docs) and summary.chunks >= len(docs)
    retriever = Retriever.open(settings=settings, embedder=embedder)
    assert {r.source for r in retriever.reports()} == set(docs)
    for meta in retriever.reports():
        assert any("oversight of plans" in c.text for c in retriever.report_chunks(meta.report_id)), meta.source
    assert retriever.search("oversight of plans for care leavers", k=1)  # near-duplicates come back once

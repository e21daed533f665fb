"""Read a report file into pages. PDF (pypdfium2), DOCX, HTML, plain text / Markdown.

Every failure becomes a ReportReadError with a plain reason, so a batch can report the
file and carry on.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import ReportReadError
from ..records import Page

SUPPORTED = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")
MIN_PDF_TEXT_CHARS = 200  # a PDF with less text than this over all its pages has no text layer


def read_pages(path: str | Path) -> list[Page]:
    """Return the report's pages (1-based) or raise ReportReadError saying why not."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReportReadError(
            str(path), f"unsupported file type '{suffix or '(none)'}' (supported: {', '.join(SUPPORTED)})"
        )
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReportReadError(str(path), f"cannot open the file ({e.strerror or e})") from e
    if size == 0:
        raise ReportReadError(str(path), "the file is empty (0 bytes)")
    reader = {".pdf": _read_pdf, ".docx": _read_docx, ".html": _read_html, ".htm": _read_html}.get(suffix, _read_text)
    pages = reader(path)
    if suffix == ".pdf":  # only a PDF can be a scan: pages drawn as images, without a text layer
        if sum(len(p.text.strip()) for p in pages) < MIN_PDF_TEXT_CHARS:
            raise ReportReadError(str(path), "no text layer found (scanned or image-only PDF?); OCR it first")
    elif not any(p.text.strip() for p in pages):  # a short document is fine; an empty one is not
        raise ReportReadError(str(path), "the document holds no text")
    return pages


def _read_pdf(path: Path) -> list[Page]:
    import pypdfium2 as pdfium

    head = path.read_bytes()[:1024]
    if not head.lstrip().startswith(b"%PDF"):
        if b"<html" in head.lower() or b"<!doctype html" in head.lower():
            raise ReportReadError(
                str(path), "not a PDF: it is an HTML page saved with a .pdf name (re-download the report)"
            )
        raise ReportReadError(str(path), "not a PDF (the file does not start with %PDF)")
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as e:
        reason = str(e)
        if "password" in reason.lower():
            raise ReportReadError(str(path), "the PDF is encrypted (password protected)") from e
        raise ReportReadError(str(path), f"the PDF is damaged or truncated ({reason})") from e
    try:
        pages = []
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            pages.append(Page(i + 1, clean_text(textpage.get_text_range())))
            textpage.close()
            page.close()
        return pages
    except pdfium.PdfiumError as e:
        raise ReportReadError(str(path), f"the PDF is damaged or truncated ({e})") from e
    finally:
        doc.close()


def _read_docx(path: Path) -> list[Page]:
    import zipfile

    try:
        import docx
    except ImportError as e:  # pragma: no cover - dependency is declared
        raise ReportReadError(str(path), "python-docx is not installed") from e
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ReportReadError(str(path), f"not a readable Word document ({e})") from e
    text = "\n".join(p.text for p in document.paragraphs)
    return _split_pseudo_pages(clean_text(text))


def _read_html(path: Path) -> list[Page]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(path.read_bytes()), "html.parser")
    for tag in soup(["script", "style", "nav", "header", "footer"]):
        tag.decompose()
    text = soup.get_text("\n")
    return _split_pseudo_pages(clean_text(text))


def _read_text(path: Path) -> list[Page]:
    return _split_pseudo_pages(clean_text(_decode(path.read_bytes())))


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _split_pseudo_pages(text: str) -> list[Page]:
    """Formats without pages: form-feed separated pages if any, else one page."""
    parts = text.split("\f") if "\f" in text else [text]
    return [Page(i + 1, t) for i, t in enumerate(parts)]


_SPACES = re.compile(r"[ \t\u00a0]+")


def clean_text(text: str) -> str:
    """Normalise line ends and runs of spaces; keep every visible character."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(_SPACES.sub(" ", line).rstrip() for line in text.split("\n"))
    return text.strip("\n")

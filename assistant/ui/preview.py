"""A report page rendered to an image, with the quoted passage highlighted.

The quote is found in the page's text layer (pypdfium2) by comparing letters and digits only
(case, spaces, line breaks, hyphens and bullets ignored), sentence by sentence, falling back to
its first ~60 characters; the matching characters' line boxes are painted semi-transparent
yellow. PDFium is not thread-safe, so every call into it holds one lock. Images are cached.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

SCALE = 1.5  # pixels per PDF point (108 dpi)
HIGHLIGHT = (255, 214, 0, 110)
OUTLINE = (230, 160, 0, 200)
MIN_KEY = 12  # shortest sentence (letters and digits) worth searching for
PREFIX_CHARS = 60
_LOCK = threading.RLock()
_SENTENCES = re.compile(r"(?<=[.!?;:])\s+|\n+")
_TRAILING = set(".,;:!?)]}'\"’”%")


@dataclass(frozen=True)
class PageMatch:
    """Boxes (left, top, right, bottom) in PDF points from the page's top-left corner."""

    width: float
    height: float
    boxes: tuple[tuple[float, float, float, float], ...]
    matched: str  # "full", "sentences", "prefix" or "" when the quote was not found


def _key(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits of text, and the index in text of each."""
    out, index = [], []
    for i, ch in enumerate(text):
        for k in unicodedata.normalize("NFKC", ch).casefold():
            if k.isalnum():
                out.append(k)
                index.append(i)
    return "".join(out), index


def _page_chars(textpage) -> str:
    import pypdfium2.raw as raw

    n = textpage.count_chars()
    return "".join(chr(raw.FPDFText_GetUnicode(textpage, i) or 32) for i in range(n))


def _spans(page_text: str, quote: str) -> tuple[list[tuple[int, int]], str]:
    """Character ranges [start, end) of page_text that hold the quote, and how it was found."""
    page_key, where = _key(page_text)
    if not page_key:
        return [], ""

    def span(i: int, j: int) -> tuple[int, int]:
        """page_key[i:j] as a range of page_text, with the punctuation that closes it."""
        start, end = where[i], where[j - 1] + 1
        while end < len(page_text) and page_text[end] in _TRAILING:
            end += 1
        return start, end

    def find(text: str, start: int = 0) -> tuple[int, int] | None:
        k, _ = _key(text)
        if len(k) < MIN_KEY and len(k) < len(_key(quote)[0]):
            return None
        i = page_key.find(k, start)
        if i < 0 and start:
            i = page_key.find(k)
        if i < 0 or not k:
            return None
        return i, i + len(k)

    whole = find(quote)
    if whole:
        return [span(*whole)], "full"
    spans, pos = [], 0
    for sentence in _SENTENCES.split(quote):
        hit = find(sentence, pos)
        if hit:
            spans.append(span(*hit))
            pos = hit[1]
    if spans:
        return spans, "sentences"
    prefix = find(" ".join(quote.split())[:PREFIX_CHARS])
    if prefix:
        return [span(*prefix)], "prefix"
    return [], ""


def find_quote(path: str | Path, page: int, quote: str) -> PageMatch:
    """Where quote is on page (1-based) of the PDF at path."""
    import pypdfium2 as pdfium

    with _LOCK:
        doc = pdfium.PdfDocument(str(path))
        try:
            pg = doc[page - 1]
            width, height = pg.get_size()
            left, bottom, _, top = pg.get_cropbox()
            textpage = pg.get_textpage()
            text = _page_chars(textpage)
            spans, how = _spans(text, quote)
            boxes = []
            for start, end in spans:
                for i in range(textpage.count_rects(start, end - start)):
                    x0, b, r, t = textpage.get_rect(i)
                    boxes.append((x0 - left, top - t, r - left, top - b))
        finally:
            doc.close()
    return PageMatch(width, height, merge_lines(boxes), how)


def merge_lines(boxes: list[tuple[float, float, float, float]]) -> tuple[tuple[float, float, float, float], ...]:
    """Join the boxes of one line (overlapping vertically, in reading order) into one box."""
    lines: list[list[float]] = []
    for x0, t, r, b in boxes:
        if lines:
            L, T, R, B = lines[-1]
            overlap = min(b, B) - max(t, T)
            if overlap > 0.5 * min(b - t, B - T) and x0 >= L - 1:
                lines[-1] = [min(x0, L), min(t, T), max(r, R), max(b, B)]
                continue
        lines.append([x0, t, r, b])
    return tuple((x0, t, r, b) for x0, t, r, b in lines)


def _render(path: str, page: int, scale: float) -> Image.Image:
    import pypdfium2 as pdfium

    with _LOCK:
        doc = pdfium.PdfDocument(path)
        try:
            return doc[page - 1].render(scale=scale).to_pil().convert("RGB")
        finally:
            doc.close()


def draw_boxes(image: Image.Image, boxes, scale: float) -> Image.Image:
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for x0, t, r, b in boxes:
        draw.rectangle([x0 * scale - 2, t * scale - 2, r * scale + 2, b * scale + 2], fill=HIGHLIGHT)
    for x0, t, _r, b in boxes[:1]:
        draw.line([x0 * scale - 6, t * scale - 2, x0 * scale - 6, b * scale + 2], fill=OUTLINE, width=3)
    return Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")


class PreviewCache:
    """Highlighted page images, most recently used kept (thread-safe)."""

    def __init__(self, size: int = 48):
        self.size = size
        self._items: OrderedDict[tuple, tuple[Image.Image, PageMatch]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, path: str | Path, page: int, quote: str, scale: float = SCALE) -> tuple[Image.Image, PageMatch]:
        p = Path(path)
        key = (str(p), p.stat().st_mtime, page, quote, scale)
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        match = find_quote(p, page, quote)
        image = draw_boxes(_render(str(p), page, scale), match.boxes, scale)
        with self._lock:
            self._items[key] = (image, match)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return image, match


_CACHE = PreviewCache()


def page_preview(path: str | Path, page: int, quote: str, scale: float = SCALE) -> tuple[Image.Image, PageMatch]:
    """The page as an image with the quote highlighted (cached). Raises ValueError when the
    report is not a PDF or the page does not exist."""
    p = Path(path)
    if p.suffix.lower() != ".pdf" or not p.is_file():
        raise ValueError(f"no PDF to preview for {p.name or 'this report'}")
    if page < 1:
        raise ValueError("the citation has no page number")
    try:
        return _CACHE.get(p, page, quote, scale)
    except (IndexError, pdfium_error()) as e:
        raise ValueError(f"could not show page {page} of {p.name} ({e})") from None


def pdfium_error() -> type[Exception]:
    import pypdfium2 as pdfium

    return pdfium.PdfiumError

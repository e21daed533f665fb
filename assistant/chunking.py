"""Chunks with citations: structure-aware (numbered paragraphs, sections), never split
mid-sentence, short paragraphs merged, each within what the embedding model reads."""
from __future__ import annotations

import hashlib
import re

from .records import Chunk, Page, ReportMeta
from .reports.structure import Block, split_blocks

MAX_CHARS = 1000  # ~220 word pieces for MiniLM (256 max)
MIN_CHARS = 300

_SENT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9‘“\"(\u25fc])")
_ABBREV = re.compile(r"\b(e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|No|St|para|paras)\.$", re.IGNORECASE)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, whitespace collapsed; abbreviations do not end a sentence."""
    text = " ".join(text.split())
    parts, buf = [], ""
    for piece in _SENT.split(text):
        buf = f"{buf} {piece}".strip() if buf else piece
        if not _ABBREV.search(buf):
            parts.append(buf)
            buf = ""
    if buf:
        parts.append(buf)
    return [p for p in parts if p]


def chunk_id(source: str, page: int, index: int, text: str) -> str:
    return hashlib.sha256(f"{source}\x00{page}\x00{index}\x00{text}".encode()).hexdigest()[:32]


def _pieces(block: Block, max_chars: int) -> list[str]:
    """A block's text, split at sentence ends if it is longer than max_chars."""
    text = " ".join(block.text.split())
    if len(text) <= max_chars:
        return [text]
    out, buf = [], ""
    for s in split_sentences(text):
        if buf and len(buf) + 1 + len(s) > max_chars:
            out.append(buf)
            buf = s
        else:
            buf = f"{buf} {s}".strip()
    if buf:
        out.append(buf)
    return out


def _para_range(nums: list[str]) -> str:
    nums = [n for n in nums if n]
    if not nums:
        return ""
    return nums[0] if nums[0] == nums[-1] else f"{nums[0]}-{nums[-1]}"


def chunk_report(pages: list[Page], meta: ReportMeta, max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS) -> list[Chunk]:
    """Chunks of a report in reading order. A chunk stays on one page and in one section,
    unless it is shorter than min_chars, when it takes the next block of the same page."""
    groups: list[tuple[int, str, list[str], list[str]]] = []  # page, heading, paragraph numbers, texts
    for block in split_blocks(pages):
        for piece in _pieces(block, max_chars):
            if groups:
                page, heading, nums, texts = groups[-1]
                size = sum(len(t) + 1 for t in texts)
                same_page = page == block.page
                fits = size + len(piece) <= max_chars
                if same_page and fits and (heading == block.heading or size < min_chars):
                    nums.append(block.paragraph)
                    texts.append(piece)
                    continue
            groups.append((block.page, block.heading, [block.paragraph], [piece]))
    chunks = []
    for i, (page, heading, nums, texts) in enumerate(groups):
        text = "\n".join(texts)
        chunks.append(Chunk(
            id=chunk_id(meta.source, page, i, text), text=text, report_id=meta.report_id,
            source=meta.source, page=page, paragraph=_para_range(nums), heading=heading,
            local_authority=meta.local_authority, published=meta.published,
        ))
    return chunks


def embedding_text(chunk: Chunk) -> str:
    """What the embedder reads: the chunk with its authority, year and section as context."""
    context = " · ".join(x for x in (chunk.local_authority, chunk.published[:4], chunk.heading) if x)
    return f"{context}\n{chunk.text}" if context else chunk.text

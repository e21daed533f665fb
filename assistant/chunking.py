"""Chunks with citations: structure-aware (numbered paragraphs, sections), never split
mid-sentence, short paragraphs merged, each within what the embedding model reads."""

from __future__ import annotations

import hashlib

from .records import Chunk, Page, ReportMeta
from .reports.structure import Block, split_blocks
from .vocabulary import split_sentences

__all__ = ["chunk_report", "embedding_text", "split_sentences"]  # split_sentences: re-exported

MAX_CHARS = 1000  # ~220 word pieces for MiniLM (256 max)
MIN_CHARS = 300


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


def chunk_report(
    pages: list[Page], meta: ReportMeta, max_chars: int = MAX_CHARS, min_chars: int = MIN_CHARS
) -> list[Chunk]:
    """Chunks of a report in reading order. A chunk stays on one page and in one section;
    blocks of a section are merged while the chunk is shorter than min_chars, and a heading
    joins the text it introduces."""
    groups: list[dict] = []  # page, heading, nums, texts, heading_only
    for block in split_blocks(pages):
        heading_only = block.text.replace("\n", " ").strip() == block.heading
        for piece in _pieces(block, max_chars):
            g = groups[-1] if groups else None
            if g and g["page"] == block.page and sum(len(t) + 1 for t in g["texts"]) + len(piece) <= max_chars:
                size = sum(len(t) + 1 for t in g["texts"])
                if g["heading_only"] or (g["heading"] == block.heading and size < min_chars):
                    if g["heading_only"]:  # a heading takes the section it introduces
                        g["heading"] = block.heading
                    g["nums"].append(block.paragraph)
                    g["texts"].append(piece)
                    g["heading_only"] = g["heading_only"] and heading_only
                    continue
            groups.append(
                {
                    "page": block.page,
                    "heading": block.heading,
                    "nums": [block.paragraph],
                    "texts": [piece],
                    "heading_only": heading_only,
                }
            )
    chunks = []
    for i, g in enumerate(groups):
        page, heading, nums, text = g["page"], g["heading"], g["nums"], "\n".join(g["texts"])
        chunks.append(
            Chunk(
                id=chunk_id(meta.source, page, i, text),
                text=text,
                report_id=meta.report_id,
                source=meta.source,
                page=page,
                paragraph=_para_range(nums),
                heading=heading,
                local_authority=meta.local_authority,
                published=meta.published,
            )
        )
    return chunks


def embedding_text(chunk: Chunk) -> str:
    """What the embedder reads: the chunk with its authority, year and section as context."""
    context = " · ".join(x for x in (chunk.local_authority, chunk.published[:4], chunk.heading) if x)
    return f"{context}\n{chunk.text}" if context else chunk.text

"""Keyword search (BM25, bm25s) beside Chroma.

Tokens are vocabulary.tokenize's (Snowball stems, no stop words). Built from the chunks stored in the index (so it works against a Chroma server too); the
snapshot module caches it on disk.
"""

from __future__ import annotations

import numpy as np

from .records import Chunk
from .vocabulary import BACK_PAGE, tokenize

# tokenize is re-exported: answering/ and history/ import it from here
__all__ = ["NAMED_SHARE", "KeywordIndex", "document_text", "tokenize"]
NAMED_SHARE = 0.001  # a word in fewer than this share of the passages names something particular ("MOMO")


def document_text(chunk: Chunk) -> str:
    """What BM25 indexes: the chunk text with its section heading and authority."""
    return f"{chunk.local_authority} {chunk.heading} {chunk.text}"


class KeywordIndex:
    """BM25 over all chunks; scores for every chunk, so callers can mask by report."""

    def __init__(self, chunks: list[Chunk]):
        import bm25s

        self.chunks = chunks
        self.boilerplate = np.array([bool(BACK_PAGE.search(c.text)) for c in chunks], dtype=bool)
        self.bm25 = bm25s.BM25()
        corpus = [tokenize(document_text(c)) or ["_"] for c in chunks]
        self.bm25.index(corpus, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in tokenize(query) if t in self.bm25.vocab_dict]
        if not tokens or not self.chunks:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

    def share(self, token: str) -> float | None:
        """The share of chunks holding this (stemmed) token; None when none does."""
        held = self.holding(token)
        return len(held) / len(self.chunks) if len(held) else None

    def holding(self, token: str) -> np.ndarray:
        """The indices of the chunks holding this (stemmed) token: its postings, one column of
        the BM25 score matrix."""
        i = self.bm25.vocab_dict.get(token)
        if i is None:
            return np.zeros(0, dtype=np.int64)
        indptr = self.bm25.scores["indptr"]
        return np.asarray(self.bm25.scores["indices"][indptr[i] : indptr[i + 1]])

"""Keyword search (BM25, bm25s) beside Chroma.

Built from the chunks stored in the index (so it works against a Chroma server too); the
snapshot module caches it on disk.
"""
from __future__ import annotations

import re

import numpy as np

from .records import Chunk

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
STOPWORDS = frozenset("""a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves ofsted s""".split())


def stem(word: str) -> str:
    """A light suffix stripper: improvement/improvements/improving/improved -> improv."""
    for suffix in ("ements", "ement", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def tokenize(text: str) -> list[str]:
    text = text.lower().replace("’", "'")
    out = []
    for w in _WORD.findall(text):
        w = w.split("'")[0]
        if w and w not in STOPWORDS:
            out.append(stem(w))
    return out


def document_text(chunk: Chunk) -> str:
    """What BM25 indexes: the chunk text with its section heading and authority."""
    return f"{chunk.local_authority} {chunk.heading} {chunk.text}"


# Ofsted's back-page boilerplate (contact details, licence, alternative formats): never an answer.
BOILERPLATE = re.compile(r"Textphone|© Crown copyright|Crown copyright 20\d\d|enquiries@ofsted\.gov\.uk|If you would like a copy of this document in a different format"
                         r"|Office for Standards in Education, Children['’]s Services and Skills \(Ofsted\) regulates", re.I)


class KeywordIndex:
    """BM25 over all chunks; scores for every chunk, so callers can mask by report."""

    def __init__(self, chunks: list[Chunk]):
        import bm25s

        self.chunks = chunks
        self.boilerplate = np.array([bool(BOILERPLATE.search(c.text)) for c in chunks], dtype=bool)
        self.bm25 = bm25s.BM25()
        corpus = [tokenize(document_text(c)) or ["_"] for c in chunks]
        self.bm25.index(corpus, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        tokens = [t for t in tokenize(query) if t in self.bm25.vocab_dict]
        if not tokens or not self.chunks:
            return np.zeros(len(self.chunks), dtype=np.float32)
        return np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)

"""General questions: choose the sentences that best answer the question from the top
passages (embedding similarity + keyword overlap) and quote them verbatim."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..chunking import split_sentences
from ..keyword import tokenize
from ..records import Passage

_LEAD = re.compile(r"^(?:\d{1,3}\.\s*(?=[A-Z‘“(])|[◼\uf06e•▪■●\uf0b7\uf0a7\uf0d8]\s*)")
_PARA_START = re.compile(r"\s(?=\d{1,3}\.\s?[A-Z‘“(])")  # a numbered paragraph starting mid-line
KEYWORD_WEIGHT = 0.25
RANK_WEIGHT = 0.05
MIN_CHARS, MAX_CHARS = 40, 450
MAX_EMBEDDED = 24  # sentences embedded per question


@dataclass(frozen=True)
class Scored:
    passage: Passage
    sentence: str  # verbatim (whitespace collapsed) from passage.text
    score: float
    similarity: float  # cosine of sentence and question
    overlap: float  # share of the question's keywords in the sentence


def candidate_sentences(passage: Passage) -> list[str]:
    out = []
    for line in passage.text.split("\n"):
        for s in (s for part in _PARA_START.split(line) for s in split_sentences(part)):
            s = _LEAD.sub("", s).strip()
            if MIN_CHARS <= len(s) <= MAX_CHARS and s.endswith((".", "?", "!", ")", "’", "”", ";")):
                out.append(s)
    return out


def score_sentences(question: str, topic: str, passages: list[Passage], embedder, limit: int = MAX_EMBEDDED) -> list[Scored]:
    """The candidate sentences of the passages, best first. Only the `limit` sentences with
    the most keyword overlap (then passage rank) are embedded, to bound latency."""
    qtok = set(tokenize(topic or question))
    cands = []
    for rank, p in enumerate(passages):
        for s in candidate_sentences(p):
            overlap = len(qtok & set(tokenize(s))) / len(qtok) if qtok else 0.0
            cands.append((rank, p, s, overlap))
    if not cands:
        return []
    cands = sorted(cands, key=lambda c: (-c[3], c[0]))[:limit]
    q = embedder.embed_query(question)
    vecs = embedder.embed_documents([s for _, _, s, _ in cands])
    sims = vecs @ np.asarray(q, dtype=np.float32)
    scored = []
    for (rank, p, s, overlap), sim in zip(cands, sims):
        score = float(sim) + KEYWORD_WEIGHT * overlap + RANK_WEIGHT / (rank + 1)
        scored.append(Scored(p, s, score, float(sim), overlap))
    return sorted(scored, key=lambda x: -x.score)


def pick(scored: list[Scored], max_sentences: int = 4, per_passage: int = 2, relative: float = 0.85) -> list[Scored]:
    """The best sentences: within `relative` of the best score, at most per_passage from one
    passage, no near-repeats."""
    if not scored:
        return []
    best = scored[0].score
    chosen: list[Scored] = []
    for s in scored:
        if len(chosen) >= max_sentences or s.score < best * relative:
            break
        if sum(1 for c in chosen if c.passage.chunk_id == s.passage.chunk_id) >= per_passage:
            continue
        words = set(s.sentence.lower().split())
        if any(len(words & set(c.sentence.lower().split())) / max(1, len(words | set(c.sentence.lower().split()))) > 0.7 for c in chosen):
            continue
        chosen.append(s)
    return chosen

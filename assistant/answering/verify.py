"""Check an answer sentence by sentence: each must carry a valid [n] citation and be
supported by the passage it cites (lexical overlap, or embedding similarity with one of the
passage's sentences). Unsupported sentences are removed and reported."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from ..chunking import split_sentences
from ..keyword import tokenize
from ..records import Passage

_MARK = re.compile(r"\[(\d{1,2})\]")
MIN_OVERLAP = 0.6  # share of the sentence's keywords found in the cited passage
MIN_SIMILARITY = 0.75  # or: cosine with the passage's closest sentence


@dataclass(frozen=True)
class Checked:
    sentence: str  # as written, with its markers
    numbers: tuple[int, ...]
    supported: bool
    evidence: str  # the passage sentence that supports it best (verbatim)
    reason: str = ""


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer; bullet lines are sentences of their own; a marker right after
    the full stop stays with its sentence."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        line = re.sub(r"([.!?])\s*((?:\[\d{1,2}\])+)", r"\2\1", line)  # "end. [1]" -> "end [1]."
        out += split_sentences(line)
    return out


def _strip(sentence: str) -> str:
    return _MARK.sub("", sentence).strip(" -*•").strip()


def check(text: str, passages: dict[int, Passage], embedder) -> list[Checked]:
    results = []
    for sentence in answer_sentences(text):
        nums = tuple(int(n) for n in _MARK.findall(sentence))
        claim = _strip(sentence)
        if not claim or len(tokenize(claim)) == 0:
            continue
        if not nums:
            results.append(Checked(sentence, (), False, "", "no citation"))
            continue
        if any(n not in passages for n in nums):
            results.append(Checked(sentence, nums, False, "", "cites a source that does not exist"))
            continue
        cited = [passages[n] for n in nums]
        ctoks = set(tokenize(claim))
        ptoks = set().union(*(tokenize(p.text) for p in cited))
        overlap = len(ctoks & ptoks) / len(ctoks)
        cands = [s for p in cited for s in split_sentences(p.text)]
        best, sim = "", 0.0
        if cands:
            vecs = embedder.embed_documents(cands)
            sims = vecs @ np.asarray(embedder.embed_query(claim), dtype=np.float32)
            i = int(np.argmax(sims))
            best, sim = cands[i], float(sims[i])
        ok = overlap >= MIN_OVERLAP or sim >= MIN_SIMILARITY
        results.append(
            Checked(
                sentence,
                nums,
                ok,
                best,
                "" if ok else f"not supported by source {nums} (overlap {overlap:.2f}, similarity {sim:.2f})",
            )
        )
    return results

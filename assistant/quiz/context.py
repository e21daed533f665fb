"""What the question generators share: the retriever, the chosen reports, a seeded random
source, and cached views of each report's sentences."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, replace
from functools import cached_property

from ..records import Chunk, Citation, ReportMeta
from .select import QuizSource
from .text import Sentence, clean, content_words, month_year, possessive, sentences

POOL_REPORTS = 20  # other reports sampled for finding distractors (without a topic)
POOL_TOPIC_K = 60  # passages searched across the index for topic distractors


@dataclass(frozen=True)
class Located:
    """A sentence of a report with the chunk it is in."""

    sentence: Sentence
    chunk: Chunk

    @property
    def text(self) -> str:
        return self.sentence.text


class Context:
    def __init__(self, retriever, source: QuizSource, rng: random.Random):
        self.retriever = retriever
        self.source = source
        self.rng = rng
        self._sentences: dict[str, list[Located]] = {}
        self._words: dict[str, list[frozenset[str]]] = {}
        self._drawn: dict[str, list[Located]] = {}
        self.cache: dict[str, dict] = {}  # generators' own caches

    # -- reports ------------------------------------------------------------------------
    @cached_property
    def all_reports(self) -> list[ReportMeta]:
        return list(self.retriever.catalog.reports)

    @cached_property
    def _authority_names(self) -> re.Pattern:
        names = sorted({m.local_authority for m in self.all_reports if m.local_authority}, key=len, reverse=True)
        if not names:
            return re.compile(r"(?!x)x")
        return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")

    def names_authority(self, text: str) -> bool:
        """Whether the text names an indexed local authority ("Dorset's front door ...")."""
        return bool(self._authority_names.search(text))

    def history(self, meta: ReportMeta) -> list[ReportMeta]:
        return self.retriever.catalog.history(meta.local_authority)

    @staticmethod
    def when(meta: ReportMeta) -> str:
        """ "May 2025": the report's publication month (inspection end when unpublished)."""
        return month_year(meta.published or meta.inspection_end or meta.inspection_start) or "undated"

    def report_name(self, meta: ReportMeta) -> str:
        """ "Dorset's May 2025 inspection report"."""
        return f"{possessive(meta.local_authority or 'the local authority')} {self.when(meta)} inspection report"

    # -- sentences ----------------------------------------------------------------------
    def chunks(self, meta: ReportMeta) -> list[Chunk]:
        return self.retriever.report_chunks(meta.report_id)

    def report_sentences(self, meta: ReportMeta) -> list[Located]:
        """Every sentence of the report (all chunks, reading order)."""
        if meta.report_id not in self._sentences:
            self._sentences[meta.report_id] = _located(self.chunks(meta))
        return self._sentences[meta.report_id]

    def report_words(self, meta: ReportMeta) -> list[frozenset[str]]:
        if meta.report_id not in self._words:
            self._words[meta.report_id] = [content_words(s.text) for s in self.report_sentences(meta)]
        return self._words[meta.report_id]

    def in_report(self, meta: ReportMeta, text: str, threshold: float) -> bool:
        """Whether some sentence of the report shares at least ``threshold`` of the text's key
        words (so the text cannot serve as something the report does not say)."""
        key = content_words(text)
        if not key:
            return True
        need = threshold * len(key)
        return any(len(key & w) >= need for w in self.report_words(meta))

    def drawn_sentences(self, meta: ReportMeta) -> list[Located]:
        """The sentences questions are drawn from: the topic passages (best first) or the whole
        report."""
        if meta.report_id not in self._drawn:
            self._drawn[meta.report_id] = _located(self.source.chunks(meta))
        return self._drawn[meta.report_id]

    def citation(self, chunk: Chunk, paragraph: str | None = None) -> Citation:
        c = self.retriever.citation(chunk)
        return replace(c, paragraph=paragraph) if paragraph is not None else c

    # -- distractor pools ---------------------------------------------------------------
    @cached_property
    def pool_chunks(self) -> list[Chunk]:
        """Chunks of other reports to draw finding distractors from: the topic's best passages
        across the index, or every chunk of a sample of reports."""
        if self.source.topic:
            by_id: dict[str, Chunk] = {}
            passages = self.source.retriever.search(self.source.query, k=POOL_TOPIC_K)
            wanted = {p.chunk_id for p in passages}
            reports = {p.citation.report_id for p in passages}
            for rid in sorted(reports):
                for c in self.retriever.report_chunks(rid):
                    if c.id in wanted:
                        by_id[c.id] = c
            return [by_id[p.chunk_id] for p in passages if p.chunk_id in by_id]
        reports = sorted(self.all_reports, key=lambda m: m.report_id)
        chosen_ids = {m.report_id for m in self.source.reports}
        others = [m for m in reports if m.report_id not in chosen_ids]
        picked = self.rng.sample(others, min(POOL_REPORTS, len(others))) if others else []
        if len(chosen_ids) <= POOL_REPORTS // 2:  # a few selected reports serve each other too
            picked += [m for m in reports if m.report_id in chosen_ids]
        return [c for m in picked for c in self.retriever.report_chunks(m.report_id)]

    @cached_property
    def pool_sentences(self) -> list[Located]:
        return _located(self.pool_chunks)


def located(chunks: list[Chunk]) -> list[Located]:
    """Every sentence of the chunks, each with its chunk."""
    return _located(chunks)


def _located(chunks: list[Chunk]) -> list[Located]:
    out = []
    for c in chunks:
        for s in sentences(c.text, c.paragraph):
            out.append(Located(s, c))
    return out


def explanation(prefix: str, chunk: Chunk, paragraph: str, quote: str) -> str:
    where = f"page {chunk.page}" + (f", paragraph {paragraph}" if paragraph else "")
    return f'{prefix} The report says ({where}): "{clean(quote)}"'

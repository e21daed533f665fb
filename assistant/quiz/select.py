"""Which reports and passages a quiz is drawn from.

Reports are chosen by path (the source as ingested, or the file's path), by authority name
(recognised with the retriever's authority matcher, so "BCP" or "Bournemouth" work), and by
publication date; a topic phrase then picks each report's passages with ``Retriever.search``
restricted to that one report.
"""

from __future__ import annotations

import copy
import os

from ..errors import AssistantError
from ..records import Chunk, ReportMeta
from ..topic_words import topic_words

TOPIC_K = 8  # passages per report for a topic


class QuizSelectionError(AssistantError):
    """The quiz's selection matches no report; the message says what is in the index."""


class QuizSource:
    """The reports a quiz is about and, per report, the chunks to draw findings from: the
    topic's passages best first (searched when a report is first drawn from), or every chunk in
    reading order."""

    def __init__(self, retriever, reports: list[ReportMeta], topic: str = ""):
        self.retriever = retriever
        self.reports = reports
        self.topic = topic
        # trainers' words: "kids in care" is searched as "kids in care children in care", and
        # items "about the topic" are those about "children in care"
        words = topic_words(topic) if topic.strip() else None
        self.query = words.query if words else ""
        self.topic_name = words.name if words else ""
        self.notes: list[str] = []
        self._chunks: dict[str, list[Chunk]] = {}

    def chunks(self, meta: ReportMeta) -> list[Chunk]:
        if meta.report_id not in self._chunks:
            if self.topic:
                found = topic_chunks(self.retriever, meta, self.query)
                if not found:
                    self.notes.append(
                        f"No passage of {meta.local_authority} ({meta.published}) matches '{self.topic}'."
                    )
            else:
                found = list(self.retriever.report_chunks(meta.report_id))
            self._chunks[meta.report_id] = found
        return self._chunks[meta.report_id]

    def describe(self) -> dict:
        return {
            "reports": [r.source for r in self.reports],
            "authorities": sorted({r.local_authority for r in self.reports}),
            "topic": self.topic,
            "notes": list(self.notes),
        }


class _QueryCache:
    """An embedder that remembers its query embeddings (a quiz searches one topic many times)."""

    def __init__(self, inner):
        self._inner = inner
        self._cache: dict[str, object] = {}

    def embed_query(self, text: str):
        if text not in self._cache:
            self._cache[text] = self._inner.embed_query(text)
        return self._cache[text]

    def __getattr__(self, name):
        return getattr(self._inner, name)


def with_query_cache(retriever):
    """A shallow copy of the retriever (same store, catalog and keyword index) whose topic
    embeddings are computed once; the shared retriever itself is left untouched."""
    try:
        view = copy.copy(retriever)
        view.embedder = _QueryCache(retriever.embedder)
        return view
    except (TypeError, AttributeError, copy.Error):  # a retriever-like object that cannot be copied works uncached
        return retriever


def _matches_path(meta: ReportMeta, path: str) -> bool:
    p = path.strip().replace("\\", "/")
    if not p:
        return False
    candidates = {meta.source, meta.path, os.path.basename(meta.source)}
    if p in candidates:
        return True
    absolute = os.path.abspath(os.path.expanduser(p))
    if meta.path and os.path.abspath(meta.path) == absolute:
        return True
    return absolute.endswith("/" + meta.source) or (len(p) > 4 and meta.source.endswith("/" + p.lstrip("./")))


def _in_dates(meta: ReportMeta, published_from: str, published_to: str) -> bool:
    when = meta.published or meta.inspection_end or meta.inspection_start
    if not (published_from or published_to):
        return True
    if not when:
        return False
    if published_from and when < published_from:
        return False
    # "2025" or "2025-05" as an upper bound includes the whole year / month
    return not (published_to and when[: len(published_to)] > published_to)


def select_reports(
    retriever, authorities=(), reports=(), published_from: str = "", published_to: str = ""
) -> list[ReportMeta]:
    """The reports matching every criterion given, oldest first (all reports when none is)."""
    catalog = retriever.catalog
    chosen = list(catalog.reports)
    if reports:
        wanted: list[ReportMeta] = []
        for path in sorted(set(reports)):
            hits = [m for m in catalog.reports if _matches_path(m, path)]
            if not hits:
                raise QuizSelectionError(
                    f"No indexed report matches the path '{path}'. Give the path as ingested, e.g. "
                    f"'{catalog.reports[0].source if catalog.reports else 'folder/report.pdf'}' "
                    "(`assistant search` lists sources), or ingest the file first."
                )
            wanted += hits
        ids = {m.report_id for m in wanted}
        chosen = [m for m in chosen if m.report_id in ids]
    if authorities:
        names: list[str] = []
        for a in sorted(set(authorities)):
            found = [n.lower() for n in retriever.matcher.find(a)] or [a.strip().lower()]
            missing = [n for n in found if not catalog.history(n)]
            if missing:
                known = ", ".join(sorted({m.local_authority for m in catalog.reports})[:12])
                raise QuizSelectionError(f"No report of '{a}' is in the index. Authorities indexed include: {known}.")
            names += found
        chosen = [m for m in chosen if m.local_authority.lower() in names]
    if published_from or published_to:
        chosen = [m for m in chosen if _in_dates(m, published_from, published_to)]
    if not chosen:
        raise QuizSelectionError(
            "No indexed report matches this selection"
            + (
                f" (published {published_from or '…'} to {published_to or '…'})"
                if published_from or published_to
                else ""
            )
            + ". Widen the dates or choose other reports."
        )
    return sorted(chosen, key=lambda m: (m.published, m.source))


def topic_chunks(retriever, meta: ReportMeta, topic: str, k: int = TOPIC_K) -> list[Chunk]:
    """The report's chunks that best match the topic, best first (via ``Retriever.search``
    restricted to this one report by authority and publication date)."""
    by_id = {c.id: c for c in retriever.report_chunks(meta.report_id)}
    if not meta.published:  # cannot restrict the search to this report by date: rank by words
        return _keyword_rank(list(by_id.values()), topic)[:k]
    passages = retriever.search(
        topic, k=k, authority=meta.local_authority, published_from=meta.published, published_to=meta.published
    )
    return [by_id[p.chunk_id] for p in passages if p.chunk_id in by_id]


def _keyword_rank(chunks: list[Chunk], topic: str) -> list[Chunk]:
    from .text import content_words

    want = content_words(topic)
    scored = [(len(want & content_words(c.text)), i, c) for i, c in enumerate(chunks)]
    return [c for s, _, c in sorted(scored, key=lambda x: (-x[0], x[1])) if s > 0]


def build_source(
    retriever, authorities=(), reports=(), topic: str = "", published_from: str = "", published_to: str = ""
) -> QuizSource:
    chosen = select_reports(retriever, authorities, reports, published_from, published_to)
    topic = topic.strip()
    return QuizSource(with_query_cache(retriever) if topic else retriever, chosen, topic=topic)

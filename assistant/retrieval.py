"""Retriever: hybrid search (Chroma dense + BM25) that understands authorities and dates.

from assistant import Retriever
r = Retriever.open()                       # index/server from env or arguments
for p in r.search("What does Dorset need to improve?", k=5):
    print(p.score, p.citation.label(), p.text[:80])
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .catalog import Catalog, Selection
from .embedding import Embedder, make_embedder
from .keyword import tokenize
from .query import AuthorityMatcher, QueryFilters, parse_query
from .records import Chunk, Citation, Passage, ReportMeta
from .section_boosts import SECTION_BOOSTS
from .settings import Settings
from .snapshot import Snapshot
from .store import ChromaStore

RRF_K = 60
DENSE_WEIGHT = 1.0
KEYWORD_WEIGHT = 1.0
INTENT_BOOST = 1.0 / RRF_K  # as much as a first rank in one list
CANDIDATES = 60
DUPLICATE_JACCARD = 0.8
# Words every report shares (they would pull the cover page): left out of the search text.
_FILLER = re.compile(
    r"\b(what|how|did|do|does|the|ofsted|inspectors?|inspections?|reports?|say|says|said|find|found|"
    r"note[sd]?|comment(ed)?|about|children['’]s services)\b",
    re.IGNORECASE,
)
_INTENTS = SECTION_BOOSTS  # verbose regexes, matched case-insensitively


@dataclass(frozen=True)
class Retrieval:
    """What a search used and found: the passages, the filters understood, the reports chosen."""

    passages: tuple[Passage, ...]
    filters: QueryFilters
    selection: Selection

    @property
    def notes(self) -> tuple[str, ...]:
        return self.selection.notes


class Retriever:
    """Thread-safe; the embedding model and the keyword index load on first use."""

    def __init__(self, store: ChromaStore, embedder: Embedder, settings: Settings):
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self._lock = threading.RLock()
        self._snap: Snapshot | None = None
        self._catalog: Catalog | None = None
        self._matcher: AuthorityMatcher | None = None
        self._revision = ""
        self._checked = 0.0
        self._reranker = None

    @classmethod
    def open(
        cls,
        index: str | None = None,
        chroma_host: str | None = None,
        chroma_port: int | None = None,
        model: str | None = None,
        collection: str | None = None,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
    ) -> Retriever:
        """Open an existing index (embedded folder, or a Chroma server when chroma_host is set)."""
        settings = (settings or Settings.from_env()).with_(
            index_path=index, chroma_host=chroma_host, chroma_port=chroma_port, model=model, collection=collection
        )
        embedder = embedder or make_embedder(settings.model)
        store = ChromaStore(settings).open(embedder.name)
        return cls(store, embedder, settings)

    # -- cached views of the index -------------------------------------------------------
    def _refresh(self) -> None:
        """Reload the catalog and keyword index when the collection changed (checked at most
        every 30 s)."""
        now = time.time()
        if self._catalog is not None and now - self._checked < 30:
            return
        with self._lock:
            if self._catalog is not None and now - self._checked < 30:
                return
            revision = self.store.revision()
            if revision != self._revision or self._catalog is None:
                self._catalog = Catalog(self.store.reports())
                self._matcher = AuthorityMatcher(self._known_authorities())
                self._snap = Snapshot.cached(self._cache_dir(), revision, lambda: self.store.iter_chunks(vectors=True))
                self._revision = revision
            self._checked = now

    def _known_authorities(self) -> list[str]:
        """Indexed authorities plus every authority in the manifest, so that a question about
        an authority with no indexed report is recognised (and answered "not in the index")."""
        from .query import load_known_authorities

        try:
            listed = load_known_authorities(self.settings.manifest)
        except OSError:
            listed = []
        return sorted(set(self._catalog.authorities) | {a.lower() for a in listed})

    def _cache_dir(self) -> Path:
        s = self.settings
        if s.chroma_host:
            return Path.home() / ".cache" / "ofsted-assistant" / f"{s.chroma_host}_{s.chroma_port}_{s.collection}"
        return Path(s.index_path) / "cache" / s.collection

    @property
    def catalog(self) -> Catalog:
        self._refresh()
        return self._catalog  # type: ignore[return-value]

    @property
    def matcher(self) -> AuthorityMatcher:
        self._refresh()
        return self._matcher  # type: ignore[return-value]

    def reports(self) -> list[ReportMeta]:
        return list(self.catalog.reports)

    # -- search ---------------------------------------------------------------------------
    def understand(
        self,
        query: str,
        authority: str | list[str] | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
    ) -> QueryFilters:
        """The filters a question implies; explicit arguments win over what the text says."""
        f = parse_query(query, self.matcher)
        if authority:
            names = [authority] if isinstance(authority, str) else list(authority)
            found = []
            for n in names:
                found += list(self.matcher.find(n)) or [n.lower()]
            f = _replace(f, authorities=tuple(dict.fromkeys(found)))
        if published_from or published_to:
            f = _replace(
                f,
                published_from=published_from or "",
                published_to=published_to or "",
                exact_date="",
                recency="",
                date_text=f"{published_from or '…'} to {published_to or '…'}",
            )
        return f

    def search(
        self,
        query: str,
        k: int = 5,
        authority: str | list[str] | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
    ) -> list[Passage]:
        """The k passages that best answer query, best first."""
        return list(self.retrieve(query, k, authority, published_from, published_to).passages)

    def retrieve(
        self,
        query: str,
        k: int = 5,
        authority: str | list[str] | None = None,
        published_from: str | None = None,
        published_to: str | None = None,
        filters: QueryFilters | None = None,
    ) -> Retrieval:
        self._refresh()
        # one snapshot for the whole query: a refresh meanwhile (an ingest while serving) swaps
        # self._snap, and rows of one snapshot must never index the chunks of another
        snap = self._snap
        assert snap is not None
        f = filters or self.understand(query, authority, published_from, published_to)
        selection = self.catalog.select(f)
        if selection.restricted and not selection.reports:
            return Retrieval((), f, selection)
        text = focus(f.topic or query)
        rows = self._candidate_rows(snap, selection)
        fused = self._fuse(snap, query, text, rows)
        passages = self._passages(snap, fused, k, f)
        return Retrieval(tuple(passages), f, selection)

    def _candidate_rows(self, snap: Snapshot, selection: Selection) -> np.ndarray | None:
        if not selection.restricted:
            return None
        rows = snap.report_rows
        parts = [rows[r] for r in selection.report_ids if r in rows]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=int)

    def _fuse(self, snap: Snapshot, query: str, text: str, rows: np.ndarray | None) -> list[tuple[int, float]]:
        kw = snap.keyword
        # dense: over the chosen reports in numpy (a filtered Chroma query is ~10x slower);
        # over the whole index in Chroma. Within chosen reports the authority and dates add
        # nothing, so the topic alone is embedded.
        if rows is not None:
            vector = self.embedder.embed_query(text if len(text.split()) >= 2 else query)
            dense = snap.dense(vector, rows[~kw.boilerplate[rows]], CANDIDATES)
        else:
            hits = self.store.query(self.embedder.embed_query(query), CANDIDATES)
            dense = [(snap.row[h.chunk.id], h.score) for h in hits if h.chunk.id in snap.row]
        dense_rank = {i: r for r, i in enumerate(i for i, _ in dense if not kw.boilerplate[i])}
        # keyword: BM25 over all chunks, masked to the chosen reports
        scores = kw.scores(text)
        if rows is not None:
            masked = np.full_like(scores, -1.0)
            masked[rows] = scores[rows]
            scores = masked
        scores = np.where(kw.boilerplate, -1.0, scores)
        top = np.argsort(-scores)[:CANDIDATES]
        kw_rank = {int(i): r for r, i in enumerate(top) if scores[i] > 0}
        fused: dict[int, float] = {}
        for i, r in dense_rank.items():
            fused[i] = fused.get(i, 0.0) + DENSE_WEIGHT / (RRF_K + r + 1)
        for i, r in kw_rank.items():
            fused[i] = fused.get(i, 0.0) + KEYWORD_WEIGHT / (RRF_K + r + 1)
        for intent in _INTENTS:
            if re.search(intent["query"], query, re.IGNORECASE):
                for i in fused:
                    c = kw.chunks[i]
                    if (
                        ("heading" in intent and re.search(intent["heading"], c.heading, re.IGNORECASE))
                        or ("text" in intent and re.search(intent["text"], c.text, re.IGNORECASE))
                        or ("page" in intent and c.page == intent["page"])
                    ):
                        fused[i] += INTENT_BOOST
        ranked = sorted(fused.items(), key=lambda x: -x[1])
        return self._rerank(snap, query, ranked)

    def _rerank(self, snap: Snapshot, query: str, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        if not self.settings.reranker:
            return ranked
        with self._lock:
            if self._reranker is None:
                from sentence_transformers import CrossEncoder

                self._reranker = CrossEncoder(self.settings.reranker, device="cpu")
        head = ranked[:30]
        chunks = snap.chunks
        scores = self._reranker.predict([(query, chunks[i].text) for i, _ in head])
        return sorted(((i, float(s)) for (i, _), s in zip(head, scores)), key=lambda x: -x[1]) + ranked[30:]

    def _passages(self, snap: Snapshot, ranked: list[tuple[int, float]], k: int, f: QueryFilters) -> list[Passage]:
        chunks = snap.chunks
        asked = set(f.authorities)
        out: list[Passage] = []
        kept_words: list[tuple[str, set[str]]] = []
        for i, score in ranked:
            c = chunks[i]
            words = set(c.text.lower().split())
            dup = any(
                _jaccard(words, w) >= DUPLICATE_JACCARD
                and (a != c.local_authority.lower() and not {a, c.local_authority.lower()} <= asked)
                for a, w in kept_words
            )
            if dup:
                continue
            kept_words.append((c.local_authority.lower(), words))
            out.append(Passage(text=c.text, score=round(float(score), 6), citation=self.citation(c), chunk_id=c.id))
            if len(out) >= k:
                break
        return out

    def citation(self, c: Chunk) -> Citation:
        meta = self.catalog.by_id.get(c.report_id)
        return Citation(
            source=c.source,
            report_id=c.report_id,
            title=meta.title if meta else "",
            local_authority=c.local_authority,
            published=c.published,
            page=c.page,
            paragraph=c.paragraph,
            heading=c.heading,
            url=meta.url if meta else "",
        )

    def knows_word(self, word: str) -> bool:
        """Whether the indexed reports use this word (after the keyword index's stemming)."""
        self._refresh()
        snap = self._snap
        vocab = snap.keyword.bm25.vocab_dict if snap is not None else {}
        return any(t in vocab for t in tokenize(word))

    def passage_share(self, stem: str) -> float | None:
        """The share of indexed passages holding this stem (how rare a word is in the reports)."""
        self._refresh()
        snap = self._snap
        return snap.keyword.share(stem) if snap is not None else None

    def reports_mentioning(self, stem: str) -> set[str]:
        """The ids of the reports with a passage holding this stem."""
        self._refresh()
        snap = self._snap
        if snap is None:
            return set()
        return {snap.keyword.chunks[int(i)].report_id for i in snap.keyword.holding(stem)}

    def report_chunks(self, report_id: str) -> list[Chunk]:
        self._refresh()
        snap = self._snap  # one snapshot: rows and chunks must come from the same one
        assert snap is not None
        rows = snap.report_rows.get(report_id, np.zeros(0, dtype=int))
        return [snap.chunks[i] for i in rows]

    def as_langchain(self, k: int = 5):
        """A LangChain ``BaseRetriever`` over this retriever."""
        from .langchain_adapter import OfstedRetriever

        return OfstedRetriever(retriever=self, k=k)


def focus(text: str) -> str:
    """The search text without words every report shares; unchanged if little would remain."""
    kept = " ".join(_FILLER.sub(" ", text).split()).strip(" ?.,")
    return kept if len(kept.split()) >= 2 else text


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _replace(f: QueryFilters, **changes) -> QueryFilters:
    from dataclasses import replace

    return replace(f, **changes)

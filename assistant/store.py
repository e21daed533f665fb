"""The index: Chroma behind one small class. The only module that imports chromadb.

Two collections: ``<name>_chunks`` (one record per chunk, with its embedding and citation
metadata) and ``<name>_reports`` (one record per report: its ReportMeta as JSON). A
report record is written last, after all its chunks, so it marks a complete report:
an interrupted ingest is redone on the next run, never half-kept.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import IndexMissingError, ModelMismatchError, StoreUnavailableError
from .records import Chunk, ReportMeta
from .settings import Settings

_DUMMY = [1.0]  # the reports collection needs an embedding per record; it is never searched


@dataclass(frozen=True)
class Hit:
    chunk: Chunk
    score: float  # cosine similarity


def _chunk_metadata(c: Chunk) -> dict:
    return {
        "report_id": c.report_id,
        "source": c.source,
        "page": c.page,
        "paragraph": c.paragraph,
        "heading": c.heading,
        "local_authority": c.local_authority,
        "authority_key": c.local_authority.lower(),
        "published": c.published,
        "year": c.year,
    }


def _chunk_from(id_: str, text: str, m: dict) -> Chunk:
    return Chunk(
        id=id_,
        text=text,
        report_id=m.get("report_id", ""),
        source=m.get("source", ""),
        page=int(m.get("page", 0)),
        paragraph=m.get("paragraph", ""),
        heading=m.get("heading", ""),
        local_authority=m.get("local_authority", ""),
        published=m.get("published", ""),
    )


class ChromaStore:
    """Chunks and report records in Chroma (embedded PersistentClient or HttpClient)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._client = None
        self._chunks = None
        self._reports = None
        self._lock = threading.Lock()

    # -- connection -------------------------------------------------------------------
    @property
    def client(self):
        if self._client is None:
            import chromadb
            from chromadb.config import Settings as ChromaSettings

            s = self.settings
            opts = ChromaSettings(anonymized_telemetry=False)
            try:
                if s.chroma_host:
                    self._client = chromadb.HttpClient(host=s.chroma_host, port=s.chroma_port, settings=opts)
                    self._client.heartbeat()
                else:
                    self._client = chromadb.PersistentClient(path=s.index_path, settings=opts)
            except Exception as e:  # noqa: BLE001 - connection errors differ by transport
                if s.chroma_host:
                    raise StoreUnavailableError(s.where, str(e)[:200]) from e
                raise
        return self._client

    def _names(self) -> tuple[str, str]:
        return f"{self.settings.collection}_chunks", f"{self.settings.collection}_reports"

    def exists(self) -> bool:
        try:
            names = {c if isinstance(c, str) else c.name for c in self.client.list_collections()}
        except StoreUnavailableError:
            raise
        return self._names()[0] in names

    def open(self, model: str, create: bool = False) -> ChromaStore:
        """Open (or create) the collections; refuse an index built with another model."""
        chunks_name, reports_name = self._names()
        with self._lock:
            if not create and not self.settings.chroma_host and not Path(self.settings.index_path).is_dir():
                raise IndexMissingError(self.settings.where)  # do not create an empty folder
            if not create and not self.exists():
                raise IndexMissingError(self.settings.where)
            self._chunks = self.client.get_or_create_collection(
                chunks_name,
                metadata={"embedding_model": model},
                embedding_function=None,
                configuration={"hnsw": {"space": "cosine", "ef_search": 200}},
            )
            self._reports = self.client.get_or_create_collection(reports_name, embedding_function=None)
        built_with = (self._chunks.metadata or {}).get("embedding_model", model)
        if built_with != model:
            raise ModelMismatchError(built_with, model, self.settings.where)
        return self

    def drop(self) -> None:
        """Delete both collections (a rebuild)."""
        from chromadb.errors import NotFoundError

        for name in self._names():
            try:
                self.client.delete_collection(name)
            except (NotFoundError, ValueError):  # absent already
                pass
        self._chunks = self._reports = None

    @property
    def model(self) -> str:
        return (self._chunks.metadata or {}).get("embedding_model", "")

    # -- reports ----------------------------------------------------------------------
    def reports(self) -> list[ReportMeta]:
        got = self._reports.get(include=["documents"])
        return [ReportMeta.from_dict(json.loads(d)) for d in got["documents"]]

    def report_states(self) -> dict[str, tuple[str, int, int]]:
        """source -> (sha256, metadata extractor version, chunker version) of every completely
        indexed report."""
        got = self._reports.get(include=["metadatas"])
        return {
            m["source"]: (m["sha256"], int(m.get("metadata_version", 0)), int(m.get("chunking_version", 0)))
            for m in got["metadatas"]
        }

    def report_shas(self) -> dict[str, str]:
        """source -> sha256 of every completely indexed report."""
        return {source: sha for source, (sha, *_versions) in self.report_states().items()}

    def update_report(self, meta: ReportMeta, metadata_version: int = 0, chunking_version: int = 0) -> None:
        """Rewrite a report record only (metadata re-extracted; chunks unchanged)."""
        self._write_report(meta, metadata_version, chunking_version)

    def replace_report(
        self,
        meta: ReportMeta,
        chunks: Sequence[Chunk],
        embeddings: np.ndarray,
        metadata_version: int = 0,
        chunking_version: int = 0,
    ) -> None:
        """Remove whatever the index holds for this source, add the new chunks, then mark the
        report complete. Safe to interrupt at any point: a rerun redoes it."""
        self._chunks.delete(where={"source": meta.source})
        batch = max(1, min(1000, self.client.get_max_batch_size()))
        for i in range(0, len(chunks), batch):
            part = chunks[i : i + batch]
            self._chunks.upsert(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                embeddings=embeddings[i : i + batch],
                metadatas=[_chunk_metadata(c) for c in part],
            )
        self._write_report(meta, metadata_version, chunking_version)

    def _write_report(self, meta: ReportMeta, metadata_version: int, chunking_version: int) -> None:
        self._reports.upsert(
            ids=[meta.report_id],
            embeddings=[_DUMMY],
            documents=[json.dumps(meta.to_dict())],
            metadatas=[
                {
                    "source": meta.source,
                    "sha256": meta.sha256,
                    "local_authority": meta.local_authority,
                    "published": meta.published,
                    "framework": meta.framework,
                    "metadata_version": metadata_version,
                    "chunking_version": chunking_version,
                }
            ],
        )

    def delete_report(self, source: str) -> None:
        self._chunks.delete(where={"source": source})
        self._reports.delete(where={"source": source})

    # -- chunks -----------------------------------------------------------------------
    def count(self) -> int:
        return self._chunks.count()

    def query(self, embedding: np.ndarray, k: int, where: dict | None = None) -> list[Hit]:
        n = min(k, max(1, self.count()))
        got = self._chunks.query(
            query_embeddings=[np.asarray(embedding, dtype=np.float32)],
            n_results=n,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            Hit(_chunk_from(i, d, m), 1.0 - float(dist))
            for i, d, m, dist in zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0])
        ]

    def get_chunks(self, where: dict | None = None, ids: Sequence[str] | None = None) -> list[Chunk]:
        got = self._chunks.get(where=where, ids=list(ids) if ids else None, include=["documents", "metadatas"])
        return [_chunk_from(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])]

    def iter_chunks(
        self, batch: int = 5000, vectors: bool = False
    ) -> Iterator[Chunk] | Iterator[tuple[Chunk, np.ndarray]]:
        """Every chunk (with its embedding when vectors=True), in batches."""
        include = ["documents", "metadatas"] + (["embeddings"] if vectors else [])
        offset = 0
        while True:
            got = self._chunks.get(limit=batch, offset=offset, include=include)
            if not len(got["ids"]):
                return
            embs = got["embeddings"] if vectors else [None] * len(got["ids"])
            for i, d, m, e in zip(got["ids"], got["documents"], got["metadatas"], embs):
                yield (_chunk_from(i, d, m), np.asarray(e, dtype=np.float32)) if vectors else _chunk_from(i, d, m)
            offset += len(got["ids"])

    def revision(self) -> str:
        """Changes whenever a report is added, replaced or removed (cache key for BM25)."""
        state = sorted((source, *versions) for source, versions in self.report_states().items())
        return hashlib.sha256(json.dumps([state, self.count()]).encode()).hexdigest()[:16]

"""A read-only snapshot of the index for fast search: every chunk, its embedding, and the
BM25 index over them, cached on disk under the collection's revision (rebuilt when the
collection changes). Dense search restricted to a few reports runs here in numpy, which is
much faster than a filtered Chroma query; unrestricted dense search stays in Chroma."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np

from .keyword import KeywordIndex
from .records import Chunk

VERSION = 3  # 3: Snowball-stemmed keyword tokens (vocabulary.tokenize)


class Snapshot:
    def __init__(self, pairs: list[tuple[Chunk, np.ndarray]]):
        self.chunks = [c for c, _ in pairs]
        dim = len(pairs[0][1]) if pairs else 0
        self.vectors = np.stack([v for _, v in pairs]).astype(np.float32) if pairs else np.zeros((0, dim), np.float32)
        self.keyword = KeywordIndex(self.chunks)
        self.row = {c.id: i for i, c in enumerate(self.chunks)}
        by_report: dict[str, list[int]] = {}
        for i, c in enumerate(self.chunks):
            by_report.setdefault(c.report_id, []).append(i)
        self.report_rows = {k: np.asarray(v) for k, v in by_report.items()}

    def dense(self, query_vector: np.ndarray, rows: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Top-k rows by cosine (vectors are normalised) among the given rows."""
        if not len(rows):
            return []
        sims = self.vectors[rows] @ np.asarray(query_vector, dtype=np.float32)
        top = np.argsort(-sims)[:k]
        return [(int(rows[i]), float(sims[i])) for i in top]

    @classmethod
    def cached(cls, cache_dir: Path, revision: str, load_pairs) -> Snapshot:
        """Load the snapshot of this revision from cache_dir, or build it from load_pairs()
        and save it, removing snapshots of older revisions."""
        cache_dir.mkdir(parents=True, exist_ok=True)
        path = cache_dir / f"snapshot-v{VERSION}-{revision}.pkl"
        if path.is_file():
            try:
                with path.open("rb") as f:
                    return pickle.load(f)
            except (pickle.UnpicklingError, EOFError, OSError, AttributeError, ImportError, ValueError, TypeError):
                # a damaged or outdated cache file is rebuilt
                path.unlink(missing_ok=True)
        snap = cls(list(load_pairs()))
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as f:
            pickle.dump(snap, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for old in list(cache_dir.glob("snapshot-*.pkl")) + list(cache_dir.glob("bm25-*.pkl")):
            if old != path:
                old.unlink(missing_ok=True)
        return snap

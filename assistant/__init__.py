"""Answers questions about Ofsted children's services inspection reports, with citations.

Public API::

    from assistant import Retriever, Assistant, Passage, Citation, Answer, Settings
"""

from .records import Answer, Chunk, Citation, CitedQuote, Passage, ReportMeta
from .settings import Settings

__all__ = ["Answer", "Assistant", "Chunk", "Citation", "CitedQuote", "Passage", "ReportMeta", "Retriever", "Settings"]


def __getattr__(name: str):  # heavy modules load on first use
    if name == "Retriever":
        from .retrieval import Retriever

        return Retriever
    if name == "Assistant":
        from .answering.assistant import Assistant

        return Assistant
    raise AttributeError(name)

"""The Retriever as a LangChain ``BaseRetriever``: Documents carry the citation metadata."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever


class OfstedRetriever(BaseRetriever):
    retriever: Any
    k: int = 5

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [
            Document(page_content=p.text, id=p.chunk_id or None, metadata={**asdict(p.citation), "score": p.score})
            for p in self.retriever.search(query, k=self.k)
        ]

"""Optional LLM answerer: any OpenAI-compatible endpoint (Ollama, llama.cpp server, vLLM,
OpenAI, Azure) through LangChain chat models. Off unless ASSISTANT_LLM_BASE_URL is set.

The prompt (prompts/*.md) numbers the sources and requires [n] citations; the reply
streams. Afterwards every sentence is checked (verify.py): one without a valid citation or
not supported by its cited passage is removed; if nothing survives, the extractive answer
is used instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..errors import LLMError
from ..query import QueryFilters
from ..records import Answer, CitedQuote, Passage
from . import verify

PROMPTS = Path(__file__).parent / "prompts"
log = logging.getLogger(__name__)
# Report text that reads like an instruction to the model is withheld from it (and from the
# evidence that supports a sentence): report text is data, never instructions.
_INSTRUCTION = re.compile(
    r"[^.!?\n]*\b(ignore|disregard|forget|override)\b[^.!?\n]{0,40}\b(instructions?|prompt|rules|above|previous)\b[^.!?\n]*[.!?]?"
    r"|[^.!?\n]*\b(system prompt|you are now|act as|new instructions)\b[^.!?\n]*[.!?]?",
    re.IGNORECASE,
)
WITHHELD = "[text withheld: it read like an instruction]"


def defang(p: Passage) -> Passage:
    """The passage with instruction-like sentences replaced by a marker."""
    text = _INSTRUCTION.sub(WITHHELD, p.text)
    return p if text == p.text else replace(p, text=text)


def _prompt(name: str) -> str:
    return (PROMPTS / name).read_text(encoding="utf-8")


class LLMAnswerer:
    def __init__(self, chat_model, k: int = 6):
        self.chat = chat_model
        self.k = k

    @classmethod
    def from_settings(cls, settings) -> LLMAnswerer:
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as e:
            raise LLMError("The LLM answerer needs langchain-openai: pip install 'ofsted-assistant[llm]'") from e
        if not settings.llm_model:
            raise LLMError("ASSISTANT_LLM_BASE_URL is set but ASSISTANT_LLM_MODEL is not: name the model to use.")
        chat = ChatOpenAI(
            base_url=settings.llm_base_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key or "not-needed",
            temperature=0,
            streaming=True,
            timeout=120,
            max_retries=1,
        )
        return cls(chat)

    # -- prompt ---------------------------------------------------------------------------
    def messages(self, question: str, passages: Sequence[Passage], history: Sequence[tuple[str, str]] = ()):
        from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

        source = _prompt("source.md")
        sources = "\n".join(
            source.format(
                n=i,
                authority=p.citation.local_authority,
                published=p.citation.published,
                page=p.citation.page,
                paragraph=p.citation.paragraph,
                text=p.text.replace("</source>", "</ source>"),
            )
            for i, p in enumerate(passages, 1)
        )
        msgs = [SystemMessage(_prompt("answer_system.md"))]
        for q, a in list(history)[-3:]:
            msgs += [HumanMessage(q), AIMessage(a)]
        msgs.append(HumanMessage(_prompt("answer_user.md").format(question=question, sources=sources)))
        return msgs

    # -- answering ------------------------------------------------------------------------
    def stream_text(self, question: str, passages: Sequence[Passage], history=()) -> Iterator[str]:
        try:
            for chunk in self.chat.stream(self.messages(question, passages, history)):
                if chunk.content:
                    yield chunk.content if isinstance(chunk.content, str) else str(chunk.content)
        except LLMError:
            raise
        except Exception as e:  # noqa: BLE001 - any client/server failure becomes an LLMError
            raise LLMError(f"The LLM backend failed: {str(e)[:200]}") from e

    def grounded(self, question: str, text: str, passages: Sequence[Passage], embedder, fallback: Answer) -> Answer:
        """Keep the supported, cited sentences of text; else the fallback answer."""
        if not text.strip() or "NOT FOUND" in text.upper()[:40]:
            return fallback
        numbered = {i: p for i, p in enumerate(passages, 1)}
        checked = verify.check(text, numbered, embedder)
        kept = [c for c in checked if c.supported]
        removed = len(checked) - len(kept)
        if not kept:
            return Answer(
                question,
                fallback.text,
                fallback.citations,
                fallback.abstained,
                fallback.inspections,
                fallback.notes
                + ("The LLM's answer could not be verified against the sources; showing the extractive answer.",),
            )
        used: dict[int, CitedQuote] = {}
        for c in kept:
            for n in c.numbers:
                used.setdefault(
                    n, CitedQuote(n, c.evidence if n == c.numbers[0] else numbered[n].text[:300], numbered[n])
                )
        notes = fallback.notes + (
            (f"Removed {removed} sentence(s) the cited sources did not support.",) if removed else ()
        )
        return Answer(
            question,
            "\n".join(c.sentence for c in kept),
            tuple(used[n] for n in sorted(used)),
            abstained=False,
            inspections=fallback.inspections,
            notes=notes,
        )

    def answer(
        self, assistant, question: str, filters: QueryFilters, history, fallback: Answer
    ) -> Iterator[str | Answer]:
        r = assistant.retriever.retrieve(question, k=self.k, filters=filters)
        if not r.passages:
            yield fallback
            return
        passages = [defang(p) for p in r.passages]
        text = ""
        try:
            for piece in self.stream_text(question, passages, history):
                text += piece
                yield text
        except LLMError as e:
            log.warning("%s", e)
            yield Answer(
                question,
                fallback.text,
                fallback.citations,
                fallback.abstained,
                fallback.inspections,
                fallback.notes + (f"{e} Showing the extractive answer.",),
            )
            return
        yield self.grounded(question, text, passages, assistant.retriever.embedder, fallback)

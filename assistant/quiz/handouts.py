"""Handouts for a quiz or a training pack, as Word (.docx) or Markdown: a learner copy without
answers and a trainer copy with the answer key. Both end with numbered references (authority,
report, publication date, page, paragraph, the Ofsted URL); the learner copy quotes no passage
that would give an answer away.

    from assistant.quiz.handouts import quiz_doc, pack_doc, write_handout
    write_handout(pack_doc(pack, trainer=True), "pack-trainer.docx")
    write_handout(quiz_doc(quiz, trainer=False), "quiz-learner.md")

The documents are built as :class:`assistant.history.export.Doc` and rendered by the same Word and
Markdown writers as the other exports (``to_docx``, ``to_markdown``).
"""

from __future__ import annotations

from pathlib import Path

from ..history.export import Doc, to_docx, to_markdown
from ..records import Citation, CitedQuote, Passage
from .model import Question, Quiz
from .pack import Pack

LETTERS = "ABCDEFGHIJ"
COPIES = ("trainer", "learner")


class _References:
    """Numbered citations, one number per cited place (report, page, paragraph)."""

    def __init__(self) -> None:
        self.citations: list[CitedQuote] = []
        self._numbers: dict[tuple, int] = {}

    def add(self, citation: Citation | None, quote: str) -> str:
        if citation is None:
            return ""
        key = (citation.report_id or citation.source, citation.page, citation.paragraph, quote)
        if key not in self._numbers:
            n = len(self.citations) + 1
            self._numbers[key] = n
            self.citations.append(CitedQuote(n, quote, Passage(quote, 0.0, citation)))
        return f" [{self._numbers[key]}]"


def _answer(q: Question) -> str:
    if q.options:
        i = q.correct_index()
        return f"{LETTERS[i]}) {q.options[i].text}"
    return " / ".join(q.answers)


def _questions(doc: Doc, questions, refs: _References, trainer: bool, start: int = 1) -> None:
    for i, q in enumerate(questions, start):
        doc.blocks.append(("p", f"**{i}.** {q.prompt}{refs.add(q.citation, q.quote if trainer else '')}"))
        for j, o in enumerate(q.options):
            doc.blocks.append(("li", f"{LETTERS[j]}) {o.text}"))
        if not q.options:
            doc.blocks.append(("p", "Answer: ______________________"))


def _key(doc: Doc, questions, start: int = 1) -> None:
    doc.blocks.append(("h", "Answer key"))
    for i, q in enumerate(questions, start):
        doc.blocks.append(("p", f"**{i}.** {_answer(q)}"))
        if q.explanation:
            doc.blocks.append(("note", q.explanation))


def quiz_doc(quiz: Quiz, trainer: bool = True) -> Doc:
    """The quiz as a handout: questions with their options (and the key for the trainer)."""
    copy = "trainer copy" if trainer else "learner copy"
    doc = Doc(f"{quiz.title} ({copy})")
    refs = _References()
    doc.blocks.append(
        ("p", f"{len(quiz.questions)} questions. Each is drawn from an inspection report cited in the references.")
    )
    doc.blocks.append(("h", "Questions"))
    _questions(doc, quiz.questions, refs, trainer)
    if trainer:
        _key(doc, quiz.questions)
    doc.citations = refs.citations
    return doc


def pack_doc(pack: Pack, trainer: bool = True) -> Doc:
    """The pack as a handout: the extracts, the discussion prompts and the quiz (and its key
    for the trainer)."""
    copy = "trainer copy" if trainer else "learner copy"
    doc = Doc(f"{pack.title} ({copy})")
    refs = _References()
    for note in pack.notes:
        doc.blocks.append(("note", note))
    authorities = len({e.citation.local_authority for e in pack.extracts})
    doc.blocks.append(
        (
            "p",
            f"Topic: **{pack.topic_name}** (searched for: {', '.join(pack.search_words)}). "
            f"{len(pack.extracts)} extract(s) from {authorities} authorit{'y' if authorities == 1 else 'ies'}, "
            "quoted as the reports word them, with the judgement of the area each stands in.",
        )
    )
    if pack.extracts:
        doc.blocks.append(("h", "Extracts"))
    for e in pack.extracts:
        doc.blocks.append(
            (
                "p",
                f"**Extract {e.letter}: {e.citation.local_authority}**, published {e.citation.published}, "
                f"page {e.citation.page}"
                + (f", paragraph {e.citation.paragraph}" if e.citation.paragraph else "")
                + f". {e.area_name.capitalize()} judged **{e.grade}**.{refs.add(e.citation, e.text)}",
            )
        )
        doc.blocks.append(("p", f"“{e.text}”"))
    if pack.prompts:
        doc.blocks.append(("h", "Discussion prompts"))
        doc.blocks += [("li", p) for p in pack.prompts]
    if pack.quiz.questions:
        doc.blocks.append(("h", "Quiz"))
        _questions(doc, pack.quiz.questions, refs, trainer)
        if trainer:
            _key(doc, pack.quiz.questions)
    doc.citations = refs.citations
    return doc


def write_handout(doc: Doc, path: str | Path) -> Path:
    """Write the handout as Word (.docx) or Markdown (any other suffix)."""
    path = Path(path)
    if path.suffix.lower() == ".docx":
        return to_docx(doc, path)
    path.write_text(to_markdown(doc), encoding="utf-8")
    return path

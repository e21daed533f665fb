"""Questions in many phrasings, generated from each sample report's own metadata: the
answer must state the fact and cite that report (guards query understanding and routing
against phrasings the dev questions do not use)."""

from __future__ import annotations

import pytest

from assistant.answering.assistant import Assistant
from assistant.answering.facts import human_date

TEMPLATES = [
    ("overall", "What rating did {a} get from Ofsted in {y}?"),
    ("overall", "{a} children's services: overall Ofsted grade, {my}?"),
    ("overall", "Was {a} rated outstanding, good, requires improvement or inadequate in the report published on {d}?"),
    ("leaders", "What judgement did leaders in {a} receive in {my}?"),
    ("help_and_protection", "Grade for help and protection, {a}, {my}?"),
    ("children_in_care", "How were children in care judged in {a}'s {my} inspection?"),
    ("lead", "Name the lead inspector of {a}'s inspection published in {my}."),
    ("lead", "Who inspected {a} in {my}?"),
    ("lead", "{a} {my}: who was the lead HMI?"),
    ("improve", "What improvements did Ofsted ask {a} to make in {my}?"),
    ("improve", "List the areas for improvement from {a}'s {my} report."),
    ("improve", "What should {a} improve according to its {my} Ofsted inspection?"),
]


@pytest.fixture(scope="module")
def assistant(retriever):
    return Assistant(retriever)


def _expected(meta, kind: str) -> str | None:
    if kind == "lead":
        return meta.lead_inspector or None
    if kind == "improve":
        return " ".join(meta.improvements[0].text.split()[:5]) if meta.improvements else None
    j = meta.judgement(kind)
    return j.grade if j else None


@pytest.mark.parametrize("kind, template", TEMPLATES)
def test_paraphrases_answer_from_the_right_report(assistant, kind, template):
    checked = 0
    for meta in assistant.retriever.catalog.reports:
        expected = _expected(meta, kind)
        if not expected or not meta.published:
            continue
        when = human_date(meta.published)
        question = template.format(a=meta.local_authority, y=meta.published[:4], my=when.split(" ", 1)[1], d=when)
        answer = assistant.ask(question)
        assert expected.lower() in " ".join(answer.text.lower().split()), (question, answer.text)
        assert any(c.passage.citation.source == meta.source for c in answer.citations), question
        checked += 1
    assert checked >= 3

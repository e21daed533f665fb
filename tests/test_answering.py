"""The default extractive answerer on a real index: grounded, cited, verbatim, abstaining."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.answering.assistant import Assistant
from assistant.answering.quotes import on_page
from assistant.reports.readers import read_pages

from conftest import ROOT, SAMPLE

DORSET_2025, DORSET_2021, BHAM_2014, BHAM_2019, SOMERSET_2026, NORTH_N, WEST_N = SAMPLE


@pytest.fixture(scope="module")
def assistant(retriever):
    return Assistant(retriever)


def assert_verbatim(answer, reports_dir):
    """Every quote stands on its cited page (or starts there and runs onto the next)."""
    for c in answer.citations:
        pages = read_pages(reports_dir / c.passage.citation.source)
        n = c.passage.citation.page
        assert on_page(c.quote, pages[n - 1].text, pages[n].text if n < len(pages) else ""), c.quote
        assert f"[{c.n}]" in answer.text


def test_overall_judgement_cited_to_page_one(assistant, sample_index):
    a = assistant.ask("What overall effectiveness judgement did Ofsted give Dorset in the inspection of May 2025?")
    assert not a.abstained and "**outstanding**" in a.text
    c = a.citations[0]
    assert (c.passage.citation.source, c.passage.citation.page) == (DORSET_2025, 1)
    assert c.quote == "Overall effectiveness Outstanding"
    assert [m.source for m in a.inspections] == [DORSET_2025]
    assert_verbatim(a, sample_index[2])


def test_sif_judgement_and_area_judgement(assistant, sample_index):
    a = assistant.ask("How was Birmingham judged in 2014?")
    assert "**inadequate**" in a.text and a.citations[0].quote == "The overall judgement is Inadequate"
    b = assistant.ask("How was care leavers judged in Somerset's inspection?")
    assert "care leavers" in b.text and "**good**" in b.text
    assert_verbatim(b, sample_index[2])


def test_combined_children_in_care_and_care_leavers_row(assistant):
    a = assistant.ask("How were care leavers judged in Dorset in November 2021?")
    assert "**good**" in a.text and "together" in a.text


def test_lead_inspector_and_dates(assistant, sample_index):
    a = assistant.ask("Who was the lead inspector for Somerset's 2026 inspection?")
    assert "Alison Smale" in a.text and a.citations[0].passage.citation.page == 1
    d = assistant.ask("When was Dorset inspected in 2025?")
    assert "17 March to 21 March 2025" in d.text
    assert_verbatim(a, sample_index[2])
    assert_verbatim(d, sample_index[2])


def test_needs_to_improve_quotes_every_item(assistant, sample_index):
    a = assistant.ask("What does Ofsted say Somerset needs to improve?")
    assert a.text.count("\n- ") == 8  # the report lists eight areas
    assert "children missing education" in a.text
    assert {c.passage.citation.page for c in a.citations} == {2}
    assert_verbatim(a, sample_index[2])


def test_general_question_quotes_sentences_grouped_by_report(assistant, sample_index):
    a = assistant.ask("What did inspectors say about Dorset's front door in 2025?")
    assert not a.abstained and "Family Support and Advice Line" in a.text
    assert a.text.startswith("From Dorset's children's services inspection (published 9 May 2025):")
    assert_verbatim(a, sample_index[2])


def test_aggregate_and_history_from_the_judgements_table(assistant):
    a = assistant.ask("Which authorities were judged requires improvement in 2026?")
    assert "Somerset" in a.text and "Dorset" not in a.text
    h = assistant.ask("How has Birmingham's rating changed since 2014?")
    assert h.text.startswith("In Birmingham, overall effectiveness improved from **inadequate**")
    lines = [ln for ln in h.text.splitlines() if ln.startswith("- published")]  # every inspection since, in order
    assert [("inadequate" in lines[0]), ("inadequate" in lines[1]), ("requires improvement" in lines[2])] == [
        True,
        True,
        True,
    ]
    n = assistant.ask("How many reports published in 2025 were judged outstanding overall?")
    assert n.text.startswith("2 of the 3 indexed reports published in 2025 were judged **outstanding**")
    assert "Dorset" in n.text and "Leeds" in n.text and "Bury" not in n.text


@pytest.mark.parametrize(
    "question, why",
    [
        ("What is the best recipe for banana bread?", ""),
        ("How was Narnia County Council judged by Ofsted?", "Narnia"),
        ("How was Dorset judged in 2017?", "No report of Dorset published in 2017"),
        ("Who led the inspection of Kent?", "No inspection report of Kent"),
    ],
)
def test_abstains_rather_than_guessing(assistant, question, why):
    a = assistant.ask(question)
    assert a.abstained and a.text.startswith("I couldn't find this in the inspection reports.")
    assert why in a.text and not a.citations


def test_follow_up_inherits_authority_period_and_kind(assistant):
    first = "How was Dorset judged for children in care in 2021?"
    a1 = assistant.ask(first)
    a2 = assistant.ask("and care leavers?", history=[(first, a1.text)])
    assert "care leavers" in a2.text and "published 19 November 2021" in a2.text and not a2.abstained
    a3 = assistant.ask("What about the lead inspector?", history=[(first, a1.text)])
    assert "Steve Lowe" in a3.text


def test_stream_yields_growing_text_then_the_answer(assistant):
    parts = list(assistant.ask_stream("Who led Somerset's inspection?"))
    *texts, final = parts
    assert texts and all(isinstance(t, str) for t in texts) and final.text.startswith(texts[0])
    assert "Alison Smale" in final.text


def test_cli_ask_json_and_batch(sample_index, tmp_path):
    settings = sample_index[0]
    base = [sys.executable, "-m", "assistant.cli", "ask"]
    run = subprocess.run(
        base + ["Who led Somerset's inspection?", "--json", "--index", settings.index_path],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    assert "Alison Smale" in got["answer"] and got["abstained"] is False
    assert set(got["citations"][0]) == {
        "n",
        "source",
        "page",
        "paragraph",
        "local_authority",
        "published",
        "quote",
        "url",
    }
    batch = tmp_path / "b.jsonl"
    batch.write_text('{"id": "x", "question": "What is the capital of France?"}\n')
    run = subprocess.run(
        base + ["--batch", str(batch), "--json", "--index", settings.index_path],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )
    line = json.loads(run.stdout.splitlines()[0])
    assert line["id"] == "x" and line["abstained"] is True and line["citations"] == []


def test_answer_evaluation(assistant):
    from assistant.evaluation import evaluate_answers, load_questions

    results = evaluate_answers(assistant, load_questions(ROOT / "tests" / "data" / "sample_questions.jsonl"))
    assert results["all"]["verbatim"] == 1.0
    assert results["unanswerable"]["abstention_acc"] == 1.0
    assert results["lead_inspector"]["correct_and_cited"] == 1.0
    assert results["all"]["correct_and_cited"] >= 0.85


def test_2026_report_without_overall_grade_lists_its_area_grades(assistant, sample_index):
    a = assistant.ask("What overall effectiveness judgement did Somerset get in 2026?")
    assert "gives no separate judgement for overall effectiveness" in a.text and not a.abstained
    assert a.text.count("**requires improvement to be good**") == 3 and "care leavers: **good**" in a.text
    assert len(a.citations) == 4
    assert_verbatim(a, sample_index[2])


@pytest.mark.parametrize(
    "question",
    [
        "When did Ofsted inspect Dorset in 2025?",
        "When were inspectors on site in Dorset in 2025?",
        "What were the dates of the inspection of Dorset in May 2025?",
    ],
)
def test_inspection_date_phrasings(assistant, question):
    assert "17 March to 21 March 2025" in assistant.ask(question).text


def test_one_question_asking_for_two_facts(assistant):
    a = assistant.ask("Who led the inspection and what was the overall grade for Dorset in May 2025?")
    assert "Sarah Canto" in a.text and "**outstanding**" in a.text and len(a.citations) == 2

"""The quiz builder on the real sample index: determinism, counts, every rule, grounding of
every answer in its cited passage (or the metadata), exports that parse, the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import replace

import pytest

from assistant.quiz import rules
from assistant.quiz.export import export
from assistant.quiz.generate import allocate, build_quiz, drop_question, regenerate_question
from assistant.quiz.model import BLANK, KINDS, Option, Question, Quiz, question_id, tf_options
from assistant.quiz.rules import (
    ABSENT_OVERLAP,
    LENGTH_RATIO,
    balance_positions,
    duplicate_options,
    grade_at_end,
    options_comparable,
    verify_grounded,
)
from assistant.quiz.select import QuizSelectionError, topic_chunks
from assistant.quiz.terms import find_terms, variants
from assistant.quiz.text import (
    contains,
    content_words,
    date_range_answers,
    norm,
    norm_prompt,
    number_answers,
    overlap,
    quantities,
    sentences,
)
from assistant.records import Citation

from conftest import CONVERSATION, ROOT, SAMPLE
from test_quiz_export import aiken_parse, gift_parse

DORSET_2025, DORSET_2021, BHAM_2014, BHAM_2019, SOMERSET_2026, NORTH_N, WEST_N = SAMPLE
SEEDS = (0, 1, 2)


# ============================================================== fixtures


@pytest.fixture(scope="module")
def quizzes(retriever):
    """Quizzes over every question type, several seeds, with and without a topic."""
    out = []
    for seed in SEEDS:
        out.append(build_quiz(retriever, n=12, seed=seed))
    out.append(build_quiz(retriever, n=12, seed=4, topic="care leavers"))
    out.append(build_quiz(retriever, n=8, seed=5, authorities=["Birmingham"]))
    out.append(build_quiz(retriever, n=8, seed=7, types=("short", "cloze")))  # numbers and dates are opt-in
    out.append(build_quiz(retriever, n=10, seed=6, types=("mcq",)))
    return out


@pytest.fixture(scope="module")
def questions(quizzes):
    return [q for quiz in quizzes for q in quiz.questions]


def report_of(retriever, q):
    return retriever.catalog.by_id[q.citation.report_id]


def report_sentence_words(retriever, report_id):
    return [content_words(s.text) for c in retriever.report_chunks(report_id) for s in sentences(c.text, c.paragraph)]


# ============================================================== determinism and counts


def test_same_inputs_and_seed_give_the_same_quiz(retriever):
    a = build_quiz(retriever, n=10, seed=11, authorities=["Dorset", "Somerset"])
    b = build_quiz(retriever, n=10, seed=11, authorities=["Somerset", "Dorset"])  # order of inputs does not matter
    assert a.to_dict() == b.to_dict()
    assert json.dumps(a.to_dict(), sort_keys=True) == json.dumps(b.to_dict(), sort_keys=True)
    c = build_quiz(retriever, n=10, seed=12, authorities=["Dorset", "Somerset"])
    assert [q.id for q in c.questions] != [q.id for q in a.questions]


def test_counts_per_type(retriever, quizzes):
    for quiz in quizzes[: len(SEEDS)]:
        assert len(quiz.questions) == 12
        # the default types: practice questions first, no recall of numbers and dates
        assert Counter(q.type for q in quiz.questions) == {"strength": 3, "practice": 3, "mcq": 2, "tf": 2, "cloze": 2}
        assert Counter(q.kind for q in quiz.questions) == {"mcq": 8, "tf": 2, "cloze": 2}
        assert quiz.selection["stats"]["made"] == 12 and quiz.selection["stats"]["llm_drafting"] == "not done"
    only = build_quiz(retriever, n=5, seed=1, types="tf,cloze")
    assert Counter(q.kind for q in only.questions) == {"tf": 3, "cloze": 2}
    assert allocate(10, ("mcq", "tf", "cloze", "short")) == {"mcq": 3, "tf": 3, "cloze": 2, "short": 2}
    with pytest.raises(ValueError, match="unknown question type"):
        build_quiz(retriever, n=3, types=("mcq", "essay"))


def test_every_generator_is_used(questions):
    kinds = Counter((q.kind, q.topic.split(":")[0]) for q in questions)
    for expected in [
        ("mcq", "judgement"),
        ("mcq", "improvement"),
        ("mcq", "finding"),
        ("tf", "judgement"),
        ("tf", "improvement"),
        ("cloze", "term"),
        ("mcq", "strength or concern"),
        ("mcq", "practice fit"),
        ("short", "number"),
        ("short", "dates"),
    ]:
        assert kinds[expected] > 0, (expected, kinds)


def test_shortfall_is_reported_not_padded(retriever):
    quiz = build_quiz(retriever, n=40, seed=0, reports=[SOMERSET_2026], types=("mcq",))
    assert 0 < len(quiz.questions) < 40
    assert quiz.selection["stats"]["made"] == len(quiz.questions) and quiz.selection["stats"]["requested"] == 40
    assert all(q.citation.report_id == quiz.questions[0].citation.report_id for q in quiz.questions)


# ============================================================== grounding


def test_every_answer_is_in_its_cited_passage(retriever, questions):
    assert len(questions) >= 60
    for q in questions:
        assert verify_grounded(q), q.prompt
        assert q.citation and q.citation.page >= 1 and q.quote
        # the quote is text of a chunk of the cited report on the cited page
        page_chunks = [c for c in retriever.report_chunks(q.citation.report_id) if c.page == q.citation.page]
        assert any(contains(c.text, q.quote) for c in page_chunks), (q.prompt, q.quote)
        # when a paragraph is cited, the quote sits in that numbered paragraph
        if q.citation.paragraph and "-" not in q.citation.paragraph:
            in_para = [
                s.text
                for c in page_chunks
                for s in sentences(c.text, c.paragraph)
                if s.paragraph == q.citation.paragraph
            ]
            assert any(contains(" ".join(in_para), s.text) for s in sentences(q.quote)), (q.prompt, q.citation)
        assert q.explanation and (contains(q.explanation, q.quote) or q.kind == "tf")
        # the correct answer itself
        if q.type == "strength":  # the finding shown is the quote; its key is re-derived in test_pack.py
            assert contains(q.quote, rules.quoted_part(q.prompt)), q.prompt
        elif q.kind == "mcq":
            answer = q.correct_options()[0].text
            assert contains(q.quote, answer) or grade_at_end(q.quote) == answer.lower(), q.prompt
        elif q.kind in ("cloze", "short"):
            assert contains(q.quote, q.answers[0]), q.prompt
            if BLANK in q.prompt:
                part = rules.quoted_part(q.prompt)
                assert contains(q.quote, part.replace(BLANK, q.answers[0]).strip(" .")), q.prompt


def test_judgement_questions_match_the_metadata(retriever, questions):
    seen = 0
    for q in questions:
        if not q.topic.startswith("judgement"):
            continue
        seen += 1
        meta = report_of(retriever, q)
        area = q.topic.split(":")[1].strip()
        actual = meta.judgement(area).grade
        if q.kind == "mcq":
            assert q.correct_options()[0].text.lower() == actual
            assert len(q.options) == 4 and {o.text for o in q.options} in (
                {"Outstanding", "Good", "Requires improvement to be good", "Inadequate"},
                {"Outstanding", "Good", "Requires improvement", "Inadequate"},
            )
            if meta.framework == "SIF" and area != "overall":  # SIF overall: "to be good" from 2015
                assert "Requires improvement" in {o.text for o in q.options}
        else:
            stated = grade_at_end(q.prompt)
            assert stated and q.truth is (stated == actual), q.prompt
            assert meta.local_authority in q.prompt and _when(meta) in q.prompt
    assert seen >= 10


def _when(meta):
    from assistant.quiz.context import Context

    return Context.when(meta)


def test_improvement_tf_verified_against_the_report(retriever, questions):
    tfs = [q for q in questions if q.kind == "tf" and q.topic == "improvement"]
    assert tfs
    for q in tfs:
        meta = report_of(retriever, q)
        item = rules.quoted_part(q.prompt)
        items = [norm(i.text) for i in meta.improvements]
        listed = any(norm(item).rstrip(".") in i for i in items)
        assert q.truth is listed, q.prompt
        if not q.truth:  # nothing in the whole report says it
            key = content_words(item)
            assert max(overlap(key, w) for w in report_sentence_words(retriever, meta.report_id)) < ABSENT_OVERLAP


def test_true_false_balanced(questions):
    truths = Counter(q.truth for q in questions if q.kind == "tf")
    assert truths[True] and truths[False] and abs(truths[True] - truths[False]) <= 3


# ============================================================== option rules


def test_no_duplicate_options(questions):
    for q in questions:
        if q.options:
            keys = [norm_prompt(o.text) for o in q.options]
            assert len(set(keys)) == len(keys), q.prompt
            assert not duplicate_options(q)
    q = _mcq(["Good", "good.", "Inadequate"])
    assert duplicate_options(q)


def test_no_distractor_is_also_correct(retriever, questions):
    checked = 0
    for q in questions:
        if q.kind != "mcq":
            continue
        assert len(q.correct_options()) == 1
        if q.topic.startswith("judgement") or q.type == "strength":
            continue  # one grade per judgement: checked against the metadata above; strength or concern: two labels
        words = report_sentence_words(retriever, q.citation.report_id)
        correct = content_words(q.correct_options()[0].text)
        for o in q.options:
            if o.correct:
                continue
            key = content_words(o.text)
            assert max(overlap(key, w) for w in words) < ABSENT_OVERLAP, (q.prompt, o.text)
            assert overlap(key, correct) < 0.5 and overlap(correct, key) < 0.5
            checked += 1
        if q.topic == "improvement":
            meta = report_of(retriever, q)
            listed = [norm(i.text) for i in meta.improvements]
            assert sum(any(norm(o.text).rstrip(".") in i for i in listed) for o in q.options) == 1
    assert checked >= 15


def test_option_lengths_comparable(questions):
    findings = [
        q for q in questions if q.kind == "mcq" and not q.topic.startswith("judgement") and q.type != "strength"
    ]
    assert findings
    for q in findings:
        lengths = [len(o.text) for o in q.options]
        assert max(lengths) <= LENGTH_RATIO * min(lengths), q.prompt
    assert not options_comparable(_mcq(["Short one.", "A much, much longer option that goes on and on and on."]))
    assert options_comparable(_mcq(["Twelve chars", "Twenty-four characters!!"]))


def test_correct_position_balanced(retriever, quizzes):
    mcq_only = quizzes[-1]
    assert len(mcq_only.questions) == 10 and all(q.kind == "mcq" for q in mcq_only.questions)
    counts = Counter(q.correct_index() for q in mcq_only.questions)
    assert set(counts) == {0, 1, 2, 3} and max(counts.values()) - min(counts.values()) <= 1, counts
    for quiz in quizzes:  # "strength or concern?" keeps "A strength" first, as True / False do
        counts = Counter(q.correct_index() for q in quiz.questions if q.kind == "mcq" and q.type != "strength")
        if not counts:
            continue
        assert max(counts.values()) - min(counts.get(p, 0) for p in range(4)) <= 1, counts


def test_balance_positions_rule():
    qs = [_mcq([f"option {i} a", f"option {i} b", f"option {i} c", f"option {i} d"], correct=0) for i in range(9)]
    out = balance_positions(qs, random.Random(3))
    counts = Counter(q.correct_index() for q in out)
    assert sorted(counts.values()) == [2, 2, 2, 3]
    for before, after in zip(qs, out):  # same options, ids recomputed
        assert {o.text for o in before.options} == {o.text for o in after.options}
        assert after.correct_options()[0].text == before.correct_options()[0].text
        assert after.id == question_id("mcq", after.prompt, after.options, (), after.citation)
    assert [q.correct_index() for q in balance_positions(qs, random.Random(3))] == [q.correct_index() for q in out]


def test_no_duplicate_questions(quizzes, retriever):
    for quiz in quizzes:
        keys = [norm_prompt(q.prompt) for q in quiz.questions]
        assert len(set(keys)) == len(keys)
    big = build_quiz(retriever, n=40, seed=2, authorities=["Dorset"])
    keys = [norm_prompt(q.prompt) for q in big.questions]
    assert len(set(keys)) == len(keys) and len(keys) >= 20


# ============================================================== question types in detail


def test_judgement_mcq_wording(retriever):
    quiz = build_quiz(retriever, n=12, seed=0, reports=[DORSET_2025], types=("mcq",))
    q = next(q for q in quiz.questions if q.topic == "judgement: care_leavers")
    assert q.prompt == "How did Ofsted judge the experiences and progress of care leavers in Dorset (May 2025)?"
    assert q.correct_options()[0].text == "Good"
    assert q.quote == "The experiences and progress of care leavers Good" and q.citation.page == 1
    assert '"The experiences and progress of care leavers Good"' in q.explanation
    sif = build_quiz(retriever, n=12, seed=0, reports=[BHAM_2014], types=("mcq",))
    grades = [q for q in sif.questions if q.topic.startswith("judgement")]
    assert grades and all("Requires improvement" in {o.text for o in q.options} for q in grades)


def test_judgement_false_statements_swap_grade_or_year(retriever):
    quiz = build_quiz(retriever, n=30, seed=3, authorities=["Dorset"], types=("tf",))
    false = [q for q in quiz.questions if q.topic.startswith("judgement") and q.truth is False]
    assert false
    swapped_year = [q for q in false if "was the judgement in the report published" in q.explanation]
    assert swapped_year  # Dorset has two inspections with different grades
    for q in swapped_year:
        meta = report_of(retriever, q)
        other = [m for m in retriever.catalog.history("dorset") if m.report_id != meta.report_id]
        area = q.topic.split(":")[1].strip()
        assert any(m.judgement(area) and m.judgement(area).grade == grade_at_end(q.prompt) for m in other)


def test_cloze_questions(questions):
    clozes = [q for q in questions if q.kind == "cloze"]
    assert clozes
    for q in clozes:
        assert q.prompt.count(BLANK) == 1
        assert not any(re.search(r"\d", a) for a in q.answers)
        assert len({a.lower() for a in q.answers}) == len(q.answers)
        filled = rules.quoted_part(q.prompt).replace(BLANK, q.answers[0])
        assert contains(q.quote, filled.strip(" ."))
    assert variants("care leavers") == ["care leavers", "care leaver"]
    assert "life story work" in variants("life-story work")
    assert [t for t, _, _ in find_terms("Strategy meetings are timely and management oversight is strong.")] == [
        "strategy meetings",
        "management oversight",
    ]
    assert [t for t, _, _ in find_terms("Unregistered children's homes are used.")] == ["unregistered children's homes"]


def test_short_answer_questions(questions):
    shorts = [q for q in questions if q.kind == "short"]
    numbers = [q for q in shorts if q.topic == "number"]
    dates = [q for q in shorts if q.topic == "dates"]
    assert numbers and dates
    for q in numbers:
        assert BLANK in q.prompt and "What number is missing?" in q.prompt
        assert any(a.replace(",", "").replace("%", "").replace(".", "").isdigit() for a in q.answers)
    for q in dates:
        assert "Inspection date" in q.quote and q.answers[0] in q.quote and len(q.answers) >= 4
    assert number_answers(quantities("a very large majority (90%) are seen")[0])[:3] == (
        "90%",
        "90 per cent",
        "90 percent",
    )
    assert set(number_answers(quantities("Twenty-one new homes were created")[0])) >= {"Twenty-one", "21", "twenty one"}
    assert [q.text for q in quantities("On 3 March 2025, in 2021, 14 children")] == ["14"]
    assert date_range_answers("3 to 14 October 2022", "2022-10-03", "2022-10-14")[:3] == (
        "3 to 14 October 2022",
        "3-14 October 2022",
        "3 - 14 October 2022",
    )
    assert "2025-03-17 to 2025-03-21" in date_range_answers("17 March to 21 March 2025", "2025-03-17", "2025-03-21")


def test_topic_selects_passages_and_areas(retriever, quizzes):
    quiz = quizzes[len(SEEDS)]  # topic "care leavers"
    assert quiz.selection["topic"] == "care leavers"
    for q in quiz.questions:
        if q.topic.startswith("judgement"):
            assert q.topic == "judgement: care_leavers"
        elif q.topic == "improvement":
            assert {"care", "leaver"} <= content_words(
                q.correct_options()[0].text if q.options and q.kind == "mcq" else rules.quoted_part(q.prompt) or q.quote
            ) or q.truth is False
        elif q.topic != "dates":
            meta = report_of(retriever, q)
            ids = {c.id for c in topic_chunks(retriever, meta, "care leavers")}
            chunks = [c for c in retriever.report_chunks(meta.report_id) if c.id in ids]
            assert any(contains(c.text, q.quote) for c in chunks), q.prompt


# ============================================================== selection


def test_selection_by_authority_path_and_date(retriever):
    dorset = build_quiz(retriever, n=6, seed=1, authorities=["dorset council"])
    assert {q.citation.local_authority for q in dorset.questions} == {"Dorset"}
    assert set(dorset.selection["reports"]) == {DORSET_2025, DORSET_2021}
    one = build_quiz(retriever, n=6, seed=1, reports=[DORSET_2021])
    assert {q.citation.source for q in one.questions} == {DORSET_2021}
    dated = build_quiz(retriever, n=6, seed=1, published_from="2022-01-01", published_to="2022-12-31")
    assert {q.citation.published[:4] for q in dated.questions} == {"2022"}
    assert set(dated.selection["reports"]) == {r for r in SAMPLE + CONVERSATION if r.endswith("2022.pdf")}
    year = build_quiz(retriever, n=4, seed=1, authorities=["Birmingham"], published_to="2014")
    assert set(year.selection["reports"]) == {BHAM_2014}
    with pytest.raises(QuizSelectionError, match="Nowhere"):
        build_quiz(retriever, authorities=["Nowhere"])
    with pytest.raises(QuizSelectionError, match="no-such"):
        build_quiz(retriever, reports=["no-such/report.pdf"])
    with pytest.raises(QuizSelectionError):
        build_quiz(retriever, authorities=["Dorset"], published_from="2030")


# ============================================================== grounding check can fail


def test_verify_grounded_rejects_wrong_answers(questions):
    by_kind = {}
    for q in questions:
        by_kind.setdefault((q.kind, q.topic.split(":")[0]), q)
    for key in [("mcq", "judgement"), ("mcq", "finding"), ("mcq", "improvement")]:
        q = by_kind[key]
        assert verify_grounded(q)
        wrong = q.options.index(next(o for o in q.options if not o.correct))
        moved = tuple(Option(o.text, i == wrong) for i, o in enumerate(q.options))  # mark a distractor correct
        assert not verify_grounded(replace(q, options=moved)), key
    jt = by_kind[("tf", "judgement")]
    assert not verify_grounded(replace(jt, options=tf_options(not jt.truth)))
    it = by_kind[("tf", "improvement")]
    assert not verify_grounded(replace(it, options=tf_options(not it.truth)))
    cz = by_kind[("cloze", "term")]
    assert not verify_grounded(replace(cz, answers=("safeguarding partners",)))
    nb = by_kind[("short", "number")]
    assert not verify_grounded(replace(nb, answers=("123456",)))
    assert not verify_grounded(replace(nb, quote=""))
    assert not verify_grounded(replace(nb, citation=None))


# ============================================================== exports


def test_exports_of_a_generated_quiz_parse(quizzes):
    quiz = quizzes[0]
    gift = gift_parse(export(quiz, "gift"))
    assert len(gift) == len(quiz.questions)
    for q, p in zip(quiz.questions, gift):
        assert q.id in p["name"]
        if q.kind == "mcq":
            assert p["type"] == "multichoice" and [a for a, w in p["answers"] if w == 1.0] == [
                q.correct_options()[0].text
            ]
        elif q.kind == "tf":
            assert p["type"] == "truefalse" and p["truth"] is q.truth
        else:
            assert p["type"] == "shortanswer" and [a for a, _ in p["answers"]] == list(q.answers)
    aiken = aiken_parse(export(quiz, "aiken"))
    choice = [q for q in quiz.questions if q.kind in ("mcq", "tf")]
    assert [p["answer"] for p in aiken] == [q.correct_index() for q in choice]
    root = ET.fromstring(export(quiz, "moodle-xml"))
    assert len([x for x in root.iter("question") if x.get("type") != "category"]) == len(quiz.questions)
    assert Quiz.from_dict(json.loads(export(quiz, "json"))) == quiz
    rows = list(csv.reader(io.StringIO(export(quiz, "csv-full"))))
    assert len(rows) == len(quiz.questions) + 1
    kahoot = list(csv.reader(io.StringIO(export(quiz, "csv"))))
    assert len(kahoot) >= len(choice) + 1
    md = export(quiz, "md")
    assert md.count("Source:") >= len(quiz.questions)


# ============================================================== editing


def test_regenerate_and_drop(retriever, quizzes):
    quiz = quizzes[0]
    new = regenerate_question(retriever, quiz, 2)
    assert new.questions[2] != quiz.questions[2] and new.questions[2].kind == quiz.questions[2].kind
    assert new.questions[:2] == quiz.questions[:2] and new.questions[3:] == quiz.questions[3:]
    assert verify_grounded(new.questions[2])
    assert len({norm_prompt(q.prompt) for q in new.questions}) == len(new.questions)
    assert regenerate_question(retriever, quiz, 2) == new  # deterministic too
    dropped = drop_question(quiz, 0)
    assert dropped.questions == quiz.questions[1:] and dropped.selection["stats"]["dropped"] == 1
    with pytest.raises(IndexError):
        drop_question(quiz, 99)


def test_ui_handlers_escape_report_text(retriever):
    from assistant.ui import quiz_tab

    state, html_text, status, path = quiz_tab.generate(
        retriever, ["Dorset"], [], "", "", "", ["mcq", "tf"], 4, 1, "gift"
    )
    assert state and "4 question(s) ready" in status and path.endswith(".gift.txt")
    assert len(gift_parse(open(path, encoding="utf-8").read())) == 4
    evil = _mcq(['<script>alert("x")</script>', "Good"])
    shown = quiz_tab.preview_html(Quiz("t <b>", (evil,)))
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "t &lt;b&gt;" in shown
    state2, _, status2, _ = quiz_tab.drop(state, 1, "gift")
    assert len(state2["questions"]) == 3 and "dropped" in status2
    _, _, bad, _ = quiz_tab.generate(retriever, ["Nowhere"], [], "", "", "", ["mcq"], 4, 1, "gift")
    assert bad.startswith("Could not build the quiz")


# ============================================================== CLI


def test_cli_writes_gift(sample_index, tmp_path):
    settings, _, _ = sample_index
    out = tmp_path / "quiz.gift.txt"
    env = {k: v for k, v in os.environ.items() if k not in ("CHROMA_HOST", "ASSISTANT_INDEX")}
    cmd = [
        sys.executable,
        "-m",
        "assistant.cli",
        "quiz",
        "--authority",
        "Dorset",
        "--n",
        "6",
        "--seed",
        "2",
        "--format",
        "gift",
        "-o",
        str(out),
        "--index",
        settings.index_path,
        "--model",
        settings.model,
        "--collection",
        settings.collection,
    ]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    assert "6 of 6 questions made" in run.stderr and run.stdout == ""
    parsed = gift_parse(out.read_text(encoding="utf-8"))
    assert len(parsed) == 6 and all("Dorset" in p["general"] for p in parsed)
    # no -o: the quiz goes to stdout; the same seed gives the same questions
    to_stdout = [a for a in cmd if a not in ("-o", str(out))]
    to_stdout[to_stdout.index("gift")] = "json"
    again = subprocess.run(to_stdout, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert [q["id"] for q in data["questions"]] == [
        re.search(r"\(([0-9a-f]{12})\)$", p["name"]).group(1) for p in parsed
    ]
    bad = subprocess.run(
        cmd[:4] + ["--authority", "Nowhere", "--index", settings.index_path, "--model", settings.model],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        env=env,
    )
    assert bad.returncode == 2 and "Nowhere" in bad.stderr


def test_aiken_quiz_of_n_questions_from_the_cli_and_the_ui(sample_index, retriever, tmp_path):
    """Aiken holds only choice questions: asking for 8 makes 8 of those types, and says so."""
    from assistant.ui import quiz_tab

    settings, _, _ = sample_index
    env = {k: v for k, v in os.environ.items() if k not in ("CHROMA_HOST", "ASSISTANT_INDEX")}
    cmd = [
        sys.executable,
        "-m",
        "assistant.cli",
        "quiz",
        "--n",
        "8",
        "--format",
        "aiken",
        "--seed",
        "3",
        "--index",
        settings.index_path,
        "--model",
        settings.model,
        "--collection",
        settings.collection,
    ]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    assert len(aiken_parse(run.stdout)) == 8 and "8 of 8 questions made" in run.stderr
    assert (
        "note: only strength, practice, mcq, tf questions were generated: the aiken format cannot hold cloze"
        in run.stderr
    )
    assert "left out of the aiken export" not in run.stderr
    none_left = subprocess.run(
        cmd + ["--types", "cloze,short"], capture_output=True, text=True, timeout=300, cwd=ROOT, env=env
    )
    assert none_left.returncode == 2 and "holds only mcq and tf" in none_left.stderr

    state, _, status, path = quiz_tab.generate(retriever, [], [], "", "", "", list(KINDS), 8, 3, "aiken")
    assert len(state["questions"]) == 8 and "8 question(s) ready" in status and "cannot hold cloze, short" in status
    assert len(aiken_parse(open(path, encoding="utf-8").read())) == 8


# ============================================================== helpers


def _mcq(texts, correct=0):
    cit = Citation(source="x.pdf", report_id="x", page=1)
    options = tuple(Option(t, i == correct) for i, t in enumerate(texts))
    return Question(
        id=question_id("mcq", "Which?", options, (), cit),
        kind="mcq",
        prompt="Which?",
        options=options,
        citation=cit,
        quote=texts[correct],
        topic="finding",
    )


def test_text_helpers():
    from assistant.quiz.text import is_generic, stands_alone, strip_xref

    chunk = (
        "continued from before. Still para 6.\n"
        "7. When children are at risk, strategy meetings are well attended. Plans are e.g. clear.\n"
        "\u25fc A bullet item that is listed.\n"
        "8. Decision\ufffemaking is timely."
    )
    got = [(s.text, s.paragraph) for s in sentences(chunk, "6-8")]
    assert got == [
        ("continued from before.", "6"),
        ("Still para 6.", "6"),
        ("When children are at risk, strategy meetings are well attended.", "7"),
        ("Plans are e.g. clear.", "7"),
        ("A bullet item that is listed.", "7"),
        ("Decision-making is timely.", "8"),
    ]
    assert [s.paragraph for s in sentences("\u25fc Item one.\n1. First para.", "1")] == ["", "1"]
    assert is_generic("Strategy meetings in the MASH are timely.") and not is_generic("Leaders in Dorset are strong.")
    assert not is_generic("BCT has improved its evaluation of performance.")
    assert not stands_alone("This means that plans drift.") and stands_alone("Thresholds are well understood.")
    assert strip_xref("Support to care leavers. (National Framework, Outcome 2)") == "Support to care leavers."


def test_grade_wording_follows_the_era():
    from assistant.quiz.judgement_questions import GRADES_ILACS, GRADES_SIF, grade_options
    from assistant.records import Judgement, ReportMeta

    def meta(framework, *judgements):
        return ReportMeta(report_id="r", source="r.pdf", framework=framework, judgements=judgements)

    early = Judgement("overall", "The overall judgement is", "good")
    late = Judgement("overall", "Children\u2019s services in Bury", "good")
    area = Judgement("leaders", "Leadership, management and governance", "good")
    assert grade_options(meta("SIF", early), early) == GRADES_SIF
    assert grade_options(meta("SIF", late), late) == GRADES_ILACS
    assert grade_options(meta("SIF", area), area) == GRADES_SIF
    assert grade_options(meta("ILACS", area), area) == GRADES_ILACS
    ri = Judgement("leaders", "The impact of leaders", "requires improvement")
    assert grade_options(meta("ILACS", ri), ri) == GRADES_SIF  # the grade as written decides
    assert GRADES_SIF[2] == "Requires improvement" and GRADES_ILACS[2] == "Requires improvement to be good"

"""Training packs and practice questions on the real sample index (real Chroma, real model):
extracts verbatim on their cited page with the right judgement, from different authorities;
trainers' words; too few extracts said, not padded; filters; the CLI; Word handouts parsed back;
"strength or concern?" keys re-derived from the cited passage; "which practice fits?" options
each cited."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from docx import Document

from assistant.quiz.generate import build_quiz
from assistant.quiz.handouts import pack_doc, quiz_doc, write_handout
from assistant.quiz.pack import build_pack
from assistant.quiz.practice_keys import grade_side, key_for
from assistant.quiz.practice_questions import CONCERN_TEXT, STRENGTH_TEXT
from assistant.quiz.rules import quoted_part
from assistant.quiz.text import norm
from assistant.topic_words import topic_words

from conftest import ROOT


@pytest.fixture(scope="module")
def care_pack(retriever):
    return build_pack(retriever, topic="kids in care", n_extracts=4)


def report_of(retriever, citation):
    return next(m for m in retriever.catalog.reports if m.report_id == citation.report_id)


def assert_extract_is_grounded(retriever, e):
    meta = report_of(retriever, e.citation)
    page_text = norm(" ".join(c.text for c in retriever.report_chunks(meta.report_id) if c.page == e.citation.page))
    assert norm(e.text) in page_text, f"extract {e.letter} is not verbatim on page {e.citation.page}"
    j = meta.judgement(e.area)
    assert j is not None and j.grade == e.grade, (e.area, e.grade, meta.judgements)
    assert e.citation.url == meta.url and e.citation.url.startswith("https://")
    assert e.citation.local_authority == meta.local_authority and e.citation.published == meta.published
    assert e.citation.paragraph, "every extract names its numbered paragraph"


def test_pack_extracts_are_verbatim_cited_and_judged(retriever, care_pack):
    pack = care_pack
    assert pack.enough, pack.notes
    assert pack.topic_name == "children in care"
    assert 3 <= len(pack.extracts) <= 4
    authorities = [e.citation.local_authority for e in pack.extracts]
    assert len(set(authorities)) == len(authorities), "one extract per authority"
    words = topic_words("kids in care")
    for e in pack.extracts:
        assert_extract_is_grounded(retriever, e)
        assert words.mentions(e.text)
        assert e.keys, "every extract holds a sentence with a clear strength/concern key"
    sides = {grade_side(e.grade) for e in pack.extracts}
    assert sides == {"strong", "weak"}, "the sample holds authorities judged on both sides: the pack contrasts them"
    assert [e.letter for e in pack.extracts] == list("ABCD"[: len(pack.extracts)])


def test_pack_prompts_and_quiz(care_pack):
    pack = care_pack
    assert 3 <= len(pack.prompts) <= 5
    letters = {e.letter for e in pack.extracts}
    for p in pack.prompts:
        assert set(re.findall(r"extract ([A-E])\b", p)) <= letters
    assert any("distinguishes" in p for p in pack.prompts)  # the contrast prompt
    assert pack.quiz.questions
    for q in pack.quiz.questions:
        e = next(x for x in pack.extracts if f"extract {x.letter}," in q.prompt)
        assert q.quote in e.text and q.citation == e.citation
        assert q.correct_options()[0].text == (STRENGTH_TEXT if dict(e.keys)[q.quote] == "strength" else CONCERN_TEXT)


def test_trainers_words_find_the_same_topic(retriever):
    for asked in ("MASH", "contact and referral"):
        pack = build_pack(retriever, topic=asked, n_extracts=3)
        assert pack.topic_name == "the front door"
        assert "front door" in pack.search_words and "MASH" in pack.search_words
        for e in pack.extracts:
            assert topic_words("front door").mentions(e.text)


def test_too_few_extracts_are_said_not_padded(retriever):
    pack = build_pack(retriever, topic="reading skills", n_extracts=3)
    assert not pack.enough and pack.extracts == () and pack.prompts == ()
    assert any("only 0 good extract" in n for n in pack.notes)
    assert any("not in the topic vocabulary" in n for n in pack.notes)


def test_filters_and_bad_requests(retriever):
    chosen = ["Leeds", "Bury", "Birmingham", "Dorset"]
    pack = build_pack(retriever, topic="care leavers", authorities=chosen, n_extracts=3)
    assert {e.citation.local_authority for e in pack.extracts} <= set(chosen)
    recent = build_pack(retriever, topic="children in care", published_from="2021-01-01", n_extracts=3)
    assert all(e.citation.published >= "2021-01-01" for e in recent.extracts)
    with pytest.raises(ValueError, match="3 to 5 extracts"):
        build_pack(retriever, topic="care leavers", n_extracts=7)
    with pytest.raises(ValueError, match="give a topic"):
        build_pack(retriever, topic=" ")


def docx_text(path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def test_pack_word_copies_hold_every_extract_question_and_citation(care_pack, tmp_path):
    trainer = docx_text(write_handout(pack_doc(care_pack, trainer=True), tmp_path / "t.docx"))
    learner = docx_text(write_handout(pack_doc(care_pack, trainer=False), tmp_path / "l.docx"))
    for text in (trainer, learner):
        for e in care_pack.extracts:
            assert e.text in text and e.citation.url in text
            assert f"page {e.citation.page}" in text and f"judged {e.grade}" in text
        for p in care_pack.prompts:
            assert p in text
        for q in care_pack.quiz.questions:
            assert q.prompt in text
    assert "Answer key" in trainer and "Answer key" not in learner
    for q in care_pack.quiz.questions:
        assert q.explanation in trainer and q.explanation not in learner


def cli(sample_index, *args):
    settings, _, _ = sample_index
    env = {k: v for k, v in os.environ.items() if k not in ("CHROMA_HOST", "ASSISTANT_INDEX")}
    cmd = [sys.executable, "-m", "assistant.cli", *args, "--index", settings.index_path, "--model", settings.model]
    cmd += ["--collection", settings.collection]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT, env=env)


def test_cli_pack_formats_and_exit_codes(sample_index, tmp_path):
    out = tmp_path / "pack.docx"
    run = cli(sample_index, "pack", "--topic", "kids in care", "--n-extracts", "3", "--format", "docx", "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert "3 extract(s) from 3 authorities" in run.stderr
    text = docx_text(out)
    assert "Training pack: children in care (trainer copy)" in text and "Answer key" in text
    js = cli(sample_index, "pack", "--topic", "kids in care", "--n-extracts", "3", "--format", "json")
    assert js.returncode == 0, js.stderr
    data = json.loads(js.stdout)
    assert len(data["extracts"]) == 3 and data["enough"] is True and data["quiz"]["questions"]
    gift = cli(sample_index, "pack", "--topic", "kids in care", "--n-extracts", "3", "--format", "gift")
    assert gift.returncode == 0 and "{" in gift.stdout and "~" in gift.stdout
    few = cli(sample_index, "pack", "--topic", "reading skills", "--format", "md", "--copy", "learner")
    assert few.returncode == 1 and "only 0 good extract" in few.stdout and "only 0 good extract" in few.stderr
    bad = cli(sample_index, "pack", "--topic", "care leavers", "--format", "docx")
    assert bad.returncode == 2 and "needs -o" in bad.stderr


# ============================================================== practice questions in quizzes


@pytest.fixture(scope="module")
def practice_quiz(retriever):
    return build_quiz(retriever, types=["strength", "practice"], n=8, seed=3)


def test_strength_or_concern_keys_come_from_the_cited_passage(retriever, practice_quiz):
    strength = [q for q in practice_quiz.questions if q.type == "strength"]
    assert len(strength) >= 3
    for q in strength:
        sentence = quoted_part(q.prompt)
        meta = report_of(retriever, q.citation)
        chunk = next(
            c
            for c in retriever.report_chunks(meta.report_id)
            if c.page == q.citation.page and norm(sentence) in norm(c.text)
        )
        key = key_for(meta, chunk, sentence)  # the rule, re-applied to the cited passage
        assert key is not None
        assert q.correct_options()[0].text == (STRENGTH_TEXT if key.status == "strength" else CONCERN_TEXT)
        assert key.evidence in q.explanation


def test_which_practice_fits_options_are_each_cited_across_judgements(retriever, practice_quiz):
    practice = [q for q in practice_quiz.questions if q.type == "practice"]
    assert practice, practice_quiz.selection["stats"]
    for q in practice:
        assert len(q.options) == 4
        sources = q.explanation.split("Sources of the options: ", 1)[1].split(" | ")
        assert len(sources) == 4
        judged = []
        for o, line in zip(sorted(q.options, key=lambda o: not o.correct), sources, strict=True):
            assert line.startswith(f'"{o.text}"')
            assert re.search(r"page \d+", line) and "https://" in line
            judged.append(re.search(r"judged ([a-z ]+)\.", line).group(1))
        # the right answer's authority is judged on the other side of the line from the others'
        assert all(grade_side(judged[0]) != grade_side(g) for g in judged[1:])
        assert re.search(rf"judged {re.escape(judged[0])} for", q.prompt)
        assert len({line.split(" \u2014 ")[1].split(",")[0] for line in sources}) == 4  # four authorities


def test_default_quiz_asks_no_number_or_date_recall(retriever):
    quiz = build_quiz(retriever, authorities=["Dorset", "Leeds"], n=10, seed=1)
    assert quiz.questions
    assert not any(q.kind == "short" for q in quiz.questions)
    assert {"strength", "practice"} & {q.type for q in quiz.questions}
    opt_in = build_quiz(retriever, authorities=["Dorset"], types=["short"], n=3, seed=1)
    assert opt_in.questions and all(q.kind == "short" for q in opt_in.questions)


def test_quiz_word_copies_parse_back(practice_quiz, tmp_path):
    trainer = docx_text(write_handout(quiz_doc(practice_quiz, trainer=True), tmp_path / "t.docx"))
    learner = docx_text(write_handout(quiz_doc(practice_quiz, trainer=False), tmp_path / "l.docx"))
    for q in practice_quiz.questions:
        for text in (trainer, learner):
            assert q.prompt in text
            assert all(o.text in text for o in q.options)
            assert q.citation.url in text
        assert q.explanation in trainer and q.explanation not in learner

"""Unit tests of the practice questions and training packs, no index needed: the
strength/concern key rules, the shared wording cues, trainers' topic words, the discussion prompt
templates, and the Word handouts parsed back."""

from __future__ import annotations

import json
import re

import pytest
from docx import Document

from assistant.quiz.handouts import pack_doc, quiz_doc, write_handout
from assistant.quiz.model import DEFAULT_TYPES, TYPES, Option, Question, Quiz
from assistant.quiz.pack import Extract, Pack, discussion_prompts, extract_quiz, prompt_templates
from assistant.quiz.practice_keys import CONCERN, STRENGTH, grade_side, heading_area, key_for
from assistant.records import Chunk, Citation, Improvement, Judgement, ReportMeta
from assistant.topic_words import groups, topic_words
from assistant.wording import criticism, evaluative_praise, polarity

META = ReportMeta(
    report_id="r1",
    source="x/report.pdf",
    local_authority="Exampleshire",
    published="2024-05-01",
    framework="ILACS",
    judgements=(
        Judgement("overall", "Overall effectiveness", "requires improvement to be good"),
        Judgement(
            "help_and_protection", "The experiences and progress of children who need help and protection", "good"
        ),
        Judgement("children_in_care", "The experiences and progress of children in care", "inadequate"),
        Judgement("lscb", "The effectiveness of the LSCB", "outstanding"),
    ),
    improvements=(Improvement("The timeliness of return home interviews for children who go missing.", 2),),
)


def chunk(heading: str, text: str = "x") -> Chunk:
    return Chunk("c1", text, "r1", "x/report.pdf", 3, "12", heading, "Exampleshire", "2024-05-01")


HP = "The experiences and progress of children who need help and protection: good"
CIC = "The experiences and progress of children in care: inadequate"


# ============================================================== the key rules


def test_an_item_of_the_improvement_list_is_a_concern_wherever_it_stands():
    key = key_for(
        META, chunk("What needs to improve?"), "The timeliness of return home interviews for children who go missing."
    )
    assert key is not None and key.status == CONCERN and key.rule == "listed"


def test_praise_in_an_area_judged_good_is_a_strength():
    key = key_for(META, chunk(HP), "Children benefit from timely and effective help from skilled social workers.")
    assert key is not None and key.status == STRENGTH and key.grade == "good" and key.area == "help_and_protection"
    assert "judges good" in key.evidence


def test_criticism_in_an_area_judged_inadequate_is_a_concern():
    key = key_for(META, chunk(CIC), "Too many children experience delay in achieving permanence.")
    assert key is not None and key.status == CONCERN and key.rule == "criticised in a weak area"


@pytest.mark.parametrize(
    "heading, sentence, why",
    [
        (HP, "Although assessments are effective, too many plans are not specific.", "mixed wording"),
        (HP, "Social workers visit children and record their visits.", "no evaluative cue"),
        (HP, "Too many children wait for an assessment.", "criticism in a strong area"),
        (CIC, "Children benefit from effective and timely help.", "praise in a weak area"),
        ("What needs to improve?", "Children benefit from effective help.", "not an area's findings"),
        ("Information about this inspection", "Inspectors spoke to effective managers.", "not an area's findings"),
        (
            "What the inspection judgements mean: the LSCB",
            "An outstanding LSCB is highly effective in improving the care and protection of children.",
            "Ofsted's standard text",
        ),
        ("", "Children benefit from effective help.", "no heading"),
    ],
)
def test_unclear_sentences_get_no_key(heading, sentence, why):
    assert key_for(META, chunk(heading), sentence) is None, why


def test_a_board_heading_takes_the_boards_judgement():
    # "Safeguarding Children Board" also reads as help and protection; the board's own grade wins
    assert heading_area(META, chunk("Inspection findings \u2013 the Local Safeguarding Children Board")) == "lscb"
    key = key_for(
        META,
        chunk("Inspection findings \u2013 the Local Safeguarding Children Board"),
        "When audits identified a lack of understanding of thresholds, the board adapted its training.",
    )
    assert key is None  # criticism wording in an outstanding area: unclear, not a concern


def test_care_leavers_graded_with_children_in_care_take_that_judgement():
    assert heading_area(META, chunk("The experiences and progress of care leavers")) == "children_in_care"


def test_grade_sides():
    assert grade_side("Outstanding") == grade_side("good") == "strong"
    assert grade_side("requires improvement to be good") == grade_side("inadequate") == "weak"
    assert grade_side("adequate") == grade_side("") == ""


# ============================================================== wording cues (shared with the tracker)


def test_wording_cues():
    assert polarity("Children benefit from timely assessments.") == "positive"
    assert polarity("Although plans have improved, too many are not reviewed.") == "both"
    assert polarity("Children are seen without delay.") == "neutral"  # "without delay" is no criticism
    assert evaluative_praise("Plans are in place.") == ""  # activity, not evaluation
    assert evaluative_praise("Support is highly effective.") != ""
    assert criticism("Plans are not always specific.") != ""
    assert criticism("Children are seen without delay.") == ""


def test_the_tracker_reads_wording_with_the_same_cues():
    from assistant.history import changes
    from assistant.wording import polarity as shared

    assert changes.polarity is shared


# ============================================================== trainers' words


@pytest.mark.parametrize(
    "asked, name",
    [
        ("kids in care", "children in care"),
        ("looked-after children", "children in care"),
        ("MASH", "the front door"),
        ("contact and referral", "the front door"),
        ("front door", "the front door"),
        ("return home interviews", "return home interviews"),
        ("missing children", "return home interviews"),
        ("county lines", "exploitation"),
        ("Care Leavers", "care leavers"),
    ],
)
def test_topic_words_know_trainers_synonyms(asked, name):
    words = topic_words(asked)
    assert words.name == name and words.known
    assert words.phrases[0] == asked  # what the trainer typed is searched first


def test_topic_words_match_text_and_keep_unknown_topics_as_written():
    words = topic_words("kids in care")
    assert words.mentions("Looked after children benefit from stable homes.")
    assert words.mentions("Children in care are visited.")
    assert not words.mentions("Children at home are visited.")
    assert topic_words("front door").mentions("The MASH responds quickly.")
    assert not topic_words("front door").mentions("They smash windows.")
    odd = topic_words("reading skills")
    assert odd.name == "reading skills" and odd.phrases == ("reading skills",) and not odd.known
    with pytest.raises(ValueError, match="give a topic"):
        topic_words("  ")


def test_each_synonym_belongs_to_one_topic():
    seen: dict[str, str] = {}
    for g in groups():
        for w in g:
            assert w.lower() not in seen, f"{w!r} is in both {seen.get(w.lower())!r} and {g[0]!r}"
            seen[w.lower()] = g[0]


# ============================================================== prompt templates


def extract(letter: str, grade: str, area: str = "help_and_protection") -> Extract:
    cit = Citation(
        source=f"{letter}/r.pdf",
        report_id=f"r{letter}",
        local_authority=f"Authority {letter}",
        published="2023-01-02",
        page=4,
        paragraph="9",
        url=f"https://files.ofsted.gov.uk/v1/file/{ord(letter)}",
    )
    strength = "Children benefit from timely and effective help."
    concern = "Too many children wait too long for help."
    return Extract(
        letter,
        f"{strength} {concern}",
        cit,
        area,
        grade,
        "ILACS",
        ((strength, STRENGTH), (concern, CONCERN)),
    )


def test_prompt_templates_are_a_file_and_every_placeholder_fills():
    data = prompt_templates()
    assert data["prompts"] and all({"needs", "text"} <= set(t) for t in data["prompts"])
    contrast = discussion_prompts((extract("A", "outstanding"), extract("B", "good"), extract("C", "inadequate")), "x")
    assert contrast and not any("{" in p or "}" in p for p in contrast)
    assert any("extract A from extract C" in p for p in contrast)  # best against worst
    assert len(contrast) <= data["max_prompts"]


def test_contrast_prompts_only_when_judgements_differ():
    same = discussion_prompts((extract("A", "good"), extract("B", "good"), extract("C", "good")), "topic")
    assert not any("distinguishes" in p for p in same)
    assert any("All of these extracts come from authorities judged good" in p for p in same)


def test_extract_quiz_keys_come_from_the_extracts():
    ex = (extract("A", "outstanding"), extract("B", "inadequate"), extract("C", "good"))
    quiz = extract_quiz(ex, "topic", n=4)
    assert len(quiz.questions) == 4
    for q in quiz.questions:
        letter = re.search(r"In extract (\w)", q.prompt).group(1)
        e = next(x for x in ex if x.letter == letter)
        sentence = q.quote
        assert sentence in e.text
        status = dict(e.keys)[sentence]
        assert q.correct_options()[0].text == (
            "A strength" if status == STRENGTH else "Something that needs to improve"
        )
        assert q.options[0].text == "A strength"  # fixed order, like True / False
    assert {q.topic for q in quiz.questions} == {"strength or concern: strength", "strength or concern: concern"}


# ============================================================== handouts parsed back


def docx_text(path) -> str:
    d = Document(str(path))
    return "\n".join(p.text for p in d.paragraphs)


def sample_pack() -> Pack:
    ex = (extract("A", "outstanding"), extract("B", "good"), extract("C", "inadequate"))
    return Pack(
        "kids in care",
        "children in care",
        ("kids in care", "children in care"),
        ex,
        discussion_prompts(ex, "children in care"),
        extract_quiz(ex, "children in care"),
        True,
    )


@pytest.mark.parametrize("trainer", [True, False])
def test_pack_handout_holds_every_extract_prompt_question_and_citation(tmp_path, trainer):
    pack = sample_pack()
    path = write_handout(pack_doc(pack, trainer=trainer), tmp_path / "pack.docx")
    text = docx_text(path)
    for e in pack.extracts:
        assert e.text in text
        assert f"Extract {e.letter}: {e.citation.local_authority}" in text
        assert f"judged {e.grade}" in text
        assert e.citation.url in text  # the reference's Ofsted URL
        assert f"page {e.citation.page}, paragraph {e.citation.paragraph}" in text
    for p in pack.prompts:
        assert p in text
    for q in pack.quiz.questions:
        assert q.prompt in text
        for o in q.options:
            assert o.text in text
    assert ("Answer key" in text) is trainer
    for q in pack.quiz.questions:
        assert (q.explanation in text) is trainer


def test_quiz_handouts_learner_copy_gives_no_answer_away(tmp_path):
    cit = Citation(
        source="a.pdf",
        report_id="a",
        local_authority="Leeds",
        published="2025-08-12",
        page=3,
        url="https://files.ofsted.gov.uk/v1/file/1",
    )
    questions = (
        Question(
            "q1",
            "mcq",
            "Which is right?",
            (Option("Right one", True), Option("Wrong one")),
            explanation="Because.",
            citation=cit,
            quote="Right one is said here.",
        ),
        Question(
            "q2",
            "cloze",
            "Fill: _____ plans.",
            answers=("care",),
            explanation="The word is care.",
            citation=cit,
            quote="care plans",
        ),
    )
    quiz = Quiz("A quiz", questions)
    learner = docx_text(write_handout(quiz_doc(quiz, trainer=False), tmp_path / "l.docx"))
    trainer = docx_text(write_handout(quiz_doc(quiz, trainer=True), tmp_path / "t.docx"))
    for q in questions:
        assert q.prompt in learner and q.prompt in trainer
    assert "Right one is said here." not in learner and "Right one is said here." in trainer  # the quote
    assert "Because." not in learner and "Because." in trainer
    assert "https://files.ofsted.gov.uk/v1/file/1" in learner and "https://files.ofsted.gov.uk/v1/file/1" in trainer
    assert "Leeds" in learner and "page 3" in learner
    md = write_handout(quiz_doc(quiz, trainer=True), tmp_path / "t.md").read_text(encoding="utf-8")
    assert "## Answer key" in md and "A) Right one" in md


def test_default_types_leave_numbers_and_dates_out():
    assert "short" in TYPES and "short" not in DEFAULT_TYPES
    assert {"strength", "practice"} <= set(DEFAULT_TYPES)


def test_the_truth_file_records_a_reading_for_every_sentence():
    from conftest import ROOT

    rows = [json.loads(x) for x in (ROOT / "tests/data/strength_concern_truth.jsonl").read_text().splitlines() if x]
    assert len(rows) >= 100
    assert {r["truth"] for r in rows} <= {"strength", "concern", "unclear"}
    assert all(len(r["reading"]) > 20 and r["sentence"] and r["source"] and r["page"] for r in rows)


def test_topic_query_adds_the_topics_name_to_other_wordings():
    assert topic_words("kids in care").query == "kids in care children in care"
    assert topic_words("care leavers").query == "care leavers"
    assert topic_words("reading skills").query == "reading skills"

"""Questions as people ask them (issue #9): the out-of-sample paraphrase sets, run on the
questions whose reports are all in the test index, and the listed examples of misses, each
as a test of its kind of question."""

from __future__ import annotations

import csv

import pytest

from assistant.evaluation import covered_by, evaluate_answers, grade_answer, load_questions

from conftest import CONVERSATION, ROOT, SAMPLE

SETS = [
    ROOT / "tests" / "data" / "paraphrase_conversation.jsonl",
    ROOT / "tests" / "data" / "paraphrase_findings.jsonl",
]
INDEXED = set(SAMPLE) | set(CONVERSATION)


@pytest.fixture(scope="module")
def assistant(retriever):
    from assistant.answering.assistant import Assistant

    return Assistant(retriever)


@pytest.fixture(scope="module")
def results(assistant):
    with open(ROOT / "corpus" / "manifest.csv", newline="", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh))
    questions = covered_by([q for path in SETS for q in load_questions(path)], INDEXED, manifest)
    assert len(questions) >= 100, len(questions)
    return evaluate_answers(assistant, questions, by="kind")


def test_paraphrase_set_in_the_test_index(results):
    print(
        {k: (v["n"], v["correct_and_cited"]) for k, v in results.items() if not k.startswith("_")}, results["_failures"]
    )
    assert results["all"]["verbatim"] == 1.0
    assert results["unanswerable"]["abstention_acc"] >= 0.95
    for kind in ("judgement_everyday", "nickname", "change", "comparison", "follow_up", "lead_dates", "improve"):
        if kind in results:
            assert results[kind]["correct_and_cited"] >= THRESHOLDS.get(kind, 0.9), (kind, results[kind])
    assert results["finding"]["correct_and_cited"] >= THRESHOLDS["finding"], results["finding"]


THRESHOLDS = {"finding": 0.7, "change": 0.85}  # measured on this index: see README "Measured"


def _marks(assistant, question, history=(), **expected):
    asked = []
    for past in history:
        asked.append((past, assistant.ask(past, history=list(asked)).text))
    a = assistant.ask(question, history=asked)
    return a, grade_answer({"question": question, "answerable": True, **expected}, a)


LEEDS_2025 = "80481_leeds/children's services inspection - 12 august 2025.pdf"
LEEDS_2015 = "80481_leeds/children's services inspection - 27 march 2015.pdf"
LEEDS_2018 = "80481_leeds/children's services inspection - 18 december 2018.pdf"
BHAM_2023 = "80429_birmingham/children's services inspection - 18 april 2023.pdf"
BRADFORD_2026 = "80449_bradford/children's services inspection - 21 may 2026.pdf"


def test_priority_is_not_prior(assistant):
    a = assistant.ask("What are the priority actions for Leeds?")
    assert {c.passage.citation.source for c in a.citations} == {LEEDS_2025}, a.text


def test_dates_of_events_are_not_publication_dates(assistant):
    a = assistant.ask("Why were Leeds's cases closed between March and June 2016?")
    assert "first inspection published after it: Leeds (published 18 December 2018)" in " ".join(a.notes), a.text
    assert all(c.passage.citation.source == LEEDS_2018 for c in a.citations), a.text
    b = assistant.ask("What did inspectors find about care leavers in Leeds in 2017?")
    assert not b.abstained and b.citations and all(c.passage.citation.source == LEEDS_2018 for c in b.citations), b.text
    # an inspection named by a year it never happened in is no date of events
    c = assistant.ask("what did the 2017 leeds ofsted inspection say about care leavers?")
    assert c.abstained and "No report of Leeds published in 2017" in c.text, c.text


@pytest.mark.parametrize("question", ["Did Leeds improve between 2015 and 2018?", "Has Leeds got better since 2015?"])
def test_improve_as_a_verb_is_a_change_question(assistant, question):
    a = assistant.ask(question)
    assert a.text.startswith("Yes.") and "improved from" in a.text, a.text
    assert {LEEDS_2015, LEEDS_2018} <= {c.passage.citation.source for c in a.citations}


def test_plans_to_improve_is_not_the_improvement_list(assistant):
    a = assistant.ask("What are Leeds's plans to improve services for care leavers?")
    assert "Ofsted said these need to improve" not in a.text


def test_which_council_singular_is_an_aggregate(assistant):
    a = assistant.ask("Which council got inadequate in 2014?")
    assert "Birmingham" in a.text and "were judged **inadequate**" in a.text and a.citations


def test_transitions_list_only_authorities_whose_judgement_moved(assistant):
    a = assistant.ask("Which councils went from good to outstanding?")
    listed = [ln for ln in a.text.splitlines() if ln.startswith("- ")]
    assert sorted(ln.split(":")[0] for ln in listed) == ["- Dorset", "- Leeds"], a.text
    assert len(a.citations) == 4
    b = assistant.ask("Which councils got worse?")
    assert "- Bury: **requires improvement to be good** (published 16 May 2016)" in b.text, b.text
    assert "Leeds" not in b.text and "Dorset" not in b.text
    c = assistant.ask("Which councils went from inadequate to outstanding?")
    assert c.text.startswith("No authority in the index went from inadequate to outstanding"), c.text


def test_comparison_of_two_authorities(assistant):
    a, marks = _marks(assistant, "Compare Leeds and Bradford's latest judgements", reports=[LEEDS_2025, BRADFORD_2026])
    assert not a.abstained and marks["cited_report"], a.text
    assert "Leeds" in a.text and "Bradford" in a.text


def test_still_inadequate_says_no_first(assistant):
    a, marks = _marks(assistant, "Is Birmingham still inadequate?", reports=[BHAM_2023], yes_no="no")
    assert a.text.startswith("No.") and marks["cited_report"], a.text


@pytest.mark.parametrize(
    "question, place",
    [
        ("What did Ofsted say about child protection in Glasgow?", "Care Inspectorate"),
        ("How is Cardiff council doing for children in care?", "Care Inspectorate Wales"),
        ("north lanarkshire council child protection, whats the ofsted grade", "Care Inspectorate"),  # not Lancashire
        ("Is Westmoorshire's children's services inadequate?", "Westmoorshire"),
        ("What is Ofsted's annual budget?", "council finances"),
        ("borchester county council children's services ofsted 2019", "borchester"),
        ("what ofsted grade did bolton school get at its last inspection", "schools"),
        ("ofsted rating for st mary's ce primary school in swindon", "schools"),
        ("what's the phone number of the leeds duty social worker?", "contact details"),
    ],
)
def test_places_and_topics_outside_the_reports_abstain_with_a_reason(assistant, question, place):
    a = assistant.ask(question)
    assert a.abstained and place in a.text and not a.citations, a.text


@pytest.mark.parametrize(
    "question",
    [
        "what do they call the groups of professionals working together across the city?",
        "and what are the local groups of workers called?",
    ],
)
def test_a_follow_up_asking_a_name_is_a_finding_not_the_earlier_judgement(assistant, question):
    a, marks = _marks(
        assistant, question, history=["How was Leeds judged in 2015?"], reports=[LEEDS_2015], answer_any=["Clusters"]
    )
    assert marks["correct"] and marks["cited_report"] and "Ofsted judged" not in a.text, a.text


@pytest.mark.parametrize("question", ["How was Birmingam judged?", "hertfordshre ofsted rating"])
def test_misspelt_authorities(assistant, question):
    a = assistant.ask(question)
    assert not a.abstained and a.citations, a.text


def test_and_another_authority_keeps_the_kind_of_question(assistant):
    a, marks = _marks(assistant, "And Leeds?", history=["How were care leavers judged in Bury?"], reports=[LEEDS_2025])
    assert not a.abstained and "care leavers" in a.text and marks["cited_report"], a.text


@pytest.mark.parametrize("step", ["and the one before that?", "and the previous one?", "and in the previous one?"])
def test_the_one_before_that_moves_along_the_history(assistant, step):
    history = ["How was Leeds judged?"]
    a, marks = _marks(
        assistant,
        step,
        history=history,
        reports=["80481_leeds/children's services inspection - 09 may 2022.pdf"],
    )
    assert marks["cited_report"], a.text
    b, marks = _marks(assistant, "and before that?", history=[*history, step], reports=[LEEDS_2018])
    assert marks["cited_report"], b.text


def test_a_follow_up_naming_only_another_authority_asks_the_earlier_finding_question(assistant):
    birmingham_2014 = "80429_birmingham/children's services inspection - 23 may 2014.pdf"
    history = ["what did inspectors say about social worker caseloads in leeds in 2015"]
    a, marks = _marks(assistant, "and in birmingham in 2014?", history=history, reports=[birmingham_2014])
    assert not a.abstained and marks["cited_report"] and "caseload" in a.text.lower(), a.text


def test_the_same_year_keeps_the_earlier_date_for_another_authority(assistant):
    bury_2021 = "80443_bury/children's services inspection - 17 december 2021.pdf"
    a, marks = _marks(
        assistant, "and bury the same year?", history=["how was dorset judged in 2021"], reports=[bury_2021]
    )
    assert marks["cited_report"] and "inadequate" in a.text, a.text


def test_a_change_in_words_is_not_a_question_about_money(assistant):
    a = assistant.ask("How much did Birmingham improve between 2014 and 2019?")
    assert not a.abstained and len({c.passage.citation.source for c in a.citations}) >= 2, a.text


@pytest.mark.parametrize(
    "question, names",
    [
        ("how has north northants changed", ("north northamptonshire",)),
        ("hows donny doing", ("doncaster",)),
        ("compare dorset with bury", ("dorset", "bury")),
        ("leeds vs bury", ("leeds", "bury")),
        ("is bury good now?", ("bury",)),
        ("compare reading skills of children in care", ()),
        ("where to bury the dead", ()),
    ],
)
def test_lower_case_ordinary_word_places(question, names):
    from assistant.query import AuthorityMatcher, load_known_authorities

    matcher = AuthorityMatcher(load_known_authorities(ROOT / "corpus" / "manifest.csv"))
    assert matcher.find(question) == names


SOMERSET_2026 = "80555_somerset/children's services inspection - 17 june 2026.pdf"


@pytest.mark.parametrize(
    "question,verdict",
    [
        ("did somerset get good across the board in 2026?", "No."),  # three areas require improvement
        ("was somerset outstanding in 2026?", "No."),  # no area is
        ("was somerset good in 2026?", ""),  # one area is: the grades speak
    ],
)
def test_a_grade_asked_of_a_report_without_an_overall_grade(assistant, question, verdict):
    a, marks = _marks(assistant, question, reports=[SOMERSET_2026])
    assert marks["cited_report"], a.text
    assert a.text.startswith(verdict) and (verdict or not a.text.startswith(("Yes.", "No."))), a.text


def test_how_did_they_do_contracted(assistant):
    a, marks = _marks(assistant, "leeds's latest inspection - how'd they do?", reports=[LEEDS_2025])
    assert "**outstanding**" in a.text and marks["cited_report"], a.text


@pytest.mark.parametrize(
    "step,kind",
    [("when was it set up?", "general"), ("when did it start?", "general"), ("when was that?", "inspection_dates")],
)
def test_when_was_it_set_up_asks_of_the_finding(assistant, step, kind):
    history = [("How was Leeds judged?", ""), ("what does leeds do for children at risk of exploitation?", "")]
    _, intent = assistant.understand(step, history)
    assert intent.kind == kind


def test_a_new_subject_after_a_judgement_question_is_a_finding(assistant):
    history = [("how did leeds do in their 2025 inspection?", "")]
    _, intent = assistant.understand("what about kids who keep going missing and get drawn into gangs?", history)
    assert intent.kind == "general"
    _, intent = assistant.understand("what about care leavers?", history)
    assert intent.kind == "judgement" and intent.area == "care_leavers"


def test_a_question_offering_alternatives_gets_no_yes_or_no(assistant):
    a = assistant.ask("in leeds is the front door a police thing or a council thing?")
    assert not a.text.startswith(("Yes.", "No.")), a.text


def test_a_region_limits_a_national_question(assistant):
    a = assistant.ask("which councils in yorkshire were rated outstanding?")
    assert a.text.startswith("Only authorities in Yorkshire and the Humber are counted."), a.text
    cited = {c.passage.citation.local_authority for c in a.citations}
    assert cited == {"Leeds"}, a.text  # not Dorset, outstanding in 2025 too
    b = assistant.ask("which london boroughs were rated outstanding?")  # none in the test index
    assert b.text.startswith("Only authorities in London are counted.") and not b.citations, b.text


def test_which_councils_a_framework_inspected(assistant):
    a = assistant.ask("which councils have been inspected under the new 2026 framework?")
    cited = {c.passage.citation.source for c in a.citations}
    assert cited and all("2026.pdf" in s for s in cited), a.text
    assert SOMERSET_2026 in cited, a.text
    b = assistant.ask("which councils were judged inadequate under the single inspection framework?")
    assert b.text.startswith("Only inspections under the SIF framework are counted."), b.text


def test_around_the_same_time_takes_the_nearest_report_of_another_authority(assistant):
    # Leeds 2022 (May); Bury has none in 2022: its report of December 2021 is the nearest
    bury_2021 = "80443_bury/children's services inspection - 17 december 2021.pdf"
    a, marks = _marks(
        assistant, "and bury, around the same time?", history=["how was leeds judged in 2022?"], reports=[bury_2021]
    )
    assert marks["cited_report"] and not a.abstained, a.text


def test_a_date_stated_before_now_asks_about_now(assistant):
    a, marks = _marks(assistant, "birmingham was inadequate in 2016 - is it still?", reports=[BHAM_2023], yes_no="no")
    assert a.text.startswith("No.") and marks["cited_report"], a.text
    a = assistant.ask("birmingham was in a bad way in 2016, where are they now?")
    assert not a.text.startswith(("Yes", "No")) and "2016" in a.text and "2023" in a.text, a.text


def test_everyday_words_for_good_are_good_or_better(assistant):
    a, marks = _marks(assistant, "leeds care leavers - any good?", reports=[LEEDS_2025], yes_no="yes")
    assert a.text.startswith("Yes.") and "outstanding" in a.text and marks["cited_report"], a.text


def test_an_unknown_place_written_in_lower_case_abstains(assistant):
    for question, place in (
        ("what did the inspectors say about wessex vale council's children's services?", "wessex vale"),
        ("port clarendon care leavers service - was it any good at the last inspection?", "port clarendon"),
    ):
        a = assistant.ask(question)
        assert a.abstained and place in a.text, a.text


def test_was_the_next_one_better_compares_it_with_the_earlier_one(assistant):
    leeds_2018 = "80481_leeds/children's services inspection - 18 december 2018.pdf"
    a, marks = _marks(
        assistant, "was the next one better?", history=["leeds's 2015 ofsted result?"], reports=[LEEDS_2015, leeds_2018]
    )
    assert marks["cited_report"] and "2015" in a.text and "2018" in a.text and "2022" not in a.text, a.text


def test_a_school_named_by_its_kind_is_outside_the_reports(assistant):
    a = assistant.ask("what was the ofsted grade for st mary's catholic primary in leeds")
    assert a.abstained and "schools" in a.text, a.text


def test_a_question_about_the_whole_report_gets_its_judgements_and_what_to_improve(assistant):
    for question in ("what did ofsted say about leeds?", "tell me about leeds's last inspection"):
        a, marks = _marks(assistant, question, reports=[LEEDS_2025])
        assert not a.abstained and marks["cited_report"], a.text
        assert "overall effectiveness" in a.text and "care leavers" in a.text and "need to improve" in a.text, a.text
        assert all(c.passage.citation.report_id == a.citations[0].passage.citation.report_id for c in a.citations)


def test_better_than_the_one_before_compares_with_the_earlier_report(assistant):
    a, marks = _marks(assistant, "is leeds's 2018 report better than the one before?", reports=[LEEDS_2015, LEEDS_2018])
    assert a.text.startswith("Yes.") and marks["cited_report"] and "2025" not in a.text, a.text


def test_was_the_one_before_that_better_compares_it_with_the_later_one(assistant):
    bham_2019 = "80429_birmingham/children's services inspection - 17 january 2019.pdf"
    a, marks = _marks(
        assistant,
        "was the one before that any better?",
        history=["birmingham childrens services ofsted 2023 what did they get"],
        reports=[bham_2019, BHAM_2023],
    )
    # 2019 inadequate, 2023 good: the earlier one was not better
    assert a.text.startswith("No.") and marks["cited_report"], a.text
    assert "2019" in a.text and "2023" in a.text and "2016" not in a.text, a.text


def test_still_at_the_next_inspection_compares_with_the_next_report(assistant):
    bham_2019 = "80429_birmingham/children's services inspection - 17 january 2019.pdf"
    a, marks = _marks(
        assistant,
        "birmingham was inadequate in 2019, was it still inadequate at the next inspection?",
        reports=[bham_2019, BHAM_2023],
    )
    assert a.text.startswith("No.") and marks["cited_report"] and "good" in a.text, a.text


def test_anything_below_a_grade_reads_every_area(assistant):
    a = assistant.ask("was anything rated below outstanding?", history=[("how did leeds do in 2018?", "")])
    assert a.text.startswith("Yes.") and "children in care: **good**" in a.text, a.text
    a = assistant.ask("was anything rated below good?", history=[("how did leeds do in 2018?", "")])
    assert a.text.startswith("No."), a.text


def test_a_name_and_a_year_alone_gets_the_report_summary(assistant):
    a, marks = _marks(assistant, "leeds 2018", reports=[LEEDS_2018])
    assert marks["cited_report"] and "overall effectiveness" in a.text and "need to improve" in a.text, a.text


def test_a_thing_only_an_earlier_report_names_is_found_there(assistant):
    a, marks = _marks(
        assistant, "what is the mindmate service in leeds?", reports=[LEEDS_2018], answer_any=["MindMate"]
    )
    assert marks["correct"] and marks["cited_report"], a.text
    assert any("does not mention" in n for n in a.notes), a.notes


def test_the_grade_of_something_the_council_runs_is_not_its_judgement(assistant):
    a = assistant.ask("how were leeds's children's homes rated?")
    assert "overall effectiveness" not in a.text, a.text


def test_the_inspection_of_a_year_is_the_report_published_after_it(assistant):
    bham_2016 = "80429_birmingham/children's services inspection - 25 november 2016.pdf"
    bham_2019 = "80429_birmingham/children's services inspection - 17 january 2019.pdf"
    a, marks = _marks(
        assistant, "birmingham - compare the 2016 and 2018 inspections, did it go up?", reports=[bham_2016, bham_2019]
    )
    # the 2018 inspection was published in January 2019
    assert marks["cited_report"] and "17 January 2019" in a.text and "2023" not in a.text, a.text


@pytest.mark.parametrize(
    "step",
    ["was the previous one better?", "was their previous report any better?", "was the one before that any better?"],
)
def test_was_the_previous_one_better_asks_of_the_earlier_report(assistant, step):
    bham_2019 = "80429_birmingham/children's services inspection - 17 january 2019.pdf"
    a, marks = _marks(assistant, step, history=["birmingham 2023 ofsted grade"], reports=[bham_2019, BHAM_2023])
    # 2019 requires improvement, 2023 good: the earlier one was not better (a wrong "Yes." before)
    assert a.text.startswith("No.") and marks["cited_report"], a.text


def test_what_they_said_about_an_area_leads_with_its_judgement_then_quotes(assistant):
    a = assistant.ask("what did ofsted say about care leavers in leeds?")
    assert a.text.startswith("Ofsted judged the experiences and progress of care leavers in Leeds")
    assert len(a.citations) >= 2 and a.citations[0].passage.citation.page == 1
    follow = assistant.ask("and what did they find for children in care?", history=[("how is leeds doing?", "")])
    assert "children in care" in follow.text.split("\n")[0] and len(follow.citations) >= 2


def test_the_single_inspection_names_the_authoritys_report_of_that_framework(assistant):
    a = assistant.ask("what did leeds's single inspection say about care leavers' accommodation?")
    assert {c.passage.citation.published[:4] for c in a.citations} == {"2015"}


def test_still_after_a_year_label_asks_of_that_years_report(assistant):
    a = assistant.ask("birmingham 2016 - was the leadership and management side still judged inadequate?")
    assert a.text.startswith("Yes.") and "**inadequate**" in a.text, a.text
    assert {c.passage.citation.published[:4] for c in a.citations} == {"2016"}


def test_a_year_against_the_latest_gives_both_without_a_verdict(assistant):
    a = assistant.ask("leeds 2015 care leavers vs the latest one?")
    assert {c.passage.citation.published[:4] for c in a.citations} == {"2015", "2025"}, a.text
    assert not a.text.startswith(("Yes.", "No.")), a.text  # it asks for both, not whether it improved


def test_a_town_names_the_authority_responsible_for_it(assistant):
    a = assistant.ask("how are children's services in sutton coldfield rated?")
    assert a.text.startswith("Ofsted judged overall effectiveness in Birmingham"), a.text


def test_the_words_of_a_term_of_art_give_no_yes(assistant):
    a = assistant.ask("does leeds have a multi-agency safeguarding hub?")
    assert not a.text.startswith("Yes."), a.text


@pytest.mark.parametrize("question", ["does birmingham have a MASH?", "is there a mash in birmingham?"])
def test_whether_an_authority_has_something_is_no_summary_of_its_judgements(assistant, question):
    a = assistant.ask(question)
    assert not a.text.startswith("Ofsted judged overall effectiveness"), a.text

"""Inspection history, change reports, trends and Word/Markdown export.

Unit tests on hand-made report records; integration tests on the sample index of real reports
(Dorset 2021 -> 2025, Birmingham 2014 SIF -> 2019 ILACS, Somerset 2026 without an overall
grade). Word documents are parsed back with python-docx: every citation must be in them.
"""

from __future__ import annotations

import json
import re

import pytest

from assistant.answering.facts import Draft
from assistant.answering.quotes import collapse
from assistant.errors import AssistantError
from assistant.history import build_history, change_report, to_draft, trends
from assistant.history.changes import STATUSES, choose_pair, judgement_changes, polarity
from assistant.history.export import (
    answer_doc,
    changes_doc,
    changes_json,
    conversation_doc,
    history_doc,
    history_json,
    readable,
    to_docx,
    to_markdown,
)
from assistant.history.timeline import Cited, Inspection, JudgementPoint, grade_rank
from assistant.history.tracker import (
    ListedAgain,
    Sentence,
    Tracker,
    _Line,
    decide,
    list_match,
    matter_parts,
    matter_terms,
    matter_text,
    on_matter,
    query_text,
    terms_named,
    wording,
    wording_on,
)
from assistant.records import Answer, Citation, CitedQuote, Improvement, Judgement, Passage, ReportMeta
from assistant.terms_of_art import term_words


def meta(authority="Leeds", published="2018-12-18", framework="ILACS", **grades) -> ReportMeta:
    js = tuple(Judgement(area, area.replace("_", " "), grade, 1) for area, grade in grades.items())
    return ReportMeta(
        report_id=f"{authority}-{published}",
        source=f"{authority}/{published}.pdf",
        local_authority=authority,
        published=published,
        framework=framework,
        judgements=js,
    )


def point(area, grade, label=None, combined=False):
    return JudgementPoint(area, label or area, grade, 1, None, combined)


# -- unit -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Return interviews are comprehensive and completed in a timely manner.", "positive"),
        ("The response to children who are missing from home is not consistently robust.", "negative"),
        ("Too many care leavers are not in education, employment or training.", "negative"),
        ("Management oversight has improved, but it is not yet consistently effective.", "both"),
        ("Although progress has been made, some children wait too long.", "both"),
        ("The local authority commissions a service from a regional agency.", "neutral"),
        ("Children no longer wait for an assessment.", "positive"),
    ],
)
def test_polarity_reads_the_wording_clause_by_clause(sentence, expected):
    assert polarity(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Pathway plans are very brief in the exploration of the health needs of care leavers.", "negative"),
        ("Further work is required to ensure consistency in services for children missing from home.", "negative"),
        ("There remain areas where practice needs to become consistently stronger.", "negative"),
        ("This new approach to corporate parenting is in its infancy.", "negative"),
        ("Return interviews are comprehensive and completed in a timely manner.", "positive"),
        ("Although audit activity is regular, its quality and impact are variable.", "both"),
        # ways of criticising the shared cues miss: a challenge, further work, below comparators
        ("The availability of suitable housing is a challenge.", "negative"),
        ("For a small number of children, there is further work required to be done to ensure this.", "negative"),
        ("The proportion in suitable accommodation has remained stable, just below that of similar areas.", "negative"),
        ("Leaders provide appropriate challenge to partners.", "positive"),
        # round 6: wishes for more, work still to do, fragility, work in its early stages
        ("Children in care and care leavers would welcome more participation opportunities.", "negative"),
        (
            "These placements, although unlikely to meet regulation for fostering, were mostly right for children.",
            "negative",
        ),
        ("Senior leaders are aware of the fragility of some improvements.", "negative"),
        ("Some strategic plans need updating.", "negative"),
        ("Quality assurance processes continue to embed and develop.", "negative"),
        ("While at an early stage of implementation, the project is showing positive signs.", "both"),
        ("Permanence options are considered at an early stage.", "neutral"),  # early is good here
        (
            "The local authority has worked diligently to ensure that parental consent is sought but has more work "
            "to do to ensure that this is consistently in place.",
            "both",
        ),
    ],
)
def test_tracker_reads_inspectors_criticism(sentence, expected):
    assert wording(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # praise the shared cues miss, read in a clause with no other cue
        ("Staff make sure that return home interviews happen quickly and are of a high standard.", "positive"),
        ("Most care leavers live in suitable accommodation.", "positive"),
        ("Social workers visit most children in line with statutory guidance.", "positive"),
        ("Caseloads for IROs are manageable.", "positive"),
        ("Strategy meetings are convened quickly, but there is often a delay when police capacity is low.", "both"),
        # less of something bad is good news; less of something good is not
        (
            "The workforce strategy is effective, resulting in increased numbers of permanent staff, which means "
            "that children now have fewer changes of social worker.",
            "positive",
        ),
        ("The psychologists provide a direct service, reducing potential delays in accessing support.", "positive"),
        ("Delays in initial health assessments have reduced.", "positive"),
        ("Fewer care leavers are in education, employment or training.", "negative"),
        # an offer, or work under way, is not praise
        ("Children with child protection plans have access to advocacy support when required.", "neutral"),
        ("Risks to children going missing are known and being addressed.", "neutral"),
    ],
)
def test_tracker_reads_more_of_inspectors_praise(sentence, expected):
    assert wording(sentence) == expected


def _sentence(polarity: str, score: float = 0.8) -> Sentence:
    cited = Cited(Passage("text", 0.0, Citation("a.pdf", "r1", "", "Leeds", "2022-01-01", 3)), "text")
    return Sentence(cited, score, 0.5, polarity)


def test_tracker_decides_conservatively():
    item = Improvement("The quality of return home interviews.", 2)
    listed = ListedAgain(item, None, 0.8, 0.6)
    part = ListedAgain(item, None, 0.5, 0.3, partial=True)
    pos, neg, both, neutral = (_sentence(p) for p in ("positive", "negative", "both", "neutral"))
    assert decide(listed, [pos, pos])[0] == "repeated"  # listed again, whatever else it says
    assert decide(part, [pos])[0] == "mixed" and decide(part, [neg])[0] == "repeated"
    assert decide(None, []) == ("not mentioned", "nothing in the later report is close enough to this item")
    assert decide(None, [pos, pos])[0] == "addressed"
    assert decide(None, [pos, neg])[0] == "mixed" and decide(None, [both])[0] == "mixed"  # any criticism: not addressed
    assert decide(None, [neg, neutral])[0] == "repeated" and decide(None, [neutral])[0] == "mixed"


def test_a_later_item_naming_the_matter_is_it_listed_again():
    # "the response to neglect" for "practice for children who experience neglect": names half the matter
    assert list_match(0.5, 0.5, 1) == "listed"
    # "strengthen the contributions of relevant agencies to strategy meetings": a narrower later
    # item, most of whose words are the item's (names_matter reads both ways round)
    narrower = ListedAgain(
        Improvement("Strategy discussions involve partner agencies.", 2), None, 0.46, 0.15, True, 0.18, 0.4
    )
    assert narrower.names_matter == 0.4 and list_match(0.46, narrower.names_matter, 2) == "listed"
    assert list_match(0.72, 0.0, 0) == "listed"  # very similar alone


def test_a_similar_later_item_not_naming_the_matter_is_a_loose_match():
    # "the quality of written plans" for "a robust needs analysis": similar, not the matter
    assert list_match(0.58, 0.0, 1) == "partial"
    assert list_match(0.61, 0.05, 2) == "partial"  # similar wording with words in common is not enough
    assert list_match(0.58, 0.0, 0) == "" and list_match(0.4, 1.0, 3) == ""  # a tiny matter's word in a dissimilar item


def test_a_loose_match_only_keeps_the_status_from_addressed():
    item = Improvement("Ensure that there is a robust needs analysis to underpin commissioning.", 2)
    loose = ListedAgain(item, None, 0.58, 0.25, partial=True)
    assert decide(loose, [])[0] == "not mentioned"
    assert decide(loose, [_sentence("negative")])[0] == "repeated"
    assert decide(loose, [_sentence("positive")])[0] == "mixed"
    assert decide(loose, [_sentence("neutral")])[0] == "mixed"


def test_terms_of_art_name_the_matter():
    visitor = matter_terms("Increase opportunities for children looked after to be supported by an independent visitor")
    assert visitor and visitor <= terms_named("Children have independent visitors when they want one.")
    # a word of the term alone is another matter
    assert not visitor & terms_named("Independent reviewing officers provide a good level of challenge.")
    assert not visitor & terms_named("Health visitors and school nurses attend conferences.")
    # a population (children in care) is required only when the item names nothing more specific
    assert matter_terms("The stability of homes for children in care") == terms_named("children in care")
    assert not matter_terms("The timeliness of assessments")


def test_the_matter_is_the_item_without_its_purpose():
    assert matter_text("Ensure that strategy meetings are timely, to inform risk assessment.") == (
        "Ensure that strategy meetings are timely"
    )
    assert matter_text("The quality of assessments so that they inform plans.") == "The quality of assessments"
    assert matter_text("Timeliness of assessments.") == "Timeliness of assessments."


@pytest.mark.parametrize(
    "sentence, matter, expected",
    [
        # the criticism is of a neighbouring aspect, in another clause
        (
            "Pathway plans are comprehensive, but too many care leavers are not in education.",
            "pathway plan",
            "positive",
        ),
        ("Pathway plans are comprehensive, but too many care leavers are not in education.", "educ", "negative"),
        # a leading condition is a hypothesis, not a finding
        (
            "If a child is not able to remain at home, there is thorough exploration of family options.",
            "famili",
            "positive",
        ),
        # no clause names the matter: the whole sentence is read
        ("Leaders have been effective in driving change.", "neglect", "positive"),
        # a clause referring back ("though this ...") goes on about the matter: read for criticism
        (
            "Some disabled children benefit from creative direct work with social workers, though this is not consistent.",
            "direct",
            "both",
        ),
        # ... and only for criticism: its praise does not make a criticised matter 'both'
        (
            "Too many care leavers are out of education, although this figure has been reduced considerably.",
            "educ",
            "negative",
        ),
    ],
)
def test_wording_is_read_in_the_clauses_on_the_matter(sentence, matter, expected):
    assert wording_on(sentence, set(matter.split())) == expected


def test_an_item_joining_matters_is_read_on_each():
    item = (
        "The quality of direct work to ascertain children’s views about their experiences, and life-story work "
        "for all children in care to help them to understand their care history."
    )
    assert matter_parts(item) == [
        "The quality of direct work to ascertain children’s views about their experiences",
        "life-story work for all children in care",
    ]
    assert matter_parts("The timeliness of assessments, to inform plans.") == []
    # a sentence on one part is a check on 'addressed' only: its criticism keeps the item from it,
    # its praise does not make it, and it does not turn another status
    pos, neg, neutral = (_sentence(p) for p in ("positive", "negative", "neutral"))
    part_neg, part_pos = (
        Sentence(neg.cited, 0.6, 0.3, "negative", part=True),
        Sentence(pos.cited, 0.6, 0.3, "positive", part=True),
    )
    assert decide(None, [pos, part_neg])[0] == "mixed" and decide(None, [pos, part_pos])[0] == "addressed"
    assert decide(None, [neutral, part_pos])[0] == "mixed" and decide(None, [neutral, part_neg])[0] == "mixed"
    assert decide(None, [neg, part_pos])[0] == "repeated"


def test_an_item_listing_matters_as_bullets_is_read_on_each():
    item = (
        "The provision of suitable accommodation for 16- and 17-year-old homeless young people, including: "
        "\u0336 sufficiency of accommodation \u0336 management oversight of the use of any unregulated provision."
    )
    assert matter_parts(item)[1:] == [
        "sufficiency of accommodation",
        "management oversight of the use of any unregulated provision.",
    ]
    # a dash opening an aside is not a bullet
    assert matter_parts("Management oversight – including supervision – of social work practice.") == []


def test_criticism_far_below_praise_of_the_matter_is_of_a_neighbouring_matter():
    # "Management oversight of the use of private fostering": the best sentence praises the
    # oversight of privately fostered children; one far below it criticises oversight in general
    best = _sentence("positive", 1.2)
    far, near = _sentence("negative", 0.66), _sentence("negative", 1.0)
    assert decide(None, [best, far])[0] == "addressed" and on_matter([best, far]) == [best]
    assert decide(None, [best, near])[0] == "mixed"
    # only when the best sentence praises the matter: else its criticism is read as before
    assert decide(None, [_sentence("neutral", 1.3), far])[0] == "repeated"
    assert decide(None, [_sentence("neutral", 1.3), _sentence("positive", 0.8), far])[0] == "mixed"


def test_criticism_beyond_the_best_sentences_keeps_an_item_from_addressed():
    # Derby, "sufficiency of placement choice": the best sentences praise the sufficiency
    # strategy; "sufficiency challenges continue to exist" is the fifth closest, in another section
    pos = _sentence("positive", 1.0)
    wide_neg = Sentence(pos.cited, 0.9, 0.5, "negative", wide=True)
    wide_pos = Sentence(pos.cited, 0.9, 0.5, "positive", wide=True)
    assert decide(None, [pos, pos, pos, wide_neg]) == (
        "mixed",
        "the later report speaks of it positively, but criticises it elsewhere",
    )
    assert decide(None, [pos, pos, pos, wide_pos])[0] == "addressed"
    # a check on 'addressed' only: it makes no other status
    assert decide(None, [_sentence("negative", 1.0), wide_pos])[0] == "repeated"
    # far below praise of the matter it is of a neighbouring matter, like any other
    assert decide(None, [pos, Sentence(pos.cited, 0.65, 0.5, "negative", wide=True)])[0] == "addressed"


@pytest.mark.parametrize(
    "sentences, expected",
    [
        (
            [
                "The offer and quality of return home interviews have improved, which is informing planning.",
                "While these improvements are having a positive impact, further work is required to improve "
                "the timeliness and take-up of these.",
            ],
            "both",
        ),
        (
            [
                "Independent reviewing officers provide more consistent oversight and challenge than before.",
                "Despite this improvement, their challenge is not having enough impact in preventing drift.",
            ],
            "both",
        ),
        # a next sentence that does not qualify it is another matter
        (
            [
                "The offer and quality of return home interviews have improved, which is informing planning.",
                "Assessments of children in need are not timely.",
            ],
            "positive",
        ),
        # a qualifying sentence that praises adds nothing
        (
            [
                "Return home interviews are offered promptly to all children.",
                "However, most children now take them up and they are effective.",
            ],
            "positive",
        ),
    ],
)
def test_a_sentence_is_read_with_the_next_one_when_it_qualifies_it(sentences, expected):
    lines = [_Line(7, s, term_words(s)) for s in sentences]
    matter = {"return", "home", "interview", "independ", "review", "offic", "oversight"}
    assert Tracker._wording(lines, 0, matter) == expected


def test_court_work_is_care_proceedings():
    proceedings = matter_terms("improve the timeliness of care proceedings.")
    assert proceedings <= terms_named("Monitoring of the recent decline in timeliness of court performance continues.")
    assert proceedings <= terms_named("Legal planning meetings are swiftly convened.")
    assert not proceedings & terms_named("The Children and Family Court Advisory and Support Service attends.")


def test_query_text_drops_lead_verbs_and_page_notes():
    assert query_text("Ensure that records are up to date. (page 17, paragraph 43)") == "that records are up to date."
    assert query_text("The quality of plans (outcome 4, national framework)") == "quality of plans"


def test_grade_scale():
    assert grade_rank("outstanding") == 4 and grade_rank("good") == 3 and grade_rank("inadequate") == 1
    assert grade_rank("requires improvement to be good") == grade_rank("requires improvement") == 2
    assert grade_rank("not judged") is None


def test_choose_pair_defaults_to_the_last_two_and_follows_dates():
    reports = [meta(published=d) for d in ("2014-05-01", "2016-03-01", "2019-01-01", "2023-06-01")]
    assert [r.published for r in choose_pair(reports)] == ["2019-01-01", "2023-06-01"]
    assert [r.published for r in choose_pair(reports, "2016", "2019")] == ["2016-03-01", "2019-01-01"]
    assert [r.published for r in choose_pair(reports, "2015")] == ["2016-03-01", "2023-06-01"]
    assert [r.published for r in choose_pair(reports, None, "2018")] == ["2014-05-01", "2016-03-01"]
    with pytest.raises(AssistantError, match="only one indexed inspection"):
        choose_pair(reports[:1])
    with pytest.raises(AssistantError, match="no report published by"):
        choose_pair(reports, None, "2010")


def test_judgement_changes_across_frameworks():
    sif = meta(published="2014-05-01", framework="SIF")
    ilacs = meta(published="2019-01-01")
    new = meta(published="2026-06-01", framework="2026")
    earlier = Inspection(
        sif,
        (
            point("overall", "inadequate"),
            point("children_in_care", "requires improvement", "Children looked after"),
            point("care_leavers", "good"),
            point("adoption", "good"),
        ),
    )
    later = Inspection(
        ilacs,
        (
            point("overall", "good"),
            point("children_in_care", "good", "children in care and care leavers", combined=True),
        ),
    )
    changes = {c.area: c for c in judgement_changes(earlier, later)}
    assert changes["overall"].direction == "up" and "framework changed" in changes["overall"].note
    assert changes["children_in_care"].direction == "up"
    assert changes["care_leavers"].direction == "same" and "together" in changes["care_leavers"].note
    assert changes["adoption"].direction == "not comparable" and changes["adoption"].after is None
    latest = Inspection(new, (point("help_and_protection", "good"),))
    c = {x.area: x for x in judgement_changes(later, latest)}
    assert c["overall"].direction == "not comparable" and "2026 framework" in c["overall"].note
    assert c["overall"].after is None  # a gap, never a made-up grade


def test_trends_by_year_and_transitions():
    reports = [
        meta("A", "2014-01-01", "SIF", overall="inadequate"),
        meta("A", "2018-01-01", overall="requires improvement to be good"),
        meta("A", "2026-03-01", "2026", help_and_protection="good"),
        meta("B", "2014-06-01", "SIF", overall="inadequate"),
        meta("B", "2019-01-01", overall="inadequate"),
        meta("C", "2019-02-01", overall="outstanding"),
    ]
    years = trends.by_year(reports)
    assert {k: len(v) for k, v in years[2014].items()} == {"Inadequate": 2}
    assert list(years[2026]) == [trends.NO_OVERALL]
    trans = trends.transitions(reports)
    assert len(trans[("Inadequate", "Requires improvement")]) == 1 and len(trans[("Inadequate", "Inadequate")]) == 1
    assert len(trans[("Requires improvement", trends.NO_OVERALL)]) == 1
    assert trends.improved_from(trans, "Inadequate") == (1, 2)
    csv_text = trends.table_csv(reports)
    assert csv_text.splitlines()[0].startswith("authority,published") and len(csv_text.splitlines()) == 7


def _cq(n, quote, authority="Dorset", page=2):
    cit = Citation(
        source="x.pdf",
        report_id="r1",
        title="Inspection of Dorset",
        local_authority=authority,
        published="2025-05-09",
        page=page,
        paragraph="5",
        url="https://files.ofsted.gov.uk/v1/file/1",
    )
    return CitedQuote(n, quote, Passage(quote, 1.0, cit, f"c{n}"))


def test_conversation_renumbers_citations_and_markdown_lists_them(tmp_path):
    a1 = Answer(
        "What does Dorset need to improve?", "Care leavers [1] and housing [2].", (_cq(1, "one"), _cq(2, "two"))
    )
    a2 = Answer("and Birmingham?", "Early help [1].", (_cq(1, "three", "Birmingham"),))
    doc = conversation_doc([a1, a2])
    assert [c.n for c in doc.citations] == [1, 2, 3]
    md = to_markdown(doc)
    assert "Early help [3]." in md and "[3] Birmingham" in md and "“three”" in md and "page 2, paragraph 5" in md
    path = to_docx(doc, tmp_path / "c.docx")
    text = _docx_text(path)
    for c in doc.citations:
        assert f"[{c.n}]" in text and c.quote in text
    assert "Open Government Licence" in text


def test_answer_doc_keeps_notes_and_cleans_pdf_artefacts(tmp_path):
    a = Answer(
        "q",
        "A short\ufffeterm answer [1].",
        (_cq(1, "short\ufffeterm \x07help"),),
        notes=("Used the most recent inspection.",),
    )
    path = to_docx(answer_doc(a), tmp_path / "a.docx")
    text = _docx_text(path)
    assert "short-term answer [1]" in text and "short-term help" in text and "most recent inspection" in text
    assert readable("a\ufffeb\x00") == "a-b"


def _docx_text(path) -> str:
    from docx import Document

    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


# -- integration on the sample index ------------------------------------------------------------------
def _verbatim(cited) -> bool:
    return collapse(cited.quote) in collapse(cited.passage.text)


def test_history_lists_inspections_oldest_first_with_cited_judgements(retriever):
    h = build_history(retriever, "dorset")
    assert h.authority == "Dorset"
    assert [i.meta.published for i in h.inspections] == ["2021-11-19", "2025-05-09"]
    latest = h.inspections[-1]
    assert latest.meta.lead_inspector == "Sarah Canto" and _verbatim(latest.lead_inspector)
    assert latest.judgement("overall").grade == "outstanding"
    for ins in h.inspections:
        for j in ins.judgements:
            assert j.evidence is not None and _verbatim(j.evidence), j
            assert re.search(j.grade.replace("requires", "requires?"), j.evidence.quote, re.I)
            assert j.evidence.passage.citation.report_id == ins.meta.report_id and j.evidence.page == j.page
    assert h.inspections[0].judgement("children_in_care").combined  # 2021: care leavers graded with children in care


def test_history_of_a_2026_report_has_a_gap_with_a_note(retriever):
    h = build_history(retriever, "Somerset")
    ins = h.inspections[-1]
    assert ins.meta.framework == "2026" and ins.judgement("overall") is None
    assert "2026 framework" in ins.note
    from assistant.ui.history_charts import authority_chart

    fig = authority_chart(h)
    overall = [t for t in fig.data if t.name == "Overall effectiveness"]
    assert not overall or all(y is None for y in overall[0].y)  # never a made-up overall grade
    assert any("no overall grade" in a.text for a in fig.layout.annotations)


def test_unknown_authority_says_what_to_do(retriever):
    with pytest.raises(AssistantError, match="no indexed inspection report"):
        build_history(retriever, "Atlantis")
    with pytest.raises(AssistantError, match="only one indexed inspection"):
        change_report(retriever, "Somerset")


def test_change_report_across_frameworks_cites_every_statement(retriever):
    report = change_report(retriever, "Birmingham", "2014", "2019")
    assert (report.earlier.meta.published, report.later.meta.published) == ("2014-05-23", "2019-01-17")
    changes = {c.area: c for c in report.judgements}
    assert changes["overall"].direction == "up"
    assert (
        changes["overall"].before.grade == "inadequate"
        and changes["overall"].after.grade == "requires improvement to be good"
    )
    assert changes["adoption"].direction == "not comparable"
    assert len(report.items) >= 10
    later_id, earlier_id = report.later.meta.report_id, report.earlier.meta.report_id
    for it in report.items:
        assert it.status in STATUSES
        assert it.cited.passage.citation.report_id == earlier_id and _verbatim(it.cited)
        if it.status == "not mentioned":  # at most a similar later item, never the matter listed again
            assert not it.evidence and (it.listed_again is None or it.listed_again.partial)
        for s in it.evidence:
            assert s.cited.passage.citation.report_id == later_id and _verbatim(s.cited)
        if it.listed_again:
            assert it.listed_again.cited.passage.citation.report_id == later_id
            assert it.status != "addressed" and (it.listed_again.partial or it.status == "repeated")
        if it.status == "addressed":
            assert all(s.polarity in ("positive", "neutral") for s in it.evidence)
    assert {"repeated", "not mentioned"} <= {i.status for i in report.items}


def test_change_report_as_a_chat_draft(retriever):
    report = change_report(retriever, "Dorset")
    draft = to_draft(report, Draft([], []))
    numbers = {c.n for c in draft.citations}
    markers = {int(m) for line in draft.lines for m in re.findall(r"\[(\d+)\]", line)}
    assert markers == numbers and numbers == set(range(1, len(numbers) + 1))
    assert draft.lines[0].startswith("**What changed in Dorset**")
    assert any("Overall effectiveness: good [" in line and "(↑ up)" in line for line in draft.lines)
    for c in draft.citations:
        assert collapse(c.quote) in collapse(c.passage.text)
    body = [line for line in draft.lines if line.startswith("- “")]
    assert body and all(re.search(r"\*\*(repeated|addressed|mixed|not mentioned)\*\*", line) for line in body)


def test_word_exports_contain_every_citation(retriever, tmp_path):
    for doc in (
        history_doc(build_history(retriever, "Birmingham")),
        changes_doc(change_report(retriever, "Birmingham", "2014", "2019")),
    ):
        path = to_docx(doc, tmp_path / "doc.docx")
        text = _docx_text(path)
        assert doc.citations
        for c in doc.citations:
            assert f"[{c.n}]" in text and readable(collapse(c.quote)) in text
            assert c.passage.citation.url in text and f"page {c.passage.citation.page}" in text
        md = to_markdown(doc)
        assert all(f"[{c.n}] " in md for c in doc.citations)


def test_json_forms(retriever):
    h = history_json(build_history(retriever, "Dorset"))
    assert h["inspections"][0]["judgements"][0]["citation"]["page"] == 1
    c = changes_json(change_report(retriever, "Birmingham", "2014", "2019"))
    assert c["earlier"]["published"] == "2014-05-23" and sum(c["counts"].values()) == len(c["items"])
    json.dumps(c)


def test_cli_history_and_changes(sample_index, tmp_path, capsys):
    from assistant.cli import main

    settings, _, _ = sample_index
    idx = ["--index", settings.index_path]
    assert main(["history", "Dorset", "--json", *idx]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [i["published"] for i in out["inspections"]] == ["2021-11-19", "2025-05-09"]
    docx = tmp_path / "bham.docx"
    assert (
        main(["changes", "Birmingham", "--from", "2014", "--to", "2019", "--format", "docx", "-o", str(docx), *idx])
        == 0
    )
    assert "Birmingham" in _docx_text(docx)
    assert main(["changes", "Birmingham", *idx]) == 0
    md = capsys.readouterr().out
    assert "# What changed: Birmingham" in md and "## References" in md
    assert main(["changes", "Somerset", *idx]) == 2
    assert "only one indexed inspection" in capsys.readouterr().err
    csv_path = tmp_path / "t.csv"
    assert main(["trends", "--csv", str(csv_path), *idx]) == 0
    assert len(csv_path.read_text().splitlines()) == 1 + len(retriever_reports(settings))


def retriever_reports(settings):
    from assistant.retrieval import Retriever

    return Retriever.open(settings=settings).reports()


def test_assistant_methods(retriever):
    from assistant.answering.assistant import Assistant

    a = Assistant(retriever)
    assert a.history("Birmingham").authority == "Birmingham"
    assert a.changes("Dorset").later.meta.published == "2025-05-09"


def test_draft_changes_for_the_chat(retriever):
    from assistant.history import draft_changes

    draft = draft_changes(retriever, "Dorset")
    assert draft.citations and "What changed in Dorset" in draft.lines[0]
    none = draft_changes(retriever, "Somerset")
    assert not none.citations and none.lines[0].startswith("No comparison is possible: Somerset has only one")

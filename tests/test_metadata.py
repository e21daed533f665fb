"""Metadata extraction on small hand-written page texts, one per report layout."""

from __future__ import annotations

import pytest

from assistant.records import Page
from assistant.reports.metadata import (
    display_authority,
    extract_improvements,
    extract_judgements,
    extract_metadata,
    parse_date,
    parse_date_range,
)


def pages(*texts: str) -> list[Page]:
    return [Page(i + 1, t) for i, t in enumerate(texts)]


ILACS_P1 = """Inspection of Dorset local authority
children’s services
Inspection dates: 17 March to 21 March 2025
Lead inspector: Sarah Canto, His Majesty’s Inspector
Judgement Grade
The impact of leaders on social work
practice with children and families
Outstanding
The experiences and progress of
children who need help and protection
Requires improvement to be good \n\
The experiences and progress of
children in care
Good
The experiences and progress of care
leavers
Inadequate
Overall effectiveness Good
Children and families in Dorset receive good help. Overall effectiveness is good
and leaders know their services well."""

ILACS_P2 = """Inspection of Dorset local authority children’s services
17 to 21 March 2025 2
Leaders have more to do.
What needs to improve?1
◼ The clarity and detail of the care leaver offer, including for care leavers who are
parents. (Outcome four, National Framework)
◼ The timeliness of assessments for disabled children, so that their needs
1 The areas for improvement have been cross-referenced with the outcomes, enablers or principles in
the Children’s Social Care: National Framework."""

ILACS_P3 = """Inspection of Dorset local authority children’s services
17 to 21 March 2025 3
are understood early.
The experiences and progress of children who need help and
protection: requires improvement to be good
1. Children receive help at the right time."""


def test_ilacs_report_fields():
    meta = extract_metadata(pages(ILACS_P1, ILACS_P2, ILACS_P3), source="dorset.pdf", report_id="r1")
    assert meta.framework == "ILACS"
    assert meta.title == "Inspection of Dorset local authority children’s services"
    assert meta.local_authority == "Dorset"
    assert meta.inspection_dates == "17 March to 21 March 2025"
    assert (meta.inspection_start, meta.inspection_end) == ("2025-03-17", "2025-03-21")
    assert (meta.lead_inspector, meta.lead_inspector_page) == ("Sarah Canto", 1)
    assert meta.pages == 3 and meta.report_id == "r1" and meta.source == "dorset.pdf"


def test_ilacs_table_with_wrapped_labels_and_trailing_spaces():
    judgements = {j.area: j for j in extract_judgements(pages(ILACS_P1), "ILACS")}
    assert {a: j.grade for a, j in judgements.items()} == {
        "overall": "good",
        "leaders": "outstanding",
        "help_and_protection": "requires improvement to be good",
        "children_in_care": "good",
        "care_leavers": "inadequate",
    }
    assert judgements["children_in_care"].label == "The experiences and progress of children in care"
    assert all(j.page == 1 for j in judgements.values())


def test_ilacs_improvements_span_pages_and_skip_footnotes():
    items = extract_improvements(pages(ILACS_P1, ILACS_P2, ILACS_P3), "ILACS")
    assert [i.text for i in items] == [
        "The clarity and detail of the care leaver offer, including for care leavers who are parents. "
        "(Outcome four, National Framework)",
        "The timeliness of assessments for disabled children, so that their needs are understood early.",
    ]
    assert [i.page for i in items] == [2, 2]


def test_combined_children_in_care_and_care_leavers_row():
    text = """Inspection of Isle of Wight local authority children’s services
Inspection dates: 19 November 2018 to 30 November 2018
Lead inspector: Tracey Scott
Her Majesty’s Inspector
Judgement Grade
The impact of leaders on social work practice with children
and families Good
The experiences and progress of children who need help and
protection Requires improvement
The experiences and progress of children in care and care
leavers Outstanding
Overall effectiveness Good"""
    meta = extract_metadata(pages(text), source="iow.pdf")
    grades = {j.area: j.grade for j in meta.judgements}
    assert grades == {
        "overall": "good",
        "leaders": "good",
        "help_and_protection": "requires improvement",
        "children_in_care": "outstanding",
    }
    assert meta.judgement("children_in_care").label.endswith("children in care and care leavers")
    assert meta.lead_inspector == "Tracey Scott"


REFORMED_2026 = """Inspection of North Northamptonshire
local authority children’s services
Inspection dates: 11 to 22 May 2026
Lead inspector: David Cohen, His Majesty’s Inspector
Judgement Grade
The impact of leaders on practice with
children and families
Outstanding
The experiences and progress of
children who need help and protection
Good
The experiences and progress of
children in care
Good
The experiences and progress of care
leavers
Requires improvement to be good
The experiences of children have significantly improved since 2022."""


def test_2026_report_without_overall_grade():
    meta = extract_metadata(pages(REFORMED_2026), source="nn.pdf")
    assert meta.framework == "2026"
    assert meta.overall is None
    assert [j.area for j in meta.judgements] == ["leaders", "help_and_protection", "children_in_care", "care_leavers"]
    assert meta.judgement("care_leavers").grade == "requires improvement to be good"
    assert (meta.inspection_start, meta.inspection_end) == ("2026-05-11", "2026-05-22")
    assert meta.local_authority == "North Northamptonshire"


def test_table_report_published_in_2026_is_2026_framework():
    meta = extract_metadata(pages(ILACS_P1), source="x.pdf", defaults={"published": "2026-01-12"})
    assert meta.framework == "2026" and meta.overall.grade == "good"


SIF_P1 = """1
Norfolk County Council
Inspection of services for children in need of help and
protection, children looked after and care leavers
and
Review of the effectiveness of the Local Safeguarding Children
Board1
Inspection date: 6 July 2015 – 30 July 2015
Report published: 19 October 2015
Children’s services in Norfolk require improvement to be
good
1. Children who need help and protection Requires improvement
2. Children looked after and achieving
permanence
Inadequate
2.1 Adoption performance Good
2.2 Experiences and progress of care leavers Requires
Improvement
3. Leadership, management and governance Outstanding
1 Ofsted produces this report under its power to combine reports."""

SIF_P2 = """2
Contents
Recommendations 8
Information about this inspection 45"""

SIF_P3 = """8
What does the local authority need to improve?
Priority and immediate action
Capacity
1. Ensure that service managers have sufficient capacity to undertake their full
role.
2. Ensure that all missing episodes are referred for return interviews:
\uf0a7 within 72 hours
\uf0a7 by an independent person.
Areas for improvement
Quality of practice
3. Further improve the quality of social work assessment.
Summary for children and young people
\uf06e Services are improving."""

SIF_P4 = """39
Local Safeguarding Children Board (LSCB)
The Local Safeguarding Children Board requires improvement
Executive summary"""

SIF_P5 = """45
Information about this inspection
The inspection team
Lead inspector: Helen Cawston HMI
Deputy lead inspector: Louise Hocking HMI"""


def test_sif_report():
    meta = extract_metadata(pages(SIF_P1, SIF_P2, SIF_P3, SIF_P4, SIF_P5), source="norfolk.pdf")
    assert meta.framework == "SIF"
    assert meta.title == (
        "Inspection of services for children in need of help and protection, children looked "
        "after and care leavers and Review of the effectiveness of the Local Safeguarding "
        "Children Board"
    )
    assert meta.local_authority == "Norfolk"
    assert meta.published == "2015-10-19"
    assert (meta.inspection_start, meta.inspection_end) == ("2015-07-06", "2015-07-30")
    assert (meta.lead_inspector, meta.lead_inspector_page) == ("Helen Cawston", 5)
    assert {j.area: j.grade for j in meta.judgements} == {
        "overall": "requires improvement to be good",
        "help_and_protection": "requires improvement",
        "children_in_care": "inadequate",
        "adoption": "good",
        "care_leavers": "requires improvement",
        "leaders": "outstanding",
        "lscb": "requires improvement",
    }
    assert meta.judgement("lscb").page == 4


def test_sif_numbered_recommendations_skip_subheadings_and_keep_sub_bullets():
    items = extract_improvements(pages(SIF_P1, SIF_P2, SIF_P3, SIF_P4), "SIF")
    assert [i.text for i in items] == [
        "Ensure that service managers have sufficient capacity to undertake their full role.",
        "Ensure that all missing episodes are referred for return interviews: \uf0a7 within 72 hours "
        "\uf0a7 by an independent person.",
        "Further improve the quality of social work assessment.",
    ]
    assert {i.page for i in items} == {3}


def test_sif_overall_sentence_variants():
    text = "The overall judgement is that children’s services require\nimprovement.2\n1. Children who need help"
    assert (
        extract_judgements(pages(text + "\nInspection of services for children in need of help"), "SIF")[0].grade
        == "requires improvement"
    )
    text = "The overall judgement is good.\n2.1 Adoption performance Not judged"
    grades = {j.area: j.grade for j in extract_judgements(pages(text), "SIF")}
    assert grades == {"overall": "good", "adoption": "not judged"}


def test_pre_sif_report():
    p1 = """Inspection of looked after children
services
Kent County Council
Inspection dates: 15 – 19 July 2013
Reporting inspector Helen Cawston HMI
Age group: All
Published: 23 August 2013"""
    p2 = """Kent County Council Inspection of looked after children services 6
Areas for improvement
22. In order to improve the quality of provision, the local authority should take the
following action.
Immediately:
\uf0a7 improve the quality of supervision and management oversight in
casework
\uf0a7 ensure that the voice of the child contributes to care planning.
Within three months:
\uf0a7 review placement sufficiency.
Outcomes for looked after children"""
    p3 = """Kent County Council Inspection of looked after children services 19
Record of main findings
Overall effectiveness Adequate
Capacity to improve Good
Leadership and management Good"""
    meta = extract_metadata(pages(p1, p2, p3), source="kent.pdf")
    assert meta.framework == "pre-SIF"
    assert meta.title == "Inspection of looked after children services"
    assert meta.local_authority == "Kent"
    assert (meta.inspection_start, meta.inspection_end, meta.published) == ("2013-07-15", "2013-07-19", "2013-08-23")
    assert meta.lead_inspector == "Helen Cawston"
    assert {j.area: j.grade for j in meta.judgements} == {"overall": "adequate", "leaders": "good"}
    assert [i.text for i in meta.improvements] == [
        "improve the quality of supervision and management oversight in casework",
        "ensure that the voice of the child contributes to care planning.",
        "review placement sufficiency.",
    ]


def test_manifest_defaults_win():
    meta = extract_metadata(
        pages(ILACS_P1),
        source="x.pdf",
        defaults={
            "local_authority": "bournemouth, christchurch & poole",
            "published": "2025-05-09",
            "url": "https://files.ofsted.gov.uk/v1/file/1",
            "urn": "2532287",
            "sha256": "abc",
        },
    )
    assert meta.local_authority == "Bournemouth, Christchurch & Poole"
    assert (meta.published, meta.year, meta.url, meta.urn, meta.sha256) == (
        "2025-05-09",
        2025,
        "https://files.ofsted.gov.uk/v1/file/1",
        "2532287",
        "abc",
    )


@pytest.mark.parametrize(
    "name, expected",
    [
        ("bournemouth, christchurch & poole", "Bournemouth, Christchurch & Poole"),
        ("kingston upon hull", "Kingston upon Hull"),
        ("st helens", "St Helens"),
        ("stoke-on-trent", "Stoke-on-Trent"),
        ("southend-on-sea", "Southend-on-Sea"),
        ("london corporation", "London Corporation"),
        ("isle of wight", "Isle of Wight"),
        ("blackburn with darwen", "Blackburn with Darwen"),
        ("bath and north east somerset", "Bath and North East Somerset"),
        ("", ""),
    ],
)
def test_display_authority(name, expected):
    assert display_authority(name) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("8 – 12 July 2013", ("2013-07-08", "2013-07-12")),
        ("19 November 2018 to 30 November 2018", ("2018-11-19", "2018-11-30")),
        ("30 September to 11 October 2024 and 13 to 16 January 2025", ("2024-09-30", "2025-01-16")),
        ("18 Feb 2014 – 12 March 2014", ("2014-02-18", "2014-03-12")),
        ("12/09/2016 to 06/10/2016", ("2016-09-12", "2016-10-06")),
        ("sometime", ("", "")),
        ("31 February 2020", ("", "")),
    ],
)
def test_parse_date_range(text, expected):
    assert parse_date_range(text) == expected


def test_parse_date():
    assert parse_date("Report published: 2 August 2013") == "2013-08-02"
    assert parse_date("25/11/2016") == "2016-11-25"
    assert parse_date("no date") == ""


@pytest.mark.parametrize(
    "texts",
    [
        (),
        ("",),
        ("\x00\ufffe garbage ◼ \n\n 1.",),
        ("Judgement Grade",),
        ("What needs to improve?\n◼",),
        ("Recommendations\n1.",),
    ],
)
def test_odd_text_never_raises(texts):
    meta = extract_metadata(pages(*texts), source="odd.pdf")
    assert meta.pages == len(texts)
    assert meta.lead_inspector == "" or isinstance(meta.lead_inspector, str)


def test_two_lead_inspectors():
    text = (
        "Inspection of Stoke-on-Trent local authority children’s services\n"
        "Inspection dates: 1 to 12 July 2024\n"
        "Lead inspectors: Rebecca Quested, His Majesty’s Inspector, and Matthew Reed,\n"
        "His Majesty’s Inspector\n"
    )
    meta = extract_metadata(pages(text), source="stoke.pdf")
    assert meta.lead_inspector == "Rebecca Quested and Matthew Reed"
    assert meta.local_authority == "Stoke-on-Trent"


def test_needs_to_improve_as_a_paragraph_is_one_item():
    p2 = (
        "What needs to improve?\n"
        "There are an extremely small number of areas of variability in what is otherwise an\n"
        "exceptional practice.\n"
        "The experiences and progress of children who need help and\n"
        "protection: outstanding\n"
    )
    items = extract_improvements(pages(ILACS_P1, p2), "ILACS")
    assert [(i.text, i.page) for i in items] == [
        ("There are an extremely small number of areas of variability in what is otherwise an exceptional practice.", 2)
    ]


# -- a failing extractor is reported, not swallowed -------------------------------------------------
def _broken_extractor(*args, **kwargs):
    raise ZeroDivisionError("bug in the extractor")


def test_failing_extractor_is_logged_and_recorded(monkeypatch, caplog):
    from assistant.reports import metadata

    monkeypatch.setattr(metadata, "extract_lead_inspector", _broken_extractor)
    errors: list[tuple[str, str]] = []
    with caplog.at_level("WARNING", logger="assistant.reports.metadata"):
        meta = extract_metadata(pages(ILACS_P1, ILACS_P2, ILACS_P3), source="dorset.pdf", errors=errors)
    assert meta.lead_inspector == "" and meta.overall is not None  # the other fields are still read
    assert errors == [("lead_inspector", "ZeroDivisionError: bug in the extractor")]
    assert any("dorset.pdf" in r.getMessage() and "lead_inspector" in r.getMessage() for r in caplog.records)


def test_failing_extractor_is_counted_in_the_ingest_summary(monkeypatch, tmp_path, embedder):
    from assistant.indexing import ingest
    from assistant.reports import metadata
    from assistant.settings import Settings

    monkeypatch.setattr(metadata, "extract_judgements", _broken_extractor)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "testshire.txt").write_text(ILACS_P1, encoding="utf-8")
    settings = Settings.from_env(
        index_path=str(tmp_path / "index"), manifest=str(tmp_path / "none.csv"), chroma_host=""
    )
    summary = ingest(folder, settings, embedder=embedder, progress=False)
    assert summary.reports == 1 and summary.failed == []
    assert summary.extractor_errors == [
        (str(folder / "testshire.txt"), "judgements", "ZeroDivisionError: bug in the extractor")
    ]
    lines = summary.lines()
    assert "1 metadata extractor error(s)" in lines[0]
    assert any("testshire.txt" in line and "judgements" in line and "ZeroDivisionError" in line for line in lines[1:])

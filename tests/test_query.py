"""Unit tests for assistant/query.py: authority recognition, date parsing, recency, topic."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.query import (
    ALIASES_PATH,
    AuthorityMatcher,
    QueryFilters,
    load_known_authorities,
    parse_query,
)
from assistant.query.places import names_outside_england

ROOT = Path(__file__).resolve().parent.parent
_MANIFESTS = [
    ROOT / "corpus" / "manifest.csv",
    ROOT.parent / "shared" / "ofsted-reports" / "manifest.csv",
    Path("/work/shared/ofsted-reports/manifest.csv"),
]
MANIFEST = next((p for p in _MANIFESTS if p.exists()), None)
_DEVS = [ROOT.parent / "shared" / "eval" / "dev_questions.jsonl", Path("/work/shared/eval/dev_questions.jsonl")]
DEV = next((p for p in _DEVS if p.exists()), None)
TODAY = date(2026, 6, 1)

pytestmark = pytest.mark.skipif(MANIFEST is None, reason="no manifest.csv available")


@pytest.fixture(scope="module")
def known() -> list[str]:
    return load_known_authorities(MANIFEST)


@pytest.fixture(scope="module")
def matcher(known) -> AuthorityMatcher:
    return AuthorityMatcher(known)


def q(matcher, text) -> QueryFilters:
    return parse_query(text, matcher, today=TODAY)


# --------------------------------------------------------------------------- manifest / data file


def test_load_known_authorities(known):
    assert len(known) == 153
    assert len(set(known)) == len(known)
    for name in (
        "dorset",
        "bournemouth, christchurch & poole",
        "kingston upon hull",
        "london corporation",
        "telford & wrekin",
        "windsor & maidenhead",
        "southend-on-sea",
        "st helens",
        "durham",
    ):
        assert name in known


def test_alias_file_targets_are_known(known):
    data = json.loads(ALIASES_PATH.read_text(encoding="utf-8"))
    known_set = set(known)
    for alias, target in (data["aliases"] | data["towns"]).items():
        targets = [target] if isinstance(target, str) else target
        for t in targets:
            assert t in known_set, f"alias {alias!r} -> unknown {t!r}"


# --------------------------------------------------------------------------- every authority


def _title(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split(" "))


SENSITIVE = set(json.loads(ALIASES_PATH.read_text(encoding="utf-8"))["case_sensitive"])

TEMPLATES = [
    "How did Ofsted rate {n} children's services in 2023?",
    "What did the inspection say about {n}'s care leavers?",
    "What did the inspection say about {n}’s care leavers?",
    "{n} children's services: what was the overall judgement?",
    "Summarise the report for {n}.",
]


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_authority_recognised(matcher, known, template):
    failures = []
    for name in known:
        for form in (name, _title(name), name.title(), name.upper()):
            text = template.format(n=form)
            if template.startswith("Summarise") and form == name and name in SENSITIVE:
                continue  # lower-case ordinary English word with no context: deliberately not matched
            got = matcher.find(text)
            if got != (name,):
                failures.append((text, got))
    assert not failures, failures[:10]


def test_every_authority_gets_no_spurious_extra(matcher, known):
    # each canonical name alone yields only itself (longest match wins)
    for name in known:
        assert matcher.find(_title(name)) == (name,), name


# --------------------------------------------------------------------------- aliases

ALIASES = [
    ("How is Hull doing?", "kingston upon hull"),
    ("Hull’s latest inspection", "kingston upon hull"),
    ("Hull City Council children's services", "kingston upon hull"),
    ("Kingston upon Hull's report", "kingston upon hull"),
    ("Kingston-upon-Hull", "kingston upon hull"),
    ("What did Ofsted say about BCP?", "bournemouth, christchurch & poole"),
    ("Bournemouth, Christchurch and Poole council", "bournemouth, christchurch & poole"),
    ("Bournemouth Christchurch & Poole", "bournemouth, christchurch & poole"),
    ("services in Bournemouth", "bournemouth, christchurch & poole"),
    ("Poole's care leavers", "bournemouth, christchurch & poole"),
    ("the City of London", "london corporation"),
    ("City of London Corporation", "london corporation"),
    ("London Corporation", "london corporation"),
    ("Telford and Wrekin", "telford & wrekin"),
    ("Telford & Wrekin Council", "telford & wrekin"),
    ("Windsor and Maidenhead", "windsor & maidenhead"),
    ("Royal Borough of Windsor and Maidenhead", "windsor & maidenhead"),
    ("County Durham", "durham"),
    ("Durham County Council", "durham"),
    ("Bristol City Council", "bristol"),
    ("City of Bristol", "bristol"),
    ("Herefordshire Council", "herefordshire"),
    ("St. Helens", "st helens"),
    ("Saint Helens", "st helens"),
    ("St Helens'", "st helens"),
    ("Richmond", "richmond upon thames"),
    ("Richmond-upon-Thames", "richmond upon thames"),
    ("Newcastle", "newcastle upon tyne"),
    ("Newcastle upon Tyne", "newcastle upon tyne"),
    ("Stockton", "stockton-on-tees"),
    ("Stockton on Tees", "stockton-on-tees"),
    ("Stoke on Trent", "stoke-on-trent"),
    ("Stoke", "stoke-on-trent"),
    ("Southend", "southend-on-sea"),
    ("Southend on Sea", "southend-on-sea"),
    ("in Blackburn", "blackburn with darwen"),
    ("Blackburn with Darwen", "blackburn with darwen"),
    ("in Redcar", "redcar and cleveland"),
    ("Redcar & Cleveland", "redcar and cleveland"),
    ("in Brighton", "brighton and hove"),
    ("Brighton & Hove", "brighton and hove"),
    ("in Barking", "barking and dagenham"),
    ("Barking & Dagenham", "barking and dagenham"),
    ("in Hammersmith", "hammersmith and fulham"),
    ("Hammersmith & Fulham", "hammersmith and fulham"),
    ("in Kensington", "kensington and chelsea"),
    ("Royal Borough of Kensington and Chelsea", "kensington and chelsea"),
    ("for Bath", "bath and north east somerset"),
    ("Bath & North East Somerset", "bath and north east somerset"),
    ("BANES", "bath and north east somerset"),
    ("East Riding", "east riding of yorkshire"),
    ("the East Riding of Yorkshire Council", "east riding of yorkshire"),
    ("Isle of Wight", "isle of wight"),
    ("IOW children's services", "isle of wight"),
    ("IoW", "isle of wight"),
    ("Isles of Scilly", "isles of scilly"),
    ("Council of the Isles of Scilly", "isles of scilly"),
    ("Milton Keynes", "milton keynes"),
    ("Cheshire West", "cheshire west and chester"),
    ("London Borough of Camden", "camden"),
    ("Kingston", "kingston upon thames"),
    ("Royal Borough of Kingston", "kingston upon thames"),
    ("Kingston upon Thames", "kingston upon thames"),
    ("Herts", "hertfordshire"),
    ("Bedford Borough Council", "bedford"),
]


TOWNS = [
    ("how are childrens services in huddersfield rated?", "kirklees"),
    ("is grimsby childrens social care any good?", "north east lincolnshire"),
    ("what did ofsted say about Bury St Edmunds?", "suffolk"),  # not bury
    ("Newcastle-under-Lyme children's services", "staffordshire"),  # not newcastle upon tyne
    ("Sutton Coldfield", "birmingham"),  # not sutton
    ("soton care leavers - what grade at the last ofsted?", "southampton"),
    ("pompey childrens services ofsted grade", "portsmouth"),
    ("kids in care in Barrow-in-Furness", "westmorland and furness"),
]


@pytest.mark.parametrize("text,expected", ALIASES + TOWNS)  # a town names the authority responsible for it
def test_aliases(matcher, text, expected):
    assert matcher.find(text) == (expected,)


def test_places_outside_england_are_no_slips_of_an_authority(matcher):
    # "north lanarkshire" was read as Lancashire, and answered with Lancashire's grade
    for name in names_outside_england():
        for text in (f"what did ofsted say about {name}?", f"{name.lower()} child protection grade"):
            assert matcher.find(text) == (), text


def test_towns_that_are_ordinary_words_are_read_like_bury(matcher):
    # lower case beside another authority: the word, not the place
    assert matcher.find("leeds report, the grays and blues of its charts") == ("leeds",)
    assert matcher.find("Grays children's services") == ("thurrock",)


@pytest.mark.parametrize("text", ["Northamptonshire", "Northants", "northamptonshire's children"])
def test_northamptonshire_is_both(matcher, text):
    assert set(matcher.find(text)) == {"north northamptonshire", "west northamptonshire"}


def test_specific_northamptonshire(matcher):
    assert matcher.find("North Northamptonshire") == ("north northamptonshire",)
    assert matcher.find("West Northamptonshire's report") == ("west northamptonshire",)


# --------------------------------------------------------------------------- tricky cases

TRICKY = [
    ("How was North Somerset rated?", ("north somerset",)),
    ("How was Somerset rated?", ("somerset",)),
    ("North Somerset and Somerset", ("north somerset", "somerset")),
    ("Bath and North East Somerset", ("bath and north east somerset",)),
    ("West Sussex", ("west sussex",)),
    ("East Sussex and West Sussex", ("east sussex", "west sussex")),
    ("Leicester", ("leicester",)),
    ("Leicestershire", ("leicestershire",)),
    ("Leicester and Leicestershire", ("leicester", "leicestershire")),
    ("Derby vs Derbyshire", ("derby", "derbyshire")),
    ("Nottingham City Council", ("nottingham",)),
    ("Nottinghamshire County Council", ("nottinghamshire",)),
    ("North Yorkshire", ("north yorkshire",)),
    ("East Riding of Yorkshire", ("east riding of yorkshire",)),
    ("City of York", ("york",)),
    ("New York", ()),
    ("Kentish Town", ()),
    ("in Kent", ("kent",)),
    ("Gloucestershire and South Gloucestershire", ("gloucestershire", "south gloucestershire")),
    ("North Lincolnshire and North East Lincolnshire", ("north lincolnshire", "north east lincolnshire")),
    ("Lincolnshire", ("lincolnshire",)),
    ("North Tyneside, South Tyneside", ("north tyneside", "south tyneside")),
    ("Central Bedfordshire", ("central bedfordshire",)),
    ("Cheshire East", ("cheshire east",)),
    ("Bury's report", ("bury",)),
    ("Buryport", ()),
    ("Sutton and Wigan", ("sutton", "wigan")),
    ("Rutland, Sefton", ("rutland", "sefton")),
    ("Dorset and Devon and Dorset", ("dorset", "devon")),
    ("", ()),
]


@pytest.mark.parametrize("text,expected", TRICKY)
def test_tricky(matcher, text, expected):
    assert matcher.find(text) == expected


READING = [
    ("Reading the report, what did Ofsted say about care leavers?", ()),
    ("What does reading the report tell me about Dorset?", ("dorset",)),
    ("I am reading about Kent", ("kent",)),
    ("How was Reading rated?", ("reading",)),
    ("What did Ofsted say about Reading?", ("reading",)),
    ("Reading's children's services", ("reading",)),
    ("Reading children's services", ("reading",)),
    ("reading children's services", ("reading",)),
    ("Reading Borough Council", ("reading",)),
    ("Reading was judged good?", ("reading",)),
    ("Taking a bath", ()),
    ("Bath's inspection", ("bath and north east somerset",)),
    ("How did Barking fare?", ("barking and dagenham",)),
    ("a barking dog in Slough", ("slough",)),
    ("what's the name of the front door service in reading in 2024", ("reading",)),  # a place in a year
    ("front door in bath 2019", ("bath and north east somerset",)),
    ("I am interested in reading", ()),
]


@pytest.mark.parametrize("text,expected", READING)
def test_ordinary_words(matcher, text, expected):
    assert matcher.find(text) == expected


def test_order_and_no_duplicates(matcher):
    assert matcher.find("Compare Leeds with Bradford and Leeds again, then Hull") == (
        "leeds",
        "bradford",
        "kingston upon hull",
    )


def test_matcher_with_small_known_list():
    m = AuthorityMatcher(["dorset", "kingston upon hull"])
    assert m.find("Hull and Dorset and Somerset and BCP") == ("kingston upon hull", "dorset")


def test_spans_point_into_text(matcher):
    text = "What did Ofsted say about Hull’s care leavers?"
    ((s, e, names),) = matcher.spans(text)
    assert text[s:e] == "Hull’s" and names == ("kingston upon hull",)


# --------------------------------------------------------------------------- dates

DATES = [
    # text, from, to, exact
    ("in 2019", "2019-01-01", "2019-12-31", ""),
    ("the 2019 inspection", "2019-01-01", "2019-12-31", ""),
    ("published in May 2025", "2025-05-01", "2025-05-31", ""),
    ("the inspection of May 2025", "2025-05-01", "2025-05-31", ""),
    ("published 9 May 2025", "2025-05-09", "2025-05-09", "2025-05-09"),
    ("9th May 2025", "2025-05-09", "2025-05-09", "2025-05-09"),
    ("the 9th of May 2025", "2025-05-09", "2025-05-09", "2025-05-09"),
    ("May 9, 2025", "2025-05-09", "2025-05-09", "2025-05-09"),
    ("09/05/2025", "2025-05-09", "2025-05-09", "2025-05-09"),
    ("9.5.2025", "2025-05-09", "2025-05-09", "2025-05-09"),
    ("2025-05-09", "2025-05-09", "2025-05-09", "2025-05-09"),
    ("Feb 2024", "2024-02-01", "2024-02-29", ""),
    ("Sept 2022", "2022-09-01", "2022-09-30", ""),
    ("2025-05", "2025-05-01", "2025-05-31", ""),
    ("between 2018 and 2020", "2018-01-01", "2020-12-31", ""),
    ("between March 2018 and June 2020", "2018-03-01", "2020-06-30", ""),
    ("between May and July 2022", "2022-05-01", "2022-07-31", ""),
    ("from 2018 to 2022", "2018-01-01", "2022-12-31", ""),
    ("2018-2020", "2018-01-01", "2020-12-31", ""),
    ("2018 – 2020", "2018-01-01", "2020-12-31", ""),
    ("2019/20", "2019-01-01", "2020-12-31", ""),
    ("since 2020", "2020-01-01", "", ""),
    ("after 2021", "2022-01-01", "", ""),
    ("after May 2021", "2021-06-01", "", ""),
    ("from 2018 onwards", "2018-01-01", "", ""),
    ("2018 or later", "2018-01-01", "", ""),
    ("post-2020", "2021-01-01", "", ""),
    ("before 2019", "", "2018-12-31", ""),
    ("prior to 2019", "", "2018-12-31", ""),
    ("until 2019", "", "2019-12-31", ""),
    ("up to March 2019", "", "2019-03-31", ""),
    ("pre-2019", "", "2018-12-31", ""),
    ("in the last two years", "2024-06-01", "2026-06-01", ""),
    ("over the past 3 years", "2023-06-01", "2026-06-01", ""),
    ("in the last year", "2025-06-01", "2026-06-01", ""),
    ("in the past six months", "2025-12-01", "2026-06-01", ""),
    ("within the last decade", "2016-06-01", "2026-06-01", ""),
    ("this year", "2026-01-01", "2026-12-31", ""),
    ("last year", "2025-01-01", "2025-12-31", ""),
    ("two years ago", "2024-01-01", "2024-12-31", ""),
    ("in spring 2023", "2023-03-01", "2023-05-31", ""),
    ("in the summer of 2022", "2022-06-01", "2022-08-31", ""),
    ("in Q3 2024", "2024-07-01", "2024-09-30", ""),
    ("in late 2019", "2019-09-01", "2019-12-31", ""),
    ("since early 2020", "2020-01-01", "", ""),
    ("as of March 2024", "", "2024-03-31", ""),
    ("(2019)", "2019-01-01", "2019-12-31", ""),
    ("in Jan. 2024", "2024-01-01", "2024-01-31", ""),
    ("published on the 3rd of March 2023", "2023-03-03", "2023-03-03", "2023-03-03"),
]


@pytest.mark.parametrize("phrase,frm,to,exact", DATES)
def test_dates(matcher, phrase, frm, to, exact):
    f = q(matcher, f"What did Ofsted say about Dorset {phrase}?")
    assert (f.published_from, f.published_to, f.exact_date) == (frm, to, exact), f
    assert f.authorities == ("dorset",)
    assert f.date_text
    assert f.date_text in f"What did Ofsted say about Dorset {phrase}?"


NOT_DATES = [
    "What does the report say about 16 or 17 years old care leavers in Kent?",
    "What is said in paragraph 2019 of the Kent report?",
    "How were 2020 children supported in Kent?",
    "Did Kent have 2,000 referrals?",
    "What about 16- and 17-year-olds in Kent?",
    "Is the rate 2030% in Kent?",
    "Kent inspection in 1999",
    "Kent inspection in 2040",
    "May I ask how Kent was rated?",
    "What did Kent achieve in 12 months?",
    "Kent services for 0-25 year olds",
    "Were there 2018 children in care in Kent?",
]


@pytest.mark.parametrize(
    "text,frm,to",
    [
        ("kent 2018 children in care council name?", "2018-01-01", "2018-12-31"),  # a year, then what is asked
        (
            "kent cp plan numbers jan 2015",
            "2015-01-01",
            "2015-01-31",
        ),  # "numbers" before a month is no reference number
    ],
)
def test_a_year_before_a_noun_is_a_date_unless_counted(matcher, text, frm, to):
    f = q(matcher, text)
    assert (f.published_from, f.published_to) == (frm, to), f


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(matcher, text):
    f = q(matcher, text)
    assert (f.published_from, f.published_to, f.exact_date, f.date_text) == ("", "", "", ""), f
    assert f.authorities == ("kent",)


def test_two_years_spans_both(matcher):
    f = q(matcher, "Compare Leeds's 2019 and 2023 inspections")
    assert (f.published_from, f.published_to) == ("2019-01-01", "2023-12-31")
    assert f.date_ranges == (("2019-01-01", "2019-12-31"), ("2023-01-01", "2023-12-31"))
    assert f.exact_date == ""


def test_date_text_includes_published(matcher):
    f = q(matcher, "Who led Norfolk's inspection published 18 May 2026?")
    assert f.date_text == "published 18 May 2026"
    assert f.exact_date == "2026-05-18"
    f = q(
        matcher,
        "What overall effectiveness judgement did Ofsted give Dorset's children's services in the inspection of May 2025?",
    )
    assert f.date_text == "May 2025"


def test_default_today_is_used(matcher):
    f = parse_query("Dorset in the last two years", matcher)
    assert f.published_to == date.today().isoformat()


# --------------------------------------------------------------------------- recency

RECENCY = [
    ("What was Dorset's latest rating?", "latest"),
    ("What did the most recent inspection of Dorset find?", "latest"),
    ("Dorset's last inspection", "latest"),
    ("Dorset's last Ofsted inspection", "latest"),
    ("When was Dorset last inspected?", "latest"),
    ("What is Dorset's current judgement?", "latest"),
    ("How is Dorset currently rated?", "latest"),
    ("What did Dorset's previous inspection say?", "previous"),
    ("What did the prior inspection of Dorset find?", "previous"),
    ("In the earlier inspection, how was Dorset rated?", "previous"),
    ("What was Dorset rated in the inspection before the latest one?", "previous"),
    ("What was Dorset's first inspection judgement?", "first"),
    ("Dorset's earliest report", "first"),
    ("What did the oldest Ofsted report on Dorset say?", "first"),
    ("Compare Dorset's latest inspection with its first inspection", ""),
    ("What did Dorset's 2019 inspection say?", ""),
    ("What support do the oldest children in care in Dorset get?", ""),
    ("What did the first recommendation for Dorset say?", ""),
    ("How does Dorset help care leavers in the last two years?", ""),
    ("Do children in care in Dorset meet their PA in good time before they turn 18?", ""),  # a time of life
    ("Dorset: what was the time before like?", "previous"),
    ("Was Dorset's leaving care booklet up to date?", ""),  # a finding's wording, not the latest report
    ("Dorset's most up to date rating", "latest"),
    ("Dorset up-to-date ofsted report", "latest"),
]


@pytest.mark.parametrize(
    "text,frm,to,recency",
    [
        # the date states what was, "now" / "still?" asks what is: the latest since then
        ("tower hamlets was in a bad way in 2017, where are they now?", "2017-01-01", "", "latest"),
        ("leeds was outstanding in 2018 - is it still?", "2018-01-01", "", "latest"),
        # "still" inside a finding, or the date after "now", keeps the period
        (
            "In Leeds (2019), which staff were still carrying bigger caseloads than planned?",
            "2019-01-01",
            "2019-12-31",
            "latest",
        ),
        ("is leeds still outstanding in 2018?", "2018-01-01", "2018-12-31", "latest"),
    ],
)
def test_a_date_in_an_earlier_clause_than_now_is_a_premise(matcher, text, frm, to, recency):
    f = parse_query(text, matcher)
    assert (f.published_from, f.published_to, f.recency) == (frm, to, recency)


def test_back_in_a_year_leaves_the_question_in_the_topic(matcher):
    f = q(matcher, "in dorset back in 2014 were return interviews happening within 48 hours?")
    assert f.topic == "were return interviews happening within 48 hours?", f


@pytest.mark.parametrize("text,expected", RECENCY)
def test_recency(matcher, text, expected):
    f = q(matcher, text)
    assert f.recency == expected, f
    assert f.authorities == ("dorset",)


def test_prior_to_year_is_range_not_previous(matcher):
    f = q(matcher, "Dorset's inspection prior to 2020")
    assert f.published_to == "2019-12-31" and f.recency == ""


# --------------------------------------------------------------------------- topic

TOPICS = [
    (
        "What overall effectiveness judgement did Ofsted give Dorset's children's services in the inspection of May 2025?",
        "What overall effectiveness judgement did give?",
    ),
    (
        "According to the 2026 Ofsted inspection, what are the areas for improvement for Norfolk children's services?",
        "what are the areas for improvement?",
    ),
    (
        "What does Ofsted say Hull needs to improve, in the children's services inspection published in January 2023?",
        "What does say needs to improve?",
    ),
    (
        "How was help and protection judged in Isle of Wight's children's services inspection published 15 December 2023?",
        "How was help and protection judged?",
    ),
    (
        "What did the latest Ofsted report say about care leavers in North Somerset?",
        "What did report say about care leavers?",
    ),
    # the asker's preamble is no part of what is asked
    (
        "As a councillor I want to know: in 2017 had Leicestershire agreed funding to take on more social workers?",
        "had agreed funding to take on more social workers?",
    ),
    ("can you tell me whether leeds care leavers get free bus passes", "whether care leavers get free bus passes"),
]


@pytest.mark.parametrize("text,expected", TOPICS)
def test_topic(matcher, text, expected):
    assert q(matcher, text).topic == expected


def test_topic_keeps_content_words(matcher):
    t = q(
        matcher, "What grade did Ofsted give Bury for the experiences and progress of children in care in 2021?"
    ).topic
    assert "experiences and progress of children in care" in t
    assert "Bury" not in t and "2021" not in t and "Ofsted" not in t


def test_no_authority_no_date(matcher):
    f = q(matcher, "What are common weaknesses in care leaver services?")
    assert f == QueryFilters(topic="What are common weaknesses in care leaver services?")


# --------------------------------------------------------------------------- dev questions


def _dev_rows():
    if DEV is None:
        return []
    with open(DEV, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.skipif(DEV is None, reason="dev_questions.jsonl not available")
def test_dev_questions(matcher):
    rows = _dev_rows()
    assert rows
    failures = []
    for row in rows:
        f = q(matcher, row["question"])
        if row["local_authority"] not in f.authorities:
            failures.append(("authority", row["question"], f.authorities))
        if f.date_text or any(ch.isdigit() for ch in row["question"]):
            lo = f.published_from or "0000"
            hi = f.published_to or "9999"
            if not f.date_text or not (lo <= row["published"] <= hi):
                failures.append(("date", row["question"], f.published_from, f.published_to))
    assert not failures, failures[:10]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("swindom dedicated child exploitation team - name?", ("swindon",)),  # one slipped key
        ("caseloads in hulls access and assessment team", ("kingston upon hull",)),  # possessive, no apostrophe
        ("brnet ofsted rating", ("barnet",)),
        ("how is wakefeild doing", ("wakefield",)),  # two letters swapped
        ("boro's latest ofsted, any good?", ("middlesbrough",)),  # a nickname
        ("walton children's services", ()),  # another first letter: another place, not Halton
        ("wessex vale council's children's services", ()),  # not Essex: the first letter kept
        ("b'ham 2016 - how many kids did each IRO have?", ("birmingham",)),
        ("peterbourgh children's services overall rating in 2024??", ("peterborough",)),
    ],
)
def test_one_slip_in_a_name_is_still_the_authority(matcher, text, expected):
    assert matcher.find(text) == expected


@pytest.mark.parametrize(
    "text,place",
    [
        ("how many kids were on the caseloads of socail workers in 2015?", ""),  # a typo of "social"
        ("what does the assesment team in westmoorshire do?", "westmoorshire"),
        ("port clarendon care leavers service - was it any good?", "port clarendon"),  # opening a keyword question
        ("what did the inspectors say about wessex vale council's children's services?", "wessex vale"),
        ("socail care leavers service - any good?", ""),
        ("south mercia county council - care leavers judgement?", "south mercia"),  # named as a council
        ("how good is our county council at adoption?", ""),
    ],
)
def test_a_typo_of_an_english_word_is_no_unknown_place(matcher, text, place):
    from assistant.query.places import unknown_place

    assert unknown_place(text, matcher, lambda w: False).lower() == place


@pytest.mark.parametrize(
    "text,region",
    [
        ("which london boroughs were rated outstanding in 2019?", "London"),
        ("how many councils in the north-east are inadequate?", "North East"),
        ("councils in yorkshire judged good", "Yorkshire and the Humber"),
        ("how was north yorkshire judged", None),  # an authority, not the region
        ("north east lincolnshire ofsted", None),
        ("london corporation rating", None),
    ],
)
def test_the_region_a_question_names(text, region):
    from assistant.query.regions import region_in

    found = region_in(text)
    assert (found.name if found else None) == region


def test_every_authority_of_the_corpus_is_in_one_region(known):
    import json

    from assistant.query.regions import DATA

    regions = json.loads(DATA.read_text(encoding="utf-8"))["regions"].values()
    members = [a for r in regions for a in r["authorities"]]
    assert len(members) == len(set(members)) and set(members) == set(known)


@pytest.mark.parametrize(
    "text,to",
    [
        ("birmingham 2016 - was the leadership and management side still judged inadequate?", "2016-12-31"),
        ("in 2016 was leeds still inadequate?", "2016-12-31"),
        # a date that states something: "still" asks about what came after
        ("birmingham was inadequate in 2016, is it still?", ""),
        ("kirklees was inadequate in 2016 - was it still inadequate?", ""),
    ],
)
def test_still_in_the_past_tense_after_a_year_label_is_of_that_year(matcher, text, to):
    assert q(matcher, text).published_to == to


@pytest.mark.parametrize(
    "text,topic",
    [
        ("adoptive parent here - was there a buddy scheme for adopters?", "was there a buddy scheme for adopters?"),
        ("housing officer asking: were b&bs used?", "were b&bs used?"),
    ],
)
def test_who_is_asking_is_not_the_topic(matcher, text, topic):
    assert q(matcher, text).topic == topic

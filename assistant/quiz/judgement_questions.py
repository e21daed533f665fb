"""Questions on a report's judgements: "How did Ofsted judge ... ?" (mcq) and true/false
statements whose false versions swap the grade or the inspection, checked against the metadata.

Every question cites the chunk on the judgement's page that states the grade, and quotes the
excerpt "label grade" from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Chunk, Judgement, ReportMeta
from ..vocabulary import GRADES, display_grade
from .context import Context, explanation
from .model import Option, Question, tf_options
from .rules import finalise
from .text import clean, norm, sentences

# the four grades in each era's wording
GRADES_ILACS = tuple(display_grade(g) for g in GRADES if g != "requires improvement")
GRADES_SIF = tuple(display_grade(g) for g in GRADES if g != "requires improvement to be good")

# topic phrase -> judgement areas it is about
TOPIC_AREAS = {
    "care_leavers": r"care leaver|leaving care|pathway plan|personal advis|care[- ]experienced|staying put|staying close",
    "children_in_care": r"children in care|looked[- ]after|permanence|foster|placement|children's homes|corporate parent|virtual school",
    "help_and_protection": r"help and protection|front door|mash|safeguarding hub|child protection|early help|exploitation|"
    r"missing|referral|strategy|neglect|domestic abuse|threshold|section 47|disabled children|pre-proceedings",
    "leaders": r"leader|leadership|management|manager|workforce|caseload|workload|supervision|oversight|governance|"
    r"recruit|audit|quality assurance|performance",
    "adoption": r"adopt",
    "overall": r"overall|judgement",
    "lscb": r"lscb|safeguarding children board|partnership",
}


def topic_areas(topic: str) -> set[str]:
    """The judgement areas a topic phrase is about (all areas when there is no topic)."""
    if not topic.strip():
        return set(TOPIC_AREAS) | {"other"}
    t = norm(topic)
    return {area for area, pattern in TOPIC_AREAS.items() if re.search(pattern, t)}


def grade_options(meta: ReportMeta, j: Judgement | None = None) -> tuple[str, ...]:
    """The four grades in the wording of the judgement's era: SIF graded the areas "Requires
    improvement", and the overall judgement too until 2015 ("The overall judgement is ..."); from
    then ("Children's services in X require improvement to be good") and in ILACS it is
    "Requires improvement to be good"."""
    if j is not None and j.grade in ("requires improvement", "requires improvement to be good"):
        return GRADES_SIF if j.grade == "requires improvement" else GRADES_ILACS
    if j is not None and j.area == "overall" and meta.framework == "SIF":
        return GRADES_SIF if "judgement" in j.label.lower() else GRADES_ILACS
    return GRADES_SIF if meta.framework == "SIF" else GRADES_ILACS


@dataclass(frozen=True)
class JudgementFact:
    meta: ReportMeta
    judgement: Judgement
    chunk: Chunk
    excerpt: str  # "The experiences and progress of care leavers Good", as in the chunk


def _pattern(words: str) -> str:
    toks = clean(words).split()
    return r"\s+".join(re.sub(r"['\u2019]", "['\u2019]", re.escape(t)) for t in toks)


def _label(j: Judgement) -> str:
    return re.sub(r"(?:\s+(?:is|are)|:)\s*$", "", clean(j.label))


def find_fact(ctx: Context, meta: ReportMeta, j: Judgement) -> JudgementFact | None:
    """The chunk (on the judgement's page first) whose text states "label ... grade"."""
    label = _label(j)
    if not label or not j.grade:
        return None
    grade = _pattern(j.grade).replace("requires", "requires?")  # "services ... require improvement"
    if j.grade == "requires improvement":  # not the start of "requires improvement to be good"
        grade += r"(?!\s+to\s+be\s+good)"
    rx = re.compile(_pattern(label) + r"[\s:.\-\u2013]*(?:(?:is|are)\s+)?" + grade + r"\b", re.IGNORECASE)
    chunks = ctx.chunks(meta)
    ordered = [c for c in chunks if c.page == j.page] + [c for c in chunks if c.page != j.page]
    for c in ordered:
        text = clean(c.text)
        m = rx.search(text)
        if m:
            return JudgementFact(meta, j, c, text[m.start() : m.end()])
    return None


def facts(ctx: Context, meta: ReportMeta, areas: set[str]) -> list[JudgementFact]:
    out = []
    for j in meta.judgements:
        options = {g.lower() for g in grade_options(meta, j)}
        if (j.area in areas or ("other" in areas and j.area not in TOPIC_AREAS)) and j.grade in options:
            f = find_fact(ctx, meta, j)
            if f:
                out.append(f)
    return out


def _is_sif_overall(meta: ReportMeta, j: Judgement) -> bool:
    """SIF words its overall judgement "The overall judgement is ..." or "Children's services in
    X are ...": the prompt asks for the overall judgement on the children's services."""
    label = norm(j.label)
    return j.area == "overall" and ("judgement" in label or label.startswith("children's services"))


def area_phrase(j: Judgement) -> str:
    """How a prompt names the judged area: "the experiences and progress of care leavers"."""
    if j.area == "overall":
        return "overall effectiveness"
    label = _label(j)
    first = label.split()[0]
    rest = label[len(first) :]
    if first.lower() == "the":
        return "the" + rest
    if first.lower() == "children":
        return "services for children" + rest
    if first.lower() in ("experiences", "effectiveness", "impact", "quality"):
        return "the " + first.lower() + rest
    return (first if first.isupper() else first.lower()) + rest


def paragraph_of(fact: JudgementFact) -> str:
    """The numbered paragraph the judgement's excerpt stands in ("" when it precedes the first
    one, as on a cover page, or the chunk spans several)."""
    if "-" in fact.chunk.paragraph:
        return ""
    head = norm(fact.excerpt)[:40]
    return next(
        (s.paragraph for s in sentences(fact.chunk.text, fact.chunk.paragraph) if head and head in norm(s.text)), ""
    )


def mcq(ctx: Context, fact: JudgementFact) -> Question:
    meta, j = fact.meta, fact.judgement
    when = ctx.when(meta)
    if _is_sif_overall(meta, j):
        prompt = f"What was Ofsted's overall judgement on {meta.local_authority}'s children's services ({when})?"
    else:
        prompt = f"How did Ofsted judge {area_phrase(j)} in {meta.local_authority} ({when})?"
    correct = display_grade(j.grade).lower()
    options = tuple(Option(g, g.lower() == correct) for g in grade_options(meta, j))
    para = paragraph_of(fact)
    q = Question(
        id="x",
        kind="mcq",
        prompt=prompt,
        options=options,
        explanation=explanation(f"{display_grade(j.grade)}.", fact.chunk, para, fact.excerpt),
        citation=ctx.citation(fact.chunk, para),
        quote=fact.excerpt,
        topic=f"judgement: {j.area}",
    )
    return finalise(q)


def statement(meta: ReportMeta, j: Judgement, when: str, grade: str) -> str:
    if _is_sif_overall(meta, j):
        return f"In its report published in {when}, Ofsted's overall judgement on {meta.local_authority}'s children's services was: {grade}."
    return f"In its report published in {when}, Ofsted's judgement of {area_phrase(j)} in {meta.local_authority} was: {grade}."


def tf(ctx: Context, fact: JudgementFact, truth: bool) -> Question | None:
    """A true statement of the judgement, or a false one: the grade of the same area in another
    inspection of the authority with a different grade (a "year swap") when there is one,
    otherwise another grade of the era's four."""
    meta, j = fact.meta, fact.judgement
    when = ctx.when(meta)
    note = ""
    if truth:
        grade = j.grade
    else:
        swaps = []
        for other in ctx.history(meta):
            oj = other.judgement(j.area)
            if (
                other.report_id != meta.report_id
                and oj
                and oj.grade != j.grade
                and oj.grade in {g.lower() for g in grade_options(meta, j)}
            ):
                swaps.append((other, oj))
        if swaps:
            other, oj = ctx.rng.choice(swaps)
            grade = oj.grade
            note = f" ({display_grade(oj.grade)} was the judgement in the report published in {ctx.when(other)}.)"
        else:
            grade = ctx.rng.choice([g.lower() for g in grade_options(meta, j) if g.lower() != j.grade])
        if grade == j.grade:  # verified against the metadata
            return None
    prompt = statement(meta, j, when, grade)
    para = paragraph_of(fact)
    verdict = "True." if truth else f"False: it was judged {j.grade}.{note}"
    q = Question(
        id="x",
        kind="tf",
        prompt=prompt,
        options=tf_options(truth),
        explanation=explanation(verdict, fact.chunk, para, fact.excerpt),
        citation=ctx.citation(fact.chunk, para),
        quote=fact.excerpt,
        topic=f"judgement: {j.area}",
    )
    return finalise(q)

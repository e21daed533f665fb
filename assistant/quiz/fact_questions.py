"""Short-answer questions on facts stated in a report: numbers ("What number is missing?")
and the inspection's dates. Accepted answers come in several forms (digits and words, with
and without "%", day-month-year and numeric dates)."""

from __future__ import annotations

import re

from ..records import ReportMeta
from .context import Context, Located, explanation
from .model import BLANK, Question
from .rules import finalise
from .text import (
    clean,
    contains,
    countable,
    date_range_answers,
    is_finding,
    number_answers,
    quantities,
    sentences,
    stands_alone,
)


def number_seeds(ctx: Context, meta: ReportMeta) -> list[tuple[Located, int]]:
    """(sentence, index of its one quantity): sentences stating exactly one count or percentage."""
    out = []
    for loc in ctx.drawn_sentences(meta):
        if not (is_finding(loc.text, min_words=6, max_words=45) and stands_alone(loc.text)):
            continue
        qs = quantities(loc.text)
        if len(qs) == 1 and countable(loc.text, qs[0]):
            out.append((loc, 0))
    return out


def number_short(ctx: Context, meta: ReportMeta, seed: tuple[Located, int]) -> Question | str:
    loc, i = seed
    q = quantities(loc.text)[i]
    blanked = loc.text[: q.start] + BLANK + loc.text[q.end :]
    prompt = f'{ctx.report_name(meta)} states: "{blanked}" What number is missing?'
    para = loc.sentence.paragraph
    question = Question(
        id="x",
        kind="short",
        prompt=prompt[0].upper() + prompt[1:],
        answers=number_answers(q),
        explanation=explanation(f"The number is {q.text}.", loc.chunk, para, loc.text),
        citation=ctx.citation(loc.chunk, para),
        quote=loc.text,
        topic="number",
    )
    return finalise(question)


def date_short(ctx: Context, meta: ReportMeta) -> Question | str:
    if not meta.inspection_dates:
        return "no inspection dates"
    dates = clean(meta.inspection_dates)
    rx = re.compile(r"(?:Inspection dates?:?\s*)?" + re.escape(dates), re.IGNORECASE)
    chunks = ctx.chunks(meta)
    for c in sorted(chunks, key=lambda c: c.page != 1):
        m = rx.search(clean(c.text))
        if m:
            excerpt = clean(c.text)[m.start() : m.end()]
            break
    else:
        return "inspection dates not found in the text"
    prompt = (
        f"When did Ofsted carry out the inspection of {meta.local_authority}'s children's services whose report "
        f"was published in {ctx.when(meta)}? Give the dates as the report does, e.g. 1 to 5 May 2024."
    )
    # the numbered paragraph the dates stand in ("" when they precede the first one, as on a cover page)
    para = next((s.paragraph for s in sentences(c.text, c.paragraph) if contains(s.text, excerpt)), "")
    q = Question(
        id="x",
        kind="short",
        prompt=prompt,
        answers=date_range_answers(dates, meta.inspection_start, meta.inspection_end),
        explanation=explanation(f"The inspection took place {dates}.", c, para, excerpt),
        citation=ctx.citation(c, para),
        quote=excerpt,
        topic="dates",
    )
    return finalise(q)

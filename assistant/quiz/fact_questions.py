"""Short-answer questions on facts stated in a report: numbers ("What number is missing?")
and the inspection's dates. Accepted answers come in several forms (digits and words, with
and without "%", day-month-year and numeric dates)."""
from __future__ import annotations

import re

from ..records import ReportMeta
from .context import Context, Located, explanation
from .model import BLANK, Question
from .rules import finalise
from .text import clean, countable, date_range_answers, is_finding, number_answers, quantities, stands_alone


def number_seeds(ctx: Context, meta: ReportMeta) -> list[tuple[Located, int]]:
    """(sentence, index of its one quantity): sentences stating exactly one count or percentage."""
    out = []
    for l in ctx.drawn_sentences(meta):
        if not (is_finding(l.text, min_words=6, max_words=45) and stands_alone(l.text)):
            continue
        qs = quantities(l.text)
        if len(qs) == 1 and countable(l.text, qs[0]):
            out.append((l, 0))
    return out


def number_short(ctx: Context, meta: ReportMeta, seed: tuple[Located, int]) -> Question | str:
    l, i = seed
    q = quantities(l.text)[i]
    blanked = l.text[:q.start] + BLANK + l.text[q.end:]
    prompt = f'{ctx.report_name(meta)} states: "{blanked}" What number is missing?'
    para = l.sentence.paragraph
    question = Question(id="x", kind="short", prompt=prompt[0].upper() + prompt[1:], answers=number_answers(q),
                        explanation=explanation(f"The number is {q.text}.", l.chunk, para, l.text),
                        citation=ctx.citation(l.chunk, para), quote=l.text, topic="number")
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
            excerpt = clean(c.text)[m.start():m.end()]
            break
    else:
        return "inspection dates not found in the text"
    prompt = (f"When did Ofsted carry out the inspection of {meta.local_authority}'s children's services whose report "
              f"was published in {ctx.when(meta)}? Give the dates as the report does, e.g. 1 to 5 May 2024.")
    para = c.paragraph if "-" not in c.paragraph else ""
    q = Question(id="x", kind="short", prompt=prompt,
                 answers=date_range_answers(dates, meta.inspection_start, meta.inspection_end),
                 explanation=explanation(f"The inspection took place {dates}.", c, para, excerpt),
                 citation=ctx.citation(c, para), quote=excerpt, topic="dates")
    return finalise(q)

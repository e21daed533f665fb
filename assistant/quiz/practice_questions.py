"""Questions about practice rather than report trivia.

- **strength or concern?** a verbatim finding (or an item of the "what needs to improve"
  list): did inspectors present it as a strength or as something that needs to improve? The
  key comes from :mod:`assistant.quiz.practice_keys` (checkable evidence, unclear sentences
  dropped) and the explanation gives that evidence.
- **which practice fits the finding?** for an area (the topic's, or the seed's section): four
  short findings from different authorities with different judgements for that area; which one
  did inspectors write about an authority judged e.g. outstanding for children in care? Each
  option is cited in the explanation (authority, publication date, page, paragraph, the area's
  judgement, the Ofsted URL).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..records import Citation, ReportMeta
from .context import Context, Located, explanation, located
from .model import Option, Question
from .practice_keys import AREA_NAMES, CONCERN, STRENGTH, Key, grade_side, key_for
from .rules import ABSENT_OVERLAP, LENGTH_RATIO, finalise
from .text import content_words, is_finding, is_generic, similar, stands_alone

STRENGTH_TEXT = "A strength"
CONCERN_TEXT = "Something that needs to improve"
TOPIC_STRENGTH = "strength or concern"
TOPIC_PRACTICE = "practice fit"
MAX_OPTION_WORDS = 32  # "short findings"
SIMILAR = 0.5
POOL_PER_SIDE = 10  # reports judged good/outstanding and RI/inadequate sampled for options (no topic)


@dataclass(frozen=True)
class KeyedSentence:
    """A sentence of a report with its strength/concern key."""

    meta: ReportMeta
    located: Located
    key: Key

    @property
    def text(self) -> str:
        return self.located.text


def candidate(text: str) -> bool:
    """A whole, self-contained finding sentence."""
    return is_finding(text, min_words=7, max_words=45) and stands_alone(text)


def keyed_sentences(ctx: Context, meta: ReportMeta, located: list[Located]) -> list[KeyedSentence]:
    out = []
    for loc in located:
        if not candidate(loc.text):
            continue
        key = key_for(meta, loc.chunk, loc.text)
        if key is not None:
            out.append(KeyedSentence(meta, loc, key))
    return out


def strength_seeds(ctx: Context, meta: ReportMeta) -> list[KeyedSentence]:
    """The report's findings with a clear key, topic passages (or reading order) first;
    strengths and concerns alternate so that a quiz holds both."""
    keyed = keyed_sentences(ctx, meta, ctx.drawn_sentences(meta))
    strengths = [k for k in keyed if k.key.status == STRENGTH]
    concerns = [k for k in keyed if k.key.status == CONCERN]
    out: list[KeyedSentence] = []
    for i in range(max(len(strengths), len(concerns))):
        out += strengths[i : i + 1] + concerns[i : i + 1]
    return out


def strength_question(ctx: Context, seed: KeyedSentence) -> Question | str:
    meta, loc, key = seed.meta, seed.located, seed.key
    para = loc.sentence.paragraph
    prompt = (
        f'Inspectors wrote this in {ctx.report_name(meta)}: "{loc.text}" '
        "Did they present it as a strength or as something that needs to improve?"
    )
    verdict = "A strength." if key.status == STRENGTH else "Something that needs to improve."
    q = Question(
        id="x",
        kind="mcq",
        prompt=prompt,
        options=(Option(STRENGTH_TEXT, key.status == STRENGTH), Option(CONCERN_TEXT, key.status == CONCERN)),
        explanation=explanation(f"{verdict} {key.evidence}", loc.chunk, para, loc.text),
        citation=ctx.citation(loc.chunk, para),
        quote=loc.text,
        topic=f"{TOPIC_STRENGTH}: {key.status}",
    )
    return finalise(q)


# -- which practice fits the finding? -----------------------------------------------------------


def _short(ks: KeyedSentence, ctx: Context) -> bool:
    return (
        len(ks.text.split()) <= MAX_OPTION_WORDS
        and ks.key.rule != "listed"
        and is_generic(ks.text)
        and not ctx.names_authority(ks.text)
    )


def option_pool(ctx: Context) -> list[KeyedSentence]:
    """Short keyed findings (not list items) of the reports in the distractor pool, each with its
    report: the topic's passages across the index, or a sample of reports."""
    cache = ctx.cache.setdefault("practice_pool", {})
    if "pool" not in cache:
        by_id = {m.report_id: m for m in ctx.all_reports}
        out = []
        for loc in _pool_sentences(ctx):
            meta = by_id.get(loc.chunk.report_id)
            if meta is None or len(loc.text.split()) > MAX_OPTION_WORDS or not candidate(loc.text):
                continue
            key = key_for(meta, loc.chunk, loc.text)
            if key is None or key.rule == "listed":
                continue
            ks = KeyedSentence(meta, loc, key)
            if _short(ks, ctx):
                out.append(ks)
        cache["pool"] = out
    return cache["pool"]


def _pool_sentences(ctx: Context) -> list[Located]:
    """The topic's passages across the index; without a topic, every sentence of a sample of
    reports judged on both sides (POOL_PER_SIDE strong and weak overall), so that each area has
    findings from authorities judged otherwise."""
    if ctx.source.topic:
        return ctx.pool_sentences
    reports = sorted(ctx.all_reports, key=lambda m: m.report_id)
    picked = []
    for side in ("strong", "weak"):
        group = [m for m in reports if m.overall is not None and grade_side(m.overall.grade) == side]
        picked += ctx.rng.sample(group, min(POOL_PER_SIDE, len(group)))
    return [loc for m in picked for loc in located(ctx.retriever.report_chunks(m.report_id))]


def practice_seeds(ctx: Context, meta: ReportMeta) -> list[KeyedSentence]:
    """The report's short findings with a clear key in a judged area."""
    short = [loc for loc in ctx.drawn_sentences(meta) if len(loc.text.split()) <= MAX_OPTION_WORDS]
    if not short:
        return []
    answerable = _answerable(ctx)  # skip seeds the pool has no opposite findings for
    return [
        ks
        for ks in keyed_sentences(ctx, meta, short)
        if _short(ks, ctx) and (ks.key.area, ks.key.status, grade_side(ks.key.grade)) in answerable
    ]


def _answerable(ctx: Context) -> set[tuple[str, str, str]]:
    """(area, status, side) of seeds for which the pool holds findings of the opposite kind from
    at least four authorities judged on the other side."""
    cache = ctx.cache.setdefault("practice_pool", {})
    if "answerable" not in cache:
        authorities: dict[tuple[str, str, str], set[str]] = {}
        for ks in option_pool(ctx):
            key = (ks.key.area, ks.key.status, grade_side(ks.key.grade))
            authorities.setdefault(key, set()).add(ks.meta.local_authority.lower())
        out = set()
        for (area, status, side), names in authorities.items():
            if len(names) >= 4:  # three options, and one more in case the seed's authority is among them
                opposite = CONCERN if status == STRENGTH else STRENGTH
                out.add((area, opposite, "strong" if side == "weak" else "weak"))
        cache["answerable"] = out
    return cache["answerable"]


def option_source(ks: KeyedSentence, ctx: Context) -> str:
    c = ctx.citation(ks.located.chunk, ks.located.sentence.paragraph)
    return source_line(c, ks.meta, ks.key.area)


def source_line(c: Citation, meta: ReportMeta, area: str) -> str:
    j = meta.judgement(area) if area else None
    judged = f"; {AREA_NAMES.get(area, area)} judged {j.grade}" if j else ""
    url = f" {c.url}" if c.url else ""
    return f"{c.label()}{judged}.{url}"


def practice_question(ctx: Context, seed: KeyedSentence) -> Question | str:
    """The seed (a strength in a strong area or a concern in a weak one) against findings of the
    opposite kind, about the same area, from authorities judged on the other side."""
    meta, key = seed.meta, seed.key
    area = key.area
    side = grade_side(key.grade)
    want = CONCERN if key.status == STRENGTH else STRENGTH
    others = [
        ks
        for ks in option_pool(ctx)
        if ks.key.area == area
        and ks.key.status == want
        and grade_side(ks.key.grade) not in ("", side)
        and ks.meta.local_authority.lower() != meta.local_authority.lower()
    ]
    picked = _pick(ctx, seed, others)
    if picked is None:
        return f"not enough findings about {AREA_NAMES.get(area, area)} from authorities judged otherwise"
    name = AREA_NAMES.get(area, area)
    grade = key.grade
    prompt = (
        f"Which of these did inspectors write about an authority judged {grade} for {name}? "
        "(The others come from authorities judged otherwise for this area.)"
    )
    options = (Option(seed.text, True), *(Option(o.text, False) for o in picked))
    lines = [f'"{seed.text}" \u2014 {option_source(seed, ctx)}']
    lines += [f'"{o.text}" \u2014 {option_source(o, ctx)}' for o in picked]
    para = seed.located.sentence.paragraph
    q = Question(
        id="x",
        kind="mcq",
        prompt=prompt,
        options=options,
        explanation=explanation(
            f"The finding from an authority judged {grade} for {name}. {seed.key.evidence} Sources of the options: "
            + " | ".join(lines),
            seed.located.chunk,
            para,
            seed.text,
        ),
        citation=ctx.citation(seed.located.chunk, para),
        quote=seed.text,
        topic=f"{TOPIC_PRACTICE}: {area}",
    )
    return finalise(q)


def _pick(ctx: Context, seed: KeyedSentence, others: list[KeyedSentence], n: int = 3) -> list[KeyedSentence] | None:
    """n options from n different authorities, closest in length to the seed, none alike."""
    target = len(seed.text)
    bound = math.sqrt(LENGTH_RATIO)
    ranked = sorted(
        (abs(math.log(len(o.text) / target)), o.meta.report_id, o.text, o)
        for o in others
        if 1 / bound <= len(o.text) / target <= bound
    )
    chosen: list[KeyedSentence] = []
    seen = {seed.meta.local_authority.lower()}
    words = [content_words(seed.text)]
    for _, _, _, o in ranked:
        w = content_words(o.text)
        if o.meta.local_authority.lower() in seen or any(similar(w, x, SIMILAR) for x in words):
            continue
        if ctx.in_report(seed.meta, o.text, ABSENT_OVERLAP):  # the seed's report says it too: also right
            continue
        chosen.append(o)
        seen.add(o.meta.local_authority.lower())
        words.append(w)
        if len(chosen) >= n + 3:
            break
    if len(chosen) < n:
        return None
    return ctx.rng.sample(chosen, n)

"""Questions on what a report found.

- improvement mcq: one item of the report's "What needs to improve" list against items of
  other authorities' lists;
- finding mcq: a strong evaluative sentence of the report against comparable sentences of
  other reports;
- improvement tf: an item that is (true) or is not (false) in the report's list;
- cloze: a domain term ("strategy meetings", "care leavers") blanked from a sentence.

A distractor is used only when no sentence of the report shares ``ABSENT_OVERLAP`` of its key
words (so it cannot also be correct), it is not close to the right answer or another
distractor, and its length keeps the options within ``LENGTH_RATIO``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..records import Chunk, ReportMeta
from .context import Context, Located, explanation
from .model import BLANK, Question, tf_options
from .rules import ABSENT_OVERLAP, LENGTH_RATIO, finalise, make_option_list
from .terms import find_terms, occurrences, variants
from .text import (
    clean,
    contains,
    content_words,
    evaluative_score,
    is_finding,
    is_generic,
    norm,
    similar,
    stands_alone,
    strip_xref,
    unique_ci,
)

DISTRACTORS = 3
NEAR_CANDIDATES = 8  # distractors are drawn from this many verified candidates closest in length
SIMILAR = 0.5  # options sharing this much of their key words are too alike


# -- improvements ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ImprovementFact:
    meta: ReportMeta
    index: int
    text: str  # cleaned, without the "(National Framework, ...)" cross-reference
    chunk: Chunk
    paragraph: str


def improvement_facts(ctx: Context, meta: ReportMeta) -> list[ImprovementFact]:
    out = []
    chunks = ctx.chunks(meta)
    for i, item in enumerate(meta.improvements):
        text = strip_xref(clean(item.text))
        if len(text.split()) < 4:
            continue
        ordered = [c for c in chunks if c.page == item.page] + [c for c in chunks if c.page != item.page]
        chunk = next((c for c in ordered if contains(c.text, text)), None)
        if chunk is None:
            continue
        located = [
            loc for loc in ctx.report_sentences(meta) if loc.chunk.id == chunk.id and contains(text, loc.text[:60])
        ]
        out.append(ImprovementFact(meta, i, text, chunk, located[0].sentence.paragraph if located else ""))
    return out


def _style(meta: ReportMeta) -> str:
    return "SIF" if meta.framework == "SIF" else "ILACS"


def about_topic(text: str, topic: str) -> bool:
    """Every key word of the topic is in the text ("care leavers" -> care, leaver)."""
    want = content_words(topic)
    return bool(want) and want <= content_words(text)


def improvement_pool(ctx: Context, meta: ReportMeta) -> list[list[str]]:
    """Other authorities' improvement items written in the same era's style (SIF lists are
    instructions, "Ensure that ..."; later lists name areas, "The quality of ..."), in a stable
    order."""
    cache = ctx.cache.setdefault("improvement_pool", {})
    key = (meta.local_authority.lower(), _style(meta))
    if key not in cache:
        cache[key] = _improvement_pool(ctx, meta)
    return cache[key]


def _improvement_pool(ctx: Context, meta: ReportMeta) -> list[list[str]]:
    out = []
    for m in ctx.all_reports:
        if m.local_authority.lower() == meta.local_authority.lower() or _style(m) != _style(meta):
            continue
        for item in m.improvements:
            text = strip_xref(clean(item.text))
            if len(text.split()) >= 4 and is_generic(text) and not ctx.names_authority(text):
                out.append(text)
    out = list(dict.fromkeys(out))
    if ctx.source.topic:  # items about the topic first
        on = [t for t in out if about_topic(t, ctx.source.topic_name)]
        return [on, [t for t in out if t not in on]]
    return [out]


def choose_distractors(
    ctx: Context, meta: ReportMeta, correct: str, pool: list[str] | list[list[str]], n: int = DISTRACTORS
) -> list[str] | None:
    """n distractors of comparable length, none said by the report, none close to the right
    answer or to each other; None when there are not enough. ``pool`` may be tiers (lists),
    tried in order, each closest in length first."""
    tiers = pool if pool and isinstance(pool[0], list) else [pool]
    target = len(correct)
    bound = math.sqrt(LENGTH_RATIO)  # every option within sqrt(r) of the correct one's length
    key = content_words(correct)
    verified: list[str] = []
    for tier in tiers:
        by_length = sorted(
            (abs(math.log(len(t) / target)), i, t) for i, t in enumerate(tier) if 1 / bound <= len(t) / target <= bound
        )
        for _, _, t in by_length:
            words = content_words(t)
            if (
                not words
                or similar(words, key, SIMILAR)
                or any(similar(words, content_words(v), SIMILAR) for v in verified)
            ):
                continue
            if ctx.in_report(meta, t, ABSENT_OVERLAP):
                continue
            verified.append(t)
            if len(verified) >= NEAR_CANDIDATES:
                break
        if len(verified) >= NEAR_CANDIDATES:
            break
    if len(verified) < n:
        return None
    return ctx.rng.sample(verified, n)


def improvement_mcq(ctx: Context, fact: ImprovementFact) -> Question | str:
    meta = fact.meta
    if not is_generic(fact.text) or ctx.names_authority(fact.text):
        return "the item names its authority or service (a give-away among generic options)"
    distractors = choose_distractors(ctx, meta, fact.text, improvement_pool(ctx, meta))
    if distractors is None:
        return "not enough distractors"
    prompt = f"Which of these did inspectors identify as needing to improve in {ctx.report_name(meta)}?"
    q = Question(
        id="x",
        kind="mcq",
        prompt=prompt,
        options=make_option_list(fact.text, distractors),
        explanation=explanation(
            'It is in the report\'s "What needs to improve" list; the other options '
            "come from other authorities' reports.",
            fact.chunk,
            fact.paragraph,
            fact.text,
        ),
        citation=ctx.citation(fact.chunk, fact.paragraph),
        quote=fact.text,
        topic="improvement",
    )
    return finalise(q)


def improvement_tf(ctx: Context, fact: ImprovementFact, truth: bool) -> Question | str:
    meta = fact.meta
    if truth:
        item, quote = fact.text, fact.text
        verdict = 'True: it is in the report\'s "What needs to improve" list.'
    else:
        picked = choose_distractors(ctx, meta, fact.text, improvement_pool(ctx, meta), n=1)
        if picked is None:
            return "no improvement of another report that this one does not make"
        item = picked[0]
        quote = clean(fact.chunk.text)  # the report's list, which does not say it
        verdict = (
            "False: this comes from another authority's report. This report's \"What needs to improve\" "
            f'list includes "{fact.text}".'
        )
    prompt = f'True or false? {ctx.report_name(meta)} lists this as something that needs to improve: "{item}"'
    q = Question(
        id="x",
        kind="tf",
        prompt=prompt[0].upper() + prompt[1:],
        options=tf_options(truth),
        explanation=explanation(verdict, fact.chunk, fact.paragraph, fact.text),
        citation=ctx.citation(fact.chunk, fact.paragraph),
        quote=quote,
        topic="improvement",
    )
    return finalise(q)


# -- evaluative findings --------------------------------------------------------------------

_AREA_OF_HEADING = (
    (r"care leavers", "care leavers"),
    (r"children in care|looked after", "children in care"),
    (r"help and protection", "children who need help and protection"),
    (r"leaders|leadership", "leadership"),
    (r"adoption", "adoption"),
    (r"lscb|safeguarding children board", "the LSCB"),
)


def heading_area(chunk: Chunk) -> str:
    h = norm(chunk.heading)
    for pattern, area in _AREA_OF_HEADING:
        if re.search(pattern, h):
            # "children in care and care leavers" is one ILACS area
            if area == "care leavers" and "children in care" in h:
                return "children in care and care leavers"
            return area
    return ""


_EARLY_PRONOUN = re.compile(r"\b(?:they|them|their|it|he|she|his|her|this|these|those)\b", re.IGNORECASE)


def usable_finding(text: str) -> bool:
    """A self-contained, generic, evaluative sentence: it could be any report's finding (no
    pronoun early on that needs the sentence before)."""
    return (
        is_finding(text, max_words=40)
        and stands_alone(text)
        and is_generic(text)
        and evaluative_score(text) >= 1
        and not _EARLY_PRONOUN.search(" ".join(text.split()[:8]))
    )


def finding_seeds(ctx: Context, meta: ReportMeta) -> list[Located]:
    """The report's usable findings: topic order (or reading order)."""
    return [loc for loc in ctx.drawn_sentences(meta) if usable_finding(loc.text) and not ctx.names_authority(loc.text)]


def finding_pool(ctx: Context, meta: ReportMeta, area: str) -> list[list[str]]:
    """Other authorities' usable findings in four tiers: same area and era, same area, same era,
    the rest (a 2014 finding should not be set against 2024 ones)."""
    era = {m.report_id: _style(m) for m in ctx.all_reports}
    tiers: list[list[str]] = [[], [], [], []]  # same area+era, same area, same era, other
    for loc in ctx.pool_sentences:
        if loc.chunk.report_id == meta.report_id or loc.chunk.local_authority.lower() == meta.local_authority.lower():
            continue
        if usable_finding(loc.text) and not ctx.names_authority(loc.text):
            same_area = bool(area) and heading_area(loc.chunk) == area
            same_era = era.get(loc.chunk.report_id) == _style(meta)
            tiers[(0 if same_area else 2) + (0 if same_era else 1)].append(loc.text)
    return [list(dict.fromkeys(t)) for t in tiers]


def finding_mcq(ctx: Context, meta: ReportMeta, seed: Located) -> Question | str:
    """Distractors about the same area when there are enough (the prompt then names the area),
    otherwise from any area."""
    area = heading_area(seed.chunk)
    tiers = finding_pool(ctx, meta, area)
    distractors = choose_distractors(ctx, meta, seed.text, tiers[:2]) if area else None
    if distractors is None:
        area = ""
        distractors = choose_distractors(ctx, meta, seed.text, [tiers[0] + tiers[2], tiers[1] + tiers[3]])
    if distractors is None:
        return "not enough distractors"
    about = f" about {area}" if area else ""
    prompt = f"Which of these findings{about} is from {ctx.report_name(meta)}?"
    para = seed.sentence.paragraph
    q = Question(
        id="x",
        kind="mcq",
        prompt=prompt,
        options=make_option_list(seed.text, distractors),
        explanation=explanation(
            "The other options are findings from other inspection reports.", seed.chunk, para, seed.text
        ),
        citation=ctx.citation(seed.chunk, para),
        quote=seed.text,
        topic=f"finding: {area}" if area else "finding",
    )
    return finalise(q)


# -- cloze ----------------------------------------------------------------------------------


def cloze_seeds(ctx: Context, meta: ReportMeta) -> list[tuple[Located, str, int, int]]:
    """(sentence, term, start, end): a sentence with a domain term that occurs in it once (not
    the quiz's topic itself, which would be too easy to guess)."""
    out = []
    topic = content_words(ctx.source.topic_name)
    for loc in ctx.drawn_sentences(meta):
        if not (is_finding(loc.text, max_words=40) and stands_alone(loc.text)):
            continue
        found = [
            (t, s, e)
            for t, s, e in find_terms(loc.text)
            if occurrences(loc.text, t) == 1
            and not (topic and content_words(t) <= topic)
            and not _in_name(loc.text, s, e)
        ]
        if found:
            t, s, e = max(found, key=lambda x: (len(x[0]), -x[1]))  # the most specific term
            out.append((loc, t, s, e))
    return out


def _in_name(sentence: str, start: int, end: int) -> bool:
    """The term is part of a proper name ("Multi-Agency Risk Assessment Conference"): it is
    capitalised mid-sentence, or a capitalised word touches it."""
    if start > 0 and sentence[start].isupper():
        return True
    before = sentence[:start].split()[-1:] if start else []
    after = sentence[end:].split()[:1]
    return any(w[:1].isupper() and not w.isupper() for w in before if start > len(w) + 1) or any(
        w[:1].isupper() and not w.isupper() for w in after
    )


def cloze(ctx: Context, meta: ReportMeta, seed: tuple[Located, str, int, int]) -> Question | str:
    loc, term, start, end = seed
    written = loc.text[start:end]
    blanked = loc.text[:start] + BLANK + loc.text[end:]
    answers = unique_ci([written, *variants(term), *variants(written.lower())])
    prompt = f'Complete this finding from {ctx.report_name(meta)}: "{blanked}"'
    para = loc.sentence.paragraph
    q = Question(
        id="x",
        kind="cloze",
        prompt=prompt,
        answers=answers,
        explanation=explanation(f'The missing words are "{written}".', loc.chunk, para, loc.text),
        citation=ctx.citation(loc.chunk, para),
        quote=loc.text,
        topic=f"term: {term}",
    )
    return finalise(q)

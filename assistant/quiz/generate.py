"""Build a quiz for trainers from the indexed reports (no LLM needed).

    from assistant import Retriever
    from assistant.quiz.generate import build_quiz
    from assistant.quiz.export import export

    quiz = build_quiz(Retriever.open(), authorities=["Dorset"], topic="care leavers", n=10, seed=1)
    print(export(quiz, "gift"))

Every question is grounded in one passage of a report: it carries a :class:`Citation` (report,
page, paragraph), the quote its answer is in, and an explanation quoting it. Question types:

- ``mcq``   judgement ("How did Ofsted judge ... ?", the four grades in the era's wording),
            "what needs to improve" items and evaluative findings against distractors from
            other reports that this report verifiably does not say;
- ``tf``    judgement statements (false ones swap the grade, or take the grade of another
            inspection of the same authority) and improvement items, checked against the metadata;
- ``cloze`` a domain term blanked out of a finding;
- ``short`` a number stated in the text, or the inspection's dates.

The same inputs and seed give the same quiz. Each question is checked by
:func:`~assistant.quiz.rules.verify_grounded` and the rules in :mod:`assistant.quiz.rules`;
the ones that fail are skipped and counted in ``quiz.selection["stats"]``.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ..records import ReportMeta
from . import fact_questions, finding_questions, judgement_questions, practice_questions
from .context import Context
from .model import DEFAULT_TYPES, TYPES, Question, Quiz
from .rules import (
    balance_positions,
    duplicate_options,
    options_comparable,
    prompt_key,
    verify_grounded,
    with_correct_at,
)
from .select import QuizSource, build_source
from .text import norm


@dataclass
class Generator:
    """One way of making questions of one kind: per-report seeds, and a builder for a seed."""

    name: str
    kind: str
    seeds: Callable[[ReportMeta], list]
    build: Callable[..., Question | str | None]
    fact: Callable[[ReportMeta, object], tuple]
    wants_truth: bool = False
    shuffle_seeds: bool = True
    max_share: float = 1.0  # at most this share of a kind's questions (at least one)
    _queues: dict[str, list] = field(default_factory=dict)
    _order: list[ReportMeta] = field(default_factory=list)
    _cursor: int = 0

    def start(self, reports: list[ReportMeta], rng: random.Random) -> None:
        self._order = list(reports)
        rng.shuffle(self._order)
        self._rng = rng

    def next(self):
        """The next (report, seed), taking the reports in turn; None when all are used up."""
        for _ in range(len(self._order)):
            meta = self._order[self._cursor % len(self._order)]
            self._cursor += 1
            if meta.report_id not in self._queues:
                seeds = list(self.seeds(meta))
                if self.shuffle_seeds:
                    self._rng.shuffle(seeds)
                self._queues[meta.report_id] = seeds
            queue = self._queues[meta.report_id]
            if queue:
                return meta, queue.pop(0)
        return None


def _generators(ctx: Context) -> dict[str, list[Generator]]:
    areas = judgement_questions.topic_areas(ctx.source.query)
    topical = bool(ctx.source.topic)
    jfacts: dict[str, list] = {}

    def judgement_seeds(meta):
        if meta.report_id not in jfacts:
            jfacts[meta.report_id] = judgement_questions.facts(ctx, meta, areas)
        return list(jfacts[meta.report_id])

    ifacts: dict[str, list] = {}

    def improvement_seeds(meta):
        if meta.report_id not in ifacts:
            ifacts[meta.report_id] = finding_questions.improvement_facts(ctx, meta)
            if topical:  # only the items about the topic
                ifacts[meta.report_id] = [
                    f for f in ifacts[meta.report_id] if finding_questions.about_topic(f.text, ctx.source.topic_name)
                ]
        return list(ifacts[meta.report_id])

    def judgement_key(meta, f):
        return ("judgement", meta.report_id, f.judgement.area)

    def improvement_key(meta, f):
        return ("improvement", meta.report_id, f.index)

    def sentence_key(meta, seed):
        located = seed[0] if isinstance(seed, tuple) else seed
        return ("sentence", norm(located.text))

    def keyed_key(meta, seed):
        return ("sentence", norm(seed.text))

    gens = {
        "strength": [
            Generator(
                "strength or concern",
                "mcq",
                lambda m: practice_questions.strength_seeds(ctx, m),
                lambda m, s, t=None: practice_questions.strength_question(ctx, s),
                keyed_key,
                shuffle_seeds=not topical,
            ),
        ],
        "practice": [
            Generator(
                "practice fit",
                "mcq",
                lambda m: practice_questions.practice_seeds(ctx, m),
                lambda m, s, t=None: practice_questions.practice_question(ctx, s),
                keyed_key,
                shuffle_seeds=not topical,
            ),
        ],
        "mcq": [
            Generator(
                "judgement mcq",
                "mcq",
                judgement_seeds,
                lambda m, f, t=None: judgement_questions.mcq(ctx, f),
                judgement_key,
            ),
            Generator(
                "improvement mcq",
                "mcq",
                improvement_seeds,
                lambda m, f, t=None: finding_questions.improvement_mcq(ctx, f),
                improvement_key,
            ),
            Generator(
                "finding mcq",
                "mcq",
                lambda m: finding_questions.finding_seeds(ctx, m),
                lambda m, s, t=None: finding_questions.finding_mcq(ctx, m, s),
                sentence_key,
                shuffle_seeds=not topical,
            ),
        ],
        "tf": [
            Generator(
                "judgement tf",
                "tf",
                judgement_seeds,
                lambda m, f, t: judgement_questions.tf(ctx, f, t),
                judgement_key,
                wants_truth=True,
            ),
            Generator(
                "improvement tf",
                "tf",
                improvement_seeds,
                lambda m, f, t: finding_questions.improvement_tf(ctx, f, t),
                improvement_key,
                wants_truth=True,
            ),
        ],
        "cloze": [
            Generator(
                "cloze",
                "cloze",
                lambda m: finding_questions.cloze_seeds(ctx, m),
                lambda m, s, t=None: finding_questions.cloze(ctx, m, s),
                sentence_key,
                shuffle_seeds=not topical,
            ),
        ],
        "short": [
            Generator(
                "number",
                "short",
                lambda m: fact_questions.number_seeds(ctx, m),
                lambda m, s, t=None: fact_questions.number_short(ctx, m, s),
                sentence_key,
                shuffle_seeds=not topical,
            ),
        ],
    }
    if not topical:  # the dates are not about any topic
        gens["short"].append(
            Generator(
                "dates",
                "short",
                lambda m: [m] if m.inspection_dates else [],
                lambda m, s, t=None: fact_questions.date_short(ctx, m),
                lambda m, s: ("dates", m.report_id),
                max_share=0.25,
            )
        )
    for group in gens.values():
        for g in group:
            g.start(ctx.source.reports, ctx.rng)
    return gens


def allocate(n: int, kinds: tuple[str, ...]) -> dict[str, int]:
    """n questions spread over the kinds as evenly as possible, the first kinds getting the extra."""
    base, extra = divmod(max(0, n), len(kinds))
    return {k: base + (1 if i < extra else 0) for i, k in enumerate(kinds)}


def normalise_types(types) -> tuple[str, ...]:
    if isinstance(types, str):
        types = types.split(",")
    wanted = {t.strip().lower() for t in types if t and t.strip()}
    unknown = wanted - set(TYPES)
    if unknown:
        raise ValueError(f"unknown question type(s) {', '.join(sorted(unknown))}; choose from {', '.join(TYPES)}")
    if not wanted:
        raise ValueError(f"choose at least one question type of {', '.join(TYPES)}")
    return tuple(k for k in TYPES if k in wanted)


MAX_FAILURES = 400  # a generator whose candidates fail this many times in a row is given up


class _Builder:
    def __init__(self, ctx: Context, exclude_prompts=(), exclude_facts=()):
        self.ctx = ctx
        self.gens = _generators(ctx)
        self.accepted: list[Question] = []
        self.prompts = set(exclude_prompts)
        self.facts: set[tuple] = set(exclude_facts)
        self.used_facts: list[tuple] = []
        self.skipped: Counter = Counter()
        self.tf_made = 0
        self.tf_first = ctx.rng.random() < 0.5

    def fill(self, kind: str, count: int) -> int:
        gens = list(self.gens.get(kind, []))
        self.ctx.rng.shuffle(gens)
        alive = list(gens)
        made = 0
        by_gen: Counter = Counter()
        failures: Counter = Counter()  # candidates rejected in a row, per generator
        i = 0
        while made < count and alive:
            gen = alive[i % len(alive)]
            i += 1
            if len(alive) > 1 and by_gen[gen.name] >= max(1, math.ceil(count * gen.max_share)):
                alive.remove(gen)
                continue
            cand = gen.next()
            if cand is None or failures[gen.name] >= MAX_FAILURES:
                alive.remove(gen)
                continue
            meta, seed = cand
            key = gen.fact(meta, seed)
            if key in self.facts:
                continue
            if gen.wants_truth:
                truth = (self.tf_made % 2 == 0) == self.tf_first
                q = gen.build(meta, seed, truth)
            else:
                q = gen.build(meta, seed)
            problem = self.problem(q)
            if problem:
                self.skipped[problem] += 1
                failures[gen.name] += 1
                continue
            failures[gen.name] = 0
            self.accepted.append(q)
            self.prompts.add(prompt_key(q))
            self.facts.add(key)
            self.used_facts.append(key)
            if q.kind == "tf":
                self.tf_made += 1
            by_gen[gen.name] += 1
            made += 1
        return made

    def problem(self, q) -> str:
        if q is None:
            return "no false statement verifiable against the metadata"
        if isinstance(q, str):
            return q
        if prompt_key(q) in self.prompts:
            return "duplicate question"
        if q.kind == "mcq" and duplicate_options(q):
            return "duplicate options"
        if (
            q.kind == "mcq"
            and not q.topic.startswith(("judgement", "strength or concern"))
            and not options_comparable(q)
        ):
            return "options of very different lengths"
        if not verify_grounded(q):
            return "answer not found in the cited passage"
        return ""


def _interleave(questions: list[Question], kinds: tuple[str, ...]) -> list[Question]:
    """strength, practice, mcq, tf, ... in the order they were made within each type."""
    queues = {k: [q for q in questions if q.type == k] for k in kinds}
    out: list[Question] = []
    while any(queues.values()):
        for k in kinds:
            if queues[k]:
                out.append(queues[k].pop(0))
    return out


def _title(source: QuizSource, title: str) -> str:
    if title.strip():
        return title.strip()
    names = sorted({r.local_authority for r in source.reports})
    who = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return (
        "Ofsted children's services inspections"
        + (f": {who}" if who else "")
        + (f" \u2014 {source.topic}" if source.topic else "")
    )


def build_quiz(
    retriever,
    *,
    authorities=(),
    reports=(),
    topic: str = "",
    published_from: str = "",
    published_to: str = "",
    n: int = 10,
    types=DEFAULT_TYPES,
    seed: int = 0,
    title: str = "",
) -> Quiz:
    """A quiz of up to ``n`` questions on the chosen reports (all indexed reports when none is
    chosen). ``quiz.selection`` says what was used and how many candidates were skipped."""
    kinds = normalise_types(types)
    params = {
        "authorities": sorted(set(authorities or ())),
        "reports": sorted(set(reports or ())),
        "topic": (topic or "").strip(),
        "published_from": published_from or "",
        "published_to": published_to or "",
        "n": int(n),
        "types": list(kinds),
        "seed": int(seed),
    }
    source = build_source(
        retriever,
        params["authorities"],
        params["reports"],
        params["topic"],
        params["published_from"],
        params["published_to"],
    )
    rng = random.Random(int(seed))
    ctx = Context(retriever, source, rng)
    builder = _Builder(ctx)
    for kind, count in allocate(int(n), kinds).items():
        builder.fill(kind, count)
    for kind in kinds:  # a kind that ran short: fill up with the others
        missing = int(n) - len(builder.accepted)
        if missing <= 0:
            break
        builder.fill(kind, missing)
    questions = balance_positions(_interleave(builder.accepted, kinds), rng)
    selection = {
        **source.describe(),
        "params": params,
        "stats": {
            "requested": int(n),
            "made": len(questions),
            "by_type": dict(Counter(q.type for q in questions)),
            "skipped": sum(builder.skipped.values()),
            "skipped_reasons": dict(sorted(builder.skipped.items())),
            "llm_drafting": "not done",
        },
    }
    return Quiz(title=_title(source, title), questions=tuple(questions), seed=int(seed), selection=selection)


def regenerate_question(retriever, quiz: Quiz, index: int, attempt: int = 1) -> Quiz:
    """The quiz with question ``index`` (0-based) replaced by a new question of the same kind
    (or any kind when none is left), from the same selection; unchanged when none can be made."""
    params = dict(quiz.selection.get("params") or {})
    if not 0 <= index < len(quiz.questions):
        raise IndexError(f"question {index + 1} is not in the quiz (it has {len(quiz.questions)})")
    old = quiz.questions[index]
    source = build_source(
        retriever,
        params.get("authorities", ()),
        params.get("reports", ()),
        params.get("topic", ""),
        params.get("published_from", ""),
        params.get("published_to", ""),
    )
    rng = random.Random(f"{quiz.seed}:{index}:{attempt}:{old.id}")
    ctx = Context(retriever, source, rng)
    builder = _Builder(ctx, exclude_prompts={prompt_key(q) for q in quiz.questions})
    kinds = tuple(params.get("types") or DEFAULT_TYPES)
    if not builder.fill(old.type, 1):
        for k in kinds:
            if k != old.type and builder.fill(k, 1):
                break
    if not builder.accepted:
        return quiz
    new = builder.accepted[0]
    if new.kind == "mcq":
        counts = Counter(q.correct_index() for i, q in enumerate(quiz.questions) if q.kind == "mcq" and i != index)
        new = with_correct_at(new, min(range(len(new.options)), key=lambda p: (counts.get(p, 0), p)))
    questions = list(quiz.questions)
    questions[index] = new
    return replace(quiz, questions=tuple(questions))


def drop_question(quiz: Quiz, index: int) -> Quiz:
    """The quiz without question ``index`` (0-based)."""
    if not 0 <= index < len(quiz.questions):
        raise IndexError(f"question {index + 1} is not in the quiz (it has {len(quiz.questions)})")
    selection = dict(quiz.selection)
    stats = dict(selection.get("stats") or {})
    stats["dropped"] = int(stats.get("dropped", 0)) + 1
    selection["stats"] = stats
    return replace(quiz, questions=quiz.questions[:index] + quiz.questions[index + 1 :], selection=selection)

"""Training packs: a topic's case study for trainers, grounded in the reports (no LLM).

    from assistant import Retriever
    from assistant.quiz.pack import build_pack

    pack = build_pack(Retriever.open(), topic="return home interviews", n_extracts=4)
    pack.extracts     # 3-5 verbatim extracts from different authorities, each with its citation
                      # (authority, date, page, paragraph, URL) and the area's judgement
    pack.prompts      # discussion prompts from templates/pack_prompts.json
    pack.quiz         # a short Quiz on the extracts, with its answer key (export it like any quiz)
    pack.enough       # False when the corpus has too few good extracts: pack.notes says so

How extracts are chosen:

1. the topic in trainers' words is expanded with its synonyms (:mod:`assistant.topic_words`:
   "kids in care" -> "looked-after children", "MASH" -> "front door") and each phrase is
   searched (hybrid search, the selection's authorities and dates as filters);
2. a passage's numbered paragraph becomes a candidate extract when one of its sentences uses
   a topic word, it stands in the findings of an area the report judges (so the extract has a
   judgement), and some sentence of it is evaluative with a clear key (a strength or a concern
   by :mod:`assistant.quiz.practice_keys`); long paragraphs are cut to MAX_SENTENCES sentences
   around the topic sentence, never mid-sentence;
3. one extract per authority (the best-scored), chosen so that the judgements of the area
   differ as much as possible (the best- and worst-judged first), then by score.

Fewer than MIN_EXTRACTS good extracts: the pack holds what was found, ``enough`` is False and
a note says so; weak extracts are never used to pad it.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from ..records import Citation, ReportMeta
from ..topic_words import TopicWords, topic_words
from .model import Option, Question, Quiz
from .practice_keys import AREA_NAMES, CONCERN, STRENGTH, Key, heading_area, key_for
from .practice_questions import CONCERN_TEXT, STRENGTH_TEXT, TOPIC_STRENGTH
from .rules import finalise
from .select import select_reports, with_query_cache
from .text import Sentence, is_finding, sentences

MIN_EXTRACTS = 3
MAX_EXTRACTS = 5
DEFAULT_EXTRACTS = 4
SEARCH_K = 40  # passages per topic phrase
MAX_PHRASES = 6  # topic phrases searched
MAX_SENTENCES = 5  # an extract is at most this many sentences of one paragraph
MIN_WORDS = 25
QUIZ_QUESTIONS = 5
TEMPLATES = Path(__file__).with_name("templates")
LETTERS = "ABCDE"
GRADE_RANK = {"outstanding": 4, "good": 3, "requires improvement": 2, "inadequate": 1}


@dataclass(frozen=True)
class Extract:
    """A verbatim extract of a report with where it is and the judgement of its area."""

    letter: str
    text: str  # whole sentences of one numbered paragraph, as in the report
    citation: Citation  # authority, publication date, page, paragraph, URL
    area: str  # judgement area key
    grade: str  # the area's grade as written in the report
    framework: str = ""
    keys: tuple[tuple[str, str], ...] = ()  # (sentence, "strength" | "concern") with a clear key

    @property
    def area_name(self) -> str:
        return AREA_NAMES.get(self.area, self.area)

    @property
    def label(self) -> str:
        """ "Extract A: Leeds, published 2025-08-12, page 4, paragraph 12"."""
        return f"Extract {self.letter}: {self.citation.label()}"


@dataclass(frozen=True)
class Pack:
    topic: str  # as asked
    topic_name: str  # the topic's name in the vocabulary
    search_words: tuple[str, ...]
    extracts: tuple[Extract, ...]
    prompts: tuple[str, ...]
    quiz: Quiz
    enough: bool
    notes: tuple[str, ...] = ()
    selection: dict = field(default_factory=dict, hash=False)

    @property
    def title(self) -> str:
        return f"Training pack: {self.topic_name}"

    def to_dict(self) -> dict:
        from dataclasses import asdict

        return {
            "title": self.title,
            "topic": self.topic,
            "topic_name": self.topic_name,
            "search_words": list(self.search_words),
            "enough": self.enough,
            "notes": list(self.notes),
            "extracts": [{**asdict(e), "area_name": e.area_name} for e in self.extracts],
            "prompts": list(self.prompts),
            "quiz": self.quiz.to_dict(),
            "selection": dict(self.selection),
        }


@dataclass(frozen=True)
class _Candidate:
    meta: ReportMeta
    sentences: tuple[Sentence, ...]
    citation: Citation
    area: str
    grade: str
    keys: tuple[tuple[str, Key], ...]
    score: float


def build_pack(
    retriever,
    *,
    topic: str,
    authorities=(),
    published_from: str = "",
    published_to: str = "",
    n_extracts: int = DEFAULT_EXTRACTS,
    n_questions: int = QUIZ_QUESTIONS,
    seed: int = 0,
) -> Pack:
    """A training pack on ``topic`` from the indexed reports (those of ``authorities`` and the
    dates when given). ValueError for a missing topic or an extract count outside 3-5;
    :class:`~assistant.quiz.select.QuizSelectionError` when no report matches the selection."""
    if not (topic or "").strip():
        raise ValueError("give a topic, e.g. 'return home interviews', 'care leavers' or 'front door'")
    n = int(n_extracts)
    if not MIN_EXTRACTS <= n <= MAX_EXTRACTS:
        raise ValueError(f"a pack holds {MIN_EXTRACTS} to {MAX_EXTRACTS} extracts, not {n}")
    words = topic_words(topic)
    reports = select_reports(retriever, authorities, (), published_from, published_to)
    candidates = _candidates(with_query_cache(retriever), words, reports, published_from, published_to)
    by_authority = len({m.local_authority.lower() for m in reports}) >= n
    chosen = _choose(candidates, n, by_authority)
    extracts = tuple(_extract(c, LETTERS[i]) for i, c in enumerate(chosen))
    notes = []
    enough = len(extracts) >= MIN_EXTRACTS
    if not enough:
        notes.append(
            f"The reports hold only {len(extracts)} good extract(s) on '{words.name}' "
            f"(searched for: {', '.join(words.phrases)}); a pack needs at least {MIN_EXTRACTS}. "
            "Nothing weaker was added: try a broader topic, more authorities or a wider date range."
        )
    elif len(extracts) < n:
        notes.append(f"Only {len(extracts)} good extracts on '{words.name}' were found (asked for {n}).")
    if not by_authority:
        notes.append("Fewer authorities were chosen than extracts asked for: extracts come from different reports.")
    if extracts and len({e.grade for e in extracts}) == 1:
        notes.append(f"Every extract comes from an authority judged {extracts[0].grade} for its area: no contrast.")
    if not words.known:
        notes.append(
            f"'{topic}' is not in the topic vocabulary (assistant/data/topic_synonyms.json): searched as written."
        )
    prompts = discussion_prompts(extracts, words.name) if enough else ()
    quiz = extract_quiz(extracts, words.name, n_questions, seed)
    selection = {
        "params": {
            "topic": topic,
            "authorities": sorted(set(authorities or ())),
            "published_from": published_from or "",
            "published_to": published_to or "",
            "n_extracts": n,
            "n_questions": int(n_questions),
            "seed": int(seed),
        },
        "reports_searched": len(reports),
        "candidates": len(candidates),
    }
    return Pack(topic, words.name, words.phrases, extracts, prompts, quiz, enough, tuple(notes), selection)


# -- candidates -------------------------------------------------------------------------------------


def _candidates(retriever, words: TopicWords, reports, published_from, published_to) -> list[_Candidate]:
    allowed = {m.report_id: m for m in reports}
    names = sorted({m.local_authority for m in reports})
    authority = names if len(names) < len(retriever.catalog.authorities) else None
    seen: set[tuple[str, str]] = set()
    out: list[_Candidate] = []
    chunks_by_id: dict[str, dict] = {}
    for phrase in words.phrases[:MAX_PHRASES]:
        passages = retriever.search(
            phrase,
            k=SEARCH_K,
            authority=authority,
            published_from=published_from or None,
            published_to=published_to or None,
        )
        for p in passages:
            meta = allowed.get(p.citation.report_id)
            if meta is None:
                continue
            if meta.report_id not in chunks_by_id:
                chunks_by_id[meta.report_id] = {c.id: c for c in retriever.report_chunks(meta.report_id)}
            chunk = chunks_by_id[meta.report_id].get(p.chunk_id)
            if chunk is None:
                continue
            area = heading_area(meta, chunk)
            if not area:
                continue
            j = meta.judgement(area)
            for para, sents in _paragraphs(sentences(chunk.text, chunk.paragraph)):
                if (meta.report_id, para or sents[0].text[:40]) in seen:
                    continue
                cand = _candidate(retriever, meta, chunk, para, sents, words, area, j.grade if j else "")
                if cand is not None:
                    seen.add((meta.report_id, para or sents[0].text[:40]))
                    out.append(cand)
    return out


def _paragraphs(sents: list[Sentence]) -> list[tuple[str, list[Sentence]]]:
    """Consecutive sentences of the same numbered paragraph."""
    out: list[tuple[str, list[Sentence]]] = []
    for s in sents:
        if out and out[-1][0] == s.paragraph:
            out[-1][1].append(s)
        else:
            out.append((s.paragraph, [s]))
    return out


def _candidate(retriever, meta, chunk, para, sents, words, area, grade) -> _Candidate | None:
    hits = [i for i, s in enumerate(sents) if words.mentions(s.text)]
    if not hits or not grade:
        return None
    start = max(0, hits[0] - 1) if len(sents) > MAX_SENTENCES else 0
    window = tuple(sents[start : start + MAX_SENTENCES])
    if not all(is_finding(s.text, min_words=3, max_words=80) for s in window):
        return None  # headings, tables, cut sentences
    text = " ".join(s.text for s in window)
    if len(text.split()) < MIN_WORDS:
        return None
    keys = tuple((s.text, k) for s in window if (k := key_for(meta, chunk, s.text)) is not None)
    if not keys or any(k.rule == "listed" for _, k in keys):
        return None  # nothing in it says clearly how good the practice was, or it is a recommendation
    mentions = sum(words.mentions(s.text) for s in window)
    score = len(keys) + mentions + (1 if words.mentions(window[0].text) else 0)
    citation = replace(retriever.citation(chunk), paragraph=para)
    return _Candidate(meta, window, citation, area, grade, keys, float(score))


# -- choosing -------------------------------------------------------------------------------------


def _rank(grade: str) -> int:
    g = grade.lower()
    return next((r for name, r in GRADE_RANK.items() if g.startswith(name)), 0)


def _choose(candidates: list[_Candidate], n: int, by_authority: bool) -> list[_Candidate]:
    """One candidate per authority (or report), the judgements as different as possible."""
    best: dict[str, _Candidate] = {}
    for c in sorted(candidates, key=lambda c: (-c.score, c.meta.report_id, c.citation.paragraph)):
        key = c.meta.local_authority.lower() if by_authority else c.meta.report_id
        best.setdefault(key, c)
    pool = sorted(best.values(), key=lambda c: (-c.score, c.meta.report_id))
    chosen: list[_Candidate] = []
    while pool and len(chosen) < n:
        ranks = {_rank(c.grade) for c in chosen}
        if not chosen:
            pick = pool[0]
        else:
            pick = max(
                pool,
                key=lambda c: (
                    _rank(c.grade) not in ranks,  # a judgement not yet shown
                    min(abs(_rank(c.grade) - r) for r in ranks),  # as far as possible from those shown
                    c.score,
                ),
            )
        chosen.append(pick)
        pool.remove(pick)
    # best-judged first, so that extract A is the strongest practice
    return sorted(chosen, key=lambda c: (-_rank(c.grade), -c.score, c.meta.report_id))


def _extract(c: _Candidate, letter: str) -> Extract:
    return Extract(
        letter=letter,
        text=" ".join(s.text for s in c.sentences),
        citation=c.citation,
        area=c.area,
        grade=c.grade,
        framework=c.meta.framework,
        keys=tuple((s, k.status) for s, k in c.keys),
    )


# -- prompts --------------------------------------------------------------------------------------


@cache
def prompt_templates() -> dict:
    return json.loads((TEMPLATES / "pack_prompts.json").read_text(encoding="utf-8"))


def discussion_prompts(extracts: tuple[Extract, ...], topic: str) -> tuple[str, ...]:
    """The template prompts that fit the extracts, filled in."""
    if not extracts:
        return ()
    data = prompt_templates()
    by_rank = sorted(extracts, key=lambda e: (-_rank(e.grade), e.letter))
    contrast = _rank(by_rank[0].grade) != _rank(by_rank[-1].grade)
    areas = sorted({e.area_name for e in extracts})
    values = {
        "strong": by_rank[0].letter,
        "weak": by_rank[-1].letter,
        "first": extracts[0].letter,
        "second": extracts[1].letter if len(extracts) > 1 else extracts[0].letter,
        "topic": topic,
        "area": " and ".join(areas),
        "grade": by_rank[0].grade,
    }
    out = []
    for t in data["prompts"]:
        needs = t.get("needs", "any")
        if (needs == "contrast" and not contrast) or (needs == "same" and contrast):
            continue
        out.append(t["text"].format(**values))
    return tuple(out[: int(data.get("max_prompts", 5))])


# -- the quiz on the extracts ------------------------------------------------------------------------


def extract_quiz(extracts: tuple[Extract, ...], topic: str, n: int = QUIZ_QUESTIONS, seed: int = 0) -> Quiz:
    """Strength-or-concern questions on the extracts' sentences (keys by the rules of
    practice_keys), concerns and strengths in turn. (Which extract was judged what is shown with
    the extracts, so it is not asked.)"""
    rng = random.Random(seed)
    questions: list[Question] = []
    keyed = [(e, s, status) for e in extracts for s, status in e.keys]
    strengths = [k for k in keyed if k[2] == STRENGTH]
    concerns = [k for k in keyed if k[2] == CONCERN]
    rng.shuffle(strengths)
    rng.shuffle(concerns)
    order = []  # concerns and strengths in turn, each extract used before any is used again
    used: dict[str, int] = {}
    while strengths or concerns:
        want = CONCERN if len(order) % 2 == 0 else STRENGTH
        pool = (concerns if want == CONCERN else strengths) or strengths or concerns
        pick = min(pool, key=lambda k: used.get(k[0].letter, 0))
        pool.remove(pick)
        used[pick[0].letter] = used.get(pick[0].letter, 0) + 1
        order.append(pick)
    for e, s, status in order:
        if len(questions) >= n:
            break
        prompt = (
            f'In extract {e.letter}, inspectors wrote: "{s}" '
            "Did they present it as a strength or as something that needs to improve?"
        )
        verdict = "A strength" if status == STRENGTH else "Something that needs to improve"
        why = f"the extract's area, {e.area_name}, is judged {e.grade}, and the sentence's wording is " + (
            "evaluative praise with no criticism." if status == STRENGTH else "critical with no praise."
        )
        questions.append(
            finalise(
                Question(
                    id="x",
                    kind="mcq",
                    prompt=prompt,
                    options=(Option(STRENGTH_TEXT, status == STRENGTH), Option(CONCERN_TEXT, status == CONCERN)),
                    explanation=f"{verdict}: {why} ({e.citation.label()})",
                    citation=e.citation,
                    quote=s,
                    topic=f"{TOPIC_STRENGTH}: {status}",
                )
            )
        )
    return Quiz(title=f"Quiz: {topic}", questions=tuple(questions), seed=int(seed), selection={"topic": topic})

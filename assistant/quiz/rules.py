"""The rules every generated question must keep, and the grounding check.

- :func:`verify_grounded` -- the correct answer (or its key words) is in the question's quote;
- :func:`duplicate_options` -- no two options read the same;
- :func:`options_comparable` -- the longest option is at most ``LENGTH_RATIO`` x the shortest;
- :func:`balance_positions` -- the correct options' positions spread evenly over A, B, C, D;
- :func:`prompt_key` -- questions are the same when their prompts normalise the same.

Distractors that are also correct are ruled out where they are chosen (see
``finding_questions``: a distractor must have no sentence of high word overlap in the report).
"""

from __future__ import annotations

import random
from dataclasses import replace

from ..vocabulary import GRADES, grade_at_end  # grade_at_end: re-exported for the quiz checks
from .model import BLANK, Option, Question, question_id
from .text import clean, contains, content_words, norm, norm_prompt, overlap, sentences

LENGTH_RATIO = 2.5  # longest / shortest option, for findings
KEYWORD_SHARE = 0.8  # share of an answer's key words that must be in the quote
ABSENT_OVERLAP = 0.6  # a sentence sharing this much of a statement's words "says" it
POSITIONS = 4


# -- grounding ------------------------------------------------------------------------------


def quoted_part(prompt: str) -> str:
    """The text between the first and last double quotation marks of a prompt."""
    first, last = prompt.find('"'), prompt.rfind('"')
    return prompt[first + 1 : last] if 0 <= first < last else ""


def supports(quote: str, answer: str) -> bool:
    """The answer is in the quote, or at least KEYWORD_SHARE of its key words are."""
    if contains(quote, answer):
        return True
    key = content_words(answer)
    return len(key) >= 3 and overlap(key, content_words(quote)) >= KEYWORD_SHARE


def says(quote: str, statement: str, threshold: float = ABSENT_OVERLAP) -> bool:
    """Some sentence of the quote shares most of the statement's key words."""
    key = content_words(statement)
    return any(overlap(key, content_words(s.text)) >= threshold for s in sentences(quote))


def verify_grounded(q: Question) -> bool:
    """Whether the question's correct answer is verifiably in its quote.

    mcq: the correct option (or KEYWORD_SHARE of its key words) is in the quote; for a
    judgement the quote ends with that grade. tf: a judgement statement's grade equals the
    quote's exactly when the statement is true; a finding statement's quoted text is in the
    quote when true and absent from it when false. cloze/short: an accepted answer is in the
    quote, and the quoted sentence with the blank filled is too."""
    quote = q.quote.strip()
    if not quote or q.citation is None:
        return False
    kind = q.topic.split(":")[0].strip()
    if kind == "strength or concern":  # the finding shown is verbatim in the cited passage
        return q.kind == "mcq" and contains(quote, quoted_part(q.prompt))
    if kind == "judgement":
        label_words = content_words(quote) - content_words(" ".join(GRADES))
        if overlap(label_words, content_words(q.prompt)) < 0.6:
            return False
        if q.kind == "mcq":
            return norm(q.correct_options()[0].text) == grade_at_end(quote) != ""
        if q.kind == "tf":
            stated = grade_at_end(q.prompt)
            return bool(stated) and (stated == grade_at_end(quote)) == q.truth
        return False
    if q.kind == "mcq":
        return supports(quote, q.correct_options()[0].text)
    if q.kind == "tf":
        item = quoted_part(q.prompt)
        if not item:
            return False
        return supports(quote, item) if q.truth else not says(quote, item)
    # cloze / short
    if not any(contains(quote, a) for a in q.answers):
        return False
    part = quoted_part(q.prompt)
    if BLANK in part:
        before, _, after = part.partition(BLANK)
        filled = [f"{before}{a}{after}" for a in q.answers]
        return any(contains(quote, f.strip(" .\u2026")) for f in filled)
    return True


# -- option rules ---------------------------------------------------------------------------


def duplicate_options(q: Question) -> bool:
    keys = [norm_prompt(o.text) for o in q.options]
    return len(set(keys)) != len(keys)


def options_comparable(q: Question, ratio: float = LENGTH_RATIO) -> bool:
    lengths = [len(clean(o.text)) for o in q.options]
    return not lengths or max(lengths) <= ratio * max(1, min(lengths))


def prompt_key(q: Question) -> str:
    """Questions whose prompts normalise the same are duplicates (so a quiz asks "which practice
    fits?" once per judgement and area)."""
    return norm_prompt(q.prompt)


def with_correct_at(q: Question, position: int) -> Question:
    """The mcq with its correct option moved to ``position``, the others in their order."""
    if q.kind != "mcq":
        return q
    correct = q.correct_options()[0]
    others = [o for o in q.options if not o.correct]
    position = max(0, min(position, len(others)))
    options = tuple(others[:position] + [correct] + others[position:])
    return finalise(replace(q, options=options, id="x"))


def finalise(q: Question) -> Question:
    """The question with its stable id computed from what it now asks."""
    return replace(q, id=question_id(q.kind, q.prompt, q.options, q.answers, q.citation))


def balance_positions(questions: list[Question], rng: random.Random) -> list[Question]:
    """Move each mcq's correct option so that positions A-D are used as evenly as possible
    (counts differ by at most one per number of options), in an order drawn from ``rng``."""
    out = list(questions)
    counts: dict[int, int] = {}
    for i, q in enumerate(out):
        if q.kind != "mcq" or q.topic.startswith("strength or concern"):  # "A strength" stays first, as True does
            continue
        n = len(q.options)
        choices = list(range(n))
        rng.shuffle(choices)
        low = min(counts.get(p, 0) for p in choices)
        pos = next(p for p in choices if counts.get(p, 0) == low)
        counts[pos] = counts.get(pos, 0) + 1
        out[i] = with_correct_at(q, pos)
    return out


def make_option_list(correct: str, distractors: list[str]) -> tuple[Option, ...]:
    return (Option(correct, True), *(Option(d, False) for d in distractors))

"""Quiz builder benchmark: questions per second, and how many answers are verifiably in the
passage each question cites.

    python bench/quiz.py --index .index [--model all-MiniLM-L6-v2] [--quizzes 12] [--n 10] [--sample 50]

Builds ``--quizzes`` quizzes of ``--n`` questions (seeds 0.., half of them with a topic, authorities
taken in turn) and reports questions per second (the first quiz, which loads the index views,
is timed separately). Then checks a random sample of ``--sample`` generated questions with its
own code, independent of the generator (none of its text or rules helpers is used): the quote is
text of a chunk of the cited report on the cited page, and the correct answer is in that quote
(mcq option text, or the judgement grade the excerpt ends with; cloze/short answer; a
true/false judgement statement agrees with the metadata exactly when it is true; an
improvement statement is in the report's list exactly when it is true). Prints the figures;
exit code 1 when the share is below --min-share, which defaults to the target: every question
(the README's rule: a question whose answer is not verifiably in its passage is dropped).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.quiz.generate import build_quiz  # noqa: E402
from assistant.quiz.model import BLANK  # noqa: E402  (the quiz format's blank marker: data, not a check)
from assistant.retrieval import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402

TOPICS = ["care leavers", "front door", "exploitation", "management oversight", "children in care"]
TARGET_SHARE = 1.0  # every sampled question verified

# -- the independent check's own text handling ---------------------------------------------------
# Typographic variants that PDF text and generated prompts may write differently.
_SAME = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2011": "-",
        "\ufffe": "-",
        "\u00a0": " ",
    }
)
_GRADE_AT_END = re.compile(
    r"""(requires?\s+improvement\s+to\s+be\s+good   # the longest grade first
        |requires?\s+improvement
        |outstanding|good|inadequate|adequate)
        [\s.'"!?)]*$                             # then only closing punctuation""",
    re.VERBOSE,
)


def squash(text: str) -> str:
    """Lower case, one kind of quote and dash, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text or "").translate(_SAME).lower().split())


def within(haystack: str, needle: str) -> bool:
    needle = squash(needle).strip(" .")
    return bool(needle) and needle in squash(haystack)


def stated_grade(text: str) -> str:
    """The grade a judgement excerpt or statement ends with, as "requires improvement ..."."""
    m = _GRADE_AT_END.search(squash(text))
    return re.sub(r"^require\b", "requires", " ".join(m.group(1).split())) if m else ""


def between_quotes(prompt: str) -> str:
    first, last = prompt.find('"'), prompt.rfind('"')
    return prompt[first + 1 : last] if 0 <= first < last else ""


def answer_in_passage(retriever, q) -> tuple[bool, str]:
    """(verified, reason when not) -- an independent check of one question."""
    c = q.citation
    if c is None or not q.quote:
        return False, "no citation or quote"
    page_chunks = [ch for ch in retriever.report_chunks(c.report_id) if ch.page == c.page]
    if not any(within(ch.text, q.quote) for ch in page_chunks):
        return False, "quote not on the cited page"
    meta = retriever.catalog.by_id.get(c.report_id)
    if q.topic.startswith("judgement"):
        area = q.topic.split(":", 1)[1].strip()
        actual = meta.judgement(area).grade if meta and meta.judgement(area) else ""
        if stated_grade(q.quote) != actual:
            return False, "excerpt grade differs from the metadata"
        if q.kind == "mcq":
            return squash(q.correct_options()[0].text) == actual, "correct option is not the metadata grade"
        return (stated_grade(q.prompt) == actual) is q.truth, "true/false disagrees with the metadata"
    if q.topic.startswith("strength or concern"):  # its key is hand-checked by bench/practice_keys.py
        return within(q.quote, between_quotes(q.prompt)), "the finding shown is not in the quote"
    if q.kind == "mcq":
        return within(q.quote, q.correct_options()[0].text), "correct option not in the quote"
    if q.kind == "tf":
        item = squash(between_quotes(q.prompt)).rstrip(".")
        listed = bool(item) and any(item in squash(i.text) for i in (meta.improvements if meta else ()))
        return listed is q.truth, "improvement statement disagrees with the report's list"
    if not within(q.quote, q.answers[0]):
        return False, "answer not in the quote"
    part = between_quotes(q.prompt)
    if BLANK in part and not within(q.quote, part.replace(BLANK, q.answers[0]).strip(" .")):
        return False, "filled sentence not in the quote"
    return True, ""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", help="index folder (env ASSISTANT_INDEX)")
    ap.add_argument("--model", help="embedding model the index was built with (env ASSISTANT_MODEL)")
    ap.add_argument("--collection", help="collection name prefix")
    ap.add_argument("--quizzes", type=int, default=12)
    ap.add_argument("--n", type=int, default=10)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--min-share",
        type=float,
        default=TARGET_SHARE,
        help=f"exit 1 when fewer are verified (default {TARGET_SHARE}, the target)",
    )
    args = ap.parse_args(argv)

    settings = Settings.from_env(index_path=args.index, model=args.model, collection=args.collection, chroma_host="")
    t0 = time.perf_counter()
    retriever = Retriever.open(settings=settings)
    authorities = sorted({r.local_authority for r in retriever.catalog.reports})
    print(
        f"index: {settings.where} ({len(retriever.catalog.reports)} reports, {len(authorities)} authorities); "
        f"opened with its catalog and keyword index in {time.perf_counter() - t0:.2f} s"
    )

    t0 = time.perf_counter()
    first = build_quiz(retriever, n=args.n, seed=args.seed)
    cold = time.perf_counter() - t0
    quizzes, timings = [first], {"no topic": [0.0, 0], "topic": [0.0, 0]}
    for i in range(1, args.quizzes):
        kind = "topic" if i % 2 else "no topic"
        kwargs = {"topic": TOPICS[i % len(TOPICS)]} if kind == "topic" else {}
        if i % 3 == 0:
            kwargs["authorities"] = [authorities[i % len(authorities)]]
        t = time.perf_counter()
        quiz = build_quiz(retriever, n=args.n, seed=args.seed + i, **kwargs)
        timings[kind][0] += time.perf_counter() - t
        timings[kind][1] += len(quiz.questions)
        quizzes.append(quiz)
    warm_time = sum(v[0] for v in timings.values())
    warm_q = sum(v[1] for v in timings.values())
    print(f"first quiz: {len(first.questions)} questions in {cold:.2f} s")
    print(
        f"then {args.quizzes - 1} quizzes (the first topic one loads the embedding model): {warm_q} questions in {warm_time:.2f} s = "
        f"{warm_q / warm_time if warm_time else float('nan'):.1f} questions/s"
    )
    for kind, (secs, count) in timings.items():
        if count:
            print(f"  {kind:9s}: {count} questions, {count / secs:.1f} questions/s")
    all_q = [q for quiz in quizzes for q in quiz.questions]
    requested = args.n * len(quizzes)
    skipped = sum(quiz.selection["stats"]["skipped"] for quiz in quizzes)
    print(
        f"made {len(all_q)} of {requested} requested; {skipped} candidates skipped by the checks; "
        f"types {dict(Counter(q.kind for q in all_q))}"
    )

    rng = random.Random(args.seed)
    sample = rng.sample(all_q, min(args.sample, len(all_q)))
    results = [answer_in_passage(retriever, q) for q in sample]
    ok = sum(1 for good, _ in results if good)
    share = ok / len(sample) if sample else 0.0
    print(
        f"sample of {len(sample)} questions: {ok} ({share:.0%}) have the correct answer verifiably in the cited "
        f"passage or the metadata (target {args.min_share:.0%})"
    )
    for (good, reason), q in zip(results, sample):
        if not good:
            print(f"  NOT VERIFIED ({reason}): {q.prompt[:120]}")
    return 0 if share >= args.min_share else 1


if __name__ == "__main__":
    sys.exit(main())

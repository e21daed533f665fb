"""`assistant search` and `assistant eval`."""

from __future__ import annotations

import json
import sys


def passage_json(rank: int, p) -> dict:
    return {"rank": rank, **p.to_dict()}


def _open_retriever(args):
    from .cli import settings_from
    from .retrieval import Retriever

    return Retriever.open(settings=settings_from(args))


def cmd_search(args) -> int:
    retriever = _open_retriever(args)
    if args.batch:
        from .evaluation import load_questions

        for q in load_questions(args.batch):
            hits = retriever.search(q["question"], k=args.k, authority=args.authority)
            print(
                json.dumps(
                    {"id": q.get("id"), "hits": [passage_json(i + 1, p) for i, p in enumerate(hits)]},
                    ensure_ascii=False,
                ),
                flush=True,
            )
        return 0
    if not args.question:
        print("error: give a question, or --batch FILE.jsonl", file=sys.stderr)
        return 2
    r = retriever.retrieve(
        args.question,
        k=args.k,
        authority=args.authority,
        published_from=args.published_from,
        published_to=args.published_to,
    )
    if args.json:
        print(
            json.dumps(
                {
                    "question": args.question,
                    "notes": list(r.notes),
                    "hits": [passage_json(i + 1, p) for i, p in enumerate(r.passages)],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    for note in r.notes:
        print(f"({note})")
    if not r.passages:
        print("No matching passages in the indexed reports.")
    for i, p in enumerate(r.passages, 1):
        print(f"[{i}] {p.citation.label()} — {p.citation.heading[:70]}  (score {p.score:.4f})")
        print("    " + p.text[:400].replace("\n", " ") + ("…" if len(p.text) > 400 else ""))
    return 0


def cmd_eval(args) -> int:
    from .evaluation import evaluate_retrieval, format_table, load_questions

    questions = load_questions(args.file)
    if args.answers:
        from .answering.assistant import Assistant
        from .evaluation import evaluate_answers

        results = evaluate_answers(Assistant(_open_retriever(args)), questions, by=args.by)
    else:
        results = evaluate_retrieval(_open_retriever(args), questions, k=args.k)
    print(json.dumps(results, indent=2) if args.json else format_table(results))
    return 0


def add_commands(sub, index_options) -> None:
    from .cli import question_options

    s = sub.add_parser("search", help="retrieve cited passages for a question")
    question_options(s)
    s.add_argument("--k", type=int, default=5)
    index_options(s)
    s.set_defaults(func=cmd_search)

    e = sub.add_parser("eval", help="score retrieval (or --answers) on a question file")
    e.add_argument("file")
    e.add_argument("--k", type=int, default=5)
    e.add_argument("--answers", action="store_true", help="score answers instead of retrieval")
    e.add_argument("--by", default="type", help="group answer figures by this field of the questions (type, kind)")
    e.add_argument("--json", action="store_true")
    index_options(e)
    e.set_defaults(func=cmd_eval)

"""`assistant search`: cited passages for a question, or for each question of a batch file."""

from __future__ import annotations

import json
import sys

from .options import open_retriever, question_options


def passage_json(rank: int, p) -> dict:
    return {"rank": rank, **p.to_dict()}


def cmd_search(args) -> int:
    retriever = open_retriever(args)
    if args.batch:
        from ..evaluation import load_questions

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


def add_commands(sub, index_options) -> None:
    s = sub.add_parser("search", help="retrieve cited passages for a question")
    question_options(s)
    s.add_argument("--k", type=int, default=5)
    index_options(s)
    s.set_defaults(func=cmd_search)

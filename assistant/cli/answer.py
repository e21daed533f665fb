"""`assistant ask`: answers with citations, one question or a batch file."""

from __future__ import annotations

import json
import sys


def cmd_ask(args) -> int:
    from ..answering.assistant import Assistant
    from ..evaluation import load_questions
    from .options import settings_from

    assistant = Assistant.open(settings=settings_from(args))
    if args.batch:
        for q in load_questions(args.batch):
            history: list[tuple[str, str]] = []  # a conversation: earlier questions asked first
            for past in q.get("history", []):
                history.append((past, assistant.ask(past, history=list(history)).text))
            a = assistant.ask(q["question"], history=history)
            print(json.dumps({"id": q.get("id"), **a.to_dict()}, ensure_ascii=False), flush=True)
        return 0
    if not args.question:
        print("error: give a question, or --batch FILE.jsonl", file=sys.stderr)
        return 2
    a = assistant.ask(
        args.question, authority=args.authority, published_from=args.published_from, published_to=args.published_to
    )
    if args.json:
        print(json.dumps(a.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(a.text)
    for note in a.notes:
        print(f"({note})")
    if a.citations:
        print("\nSources:")
    for c in a.citations:
        cit = c.passage.citation
        print(f"[{c.n}] {cit.label()}" + (f" — {cit.url}" if cit.url else ""))
        print(f"    “{c.quote}”")
    return 0


def add_commands(sub, index_options) -> None:
    from .options import question_options

    a = sub.add_parser("ask", help="answer a question from the reports, with citations")
    question_options(a)
    index_options(a)
    a.set_defaults(func=cmd_ask)

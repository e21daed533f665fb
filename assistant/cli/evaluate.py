"""`assistant eval`: retrieval (or answer) figures on a question file."""

from __future__ import annotations

import json

from .options import open_retriever


def cmd_eval(args) -> int:
    from ..evaluation import evaluate_retrieval, format_table, load_questions

    questions = load_questions(args.file)
    if args.answers:
        from ..answering.assistant import Assistant
        from ..evaluation import evaluate_answers

        results = evaluate_answers(Assistant(open_retriever(args)), questions, by=args.by)
    else:
        results = evaluate_retrieval(open_retriever(args), questions, k=args.k)
    print(json.dumps(results, indent=2) if args.json else format_table(results))
    return 0


def add_commands(sub, index_options) -> None:
    e = sub.add_parser("eval", help="score retrieval (or --answers) on a question file")
    e.add_argument("file")
    e.add_argument("--k", type=int, default=5)
    e.add_argument("--answers", action="store_true", help="score answers instead of retrieval")
    e.add_argument("--by", default="type", help="group answer figures by this field of the questions (type, kind)")
    e.add_argument("--json", action="store_true")
    index_options(e)
    e.set_defaults(func=cmd_eval)

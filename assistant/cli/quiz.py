"""`assistant quiz`: build a quiz for trainers from the indexed reports and export it.

    assistant quiz --authority Dorset --topic "care leavers" --n 10 --format gift -o dorset.txt

The quiz goes to stdout unless -o is given; how many questions were made and skipped goes to
stderr. Exit codes: 0 quiz written; 1 fewer questions than asked for (the quiz is still
written); 2 usage/configuration error (no matching report, unknown type or format, no index).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_commands(sub, index_options) -> None:
    from ..quiz.export import FORMATS
    from ..quiz.handouts import COPIES
    from ..quiz.model import DEFAULT_TYPES, TYPES

    p = sub.add_parser(
        "quiz",
        help="build a quiz (GIFT, Moodle XML, Aiken, CSV, JSON, Markdown) from the reports",
        description="Build a quiz from the indexed reports. Every question cites the report, page "
        "and paragraph its answer comes from.",
    )
    p.add_argument(
        "--authority",
        action="append",
        default=[],
        metavar="NAME",
        help="local authority (repeatable); all its indexed reports within the dates",
    )
    p.add_argument(
        "--report", action="append", default=[], metavar="PATH", help="a report by path as ingested (repeatable)"
    )
    p.add_argument("--topic", default="", help='draw findings from passages about this, e.g. "care leavers"')
    p.add_argument(
        "--from",
        dest="published_from",
        default="",
        metavar="DATE",
        help="reports published on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    p.add_argument(
        "--to",
        dest="published_to",
        default="",
        metavar="DATE",
        help="reports published on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)",
    )
    p.add_argument("--n", type=int, default=10, help="number of questions (default 10)")
    p.add_argument(
        "--types",
        default=",".join(DEFAULT_TYPES),
        help=f"question types, comma-separated, of {','.join(TYPES)}: strength = strength or concern?, "
        "practice = which practice fits the finding?, mcq = judgements, improvements and findings, tf = true/false, "
        f"cloze = fill the gap, short = numbers and dates (opt-in) (default {','.join(DEFAULT_TYPES)})",
    )
    p.add_argument(
        "--format",
        dest="fmt",
        default="gift",
        choices=[*FORMATS, "docx"],
        help="export format (default gift); docx: a Word handout (needs -o)",
    )
    p.add_argument(
        "--copy",
        default="trainer",
        choices=COPIES,
        help="docx: the trainer copy (with the answer key) or the learner copy (default trainer)",
    )
    p.add_argument("--seed", type=int, default=0, help="same inputs and seed give the same quiz (default 0)")
    p.add_argument("--title", default="", help="quiz title (default from the selection)")
    p.add_argument("-o", "--output", help="write to this file (default stdout)")
    index_options(p)
    p.set_defaults(func=cmd_quiz)


def cmd_quiz(args: argparse.Namespace) -> int:
    from ..quiz.export import export, kinds_for_format, skipped_reasons
    from ..quiz.generate import build_quiz
    from ..retrieval import Retriever
    from .options import settings_from

    if args.n < 1:
        print("error: --n must be at least 1", file=sys.stderr)
        return 2
    if args.fmt == "docx" and not args.output:
        print("error: --format docx needs -o FILE.docx", file=sys.stderr)
        return 2
    try:  # a format that holds only some kinds gets N questions of those kinds
        types, types_note = kinds_for_format("md" if args.fmt == "docx" else args.fmt, args.types)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    retriever = Retriever.open(settings=settings_from(args))
    try:
        quiz = build_quiz(
            retriever,
            authorities=args.authority,
            reports=args.report,
            topic=args.topic,
            published_from=args.published_from,
            published_to=args.published_to,
            n=args.n,
            types=types,
            seed=args.seed,
            title=args.title,
        )
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if types_note:
        print(f"note: {types_note}", file=sys.stderr)
    if args.fmt == "docx":
        from ..history.export import to_docx
        from ..quiz.handouts import quiz_doc

        to_docx(quiz_doc(quiz, trainer=args.copy == "trainer"), args.output)
        left_out: dict[str, str] = {}
    else:
        text = export(quiz, args.fmt)
        left_out = skipped_reasons(quiz, args.fmt)
        if args.output:
            encoding = "utf-8-sig" if args.fmt in ("csv", "csv-full") else "utf-8"
            Path(args.output).write_text(text, encoding=encoding)
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    stats = quiz.selection.get("stats", {})
    by_type = ", ".join(f"{v} {k}" for k, v in stats.get("by_type", {}).items())
    reports = quiz.selection.get("reports", [])
    print(
        f"{len(quiz.questions)} of {args.n} questions made ({by_type or 'none'}) from {len(reports)} report(s); "
        f"{stats.get('skipped', 0)} candidate(s) skipped",
        file=sys.stderr,
    )
    for reason, count in stats.get("skipped_reasons", {}).items():
        print(f"  skipped {count}: {reason}", file=sys.stderr)
    if left_out:
        print(
            f"  {len(left_out)} question(s) left out of the {args.fmt} export: "
            + "; ".join(sorted(set(left_out.values()))),
            file=sys.stderr,
        )
    if args.output:
        print(f"written to {args.output}", file=sys.stderr)
    for note in quiz.selection.get("notes", []):
        print(f"  note: {note}", file=sys.stderr)
    return 0 if len(quiz.questions) >= args.n else 1

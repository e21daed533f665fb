"""`assistant pack`: a training pack on a topic (extracts from different authorities with their
judgements, discussion prompts, a short quiz with its key) as Markdown, Word or JSON, or its
quiz alone in a learning platform's format.

    assistant pack --topic "return home interviews" --n-extracts 4 --format docx -o rhi.docx
    assistant pack --topic "front door" --authority Leeds --authority Bradford --format md
    assistant pack --topic "care leavers" --format gift -o care-leavers.gift.txt     # the quiz part

Exit codes: 0 pack written; 1 the reports hold too few good extracts (what was found is still
written, with a note saying so); 2 usage or configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HANDOUT_FORMATS = ("md", "docx", "json")


def add_commands(sub, index_options) -> None:
    from ..quiz.export import FORMATS
    from ..quiz.handouts import COPIES
    from ..quiz.pack import DEFAULT_EXTRACTS, MAX_EXTRACTS, MIN_EXTRACTS, QUIZ_QUESTIONS

    quiz_formats = [f for f in FORMATS if f not in HANDOUT_FORMATS]
    p = sub.add_parser(
        "pack",
        help="build a training pack on a topic (extracts, discussion prompts, quiz) as Markdown, Word or JSON",
        description="Build a training pack: verbatim extracts on a topic from different authorities, "
        "preferably judged differently for the area, each cited; discussion prompts; a short quiz "
        "with its answer key.",
    )
    p.add_argument(
        "--topic", required=True, help='in your words, e.g. "return home interviews", "kids in care", "MASH"'
    )
    p.add_argument(
        "--authority", action="append", default=[], metavar="NAME", help="only these authorities (repeatable)"
    )
    p.add_argument("--from", dest="published_from", default="", metavar="DATE", help="reports published on or after")
    p.add_argument("--to", dest="published_to", default="", metavar="DATE", help="reports published on or before")
    p.add_argument(
        "--n-extracts",
        type=int,
        default=DEFAULT_EXTRACTS,
        help=f"extracts ({MIN_EXTRACTS}-{MAX_EXTRACTS}, default {DEFAULT_EXTRACTS})",
    )
    p.add_argument("--questions", type=int, default=QUIZ_QUESTIONS, help=f"quiz questions (default {QUIZ_QUESTIONS})")
    p.add_argument(
        "--format",
        dest="fmt",
        default="md",
        choices=[*HANDOUT_FORMATS, *quiz_formats],
        help="md, docx or json: the whole pack; gift, moodle-xml, aiken, csv, csv-full: its quiz only (default md)",
    )
    p.add_argument(
        "--copy",
        default="trainer",
        choices=COPIES,
        help="md/docx: the trainer copy (with the answer key) or the learner copy (default trainer)",
    )
    p.add_argument("--seed", type=int, default=0, help="same inputs and seed give the same pack")
    p.add_argument("-o", "--output", help="write to this file (default stdout; required for docx)")
    index_options(p)
    p.set_defaults(func=cmd_pack)


def cmd_pack(args: argparse.Namespace) -> int:
    from ..quiz.export import export
    from ..quiz.handouts import pack_doc
    from ..quiz.pack import build_pack
    from ..retrieval import Retriever
    from .options import settings_from

    if args.fmt == "docx" and not args.output:
        print("error: --format docx needs -o FILE.docx", file=sys.stderr)
        return 2
    retriever = Retriever.open(settings=settings_from(args))
    try:
        pack = build_pack(
            retriever,
            topic=args.topic,
            authorities=args.authority,
            published_from=args.published_from,
            published_to=args.published_to,
            n_extracts=args.n_extracts,
            n_questions=args.questions,
            seed=args.seed,
        )
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    trainer = args.copy == "trainer"
    if args.fmt == "docx":
        from ..history.export import to_docx

        to_docx(pack_doc(pack, trainer=trainer), args.output)
    else:
        if args.fmt == "md":
            from ..history.export import to_markdown

            text = to_markdown(pack_doc(pack, trainer=trainer))
        elif args.fmt == "json":
            text = json.dumps(pack.to_dict(), ensure_ascii=False, indent=2)
        else:
            text = export(pack.quiz, args.fmt)
        if args.output:
            encoding = "utf-8-sig" if args.fmt in ("csv", "csv-full") else "utf-8"
            Path(args.output).write_text(text, encoding=encoding)
        else:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
    authorities = len({e.citation.local_authority for e in pack.extracts})
    print(
        f"{len(pack.extracts)} extract(s) from {authorities} authorit{'y' if authorities == 1 else 'ies'} on "
        f"'{pack.topic_name}' ({pack.selection.get('candidates', 0)} candidate(s) in "
        f"{pack.selection.get('reports_searched', 0)} report(s)); {len(pack.prompts)} prompt(s); "
        f"{len(pack.quiz.questions)} quiz question(s)",
        file=sys.stderr,
    )
    for note in pack.notes:
        print(f"  note: {note}", file=sys.stderr)
    if args.output:
        print(f"written to {args.output}", file=sys.stderr)
    return 0 if pack.enough else 1

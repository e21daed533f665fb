"""`assistant history`, `assistant changes` and `assistant trends`: an authority's inspections,
what changed since the previous inspection (judgements and the "what needs to improve"
tracker), and the national judgements table."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _retriever(args):
    from ..retrieval import Retriever
    from . import settings_from

    return Retriever.open(settings=settings_from(args))


def cmd_history(args) -> int:
    from ..history import build_history
    from ..history.export import history_doc, history_json, to_docx, to_markdown

    history = build_history(_retriever(args), args.authority)
    if args.docx:
        print(f"wrote {to_docx(history_doc(history), args.docx)}", file=sys.stderr)
    if args.json:
        print(json.dumps(history_json(history), ensure_ascii=False, indent=2))
    elif not args.docx:
        print(to_markdown(history_doc(history)))
    return 0


def cmd_changes(args) -> int:
    from ..history import change_report
    from ..history.export import changes_doc, changes_json, to_docx, to_markdown

    report = change_report(_retriever(args), args.authority, args.date_from, args.date_to)
    if args.format == "docx":
        if not args.output:
            print("error: --format docx needs -o FILE.docx", file=sys.stderr)
            return 2
        print(f"wrote {to_docx(changes_doc(report), args.output)}", file=sys.stderr)
        return 0
    text = (
        json.dumps(changes_json(report), ensure_ascii=False, indent=2)
        if args.format == "json"
        else to_markdown(changes_doc(report))
    )
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        print(text)
    return 0


def cmd_trends(args) -> int:
    from ..history import trends

    reports = _retriever(args).reports()
    if args.csv:
        Path(args.csv).write_text(trends.table_csv(reports), encoding="utf-8")
        print(f"wrote {args.csv}", file=sys.stderr)
    years = trends.by_year(reports)
    labels = [*trends.SCALE, trends.NO_OVERALL]
    print("year  " + "  ".join(f"{g[:12]:>12}" for g in labels))
    for y, grades in years.items():
        print(f"{y}  " + "  ".join(f"{len(grades.get(g, [])):>12}" for g in labels))
    trans = trends.transitions(reports)
    print("\nconsecutive inspections (earlier overall -> later overall): count")
    for (a, b), ts in sorted(trans.items(), key=lambda x: -len(x[1])):
        print(f"  {a} -> {b}: {len(ts)}")
    up, n = trends.improved_from(trans, "Inadequate")
    print(f"\nfrom inadequate: {up} of {n} improved at the next inspection")
    return 0


def add_commands(sub, index_options) -> None:
    h = sub.add_parser("history", help="an authority's inspections with cited judgements")
    h.add_argument("authority")
    h.add_argument("--json", action="store_true")
    h.add_argument("--docx", metavar="FILE", help="also write a Word document")
    index_options(h)
    h.set_defaults(func=cmd_history)

    c = sub.add_parser("changes", help="what changed between two inspections of an authority (default: the last two)")
    c.add_argument("authority")
    c.add_argument(
        "--from", dest="date_from", help="the earlier inspection: the first published on or after (YYYY[-MM[-DD]])"
    )
    c.add_argument(
        "--to", dest="date_to", help="the later inspection: the last published on or before (YYYY[-MM[-DD]])"
    )
    c.add_argument("--format", choices=("md", "json", "docx"), default="md")
    c.add_argument("-o", "--output", help="write to this file")
    index_options(c)
    c.set_defaults(func=cmd_changes)

    t = sub.add_parser("trends", help="judgements by year and transitions between consecutive inspections")
    t.add_argument("--csv", metavar="FILE", help="write the judgements table as CSV")
    index_options(t)
    t.set_defaults(func=cmd_trends)

"""Answers on the out-of-sample paraphrase sets (tests/data/paraphrase_*.jsonl), by kind,
and on the development questions (in-sample), against one index. On an index of part of
the corpus, only the questions it can answer as the whole corpus would are asked
(evaluation.covered_by); the counts printed say how many.

    python bench/paraphrases.py --index INDEX [--dev ../shared/eval/dev_questions.jsonl]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    from assistant import Assistant, Retriever
    from assistant.evaluation import covered_by, evaluate_answers, format_table, load_questions

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--index", required=True)
    ap.add_argument("--dev", default=str(ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    retriever = Retriever.open(index=args.index)
    assistant = Assistant(retriever)
    indexed = {m.source for m in retriever.catalog.reports}
    with open(ROOT / "corpus" / "manifest.csv", newline="", encoding="utf-8") as fh:
        manifest = list(csv.DictReader(fh))
    questions = [q for p in sorted((ROOT / "tests" / "data").glob("paraphrase_*.jsonl")) for q in load_questions(p)]
    asked = covered_by(questions, indexed, manifest)
    print(
        f"out-of-sample paraphrase sets: {len(asked)} of {len(questions)} questions answerable from this index "
        f"({len(indexed)} reports)"
    )
    out = evaluate_answers(assistant, asked, by="kind")
    print(json.dumps(out, indent=2) if args.json else format_table(out))
    print("failures:", " ".join(out["_failures"]))
    if args.dev and Path(args.dev).is_file():
        dev = (
            covered_by(load_questions(args.dev), indexed, manifest) if len(indexed) < 490 else load_questions(args.dev)
        )
        print(f"\nin-sample development questions: {len(dev)}")
        print(format_table(evaluate_answers(assistant, dev)))


if __name__ == "__main__":
    main()

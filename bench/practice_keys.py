"""Hand-checked agreement of the "strength or concern?" keys.

    python bench/practice_keys.py --index /work/full-index [--n 100] [--seed 0] \
        [--truth tests/data/strength_concern_truth.jsonl] [--half even|odd|all] [--dump keys.jsonl] [--context]

Generates ``--n`` "strength or concern?" questions on the index (``build_quiz(types=["strength"])``,
reports taken in turn across the whole index) and compares each key with the truth file, whose
lines were written by a person reading each sentence in its report ({"source", "sentence",
"truth": "strength" | "concern" | "unclear", "reading": why}). A key agrees when it equals the
truth; a truth of "unclear" (the sentence should have been dropped) counts as a disagreement.
``--half`` restricts the figure to the even or odd positions of the generated list (the rule
was tuned on one half only: say which). ``--dump`` writes the generated keys with the heading,
the area's judgement and the paragraph around each sentence, for writing the truth;
``--context`` prints them. Exit code 1 when agreement is below --target (0.95).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.quiz.generate import build_quiz  # noqa: E402
from assistant.quiz.rules import quoted_part  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402

TARGET = 0.95


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split()).lower()


def generated(retriever, n: int, seed: int) -> list[dict]:
    quiz = build_quiz(retriever, types=["strength"], n=n, seed=seed)
    by_id = {m.report_id: m for m in retriever.catalog.reports}
    out = []
    for q in quiz.questions:
        c = q.citation
        meta = by_id.get(c.report_id)
        chunk = next(
            (
                ch
                for ch in retriever.report_chunks(c.report_id)
                if ch.page == c.page and q.quote in " ".join(ch.text.split())
            ),
            None,
        )
        rule = q.explanation.split(". ", 1)[1].split(" The report says")[0] if ". " in q.explanation else ""
        out.append(
            {
                "source": c.source,
                "authority": c.local_authority,
                "published": c.published,
                "page": c.page,
                "paragraph": c.paragraph,
                "sentence": quoted_part(q.prompt),
                "key": q.topic.split(":")[1].strip(),
                "evidence": rule,
                "heading": chunk.heading if chunk else "",
                "judgements": {j.area: j.grade for j in meta.judgements} if meta else {},
                "context": " ".join(chunk.text.split()) if chunk else "",
            }
        )
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--truth", default="tests/data/strength_concern_truth.jsonl")
    ap.add_argument("--half", choices=("all", "even", "odd"), default="all")
    ap.add_argument("--dump", help="write the generated keys with their context (JSON lines)")
    ap.add_argument("--context", action="store_true", help="print each key with its context")
    ap.add_argument("--target", type=float, default=TARGET)
    args = ap.parse_args(argv)

    retriever = Retriever.open(index=args.index)
    keys = generated(retriever, args.n, args.seed)
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            for i, k in enumerate(keys):
                f.write(json.dumps({"i": i, **k}, ensure_ascii=False) + "\n")
    if args.context:
        for i, k in enumerate(keys):
            print(f"--- {i} {k['authority']} {k['published']} p{k['page']} [{k['heading']}] {k['judgements']}")
            print(f"KEY {k['key']}: {k['sentence']}\n  CONTEXT: {k['context'][:1200]}")
    truth_path = Path(args.truth)
    if not truth_path.is_file():
        print(f"no truth file at {truth_path}: write it (see --dump)", file=sys.stderr)
        return 2
    truth = {}
    for line in truth_path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            t = json.loads(line)
            truth[(t["source"], _norm(t["sentence"]))] = t
    rows = [(i, k) for i, k in enumerate(keys) if args.half == "all" or (i % 2 == 0) == (args.half == "even")]
    agree = 0
    missing = 0
    by_rule: Counter = Counter()
    by_rule_ok: Counter = Counter()
    wrong = []
    for i, k in rows:
        t = truth.get((k["source"], _norm(k["sentence"])))
        if t is None:
            missing += 1
            continue
        rule = "listed" if "list" in k["evidence"] else k["key"]
        by_rule[rule] += 1
        if t["truth"] == k["key"]:
            agree += 1
            by_rule_ok[rule] += 1
        else:
            wrong.append((i, k, t))
    checked = len(rows) - missing
    share = agree / checked if checked else 0.0
    print(f"index: {args.index}; seed {args.seed}; half: {args.half}")
    print(f"generated keys: {len(rows)}; with a hand-written truth: {checked}; missing from the truth: {missing}")
    print(f"agreement: {agree}/{checked} = {share:.2f} (target {args.target:.2f})")
    for rule in sorted(by_rule):
        print(f"  {rule}: {by_rule_ok[rule]}/{by_rule[rule]}")
    truths = Counter(
        truth[(k["source"], _norm(k["sentence"]))]["truth"]
        for _, k in rows
        if (k["source"], _norm(k["sentence"])) in truth
    )
    print("truth: " + ", ".join(f"{v} {t}" for t, v in sorted(truths.items())))
    for i, k, t in wrong:
        print(
            f"  disagree #{i}: key {k['key']}, truth {t['truth']}: {k['sentence']}\n    reading: {t.get('reading', '')}"
        )
    return 0 if checked and share >= args.target else 1


if __name__ == "__main__":
    sys.exit(main())

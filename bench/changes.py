"""The change tracker against hand-checked truth, and the change report's latency.

    python bench/changes.py --index INDEX [--truth tests/data/change_status_truth.jsonl] [--latency 40] [--json]

Truth: tests/data/change_status_truth.jsonl, 100 statuses of "what needs to improve" items over
40 pairs of consecutive inspections (SIF->ILACS, ILACS->ILACS, ILACS->2026, SIF->SIF,
pre-SIF->SIF), each written by reading both reports (the reading is in the file). Prints the
agreement (overall, by era and by status), the confusion matrix, the "addressed" statuses the
truth contradicts (truth repeated or mixed), and the latency (p50/p95) of a whole change report
(`change_report`) for authorities with two or more indexed inspections.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant.history.changes import STATUSES, Tracker, change_report  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def earlier_meta(retriever, source: str, corpus: Path):
    meta = retriever.catalog.by_source.get(source)
    if meta is not None:
        return meta
    # the earlier report is only needed for its improvement list: read it from the corpus
    from assistant.reports.metadata import extract_metadata
    from assistant.reports.readers import read_pages

    return extract_metadata(read_pages(corpus / source), source=source)


def agreement(retriever, truth: list[dict], corpus: Path) -> dict:
    tracker = Tracker(retriever)
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for t in truth:
        by_pair[(t["earlier"], t["later"])].append(t)
    rows, missing = [], []
    for (e_src, l_src), ts in by_pair.items():
        later = retriever.catalog.by_source.get(l_src)
        if later is None:
            missing.append(l_src)
            continue
        earlier = earlier_meta(retriever, e_src, corpus)
        statuses = tracker.track(earlier, later)
        for t in ts:
            got = statuses[t["item_index"]]
            assert got.item.text == t["item"], (got.item.text, t["item"])
            rows.append(
                {**t, "predicted": got.status, "reason": got.reason, "evidence": [s.cited.quote for s in got.evidence]}
            )
    n = len(rows)
    agree = sum(r["predicted"] == r["status"] for r in rows)
    contradicted = [r for r in rows if r["predicted"] == "addressed" and r["status"] in ("repeated", "mixed")]
    by_era = defaultdict(lambda: [0, 0])
    by_status = defaultdict(lambda: [0, 0])
    for r in rows:
        by_era[r["era"]][0] += r["predicted"] == r["status"]
        by_era[r["era"]][1] += 1
        by_status[r["status"]][0] += r["predicted"] == r["status"]
        by_status[r["status"]][1] += 1
    confusion = Counter((r["status"], r["predicted"]) for r in rows)
    return {
        "n": n,
        "pairs": len(by_pair) - len(missing),
        "agreement": agree / n if n else 0.0,
        "by_era": {k: {"agree": a, "n": m, "rate": a / m} for k, (a, m) in sorted(by_era.items())},
        "by_status": {k: {"agree": a, "n": m, "rate": a / m} for k, (a, m) in sorted(by_status.items())},
        "confusion": {f"{t} -> {p}": c for (t, p), c in sorted(confusion.items())},
        "addressed_contradicted": [
            {
                "id": r["id"],
                "authority": r["authority"],
                "item": r["item"][:120],
                "truth": r["status"],
                "reading": r["reading"],
            }
            for r in contradicted
        ],
        "disagreements": [
            {
                "id": r["id"],
                "authority": r["authority"],
                "truth": r["status"],
                "predicted": r["predicted"],
                "item": r["item"][:100],
            }
            for r in rows
            if r["predicted"] != r["status"]
        ],
        "missing_reports": missing,
    }


def latency(retriever, count: int, seed: int = 0) -> dict:
    catalog = retriever.catalog
    names = [a for a in catalog.authorities if len(catalog.history(a)) >= 2]
    random.Random(seed).shuffle(names)
    names = names[:count]
    if not names:
        return {"n": 0}
    change_report(retriever, names[0])  # model and snapshot load once, not measured
    times, cpu = [], []
    for a in names:
        t, c = time.perf_counter(), time.process_time()
        change_report(retriever, a)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    times.sort()
    cpu.sort()

    def p95(xs):
        return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]

    return {
        "n": len(times),
        "p50_s": statistics.median(times),
        "p95_s": p95(times),
        "max_s": times[-1],
        "cpu_p50_s": statistics.median(cpu),
        "cpu_p95_s": p95(cpu),
        "load_average": os.getloadavg()[0],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--truth", default=str(ROOT / "tests" / "data" / "change_status_truth.jsonl"))
    ap.add_argument(
        "--corpus", default=os.environ.get("CORPUS_MIRROR") or str(ROOT.parent / "shared" / "ofsted-reports")
    )
    ap.add_argument("--latency", type=int, default=40, help="authorities timed (0: skip)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    settings = Settings.from_env(index_path=args.index, chroma_host="")
    retriever = Retriever.open(settings=settings)
    truth = [json.loads(line) for line in Path(args.truth).read_text(encoding="utf-8").splitlines() if line.strip()]
    result = {"agreement": agreement(retriever, truth, Path(args.corpus))}
    if args.latency:
        result["latency"] = latency(retriever, args.latency)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    a = result["agreement"]
    print(f"statuses: {a['n']} over {a['pairs']} pairs; agreement {a['agreement']:.3f} (target >= 0.85)")
    for k, v in a["by_era"].items():
        print(f"  {k:<16} {v['agree']:>3}/{v['n']:<3} {v['rate']:.2f}")
    for k in STATUSES:
        if k in a["by_status"]:
            v = a["by_status"][k]
            print(f"  truth {k:<14} {v['agree']:>3}/{v['n']:<3} {v['rate']:.2f}")
    print("confusion (truth -> predicted): " + "; ".join(f"{k}: {v}" for k, v in a["confusion"].items()))
    print(f"'addressed' contradicted by the later report (truth repeated or mixed): {len(a['addressed_contradicted'])}")
    for r in a["addressed_contradicted"]:
        print(f"  #{r['id']} {r['authority']}: {r['item']} (truth {r['truth']}: {r['reading']})")
    if a["missing_reports"]:
        print(f"later reports not in the index: {len(a['missing_reports'])}")
    if "latency" in result and result["latency"]["n"]:
        lt = result["latency"]
        print(
            f"change report latency over {lt['n']} authorities: p50 {lt['p50_s']:.2f} s, p95 {lt['p95_s']:.2f} s, "
            f"max {lt['max_s']:.2f} s (target p95 <= 2 s); CPU time of the process p50 {lt['cpu_p50_s']:.2f} s, "
            f"p95 {lt['cpu_p95_s']:.2f} s; load average {lt['load_average']:.1f} on {os.cpu_count()} cores"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

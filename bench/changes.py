"""The change tracker against hand-checked truth, and the change report's latency.

    python bench/changes.py --index INDEX [--truth tests/data/change_status_truth.jsonl] [--latency 40]
                            [--baseline REV] [--json]

Truth: tests/data/change_status_truth.jsonl, 100 statuses of "what needs to improve" items over
40 pairs of consecutive inspections (SIF->ILACS, ILACS->ILACS, ILACS->2026, SIF->SIF,
pre-SIF->SIF), each written by reading both reports (the reading is in the file). Prints the
agreement (overall, by era and by status), the confusion matrix, the "addressed" statuses the
truth contradicts (truth repeated or mixed), and the latency (p50/p95) of a whole change report
(`change_report`) for authorities with two or more indexed inspections. With --baseline REV
the change report of the code at git revision REV (assistant/history/changes.py as it was
then) is timed in the same run, authority by authority, alternating with the current code, and
its agreement on the truth is measured too; the ratios are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
import types
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


def _load_at(rev: str, path: str, name: str, replace: tuple[str, str] = ("", "")) -> types.ModuleType | None:
    """The module at path as it was at git revision rev, loaded as assistant.history.<name>
    beside the current code (its other relative imports resolve in the current package)."""
    shown = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{path}"], capture_output=True, text=True)
    if shown.returncode:
        return None
    source = shown.stdout.replace(*replace) if replace[0] else shown.stdout
    module = types.ModuleType(f"assistant.history.{name}")
    module.__package__ = "assistant.history"
    module.__file__ = f"{rev}:{path}"
    sys.modules[module.__name__] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module


def baseline_module(rev: str) -> types.ModuleType:
    """assistant/history/changes.py as it was at git revision rev, with the tracker of that
    revision (history/tracker.py, when it existed), so that neither shares code or caches with
    the current tracker."""
    tracker = _load_at(rev, "assistant/history/tracker.py", "_baseline_tracker")
    replace = ("from .tracker import", "from ._baseline_tracker import") if tracker else ("", "")
    return _load_at(rev, "assistant/history/changes.py", "_baseline_changes", replace)


def _closeness(sentence) -> float:
    """The evidence sentence's closeness (the baseline's sentences carry a cosine instead)."""
    return getattr(sentence, "score", getattr(sentence, "cosine", 0.0))


def _the_item(statuses, t: dict):
    """The tracker's status of the truth's item: at its index when the text is the same; else
    the item whose text the truth's begins with (a list item the truth joined with the next)."""
    text = " ".join(t["item"].split())
    at = statuses[t["item_index"]] if t["item_index"] < len(statuses) else None
    if at is not None and " ".join(at.item.text.split()) == text:
        return at
    return next((s for s in statuses if text.startswith(" ".join(s.item.text.split()))), None)


def agreement(retriever, truth: list[dict], corpus: Path, tracker_class=Tracker) -> dict:
    tracker = tracker_class(retriever)
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for t in truth:
        by_pair[(t["earlier"], t["later"])].append(t)
    rows, missing, unmatched = [], [], []
    for (e_src, l_src), ts in by_pair.items():
        later = retriever.catalog.by_source.get(l_src)
        if later is None:
            missing.append(l_src)
            continue
        earlier = earlier_meta(retriever, e_src, corpus)
        statuses = tracker.track(earlier, later)
        for t in ts:
            got = _the_item(statuses, t)
            if got is None:  # the truth's item is not one the tracker read from the list
                unmatched.append(f"{t['id']} {t['authority']}: {t['item'][:80]}")
                continue
            rows.append(
                {
                    **t,
                    "predicted": got.status,
                    "reason": got.reason,
                    "evidence": [f"{s.polarity} {_closeness(s):.2f}: {s.cited.quote}" for s in got.evidence],
                    "listed_again": got.listed_again.item.text if got.listed_again else "",
                }
            )
    n = len(rows)
    agree = sum(r["predicted"] == r["status"] for r in rows)
    contradicted = [r for r in rows if r["predicted"] == "addressed" and r["status"] in ("repeated", "mixed")]
    by_era = defaultdict(lambda: [0, 0])
    by_status = defaultdict(lambda: [0, 0])
    by_half = defaultdict(lambda: [0, 0])
    for r in rows:
        half = "even ids (thresholds chosen)" if r["id"] % 2 == 0 else "odd ids (held out)"
        by_half[half][0] += r["predicted"] == r["status"]
        by_half[half][1] += 1
        by_era[r["era"]][0] += r["predicted"] == r["status"]
        by_era[r["era"]][1] += 1
        by_status[r["status"]][0] += r["predicted"] == r["status"]
        by_status[r["status"]][1] += 1
    confusion = Counter((r["status"], r["predicted"]) for r in rows)
    return {
        "n": n,
        "pairs": len(by_pair) - len(missing),
        "agreement": agree / n if n else 0.0,
        "by_half": {k: {"agree": a, "n": m, "rate": a / m} for k, (a, m) in sorted(by_half.items())},
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
        "unmatched_items": unmatched,
        "rows": rows,
    }


def _percentiles(times: list[float]) -> dict:
    xs = sorted(times)
    return {
        "p50_s": statistics.median(xs),
        "p95_s": xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))],
        "max_s": xs[-1],
    }


def latency(retriever, count: int, seed: int = 0, baseline=None) -> dict:
    """Wall and CPU time of a whole change report (judgements and tracker) per authority; with
    a baseline module, its change report is timed just before the current one for each
    authority, so that both see the same load."""
    catalog = retriever.catalog
    names = [a for a in catalog.authorities if len(catalog.history(a)) >= 2]
    random.Random(seed).shuffle(names)
    names, warm = names[:count], names[count : count + 1] or names[:1]
    if not names:
        return {"n": 0}
    runs = {"current": change_report}
    if baseline is not None:
        runs = {"baseline": baseline.change_report, **runs}
    for run in runs.values():  # model and snapshot load once, not measured
        run(retriever, warm[0])
    Tracker.clear_cache()  # nothing computed before (truth pairs, warm-up) is reused
    if baseline is not None:
        getattr(baseline.Tracker, "clear_cache", lambda: None)()
    times = {k: [] for k in runs}
    cpu = {k: [] for k in runs}
    for a in names:
        for key, run in runs.items():
            t, c = time.perf_counter(), time.process_time()
            run(retriever, a)
            times[key].append(time.perf_counter() - t)
            cpu[key].append(time.process_time() - c)
    out = {"n": len(names), "load_average": os.getloadavg()[0]}
    for key in runs:
        out[key] = {**_percentiles(times[key]), **{f"cpu_{k}": v for k, v in _percentiles(cpu[key]).items()}}
    if baseline is not None:
        out["ratio_p50"] = out["current"]["p50_s"] / out["baseline"]["p50_s"]
        out["ratio_p95"] = out["current"]["p95_s"] / out["baseline"]["p95_s"]
    return out


def print_agreement(label: str, a: dict) -> None:
    print(f"[{label}] statuses: {a['n']} over {a['pairs']} pairs; agreement {a['agreement']:.3f} (target >= 0.85)")
    for k, v in list(a["by_half"].items()) + list(a["by_era"].items()):
        print(f"  {k:<28} {v['agree']:>3}/{v['n']:<3} {v['rate']:.2f}")
    for k in STATUSES:
        if k in a["by_status"]:
            v = a["by_status"][k]
            print(f"  truth {k:<22} {v['agree']:>3}/{v['n']:<3} {v['rate']:.2f}")
    print("  confusion (truth -> predicted): " + "; ".join(f"{k}: {v}" for k, v in a["confusion"].items()))
    print(
        f"  'addressed' contradicted by the later report (truth repeated or mixed): {len(a['addressed_contradicted'])}"
    )
    for r in a["addressed_contradicted"]:
        print(f"    #{r['id']} {r['authority']}: {r['item']} (truth {r['truth']}: {r['reading']})")
    if a["missing_reports"]:
        print(f"  later reports not in the index: {len(a['missing_reports'])}")
    if a["unmatched_items"]:
        print(
            f"  truth items not found in the earlier report's list as the tracker reads it: {len(a['unmatched_items'])}"
        )
        for u in a["unmatched_items"]:
            print(f"    {u}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", required=True)
    ap.add_argument("--truth", default=str(ROOT / "tests" / "data" / "change_status_truth.jsonl"))
    ap.add_argument(
        "--corpus", default=os.environ.get("CORPUS_MIRROR") or str(ROOT.parent / "shared" / "ofsted-reports")
    )
    ap.add_argument("--latency", type=int, default=40, help="authorities timed (0: skip)")
    ap.add_argument("--baseline", default="", help="git revision whose change report is timed alongside")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    settings = Settings.from_env(index_path=args.index, chroma_host="")
    retriever = Retriever.open(settings=settings)
    truth = [json.loads(line) for line in Path(args.truth).read_text(encoding="utf-8").splitlines() if line.strip()]
    baseline = baseline_module(args.baseline) if args.baseline else None
    result = {"agreement": agreement(retriever, truth, Path(args.corpus))}
    if baseline is not None:
        result["baseline_agreement"] = agreement(retriever, truth, Path(args.corpus), baseline.Tracker)
    if args.latency:
        result["latency"] = latency(retriever, args.latency, baseline=baseline)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    for label, key in (("current", "agreement"), (f"baseline {args.baseline}", "baseline_agreement")):
        if key in result:
            print_agreement(label, result[key])
    if "latency" in result and result["latency"]["n"]:
        lt = result["latency"]
        print(
            f"change report latency over {lt['n']} authorities (target p95 <= 2 s); "
            f"load average {lt['load_average']:.1f} on {os.cpu_count()} cores"
        )
        for key in ("baseline", "current"):
            if key in lt:
                v = lt[key]
                print(
                    f"  {key:<9} wall p50 {v['p50_s']:.2f} s, p95 {v['p95_s']:.2f} s, max {v['max_s']:.2f} s; "
                    f"CPU p50 {v['cpu_p50_s']:.2f} s, p95 {v['cpu_p95_s']:.2f} s"
                )
        if "ratio_p50" in lt:
            print(f"  current / baseline: p50 x{lt['ratio_p50']:.2f}, p95 x{lt['ratio_p95']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Evaluation on a question file in the shared format:
{"id", "type", "question", "report", "pages", "answer_any", ...} per line.

Retrieval: report_hit@k, page_hit@k, MRR and nDCG@10 (ranx), by question type, with
latency p50/p95. Answers: see evaluate_answers.
"""
from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Iterable

import numpy as np


def load_questions(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _percentiles(ms: list[float]) -> dict:
    if not ms:
        return {"p50_ms": 0.0, "p95_ms": 0.0}
    return {"p50_ms": round(float(np.percentile(ms, 50)), 1), "p95_ms": round(float(np.percentile(ms, 95)), 1)}


def _ranx_scores(qrels: dict, run: dict, metrics: list[str]) -> dict:
    from ranx import Qrels, Run, evaluate

    qids = [q for q in qrels if qrels[q]]
    if not qids:
        return {m: 0.0 for m in metrics}
    run = {q: (run.get(q) or {"__none__": 0.0}) for q in qids}
    scores = evaluate(Qrels({q: qrels[q] for q in qids}), Run(run), metrics, make_comparable=True)
    return {m: round(float(scores[m]), 4) for m in metrics} if isinstance(scores, dict) else {metrics[0]: round(float(scores), 4)}


def retrieval_runs(search, questions: Iterable[dict], depth: int = 10):
    """Run each question through search(question) -> [Passage]; return per-question ranked
    report and page ids, and latencies."""
    reports, pages, latency = {}, {}, {}
    for q in questions:
        t = time.perf_counter()
        passages = search(q["question"])[:depth]
        latency[q["id"]] = (time.perf_counter() - t) * 1000
        rep, pag = {}, {}
        for rank, p in enumerate(passages):
            score = float(depth - rank)  # rank order is what counts
            rep.setdefault(p.citation.source, score)
            pag.setdefault(f"{p.citation.source}#{p.citation.page}", score)
        reports[q["id"]], pages[q["id"]] = rep, pag
    return reports, pages, latency


def score_retrieval(questions: list[dict], reports: dict, pages: dict, latency: dict, k: int = 5) -> dict:
    groups: dict[str, list[dict]] = defaultdict(list)
    for q in questions:
        groups["all"].append(q)
        groups[q.get("type", "other")].append(q)
    out = {}
    for name, qs in groups.items():
        ids = [q["id"] for q in qs]
        qrels_r = {q["id"]: {q["report"]: 1} for q in qs if q.get("report")}
        qrels_p = {q["id"]: {f"{q['report']}#{p}": 1 for p in q.get("pages", [])} for q in qs if q.get("report")}
        r = _ranx_scores(qrels_r, {i: reports[i] for i in ids}, [f"hit_rate@{k}", "mrr"])
        p = _ranx_scores(qrels_p, {i: pages[i] for i in ids}, [f"hit_rate@{k}", "mrr", "ndcg@10"])
        out[name] = {"n": len(qs), f"report_hit@{k}": r[f"hit_rate@{k}"], "report_mrr": r["mrr"],
                     f"page_hit@{k}": p[f"hit_rate@{k}"], "page_mrr": p["mrr"], "page_ndcg@10": p["ndcg@10"],
                     **_percentiles([latency[i] for i in ids])}
    return out


def evaluate_retrieval(retriever, questions: list[dict], k: int = 5) -> dict:
    reports, pages, latency = retrieval_runs(lambda text: retriever.search(text, k=max(k, 10)), questions)
    return score_retrieval(questions, reports, pages, latency, k)


def format_table(results: dict) -> str:
    if not results:
        return "(no questions)"
    cols = [c for c in next(iter(results.values())) if c != "n"]
    lines = ["group".ljust(20) + "n".rjust(5) + "".join(c.rjust(16) for c in cols)]
    for name, row in results.items():
        lines.append(name.ljust(20) + str(row["n"]).rjust(5) + "".join(f"{row[c]:>16}" for c in cols))
    return "\n".join(lines)

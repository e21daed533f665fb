"""Evaluation on a question file in the shared format:
{"id", "type", "question", "report", "pages", "answer_any", ...} per line.

Retrieval: report_hit@k, page_hit@k, MRR and nDCG@10 (ranx), by question type, with
latency p50/p95. Answers: see evaluate_answers.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

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
    return (
        {m: round(float(scores[m]), 4) for m in metrics}
        if isinstance(scores, dict)
        else {metrics[0]: round(float(scores), 4)}
    )


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
        out[name] = {
            "n": len(qs),
            f"report_hit@{k}": r[f"hit_rate@{k}"],
            "report_mrr": r["mrr"],
            f"page_hit@{k}": p[f"hit_rate@{k}"],
            "page_mrr": p["mrr"],
            "page_ndcg@10": p["ndcg@10"],
            **_percentiles([latency[i] for i in ids]),
        }
    return out


def evaluate_retrieval(retriever, questions: list[dict], k: int = 5) -> dict:
    reports, pages, latency = retrieval_runs(lambda text: retriever.search(text, k=max(k, 10)), questions)
    return score_retrieval(questions, reports, pages, latency, k)


def format_table(results: dict) -> str:
    results = {k: v for k, v in results.items() if not k.startswith("_")}
    if not results:
        return "(no questions)"
    cols = [c for c in next(iter(results.values())) if c != "n"]
    lines = ["group".ljust(20) + "n".rjust(5) + "".join(c.rjust(16) for c in cols)]
    for name, row in results.items():
        lines.append(name.ljust(20) + str(row["n"]).rjust(5) + "".join(f"{row[c]:>16}" for c in cols))
    return "\n".join(lines)


class PageTexts:
    """Page text of indexed reports, read on demand (to check quotes are verbatim)."""

    def __init__(self, catalog):
        self.catalog = catalog
        self._pages: dict[str, list[str]] = {}

    def page(self, source: str, number: int) -> tuple[str, str]:
        from .reports.readers import read_pages

        if source not in self._pages:
            meta = self.catalog.by_source.get(source)
            try:
                self._pages[source] = [p.text for p in read_pages(meta.path)] if meta and meta.path else []
            except Exception:  # noqa: BLE001 - a moved file counts as unverifiable
                self._pages[source] = []
        pages = self._pages[source]
        here = pages[number - 1] if 0 < number <= len(pages) else ""
        nxt = pages[number] if 0 < number < len(pages) else ""
        return here, nxt


GRADES = ("outstanding", "good", "requires improvement", "inadequate")


def states(text: str, expected: str) -> bool:
    """Whether the answer text states `expected`. A grade counts only as a judgement:
    "requires improvement to be good" does not state "good"."""
    text, expected = " ".join(text.lower().split()), " ".join(expected.lower().split())
    if expected not in GRADES:
        return expected in text
    for m in re.finditer(r"\b" + re.escape(expected) + r"\b", text):
        if expected == "good" and text[: m.start()].endswith("to be "):
            continue
        return True
    return False


def grade_answer(q: dict, a) -> dict:
    """One question's marks. A question may give `answer_any` (one must be stated),
    `answer_all` (all must be), `yes_no` (the answer's first word), `reports` (all must be
    cited) and `answerable` (false: the answer must abstain)."""
    answerable = q.get("answerable", bool(q.get("report")))
    if not answerable:
        return {"answerable": False, "correct": a.abstained, "cited_report": True, "cited_page": True}
    text = a.text
    any_ = [s for s in q.get("answer_any", []) if s]
    all_ = [s for s in q.get("answer_all", []) if s]
    correct = (
        not a.abstained and (not any_ or any(states(text, s) for s in any_)) and all(states(text, s) for s in all_)
    )
    if q.get("yes_no"):
        correct = correct and text.strip().lower().startswith(q["yes_no"].lower())
    cited = {c.passage.citation.source for c in a.citations}
    reports = q.get("reports") or ([q["report"]] if q.get("report") else [])
    cited_report = all(r in cited for r in reports)
    cited_page = cited_report and (
        not q.get("pages")
        or any(
            c.passage.citation.source == q.get("report") and c.passage.citation.page in q["pages"] for c in a.citations
        )
    )
    return {"answerable": True, "correct": correct, "cited_report": cited_report, "cited_page": cited_page}


def evaluate_answers(assistant, questions: list[dict], by: str = "type") -> dict:
    """Per group (the `by` field: type, or kind for the paraphrase sets): correct, cites the
    expected report(s) and page, correct-and-cited, verbatim quotes, abstention accuracy,
    latency. A question's `history` (earlier questions) is asked first, as a conversation."""
    from .answering.quotes import on_page

    pages = PageTexts(assistant.retriever.catalog)
    rows = []
    for q in questions:
        history = []
        for past in q.get("history", []):
            history.append((past, assistant.ask(past, history=list(history)).text))
        t = time.perf_counter()
        a = assistant.ask(q["question"], history=history)
        ms = (time.perf_counter() - t) * 1000
        marks = grade_answer(q, a)
        verbatim = [
            on_page(c.quote, *pages.page(c.passage.citation.source, c.passage.citation.page)) for c in a.citations
        ]
        group = q.get(by) or q.get("type", "other")
        if by == "type" and not marks["answerable"]:
            group = "unanswerable"
        rows.append(
            {
                "group": group,
                "ms": ms,
                **marks,
                "abstained": a.abstained,
                "verbatim_ok": sum(verbatim),
                "quotes": len(verbatim),
                "id": q.get("id"),
            }
        )
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        groups["all"].append(r)
        groups[r["group"]].append(r)
    out = {}
    for name, rs in groups.items():
        ans = [r for r in rs if r["answerable"]]
        quotes = sum(r["quotes"] for r in rs)

        def share(key, rs=ans):
            return round(sum(bool(r[key]) for r in rs) / len(rs), 4) if rs else 0.0

        out[name] = {
            "n": len(rs),
            "correct": share("correct"),
            "cites_report": share("cited_report"),
            "cites_page": share("cited_page"),
            "correct_and_cited": round(sum(r["correct"] and r["cited_page"] for r in ans) / len(ans), 4)
            if ans
            else 0.0,
            "verbatim": round(sum(r["verbatim_ok"] for r in rs) / quotes, 4) if quotes else 1.0,
            "abstention_acc": round(sum(r["abstained"] != r["answerable"] for r in rs) / len(rs), 4),
            **_percentiles([r["ms"] for r in rs]),
        }
    out["_failures"] = [r["id"] for r in rows if not (r["correct"] and r["cited_page"])][:80]
    return out


def covered_by(questions: list[dict], indexed_sources: set[str], manifest_rows: list[dict]) -> list[dict]:
    """The questions an index can answer as the whole corpus would: unanswerable ones, and
    those whose authorities have every readable report of the manifest indexed (so "latest",
    "previous" and changes mean the same) and whose cited reports are indexed. Questions with
    no authority (national aggregates) need the whole corpus."""
    by_authority: dict[str, set[str]] = {}
    for row in manifest_rows:
        by_authority.setdefault(row["local_authority"].lower(), set()).add(row["path"])
    out = []
    for q in questions:
        if not q.get("answerable", bool(q.get("report"))):
            out.append(q)
            continue
        authorities = [
            a.lower() for a in q.get("authorities") or ([q["local_authority"]] if q.get("local_authority") else [])
        ]
        wanted = set(q.get("reports") or ([q["report"]] if q.get("report") else []))
        complete = all(by_authority.get(a, {None}) - BROKEN_SOURCES <= indexed_sources for a in authorities)
        if authorities and complete and wanted <= indexed_sources:
            out.append(q)
    return out


# The shared corpus's HTML pages saved as .pdf: never indexed, so not needed for coverage.
BROKEN_SOURCES = frozenset(
    {
        "80429_birmingham/children's services inspection - 19 october 2012.pdf",
        "80431_blackpool/children's services inspection - 13 july 2012.pdf",
        "80490_bromley/children's services inspection - 17 august 2012.pdf",
        "80543_rotherham/children's services inspection - 10 august 2012.pdf",
    }
)

"""Metadata extraction over the whole shared corpus (slow: parses every report once).

Checks (a) the dev questions' truths (overall / sub judgements, lead inspector, what needs
to improve) and (b) that every extracted judgement stands in its page's text: the grade
follows the label. Prints accuracy per framework; run with ``-s`` to see it.

The corpus is found through $CORPUS_MIRROR or ``../shared/ofsted-reports`` from the
project root; the test is skipped when neither exists.
"""

from __future__ import annotations

import collections
import csv
import json
import re
from pathlib import Path

import pytest

from assistant.errors import ReportReadError
from assistant.records import Page, ReportMeta
from assistant.reports.metadata import extract_metadata
from assistant.reports.readers import read_pages

pytestmark = pytest.mark.corpus

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ILACS_ERA = ("ILACS", "2026")
SUB_AREAS = {
    "care_leavers_grade": "care_leavers",
    "impact_of_leaders_grade": "leaders",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "children_in_care",
}
SIF_AREAS = ("overall", "leaders", "help_and_protection", "children_in_care", "adoption", "care_leavers")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\uf06e", "")).strip().lower()


@pytest.fixture(scope="module")
def corpus(corpus_dir) -> Path:
    return corpus_dir


@pytest.fixture(scope="module")
def parsed(corpus: Path) -> dict[str, tuple[list[Page], ReportMeta]]:
    """Every readable report: relative path -> (pages, metadata). Unreadable ones are listed under ''."""
    rows = list(csv.DictReader(open(corpus / "manifest.csv", encoding="utf-8")))
    out: dict = {}
    unreadable = []
    for row in rows:
        try:
            pages = read_pages(corpus / row["path"])
        except ReportReadError as e:
            unreadable.append(e)
            continue
        defaults = {
            "local_authority": row["local_authority"],
            "published": row["publication_date"],
            "url": row["url"],
            "urn": row["urn"],
            "sha256": row["sha256"],
        }
        meta = extract_metadata(pages, source=row["path"], report_id=row["path"], defaults=defaults)
        out[row["path"]] = (pages, meta)
    out[""] = unreadable
    return out


def _reports(parsed) -> dict[str, tuple[list[Page], ReportMeta]]:
    return {k: v for k, v in parsed.items() if k}


def test_only_the_html_pages_are_unreadable(parsed):
    unreadable = parsed[""]
    assert len(unreadable) <= 4
    assert all("HTML" in e.reason for e in unreadable), [str(e) for e in unreadable]


def _answers(meta: ReportMeta, question: dict) -> bool:
    kind = question["type"]
    wanted = [_norm(a) for a in question["answer_any"]]
    if kind == "overall_judgement":
        got = meta.overall.grade if meta.overall else ""
        return bool(got) and any(a in got for a in wanted)
    if kind == "sub_judgement":
        j = meta.judgement(SUB_AREAS[question["id"].split(":")[0]])
        return bool(j) and any(a in j.grade for a in wanted)
    if kind == "lead_inspector":
        return bool(meta.lead_inspector) and any(a in meta.lead_inspector.lower() for a in wanted)
    if kind == "needs_to_improve":
        return any(a in _norm(i.text) for a in wanted for i in meta.improvements)
    return False


def test_dev_questions(parsed, corpus):
    questions_path = corpus.parent / "eval" / "dev_questions.jsonl"
    if not questions_path.exists():
        pytest.skip(f"no dev questions at {questions_path}")
    questions = [json.loads(ln) for ln in questions_path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    reports = _reports(parsed)
    right, total = collections.Counter(), collections.Counter()
    failures = []
    for q in questions:
        pages_meta = reports.get(q["report"])
        assert pages_meta, f"report of {q['id']} not parsed"
        meta = pages_meta[1]
        key = (meta.framework, q["type"])
        total[key] += 1
        if _answers(meta, q):
            right[key] += 1
        else:
            failures.append(q["id"])
    print("\nDev questions, by framework and type:")
    for key in sorted(total):
        print(f"  {key[0]:>7} {key[1]:<18} {right[key]}/{total[key]}")
    ilacs_failures = [f for f in failures if reports[f.split(":", 1)[1]][1].framework in ILACS_ERA]
    assert not ilacs_failures, ilacs_failures


def _grade_pattern(grade: str) -> str:
    return r"\s+".join("requires?" if w == "requires" else re.escape(w) for w in grade.split())


def _grounded(pages: list[Page], meta: ReportMeta, judgement) -> bool:
    """The judgement's label stands on its page with the grade shortly after it."""
    page = next((p for p in pages if p.number == judgement.page), None)
    if page is None:
        return False
    flat = re.sub(r"\s+", " ", page.text)
    label = r"\s+".join(re.escape(w) for w in judgement.label.split())
    pattern = rf"{label}.{{0,40}}?\b{_grade_pattern(judgement.grade)}\b"
    return re.search(pattern, flat, re.I) is not None


def test_judgements_stand_in_the_text(parsed):
    grounded, total = collections.Counter(), collections.Counter()
    ungrounded = []
    for path, (pages, meta) in _reports(parsed).items():
        for j in meta.judgements:
            total[meta.framework] += 1
            if _grounded(pages, meta, j):
                grounded[meta.framework] += 1
            else:
                ungrounded.append((path, j))
    print("\nJudgements whose grade follows the label on the page:")
    for fw in sorted(total):
        print(f"  {fw or '(none)':>7} {grounded[fw]}/{total[fw]}")
    assert not ungrounded, ungrounded[:5]


def test_sif_judgements_found(parsed):
    found = expected = 0
    for _pages, meta in _reports(parsed).values():
        if meta.framework != "SIF" or meta.title.startswith("Review of"):  # LSCB-only reviews
            continue
        expected += len(SIF_AREAS)
        found += sum(1 for a in SIF_AREAS if meta.judgement(a))
    print(f"\nSIF judgements found: {found}/{expected}")
    assert expected and found / expected >= 0.95


def test_fields_per_framework(parsed):
    """Most reports yield every field; print the share per framework and field."""
    fields = {
        "title": lambda m: bool(m.title),
        "inspection_end": lambda m: bool(m.inspection_end),
        "lead_inspector": lambda m: bool(m.lead_inspector),
        "overall": lambda m: bool(m.overall),
        "judgements": lambda m: len(m.judgements) >= 4,
        "improvements": lambda m: bool(m.improvements),
    }
    by_fw: dict[str, list[ReportMeta]] = collections.defaultdict(list)
    for _, meta in _reports(parsed).values():
        by_fw[meta.framework].append(meta)
    print("\nFields found, by framework:")
    for fw, metas in sorted(by_fw.items()):
        shares = {name: sum(map(check, metas)) for name, check in fields.items()}
        print(
            f"  {fw or '(none)':>7} ({len(metas)} reports): "
            + ", ".join(f"{name} {n}/{len(metas)}" for name, n in shares.items())
        )
    ilacs = by_fw["ILACS"] + by_fw["2026"]
    assert len(ilacs) > 250
    for name in ("title", "inspection_end", "judgements"):
        assert all(fields[name](m) for m in ilacs), name
    for name in ("lead_inspector", "improvements"):  # a few reports genuinely lack them
        assert sum(map(fields[name], ilacs)) / len(ilacs) >= 0.98, name
    assert all(m.pages > 0 and m.local_authority for m in ilacs)

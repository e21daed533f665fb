"""What changed between two inspections of an authority: the judgements area by area, and a
tracker of the earlier report's "what needs to improve" items against the later report.

For each earlier item the status comes from evidence that is shown with it:

- the later report's own improvement list: an item that says the same (embedding cosine
  >= LISTED_COSINE, or >= LISTED_COSINE_WITH_WORDS with a share of shared keywords) means the
  matter is **repeated**;
- the later report's passages on the same matter: a hybrid search (dense + BM25) restricted
  to the later report, then the sentences of the top passages that are close enough to the
  item (cosine >= CLOSE_COSINE, or >= CLOSE_COSINE_WITH_WORDS with shared keywords), each
  read for its wording: positive ("improved", "effective", "timely"...), negative ("not",
  "too many", "inconsistent", "delays"...), or both in contrasting clauses.

Status: repeated (listed again, or only criticised), addressed (only positive wording and not
listed again), mixed (positive and negative), not mentioned (no sentence close enough: said
so, never guessed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from ..answering.facts import BULLET, Draft, Facts, human_date
from ..answering.quotes import collapse, loose_pattern
from ..chunking import split_sentences
from ..errors import AssistantError
from ..keyword import tokenize
from ..records import Improvement, Passage, ReportMeta
from ..retrieval import CANDIDATES, RRF_K
from ..wording import polarity  # the wording cues, shared with the quiz (re-exported)
from .timeline import AREA_LABELS, AREAS, FRAMEWORKS, Cited, Inspection, JudgementPoint, inspection, resolve_authority

LISTED_COSINE = 0.6
LISTED_COSINE_WITH_WORDS = 0.45  # ... and at least LISTED_DISTINCT distinctive keywords shared
LISTED_DISTINCT = 2
# a sentence of the later report is close to an item when its embedding cosine to the item is
# high, or fairly high and it shares a distinctive keyword (not a word every report uses)
CLOSE_COSINE = 0.55
CLOSE_COSINE_WITH_WORDS = 0.45
CLOSE_DISTINCT = 1
PASSAGES_PER_ITEM = 6
SENTENCES_PER_ITEM = 4  # candidate sentences embedded per item (most shared distinctive keywords first)
READ = 3  # close sentences whose wording decides the status ...
WIDE = 5  # ... and how far a critical one makes an otherwise positive item mixed
EVIDENCE_SHOWN = 3
STATUSES = ("repeated", "addressed", "mixed", "not mentioned")

GENERIC = frozenset(
    tokenize(
        "children child young people person care leaver leavers ensure improve improvement quality social work worker workers "
        "practice service services effective effectively consistent consistently timely timeliness local authority authorities "
        "partner partners plan plans planning support supported need needs risk risks assess assessment assessments manager "
        "managers management all their family families help appropriate appropriately including range across within use "
        "make made provide provision good better sufficient sufficiently response respond responses impact level levels"
    )
)
# not findings: the later report's own recommendations (imperatives), the national-framework
# note of 2026 reports, the judgement table, the cover page
_NOT_EVIDENCE = re.compile(
    r"cross-referenced with the outcomes|Judgement grade|inspection dates|lead inspector|"
    r"^(Ensure|Improve|Strengthen|Develop|Increase|Review|Continue|Take action|Align|Provide|Reduce|"
    r"Establish|Embed|Work with|Undertake|Implement)\b",
    re.I,
)
_LEAD_VERBS = re.compile(
    r"^(ensure|ensuring|improve|improving|strengthen|develop|increase|the|that|to|take action to)\s+", re.I
)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the later report close to an earlier item, with its wording read."""

    cited: Cited
    cosine: float
    overlap: float
    polarity: str  # "positive" | "negative" | "both" | "neutral"


@dataclass(frozen=True)
class ListedAgain:
    item: Improvement
    cited: Cited | None
    cosine: float
    overlap: float


@dataclass(frozen=True)
class ItemStatus:
    item: Improvement
    cited: Cited | None  # the item in the earlier report
    status: str
    reason: str  # how the status was decided, in words
    listed_again: ListedAgain | None = None
    evidence: tuple[Sentence, ...] = ()


@dataclass(frozen=True)
class JudgementChange:
    area: str
    before: JudgementPoint | None
    after: JudgementPoint | None
    direction: str  # "up" | "down" | "same" | "not comparable"
    note: str = ""


@dataclass(frozen=True)
class ChangeReport:
    authority: str
    earlier: Inspection
    later: Inspection
    judgements: tuple[JudgementChange, ...]
    items: tuple[ItemStatus, ...]
    notes: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        out = {s: 0 for s in STATUSES}
        for i in self.items:
            out[i.status] += 1
        return out


# -- choosing the two inspections ----------------------------------------------------------------
def _bound(date: str | None, end: bool) -> str:
    date = (date or "").strip()
    if not date:
        return ""
    if len(date) == 4:
        return f"{date}-12-31" if end else f"{date}-01-01"
    if len(date) == 7:
        return f"{date}-31" if end else f"{date}-01"
    return date


def choose_pair(
    reports: list[ReportMeta], date_from: str | None = None, date_to: str | None = None
) -> tuple[ReportMeta, ReportMeta]:
    """The earlier and later inspection: by default the last two; with date_from the first
    published on or after it, with date_to the last published on or before it."""
    lo, hi = _bound(date_from, False), _bound(date_to, True)
    dated = [r for r in reports if r.published]
    later_pool = [r for r in dated if not hi or r.published <= hi]
    if not later_pool:
        raise AssistantError(
            f"no report published by {date_to}: its reports were published " + ", ".join(r.published for r in dated)
        )
    later = later_pool[-1]
    earlier_pool = [r for r in dated if r.published < later.published and (not lo or r.published >= lo)]
    if not earlier_pool and lo:  # "since 2016" with no report in 2016: the last one before
        earlier_pool = [r for r in dated if r.published < later.published][-1:]
    if not earlier_pool:
        name = reports[0].local_authority if reports else "this authority"
        raise AssistantError(
            f"{name} has only one indexed inspection in that period "
            f"(published {later.published}): there is nothing to compare it with"
        )
    return (earlier_pool[0] if lo else earlier_pool[-1]), later


# -- judgements ----------------------------------------------------------------------------------
def judgement_changes(earlier: Inspection, later: Inspection) -> tuple[JudgementChange, ...]:
    out = []
    for area, _label in AREAS:
        before, after = earlier.judgement(area), later.judgement(area)
        note = ""
        if area == "care_leavers":
            if before is None and (cic := earlier.judgement("children_in_care")) and cic.combined:
                before, note = cic, "the earlier report graded children in care and care leavers together"
            if after is None and (cic := later.judgement("children_in_care")) and cic.combined:
                after, note = cic, "the later report graded children in care and care leavers together"
        if before is None and after is None:
            continue
        if before is None or after is None:
            missing = earlier if before is None else later
            if area == "overall" and missing.meta.framework == "2026":
                note = "no overall grade: the 2026 framework grades the areas only"
            else:
                note = f"not graded in the {'earlier' if before is None else 'later'} report ({FRAMEWORKS.get(missing.meta.framework, missing.meta.framework)})"
            out.append(JudgementChange(area, before, after, "not comparable", note))
            continue
        if before.rank is None or after.rank is None:
            out.append(JudgementChange(area, before, after, "not comparable", "a grade outside the four-point scale"))
            continue
        if earlier.meta.framework != later.meta.framework:
            fw = f"framework changed ({earlier.meta.framework} then {later.meta.framework})"
            if area != "overall" and before.label.lower() != after.label.lower():
                fw += f": “{before.label}” then “{after.label}”"
            note = (note + "; " if note else "") + fw
        direction = "up" if after.rank > before.rank else "down" if after.rank < before.rank else "same"
        out.append(JudgementChange(area, before, after, direction, note))
    return tuple(out)


# -- the tracker -----------------------------------------------------------------------------------
_SENT_LEAD = re.compile(r"^(?:\d{1,3}\.\s*(?=[A-Z‘“(])|[◼\uf06e•▪■●\uf0b7\uf0a7\uf0d8]\s*)")
_PARA_START = re.compile(r"\s(?=\d{1,3}\.\s?[A-Z‘“(])")  # a numbered paragraph starting mid-line


def candidate_sentences(passage: Passage) -> list[str]:
    """The passage's whole sentences (40-450 characters), verbatim, without paragraph numbers
    or bullets."""
    out = []
    for line in passage.text.split("\n"):
        for s in (s for part in _PARA_START.split(line) for s in split_sentences(part)):
            s = _SENT_LEAD.sub("", s).strip()
            if 40 <= len(s) <= 450 and s.endswith((".", "?", "!", ")", "’", "”", ";")):
                out.append(s)
    return out


def _keywords(text: str) -> set[str]:
    return set(tokenize(text))


def _overlap(item_words: set[str], text: str) -> float:
    return len(item_words & _keywords(text)) / len(item_words) if item_words else 0.0


def _query_text(item: str, max_words: int = 60) -> str:
    text = re.sub(r"\(.*?national framework\)", "", item, flags=re.I)
    text = _LEAD_VERBS.sub("", text.strip())
    return " ".join(text.split()[:max_words])


class Tracker:
    """Matches earlier items to the later report. One batch embeds every item of both lists;
    the later report's passages are searched with the retriever's own snapshot (stored chunk
    vectors + BM25, fused by reciprocal rank), so no passage is embedded again."""

    def __init__(self, retriever):
        self.retriever = retriever
        self.facts = Facts(retriever)
        self.embedder = retriever.embedder

    def cite_item(self, meta: ReportMeta, item: Improvement) -> Cited | None:
        words = item.text.split()
        patterns = [BULLET + loose_pattern(" ".join(words[:n])) for n in (len(words), 30, 14, 8) if n <= len(words)]
        found = self.facts.find(meta, item.page, *patterns)
        return Cited(*found) if found else None

    def _search(self, later: ReportMeta, vec: np.ndarray, text: str) -> list[tuple[Passage, float]]:
        """Hybrid search restricted to the later report: (passage, cosine) best first."""
        self.retriever.report_chunks(later.report_id)  # refreshes the snapshot
        snap = self.retriever._snap
        rows = snap.report_rows.get(later.report_id)
        if rows is None or not len(rows):
            return []
        kw = snap.keyword
        rows = rows[~kw.boilerplate[rows]]
        cos = snap.vectors[rows] @ np.asarray(vec, dtype=np.float32)
        bm = kw.scores(text)[rows]
        fused = np.zeros(len(rows))
        for order in (np.argsort(-cos), np.argsort(-bm)):
            for rank, i in enumerate(order[:CANDIDATES]):
                fused[i] += 1.0 / (RRF_K + rank + 1)
        out = []
        for i in np.argsort(-fused)[:PASSAGES_PER_ITEM]:
            c = snap.chunks[rows[i]]
            out.append((Passage(c.text, float(fused[i]), self.retriever.citation(c), c.id), float(cos[i])))
        return out

    def candidates(self, later: ReportMeta, vec: np.ndarray, text: str) -> list[tuple[Passage, str, float, set[str]]]:
        """Sentences of the later report's passages on the item, outside its own improvement
        list, most shared distinctive keywords first: (passage, sentence, passage cosine,
        shared keywords)."""
        words = _keywords(text)
        listed = [collapse(i.text)[:60].lower() for i in later.improvements]
        out, seen = [], set()
        for rank, (passage, cos) in enumerate(self._search(later, vec, text)):
            for s in candidate_sentences(passage):
                low = collapse(s).lower()
                if s in seen or _NOT_EVIDENCE.search(s) or any(x and x in low for x in listed):
                    continue
                seen.add(s)
                out.append((rank, passage, s, cos, words & _keywords(s)))
        out.sort(key=lambda c: (-len(c[4] - GENERIC), -len(c[4]), c[0]))
        return [(p, s, cos, shared) for _, p, s, cos, shared in out[:SENTENCES_PER_ITEM]]

    def track(self, earlier: ReportMeta, later: ReportMeta) -> list[ItemStatus]:
        items, later_items = list(earlier.improvements), list(later.improvements)
        if not items:
            return []
        texts = [_query_text(i.text) for i in items]
        vecs = self.embedder.embed_documents(texts + [_query_text(i.text) for i in later_items])
        item_vecs, later_vecs = vecs[: len(items)], vecs[len(items) :]
        pools = [self.candidates(later, v, t) for v, t in zip(item_vecs, texts)]
        unique = list(dict.fromkeys(s for pool in pools for _, s, _, _ in pool))  # each sentence embedded once
        row = {s: i for i, s in enumerate(unique)}
        sent_vecs = self.embedder.embed_documents(unique) if unique else np.zeros((0, vecs.shape[1]))
        out = []
        for item, text, vec, pool in zip(items, texts, item_vecs, pools):
            sims = sent_vecs[[row[s] for _, s, _, _ in pool]] @ vec if pool else np.zeros(0)
            words = _keywords(text)
            close = []
            for (passage, s, _, shared), cos in zip(pool, sims):
                distinct = shared - GENERIC
                if cos >= CLOSE_COSINE or (cos >= CLOSE_COSINE_WITH_WORDS and len(distinct) >= CLOSE_DISTINCT):
                    close.append(
                        Sentence(Cited(passage, s), float(cos), len(shared) / len(words) if words else 0.0, polarity(s))
                    )
            close.sort(key=lambda x: -x.cosine)
            listed = self._listed_again(later, item, vec, later_items, later_vecs)
            out.append(self._status(earlier, item, listed, close))
        return out

    def _listed_again(self, later: ReportMeta, item: Improvement, vec, later_items, later_vecs) -> ListedAgain | None:
        if not later_items:
            return None
        sims = later_vecs @ vec
        words = _keywords(_query_text(item.text))
        best = None
        for li, cos in zip(later_items, sims):
            lw = _keywords(_query_text(li.text))
            distinct = (words & lw) - GENERIC
            shared = len(words & lw) / min(len(words), len(lw)) if words and lw else 0.0
            if cos >= LISTED_COSINE or (cos >= LISTED_COSINE_WITH_WORDS and len(distinct) >= LISTED_DISTINCT):
                if best is None or cos > best.cosine:
                    best = ListedAgain(li, None, float(cos), shared)
        if best is None:
            return None
        return ListedAgain(best.item, self.cite_item(later, best.item), best.cosine, best.overlap)

    def _status(
        self, earlier: ReportMeta, item: Improvement, listed: ListedAgain | None, close: list[Sentence]
    ) -> ItemStatus:
        cited = self.cite_item(earlier, item)
        shown = tuple(close[:EVIDENCE_SHOWN])
        kinds = {s.polarity for s in close[:READ]}
        pos = bool(kinds & {"positive", "both"})
        neg = bool(kinds & {"negative", "both"})
        if pos and not neg and any(s.polarity in ("negative", "both") for s in close[:WIDE]):
            neg = True
            shown = tuple(close[:WIDE])
        if listed is not None:
            return ItemStatus(
                item,
                cited,
                "repeated",
                f"the later report lists it again as needing to improve (similarity {listed.cosine:.2f})",
                listed,
                shown,
            )
        if not close:
            return ItemStatus(item, cited, "not mentioned", "nothing in the later report is close enough to this item")
        if pos and neg:
            return ItemStatus(
                item, cited, "mixed", "the later report's passages on it are both positive and critical", None, shown
            )
        if pos:
            return ItemStatus(
                item,
                cited,
                "addressed",
                "the later report speaks of it positively and does not list it again",
                None,
                shown,
            )
        if neg:
            return ItemStatus(
                item,
                cited,
                "repeated",
                "not listed again, but the later report's passages on it are critical",
                None,
                shown,
            )
        return ItemStatus(
            item, cited, "mixed", "the later report mentions it without a clear judgement either way", None, shown
        )


def change_report(retriever, authority: str, date_from: str | None = None, date_to: str | None = None) -> ChangeReport:
    reports = resolve_authority(retriever, authority)
    before, after = choose_pair(reports, date_from, date_to)
    facts = Facts(retriever)
    earlier, later = inspection(facts, before), inspection(facts, after)
    items = Tracker(retriever).track(before, after)
    notes = []
    if not before.improvements:
        notes.append(f"No “what needs to improve” list was found in the earlier report (published {before.published}).")
    skipped = sum(1 for i in items if i.cited is None)
    if skipped:
        notes.append(
            f"{skipped} improvement item(s) could not be located verbatim in the earlier report and are left out."
        )
    items = [i for i in items if i.cited is not None]
    return ChangeReport(
        before.local_authority, earlier, later, judgement_changes(earlier, later), tuple(items), tuple(notes)
    )


# -- as an answer ----------------------------------------------------------------------------------
ARROWS = {"up": "↑ up", "down": "↓ down", "same": "= same", "not comparable": "not comparable"}


def _when(meta: ReportMeta) -> str:
    return f"published {human_date(meta.published)}"


def to_draft(report: ChangeReport, draft: Draft | None = None) -> Draft:
    """The change report as answer lines with [n] citations (for the chat and the exports)."""
    draft = draft if draft is not None else Draft([], [])
    e, lt = report.earlier.meta, report.later.meta
    draft.lines.append(
        f"**What changed in {report.authority}** between the inspection {_when(e)} "
        f"({FRAMEWORKS.get(e.framework, e.framework)}) and the inspection {_when(lt)} "
        f"({FRAMEWORKS.get(lt.framework, lt.framework)})."
    )
    draft.lines.append("")
    draft.lines.append("**Judgements**")
    for ch in report.judgements:
        draft.lines.append("- " + judgement_line(ch, draft))
    draft.lines.append("")
    if report.items:
        c = report.counts()
        draft.lines.append(
            f"**What the earlier report said needs to improve**, and what the later report says "
            f"({c['repeated']} repeated, {c['addressed']} addressed, {c['mixed']} mixed, "
            f"{c['not mentioned']} not mentioned):"
        )
        for it in report.items:
            draft.lines.append("- " + item_line(it, draft))
    for note in report.notes:
        draft.lines.append(f"*{note}*")
    return draft


def _side(p: JudgementPoint | None, draft: Draft) -> str:
    if p is None:
        return "not graded"
    if p.evidence is None:
        return f"{p.grade} (page {p.page})"
    return f"{p.grade} [{draft.add(p.evidence.passage, p.evidence.quote)}]"


def judgement_line(ch: JudgementChange, draft: Draft) -> str:
    line = f"{AREA_LABELS.get(ch.area, ch.area)}: {_side(ch.before, draft)} → {_side(ch.after, draft)} ({ARROWS[ch.direction]})"
    return line + (f"; {ch.note}" if ch.note else "")


def item_line(it: ItemStatus, draft: Draft) -> str:
    assert it.cited is not None
    parts = [f"“{it.cited.quote}” [{draft.add(it.cited.passage, it.cited.quote)}]: **{it.status}**, {it.reason}"]
    if it.listed_again and it.listed_again.cited:
        la = it.listed_again.cited
        parts.append(f"listed again: “{la.quote}” [{draft.add(la.passage, la.quote)}]")
    for s in it.evidence:
        parts.append(f"{s.polarity}: “{s.cited.quote}” [{draft.add(s.cited.passage, s.cited.quote)}]")
    return "; ".join(parts) + "."


def draft_changes(
    retriever, authority: str, date_from: str | None = None, date_to: str | None = None, draft: Draft | None = None
) -> Draft:
    """For the chat ("What has changed in Leeds since its last inspection?", "How has Bury
    changed between 2016 and 2021?"): the change report as answer lines with [n] citations.
    When there is nothing to compare (one inspection, unknown authority) the draft gets one
    line saying why and no citation; the caller may abstain on it."""
    draft = draft if draft is not None else Draft([], [])
    try:
        report = change_report(retriever, authority, date_from, date_to)
    except AssistantError as e:
        draft.lines.append(f"No comparison is possible: {e}.")
        return draft
    return to_draft(report, draft)

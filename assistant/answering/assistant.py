"""Assistant: question (+ conversation) -> Answer with [n] citations.

The default answerer is extractive and deterministic (no LLM): judgement, inspector, date
and "needs to improve" questions are answered from the extracted report metadata, cited to
the page that states it; aggregate questions from the judgements table; other questions
by quoting the best sentences of the retrieved passages. It abstains when the evidence is
weak. An LLM answerer is optional (answering/llm.py).
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Iterator, Sequence

from ..query import QueryFilters
from ..records import Answer, ReportMeta
from ..retrieval import Retriever
from . import aggregate
from .extractive import pick, score_sentences
from .facts import TEMPLATES, Draft, Facts, when
from .intent import Intent, also_asked, areas_in, classify

# Evidence for a general answer: cosine of the best sentence + OVERLAP_WEIGHT x the share of
# the question's keywords in it. Calibrated on on-topic and off-topic questions written for
# the purpose (tests/data/calibration_questions.jsonl), not on the dev questions.
OVERLAP_WEIGHT = 0.3
MIN_EVIDENCE = 0.56
MIN_EVIDENCE_OFF_FIELD = 0.8  # when the question has none of the field's words
_DOMAIN = re.compile(r"\b(" + "|".join(re.escape(t) for t in json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "domain_terms.json").read_text())["terms"]) + ")", re.I)
MAX_REPORTS_PER_ANSWER = 3
_FOLLOW_UP = re.compile(r"^\s*(and|what about|how about|also|same for|and for|and what about)\b|^\s*\w+( \w+){0,3}\?\s*$", re.I)
_PLACE = re.compile(r"\b((?:[A-Z][\w'’.-]+ ){0,3}[A-Z][\w'’.-]+?)(?:['’]s)? (?:(?:City |County |Borough |District )?Council|local authority|children['’]s services)\b")
_NOT_PLACES = {"ofsted", "the", "what", "how", "which", "who", "when", "did", "does", "local", "children", "england", "english", "his", "her", "majesty"}


def evidence(s) -> float:
    """How well the best sentence supports answering at all (see MIN_EVIDENCE)."""
    return s.similarity + OVERLAP_WEIGHT * s.overlap


class Assistant:
    def __init__(self, retriever: Retriever, llm=None):
        self.retriever = retriever
        self.facts = Facts(retriever)
        self.llm = llm  # an optional LLMAnswerer

    @classmethod
    def open(cls, **kwargs) -> "Assistant":
        """Open the index like Retriever.open(...) (same arguments and env settings); the LLM
        answerer is switched on when ASSISTANT_LLM_BASE_URL is set."""
        retriever = Retriever.open(**kwargs)
        llm = None
        if retriever.settings.llm_base_url:
            from .llm import LLMAnswerer

            llm = LLMAnswerer.from_settings(retriever.settings)
        return cls(retriever, llm)

    # -- public ---------------------------------------------------------------------------
    def ask(self, question: str, history: Sequence[tuple[str, str]] = (), authority: str | list[str] | None = None,
            published_from: str | None = None, published_to: str | None = None) -> Answer:
        """Answer a question. history: earlier (question, answer) turns, oldest first."""
        filters = self.retriever.understand(question, authority, published_from, published_to)
        filters, intent = self._with_context(question, filters, history)
        unknown = self._unknown_place(question, filters)
        if unknown:
            return self._abstain(question, [f"No inspection report of {unknown} is in the index."])
        answer = self._answer(question, filters, intent)
        if self.llm is not None and not answer.abstained and intent.kind == "general":
            *_, answer = self.llm.answer(self, question, filters, history, answer)
        return answer

    def ask_stream(self, question: str, history: Sequence[tuple[str, str]] = (), authority=None,
                   published_from=None, published_to=None) -> Iterator[str | Answer]:
        """Yield the answer text as it grows (str), then the final Answer. With an LLM the
        streamed text is the model's draft; the final Answer keeps only verified sentences."""
        filters = self.retriever.understand(question, authority, published_from, published_to)
        filters, intent = self._with_context(question, filters, history)
        if self.llm is not None and intent.kind == "general" and not self._unknown_place(question, filters):
            extractive = self._answer(question, filters, intent)
            if not extractive.abstained:
                yield from self.llm.answer(self, question, filters, history, extractive)
                return
        answer = self.ask(question, history, authority, published_from, published_to)
        words = answer.text.split(" ")
        for i in range(0, len(words), 12):
            yield " ".join(words[: i + 12])
        yield answer

    # -- routing --------------------------------------------------------------------------
    def _with_context(self, question: str, f: QueryFilters, history: Sequence[tuple[str, str]]) -> tuple[QueryFilters, Intent]:
        """Follow-ups inherit the authority, period and kind of question of earlier turns."""
        intent = classify(question, len(f.authorities))
        if not history or f.authorities:
            return f, intent
        for past_q, _ in reversed(list(history)):
            past = self.retriever.understand(past_q)
            if not past.authorities:
                continue
            keep_dates = not (f.published_from or f.published_to or f.recency)
            f = replace(f, authorities=past.authorities,
                        **({"published_from": past.published_from, "published_to": past.published_to,
                            "exact_date": past.exact_date, "recency": past.recency, "date_text": past.date_text}
                           if keep_dates else {}))
            intent = classify(question, len(f.authorities))
            if intent.kind == "general" and _FOLLOW_UP.search(question):
                past_intent = classify(past_q, len(past.authorities))
                areas = [a for a in areas_in(question) if a != "overall"]
                if past_intent.kind == "judgement":
                    intent = Intent("judgement", area=areas[0] if areas else past_intent.area)
                elif past_intent.kind in ("improve", "lead_inspector", "inspection_dates", "published_date") and not areas:
                    intent = past_intent
            return f, intent
        return f, intent

    def _unknown_place(self, question: str, f: QueryFilters) -> str:
        if f.authorities:
            return ""
        for m in _PLACE.finditer(question):
            words = [w for w in m.group(1).split() if w.lower().strip("'’") not in _NOT_PLACES]
            name = " ".join(words)
            if name and not self.retriever.matcher.find(name) and name.lower() not in _NOT_PLACES:
                return name
        return ""

    def _answer(self, question: str, f: QueryFilters, intent: Intent) -> Answer:
        catalog = self.retriever.catalog
        selection = catalog.select(f)
        notes = list(selection.notes)
        if selection.restricted and not selection.reports:
            return self._abstain(question, notes, nearest=[r for a in f.authorities for r in catalog.history(a)])
        if intent.kind == "aggregate":
            reports = list(catalog.reports)
            draft = (aggregate.judged(reports, intent.area, intent.grade, f, self.facts) if intent.grade
                     else aggregate.counts(reports, intent.area, f))
            return self._finish(question, draft, reports=(), notes=notes)
        if intent.kind == "history" and f.authorities:
            reports = catalog.history(f.authorities[0])
            area = next((a for a in areas_in(question) if a != "overall"), "overall")
            draft = aggregate.history(reports, area, f, self.facts)
            return self._finish(question, draft, reports=reports, notes=[])
        if intent.kind in ("judgement", "lead_inspector", "inspection_dates", "published_date", "improve") and selection.restricted:
            reports = list(selection.reports)[-MAX_REPORTS_PER_ANSWER:]
            draft = Draft([], [])
            intents = [intent, *also_asked(question, intent)]
            for meta in reports:
                for it in intents:
                    self._fact(meta, it, draft)
            if draft.citations or draft.lines:
                return self._finish(question, draft, reports=reports, notes=notes)
        return self._general(question, f, notes)

    def _fact(self, meta: ReportMeta, intent: Intent, draft: Draft) -> None:
        if intent.kind == "judgement":
            self.facts.judgement(meta, intent.area or "overall", draft)
        elif intent.kind == "lead_inspector":
            self.facts.lead_inspector(meta, draft)
        elif intent.kind in ("inspection_dates", "published_date"):
            self.facts.dates(meta, intent.kind, draft)
        elif intent.kind == "improve":
            self.facts.improvements(meta, draft)

    def _general(self, question: str, f: QueryFilters, notes: list[str]) -> Answer:
        r = self.retriever.retrieve(question, k=6, filters=f)
        scored = score_sentences(question, f.topic, list(r.passages), self.retriever.embedder)
        if not scored or evidence(scored[0]) < (MIN_EVIDENCE if _DOMAIN.search(question) else MIN_EVIDENCE_OFF_FIELD):
            nearest = list({p.citation.report_id: p for p in r.passages}.values())
            metas = [self.retriever.catalog.by_id[p.citation.report_id] for p in nearest if p.citation.report_id in self.retriever.catalog.by_id]
            return self._abstain(question, notes, nearest=metas[:3])
        chosen = pick(scored)
        draft = Draft([], [])
        by_report: dict[str, list] = {}
        for s in chosen:
            by_report.setdefault(s.passage.citation.report_id, []).append(s)
        catalog = self.retriever.catalog
        reports = [catalog.by_id[rid] for rid in by_report if rid in catalog.by_id]
        for rid, sentences in by_report.items():
            meta = catalog.by_id.get(rid)
            lead = (TEMPLATES["findings_lead"].format(authority=meta.local_authority, when=when(meta)) if meta
                    else TEMPLATES["findings_lead_many"])
            draft.lines.append(lead)
            for s in sentences:
                draft.lines.append(f"- {s.sentence} [{draft.add(s.passage, s.sentence)}]")
        return self._finish(question, draft, reports=reports, notes=notes)

    # -- results --------------------------------------------------------------------------
    def _finish(self, question: str, draft: Draft, reports, notes) -> Answer:
        if not draft.lines:
            return self._abstain(question, notes)
        return Answer(question=question, text="\n".join(draft.lines), citations=tuple(draft.citations),
                      abstained=False, inspections=tuple(reports), notes=tuple(notes))

    def _abstain(self, question: str, notes, nearest: Sequence[ReportMeta] = ()) -> Answer:
        lines = [TEMPLATES["abstain"]] + list(notes)
        if nearest:
            listed = ", ".join(f"{m.local_authority} ({when(m)})" for m in list(nearest)[-5:])
            lines.append(TEMPLATES["abstain_nearest"].format(reports=listed))
        return Answer(question=question, text=" ".join(lines), abstained=True, inspections=tuple(nearest), notes=tuple(notes))

    # -- inspection history (assistant/history) --------------------------------------------
    def history(self, authority: str):
        """An authority's indexed inspections, oldest first, with cited judgements (History)."""
        from ..history import build_history

        return build_history(self.retriever, authority)

    def changes(self, authority: str, published_from: str | None = None, published_to: str | None = None):
        """What changed between two inspections (default the last two): cited judgement changes
        and the earlier "what needs to improve" items with their status (ChangeReport)."""
        from ..history import change_report

        return change_report(self.retriever, authority, published_from, published_to)

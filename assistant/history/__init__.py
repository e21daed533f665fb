"""Inspection history of an authority, what changed between two inspections (judgements and
a tracker of the earlier "what needs to improve" items), national trends, and Word/Markdown
export. Built on the report metadata and passages the index holds; every statement cited.

    from assistant.history import build_history, change_report, trends
    h = build_history(retriever, "Leeds")          # History: inspections oldest first, cited judgements
    c = change_report(retriever, "Leeds")          # ChangeReport: last two inspections (or from/to dates)
"""

from __future__ import annotations

from .changes import ChangeReport, ItemStatus, JudgementChange, change_report, draft_changes, to_draft
from .timeline import Cited, History, Inspection, JudgementPoint, build_history, grade_rank

__all__ = [
    "ChangeReport",
    "ItemStatus",
    "JudgementChange",
    "change_report",
    "draft_changes",
    "to_draft",
    "Cited",
    "History",
    "Inspection",
    "JudgementPoint",
    "build_history",
    "grade_rank",
]

"""The catalog of indexed reports: which inspection(s) a question is about.

Given the authorities and dates understood in a question, choose the reports to search
and say which inspection was used ("the most recent", "published 9 May 2025").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .query import QueryFilters
from .records import ReportMeta


@dataclass(frozen=True)
class Selection:
    reports: tuple[ReportMeta, ...]  # empty with restricted=True: nothing matches
    restricted: bool  # False: search the whole index
    notes: tuple[str, ...] = field(default=())

    @property
    def report_ids(self) -> tuple[str, ...]:
        return tuple(r.report_id for r in self.reports)


def _key(meta: ReportMeta) -> str:
    return meta.local_authority.lower()


def _describe(meta: ReportMeta) -> str:
    return f"{meta.local_authority} (published {meta.published or 'date unknown'})"


class Catalog:
    def __init__(self, reports: list[ReportMeta]):
        self.reports = sorted(reports, key=lambda r: (r.published, r.source))
        self.by_id = {r.report_id: r for r in self.reports}
        self.by_source = {r.source: r for r in self.reports}
        self.by_authority: dict[str, list[ReportMeta]] = {}
        for r in self.reports:
            self.by_authority.setdefault(_key(r), []).append(r)

    @property
    def authorities(self) -> list[str]:
        return sorted(self.by_authority)

    def history(self, authority: str) -> list[ReportMeta]:
        """An authority's reports, oldest first."""
        return list(self.by_authority.get(authority.lower(), []))

    def first_after(self, authority: str, day: str) -> ReportMeta | None:
        """The authority's first report published after `day` (ISO): the one that describes
        events of that time."""
        return next((r for r in self.history(authority) if r.published and r.published > day), None)

    def select(self, f: QueryFilters) -> Selection:
        dated = bool(f.published_from or f.published_to or f.exact_date)
        if not f.authorities and not dated and not f.recency:
            return Selection((), restricted=False)
        groups = [self.history(a) for a in f.authorities] if f.authorities else [self.reports]
        chosen: list[ReportMeta] = []
        notes: list[str] = []
        for name, reports in zip(f.authorities or ("",), groups):
            label = reports[0].local_authority if reports else name.title()
            if f.authorities and not reports:
                notes.append(f"No inspection report of {name.title()} is in the index.")
                continue
            if dated:
                inside = in_range(reports, f)
                if not inside:
                    have = ", ".join(r.published for r in reports) if f.authorities else ""
                    notes.append(
                        f"No report{' of ' + label if f.authorities else ''} published in {f.date_text or 'that period'} is in the index"
                        + (f" (its reports were published {have})." if have else ".")
                    )
                    continue
                reports = inside
            if f.recency and reports:
                pick = _by_recency(reports, f.recency, f.authorities != ())
                chosen += pick
                notes += (
                    [
                        f"Used the {f.recency if f.recency != 'latest' else 'most recent'} inspection: {_describe(r)}."
                        for r in pick
                    ]
                    if f.authorities
                    else []
                )
            elif f.authorities and not dated:
                latest = reports[-1]
                chosen.append(latest)
                notes.append(f"Used the most recent inspection: {_describe(latest)}.")
            else:
                chosen += reports
                if f.authorities and len(reports) == 1:
                    notes.append(f"Used the inspection {_describe(reports[0])}.")
        return Selection(tuple(chosen), restricted=True, notes=tuple(notes))


def in_range(reports: list[ReportMeta], f: QueryFilters) -> list[ReportMeta]:
    """The reports published in f's period (its exact day, or the inspection that day); when
    none was, those inspected in it ("the 2022 inspection", published in January 2023)."""
    if f.exact_date:
        exact = [r for r in reports if r.published == f.exact_date]
        if exact:
            return exact
        within = [
            r
            for r in reports
            if r.inspection_start and r.inspection_start <= f.exact_date <= (r.inspection_end or r.inspection_start)
        ]
        if within:
            return within
    lo, hi = f.published_from or "0000", f.published_to or "9999"
    by_pub = [r for r in reports if r.published and lo <= r.published <= hi + "~"]
    if by_pub:
        return by_pub
    # "the inspection of March 2025": the inspection dates, when no publication matches
    return [
        r
        for r in reports
        if r.inspection_start and r.inspection_start <= hi + "~" and (r.inspection_end or r.inspection_start) >= lo
    ]


def _by_recency(reports: list[ReportMeta], recency: str, per_authority: bool) -> list[ReportMeta]:
    if recency in ("first", "next"):  # "next" with a date: the first report after it
        return reports[:1]
    if recency == "previous":
        return reports[-2:-1] or reports[-1:]
    return reports[-1:]

"""Plotly figures for the Authority view and the national trends (drawn by gr.Plot).

Grades sit on a four-point scale (outstanding 4 > good 3 > requires improvement 2 >
inadequate 1). A report without a grade for an area leaves a gap in that line, never a
made-up value; a 2026 report without an overall grade gets a note on the chart.
"""

from __future__ import annotations

import plotly.graph_objects as go

from ..answering.facts import human_date
from ..history import trends
from ..history.timeline import AREA_LABELS, RANK_LABELS, History
from .render import escape

COLOURS = {
    "overall": "#1d3557",
    "help_and_protection": "#e76f51",
    "children_in_care": "#2a9d8f",
    "care_leavers": "#8e44ad",
    "leaders": "#b5838d",
    "adoption": "#6c757d",
    "lscb": "#a68a00",
}
GRADE_COLOURS = {
    "Outstanding": "#1b7837",
    "Good": "#7fbf7b",
    "Requires improvement": "#f4a582",
    "Inadequate": "#b2182b",
    trends.NO_OVERALL: "#bdbdbd",
}
_OFFSET = {
    "overall": 0.0,
    "help_and_protection": -0.09,
    "children_in_care": -0.045,
    "care_leavers": 0.045,
    "leaders": 0.09,
    "adoption": -0.13,
    "lscb": 0.13,
}


def _layout(fig: go.Figure, title: str, height: int = 420) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 15}},
        height=height,
        margin={"l": 60, "r": 20, "t": 60, "b": 50},
        hovermode="closest",
        legend={"orientation": "h", "y": -0.18},
        plot_bgcolor="#ffffff",
        hoverlabel={"align": "left"},
    )
    return fig


def authority_chart(history: History) -> go.Figure:
    """Judgements over time, overall and each area, one line per area."""
    fig = go.Figure()
    dates = [i.meta.published for i in history.inspections]
    for area in history.areas:
        xs, ys, hover = [], [], []
        for ins in history.inspections:
            j = ins.judgement(area)
            together = False
            if j is None and area == "care_leavers":
                cic = ins.judgement("children_in_care")
                if cic is not None and cic.combined:
                    j, together = cic, True
            xs.append(ins.meta.published)
            if j is None or j.rank is None:
                ys.append(None)
                hover.append("")
                continue
            ys.append(j.rank + _OFFSET.get(area, 0.0))
            quote = j.evidence.quote if j.evidence else ""
            hover.append(
                f"<b>{escape(AREA_LABELS.get(area, area))}</b>: {escape(j.grade)}"
                + (" (children in care and care leavers graded together)" if together else "")
                + f"<br>{escape(history.authority)}, published {escape(human_date(ins.meta.published))}"
                + f"<br>{escape(ins.meta.title[:80])}<br>page {j.page}"
                + (f": “{escape(quote[:90])}”" if quote else "")
            )
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=AREA_LABELS.get(area, area),
                text=hover,
                hovertemplate="%{text}<extra></extra>",
                connectgaps=False,
                line={"color": COLOURS.get(area), "width": 3 if area == "overall" else 1.6},
                marker={"size": 11 if area == "overall" else 8},
            )
        )
    for ins in history.inspections:
        if ins.note:
            fig.add_annotation(
                x=ins.meta.published,
                y=4.45,
                text=escape(ins.note.split(":")[0]),
                showarrow=False,
                font={"size": 11, "color": "#555"},
                bgcolor="#f3f3f3",
            )
            fig.add_vline(x=ins.meta.published, line={"color": "#bbb", "dash": "dot", "width": 1})
    fig.update_yaxes(
        range=[0.6, 4.6],
        tickvals=[1, 2, 3, 4],
        ticktext=[RANK_LABELS[r] for r in (1, 2, 3, 4)],
        gridcolor="#eee",
        zeroline=False,
    )
    fig.update_xaxes(type="date", tickvals=dates, ticktext=[d[:7] for d in dates], gridcolor="#f4f4f4")
    return _layout(fig, f"{history.authority}: judgements at each inspection (hover a point for its report and page)")


def _names(reports, limit: int = 14) -> str:
    names = sorted({escape(r.local_authority) for r in reports})
    more = f"<br>… and {len(names) - limit} more" if len(names) > limit else ""
    return "<br>".join(names[:limit]) + more


def distribution_chart(reports, area: str = "overall") -> go.Figure:
    years = trends.by_year(reports, area)
    labels = [*trends.SCALE, trends.NO_OVERALL] if area == "overall" else list(trends.SCALE)
    fig = go.Figure()
    for label in labels:
        xs = list(years)
        counts = [len(years[y].get(label, [])) for y in xs]
        if not any(counts):
            continue
        hover = [f"<b>{y}: {label}</b> ({n})<br>{_names(years[y].get(label, []))}" for y, n in zip(xs, counts)]
        fig.add_trace(
            go.Bar(
                x=xs,
                y=counts,
                name=label,
                marker_color=GRADE_COLOURS.get(label),
                text=hover,
                hovertemplate="%{text}<extra></extra>",
                textposition="none",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=1, title="year of publication")
    fig.update_yaxes(title="reports", gridcolor="#eee")
    return _layout(fig, f"{AREA_LABELS.get(area, area)}: judgements by year of publication")


def transitions_chart(reports) -> go.Figure:
    trans = trends.transitions(reports)
    rows = list(trends.SCALE)
    cols = [*trends.SCALE, trends.NO_OVERALL]
    z, text, hover = [], [], []
    for a in rows:
        zr, tr, hr = [], [], []
        for b in cols:
            ts = trans.get((a, b), [])
            zr.append(len(ts))
            tr.append(str(len(ts)) if ts else "")
            hr.append(f"<b>{a} → {b}</b>: {len(ts)}<br>{_names([t.later for t in ts])}")
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=cols,
            y=rows,
            text=text,
            texttemplate="%{text}",
            customdata=hover,
            hovertemplate="%{customdata}<extra></extra>",
            colorscale="Blues",
            showscale=False,
        )
    )
    fig.update_yaxes(title="earlier inspection", autorange="reversed")
    fig.update_xaxes(title="next inspection", side="bottom")
    return _layout(fig, "Overall effectiveness: from one inspection to the next", height=400)

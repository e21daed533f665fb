"""Ways into the Authority tab from the other tabs: a row of the Reports tab (any cell but its
links), and the "Open the authority" button on each source card of an answer. Either one
selects the Authority tab and picks the authority there (which shows its history and change
report)."""

from __future__ import annotations

from typing import Any

import gradio as gr

AUTHORITY_TAB = "authority"
# On the sources panel (a gr.HTML): a click on a card's "Open the authority" button triggers the
# panel's click event with the authority's name (read by open_from_source).
SOURCE_CARD_JS = (
    "element.addEventListener('click', (e) => {"
    " const b = e.target.closest('button.open-authority');"
    " if (b) { e.preventDefault(); trigger('click', {authority: b.dataset.authority || ''}); }"
    "});"
)
LINKS_COLUMN = "Report"  # the Reports table's column of PDF/Ofsted links: a click there follows the link


def open_authority(name: str | None, known: set[str]) -> tuple[Any, Any]:
    """The Tabs and authority-picker updates that show an authority (nothing when unknown)."""
    name = (name or "").strip()
    if not name or name not in known:
        return gr.skip(), gr.skip()
    return gr.Tabs(selected=AUTHORITY_TAB), gr.update(value=name)


def authority_of_row(evt: gr.SelectData, headers: list[str]) -> str | None:
    """The authority of the clicked row of the reports table, or None for a click on its links."""
    col = evt.index[1] if isinstance(evt.index, (list, tuple)) and len(evt.index) > 1 else None
    if col is not None and col < len(headers) and headers[col] == LINKS_COLUMN:
        return None
    row = evt.row_value or []
    return str(row[0]) if row else None


def connect_authority_links(tabs: gr.Tabs, authority_pick: gr.Dropdown, reports_table, sources, headers, known):
    """Wire the Reports table's rows and the source cards' buttons to the Authority tab."""
    known = set(known)

    def from_row(evt: gr.SelectData):
        return open_authority(authority_of_row(evt, list(headers)), known)

    def from_source(evt: gr.EventData):
        data = getattr(evt, "_data", None) or {}
        return open_authority(data.get("authority") if isinstance(data, dict) else None, known)

    reports_table.select(from_row, None, [tabs, authority_pick], api_visibility="private")
    sources.click(from_source, None, [tabs, authority_pick], api_visibility="private")

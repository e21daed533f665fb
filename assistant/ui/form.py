"""Small helpers the quiz and training-pack parts share: HTML escaping, the date fields' check,
safe links and option letters."""

from __future__ import annotations

import html
import re

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SAFE_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)
LETTERS = "ABCDEFGHIJ"


def escape(text: str) -> str:
    return html.escape(text or "", quote=True)


def checked_date(value: str | None, label: str) -> str:
    """The date as typed (YYYY, YYYY-MM or YYYY-MM-DD), or ValueError saying how to write it."""
    value = (value or "").strip()
    if value and not _DATE.match(value):
        raise ValueError(f"the {label} date must be written YYYY, YYYY-MM or YYYY-MM-DD, not '{value}'")
    return value

"""Exact quotes: find a piece of text in a passage and return it verbatim (whitespace
collapsed), and check that a quote really stands on its cited page."""

from __future__ import annotations

import re

from ..records import CitedQuote, Passage


def collapse(text: str) -> str:
    return " ".join(text.split())


def find_verbatim(haystack: str, needle_pattern: str) -> str | None:
    """The first match of a regex (case-insensitive) in the whitespace-collapsed haystack,
    returned exactly as it stands there."""
    m = re.search(needle_pattern, collapse(haystack), re.IGNORECASE)
    return m.group(0).strip() if m else None


def loose_pattern(text: str) -> str:
    """A regex matching text with any whitespace between its words."""
    words = (re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in collapse(text).split(" "))
    # "requires improvement" is also written "require improvement" ("services ... require ...")
    return r"\s*".join(words).replace("requires", "requires?")


def quote_in(passages: list[Passage], pattern: str) -> tuple[Passage, str] | None:
    for p in passages:
        q = find_verbatim(p.text, pattern)
        if q:
            return p, q
    return None


def on_page(quote: str, page_text: str, next_page_text: str = "") -> bool:
    """True when the quote stands on the page (or starts there and runs onto the next)."""
    q = collapse(quote)
    return q in collapse(page_text) or q in collapse(page_text + " " + next_page_text)


def cite(n: int, passage: Passage, quote: str) -> CitedQuote:
    return CitedQuote(n=n, quote=quote, passage=passage)

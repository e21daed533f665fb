"""CLI commands that read the index: search, ask, eval, quiz (filled in as they land)."""
from __future__ import annotations


def add_commands(sub, index_options) -> None:
    return None

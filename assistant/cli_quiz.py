"""CLI subcommands (placeholder until the feature lands)."""
from __future__ import annotations


def add_commands(sub, index_options) -> None:
    return None

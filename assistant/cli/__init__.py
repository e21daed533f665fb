"""The `assistant` command: corpus fetch, ingest, search, eval, ask, quiz, pack, serve, history.

One module per group of subcommands, each with ``add_commands(sub, index_options)``; the
options every command that opens the index or takes a question shares are in ``options``.
``python app.py`` and ``python ingest.py`` are thin entry points that call ``main``.

Exit codes: 0 success; 1 some inputs failed (e.g. unreadable reports, reported and skipped;
the rest was done); 2 configuration or usage error (message says what to do); 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from ..errors import AssistantError
from .options import index_options, question_options, settings_from

__all__ = ["build_parser", "index_options", "main", "question_options", "settings_from"]

# each adds its subcommands: add_commands(sub, index_options)
COMMAND_MODULES = (
    "assistant.cli.corpus",
    "assistant.cli.search",
    "assistant.cli.evaluate",
    "assistant.cli.answer",
    "assistant.cli.quiz",
    "assistant.cli.pack",
    "assistant.cli.serve",
    "assistant.cli.history",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Ofsted children's services reports assistant")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_commands(sub, index_options)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AssistantError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "interrupted: what was completely indexed is kept; run the same command again to continue",
            file=sys.stderr,
        )
        return 130

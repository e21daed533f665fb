"""The `assistant` command: corpus fetch, ingest, search, ask, eval, quiz, serve.

Exit codes: 0 success; 1 some inputs failed (e.g. unreadable reports, reported and
skipped; the rest was done); 2 configuration or usage error (message says what to do);
130 interrupted.
"""

from __future__ import annotations

import argparse
import sys

from .errors import AssistantError
from .settings import Settings

COMMAND_MODULES = ("cli_search", "cli_answer", "cli_quiz", "cli_serve", "cli_history")


def _index_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("index")
    g.add_argument("--index", help="embedded index folder (env ASSISTANT_INDEX, default .index)")
    g.add_argument("--chroma-host", help="use a Chroma server at this host (env CHROMA_HOST)")
    g.add_argument("--chroma-port", type=int, help="Chroma server port (env CHROMA_PORT, default 8000)")
    g.add_argument("--collection", help="collection name prefix (env ASSISTANT_COLLECTION, default ofsted)")
    g.add_argument("--model", help="embedding model name or path (env ASSISTANT_MODEL)")


def question_options(p: argparse.ArgumentParser) -> None:
    """The options of commands that take a question (search, ask)."""
    p.add_argument("question", nargs="?")
    p.add_argument("--authority", help="restrict to this local authority")
    p.add_argument("--from", dest="published_from", help="published on or after (YYYY-MM-DD)")
    p.add_argument("--to", dest="published_to", help="published on or before (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--batch",
        help='JSONL file of {"id", "question", "history": [earlier questions]} lines; one JSON line out per question',
    )


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        index_path=getattr(args, "index", None),
        chroma_host=getattr(args, "chroma_host", None),
        chroma_port=getattr(args, "chroma_port", None),
        collection=getattr(args, "collection", None),
        model=getattr(args, "model", None),
    )


def cmd_corpus_fetch(args: argparse.Namespace) -> int:
    from .corpus import fetch

    s = Settings.from_env(mirror=args.mirror)
    result = fetch(s.manifest, args.dest or s.corpus_dir, include_all=args.all, mirror=s.mirror or None)
    print(f"{len(result.fetched)} fetched, {len(result.present)} already present, {len(result.failed)} failed")
    return 1 if result.failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from .indexing import ingest

    s = settings_from(args)
    summary = ingest(args.folder, s, prune=args.prune, rebuild=args.rebuild, progress=not args.quiet)
    for line in summary.lines():
        print(line)
    return summary.exit_code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description="Ofsted children's services reports assistant")
    sub = parser.add_subparsers(dest="command", required=True)

    corpus = sub.add_parser("corpus", help="manage the report corpus")
    csub = corpus.add_subparsers(dest="corpus_command", required=True)
    f = csub.add_parser("fetch", help="download the demo reports (or --all) listed in corpus/manifest.csv")
    f.add_argument("--all", action="store_true", help="all 497 reports, not just the demo subset")
    f.add_argument("--mirror", help="copy from this local folder instead of downloading (env CORPUS_MIRROR)")
    f.add_argument("--dest", help="target folder (default corpus/reports)")
    f.set_defaults(func=cmd_corpus_fetch)

    ing = sub.add_parser("ingest", help="index a folder of reports (PDF, DOCX, HTML, TXT, MD)")
    ing.add_argument("folder", nargs="?", default=None, help="folder or file (default corpus/reports)")
    ing.add_argument("--prune", action="store_true", help="remove indexed reports whose files are gone")
    ing.add_argument("--rebuild", action="store_true", help="drop the index and build it again")
    ing.add_argument("--quiet", action="store_true", help="no progress output")
    _index_options(ing)
    ing.set_defaults(func=cmd_ingest)

    import importlib

    for name in COMMAND_MODULES:  # each module adds its subcommands: add_commands(sub, index_options)
        importlib.import_module(f".{name}", __package__).add_commands(sub, _index_options)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "folder", "unset") is None:
        args.folder = Settings.from_env().corpus_dir
    try:
        return args.func(args)
    except AssistantError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "interrupted: what was completely indexed is kept; run the same command again to continue", file=sys.stderr
        )
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

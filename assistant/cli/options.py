"""Options shared by the commands: where the index is, and what a question may say."""

from __future__ import annotations

import argparse

from ..settings import Settings


def index_options(p: argparse.ArgumentParser) -> None:
    """The options of every command that opens the index."""
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
    """Settings from the environment, overridden by the index options given."""
    return Settings.from_env(
        index_path=getattr(args, "index", None),
        chroma_host=getattr(args, "chroma_host", None),
        chroma_port=getattr(args, "chroma_port", None),
        collection=getattr(args, "collection", None),
        model=getattr(args, "model", None),
    )


def open_retriever(args: argparse.Namespace):
    """The Retriever on the index the options name."""
    from ..retrieval import Retriever

    return Retriever.open(settings=settings_from(args))

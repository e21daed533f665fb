"""`assistant corpus fetch` and `assistant ingest`."""

from __future__ import annotations

import argparse

from ..settings import Settings
from .options import settings_from


def cmd_corpus_fetch(args: argparse.Namespace) -> int:
    from ..corpus import fetch

    s = Settings.from_env(mirror=args.mirror)
    result = fetch(s.manifest, args.dest or s.corpus_dir, include_all=args.all, mirror=s.mirror or None)
    print(f"{len(result.fetched)} fetched, {len(result.present)} already present, {len(result.failed)} failed")
    return 1 if result.failed else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from ..indexing import ingest

    s = settings_from(args)
    summary = ingest(args.folder or s.corpus_dir, s, prune=args.prune, rebuild=args.rebuild, progress=not args.quiet)
    for line in summary.lines():
        print(line)
    return summary.exit_code


def add_commands(sub, index_options) -> None:
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
    index_options(ing)
    ing.set_defaults(func=cmd_ingest)

"""Ingest benchmark on the whole shared corpus: pages/s, chunks/s, peak memory, the ratio of
ingest wall time to the time the embedding model alone takes on the same chunks in the same
run (target <= 1.15), and the time to re-ingest the unchanged corpus (target <= 20 s).

    python bench/ingest.py [--corpus ../shared/ofsted-reports] [--index /tmp/bench-index]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.embedding import SentenceTransformerEmbedder  # noqa: E402
from assistant.indexing import ingest  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "ofsted-reports"))
    ap.add_argument("--index", default="/tmp/bench-ingest-index")
    ap.add_argument("--keep", action="store_true", help="reuse an existing index (re-ingest timing only)")
    args = ap.parse_args()
    if not args.keep:
        shutil.rmtree(args.index, ignore_errors=True)
    settings = Settings.from_env(index_path=args.index, chroma_host="")
    embedder = SentenceTransformerEmbedder()
    embedder.embed_query("load the model before timing")

    t = time.time()
    first = ingest(args.corpus, settings, embedder=embedder, progress=True)
    wall = time.time() - t
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t = time.time()
    again = ingest(args.corpus, settings, embedder=embedder, progress=False)
    reingest = time.time() - t

    print("\n".join(first.lines()))
    print(f"\nfirst ingest:    {wall:.1f} s wall, {first.reports} reports, {first.pages} pages, {first.chunks} chunks")
    if first.chunks:
        print(f"throughput:      {first.pages / wall:.1f} pages/s, {first.chunks / wall:.1f} chunks/s")
        print(
            f"embedding alone: {first.embed_seconds:.1f} s on the same chunks "
            f"-> ingest/embedding ratio {wall / max(first.embed_seconds, 1e-9):.3f} (target <= 1.15)"
        )
    print(f"peak memory:     {peak_mb:.0f} MB (max RSS)")
    print(
        f"re-ingest:       {reingest:.1f} s for the unchanged corpus ({again.skipped} skipped, "
        f"{again.reports} re-indexed; target <= 20 s)"
    )
    print(f"failed files:    {len(first.failed)}")


if __name__ == "__main__":
    main()

"""Retrieval benchmark: the dev questions through four systems, in the same run.

1. **recipe, unfiltered**: LangChain's RAG tutorial as a user builds it first (pypdf pages,
   1,000/200-character splits, MiniLM, Chroma top-k), built in this run (cached under
   --baseline-dir for reruns);
2. **recipe, filtered**: the same index with a Chroma ``where`` filter on the chunks' authority
   and publication date, as a user of the recipe could add: the authorities and dates are those
   this project's query understanding reads from the question (the same filter, so the
   comparison isolates ranking and chunking);
3. **this project**: the Retriever, with its query understanding;
4. **this project, unfiltered**: the Retriever on the question text only (no authority or date
   understood), which shows how much of the gain comes from query understanding.

Questions whose report is not under --corpus are left out (so a small folder can be used).

    python bench/retrieval.py --index INDEX [--corpus ../shared/ofsted-reports] [--questions FILE]
    # a quick run on a few reports:
    python ingest.py SMALL_FOLDER --index /tmp/small-index
    python bench/retrieval.py --index /tmp/small-index --corpus SMALL_FOLDER --baseline-dir /tmp/small-recipe
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.corpus import read_manifest  # noqa: E402
from assistant.embedding import SentenceTransformerEmbedder  # noqa: E402
from assistant.evaluation import load_questions, retrieval_runs, score_retrieval  # noqa: E402
from assistant.query import QueryFilters  # noqa: E402
from assistant.records import Citation, Passage  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402

RECIPE_COLLECTION = "tutorial-v2"  # v2: chunks carry local_authority and published metadata


class TutorialRecipe:
    """LangChain's RAG tutorial, as a user builds it first; each chunk's metadata holds its
    file, page, and the report's authority and publication date (from the manifest)."""

    def __init__(self, corpus: Path, cache: Path, embedder, manifests: list[Path]):
        import chromadb

        self.embedder = embedder
        client = chromadb.PersistentClient(path=str(cache))
        self.col = client.get_or_create_collection(RECIPE_COLLECTION, embedding_function=None)
        if self.col.count() == 0:
            rows = {r.path: r for m in manifests for r in read_manifest(m)}
            self._build(corpus, rows)

    def _build(self, corpus: Path, rows: dict) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        t = time.time()
        docs = []
        for pdf in sorted(corpus.rglob("*.pdf")):
            source = pdf.relative_to(corpus).as_posix()
            try:
                reader = PdfReader(str(pdf))
                pages = [(i + 1, p.extract_text() or "") for i, p in enumerate(reader.pages)]
            except (PdfReadError, OSError, ValueError):  # the tutorial skips what pypdf cannot read
                continue
            row = rows.get(source)
            meta = {
                "source": source,
                "local_authority": row.local_authority.lower() if row else "",
                "published": row.publication_date if row else "",
            }
            for page, text in pages:
                for piece in splitter.split_text(text):
                    docs.append(({**meta, "page": page}, piece))
        print(f"[recipe] pypdf + splitter: {len(docs)} chunks in {time.time() - t:.0f} s", flush=True)
        t = time.time()
        for i in range(0, len(docs), 512):
            part = docs[i : i + 512]
            vecs = self.embedder.embed_documents([d[1] for d in part])
            self.col.add(
                ids=[f"d{i + j}" for j in range(len(part))],
                embeddings=vecs,
                documents=[d[1] for d in part],
                metadatas=[d[0] for d in part],
            )
        print(f"[recipe] embedded in {time.time() - t:.0f} s", flush=True)

    def search(self, question: str, k: int = 10, where: dict | None = None) -> list[Passage]:
        got = self.col.query(
            query_embeddings=[self.embedder.embed_query(question)],
            n_results=k,
            where=where,
            include=["documents", "metadatas", "distances"],
        )
        return [
            Passage(d, -dist, Citation(source=m["source"], page=m["page"]))
            for d, m, dist in zip(got["documents"][0], got["metadatas"][0], got["distances"][0])
        ]


def recipe_filter(retriever: Retriever, question: str) -> dict | None:
    """The Chroma ``where`` a recipe user would write for the authority and publication date(s)
    that this project reads from the question; None when the question names neither."""
    selection = retriever.catalog.select(retriever.understand(question))
    if not selection.restricted:
        return None
    authorities = sorted({r.local_authority.lower() for r in selection.reports})
    dates = sorted({r.published for r in selection.reports if r.published})
    if not authorities:  # the question names something absent from the index: nothing matches
        return {"source": "__none__"}
    clauses = [{"local_authority": {"$in": authorities}}]
    if dates:
        clauses.append({"published": {"$in": dates}})
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True, help="index of the corpus built by ingest.py")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "ofsted-reports"))
    ap.add_argument("--questions", default=str(ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"))
    ap.add_argument("--baseline-dir", default=str(ROOT / ".bench" / "tutorial-index"))
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    corpus = Path(args.corpus)
    questions = [q for q in load_questions(args.questions) if (corpus / q["report"]).is_file()]
    if not questions:
        sys.exit(f"no question of {args.questions} is about a report under {corpus}")
    embedder = SentenceTransformerEmbedder()
    recipe = TutorialRecipe(
        corpus, Path(args.baseline_dir), embedder, [corpus / "manifest.csv", ROOT / "corpus" / "manifest.csv"]
    )
    retriever = Retriever.open(settings=Settings.from_env(index_path=args.index, chroma_host=""), embedder=embedder)
    retriever.search("warm up", k=1)
    no_filters = QueryFilters()
    wheres = {q["question"]: recipe_filter(retriever, q["question"]) for q in questions}  # outside the timing

    systems = {
        "recipe, unfiltered": lambda q: recipe.search(q, 10),
        "recipe, filtered": lambda q: recipe.search(q, 10, where=wheres[q]),
        "this project": lambda q: retriever.search(q, k=10),
        "this project, unfiltered": lambda q: list(retriever.retrieve(q, k=10, filters=no_filters).passages),
    }
    results = {
        name: score_retrieval(questions, *retrieval_runs(search, questions), k=args.k)
        for name, search in systems.items()
    }

    k = args.k
    cols = [f"report_hit@{k}", f"page_hit@{k}", "page_mrr", "page_ndcg@10", "p50_ms", "p95_ms"]
    print(f"\n{len(questions)} questions ({args.questions}) on the reports under {corpus}")
    print("system".ljust(26) + "".join(c.rjust(14) for c in cols))
    for system, by_group in results.items():
        print(system.ljust(26) + "".join(f"{by_group['all'][c]:>14}" for c in cols))
    print("\nby question type:")
    print("system".ljust(26) + "group".ljust(26) + "".join(c.rjust(14) for c in cols))
    for system, by_group in results.items():
        for group, row in by_group.items():
            if group != "all":
                print(system.ljust(26) + f"{group} (n={row['n']})".ljust(26) + "".join(f"{row[c]:>14}" for c in cols))
    hit = {name: r["all"][f"page_hit@{k}"] for name, r in results.items()}
    print(
        f"\npage_hit@{k}: this project {hit['this project']:.3f}, unfiltered {hit['this project, unfiltered']:.3f}; "
        f"recipe filtered {hit['recipe, filtered']:.3f}, unfiltered {hit['recipe, unfiltered']:.3f}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

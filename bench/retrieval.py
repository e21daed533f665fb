"""Retrieval benchmark on the whole shared corpus: the dev questions through
(a) the LangChain tutorial recipe (pypdf pages, 1,000/200-character splits, MiniLM, Chroma
top-k), built in this run (cached under --baseline-dir for reruns), and (b) this project's
Retriever on an index of the same corpus. Prints quality and latency side by side.

    python bench/retrieval.py --index /path/to/full-index [--corpus ../shared/ofsted-reports]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.embedding import SentenceTransformerEmbedder  # noqa: E402
from assistant.evaluation import load_questions, retrieval_runs, score_retrieval  # noqa: E402
from assistant.records import Citation, Passage  # noqa: E402
from assistant.retrieval import Retriever  # noqa: E402
from assistant.settings import Settings  # noqa: E402


class TutorialRecipe:
    """LangChain's RAG tutorial, as a user builds it first."""

    def __init__(self, corpus: Path, cache: Path, embedder):
        import chromadb

        self.embedder = embedder
        client = chromadb.PersistentClient(path=str(cache))
        self.col = client.get_or_create_collection("tutorial", embedding_function=None)
        if self.col.count() == 0:
            self._build(corpus)

    def _build(self, corpus: Path) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter
        from pypdf import PdfReader

        splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        t = time.time()
        docs = []
        for pdf in sorted(corpus.rglob("*.pdf")):
            try:
                reader = PdfReader(str(pdf))
                pages = [(i + 1, p.extract_text() or "") for i, p in enumerate(reader.pages)]
            except Exception:  # noqa: BLE001 - the tutorial skips what pypdf cannot read
                continue
            for page, text in pages:
                for piece in splitter.split_text(text):
                    docs.append((pdf.relative_to(corpus).as_posix(), page, piece))
        print(f"[baseline] pypdf + splitter: {len(docs)} chunks in {time.time() - t:.0f} s", flush=True)
        t = time.time()
        for i in range(0, len(docs), 512):
            part = docs[i:i + 512]
            vecs = self.embedder.embed_documents([d[2] for d in part])
            self.col.add(ids=[f"d{i + j}" for j in range(len(part))], embeddings=vecs, documents=[d[2] for d in part],
                         metadatas=[{"source": d[0], "page": d[1]} for d in part])
        print(f"[baseline] embedded in {time.time() - t:.0f} s", flush=True)

    def search(self, question: str, k: int = 10) -> list[Passage]:
        got = self.col.query(query_embeddings=[self.embedder.embed_query(question)], n_results=k,
                             include=["documents", "metadatas", "distances"])
        return [Passage(d, -dist, Citation(source=m["source"], page=m["page"]))
                for d, m, dist in zip(got["documents"][0], got["metadatas"][0], got["distances"][0])]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--index", required=True, help="index of the whole corpus built by ingest.py")
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "ofsted-reports"))
    ap.add_argument("--questions", default=str(ROOT.parent / "shared" / "eval" / "dev_questions.jsonl"))
    ap.add_argument("--baseline-dir", default=str(ROOT / ".bench" / "tutorial-index"))
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()

    questions = load_questions(args.questions)
    embedder = SentenceTransformerEmbedder()
    results = {}
    baseline = TutorialRecipe(Path(args.corpus), Path(args.baseline_dir), embedder)
    runs = retrieval_runs(lambda q: baseline.search(q, 10), questions)
    results["tutorial recipe"] = score_retrieval(questions, *runs, k=args.k)

    retriever = Retriever.open(settings=Settings.from_env(index_path=args.index, chroma_host=""), embedder=embedder)
    retriever.search("warm up", k=1)
    runs = retrieval_runs(lambda q: retriever.search(q, k=10), questions)
    results["this project"] = score_retrieval(questions, *runs, k=args.k)

    k = args.k
    cols = [f"report_hit@{k}", f"page_hit@{k}", "page_mrr", "page_ndcg@10", "p50_ms", "p95_ms"]
    print(f"\n{len(questions)} questions ({args.questions})")
    print("system".ljust(18) + "group".ljust(20) + "".join(c.rjust(14) for c in cols))
    for system, by_group in results.items():
        for group, row in by_group.items():
            print(system.ljust(18) + f"{group} (n={row['n']})".ljust(20) + "".join(f"{row[c]:>14}" for c in cols))
    a, b = results["tutorial recipe"]["all"], results["this project"]["all"]
    print(f"\npage_hit@{k}: {b[f'page_hit@{k}']:.3f} vs {a[f'page_hit@{k}']:.3f} "
          f"({b[f'page_hit@{k}'] / max(a[f'page_hit@{k}'], 1e-9):.2f}x the tutorial recipe)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

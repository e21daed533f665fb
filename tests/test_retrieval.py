"""Retrieval against a real index of shared reports: API, filters, query understanding,
hybrid ranking, near-duplicates, LangChain, threads, CLI and the evaluation harness."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from assistant import Passage

from conftest import ROOT, SAMPLE

DORSET_2025, DORSET_2021, BHAM_2014, BHAM_2019, SOMERSET_2026, NORTH_N, WEST_N = SAMPLE
BHAM_2023 = "80429_birmingham/children's services inspection - 18 april 2023.pdf"  # the latest of the sample


def test_search_returns_cited_passages(retriever):
    hits = retriever.search("What does Dorset need to improve?", k=5)
    assert hits and all(isinstance(p, Passage) for p in hits)
    top = hits[0].citation
    assert (top.source, top.page) == (DORSET_2025, 2)  # the latest Dorset report, its improvement list
    assert "clarity and detail of the care leaver offer" in hits[0].text
    assert top.local_authority == "Dorset" and top.published == "2025-05-09" and top.url.startswith("https://")
    assert top.title.startswith("Inspection of Dorset")
    assert [p.score for p in hits] == sorted([p.score for p in hits], reverse=True)


def test_authority_without_date_uses_latest_and_says_so(retriever):
    r = retriever.retrieve("How are care leavers supported in Birmingham?", k=5)
    assert {p.citation.source for p in r.passages} == {BHAM_2023}
    assert any("most recent" in n and "2023-04-18" in n for n in r.notes)


def test_dates_in_the_question_pick_the_inspection(retriever):
    r = retriever.retrieve("What did Ofsted find about Birmingham's MASH in 2014?", k=3)
    assert {p.citation.source for p in r.passages} == {BHAM_2014}
    r = retriever.retrieve("Dorset inspection published in November 2021: leaders", k=3)
    assert {p.citation.source for p in r.passages} == {DORSET_2021}


def test_explicit_filters_override_the_text(retriever):
    hits = retriever.search(
        "help and protection for children",
        k=5,
        authority="Dorset",
        published_from="2021-01-01",
        published_to="2021-12-31",
    )
    assert hits and {p.citation.source for p in hits} == {DORSET_2021}


def test_no_report_in_the_asked_period_returns_nothing_with_a_note(retriever):
    r = retriever.retrieve("How was Dorset judged in 2017?")
    assert r.passages == () and any("No report of Dorset published in 2017" in n for n in r.notes)


def test_near_duplicates_between_north_and_west_northamptonshire(retriever):
    """The two 2022 reports share whole sections: a question naming neither gets one copy;
    a question naming both may get both."""
    north = retriever.report_chunks(retriever.catalog.by_source[NORTH_N].report_id)
    west_texts = {c.text for c in retriever.report_chunks(retriever.catalog.by_source[WEST_N].report_id)}
    shared = next(c for c in north if c.text in west_texts and len(c.text) > 300)
    plain = retriever.search(shared.text[:300], k=5)
    sources = [p.citation.source for p in plain if p.text == shared.text]
    assert len(sources) == 1
    both = retriever.search("North Northamptonshire and West Northamptonshire: " + shared.text[:300], k=5)
    assert {p.citation.source for p in both if p.text == shared.text} == {NORTH_N, WEST_N}


def test_langchain_retriever_in_a_chain(retriever):
    from langchain_core.documents import Document
    from langchain_core.retrievers import BaseRetriever
    from langchain_core.runnables import RunnableLambda

    lc = retriever.as_langchain(k=3)
    assert isinstance(lc, BaseRetriever)
    chain = lc | RunnableLambda(lambda docs: [(d.metadata["source"], d.metadata["page"]) for d in docs])
    assert chain.invoke("What does Dorset need to improve?")[0] == (DORSET_2025, 2)
    docs = lc.invoke("lead inspector Somerset")
    assert all(isinstance(d, Document) for d in docs)
    assert {"source", "page", "paragraph", "local_authority", "published", "url", "heading", "score"} <= set(
        docs[0].metadata
    )


def test_one_retriever_shared_between_threads(retriever):
    questions = [
        "What does Dorset need to improve?",
        "Somerset care leavers",
        "Birmingham 2014 adoption",
        "lead inspector Birmingham 2019",
    ] * 4
    sequential = [[p.chunk_id for p in retriever.search(q, k=3)] for q in questions]
    with ThreadPoolExecutor(8) as pool:
        parallel = list(pool.map(lambda q: [p.chunk_id for p in retriever.search(q, k=3)], questions))
    assert parallel == sequential


def _cli(settings, *args):
    cmd = [sys.executable, "-m", "assistant.cli", *args, "--index", settings.index_path]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_cli_search_json_and_batch(sample_index, tmp_path):
    settings, _, _ = sample_index
    run = _cli(settings, "search", "What does Dorset need to improve?", "--json", "--k", "3")
    assert run.returncode == 0, run.stderr
    hits = json.loads(run.stdout)["hits"]
    assert hits[0]["source"] == DORSET_2025 and hits[0]["page"] == 2 and hits[0]["rank"] == 1
    batch = tmp_path / "q.jsonl"
    batch.write_text(
        '{"id": "a", "question": "Who led Somerset\'s inspection?"}\n{"id": "b", "question": "Birmingham 2014 adoption"}\n'
    )
    run = _cli(settings, "search", "--batch", str(batch), "--json")
    lines = [json.loads(x) for x in run.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", "b"]
    assert set(lines[0]["hits"][0]) == {
        "rank",
        "score",
        "text",
        "source",
        "page",
        "paragraph",
        "local_authority",
        "published",
        "heading",
        "url",
    }
    assert lines[0]["hits"][0]["source"] == SOMERSET_2026


def test_evaluation_harness(retriever):
    from assistant.evaluation import evaluate_retrieval, format_table, load_questions

    questions = [q for q in load_questions(ROOT / "tests" / "data" / "sample_questions.jsonl") if q["report"]]
    results = evaluate_retrieval(retriever, questions, k=5)
    assert results["all"]["n"] == len(questions)
    assert results["all"]["report_hit@5"] == 1.0
    assert results["all"]["page_hit@5"] >= 0.85
    assert 0 < results["all"]["page_ndcg@10"] <= 1 and results["all"]["p95_ms"] > 0
    assert "lead_inspector" in results and "page_hit@5" in format_table(results)


def test_cli_eval_json(sample_index):
    settings, _, _ = sample_index
    run = _cli(settings, "eval", str(ROOT / "tests" / "data" / "sample_questions.jsonl"), "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["all"]["report_hit@5"] > 0.5


def test_optional_cross_encoder_reranker(retriever):
    """The reranking plumbing with a locally available model (the MiniLM folder loaded as a
    cross-encoder: its scores are meaningless, the test checks the path, not quality)."""
    from dataclasses import replace

    from assistant.embedding import resolve_model_path
    from assistant.retrieval import Retriever

    reranking = Retriever(
        retriever.store,
        retriever.embedder,
        replace(retriever.settings, reranker=resolve_model_path("all-MiniLM-L6-v2")),
    )
    hits = reranking.search("What does Dorset need to improve?", k=5)
    plain = retriever.search("What does Dorset need to improve?", k=5)
    assert len(hits) == 5 and {p.citation.source for p in hits} == {p.citation.source for p in plain}
    assert reranking._reranker is not None


# -- one snapshot per query ---------------------------------------------------------------------
class SwappingEmbedder:
    """Embeds like the real one; on the first query it swaps the retriever's snapshot, as a
    refresh by another thread (an ingest while serving) would in the middle of a query."""

    def __init__(self, embedder, swap):
        self.inner, self.swap, self.name = embedder, swap, embedder.name

    def embed_documents(self, texts):
        return self.inner.embed_documents(texts)

    def embed_query(self, text):
        if self.swap:
            self.swap()
            self.swap = None
        return self.inner.embed_query(text)


def test_a_query_uses_one_snapshot_even_when_it_is_swapped_midway(sample_index, embedder):
    from assistant.retrieval import Retriever
    from assistant.snapshot import Snapshot

    settings = sample_index[0]
    r = Retriever.open(settings=settings, embedder=embedder)
    r.reports()  # loads the catalog and the snapshot
    reordered = Snapshot(list(reversed(list(r.store.iter_chunks(vectors=True)))))  # same chunks, other rows
    r.embedder = SwappingEmbedder(embedder, lambda: setattr(r, "_snap", reordered))
    hits = r.search("What does Dorset need to improve?", k=5)
    assert r._snap is reordered  # the swap happened during the query
    assert hits and {h.citation.local_authority for h in hits} == {"Dorset"}
    assert hits[0].citation.source == DORSET_2025 and hits[0].citation.page == 2


def test_questions_answered_while_an_ingest_runs(corpus_dir, tmp_path, embedder):
    import threading

    from assistant.answering.assistant import Assistant
    from assistant.indexing import ingest
    from assistant.retrieval import Retriever
    from assistant.settings import Settings

    from conftest import copy_reports

    folder = copy_reports(corpus_dir, tmp_path / "reports", [DORSET_2025])
    settings = Settings.from_env(
        index_path=str(tmp_path / "index"), manifest=str(ROOT / "corpus" / "manifest.csv"), chroma_host=""
    )
    ingest(folder, settings, embedder=embedder, progress=False)
    assistant = Assistant(Retriever.open(settings=settings, embedder=embedder))
    copy_reports(corpus_dir, folder, [BHAM_2014, SOMERSET_2026])
    done = threading.Event()
    errors: list[BaseException] = []

    def run_ingest():
        try:
            ingest(folder, settings, embedder=embedder, progress=False, on_report=lambda _: None)
        except BaseException as e:  # noqa: BLE001 - re-raised in the test thread
            errors.append(e)
        finally:
            done.set()

    worker = threading.Thread(target=run_ingest)
    worker.start()
    answered = 0
    try:
        while not done.is_set() or answered < 3:
            assistant.retriever._checked = 0.0  # look for a new revision on every question
            answer = assistant.ask("What does Dorset need to improve?")
            assert not answer.abstained and answer.citations
            assert {c.passage.citation.local_authority for c in answer.citations} == {"Dorset"}
            answered += 1
    finally:
        worker.join(timeout=600)
    assert not errors, errors
    assistant.retriever._checked = 0.0
    assert {r.local_authority for r in assistant.retriever.reports()} == {"Dorset", "Birmingham", "Somerset"}
    assert {c.passage.citation.source for c in assistant.ask("How was Birmingham judged in 2014?").citations} == {
        BHAM_2014
    }

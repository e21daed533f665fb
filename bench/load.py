"""Load test of a running app: N concurrent gradio_client users asking questions for D seconds.

    python bench/load.py http://127.0.0.1:7860/ [--users 16] [--duration 60] [--auth user:password]

Each user opens its own Client and calls the /ask endpoint in a loop (questions taken in turn
from a fixed list). Prints the number of answers, errors, throughput and p50/p95/max latency.
Exit code 1 when any request failed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.settings import Settings  # noqa: E402

QUESTIONS = [
    "What does Dorset need to improve?",
    "How was Birmingham judged in 2014?",
    "Who led Somerset's 2026 inspection?",
    "How well are care leavers supported?",
    "What did inspectors say about the quality of social work practice?",
    "How effective is the front door and multi-agency safeguarding hub?",
    "Are children in care visited regularly by their social workers?",
    "What are the strengths of leadership in North Northamptonshire?",
    "How timely are child protection enquiries?",
    "What did Ofsted find about caseloads and workforce stability?",
]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def run(url: str, users: int, duration: float, auth: tuple[str, str] | None) -> dict:
    """Connect every user, then let them all ask for duration seconds."""
    from gradio_client import Client

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    connected = threading.Semaphore(0)
    go = threading.Event()
    deadline = [0.0]

    def user(i: int) -> None:
        try:
            client = Client(url, auth=auth, verbose=False)
        except Exception as e:  # noqa: BLE001 - any client failure counts as an error of the run
            with lock:
                errors.append(f"connect: {e}")
            return
        finally:
            connected.release()
        go.wait()
        n = i
        while time.monotonic() < deadline[0]:
            question = QUESTIONS[n % len(QUESTIONS)]
            n += users
            t = time.monotonic()
            try:
                result = client.predict(question, "", "", "", api_name="/ask")
                if not isinstance(result, dict) or "answer" not in result:
                    raise ValueError(f"unexpected result {str(result)[:80]}")
            except Exception as e:  # noqa: BLE001 - any client failure counts as an error of the run
                with lock:
                    errors.append(f"{question!r}: {e}")
                continue
            with lock:
                latencies.append(time.monotonic() - t)

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for th in threads:
        th.start()
    for _ in threads:
        connected.acquire(timeout=120)
    deadline[0] = time.monotonic() + duration
    t0 = time.monotonic()
    go.set()
    for th in threads:
        th.join(timeout=duration + 300)
    return {"latencies": latencies, "errors": errors, "elapsed": time.monotonic() - t0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="URL of the running app, e.g. http://127.0.0.1:7860/")
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--auth", help="user:password if login is on (env ASSISTANT_AUTH)")
    args = parser.parse_args(argv)
    auth = Settings.from_env(auth=args.auth).login
    print(f"{args.users} users asking {args.url} for {args.duration:.0f} s ...", flush=True)
    r = run(args.url, args.users, args.duration, auth)  # type: ignore[arg-type]
    lat, errors = r["latencies"], r["errors"]
    print(f"answers: {len(lat)}  errors: {len(errors)}  throughput: {len(lat) / max(r['elapsed'], 1e-9):.2f}/s")
    if lat:
        print(
            f"latency s: p50 {percentile(lat, 0.5):.2f}  p95 {percentile(lat, 0.95):.2f}  "
            f"mean {statistics.mean(lat):.2f}  max {max(lat):.2f}"
        )
    for e in errors[:5]:
        print(f"  error: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
